package sandbox

import (
	"crypto/rand"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DCV random values expire 30 days after creation (CERTCENTRAL.md, DCV),
// measured on the sandbox clock.
const dcvValueLifetime = 30 * 24 * time.Hour

// dnsKey is one record set of the sandbox zone.
type dnsKey struct{ typ, name string }

func normName(n string) string { return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(n)), ".") }

// PublishDNS adds a record (TXT, CNAME, ...) to the sandbox zone; a name may
// hold several values. Names are case-insensitive, a trailing dot is ignored.
func (s *Server) PublishDNS(recordType, name, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := dnsKey{strings.ToUpper(recordType), normName(name)}
	for _, v := range s.dns[k] {
		if v == value {
			return
		}
	}
	s.dns[k] = append(s.dns[k], value)
}

// RemoveDNS removes one record (value "" removes every value at the name).
func (s *Server) RemoveDNS(recordType, name, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := dnsKey{strings.ToUpper(recordType), normName(name)}
	if value == "" {
		delete(s.dns, k)
		return
	}
	vals := s.dns[k][:0]
	for _, v := range s.dns[k] {
		if v != value {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		delete(s.dns, k)
	} else {
		s.dns[k] = vals
	}
}

// DNSRecords lists the values at a name.
func (s *Server) DNSRecords(recordType, name string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.dns[dnsKey{strings.ToUpper(recordType), normName(name)}]...)
}

func normURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.TrimSuffix(strings.ToLower(u.Host), ".")
	return u.String()
}

// PublishHTTPFile serves body at url for HTTP DCV (an empty body removes it).
func (s *Server) PublishHTTPFile(url, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if body == "" {
		delete(s.files, normURL(url))
		return
	}
	s.files[normURL(url)] = body
}

// DCVFileURL is where DigiCert looks for an http-token file for name.
func DCVFileURL(name string) string {
	return "http://" + strings.ToLower(name) + "/.well-known/pki-validation/fileauth.txt"
}

// DCVCNAMETarget is the CNAME target for dns-cname-token; the record lives
// at "_dnsauth.<name>".
func DCVCNAMETarget(randomValue string) string { return randomValue + ".dcv.digicert.com" }

// currentDCVValue rotates the order's value when it has expired.
func (s *Server) currentDCVValue(o *order, now time.Time) (string, time.Time) {
	if now.Sub(o.dcvCreated) >= dcvValueLifetime {
		o.dcvValue, o.dcvCreated = randomValue(), now
	}
	return o.dcvValue, o.dcvCreated.Add(dcvValueLifetime)
}

// dcvRandomValue is PUT /order/certificate/{order_id}/dcv-random-value:
// the same value while valid, a new one once expired.
//
// choice: document signing orders have no DCV: 400 invalid_dns_method.
func (s *Server) dcvRandomValue(k *apiKey, ref string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.lookupOrder(k.acct, ref, false)
	if o == nil {
		return errResp(notFound("order"))
	}
	if o.prod.kind != kindDV {
		return errResp(apiErr(http.StatusBadRequest, "invalid_dns_method", "This order has no domain control validation."))
	}
	v, exp := s.currentDCVValue(o, s.clk.now())
	return jsonResp(http.StatusOK, struct {
		DCVRandomValue string `json:"dcv_random_value"`
		ExpirationDate string `json:"expiration_date"`
	}{v, fmtDateTime(exp)})
}

// dcvPasses checks the record DigiCert would look for, for one name:
//   - dns-txt-token: a TXT record at the name (for "*.example.com" at
//     "example.com") whose value is the current random value;
//   - dns-cname-token: a CNAME at "_dnsauth.<name>" (wildcard stripped) to
//     "<random value>.dcv.digicert.com";
//   - http-token: http://<fqdn>/.well-known/pki-validation/fileauth.txt whose
//     body contains the random value.
//
// A record at another name, or holding an old or expired value, fails.
func (s *Server) dcvPasses(o *order, name string, now time.Time) bool {
	if now.Sub(o.dcvCreated) >= dcvValueLifetime {
		return false // the value expired: no record can match it
	}
	return s.dcvPublished(o.dcvMethod, o.dcvValue, name)
}

