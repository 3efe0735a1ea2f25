package certcentral

import (
	"context"
	"net/url"
	"strconv"
)

// ACME credentials (CERTCENTRAL.md, ACME credentials): an External Account
// Binding key ID and HMAC key for an ACME client, made by
// POST /key/acme-eab/tlm and shown once; they are API keys of their own kind,
// listed by GET /key, read by GET /key/{id} and revoked by
// PUT /key/{id}/status.

// ACMECredentialPath is where credentials are created.
const ACMECredentialPath = "/key/acme-eab/tlm"

// ACMECredentialRequest is the body of POST /key/acme-eab/tlm. Only name and
// product_name_id are confirmed for the new endpoint; the others are the
// legacy page's fields or names chosen where the pages are silent, each
// marked below.
type ACMECredentialRequest struct {
	Name          string `json:"name"`
	ProductNameID string `json:"product_name_id"`
	// OrganizationID: the legacy page's field (a pre-validated OV/EV
	// organization). choice: the new endpoint takes the same name.
	OrganizationID int64 `json:"organization_id,omitempty"`
	// Container is the division (the UI asks for one). choice: shaped like
	// an order's container, {id}.
	Container *IDRef `json:"container,omitempty"`
	// ValidityYears: the legacy page's field; ValidityDays: the field
	// Get key info shows for ACME keys. choice: both are sent as given, one
	// at most.
	ValidityYears int64 `json:"validity_years,omitempty"`
	ValidityDays  int64 `json:"validity_days,omitempty"`
	// ProfileOption: the UI's "additional certificate options" (such as
	// CanSignHttpExchanges). choice: named like an order's profile_option.
	ProfileOption string `json:"profile_option,omitempty"`
}

// ACMECredential is the one answer that carries the HMAC key. choice: the
// new endpoint answers like the legacy one; ID is read if it is there (no
// page shows it), else the caller finds the key in the key list.
type ACMECredential struct {
	ID               int64  `json:"id,omitempty"`
	ACMEDirectoryURL string `json:"acme_directory_url"`
	KeyID            string `json:"ext_act_kid"`
	HMACKey          string `json:"ext_act_hmac"`
}

// String hides the HMAC key.
func (c ACMECredential) String() string {
	return "ACMECredential{id=" + strconv.FormatInt(c.ID, 10) + " kid=" + c.KeyID + " hmac=<redacted>}"
}

// GoString hides the HMAC key from %#v too.
func (c ACMECredential) GoString() string { return c.String() }

// CreateACMECredential sends POST /key/acme-eab/tlm once (see postOnce): a
// second credential would be an orphan whose HMAC nobody has. A failure that
// may have happened after CertCentral created it is an
// *OutcomeUnknownError.
func (cl *Client) CreateACMECredential(ctx context.Context, req ACMECredentialRequest) (*ACMECredential, error) {
	var out ACMECredential
	if err := cl.postOnce(ctx, ACMECredentialPath, req, &out, OutcomeUnknownError{ProductNameID: req.ProductNameID}); err != nil {
		return nil, err
	}
	return &out, nil
}

// KeyUser is a key's user.
type KeyUser struct {
	ID        int64  `json:"id"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
}

// Key is one entry of GET /key and the answer of GET /key/{id}. The ACME
// fields are set for ACME credentials only; ACMEDirectoryURL is obfuscated
// there ("******nnAA").
type Key struct {
	ID               int64   `json:"id"`
	User             KeyUser `json:"user"`
	Status           string  `json:"status"`
	CreateDate       string  `json:"create_date"`
	LastUsedDate     string  `json:"last_used_date"`
	Name             string  `json:"name"`
	IsLegacy         bool    `json:"is_legacy"`
	ACMEDirectoryURL string  `json:"acme_directory_url"`
	ProductNameID    string  `json:"product_name_id"`
	ProductName      string  `json:"product_name"`
	OrganizationID   int64   `json:"organization_id"`
	OrganizationName string  `json:"organization_name"`
	ValidityDays     int64   `json:"validity_days"`
	ValidityYears    int64   `json:"validity_years"`
}

// Key statuses (Get key info: active, revoked).
const (
	KeyStatusActive  = "active"
	KeyStatusRevoked = "revoked"
)

// IsACME reports whether the key is an ACME credential: only those carry a
// product (Get key info: "Only returned for ACME keys").
func (k Key) IsACME() bool { return k.ProductNameID != "" }

// ListKeys is GET /key: every key the caller may see, API keys and ACME
// credentials alike. userID 0 lists them all (the page's user_id filter is
// optional in its example).
func (cl *Client) ListKeys(ctx context.Context, userID int64) ([]Key, error) {
	var q url.Values
	if userID != 0 {
		q = url.Values{"user_id": {strconv.FormatInt(userID, 10)}}
	}
	var out struct {
		APIKeys []Key `json:"api_keys"`
	}
	if err := cl.do(ctx, call{method: "GET", path: "/key", query: q, out: &out, idempotent: true}); err != nil {
		return nil, err
	}
	return out.APIKeys, nil
}

// GetKey is GET /key/{id}.
func (cl *Client) GetKey(ctx context.Context, id int64) (*Key, error) {
	var out Key
	if err := cl.do(ctx, call{method: "GET", path: keyPath(id), out: &out, idempotent: true}); err != nil {
		return nil, err
	}
	return &out, nil
}

// RevokeKey is PUT /key/{id}/status {"status":"revoked"}: permanent. Setting
// a status is idempotent, so it is retried like a read.
func (cl *Client) RevokeKey(ctx context.Context, id int64) error {
	body := struct {
		Status string `json:"status"`
	}{Status: KeyStatusRevoked}
	return cl.do(ctx, call{method: "PUT", path: keyPath(id) + "/status", body: body, idempotent: true})
}

func keyPath(id int64) string { return "/key/" + strconv.FormatInt(id, 10) }
