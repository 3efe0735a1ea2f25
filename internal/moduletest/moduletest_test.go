package moduletest

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/dnsprovider"
	"github.com/certcentral-community/terraform-provider-digicert/internal/provider"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// namespace is the registry namespace the modules name the provider under.
const namespace = "certcentral-community"

func TestMain(m *testing.M) {
	// clitest attaches the providers under TF_ACC_PROVIDER_NAMESPACE; no
	// test of this package runs in parallel with a test of another.
	if err := os.Setenv("TF_ACC_PROVIDER_NAMESPACE", namespace); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// moduleDir is the directory of the module named name in this repository.
func moduleDir(t *testing.T, name string) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot find the repository")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "modules", name)
}

// copyDir copies the files of src (without .terraform and state) into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if d.Name() == ".terraform" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasPrefix(d.Name(), "terraform.tfstate") || d.Name() == ".terraform.lock.hcl" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatalf("copying %s: %v", src, err)
	}
}

// newRun is a clitest.Run with the provider (on the sandbox's clock) and
// sandboxdns attached, the provider configured from the environment as a
// user's would be (DIGICERT_API_KEY, DIGICERT_BASE_URL), and a CSR in
// TF_VAR_csr.
func newRun(t *testing.T) (*clitest.Run, *sandbox.Server) {
	t.Helper()
	s := acctest.StartSandbox(t)
	r := clitest.New(t, clitest.Providers{
		"digicert":   providerserver.NewProtocol6WithError(provider.New("test", provider.WithClock(s.Now))()),
		"sandboxdns": providerserver.NewProtocol6WithError(dnsprovider.New(s)()),
	})
	// The providers run in this process and read its environment.
	t.Setenv("DIGICERT_API_KEY", s.APIKey())
	t.Setenv("DIGICERT_BASE_URL", s.URL())
	r.SetEnv("TF_VAR_csr", acctest.CSR(t, "module.example.com"))
	return r, s
}

// testSummary matches the last line of `terraform test` and `tofu test`.
var testSummary = regexp.MustCompile(`(Success|Failure)! (\d+) passed, (\d+) failed`)

// TestAccModuleDVCertificate_terraformTest runs the module's own tests
// (modules/dv-certificate/tests/*.tftest.hcl) with `terraform test` or
// `tofu test`: variable validation against a mocked provider, then the
// module as a caller uses it against the sandbox.
func TestAccModuleDVCertificate_terraformTest(t *testing.T) {
	acctest.SkipUnless(t, acctest.MockProviders)
	r, s := newRun(t)
	copyDir(t, moduleDir(t, "dv-certificate"), r.Dir())
	if out, err := r.Init(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	out, err := r.Exec(context.Background(), "test", "-no-color")
	t.Logf("%s test:\n%s", r.CLI(), out)
	if err != nil {
		t.Fatalf("%s test failed: %v", r.CLI(), err)
	}
	m := testSummary.FindStringSubmatch(out)
	if m == nil || m[1] != "Success" || m[3] != "0" {
		t.Fatalf("no successful summary line in the output")
	}
	// variables.tftest.hcl and sandbox.tftest.hcl, every run.
	if want := countRuns(t, filepath.Join(r.Dir(), "tests")); m[2] != fmt.Sprint(want) {
		t.Errorf("%s runs passed, want %d", m[2], want)
	}
	// One order placed, by the apply run, and issued; none by the mocked
	// or invalid runs.
	orders := s.Orders()
	if len(orders) != 1 {
		t.Fatalf("the sandbox holds %d orders, want 1", len(orders))
	}
	if o := orders[0]; o.CommonName != "www.module.example.com" {
		t.Errorf("order %d for %q, want www.module.example.com", o.ID, o.CommonName)
	}
}

func countRuns(t *testing.T, dir string) int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.tftest.hcl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files in %s (%v)", dir, err)
	}
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n += len(regexp.MustCompile(`(?m)^run "`).FindAll(b, -1))
	}
	return n
}

