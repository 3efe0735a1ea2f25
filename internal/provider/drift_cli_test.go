package provider

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/dnsprovider"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// Drift detection as HCP Terraform's health assessments run it: `plan
// -refresh-only -detailed-exitcode` on a schedule, drift when it exits 2.
// One setup serves every step (docs/guides/hcp-terraform.md quotes the
// figures these tests log).

// driftNames are the DV orders of driftHCL, by for_each key.
var driftNames = []string{"a", "b", "c"}

// driftPending is how many more DV orders driftHCL places and leaves
// pending (email DCV nobody answers), for the count of calls a health
// assessment makes.
const driftPending = 20

// driftHCL orders one DV certificate per driftNames key, publishes its DCV
// record with sandboxdns and waits for issuance, and orders driftPending
// more that stay pending; with atOnce, it also orders a.drift.example.com
// once more with csr2 (another key; the same request would be found again
// by its alternative_order_id), which the test has the sandbox issue before
// Create reads it (driftIssueAtOnce).
func driftHCL(s *sandbox.Server, csr, csr2 string, atOnce bool) string {
	cfg := fmt.Sprintf(`
provider "digicert" {
  api_key     = %[1]q
  base_url    = %[2]q
  min_backoff = "20ms"
  max_backoff = "200ms"
}

resource "digicert_dv_ssl_order" "o" {
  for_each        = toset(%[4]s)
  product_name_id = "ssl_dv_geotrust"
  certificate = {
    common_name = "${each.key}.drift.example.com"
    csr         = %[3]q
  }
  validity_years = 1
  dcv_method     = "dns-txt-token"
  skip_approval  = true
}

resource "sandboxdns_record" "dcv" {
  for_each = { for k, o in digicert_dv_ssl_order.o : k => o.dcv_records["${k}.drift.example.com"] }
  type     = each.value.type
  name     = each.value.name
  value    = each.value.value
}

resource "digicert_dv_ssl_order_validation" "v" {
  for_each      = digicert_dv_ssl_order.o
  order_id      = each.value.id
  poll_interval = "100ms"
  depends_on    = [sandboxdns_record.dcv]
}

resource "digicert_dv_ssl_order" "pending" {
  count           = %[5]d
  product_name_id = "ssl_dv_geotrust"
  certificate = {
    common_name = "p${count.index}.drift.example.com"
    csr         = %[3]q
  }
  validity_years = 1
  dcv_method     = "email"
  skip_approval  = true
  on_destroy     = "keep"
}
`, s.APIKey(), s.URL(), csr, hclList(driftNames), driftPending)
	if atOnce {
		cfg += fmt.Sprintf(`
resource "digicert_dv_ssl_order" "at_once" {
  product_name_id = "ssl_dv_geotrust"
  certificate = {
    common_name = "a.drift.example.com"
    csr         = %q
  }
  validity_years = 1
  dcv_method     = "dns-txt-token"
  skip_approval  = true
}
`, csr2)
	}
	return cfg
}

// driftIssueAtOnce applies the at_once order alone (-target, no refresh),
// and has the sandbox issue it between the POST and Create's read of order
// info, which the sandbox delays: CertCentral answers "issued" at once when
// the names' validation is still valid from an earlier order.
func driftIssueAtOnce(t *testing.T, r *clitest.Run, s *sandbox.Server, cfg string) {
	t.Helper()
	placed := len(s.Orders())
	s.InjectFault(sandbox.Fault{Method: "GET", PathPrefix: "/order/certificate/*", Kind: sandbox.FaultLatency, Latency: time.Second})
	defer s.ClearFaults()
	whenOrdered(t, s, placed, func(_ context.Context, o sandbox.Order) {
		if err := s.IssueOrder(o.ID); err != nil {
			t.Error(err)
		}
	})
	if out, err := r.Apply(cfg, "-refresh=false", "-target=digicert_dv_ssl_order.at_once"); err != nil {
		t.Fatalf("apply of the order issued at once: %v\n%s", err, out)
	}
}

