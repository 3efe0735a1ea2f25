package clitest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"time"
)

// cliInfo describes the CLI binary under test.
type cliInfo struct {
	path    string
	kind    string // "terraform" or "tofu"
	version string // "1.5.7"
}

var (
	cliCacheMu sync.Mutex
	cliCache   = map[string]cliInfo{}
	versionRE  = regexp.MustCompile(`^(Terraform|OpenTofu) v(\S+)`)
)

// detectCLI runs `<path> version` once per binary and test process.
func detectCLI(path string, env []string) (cliInfo, error) {
	cliCacheMu.Lock()
	defer cliCacheMu.Unlock()
	if info, ok := cliCache[path]; ok {
		return info, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "version")
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		return cliInfo{}, fmt.Errorf("running %s version: %v\n%s", path, err, out)
	}
	m := versionRE.FindStringSubmatch(strings.TrimSpace(string(out)))
	if m == nil {
		return cliInfo{}, fmt.Errorf("%s version printed neither Terraform nor OpenTofu:\n%s", path, out)
	}
	info := cliInfo{path: path, kind: "terraform", version: m[2]}
	if m[1] == "OpenTofu" {
		info.kind = "tofu"
	}
	cliCache[path] = info
	return info, nil
}

// providerAddressParts is the registry host and the namespaces the
// providers are attached under, as terraform-plugin-testing chooses them
// (runProviderCommand), except that the host defaults to the CLI's own
// registry so OpenTofu needs no TF_ACC_PROVIDER_HOST. The legacy namespace
// "-" is added only on the CLI's own host: elsewhere the CLI rejects the
// whole TF_REATTACH_PROVIDERS value.
func providerAddressParts(kind string) (host string, namespaces []string) {
	host = defaultHost(kind)
	if v := os.Getenv("TF_ACC_PROVIDER_HOST"); v != "" {
		host = strings.TrimSuffix(v, "/")
	}
	namespaces = []string{"hashicorp"}
	if host == defaultHost(kind) {
		namespaces = []string{"-", "hashicorp"}
	}
	if v := os.Getenv("TF_ACC_PROVIDER_NAMESPACE"); v != "" {
		namespaces = []string{strings.TrimSuffix(v, "/")}
	}
	return host, namespaces
}

// defaultHost is the registry a CLI resolves "hashicorp/<name>" on.
func defaultHost(kind string) string {
	if kind == "tofu" {
		return "registry.opentofu.org"
	}
	return "registry.terraform.io"
}

// cliConfig is the CLI configuration of a Run. Providers are installed only
// from mirror, which holds nothing but what InstallProvider put there:
// reattached providers are never installed, and any other provider fails at
// init without a network call.
func cliConfig(mirror string) string {
	return fmt.Sprintf(`# Written by clitest: no registry, no checkpoint.
disable_checkpoint = true

provider_installation {
  filesystem_mirror {
    path    = %q
    include = ["*/*/*"]
  }
}
`, mirror)
}

// Environment variables of the test process that are not passed to the CLI:
// the harness sets its own, and the others would make the output or the
// behaviour depend on the shell the tests run from.
var droppedEnv = map[string]bool{
	"TF_REATTACH_PROVIDERS": true, "TF_CLI_CONFIG_FILE": true, "TERRAFORM_CONFIG": true,
	"TF_LOG": true, "TF_LOG_CORE": true, "TF_LOG_PROVIDER": true, "TF_LOG_PATH": true,
	"TF_DATA_DIR": true, "TF_WORKSPACE": true, "TF_PLUGIN_CACHE_DIR": true,
	"TF_IN_AUTOMATION": true, "TF_INPUT": true, "CHECKPOINT_DISABLE": true,
	"TF_STATE_PERSIST_INTERVAL": true,
}

// baseEnv is the CLI's environment without reattach information or the
// Run's SetEnv values.
func (r *Run) baseEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if droppedEnv[k] || strings.HasPrefix(k, "TF_CLI_ARGS") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"TF_CLI_CONFIG_FILE="+r.cliConfig,
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
	)
	// As terraform-plugin-testing: TF_ACC_LOG and TF_ACC_LOG_PATH set the
	// CLI's TF_LOG and TF_LOG_PATH.
	if v := os.Getenv("TF_ACC_LOG"); v != "" {
		env = append(env, "TF_LOG="+v)
	}
	if v := os.Getenv("TF_ACC_LOG_PATH"); v != "" {
		env = append(env, "TF_LOG_PATH="+v)
	}
	return env
}

