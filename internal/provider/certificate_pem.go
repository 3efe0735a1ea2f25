package provider

import (
	"bytes"
	"context"
	"crypto/sha1"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
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

// certificatePEMModel holds the issued certificate as PEM; resources that
// expose it embed this model.
type certificatePEMModel struct {
	CertificatePEM types.String `tfsdk:"certificate_pem"`
	ChainPEM       types.String `tfsdk:"chain_pem"`
	RootPEM        types.String `tfsdk:"root_pem"`
	FullChainPEM   types.String `tfsdk:"full_chain_pem"`
	NotAfter       types.String `tfsdk:"not_after"`
}

// certificatePEMAttributes are the computed PEM attributes. Certificates
// are public, so they are not sensitive and stay readable in diffs.
func certificatePEMAttributes() map[string]schema.Attribute {
	attr := func(d string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: d + " Null until the order is issued.", Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	}
	return map[string]schema.Attribute{
		"certificate_pem": attr("The issued (leaf) certificate, PEM."),
		"chain_pem":       attr("The intermediate CA certificates, PEM, leaf side first."),
		"root_pem":        attr("The root CA certificate, PEM."),
		"full_chain_pem":  attr("The leaf followed by the intermediates, PEM: what a TLS server or load balancer serves."),
		"not_after":       attr("When the issued certificate expires, RFC 3339."),
	}
}

// clear nulls every PEM attribute.
func (m *certificatePEMModel) clear() {
	m.CertificatePEM, m.ChainPEM, m.RootPEM, m.FullChainPEM, m.NotAfter = types.StringNull(), types.StringNull(), types.StringNull(), types.StringNull(), types.StringNull()
}

// setUnknown marks every PEM attribute as known only after apply.
func (m *certificatePEMModel) setUnknown() {
	m.CertificatePEM, m.ChainPEM, m.RootPEM, m.FullChainPEM, m.NotAfter = types.StringUnknown(), types.StringUnknown(), types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
}

// download fetches certificateID with pem_all and fills the model. Callers
// decide when: only when the certificate changed, never on every refresh.
func (m *certificatePEMModel) download(ctx context.Context, client *certcentral.Client, certificateID int64) error {
	raw, err := client.DownloadCertificate(ctx, certificateID, certcentral.FormatPEMAll)
	if err != nil {
		return err
	}
	cert, err := splitPEMBundle(raw)
	if err != nil {
		return fmt.Errorf("certificate %d: %w", certificateID, err)
	}
	m.CertificatePEM = types.StringValue(cert.LeafPEM)
	m.ChainPEM = stringOrNull(cert.ChainPEM)
	m.RootPEM = stringOrNull(cert.RootPEM)
	m.FullChainPEM = types.StringValue(cert.FullChainPEM)
	m.NotAfter = types.StringValue(cert.NotAfter.Format(time.RFC3339))
	return nil
}

// refreshCertificate downloads the certificate of order info only when the
// order holds one that the model does not have yet (first issuance, or a
// reissue that changed the thumbprint): a refresh with nothing new costs no
// download. A failed download is a warning; the next refresh tries again.
func (m *certificatePEMModel) refreshCertificate(ctx context.Context, client *certcentral.Client, info *certcentral.OrderInfo, diags *diag.Diagnostics) {
	if info.Status != certcentral.OrderStatusIssued || info.Certificate == nil || info.Certificate.ID == 0 {
		if m.CertificatePEM.IsUnknown() {
			m.clear()
		}
		return
	}
	if !m.CertificatePEM.IsNull() && !m.CertificatePEM.IsUnknown() && m.leafThumbprint() == strings.ToUpper(info.Certificate.Thumbprint) {
		return
	}
	if err := m.download(ctx, client, info.Certificate.ID); err != nil {
		diags.AddWarning("Certificate Not Downloaded Yet",
			fmt.Sprintf("Order %d is issued, but downloading certificate %d failed: %v. The next refresh tries again.", info.ID, info.Certificate.ID, err))
		m.clear()
	}
}

// leafThumbprint is the SHA-1 thumbprint of the leaf in CertificatePEM, in
// CertCentral's upper-case hex, or "" when there is none.
func (m *certificatePEMModel) leafThumbprint() string {
	block, _ := pem.Decode([]byte(m.CertificatePEM.ValueString()))
	if block == nil {
		return ""
	}
	sum := sha1.Sum(block.Bytes) //nolint:gosec // a thumbprint, not a security check.
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}
