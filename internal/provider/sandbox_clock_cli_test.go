package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/dnsprovider"
)

// A new user tries renewal as the sandbox banner suggests: move the
// sandbox's clock, then plan, with default settings and the provider on its
// own (wall) clock. The status-changes feed, asked in the provider's time
// and answered in the sandbox's, would keep the stale state; the provider
// sees from the answer's Date that the clocks differ, reads the order in
// full, and the plan shows the renewal.
func TestAccCLIDVFlow_renewalAfterMovingTheSandboxClock(t *testing.T) {
	s := acctest.StartSandbox(t)
	r := clitest.New(t, clitest.Providers{
		"digicert":   providerserver.NewProtocol6WithError(New("test")()),
		"sandboxdns": providerserver.NewProtocol6WithError(dnsprovider.New(s)()),
	})
	csr, _ := csrWithKey(t)
	cfg := dnsFlowHCL(s, csr, "each.value.name", "  renew_before_days = 30\n  validity_days = 120", "")
	if out, err := r.Apply(cfg); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	first := s.Orders()[0]
	s.SetNow(first.ValidTill.Add(-10 * 24 * time.Hour))

	plan, out, err := r.Plan(cfg)
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	if acts := plannedActions(plan); acts["digicert_dv_ssl_order.site"] != "update" {
		t.Fatalf("%s %s: plan actions %v after moving the sandbox clock to 10 days before expiry; want the order updated (renewal)\n%s",
			acctest.CLI(), acctest.CLIVersion(t), acts, out)
	}
	if !strings.Contains(out, "Billed Renewal Order Planned") {
		t.Errorf("the plan does not announce the renewal:\n%s", out)
	}
}
