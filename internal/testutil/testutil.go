// Package testutil makes the inputs that the tests of several packages
// share: keys, certificate signing requests, and the example bodies of the
// CertCentral API pages. It imports nothing of this module, so that every
// package's tests can use it, the sandbox's included (internal/acctest
// cannot serve those: it imports the sandbox).
package testutil

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	_ "embed" // the API examples below
	"encoding/pem"
	"strings"
	"testing"
)

//go:embed testdata/order-document-signing-certificate.json
var documentSigningOrgExample string

// DocumentSigningOrgExample is the example request body of the
// order-document-signing-certificate page
// (https://dev.digicert.com/services-api/orders/order-document-signing-certificate/),
// verbatim.
var DocumentSigningOrgExample = strings.TrimSpace(documentSigningOrgExample)

// ECDSAKey returns a fresh ECDSA key on curve.
func ECDSAKey(t testing.TB, curve elliptic.Curve) *ecdsa.PrivateKey {
	t.Helper()
	key, err := ecdsa.GenerateKey(curve, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// RSAKey returns a fresh RSA key of bits.
func RSAKey(t testing.TB, bits int) *rsa.PrivateKey {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// CSRDER returns a DER certificate signing request for cn (and dnsNames,
// if any) signed by key.
func CSRDER(t testing.TB, key crypto.Signer, cn string, dnsNames ...string) []byte {
	t.Helper()
	der, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: pkix.Name{CommonName: cn}, DNSNames: dnsNames}, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// CSR is CSRDER as PEM.
func CSR(t testing.TB, key crypto.Signer, cn string, dnsNames ...string) string {
	t.Helper()
	return PEM("CERTIFICATE REQUEST", CSRDER(t, key, cn, dnsNames...))
}

// PublicKeyPEM returns pub as a PEM "PUBLIC KEY" block.
func PublicKeyPEM(t testing.TB, pub crypto.PublicKey) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return PEM("PUBLIC KEY", der)
}

// PEM encodes der as one PEM block of blockType.
func PEM(blockType string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: blockType, Bytes: der}))
}
