package sandbox

import (
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// basicOVExample is the Order Basic OV page's example body, with the
// sandbox's organization, container and user IDs.
func basicOVExample(t *testing.T, org int) map[string]any {
	return mustMap(t, `{
  "certificate": {
    "common_name": "example.com",
    "dns_names": ["sub.example.com", "app.example.com"],
    "csr": `+jsonString(testCSR(t, "rsa2048"))+`,
    "signature_hash": "sha256",
    "organization_units": ["Shared Services"],
    "server_platform": {"id": 2}
  },
  "comments": "Certificate for app server.",
  "container": {"id": `+strconv.Itoa(DefaultContainerID)+`},
  "auto_renew": 1,
  "custom_renewal_message": "Keep this renewed.",
  "organization": {
    "id": `+strconv.Itoa(org)+`,
    "contacts": [
      {"contact_type": "organization_contact", "user_id": `+strconv.Itoa(DefaultUserID)+`},
      {"contact_type": "technical_contact", "first_name": "Jill", "last_name": "Valentine",
       "job_title": "STAR Member", "telephone": "8017019600", "email": "jill.valentine@digicert.com"}
    ]
  },
  "validity_years": 2,
  "payment_method": "balance",
  "skip_approval": true
}`)
}

// validatedOrg creates an organization validated for types and a domain
// example.com validated by TXT for the same types.
func validatedOrg(t *testing.T, s *Server, types ...string) (org, dom int) {
	t.Helper()
	body := mustMap(t, orgExample)
	var vals []any
	for _, ty := range types {
		v := map[string]any{"type": ty}
		if ty == "ev" {
			v["verified_users"] = []any{map[string]any{"id": DefaultUserID}}
		}
		vals = append(vals, v)
	}
	body["validations"] = vals
	org = createOrg(t, s, body)
	if err := s.ValidateOrganization(org); err != nil {
		t.Fatal(err)
	}
	added := addDomain(t, s, org, "example.com", "dns-txt-token", types...)
	dom = int(asFloat(t, added["id"]))
	s.PublishDNS("TXT", "example.com", asString(t, asMap(t, added["dcv_token"])["token"]))
	mustStatus(t, call(t, s, "PUT", "/domain/"+strconv.Itoa(dom)+"/dcv/validate-token", s.APIKey(), nil), http.StatusOK)
	return org, dom
}

func TestOVOrderIssuedAtOnce(t *testing.T) {
	s := newTestServer(t, Options{})
	org, _ := validatedOrg(t, s, "ov")
	r := call(t, s, "POST", "/order/certificate/ssl_basic", s.APIKey(), basicOVExample(t, org))
	mustStatus(t, r, http.StatusCreated)
	m := r.json(t)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"certificate_chain", "certificate_id", "id", "requests"}; !reflect.DeepEqual(keys, want) {
		t.Fatalf("answer keys %v, want %v: %s", keys, want, r.Body)
	}
	if req := asMap(t, asSlice(t, m["requests"])[0]); req["status"] != "approved" {
		t.Fatalf("request %v", req)
	}
	chain := asSlice(t, m["certificate_chain"])
	leaf := asMap(t, chain[0])
	if len(chain) != 3 || leaf["subject_common_name"] != "example.com" {
		t.Fatalf("certificate_chain %v", chain)
	}
	b, _ := pem.Decode([]byte(asString(t, leaf["pem"])))
	cert, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if cert.Subject.Organization[0] != "DigiCert Inc" || cert.Subject.Province[0] != "Utah" ||
		!reflect.DeepEqual(cert.DNSNames, []string{"example.com", "sub.example.com", "app.example.com"}) ||
		!reflect.DeepEqual(cert.ExtKeyUsage, []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}) {
		t.Fatalf("certificate subject %v, names %v, EKU %v", cert.Subject, cert.DNSNames, cert.ExtKeyUsage)
	}
	id := strconv.Itoa(int(asFloat(t, m["id"])))
	info := call(t, s, "GET", "/order/certificate/"+id, s.APIKey(), nil).json(t)
	prod := asMap(t, info["product"])
	if info["status"] != "issued" || prod["name_id"] != "ssl_basic" || prod["validation_type"] != "ov" ||
		asFloat(t, asMap(t, asMap(t, info["certificate"])["organization"])["id"]) != float64(org) ||
		asMap(t, info["technical_contact"])["email"] != "jill.valentine@digicert.com" ||
		asMap(t, info["organization_contact"])["email"] != "admin@example.com" {
		t.Fatalf("order info %v", info)
	}
}

