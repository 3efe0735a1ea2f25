package sandbox

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// DCV of domains (CERTCENTRAL.md, Domains): submit for validation, change
// the method, a new token, check the token; and the Go control calls that
// complete validations the way DigiCert's staff or email answers would.

// submitDomainValidation is POST /domain/{id}/validation. choice: the body
// (unconfirmed) is optional: validations[{type}] adds types, dcv_method
// changes the method. The DCV starts again at once (a domain "can be
// revalidated at any time"), with a new token once the old one expired;
// until it completes, orders still use the current validation (the
// Domain prevalidation page). Answer 204.
func (s *Server) submitDomainValidation(k *apiKey, ref string, body []byte) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.lookupDomain(k.acct, ref)
	if d == nil {
		return errResp(notFound("domain"))
	}
	var types []string
	method := d.method
	if len(body) > 0 {
		m, perr := parseBody(body)
		if perr != nil {
			return errResp(perr)
		}
		f := &fieldErrs{}
		root := f.newNode("", m)
		entries, _ := root.ObjArr("validations", false)
		for _, e := range entries {
			if t, ok := e.OneOf("type", true, domainValidationTypes...); ok {
				types = append(types, t)
			}
		}
		if dm, ok := root.OneOf("dcv_method", false, dcvMethods...); ok {
			method = dm
		}
		if e := f.toAPIError(); e != nil {
			return errResp(e)
		}
	}
	now := s.clk.now()
	for _, t := range types {
		if !d.hasType(t) {
			d.types = append(d.types, t)
		}
	}
	d.method = method
	d.submitted = now
	d.tokenValue(now)
	return noContent()
}

