package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// Surprising answers from CertCentral give a clear error or are handled,
// never a panic or a corrupt state.
func TestAccFaults_malformedOrderInfo(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	cfg := dvMinimalHCL(s, csr, "")
	inject := func(f sandbox.Fault) func() {
		return func() { s.ClearFaults(); s.InjectFault(f) }
	}
	getOrder := func(kind sandbox.FaultKind) sandbox.Fault {
		return sandbox.Fault{Method: "GET", PathPrefix: "/order/certificate/*", Kind: kind}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig:   inject(getOrder(sandbox.FaultTruncateBody)),
				Config:      cfg,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Unable\s+to\s+Read\s+Order.*decoding\s+the\s+HTTP\s+200\s+answer`),
			},
			{
				PreConfig:   inject(sandbox.Fault{Method: "GET", PathPrefix: "/order/certificate/*", Kind: sandbox.FaultBody, Status: 200, Body: sandbox.HTMLErrorPage(200)}),
				Config:      cfg,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Unable\s+to\s+Read\s+Order.*<html`),
			},
			{
				// Extra fields are ignored: nothing changes.
				PreConfig: inject(getOrder(sandbox.FaultExtraFields)),
				Config:    cfg,
				PlanOnly:  true,
			},
			{
				// An unknown status is data: recorded, not a crash, and not a
				// reason to order again.
				PreConfig: inject(getOrder(sandbox.FaultUnknownStatus)),
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionNoop),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(dvAddr, "status", "sandbox_unknown_status"),
					checkOrderCount(s, 1),
				),
			},
			{
				PreConfig: s.ClearFaults,
				Config:    cfg,
				Check:     resource.ComposeAggregateTestCheckFunc(resource.TestCheckResourceAttr(dvAddr, "status", "needs_approval"), checkOrderCount(s, 1)),
			},
		},
	})
}

// An order whose 201 answer arrives cut in half was placed: the provider
// reports the outcome as unknown instead of ordering again.
func TestAccFaults_truncatedOrderAnswerIsOutcomeUnknown(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	s.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/order/certificate/", Kind: sandbox.FaultTruncateBody, Count: 1})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if n := len(acctest.OrderPOSTs(s)); n != 1 {
				return fmt.Errorf("the provider sent %d order POSTs, want 1", n)
			}
			return checkOrderCount(s, 1)(nil)
		},
		Steps: []resource.TestStep{{
			Config:      dvMinimalHCL(s, csr, ""),
			ExpectError: regexp.MustCompile(`Order Outcome Unknown`),
		}},
	})
}

// A slow CertCentral: the validation wait ends at its timeout, not at the
// 45-minute default, and the order is untouched.
func TestAccFaults_slowServerTimeoutRespected(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	var started time.Time
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "PUT", PathPrefix: "/order/certificate/*/check-dcv", Kind: sandbox.FaultLatency, Latency: 4 * time.Second})
					started = time.Now()
				},
				Config:      dvWithValidationHCL(s, csr, "dns-txt-token", "", `  timeouts = { create = "2s" }`),
				ExpectError: regexp.MustCompile(`(?s)DV Validation Not Complete.*timed\s+out\s+after\s+2s`),
			},
			{
				PreConfig: func() {
					// Generous bound: the wait must end near its 2 s timeout
					// (plus one in-flight request), not run on.
					if elapsed := time.Since(started); elapsed > 30*time.Second {
						t.Fatalf("the apply took %s with a 2s validation timeout", elapsed)
					}
					s.ClearFaults()
				},
				Config:   dvWithValidationHCL(s, csr, "dns-txt-token", "", `  timeouts = { create = "2s" }`),
				PlanOnly: true, ExpectNonEmptyPlan: true,
				Check: checkOrderCount(s, 1),
			},
		},
	})
}
