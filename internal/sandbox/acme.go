package sandbox

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ACME credentials (CERTCENTRAL.md, ACME credentials): POST
// /key/acme-eab/tlm creates an External Account Binding (key ID and HMAC
// key) for a product, shown once; GET /key lists keys; PUT
// /key/{id}/status {"status":"revoked"} revokes one.
//
// Most of the create body is unconfirmed (the page's example is cut after
// name and product_name_id). choice: the legacy page's fields and what the
// CertCentral UI asks for: name and product_name_id required;
// organization_id required for OV/EV products (a prevalidated organization)
// and refused for DV; validity_years 1, or order_validity{years 1-3};
// container{id}; certificate.profile_option. The sandbox serves no ACME
// directory: VerifyEAB checks an RFC 8555 section 7.3.4 binding instead.

type acmeKey struct {
	ID        int
	acct      *account
	name      string
	product   string
	orgID     int
	kid       string
	hmacKey   []byte
	status    string // active, revoked
	created   time.Time
	container *container
}

// acmeCreated is the answer of the legacy page's example (201).
type acmeCreated struct {
	ACMEDirectoryURL string `json:"acme_directory_url"`
	ExtActKID        string `json:"ext_act_kid"`
	ExtActHMAC       string `json:"ext_act_hmac"`
}

func (s *Server) acmeDirectoryURL() string { return s.baseURL() + "/acme/v2/directory" }

func (s *Server) createACMEKey(k *apiKey, body []byte) response {
	m, perr := parseBody(body)
	if perr != nil {
		return errResp(perr)
	}
	dirURL := s.acmeDirectoryURL() // before locking: baseURL locks
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clk.now()
	a := k.acct
	f := &fieldErrs{}
	root := f.newNode("", m)
	key := &acmeKey{acct: a, status: "active", created: now}
	key.name, _ = root.Str("name", true)
	var p *product
	if id, ok := root.Str("product_name_id", true); ok {
		key.product = id
		if p = products[id]; p == nil || !p.isTLS() {
			f.invalid("product_name_id")
		}
	}
	if id, ok := root.Int("organization_id", false); ok {
		key.orgID = id
		org := a.findOrg(id)
		switch {
		case p == nil:
		case p.kind == kindDV || org == nil:
			f.invalid("organization_id")
		case !s.orgValidatedLocked(org, p.ValidationType, now):
			// "must be a prevalidated OV/EV organization".
			f.addEntry(ErrorEntry{Code: "invalid_value:organization_id",
				Message: "organization_id contains an invalid value. The organization holds no current " + p.ValidationType + " validation."})
		}
	} else if p != nil && p.kind == kindOVEV && !root.Has("organization_id") {
		f.missing("organization_id")
	}
	if y, ok := root.Int("validity_years", false); ok && y != 1 {
		f.invalid("validity_years")
	}
	if ov := root.Obj("order_validity", false); ov != nil {
		readValidity(ov, "order_validity", now, 3, multiYearMaxDays)
	}
	if cert := root.Obj("certificate", false); cert != nil {
		cert.OneOf("profile_option", false, profileOptions...)
	}
	key.container = readContainer(root, a)
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
		s.logf("sandbox: ACME credential: fields not on the page: %s", strings.Join(unknown, ", "))
	}
	key.ID = s.nextID.acme
	s.nextID.acme++
	key.kid = randomValue()[:22]
	key.hmacKey = make([]byte, 32)
	if _, err := rand.Read(key.hmacKey); err != nil {
		panic(err)
	}
	s.acmeKeys = append(s.acmeKeys, key)
	return jsonResp(http.StatusCreated, acmeCreated{ACMEDirectoryURL: dirURL, ExtActKID: key.kid,
		ExtActHMAC: base64.RawURLEncoding.EncodeToString(key.hmacKey)})
}

