package provider

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"
	"time"
)

// issuedCertificate is a pem_all download split into its parts. pem_all is
// documented as leaf, then intermediates, then root; the parts are
// recognized by what they are (self-signed root, CA intermediates) rather
// than by position, so a reordered bundle still splits correctly.
type issuedCertificate struct {
	LeafPEM      string
	ChainPEM     string // intermediates, leaf-side first
	RootPEM      string
	FullChainPEM string // leaf + intermediates (what servers serve)
	NotAfter     time.Time
}

func splitPEMBundle(raw []byte) (*issuedCertificate, error) {
	var leaf *x509.Certificate
	var leafPEM, rootPEM string
	var intermediates []string
	rest := raw
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("the downloaded bundle has a certificate that does not parse: %w", err)
		}
		text := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: block.Bytes}))
		switch {
		case !cert.IsCA && leaf == nil:
			leaf, leafPEM = cert, text
		case cert.IsCA && bytes.Equal(cert.RawIssuer, cert.RawSubject) && cert.CheckSignatureFrom(cert) == nil:
			rootPEM = text
		case cert.IsCA:
			intermediates = append(intermediates, text)
		}
	}
	if leaf == nil {
		return nil, fmt.Errorf("the downloaded bundle holds no end-entity certificate (got %d bytes starting %q)", len(raw), firstLine(raw))
	}
	chain := strings.Join(intermediates, "")
	return &issuedCertificate{
		LeafPEM:      leafPEM,
		ChainPEM:     chain,
		RootPEM:      rootPEM,
		FullChainPEM: leafPEM + chain,
		NotAfter:     leaf.NotAfter.UTC(),
	}, nil
}

func firstLine(b []byte) string {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	if len(line) > 60 {
		line = line[:60]
	}
	return string(line)
}
