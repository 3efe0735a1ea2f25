package sandbox

import (
	"archive/zip"
	"bytes"
	"encoding/asn1"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"reflect"
	"strconv"
	"testing"
)

// Endpoints other CertCentral clients call: products, user, chain, and the
// p7b and platform download formats.

func TestProductInfo(t *testing.T) {
	s := newTestServer(t, Options{})
	r := call(t, s, "GET", "/product/ssl_basic", s.APIKey(), nil)
	mustStatus(t, r, http.StatusOK)
	var p map[string]any
	if err := json.Unmarshal(r.Body, &p); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"group_name": "ssl_certificate", "name_id": "ssl_basic", "name": "Basic OV", "type": "ssl_certificate",
		"validation_type": "OV", "duplicates_allowed": true,
		"allowed_validity_years": []any{1.0, 2.0}, "allowed_order_validity_years": []any{1.0, 2.0, 3.0},
		"signature_hash_types": map[string]any{
			"allowed_hash_types":   []any{map[string]any{"id": "sha256", "name": "SHA-256"}, map[string]any{"id": "sha384", "name": "SHA-384"}, map[string]any{"id": "sha512", "name": "SHA-512"}},
			"default_hash_type_id": "sha256",
		},
		"additional_dns_names_allowed": true, "custom_expiration_date_allowed": true, "csr_required": true, "allow_auto_renew": true,
		"server_platforms":      []any{map[string]any{"id": -1.0, "name": "Other"}, map[string]any{"id": 2.0, "name": "Apache"}, map[string]any{"id": 45.0, "name": "nginx"}},
		"allowed_container_ids": []any{float64(DefaultContainerID), float64(DocSigningContainerID)},
		"allowed_ca_certs":      []any{map[string]any{"id": s.ca.id, "name": s.ca.name}},
	}
	if !reflect.DeepEqual(p, want) {
		t.Fatalf("product info\n got %v\nwant %v", p, want)
	}

	legacy := call(t, s, "GET", "/product/ssl_plus", s.APIKey(), nil).json(t)
	if legacy["replacement_product_name_id"] != "ssl_basic" {
		t.Fatalf("legacy product %v", legacy)
	}
	mustStatus(t, call(t, s, "GET", "/product/no_such_product", s.APIKey(), nil), http.StatusNotFound)

	list := call(t, s, "GET", "/product", s.APIKey(), nil).json(t)
	var ids []string
	for _, x := range asSlice(t, list["products"]) {
		ids = append(ids, asString(t, asMap(t, x)["name_id"]))
	}
	if !reflect.DeepEqual(ids, ProductNameIDs()) {
		t.Fatalf("product list %v", ids)
	}
	ev := call(t, s, "GET", "/product/ssl_ev_basic", s.APIKey(), nil).json(t)
	dv := call(t, s, "GET", "/product/ssl_dv_geotrust", s.APIKey(), nil).json(t)
	if ev["validation_type"] != "EV" || dv["duplicates_allowed"] != false || dv["additional_dns_names_allowed"] != false {
		t.Fatalf("EV %v / DV %v", ev, dv)
	}
}

func TestUserMe(t *testing.T) {
	s := newTestServer(t, Options{})
	me := call(t, s, "GET", "/user/me", s.APIKey(), nil).json(t)
	if asFloat(t, me["id"]) != DefaultUserID || asFloat(t, me["account_id"]) != DefaultAccountID ||
		me["email"] != "admin@example.com" || asMap(t, asSlice(t, me["access_roles"])[0])["name"] != "Administrator" {
		t.Fatalf("user me %v", me)
	}
	same := call(t, s, "GET", "/user/"+strconv.Itoa(DefaultUserID), s.APIKey(), nil)
	mustStatus(t, same, http.StatusOK)
	mustStatus(t, call(t, s, "GET", "/user/1", s.APIKey(), nil), http.StatusNotFound)
}

func TestChainAndDownloadFormats(t *testing.T) {
	s := newTestServer(t, Options{})
	id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email"))
	if err := s.CompleteDCV(id); err != nil {
		t.Fatal(err)
	}
	o, _ := s.Order(id)
	cid := strconv.Itoa(o.CertificateID)

	chain := call(t, s, "GET", "/certificate/"+cid+"/chain", s.APIKey(), nil).json(t)
	inter := asSlice(t, chain["intermediates"])
	if len(inter) != 3 || asMap(t, inter[0])["pem"] != o.CertificatePEM || asMap(t, inter[0])["subject_common_name"] != "example.com" ||
		asMap(t, inter[1])["subject_common_name"] != "DigiCert Sandbox Issuing CA G1" || asMap(t, inter[2])["pem"] != s.RootPEM() {
		t.Fatalf("chain %v", chain)
	}
	mustStatus(t, call(t, s, "GET", "/certificate/1/chain", s.APIKey(), nil), http.StatusNotFound)

	p7 := call(t, s, "GET", "/certificate/"+cid+"/download/format/p7b", s.APIKey(), nil)
	mustStatus(t, p7, http.StatusOK)
	if ct := p7.Header.Get("Content-Type"); ct != "application/x-pkcs7-certificates" {
		t.Fatalf("p7b content type %q", ct)
	}
	b, _ := pem.Decode(p7.Body)
	if b == nil || b.Type != "PKCS7" {
		t.Fatalf("p7b body %s", p7.Body)
	}
	var ci struct {
		Type    asn1.ObjectIdentifier
		Content asn1.RawValue `asn1:"explicit,tag:0"`
	}
	if _, err := asn1.Unmarshal(b.Bytes, &ci); err != nil || !ci.Type.Equal(oidPKCS7SignedData) {
		t.Fatalf("p7b content info %v: %v", ci.Type, err)
	}
	var sd struct {
		Version      int
		Digests      asn1.RawValue
		Content      asn1.RawValue
		Certificates []asn1.RawValue `asn1:"tag:0"`
		Signers      asn1.RawValue
	}
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil || len(sd.Certificates) != 2 {
		t.Fatalf("p7b signed data: %d certificates, %v", len(sd.Certificates), err)
	}

	z := call(t, s, "GET", "/certificate/download/order/"+strconv.Itoa(id)+"/format/platform", s.APIKey(), nil)
	mustStatus(t, z, http.StatusOK)
	zr, err := zip.NewReader(bytes.NewReader(z.Body), int64(len(z.Body)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if !reflect.DeepEqual(names, []string{"example_com.crt", "DigiCertCA.crt"}) {
		t.Fatalf("platform zip %v", names)
	}
	mustStatus(t, call(t, s, "GET", "/certificate/"+cid+"/download/format/cer", s.APIKey(), nil), http.StatusNotFound)
}
