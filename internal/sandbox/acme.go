package sandbox

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strconv"
	"time"
)

// ACME credentials (the ACME External Account Binding - new page, List keys,
// Get key info, Update key status): POST /key/acme-eab/tlm makes a key ID and
// an HMAC key, shown in that one answer only; GET /key and GET /key/{id}
// show the credential without them; PUT /key/{id}/status revokes it.

// acmeStore holds the credentials of every account (Server.acme).
type acmeStore struct {
	next  int
	creds []*acmeCred
	// The ACME server's (acme_server.go).
	nonces   map[string]bool
	accounts int
}

type acmeCred struct {
	ID                     int
	acct                   *account
	name, kid, hmac        string
	product                *product
	org                    *organization
	containerID            int
	validityYears, valDays int
	profileOption          string
	status                 string
	created                time.Time
	bound                  int // ACME accounts registered with it
	// lastUsed: choice: registering an ACME account with the credential is
	// a use (Get key info shows last_used_date for keys; the pages do not
	// say what counts for ACME credentials).
	lastUsed time.Time
}

// ACMECredential is what tests see of a credential, the HMAC included.
type ACMECredential struct {
	ID             int
	Account        string
	Name           string
	KeyID          string
	HMACKey        string
	ProductNameID  string
	OrganizationID int
	Status         string // active, revoked
	// BoundAccounts counts ACME accounts registered with this credential's
	// External Account Binding (acme_server.go).
	BoundAccounts int
}

// ACMECredentials lists every credential of every account, oldest first.
func (s *Server) ACMECredentials() []ACMECredential {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ACMECredential, 0, len(s.acme.creds))
	for _, c := range s.acme.creds {
		e := ACMECredential{ID: c.ID, Account: c.acct.name, Name: c.name, KeyID: c.kid, HMACKey: c.hmac, ProductNameID: c.product.NameID, Status: c.status, BoundAccounts: c.bound}
		if c.org != nil {
			e.OrganizationID = c.org.ID
		}
		out = append(out, e)
	}
	return out
}

// acmeDirectoryPath is the sandbox's ACME directory below its root
// (acme_server.go). choice: one directory for every credential, as the
// legacy answer shows one URL; the key ID tells credentials apart.
const acmeDirectoryPath = "/acme/v2/acme/directory/"

