package provider

import (
	"strings"
	"testing"

	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// A pem_all bundle from the sandbox splits into leaf, chain and root, and
// the split does not depend on the order of the blocks.
func TestSplitPEMBundle(t *testing.T) {
	s := sandbox.Start(t, sandbox.Options{})
	leaf := issueOneCertificate(t, s)
	bundle := leaf + s.IntermediatePEM() + s.RootPEM()
	for name, raw := range map[string]string{
		"documented order": bundle,
		"reversed":         s.RootPEM() + s.IntermediatePEM() + leaf,
	} {
		got, err := splitPEMBundle([]byte(raw))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.LeafPEM != leaf || got.ChainPEM != s.IntermediatePEM() || got.RootPEM != s.RootPEM() || got.FullChainPEM != leaf+s.IntermediatePEM() {
			t.Errorf("%s: wrong split: %+v", name, got)
		}
	}
	if _, err := splitPEMBundle([]byte(s.RootPEM())); err == nil || !strings.Contains(err.Error(), "no end-entity certificate") {
		t.Errorf("a bundle without a leaf: err = %v", err)
	}
}

// issueOneCertificate places and issues an order in s and returns its leaf.
func issueOneCertificate(t testing.TB, s *sandbox.Server) string {
	t.Helper()
	csr, _, err := sandbox.GenerateCSR("ecdsa")
	if err != nil {
		t.Fatal(err)
	}
	body := `{"certificate":{"common_name":"www.example.com","csr":` + jsonString(csr) + `},"validity_years":1,"dcv_method":"email"}`
	id, err := s.CreateOrder(s.APIKey(), "ssl_dv_geotrust", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.IssueOrder(id); err != nil {
		t.Fatal(err)
	}
	o, _ := s.Order(id)
	return o.CertificatePEM
}

func jsonString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// FuzzSplitPEMBundle: any download body gives a split or an error, never a
// panic, and a split always has a leaf.
func FuzzSplitPEMBundle(f *testing.F) {
	s := sandbox.Start(f, sandbox.Options{})
	leaf := issueOneCertificate(f, s)
	f.Add(leaf + s.IntermediatePEM() + s.RootPEM())
	f.Add("")
	f.Add("<html>502</html>")
	f.Add("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := splitPEMBundle([]byte(raw))
		if err == nil && got.LeafPEM == "" {
			t.Fatal("split without a leaf")
		}
	})
}
