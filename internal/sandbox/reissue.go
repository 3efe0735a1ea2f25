package sandbox

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Reissue (CERTCENTRAL.md, "Reissue"): POST
// /order/certificate/{order_id}/reissue replaces the order's certificate with
// a new one inside the order's coverage, at no cost.
//
// Lifecycle in the sandbox:
//   - The request is validated with the order's rules (CSR, names, the
//     product's wildcard policy, DCV method). choice: common_name,
//     dns_names, server_platform, signature_hash and dcv_method default to
//     the order's current values when omitted (the older reissue API said
//     "[existing value]"); the CSR is always required for TLS reissues.
//   - Accepted: 201 {"id","requests":[{"id","status"}]}; the order becomes
//     reissue_pending and gets the new certificate's ID at once, as a new
//     order gets its certificate_id. skip_approval true makes the request
//     "approved", otherwise "pending" until ApproveReissue.
//   - DCV: names the order validated less than Options.DCVReuseDays ago
//     pass without new DCV (choice: DigiCert reuses completed domain
//     validation); new names and stale ones need check-dcv again, with the
//     order's random value.
//   - Issued once approved and every name is validated (at once when
//     nothing needs DCV), with a new certificate ID, serial and thumbprint,
//     ending no later than the coverage.
//   - The previous certificate: a reissue that only adds names or changes
//     the key leaves it valid; one that removes or changes a name revokes
//     every earlier certificate 72 hours after the new one is issued.
//   - Order info during reissue_pending describes the requested
//     certificate (new ID, names, CSR, no serial yet); downloads by order
//     still give the certificate in use.

// reissueRevocationDelay is when earlier certificates are revoked after a
// reissue that removed or changed a name ("within 72 hours").
const reissueRevocationDelay = 72 * time.Hour

// pendingReissue is an accepted reissue that is not issued yet.
type pendingReissue struct {
	req            *orderRequest
	certID         int
	created        time.Time
	commonName     string
	dnsNames       []string
	csr            *csrInfo
	serverPlatform int
	signatureHash  string
	certValidity   *validitySpec
	dcvMethod      string
	comments       string
	skipApproval   bool
	needDCV        []string // lower-case names whose DCV must pass again
	prevStatus     string   // the order's status before the reissue
	prod           *product
}

// names are the reissued certificate's names, as order.names builds them.
func (p *pendingReissue) names() []string {
	return (&order{prod: p.prod, commonName: p.commonName, dnsNames: p.dnsNames}).names()
}

// issuedCert is a certificate the order had before its latest reissue.
type issuedCert struct {
	ID                           int
	pem, serial, thumbprint      string
	issuedAt, validFrom, validTo time.Time
	names                        []string
	revokeAt                     time.Time // zero: not scheduled
}

// status of an earlier certificate: revoked, revocation_pending, expired or
// issued.
func (c *issuedCert) status(now time.Time) string {
	switch {
	case !c.revokeAt.IsZero() && !now.Before(c.revokeAt):
		return StatusRevoked
	case !c.revokeAt.IsZero():
		return "revocation_pending"
	case now.After(c.validTo):
		return StatusExpired
	}
	return StatusIssued
}

// dcvNames are the names DCV is about now: a pending reissue's, else the
// order's.
func (o *order) dcvNames() []string {
	if o.reissue != nil {
		return o.reissue.names()
	}
	return o.names()
}

// currentCertID is the ID of the certificate being requested or in use.
func (o *order) currentCertID() int {
	if o.reissue != nil {
		return o.reissue.certID
	}
	return o.CertID
}

// validatedAt is when name's DCV last passed: recorded by reissues, else the
// first issuance (DCV passes just before it).
func (o *order) validatedAt(name string) time.Time {
	if t, ok := o.dcvAt[name]; ok {
		return t
	}
	return o.orderValidFrom
}

type reissueCreated struct {
	ID       int             `json:"id"`
	Requests []createdReqRef `json:"requests"`
}

