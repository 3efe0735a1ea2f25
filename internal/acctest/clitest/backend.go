package clitest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// backendFile holds the backend block SetBackend writes beside main.tf.
const backendFile = "clitest_backend.tf"

// SetBackend keeps the Run's state in a backend of type typ, such as "pg",
// with settings as its block's string arguments:
//
//	r.SetBackend("pg", map[string]string{"conn_str": pg.CreateDatabase(t, "state")})
//
// The block goes to a file of its own beside main.tf, so configurations
// stay as they are; the next command runs `init -reconfigure`. typ "" goes
// back to local state (the state already in the backend stays there).
func (r *Run) SetBackend(typ string, settings map[string]string) error {
	if !r.busy.TryLock() {
		return errBusy
	}
	defer r.busy.Unlock()
	path := filepath.Join(r.dir, backendFile)
	r.backend, r.initDone, r.reconfigure = typ, "\x00", true
	if typ == "" {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("clitest: %w", err)
		}
		return nil
	}
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "# Written by clitest.SetBackend.\nterraform {\n  backend %q {\n", typ)
	for _, k := range keys {
		fmt.Fprintf(&b, "    %s = %q\n", k, settings[k])
	}
	b.WriteString("  }\n}\n")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("clitest: writing %s: %w", backendFile, err)
	}
	return nil
}

// Workspace initialises when needed and selects workspace name, creating
// it in the backend if it does not exist yet (`workspace select
// -or-create`). The commands that follow use it.
func (r *Run) Workspace(name string) (string, error) {
	r.t.Helper()
	out, err := r.command(context.Background(), "", []string{"workspace", "select", "-or-create=true", name})
	if err == nil {
		r.busy.Lock()
		r.workspace = name
		r.busy.Unlock()
	}
	return out, err
}

// Signal sends sig to the CLI command running now, from any goroutine: a
// test can kill the CLI (syscall.SIGKILL) at the exact moment the sandbox
// saw what it waited for. It returns once the signal is sent, and an error
// when no command runs.
func (r *Run) Signal(sig os.Signal) error {
	r.procMu.Lock()
	defer r.procMu.Unlock()
	if r.proc == nil {
		return errors.New("clitest: no CLI command is running")
	}
	if err := r.proc.Signal(sig); err != nil {
		return fmt.Errorf("clitest: sending %v to the CLI: %w", sig, err)
	}
	return nil
}

// AssertBackendUnsupported fails the test unless init refuses the backend
// SetBackend chose, as a CLI built without it does ("Unsupported backend
// type"). Tests call it where acctest.Supports says the CLI lacks a
// backend, so that a CLI lacking one is checked, not skipped.
func (r *Run) AssertBackendUnsupported() {
	t := r.t
	t.Helper()
	out, err := r.Init()
	if err == nil {
		t.Fatalf("%s %s initialised backend %q, which acctest.Supports says it lacks: update internal/acctest/features.go\n%s", r.CLI(), r.Version(), r.backend, out)
	}
	for _, want := range []string{"Unsupported backend type", fmt.Sprintf("There is no backend type named %q.", r.backend)} {
		if !strings.Contains(out, want) {
			t.Errorf("%s %s refused backend %q without saying %q:\n%s", r.CLI(), r.Version(), r.backend, want, out)
		}
	}
	t.Logf("clitest: %s %s has no %s backend; init says:\n%s", r.CLI(), r.Version(), r.backend, out)
}

// installVersion is the version InstallProvider gives a provider binary.
const installVersion = "0.0.1"

// InstallProvider makes the CLI run binary, a provider built with
// BuildProvider, as its own plugin process under the provider type name,
// instead of attaching a server of the test process: each CLI command
// starts a fresh process, as a user's run does, and the provider shares no
// memory (no rate limiter, no cache) with the test or with other Runs. The
// binary goes into the Run's filesystem mirror, where the next init finds
// it as version 0.0.1 of hashicorp/<name> on the CLI's registry host; a
// provider of that name given to New is no longer attached.
func (r *Run) InstallProvider(name, binary string) error {
	if !r.busy.TryLock() {
		return errBusy
	}
	defer r.busy.Unlock()
	name = strings.TrimPrefix(name, "terraform-provider-")
	dir := filepath.Join(r.mirror, r.host, r.spaces[len(r.spaces)-1], name, installVersion, runtime.GOOS+"_"+runtime.GOARCH)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("clitest: %w", err)
	}
	dst := filepath.Join(dir, "terraform-provider-"+name+"_v"+installVersion)
	if err := os.Link(binary, dst); err != nil {
		if err := copyFile(binary, dst); err != nil {
			return fmt.Errorf("clitest: installing %s: %w", binary, err)
		}
	}
	delete(r.providers, name)
	r.initDone = "\x00"
	return nil
}

// BuildProvider builds the provider's main package (pkg, an import path or
// a directory, as `go build` takes it) into a temporary directory of t and
// returns the binary's path. The build reuses the test binary's build
// cache, so it is mostly the link (seconds, not minutes).
func BuildProvider(t *testing.T, pkg string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "terraform-provider")
	start := time.Now()
	// The test's own environment (CGO_ENABLED included), so the packages
	// the test binary was built from are in the build cache.
	cmd := exec.Command("go", "build", "-o", out, pkg)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("clitest: go build %s: %v\n%s", pkg, err, b)
	}
	t.Logf("clitest: built %s in %s", pkg, time.Since(start).Round(time.Millisecond))
	return out
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
