package certcentral

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// The four response examples of the Subaccount order info page, with the
// page's two defects fixed: example 2's `"cost": <cost>` placeholder (here 295) and
// example 3's missing comma after `"validity_years": 1`.
const (
	subaccountExample1 = `{
"id": 123456,
"certificate": {
"id": 101015,
"common_name": "example.com",
"dns_names": [
"sub.example.com"
],
"signature_hash": "sha256",
"ca_cert": {
"id": "A937018B9FAF6CC2",
"name": "DigiCert Global G2 TLS RSA SHA256 2020 CA1"
}
},
"organization": {
"id": 334455,
"name": "Real Organization, LLC",
"assumed_name": "Real Organization",
"display_name": "Real Organization, LLC (Real Organization)"
},
"subaccount": {
"account_id": 123445,
"account_type": "enterprise",
"organization_name": "Sub account organization"
},
"product": {
"name_id": "ssl_securesite",
"name": "Secure Site SSL",
"type": "ssl_certificate"
},
"order_price": {
"cost": 399,
"currency": "USD"
},
"status": "pending",
"number_of_sans": 1,
"date_created": "2019-06-21T09:06:47+00:00",
"validity_years": 1
}`
	subaccountExample2 = `{
"id": 12345678,
"certificate": {
"id": 23456,
"common_name": "example.com",
"dns_names": [
"example.com",
"subdomain.example.com"
],
"signature_hash": "sha256",
"ca_cert": {
"id": "<ca_cert_id>",
"name": "<ca_cert_name>"
}
},
"organization": {
"id": 1875789,
"name": "Example Co.",
"assumed_name": "Example",
"display_name": "Example Co. (Example)"
},
"subaccount": {
"account_id": 12345,
"account_type": "retail",
"organization_name": "Subaccount Inc."
},
"product": {
"name_id": "ssl_basic",
"name": "Basic OV",
"type": "ssl_certificate"
},
"status": "pending",
"date_created": "2023-12-11T22:12:26+00:00",
"is_multi_year_plan": "1",
"validity_years": 1,
"order_price": {
"cost": 295,
"currency": "USD"
},
"subaccount_order_validations": {
"order_name_scope": "base_domain",
"order_dcv_method": "dns-txt-token",
"organization_validations": [
{
"type": "ov",
"name": "OV",
"description": "Normal Organization Validation",
"status": "pending",
"verification_details": {
"organization_type": "pending",
"organization_status": "pending",
"address_verification": "pending",
"blacklist_fraud": "pending",
"request_authenticity": "pending"
}
}
],
"dns_name_validations": [
{
"status": "unapproved",
"dns_names": [
"subdomain.example.com"
],
"base_domain": "example.com"
},
{
"status": "unapproved",
"dns_names": [
"example.com"
],
"base_domain": "example.com"
}
]
}
}`
	subaccountExample3 = `{
"id": 12345678,
"certificate": {
"id": 34567891,
"thumbprint": "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX70C5B",
"serial_number": "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXC5F",
"common_name": "example.com",
"dns_names": [
"example.com"
],
"valid_from": "2020-10-14",
"valid_till": "2021-10-18",
"days_remaining": 286,
"signature_hash": "sha256",
"ca_cert": {
"id": "A937018B9FAF6CC2",
"name": "DigiCert Global G2 TLS RSA SHA256 2020 CA1"
}
},
"organization": {
"id": 123456,
"name": "Example Organization",
"display_name": "Example Organization"
},
"subaccount": {
"account_id": 2345678,
"account_type": "enterprise",
"organization_name": "Example account"
},
"product": {
"name_id": "ssl_basic",
"name": "Basic OV",
"type": "ssl_certificate"
},
"order_price": {
"cost": 358,
"currency": "USD"
},
"status": "issued",
"date_created": "2020-10-14T15:18:50+00:00",
"date_issued": "2020-10-14T15:18:52+00:00",
"is_multi_year_plan": "1",
"order_valid_from": "2020-10-14",
"order_valid_till": "2021-10-19",
"validity_years": 1,
"cs_provisioning_method": "email"
}`
	subaccountExample4 = `{
"id": 123456,
"subaccount": {
"account_id": 123445,
"account_type": "enterprise",
"organization_name": "Sub account organization"
},
"product": {
"name_id": "ssl_plus",
"name": "Standard SSL",
"type": "ssl_certificate"
},
"order_price": {
"cost": 198,
"currency": "USD"
},
"status": "pending",
"number_of_sans": 1,
"date_created": "2019-05-07T09:33:08+00:00",
"validity_years": 1
}`
)

