package provider

import (
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// siteValidationHCL waits for each certificate of the site order, following
// its reissues through request_id.
const siteValidationHCL = `
resource "digicert_dv_ssl_order_validation" "site" {
  order_id      = digicert_dv_ssl_order.site.id
  request_id    = digicert_dv_ssl_order.site.request_id
  poll_interval = "100ms"
}
`

func reissueActionHCL(csr string) string {
	return fmt.Sprintf(`
action "digicert_reissue_certificate" "compromised" {
  config {
    order_id = digicert_dv_ssl_order.site.id
    csr      = %q
    comments = "Private key leaked in a build log."
  }
}
`, csr)
}

// apply -invoke with a new CSR sends one reissue of the order's current
// settings with that CSR and places no order. The next plan shows the
// order's new request and replaces the validation, which after approval
// gets a certificate for the new key; then the plan is empty.
func TestAccReissueCertificate_invokeNewKey(t *testing.T) {
	r, s := newActionRun(t)
	config := siteOrderHCL(t, s)
	orderID := issuedSiteOrder(t, r, s, config)
	config += siteValidationHCL
	if out, err := r.Apply(config); err != nil {
		t.Fatalf("apply with the validation: %v\n%s", err, out)
	}
	csr2, key2 := csrWithKey(t)
	config += reissueActionHCL(csr2)
	s.ResetRequests()

	out, err := r.Apply(config, "-invoke=action.digicert_reissue_certificate.compromised")
	if err != nil {
		t.Fatalf("apply -invoke: %v\n%s", err, out)
	}
	t.Logf("apply -invoke:\n%s", out)
	posts := acctest.ReissuePOSTs(s)
	if len(posts) != 1 || posts[0].Path != fmt.Sprintf("/services/v2/order/certificate/%d/reissue", orderID) || len(acctest.OrderPOSTs(s)) != 0 {
		t.Fatalf("want one POST /order/certificate/%d/reissue and no order POST, got %+v and %d order POSTs", orderID, posts, len(acctest.OrderPOSTs(s)))
	}
	acctest.AssertJSONEqual(t, posts[0].Body, fmt.Sprintf(
		`{"certificate":{"common_name":"site.example.com","dns_names":[],"csr":%s,"server_platform":{"id":-1},"signature_hash":"sha256"},"comments":"Private key leaked in a build log.","dcv_method":"email"}`,
		strconv.Quote(csr2)))
	want := regexp.MustCompile(`(?s)Reissue request (\d+) filed for order ` + strconv.Itoa(orderID) + ` \(status pending\).*Warning: Certificate Reissue Requested`)
	match := want.FindStringSubmatch(out)
	if match == nil {
		t.Fatalf("the output does not report the reissue request:\n%s", out)
	}
	requestID, _ := strconv.ParseInt(match[1], 10, 64)

	plan, out, err := r.Plan(config)
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	t.Logf("plan after the invocation:\n%s", out)
	if acts := plannedActions(plan); acts["digicert_dv_ssl_order_validation.site"] != "delete,create" {
		t.Errorf("plan actions %v; want the validation replaced", acts)
	}
	var orderNow map[string]any
	for _, rc := range plan.ResourceChanges {
		if rc.Address == "digicert_dv_ssl_order.site" {
			orderNow, _ = rc.Change.After.(map[string]any)
		}
	}
	if orderNow["status"] != sandbox.StatusReissuePending || orderNow["request_id"] != float64(requestID) {
		t.Errorf("the refreshed order shows status %v, request_id %v; want reissue_pending, %d", orderNow["status"], orderNow["request_id"], requestID)
	}

	if err := s.ApproveReissue(orderID); err != nil {
		t.Fatal(err)
	}
	if out, err := r.Apply(config); err != nil {
		t.Fatalf("apply after approval: %v\n%s", err, out)
	}
	st, err := r.State()
	if err != nil {
		t.Fatal(err)
	}
	res := clitest.Resources(st)
	for _, addr := range []string{"digicert_dv_ssl_order.site", "digicert_dv_ssl_order_validation.site"} {
		if got, ok := parseLeaf(t, res[addr].AttributeValues["certificate_pem"]).PublicKey.(*ecdsa.PublicKey); !ok || !got.Equal(key2) {
			t.Errorf("after the reissue the certificate of %s does not certify the new key", addr)
		}
	}
	if n, m := len(acctest.ReissuePOSTs(s)), len(acctest.OrderPOSTs(s)); n != 1 || m != 0 {
		t.Fatalf("%d reissue POSTs, %d order POSTs in all; want 1 and 0", n, m)
	}
	plan, out, err = r.Plan(config)
	if err != nil {
		t.Fatal(err, out)
	}
	if empty, changes := clitest.PlanIsEmpty(plan); !empty {
		t.Errorf("plan after the reissue is not empty: %v\n%s", changes, out)
	}
}

// Without csr the order's own CSR is sent again. Orders no reissue can
// serve are refused before anything is sent: one that is not issued, one
// with a reissue pending, one whose coverage ended.
func TestAccReissueCertificate_refusals(t *testing.T) {
	acctest.SkipUnless(t, acctest.Actions)
	s := reissueSandbox(t, sandbox.Options{})
	r := clitest.New(t, clitest.Providers{"digicert": providerserver.NewProtocol6WithError(New("test", WithClock(s.Now))())})
	config := siteOrderHCL(t, s) + `
action "digicert_reissue_certificate" "site" {
  config {
    order_id = digicert_dv_ssl_order.site.id
  }
}
`
	if out, err := r.Apply(config); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	o, _ := onlyOrder(s)
	invoke := func() (string, error) {
		return r.Apply(config, "-invoke=action.digicert_reissue_certificate.site", "-refresh=false")
	}
	out, err := invoke()
	if err == nil || !regexp.MustCompile(`(?s)Order Not Issued.*has status "pending".*Nothing was sent`).MatchString(out) {
		t.Fatalf("invoking on a pending order: err %v\n%s", err, out)
	}
	if n := len(acctest.ReissuePOSTs(s)); n != 0 {
		t.Fatalf("%d reissue POSTs for a pending order", n)
	}

	if err := s.ApproveEmailDCV(o.ID); err != nil {
		t.Fatal(err)
	}
	if out, err := invoke(); err != nil {
		t.Fatalf("invoking on the issued order: %v\n%s", err, out)
	}
	st, err := r.State()
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := clitest.Resources(st)["digicert_dv_ssl_order.site"].AttributeValues["certificate"].(map[string]any)
	var sent struct {
		Certificate struct {
			CSR string `json:"csr"`
		} `json:"certificate"`
	}
	posts := acctest.ReissuePOSTs(s)
	if len(posts) != 1 || json.Unmarshal(posts[0].Body, &sent) != nil || sent.Certificate.CSR == "" || sent.Certificate.CSR != cert["csr"] {
		t.Fatalf("want one reissue with the order's own CSR, got %+v", posts)
	}
	out, err = invoke()
	if err == nil || !regexp.MustCompile(`(?s)Reissue Already Pending.*Nothing was sent`).MatchString(out) {
		t.Fatalf("invoking with a reissue pending: err %v\n%s", err, out)
	}

	if err := s.ApproveReissue(o.ID); err != nil {
		t.Fatal(err)
	}
	issued, _ := s.Order(o.ID)
	s.SetNow(issued.OrderValidTill.Add(48 * time.Hour))
	out, err = invoke()
	if err == nil || !regexp.MustCompile(`(?s)Order Coverage Ended.*Nothing was sent`).MatchString(out) {
		t.Fatalf("invoking after the coverage: err %v\n%s", err, out)
	}
	if n := len(acctest.ReissuePOSTs(s)); n != 1 {
		t.Fatalf("%d reissue POSTs in all, want 1", n)
	}
}

// A document signing order is refused before anything is sent, with the
// reason.
func TestAccReissueCertificate_refusesDocumentSigning(t *testing.T) {
	r, s := newActionRun(t)
	id := createDocumentSigningOrder(t, s)
	config := acctest.ProviderConfig(s) + fmt.Sprintf(`
action "digicert_reissue_certificate" "signing" {
  config {
    order_id = %d
  }
}
`, id)
	out, err := r.Apply(config, "-invoke=action.digicert_reissue_certificate.signing")
	if err == nil || !regexp.MustCompile(`(?s)Not a TLS/SSL Order.*is a document_signing_org_1 order.*Nothing was sent`).MatchString(out) {
		t.Fatalf("invoking on a document signing order: err %v\n%s", err, out)
	}
	if n := len(acctest.ReissuePOSTs(s)); n != 0 {
		t.Fatalf("%d reissue POSTs for a document signing order", n)
	}
}

// A reissue whose answer is lost is not sent again: the action fails,
// says how to check, and the order resource's next refresh finds the
// reissue that did arrive.
func TestAccReissueCertificate_outcomeUnknownNotResent(t *testing.T) {
	r, s := newActionRun(t)
	config := siteOrderHCL(t, s)
	orderID := issuedSiteOrder(t, r, s, config)
	csr2, _ := csrWithKey(t)
	config += reissueActionHCL(csr2)
	s.ResetRequests()
	s.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/order/certificate/*/reissue", Kind: sandbox.FaultDropAfterCommit, Count: 1})
	out, err := r.Apply(config, "-invoke=action.digicert_reissue_certificate.compromised")
	t.Logf("apply -invoke with the answer lost:\n%s", out)
	want := regexp.MustCompile(`(?s)Error: Reissue Outcome Unknown.*It was not sent\s+again.*GET\s+/order/certificate/` + strconv.Itoa(orderID) + `.*reissue_pending`)
	if err == nil || !want.MatchString(out) {
		t.Fatalf("invoking with the answer lost: err %v\n%s", err, out)
	}
	if n := len(acctest.ReissuePOSTs(s)); n != 1 {
		t.Fatalf("%d reissue POSTs, want exactly 1 (never resent)", n)
	}
	plan, out, err := r.Plan(config)
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	for _, rc := range plan.ResourceChanges {
		if after, _ := rc.Change.After.(map[string]any); rc.Address == "digicert_dv_ssl_order.site" && after["status"] != sandbox.StatusReissuePending {
			t.Errorf("the refreshed order has status %v, want reissue_pending", after["status"])
		}
	}
	if n := len(acctest.ReissuePOSTs(s)); n != 1 {
		t.Fatalf("%d reissue POSTs after the plan, want 1", n)
	}
}