// environ is baseEnv with reattach and the Run's SetEnv values, which
// replace (or, when "", remove) the harness's and the test process's.
func (r *Run) environ(reattach string) []string {
	var env []string
	env0 := r.baseEnv()
	if reattach != "" {
		env0 = append(env0, "TF_REATTACH_PROVIDERS="+reattach)
	}
	for _, kv := range env0 {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := r.env[k]; !ok {
			env = append(env, kv)
		}
	}
	for k, v := range r.env {
		if v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// capturesProviderLogs reports whether SetEnv turned on TF_LOG.
func (r *Run) capturesProviderLogs() bool {
	v := strings.ToUpper(r.env["TF_LOG"])
	return v != "" && v != "OFF"
}

// lockedBuffer is the output of one command: the CLI's stdout and stderr
// and, with TF_LOG, the providers' logs, written from other goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// run runs one CLI command in Dir with the providers attached. With
// jsonOut, stdout is returned apart (show -json) and output is stderr;
// otherwise output is stdout and stderr as they interleaved.
//
// The command gets SIGINT when ctx is done or the Run's timeout passes, and
// is killed if it has not exited grace later. The error says which command
// failed and wraps ctx.Err() when it was interrupted.
func (r *Run) run(ctx context.Context, jsonOut bool, args ...string) (stdout []byte, output string, err error) {
	r.t.Helper()
	var out lockedBuffer
	var logs io.Writer // stays a nil interface unless TF_LOG is on
	if r.capturesProviderLogs() {
		logs = &out
	}
	reattach, stop, err := r.serve(logs)
	if err != nil {
		return nil, "", err
	}
	defer func() {
		if stopErr := stop(); stopErr != nil {
			r.t.Errorf("clitest: %v", stopErr)
		}
	}()

	cmdCtx, cancel := r.commandContext(ctx)
	defer cancel()
	cmd := exec.CommandContext(cmdCtx, r.cli.path, args...)
	cmd.Dir = r.dir
	cmd.Env = r.environ(reattach)
	cmd.Cancel = func() error {
		if ctx.Value(killKey{}) != nil {
			return cmd.Process.Kill()
		}
		return cmd.Process.Signal(os.Interrupt)
	}
	cmd.WaitDelay = r.grace
	var so bytes.Buffer
	if jsonOut {
		cmd.Stdout = &so
	} else {
		cmd.Stdout = &out
	}
	cmd.Stderr = &out

	start := time.Now()
	if err = cmd.Start(); err == nil {
		r.procMu.Lock()
		r.proc = cmd.Process
		r.procMu.Unlock()
		err = cmd.Wait()
		r.procMu.Lock()
		r.proc = nil
		r.procMu.Unlock()
	}
	elapsed := time.Since(start).Round(time.Millisecond)
	name := r.cli.kind + " " + args[0]
	switch {
	case err == nil:
		r.t.Logf("clitest: %s: ok in %s", name, elapsed)
	case cmdCtx.Err() != nil:
		why := cmdCtx.Err()
		if ctx.Err() == nil {
			why = fmt.Errorf("%w: the command ran longer than %s", why, r.timeout)
		}
		err = fmt.Errorf("%s: interrupted (%w) after %s: %w", name, why, elapsed, err)
		r.t.Logf("clitest: %v", err)
	default:
		err = fmt.Errorf("%s: %w (after %s)", name, err, elapsed)
		r.t.Logf("clitest: %v", err)
	}
	return so.Bytes(), out.String(), err
}

// commandContext bounds a command by the Run's timeout and, with some room
// to report, by the test binary's deadline.
func (r *Run) commandContext(ctx context.Context) (context.Context, context.CancelFunc) {
	d := r.timeout
	if dl, ok := r.t.Deadline(); ok {
		if left := time.Until(dl) - r.grace - 5*time.Second; left < d {
			d = max(left, time.Second)
		}
	}
	return context.WithTimeout(ctx, d)
}

type killKey struct{}

// WithKill returns a context whose end KILLS the command (SIGKILL, as a
// crash or an out-of-memory kill would) instead of interrupting it.
func WithKill(ctx context.Context) context.Context { return context.WithValue(ctx, killKey{}, true) }

// errServerStart wraps failures to serve a provider.
var errServerStart = errors.New("clitest: starting a provider server")
