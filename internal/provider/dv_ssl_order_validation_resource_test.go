package provider

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"regexp"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

const validationAddr = "digicert_dv_ssl_order_validation.test"

// dvWithValidationHCL is an order and its validation resource.
func dvWithValidationHCL(s *sandbox.Server, csr, method, orderExtra, validationExtra string) string {
	return acctest.ProviderConfig(s) + fmt.Sprintf(`
resource "digicert_dv_ssl_order" "test" {
  product_name_id = "ssl_dv_geotrust"
  certificate = {
    common_name = "www.example.org"
    dns_names   = ["api.example.org"]
    csr         = %[1]q
  }
  validity_years = 1
  skip_approval  = true
  dcv_method     = %[2]q
%[3]s
}

resource "digicert_dv_ssl_order_validation" "test" {
  order_id      = digicert_dv_ssl_order.test.id
  poll_interval = "100ms"
%[4]s
}
`, csr, method, orderExtra, validationExtra)
}

// whenOrdered runs fn in the background once the sandbox holds an order
// beyond the first `after`, standing in for a person or a DNS provider
// acting while Terraform waits. ctx ends with the test, whose end waits for
// fn to return.
func whenOrdered(t *testing.T, s *sandbox.Server, after int, fn func(ctx context.Context, o sandbox.Order)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	t.Cleanup(func() { cancel(); <-done })
	go func() {
		defer close(done)
		var o sandbox.Order
		if waitFor(ctx, func() bool {
			orders := s.Orders()
			if len(orders) > after {
				o = orders[after]
			}
			return len(orders) > after
		}) {
			fn(ctx, o)
		}
	}()
}

// waitFor checks cond against the sandbox until it holds (true) or ctx ends
// (false).
func waitFor(ctx context.Context, cond func() bool) bool {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			return false
		case <-tick.C:
		}
	}
	return true
}

// checkedDCV reports whether the sandbox was asked to check order id's DCV
// at least once: the validation resource is then waiting.
func checkedDCV(s *sandbox.Server, id int) func() bool {
	return func() bool {
		return s.CountRequests("PUT", fmt.Sprintf("/services/v2/order/certificate/%d/check-dcv", id)) > 0
	}
}

// publishTXT publishes the TXT records DigiCert looks for, for every name
// of o, with its current random value.
func publishTXT(s *sandbox.Server, o sandbox.Order) {
	for _, n := range o.DNSNames {
		rec, _ := dcvRecordFor("dns-txt-token", n)
		s.PublishDNS("TXT", rec.Name, o.DCVRandomValue)
	}
}

// checkIssuedPEMs parses the PEM attributes of addr and checks the leaf
// names and that the chain verifies to the sandbox root.
func checkIssuedPEMs(s *sandbox.Server, addr string, names ...string) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		attrs := st.RootModule().Resources[addr].Primary.Attributes
		block, _ := pem.Decode([]byte(attrs["certificate_pem"]))
		if block == nil {
			return fmt.Errorf("%s.certificate_pem is not PEM: %q", addr, attrs["certificate_pem"])
		}
		leaf, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return err
		}
		inter := x509.NewCertPool()
		if !inter.AppendCertsFromPEM([]byte(attrs["chain_pem"])) {
			return fmt.Errorf("%s.chain_pem holds no certificate", addr)
		}
		roots := x509.NewCertPool()
		if !roots.AppendCertsFromPEM([]byte(attrs["root_pem"])) || attrs["root_pem"] != s.RootPEM() {
			return fmt.Errorf("%s.root_pem is not the sandbox root", addr)
		}
		for _, n := range names {
			if _, err := leaf.Verify(x509.VerifyOptions{DNSName: n, Intermediates: inter, Roots: roots}); err != nil {
				return fmt.Errorf("leaf does not verify for %s: %v", n, err)
			}
		}
		if attrs["full_chain_pem"] != attrs["certificate_pem"]+attrs["chain_pem"] {
			return fmt.Errorf("full_chain_pem is not the leaf followed by the chain")
		}
		if got, want := attrs["not_after"], leaf.NotAfter.UTC().Format(time.RFC3339); got != want {
			return fmt.Errorf("not_after = %q, want %q", got, want)
		}
		return nil
	}
}