// callerHCL is modules/dv-certificate/tests/sandbox/main.tf, the module as
// a caller uses it, with the module copied to ./dv-certificate.
func callerHCL(t *testing.T, r *clitest.Run, vars map[string]string) string {
	t.Helper()
	dir := moduleDir(t, "dv-certificate")
	copyDir(t, dir, filepath.Join(r.Dir(), "dv-certificate"))
	b, err := os.ReadFile(filepath.Join(dir, "tests", "sandbox", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := strings.Replace(string(b), `source = "../.."`, `source = "./dv-certificate"`, 1)
	if cfg == string(b) {
		t.Fatal("tests/sandbox/main.tf no longer calls the module as ../..")
	}
	r.SetEnv("TF_VAR_names", `["www.module.example.com", "module.example.com", "api.module.example.com"]`)
	for k, v := range vars {
		r.SetEnv("TF_VAR_"+k, v)
	}
	return cfg
}

var checkWarning = regexp.MustCompile(`Warning: Check block assertion failed`)

// flat is the CLI's output with the diagnostics' box drawing removed and
// every run of white space one space, so that a message matches however
// the CLI wrapped it.
func flat(out string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(out, "│", " ")), " ")
}

// TestAccModuleDVCertificate_checkWarns: the module's certificate_lifetime
// check, as a health assessment runs it (`plan -refresh-only`): quiet after
// issuance and a day later; a warning naming the days left once the
// certificate has warn_before_days or fewer, and one naming the coverage's
// end once the next renewal needs a new order.
func TestAccModuleDVCertificate_checkWarns(t *testing.T) {
	r, s := newRun(t)
	cfg := callerHCL(t, r, map[string]string{"poll_interval": "100ms"})
	if out, err := r.Apply(cfg); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	order := s.Orders()[0]
	if order.Status != "issued" {
		t.Fatalf("order %d is %s, want issued", order.ID, order.Status)
	}
	// The state catches up with the issuance (a workspace's next run).
	if out, err := r.Apply(cfg, "-refresh-only"); err != nil {
		t.Fatalf("apply -refresh-only: %v\n%s", err, out)
	}
	refreshOnly := func(what string) string {
		t.Helper()
		out, err := r.Exec(context.Background(), "plan", "-refresh-only", "-input=false", "-no-color")
		if err != nil {
			t.Fatalf("%s: plan -refresh-only: %v\n%s", what, err, out)
		}
		return out
	}

	s.SetNow(s.Now().Add(24 * time.Hour))
	if out := refreshOnly("a day later"); checkWarning.MatchString(out) {
		t.Errorf("a day after issuance the check warns:\n%s", out)
	}

	// Ten days before the certificate ends, renewal (30 days before) has
	// not happened: no apply ran.
	s.SetNow(order.ValidTill.Add(-10 * 24 * time.Hour))
	out := flat(refreshOnly("ten days left"))
	// 10 whole days, or 9 when not_after falls earlier in its day than the
	// sandbox's clock.
	want := regexp.MustCompile(fmt.Sprintf(`The certificate of order %d \(www\.module\.example\.com\) has (9|10) days left, 14 or fewer`, order.ID))
	if !checkWarning.MatchString(out) || !want.MatchString(out) {
		t.Errorf("ten days before the end: want the warning %q:\n%s", want, out)
	}
	if strings.Contains(out, "Error:") {
		t.Errorf("the check failed the plan instead of warning:\n%s", out)
	}
}

// TestAccModuleDVCertificate_checkWarnsCoverageEnding: an order whose
// coverage (90 days) ends before the certificate's next renewal could
// reissue: the check warns at the first refresh after issuance that the
// next renewal places a billed renewal order, on the date the coverage ends.
func TestAccModuleDVCertificate_checkWarnsCoverageEnding(t *testing.T) {
	r, s := newRun(t)
	cfg := callerHCL(t, r, map[string]string{"poll_interval": "100ms", "order_validity_days": "90"})
	if out, err := r.Apply(cfg); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	order := s.Orders()[0]
	out, err := r.Exec(context.Background(), "plan", "-refresh-only", "-input=false", "-no-color")
	if err != nil {
		t.Fatalf("plan -refresh-only: %v\n%s", err, out)
	}
	out = flat(out)
	want := fmt.Sprintf("The coverage of order %d (www.module.example.com) ends on %s, before its next renewal: that renewal places a billed renewal order.",
		order.ID, order.OrderValidTill.Format("2006-01-02"))
	if !checkWarning.MatchString(out) || !strings.Contains(out, want) {
		t.Errorf("want the warning %q:\n%s", want, out)
	}
	if strings.Contains(out, "days left") {
		t.Errorf("a certificate of 90 days warns about its days left:\n%s", out)
	}
}
