package validators

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// MinRSABits is the smallest RSA key CertCentral accepts (CERTCENTRAL.md,
// section Validity).
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
	if _, _, err := CheckPublicKey(csr.PublicKey); err != nil {
		return nil, err
	}
	return csr, nil
}

// CheckPublicKey checks a key as CertCentral does: RSA of at least
// MinRSABits bits, or ECDSA on P-256 or P-384. It names the key in
// CertCentral's words: keyType "rsa" with keySize the bit count, or keyType
// "ecc" with keySize "p-256" or "p-384".
func CheckPublicKey(pub any) (keyType, keySize string, err error) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		bits := k.N.BitLen()
		if bits < MinRSABits {
			return "", "", fmt.Errorf("has a %d-bit RSA key; CertCentral requires at least %d bits", bits, MinRSABits)
		}
		return "rsa", strconv.Itoa(bits), nil
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return "ecc", "p-256", nil
		case elliptic.P384():
			return "ecc", "p-384", nil
		}
		return "", "", fmt.Errorf("has an ECDSA key on curve %s; use P-256 or P-384", k.Curve.Params().Name)
	}
	return "", "", fmt.Errorf("has a %T key; use RSA (at least %d bits) or ECDSA P-256/P-384", pub, MinRSABits)
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
