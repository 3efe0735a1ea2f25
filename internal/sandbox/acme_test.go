package sandbox

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// eabJWS builds an External Account Binding as RFC 8555 section 7.3.4
// defines it, with the standard library only.
func eabJWS(t *testing.T, kid, hmacB64, url string, jwk json.RawMessage) []byte {
	t.Helper()
	key, err := base64.RawURLEncoding.DecodeString(hmacB64)
	if err != nil {
		t.Fatalf("ext_act_hmac is not base64url: %v", err)
	}
	enc := base64.RawURLEncoding.EncodeToString
	prot := enc([]byte(`{"alg":"HS256","kid":"` + kid + `","url":"` + url + `"}`))
	pay := enc(jwk)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(prot + "." + pay))
	b, _ := json.Marshal(map[string]string{"protected": prot, "payload": pay, "signature": enc(mac.Sum(nil))})
	return b
}

func TestACMECredentialLifecycle(t *testing.T) {
	s := newTestServer(t, Options{})
	r := call(t, s, "POST", "/key/acme-eab/tlm", s.APIKey(), `{"name":"cert-manager","product_name_id":"ssl_dv_geotrust","validity_years":1}`)
	mustStatus(t, r, http.StatusCreated)
	m := r.json(t)
	if len(m) != 3 || m["acme_directory_url"] != s.baseURL()+"/acme/v2/directory" {
		t.Fatalf("create answer %s", r.Body)
	}
	kid, hmacKey := asString(t, m["ext_act_kid"]), asString(t, m["ext_act_hmac"])

	jwk := json.RawMessage(`{"crv":"P-256","kty":"EC","x":"AAAA","y":"BBBB"}`)
	url := "https://acme.example/new-account"
	if err := s.VerifyEAB(eabJWS(t, kid, hmacKey, url, jwk), jwk, url); err != nil {
		t.Fatalf("a binding made with the credential: %v", err)
	}
	wrong := base64.RawURLEncoding.EncodeToString([]byte(strings.Repeat("x", 32)))
	if err := s.VerifyEAB(eabJWS(t, kid, wrong, url, jwk), jwk, url); err == nil {
		t.Fatal("a binding with another HMAC key verified")
	}

	list := call(t, s, "GET", "/key", s.APIKey(), nil).json(t)
	keys := asSlice(t, list["api_keys"])
	k0 := asMap(t, keys[0])
	if len(keys) != 1 || k0["name"] != "cert-manager" || k0["status"] != "active" || k0["ext_act_kid"] != kid {
		t.Fatalf("list %v", list)
	}
	if _, leaked := k0["ext_act_hmac"]; leaked {
		t.Fatal("the list shows the HMAC key")
	}
	id := strconv.Itoa(int(asFloat(t, k0["id"])))
	mustStatus(t, call(t, s, "PUT", "/key/"+id+"/status", s.APIKey(), `{"status":"revoked"}`), http.StatusNoContent)
	if err := s.VerifyEAB(eabJWS(t, kid, hmacKey, url, jwk), jwk, url); err == nil {
		t.Fatal("a revoked credential still binds")
	}
	mustStatus(t, call(t, s, "PUT", "/key/"+id+"/status", s.APIKey(), `{"status":"active"}`), http.StatusBadRequest)
	mustStatus(t, call(t, s, "PUT", "/key/1/status", s.APIKey(), `{"status":"revoked"}`), http.StatusNotFound)
}

func TestACMECredentialRefusals(t *testing.T) {
	s := newTestServer(t, Options{})
	validated, _ := validatedOrg(t, s, "ov")
	unvalidated := createOrg(t, s, set(mustMap(t, orgExample), "name", "Another Organization"))
	cases := []struct {
		name, body string
		codes      []string
	}{
		{"no name", `{"product_name_id":"ssl_basic","organization_id":` + strconv.Itoa(validated) + `}`, []string{"missing_field:name"}},
		{"unknown product", `{"name":"x","product_name_id":"ssl_plus"}`, []string{"invalid_value:product_name_id"}},
		{"document signing product", `{"name":"x","product_name_id":"document_signing_org_1"}`, []string{"invalid_value:product_name_id"}},
		{"OV without organization", `{"name":"x","product_name_id":"ssl_basic"}`, []string{"missing_field:organization_id"}},
		{"DV with organization", `{"name":"x","product_name_id":"ssl_dv_geotrust","organization_id":` + strconv.Itoa(validated) + `}`, []string{"invalid_value:organization_id"}},
		{"OV with an organization not validated", `{"name":"x","product_name_id":"ssl_basic","organization_id":` + strconv.Itoa(unvalidated) + `}`, []string{"invalid_value:organization_id"}},
		{"EV with an OV-only organization", `{"name":"x","product_name_id":"ssl_ev_basic","organization_id":` + strconv.Itoa(validated) + `}`, []string{"invalid_value:organization_id"}},
		{"validity over a year", `{"name":"x","product_name_id":"ssl_dv_geotrust","validity_years":2}`, []string{"invalid_value:validity_years"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := call(t, s, "POST", "/key/acme-eab/tlm", s.APIKey(), c.body)
			mustStatus(t, r, http.StatusBadRequest)
			if got := r.codes(t); !reflect.DeepEqual(got, c.codes) {
				t.Fatalf("codes %v, want %v", got, c.codes)
			}
		})
	}
	mustStatus(t, call(t, s, "POST", "/key/acme-eab/tlm", s.APIKey(),
		`{"name":"ov","product_name_id":"ssl_basic","organization_id":`+strconv.Itoa(validated)+`}`), http.StatusCreated)
}
