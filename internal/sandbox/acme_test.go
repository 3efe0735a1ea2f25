package sandbox

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"golang.org/x/crypto/acme"
)

func createACME(t *testing.T, s *Server, body map[string]any) map[string]any {
	t.Helper()
	r := call(t, s, "POST", "/key/acme-eab/tlm", s.APIKey(), body)
	mustStatus(t, r, http.StatusCreated)
	return r.json(t)
}

// A credential made through the key endpoints registers an ACME account
// with golang.org/x/crypto/acme (EAB as RFC 8555 7.3.4), for ECDSA and RSA
// account keys; a wrong HMAC key or a revoked credential does not.
func TestACME_credentialRegistersAnAccountWithEAB(t *testing.T) {
	s := newTestServer(t, Options{})
	out := createACME(t, s, map[string]any{"name": "cert-manager", "product_name_id": "ssl_dv_geotrust"})
	kid, _ := out["ext_act_kid"].(string)
	hmacKey, err := base64.RawURLEncoding.DecodeString(asString(t, out["ext_act_hmac"]))
	if err != nil || kid == "" {
		t.Fatalf("answer %v: hmac not base64url: %v", out, err)
	}
	dir := asString(t, out["acme_directory_url"])
	register := func(key crypto.Signer, eab *acme.ExternalAccountBinding) error {
		cl := &acme.Client{Key: key, DirectoryURL: dir}
		_, err := cl.Register(context.Background(), &acme.Account{Contact: []string{"mailto:ops@example.org"}, ExternalAccountBinding: eab}, acme.AcceptTOS)
		return err
	}
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err := register(ec, &acme.ExternalAccountBinding{KID: kid, Key: hmacKey}); err != nil {
		t.Fatalf("ECDSA registration with the credential: %v", err)
	}
	rk, _ := rsa.GenerateKey(rand.Reader, 2048)
	if err := register(rk, &acme.ExternalAccountBinding{KID: kid, Key: hmacKey}); err != nil {
		t.Fatalf("RSA registration with the credential: %v", err)
	}
	if c := s.ACMECredentials()[0]; c.BoundAccounts != 2 {
		t.Fatalf("bound accounts = %d, want 2", c.BoundAccounts)
	}

	wrong := slices.Clone(hmacKey)
	wrong[0] ^= 1
	ec2, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	var ae *acme.Error
	if err := register(ec2, &acme.ExternalAccountBinding{KID: kid, Key: wrong}); !errors.As(err, &ae) || ae.ProblemType != "urn:ietf:params:acme:error:unauthorized" {
		t.Fatalf("a wrong HMAC key: err = %v, want unauthorized", err)
	}
	if err := register(ec2, nil); !errors.As(err, &ae) || ae.ProblemType != "urn:ietf:params:acme:error:externalAccountRequired" {
		t.Fatalf("no EAB: err = %v, want externalAccountRequired", err)
	}

	id := s.ACMECredentials()[0].ID
	mustStatus(t, call(t, s, "PUT", "/key/"+strconv.Itoa(id)+"/status", s.APIKey(), `{"status":"revoked"}`), http.StatusNoContent)
	if err := register(ec2, &acme.ExternalAccountBinding{KID: kid, Key: hmacKey}); !errors.As(err, &ae) || ae.ProblemType != "urn:ietf:params:acme:error:unauthorized" {
		t.Fatalf("a revoked credential: err = %v, want unauthorized", err)
	}
}

// List keys and Get key info show the credential without its key ID and
// HMAC; revoke is permanent.
func TestACME_listInfoRevoke(t *testing.T) {
	s := newTestServer(t, Options{})
	info, _ := s.Account(s.APIKey())
	org := info.OrganizationIDs[0]
	mustStatus(t, call(t, s, "POST", "/organization/"+strconv.Itoa(org)+"/validation", s.APIKey(), `{"validations":[{"type":"ov"}]}`), http.StatusNoContent)
	if err := s.ValidateOrganization(org, "ov"); err != nil {
		t.Fatal(err)
	}
	createACME(t, s, map[string]any{"name": "ov", "product_name_id": "ssl_basic", "organization_id": org, "validity_years": 1, "container": map[string]any{"id": info.ContainerIDs[0]}})
	c := s.ACMECredentials()[0]
	list := call(t, s, "GET", "/key", s.APIKey(), nil)
	mustStatus(t, list, 200)
	keys := asSlice(t, list.json(t)["api_keys"])
	if len(keys) != 1 || asMap(t, keys[0])["name"] != "ov" || asMap(t, keys[0])["status"] != "active" {
		t.Fatalf("list = %s", list.Body)
	}
	got := call(t, s, "GET", "/key/"+strconv.Itoa(c.ID), s.APIKey(), nil)
	mustStatus(t, got, 200)
	m := got.json(t)
	if m["product_name_id"] != "ssl_basic" || asFloat(t, m["organization_id"]) != float64(org) || m["validity_years"] != "1" {
		t.Fatalf("info = %s", got.Body)
	}
	for _, secret := range []string{c.KeyID, c.HMACKey} {
		if slices.Contains([]string{string(list.Body), string(got.Body)}, secret) || len(secret) == 0 {
			t.Fatalf("a secret shows in list or info")
		}
	}
	path := "/key/" + strconv.Itoa(c.ID) + "/status"
	mustStatus(t, call(t, s, "PUT", path, s.APIKey(), `{"status":"revoked"}`), http.StatusNoContent)
	mustStatus(t, call(t, s, "PUT", path, s.APIKey(), `{"status":"active"}`), http.StatusBadRequest)
	if st := s.ACMECredentials()[0].Status; st != "revoked" {
		t.Fatalf("status %q", st)
	}
	other := s.NewAccount(false)
	mustStatus(t, call(t, s, "GET", "/key/"+strconv.Itoa(c.ID), other, nil), http.StatusNotFound)
}

// The product and organization rules.
func TestACME_createRefusals(t *testing.T) {
	s := newTestServer(t, Options{})
	info, _ := s.Account(s.APIKey())
	org := info.OrganizationIDs[0]
	cases := []struct {
		body map[string]any
		want []string
	}{
		{map[string]any{"product_name_id": "ssl_basic", "organization_id": org}, []string{"invalid_value:organization_id", "missing_field:name"}},
		{map[string]any{"name": "x", "product_name_id": "document_signing_org_1"}, []string{"invalid_value:product_name_id"}},
		{map[string]any{"name": "x", "product_name_id": "ssl_basic"}, []string{"missing_field:organization_id"}},
		{map[string]any{"name": "x", "product_name_id": "ssl_dv_geotrust", "organization_id": org}, []string{"invalid_value:organization_id"}},
		{map[string]any{"name": "x", "product_name_id": "ssl_dv_geotrust", "validity_years": 1, "validity_days": 90}, []string{"invalid_value:validity_days"}},
	}
	for _, c := range cases {
		r := call(t, s, "POST", "/key/acme-eab/tlm", s.APIKey(), c.body)
		mustStatus(t, r, http.StatusBadRequest)
		if got := r.codes(t); !slices.Equal(got, c.want) {
			t.Errorf("%v: codes %v, want %v", c.body, got, c.want)
		}
	}
	if n := len(s.ACMECredentials()); n != 0 {
		t.Fatalf("%d credentials made by refused requests", n)
	}
}
