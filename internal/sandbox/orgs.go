package sandbox

import (
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Organizations (CERTCENTRAL.md, Organizations): POST /organization,
// GET /organization, GET /organization/{id}, POST and GET
// /organization/{id}/validation.

// orgFieldMax is the 64-character limit of the Create organization page's
// text fields; name and assumed_name together may hold 61 (three characters
// are reserved for the " ()" of the display name).
const (
	orgFieldMax     = 64
	orgNameDBAMax   = 61
	orgContactField = "organization_contact"
)

var countryRE = regexp.MustCompile(`^[A-Za-z]{2}$`)

type orgContactJSON struct {
	FirstName          string `json:"first_name,omitempty"`
	LastName           string `json:"last_name,omitempty"`
	JobTitle           string `json:"job_title,omitempty"`
	Email              string `json:"email,omitempty"`
	Telephone          string `json:"telephone,omitempty"`
	TelephoneExtension string `json:"telephone_extension,omitempty"`
}

type orgValidationJSON struct {
	Type           string         `json:"type"`
	Name           string         `json:"name"`
	Description    string         `json:"description"`
	DateCreated    string         `json:"date_created"`
	ValidatedUntil string         `json:"validated_until,omitempty"`
	Status         string         `json:"status"`
	VerifiedUsers  []verifiedUser `json:"verified_users,omitempty"`
}

type orgContainerJSON struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	IsActive bool   `json:"is_active"`
}

// orgInfoJSON is an organization in info and list answers.
type orgInfoJSON struct {
	ID                  int                 `json:"id"`
	Status              string              `json:"status"`
	Name                string              `json:"name"`
	AssumedName         string              `json:"assumed_name,omitempty"`
	DisplayName         string              `json:"display_name"`
	IsActive            bool                `json:"is_active"`
	Address             string              `json:"address"`
	Address2            string              `json:"address2,omitempty"`
	Zip                 string              `json:"zip"`
	City                string              `json:"city"`
	State               string              `json:"state"`
	Country             string              `json:"country"`
	Telephone           string              `json:"telephone,omitempty"`
	Container           *orgContainerJSON   `json:"container,omitempty"`
	OrganizationContact *orgContactJSON     `json:"organization_contact,omitempty"`
	Validations         []orgValidationJSON `json:"validations,omitempty"`
	EVApprovers         []verifiedUser      `json:"ev_approvers,omitempty"`
}

func (s *Server) orgValidationsJSON(org *organization, now time.Time) []orgValidationJSON {
	var out []orgValidationJSON
	for _, typ := range orgValidationTypes {
		v := org.validations[typ]
		if v == nil {
			continue
		}
		v.settle(s.opts.OrgValidationDelay, now)
		j := orgValidationJSON{Type: typ, Name: validationNames[typ][0], Description: validationNames[typ][1],
			DateCreated: fmtDateTime(v.submitted), Status: v.status(now), VerifiedUsers: v.verifiedUsers}
		if u := v.until(); !u.IsZero() {
			j.ValidatedUntil = fmtDateTime(u)
		}
		out = append(out, j)
	}
	return out
}

func (s *Server) orgInfoJSON(org *organization, now time.Time) orgInfoJSON {
	out := orgInfoJSON{ID: org.ID, Status: "active", Name: org.Name, AssumedName: org.AssumedName,
		DisplayName: org.displayName(), IsActive: true, Address: org.Address, Address2: org.Address2,
		Zip: org.Zip, City: org.City, State: org.State, Country: org.Country, Telephone: org.Telephone,
		Validations: s.orgValidationsJSON(org, now)}
	if org.container != nil {
		out.Container = &orgContainerJSON{ID: org.container.ID, Name: org.container.Name, IsActive: true}
	}
	if c := org.contact; c != nil {
		out.OrganizationContact = &orgContactJSON{FirstName: c["first_name"], LastName: c["last_name"], JobTitle: c["job_title"],
			Email: c["email"], Telephone: c["telephone"], TelephoneExtension: c["telephone_extension"]}
	}
	if v := org.validations["ev"]; v != nil {
		out.EVApprovers = v.verifiedUsers
	}
	return out
}

