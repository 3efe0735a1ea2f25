package sandbox

import (
	"crypto/rand"
	"crypto/sha1"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Duplicates (CERTCENTRAL.md, Order operations): POST
// /order/certificate/{id}/duplicate adds another certificate to an issued
// order, for another key, issued at once; GET lists them. Only products
// whose duplicates_allowed is true (product.go) take them, and only while
// the order's validations are current ("duplicates are refused until the
// domain is revalidated").
//
// choice: a duplicate's names must be names of the order (it is "another
// certificate on the same order"); common_name and dns_names default to the
// order's; the CSR is required; it ends with the certificate in use.

type duplicateCert struct {
	ID                      int
	subID                   string
	commonName              string
	dnsNames                []string
	csr                     *csrInfo
	serverPlatform          int
	signatureHash           string
	created                 time.Time
	validFrom, validTill    time.Time
	pem, serial, thumbprint string
}

func (s *Server) postDuplicate(k *apiKey, ref string, body []byte) response {
	m, perr := parseBody(body)
	if perr != nil {
		return errResp(perr)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.lookupOrder(k.acct, ref, false)
	if o == nil {
		return errResp(notFound("order"))
	}
	now := s.clk.now()
	o.refresh(now)
	if !productInfoOf(o.prod).DuplicatesAllowed {
		return errResp(apiErr(http.StatusBadRequest, "duplicates_not_allowed",
			"Order "+strconv.Itoa(o.ID)+" is a "+o.prod.NameID+" order; this product does not allow duplicates."))
	}
	if o.status != StatusIssued {
		return errResp(statusError(o, "duplicate", StatusIssued))
	}
	f := &fieldErrs{}
	root := f.newNode("", m)
	d := &duplicateCert{commonName: o.commonName, dnsNames: o.dnsNames, serverPlatform: o.serverPlatform, signatureHash: o.signatureHash, created: now}
	if cert := root.Obj("certificate", true); cert != nil {
		if cn, ok := cert.Str("common_name", false); ok {
			d.commonName = cn
			if !containsFold(o.names(), cn) {
				f.invalid("certificate.common_name")
			}
		}
		if names, ok := cert.StrArr("dns_names", false); ok {
			d.dnsNames = names
			for _, n := range names {
				if !containsFold(o.names(), n) {
					f.invalid("certificate.dns_names")
					break
				}
			}
		}
		s.readNewKey(cert, &d.csr, &d.serverPlatform, &d.signatureHash)
	}
	comments, _ := root.Str("comments", false)
	if e := f.toAPIError(); e != nil {
		return errResp(e)
	}
	names := (&order{prod: o.prod, commonName: d.commonName, dnsNames: d.dnsNames}).names()
	if o.prod.kind == kindOVEV {
		if missing := s.ovevMissingLocked(o, names, now); len(missing) > 0 {
			return errResp(errValidationRequired(missing))
		}
	}
	if err := s.signDuplicateLocked(o, d, names, now); err != nil {
		return errResp(apiErr(http.StatusInternalServerError, "internal_error", err.Error()))
	}
	req := &orderRequest{ID: s.nextID.request, Date: now, Type: "duplicate", Status: "approved", Comments: comments, Requester: o.acct.user}
	s.nextID.request++
	o.requests = append(o.requests, req)
	return jsonResp(http.StatusCreated, reissueCreated{ID: o.ID, Requests: []createdReqRef{{ID: req.ID, Status: req.Status}}})
}

// signDuplicateLocked issues the duplicate: a new certificate ID, signed
// over the duplicate's key, ending with the order's certificate in use.
func (s *Server) signDuplicateLocked(o *order, d *duplicateCert, names []string, now time.Time) error {
	now = now.UTC().Truncate(time.Second)
	serial, serialHex := newSerial()
	tmpl := &x509.Certificate{SerialNumber: serial, NotBefore: now, NotAfter: o.validTill, BasicConstraintsValid: true}
	o.tlsTemplate(tmpl, d.csr.Pub, d.commonName, names)
	der, err := x509.CreateCertificate(rand.Reader, tmpl, s.ca.inter, d.csr.Pub, s.ca.intKey)
	if err != nil {
		return fmt.Errorf("sandbox: signing a duplicate of order %d: %w", o.ID, err)
	}
	sum := sha1.Sum(der)
	d.ID = s.nextID.cert
	s.nextID.cert++
	s.certs[d.ID] = o
	d.subID = fmt.Sprintf("%03d", len(o.duplicates)+1)
	d.pem = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	d.serial, d.thumbprint = serialHex, strings.ToUpper(hex.EncodeToString(sum[:]))
	d.validFrom, d.validTill = now, o.validTill
	o.duplicates = append(o.duplicates, d)
	return nil
}

type duplicateJSON struct {
	ID             int            `json:"id"`
	Thumbprint     string         `json:"thumbprint"`
	SerialNumber   string         `json:"serial_number"`
	CommonName     string         `json:"common_name"`
	DNSNames       []string       `json:"dns_names"`
	Status         string         `json:"status"`
	DateCreated    string         `json:"date_created"`
	ValidFrom      string         `json:"valid_from"`
	ValidTill      string         `json:"valid_till"`
	CSR            string         `json:"csr"`
	ServerPlatform serverPlatJSON `json:"server_platform"`
	SignatureHash  string         `json:"signature_hash"`
	KeySize        int            `json:"key_size,omitempty"`
	CACertID       string         `json:"ca_cert_id"`
	SubID          string         `json:"sub_id"`
}

// listDuplicates is GET /order/certificate/{id}/duplicate ->
// {"certificates":[...]} (the fields of public clients' recordings).
func (s *Server) listDuplicates(k *apiKey, ref string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.lookupOrder(k.acct, ref, false)
	if o == nil {
		return errResp(notFound("order"))
	}
	now := s.clk.now()
	out := struct {
		Certificates []duplicateJSON `json:"certificates"`
	}{Certificates: []duplicateJSON{}}
	for _, d := range o.duplicates {
		j := duplicateJSON{ID: d.ID, Thumbprint: d.thumbprint, SerialNumber: d.serial, CommonName: d.commonName,
			DNSNames: (&order{prod: o.prod, commonName: d.commonName, dnsNames: d.dnsNames}).names(), Status: StatusIssued,
			DateCreated: fmtDateTime(d.created), ValidFrom: fmtDate(d.validFrom), ValidTill: fmtDate(d.validTill),
			CSR: d.csr.PEM, ServerPlatform: serverPlatJSON{ID: d.serverPlatform, Name: serverPlatformName(d.serverPlatform)},
			SignatureHash: d.signatureHash, CACertID: s.ca.id, SubID: d.subID}
		if d.csr.KeyType == "rsa" {
			j.KeySize = d.csr.KeySize
		}
		if now.After(d.validTill) {
			j.Status = StatusExpired
		}
		out.Certificates = append(out.Certificates, j)
	}
	return jsonResp(http.StatusOK, out)
}

// certPEMLocked is the PEM of certificate id of order o when it can be
// downloaded: the one in use, a duplicate, or an earlier one not revoked.
func (s *Server) certPEMLocked(o *order, id int) string {
	if id == o.CertID {
		if o.certDER == nil || (o.status != StatusIssued && o.status != StatusExpired && o.status != StatusReissuePending) {
			return ""
		}
		return o.certPEM
	}
	for _, d := range o.duplicates {
		if d.ID == id {
			return d.pem
		}
	}
	for _, c := range o.previous {
		if c.ID == id && c.status(s.clk.now()) != StatusRevoked {
			return c.pem
		}
	}
	return ""
}
