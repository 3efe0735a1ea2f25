package provider

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/dnsprovider"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/pgtest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// The kill matrix: the CLI stopped by SIGKILL, SIGINT or SIGTERM while an
// order is being created (the order is placed, its answer not yet back),
// while its validation waits, and while a key rotation's reissue is being
// requested (the reissue is accepted, its answer not yet back), with local state and with state in a real
// PostgreSQL (the pg backend), on every CLI of the matrix. Whatever the CLI
// saved, the next apply must end with exactly one order, the one in state:
// none lost, none paid twice; and after a stopped reissue, exactly one
// reissue, never a second one.
//
// SIGKILL leaves the CLI no chance to save state: the order's ID is lost
// whenever the kill comes before the CLI persisted it (always during the
// create; during the wait, except with Terraform 1.5.7's local state, which
// is written as each resource completes; OpenTofu and every remote backend
// persist every 20 s). The next apply must then find the order by the
// idempotency key it carries (alternative_order_id) and adopt it.

// heldAnswers puts a proxy in front of the sandbox that calls a test's hook
// at an exact point of a run: after the sandbox processed the nth request
// matching a pattern, before its answer is written. The hook runs in the
// request's handler, so the provider waits for it.
type heldAnswers struct {
	s   *sandbox.Server
	srv *httptest.Server

	mu    sync.Mutex
	holds []*hold
}

type hold struct {
	method string
	path   *regexp.Regexp
	nth    int
	okOnly bool // count only 2xx answers
	seen   int
	fn     func(*http.Request)
}

func newHeldAnswers(t *testing.T, s *sandbox.Server) *heldAnswers {
	t.Helper()
	h := &heldAnswers{s: s}
	inner := s.Handler()
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		inner.ServeHTTP(rec, r)
		if fn := h.match(r, rec.Code); fn != nil {
			fn(r)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(h.srv.Close)
	return h
}

// on registers fn for the nth (1-based) answer to method on a path
// matching pattern (the full path, /services/v2/...); with okOnly, only
// 2xx answers count.
func (h *heldAnswers) on(method, pattern string, nth int, okOnly bool, fn func(*http.Request)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.holds = append(h.holds, &hold{method: method, path: regexp.MustCompile(pattern), nth: nth, okOnly: okOnly, fn: fn})
}

func (h *heldAnswers) match(r *http.Request, status int) func(*http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, hd := range h.holds {
		if hd.method == r.Method && hd.path.MatchString(r.URL.Path) && (!hd.okOnly || status < 300) {
			hd.seen++
			if hd.seen == hd.nth {
				return hd.fn
			}
		}
	}
	return nil
}

// config is cfg with the provider pointed at the proxy.
func (h *heldAnswers) config(cfg string) string {
	return strings.Replace(cfg, h.s.URL(), h.srv.URL+"/services/v2", 1)
}

// Paths the matrix stops at: a new order (not a reissue or any other POST
// below the order), a DCV check of the validation's wait, and a reissue.
const (
	orderPOSTPath   = `^/services/v2/order/certificate/[a-z0-9_]+$`
	checkDCVPath    = `^/services/v2/order/certificate/[0-9]+/check-dcv$`
	reissuePOSTPath = `^/services/v2/order/certificate/[0-9]+/reissue$`
)

// abandonWait is how long a held answer waits, after the stop reached the
// provider, for the provider to close the request; either outcome is
// exercised, the wait only tells which one the provider chose.
const abandonWait = 2 * time.Second

// stopWatch tells when the CLI asked the provider to stop (StopProvider,
// which both CLIs send on SIGINT and SIGTERM).
type stopWatch struct {
	tfprotov6.ProviderServer
	once    *sync.Once
	stopped chan struct{}
}

func (s *stopWatch) StopProvider(ctx context.Context, req *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	s.once.Do(func() { close(s.stopped) })
	return s.ProviderServer.StopProvider(ctx, req)
}

// killCase is one cell of the matrix.
type killCase struct {
	backend string // "local" or "pg"
	phase   string // "create", "wait" or "reissue"
	sig     syscall.Signal
}

func (c killCase) name() string {
	return fmt.Sprintf("%s/%s/%s", c.backend, strings.TrimPrefix(signalName(c.sig), "SIG"), c.phase)
}

func signalName(sig syscall.Signal) string {
	switch sig {
	case syscall.SIGKILL:
		return "SIGKILL"
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return sig.String()
}

func TestAccCLIKill_matrix(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("Acceptance tests skipped unless env 'TF_ACC' set")
	}
	var cases []killCase
	for _, backend := range []string{"local", "pg"} {
		for _, phase := range []string{"create", "wait", "reissue"} {
			for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGINT, syscall.SIGTERM} {
				cases = append(cases, killCase{backend, phase, sig})
			}
		}
	}
	var pg *pgtest.Server
	pgOK := acctest.Supports(t, acctest.PgBackend)
	if pgOK {
		pg = pgtest.Start(t)
	} else {
		t.Run("pg/unsupported", func(t *testing.T) {
			r, _ := newFlowRun(t)
			if err := r.SetBackend("pg", map[string]string{"conn_str": "postgres://127.0.0.1:1/none?sslmode=disable"}); err != nil {
				t.Fatal(err)
			}
			r.AssertBackendUnsupported()
		})
	}
	for i, c := range cases {
		if c.backend == "pg" && !pgOK {
			continue
		}
		t.Run(c.name(), func(t *testing.T) {
			t.Parallel()
			var conn string
			if c.backend == "pg" {
				conn = pg.CreateDatabase(t, fmt.Sprintf("kill%d", i))
			}
			runKillCase(t, c, conn)
		})
	}
}