// createOrganization is POST /organization -> 201 {"id"}.
func (s *Server) createOrganization(k *apiKey, body []byte) response {
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
	org := &organization{created: now}
	d := root.Strings([]string{"name", "address", "city", "state", "zip", "country"}, []string{"assumed_name", "address2", "telephone"})
	org.Name, org.AssumedName, org.Address, org.Address2 = d["name"], d["assumed_name"], d["address"], d["address2"]
	org.City, org.State, org.Zip, org.Country, org.Telephone = d["city"], d["state"], d["zip"], d["country"], d["telephone"]
	for _, k := range []string{"name", "address", "address2", "city", "state", "zip", "telephone"} {
		if len(d[k]) > orgFieldMax {
			f.invalid(k)
		}
	}
	if org.AssumedName != "" && len(org.Name)+len(org.AssumedName) > orgNameDBAMax {
		f.invalid("assumed_name")
	}
	// "state: full name, not an abbreviation". choice: one or two
	// characters count as an abbreviation.
	if st := strings.TrimSpace(org.State); st != "" && len(st) <= 2 {
		f.invalid("state")
	}
	// country: ISO 3166-1 alpha-2. choice: any two letters (no list).
	if org.Country != "" && !countryRE.MatchString(org.Country) {
		f.invalid("country")
	}
	if oc := root.Obj(orgContactField, false); oc != nil {
		org.contact = oc.Strings([]string{"first_name", "last_name", "email", "telephone"}, []string{"job_title", "telephone_extension"})
		if em, ok := org.contact["email"]; ok && !validEmail(em) {
			f.invalid("organization_contact.email")
		}
	}
	org.container = readContainer(root, a)
	vals := s.readValidations(root, a, false)
	skipDup, _ := root.Bool("skip_duplicate_org_check", false)
	if e := f.toAPIError(); e != nil {
		return errResp(e)
	}
	// Duplicates: the current Create organization page says a duplicate
	// "returns an error" (older copies linked it to the existing one).
	// choice: same name, address, city, zip and country (any case) is a
	// duplicate; code duplicate_organization (the page names none).
	if !skipDup {
		for _, o := range a.orgs {
			if strings.EqualFold(o.Name, org.Name) && strings.EqualFold(o.Address, org.Address) &&
				strings.EqualFold(o.City, org.City) && strings.EqualFold(o.Zip, org.Zip) && strings.EqualFold(o.Country, org.Country) {
				return errResp(apiErr(http.StatusBadRequest, "duplicate_organization",
					"An organization with these details already exists: "+strconv.Itoa(o.ID)+". Set skip_duplicate_org_check to create another."))
			}
		}
	}
	org.ID = s.newOrgID()
	a.orgs = append(a.orgs, org)
	s.submitValidationsLocked(org, vals, now)
	return jsonResp(http.StatusCreated, idOnly{ID: org.ID})
}

// readValidations reads validations[{type, verified_users}] (the Submit
// organization for validation page): verified_users are required for ev,
// cs and ev_cs, each {id} of a user of the account or the five details.
func (s *Server) readValidations(root *jnode, a *account, required bool) []*orgValidation {
	const key = "validations"
	entries, _ := root.ObjArr(key, required)
	var out []*orgValidation
	seen := map[string]bool{}
	for _, e := range entries {
		typ, ok := e.OneOf("type", true, orgValidationTypes...)
		if !ok {
			continue
		}
		if seen[typ] {
			// choice: one entry per type.
			root.f.invalid(key + ".type")
			continue
		}
		seen[typ] = true
		v := &orgValidation{typ: typ}
		users, _ := e.ObjArr("verified_users", oneOf(typ, typesNeedingUsers))
		for _, u := range users {
			if id, ok := u.Int("id", false); ok {
				if !a.hasUser(id) {
					root.f.invalid(key + ".verified_users.id")
				}
				v.verifiedUsers = append(v.verifiedUsers, verifiedUser{ID: id, FirstName: a.user.FirstName, LastName: a.user.LastName, Email: a.user.Email})
				continue
			}
			d := u.Strings([]string{"first_name", "last_name", "job_title", "telephone", "email"}, nil)
			if em, ok := d["email"]; ok && !validEmail(em) {
				root.f.invalid(key + ".verified_users.email")
			}
			v.verifiedUsers = append(v.verifiedUsers, verifiedUser{FirstName: d["first_name"], LastName: d["last_name"],
				JobTitle: d["job_title"], Telephone: d["telephone"], Email: d["email"]})
		}
		out = append(out, v)
	}
	if required && entries != nil && len(entries) == 0 {
		root.f.invalid(key)
	}
	return out
}

