package sandbox

import (
	"encoding/json"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func TestDocumentedDVExampleAccepted(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, p := range []string{"ssl_dv_geotrust", "ssl_dv_rapidssl", "cloud_dv_geotrust", "wildcard_dv_geotrust", "wildcard_dv_rapidssl"} {
		t.Run(p, func(t *testing.T) {
			body := dvExampleBody(t)
			if strings.HasPrefix(p, "wildcard_") {
				// Wildcard products need a wildcard common_name (sandbox choice).
				body = strings.Replace(body, `"common_name": "example.com"`, `"common_name": "*.example.com"`, 1)
			}
			r := call(t, s, "POST", "/order/certificate/"+p, s.APIKey(), body)
			mustStatus(t, r, http.StatusCreated)
			m := r.json(t)
			// 201 Created (email): exactly id and certificate_id.
			if len(m) != 2 || m["id"] == nil || m["certificate_id"] == nil {
				t.Fatalf("201 body %s, want {id, certificate_id}", r.Body)
			}
			o, ok := s.Order(int(asFloat(t, m["id"])))
			if !ok || o.Status != StatusPending || o.CertificateID != int(asFloat(t, m["certificate_id"])) {
				t.Fatalf("order %+v", o)
			}
			if string(o.Body) != body {
				t.Fatal("order body not kept verbatim")
			}
			if len(o.UnknownFields) != 0 {
				t.Fatalf("documented fields reported unknown: %v", o.UnknownFields)
			}
		})
	}
}

func TestDVCreatedShapeByMethod(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, tc := range []struct {
		method     string
		wantRandom bool
	}{
		{"email", false}, {"dns-txt-token", true}, {"http-token", true}, {"dns-cname-token", false},
	} {
		t.Run(tc.method, func(t *testing.T) {
			r := call(t, s, "POST", "/order/certificate/ssl_dv_geotrust", s.APIKey(), dvBody(t, tc.method, "example.com"))
			mustStatus(t, r, http.StatusCreated)
			m := r.json(t)
			_, has := m["dcv_random_value"]
			if has != tc.wantRandom {
				t.Fatalf("dcv_random_value present=%v, want %v: %s", has, tc.wantRandom, r.Body)
			}
		})
	}
}

func TestDocumentedDSExampleAccepted(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, p := range []string{"document_signing_org_1", "document_signing_org_2"} {
		t.Run(p, func(t *testing.T) {
			r := call(t, s, "POST", "/order/certificate/"+p, s.APIKey(), docDSExample)
			mustStatus(t, r, http.StatusCreated)
			var got struct {
				ID       int `json:"id"`
				Requests []struct {
					ID     int    `json:"id"`
					Status string `json:"status"`
				} `json:"requests"`
				CertificateID int             `json:"certificate_id"`
				Organization  json.RawMessage `json:"organization"`
			}
			if err := json.Unmarshal(r.Body, &got); err != nil {
				t.Fatal(err)
			}
			// skip_approval true: the "approved" answer with certificate_id,
			// no organization (an existing one was used).
			if got.ID == 0 || len(got.Requests) != 1 || got.Requests[0].Status != "approved" || got.CertificateID == 0 || got.Organization != nil {
				t.Fatalf("201 body %s", r.Body)
			}
			o, _ := s.Order(got.ID)
			if o.Status != StatusPending || o.OrganizationID != DefaultOrganizationID || o.ContainerID != DocSigningContainerID {
				t.Fatalf("order %+v", o)
			}
			if len(o.UnknownFields) != 0 {
				t.Fatalf("documented fields reported unknown: %v", o.UnknownFields)
			}
		})
	}
	t.Run("needs approval", func(t *testing.T) {
		b := set(dsOrgBody(t), "skip_approval", false)
		r := call(t, s, "POST", "/order/certificate/document_signing_org_1", s.APIKey(), b)
		mustStatus(t, r, http.StatusCreated)
		m := r.json(t)
		if _, has := m["certificate_id"]; has {
			t.Fatalf("certificate_id without approval: %s", r.Body)
		}
		if st := asMap(t, asSlice(t, m["requests"])[0])["status"]; st != "pending" {
			t.Fatalf("request status %v", st)
		}
	})
	t.Run("new organization", func(t *testing.T) {
		b := set(dsOrgBody(t), "organization", map[string]any{
			"name": "New Org Ltd", "address": "1 New St", "city": "Austin", "state": "tx", "zip": "73301", "country": "us",
		})
		r := call(t, s, "POST", "/order/certificate/document_signing_org_2", s.APIKey(), b)
		mustStatus(t, r, http.StatusCreated)
		m := r.json(t)
		org, ok := m["organization"].(map[string]any)
		if !ok || org["id"] == nil {
			t.Fatalf("no organization in %s", r.Body)
		}
		// The same details again: the duplicate check reuses it.
		r2 := call(t, s, "POST", "/order/certificate/document_signing_org_2", s.APIKey(), b)
		mustStatus(t, r2, http.StatusCreated)
		if _, has := r2.json(t)["organization"]; has {
			t.Fatalf("duplicate organization created: %s", r2.Body)
		}
		o, _ := s.Order(int(asFloat(t, r2.json(t)["id"])))
		if o.OrganizationID != int(asFloat(t, org["id"])) {
			t.Fatalf("reused org %d, want %v", o.OrganizationID, org["id"])
		}
		// skip_duplicate_org_check forces a new one.
		set(b, "organization.skip_duplicate_org_check", true)
		r3 := call(t, s, "POST", "/order/certificate/document_signing_org_2", s.APIKey(), b)
		mustStatus(t, r3, http.StatusCreated)
		if _, has := r3.json(t)["organization"]; !has {
			t.Fatalf("skip_duplicate_org_check ignored: %s", r3.Body)
		}
	})
}

func TestDSIndividualAccepted(t *testing.T) {
	s := newTestServer(t, Options{})
	cases := map[string]func(map[string]any){
		"email with csr": func(m map[string]any) {},
		"ship_token": func(m map[string]any) {
			set(m, "cs_provisioning_method", "ship_token")
			set(m, "certificate.csr", deleteField)
			set(m, "ship_info", map[string]any{"name": "Erin Guerra", "addr1": "360 Taylor Street", "addr2": "Floor 74",
				"city": "Richmond", "state": "va", "zip": "69662", "country": "us", "method": "EXPEDITED"})
		},
		"client_app ecc": func(m map[string]any) {
			set(m, "cs_provisioning_method", "client_app")
			set(m, "certificate.csr", deleteField)
			set(m, "certificate.csr_key_type", "ecc")
			set(m, "certificate.key_size", "p-384")
		},
		"ecc csr": func(m map[string]any) {
			set(m, "certificate.csr", testCSR(t, "p256"))
			set(m, "certificate.csr_key_type", "ECC")
			set(m, "certificate.key_size", "p-256")
		},
		"public key": func(m map[string]any) {
			set(m, "certificate.csr", testCSR(t, "pubkey"))
			set(m, "certificate.csr_key_type", deleteField)
			set(m, "certificate.key_size", deleteField)
		},
		"csr without line breaks": func(m map[string]any) {
			set(m, "certificate.csr", strings.ReplaceAll(strings.TrimSpace(testCSR(t, "rsa2048")), "\n", ""))
		},
		"days": func(m map[string]any) { set(m, "order_validity", map[string]any{"days": 1095}) },
		"custom date": func(m map[string]any) {
			set(m, "order_validity", map[string]any{"custom_expiration_date": "09 JUN 2027"})
		},
		"card": func(m map[string]any) {
			set(m, "payment_method", "card")
			set(m, "credit_card", map[string]any{"number": "4111111111111111", "expiration_month": "12", "expiration_year": "2030",
				"cvv": "333", "cardholder_name": "Rene Pierce", "save_credit_card": nil, "set_as_default": "0"})
			set(m, "billing_address", map[string]any{"address": "1 Main", "city": "Lehi", "state": "ut", "zip": "84043", "country": "us"})
		},
		"new contact": func(m map[string]any) {
			set(m, "organization.contacts", []any{map[string]any{"id": 2, "contact_type": "verified_contact",
				"first_name": "A", "last_name": "B", "email": "a@example.com", "job_title": "CFO", "telephone": "555"}})
		},
	}
	for name, mut := range cases {
		t.Run(name, func(t *testing.T) {
			b := individualBody(t)
			mut(b)
			r := call(t, s, "POST", "/order/certificate/ds_org_individual", s.APIKey(), b)
			mustStatus(t, r, http.StatusCreated)
			m := r.json(t)
			if m["id"] == nil || len(asSlice(t, m["requests"])) != 1 {
				t.Fatalf("201 body %s", r.Body)
			}
			o, _ := s.Order(int(asFloat(t, m["id"])))
			if len(o.UnknownFields) != 0 {
				t.Fatalf("unknown fields %v", o.UnknownFields)
			}
		})
	}
}

// TestValidationErrors: each documented rule, one case each.
func TestValidationErrors(t *testing.T) {
	s := newTestServer(t, Options{})
	type tc struct {
		name    string
		product string
		body    func() any
		status  int
		codes   []string
	}
	dv := func(muts ...func(map[string]any)) func() any {
		return func() any {
			b := dvBody(t, "dns-txt-token", "example.com", "www.example.com")
			for _, m := range muts {
				m(b)
			}
			return b
		}
	}
	at := func(path string, v any) func(map[string]any) {
		return func(m map[string]any) { set(m, path, v) }
	}
	ds := func(muts ...func(map[string]any)) func() any {
		return func() any {
			b := dsOrgBody(t)
			for _, m := range muts {
				m(b)
			}
			return b
		}
	}
	ind := func(muts ...func(map[string]any)) func() any {
		return func() any {
			b := individualBody(t)
			for _, m := range muts {
				m(b)
			}
			return b
		}
	}
	raw := func(s string) func() any { return func() any { return s } }
	const bad = http.StatusBadRequest
	cases := []tc{
		// Request format.
		{"malformed json", "ssl_dv_geotrust", raw(`{"certificate":`), bad, []string{"bad_request_format"}},
		{"empty body", "ssl_dv_geotrust", raw(``), bad, []string{"bad_request_format"}},
		{"not an object", "ssl_dv_geotrust", raw(`[1]`), bad, []string{"bad_request_format"}},
		{"wrong type int", "ssl_dv_geotrust", dv(at("validity_years", "1")), bad, []string{"bad_request_format"}},
		{"wrong type string", "ssl_dv_geotrust", dv(at("certificate.common_name", 5)), bad, []string{"bad_request_format"}},
		{"wrong type array", "ssl_dv_geotrust", dv(at("certificate.dns_names", "a.example.com")), bad, []string{"bad_request_format"}},
		{"wrong type bool", "ssl_dv_geotrust", dv(at("skip_approval", "true")), bad, []string{"bad_request_format"}},
		{"unknown product", "ssl_ev_nope", dv(), http.StatusNotFound, []string{"not_found|product"}},
		// DV: required fields.
		{"dv no certificate", "ssl_dv_geotrust", dv(at("certificate", deleteField)), bad, []string{"missing_field:certificate"}},
		{"dv no common_name", "ssl_dv_geotrust", dv(at("certificate.common_name", deleteField)), bad, []string{"missing_field:certificate.common_name"}},
		{"dv no csr", "ssl_dv_geotrust", dv(at("certificate.csr", deleteField)), bad, []string{"missing_field:certificate.csr"}},
		{"dv no dcv_method", "ssl_dv_geotrust", dv(at("dcv_method", deleteField)), bad, []string{"missing_field:dcv_method"}},
		{"dv no validity", "ssl_dv_geotrust", dv(at("validity_years", deleteField)), bad, []string{"missing_field:validity_years"}},
		{"dv several at once", "ssl_dv_geotrust", dv(at("validity_years", 3), at("dcv_method", "fax"), at("locale", "xx")), bad,
			[]string{"invalid_value:dcv_method", "invalid_value:locale", "invalid_value:validity_years"}},
		// DV: values.
		{"dv validity_years 3", "ssl_dv_geotrust", dv(at("validity_years", 3)), bad, []string{"invalid_value:validity_years"}},
		{"dv validity_years 0", "ssl_dv_geotrust", dv(at("validity_years", 0)), bad, []string{"invalid_value:validity_years"}},
		{"dv validity_days 0", "ssl_dv_geotrust", dv(at("validity_days", 0)), bad, []string{"invalid_value:validity_days"}},
		{"dv custom date format", "ssl_dv_geotrust", dv(at("custom_expiration_date", "10 JUN 2026")), bad, []string{"invalid_value:custom_expiration_date"}},
		{"dv custom date past", "ssl_dv_geotrust", dv(at("custom_expiration_date", "2026-03-01")), bad, []string{"invalid_value:custom_expiration_date"}},
		{"dv custom date today", "ssl_dv_geotrust", dv(at("custom_expiration_date", "2026-03-10")), bad, []string{"invalid_value:custom_expiration_date"}},
		{"dv custom date 825 days", "ssl_dv_geotrust", dv(at("custom_expiration_date", "2028-06-12")), bad, []string{"invalid_value:custom_expiration_date"}},
		{"dv auto_renew 2", "ssl_dv_geotrust", dv(at("auto_renew", 2)), bad, []string{"invalid_value:auto_renew"}},
		{"dv payment_method", "ssl_dv_geotrust", dv(at("payment_method", "cash")), bad, []string{"invalid_value:payment_method"}},
		{"dv locale", "ssl_dv_geotrust", dv(at("locale", "en_US")), bad, []string{"invalid_value:locale"}},
		{"dv dcv_method", "ssl_dv_geotrust", dv(at("dcv_method", "dns-txt")), bad, []string{"invalid_value:dcv_method"}},
		{"dv disable_ct 2", "ssl_dv_geotrust", dv(at("disable_ct", 2)), bad, []string{"invalid_value:disable_ct"}},
		{"dv bad hostname", "ssl_dv_geotrust", dv(at("certificate.common_name", "exa mple.com")), bad, []string{"invalid_value:certificate.common_name"}},
		{"dv ip address", "ssl_dv_geotrust", dv(at("certificate.common_name", "192.0.2.1")), bad, []string{"invalid_value:certificate.common_name"}},
		{"dv bad dns_name", "ssl_dv_geotrust", dv(at("certificate.dns_names", []any{"-bad-.example.com"})), bad, []string{"invalid_value:certificate.dns_names"}},
		{"dv wildcard on standard", "ssl_dv_rapidssl", dv(at("certificate.common_name", "*.example.com")), bad, []string{"invalid_value:certificate.common_name"}},
		{"wildcard product plain cn", "wildcard_dv_geotrust", dv(at("certificate.dns_names", deleteField)), bad, []string{"invalid_value:certificate.common_name"}},
		{"wildcard http-token", "wildcard_dv_geotrust", dv(at("certificate.common_name", "*.example.com"), at("certificate.dns_names", deleteField), at("dcv_method", "http-token")), bad, []string{"invalid_value:dcv_method"}},
		{"cloud wildcard san http-token", "cloud_dv_geotrust", dv(at("certificate.dns_names", []any{"*.example.com"}), at("dcv_method", "http-token")), bad, []string{"invalid_value:dcv_method"}},
		{"dv csr garbage", "ssl_dv_geotrust", dv(at("certificate.csr", "not a csr")), bad, []string{"csr_invalid_cannot_parse"}},
		{"dv csr bad signature", "ssl_dv_geotrust", dv(at("certificate.csr", testCSR(t, "badsig"))), bad, []string{"csr_invalid_cannot_parse"}},
		{"dv csr rsa 1024", "ssl_dv_geotrust", dv(at("certificate.csr", testCSR(t, "rsa1024"))), bad, []string{"invalid_value:certificate.csr"}},
		{"dv csr p521", "ssl_dv_geotrust", dv(at("certificate.csr", testCSR(t, "p521"))), bad, []string{"invalid_value:certificate.csr"}},
		{"dv public key not csr", "ssl_dv_geotrust", dv(at("certificate.csr", testCSR(t, "pubkey"))), bad, []string{"csr_invalid_cannot_parse"}},
		{"dv unknown container", "ssl_dv_geotrust", dv(at("container", map[string]any{"id": 1})), bad, []string{"invalid_value:container.id"}},
		{"dv container without id", "ssl_dv_geotrust", dv(at("container", map[string]any{})), bad, []string{"missing_field:container.id"}},
		{"dv unknown custom field", "ssl_dv_geotrust", dv(at("custom_fields", []any{map[string]any{"metadata_id": 99, "value": "x"}})), bad, []string{"invalid_value:custom_fields.metadata_id"}},
		{"dv custom field no value", "ssl_dv_geotrust", dv(at("custom_fields", []any{map[string]any{"metadata_id": 12}})), bad, []string{"missing_field:custom_fields.value"}},
		{"dv tech contact incomplete", "ssl_dv_geotrust", dv(at("technical_contact", map[string]any{"first_name": "Jim"})), bad,
			[]string{"missing_field:technical_contact.email", "missing_field:technical_contact.last_name", "missing_field:technical_contact.telephone"}},
		{"dv dcv_emails foreign name", "ssl_dv_geotrust", dv(at("dcv_emails", []any{map[string]any{"dns_name": "other.org", "email_domain": "other.org"}})), bad, []string{"invalid_value:dcv_emails.dns_name"}},
		{"dv dcv_emails domain mismatch", "ssl_dv_geotrust", dv(at("dcv_emails", []any{map[string]any{"dns_name": "www.example.com", "email_domain": "example.org"}})), bad, []string{"invalid_value:dcv_emails.email_domain"}},
		{"dv renewal of unknown order", "ssl_dv_geotrust", dv(at("renewal_of_order_id", 42)), bad, []string{"invalid_value:renewal_of_order_id"}},
		{"dv renewed_thumbprint unknown", "ssl_dv_geotrust", dv(at("renewed_thumbprint", strings.Repeat("AB", 20))), bad, []string{"invalid_value:renewed_thumbprint"}},
		// Document signing (organization).
		{"ds no signature_hash", "document_signing_org_1", ds(at("certificate.signature_hash", deleteField)), bad, []string{"missing_field:certificate.signature_hash"}},
		{"ds signature_hash sha384", "document_signing_org_1", ds(at("certificate.signature_hash", "sha384")), bad, []string{"invalid_value:certificate.signature_hash"}},
		{"ds validity 4", "document_signing_org_1", ds(at("validity_years", 4)), bad, []string{"invalid_value:validity_years"}},
		{"ds no validity", "document_signing_org_2", ds(at("validity_years", deleteField)), bad, []string{"missing_field:order_validity"}},
		{"ds order_validity years 4", "document_signing_org_2", ds(at("validity_years", deleteField), at("order_validity", map[string]any{"years": 4})), bad, []string{"invalid_value:order_validity.years"}},
		{"ds order_validity without years", "document_signing_org_2", ds(at("validity_years", deleteField), at("order_validity", map[string]any{})), bad, []string{"missing_field:order_validity.years"}},
		{"ds both validities", "document_signing_org_2", ds(at("order_validity", map[string]any{"years": 2})), bad, []string{"invalid_value:validity_years"}},
		{"ds organization_contact incomplete", "document_signing_org_1", ds(at("organization_contact", map[string]any{"first_name": "Jim", "email": "nope"})), bad,
			[]string{"invalid_value:organization_contact.email", "missing_field:organization_contact.last_name", "missing_field:organization_contact.telephone"}},
		{"ds no organization", "document_signing_org_1", ds(at("organization", deleteField)), bad, []string{"missing_field:organization"}},
		{"ds unknown organization", "document_signing_org_1", ds(at("organization.id", 1)), bad, []string{"invalid_value:organization.id"}},
		{"ds new org incomplete", "document_signing_org_1", ds(at("organization", map[string]any{"name": "X"})), bad,
			[]string{"missing_field:organization.address", "missing_field:organization.city", "missing_field:organization.country", "missing_field:organization.zip"}},
		{"ds ship_token without ship_info", "document_signing_org_1", ds(at("ship_info", deleteField)), bad, []string{"missing_field:ship_info"}},
		{"ds ship method uppercase", "document_signing_org_1", ds(at("ship_info.method", "STANDARD")), bad, []string{"invalid_value:ship_info.method"}},
		{"ds ship_info no city", "document_signing_org_1", ds(at("ship_info.city", deleteField)), bad, []string{"missing_field:ship_info.city"}},
		{"ds email needs csr", "document_signing_org_1", ds(at("cs_provisioning_method", "email")), bad, []string{"missing_field:certificate.csr"}},
		{"ds provisioning value", "document_signing_org_1", ds(at("cs_provisioning_method", "usb")), bad, []string{"invalid_value:cs_provisioning_method"}},
		{"ds subject incomplete", "document_signing_org_1", ds(at("subject.job_title", deleteField), at("subject.email", "nope")), bad,
			[]string{"invalid_value:subject.email", "missing_field:subject.job_title"}},
		{"ds payment", "document_signing_org_2", ds(at("payment_method", "invoice")), bad, []string{"invalid_value:payment_method"}},
		{"ds unknown container", "document_signing_org_2", ds(at("container.id", 69749)), bad, []string{"invalid_value:container.id"}},
		{"ds csa_agreed_to 2", "document_signing_org_2", ds(at("csa_agreed_to", 2)), bad, []string{"invalid_value:csa_agreed_to"}},
		// Document signing for business - employee.
		{"ind no usage", "ds_org_individual", ind(at("certificate.usage_designation", deleteField)), bad, []string{"missing_field:certificate.usage_designation"}},
		{"ind primary usage", "ds_org_individual", ind(at("certificate.usage_designation.primary_usage", "encryption")), bad, []string{"invalid_value:certificate.usage_designation.primary_usage"}},
		{"ind additional usage", "ds_org_individual", ind(at("certificate.usage_designation.additional_usages", []any{"code_signing"})), bad, []string{"invalid_value:certificate.usage_designation.additional_usages"}},
		{"ind no provisioning", "ds_org_individual", ind(at("cs_provisioning_method", deleteField)), bad, []string{"missing_field:cs_provisioning_method"}},
		{"ind email needs csr", "ds_org_individual", ind(at("certificate.csr", deleteField)), bad, []string{"missing_field:certificate.csr"}},
		{"ind ship lowercase", "ds_org_individual", ind(at("cs_provisioning_method", "ship_token"), at("ship_info", map[string]any{"name": "E", "addr1": "1", "addr2": "2", "city": "c", "state": "s", "zip": "z", "country": "us", "method": "standard"})), bad, []string{"invalid_value:ship_info.method"}},
		{"ind ship addr2 required", "ds_org_individual", ind(at("cs_provisioning_method", "ship_token"), at("ship_info", map[string]any{"name": "E", "addr1": "1", "city": "c", "state": "s", "zip": "z", "country": "us", "method": "STANDARD"})), bad, []string{"missing_field:ship_info.addr2"}},
		{"ind ship_token without ship_info", "ds_org_individual", ind(at("cs_provisioning_method", "ship_token")), bad, []string{"missing_field:ship_info"}},
		{"ind key_size rsa", "ds_org_individual", ind(at("certificate.csr", deleteField), at("cs_provisioning_method", "client_app"), at("certificate.key_size", 1024)), bad, []string{"invalid_value:certificate.key_size"}},
		{"ind key_size ecc number", "ds_org_individual", ind(at("certificate.csr", deleteField), at("cs_provisioning_method", "client_app"), at("certificate.csr_key_type", "ecc"), at("certificate.key_size", 384)), bad, []string{"invalid_value:certificate.key_size"}},
		{"ind additional usage repeated", "ds_org_individual", ind(at("certificate.usage_designation.additional_usages", []any{"document_signing", "document_signing"})), bad, []string{"invalid_value:certificate.usage_designation.additional_usages"}},
		{"ind additional email repeated", "ds_org_individual", ind(at("additional_emails", []any{"a@example.com", "a@example.com"})), bad, []string{"invalid_value:additional_emails"}},
		{"ind user_id_assignments repeated", "ds_org_individual", ind(at("user_id_assignments", []any{DefaultUserID, DefaultUserID})), bad, []string{"invalid_value:user_id_assignments"}},
		{"ind contact id 0", "ds_org_individual", ind(at("organization.contacts", []any{map[string]any{"id": 0, "contact_type": "x", "user_id": DefaultUserID}})), bad, []string{"invalid_value:organization.contacts.id"}},
		{"ds user_id_assignments repeated", "document_signing_org_1", ds(at("user_id_assignments", []any{DefaultUserID, DefaultUserID})), bad, []string{"invalid_value:user_id_assignments"}},
		{"ind key_size ecc upper case", "ds_org_individual", ind(at("certificate.csr", deleteField), at("cs_provisioning_method", "client_app"), at("certificate.csr_key_type", "ecc"), at("certificate.key_size", "P-384")), bad, []string{"invalid_value:certificate.key_size"}},
		{"ind key type mismatch csr", "ds_org_individual", ind(at("certificate.csr_key_type", "ecc"), at("certificate.key_size", deleteField)), bad, []string{"invalid_value:certificate.csr_key_type"}},
		{"ind key size mismatch csr", "ds_org_individual", ind(at("certificate.key_size", 4096)), bad, []string{"invalid_value:certificate.key_size"}},
		{"ind csr_key_type dsa", "ds_org_individual", ind(at("certificate.csr_key_type", "dsa")), bad, []string{"invalid_value:certificate.csr_key_type"}},
		{"ind signature hash", "ds_org_individual", ind(at("certificate.signature_hash", "sha-256")), bad, []string{"invalid_value:certificate.signature_hash"}},
		{"ind no csa", "ds_org_individual", ind(at("csa_agreed_to", deleteField)), bad, []string{"missing_field:csa_agreed_to"}},
		{"ind subject uses given_name", "ds_org_individual", ind(at("subject", map[string]any{"name": "Rene Pierce", "job_title": "x", "phone": "1", "email": "r@example.com"})), bad,
			[]string{"missing_field:subject.given_name", "missing_field:subject.surname"}},
		{"ind no order_validity", "ds_org_individual", ind(at("order_validity", deleteField)), bad, []string{"missing_field:order_validity"}},
		{"ind order_validity empty", "ds_org_individual", ind(at("order_validity", map[string]any{})), bad, []string{"missing_field:order_validity.years"}},
		{"ind years 4", "ds_org_individual", ind(at("order_validity.years", 4)), bad, []string{"invalid_value:order_validity.years"}},
		{"ind days 1096", "ds_org_individual", ind(at("order_validity", map[string]any{"days": 1096})), bad, []string{"invalid_value:order_validity.days"}},
		{"ind custom date iso", "ds_org_individual", ind(at("order_validity", map[string]any{"custom_expiration_date": "2027-06-09"})), bad, []string{"invalid_value:order_validity.custom_expiration_date"}},
		{"ind custom date beyond 3y", "ds_org_individual", ind(at("order_validity", map[string]any{"custom_expiration_date": "11 MAR 2029"})), bad, []string{"invalid_value:order_validity.custom_expiration_date"}},
		{"ind no payment_method", "ds_org_individual", ind(at("payment_method", deleteField)), bad, []string{"missing_field:payment_method"}},
		{"ind card without details", "ds_org_individual", ind(at("payment_method", "card")), bad, []string{"missing_field:billing_address", "missing_field:credit_card"}},
		{"ind card bad details", "ds_org_individual", ind(at("payment_method", "card"),
			at("credit_card", map[string]any{"number": "41x1", "expiration_month": "13", "expiration_year": "26", "cvv": "1", "cardholder_name": "R", "set_as_default": "2"}),
			at("billing_address", map[string]any{"address": "1 Main", "city": "Lehi", "country": "us"})), bad,
			[]string{"invalid_value:credit_card.cvv", "invalid_value:credit_card.expiration_month", "invalid_value:credit_card.expiration_year", "invalid_value:credit_card.number", "invalid_value:credit_card.set_as_default", "missing_field:billing_address.state", "missing_field:billing_address.zip"}},
		{"ind card expired", "ds_org_individual", ind(at("payment_method", "card"),
			at("credit_card", map[string]any{"number": "4111111111111111", "expiration_month": "02", "expiration_year": "2026", "cvv": "333", "cardholder_name": "R", "set_as_default": 1}),
			at("billing_address", map[string]any{"address": "1 Main", "city": "Paris", "country": "fr"})), bad,
			[]string{"invalid_value:credit_card.expiration_year"}},
		{"ind contacts missing", "ds_org_individual", ind(at("organization.contacts", deleteField)), bad, []string{"missing_field:organization.contacts"}},
		{"ind contact incomplete", "ds_org_individual", ind(at("organization.contacts", []any{map[string]any{"first_name": "A"}})), bad,
			[]string{"missing_field:organization.contacts.contact_type", "missing_field:organization.contacts.id", "missing_field:organization.contacts.user_id"}},
		{"ind contact unknown user", "ds_org_individual", ind(at("organization.contacts", []any{map[string]any{"id": 1, "contact_type": "x", "user_id": 1}})), bad, []string{"invalid_value:organization.contacts.user_id"}},
		{"ind additional_emails", "ds_org_individual", ind(at("additional_emails", []any{"nope"})), bad, []string{"invalid_value:additional_emails"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := len(s.Orders())
			r := call(t, s, "POST", "/order/certificate/"+c.product, s.APIKey(), c.body())
			mustStatus(t, r, c.status)
			got := r.codes(t)
			want := append([]string(nil), c.codes...)
			sort.Strings(want)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("codes %v, want %v\n%s", got, want, r.Body)
			}
			if strings.HasPrefix(want[0], "invalid_value:") {
				var e struct{ Errors []ErrorEntry }
				_ = json.Unmarshal(r.Body, &e)
				for _, x := range e.Errors {
					f := strings.TrimPrefix(x.Code, "invalid_value:")
					if x.Code == "invalid_value:"+f && !strings.HasPrefix(x.Message, f+" contains an invalid value.") {
						t.Errorf("message %q for %s", x.Message, x.Code)
					}
				}
			}
			if len(s.Orders()) != before {
				t.Fatal("a refused order was stored")
			}
		})
	}
}

