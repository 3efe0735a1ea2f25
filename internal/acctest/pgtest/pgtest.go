// Package pgtest starts a real PostgreSQL server for one test, so that
// acceptance tests can keep Terraform state in the CLI's "pg" backend as a
// team would keep it in a remote one.
//
//	pg := pgtest.Start(t)                 // initdb in t.TempDir(), pg_ctl start
//	conn := pg.CreateDatabase(t, "state") // postgres://postgres@127.0.0.1:port/state?sslmode=disable
//
// The server is the machine's own PostgreSQL (initdb, pg_ctl, postgres and
// createdb from one directory: PG_BINDIR, then `pg_config --bindir`, then
// /usr/lib/postgresql/<version>/bin, then PATH). Its cluster lives in the
// test's temporary directory and it listens on a free port of 127.0.0.1 only,
// with no Unix socket and trust authentication: nothing outside the test can
// reach it, nothing of the machine's own clusters is touched. It is stopped
// when the test ends.
//
// Without the binaries the test fails when CI=true (the CI machine must
// install PostgreSQL) and is skipped, with the reason, anywhere else.
//
// initdb refuses to run as root. Run as root, the server runs as the
// "postgres" system user (the PostgreSQL packages create it), or as "nobody"
// where there is none: the two directories it writes are handed to that user,
// nothing else is.
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Superuser is the role initdb creates; connections need no password.
const Superuser = "postgres"

// startTimeout bounds initdb, and pg_ctl start and stop, each.
const startTimeout = 2 * time.Minute

// Server is one running PostgreSQL server.
type Server struct {
	// Host and Port are where it listens (127.0.0.1 only).
	Host string
	Port int
	// Version is what `postgres --version` printed, as "15.18".
	Version string

	bindir string
	data   string
	cred   *syscall.Credential // nil: run as the test process's user
}

var binaries = []string{"initdb", "pg_ctl", "postgres", "createdb"}

// Start initialises a cluster in a new temporary directory of t, starts a
// server on it and stops the server when t ends.
func Start(t *testing.T) *Server {
	t.Helper()
	bindir, err := findBindir()
	if err != nil {
		msg := "pgtest: a PostgreSQL server is needed and none was found (" + err.Error() + "); install PostgreSQL 15 (Debian: apt-get install postgresql-15) or set PG_BINDIR to the directory holding " + strings.Join(binaries, ", ")
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	s := &Server{Host: "127.0.0.1", bindir: bindir}
	if out, err := exec.Command(s.bin("postgres"), "--version").Output(); err == nil {
		if m := regexp.MustCompile(`\d+(\.\d+)+`).Find(out); m != nil {
			s.Version = string(m)
		}
	}

	root := t.TempDir()
	s.data = filepath.Join(root, "data")
	logDir := filepath.Join(root, "log")
	for _, d := range []string{s.data, logDir} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatalf("pgtest: %v", err)
		}
	}
	if os.Geteuid() == 0 {
		s.cred, err = unprivileged()
		if err != nil {
			t.Fatalf("pgtest: running as root, and %v", err)
		}
		// The server's user must reach its two directories: let it
		// traverse (not list) the test's temporary directories above them.
		for _, d := range []string{filepath.Dir(root), root} {
			if err := os.Chmod(d, 0o711); err != nil {
				t.Fatalf("pgtest: %v", err)
			}
		}
		for _, d := range []string{s.data, logDir} {
			if err := os.Chown(d, int(s.cred.Uid), int(s.cred.Gid)); err != nil {
				t.Fatalf("pgtest: %v", err)
			}
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	if out, err := s.runAsServer(ctx, "initdb", "-D", s.data, "-U", Superuser, "--auth=trust",
		"--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"); err != nil {
		t.Fatalf("pgtest: initdb: %v\n%s", err, out)
	}
	logFile := filepath.Join(logDir, "postgres.log")
	// A free port can be taken between the probe and the server's bind:
	// try a few.
	for attempt := 1; ; attempt++ {
		s.Port, err = freePort()
		if err != nil {
			t.Fatalf("pgtest: %v", err)
		}
		// The last setting of a name wins: each attempt appends its port.
		if err := appendFile(filepath.Join(s.data, "postgresql.conf"), s.settings()); err != nil {
			t.Fatalf("pgtest: %v", err)
		}
		out, err := s.runAsServer(ctx, "pg_ctl", "start", "-D", s.data, "-w", "-t", strconv.Itoa(int(startTimeout/time.Second)), "-l", logFile)
		if err == nil {
			break
		}
		logText, _ := os.ReadFile(logFile)
		if attempt < 5 && bytes.Contains(logText, []byte("could not bind")) {
			continue
		}
		t.Fatalf("pgtest: pg_ctl start: %v\n%s\nserver log:\n%s", err, out, logText)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
		defer cancel()
		if out, err := s.runAsServer(ctx, "pg_ctl", "stop", "-D", s.data, "-m", "fast", "-w"); err != nil {
			t.Errorf("pgtest: pg_ctl stop: %v\n%s", err, out)
			_, _ = s.runAsServer(ctx, "pg_ctl", "stop", "-D", s.data, "-m", "immediate", "-w")
		}
	})
	t.Logf("pgtest: PostgreSQL %s listening on %s:%d (%s)", s.Version, s.Host, s.Port, s.bindir)
	return s
}

