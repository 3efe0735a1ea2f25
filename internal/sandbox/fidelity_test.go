package sandbox

import (
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"testing"
)

// The rules of issue 17 (API fidelity), as the sandbox applies them: what it
// now accepts, what it refuses, and what it records.

func TestFidelityAccepted(t *testing.T) {
	s := newTestServer(t, Options{})
	dv := func(names ...string) map[string]any { return dvBody(t, "dns-txt-token", names...) }
	cases := []struct {
		name, product string
		body          map[string]any
		check         func(t *testing.T, o Order)
	}{
		// Names a wildcard does not cover are additional names, not errors.
		{"wildcard product foreign san", "wildcard_dv_rapidssl", dv("*.example.com", "other.org", "a.b.example.com"), func(t *testing.T, o Order) {
			if !reflect.DeepEqual(o.DNSNames, []string{"*.example.com", "other.org", "a.b.example.com"}) {
				t.Fatalf("names %v", o.DNSNames)
			}
		}},
		{"cloud wildcard san", "cloud_dv_geotrust", dv("example.com", "*.example.com"), nil},
		{"validity_days 1095", "ssl_dv_geotrust", set(set(dv("example.com"), "validity_years", deleteField), "validity_days", 1095), nil},
		// The page's own example sends "custom_expiration_date": "".
		{"empty custom_expiration_date", "ssl_dv_geotrust", set(dv("example.com"), "custom_expiration_date", ""), func(t *testing.T, o Order) {
			if o.ValidTill.Sub(o.DateCreated).Hours() > 400*24 {
				t.Fatalf("validity_years 1 expected, valid till %v", o.ValidTill)
			}
		}},
		{"locale zh_TW", "ssl_dv_geotrust", set(dv("example.com"), "locale", "zh_TW"), nil},
		{"dcv_emails name in another case", "ssl_dv_geotrust",
			set(dv("example.com", "www.example.com"), "dcv_emails", []any{map[string]any{"dns_name": "WWW.Example.COM", "email_domain": "example.com"}}), nil},
		{"dcv_emails wildcard base name", "wildcard_dv_geotrust",
			set(dv("*.example.com"), "dcv_emails", []any{map[string]any{"dns_name": "example.com", "email_domain": "example.com"}}), nil},
		{"dcv_emails public suffix base domain", "ssl_dv_geotrust",
			set(dv("www.example.co.uk"), "dcv_emails", []any{map[string]any{"dns_name": "www.example.co.uk", "email_domain": "example.co.uk"}}), nil},
		{"ind csr_key_type RSA", "ds_org_individual", set(individualBody(t), "certificate.csr_key_type", "RSA"), nil},
		{"ind key_size p-354", "ds_org_individual", set(set(set(set(individualBody(t), "certificate.csr", deleteField), "cs_provisioning_method", "client_app"),
			"certificate.csr_key_type", "ecc"), "certificate.key_size", "p-354"), nil},
		{"ind key_size p-354 with a P-384 CSR", "ds_org_individual", set(set(set(individualBody(t), "certificate.csr", testCSR(t, "p384")),
			"certificate.csr_key_type", "ecc"), "certificate.key_size", "p-354"), nil},
		{"ds card with details", "document_signing_org_1", set(set(set(dsOrgBody(t), "payment_method", "card"),
			"credit_card", map[string]any{"number": "4111111111111111", "expiration_month": "12", "expiration_year": "2030", "cvv": "333", "cardholder_name": "Rene Pierce", "set_as_default": "0"}),
			"billing_address", map[string]any{"address": "1 Main", "city": "Lehi", "state": "ut", "zip": "84043", "country": "us"}), nil},
		// With an id, the details of a new organization are read and not used.
		{"ds organization id and details", "document_signing_org_1", set(dsOrgBody(t), "organization",
			map[string]any{"id": DefaultOrganizationID, "name": "Other Co", "address": "1 Main", "city": "Lehi", "zip": "84043", "country": "us"}), func(t *testing.T, o Order) {
			if o.OrganizationID != DefaultOrganizationID {
				t.Fatalf("organization %d, want %d", o.OrganizationID, DefaultOrganizationID)
			}
		}},
		{"ds ship_info with client_app", "document_signing_org_1", set(dsOrgBody(t), "cs_provisioning_method", "client_app"), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := call(t, s, "POST", "/order/certificate/"+c.product, s.APIKey(), c.body)
			mustStatus(t, r, http.StatusCreated)
			o, _ := s.Order(int(asFloat(t, r.json(t)["id"])))
			if len(o.UnknownFields) != 0 {
				t.Fatalf("unknown fields %v", o.UnknownFields)
			}
			if c.check != nil {
				c.check(t, o)
			}
		})
	}
}

