package sandbox

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Domains (CERTCENTRAL.md, Domains): POST /domain, GET /domain,
// GET /domain/{id}, POST /domain/{id}/validation, PUT /domain/{id}/dcv/method,
// POST /domain/{id}/dcv/token, PUT /domain/{id}/dcv/validate-token.
//
// A domain belongs to one organization and is validated for the types it
// was submitted for (ov, ev). Its DCV is proved like a DV order's
// (dcv.go): a TXT record, a CNAME under _dnsauth, or the fileauth.txt file,
// holding the domain's token; email DCV completes by ValidateDomain. A
// completed DCV is reusable as the schedule of validation.go says.

// domainValidationTypes are the types a domain can be submitted for.
// choice: the TLS ones (the add-domain example sends ov and ev).
var domainValidationTypes = []string{"ov", "ev"}

type domain struct {
	ID        int
	name      string
	acct      *account
	org       *organization
	types     []string
	method    string
	keepWWW   bool
	created   time.Time
	submitted time.Time // last submission for validation
	token     string
	tokenAt   time.Time
	approved  time.Time // last completed DCV (zero: never)
	container *container
}

// covers reports whether the domain's DCV proves control of name: email
// and DNS methods prove the domain and every name under it, http-token only
// the exact name (the Add domain page, keep_www).
func (d *domain) covers(name string) bool {
	n := baseName(name)
	if n == d.name {
		return !isWildcard(name) || d.method != "http-token"
	}
	return d.method != "http-token" && strings.HasSuffix(n, "."+d.name)
}

// dcvCurrent reports whether the domain's DCV can be reused now.
func (d *domain) dcvCurrent(now time.Time) bool {
	return !d.approved.IsZero() && now.Before(dcvReuseEnd(d.approved))
}

func (d *domain) hasType(t string) bool { return oneOf(t, d.types) }

// tokenValue is the domain's current token, renewed once expired (30 days,
// as a DV random value).
func (d *domain) tokenValue(now time.Time) (string, time.Time) {
	if d.token == "" || now.Sub(d.tokenAt) >= dcvValueLifetime {
		d.token, d.tokenAt = randomValue(), now
	}
	return d.token, d.tokenAt.Add(dcvValueLifetime)
}

func isTokenMethod(m string) bool {
	return m == "dns-txt-token" || m == "dns-cname-token" || m == "http-token"
}

// dcvTokenJSON is the dcv_token object of the Change DCV method answer.
type dcvTokenJSON struct {
	Token             string `json:"token"`
	Status            string `json:"status"`
	ExpirationDate    string `json:"expiration_date"`
	VerificationValue string `json:"verification_value,omitempty"`
	HTTPTokenURL      string `json:"http_token_url,omitempty"`
}

func (d *domain) dcvTokenJSON(now time.Time) *dcvTokenJSON {
	if !isTokenMethod(d.method) {
		return nil
	}
	tok, exp := d.tokenValue(now)
	out := &dcvTokenJSON{Token: tok, Status: valPending, ExpirationDate: fmtDateTime(exp)}
	if d.dcvCurrent(now) {
		out.Status = valActive
	}
	switch d.method {
	case "dns-cname-token":
		out.VerificationValue = "dcv.digicert.com"
	case "http-token":
		out.HTTPTokenURL = DCVFileURL(d.name)
	}
	return out
}

// normalizeDomainName applies keep_www: "unless the method is http-token, a
// leading www. is stripped by default".
func normalizeDomainName(name, method string, keepWWW bool) string {
	n := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(name), "."))
	if method != "http-token" && !keepWWW && strings.HasPrefix(n, "www.") {
		n = strings.TrimPrefix(n, "www.")
	}
	return n
}