// errReissueNotAvailable answers reissues of orders that are not DV TLS
// orders. choice: the reissue page covers TLS, code signing and VMC
// certificates, not document signing; the code is the sandbox's own.
func errReissueNotAvailable(o *order) *APIError {
	return apiErr(http.StatusBadRequest, "reissue_not_available",
		"Order "+strconv.Itoa(o.ID)+" is a "+o.prod.NameID+" order; reissues are for TLS certificate orders.")
}

// postReissue is POST /order/certificate/{order_id}/reissue.
func (s *Server) postReissue(k *apiKey, ref string, body []byte) response {
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
	if !o.prod.isTLS() {
		return errResp(errReissueNotAvailable(o))
	}
	// choice: an order that cannot be reissued says so whatever the body.
	switch o.status {
	case StatusIssued, StatusExpired, StatusReissuePending:
	default:
		return errResp(statusError(o, "reissue", StatusIssued, StatusExpired, StatusReissuePending))
	}
	if !now.Before(o.orderValidTill) {
		// choice: no page names a code for a reissue after the coverage;
		// the sandbox's status error, with the date, tells the client to
		// place a renewal order.
		return errResp(apiErr(http.StatusBadRequest, "invalid_order_status",
			"Order "+strconv.Itoa(o.ID)+" is "+o.status+": its coverage ended on "+fmtDate(o.orderValidTill)+
				"; a new certificate needs a renewal order."))
	}
	f := &fieldErrs{}
	root := f.newNode("", m)
	p := s.validateReissue(o, root, now)
	unknown := f.unknown()
	if s.opts.RejectUnknownFields {
		for _, u := range unknown {
			f.invalid(u)
		}
	}
	if e := f.toAPIError(); e != nil {
		return errResp(e)
	}
	if len(unknown) > 0 {
		s.logf("sandbox: reissue of order %d: fields not on the reissue page: %s", o.ID, strings.Join(unknown, ", "))
	}
	s.acceptReissueLocked(o, p, now)
	return jsonResp(http.StatusCreated, reissueCreated{ID: o.ID, Requests: []createdReqRef{{ID: p.req.ID, Status: p.req.Status}}})
}

// readNewKey reads the certificate fields a reissue and a duplicate share:
// the CSR (required), and the server platform, the signature hash and the
// issuing CA when given. Each given value replaces the one the caller
// started from; problems go to cert's error list.
func (s *Server) readNewKey(cert *jnode, csr **csrInfo, serverPlatform *int, signatureHash *string) {
	if csrStr, ok := cert.Str("csr", true); ok {
		if info, e := parseCSR(csrStr, false); e != nil {
			cert.f.addEntry(*e)
		} else {
			*csr = info
		}
	}
	if cert.Has("server_platform") {
		*serverPlatform = readServerPlatform(cert)
	}
	// choice: the SHA-2 hashes CertCentral offers for TLS.
	if h, ok := cert.OneOf("signature_hash", false, tlsHashes...); ok {
		*signatureHash = h
	}
	// ca_cert_id: one of the product's allowed_ca_certs (the reissue page
	// lists it).
	if id, ok := cert.Str("ca_cert_id", false); ok && id != s.ca.id {
		cert.f.invalid("certificate.ca_cert_id")
	}
}