func TestOVOrderWaitsForDomainThenIssues(t *testing.T) {
	s := newTestServer(t, Options{})
	org := createOrg(t, s, set(mustMap(t, orgExample), "validations", []any{map[string]any{"type": "ov"}}))
	body := basicOVExample(t, org)
	body["dcv_method"] = "dns-txt-token"
	r := call(t, s, "POST", "/order/certificate/ssl_securesite_flex", s.APIKey(), body)
	mustStatus(t, r, http.StatusCreated)
	m := r.json(t)
	if _, ok := m["certificate_chain"]; ok {
		t.Fatalf("a pending order has no chain: %s", r.Body)
	}
	id := int(asFloat(t, m["id"]))
	if got := s.OVEVMissing(id); !reflect.DeepEqual(got, []string{"organization ov validation", "example.com", "sub.example.com", "app.example.com"}) {
		t.Fatalf("missing %v", got)
	}
	// The order added example.com to the organization, pending DCV.
	list := call(t, s, "GET", "/domain?include_dcv=true", s.APIKey(), nil).json(t)
	doms := asSlice(t, list["domains"])
	if len(doms) != 1 || asMap(t, doms[0])["name"] != "example.com" || asMap(t, doms[0])["dcv_method"] != "dns-txt-token" {
		t.Fatalf("domains %v", list)
	}
	dom := asMap(t, doms[0])
	s.PublishDNS("TXT", "example.com", asString(t, asMap(t, dom["dcv_token"])["token"]))
	mustStatus(t, call(t, s, "PUT", "/domain/"+strconv.Itoa(int(asFloat(t, dom["id"])))+"/dcv/validate-token", s.APIKey(), nil), http.StatusOK)
	if o, _ := s.Order(id); o.Status != StatusPending {
		t.Fatalf("status %s before organization validation", o.Status)
	}
	if err := s.ValidateOrganization(org, "ov"); err != nil {
		t.Fatal(err)
	}
	if o, _ := s.Order(id); o.Status != StatusIssued {
		t.Fatalf("status %s after both validations", o.Status)
	}
}

func TestOVOrderIssuesAfterOrgValidationDelay(t *testing.T) {
	s := newTestServer(t, Options{OrgValidationDelay: 24 * time.Hour})
	org := createOrg(t, s, set(mustMap(t, orgExample), "validations", []any{map[string]any{"type": "ov"}}))
	added := addDomain(t, s, org, "example.com", "email", "ov")
	if err := s.ValidateDomain(int(asFloat(t, added["id"]))); err != nil {
		t.Fatal(err)
	}
	id := placeOrder(t, s, "ssl_basic", basicOVExample(t, org))
	if o, _ := s.Order(id); o.Status != StatusPending {
		t.Fatalf("status %s", o.Status)
	}
	s.Advance(24 * time.Hour)
	info := call(t, s, "GET", "/order/certificate/"+strconv.Itoa(id), s.APIKey(), nil).json(t)
	if info["status"] != "issued" {
		t.Fatalf("after the delay: %v", info["status"])
	}
}