func hclList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// refreshOnlyPlan runs `plan -refresh-only -detailed-exitcode` as a health
// assessment does and returns its exit code (0 no drift, 2 drift), its
// output and the requests it made.
func refreshOnlyPlan(t *testing.T, r *clitest.Run, s *sandbox.Server) (int, string, []sandbox.Request) {
	t.Helper()
	s.ResetRequests()
	out, err := r.Exec(context.Background(), "plan", "-refresh-only", "-detailed-exitcode", "-input=false", "-no-color")
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("plan -refresh-only: %v\n%s", err, out)
		}
		code = ee.ExitCode()
	}
	if code != 0 && code != 2 {
		t.Fatalf("plan -refresh-only exited %d:\n%s", code, out)
	}
	return code, out, s.Requests()
}

// TestAccCLIDrift_refreshOnly: after an apply that placed, validated and
// issued four DV orders (one of them issued at once) and left twenty
// pending, the first refresh-only plan reports the issuance as drift; once
// `apply -refresh-only` recorded it, a refresh-only plan reports none and
// costs a feed call per time frame; a day later only days_remaining has
// changed; an order revoked outside Terraform is drift. No assessment reads
// a pending order that did not change.
func TestAccCLIDrift_refreshOnly(t *testing.T) {
	s := acctest.StartSandbox(t)
	r := clitest.New(t, clitest.Providers{
		// The provider reads the sandbox's clock, so a day passes for both.
		"digicert":   providerserver.NewProtocol6WithError(New("test", WithClock(s.Now))()),
		"sandboxdns": providerserver.NewProtocol6WithError(dnsprovider.New(s)()),
	})
	csr, csr2 := acctest.CSR(t, "drift.example.com"), acctest.CSR(t, "a.drift.example.com")
	if out, err := r.Apply(driftHCL(s, csr, csr2, false)); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	cfg := driftHCL(s, csr, csr2, true)
	driftIssueAtOnce(t, r, s, cfg)
	st, err := r.State()
	if err != nil {
		t.Fatal(err)
	}
	res := clitest.Resources(st)
	// Issued at once: its certificate is in state from the apply that
	// placed it, so no refresh has anything to add.
	if a := res["digicert_dv_ssl_order.at_once"].AttributeValues; a["status"] != "issued" || a["certificate_pem"] == nil || a["not_after"] == nil {
		t.Fatalf("the order issued at once is %v in state, certificate_pem set %v, not_after %v; want issued with its certificate", a["status"], a["certificate_pem"] != nil, a["not_after"])
	}
	orders := len(driftNames) + 1 + driftPending
	if n := len(s.Orders()); n != orders {
		t.Fatalf("%d orders placed, want %d", n, orders)
	}

	// An hour passes before the next run, for CertCentral and the
	// provider: the issuance is then older than the feed's five minutes of
	// slack when the next apply reads the orders.
	s.SetNow(s.Now().Add(time.Hour))
	// The validations issued the orders after the order resources were
	// created as pending: the first refresh sees the issuance on the order
	// resources. That is drift (the state of digicert_dv_ssl_order.o
	// changes: status, certificate, dates), and a health assessment right
	// after the first apply reports it.
	code, out, reqs := refreshOnlyPlan(t, r, s)
	t.Logf("refresh-only plan right after the apply that issued the orders: exit %d, requests %v", code, requestCounts(reqs))
	if code != 2 {
		t.Errorf("right after the apply: exit %d, want 2 (the issuance is not yet in the order resources' state)\n%s", code, out)
	}
	for _, k := range driftNames {
		if addr := fmt.Sprintf("digicert_dv_ssl_order.o[%q]", k); !strings.Contains(out, addr) {
			t.Errorf("the drift report does not name %s:\n%s", addr, out)
		}
	}
	if strings.Contains(out, "digicert_dv_ssl_order.at_once has changed") {
		t.Errorf("the order issued at once drifted: its state after Create lacked something\n%s", out)
	}
	// What a workspace's next run (or `apply -refresh-only`) records.
	if out, err := r.Apply(cfg, "-refresh-only"); err != nil {
		t.Fatalf("apply -refresh-only: %v\n%s", err, out)
	}

	// The pending orders: no assessment below needs to read them.
	pendingRead := func(t *testing.T, reqs []sandbox.Request) {
		t.Helper()
		got := requestCounts(reqs)
		for i := range driftPending {
			id := fmt.Sprint(res[fmt.Sprintf("digicert_dv_ssl_order.pending[%d]", i)].AttributeValues["id"])
			if got["GET /order/certificate/"+id] > 0 {
				t.Errorf("pending[%d], order %s, unchanged, was read: %v", i, id, got)
			}
		}
	}

	t.Run("no drift after the state caught up, a feed call per frame", func(t *testing.T) {
		code, out, reqs := refreshOnlyPlan(t, r, s)
		if code != 0 {
			t.Errorf("exit %d, want 0 (no drift):\n%s", code, out)
		}
		// Two frames: the orders the last apply read (10 minutes) and the
		// pending ones it kept, last read when placed an hour before (80).
		wantRequests(t, "refresh-only plan", reqs, map[string]int{"GET /order/certificate/status-changes": 2})
		t.Logf("health assessment of %d orders (%d issued, %d pending) and %d validations: %d API call(s)", orders, len(driftNames)+1, driftPending, len(driftNames), len(reqs))
	})

	// A day later the refresh counts days_remaining down on the provider's
	// clock, which changes the state of every issued order: Terraform
	// reports that as a change outside Terraform, and a refresh-only plan
	// exits 2. choice: asserted as it is (days_remaining is a documented
	// attribute of the order resources); docs/guides/hcp-terraform.md says
	// what a daily health assessment therefore shows. Nothing else drifts.
	t.Run("a day later only days_remaining has changed", func(t *testing.T) {
		s.SetNow(s.Now().Add(24 * time.Hour))
		code, out, reqs := refreshOnlyPlan(t, r, s)
		t.Logf("a day later: exit %d, requests %v", code, requestCounts(reqs))
		if code != 2 {
			t.Errorf("exit %d, want 2 (days_remaining counted down):\n%s", code, out)
		}
		changed := regexp.MustCompile(`(?m)^\s+~ (\w+)\s+=`).FindAllStringSubmatch(out, -1)
		if len(changed) != len(driftNames)+1 {
			t.Errorf("%d attributes changed, want days_remaining of the %d issued orders:\n%s", len(changed), len(driftNames)+1, out)
		}
		for _, m := range changed {
			if m[1] != "days_remaining" {
				t.Errorf("%s changed a day later, want only days_remaining:\n%s", m[1], out)
			}
		}
		if n := requestCounts(reqs)["GET /order/certificate/status-changes"]; n != 1 {
			t.Errorf("%d feed calls a day later, want 1 (every order's frame is the same)", n)
		}
		pendingRead(t, reqs)
	})

	t.Run("a revocation outside Terraform is drift, and only that order is read", func(t *testing.T) {
		id := fmt.Sprint(res[`digicert_dv_ssl_order.o["b"]`].AttributeValues["id"])
		n, err := strconv.Atoi(id)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetOrderStatus(n, "revoked"); err != nil {
			t.Fatal(err)
		}
		code, out, reqs := refreshOnlyPlan(t, r, s)
		if code != 2 || !strings.Contains(out, `digicert_dv_ssl_order.o["b"]`) {
			t.Errorf("exit %d, want 2 naming the revoked order:\n%s", code, out)
		}
		if got := requestCounts(reqs); got["GET /order/certificate/"+id] == 0 {
			t.Errorf("the revoked order %s was not read: %v", id, got)
		}
		pendingRead(t, reqs)
	})
}