// serveSubaccountDoc answers every request with body and records it.
func serveSubaccountDoc(t *testing.T, body string) (*apiServer, *Client) {
	t.Helper()
	srv := newAPIServer(t, func(w http.ResponseWriter, _ *http.Request, _ int, _ *seenRequest) {
		reply(w, http.StatusOK, body)
	})
	return srv, newTestClient(t, srv.URL, nil)
}

func getSubaccountOrder(t *testing.T, body string) *SubaccountOrder {
	t.Helper()
	_, cl := serveSubaccountDoc(t, body)
	got, err := cl.SubaccountOrder(t.Context(), 123456, false, false)
	if err != nil {
		t.Fatalf("SubaccountOrder: %v", err)
	}
	return got
}

func assertSubaccountOrder(t *testing.T, got, want *SubaccountOrder) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", "  ")
		w, _ := json.MarshalIndent(want, "", "  ")
		t.Fatalf("decoded differently\n--- got\n%s\n--- want\n%s", g, w)
	}
}

func TestSubaccountOrder_example1(t *testing.T) {
	got := getSubaccountOrder(t, subaccountExample1)
	assertSubaccountOrder(t, got, &SubaccountOrder{
		ID: 123456,
		Certificate: &SubaccountOrderCertificate{
			ID: ptr(int64(101015)), CommonName: "example.com", DNSNames: []string{"sub.example.com"}, SignatureHash: "sha256",
			CACert: &CACert{ID: "A937018B9FAF6CC2", Name: "DigiCert Global G2 TLS RSA SHA256 2020 CA1"},
		},
		Organization: &SubaccountOrderOrganization{
			ID: ptr(int64(334455)), Name: "Real Organization, LLC", AssumedName: "Real Organization",
			DisplayName: "Real Organization, LLC (Real Organization)",
		},
		Subaccount:    &SubaccountInfo{AccountID: ptr(int64(123445)), AccountType: "enterprise", OrganizationName: "Sub account organization"},
		Product:       &Product{NameID: "ssl_securesite", Name: "Secure Site SSL", Type: "ssl_certificate"},
		OrderPrice:    &OrderPrice{Cost: "399", Currency: "USD"},
		Status:        "pending",
		NumberOfSANs:  ptr(int64(1)),
		DateCreated:   "2019-06-21T09:06:47+00:00",
		ValidityYears: ptr(int64(1)),
	})
	if got.MultiYearPlan() != nil {
		t.Errorf("MultiYearPlan = %v, want nil when is_multi_year_plan is absent", *got.MultiYearPlan())
	}
}

func TestSubaccountOrder_example2WithValidations(t *testing.T) {
	got := getSubaccountOrder(t, subaccountExample2)
	assertSubaccountOrder(t, got, &SubaccountOrder{
		ID: 12345678,
		Certificate: &SubaccountOrderCertificate{
			ID: ptr(int64(23456)), CommonName: "example.com", DNSNames: []string{"example.com", "subdomain.example.com"},
			SignatureHash: "sha256", CACert: &CACert{ID: "<ca_cert_id>", Name: "<ca_cert_name>"},
		},
		Organization: &SubaccountOrderOrganization{
			ID: ptr(int64(1875789)), Name: "Example Co.", AssumedName: "Example", DisplayName: "Example Co. (Example)",
		},
		Subaccount:      &SubaccountInfo{AccountID: ptr(int64(12345)), AccountType: "retail", OrganizationName: "Subaccount Inc."},
		Product:         &Product{NameID: "ssl_basic", Name: "Basic OV", Type: "ssl_certificate"},
		Status:          "pending",
		DateCreated:     "2023-12-11T22:12:26+00:00",
		IsMultiYearPlan: "1",
		ValidityYears:   ptr(int64(1)),
		OrderPrice:      &OrderPrice{Cost: "295", Currency: "USD"},
		SubaccountOrderValidations: &SubaccountOrderValidations{
			OrderNameScope: "base_domain",
			OrderDCVMethod: "dns-txt-token",
			OrganizationValidations: []OrganizationValidation{{
				Type: "ov", Name: "OV", Description: "Normal Organization Validation", Status: "pending",
				VerificationDetails: &VerificationDetails{
					OrganizationType: "pending", OrganizationStatus: "pending", AddressVerification: "pending",
					BlacklistFraud: "pending", RequestAuthenticity: "pending",
				},
			}},
			DNSNameValidations: []SubaccountDNSValidation{
				{Status: "unapproved", DNSNames: []string{"subdomain.example.com"}, BaseDomain: "example.com"},
				{Status: "unapproved", DNSNames: []string{"example.com"}, BaseDomain: "example.com"},
			},
		},
	})
	if mp := got.MultiYearPlan(); mp == nil || !*mp {
		t.Errorf("MultiYearPlan = %v, want true for \"1\"", mp)
	}
}

