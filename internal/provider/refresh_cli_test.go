package provider

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// Refresh from the status-changes feed (refresh.go), through the CLI so
// that every command's requests can be counted on their own: the same
// plans with the feed on and off must show the same state and the same
// changes, and an unchanged plan must cost one feed call.

// refreshHCL is four DV orders, a validation of the first once validated
// is true, and a document signing order, with refresh_with_status_changes
// set to feed (an HCL value, "null" for the default).
func refreshHCL(s *sandbox.Server, csr, feed string, validated bool) string {
	cfg := fmt.Sprintf(`
provider "digicert" {
  api_key                     = %[1]q
  base_url                    = %[2]q
  min_backoff                 = "20ms"
  max_backoff                 = "200ms"
  refresh_with_status_changes = %[3]s
}

resource "digicert_dv_ssl_order" "o" {
  count           = 4
  product_name_id = "ssl_dv_geotrust"
  certificate = {
    common_name = "host${count.index}.refresh.example.com"
    csr         = %[4]q
  }
  validity_years = 1
  dcv_method     = "dns-txt-token"
  skip_approval  = true
}
`, s.APIKey(), s.URL(), feed, csr) + dsignOrgMinimal().resource()
	if validated {
		cfg += `
resource "digicert_dv_ssl_order_validation" "v0" {
  order_id      = digicert_dv_ssl_order.o[0].id
  poll_interval = "100ms"
}
`
	}
	return cfg
}

// planRequests runs a plan and returns it with the requests it made.
func planRequests(t *testing.T, r *clitest.Run, s *sandbox.Server, cfg string) (*tfjson.Plan, []sandbox.Request) {
	t.Helper()
	s.ResetRequests()
	p, out, err := r.Plan(cfg)
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	return p, s.Requests()
}

// requestCounts counts requests as "METHOD path" with order and
// certificate IDs kept, so a test can say which orders were read.
func requestCounts(reqs []sandbox.Request) map[string]int {
	out := map[string]int{}
	for _, rq := range reqs {
		out[rq.Method+" "+strings.TrimPrefix(rq.Path, "/services/v2")]++
	}
	return out
}

// samePlan fails unless two plans refreshed to the same state and plan the
// same changes.
func samePlan(t *testing.T, what string, got, want *tfjson.Plan) {
	t.Helper()
	g, _ := json.Marshal([]any{got.PriorState.Values, got.ResourceChanges})
	w, _ := json.Marshal([]any{want.PriorState.Values, want.ResourceChanges})
	if string(g) != string(w) {
		t.Errorf("%s: the plan differs from the plan that reads every order\n--- got\n%s\n--- want\n%s", what, g, w)
	}
}

func wantRequests(t *testing.T, what string, reqs []sandbox.Request, want map[string]int) {
	t.Helper()
	if got := requestCounts(reqs); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s: requests %v, want %v", what, got, want)
	}
}

// refreshSetup applies refreshHCL without the validation against a new
// sandbox, and returns the configurations with it, feed on and off.
func refreshSetup(t *testing.T) (s *sandbox.Server, r *clitest.Run, csr, feedOn, feedOff string) {
	t.Helper()
	s = acctest.StartSandbox(t)
	// The provider reads the sandbox's clock, so that both move together.
	r = clitest.New(t, clitest.Providers{"digicert": providerserver.NewProtocol6WithError(New("test", WithClock(s.Now))())})
	csr = acctest.CSR(t, "host.refresh.example.com")
	if out, err := r.Apply(refreshHCL(s, csr, "null", false)); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	return s, r, csr, refreshHCL(s, csr, "null", true), refreshHCL(s, csr, "false", true)
}

