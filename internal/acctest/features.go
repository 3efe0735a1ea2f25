package acctest

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	goversion "github.com/hashicorp/go-version"
)

// Feature is a CLI capability that some acceptance tests need.
type Feature string

const (
	// WriteOnly: write-only attributes and ephemeral variables reach providers.
	WriteOnly Feature = "write-only attributes"
	// Identity: resource identity (import blocks with identity, identity in state).
	Identity Feature = "resource identity"
	// ListResources: list resources and `terraform query`.
	ListResources Feature = "list resources"
	// Actions: provider actions (`apply -invoke`, action_trigger).
	Actions Feature = "actions"
	// PgBackend: the "pg" state backend (PostgreSQL) is in the CLI binary.
	PgBackend Feature = "pg backend"
	// MockProviders: `terraform test` / `tofu test` with mock_provider blocks.
	MockProviders Feature = "mock providers in tests"
	// NestedDiagnosticLines: a diagnostic on a nested attribute
	// (certificate.csr) shows that attribute's line, not the resource's.
	NestedDiagnosticLines Feature = "lines of nested attributes in diagnostics"
)

// minVersions gives, per CLI family, the first release that has each
// feature; a feature missing from a family's map is in no release of it.
// Sources: the Terraform and OpenTofu changelogs (write-only attributes
// Terraform 1.11 and OpenTofu 1.11, identity 1.12 in both, list resources
// and actions Terraform 1.14; OpenTofu 1.12 has neither of the last two;
// the pg backend Terraform 0.12 and every OpenTofu release, 1.6 on; mock
// providers in test files Terraform 1.7 and OpenTofu 1.8).
// NestedDiagnosticLines: choice: 1.16.0, the minor release of the one we
// saw do it (1.16.4, TestAccDVSSLOrder_nestedErrorsNameTheirAttribute);
// 1.5.7 and OpenTofu 1.12.6 point at the resource's first line.
var minVersions = map[string]map[Feature]string{
	"terraform": {WriteOnly: "1.11.0", Identity: "1.12.0", ListResources: "1.14.0", Actions: "1.14.0", PgBackend: "0.12.0", MockProviders: "1.7.0", NestedDiagnosticLines: "1.16.0"},
	"tofu":      {WriteOnly: "1.11.0", Identity: "1.12.0", PgBackend: "1.6.0", MockProviders: "1.8.0"},
}

// lastBefore gives, per CLI family, the first release that no longer has a
// feature as scripts/install-tools.sh builds it. From some 1.9 release on,
// Terraform's remote-state backends are nested Go modules
// (https://github.com/hashicorp/terraform/issues/35695 shows them in 1.9.5),
// which the module proxy's zip of github.com/hashicorp/terraform leaves
// out, so our Terraform 1.16.4 is built without them: its `init` answers
// "Unsupported backend type" for backend "pg".
// choice: 1.9.0, the minor release of the first public report; the only
// Terraform releases we build are 1.5.7 (has it) and 1.16.4 (lacks it).
var lastBefore = map[string]map[Feature]string{
	"terraform": {PgBackend: "1.9.0"},
}

var cliVersion = sync.OnceValues(func() (*goversion.Version, error) {
	path := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if path == "" {
		return nil, fmt.Errorf("TF_ACC_TERRAFORM_PATH is not set")
	}
	out, err := exec.Command(path, "version", "-json").Output()
	if err != nil {
		return nil, fmt.Errorf("%s version -json: %w", path, err)
	}
	var v struct {
		TerraformVersion string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, fmt.Errorf("%s version -json: %w", path, err)
	}
	return goversion.NewVersion(v.TerraformVersion)
})

// CLIVersion is the version of the CLI under test (TF_ACC_TERRAFORM_PATH).
func CLIVersion(t testing.TB) *goversion.Version {
	t.Helper()
	v, err := cliVersion()
	if err != nil {
		t.Fatalf("cannot tell the version of the CLI under test: %v", err)
	}
	return v
}

// Supports reports whether the CLI under test has feature f, decided by its
// family (DIGICERT_TEST_CLI) and its version, never by its name alone.
func Supports(t testing.TB, f Feature) bool {
	t.Helper()
	skipWithoutAcc(t)
	return supports(CLI(), CLIVersion(t), f)
}

// skipWithoutAcc skips as resource.Test does: without TF_ACC no acceptance
// test runs, and there may be no CLI to ask for its version.
func skipWithoutAcc(t testing.TB) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("Acceptance tests skipped unless env 'TF_ACC' set")
	}
}

func supports(family string, v *goversion.Version, f Feature) bool {
	minimum, ok := minVersions[family][f]
	if !ok {
		return false
	}
	if !v.Core().GreaterThanOrEqual(goversion.Must(goversion.NewVersion(minimum))) {
		return false
	}
	if until, ok := lastBefore[family][f]; ok {
		return v.Core().LessThan(goversion.Must(goversion.NewVersion(until)))
	}
	return true
}

// SkipUnless skips a test that needs feature f when the CLI under test, by
// its family and version, does not have it, and says which CLIs run it.
func SkipUnless(t testing.TB, f Feature) {
	t.Helper()
	if Supports(t, f) {
		return
	}
	var runs []string
	for _, family := range []string{"terraform", "tofu"} {
		if v, ok := minVersions[family][f]; ok {
			runs = append(runs, family+" >= "+v)
		}
	}
	t.Skipf("%s %s has no %s; this test runs on %s", CLI(), CLIVersion(t), f, strings.Join(runs, ", "))
}