func TestSubaccountOrder_example3Issued(t *testing.T) {
	got := getSubaccountOrder(t, subaccountExample3)
	assertSubaccountOrder(t, got, &SubaccountOrder{
		ID: 12345678,
		Certificate: &SubaccountOrderCertificate{
			ID: ptr(int64(34567891)), Thumbprint: "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX70C5B", SerialNumber: "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXC5F",
			CommonName: "example.com", DNSNames: []string{"example.com"}, ValidFrom: "2020-10-14", ValidTill: "2021-10-18",
			DaysRemaining: ptr(int64(286)), SignatureHash: "sha256",
			CACert: &CACert{ID: "A937018B9FAF6CC2", Name: "DigiCert Global G2 TLS RSA SHA256 2020 CA1"},
		},
		// No assumed_name in this example.
		Organization:         &SubaccountOrderOrganization{ID: ptr(int64(123456)), Name: "Example Organization", DisplayName: "Example Organization"},
		Subaccount:           &SubaccountInfo{AccountID: ptr(int64(2345678)), AccountType: "enterprise", OrganizationName: "Example account"},
		Product:              &Product{NameID: "ssl_basic", Name: "Basic OV", Type: "ssl_certificate"},
		OrderPrice:           &OrderPrice{Cost: "358", Currency: "USD"},
		Status:               "issued",
		DateCreated:          "2020-10-14T15:18:50+00:00",
		DateIssued:           "2020-10-14T15:18:52+00:00",
		IsMultiYearPlan:      "1",
		OrderValidFrom:       "2020-10-14",
		OrderValidTill:       "2021-10-19",
		ValidityYears:        ptr(int64(1)),
		CSProvisioningMethod: "email",
	})
}

func TestSubaccountOrder_example4NotImmediateSubaccount(t *testing.T) {
	got := getSubaccountOrder(t, subaccountExample4)
	assertSubaccountOrder(t, got, &SubaccountOrder{
		ID:            123456,
		Subaccount:    &SubaccountInfo{AccountID: ptr(int64(123445)), AccountType: "enterprise", OrganizationName: "Sub account organization"},
		Product:       &Product{NameID: "ssl_plus", Name: "Standard SSL", Type: "ssl_certificate"},
		OrderPrice:    &OrderPrice{Cost: "198", Currency: "USD"},
		Status:        "pending",
		NumberOfSANs:  ptr(int64(1)),
		DateCreated:   "2019-05-07T09:33:08+00:00",
		ValidityYears: ptr(int64(1)),
	})
	if got.Certificate != nil || got.Organization != nil || got.SubaccountOrderValidations != nil || got.OrderPrices != nil {
		t.Errorf("objects the answer lacks decoded as non-nil: %+v", got)
	}
}

