package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

const modulePath = "github.com/certcentral-community/terraform-provider-digicert"

// benchConfig is what the environment asks for (see doc.go).
type benchConfig struct {
	latency     time.Duration
	sizes       []int
	runs        int
	runsLarge   int
	applyN      int
	clis        []CLI
	goCount     int
	goBenchtime string
	out         string
	root        string
	// budget bounds the whole run: deferred measurements that would end
	// after it are skipped (and listed as skipped in the results).
	budget time.Duration
}

func loadConfig(t *testing.T) benchConfig {
	t.Helper()
	if os.Getenv("DIGICERT_BENCH") != "1" {
		t.Skip("the benchmark runs only with DIGICERT_BENCH=1 (make bench)")
	}
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	c := benchConfig{
		latency: 80 * time.Millisecond, sizes: []int{100, 500, 2000, 5000}, runs: 3, runsLarge: 1, applyN: 100,
		goCount: 5, goBenchtime: "200ms", out: filepath.Join(root, "bench", "results.md"), root: root,
		budget: 40 * time.Minute,
	}
	if v := os.Getenv("DIGICERT_BENCH_LATENCY"); v != "" {
		if c.latency, err = time.ParseDuration(v); err != nil || c.latency < 0 {
			t.Fatalf("DIGICERT_BENCH_LATENCY=%q: want a Go duration such as 80ms", v)
		}
	}
	if v := os.Getenv("DIGICERT_BENCH_SIZES"); v != "" {
		c.sizes = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				t.Fatalf("DIGICERT_BENCH_SIZES=%q: want numbers such as 100,500,2000", v)
			}
			c.sizes = append(c.sizes, n)
		}
	}
	atoi := func(name string, dst *int, minimum int) {
		if v := os.Getenv(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < minimum {
				t.Fatalf("%s=%q: want a whole number of at least %d", name, v, minimum)
			}
			*dst = n
		}
	}
	atoi("DIGICERT_BENCH_RUNS", &c.runs, 1)
	atoi("DIGICERT_BENCH_RUNS_LARGE", &c.runsLarge, 1)
	atoi("DIGICERT_BENCH_APPLY", &c.applyN, 0)
	atoi("DIGICERT_BENCH_GO_COUNT", &c.goCount, 0)
	if v := os.Getenv("DIGICERT_BENCH_BUDGET"); v != "" {
		if c.budget, err = time.ParseDuration(v); err != nil || c.budget <= 0 {
			t.Fatalf("DIGICERT_BENCH_BUDGET=%q: want a Go duration such as 40m", v)
		}
	}
	if v := os.Getenv("DIGICERT_BENCH_GO_BENCHTIME"); v != "" {
		c.goBenchtime = v
	}
	if v := os.Getenv("DIGICERT_BENCH_OUT"); v != "" {
		c.out = v
		if !filepath.IsAbs(v) {
			c.out = filepath.Join(root, v)
		}
	}
	kinds := "terraform,tofu"
	if v := os.Getenv("DIGICERT_BENCH_CLIS"); v != "" {
		kinds = v
	}
	cache := filepath.Join(userCacheDir(), "terraform-provider-digicert", "tools", "bin")
	for _, kind := range strings.Split(kinds, ",") {
		kind = strings.TrimSpace(kind)
		var path string
		switch kind {
		case "terraform":
			// The current Terraform release, as the GNUmakefile names it.
			path = firstNonEmpty(os.Getenv("TERRAFORM_CURRENT"), filepath.Join(cache, "terraform-v1.16.4"))
		case "tofu":
			path = firstNonEmpty(os.Getenv("TOFU"), filepath.Join(cache, "tofu-v1.12.6"))
		default:
			t.Fatalf("DIGICERT_BENCH_CLIS: unknown CLI %q (terraform, tofu)", kind)
		}
		cli, err := DetectCLI(path)
		if err != nil {
			t.Fatalf("%v (run `make clis`, or set %s)", err, map[string]string{"terraform": "TERRAFORM_CURRENT", "tofu": "TOFU"}[kind])
		}
		c.clis = append(c.clis, cli)
	}
	return c
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func userCacheDir() string {
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache")
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// logsTrace puts back the provider's logs as terraform-plugin-go writes
// them by default, at TRACE, which the CLI parses and drops unless TF_LOG or
// TF_LOG_PROVIDER is set. The provider turns them off in that case
// (main.go); runs with logsTrace measure what that saves.
var logsTrace = map[string]string{"TF_LOG_SDK": "trace", "TF_LOG_SDK_PROTO": "trace", "TF_LOG_SDK_FRAMEWORK": "trace", "TF_LOG_PROVIDER_DIGICERT": "trace"}

// bench is one TestBench run: the sandbox, the provider build, the report
// being filled, and the measurements waiting for an idle machine.
type bench struct {
	t         *testing.T
	cfg       benchConfig
	rep       *Report
	start     time.Time
	s         *sandbox.Server
	pluginDir string
	binary    string
	csr       string
	queue     jobQueue
}

// TestBench is `make bench`. It writes the results (bench/results.md) even
// when a part fails; the failure is listed in them.
func TestBench(t *testing.T) {
	cfg := loadConfig(t)
	b := &bench{t: t, cfg: cfg, start: time.Now(), rep: &Report{
		Started: time.Now(), Machine: MachineInfo(), Latency: cfg.latency, Parallelism: TerraformParallelism,
		CLIs: cfg.clis, Runs: cfg.runs, RunsLarge: cfg.runsLarge, GoCount: cfg.goCount, GoBenchtime: cfg.goBenchtime,
	}}
	b.queue.took = map[string]time.Duration{}
	stopLoad := sampleLoad(&b.rep.Load)
	defer func() {
		stopLoad()
		b.writeReport()
	}()
	b.build()

	// The sandbox clock follows wall time, as CertCentral's does, so that
	// the status-changes feed's time frames (durations on the provider's
	// clock) mean the same on both sides. The latency is a fault on every
	// API request.
	b.s = sandbox.Start(t, sandbox.Options{})
	if cfg.latency > 0 {
		b.s.InjectFault(sandbox.Fault{Kind: sandbox.FaultLatency, Latency: cfg.latency})
	}
	csr, _, err := sandbox.GenerateCSR("ecdsa")
	if err != nil {
		t.Fatal(err)
	}
	b.csr = csr

	b.part("provider start", b.providerStart)
	b.queueGoBenchmarks()
	b.part("apply", b.apply)
	b.part("refresh", b.refresh)
	b.part("deferred", b.runRemaining)
}

func (b *bench) part(name string, f func(t *testing.T)) {
	if !b.t.Run(strings.ReplaceAll(name, " ", "_"), f) {
		b.rep.Failures = append(b.rep.Failures, name+" failed; see the test log")
	}
}

func (b *bench) writeReport() {
	b.rep.Finished = time.Now()
	md := b.rep.Markdown()
	if err := os.MkdirAll(filepath.Dir(b.cfg.out), 0o755); err != nil {
		b.t.Errorf("writing the results: %v", err)
		return
	}
	if err := os.WriteFile(b.cfg.out, []byte(md), 0o644); err != nil {
		b.t.Errorf("writing the results: %v", err)
		return
	}
	b.t.Logf("results written to %s", b.cfg.out)
}

// sampleLoad records the 1-minute load average every 5 seconds: other
// processes on the machine show there.
func sampleLoad(dst *Sample) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	read := func() {
		raw, err := os.ReadFile("/proc/loadavg")
		if err != nil {
			return
		}
		if f := strings.Fields(string(raw)); len(f) > 0 {
			if v, err := strconv.ParseFloat(f[0], 64); err == nil {
				*dst = append(*dst, v)
			}
		}
	}
	go func() {
		defer close(finished)
		tick := time.NewTicker(5 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				read()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// build compiles the provider as a release is built (.goreleaser.yml:
// CGO_ENABLED=0, -trimpath, -s -w).
func (b *bench) build() {
	t := b.t
	b.pluginDir = filepath.Join(t.TempDir(), "plugins")
	b.binary = filepath.Join(b.pluginDir, "terraform-provider-digicert")
	b.rep.BinaryBuild = "CGO_ENABLED=0 go build -trimpath -ldflags '-s -w'"
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -X main.version=bench", "-o", b.binary, ".")
	cmd.Dir = b.cfg.root
	cmd.Env = append(cleanEnv(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	st, err := os.Stat(b.binary)
	if err != nil {
		t.Fatal(err)
	}
	b.rep.BinarySize = st.Size()
}

// mark is a position in the sandbox's request log.
func (b *bench) mark() int { return len(b.s.Requests()) }

// callsSince classifies the requests of account recorded after mark.
func (b *bench) callsSince(mark int, account string) Calls {
	reqs := b.s.Requests()
	var c Calls
	for _, r := range reqs[min(mark, len(reqs)):] {
		if r.Account != account {
			continue
		}
		p := strings.TrimPrefix(r.Path, "/services/v2")
		if r.Status == 429 {
			c.Limited++
		}
		segs := strings.Split(strings.Trim(p, "/"), "/")
		switch {
		case r.Method == "GET" && p == "/order/certificate":
			c.List++
		case r.Method == "GET" && p == "/order/certificate/status-changes":
			c.Feed++
		case r.Method == "GET" && len(segs) == 3 && segs[0] == "order" && segs[1] == "certificate":
			c.OrderInfo++
		case r.Method == "GET" && len(segs) >= 3 && segs[0] == "certificate" && segs[2] == "download":
			c.Download++
		case r.Method == "PUT" && len(segs) == 4 && segs[3] == "dcv-random-value":
			c.DCVValue++
		case r.Method == "POST" && len(segs) == 3 && segs[0] == "order":
			c.Order++
		default:
			c.Other++
		}
	}
	return c
}

func (b *bench) ctx(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}

// workspace makes a working directory that lives until TestBench ends
// (deferred measurements use it after the subtest that made it).
func (b *bench) workspace(t *testing.T, cli CLI, apiKey string) *Workspace {
	t.Helper()
	w, err := NewWorkspace(cli, b.t.TempDir(), b.pluginDir)
	if err != nil {
		t.Fatal(err)
	}
	w.Env["DIGICERT_BASE_URL"] = b.s.URL()
	w.Env["DIGICERT_API_KEY"] = apiKey
	return w
}

// plan runs `plan -detailed-exitcode -out=tfplan` in w with a fresh key of
// the account and env for this run only. Exit code 2 (changes) is an error.
func (b *bench) plan(ctx context.Context, w *Workspace, accountKey string, env map[string]string, args ...string) (Result, error) {
	key, err := b.s.AddAPIKey(accountKey, false)
	if err != nil {
		return Result{}, err
	}
	w.Env["DIGICERT_API_KEY"] = key
	for k, v := range env {
		w.Env[k] = v
	}
	defer func() {
		for k := range env {
			delete(w.Env, k)
		}
	}()
	res, err := w.Run(ctx, []int{0}, append([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan"}, args...)...)
	if err != nil && ctx.Err() == nil {
		err = fmt.Errorf("%w\n(exit code 2 means the plan has changes: the state does not match the orders)", err)
	}
	return res, err
}

// providerStart starts the binary ten times as Terraform does.
func (b *bench) providerStart(t *testing.T) {
	ctx, cancel := b.ctx(2 * time.Minute)
	defer cancel()
	if _, err := StartProvider(ctx, b.binary); err != nil { // warms the page cache
		t.Fatal(err)
	}
	for range 10 {
		res, err := StartProvider(ctx, b.binary)
		if err != nil {
			t.Fatal(err)
		}
		b.rep.Start = append(b.rep.Start, res)
	}
	last := b.rep.Start[len(b.rep.Start)-1]
	t.Logf("provider start: %s to schema, peak RSS %.1f MiB, %d resource types", last.ToSchema, float64(last.PeakRSS)/(1<<20), last.ResourceTypes)
}

// apply creates cfg.applyN orders from nothing, cfg.runs times per CLI,
// interleaved, each run on a new account (its own key and windows).
func (b *bench) apply(t *testing.T) {
	n := b.cfg.applyN
	if n == 0 {
		t.Skip("DIGICERT_BENCH_APPLY=0")
	}
	rows := make([]*ApplyRow, len(b.cfg.clis))
	for i, cli := range b.cfg.clis {
		rows[i] = &ApplyRow{N: n, CLI: cli, Floor: NewFloor(n, b.cfg.latency, TerraformParallelism, CertCentralWindows)}
	}
	config := OrdersConfig(n, b.csr)
	for run := range b.cfg.runs {
		for i, cli := range b.cfg.clis {
			key := b.s.NewAccount(false)
			account := b.s.AccountOf(key)
			w := b.workspace(t, cli, key)
			if err := w.WriteFile("main.tf", []byte(config)); err != nil {
				t.Fatal(err)
			}
			mark := b.mark()
			ctx, cancel := b.ctx(10 * time.Minute)
			res, err := w.Run(ctx, nil, "apply", "-input=false", "-no-color", "-auto-approve")
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			calls := b.callsSince(mark, account)
			placed := 0
			for _, o := range b.s.Orders() {
				if o.Account == account {
					placed++
				}
			}
			row := rows[i]
			row.Wall = append(row.Wall, res.Wall.Seconds())
			row.CPU = append(row.CPU, res.CPU.Seconds())
			row.Calls = append(row.Calls, calls)
			row.Orders = append(row.Orders, placed)
			t.Logf("%s apply of %d orders, run %d/%d: %s, %d calls (%d POST, %d GET, %d PUT), %d 429s, %d orders placed, CPU %s",
				cli.Kind, n, run+1, b.cfg.runs, res.Wall.Round(time.Millisecond), calls.Total(), calls.Order, calls.OrderInfo, calls.DCVValue, calls.Limited, placed, res.CPU.Round(time.Millisecond))
			if placed != n {
				t.Errorf("%s apply placed %d orders, want %d", cli.Kind, placed, n)
			}
			if run == 0 {
				// Not timed: the next plan (another key of the same account)
				// must be empty, and cost one call per order.
				mark := b.mark()
				ctx, cancel := b.ctx(10 * time.Minute)
				res, err := b.plan(ctx, w, key, nil)
				cancel()
				if err != nil {
					t.Errorf("%s: the plan after apply: %v", cli.Kind, err)
				}
				row.FollowUp = b.callsSince(mark, account)
				row.FollowUpEmpty = err == nil && res.ExitCode == 0
			}
		}
	}
	for _, row := range rows {
		made := 0
		if len(row.Calls) > 0 {
			made = row.Calls[0].Total() - row.Calls[0].Limited
		}
		row.FloorMade = NewFloor(made, b.cfg.latency, TerraformParallelism, CertCentralWindows)
		b.rep.Apply = append(b.rep.Apply, *row)
	}
}

// refreshSet is the working directories and rows of one N.
type refreshSet struct {
	n      int
	spaces []*Workspace
	rows   []*RefreshRow
}

// refresh measures plan at every N, the CLIs interleaved run by run.
func (b *bench) refresh(t *testing.T) {
	maxN := 0
	for _, n := range b.cfg.sizes {
		maxN = max(maxN, n)
	}
	accountKey := b.s.NewAccount(false)
	account := b.s.AccountOf(accountKey)
	start := time.Now()
	// The orders were placed and issued twelve hours ago: an estate that did
	// not change since its last apply. (Orders changed minutes before their
	// last full read are named by the feed and read again once; the apply
	// benchmark's follow-up plan shows that case.) days_remaining cannot
	// tick during a run: the certificates end half a day past a whole
	// number of days from now.
	b.s.SetNow(time.Now().Add(-12 * time.Hour))
	ids, err := SeedOrders(b.s, accountKey, maxN, b.csr)
	b.s.SetNow(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	now := b.s.Now()
	facts := make([]OrderFacts, maxN)
	for i, id := range ids {
		o, ok := b.s.Order(id)
		if !ok {
			t.Fatalf("seeded order %d is missing", id)
		}
		if facts[i], err = FactsOf(o, now); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("seeded and issued %d orders in %s", maxN, time.Since(start).Round(time.Millisecond))

	templates := map[string]*StateTemplate{}
	for _, cli := range b.cfg.clis {
		tmpl, err := b.template(t, cli, accountKey, ids[0], facts[0])
		if err != nil {
			t.Fatal(err)
		}
		templates[cli.Kind] = tmpl
	}
	var sets []*refreshSet
	for _, n := range b.cfg.sizes {
		set := &refreshSet{n: n}
		config := OrdersConfig(n, b.csr)
		for _, cli := range b.cfg.clis {
			instances := make([]map[string]any, n)
			for k := range n {
				instances[k] = templates[cli.Kind].Instance(k, facts[k])
			}
			state, err := templates[cli.Kind].State(instances)
			if err != nil {
				t.Fatal(err)
			}
			w := b.workspace(t, cli, "")
			if err := w.WriteFile("main.tf", []byte(config)); err != nil {
				t.Fatal(err)
			}
			if err := w.WriteFile("terraform.tfstate", state); err != nil {
				t.Fatal(err)
			}
			set.spaces = append(set.spaces, w)
			set.rows = append(set.rows, &RefreshRow{N: n, CLI: cli, Floor: NewFloor(n, b.cfg.latency, TerraformParallelism, CertCentralWindows)})
		}
		sets = append(sets, set)
		// The report reads the rows when it is written; deferred runs fill
		// them in meanwhile.
		b.rep.Refresh = append(b.rep.Refresh, set.rows...)
	}

	for _, set := range sets {
		if !t.Run(fmt.Sprintf("N=%d", set.n), func(t *testing.T) { b.refreshN(t, set, accountKey, account) }) {
			b.rep.Failures = append(b.rep.Failures, fmt.Sprintf("refresh N=%d failed; see the test log", set.n))
		}
	}
	for _, set := range sets {
		if set.n == changedN {
			if !t.Run(fmt.Sprintf("N=%d,changed=%d", set.n, changedCount), func(t *testing.T) { b.changedRefresh(t, set, ids, accountKey, account) }) {
				b.rep.Failures = append(b.rep.Failures, fmt.Sprintf("refresh N=%d with %d changed failed; see the test log", set.n, changedCount))
			}
		}
	}
}

// The refresh with changes: changedCount of changedN orders are revoked
// outside Terraform after every other refresh was measured.
const (
	changedN     = 2000
	changedCount = 50
)

// changedRefresh revokes changedCount orders of the set, spread over it,
// and measures the plan that sees it and plan -refresh=false of the same
// state.
func (b *bench) changedRefresh(t *testing.T, set *refreshSet, ids []int, accountKey, account string) {
	step := set.n / changedCount
	for k := range changedCount {
		if err := b.s.SetOrderStatus(ids[k*step], sandbox.StatusRevoked); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range set.spaces {
		row := &ChangedRow{N: set.n, Changed: changedCount, CLI: w.CLI}
		b.rep.Changed = append(b.rep.Changed, row)
		for run := range b.cfg.runs {
			ctx, cancel := b.ctx(10 * time.Minute)
			res, err := b.plan(ctx, w, accountKey, nil, "-refresh=false")
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			row.NoRefresh = append(row.NoRefresh, res.Wall.Seconds())
			mark := b.mark()
			ctx, cancel = b.ctx(10 * time.Minute)
			res, err = b.planChanges(ctx, w, accountKey)
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			calls := b.callsSince(mark, account)
			row.Wall = append(row.Wall, res.Wall.Seconds())
			row.Calls = append(row.Calls, calls)
			t.Logf("%s plan N=%d with %d revoked, run %d/%d: %s (plan -refresh=false %s), %d calls (%d feed, %d order info, %d downloads)",
				w.CLI.Kind, set.n, changedCount, run+1, b.cfg.runs, res.Wall.Round(time.Millisecond), Seconds(row.NoRefresh[run]),
				calls.Total(), calls.Feed, calls.OrderInfo, calls.Download)
			if run == 0 {
				row.Replaced = b.replacedInPlan(t, w)
				if row.Replaced != changedCount || calls.OrderInfo != changedCount {
					t.Errorf("%s: the plan replaces %d resources after reading %d orders; want %d and %d", w.CLI.Kind, row.Replaced, calls.OrderInfo, changedCount, changedCount)
				}
			}
		}
	}
}

// planChanges is plan with changes expected (exit code 2).
func (b *bench) planChanges(ctx context.Context, w *Workspace, accountKey string) (Result, error) {
	key, err := b.s.AddAPIKey(accountKey, false)
	if err != nil {
		return Result{}, err
	}
	w.Env["DIGICERT_API_KEY"] = key
	return w.Run(ctx, []int{2}, "plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan")
}

// replacedInPlan counts the resources tfplan replaces.
func (b *bench) replacedInPlan(t *testing.T, w *Workspace) int {
	p := b.showPlan(t, w)
	n := 0
	for _, rc := range p.ResourceChanges {
		if rc.Change != nil && rc.Change.Actions.Replace() {
			n++
		}
	}
	return n
}

func (b *bench) showPlan(t *testing.T, w *Workspace) *tfjson.Plan {
	ctx, cancel := b.ctx(5 * time.Minute)
	defer cancel()
	res, err := w.Run(ctx, nil, "show", "-json", "-no-color", "tfplan")
	if err != nil {
		t.Fatal(err)
	}
	var p tfjson.Plan
	if err := json.Unmarshal([]byte(res.Stdout), &p); err != nil {
		t.Fatalf("reading the plan JSON: %v", err)
	}
	return &p
}

// template brings one order into state through a real refresh and returns
// that state as the template for the others (see state.go).
func (b *bench) template(t *testing.T, cli CLI, accountKey string, id int, f OrderFacts) (*StateTemplate, error) {
	key, err := b.s.AddAPIKey(accountKey, false)
	if err != nil {
		return nil, err
	}
	w := b.workspace(t, cli, key)
	if err := w.WriteFile("main.tf", []byte(OrdersConfig(1, b.csr))); err != nil {
		return nil, err
	}
	if err := w.WriteFile("terraform.tfstate", MinimalState(cli, id, b.csr)); err != nil {
		return nil, err
	}
	ctx, cancel := b.ctx(5 * time.Minute)
	defer cancel()
	if _, err := w.Run(ctx, nil, "apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return nil, err
	}
	raw, err := w.ReadFile("terraform.tfstate")
	if err != nil {
		return nil, err
	}
	tmpl, err := ParseStateTemplate(raw)
	if err != nil {
		return nil, err
	}
	if err := tmpl.Check(f); err != nil {
		return nil, fmt.Errorf("%s: %w", cli.Kind, err)
	}
	return tmpl, nil
}

// perOrderMaxN is the largest N where the per-order design is measured
// too: above it, its rate-limited refresh takes minutes per CLI.
const perOrderMaxN = 500

func (b *bench) runsFor(n int) int {
	if n > 1000 {
		return b.cfg.runsLarge
	}
	return b.cfg.runs
}

// previewRuns is how often `plan` with the logs at TRACE is measured:
// as often as the main figure for small N, once above 100, to keep `make
// bench` within its time.
func (b *bench) previewRuns(n int) int {
	if n > 100 {
		return 1
	}
	return b.cfg.runs
}

func (b *bench) refreshN(t *testing.T, set *refreshSet, accountKey, account string) {
	n := set.n
	// plan -refresh=false makes no API call: queue it for an idle moment
	// (first, so that the gaps of this N can take it).
	for i, w := range set.spaces {
		row := set.rows[i]
		for run := range b.runsFor(n) {
			for _, logs := range []bool{true, false} {
				if !logs && (n > 1000 || run >= b.previewRuns(n)) {
					continue
				}
				name := fmt.Sprintf("%s plan -refresh=false N=%d run %d", w.CLI.Kind, n, run+1)
				env, class, priority := map[string]string(nil), fmt.Sprintf("%s/%d/logs", w.CLI.Kind, n), 3
				if n > 1000 {
					priority = 1 // the largest N first: its figure costs the most to get otherwise
				}
				if !logs {
					name += ", logs at TRACE"
					env, class, priority = logsTrace, fmt.Sprintf("%s/%d/trace", w.CLI.Kind, n), 5
				}
				b.queue.add(job{
					name: name, priority: priority, class: class, ws: w,
					expect: func() time.Duration { return b.expectNoRefresh(w.CLI.Kind, n, logs) },
					run: func(ctx context.Context, t *testing.T) error {
						res, err := b.plan(ctx, w, accountKey, env, "-refresh=false")
						if err != nil {
							return err
						}
						if logs {
							row.NoRefresh = append(row.NoRefresh, res.Wall.Seconds())
						} else {
							row.TraceNoRefresh = append(row.TraceNoRefresh, res.Wall.Seconds())
						}
						t.Logf("%s: %s", name, res.Wall.Round(time.Millisecond))
						return nil
					},
				})
			}
		}
	}
	if n > 1000 {
		b.runLargeRefresh(t, set, accountKey, account)
		return
	}
	for run := range b.runsFor(n) {
		for i, w := range set.spaces {
			mark := b.mark()
			ctx, cancel := b.ctx(15 * time.Minute)
			res, err := b.plan(ctx, w, accountKey, nil)
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			b.recordRefresh(t, set.rows[i], w, res, b.callsSince(mark, account), run)
		}
	}
	// The per-order design, once, where it fits in the time: every order
	// read (refresh_with_status_changes = false).
	if n <= perOrderMaxN {
		for i, w := range set.spaces {
			mark := b.mark()
			ctx, cancel := b.ctx(15 * time.Minute)
			res, err := b.plan(ctx, w, accountKey, nil, "-var", "refresh_with_status_changes=false")
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			calls := b.callsSince(mark, account)
			row := set.rows[i]
			row.PerOrder = append(row.PerOrder, res.Wall.Seconds())
			row.PerOrderCalls = append(row.PerOrderCalls, calls)
			if v := b.verifyPlan(t, w, n, calls, true); v != "ok" {
				row.Verified = "per-order plan " + v
			}
			t.Logf("%s plan N=%d, per-order design: %s, %d calls", w.CLI.Kind, n, res.Wall.Round(time.Millisecond), calls.Total())
		}
	}
	// The same with the logs the provider turns off by default.
	for run := range b.previewRuns(n) {
		for i, w := range set.spaces {
			mark := b.mark()
			ctx, cancel := b.ctx(15 * time.Minute)
			res, err := b.plan(ctx, w, accountKey, logsTrace)
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			calls := b.callsSince(mark, account)
			set.rows[i].Trace = append(set.rows[i].Trace, res.Wall.Seconds())
			t.Logf("%s plan, logs at TRACE, N=%d run %d/%d: %s, %d calls, %d 429s", w.CLI.Kind, n, run+1, b.previewRuns(n), res.Wall.Round(time.Millisecond), calls.Total(), calls.Limited)
		}
	}
}

// expectNoRefresh guesses how long plan -refresh=false takes for cli at n:
// what the same measurement took before; else a line through the two
// largest smaller sizes measured for that CLI, a little steeper than linear
// as measured (Terraform's own work per resource grows with N), plus 15%;
// else proportional to the one measured size; else 60 ms per resource.
func (b *bench) expectNoRefresh(cli string, n int, logs bool) time.Duration {
	class := fmt.Sprintf("%s/%d/logs", cli, n)
	if !logs {
		class = fmt.Sprintf("%s/%d/trace", cli, n)
	}
	if d, ok := b.queue.took[class]; ok {
		return d + d/10
	}
	type point struct {
		n int
		t float64
	}
	var pts []point
	for _, row := range b.rep.Refresh {
		s := row.NoRefresh
		if !logs && len(row.TraceNoRefresh) > 0 {
			s = row.TraceNoRefresh
		}
		if row.CLI.Kind == cli && row.N < n && len(s) > 0 {
			pts = append(pts, point{row.N, s.Max()})
		}
	}
	slices.SortFunc(pts, func(x, y point) int { return x.n - y.n })
	var est float64
	switch len(pts) {
	case 0:
		est = 0.06 * float64(n)
	case 1:
		est = pts[0].t * float64(n) / float64(pts[0].n)
	default:
		p1, p2 := pts[len(pts)-2], pts[len(pts)-1]
		slope := max((p2.t-p1.t)/float64(p2.n-p1.n), 0)
		est = (p2.t + slope*float64(n-p2.n)) * math.Pow(float64(n)/float64(p2.n), 0.15)
	}
	return time.Duration(1.15*est*float64(time.Second)) + 3*time.Second
}

func (b *bench) recordRefresh(t *testing.T, row *RefreshRow, w *Workspace, res Result, calls Calls, run int) {
	row.Wall = append(row.Wall, res.Wall.Seconds())
	row.CPU = append(row.CPU, res.CPU.Seconds())
	row.Calls = append(row.Calls, calls)
	t.Logf("%s plan N=%d run %d/%d: %s (floor %s, ratio %.2f), %d calls (%d order info, %d downloads, %d other), %d 429s, CPU %s",
		w.CLI.Kind, row.N, run+1, b.runsFor(row.N), res.Wall.Round(time.Millisecond), row.Floor.Total(), res.Wall.Seconds()/row.Floor.Total().Seconds(),
		calls.Total(), calls.OrderInfo, calls.Download, calls.Other, calls.Limited, res.CPU.Round(time.Millisecond))
	if run == 0 {
		row.Verified = b.verifyPlan(t, w, row.N, calls, false)
	}
}

// verifyPlan checks the first plan of a state: nothing drifted, nothing
// planned, no order read in full and no download (the feed vouched for
// every order); perOrder is the plan with the feed off, which must read
// every order once and download nothing.
func (b *bench) verifyPlan(t *testing.T, w *Workspace, n int, calls Calls, perOrder bool) string {
	p := b.showPlan(t, w)
	var problems []string
	if len(p.ResourceDrift) > 0 {
		d := p.ResourceDrift[0]
		problems = append(problems, fmt.Sprintf("%d resources drifted (first: %s, in %s)", len(p.ResourceDrift), d.Address, strings.Join(changedKeys(d.Change), ", ")))
	}
	noop := 0
	for _, rc := range p.ResourceChanges {
		if rc.Change != nil && rc.Change.Actions.NoOp() {
			noop++
		}
	}
	if noop != n {
		problems = append(problems, fmt.Sprintf("%d of %d resources unchanged", noop, n))
	}
	wantInfo, feedOK := 0, calls.Feed >= 1
	if perOrder {
		wantInfo, feedOK = n, calls.Feed == 0
	}
	if calls.OrderInfo != wantInfo || calls.Download != 0 || calls.DCVValue != 0 || !feedOK {
		problems = append(problems, fmt.Sprintf("%d feed calls, %d order-info GETs, %d downloads, %d DCV calls for %d orders", calls.Feed, calls.OrderInfo, calls.Download, calls.DCVValue, n))
	}
	if len(problems) > 0 {
		t.Errorf("%s N=%d: the first plan does not confirm the state: %s", w.CLI.Kind, n, strings.Join(problems, "; "))
		return "FAILED: " + strings.Join(problems, "; ")
	}
	return "ok"
}

// changedKeys names the top-level attributes a change alters.
func changedKeys(c *tfjson.Change) []string {
	before, _ := c.Before.(map[string]any)
	after, _ := c.After.(map[string]any)
	var keys []string
	for k, v := range after {
		if !reflect.DeepEqual(v, before[k]) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// queueGoBenchmarks queues the module's Go benchmarks, one job per package.
func (b *bench) queueGoBenchmarks() {
	if b.cfg.goCount == 0 {
		return
	}
	ctx, cancel := b.ctx(5 * time.Minute)
	defer cancel()
	pkgs, err := ListBenchmarks(ctx, b.cfg.root)
	if err != nil {
		b.t.Errorf("listing the Go benchmarks: %v", err)
		b.rep.Failures = append(b.rep.Failures, "listing the Go benchmarks failed")
		return
	}
	bt, err := time.ParseDuration(b.cfg.goBenchtime)
	if err != nil {
		bt = time.Second
	}
	for _, p := range pkgs {
		short := strings.TrimPrefix(p.Package, modulePath+"/")
		b.queue.add(job{
			name: "go benchmarks " + short, priority: 2, class: "go/" + short,
			expect: func() time.Duration {
				// -count runs of each benchmark, about two benchtimes each
				// with setup; two per listed benchmark for sub-benchmarks.
				return time.Duration(2*p.Count*b.cfg.goCount)*(2*bt+200*time.Millisecond) + 10*time.Second
			},
			run: func(ctx context.Context, t *testing.T) error {
				res, raw, err := RunGoBenchmarks(ctx, b.cfg.root, p.Package, b.cfg.goCount, b.cfg.goBenchtime, modulePath)
				if err != nil {
					return err
				}
				if len(res) == 0 {
					return fmt.Errorf("no benchmark results in:\n%s", tail(raw, 3000))
				}
				b.rep.Go = append(b.rep.Go, res...)
				t.Logf("%d Go benchmarks in %s, GOMAXPROCS %d", len(res), short, runtime.GOMAXPROCS(0))
				return nil
			},
		})
	}
}
