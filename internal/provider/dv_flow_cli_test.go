package provider

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/dnsprovider"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
	"github.com/certcentral-community/terraform-provider-digicert/internal/testutil"
)

// These tests run configurations that use for_each over dcv_records, which
// terraform-plugin-testing cannot read back (DESIGN.md, section Tests
// through the CLI), through the CLI directly, with our provider and a test
// DNS provider reattached.

func newFlowRun(t *testing.T) (*clitest.Run, *sandbox.Server) {
	t.Helper()
	s := acctest.StartSandbox(t)
	r := clitest.New(t, clitest.Providers{
		// The provider reads the sandbox's clock: when a test moves it, both
		// move (a kept state counts days_remaining on the provider's clock).
		"digicert":   providerserver.NewProtocol6WithError(New("test", WithClock(s.Now))()),
		"sandboxdns": providerserver.NewProtocol6WithError(dnsprovider.New(s)()),
	})
	return r, s
}

// csrWithKey returns a CSR and the public key it carries, so tests can
// check that the issued leaf certifies that key.
func csrWithKey(t *testing.T) (string, *ecdsa.PublicKey) {
	t.Helper()
	key := testutil.ECDSAKey(t, elliptic.P256())
	return testutil.CSR(t, key, "example.com"), &key.PublicKey
}

// dnsFlowHCL orders a wildcard DV certificate for three names, publishes
// dcv_records with the test DNS provider, and waits for issuance.
func dnsFlowHCL(s *sandbox.Server, csr, recordName, orderExtra, validationExtra string) string {
	return acctest.ProviderConfig(s) + fmt.Sprintf(`
resource "digicert_dv_ssl_order" "site" {
  product_name_id = "wildcard_dv_geotrust"
  certificate = {
    common_name = "*.example.com"
    dns_names   = ["example.com", "www.example.com"]
    csr         = %[1]q
  }
  validity_years = 1
  skip_approval  = true
  dcv_method     = "dns-txt-token"
%[3]s
}

resource "sandboxdns_record" "dcv" {
  for_each = digicert_dv_ssl_order.site.dcv_records
  type     = each.value.type
  name     = %[2]s
  value    = each.value.value
}

resource "digicert_dv_ssl_order_validation" "site" {
  order_id      = digicert_dv_ssl_order.site.id
  poll_interval = "100ms"
  depends_on    = [sandboxdns_record.dcv]
%[4]s
}

output "full_chain_pem" {
  value = digicert_dv_ssl_order_validation.site.full_chain_pem
}
`, csr, recordName, orderExtra, validationExtra)
}

func plannedActions(p *tfjson.Plan) map[string]string {
	out := map[string]string{}
	for _, rc := range p.ResourceChanges {
		acts := make([]string, len(rc.Change.Actions))
		for i, a := range rc.Change.Actions {
			acts[i] = string(a)
		}
		out[rc.Address] = strings.Join(acts, ",")
	}
	return out
}

func TestAccCLIDVFlow_dnsOneApply(t *testing.T) {
	r, s := newFlowRun(t)
	csr, pub := csrWithKey(t)
	cfg := dnsFlowHCL(s, csr, "each.value.name", "", "")

	// The first plan already knows one DNS record per distinct record:
	// example.com and *.example.com share the TXT record at example.com.
	plan, out, err := r.Plan(cfg)
	if err != nil {
		t.Fatalf("first plan: %v\n%s", err, out)
	}
	acts := plannedActions(plan)
	for _, addr := range []string{`sandboxdns_record.dcv["*.example.com"]`, `sandboxdns_record.dcv["www.example.com"]`} {
		if acts[addr] != "create" {
			t.Errorf("first plan: %s is %q, want create; plan: %v", addr, acts[addr], acts)
		}
	}
	if _, ok := acts[`sandboxdns_record.dcv["example.com"]`]; ok {
		t.Errorf("example.com has its own record although it shares *.example.com's")
	}
	t.Logf("first plan:\n%s", out)

	out, err = r.Apply(cfg)
	if err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	if n := len(s.Orders()); n != 1 {
		t.Fatalf("the sandbox holds %d orders, want 1", n)
	}
	st, err := r.State()
	if err != nil {
		t.Fatal(err)
	}
	res := clitest.Resources(st)
	v := res["digicert_dv_ssl_order_validation.site"].AttributeValues
	if v["status"] != "issued" {
		t.Fatalf("validation status %v, want issued", v["status"])
	}
	leaf := parseLeaf(t, v["certificate_pem"])
	if got, ok := leaf.PublicKey.(*ecdsa.PublicKey); !ok || !got.Equal(pub) {
		t.Error("the issued certificate does not certify the CSR's key")
	}
	slices.Sort(leaf.DNSNames)
	if want := []string{"*.example.com", "example.com", "www.example.com"}; !slices.Equal(leaf.DNSNames, want) {
		t.Errorf("leaf names %v, want %v", leaf.DNSNames, want)
	}
	inter := x509.NewCertPool()
	inter.AppendCertsFromPEM([]byte(fmt.Sprint(v["chain_pem"])))
	if _, err := leaf.Verify(x509.VerifyOptions{DNSName: "www.example.com", Intermediates: inter, Roots: s.RootPool()}); err != nil {
		t.Errorf("the chain does not verify to the sandbox root: %v", err)
	}
	// Nothing left to do.
	plan, out, err = r.Plan(cfg)
	if err != nil {
		t.Fatal(err, out)
	}
	if empty, changes := clitest.PlanIsEmpty(plan); !empty {
		t.Errorf("plan after apply is not empty: %v", changes)
	}
	if out, err := r.Destroy(cfg); err != nil {
		t.Fatalf("destroy: %v\n%s", err, out)
	}
}

