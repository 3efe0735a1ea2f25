package sandbox

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// DV TLS certificates are capped at 199 days (from 24 Feb 2026; CERTCENTRAL.md,
// Validity);
// the order (Multi-year Plan) may run longer.
const dvMaxCertDays = 199

// certAuthority is the sandbox chain: a root and one intermediate, ECDSA
// P-256, generated at New. Their validity (2000-2099) covers any sandbox
// clock tests are likely to set.
type certAuthority struct {
	rootKey, intKey *ecdsa.PrivateKey
	root, inter     *x509.Certificate
	rootPEM         string
	interPEM        string
	id, name        string // ca_cert{id,name} in order info
}

func newCertAuthority() (*certAuthority, error) {
	c := &certAuthority{}
	var err error
	if c.rootKey, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		return nil, err
	}
	if c.intKey, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		return nil, err
	}
	notBefore := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	notAfter := time.Date(2099, 12, 31, 23, 59, 59, 0, time.UTC)
	rootTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{Country: []string{"US"}, Organization: []string{"DigiCert Sandbox"}, CommonName: "DigiCert Sandbox Root CA"},
		NotBefore:    notBefore, NotAfter: notAfter,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true, IsCA: true,
	}
	rootDER, err := x509.CreateCertificate(rand.Reader, rootTmpl, rootTmpl, &c.rootKey.PublicKey, c.rootKey)
	if err != nil {
		return nil, err
	}
	if c.root, err = x509.ParseCertificate(rootDER); err != nil {
		return nil, err
	}
	intTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{Country: []string{"US"}, Organization: []string{"DigiCert Sandbox"}, CommonName: "DigiCert Sandbox Issuing CA G1"},
		NotBefore:    notBefore, NotAfter: notAfter,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true, IsCA: true, MaxPathLenZero: true,
	}
	intDER, err := x509.CreateCertificate(rand.Reader, intTmpl, c.root, &c.intKey.PublicKey, c.rootKey)
	if err != nil {
		return nil, err
	}
	if c.inter, err = x509.ParseCertificate(intDER); err != nil {
		return nil, err
	}
	c.rootPEM = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: rootDER}))
	c.interPEM = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: intDER}))
	sum := sha1.Sum(intDER)
	c.id = strings.ToUpper(hex.EncodeToString(sum[:8]))
	c.name = c.inter.Subject.CommonName
	return c, nil
}

// Extended key usages of document signing certificates.
var (
	oidMSDocumentSigning    = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 10, 3, 12}
	oidAdobeAuthenticDocs   = asn1.ObjectIdentifier{1, 2, 840, 113583, 1, 1, 5}
	oidKPDocumentSigning    = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36} // RFC 9336
	usageOIDs               = map[string]asn1.ObjectIdentifier{"ms_document_signing": oidMSDocumentSigning, "adobe_authentic_documents_trustsigning": oidAdobeAuthenticDocs, "document_signing": oidKPDocumentSigning}
	errAlreadyIssuedOrFinal = fmt.Errorf("sandbox: order cannot be issued in its status")
)

// newSerial is a positive 128-bit serial whose hex form always has a letter,
// so it can never be read as a numeric order ID.
func newSerial() (*big.Int, string) {
	for {
		b := make([]byte, 16)
		if _, err := rand.Read(b); err != nil {
			panic(err)
		}
		b[0] = b[0]&0x3f | 0x10
		h := strings.ToUpper(hex.EncodeToString(b))
		if strings.ContainsAny(h, "ABCDEF") {
			return new(big.Int).SetBytes(b), h
		}
	}
}

// validityLocked computes the certificate and order validity at issuance.
// Precedence: custom_expiration_date over validity_days over validity_years
// (for ds_org_individual the order_validity fields). A custom date ends at
// 23:59:59 UTC that day. DV certificates stop at 199 days even when the
// order runs longer; document signing certificates run as long as the order.
func (o *order) validity(now time.Time) (certTill, orderTill time.Time) {
	switch {
	case !o.customExpiration.IsZero():
		orderTill = o.customExpiration.Add(24*time.Hour - time.Second)
	case o.validityDays > 0:
		orderTill = now.AddDate(0, 0, o.validityDays)
	case o.validityYears > 0:
		orderTill = now.AddDate(o.validityYears, 0, 0)
	default:
		orderTill = now.AddDate(1, 0, 0)
	}
	if !orderTill.After(now) {
		orderTill = now.Add(24 * time.Hour)
	}
	certTill = orderTill
	if o.prod.isTLS() {
		certTill = o.capCertificate(now, certTill)
	}
	return certTill, orderTill
}