func TestOVEVOrderRefusals(t *testing.T) {
	s := newTestServer(t, Options{})
	org, _ := validatedOrg(t, s, "ov", "ev")
	cases := []struct {
		name, product string
		edit          func(m map[string]any)
		status        int
		codes         []string
	}{
		{"EV without ev_approver", "ssl_ev_basic", func(m map[string]any) {}, 400, []string{"missing_field:organization.contacts.ev_approver"}},
		{"EV wildcard", "ssl_ev_securesite_flex", func(m map[string]any) {
			set(m, "certificate.common_name", "*.example.com")
			set(m, "organization.contacts", []any{map[string]any{"contact_type": "ev_approver", "user_id": DefaultUserID}})
		}, 400, []string{"invalid_value:certificate.common_name"}},
		{"no signature_hash", "ssl_basic", func(m map[string]any) { set(m, "certificate.signature_hash", deleteField) }, 400, []string{"missing_field:certificate.signature_hash"}},
		{"unknown ca_cert_id", "ssl_basic", func(m map[string]any) { set(m, "certificate.ca_cert_id", "ABCDEF") }, 400, []string{"invalid_value:certificate.ca_cert_id"}},
		{"bad profile_option", "ssl_basic", func(m map[string]any) { set(m, "certificate.profile_option", "client_only") }, 400, []string{"invalid_value:certificate.profile_option"}},
		{"contact without details", "ssl_basic", func(m map[string]any) {
			set(m, "organization.contacts", []any{map[string]any{"contact_type": "technical_contact", "first_name": "Jill"}})
		}, 400, []string{"missing_field:organization.contacts.email", "missing_field:organization.contacts.job_title", "missing_field:organization.contacts.last_name", "missing_field:organization.contacts.telephone"}},
		{"unknown organization", "ssl_basic", func(m map[string]any) { set(m, "organization.id", 1) }, 400, []string{"invalid_value:organization.id"}},
		{"legacy product", "ssl_plus", func(m map[string]any) {}, 404, []string{"not_found|product"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := basicOVExample(t, org)
			c.edit(body)
			r := call(t, s, "POST", "/order/certificate/"+c.product, s.APIKey(), body)
			mustStatus(t, r, c.status)
			if got := r.codes(t); !reflect.DeepEqual(got, c.codes) {
				t.Fatalf("codes %v, want %v", got, c.codes)
			}
			if c.product == "ssl_plus" && !strings.Contains(string(r.Body), "order ssl_basic instead") {
				t.Fatalf("legacy answer does not name the replacement: %s", r.Body)
			}
		})
	}
}

func TestOVProfileOptionClientAuthEndDate(t *testing.T) {
	s := newTestServer(t, Options{Now: clientAuthEKUEnd.Add(-time.Second)})
	org, _ := validatedOrg(t, s, "ov")
	body := basicOVExample(t, org)
	set(body, "certificate.profile_option", "server_client_auth_eku")
	id := placeOrder(t, s, "ssl_basic", body)
	o, _ := s.Order(id)
	b, _ := pem.Decode([]byte(o.CertificatePEM))
	cert, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(cert.ExtKeyUsage, x509.ExtKeyUsageClientAuth) {
		t.Fatalf("EKU %v lacks client auth", cert.ExtKeyUsage)
	}
	s.Advance(time.Second)
	r := call(t, s, "POST", "/order/certificate/ssl_basic", s.APIKey(), body)
	mustStatus(t, r, http.StatusBadRequest)
	if got := r.codes(t); !reflect.DeepEqual(got, []string{"invalid_value:certificate.profile_option"}) {
		t.Fatalf("codes on %s: %v", clientAuthEKUEnd.Format(time.DateOnly), got)
	}
}

func TestEVOrderNeedsEVValidatedOrganization(t *testing.T) {
	s := newTestServer(t, Options{})
	org, _ := validatedOrg(t, s, "ov")
	body := basicOVExample(t, org)
	set(body, "organization.contacts", []any{map[string]any{"contact_type": "ev_approver", "user_id": DefaultUserID}})
	id := placeOrder(t, s, "ssl_ev_securesite_pro", body)
	// choice: the DCV done for ov serves ev too (the order adds the type
	// to the domain); only the organization's EV validation is missing.
	if got := s.OVEVMissing(id); !reflect.DeepEqual(got, []string{"organization ev validation"}) {
		t.Fatalf("missing %v", got)
	}
	if err := s.ValidateOrganization(org, "ev"); err == nil {
		t.Fatal("ev was never submitted, yet ValidateOrganization found it")
	}
	mustStatus(t, call(t, s, "POST", "/organization/"+strconv.Itoa(org)+"/validation", s.APIKey(),
		`{"validations":[{"type":"ev","verified_users":[{"first_name":"Jill","last_name":"Valentine","job_title":"CTO","telephone":"8017019600","email":"jill@example.com"}]}]}`), http.StatusNoContent)
	if err := s.ValidateOrganization(org, "ev"); err != nil {
		t.Fatal(err)
	}
	if o, _ := s.Order(id); o.Status != StatusIssued {
		t.Fatalf("status %s after EV validation", o.Status)
	}
}