func TestAccCLIRefresh_feed(t *testing.T) {
	s, r, csr, feedOn, feedOff := refreshSetup(t)
	if n := len(s.Orders()); n != 5 {
		t.Fatalf("%d orders placed, want 5", n)
	}
	// dv[i] is the order of digicert_dv_ssl_order.o[i].
	st, err := r.State()
	if err != nil {
		t.Fatal(err)
	}
	res := clitest.Resources(st)
	dv := make([]int, 4)
	for i := range dv {
		dv[i], _ = strconv.Atoi(fmt.Sprint(res[fmt.Sprintf("digicert_dv_ssl_order.o[%d]", i)].AttributeValues["id"]))
	}
	ds, _ := strconv.Atoi(fmt.Sprint(res[dsignAddr].AttributeValues["id"]))

	t.Run("the plan after an apply reads none of the pending orders it placed", func(t *testing.T) {
		// The feed names them (created less than its slack before their
		// last full read), but with the status and certificate ID state
		// holds.
		created := refreshHCL(s, csr, "null", false)
		on, reqs := planRequests(t, r, s, created)
		got := requestCounts(reqs)
		if got["GET /order/certificate/status-changes"] != 1 {
			t.Errorf("feed calls: %v, want 1", got)
		}
		for i, id := range dv {
			if n := got[fmt.Sprintf("GET /order/certificate/%d", id)]; n != 0 {
				t.Errorf("pending order o[%d] read %d times: %v", i, n, got)
			}
		}
		off, _ := planRequests(t, r, s, refreshHCL(s, csr, "false", false))
		samePlan(t, "after the apply", on, off)
	})
	// Outside Terraform: three DV orders and the document signing order
	// are issued; the fourth DV order stays pending.
	for _, id := range dv[:3] {
		if err := s.CompleteDCV(id); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.IssueOrder(ds); err != nil {
		t.Fatal(err)
	}
	// An hour passes, for CertCentral and for the provider: the changes are
	// older than the feed's slack when the next apply reads the orders.
	s.SetNow(time.Now().Add(time.Hour))
	// The refresh of this apply sees the issuance: the feed names every
	// order (each changed after it was last read, at its creation), so they
	// are read, and the issued ones downloaded.
	s.ResetRequests()
	if out, err := r.Apply(feedOn); err != nil {
		t.Fatalf("apply with the validation: %v\n%s", err, out)
	}
	got := requestCounts(s.Requests())
	for _, id := range dv[:3] {
		if got[fmt.Sprintf("GET /order/certificate/%d", id)] == 0 {
			t.Errorf("order %d, issued outside Terraform, was not read: %v", id, got)
		}
	}
	if st, err = r.State(); err != nil {
		t.Fatal(err)
	}
	for i, id := range dv[:3] {
		a := clitest.Resources(st)[fmt.Sprintf("digicert_dv_ssl_order.o[%d]", i)].AttributeValues
		if a["status"] != "issued" || a["certificate_pem"] == nil || a["id"] != strconv.Itoa(id) {
			t.Errorf("order %d after the refresh: status %v, certificate_pem set %v", id, a["status"], a["certificate_pem"] != nil)
		}
	}

	t.Run("unchanged plan costs a feed call per time frame", func(t *testing.T) {
		on, reqs := planRequests(t, r, s, feedOn)
		if empty, changes := clitest.PlanIsEmpty(on); !empty {
			t.Errorf("plan not empty: %v", changes)
		}
		// The issued document signing order is always read: its requests
		// can change without a status change.
		wantRequests(t, "feed on", reqs, map[string]int{
			"GET /order/certificate/status-changes":      2,
			fmt.Sprintf("GET /order/certificate/%d", ds): 1,
		})
		// The time frames: since the last full read, plus the five minutes
		// of slack, rounded up to 10, 20, 40, 80... minutes. The orders
		// read by the last apply were read seconds ago (10 minutes); the
		// pending o[3], kept by that apply, was last read in full when it
		// was placed, an hour ago (80 minutes).
		var frames []string
		for _, rq := range reqs {
			if strings.HasSuffix(rq.Path, "status-changes") {
				frames = append(frames, rq.RawQuery)
			}
		}
		slices.Sort(frames)
		if want := []string{"limit=1000&seconds=4800", "limit=1000&seconds=600"}; !slices.Equal(frames, want) {
			t.Errorf("feed queries %q, want %q", frames, want)
		}
		off, reqs := planRequests(t, r, s, feedOff)
		want := map[string]int{fmt.Sprintf("GET /order/certificate/%d", ds): 1}
		for _, id := range dv {
			want[fmt.Sprintf("GET /order/certificate/%d", id)] = 1
		}
		want[fmt.Sprintf("GET /order/certificate/%d", dv[0])] = 2 // the order and its validation
		wantRequests(t, "feed off", reqs, want)
		samePlan(t, "unchanged", on, off)
	})

	// Outside Terraform: one order revoked, one expired, the pending one
	// canceled.
	for id, status := range map[int]string{dv[1]: "revoked", dv[2]: "expired", dv[3]: "canceled"} {
		if err := s.SetOrderStatus(id, status); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("revoked, expired and canceled orders are seen as without the feed", func(t *testing.T) {
		on, reqs := planRequests(t, r, s, feedOn)
		want := map[string]int{"GET /order/certificate/status-changes": 2, fmt.Sprintf("GET /order/certificate/%d", ds): 1}
		for _, id := range dv[1:] {
			want[fmt.Sprintf("GET /order/certificate/%d", id)] = 1
		}
		wantRequests(t, "feed on", reqs, want)
		acts := plannedActions(on)
		for _, i := range []int{1, 3} {
			if a := acts[fmt.Sprintf("digicert_dv_ssl_order.o[%d]", i)]; a != "delete,create" && a != "create,delete" {
				t.Errorf("order o[%d]: planned %q, want a replacement; plan %v", i, a, acts)
			}
		}
		// An expired certificate whose coverage runs on is not replaced
		// (it can be reissued; without renewal settings nothing is planned).
		if a := acts["digicert_dv_ssl_order.o[2]"]; a != "no-op" {
			t.Errorf("expired order o[2] inside its coverage: planned %q, want no-op; plan %v", a, acts)
		}
		off, _ := planRequests(t, r, s, feedOff)
		samePlan(t, "after changes", on, off)
	})

	t.Run("a failing feed falls back to reading every order", func(t *testing.T) {
		s.InjectFault(sandbox.Fault{Method: "GET", PathPrefix: "/order/certificate/status-changes", Kind: sandbox.FaultStatus, Status: 503,
			Body: `{"errors":[{"code":"service_unavailable","message":"Try again later."}]}`})
		defer s.ClearFaults()
		on, reqs := planRequests(t, r, s, feedOn)
		got := requestCounts(reqs)
		for _, id := range append(slices.Clone(dv), ds) {
			if got[fmt.Sprintf("GET /order/certificate/%d", id)] == 0 {
				t.Errorf("order %d not read after the feed failed: %v", id, got)
			}
		}
		if got["GET /order/certificate/status-changes"] == 0 {
			t.Errorf("the feed was not asked: %v", got)
		}
		s.ClearFaults()
		off, _ := planRequests(t, r, s, feedOff)
		samePlan(t, "feed failed", on, off)
	})
}

// A reissue outside Terraform between two plans, at each stage: requested
// (reissue_pending), issued (a new certificate ID), and a second reissue
// rejected (back to issued with the same certificate ID and a newer,
// rejected request). The feed names the order each time and the plan is
// the one that reads every order. After each stage the state catches up
// (apply -refresh-only), so that each stage is seen from the one before.
func TestAccCLIRefresh_feedSeesReissuesOutside(t *testing.T) {
	s, r, _, feedOn, feedOff := refreshSetup(t)
	st, err := r.State()
	if err != nil {
		t.Fatal(err)
	}
	o0, _ := strconv.Atoi(fmt.Sprint(clitest.Resources(st)["digicert_dv_ssl_order.o[0]"].AttributeValues["id"]))
	if err := s.CompleteDCV(o0); err != nil {
		t.Fatal(err)
	}
	// An hour later the apply with the validation reads the issued order.
	s.SetNow(time.Now().Add(time.Hour))
	if out, err := r.Apply(feedOn); err != nil {
		t.Fatalf("apply with the validation: %v\n%s", err, out)
	}
	issued, _ := s.Order(o0)
	if issued.Status != "issued" {
		t.Fatalf("order %d is %s, want issued", o0, issued.Status)
	}
	// Without skip_approval the reissue waits for an approval.
	body, _ := json.Marshal(map[string]any{
		"certificate": map[string]any{"common_name": "host0.refresh.example.com", "csr": acctest.CSR(t, "host0.refresh.example.com")},
		"dcv_method":  "dns-txt-token",
	})
	var afterIssue sandbox.Order
	for _, step := range []struct {
		name  string
		act   func() error
		check func(o sandbox.Order) bool
	}{
		{"reissue requested", func() error { _, err := s.Reissue(s.APIKey(), o0, body); return err },
			func(o sandbox.Order) bool { return o.Status == certcentral.OrderStatusReissuePending }},
		{"reissue issued", func() error { return s.ApproveReissue(o0) },
			func(o sandbox.Order) bool {
				afterIssue = o
				return o.Status == "issued" && o.CertificateID != issued.CertificateID
			}},
		{"a second reissue rejected", func() error {
			if _, err := s.Reissue(s.APIKey(), o0, body); err != nil {
				return err
			}
			return s.RejectReissue(o0)
		}, func(o sandbox.Order) bool { return o.Status == "issued" && o.CertificateID == afterIssue.CertificateID }},
	} {
		if err := step.act(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if o, _ := s.Order(o0); !step.check(o) {
			t.Fatalf("%s: the sandbox order is %s with certificate %d", step.name, o.Status, o.CertificateID)
		}
		on, reqs := planRequests(t, r, s, feedOn)
		if n := requestCounts(reqs)[fmt.Sprintf("GET /order/certificate/%d", o0)]; n == 0 {
			t.Errorf("%s: order %d not read with the feed on", step.name, o0)
		}
		off, _ := planRequests(t, r, s, feedOff)
		samePlan(t, step.name, on, off)
		// The next step starts from a state that saw this one.
		if out, err := r.Apply(feedOff, "-refresh-only"); err != nil {
			t.Fatalf("%s: apply -refresh-only: %v\n%s", step.name, err, out)
		}
	}
}
