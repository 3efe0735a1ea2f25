package provider

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// There is no terraform-plugin-testing harness for actions, so these run
// the CLI directly: `apply -invoke` and action_trigger, on Terraform 1.14+.

func newActionRun(t *testing.T) (*clitest.Run, *sandbox.Server) {
	t.Helper()
	acctest.SkipUnless(t, acctest.Actions)
	s := acctest.StartSandbox(t)
	r := clitest.New(t, clitest.Providers{"digicert": providerserver.NewProtocol6WithError(New("test")())})
	return r, s
}

// issuedSiteOrder applies a DV order for site.example.com, issues it in the
// sandbox and refreshes, returning the order ID.
func issuedSiteOrder(t *testing.T, r *clitest.Run, s *sandbox.Server, config string) int {
	t.Helper()
	if out, err := r.Apply(config); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	o, err := onlyOrder(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ApproveEmailDCV(o.ID); err != nil {
		t.Fatal(err)
	}
	if out, err := r.Apply(config, "-refresh-only"); err != nil {
		t.Fatalf("refresh: %v\n%s", err, out)
	}
	return o.ID
}

func siteOrderHCL(t *testing.T, s *sandbox.Server) string {
	return acctest.ProviderConfig(s) + fmt.Sprintf(`
resource "digicert_dv_ssl_order" "site" {
  product_name_id = "ssl_dv_geotrust"
  certificate = {
    common_name = "site.example.com"
    csr         = %q
  }
  validity_years = 1
  skip_approval  = true
  dcv_method     = "email"
}
`, acctest.CSR(t, "site.example.com"))
}

// revokePUTs are the revoke requests the sandbox received.
func revokePUTs(s *sandbox.Server) []sandbox.Request {
	var out []sandbox.Request
	for _, rq := range s.Requests() {
		if rq.Method == "PUT" && strings.HasSuffix(rq.Path, "/revoke") {
			out = append(out, rq)
		}
	}
	return out
}

// planReplaces reports whether the plan replaces addr.
func planReplaces(p *tfjson.Plan, addr string) bool {
	for _, rc := range p.ResourceChanges {
		if rc.Address == addr && rc.Change != nil && rc.Change.Actions.Replace() {
			return true
		}
	}
	return false
}

// apply -invoke revokes the order with the configured reason and comments;
// CertCentral files a revoke request, which the action reports with its
// ID. Once an administrator approves it, the next plan shows the order
// revoked and replaces it.
func TestAccRevokeCertificate_invokeAwaitsApproval(t *testing.T) {
	r, s := newActionRun(t)
	config := siteOrderHCL(t, s)
	orderID := issuedSiteOrder(t, r, s, config)
	config += `
action "digicert_revoke_certificate" "compromised" {
  config {
    order_id          = digicert_dv_ssl_order.site.id
    revocation_reason = "key_compromise"
    comments          = "Private key leaked in a build log."
  }
}
`
	out, err := r.Apply(config, "-invoke=action.digicert_revoke_certificate.compromised")
	if err != nil {
		t.Fatalf("apply -invoke: %v\n%s", err, out)
	}
	t.Logf("apply -invoke:\n%s", out)
	puts := revokePUTs(s)
	if len(puts) != 1 || puts[0].Path != fmt.Sprintf("/services/v2/order/certificate/%d/revoke", orderID) {
		t.Fatalf("want one PUT /order/certificate/%d/revoke, got %+v", orderID, puts)
	}
	acctest.AssertJSONEqual(t, puts[0].Body, `{"comments":"Private key leaked in a build log.","revocation_reason":"key_compromise"}`)
	o, _ := s.Order(orderID)
	if o.Status != sandbox.StatusIssued {
		t.Fatalf("order status %q before approval, want issued", o.Status)
	}
	want := regexp.MustCompile(`(?s)Warning: Revocation Awaits Approval.*CertCentral filed revoke request \d+ \(status\s+pending\)\s+for order ` + strconv.Itoa(orderID))
	if !want.MatchString(out) {
		t.Errorf("the output does not report the pending revoke request:\n%s", out)
	}

	if err := s.ApproveRevocation(orderID); err != nil {
		t.Fatal(err)
	}
	plan, out, err := r.Plan(config)
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	if !planReplaces(plan, "digicert_dv_ssl_order.site") || !strings.Contains(out, "Order Will Be Replaced") {
		t.Errorf("after the approved revocation the plan does not replace the order:\n%s", out)
	}
}

// An action_trigger revokes at once (skip_approval) when a resource that
// records the compromise changes; the order resource then plans its
// replacement. Creating the trigger resource revokes nothing.
func TestAccRevokeCertificate_actionTrigger(t *testing.T) {
	r, s := newActionRun(t)
	base := siteOrderHCL(t, s)
	orderID := issuedSiteOrder(t, r, s, base)
	withTrigger := func(reason string) string {
		return base + fmt.Sprintf(`
resource "terraform_data" "key_compromise" {
  input = %q
  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.digicert_revoke_certificate.site]
    }
  }
}

action "digicert_revoke_certificate" "site" {
  config {
    order_id          = digicert_dv_ssl_order.site.id
    revocation_reason = "key_compromise"
    skip_approval     = true
  }
}
`, reason)
	}
	if out, err := r.Apply(withTrigger("none")); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	if n := len(revokePUTs(s)); n != 0 {
		t.Fatalf("creating the trigger sent %d revoke requests", n)
	}
	out, err := r.Apply(withTrigger("2026-12-01: key found in a public repository"))
	if err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	t.Logf("apply with the trigger changed:\n%s", out)
	puts := revokePUTs(s)
	if len(puts) != 1 {
		t.Fatalf("%d revoke requests, want 1", len(puts))
	}
	acctest.AssertJSONEqual(t, puts[0].Body, `{"skip_approval":true,"revocation_reason":"key_compromise"}`)
	if o, _ := s.Order(orderID); o.Status != sandbox.StatusRevoked {
		t.Fatalf("order status %q, want revoked", o.Status)
	}
	if !strings.Contains(out, fmt.Sprintf("Order %d revoked.", orderID)) {
		t.Errorf("the output does not report the revocation:\n%s", out)
	}
	plan, out, err := r.Plan(withTrigger("2026-12-01: key found in a public repository"))
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	if !planReplaces(plan, "digicert_dv_ssl_order.site") {
		t.Errorf("the plan does not replace the revoked order:\n%s", out)
	}
}

// Invoking the action for an order that is not issued sends no revoke and
// says why; for an order already revoked it only says so.
func TestAccRevokeCertificate_notIssuedOrAlreadyRevoked(t *testing.T) {
	r, s := newActionRun(t)
	config := siteOrderHCL(t, s) + `
action "digicert_revoke_certificate" "site" {
  config {
    order_id = digicert_dv_ssl_order.site.id
  }
}
`
	if out, err := r.Apply(config); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	o, _ := onlyOrder(s)
	out, err := r.Apply(config, "-invoke=action.digicert_revoke_certificate.site")
	if err == nil || !regexp.MustCompile(`(?s)Order Not Issued.*has status "pending"`).MatchString(out) {
		t.Fatalf("invoking on a pending order: err %v\n%s", err, out)
	}
	if n := len(revokePUTs(s)); n != 0 {
		t.Fatalf("%d revoke requests for a pending order", n)
	}
	if err := s.SetOrderStatus(o.ID, sandbox.StatusRevoked); err != nil {
		t.Fatal(err)
	}
	out, err = r.Apply(config, "-invoke=action.digicert_revoke_certificate.site", "-refresh=false")
	if err != nil || !strings.Contains(out, fmt.Sprintf("Order %d is already revoked; nothing to do.", o.ID)) {
		t.Fatalf("invoking on a revoked order: err %v\n%s", err, out)
	}
	if n := len(revokePUTs(s)); n != 0 {
		t.Fatalf("%d revoke requests for a revoked order", n)
	}
}