func TestAccDVSSLOrderValidation_dnsTXT(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	whenOrdered(t, s, 0, func(_ context.Context, o sandbox.Order) { publishTXT(s, o) })
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: dvWithValidationHCL(s, csr, "dns-txt-token", "", ""),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 1),
					resource.TestCheckResourceAttr(validationAddr, "status", "issued"),
					resource.TestCheckResourceAttr(validationAddr, "dns_name_validations.www.example.org", "approved"),
					resource.TestCheckResourceAttr(validationAddr, "dns_name_validations.api.example.org", "approved"),
					resource.TestCheckResourceAttrPair(validationAddr, "id", dvAddr, "id"),
					checkIssuedPEMs(s, validationAddr, "www.example.org", "api.example.org"),
					// The order's dcv_records hold the token under each name.
					func(st *terraform.State) error {
						o, err := onlyOrder(s)
						if err != nil {
							return err
						}
						return resource.ComposeAggregateTestCheckFunc(
							resource.TestCheckResourceAttr(dvAddr, "dcv_records.%", "2"),
							resource.TestCheckResourceAttr(dvAddr, "dcv_records.www.example.org.type", "TXT"),
							resource.TestCheckResourceAttr(dvAddr, "dcv_records.www.example.org.name", "www.example.org"),
							resource.TestCheckResourceAttr(dvAddr, "dcv_records.api.example.org.value", o.DCVRandomValue),
							resource.TestCheckResourceAttrSet(dvAddr, "dcv_records.api.example.org.expires_at"),
						)(st)
					},
				),
			},
			{
				// The refresh after issuance downloads the certificate once
				// into the order resource too; the next one downloads nothing.
				Config:           dvWithValidationHCL(s, csr, "dns-txt-token", "", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(dvAddr, "status", "issued"),
					checkIssuedPEMs(s, dvAddr, "www.example.org", "api.example.org"),
					func(*terraform.State) error { s.ResetRequests(); return nil },
				),
			},
			{
				Config:   dvWithValidationHCL(s, csr, "dns-txt-token", "", ""),
				PlanOnly: true,
				Check: func(*terraform.State) error {
					if n := s.CountRequests("GET", "/services/v2/certificate/"); n != 0 {
						return fmt.Errorf("a refresh with nothing new downloaded the certificate %d times", n)
					}
					return nil
				},
			},
			{
				ResourceName:            validationAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"poll_interval", "validated_at", "timeouts"},
			},
		},
	})
}

func TestAccDVSSLOrderValidation_email(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	whenOrdered(t, s, 0, func(ctx context.Context, o sandbox.Order) {
		// Approve once the validation waits, as a person would.
		if !waitFor(ctx, checkedDCV(s, o.ID)) {
			return
		}
		if err := s.ApproveEmailDCV(o.ID); err != nil {
			t.Error(err)
		}
	})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: dvWithValidationHCL(s, csr, "email", "", ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(dvAddr, tfjsonpath.New("dcv_records"), knownvalue.MapExact(map[string]knownvalue.Check{})),
				statecheck.ExpectKnownValue(validationAddr, tfjsonpath.New("status"), knownvalue.StringExact("issued")),
			},
			Check: checkIssuedPEMs(s, validationAddr, "www.example.org"),
		}},
	})
}

