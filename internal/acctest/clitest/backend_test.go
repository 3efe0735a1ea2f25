package clitest

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/dnsprovider"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/pgtest"
)

// TestAccCLI_pgBackendWorkspaces keeps state in a real PostgreSQL through
// the CLI's pg backend: two Runs (two working directories, as two CI jobs)
// share the backend, each in its workspace, and one sees the other's state
// after selecting its workspace. On a CLI built without the pg backend,
// init must refuse it.
func TestAccCLI_pgBackendWorkspaces(t *testing.T) {
	r, s := newDNSRun(t)
	pg := pgtest.Start(t)
	backend := map[string]string{"conn_str": pg.CreateDatabase(t, "state")}
	if err := r.SetBackend("pg", backend); err != nil {
		t.Fatal(err)
	}
	if !acctest.Supports(t, acctest.PgBackend) {
		r.AssertBackendUnsupported()
		return
	}
	if out, err := r.Workspace("blue"); err != nil {
		t.Fatalf("workspace blue: %v\n%s", err, out)
	}
	if out, err := r.Apply(recordsConfig(map[string]string{"blue.example.com": "b"}, nil)); err != nil {
		t.Fatalf("apply in blue: %v\n%s", err, out)
	}
	raw, err := r.RawState()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"blue.example.com"`) {
		t.Errorf("the state pulled from the backend lacks the record:\n%s", raw)
	}
	for _, local := range []string{"terraform.tfstate", filepath.Join("terraform.tfstate.d", "blue", "terraform.tfstate")} {
		if _, err := os.Stat(filepath.Join(r.Dir(), local)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s exists: the state went to local files, not to the backend (%v)", local, err)
		}
	}

	other := New(t, Providers{"sandboxdns": providerserver.NewProtocol6WithError(dnsprovider.New(s)())})
	if err := other.SetBackend("pg", backend); err != nil {
		t.Fatal(err)
	}
	if out, err := other.Workspace("green"); err != nil {
		t.Fatalf("workspace green: %v\n%s", err, out)
	}
	if out, err := other.Apply(recordsConfig(map[string]string{"green.example.com": "g"}, nil)); err != nil {
		t.Fatalf("apply in green: %v\n%s", err, out)
	}
	if out, err := other.Workspace("blue"); err != nil {
		t.Fatalf("workspace blue from the other directory: %v\n%s", err, out)
	}
	st, err := other.State()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Addresses(st), []string{`sandboxdns_record.dcv["blue.example.com"]`}; !slices.Equal(got, want) {
		t.Errorf("workspace blue read from the other directory holds %q, want %q", got, want)
	}
	list, err := other.Exec(t.Context(), "workspace", "list")
	if err != nil {
		t.Fatal(err, list)
	}
	for _, ws := range []string{"default", "blue", "green"} {
		if !strings.Contains(list, ws) {
			t.Errorf("workspace list lacks %s:\n%s", ws, list)
		}
	}
}

// TestAccCLI_signalKill kills the CLI with SIGKILL while a record waits in
// its create_delay: the command ends at once (no grace, no state saved by
// the CLI on the way out), and Signal fails when no command runs.
func TestAccCLI_signalKill(t *testing.T) {
	r, s := newDNSRun(t)
	if err := r.Signal(syscall.SIGKILL); err == nil {
		t.Error("Signal succeeded with no command running")
	}
	config := recordsConfig(map[string]string{"fast.example.com": "f", "slow.example.com": "s"}, map[string]string{"slow.example.com": "2m"})
	done := make(chan error, 1)
	go func() {
		_, err := r.Apply(config)
		done <- err
	}()
	deadline := time.After(time.Minute)
	for len(s.DNSRecords("TXT", "fast.example.com")) == 0 {
		select {
		case err := <-done:
			t.Fatalf("apply ended before the first record was published: %v", err)
		case <-deadline:
			t.Fatal("the first record was not published within a minute")
		case <-time.After(20 * time.Millisecond):
		}
	}
	killed := time.Now()
	if err := r.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "signal: killed") {
			t.Errorf("apply error = %v, want the CLI killed", err)
		}
		if d := time.Since(killed); d > 10*time.Second {
			t.Errorf("the killed CLI took %s to end", d)
		}
	case <-time.After(InterruptGrace):
		t.Fatal("apply did not end after SIGKILL")
	}
}