func runKillCase(t *testing.T, c killCase, conn string) {
	s := acctest.StartSandbox(t)
	watch := &stopWatch{once: &sync.Once{}, stopped: make(chan struct{})}
	digicert := providerserver.NewProtocol6WithError(New("test")())
	r := clitest.New(t, clitest.Providers{
		"digicert": func() (tfprotov6.ProviderServer, error) {
			srv, err := digicert()
			return &stopWatch{ProviderServer: srv, once: watch.once, stopped: watch.stopped}, err
		},
		"sandboxdns": providerserver.NewProtocol6WithError(dnsprovider.New(s)()),
	})
	if conn != "" {
		if err := r.SetBackend("pg", map[string]string{"conn_str": conn}); err != nil {
			t.Fatal(err)
		}
	}
	h := newHeldAnswers(t, s)
	csr, _ := csrWithKey(t)

	if c.phase == "reissue" {
		runReissueKillCase(t, c, r, s, h, watch)
		return
	}

	signaled := make(chan struct{})
	stop := signalOnHold(t, c.sig, r, watch, signaled)
	first := dnsFlowHCL(s, csr, "each.value.name", "", "")
	if c.phase == "create" {
		h.on("POST", orderPOSTPath, 1, true, stop)
	} else {
		// Records at names DigiCert does not look at: the wait goes on
		// until the signal, at its third DCV check (answered 400: no
		// record found).
		first = dnsFlowHCL(s, csr, `"parked.${each.value.name}"`, "", "")
		h.on("PUT", checkDCVPath, 3, false, stop)
	}

	out := applyUntilSignal(t, r, h.config(first), c.sig, signaled, "the apply")
	if n := len(s.Orders()); n != 1 {
		t.Fatalf("%d orders after the signaled apply, want 1", n)
	}
	t.Logf("the signaled apply's diagnostics: %q", diagnosticSummaries(out))
	placed := s.Orders()[0].ID
	raw, err := r.RawState()
	if errors.Is(err, os.ErrNotExist) {
		raw, err = nil, nil // no local state was written at all
	}
	if err != nil {
		t.Fatalf("reading the state after %s: %v", signalName(c.sig), err)
	}
	inState := orderIDInState(t, raw) == fmt.Sprint(placed)

	// The next apply, with the records where DigiCert looks.
	next := h.config(dnsFlowHCL(s, csr, "each.value.name", "", ""))
	if out, err := r.Apply(next); err != nil {
		t.Fatalf("the apply after %s: %v\n%s", signalName(c.sig), err, out)
	}
	orders := s.Orders()
	st, err := r.State()
	if err != nil {
		t.Fatal(err)
	}
	res := clitest.Resources(st)
	order := res["digicert_dv_ssl_order.site"]
	var stateID any
	if order != nil {
		stateID = order.AttributeValues["id"]
	}
	lost, duplicates := 0, len(orders)-1
	for _, o := range orders {
		if fmt.Sprint(o.ID) != fmt.Sprint(stateID) {
			lost++
		}
	}
	t.Logf("kill matrix: %s %s, %s state, %s during the %s: order in state after the signal: %v; orders %d, lost %d, duplicates %d",
		r.CLI(), r.Version(), c.backend, signalName(c.sig), c.phase, inState, len(orders), lost, duplicates)
	if len(orders) != 1 || lost != 0 {
		t.Fatalf("after %s during the %s and the next apply: %d orders, state holds order %v, want exactly order %d (lost %d, duplicates %d)",
			signalName(c.sig), c.phase, len(orders), stateID, placed, lost, duplicates)
	}
	if placedPOSTs := accepted(acctest.OrderPOSTs(s)); placedPOSTs != 1 {
		t.Errorf("the sandbox accepted %d order POSTs, want 1", placedPOSTs)
	}
	if v := res["digicert_dv_ssl_order_validation.site"]; v == nil || v.AttributeValues["status"] != "issued" {
		t.Errorf("the validation of the adopted order did not reach issued: %v", v)
	}
	plan, out, err := r.Plan(next)
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	if empty, changes := clitest.PlanIsEmpty(plan); !empty {
		t.Errorf("plan after the recovery is not empty: %v\n%s", changes, out)
	}
}