func TestAccDVSSLOrderValidation_timeoutThenRetry(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	cfg := dvWithValidationHCL(s, csr, "dns-txt-token", "", `  timeouts = { create = "2s" }`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Only one of the two records is published: the wait times
				// out naming the other, and the record DigiCert wants.
				PreConfig: func() {
					whenOrdered(t, s, 0, func(_ context.Context, o sandbox.Order) { s.PublishDNS("TXT", "www.example.org", o.DCVRandomValue) })
				},
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)DV Validation Not Complete.*timed out after 2s.*Names not confirmed as validated.*api.example.org.*TXT\s+api.example.org`),
			},
			{
				// The order survived the failed wait; publishing the record and
				// applying again validates the same order.
				PreConfig: func() {
					o := mustOnlyOrder(t, s)
					s.PublishDNS("TXT", "api.example.org", o.DCVRandomValue)
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction(validationAddr, plancheck.ResourceActionCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 1),
					resource.TestCheckResourceAttr(validationAddr, "status", "issued"),
				),
			},
		},
	})
}

func TestAccDVSSLOrderValidation_renewal(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	// The coverage ends with the certificate (120 days), so renewal cannot
	// reissue: it places a renewal order.
	cfg := dvWithValidationHCL(s, csr, "dns-txt-token", "  renew_before_days = 30\n  validity_days = 120", "")
	publishAll := func(_ context.Context, o sandbox.Order) { publishTXT(s, o) }
	var firstID int
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProviderFactoriesWithClock(s.Now), // the provider's clock moves with the sandbox's
		Steps: []resource.TestStep{
			{
				PreConfig: func() { whenOrdered(t, s, 0, publishAll) },
				Config:    cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(validationAddr, "status", "issued"),
					func(*terraform.State) error { o, err := onlyOrder(s); firstID = o.ID; return err },
				),
			},
			{
				// Near expiry: the plan renews the order in place and
				// replaces the validation, which then waits for the new order.
				PreConfig: func() {
					o, _ := s.Order(firstID)
					s.SetNow(o.ValidTill.Add(-20 * 24 * time.Hour))
					whenOrdered(t, s, 1, publishAll)
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(validationAddr, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectKnownValue(dvAddr, tfjsonpath.New("ready_for_renewal"), knownvalue.Bool(false)),
					plancheck.ExpectUnknownValue(dvAddr, tfjsonpath.New("id")),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 2),
					func(st *terraform.State) error {
						orders := s.Orders()
						old, renewal := orders[0], orders[1]
						if renewal.RenewalOfOrderID != firstID {
							return fmt.Errorf("renewal order has renewal_of_order_id %d, want %d", renewal.RenewalOfOrderID, firstID)
						}
						if old.Status != "issued" || old.RevokeComments != "" || old.CancelNote != "" {
							return fmt.Errorf("the renewed order is %q (revoke %q, cancel %q); want it left issued", old.Status, old.RevokeComments, old.CancelNote)
						}
						return resource.ComposeAggregateTestCheckFunc(
							resource.TestCheckResourceAttr(dvAddr, "id", strconv.Itoa(renewal.ID)),
							resource.TestCheckResourceAttr(validationAddr, "id", strconv.Itoa(renewal.ID)),
							resource.TestCheckResourceAttr(validationAddr, "status", "issued"),
							resource.TestCheckResourceAttr(dvAddr, "ready_for_renewal", "false"),
						)(st)
					},
				),
			},
		},
	})
}

// A random value that expired (30 days) is renewed by the next refresh, and
// dcv_records shows the new value, so DNS records that follow it update.
func TestAccDVSSLOrder_expiredTokenRenewedOnRefresh(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	var first string
	// 31 days pass, for CertCentral and for the (in-process) provider.
	var skew atomic.Int64
	clock := func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }
	const month = 31 * 24 * time.Hour
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProviderFactoriesWithClock(clock),
		Steps: []resource.TestStep{
			{
				Config: dvMinimalHCL(s, csr, ""),
				Check: func(st *terraform.State) error {
					first = st.RootModule().Resources[dvAddr].Primary.Attributes["dcv_random_value"]
					skew.Store(int64(month))
					s.SetNow(clock())
					return nil
				},
			},
			{
				Config: dvMinimalHCL(s, csr, ""),
				Check: func(st *terraform.State) error {
					o, err := onlyOrder(s)
					if err != nil {
						return err
					}
					attrs := st.RootModule().Resources[dvAddr].Primary.Attributes
					if o.DCVRandomValue == first || attrs["dcv_random_value"] != o.DCVRandomValue {
						return fmt.Errorf("random value %q (was %q), sandbox has %q: want the renewed value in state", attrs["dcv_random_value"], first, o.DCVRandomValue)
					}
					if attrs["dcv_records.www.example.org.value"] != o.DCVRandomValue {
						return fmt.Errorf("dcv_records not updated: %q", attrs["dcv_records.www.example.org.value"])
					}
					return nil
				},
			},
		},
	})
}
