package bench

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"
)

// Calls counts one run's API requests by kind.
type Calls struct {
	OrderInfo int // GET /order/certificate/{id}
	Download  int // GET /certificate/{id}/download/...
	DCVValue  int // PUT /order/certificate/{id}/dcv-random-value
	Order     int // POST /order/certificate/{product}
	List      int // GET /order/certificate
	Feed      int // GET /order/certificate/status-changes
	Other     int
	Limited   int // answered 429
}

// Total is every request, 429s included.
func (c Calls) Total() int {
	return c.OrderInfo + c.Download + c.DCVValue + c.Order + c.List + c.Feed + c.Other
}

// Add sums two counts.
func (c Calls) Add(o Calls) Calls {
	return Calls{c.OrderInfo + o.OrderInfo, c.Download + o.Download, c.DCVValue + o.DCVValue, c.Order + o.Order, c.List + o.List, c.Feed + o.Feed, c.Other + o.Other, c.Limited + o.Limited}
}

// RefreshRow is the refresh benchmark for one N and one CLI.
type RefreshRow struct {
	N     int
	CLI   CLI
	Floor Floor
	// Wall is `plan` (with refresh); Calls and CPU per run.
	Wall  Sample
	CPU   Sample
	Calls []Calls
	// NoRefresh is `plan -refresh=false`: the CLI's own work.
	NoRefresh Sample
	// Trace and TraceNoRefresh are `plan` and `plan -refresh=false` with the
	// provider's logs at TRACE, as terraform-plugin-go writes them by default
	// and the provider no longer does unless asked.
	Trace, TraceNoRefresh Sample
	// Verified says what the first plan proved about the state.
	Verified string
	// PerOrder is `plan` with refresh_with_status_changes = false: every
	// order read, the design the feed replaces.
	PerOrder      Sample
	PerOrderCalls []Calls
}

// ChangedRow is a refresh of N orders of which Changed changed status
// outside Terraform since the state was written.
type ChangedRow struct {
	N, Changed int
	CLI        CLI
	Wall       Sample
	Calls      []Calls
	// NoRefresh is `plan -refresh=false` of the same state.
	NoRefresh Sample
	// Replaced is how many resources the first plan replaces.
	Replaced int
}

// ApplyRow is the apply benchmark for one CLI.
type ApplyRow struct {
	N     int
	CLI   CLI
	Floor Floor // for the calls strictly needed: one POST per order
	// FloorMade is the floor for the calls the provider made.
	FloorMade Floor
	Wall      Sample
	CPU       Sample
	Calls     []Calls
	// Orders is how many orders each run placed.
	Orders []int
	// FollowUp is the first plan after the first apply: its calls and
	// whether it was empty.
	FollowUp      Calls
	FollowUpEmpty bool
}

// Report is everything one `make bench` measured.
type Report struct {
	Started, Finished time.Time
	Machine           string
	Latency           time.Duration
	Parallelism       int
	CLIs              []CLI
	Runs, RunsLarge   int
	BinarySize        int64
	BinaryBuild       string
	Start             []StartResult
	Refresh           []*RefreshRow
	Changed           []*ChangedRow
	Apply             []ApplyRow
	Go                []GoBenchmark
	GoCount           int
	GoBenchtime       string
	// Load is the machine's 1-minute load average, sampled every 5 s.
	Load     Sample
	Failures []string
	Skipped  []string
}