// addDomain is POST /domain -> 201 {"id"}, plus dcv_token for the token
// methods. choice: the token is returned at once (the Change DCV method
// answer's shape) so a client needs no second call to publish the record.
func (s *Server) addDomain(k *apiKey, body []byte) response {
	m, perr := parseBody(body)
	if perr != nil {
		return errResp(perr)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clk.now()
	a := k.acct
	f := &fieldErrs{}
	root := f.newNode("", m)
	d := &domain{acct: a, created: now}
	name, nameOK := root.Str("name", true)
	d.method, _ = root.OneOf("dcv_method", true, dcvMethods...)
	d.keepWWW, _ = root.Bool("keep_www", false)
	if nameOK {
		// Domains, not wildcards or IP addresses; choice: the DV name
		// rules, and not a public suffix.
		if !validHostname(name, false) {
			f.invalid("name")
		} else if _, ok := baseDomain(name); !ok {
			f.invalid("name")
		}
		d.name = normalizeDomainName(name, d.method, d.keepWWW)
	}
	if on := root.Obj("organization", true); on != nil {
		if id, ok := on.Int("id", true); ok {
			if d.org = a.findOrg(id); d.org == nil {
				f.invalid("organization.id")
			}
		}
	}
	// "You must specify at least one validation type."
	entries, ok := root.ObjArr("validations", true)
	if ok && len(entries) == 0 {
		f.invalid("validations")
	}
	for _, e := range entries {
		if t, ok := e.OneOf("type", true, domainValidationTypes...); ok && !d.hasType(t) {
			d.types = append(d.types, t)
		}
	}
	d.container = readContainer(root, a)
	if e := f.toAPIError(); e != nil {
		return errResp(e)
	}
	// choice: a name already in the account (same organization or not) is
	// refused with duplicate_domain naming the existing ID; no page says
	// what CertCentral does.
	for _, x := range s.domains {
		if x.acct == a && x.name == d.name {
			return errResp(apiErr(http.StatusBadRequest, "duplicate_domain",
				"The domain "+d.name+" already exists in this account: "+strconv.Itoa(x.ID)+"."))
		}
	}
	if d.container == nil && d.org != nil {
		d.container = d.org.container
	}
	d.ID = s.nextID.domain
	s.nextID.domain++
	d.submitted = now
	s.domains[d.ID] = d
	return jsonResp(http.StatusCreated, struct {
		ID       int           `json:"id"`
		DCVToken *dcvTokenJSON `json:"dcv_token,omitempty"`
	}{d.ID, d.dcvTokenJSON(now)})
}

func (s *Server) lookupDomain(a *account, ref string) *domain {
	id, err := strconv.Atoi(ref)
	if err != nil {
		return nil
	}
	if d := s.domains[id]; d != nil && d.acct == a {
		return d
	}
	return nil
}

// domainValidationJSON is one entry of a domain's validations.
type domainValidationJSON struct {
	Type           string `json:"type"`
	Name           string `json:"name"`
	Description    string `json:"description"`
	DateCreated    string `json:"date_created"`
	ValidatedUntil string `json:"validated_until,omitempty"`
	Status         string `json:"status"`
	DCVStatus      string `json:"dcv_status"`
	OrgStatus      string `json:"org_status"`
}

type domainOrgJSON struct {
	ID          int    `json:"id"`
	Status      string `json:"status"`
	Name        string `json:"name"`
	AssumedName string `json:"assumed_name,omitempty"`
	DisplayName string `json:"display_name"`
	IsActive    string `json:"is_active"` // "1": the domain pages type it as a string
}

type domainDCVJSON struct {
	Method    string `json:"method"`
	NameScope string `json:"name_scope"`
}

type domainInfoJSON struct {
	ID                    int                    `json:"id"`
	IsActive              bool                   `json:"is_active"`
	Status                string                 `json:"status"`
	IsPendingValidation   bool                   `json:"is_pending_validation"`
	Name                  string                 `json:"name"`
	DateCreated           string                 `json:"date_created"`
	DCVMethod             string                 `json:"dcv_method"`
	DCVApprovalDatetime   string                 `json:"dcv_approval_datetime,omitempty"`
	DCVExpirationDatetime string                 `json:"dcv_expiration_datetime,omitempty"`
	Organization          domainOrgJSON          `json:"organization"`
	Validations           []domainValidationJSON `json:"validations,omitempty"`
	DCV                   *domainDCVJSON         `json:"dcv,omitempty"`
	DCVToken              *dcvTokenJSON          `json:"dcv_token,omitempty"`
	Container             *orgContainerJSON      `json:"container,omitempty"`
}

// domainInfoJSON builds the Domain info answer. withDCV and withValidation
// are the include_dcv and include_validation query flags.
// choice: validated_until of a type is the DCV reuse end, or the
// organization's validation end for that type when earlier; a type is
// "active" while both are current.
func (s *Server) domainInfoJSON(d *domain, now time.Time, withDCV, withValidation bool) domainInfoJSON {
	dcvStatus := valPending
	if d.dcvCurrent(now) {
		dcvStatus = valActive
	} else if !d.approved.IsZero() && !d.submitted.After(d.approved) {
		dcvStatus = valExpired
	}
	out := domainInfoJSON{ID: d.ID, IsActive: true, Status: dcvStatus, IsPendingValidation: dcvStatus != valActive || d.submitted.After(d.approved),
		Name: d.name, DateCreated: fmtDateTime(d.created), DCVMethod: d.method,
		Organization: domainOrgJSON{ID: d.org.ID, Status: "active", Name: d.org.Name, AssumedName: d.org.AssumedName,
			DisplayName: d.org.displayName(), IsActive: "1"}}
	if d.container != nil {
		out.Container = &orgContainerJSON{ID: d.container.ID, Name: d.container.Name, IsActive: true}
	}
	if withDCV {
		if !d.approved.IsZero() {
			out.DCVApprovalDatetime = fmtDateTime(d.approved)
			out.DCVExpirationDatetime = fmtDateTime(dcvReuseEnd(d.approved))
		}
		scope := d.name
		if d.method != "http-token" {
			scope = "*." + d.name
		}
		out.DCV = &domainDCVJSON{Method: d.method, NameScope: scope}
		out.DCVToken = d.dcvTokenJSON(now)
	}
	if withValidation {
		for _, t := range d.types {
			v := domainValidationJSON{Type: t, Name: validationNames[t][0], Description: validationNames[t][1],
				DateCreated: fmtDateTime(d.submitted), DCVStatus: dcvStatus, OrgStatus: valPending}
			var orgUntil time.Time
			if ov := d.org.validations[t]; ov != nil {
				ov.settle(s.opts.OrgValidationDelay, now)
				v.OrgStatus, orgUntil = ov.status(now), ov.until()
			}
			if !d.approved.IsZero() {
				until := dcvReuseEnd(d.approved)
				if !orgUntil.IsZero() && orgUntil.Before(until) {
					until = orgUntil
				}
				v.ValidatedUntil = fmtDateTime(until)
			}
			v.Status = valPending
			switch {
			case dcvStatus == valActive && v.OrgStatus == valActive:
				v.Status = valActive
			case dcvStatus == valExpired || v.OrgStatus == valExpired:
				v.Status = valExpired
			}
			out.Validations = append(out.Validations, v)
		}
	}
	return out
}

func truthy(q url.Values, key string) bool {
	v := strings.ToLower(q.Get(key))
	return v == "true" || v == "1"
}

// domainInfo is GET /domain/{id}[?include_dcv=true&include_validation=true].
func (s *Server) domainInfo(k *apiKey, ref string, q url.Values) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.lookupDomain(k.acct, ref)
	if d == nil {
		return errResp(notFound("domain"))
	}
	return jsonResp(http.StatusOK, s.domainInfoJSON(d, s.clk.now(), truthy(q, "include_dcv"), truthy(q, "include_validation")))
}

