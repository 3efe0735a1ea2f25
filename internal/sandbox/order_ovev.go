package sandbox

import (
	"net/http"
	"sort"
	"strings"
	"time"
)

// OV and EV orders (CERTCENTRAL.md, Order OV and EV SSL):
// POST /order/certificate/{ssl_basic|ssl_securesite_flex|ssl_securesite_pro|
// ssl_ev_basic|ssl_ev_securesite_flex|ssl_ev_securesite_pro}.
//
// Lifecycle in the sandbox: the order is issued in the POST itself when its
// request is approved (skip_approval), the organization holds a current
// validation of the product's type (ov or ev) and every name is covered by
// a domain of that organization whose DCV is current and that is submitted
// for that type. Otherwise it waits (pending, or needs_approval) and is
// issued as soon as the last of these completes: a domain's validate-token,
// ValidateDomain, ValidateOrganization, the organization delay, or the
// approval. Names with no domain yet add one to the organization (the
// Create organization page: validation "starts with that order").

// profileOptions are certificate.profile_option values: the current Order
// Basic OV page names server_auth_only_eku and server_client_auth_eku;
// kdc_smart_card comes from a public client (Keyfactor).
var profileOptions = []string{"server_auth_only_eku", "server_client_auth_eku", "kdc_smart_card"}

// clientAuthEKUEnd is when server_client_auth_eku stops being accepted.
// choice: the Order Basic OV page says "until May 1, 2026"; a DigiCert
// product page says 2027-03-01. We follow the API page.
var clientAuthEKUEnd = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

// contactTypes are organization.contacts[].contact_type values.
var contactTypes = []string{"organization_contact", "technical_contact", "ev_approver"}

// tlsHashes are the signature hashes CertCentral offers for TLS (product
// info's signature_hash_types).
var tlsHashes = []string{"sha256", "sha384", "sha512"}

type orderContact struct {
	ContactType string `json:"contact_type"`
	UserID      int    `json:"user_id,omitempty"`
	FirstName   string `json:"first_name,omitempty"`
	LastName    string `json:"last_name,omitempty"`
	JobTitle    string `json:"job_title,omitempty"`
	Telephone   string `json:"telephone,omitempty"`
	Email       string `json:"email,omitempty"`
}

// validateOVEV applies the OV/EV order pages to one body; problems
// accumulate in root.f.
func (s *Server) validateOVEV(a *account, p *product, root *jnode, now time.Time) *order {
	o := &order{acct: a, prod: p, serverPlatform: -1, paymentMethod: "balance"}
	f := root.f
	var certValidity *jnode
	if cert := root.Obj("certificate", true); cert != nil {
		if cn, ok := cert.Str("common_name", true); ok {
			o.commonName = cn
			if !validHostname(cn, p.wildcard != wildcardNone) {
				f.invalid("certificate.common_name")
			}
		}
		if names, ok := cert.StrArr("dns_names", false); ok {
			o.dnsNames = names
			if !validDNSNames(p, names) {
				f.invalid("certificate.dns_names")
			}
		}
		if csrStr, ok := cert.Str("csr", true); ok {
			if info, e := parseCSR(csrStr, false); e != nil {
				f.addEntry(*e)
			} else {
				o.csr = info
			}
		}
		// signature_hash is "required" on the OV and EV pages.
		o.signatureHash, _ = cert.OneOf("signature_hash", true, tlsHashes...)
		o.orgUnits, _ = cert.StrArr("organization_units", false)
		o.serverPlatform = readServerPlatform(cert)
		if po, ok := cert.OneOf("profile_option", false, profileOptions...); ok {
			o.profileOption = po
			if po == "server_client_auth_eku" && !now.Before(clientAuthEKUEnd) {
				f.invalid("certificate.profile_option")
			}
		}
		// ca_cert_id: one of the product's allowed_ca_certs (product.go).
		if id, ok := cert.Str("ca_cert_id", false); ok {
			o.caCertID = id
			if id != s.ca.id {
				f.invalid("certificate.ca_cert_id")
			}
		}
		certValidity = cert.Obj("cert_validity", false)
	}
	s.readOrderOrganization(a, p, root, o)
	s.readTLSValidity(a, root, certValidity, o, now)
	s.readTLSOptions(a, root, o)
	// dcv_method is optional here: it only matters for names whose domain
	// still needs DCV (ensureDomainsLocked).
	if m, ok := root.OneOf("dcv_method", false, dcvMethods...); ok {
		o.dcvMethod = m
		if m == "http-token" && hasWildcardName(o) {
			f.invalid("dcv_method")
		}
	}
	return o
}