// MachineInfo describes the machine: CPU model, cores, memory, kernel.
func MachineInfo() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		if _, err := fmt.Sscanf(string(b), "MemTotal: %d kB", &kb); err == nil {
			mem = fmt.Sprintf(", %.0f GiB RAM", float64(kb)/(1<<20))
		}
	}
	kernel := ""
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		kernel = ", Linux " + strings.TrimSpace(string(b))
	}
	return fmt.Sprintf("%s, %d cores%s%s, %s %s/%s", cpu, runtime.NumCPU(), mem, kernel, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func sumInts(calls []Calls, f func(Calls) int) string {
	if len(calls) == 0 {
		return "–"
	}
	total := 0
	for _, c := range calls {
		total += f(c)
	}
	return fmt.Sprint(total)
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.3f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// ratioOf is the ratio of two medians, in bold.
func ratioOf(s, base Sample) string {
	if len(s) == 0 || len(base) == 0 || base.Median() <= 0 {
		return "–"
	}
	return "**" + Ratio(s.Median()/base.Median()) + "**"
}

// callsPerPlan is the median of the runs' calls, with the mean split by
// kind: "3 (1 feed + 2 order info + 0 downloads)".
func callsPerPlan(calls []Calls) string {
	if len(calls) == 0 {
		return "–"
	}
	totals := make(Sample, len(calls))
	var sum Calls
	for i, c := range calls {
		totals[i] = float64(c.Total())
		sum = sum.Add(c)
	}
	d := float64(len(calls))
	out := fmt.Sprintf("%s (%s feed + %s order info + %s downloads", trimFloat(totals.Median()), trimFloat(float64(sum.Feed)/d), trimFloat(float64(sum.OrderInfo)/d), trimFloat(float64(sum.Download)/d))
	if rest := sum.Total() - sum.Feed - sum.OrderInfo - sum.Download; rest > 0 {
		out += fmt.Sprintf(" + %s other", trimFloat(float64(rest)/d))
	}
	return out + ")"
}

func ratioCell(s Sample, floor time.Duration) string {
	if len(s) == 0 || floor <= 0 {
		return "–"
	}
	return "**" + Ratio(s.Median()/floor.Seconds()) + "**"
}

func runsCell(s Sample) string { return fmt.Sprint(len(s)) }

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// Markdown renders the report.
func (r *Report) Markdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	var cliNames []string
	for _, c := range r.CLIs {
		cliNames = append(cliNames, c.Name())
	}
	p("# `make bench` results\n\n")
	p("Run %s, %s total, on %s.  \n", r.Started.UTC().Format("2006-01-02 15:04 MST"), r.Finished.Sub(r.Started).Round(time.Second), r.Machine)
	if len(r.Load) > 0 {
		p("Load average during the run (1 min, every 5 s): median %.1f, max %.1f on %d cores; the benchmark itself accounts for up to about 2, the rest is other processes.  \n", r.Load.Median(), r.Load.Max(), runtime.NumCPU())
	}
	p("CLIs: %s, each against the release build of the provider (%s), started by the CLI through `dev_overrides`. ", strings.Join(cliNames, " and "), r.BinaryBuild)
	p("Sandbox CertCentral in the benchmark process: %s added to every API request, CertCentral's limits (100 requests per 5 s and 1000 per 3 min per API key) enforced, a fresh API key for every timed command so no run inherits another's windows. ", r.Latency)
	p("Terraform's default parallelism (%d). Every figure is the median of the runs, with (min–max) when there were several. ", r.Parallelism)
	p("Measurements that make no API call (`plan -refresh=false`, Go benchmarks) run while a refresh of more than 1000 orders waits for CertCentral's 3-minute window, when they fit in that idle gap (the refresh's request count proves it made no call meanwhile), otherwise at the end.\n\n")
	p("**Floor** = max(latency term, rate term). Latency term = calls × latency ÷ parallelism. Rate term = the earliest instant the last strictly needed call can reach CertCentral under both windows, plus one latency. **Ratio** = median wall time ÷ floor.\n\n")

	if len(r.Refresh) > 0 {
		cpu := func(v float64) string { return fmt.Sprintf("%.1f", v) }
		p("## Refresh: `plan` of N existing, issued orders (nothing changed)\n\n")
		p("| N | CLI | runs | `plan` wall | `plan -refresh=false` | ratio to it | API calls per plan | 429s | CPU s (CLI + provider) | state check | per-order design (`refresh_with_status_changes = false`): `plan` wall | its calls per plan | its floor (latency / rate term) |\n")
		p("|---:|---|---:|---|---|---:|---|---:|---|---|---|---|---|\n")
		for _, row := range r.Refresh {
			p("| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s (%s / %s) |\n",
				row.N, row.CLI.Name(), runsCell(row.Wall), row.Wall.Spread(Seconds), row.NoRefresh.Spread(Seconds),
				ratioOf(row.Wall, row.NoRefresh), callsPerPlan(row.Calls),
				sumInts(row.Calls, func(c Calls) int { return c.Limited }), row.CPU.Spread(cpu), orDash(row.Verified),
				row.PerOrder.Spread(Seconds), callsPerPlan(row.PerOrderCalls),
				fmtDur(row.Floor.Total()), fmtDur(row.Floor.Latency), fmtDur(row.Floor.Rate))
		}
		p("\nRatio = median `plan` ÷ median `plan -refresh=false` of the same state: what the refresh adds to Terraform's own work. ")
		p("API calls per plan: the median, then the mean split into status-changes feed calls, order-info GETs and certificate downloads. ")
		p("429s are totals over all runs. State check: the first plan of each state showed no drift and no change, read no order in full and downloaded nothing; ")
		p("the per-order plan, where it ran, read every order once and downloaded nothing. ")
		p("The per-order design's floor is the one for one call per order under CertCentral's rate limits: no per-order refresh can beat it.\n\n")

		p("### Where the time goes\n\n")
		p("| N | CLI | `plan` | `plan -refresh=false` (the CLI's and provider's own work) | its share of `plan` | `plan`, logs at TRACE | `plan -refresh=false`, logs at TRACE |\n")
		p("|---:|---|---|---|---:|---|---|\n")
		for _, row := range r.Refresh {
			share := "–"
			if len(row.NoRefresh) > 0 && len(row.Wall) > 0 {
				share = fmt.Sprintf("%.0f%%", 100*row.NoRefresh.Median()/row.Wall.Median())
			}
			p("| %d | %s | %s | %s | %s | %s | %s |\n", row.N, row.CLI.Name(), row.Wall.Spread(Seconds),
				row.NoRefresh.Spread(Seconds), share, row.Trace.Spread(Seconds), row.TraceNoRefresh.Spread(Seconds))
		}
		p("\n\"Logs at TRACE\" runs the CLI with `TF_LOG_SDK`, `TF_LOG_SDK_PROTO`, `TF_LOG_SDK_FRAMEWORK` and `TF_LOG_PROVIDER_DIGICERT` set to `trace`: the provider's logs as terraform-plugin-go writes them by default, ")
		p("which the CLI parses and drops when `TF_LOG` is not set. The provider turns them off unless `TF_LOG` or `TF_LOG_PROVIDER` is set; these columns show what that saves.\n\n")
	}

	if len(r.Changed) > 0 {
		p("## Refresh with changes: `plan` of N orders, some revoked outside Terraform since the last apply\n\n")
		p("| N | changed | CLI | runs | `plan` wall | `plan -refresh=false` | ratio to it | API calls per plan | resources replaced |\n")
		p("|---:|---:|---|---:|---|---|---:|---|---:|\n")
		for _, row := range r.Changed {
			p("| %d | %d | %s | %s | %s | %s | %s | %s | %d |\n", row.N, row.Changed, row.CLI.Name(), runsCell(row.Wall), row.Wall.Spread(Seconds),
				row.NoRefresh.Spread(Seconds), ratioOf(row.Wall, row.NoRefresh), callsPerPlan(row.Calls), row.Replaced)
		}
		p("\nThe changed orders are read in full (one order-info GET each, named by the feed); the plan replaces them, as without the feed.\n\n")
	}

	if len(r.Apply) > 0 {
		p("## Apply: `apply` creating N DV orders (dns-txt-token)\n\n")
		p("| N | CLI | runs | wall | floor, 1 call per order (latency / rate term) | ratio | calls per order (POST + GET + PUT) | floor for the calls made | ratio to it | 429s | plan after apply |\n")
		p("|---:|---|---:|---|---|---:|---|---|---:|---:|---|\n")
		for _, row := range r.Apply {
			mix := "–"
			if len(row.Calls) > 0 {
				var sum Calls
				for _, c := range row.Calls {
					sum = sum.Add(c)
				}
				d := float64(len(row.Calls) * row.N)
				mix = fmt.Sprintf("%s (%s + %s + %s)", trimFloat(float64(sum.Total())/d), trimFloat(float64(sum.Order)/d), trimFloat(float64(sum.OrderInfo)/d), trimFloat(float64(sum.DCVValue)/d))
			}
			follow := "–"
			if row.FollowUp.Total() > 0 || row.FollowUpEmpty {
				empty := "empty"
				if !row.FollowUpEmpty {
					empty = "NOT empty"
				}
				follow = fmt.Sprintf("%s, %d calls", empty, row.FollowUp.Total())
			}
			p("| %d | %s | %s | %s | %s (%s / %s) | %s | %s | %s | %s | %s | %s |\n",
				row.N, row.CLI.Name(), runsCell(row.Wall), row.Wall.Spread(Seconds),
				fmtDur(row.Floor.Total()), fmtDur(row.Floor.Latency), fmtDur(row.Floor.Rate), ratioCell(row.Wall, row.Floor.Total()),
				mix, fmtDur(row.FloorMade.Total()), ratioCell(row.Wall, row.FloorMade.Total()),
				sumInts(row.Calls, func(c Calls) int { return c.Limited }), follow)
		}
		p("\n")
	}

	if len(r.Start) > 0 {
		p("## Provider start\n\n")
		var toSchema, rss Sample
		for _, s := range r.Start {
			toSchema = append(toSchema, s.ToSchema.Seconds())
			rss = append(rss, float64(s.PeakRSS)/(1<<20))
		}
		s0 := r.Start[0]
		p("| figure | value | target |\n|---|---|---|\n")
		p("| process start to schema served (%d starts) | %s | < 100 ms |\n", len(r.Start), toSchema.Spread(Seconds))
		p("| peak RSS (VmHWM) at that point | %s | < 40 MB |\n", rss.Spread(func(v float64) string { return fmt.Sprintf("%.1f MiB", v) }))
		p("| binary size (%s) | %.1f MiB | |\n", r.BinaryBuild, float64(r.BinarySize)/(1<<20))
		p("| schema answer | %d bytes, %d resource types, %d data sources | |\n\n", s0.SchemaBytes, s0.ResourceTypes, s0.DataSourceTypes)
		p("Started as Terraform starts a provider: go-plugin with automatic mutual TLS, gRPC, plugin protocol 6, then one `GetProviderSchema` call.\n\n")
	}

	if len(r.Go) > 0 {
		p("## Go benchmarks (`go test -bench . -benchmem -count %d -benchtime %s`)\n\n", r.GoCount, r.GoBenchtime)
		p("| package | benchmark | time/op | B/op | allocs/op |\n|---|---|---|---:|---:|\n")
		sort.SliceStable(r.Go, func(i, j int) bool { return r.Go[i].Package < r.Go[j].Package })
		for _, g := range r.Go {
			p("| %s | %s | %s | %.0f | %.0f |\n", g.Package, strings.TrimPrefix(g.Name, "Benchmark"), g.NsPerOp.Spread(Nanos), g.BPerOp.Median(), g.Allocs.Median())
		}
		p("\n")
	}

	if len(r.Skipped) > 0 {
		p("## Skipped for time\n\n")
		for _, f := range r.Skipped {
			p("- %s\n", f)
		}
		p("\n")
	}
	if len(r.Failures) > 0 {
		p("## Failures\n\n")
		for _, f := range r.Failures {
			p("- %s\n", strings.ReplaceAll(f, "\n", " "))
		}
		p("\n")
	}
	p("Reproduce: `make bench` (the Performance guide, docs/guides/performance.md, lists the DIGICERT_BENCH_* settings). Runs: %d per timed command, %d for a refresh of more than 1000 orders; `plan` with the logs at TRACE: as many as the main figure at N ≤ 100, once above; the per-order design once, at N ≤ 500 (at N = 2000 it takes about 4 minutes per CLI, the rate limits' floor).\n", r.Runs, r.RunsLarge)
	return b.String()
}
