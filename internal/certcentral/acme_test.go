package certcentral

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

const testHMAC = "ZndUSkZvVldvMEFiRzQ5VWNCdERtNkNBNnBTcTl4czNKVEVxdUZiaEdpZXZNUVJBVmRuSFREcDJYX2s3X0NxTA"

// The create request carries exactly the fields given; the HMAC of the one
// answer reaches the caller and never the logs, not even when the answer
// cannot be decoded.
func TestCreateACMECredential_requestAndHMACNeverLogged(t *testing.T) {
	var srv *apiServer
	srv = newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		srv.readBody(t, r, rec)
		if n == 1 {
			reply(w, http.StatusCreated, `{"acme_directory_url":"https://acme.digicert.com/v2/acme/directory/","ext_act_kid":"KID-1","ext_act_hmac":"`+testHMAC+`"}`)
			return
		}
		// An answer whose kid has no clear type fails to decode: its excerpt
		// goes into the error text, without the HMAC.
		reply(w, http.StatusCreated, `{"ext_act_kid":{"x":1},"ext_act_hmac":"`+testHMAC+`"}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)

	got, err := cl.CreateACMECredential(ctx, ACMECredentialRequest{Name: "cert-manager", ProductNameID: "ssl_basic", OrganizationID: 112233, Container: &IDRef{ID: 5}})
	if err != nil {
		t.Fatalf("CreateACMECredential: %v", err)
	}
	if got.HMACKey != testHMAC || got.KeyID != "KID-1" || got.ACMEDirectoryURL == "" {
		t.Fatalf("answer = %+v", got)
	}
	r := srv.request(t, 0)
	if r.Method != "POST" || r.Path != testBase+"/key/acme-eab/tlm" {
		t.Fatalf("sent %s %s", r.Method, r.Path)
	}
	assertJSONBody(t, r.Body, `{"name":"cert-manager","product_name_id":"ssl_basic","organization_id":112233,"container":{"id":5}}`)

	_, err = cl.CreateACMECredential(ctx, ACMECredentialRequest{Name: "x", ProductNameID: "ssl_dv_geotrust"})
	if err == nil {
		t.Fatal("an undecodable answer was accepted")
	}
	for where, text := range map[string]string{
		"the logs":          buf.String(),
		"the error":         err.Error(),
		"String":            got.String(),
		"GoString":          fmt.Sprintf("%#v", *got),
		"%v of the pointer": fmt.Sprintf("%v", got),
	} {
		if strings.Contains(text, testHMAC) || strings.Contains(text, testHMAC[:16]) {
			t.Errorf("the HMAC appears in %s:\n%s", where, text)
		}
	}
	if !strings.Contains(buf.String(), "KID-1") || !strings.Contains(buf.String(), "redacted") {
		t.Errorf("the logs lost the answer's other fields or the redaction mark:\n%s", buf.String())
	}
}

// A 5xx after the POST may have created the credential: outcome unknown,
// not retried.
func TestCreateACMECredential_5xxIsOutcomeUnknownAndSentOnce(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, _ *http.Request, _ int, _ *seenRequest) {
		reply(w, http.StatusBadGateway, "")
	})
	cl := newTestClient(t, srv.URL, nil)
	_, err := cl.CreateACMECredential(context.Background(), ACMECredentialRequest{Name: "x", ProductNameID: "ssl_basic"})
	if !IsOutcomeUnknown(err) {
		t.Fatalf("err = %v, want outcome unknown", err)
	}
	if n := srv.count(); n != 1 {
		t.Fatalf("sent %d times, want 1", n)
	}
}

// List keys, key info (with the ACME fields, numbers sent as strings as on
// the page) and revoke: paths, query and body.
func TestKeys_listInfoRevoke(t *testing.T) {
	var srv *apiServer
	srv = newAPIServer(t, func(w http.ResponseWriter, r *http.Request, _ int, rec *seenRequest) {
		switch {
		case r.Method == "GET" && r.URL.Path == testBase+"/key":
			reply(w, 200, `{"api_keys":[{"id":182,"user":{"id":125039,"first_name":"John","last_name":"Smith"},"status":"active","create_date":"2018-08-07T23:27:58+00:00","name":"Key Name","is_legacy":false,"restricted_to_role_id":0}]}`)
		case r.Method == "GET":
			reply(w, 200, `{"id":15,"status":"active","name":"ACME URL Name","acme_directory_url":"******nnAA","product_name_id":"ssl_plus","product_name":"Standard SSL","organization_id":123456,"organization_name":"STARS","validity_days":"0","validity_years":"2"}`)
		default:
			srv.readBody(t, r, rec)
			w.WriteHeader(http.StatusNoContent)
		}
	})
	cl := newTestClient(t, srv.URL, nil)
	ctx := context.Background()
	keys, err := cl.ListKeys(ctx, 125039)
	if err != nil || len(keys) != 1 || keys[0].ID != 182 || keys[0].IsACME() {
		t.Fatalf("ListKeys = %+v, %v", keys, err)
	}
	if q := srv.request(t, 0).Query.Get("user_id"); q != "125039" {
		t.Errorf("user_id = %q", q)
	}
	k, err := cl.GetKey(ctx, 15)
	if err != nil || !k.IsACME() || k.ValidityYears != 2 || k.OrganizationID != 123456 || k.ProductNameID != "ssl_plus" {
		t.Fatalf("GetKey = %+v, %v", k, err)
	}
	if err := cl.RevokeKey(ctx, 15); err != nil {
		t.Fatalf("RevokeKey: %v", err)
	}
	r := srv.request(t, 2)
	if r.Method != "PUT" || r.Path != testBase+"/key/15/status" {
		t.Fatalf("revoke sent %s %s", r.Method, r.Path)
	}
	assertJSONBody(t, r.Body, `{"status":"revoked"}`)
}
