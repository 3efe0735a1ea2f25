package pgtest

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestStart_servesThenStops starts a server in a subtest, creates a
// database and reads it back with psql when the machine has it, then checks
// that the server no longer listens once the subtest ended.
func TestStart_servesThenStops(t *testing.T) {
	var addr, conn string
	t.Run("server", func(t *testing.T) {
		pg := Start(t)
		addr = net.JoinHostPort(pg.Host, strconv.Itoa(pg.Port))
		if pg.Host != "127.0.0.1" {
			t.Errorf("listens on %s, want 127.0.0.1 only", pg.Host)
		}
		conn = pg.CreateDatabase(t, "tfstate")
		if want := "postgres://postgres@" + addr + "/tfstate?sslmode=disable"; conn != want {
			t.Errorf("conn string %q, want %q", conn, want)
		}
		psql := filepath.Join(pg.bindir, "psql")
		if _, err := exec.LookPath(psql); err != nil {
			c, err := net.DialTimeout("tcp", addr, 5*time.Second)
			if err != nil {
				t.Fatalf("the server does not accept connections: %v", err)
			}
			c.Close()
			return
		}
		out, err := exec.Command(psql, "-At", "-d", conn, "-c", "select current_database()").CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "tfstate" {
			t.Fatalf("psql: %v\n%s", err, out)
		}
	})
	if addr == "" {
		return // skipped or failed: the subtest said why
	}
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Errorf("the server still listens on %s after its test ended", addr)
	}
}

func TestPickBindir_firstCompleteDirectory(t *testing.T) {
	partial, complete := t.TempDir(), t.TempDir()
	for _, b := range binaries {
		if err := os.WriteFile(filepath.Join(complete, b), nil, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(partial, "initdb"), nil, 0o755); err != nil {
		t.Fatal(err)
	}
	if d, err := pickBindir([]string{partial, complete}); err != nil || d != complete {
		t.Errorf("pickBindir = %q, %v; want %q", d, err, complete)
	}
	_, err := pickBindir([]string{partial})
	if err == nil || !strings.Contains(err.Error(), filepath.Join(partial, "pg_ctl")) {
		t.Errorf("error %v does not name the missing pg_ctl", err)
	}
	if _, err := pickBindir(nil); err == nil {
		t.Error("no candidate directory, no error")
	}
}
