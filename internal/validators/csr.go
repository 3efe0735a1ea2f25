package validators

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// MinRSABits is the smallest RSA key CertCentral accepts (CERTCENTRAL.md,
// Validity).
const MinRSABits = 2048

// ParseCSR decodes a PEM certificate signing request and checks what
// CertCentral checks: a parseable request, a valid self-signature, and an RSA
// key of at least MinRSABits bits or an ECDSA P-256 or P-384 key. Its errors
// say what is wrong in words a user can act on.
func ParseCSR(s string) (*x509.CertificateRequest, error) {
	block, rest := pem.Decode([]byte(strings.TrimSpace(s)))
	if block == nil {
		return nil, fmt.Errorf("is not PEM: expected a block starting with -----BEGIN CERTIFICATE REQUEST-----")
	}
	switch block.Type {
	case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST":
	case "CERTIFICATE":
		return nil, fmt.Errorf("is a certificate, not a certificate signing request (CSR)")
	default:
		return nil, fmt.Errorf("is a PEM %q block, not a CERTIFICATE REQUEST", block.Type)
	}
	if len(strings.TrimSpace(string(rest))) > 0 {
		return nil, fmt.Errorf("has data after the certificate request; give exactly one CSR")
	}
	csr, err := x509.ParseCertificateRequest(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("cannot be parsed as a certificate request: %v", err)
	}
	if err := csr.CheckSignature(); err != nil {
		return nil, fmt.Errorf("has an invalid signature (was it edited after it was generated?): %v", err)
	}
	switch key := csr.PublicKey.(type) {
	case *rsa.PublicKey:
		if bits := key.N.BitLen(); bits < MinRSABits {
			return nil, fmt.Errorf("has a %d-bit RSA key; CertCentral requires at least %d bits", bits, MinRSABits)
		}
	case *ecdsa.PublicKey:
		if key.Curve != elliptic.P256() && key.Curve != elliptic.P384() {
			return nil, fmt.Errorf("has an ECDSA key on curve %s; use P-256 or P-384", key.Curve.Params().Name)
		}
	default:
		return nil, fmt.Errorf("has a %T key; use RSA (at least %d bits) or ECDSA P-256/P-384", csr.PublicKey, MinRSABits)
	}
	return csr, nil
}

// CSR validates a PEM certificate signing request attribute (see ParseCSR).
func CSR() validator.String {
	return stringFunc{
		description: fmt.Sprintf("must be a PEM certificate signing request with a valid signature and an RSA key of at least %d bits or an ECDSA P-256/P-384 key", MinRSABits),
		check: func(s string) error {
			_, err := ParseCSR(s)
			return err
		},
	}
}