// Fields the examples do not show: order_prices with decimal costs, the
// validation details of an EV/code signing/VMC order, verified contacts,
// per-domain method and scope, organization units.
func TestSubaccountOrder_undocumentedInExamplesFields(t *testing.T) {
	got := getSubaccountOrder(t, `{
		"id": 99,
		"certificate": {"id": 7, "common_name": "example.org", "dns_names": ["example.org"], "organization_units": ["IT", "Ops"]},
		"order_price": {"cost": 358.75, "currency": "USD"},
		"order_prices": [{"cost": 12.5, "currency": "EUR"}, {"cost": "20.10", "currency": "GBP"}],
		"status": "issued",
		"subaccount_order_validations": {
			"order_name_scope": "fqdn",
			"order_dcv_method": "email",
			"organization_validations": [{
				"type": "ev", "name": "EV", "description": "Extended Organization Validation",
				"date_created": "2024-01-02T03:04:05+00:00", "validated_until": "2025-01-02T03:04:05+00:00", "status": "active",
				"verified_contacts": [{"user_id": "0", "name": "Jim Smith", "first_name": "Jim", "last_name": "Smith",
					"job_title": "CTO", "telephone": "555-555-5555", "email": "jim@example.org", "status": "active"},
					{"user_id": 4321, "first_name": "Ann", "status": "pending"}],
				"verification_details": {
					"organization_type": "complete", "organization_status": "complete", "address_verification": "complete",
					"blacklist_fraud": "complete", "blacklist_fraud_malware": "pending", "request_authenticity": "complete",
					"operational_existence": "complete", "place_of_business_verification": "complete",
					"phone_number_verification": "pending", "approver_verification": "complete",
					"approver_blacklist": "complete", "logo_trademark": "pending"
				}
			}],
			"dns_name_validations": [{"status": "unapproved", "method": "dns-cname-token", "name_scope": "example.org",
				"dns_names": ["www.example.org"], "base_domain": "example.org"}]
		}
	}`)
	if got.OrderPrice.Cost != "358.75" {
		t.Errorf("order_price.cost = %q, want 358.75", got.OrderPrice.Cost)
	}
	wantPrices := []OrderPrice{{Cost: "12.5", Currency: "EUR"}, {Cost: "20.10", Currency: "GBP"}}
	if !reflect.DeepEqual(got.OrderPrices, wantPrices) {
		t.Errorf("order_prices = %+v, want %+v", got.OrderPrices, wantPrices)
	}
	if !reflect.DeepEqual(got.Certificate.OrganizationUnits, []string{"IT", "Ops"}) {
		t.Errorf("organization_units = %v", got.Certificate.OrganizationUnits)
	}
	ov := got.SubaccountOrderValidations.OrganizationValidations[0]
	wantDetails := VerificationDetails{
		OrganizationType: "complete", OrganizationStatus: "complete", AddressVerification: "complete",
		BlacklistFraud: "complete", BlacklistFraudMalware: "pending", RequestAuthenticity: "complete",
		OperationalExistence: "complete", PlaceOfBusinessVerification: "complete", PhoneNumberVerification: "pending",
		ApproverVerification: "complete", ApproverBlacklist: "complete", LogoTrademark: "pending",
	}
	if ov.VerificationDetails == nil || *ov.VerificationDetails != wantDetails {
		t.Errorf("verification_details = %+v, want %+v", ov.VerificationDetails, wantDetails)
	}
	if ov.DateCreated != "2024-01-02T03:04:05+00:00" || ov.ValidatedUntil != "2025-01-02T03:04:05+00:00" || ov.Status != "active" {
		t.Errorf("organization validation = %+v", ov)
	}
	wantContacts := []VerifiedContact{
		{UserID: "0", Name: "Jim Smith", FirstName: "Jim", LastName: "Smith", JobTitle: "CTO", Telephone: "555-555-5555", Email: "jim@example.org", Status: "active"},
		{UserID: "4321", FirstName: "Ann", Status: "pending"},
	}
	if !reflect.DeepEqual(ov.VerifiedContacts, wantContacts) {
		t.Errorf("verified_contacts = %+v, want %+v", ov.VerifiedContacts, wantContacts)
	}
	wantDNS := []SubaccountDNSValidation{{Status: "unapproved", Method: "dns-cname-token", NameScope: "example.org", DNSNames: []string{"www.example.org"}, BaseDomain: "example.org"}}
	if !reflect.DeepEqual(got.SubaccountOrderValidations.DNSNameValidations, wantDNS) {
		t.Errorf("dns_name_validations = %+v, want %+v", got.SubaccountOrderValidations.DNSNameValidations, wantDNS)
	}
}

// What the API really sends beyond the page: unknown fields, status values
// the glossary does not list, the `[" "]` dns_names placeholder, and flags
// encoded as numbers or booleans.
func TestSubaccountOrder_toleratesTheUnexpected(t *testing.T) {
	got := getSubaccountOrder(t, `{
		"id": 5, "status": "sandbox_unknown_status", "brand_new_field": {"nested": [1, "two", null]}, "zz": true,
		"certificate": {"id": 6, "common_name": "Jane Doe", "dns_names": [" "], "another_new_field": 1},
		"is_multi_year_plan": 1,
		"subaccount_order_validations": {"order_name_scope": "base_domain", "organization_validations": [{"status": "sandbox_unknown_status", "verification_details": {"new_check": "pending"}}]}
	}`)
	if got.Status != "sandbox_unknown_status" {
		t.Errorf("status = %q", got.Status)
	}
	if !reflect.DeepEqual(got.Certificate.DNSNames, []string{" "}) {
		t.Errorf("dns_names = %q, want the placeholder kept as sent", got.Certificate.DNSNames)
	}
	if mp := got.MultiYearPlan(); mp == nil || !*mp {
		t.Errorf("MultiYearPlan for a numeric 1 = %v, want true", mp)
	}
	if vd := got.SubaccountOrderValidations.OrganizationValidations[0].VerificationDetails; vd == nil || *vd != (VerificationDetails{}) {
		t.Errorf("verification_details with only unknown keys = %+v, want an empty object", vd)
	}

	for _, c := range []struct {
		raw  string
		want *bool
	}{{`"1"`, ptr(true)}, {`true`, ptr(true)}, {`"0"`, ptr(false)}, {`false`, ptr(false)}, {`null`, nil}, {`"yes"`, nil}} {
		var o SubaccountOrder
		if err := json.Unmarshal([]byte(`{"id":1,"is_multi_year_plan":`+c.raw+`}`), &o); err != nil {
			t.Fatalf("is_multi_year_plan %s: %v", c.raw, err)
		}
		if got := o.MultiYearPlan(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("is_multi_year_plan %s: MultiYearPlan = %v, want %v", c.raw, got, c.want)
		}
	}
	var o SubaccountOrder
	if err := json.Unmarshal([]byte(`{"is_multi_year_plan":{"x":1}}`), &o); err == nil {
		t.Error("an object for is_multi_year_plan decoded without error")
	}
}