// validateReissue reads a reissue body with the order's rules; problems
// accumulate in root.f.
func (s *Server) validateReissue(o *order, root *jnode, now time.Time) *pendingReissue {
	f := root.f
	p := &pendingReissue{prod: o.prod, commonName: o.commonName, dnsNames: o.dnsNames,
		serverPlatform: o.serverPlatform, signatureHash: o.signatureHash, dcvMethod: o.dcvMethod}
	if cert := root.Obj("certificate", true); cert != nil {
		if cn, ok := cert.Str("common_name", false); ok {
			p.commonName = cn
			if !validHostname(cn, o.prod.wildcard != wildcardNone) ||
				(o.prod.wildcard == wildcardRequired && !isWildcard(cn)) {
				f.invalid("certificate.common_name")
			}
		}
		if names, ok := cert.StrArr("dns_names", false); ok {
			p.dnsNames = names
		}
		if !validDNSNames(o.prod, p.dnsNames) {
			f.invalid("certificate.dns_names")
		}
		s.readNewKey(cert, &p.csr, &p.serverPlatform, &p.signatureHash)
		if cv := cert.Obj("cert_validity", false); cv != nil {
			// "When you reissue a certificate for a Multi-year Plan, you can
			// set a new expiration date": other orders get the default.
			if !o.isMultiYearPlan() {
				f.invalid("certificate.cert_validity")
			}
			capDays := o.certCapDays
			if capDays <= 0 {
				capDays = dvMaxCertDays
			}
			if spec := readValidity(cv, "certificate.cert_validity", now, 0, capDays); spec != nil {
				if till := spec.end(now); till.After(o.orderValidTill) {
					f.addEntry(certValidityExceeds(till, o.orderValidTill))
				}
				p.certValidity = spec
			}
		}
	}
	p.comments, _ = root.Str("comments", false)
	p.skipApproval, _ = root.Bool("skip_approval", false)
	if m, ok := root.OneOf("dcv_method", false, dcvMethods...); ok {
		p.dcvMethod = m
	}
	if p.dcvMethod == "http-token" {
		for _, n := range p.names() {
			if isWildcard(n) {
				f.invalid("dcv_method")
				break
			}
		}
	}
	return p
}

// acceptReissueLocked records an accepted reissue: a reissue request, the
// new certificate ID, the names that need DCV, status reissue_pending; and
// issues at once when nothing is left to do.
func (s *Server) acceptReissueLocked(o *order, p *pendingReissue, now time.Time) {
	p.prevStatus = o.status
	if old := o.reissue; old != nil {
		// The older API: a reissue sent while another is pending rejects
		// and replaces the pending one.
		old.req.Status = "rejected"
		p.prevStatus = old.prevStatus
	}
	req := &orderRequest{ID: s.nextID.request, Date: now, Type: "reissue", Status: "pending", Comments: p.comments, Requester: o.acct.user}
	s.nextID.request++
	if p.skipApproval {
		req.Status = "approved"
	}
	p.req, p.created = req, now
	o.requests = append(o.requests, req)
	p.certID = s.nextID.cert
	s.nextID.cert++
	s.certs[p.certID] = o
	if o.prod.kind == kindOVEV {
		// OV/EV names are validated through their domains (order_ovev.go).
		s.ensureDomainsLocked(o, p.names(), now)
		s.waitingOVEV()[o.ID] = o
	} else {
		for _, n := range p.names() {
			k := strings.ToLower(n)
			if !o.validated[k] || now.Sub(o.validatedAt(k)) > s.dcvReuse() {
				p.needDCV = append(p.needDCV, k)
				delete(o.validated, k)
			}
		}
	}
	o.dcvMethod = p.dcvMethod
	s.currentDCVValue(o, now)
	o.reissue = p
	o.setStatus(StatusReissuePending, now)
	// A CAA refusal is not the POST's business: the reissue stays pending
	// and check-dcv reports it.
	if o.prod.kind == kindOVEV {
		s.issueReadyLocked(now)
		return
	}
	_ = s.issueAfterDCVLocked(o, now)
}

// issueAfterDCVLocked issues what waits only for DCV: an approved new order
// (pending) or an approved reissue whose names are all validated. CAA
// records that do not allow DigiCert stop the issuance with
// caa_check_failed|<domain>.
func (s *Server) issueAfterDCVLocked(o *order, now time.Time) *APIError {
	switch {
	case o.status == StatusPending:
		if e := s.caaLocked(o.names()); e != nil {
			return e
		}
		if err := s.issueLocked(o, now); err != nil {
			return apiErr(http.StatusInternalServerError, "internal_error", err.Error())
		}
	case o.status == StatusReissuePending && o.reissue != nil && o.reissue.req.Status == "approved":
		for _, n := range o.reissue.names() {
			if !o.validated[strings.ToLower(n)] {
				return nil
			}
		}
		if e := s.caaLocked(o.reissue.names()); e != nil {
			return e
		}
		if err := s.issueReissueLocked(o, now); err != nil {
			return apiErr(http.StatusInternalServerError, "internal_error", err.Error())
		}
	}
	return nil
}

