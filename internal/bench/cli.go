package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// ProviderSource is the provider's registry address without its host; the
// CLIs resolve it on their own registry (registry.terraform.io,
// registry.opentofu.org).
const ProviderSource = "certcentral-community/digicert"

// CLI is one Terraform or OpenTofu binary.
type CLI struct {
	Kind    string // "terraform" or "tofu"
	Path    string
	Version string // "1.5.7"
}

// Name is "Terraform 1.5.7" or "OpenTofu 1.12.6".
func (c CLI) Name() string {
	if c.Kind == "tofu" {
		return "OpenTofu " + c.Version
	}
	return "Terraform " + c.Version
}

// ProviderAddress is the provider's address in this CLI's state files.
func (c CLI) ProviderAddress() string {
	host := "registry.terraform.io"
	if c.Kind == "tofu" {
		host = "registry.opentofu.org"
	}
	return fmt.Sprintf("provider[%q]", host+"/"+ProviderSource)
}

var cliVersionRE = regexp.MustCompile(`^(Terraform|OpenTofu) v(\S+)`)

// DetectCLI runs `path version` and says which CLI it is.
func DetectCLI(path string) (CLI, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "version")
	cmd.Env = append(cleanEnv(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return CLI{}, fmt.Errorf("running %s version: %w\n%s", path, err, out)
	}
	m := cliVersionRE.FindStringSubmatch(strings.TrimSpace(string(out)))
	if m == nil {
		return CLI{}, fmt.Errorf("%s version printed neither Terraform nor OpenTofu:\n%s", path, out)
	}
	c := CLI{Kind: "terraform", Path: path, Version: m[2]}
	if m[1] == "OpenTofu" {
		c.Kind = "tofu"
	}
	return c, nil
}

// Workspace is a working directory driven by one CLI, with the provider
// binary in pluginDir installed the way provider developers run a build:
// through dev_overrides, so the CLI starts the real binary as a plugin
// process exactly as it starts a released one (no `init` needed).
type Workspace struct {
	CLI       CLI
	Dir       string
	cliConfig string
	// Env is added to every command's environment (DIGICERT_BASE_URL,
	// DIGICERT_API_KEY, ...).
	Env map[string]string
}

// NewWorkspace creates root/work and the CLI configuration beside it.
func NewWorkspace(cli CLI, root, pluginDir string) (*Workspace, error) {
	w := &Workspace{CLI: cli, Dir: filepath.Join(root, "work"), cliConfig: filepath.Join(root, "cli.tfrc"), Env: map[string]string{}}
	mirror := filepath.Join(root, "empty-mirror")
	for _, d := range []string{w.Dir, mirror} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	// dev_overrides for our provider; any other provider could only come
	// from an empty mirror, so nothing ever reaches a registry.
	config := fmt.Sprintf(`disable_checkpoint = true

provider_installation {
  dev_overrides {
    %q = %q
  }
  filesystem_mirror {
    path    = %q
    include = ["*/*/*"]
  }
}
`, ProviderSource, pluginDir, mirror)
	if err := os.WriteFile(w.cliConfig, []byte(config), 0o644); err != nil {
		return nil, err
	}
	return w, nil
}

// WriteFile writes name (main.tf, terraform.tfstate) in the working directory.
func (w *Workspace) WriteFile(name string, data []byte) error {
	return os.WriteFile(filepath.Join(w.Dir, name), data, 0o644)
}

// ReadFile reads name from the working directory.
func (w *Workspace) ReadFile(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join(w.Dir, name))
}

// Result is one finished CLI command.
type Result struct {
	Args     []string
	Wall     time.Duration
	ExitCode int
	// CPU is the user and system time of the CLI and of the provider
	// processes it started and waited for.
	CPU    time.Duration
	Stdout string
	Stderr string
}

// Run runs one CLI command in the working directory and times it from
// process start to exit. An exit code in okCodes (default: 0 only) is not
// an error.
func (w *Workspace) Run(ctx context.Context, okCodes []int, args ...string) (Result, error) {
	if okCodes == nil {
		okCodes = []int{0}
	}
	cmd := exec.CommandContext(ctx, w.CLI.Path, args...)
	cmd.Dir = w.Dir
	cmd.Env = w.environ()
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 30 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	res := Result{Args: args, Wall: time.Since(start), Stdout: stdout.String(), Stderr: stderr.String()}
	if st := cmd.ProcessState; st != nil {
		res.ExitCode = st.ExitCode()
		// On Linux the rusage of a waited-for process includes the
		// children it waited for: here the provider processes.
		res.CPU = st.UserTime() + st.SystemTime()
	}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return res, fmt.Errorf("%s %s: %w", w.CLI.Kind, strings.Join(args, " "), err)
	}
	for _, c := range okCodes {
		if res.ExitCode == c {
			return res, nil
		}
	}
	return res, fmt.Errorf("%s %s exited %d after %s:\n%s%s", w.CLI.Kind, strings.Join(args, " "), res.ExitCode,
		res.Wall.Round(time.Millisecond), tail(res.Stdout, 4000), tail(res.Stderr, 4000))
}

func (w *Workspace) environ() []string {
	env := append(cleanEnv(),
		"TF_CLI_CONFIG_FILE="+w.cliConfig,
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
	)
	for k, v := range w.Env {
		env = append(env, k+"="+v)
	}
	return env
}

// cleanEnv is the process environment without what would make the CLI or
// the provider depend on the shell the benchmark runs from.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") || strings.HasPrefix(k, "DIGICERT_") || k == "CHECKPOINT_DISABLE" {
			continue
		}
		env = append(env, kv)
	}
	return env
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
