package bench

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// GoBenchmark is one Go benchmark over -count runs.
type GoBenchmark struct {
	Package string // import path below the module, e.g. internal/certcentral
	Name    string // without the -GOMAXPROCS suffix
	NsPerOp Sample
	BPerOp  Sample
	Allocs  Sample
	MBPerS  Sample
}

var (
	benchLineRE = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)
	benchUnitRE = regexp.MustCompile(`([0-9.]+) (ns/op|B/op|allocs/op|MB/s)`)
)

// BenchPackage is a package with Go benchmarks.
type BenchPackage struct {
	Package string // import path
	Count   int    // top-level benchmarks
}

// ListBenchmarks lists the packages of the module in dir that have Go
// benchmarks (`go test -list`); it also builds their test binaries.
func ListBenchmarks(ctx context.Context, dir string) ([]BenchPackage, error) {
	cmd := exec.CommandContext(ctx, "go", "test", "-list", "^Benchmark", "./...")
	cmd.Dir = dir
	cmd.Env = cleanEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go test -list: %w\n%s", err, tail(string(out), 4000))
	}
	var pkgs []BenchPackage
	count := 0
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "Benchmark"):
			count++
		case strings.HasPrefix(line, "ok "):
			if f := strings.Fields(line); len(f) >= 2 && count > 0 {
				pkgs = append(pkgs, BenchPackage{Package: f[1], Count: count})
			}
			count = 0
		}
	}
	return pkgs, nil
}

// RunGoBenchmarks runs the Go benchmarks of one package (`go test -run ^$
// -bench . -benchmem`) and returns them and the raw output.
func RunGoBenchmarks(ctx context.Context, dir, pkg string, count int, benchtime, modulePath string) ([]GoBenchmark, string, error) {
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", ".", "-benchmem",
		"-count", strconv.Itoa(count), "-benchtime", benchtime, pkg)
	cmd.Dir = dir
	cmd.Env = cleanEnv()
	// go test runs the test binary as its child: stop both when ctx ends.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, string(out), fmt.Errorf("go test -bench %s: %w\n%s", pkg, err, tail(string(out), 4000))
	}
	return ParseGoBenchmarks(string(out), modulePath), string(out), nil
}

// ParseGoBenchmarks reads `go test -bench` output; the same benchmark seen
// several times (-count) becomes one sample.
func ParseGoBenchmarks(out, modulePath string) []GoBenchmark {
	byKey := map[string]*GoBenchmark{}
	var order []string
	pkg := ""
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimPrefix(strings.TrimPrefix(p, modulePath), "/")
			continue
		}
		m := benchLineRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		key := pkg + "." + m[1]
		b := byKey[key]
		if b == nil {
			b = &GoBenchmark{Package: pkg, Name: m[1]}
			byKey[key] = b
			order = append(order, key)
		}
		for _, u := range benchUnitRE.FindAllStringSubmatch(m[2], -1) {
			v, err := strconv.ParseFloat(u[1], 64)
			if err != nil {
				continue
			}
			switch u[2] {
			case "ns/op":
				b.NsPerOp = append(b.NsPerOp, v)
			case "B/op":
				b.BPerOp = append(b.BPerOp, v)
			case "allocs/op":
				b.Allocs = append(b.Allocs, v)
			case "MB/s":
				b.MBPerS = append(b.MBPerS, v)
			}
		}
	}
	out2 := make([]GoBenchmark, 0, len(order))
	for _, k := range order {
		out2 = append(out2, *byKey[k])
	}
	sort.SliceStable(out2, func(i, j int) bool { return out2[i].Package < out2[j].Package })
	return out2
}

// Nanos formats a time per operation.
func Nanos(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.2f ms", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.1f µs", v/1e3)
	}
	return fmt.Sprintf("%.0f ns", v)
}
