package provider

import (
	"crypto/ecdsa"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/dnsprovider"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// reissueFlowHCL: a 2-year order, its DCV records published with for_each,
// and a validation that follows each reissue through request_id.
func reissueFlowHCL(s *sandbox.Server, csr string) string {
	return acctest.ProviderConfig(s) + fmt.Sprintf(`
resource "digicert_dv_ssl_order" "site" {
  product_name_id = "ssl_dv_geotrust"
  certificate = {
    common_name = "www.example.com"
    dns_names   = ["api.example.com"]
    csr         = %[1]q
  }
  order_validity    = { years = 2 }
  skip_approval     = true
  dcv_method        = "dns-txt-token"
  renew_before_days = 30
}

resource "sandboxdns_record" "dcv" {
  for_each = digicert_dv_ssl_order.site.dcv_records
  type     = each.value.type
  name     = each.value.name
  value    = each.value.value
}

resource "digicert_dv_ssl_order_validation" "site" {
  order_id      = digicert_dv_ssl_order.site.id
  request_id    = digicert_dv_ssl_order.site.request_id
  poll_interval = "100ms"
  depends_on    = [sandboxdns_record.dcv]
}

output "next_renewal" {
  value = digicert_dv_ssl_order.site.next_renewal
}
`, csr)
}

// The 2-year scenario through the CLI: renewal by reissue, then a key
// rotation; the plan outputs are logged (DESIGN.md shows them), and the
// request counts are checked: one order placed, one reissue POST each.
func TestAccCLIDVFlow_reissueRenewalAndKeyRotation(t *testing.T) {
	s := reissueSandbox(t, sandbox.Options{})
	r := clitest.New(t, clitest.Providers{
		"digicert":   providerserver.NewProtocol6WithError(New("test", WithClock(s.Now))()),
		"sandboxdns": providerserver.NewProtocol6WithError(dnsprovider.New(s)()),
	})
	csr1, _ := csrWithKey(t)
	csr2, key2 := csrWithKey(t)
	if out, err := r.Apply(reissueFlowHCL(s, csr1)); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	first := s.Orders()[0]

	// Renewal: 20 days before the 199-day certificate ends.
	s.SetNow(first.ValidTill.Add(-20 * 24 * time.Hour))
	s.ResetRequests()
	plan, out, err := r.Plan(reissueFlowHCL(s, csr1))
	if err != nil {
		t.Fatalf("renewal plan: %v\n%s", err, out)
	}
	t.Logf("renewal plan:\n%s", out)
	acts := plannedActions(plan)
	if acts["digicert_dv_ssl_order.site"] != "update" || acts["digicert_dv_ssl_order_validation.site"] != "delete,create" {
		t.Fatalf("renewal plan actions %v; want the order updated in place and the validation replaced", acts)
	}
	// The order's random value expired (30 days), so the records follow the
	// value apply reads; the validation then finds them in the same apply.
	for _, want := range []string{"Certificate Renewal by Reissue Planned", "at no cost", "No order is placed"} {
		if !strings.Contains(out, want) {
			t.Errorf("renewal plan does not say %q", want)
		}
	}
	if out, err := r.Apply(reissueFlowHCL(s, csr1)); err != nil {
		t.Fatalf("renewal apply: %v\n%s", err, out)
	}
	renewed, _ := s.Order(first.ID)
	if n, m := len(acctest.ReissuePOSTs(s)), len(acctest.OrderPOSTs(s)); n != 1 || m != 0 || len(s.Orders()) != 1 || renewed.SerialNumber == first.SerialNumber {
		t.Fatalf("renewal: %d reissue POSTs, %d order POSTs, %d orders, serial %s (was %s)", n, m, len(s.Orders()), renewed.SerialNumber, first.SerialNumber)
	}
	t.Logf("2-year scenario after the renewal: orders placed %d, reissue POSTs %d", len(s.Orders()), len(acctest.ReissuePOSTs(s)))

	// Key rotation: a new CSR.
	s.ResetRequests()
	plan, out, err = r.Plan(reissueFlowHCL(s, csr2))
	if err != nil {
		t.Fatalf("key rotation plan: %v\n%s", err, out)
	}
	t.Logf("key rotation plan:\n%s", out)
	if acts := plannedActions(plan); acts["digicert_dv_ssl_order.site"] != "update" || acts["digicert_dv_ssl_order_validation.site"] != "delete,create" {
		t.Fatalf("key rotation plan actions %v", acts)
	}
	if !strings.Contains(out, "Certificate Reissue Planned") {
		t.Error("key rotation plan does not warn that it reissues")
	}
	for addr, a := range plannedActions(plan) {
		// The random value is fresh: the DNS records stay as they are.
		if strings.HasPrefix(addr, "sandboxdns_record.") && a != "no-op" {
			t.Errorf("key rotation plans %s for DNS record %s; the records stay", a, addr)
		}
	}
	if out, err := r.Apply(reissueFlowHCL(s, csr2)); err != nil {
		t.Fatalf("key rotation apply: %v\n%s", err, out)
	}
	st, err := r.State()
	if err != nil {
		t.Fatal(err)
	}
	v := clitest.Resources(st)["digicert_dv_ssl_order_validation.site"].AttributeValues
	if got, ok := parseLeaf(t, v["certificate_pem"]).PublicKey.(*ecdsa.PublicKey); !ok || !got.Equal(key2) {
		t.Error("after the key rotation the certificate does not certify the new key")
	}
	if n, m := len(acctest.ReissuePOSTs(s)), len(acctest.OrderPOSTs(s)); n != 1 || m != 0 {
		t.Fatalf("key rotation: %d reissue POSTs, %d order POSTs", n, m)
	}
	plan, out, err = r.Plan(reissueFlowHCL(s, csr2))
	if err != nil {
		t.Fatal(err, out)
	}
	if empty, changes := clitest.PlanIsEmpty(plan); !empty {
		t.Errorf("plan after the key rotation is not empty: %v", changes)
	}
}