// dcvPublished checks the record of method holding val for name, the one
// check of DV orders and domains (domain_dcv.go).
func (s *Server) dcvPublished(method, val, name string) bool {
	switch method {
	case "dns-txt-token":
		for _, v := range s.dns[dnsKey{"TXT", baseName(name)}] {
			if strings.Trim(strings.TrimSpace(v), `"`) == val {
				return true
			}
		}
	case "dns-cname-token":
		want := DCVCNAMETarget(val)
		for _, v := range s.dns[dnsKey{"CNAME", "_dnsauth." + baseName(name)}] {
			if normName(v) == want {
				return true
			}
		}
	case "http-token":
		if isWildcard(name) {
			return false
		}
		if body, ok := s.files[normURL(DCVFileURL(name))]; ok && strings.Contains(body, val) {
			return true
		}
	}
	return false
}

type dnsNameValidation struct {
	DNSName string `json:"dns_name"`
	Status  string `json:"status"`
}

// checkDCV is PUT /order/certificate/{order_id}/check-dcv. All names must
// pass; names that pass stay validated even when others fail. When every name
// is validated and the order is approved (pending), it is issued.
//
// Failure codes: invalid_dns_txt for dns-txt-token and (choice: the only
// documented DNS code) dns-cname-token; file_random_value_not_found for
// http-token; invalid_dns_method for email orders and non-DV orders. Orders
// that are canceled, rejected, revoked or expired: 400 invalid_order_status.
func (s *Server) checkDCV(k *apiKey, ref string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.lookupOrder(k.acct, ref, false)
	if o == nil {
		return errResp(notFound("order"))
	}
	now := s.clk.now()
	o.refresh(now)
	if o.prod.kind == kindOVEV {
		return s.checkOVEVDCVLocked(o, now)
	}
	if o.prod.kind != kindDV || o.dcvMethod == "email" {
		return errResp(apiErr(http.StatusBadRequest, "invalid_dns_method",
			"check-dcv needs an order whose DCV method is dns-txt-token, dns-cname-token or http-token."))
	}
	switch o.status {
	case StatusNeedsApproval, StatusPending, StatusIssued, StatusReissuePending, StatusWaitingPickup:
	default:
		return errResp(statusError(o, "check-dcv", StatusNeedsApproval, StatusPending, StatusIssued))
	}
	var failed []string
	if o.status != StatusIssued {
		for _, n := range o.dcvNames() {
			if o.validated[strings.ToLower(n)] {
				continue
			}
			if s.dcvPasses(o, n, now) {
				o.validated[strings.ToLower(n)] = true
			} else {
				failed = append(failed, n)
			}
		}
	}
	if len(failed) > 0 {
		code := "invalid_dns_txt"
		if o.dcvMethod == "http-token" {
			code = "file_random_value_not_found"
		}
		return errResp(apiErr(http.StatusBadRequest, code, "Domain control validation failed for: "+strings.Join(failed, ", ")+"."))
	}
	if e := s.issueAfterDCVLocked(o, now); e != nil {
		return errResp(e)
	}
	out := struct {
		OrderStatus        string              `json:"order_status"`
		CertificateID      int                 `json:"certificate_id"`
		DCVStatus          string              `json:"dcv_status"`
		DNSNameValidations []dnsNameValidation `json:"dns_name_validations"`
	}{OrderStatus: o.status, CertificateID: o.currentCertID(), DCVStatus: "valid"}
	for _, n := range o.dcvNames() {
		out.DNSNameValidations = append(out.DNSNameValidations, dnsNameValidation{DNSName: n, Status: "approved"})
	}
	return jsonResp(http.StatusOK, out)
}

// dcvComplete reports whether every name is validated.
func (o *order) dcvComplete() bool {
	for _, n := range o.names() {
		if !o.validated[strings.ToLower(n)] {
			return false
		}
	}
	return true
}

// randomValue is a DCV random value: 32 lowercase letters and digits (the
// documented example "icru1984rnekfj" has that alphabet).
func randomValue() string {
	const alpha = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = alpha[int(b[i])%len(alpha)]
	}
	return string(b)
}