func TestFidelityRefused(t *testing.T) {
	s := newTestServer(t, Options{})
	dv := func(names ...string) map[string]any { return dvBody(t, "dns-txt-token", names...) }
	cases := []struct {
		name, product string
		body          map[string]any
		codes         []string
	}{
		{"validity_days 1096", "ssl_dv_geotrust", set(set(dv("example.com"), "validity_years", deleteField), "validity_days", 1096), []string{"invalid_value:validity_days"}},
		{"only an empty custom_expiration_date", "ssl_dv_geotrust", set(set(dv("example.com"), "validity_years", deleteField), "custom_expiration_date", ""), []string{"missing_field:validity_years"}},
		{"locale sv", "ssl_dv_geotrust", set(dv("example.com"), "locale", "sv"), []string{"invalid_value:locale"}},
		{"locale pt_BR", "ssl_dv_geotrust", set(dv("example.com"), "locale", "pt_BR"), []string{"invalid_value:locale"}},
		{"numeric tld", "ssl_dv_geotrust", dv("example.123"), []string{"invalid_value:certificate.common_name"}},
		{"ipv4 san", "cloud_dv_geotrust", dv("example.com", "1.2.3.4"), []string{"invalid_value:certificate.dns_names"}},
		{"container 0", "ssl_dv_geotrust", set(dv("example.com"), "container", map[string]any{"id": 0}), []string{"invalid_value:container.id"}},
		{"container -1", "ssl_dv_geotrust", set(dv("example.com"), "container", map[string]any{"id": -1}), []string{"invalid_value:container.id"}},
		{"dcv_emails twice for one name", "ssl_dv_geotrust", set(dv("example.com"), "dcv_emails", []any{
			map[string]any{"dns_name": "example.com", "email_domain": "example.com"},
			map[string]any{"dns_name": "EXAMPLE.com", "email_domain": "example.com"}}), []string{"invalid_value:dcv_emails.dns_name"}},
		{"dcv_emails email_domain a suffix", "ssl_dv_geotrust", set(dv("www.example.com"), "dcv_emails", []any{
			map[string]any{"dns_name": "www.example.com", "email_domain": "com"}}), []string{"invalid_value:dcv_emails.email_domain"}},
		{"dcv_emails email_domain a subdomain", "ssl_dv_geotrust", set(dv("a.b.example.com"), "dcv_emails", []any{
			map[string]any{"dns_name": "a.b.example.com", "email_domain": "b.example.com"}}), []string{"invalid_value:dcv_emails.email_domain"}},
		{"dcv_emails email_domain co.uk", "ssl_dv_geotrust", set(dv("www.example.co.uk"), "dcv_emails", []any{
			map[string]any{"dns_name": "www.example.co.uk", "email_domain": "co.uk"}}), []string{"invalid_value:dcv_emails.email_domain"}},
		{"ds card without details", "document_signing_org_2", set(dsOrgBody(t), "payment_method", "card"), []string{"missing_field:billing_address", "missing_field:credit_card"}},
		{"ds card data with balance", "document_signing_org_2", set(dsOrgBody(t), "billing_address", map[string]any{"address": "1 Main", "city": "Paris", "country": "fr"}), []string{"invalid_value:billing_address"}},
		{"ind key_size p-354 with a P-256 CSR", "ds_org_individual", set(set(set(individualBody(t), "certificate.csr", testCSR(t, "p256")),
			"certificate.csr_key_type", "ecc"), "certificate.key_size", "p-354"), []string{"invalid_value:certificate.key_size"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := call(t, s, "POST", "/order/certificate/"+c.product, s.APIKey(), c.body)
			mustStatus(t, r, http.StatusBadRequest)
			want := append([]string(nil), c.codes...)
			sort.Strings(want)
			if got := r.codes(t); !reflect.DeepEqual(got, want) {
				t.Fatalf("codes %v, want %v\n%s", got, want, r.Body)
			}
		})
	}
}

// Locales is the list validateDV checks (the provider's tests compare it
// with the provider's own list).
func TestLocalesAreChecked(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, l := range Locales() {
		placeOrder(t, s, "ssl_dv_geotrust", set(dvBody(t, "email", "example.com"), "locale", l))
	}
}

// Subaccount order info: number_of_sans counts the dns_names returned,
// base_domain follows the public suffix list, and cs_provisioning_method is
// reported for TLS orders as the page's example 3 (an ssl_basic order) does.
func TestFidelitySubaccountOrder(t *testing.T) {
	s := newTestServer(t, Options{})
	sub, err := s.NewSubaccount(s.APIKey(), "retail")
	if err != nil {
		t.Fatal(err)
	}
	r := call(t, s, "POST", "/order/certificate/ssl_dv_geotrust", sub, dvBody(t, "dns-txt-token", "www.example.co.uk", "example.co.uk", "shop.example.co.uk"))
	mustStatus(t, r, http.StatusCreated)
	id := strconv.Itoa(int(asFloat(t, r.json(t)["id"])))
	m := call(t, s, "GET", "/account/subaccount/order/"+id+"?include_validation_status=true&include_cs_provisioning_method=true", s.APIKey(), nil).json(t)
	names := asSlice(t, asMap(t, m["certificate"])["dns_names"])
	if n := asFloat(t, m["number_of_sans"]); int(n) != len(names) || len(names) != 3 {
		t.Fatalf("number_of_sans %v, dns_names %v", n, names)
	}
	for _, v := range asSlice(t, asMap(t, m["subaccount_order_validations"])["dns_name_validations"]) {
		if b := asMap(t, v)["base_domain"]; b != "example.co.uk" {
			t.Fatalf("base_domain %v, want example.co.uk", b)
		}
	}
	if m["cs_provisioning_method"] != "email" {
		t.Fatalf("cs_provisioning_method %v", m["cs_provisioning_method"])
	}
}