// issueLocked issues the order's certificate: signed by the sandbox
// intermediate over the CSR's public key (or a generated ECDSA P-256 key for
// document signing orders without CSR), with the ordered names.
func (s *Server) issueLocked(o *order, now time.Time) error {
	switch o.status {
	case StatusIssued, StatusCanceled, StatusRevoked, StatusRejected, StatusExpired:
		return fmt.Errorf("%w: order %d is %s", errAlreadyIssuedOrFinal, o.ID, o.status)
	}
	now = now.UTC().Truncate(time.Second)
	var pub crypto.PublicKey
	if o.csr != nil {
		pub = o.csr.Pub
	} else {
		// choice: ECDSA P-256 whatever key_size says: a generated RSA 4096
		// key would cost a second per order for no test value.
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return err
		}
		pub = &k.PublicKey
		o.generatedKey = true
	}
	certTill, orderFrom, orderTill := o.coverage(now)
	serial, serialHex := newSerial()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		NotBefore:             now,
		NotAfter:              certTill,
		BasicConstraintsValid: true,
	}
	if o.prod.isTLS() {
		o.tlsTemplate(tmpl, pub, o.commonName, o.names())
	} else {
		name := pkix.Name{CommonName: o.certCommonName()}
		if o.org != nil {
			name.Organization = []string{o.org.Name}
			if o.org.Country != "" {
				name.Country = []string{strings.ToUpper(o.org.Country)}
			}
		}
		tmpl.Subject = name
		if em := o.subject["email"]; em != "" {
			tmpl.EmailAddresses = []string{em}
		}
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment
		usages := o.additionalUsages
		if len(usages) == 0 {
			usages = []string{"document_signing", "ms_document_signing"}
		}
		for _, u := range usages {
			if oid, ok := usageOIDs[u]; ok {
				tmpl.UnknownExtKeyUsage = append(tmpl.UnknownExtKeyUsage, oid)
			}
		}
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, s.ca.inter, pub, s.ca.intKey)
	if err != nil {
		return fmt.Errorf("sandbox: signing order %d: %w", o.ID, err)
	}
	sum := sha1.Sum(der)
	o.certDER = der
	o.certPEM = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	o.serial = serialHex
	o.thumbprint = strings.ToUpper(hex.EncodeToString(sum[:]))
	o.issuedAt, o.validFrom, o.validTill = now, now, certTill
	o.orderValidFrom, o.orderValidTill = orderFrom, orderTill
	o.setStatus(StatusIssued, now)
	for _, r := range o.requests {
		if r.Type == "new_request" && r.Status == "pending" {
			r.Status = "approved"
		}
	}
	if o.prod.kind == kindDV && o.validated != nil {
		for _, n := range o.names() {
			o.validated[strings.ToLower(n)] = true
		}
	}
	s.logf("sandbox: order %d issued (serial %s)", o.ID, o.serial)
	return nil
}

// tlsTemplate fills a TLS certificate's subject, names and usages. OV and EV
// subjects carry the organization (name, locality, state, country); the
// server-and-client EKU comes with DV certificates and with OV/EV ones that
// asked for profile_option server_client_auth_eku.
func (o *order) tlsTemplate(tmpl *x509.Certificate, pub crypto.PublicKey, cn string, names []string) {
	tmpl.Subject = pkix.Name{CommonName: cn, OrganizationalUnit: o.orgUnits}
	if o.prod.kind == kindOVEV && o.org != nil {
		tmpl.Subject.Organization = []string{o.org.Name}
		tmpl.Subject.Locality = []string{o.org.City}
		tmpl.Subject.Province = []string{o.org.State}
		tmpl.Subject.Country = []string{strings.ToUpper(o.org.Country)}
	}
	tmpl.DNSNames = names
	tmpl.KeyUsage = x509.KeyUsageDigitalSignature
	if _, isRSA := pub.(*rsa.PublicKey); isRSA {
		tmpl.KeyUsage |= x509.KeyUsageKeyEncipherment
	}
	tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	if o.prod.kind == kindDV || o.profileOption == "server_client_auth_eku" {
		tmpl.ExtKeyUsage = append(tmpl.ExtKeyUsage, x509.ExtKeyUsageClientAuth)
	}
}

// RootPEM is the sandbox root certificate (PEM).
func (s *Server) RootPEM() string { return s.ca.rootPEM }

// IntermediatePEM is the sandbox intermediate certificate (PEM).
func (s *Server) IntermediatePEM() string { return s.ca.interPEM }

// RootPool is a pool holding the sandbox root, for x509.Verify.
func (s *Server) RootPool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(s.ca.root)
	return p
}

// download answers one certificate download.
//
// choice: a certificate can be downloaded while the order is issued,
// reissue_pending or expired (it exists); otherwise (not issued yet,
// canceled, rejected, revoked) 404 not_found|certificate.
func (s *Server) download(o *order, format string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o == nil {
		return errResp(notFound("certificate"))
	}
	o.refresh(s.clk.now())
	p := s.certPEMLocked(o, o.CertID)
	if p == "" {
		return errResp(notFound("certificate"))
	}
	return s.formatResp(p, format)
}

// downloadCertificate is GET /certificate/{certificate_id}/download/format/{format}.
func (s *Server) downloadCertificate(k *apiKey, ref, format string) response {
	s.mu.Lock()
	var o *order
	if id, err := strconv.Atoi(ref); err == nil {
		if c := s.certs[id]; c != nil && c.acct == k.acct {
			if id != c.CertID {
				defer s.mu.Unlock()
				return s.downloadOtherLocked(c, id, format)
			}
			o = c
		}
	}
	s.mu.Unlock()
	return s.download(o, format)
}

// downloadByOrder is GET /certificate/download/order/{order_id}/format/{format}.
func (s *Server) downloadByOrder(k *apiKey, ref, format string) response {
	s.mu.Lock()
	o := s.lookupOrder(k.acct, ref, false)
	s.mu.Unlock()
	return s.download(o, format)
}