func parseLeaf(t *testing.T, v any) *x509.Certificate {
	t.Helper()
	block, _ := pem.Decode([]byte(fmt.Sprint(v)))
	if block == nil {
		t.Fatalf("certificate_pem is not PEM: %v", v)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

func TestAccCLIDVFlow_wrongRecordNameFailsValidation(t *testing.T) {
	r, s := newFlowRun(t)
	csr, _ := csrWithKey(t)
	cfg := dnsFlowHCL(s, csr, `"wrong.${each.value.name}"`, "", `  timeouts = { create = "2s" }`)
	out, err := r.Apply(cfg)
	if err == nil {
		t.Fatalf("apply succeeded with records at the wrong names:\n%s", out)
	}
	if !strings.Contains(out, "DV Validation Not Complete") {
		t.Errorf("the error does not explain the failed validation:\n%s", out)
	}
	if n := len(s.Orders()); n != 1 {
		t.Errorf("the sandbox holds %d orders, want 1", n)
	}
	// Fixing the records and applying again validates the same order.
	cfg = dnsFlowHCL(s, csr, "each.value.name", "", `  timeouts = { create = "2s" }`)
	if out, err := r.Apply(cfg); err != nil {
		t.Fatalf("apply after fixing the records: %v\n%s", err, out)
	}
	if n := len(s.Orders()); n != 1 {
		t.Errorf("the sandbox holds %d orders after the retry, want 1", n)
	}
}

func TestAccCLIDVFlow_httpToken(t *testing.T) {
	r, s := newFlowRun(t)
	csr, _ := csrWithKey(t)
	cfg := acctest.ProviderConfig(s) + fmt.Sprintf(`
resource "digicert_dv_ssl_order" "site" {
  product_name_id = "ssl_dv_rapidssl"
  certificate = {
    common_name = "www.example.net"
    dns_names   = ["api.example.net"]
    csr         = %q
  }
  validity_years = 1
  skip_approval  = true
  dcv_method     = "http-token"
}

resource "sandboxdns_http_file" "dcv" {
  for_each = digicert_dv_ssl_order.site.dcv_records
  url      = each.value.name
  body     = each.value.value
}

resource "digicert_dv_ssl_order_validation" "site" {
  order_id      = digicert_dv_ssl_order.site.id
  poll_interval = "100ms"
  depends_on    = [sandboxdns_http_file.dcv]
}
`, csr)
	if out, err := r.Apply(cfg); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	st, _ := r.State()
	res := clitest.Resources(st)
	if got := res["digicert_dv_ssl_order_validation.site"].AttributeValues["status"]; got != "issued" {
		t.Fatalf("status %v, want issued", got)
	}
	if url := res[`sandboxdns_http_file.dcv["api.example.net"]`].AttributeValues["url"]; url != "http://api.example.net/.well-known/pki-validation/fileauth.txt" {
		t.Errorf("HTTP record at %v", url)
	}
}

func TestAccCLIDVFlow_emailForEachIsEmpty(t *testing.T) {
	r, s := newFlowRun(t)
	csr, _ := csrWithKey(t)
	whenOrdered(t, s, 0, func(ctx context.Context, o sandbox.Order) {
		// Approve once the validation waits, as a person would.
		if !waitFor(ctx, checkedDCV(s, o.ID)) {
			return
		}
		if err := s.ApproveEmailDCV(o.ID); err != nil {
			t.Error(err)
		}
	})
	cfg := strings.Replace(dnsFlowHCL(s, csr, "each.value.name", "", ""), `"dns-txt-token"`, `"email"`, 1)
	if out, err := r.Apply(cfg); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	st, _ := r.State()
	for addr := range clitest.Resources(st) {
		if strings.HasPrefix(addr, "sandboxdns_record.") {
			t.Errorf("an email order produced DNS record %s", addr)
		}
	}
}

// Renewal end to end: the plan updates the order in place, the DNS records
// follow the new token, the validation waits for the new order; a failed
// wait during renewal keeps the new order and orders nothing twice.
func TestAccCLIDVFlow_renewal(t *testing.T) {
	r, s := newFlowRun(t)
	csr, _ := csrWithKey(t)
	// The coverage ends with the certificate (120 days): renewal cannot
	// reissue, so it places a renewal order.
	cfg := dnsFlowHCL(s, csr, "each.value.name", "  renew_before_days = 30\n  validity_days = 120", `  timeouts = { create = "3s" }`)
	if out, err := r.Apply(cfg); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	first := s.Orders()[0]
	s.SetNow(first.ValidTill.Add(-10 * 24 * time.Hour))

	plan, out, err := r.Plan(cfg)
	if err != nil {
		t.Fatalf("renewal plan: %v\n%s", err, out)
	}
	acts := plannedActions(plan)
	if acts["digicert_dv_ssl_order.site"] != "update" || acts["digicert_dv_ssl_order_validation.site"] != "delete,create" {
		t.Fatalf("renewal plan actions %v; want the order updated in place and the validation replaced", acts)
	}
	t.Logf("renewal plan:\n%s", out)
	if !strings.Contains(out, "Billed Renewal Order Planned") {
		t.Error("the renewal plan does not warn that apply places a billed order")
	}

	// DigiCert cannot find the records this time: the wait fails, the
	// renewal order is kept in state.
	s.InjectFault(sandbox.Fault{Method: "PUT", PathPrefix: "/order/certificate/*/check-dcv", Kind: sandbox.FaultStatus, Status: 400,
		Body: `{"errors":[{"code":"invalid_dns_txt","message":"DNS TXT record not found."}]}`})
	out, err = r.Apply(cfg)
	if err == nil || !strings.Contains(out, "DV Validation Not Complete") {
		t.Fatalf("apply with failing DCV: err=%v\n%s", err, out)
	}
	orders := s.Orders()
	if len(orders) != 2 || orders[1].RenewalOfOrderID != first.ID {
		t.Fatalf("want exactly one renewal order of %d, got %+v", first.ID, orders)
	}
	st, _ := r.State()
	if id := clitest.Resources(st)["digicert_dv_ssl_order.site"].AttributeValues["id"]; id != fmt.Sprint(orders[1].ID) {
		t.Fatalf("state holds order %v, want the renewal order %d", id, orders[1].ID)
	}
	s.ClearFaults()
	if out, err := r.Apply(cfg); err != nil {
		t.Fatalf("apply after the records are found: %v\n%s", err, out)
	}
	orders = s.Orders()
	if len(orders) != 2 || orders[0].Status != "issued" || orders[0].RevokeComments != "" || orders[1].Status != "issued" {
		t.Fatalf("after renewal: %d orders, old %q (revoke %q), new %q; want both issued, the old untouched", len(orders), orders[0].Status, orders[0].RevokeComments, orders[1].Status)
	}
}

// Ctrl-C while the validation waits: the order stays in state, and the next
// apply resumes waiting for the same order.
func TestAccCLIDVFlow_interruptWhileWaiting(t *testing.T) {
	r, s := newFlowRun(t)
	csr, _ := csrWithKey(t)
	cfg := dnsFlowHCL(s, csr, `"parked.${each.value.name}"`, "", "")
	ctx, cancel := context.WithCancel(context.Background())
	whenOrdered(t, s, 0, func(waitCtx context.Context, _ sandbox.Order) {
		// Let the validation start waiting, then interrupt.
		if waitFor(waitCtx, func() bool { return s.CountRequests("PUT", "/services/v2/order/certificate/") >= 3 }) {
			cancel()
		}
	})
	out, err := r.ApplyContext(ctx, cfg)
	if err == nil {
		t.Fatalf("the interrupted apply succeeded:\n%s", out)
	}
	st, _ := r.State()
	if _, ok := clitest.Resources(st)["digicert_dv_ssl_order.site"]; !ok {
		t.Fatalf("the order is not in state after the interrupt:\n%s", out)
	}
	cfg = dnsFlowHCL(s, csr, "each.value.name", "", "")
	if out, err := r.Apply(cfg); err != nil {
		t.Fatalf("apply after the interrupt: %v\n%s", err, out)
	}
	if n := len(s.Orders()); n != 1 {
		t.Errorf("the sandbox holds %d orders, want 1", n)
	}
}

// 100 orders at -parallelism=20 against the real rate limits: all placed,
// once each, and no 429 needed.
func TestAccCLIDVFlow_hundredOrdersRateLimited(t *testing.T) {
	r, s := newFlowRun(t)
	csr, _ := csrWithKey(t)
	cfg := acctest.ProviderConfig(s) + fmt.Sprintf(`
resource "digicert_dv_ssl_order" "many" {
  count           = 100
  product_name_id = "ssl_dv_geotrust"
  certificate = {
    common_name = "host${count.index}.example.com"
    csr         = %q
  }
  validity_years = 1
  dcv_method     = "email"
  on_destroy     = "keep"
}
`, csr)
	if out, err := r.Apply(cfg, "-parallelism=20"); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	if n := len(s.Orders()); n != 100 {
		t.Errorf("the sandbox holds %d orders, want 100", n)
	}
	if n := len(acctest.OrderPOSTs(s)); n != 100 {
		t.Errorf("the provider sent %d order POSTs, want 100", n)
	}
	if n := s.RateLimited(); n != 0 {
		t.Errorf("the sandbox answered %d requests with 429: the client exceeded its windows", n)
	}
}

// The CLI killed (SIGKILL: no chance to save state on the way out) while
// the validation waits. What survives in state depends on the CLI:
// Terraform 1.5.7 with local state writes state as each resource completes,
// so the order is in state; OpenTofu 1.12 (local state) and every remote
// backend persist intermediate state only every 20 s and on interrupt, so
// the order is lost from state. Either way the next apply ends with exactly
// one order: from state, or found again by its alternative_order_id.
func TestAccCLIDVFlow_killedWhileWaiting(t *testing.T) {
	r, s := newFlowRun(t)
	csr, _ := csrWithKey(t)
	cfg := dnsFlowHCL(s, csr, `"parked.${each.value.name}"`, "", "")
	ctx, cancel := context.WithCancel(clitest.WithKill(context.Background()))
	whenOrdered(t, s, 0, func(waitCtx context.Context, _ sandbox.Order) {
		if waitFor(waitCtx, func() bool { return s.CountRequests("PUT", "/services/v2/order/certificate/") >= 3 }) {
			cancel()
		}
	})
	out, err := r.ApplyContext(ctx, cfg)
	if err == nil {
		t.Fatalf("the killed apply succeeded:\n%s", out)
	}
	raw, _ := r.RawState()
	orderInState := strings.Contains(string(raw), `"digicert_dv_ssl_order"`)
	cfg = dnsFlowHCL(s, csr, "each.value.name", "", "")
	if out, err := r.Apply(cfg); err != nil {
		t.Fatalf("apply after the kill: %v\n%s", err, out)
	}
	orders := len(s.Orders())
	t.Logf("%s: order in state after SIGKILL: %v; orders after the next apply: %d", r.CLI(), orderInState, orders)
	if orders != 1 || len(acctest.OrderPOSTs(s)) != 1 {
		t.Errorf("%s: %d orders, %d order POSTs after the next apply (order in state after the kill: %v); want exactly 1",
			r.CLI(), orders, len(acctest.OrderPOSTs(s)), orderInState)
	}
	if o := s.Orders()[0]; o.Status != "issued" {
		t.Errorf("the order is %s after the next apply, want issued", o.Status)
	}
}