// runReissueKillCase issues an order, then rotates its key and stops the
// CLI while the reissue POST is in flight: CertCentral accepted the
// reissue, its answer has not reached the provider. The next apply must
// finish that reissue without sending another one and without ordering.
func runReissueKillCase(t *testing.T, c killCase, r *clitest.Run, s *sandbox.Server, h *heldAnswers, watch *stopWatch) {
	csr1, _ := csrWithKey(t)
	csr2, key2 := csrWithKey(t)
	// The validation follows each reissue through request_id.
	follow := "  request_id = digicert_dv_ssl_order.site.request_id"
	if out, err := r.Apply(h.config(dnsFlowHCL(s, csr1, "each.value.name", "", follow))); err != nil {
		t.Fatalf("the first apply: %v\n%s", err, out)
	}
	if n := len(s.Orders()); n != 1 {
		t.Fatalf("%d orders after the first apply, want 1", n)
	}
	placed := s.Orders()[0].ID

	signaled := make(chan struct{})
	h.on("POST", reissuePOSTPath, 1, true, signalOnHold(t, c.sig, r, watch, signaled))
	rotated := h.config(dnsFlowHCL(s, csr2, "each.value.name", "", follow))
	out := applyUntilSignal(t, r, rotated, c.sig, signaled, "the key rotation")
	t.Logf("the signaled apply's diagnostics: %q", diagnosticSummaries(out))
	raw, err := r.RawState()
	if err != nil {
		t.Fatalf("reading the state after %s: %v", signalName(c.sig), err)
	}
	csr2JSON, _ := json.Marshal(csr2)
	reissueInState := bytes.Contains(raw, csr2JSON[1:len(csr2JSON)-1])

	out, err = r.Apply(rotated)
	t.Logf("the next apply's diagnostics: %q", diagnosticSummaries(out))
	reissues, orderPOSTs := accepted(acctest.ReissuePOSTs(s)), accepted(acctest.OrderPOSTs(s))
	t.Logf("kill matrix: %s %s, %s state, %s during the reissue: new CSR in state after the signal: %v; orders %d, order POSTs accepted %d, reissue POSTs accepted %d (sent %d)",
		r.CLI(), r.Version(), c.backend, signalName(c.sig), reissueInState, len(s.Orders()), orderPOSTs, reissues, len(acctest.ReissuePOSTs(s)))
	if err != nil {
		t.Fatalf("the apply after %s: %v\n%s", signalName(c.sig), err, out)
	}
	if reissues != 1 || orderPOSTs != 1 || len(s.Orders()) != 1 {
		t.Errorf("after %s during the reissue and the next apply: %d reissues and %d order POSTs accepted, %d orders; want 1, 1 (the first order), 1",
			signalName(c.sig), reissues, orderPOSTs, len(s.Orders()))
	}
	st, err := r.State()
	if err != nil {
		t.Fatal(err)
	}
	res := clitest.Resources(st)
	if o := res["digicert_dv_ssl_order.site"]; o == nil || fmt.Sprint(o.AttributeValues["id"]) != fmt.Sprint(placed) {
		t.Fatalf("state holds order %v after the reissue, want order %d", o, placed)
	}
	v := res["digicert_dv_ssl_order_validation.site"]
	if v == nil || v.AttributeValues["status"] != "issued" {
		t.Fatalf("the validation of the reissue did not reach issued: %v", v)
	}
	if got, ok := parseLeaf(t, v.AttributeValues["certificate_pem"]).PublicKey.(*ecdsa.PublicKey); !ok || !got.Equal(key2) {
		t.Error("after the recovered reissue the certificate in state does not certify the new key")
	}
	plan, out, err := r.Plan(rotated)
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	if empty, changes := clitest.PlanIsEmpty(plan); !empty {
		t.Errorf("plan after the recovery is not empty: %v\n%s", changes, out)
	}
}