// listDomains is GET /domain -> {domains, page}. Query: container_id,
// filters[dcv_method] (DigiCert's change log names it), include_dcv,
// include_validation, limit, offset. choice: filters[search] matches a
// substring of the name (unconfirmed), so a client can find a domain it
// lost track of.
func (s *Server) listDomains(k *apiKey, q url.Values) response {
	limit, offset, errs := pageParams(q)
	cid := 0
	if v := q.Get("container_id"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			errs = append(errs, invalidValue("container_id"))
		}
		cid = n
	}
	method := q.Get("filters[dcv_method]")
	if method != "" && !oneOf(method, dcvMethods) {
		errs = append(errs, invalidValue("filters[dcv_method]"))
	}
	if len(errs) > 0 {
		return errResp(&APIError{Status: http.StatusBadRequest, Errors: errs})
	}
	search := strings.ToLower(q.Get("filters[search]"))
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clk.now()
	var sel []*domain
	for _, d := range s.domains {
		if d.acct != k.acct || (cid != 0 && (d.container == nil || d.container.ID != cid)) ||
			(method != "" && d.method != method) || (search != "" && !strings.Contains(d.name, search)) {
			continue
		}
		sel = append(sel, d)
	}
	sort.Slice(sel, func(i, j int) bool { return sel[i].ID < sel[j].ID })
	out := struct {
		Domains []domainInfoJSON `json:"domains"`
		Page    pageJSON         `json:"page"`
	}{Domains: []domainInfoJSON{}, Page: pageJSON{Total: len(sel), Limit: limit, Offset: offset}}
	for _, d := range pageSlice(sel, limit, offset) {
		out.Domains = append(out.Domains, s.domainInfoJSON(d, now, truthy(q, "include_dcv"), truthy(q, "include_validation")))
	}
	return jsonResp(http.StatusOK, out)
}