// issueReissueLocked issues a pending reissue: the certificate in use
// becomes an earlier one, the order takes the reissue's details and a new
// certificate is signed.
func (s *Server) issueReissueLocked(o *order, now time.Time) error {
	p := o.reissue
	prev := &issuedCert{ID: o.CertID, pem: o.certPEM, serial: o.serial, thumbprint: o.thumbprint,
		issuedAt: o.issuedAt, validFrom: o.validFrom, validTo: o.validTill, names: o.names()}
	newNames := p.names()
	removed := false
	for _, n := range prev.names {
		if !containsFold(newNames, n) {
			removed = true
		}
	}
	o.commonName, o.dnsNames, o.csr = p.commonName, p.dnsNames, p.csr
	o.serverPlatform, o.signatureHash, o.certValidity = p.serverPlatform, p.signatureHash, p.certValidity
	o.CertID = p.certID
	o.reissue = nil
	if err := s.issueLocked(o, now); err != nil {
		return err
	}
	o.previous = append(o.previous, prev)
	if o.dcvAt == nil {
		o.dcvAt = map[string]time.Time{}
	}
	for _, k := range p.needDCV {
		o.dcvAt[k] = now
	}
	if removed {
		for _, c := range o.previous {
			if c.revokeAt.IsZero() {
				c.revokeAt = now.Add(reissueRevocationDelay)
			}
		}
	}
	s.logf("sandbox: order %d reissued: certificate %d (serial %s)", o.ID, o.CertID, o.serial)
	return nil
}

// dropReissueLocked ends a pending reissue that will not be issued
// (rejected, or canceled through PUT .../status): its request is
// rejected and the order is back where it was, with its certificate.
func (s *Server) dropReissueLocked(o *order, now time.Time) {
	p := o.reissue
	if p == nil {
		o.setStatus(StatusIssued, now)
		return
	}
	p.req.Status = "rejected"
	o.reissue = nil
	for _, n := range o.names() {
		o.validated[strings.ToLower(n)] = true
	}
	o.setStatus(p.prevStatus, now)
	o.refresh(now)
}

// pendingCertificateInfo shows the requested certificate in order info
// while a reissue is pending.
func (s *Server) pendingCertificateInfo(o *order, c *certInfoJSON) {
	p := o.reissue
	c.ID, c.CommonName, c.DNSNames = p.certID, p.commonName, p.names()
	c.DateCreated = fmtDateTime(p.created)
	c.ServerPlatform = serverPlatJSON{ID: p.serverPlatform, Name: serverPlatformName(p.serverPlatform)}
	c.SignatureHash = p.signatureHash
	c.CSR, c.KeySize = p.csr.PEM, 0
	if p.csr.KeyType == "rsa" {
		c.KeySize = p.csr.KeySize
	}
	c.Thumbprint, c.SerialNumber, c.DateIssued, c.ValidFrom, c.ValidTill = "", "", "", "", ""
	c.DaysRemaining = nil
	c.CertValidity = p.certValidity.json()
}

// downloadOtherLocked serves a certificate ID of the order that is not the
// one in use: a duplicate, or an earlier certificate until it is revoked; a
// reissue not issued (pending or replaced) has nothing to download.
func (s *Server) downloadOtherLocked(o *order, id int, format string) response {
	p := s.certPEMLocked(o, id)
	if p == "" {
		return errResp(notFound("certificate"))
	}
	return s.formatResp(p, format)
}
