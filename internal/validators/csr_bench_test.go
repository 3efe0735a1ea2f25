package validators

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"testing"
)

// ParseCSR runs for every order instance in every plan (the csr
// attribute's validator), so its cost is paid N times per plan.
func BenchmarkParseCSR(b *testing.B) {
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		key  crypto.Signer
	}{{"ECDSA-P256", ec}, {"RSA-2048", rsaKey}} {
		der, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{
			Subject: pkix.Name{CommonName: "www.example.com"}, DNSNames: []string{"www.example.com", "example.com"},
		}, tc.key)
		if err != nil {
			b.Fatal(err)
		}
		csr := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der}))
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseCSR(csr); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// CheckDNSName runs for the common name and every dns_names entry of every
// order instance in every plan.
func BenchmarkCheckDNSName(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := CheckDNSName("host1234.bench.example.com"); err != nil {
			b.Fatal(err)
		}
	}
}
