package validators

import (
	"crypto/elliptic"
	"testing"

	"github.com/certcentral-community/terraform-provider-digicert/internal/testutil"
)

// FuzzParseCSR: any input gives a CSR or an error, never a panic, and an
// accepted CSR always has a valid signature.
func FuzzParseCSR(f *testing.F) {
	der := testutil.CSRDER(f, testutil.ECDSAKey(f, elliptic.P256()), "example.com")
	good := testutil.PEM("CERTIFICATE REQUEST", der)
	f.Add(good)
	f.Add("")
	f.Add("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n")
	f.Add("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
	f.Add(good + good)
	f.Add(testutil.PEM("CERTIFICATE REQUEST", der[:len(der)/2]))
	f.Fuzz(func(t *testing.T, s string) {
		csr, err := ParseCSR(s)
		if err != nil {
			if csr != nil {
				t.Fatal("ParseCSR returned a CSR and an error")
			}
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if csr.CheckSignature() != nil {
			t.Fatal("ParseCSR accepted a CSR whose signature does not verify")
		}
	})
}

// FuzzCheckDNSName: never panics; an accepted name is at most 253 bytes.
func FuzzCheckDNSName(f *testing.F) {
	for _, s := range []string{"example.com", "*.example.com", "a..b", "-a.com", "ex_ample.com", "*.*.com", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if CheckDNSName(s) == nil && len(s) > 253 {
			t.Fatalf("accepted a %d-byte name", len(s))
		}
	})
}
