package validators

import (
	"crypto"
	"crypto/elliptic"
	"testing"

	"github.com/certcentral-community/terraform-provider-digicert/internal/testutil"
)

// ParseCSR runs for every order instance in every plan (the csr
// attribute's validator), so its cost is paid N times per plan.
func BenchmarkParseCSR(b *testing.B) {
	for _, tc := range []struct {
		name string
		key  crypto.Signer
	}{{"ECDSA-P256", testutil.ECDSAKey(b, elliptic.P256())}, {"RSA-2048", testutil.RSAKey(b, 2048)}} {
		csr := testutil.CSR(b, tc.key, "www.example.com", "www.example.com", "example.com")
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