func TestOVReissueAndDuplicateFollowDomainExpiry(t *testing.T) {
	s := newTestServer(t, Options{})
	org, dom := validatedOrg(t, s, "ov")
	s.Advance(100 * 24 * time.Hour) // the DCV is 100 days old when the order is placed
	body := basicOVExample(t, org)
	body["validity_years"] = 1
	id := placeOrder(t, s, "ssl_basic", body)
	ids := strconv.Itoa(id)

	// A duplicate for another key while the domain is current.
	dup := call(t, s, "POST", "/order/certificate/"+ids+"/duplicate", s.APIKey(), map[string]any{
		"certificate": map[string]any{"common_name": "example.com", "dns_names": []any{"sub.example.com"}, "csr": testCSR(t, "p256"), "signature_hash": "sha256"}})
	mustStatus(t, dup, http.StatusCreated)
	if req := asMap(t, asSlice(t, dup.json(t)["requests"])[0]); req["status"] != "approved" {
		t.Fatalf("duplicate request %v", req)
	}
	list := call(t, s, "GET", "/order/certificate/"+ids+"/duplicate", s.APIKey(), nil).json(t)
	certs := asSlice(t, list["certificates"])
	d := asMap(t, certs[0])
	if len(certs) != 1 || d["sub_id"] != "001" || d["status"] != "issued" ||
		!reflect.DeepEqual(d["dns_names"], []any{"example.com", "sub.example.com"}) {
		t.Fatalf("duplicates %v", list)
	}
	dl := call(t, s, "GET", "/certificate/"+strconv.Itoa(int(asFloat(t, d["id"])))+"/download/format/pem_nointermediate", s.APIKey(), nil)
	mustStatus(t, dl, http.StatusOK)
	if subjectCN(string(dl.Body)) != "example.com" {
		t.Fatalf("duplicate download %s", dl.Body)
	}
	// A name not on the order is refused.
	r := call(t, s, "POST", "/order/certificate/"+ids+"/duplicate", s.APIKey(), map[string]any{
		"certificate": map[string]any{"common_name": "other.example.com", "csr": testCSR(t, "p256")}})
	mustStatus(t, r, http.StatusBadRequest)

	// 199 days after the DCV it has expired (the certificate has not):
	// duplicates are refused and a reissue waits until the domain is
	// validated again.
	s.Advance(99*24*time.Hour + time.Hour)
	r = call(t, s, "POST", "/order/certificate/"+ids+"/duplicate", s.APIKey(), map[string]any{
		"certificate": map[string]any{"csr": testCSR(t, "p256")}})
	mustStatus(t, r, http.StatusBadRequest)
	if got := r.codes(t); !reflect.DeepEqual(got, []string{"validation_required"}) {
		t.Fatalf("codes %v", got)
	}
	mustStatus(t, call(t, s, "POST", "/order/certificate/"+ids+"/reissue", s.APIKey(), map[string]any{
		"certificate": map[string]any{"csr": testCSR(t, "rsa2048")}, "skip_approval": true}), http.StatusCreated)
	if o, _ := s.Order(id); o.Status != StatusReissuePending {
		t.Fatalf("reissue with expired DCV: %s", o.Status)
	}
	if err := s.ValidateDomain(dom); err != nil {
		t.Fatal(err)
	}
	if o, _ := s.Order(id); o.Status != StatusIssued || len(o.PreviousCerts) != 1 {
		t.Fatalf("after revalidation: %s, %d earlier certificates", o.Status, len(o.PreviousCerts))
	}
}

func TestDVOrderRefusesDuplicates(t *testing.T) {
	s := newTestServer(t, Options{})
	id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email"))
	if err := s.CompleteDCV(id); err != nil {
		t.Fatal(err)
	}
	r := call(t, s, "POST", "/order/certificate/"+strconv.Itoa(id)+"/duplicate", s.APIKey(), map[string]any{
		"certificate": map[string]any{"csr": testCSR(t, "p256")}})
	mustStatus(t, r, http.StatusBadRequest)
	if got := r.codes(t); !reflect.DeepEqual(got, []string{"duplicates_not_allowed"}) {
		t.Fatalf("codes %v", got)
	}
}