type keyUserJSON struct {
	ID        int    `json:"id"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
}

type keyJSON struct {
	ID                 int         `json:"id"`
	User               keyUserJSON `json:"user"`
	Status             string      `json:"status"`
	CreateDate         string      `json:"create_date"`
	Name               string      `json:"name"`
	IsLegacy           bool        `json:"is_legacy"`
	RestrictedToRoleID int         `json:"restricted_to_role_id"`
	// choice (unconfirmed): ACME credentials carry their directory URL, key
	// ID and product, so a client that lost the create answer finds them.
	ACMEDirectoryURL string `json:"acme_directory_url,omitempty"`
	ExtActKID        string `json:"ext_act_kid,omitempty"`
	ProductNameID    string `json:"product_name_id,omitempty"`
}

// listKeys is GET /key[?user_id=] -> {"api_keys":[...]} (the List keys
// page). choice: it lists the account's ACME credentials; the sandbox's
// API keys are managed through the Go control API and are not listed.
func (s *Server) listKeys(k *apiKey, q map[string][]string) response {
	dirURL := s.acmeDirectoryURL()
	s.mu.Lock()
	defer s.mu.Unlock()
	a := k.acct
	if v := q["user_id"]; len(v) > 0 && v[0] != strconv.Itoa(a.user.ID) {
		return jsonResp(http.StatusOK, map[string]any{"api_keys": []keyJSON{}})
	}
	out := []keyJSON{}
	for _, key := range s.acmeKeys {
		if key.acct != a {
			continue
		}
		out = append(out, keyJSON{ID: key.ID, User: keyUserJSON{a.user.ID, a.user.FirstName, a.user.LastName},
			Status: key.status, CreateDate: fmtDateTime(key.created), Name: key.name,
			ACMEDirectoryURL: dirURL, ExtActKID: key.kid, ProductNameID: key.product})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return jsonResp(http.StatusOK, map[string]any{"api_keys": out})
}

// updateKeyStatus is PUT /key/{key_id}/status {"status":"active"|"revoked"}
// -> 204 (the Update key status page). choice: a revoked ACME credential
// stays revoked (the UI: "disables a credential permanently"), so
// "active" on it is 400 invalid_value:status.
func (s *Server) updateKeyStatus(k *apiKey, ref string, body []byte) response {
	m, perr := parseBody(body)
	if perr != nil {
		return errResp(perr)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f := &fieldErrs{}
	root := f.newNode("", m)
	st, _ := root.OneOf("status", true, "active", "revoked")
	if e := f.toAPIError(); e != nil {
		return errResp(e)
	}
	id, _ := strconv.Atoi(ref)
	for _, key := range s.acmeKeys {
		if key.ID != id || key.acct != k.acct {
			continue
		}
		if st == "active" && key.status == "revoked" {
			return errResp(&APIError{Status: http.StatusBadRequest, Errors: []ErrorEntry{invalidValue("status")}})
		}
		key.status = st
		return noContent()
	}
	return errResp(notFound("key"))
}

// VerifyEAB checks an ACME External Account Binding (RFC 8555 section
// 7.3.4): a flattened JWS whose protected header has alg HS256, the kid of
// an active credential and the newAccount url, whose payload is the
// account's JWK, signed with the credential's HMAC key.
func (s *Server) VerifyEAB(jws []byte, accountJWK json.RawMessage, url string) error {
	var j struct{ Protected, Payload, Signature string }
	if err := json.Unmarshal(jws, &j); err != nil {
		return fmt.Errorf("sandbox: EAB is not a flattened JWS: %w", err)
	}
	hb, err := base64.RawURLEncoding.DecodeString(j.Protected)
	if err != nil {
		return errors.New("sandbox: EAB protected header is not base64url")
	}
	var h struct{ Alg, Kid, URL string }
	if err := json.Unmarshal(hb, &h); err != nil {
		return errors.New("sandbox: EAB protected header is not JSON")
	}
	if h.Alg != "HS256" || h.URL != url {
		return fmt.Errorf("sandbox: EAB header alg %q url %q", h.Alg, h.URL)
	}
	pb, err := base64.RawURLEncoding.DecodeString(j.Payload)
	if err != nil || !jsonEqual(pb, accountJWK) {
		return errors.New("sandbox: EAB payload is not the account key")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, key := range s.acmeKeys {
		if key.kid != h.Kid {
			continue
		}
		if key.status != "active" {
			return fmt.Errorf("sandbox: ACME credential %s is %s", key.kid, key.status)
		}
		mac := hmac.New(sha256.New, key.hmacKey)
		mac.Write([]byte(j.Protected + "." + j.Payload))
		sig, err := base64.RawURLEncoding.DecodeString(j.Signature)
		if err != nil || !hmac.Equal(sig, mac.Sum(nil)) {
			return errors.New("sandbox: EAB signature does not verify")
		}
		return nil
	}
	return fmt.Errorf("sandbox: no ACME credential %q", h.Kid)
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}