// settings are the server's settings beside initdb's defaults: loopback
// only, no Unix socket, and no flushes to disk (the tests kill the CLI,
// never the server, so durability across a crash is not what they measure).
func (s *Server) settings() string {
	return fmt.Sprintf(`
# pgtest
listen_addresses = '%s'
port = %d
unix_socket_directories = ''
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
`, s.Host, s.Port)
}

// CreateDatabase creates database name and returns a connection string to
// it, in the URL form the pg backend's conn_str takes.
func (s *Server) CreateDatabase(t *testing.T, name string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.bin("createdb"), "-h", s.Host, "-p", strconv.Itoa(s.Port), "-U", Superuser, name)
	cmd.Env = cleanEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pgtest: createdb %s: %v\n%s", name, err, out)
	}
	return s.ConnString(name)
}

// ConnString is the connection URL of database db.
func (s *Server) ConnString(db string) string {
	return fmt.Sprintf("postgres://%s@%s/%s?sslmode=disable", Superuser, net.JoinHostPort(s.Host, strconv.Itoa(s.Port)), db)
}

func (s *Server) bin(name string) string { return filepath.Join(s.bindir, name) }

// runAsServer runs one of the server binaries as the server's user.
func (s *Server) runAsServer(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, s.bin(name), args...)
	cmd.Env = cleanEnv()
	cmd.Dir = s.data
	if s.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	}
	// pg_ctl start leaves the server running with our pipes open; the
	// server must not hold them, or the command would not return.
	out, err := os.CreateTemp("", "pgtest-*.out")
	if err != nil {
		return nil, err
	}
	defer os.Remove(out.Name())
	defer out.Close()
	cmd.Stdout, cmd.Stderr = out, out
	runErr := cmd.Run()
	b, _ := os.ReadFile(out.Name())
	return b, runErr
}

// cleanEnv is the environment of the PostgreSQL commands: none of the
// caller's PG* variables (PGDATA, PGPORT, PGHOST...) may redirect them.
func cleanEnv() []string {
	env := []string{"LC_ALL=C"}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "PG") || strings.HasPrefix(k, "LC_") || k == "LANG" {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// unprivileged is the user a root test process runs the server as.
func unprivileged() (*syscall.Credential, error) {
	var errs []error
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
		gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
		if err := errors.Join(err1, err2); err != nil {
			errs = append(errs, fmt.Errorf("user %s: %w", name, err))
			continue
		}
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), NoSetGroups: true}, nil
	}
	return nil, fmt.Errorf("no user to run PostgreSQL as (initdb refuses root): %w", errors.Join(errs...))
}

// findBindir is the first directory that holds every binary needed.
func findBindir() (string, error) { return pickBindir(candidateDirs()) }

func candidateDirs() []string {
	var candidates []string
	if d := os.Getenv("PG_BINDIR"); d != "" {
		candidates = append(candidates, d)
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		candidates = append(candidates, strings.TrimSpace(string(out)))
	}
	// Debian and Ubuntu: /usr/lib/postgresql/<major>/bin, newest first.
	if dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin"); len(dirs) > 0 {
		sort.Slice(dirs, func(i, j int) bool { return majorOf(dirs[i]) > majorOf(dirs[j]) })
		candidates = append(candidates, dirs...)
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if resolved, err := filepath.EvalSymlinks(p); err == nil {
			candidates = append(candidates, filepath.Dir(resolved))
		}
	}
	return candidates
}

func pickBindir(candidates []string) (string, error) {
	if len(candidates) == 0 {
		return "", errors.New("no PG_BINDIR, no pg_config, no /usr/lib/postgresql/*/bin, no initdb on PATH")
	}
	var missing []string
	for _, d := range candidates {
		ok := true
		for _, b := range binaries {
			if st, err := os.Stat(filepath.Join(d, b)); err != nil || st.IsDir() {
				missing = append(missing, filepath.Join(d, b))
				ok = false
				break
			}
		}
		if ok {
			return d, nil
		}
	}
	return "", fmt.Errorf("missing %s", strings.Join(missing, ", "))
}

func majorOf(bindir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(bindir)))
	return n
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil //nolint:forcetypeassert // a tcp listener's address is a *net.TCPAddr.
}

func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
