// Package bench is `make bench`: it measures the provider where its users
// feel it, through the real Terraform and OpenTofu CLIs, against the sandbox
// CertCentral with a realistic per-request latency and CertCentral's real
// rate limits, and compares every wall time with the physical floor that
// latency, parallelism and the rate limits allow.
//
// The measurements live in TestBench (bench_test.go; jobs_test.go schedules
// the ones that make no API call into the idle minutes of a rate-limited
// refresh), which runs only when DIGICERT_BENCH=1 is set, so `go test ./...`
// and `make test` skip it. This package holds the pieces TestBench is built
// from:
//
//	floor.go     the floor: N × latency ÷ parallelism vs what the rate limits allow
//	stats.go     medians, minima and maxima of repeated runs
//	cli.go       a working directory driven by one CLI against the built provider (dev_overrides)
//	state.go     writing a state of N existing orders without placing them through Terraform
//	plugin.go    starting the provider binary as Terraform does, until its schema is served
//	gobench.go   running and reading `go test -bench`
//	report.go    the results table (bench/results.md)
//
// Environment (all optional except DIGICERT_BENCH):
//
//	DIGICERT_BENCH=1                 run the benchmark
//	DIGICERT_BENCH_LATENCY=80ms      per-request latency the sandbox adds
//	DIGICERT_BENCH_SIZES=100,500,2000,5000  N for the refresh benchmark
//	DIGICERT_BENCH_RUNS=3            repetitions of each timed command
//	DIGICERT_BENCH_RUNS_LARGE=1      repetitions of a refresh whose calls exceed one 3-minute window (N > 1000)
//	DIGICERT_BENCH_APPLY=100         orders created by the apply benchmark (0 skips it)
//	DIGICERT_BENCH_CLIS=terraform,tofu  CLIs to run, side by side
//	TERRAFORM_CURRENT, TOFU          CLI binaries (the GNUmakefile exports both; default
//	                                 terraform-v1.16.4 and tofu-v1.12.6 in the tool cache)
//	DIGICERT_BENCH_GO_COUNT=5        -count of the Go benchmarks (0 skips them)
//	DIGICERT_BENCH_GO_BENCHTIME=200ms  -benchtime of the Go benchmarks
//	DIGICERT_BENCH_BUDGET=40m        measurements left for the end are skipped past this
//	DIGICERT_BENCH_OUT=bench/results.md  where the table goes (relative to the module root)
//
// templates/guides/performance.md.tmpl explains the floor, the results and
// what they mean.
package bench