// readOrderOrganization reads organization{id, contacts[]}. EV orders need
// an ev_approver contact. choice: contacts are optional otherwise; each is
// {contact_type, user_id} of an account user or the five details.
func (s *Server) readOrderOrganization(a *account, p *product, root *jnode, o *order) {
	f := root.f
	on := root.Obj("organization", true)
	if on == nil {
		return
	}
	if id, ok := on.Int("id", true); ok {
		if o.org = a.findOrg(id); o.org == nil {
			f.invalid("organization.id")
		}
	}
	entries, _ := on.ObjArr("contacts", false)
	hasApprover := false
	for _, c := range entries {
		ct, _ := c.OneOf("contact_type", true, contactTypes...)
		oc := orderContact{ContactType: ct}
		if uid, ok := c.Int("user_id", false); ok {
			oc.UserID = uid
			if !a.hasUser(uid) {
				f.invalid("organization.contacts.user_id")
			}
		} else if !c.Has("user_id") {
			d := c.Strings([]string{"first_name", "last_name", "job_title", "telephone", "email"}, nil)
			if em, ok := d["email"]; ok && !validEmail(em) {
				f.invalid("organization.contacts.email")
			}
			oc.FirstName, oc.LastName, oc.JobTitle, oc.Telephone, oc.Email = d["first_name"], d["last_name"], d["job_title"], d["telephone"], d["email"]
		}
		hasApprover = hasApprover || ct == "ev_approver"
		o.contacts = append(o.contacts, oc)
	}
	if p.ValidationType == "ev" && !hasApprover {
		f.addEntry(ErrorEntry{Code: "missing_field:organization.contacts.ev_approver",
			Message: "EV orders need an organization contact of contact_type ev_approver."})
	}
}

// ovevCreated is the 201 answer: {id, requests}, with certificate_id once
// the request is approved and certificate_chain when the order was issued
// at once (the immediate-issuance answer of public clients' recordings).
type ovevCreated struct {
	ID               int             `json:"id"`
	Requests         []createdReqRef `json:"requests"`
	CertificateID    int             `json:"certificate_id,omitempty"`
	CertificateChain []chainCertJSON `json:"certificate_chain,omitempty"`
}

// afterOVEVCommitLocked adds the domains the order lacks, issues it when
// everything is current, and otherwise keeps it waiting.
func (s *Server) afterOVEVCommitLocked(o *order, now time.Time) ovevCreated {
	s.ensureDomainsLocked(o, o.names(), now)
	s.waitingOVEV()[o.ID] = o
	s.issueReadyLocked(now)
	out := ovevCreated{ID: o.ID}
	for _, r := range o.requests {
		out.Requests = append(out.Requests, createdReqRef{ID: r.ID, Status: r.Status})
	}
	if o.requests[0].Status == "approved" {
		out.CertificateID = o.CertID
	}
	if o.status == StatusIssued {
		out.CertificateChain = s.chainJSON(o.certPEM)
	}
	return out
}

func (s *Server) waitingOVEV() map[int]*order {
	if s.waiting == nil {
		s.waiting = map[int]*order{}
	}
	return s.waiting
}