// submitValidationsLocked starts (or restarts) each validation. choice: a
// type that is current stays as it is; a pending or expired one starts
// again now.
func (s *Server) submitValidationsLocked(org *organization, vals []*orgValidation, now time.Time) {
	if org.validations == nil {
		org.validations = map[string]*orgValidation{}
	}
	for _, v := range vals {
		if old := org.validations[v.typ]; old != nil {
			old.settle(s.opts.OrgValidationDelay, now)
			if old.status(now) == valActive {
				if len(v.verifiedUsers) > 0 {
					old.verifiedUsers = v.verifiedUsers
				}
				continue
			}
		}
		v.submitted = now
		org.validations[v.typ] = v
	}
}

// submitOrgValidation is POST /organization/{id}/validation. choice: 204
// with no body (the page shows none).
func (s *Server) submitOrgValidation(k *apiKey, ref string, body []byte) response {
	m, perr := parseBody(body)
	if perr != nil {
		return errResp(perr)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	org := s.lookupOrg(k.acct, ref)
	if org == nil {
		return errResp(notFound("organization"))
	}
	f := &fieldErrs{}
	root := f.newNode("", m)
	vals := s.readValidations(root, k.acct, true)
	if e := f.toAPIError(); e != nil {
		return errResp(e)
	}
	now := s.clk.now()
	s.submitValidationsLocked(org, vals, now)
	s.issueReadyLocked(now)
	return noContent()
}

// orgValidationInfo is GET /organization/{id}/validation. choice: the
// validations array of organization info, as {"validations":[...]}.
func (s *Server) orgValidationInfo(k *apiKey, ref string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	org := s.lookupOrg(k.acct, ref)
	if org == nil {
		return errResp(notFound("organization"))
	}
	vals := s.orgValidationsJSON(org, s.clk.now())
	if vals == nil {
		vals = []orgValidationJSON{}
	}
	return jsonResp(http.StatusOK, struct {
		Validations []orgValidationJSON `json:"validations"`
	}{vals})
}

func (s *Server) lookupOrg(a *account, ref string) *organization {
	id, err := strconv.Atoi(ref)
	if err != nil {
		return nil
	}
	return a.findOrg(id)
}

// orgInfo is GET /organization/{id}.
func (s *Server) orgInfo(k *apiKey, ref string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	org := s.lookupOrg(k.acct, ref)
	if org == nil {
		return errResp(notFound("organization"))
	}
	return jsonResp(http.StatusOK, s.orgInfoJSON(org, s.clk.now()))
}

// listOrgs is GET /organization -> {organizations, page}. choice: ID order;
// container_id narrows to one container; limit and offset as for orders.
func (s *Server) listOrgs(k *apiKey, q url.Values) response {
	limit, offset, errs := pageParams(q)
	cid := 0
	if v := q.Get("container_id"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			errs = append(errs, invalidValue("container_id"))
		}
		cid = n
	}
	if len(errs) > 0 {
		return errResp(&APIError{Status: http.StatusBadRequest, Errors: errs})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clk.now()
	var sel []*organization
	for _, o := range k.acct.orgs {
		if cid != 0 && (o.container == nil || o.container.ID != cid) {
			continue
		}
		sel = append(sel, o)
	}
	sort.Slice(sel, func(i, j int) bool { return sel[i].ID < sel[j].ID })
	out := struct {
		Organizations []orgInfoJSON `json:"organizations"`
		Page          pageJSON      `json:"page"`
	}{Organizations: []orgInfoJSON{}, Page: pageJSON{Total: len(sel), Limit: limit, Offset: offset}}
	for _, o := range pageSlice(sel, limit, offset) {
		out.Organizations = append(out.Organizations, s.orgInfoJSON(o, now))
	}
	return jsonResp(http.StatusOK, out)
}