func TestOVOrderCheckDCVValidatesItsDomains(t *testing.T) {
	s := newTestServer(t, Options{})
	org, _ := validatedOrg(t, s, "ov")
	body := basicOVExample(t, org)
	set(body, "certificate.common_name", "example.net")
	set(body, "certificate.dns_names", []any{"www.example.net"})
	body["dcv_method"] = "dns-cname-token"
	id := strconv.Itoa(placeOrder(t, s, "ssl_basic", body))
	r := call(t, s, "PUT", "/order/certificate/"+id+"/check-dcv", s.APIKey(), nil)
	mustStatus(t, r, http.StatusBadRequest)
	if got := r.codes(t); !reflect.DeepEqual(got, []string{"invalid_dns_txt"}) {
		t.Fatalf("codes %v", got)
	}
	doms := asSlice(t, call(t, s, "GET", "/domain?filters[search]=example.net&include_dcv=true", s.APIKey(), nil).json(t)["domains"])
	tok := asString(t, asMap(t, asMap(t, doms[0])["dcv_token"])["token"])
	s.PublishDNS("CNAME", "_dnsauth.example.net", DCVCNAMETarget(tok))
	r = call(t, s, "PUT", "/order/certificate/"+id+"/check-dcv", s.APIKey(), nil)
	mustStatus(t, r, http.StatusOK)
	if m := r.json(t); m["order_status"] != "issued" || len(asSlice(t, m["dns_name_validations"])) != 2 {
		t.Fatalf("check-dcv %s", r.Body)
	}
}

func TestOVOrderIssuedLaterAppearsInStatusChanges(t *testing.T) {
	s := newTestServer(t, Options{})
	org := createOrg(t, s, set(mustMap(t, orgExample), "validations", []any{map[string]any{"type": "ov"}}))
	if err := s.ValidateOrganization(org); err != nil {
		t.Fatal(err)
	}
	dom := int(asFloat(t, addDomain(t, s, org, "example.com", "email", "ov")["id"]))
	id := placeOrder(t, s, "ssl_basic", basicOVExample(t, org))
	s.Advance(10 * time.Minute)
	if err := s.ValidateDomain(dom); err != nil {
		t.Fatal(err)
	}
	o, _ := s.Order(id)
	r := call(t, s, "GET", "/order/certificate/status-changes?minutes=5", s.APIKey(), nil)
	want := `{"orders":[{"order_id":` + strconv.Itoa(id) + `,"certificate_id":` + strconv.Itoa(o.CertificateID) + `,"status":"issued"}],"page":{"total":1,"limit":1000,"offset":0}}`
	if string(r.Body) != want {
		t.Fatalf("feed\n got %s\nwant %s", r.Body, want)
	}
	list := call(t, s, "GET", "/order/certificate?filters[product_name_id]=ssl_basic", s.APIKey(), nil).json(t)
	if item := asMap(t, asSlice(t, list["orders"])[0]); item["status"] != "issued" || asMap(t, item["organization"])["name"] != "DigiCert Inc" {
		t.Fatalf("list %v", list)
	}
}

// The page's example reads without unknown fields, and a reissue while the
// validations are current issues at once.
func TestOVExampleStrictAndImmediateReissue(t *testing.T) {
	s := newTestServer(t, Options{RejectUnknownFields: true})
	org, _ := validatedOrg(t, s, "ov")
	id := placeOrder(t, s, "ssl_basic", basicOVExample(t, org))
	r := call(t, s, "POST", "/order/certificate/"+strconv.Itoa(id)+"/reissue", s.APIKey(), map[string]any{
		"certificate": map[string]any{"common_name": "example.com", "dns_names": []any{"sub.example.com"}, "csr": testCSR(t, "p384"),
			"signature_hash": "sha384", "ca_cert_id": s.ca.id},
		"skip_approval": true})
	mustStatus(t, r, http.StatusCreated)
	o, _ := s.Order(id)
	if o.Status != StatusIssued || len(o.PreviousCerts) != 1 || !reflect.DeepEqual(o.DNSNames, []string{"example.com", "sub.example.com"}) {
		t.Fatalf("after reissue: %s, %d earlier, names %v", o.Status, len(o.PreviousCerts), o.DNSNames)
	}
}