// ensureDomainsLocked adds, for each name no domain of the order's
// organization covers, its base domain (by the public suffix list) with the
// order's DCV method; a covering domain that lacks the product's type gets
// it.
func (s *Server) ensureDomainsLocked(o *order, names []string, now time.Time) {
	typ := o.prod.ValidationType
	for _, n := range names {
		if d := s.domainForLocked(o, n, false); d != nil {
			if !d.hasType(typ) {
				d.types = append(d.types, typ)
			}
			continue
		}
		base, ok := baseDomain(n)
		if !ok {
			continue
		}
		// choice: a domain added for an order without dcv_method uses email.
		method := o.dcvMethod
		if method == "" {
			method = "email"
		}
		d := &domain{ID: s.nextID.domain, name: base, acct: o.acct, org: o.org, types: []string{typ},
			method: method, created: now, submitted: now, container: o.container}
		if d.method == "http-token" {
			d.name = baseName(n) // http-token proves the exact name only
		}
		s.nextID.domain++
		s.domains[d.ID] = d
	}
}

// domainForLocked finds the domain of the order's organization that covers
// name (current: only one whose DCV is current and that has the type).
func (s *Server) domainForLocked(o *order, name string, current bool) *domain {
	now := s.clk.now()
	var best *domain
	for _, d := range s.domains {
		if d.acct != o.acct || d.org != o.org || !d.covers(name) {
			continue
		}
		if current && (!d.hasType(o.prod.ValidationType) || !d.dcvCurrent(now)) {
			continue
		}
		if best == nil || d.ID < best.ID {
			best = d
		}
	}
	return best
}

// ovevMissingLocked lists what keeps an OV/EV certificate for names from
// issuing now: the organization's validation and the names without a
// current domain validation.
func (s *Server) ovevMissingLocked(o *order, names []string, now time.Time) []string {
	var missing []string
	if !s.orgValidatedLocked(o.org, o.prod.ValidationType, now) {
		missing = append(missing, "organization "+o.prod.ValidationType+" validation")
	}
	for _, n := range names {
		if s.domainForLocked(o, n, true) == nil {
			missing = append(missing, n)
		}
	}
	return missing
}

// issueReadyLocked issues the waiting OV and EV orders (and reissues) that
// are approved and whose validations are now current.
func (s *Server) issueReadyLocked(now time.Time) {
	ids := make([]int, 0, len(s.waiting))
	for id := range s.waiting {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	for _, id := range ids {
		o := s.waiting[id]
		o.refresh(now)
		switch {
		case o.status == StatusPending:
			if len(s.ovevMissingLocked(o, o.names(), now)) > 0 || s.caaLocked(o.names()) != nil {
				continue
			}
			if err := s.issueLocked(o, now); err != nil {
				s.logf("sandbox: order %d: %v", o.ID, err)
				continue
			}
		case o.status == StatusReissuePending && o.reissue != nil:
			if o.reissue.req.Status != "approved" || len(s.ovevMissingLocked(o, o.reissue.names(), now)) > 0 ||
				s.caaLocked(o.reissue.names()) != nil {
				continue
			}
			if err := s.issueReissueLocked(o, now); err != nil {
				s.logf("sandbox: order %d: %v", o.ID, err)
				continue
			}
		case o.status == StatusNeedsApproval || o.status == StatusReissuePending:
			continue
		}
		delete(s.waiting, id)
	}
}

// OVEVMissing lists what an OV/EV order waits for ("organization ov
// validation" and the names without current domain validation), for tests
// and for the sandbox command's log.
func (s *Server) OVEVMissing(id int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.orders[id]
	if o == nil || o.prod.kind != kindOVEV {
		return nil
	}
	names := o.names()
	if o.reissue != nil {
		names = o.reissue.names()
	}
	return s.ovevMissingLocked(o, names, s.clk.now())
}

// errValidationRequired refuses what needs current validation now (a
// duplicate). choice: the pages say duplicates are refused until the domain
// is revalidated but name no code.
func errValidationRequired(missing []string) *APIError {
	return apiErr(http.StatusBadRequest, "validation_required",
		"Validation is not current for: "+strings.Join(missing, ", ")+".")
}
