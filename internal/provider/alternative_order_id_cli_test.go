package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// The CLI killed (SIGKILL) while the order's Create runs, after CertCentral
// placed the order and before the CLI recorded it: no CLI has the order in
// state. The next apply finds the order by its alternative_order_id and
// adopts it: exactly one order, on both CLIs.
func TestAccCLIDVOrder_killedDuringCreate(t *testing.T) {
	r, s := newFlowRun(t)
	csr := acctest.CSR(t, "www.example.org")
	cfg := dvMinimalHCL(s, csr, "")
	// Hold Create in its order info read, right after the POST.
	s.InjectFault(sandbox.Fault{Method: "GET", PathPrefix: "/order/certificate/*", Kind: sandbox.FaultLatency, Latency: 20 * time.Second, Count: 1})
	ctx, cancel := context.WithCancel(clitest.WithKill(context.Background()))
	defer cancel()
	whenOrdered(t, s, 0, func(waitCtx context.Context, _ sandbox.Order) {
		if waitFor(waitCtx, func() bool { return s.PendingFaults() == 0 }) { // the read began
			cancel()
		}
	})
	out, err := r.ApplyContext(ctx, cfg)
	if err == nil {
		t.Fatalf("the killed apply succeeded:\n%s", out)
	}
	raw, _ := r.RawState()
	if strings.Contains(string(raw), `"digicert_dv_ssl_order"`) {
		t.Fatalf("%s recorded the order before the kill; this test needs it lost:\n%s", r.CLI(), raw)
	}
	s.ClearFaults()
	out, err = r.Apply(cfg)
	if err != nil {
		t.Fatalf("apply after the kill: %v\n%s", err, out)
	}
	orders := s.Orders()
	if len(orders) != 1 || len(acctest.OrderPOSTs(s)) != 1 {
		t.Fatalf("%d orders, %d order POSTs after the next apply; want exactly 1 of each", len(orders), len(acctest.OrderPOSTs(s)))
	}
	if want := fmt.Sprintf("Order %d (status %s) already carries alternative_order_id %q", orders[0].ID, orders[0].Status, orders[0].AlternativeOrderID); !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
		t.Errorf("the apply does not name the adopted order (%q):\n%s", want, out)
	}
	st, _ := r.State()
	if id := clitest.Resources(st)["digicert_dv_ssl_order.test"].AttributeValues["id"]; id != fmt.Sprint(orders[0].ID) {
		t.Fatalf("state holds order %v, want %d", id, orders[0].ID)
	}
	// Settled: the next plan has nothing to do.
	plan, out, err := r.Plan(cfg)
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	if empty, changes := clitest.PlanIsEmpty(plan); !empty {
		t.Errorf("plan after adoption: %q\n%s", changes, out)
	}
	t.Logf("%s: killed during create, orders after the next apply: %d", r.CLI(), len(orders))
}