func TestSubaccountOrder_queryFlagsOnlyWhenTrue(t *testing.T) {
	cases := []struct {
		val, csp  bool
		wantQuery string
	}{
		{false, false, ""},
		{true, false, "include_validation_status=true"},
		{false, true, "include_cs_provisioning_method=true"},
		{true, true, "include_cs_provisioning_method=true&include_validation_status=true"},
	}
	for _, c := range cases {
		srv, cl := serveSubaccountDoc(t, subaccountExample1)
		if _, err := cl.SubaccountOrder(t.Context(), 123456, c.val, c.csp); err != nil {
			t.Fatalf("SubaccountOrder(%v, %v): %v", c.val, c.csp, err)
		}
		r := srv.request(t, 0)
		if r.Method != "GET" || r.Path != testBase+"/account/subaccount/order/123456" {
			t.Errorf("request = %s %s, want GET %s/account/subaccount/order/123456", r.Method, r.Path, testBase)
		}
		if got := r.Query.Encode(); got != c.wantQuery {
			t.Errorf("flags (%v, %v): query %q, want %q", c.val, c.csp, got, c.wantQuery)
		}
		assertCommonHeaders(t, r, false)
	}
}

func TestSubaccountOrder_errors(t *testing.T) {
	t.Run("404", func(t *testing.T) {
		srv := newAPIServer(t, func(w http.ResponseWriter, _ *http.Request, _ int, _ *seenRequest) {
			reply(w, http.StatusNotFound, `{"errors":[{"code":"not_found|order","message":"Order not found."}]}`)
		})
		_, err := newTestClient(t, srv.URL, nil).SubaccountOrder(t.Context(), 42, false, false)
		if !IsNotFound(err) {
			t.Fatalf("err = %v, want a 404", err)
		}
		if srv.count() != 1 {
			t.Errorf("a 404 was sent %d times, want once", srv.count())
		}
	})
	t.Run("403", func(t *testing.T) {
		srv := newAPIServer(t, func(w http.ResponseWriter, _ *http.Request, _ int, _ *seenRequest) {
			reply(w, http.StatusForbidden, `{"errors":[{"code":"access_denied|missing_permission","message":"You do not have permission to view subaccount orders."}]}`)
		})
		_, err := newTestClient(t, srv.URL, nil).SubaccountOrder(t.Context(), 42, false, false)
		apiErr, ok := AsAPIError(err)
		if !ok || apiErr.StatusCode != 403 || !apiErr.HasCode("access_denied") || !strings.Contains(err.Error(), "permission to view subaccount orders") {
			t.Fatalf("err = %v, want the 403 with its message", err)
		}
	})
	t.Run("5xx is retried", func(t *testing.T) {
		srv := newAPIServer(t, func(w http.ResponseWriter, _ *http.Request, n int, _ *seenRequest) {
			if n == 1 {
				reply(w, http.StatusServiceUnavailable, `{"errors":[{"code":"server_error","message":"try later"}]}`)
				return
			}
			reply(w, http.StatusOK, subaccountExample4)
		})
		got, err := newTestClient(t, srv.URL, nil).SubaccountOrder(t.Context(), 123456, false, false)
		if err != nil || got.ID != 123456 || srv.count() != 2 {
			t.Fatalf("got %+v, %v after %d requests; want the order after a retry", got, err, srv.count())
		}
	})
	t.Run("undecodable answer", func(t *testing.T) {
		_, cl := serveSubaccountDoc(t, `{"id": 1, "validity_years": 1 "cs_provisioning_method": "email"}`)
		if _, err := cl.SubaccountOrder(t.Context(), 1, false, false); err == nil || !strings.Contains(err.Error(), "decoding") {
			t.Fatalf("err = %v, want a decoding error", err)
		}
	})
}
