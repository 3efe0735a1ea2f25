package sandbox

import (
	"encoding/json"
	"fmt"
	"time"
)

// PrevalidatedOrganization creates an organization exactly as POST
// /organization would (orgBody is its JSON body), with validations of
// types completed now, and adds each domain (DNS TXT) with its DCV
// completed now: the fixture an OV or EV order needs to issue at once.
// Errors are *APIError for a refused body.
func (s *Server) PrevalidatedOrganization(apiKey string, orgBody []byte, types []string, domains ...string) (orgID int, domainIDs []int, err error) {
	s.mu.Lock()
	k := s.keys[apiKey]
	s.mu.Unlock()
	if k == nil || k.revoked {
		return 0, nil, invalidKeyError()
	}
	var body map[string]any
	if err := json.Unmarshal(orgBody, &body); err != nil {
		return 0, nil, fmt.Errorf("sandbox: organization body: %w", err)
	}
	var vals []any
	for _, t := range types {
		v := map[string]any{"type": t}
		if oneOf(t, typesNeedingUsers) {
			v["verified_users"] = []any{map[string]any{"id": k.acct.user.ID}}
		}
		vals = append(vals, v)
	}
	body["validations"] = vals
	b, _ := json.Marshal(body)
	var created idOnly
	if err := decodeCreated(s.createOrganization(k, b), &created); err != nil {
		return 0, nil, err
	}
	if err := s.ValidateOrganization(created.ID, types...); err != nil {
		return 0, nil, err
	}
	var domTypes []any
	for _, t := range types {
		if oneOf(t, domainValidationTypes) {
			domTypes = append(domTypes, map[string]any{"type": t})
		}
	}
	for _, d := range domains {
		b, _ := json.Marshal(map[string]any{"name": d, "organization": map[string]any{"id": created.ID},
			"validations": domTypes, "dcv_method": "dns-txt-token"})
		var dc idOnly
		if err := decodeCreated(s.addDomain(k, b), &dc); err != nil {
			return 0, nil, err
		}
		if err := s.ValidateDomain(dc.ID); err != nil {
			return 0, nil, err
		}
		domainIDs = append(domainIDs, dc.ID)
	}
	return created.ID, domainIDs, nil
}

func decodeCreated(r response, v any) error {
	if r.status >= 300 {
		return decodeAPIError(r)
	}
	return json.Unmarshal(r.body, v)
}

// SetDomainValidated sets when a domain's DCV last completed (to test
// expiry without moving the whole clock).
func (s *Server) SetDomainValidated(id int, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.domains[id]
	if d == nil {
		return fmt.Errorf("sandbox: no domain %d", id)
	}
	d.approved = at.UTC()
	s.issueReadyLocked(s.clk.now())
	return nil
}