func randomB64(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// createACMECredential is POST /key/acme-eab/tlm. Rules beyond the pages,
// each a choice: the product must be a TLS product (DV, OV or EV) the
// sandbox sells; organization_id is required for OV/EV and must hold a
// current validation of the product's type (the legacy page: "a
// pre-validated OV or EV organization"), and refused for DV, whose
// certificates name no organization; validity_years (1-3) and validity_days
// (1-397) exclude each other; the name is free text up to 255 characters,
// and names need not be unique.
func (s *Server) createACMECredential(k *apiKey, body []byte) response {
	m, perr := parseBody(body)
	if perr != nil {
		return errResp(perr)
	}
	directory := s.baseURL() + acmeDirectoryPath
	s.mu.Lock()
	defer s.mu.Unlock()
	a := k.acct
	now := s.clk.now()
	f := &fieldErrs{}
	root := f.newNode("", m)
	c := &acmeCred{acct: a, status: "active", created: now}
	c.name, _ = root.Str("name", true)
	if len(c.name) > 255 {
		f.invalid("name")
	}
	if pid, ok := root.Str("product_name_id", true); ok {
		if p := products[pid]; p != nil && p.isTLS() {
			c.product = p
		} else {
			f.invalid("product_name_id")
		}
	}
	orgID, hasOrg := root.Int("organization_id", false)
	switch {
	case c.product == nil:
	case c.product.kind == kindDV && root.Has("organization_id"):
		f.invalid("organization_id")
	case c.product.kind == kindOVEV && !root.Has("organization_id"):
		f.missing("organization_id")
	case c.product.kind == kindOVEV && hasOrg:
		c.org = a.findOrg(orgID)
		if !s.orgValidatedLocked(c.org, c.product.ValidationType, now) {
			f.invalid("organization_id")
		}
	}
	if ct := readContainer(root, a); ct != nil {
		c.containerID = ct.ID
	}
	if y, ok := root.Int("validity_years", false); ok {
		c.validityYears = y
		if y < 1 || y > 3 {
			f.invalid("validity_years")
		}
	}
	if d, ok := root.Int("validity_days", false); ok {
		c.valDays = d
		if d < 1 || d > 397 || c.validityYears != 0 {
			f.invalid("validity_days")
		}
	}
	c.profileOption, _ = root.Str("profile_option", false)
	if s.opts.RejectUnknownFields {
		for _, u := range f.unknown() {
			f.invalid(u)
		}
	}
	if e := f.toAPIError(); e != nil {
		return errResp(e)
	}
	s.acme.next++
	c.ID = 9000 + s.acme.next
	c.kid, c.hmac = randomB64(32), randomB64(64)
	s.acme.creds = append(s.acme.creds, c)
	return jsonResp(http.StatusCreated, map[string]string{
		"acme_directory_url": directory,
		"ext_act_kid":        c.kid,
		"ext_act_hmac":       c.hmac,
	})
}

// keyJSON is an entry of List keys. choice: the list shows the fields of its
// example only (the page's example holds API keys); the ACME fields come from
// Get key info (full).
func (s *Server) keyJSON(c *acmeCred, full bool) map[string]any {
	u := c.acct.user
	out := map[string]any{
		"id": c.ID, "user": map[string]any{"id": u.ID, "first_name": u.FirstName, "last_name": u.LastName},
		"status": c.status, "create_date": c.created.UTC().Format("2006-01-02T15:04:05+00:00"),
		"name": c.name, "is_legacy": false, "restricted_to_role_id": 0,
	}
	if !c.lastUsed.IsZero() {
		out["last_used_date"] = c.lastUsed.UTC().Format("2006-01-02T15:04:05+00:00")
	}
	if !full {
		return out
	}
	// Get key info: "Obfuscated ACME directory URL" ("******nnAA").
	out["acme_directory_url"] = "******" + c.kid[len(c.kid)-4:]
	out["product_name_id"], out["product_name"] = c.product.NameID, c.product.Name
	if c.org != nil {
		out["organization_id"], out["organization_name"] = c.org.ID, c.org.Name
	}
	// The page's example sends both as strings.
	out["validity_days"], out["validity_years"] = strconv.Itoa(c.valDays), strconv.Itoa(c.validityYears)
	return out
}

// listKeys is GET /key[?user_id=]: the account's ACME credentials (the
// sandbox keeps no other API keys in this list).
func (s *Server) listKeys(k *apiKey, q map[string][]string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	var filter int
	if v := q["user_id"]; len(v) > 0 {
		n, err := strconv.Atoi(v[0])
		if err != nil {
			return errResp(&APIError{Status: http.StatusBadRequest, Errors: []ErrorEntry{invalidValue("user_id")}})
		}
		filter = n
	}
	keys := []map[string]any{}
	for _, c := range s.acme.creds {
		if c.acct == k.acct && (filter == 0 || filter == c.acct.user.ID) {
			keys = append(keys, s.keyJSON(c, false))
		}
	}
	return jsonResp(http.StatusOK, map[string]any{"api_keys": keys})
}

func (s *Server) findACMECredLocked(a *account, ref string) *acmeCred {
	id, err := strconv.Atoi(ref)
	if err != nil {
		return nil
	}
	for _, c := range s.acme.creds {
		if c.ID == id && c.acct == a {
			return c
		}
	}
	return nil
}

// keyInfo is GET /key/{id}.
func (s *Server) keyInfo(k *apiKey, ref string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.findACMECredLocked(k.acct, ref)
	if c == nil {
		return errResp(notFound("key"))
	}
	return jsonResp(http.StatusOK, s.keyJSON(c, true))
}

// updateKeyStatus is PUT /key/{id}/status {status: active|revoked}: 204.
// Revoking is permanent (the UI: a revoked credential is disabled
// permanently), so choice: active on a revoked credential is
// invalid_value:status; revoked on a revoked one is accepted again.
func (s *Server) updateKeyStatus(k *apiKey, ref string, body []byte) response {
	m, perr := parseBody(body)
	if perr != nil {
		return errResp(perr)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.findACMECredLocked(k.acct, ref)
	if c == nil {
		return errResp(notFound("key"))
	}
	f := &fieldErrs{}
	st, ok := f.newNode("", m).OneOf("status", true, "active", "revoked")
	if ok && st == "active" && c.status == "revoked" {
		f.invalid("status")
	}
	if e := f.toAPIError(); e != nil {
		return errResp(e)
	}
	c.status = st
	return noContent()
}

// routeACME routes the key endpoints (one line in route).
func (s *Server) routeACME(r *http.Request, k *apiKey, segs []string, body []byte) response {
	m := r.Method
	switch {
	case len(segs) == 3 && segs[1] == "acme-eab":
		if m != http.MethodPost {
			return errResp405(http.MethodPost)
		}
		return s.createACMECredential(k, body)
	case len(segs) == 1:
		if m != http.MethodGet {
			return errResp405(http.MethodGet)
		}
		return s.listKeys(k, r.URL.Query())
	case len(segs) == 2:
		if m != http.MethodGet {
			return errResp405(http.MethodGet)
		}
		return s.keyInfo(k, segs[1])
	}
	if m != http.MethodPut {
		return errResp405(http.MethodPut)
	}
	return s.updateKeyStatus(k, segs[1], body)
}
