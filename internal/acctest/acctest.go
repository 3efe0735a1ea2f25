// Package acctest holds what the acceptance tests share: the sandbox they
// run against, the provider block that points at it, which CLI runs them,
// and test CSRs.
package acctest

import (
	"crypto/elliptic"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
	"github.com/certcentral-community/terraform-provider-digicert/internal/testutil"
)

// PreCheck stops a test early, with the fix, when no CLI was given: the
// testing framework would otherwise try to download Terraform, which these
// machines cannot do.
func PreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		t.Fatal("TF_ACC_TERRAFORM_PATH is not set: run the acceptance tests with `make test` (or `make testacc-terraform` / `make testacc-tofu`), which builds the CLIs and sets it")
	}
}

// CLI names the CLI the acceptance tests run: "terraform" or "tofu".
func CLI() string {
	if cli := os.Getenv("DIGICERT_TEST_CLI"); cli != "" {
		return cli
	}
	return "terraform"
}

// StartSandbox starts a sandbox CertCentral for one test, with the real
// rate limits; it stops when the test ends.
func StartSandbox(t *testing.T) *sandbox.Server {
	t.Helper()
	return sandbox.Start(t, sandbox.Options{Logf: t.Logf})
}

// ProviderConfig is the provider block that points at s, with short
// backoffs so retry tests stay fast.
func ProviderConfig(s *sandbox.Server) string {
	return ProviderConfigWithKey(s, s.APIKey())
}

// ProviderConfigWithKey is ProviderConfig with another API key.
func ProviderConfigWithKey(s *sandbox.Server, apiKey string) string {
	return fmt.Sprintf(`
provider "digicert" {
  api_key     = %q
  base_url    = %q
  min_backoff = "20ms"
  max_backoff = "200ms"
}
`, apiKey, s.URL())
}

// CSR returns a PEM certificate signing request for cn with a fresh
// ECDSA P-256 key (fast to generate).
func CSR(t testing.TB, cn string) string {
	t.Helper()
	return testutil.CSR(t, testutil.ECDSAKey(t, elliptic.P256()), cn)
}

// RSACSR returns a PEM certificate signing request with an RSA key of bits.
func RSACSR(t testing.TB, cn string, bits int) string {
	t.Helper()
	return testutil.CSR(t, testutil.RSAKey(t, bits), cn)
}

// AssertJSONEqual fails unless got and want are the same JSON document
// (key order and spacing aside), showing both.
func AssertJSONEqual(t testing.TB, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("the body is not JSON: %v\n%s", err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("the expected JSON does not parse: %v\n%s", err, want)
	}
	if !reflect.DeepEqual(g, w) {
		gi, _ := json.MarshalIndent(g, "", "  ")
		wi, _ := json.MarshalIndent(w, "", "  ")
		t.Fatalf("JSON differs\n--- got\n%s\n--- want\n%s", gi, wi)
	}
}

// OrderPOSTs returns the order POSTs the sandbox received.
func OrderPOSTs(s *sandbox.Server) []sandbox.Request {
	var out []sandbox.Request
	for _, r := range s.Requests() {
		if r.Method == "POST" && strings.HasPrefix(r.Path, "/services/v2/order/certificate/") && !strings.HasSuffix(r.Path, "/reissue") {
			out = append(out, r)
		}
	}
	return out
}

// ReissuePOSTs returns the reissue POSTs the sandbox received.
func ReissuePOSTs(s *sandbox.Server) []sandbox.Request {
	var out []sandbox.Request
	for _, r := range s.Requests() {
		if r.Method == "POST" && strings.HasPrefix(r.Path, "/services/v2/order/certificate/") && strings.HasSuffix(r.Path, "/reissue") {
			out = append(out, r)
		}
	}
	return out
}