// applyUntilSignal applies cfg, which a hold stops by sig, and returns the
// CLI's output; what names the run in failures.
func applyUntilSignal(t *testing.T, r *clitest.Run, cfg string, sig syscall.Signal, signaled chan struct{}, what string) string {
	t.Helper()
	out, err := r.Apply(cfg)
	select {
	case <-signaled:
	default:
		t.Fatalf("%s ended before the signal (err %v):\n%s", what, err, out)
	}
	if err == nil {
		t.Fatalf("%s stopped by %s succeeded:\n%s", what, signalName(sig), out)
	}
	return out
}

// accepted counts the requests the sandbox answered with 2xx.
func accepted(reqs []sandbox.Request) int {
	n := 0
	for _, req := range reqs {
		if req.Status < 300 {
			n++
		}
	}
	return n
}

// signalOnHold is a hold's hook that sends sig to the CLI and, for SIGINT
// and SIGTERM, holds the answer until the stop reached the provider; it
// closes signaled when done.
func signalOnHold(t *testing.T, sig syscall.Signal, r *clitest.Run, watch *stopWatch, signaled chan struct{}) func(*http.Request) {
	return func(req *http.Request) {
		defer close(signaled)
		if err := r.Signal(sig); err != nil {
			t.Errorf("signaling the CLI: %v", err)
			return
		}
		if sig == syscall.SIGKILL {
			return
		}
		// Hold the answer until the stop reached the provider, so that
		// the request in flight is the one interrupted.
		select {
		case <-watch.stopped:
		case <-time.After(clitest.InterruptGrace):
			t.Errorf("%s: the CLI did not ask the provider to stop within %s", signalName(sig), clitest.InterruptGrace)
			return
		}
		// The SDK cancels the provider's contexts right after
		// StopProvider returns: a provider that abandons its request
		// closes it at once. One that keeps waiting for the answer gets
		// it after abandonWait.
		select {
		case <-req.Context().Done():
			t.Logf("the provider abandoned the %s %s in flight on the stop", req.Method, req.URL.Path)
		case <-time.After(abandonWait):
			t.Logf("the provider still waited for the answer to %s %s %s after the stop: answering", req.Method, req.URL.Path, abandonWait)
		}
	}
}

// orderIDInState is the id of digicert_dv_ssl_order.site in a raw state
// (format version 4), "" when the state does not hold it.
func orderIDInState(t *testing.T, raw []byte) string {
	t.Helper()
	if len(bytes.TrimSpace(raw)) == 0 {
		return ""
	}
	var st struct {
		Resources []struct {
			Mode, Type, Name string
			Instances        []struct {
				Attributes struct {
					ID string `json:"id"`
				} `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatalf("reading the raw state: %v\n%s", err, raw)
	}
	for _, r := range st.Resources {
		if r.Mode == "managed" && r.Type == "digicert_dv_ssl_order" && r.Name == "site" && len(r.Instances) == 1 {
			return r.Instances[0].Attributes.ID
		}
	}
	return ""
}

// diagnosticSummaries are the "Error: ..." and "Warning: ..." lines of a
// CLI output.
func diagnosticSummaries(out string) []string {
	var sums []string
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "Error: ") || strings.HasPrefix(line, "Warning: ") {
			sums = append(sums, line)
		}
	}
	return sums
}
