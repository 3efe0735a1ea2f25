package validators

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"testing"
)

// FuzzParseCSR: any input gives a CSR or an error, never a panic, and an
// accepted CSR always has a valid signature.
func FuzzParseCSR(f *testing.F) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	der, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: pkix.Name{CommonName: "example.com"}}, key)
	if err != nil {
		f.Fatal(err)
	}
	good := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der}))
	f.Add(good)
	f.Add("")
	f.Add("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n")
	f.Add("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
	f.Add(good + good)
	f.Add(string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der[:len(der)/2]})))
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