func TestUnknownFields(t *testing.T) {
	s := newTestServer(t, Options{})
	b := set(dvBody(t, "email", "example.com"), "certificate.signature_hash", "sha256")
	set(b, "foo", 1)
	id := placeOrder(t, s, "ssl_dv_geotrust", b)
	o, _ := s.Order(id)
	if want := []string{"certificate.signature_hash", "foo"}; !reflect.DeepEqual(o.UnknownFields, want) {
		t.Fatalf("unknown fields %v, want %v", o.UnknownFields, want)
	}
	strict := newTestServer(t, Options{RejectUnknownFields: true})
	r := call(t, strict, "POST", "/order/certificate/ssl_dv_geotrust", strict.APIKey(), b)
	mustStatus(t, r, http.StatusBadRequest)
	if got := r.codes(t); !reflect.DeepEqual(got, []string{"invalid_value:certificate.signature_hash", "invalid_value:foo"}) {
		t.Fatalf("codes %v", got)
	}
}

func TestAuthAndRoutes(t *testing.T) {
	s := newTestServer(t, Options{})
	revoked := s.NewAccount(false)
	s.RevokeAPIKey(revoked)
	viewOnly, err := s.AddAPIKey(s.APIKey(), true)
	if err != nil {
		t.Fatal(err)
	}
	id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
	cases := []struct {
		name, method, path, key string
		body                    any
		status                  int
		code                    string
	}{
		{"missing key", "GET", "/order/certificate", "", nil, 403, "access_denied|access_denied_invalid_key"},
		{"unknown key", "GET", "/order/certificate", "NOPE", nil, 403, "access_denied|access_denied_invalid_key"},
		{"revoked key", "GET", "/order/certificate", revoked, nil, 403, "access_denied|access_denied_invalid_key"},
		{"view only get", "GET", "/order/certificate/" + strconv.Itoa(id), viewOnly, nil, 200, ""},
		{"view only post", "POST", "/order/certificate/ssl_dv_geotrust", viewOnly, dvBody(t, "email", "example.com"), 403, "access_denied|missing_permission"},
		{"view only put", "PUT", "/order/certificate/" + strconv.Itoa(id) + "/status", viewOnly, `{"status":"canceled","note":"x"}`, 403, "access_denied|missing_permission"},
		{"unknown route", "GET", "/nope", s.APIKey(), nil, 404, "not_found|route"},
		{"unknown order", "GET", "/order/certificate/999", s.APIKey(), nil, 404, "not_found|order"},
		{"wrong method", "DELETE", "/order/certificate/" + strconv.Itoa(id), s.APIKey(), nil, 405, "method_not_allowed"},
		{"other account's order", "GET", "/order/certificate/" + strconv.Itoa(id), s.NewAccount(false), nil, 404, "not_found|order"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := call(t, s, c.method, c.path, c.key, c.body)
			mustStatus(t, r, c.status)
			if c.code != "" {
				if got := r.codes(t); len(got) != 1 || got[0] != c.code {
					t.Fatalf("codes %v, want %s", got, c.code)
				}
			}
		})
	}
	// The body a wrong or revoked key gets from the real API, byte for byte.
	r := call(t, s, "GET", "/order/certificate", revoked, nil)
	if want := `{"errors":[{"code":"access_denied|access_denied_invalid_key","message":"Access denied due to access_denied_invalid_key."}]}`; string(r.Body) != want {
		t.Fatalf("invalid key body\n got %s\nwant %s", r.Body, want)
	}
	// An unknown path outside /services/v2 too.
	res, err := http.Get(strings.TrimSuffix(s.URL(), "/services/v2") + "/elsewhere")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 404 {
		t.Fatalf("status %d", res.StatusCode)
	}
}

func TestAccountsAreIsolated(t *testing.T) {
	s := newTestServer(t, Options{})
	other := s.NewAccount(false)
	// The default account's container is not the other account's.
	r := call(t, s, "POST", "/order/certificate/ssl_dv_geotrust", other, set(dvBody(t, "email", "example.com"), "container", map[string]any{"id": DefaultContainerID}))
	mustStatus(t, r, 400)
	info, _ := s.Account(other)
	r = call(t, s, "POST", "/order/certificate/ssl_dv_geotrust", other, set(dvBody(t, "email", "example.com"), "container", map[string]any{"id": info.ContainerIDs[0]}))
	mustStatus(t, r, 201)
	id := int(asFloat(t, r.json(t)["id"]))
	o, _ := s.Order(id)
	if o.Account != s.AccountOf(other) || o.Account == "default" {
		t.Fatalf("account %q", o.Account)
	}
	list := call(t, s, "GET", "/order/certificate", s.APIKey(), nil).json(t)
	if asFloat(t, asMap(t, list["page"])["total"]) != 0 {
		t.Fatalf("default account sees other orders: %v", list)
	}
}