// changeDomainDCVMethod is PUT /domain/{id}/dcv/method {dcv_method,
// send_dcv_email_flag, locale, email_array}. The same method answers {};
// email answers validation_emails; a token method answers dcv_token.
func (s *Server) changeDomainDCVMethod(k *apiKey, ref string, body []byte) response {
	m, perr := parseBody(body)
	if perr != nil {
		return errResp(perr)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.lookupDomain(k.acct, ref)
	if d == nil {
		return errResp(notFound("domain"))
	}
	f := &fieldErrs{}
	root := f.newNode("", m)
	method, _ := root.OneOf("dcv_method", true, dcvMethods...)
	root.Bool("send_dcv_email_flag", false)
	root.OneOf("locale", false, locales...)
	emails, _ := root.StrArr("email_array", false)
	for _, e := range emails {
		if !validEmail(e) {
			f.invalid("email_array")
		}
	}
	if e := f.toAPIError(); e != nil {
		return errResp(e)
	}
	now := s.clk.now()
	if method == d.method {
		return jsonResp(http.StatusOK, struct{}{})
	}
	d.method = method
	if method == "http-token" {
		// http-token proves one exact name; the name is kept as added.
		d.keepWWW = true
	}
	if method == "email" {
		// choice: the WHOIS-free constructed addresses of the base domain.
		base, _ := baseDomain(d.name)
		var list []string
		for _, u := range []string{"admin", "administrator", "webmaster", "hostmaster", "postmaster"} {
			list = append(list, u+"@"+base)
		}
		return jsonResp(http.StatusOK, map[string]any{"validation_emails": map[string]any{"name_scope": d.name, "base_emails": list}})
	}
	return jsonResp(http.StatusOK, struct {
		DCVToken *dcvTokenJSON `json:"dcv_token"`
	}{d.dcvTokenJSON(now)})
}

func errInvalidDCVMethod() *APIError {
	return apiErr(http.StatusBadRequest, "invalid_dcv_method",
		"The domain's DCV method must be dns-txt-token, dns-cname-token or http-token.")
}

// newDomainToken is POST /domain/{id}/dcv/token -> {token,
// expiration_date[, http_token_url]}. choice: a new token every call (the
// page's name: "generate"), valid 30 days.
func (s *Server) newDomainToken(k *apiKey, ref string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.lookupDomain(k.acct, ref)
	if d == nil {
		return errResp(notFound("domain"))
	}
	if !isTokenMethod(d.method) {
		return errResp(errInvalidDCVMethod())
	}
	now := s.clk.now()
	d.token = ""
	tok, exp := d.tokenValue(now)
	out := struct {
		Token          string `json:"token"`
		ExpirationDate string `json:"expiration_date"`
		HTTPTokenURL   string `json:"http_token_url,omitempty"`
	}{Token: tok, ExpirationDate: fmtDateTime(exp)}
	if d.method == "http-token" {
		out.HTTPTokenURL = DCVFileURL(d.name)
	}
	return jsonResp(http.StatusOK, out)
}

// validateDomainToken is PUT /domain/{id}/dcv/validate-token: 200
// {"token","status":"active"} when the record holds the current token, else
// 400 invalid_dns_txt (DNS methods) or file_random_value_not_found
// (http-token). choice: a DCV that is still current answers active without
// looking at the records again.
func (s *Server) validateDomainToken(k *apiKey, ref string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.lookupDomain(k.acct, ref)
	if d == nil {
		return errResp(notFound("domain"))
	}
	if !isTokenMethod(d.method) {
		return errResp(errInvalidDCVMethod())
	}
	now := s.clk.now()
	if !d.dcvCurrent(now) || d.submitted.After(d.approved) {
		tok, _ := d.tokenValue(now)
		if !s.dcvPublished(d.method, tok, d.name) {
			code := "invalid_dns_txt"
			if d.method == "http-token" {
				code = "file_random_value_not_found"
			}
			return errResp(apiErr(http.StatusBadRequest, code, "Domain control validation failed for "+d.name+"."))
		}
		d.approved = now
		s.issueReadyLocked(now)
	}
	return jsonResp(http.StatusOK, struct {
		Token  string `json:"token"`
		Status string `json:"status"`
	}{d.token, valActive})
}

// checkOVEVDCVLocked is check-dcv on an OV or EV order: the order's names
// are validated through their domains (the Check domain DCV page sends
// pending orders here). Each name's domain that is not current is checked
// like validate-token; the answer is check-dcv's. choice: a name whose
// domain uses email DCV fails with invalid_dns_method, as an email DV
// order does.
func (s *Server) checkOVEVDCVLocked(o *order, now time.Time) response {
	names := o.names()
	if o.reissue != nil {
		names = o.reissue.names()
	}
	var failed []string
	code := "invalid_dns_txt"
	for _, n := range names {
		if s.domainForLocked(o, n, true) != nil {
			continue
		}
		d := s.domainForLocked(o, n, false)
		if d == nil {
			failed = append(failed, n)
			continue
		}
		if !isTokenMethod(d.method) {
			return errResp(apiErr(http.StatusBadRequest, "invalid_dns_method",
				"check-dcv needs domains whose DCV method is dns-txt-token, dns-cname-token or http-token; "+d.name+" uses "+d.method+"."))
		}
		tok, _ := d.tokenValue(now)
		if !s.dcvPublished(d.method, tok, d.name) {
			if d.method == "http-token" {
				code = "file_random_value_not_found"
			}
			failed = append(failed, n)
			continue
		}
		d.approved = now
		if !d.hasType(o.prod.ValidationType) {
			d.types = append(d.types, o.prod.ValidationType)
		}
	}
	if len(failed) > 0 {
		return errResp(apiErr(http.StatusBadRequest, code, "Domain control validation failed for: "+strings.Join(failed, ", ")+"."))
	}
	s.issueReadyLocked(now)
	out := struct {
		OrderStatus        string              `json:"order_status"`
		CertificateID      int                 `json:"certificate_id"`
		DCVStatus          string              `json:"dcv_status"`
		DNSNameValidations []dnsNameValidation `json:"dns_name_validations"`
	}{OrderStatus: o.status, CertificateID: o.currentCertID(), DCVStatus: "valid"}
	for _, n := range names {
		out.DNSNameValidations = append(out.DNSNameValidations, dnsNameValidation{DNSName: n, Status: "approved"})
	}
	return jsonResp(http.StatusOK, out)
}

// ValidateDomain completes a domain's DCV now, whatever its method (as if
// the DCV email had been answered); waiting orders that are now ready are
// issued.
func (s *Server) ValidateDomain(id int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.domains[id]
	if d == nil {
		return fmt.Errorf("sandbox: no domain %d", id)
	}
	now := s.clk.now()
	d.approved = now
	s.issueReadyLocked(now)
	return nil
}

// ValidateOrganization completes the organization's pending validations of
// the given types (all pending ones when none is given) now.
func (s *Server) ValidateOrganization(id int, types ...string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var org *organization
	for _, a := range s.accounts {
		if org = a.findOrg(id); org != nil {
			break
		}
	}
	if org == nil {
		return fmt.Errorf("sandbox: no organization %d", id)
	}
	now := s.clk.now()
	done := 0
	for typ, v := range org.validations {
		if len(types) > 0 && !oneOf(typ, types) {
			continue
		}
		if v.validated.IsZero() || v.status(now) == valExpired {
			v.validated = now
		}
		done++
	}
	if done == 0 {
		return fmt.Errorf("sandbox: organization %d has no submitted validation of %v", id, types)
	}
	s.issueReadyLocked(now)
	return nil
}

// DomainSnapshot describes a domain for tests.
type DomainSnapshot struct {
	ID             int
	Name           string
	OrganizationID int
	Types          []string
	DCVMethod      string
	Token          string
	Approved       time.Time
	DCVExpires     time.Time // zero until the first DCV
}

// Domain returns a snapshot of one domain.
func (s *Server) Domain(id int) (DomainSnapshot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.domains[id]
	if d == nil {
		return DomainSnapshot{}, false
	}
	out := DomainSnapshot{ID: d.ID, Name: d.name, OrganizationID: d.org.ID, Types: append([]string(nil), d.types...),
		DCVMethod: d.method, Token: d.token, Approved: d.approved}
	if !d.approved.IsZero() {
		out.DCVExpires = dcvReuseEnd(d.approved)
	}
	return out, true
}
