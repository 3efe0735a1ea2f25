package provider

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

const subAddr = "data.digicert_subaccount_order.test"

// The order IDs of the page's examples: 1 and 4 share one, 2 and 3 the other.
const (
	subExample14ID = 123456
	subExample23ID = 12345678
)

func subaccountOrderConfig(s *sandbox.Server, apiKey string, orderID int, extra string) string {
	return acctest.ProviderConfigWithKey(s, apiKey) + fmt.Sprintf(`
data "digicert_subaccount_order" "test" {
  order_id = %[1]d
%[2]s}
`, orderID, extra)
}

// subaccountOrderPath is the sandbox path of the subaccount order endpoint.
const subaccountOrderPath = "/services/v2/account/subaccount/order/"

// checkSubaccountQueries checks that the sandbox saw at least one
// subaccount order request since the step's PreConfig reset, each with
// exactly rawQuery.
func checkSubaccountQueries(s *sandbox.Server, orderID int, rawQuery string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		n := 0
		for _, r := range s.Requests() {
			if !strings.HasPrefix(r.Path, subaccountOrderPath) {
				continue
			}
			n++
			if r.Method != "GET" || r.Path != subaccountOrderPath+strconv.Itoa(orderID) {
				return fmt.Errorf("request %s %s, want GET %s%d", r.Method, r.Path, subaccountOrderPath, orderID)
			}
			if r.RawQuery != rawQuery {
				return fmt.Errorf("request query %q, want %q", r.RawQuery, rawQuery)
			}
		}
		if n == 0 {
			return fmt.Errorf("the sandbox saw no subaccount order request")
		}
		return nil
	}
}

// at builds a path below the data source's root attribute name.
func dsAt(name string, steps ...any) tfjsonpath.Path {
	p := tfjsonpath.New(name)
	for _, s := range steps {
		switch v := s.(type) {
		case string:
			p = p.AtMapKey(v)
		case int:
			p = p.AtSliceIndex(v)
		}
	}
	return p
}

func dsExpect(addr string, p tfjsonpath.Path, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, p, v)
}

func dsStr(v string) knownvalue.Check { return knownvalue.StringExact(v) }
func dsI64(v int64) knownvalue.Check  { return knownvalue.Int64Exact(v) }
func dsStrs(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.ListExact(checks)
}

var dsNull = knownvalue.Null()

// dsErrorRe matches each of texts, in order, however Terraform wraps the
// diagnostic's lines (texts are typically the summary, then the detail).
func dsErrorRe(texts ...string) *regexp.Regexp {
	res := make([]string, len(texts))
	for i, text := range texts {
		words := strings.Fields(text)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		res[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(res, `.*`))
}

// Example 1: a pending order of an immediate subaccount, without validations
// or provisioning method even when they are asked for.
func TestAccSubaccountOrderDataSource_documentedExample1(t *testing.T) {
	s := acctest.StartSandbox(t)
	checks := []statecheck.StateCheck{
		dsExpect(subAddr, dsAt("id"), dsI64(123456)),
		dsExpect(subAddr, dsAt("certificate", "id"), dsI64(101015)),
		dsExpect(subAddr, dsAt("certificate", "common_name"), dsStr("example.com")),
		dsExpect(subAddr, dsAt("certificate", "dns_names"), dsStrs("sub.example.com")),
		dsExpect(subAddr, dsAt("certificate", "signature_hash"), dsStr("sha256")),
		dsExpect(subAddr, dsAt("certificate", "ca_cert", "id"), dsStr("A937018B9FAF6CC2")),
		dsExpect(subAddr, dsAt("certificate", "ca_cert", "name"), dsStr("DigiCert Global G2 TLS RSA SHA256 2020 CA1")),
		// Issued-only certificate fields, and organization_units, are absent.
		dsExpect(subAddr, dsAt("certificate", "thumbprint"), dsNull),
		dsExpect(subAddr, dsAt("certificate", "serial_number"), dsNull),
		dsExpect(subAddr, dsAt("certificate", "valid_from"), dsNull),
		dsExpect(subAddr, dsAt("certificate", "valid_till"), dsNull),
		dsExpect(subAddr, dsAt("certificate", "days_remaining"), dsNull),
		dsExpect(subAddr, dsAt("certificate", "organization_units"), dsNull),
		dsExpect(subAddr, dsAt("organization", "id"), dsI64(334455)),
		dsExpect(subAddr, dsAt("organization", "name"), dsStr("Real Organization, LLC")),
		dsExpect(subAddr, dsAt("organization", "assumed_name"), dsStr("Real Organization")),
		dsExpect(subAddr, dsAt("organization", "display_name"), dsStr("Real Organization, LLC (Real Organization)")),
		dsExpect(subAddr, dsAt("subaccount", "account_id"), dsI64(123445)),
		dsExpect(subAddr, dsAt("subaccount", "account_type"), dsStr("enterprise")),
		dsExpect(subAddr, dsAt("subaccount", "organization_name"), dsStr("Sub account organization")),
		dsExpect(subAddr, dsAt("product", "name_id"), dsStr("ssl_securesite")),
		dsExpect(subAddr, dsAt("product", "name"), dsStr("Secure Site SSL")),
		dsExpect(subAddr, dsAt("product", "type"), dsStr("ssl_certificate")),
		dsExpect(subAddr, dsAt("order_price", "cost"), knownvalue.Float64Exact(399)),
		dsExpect(subAddr, dsAt("order_price", "currency"), dsStr("USD")),
		dsExpect(subAddr, dsAt("order_prices"), dsNull),
		dsExpect(subAddr, dsAt("status"), dsStr("pending")),
		dsExpect(subAddr, dsAt("number_of_sans"), dsI64(1)),
		dsExpect(subAddr, dsAt("date_created"), dsStr("2019-06-21T09:06:47+00:00")),
		dsExpect(subAddr, dsAt("date_issued"), dsNull),
		dsExpect(subAddr, dsAt("is_multi_year_plan"), dsNull),
		dsExpect(subAddr, dsAt("order_valid_from"), dsNull),
		dsExpect(subAddr, dsAt("order_valid_till"), dsNull),
		dsExpect(subAddr, dsAt("validity_years"), dsI64(1)),
		dsExpect(subAddr, dsAt("cs_provisioning_method"), dsNull),
		dsExpect(subAddr, dsAt("subaccount_order_validations"), dsNull),
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: s.ResetRequests,
				Config:    subaccountOrderConfig(s, s.APIKey(), subExample14ID, ""),
				Check:     checkSubaccountQueries(s, subExample14ID, ""),
				ConfigStateChecks: append([]statecheck.StateCheck{
					dsExpect(subAddr, dsAt("order_id"), dsI64(123456)),
					dsExpect(subAddr, dsAt("include_validation_status"), knownvalue.Bool(false)),
					dsExpect(subAddr, dsAt("include_cs_provisioning_method"), knownvalue.Bool(false)),
				}, checks...),
			},
			{
				// Asked for, but example 1 has neither: still null.
				PreConfig: s.ResetRequests,
				Config: subaccountOrderConfig(s, s.APIKey(), subExample14ID, `  include_validation_status      = true
  include_cs_provisioning_method = true
`),
				Check: checkSubaccountQueries(s, subExample14ID, "include_cs_provisioning_method=true&include_validation_status=true"),
				ConfigStateChecks: append([]statecheck.StateCheck{
					dsExpect(subAddr, dsAt("include_validation_status"), knownvalue.Bool(true)),
					dsExpect(subAddr, dsAt("include_cs_provisioning_method"), knownvalue.Bool(true)),
				}, checks...),
			},
		},
	})
}

// Example 2: a pending multi-year OV order with its validations.
func TestAccSubaccountOrderDataSource_documentedExample2Validations(t *testing.T) {
	s := acctest.StartSandbox(t)
	common := []statecheck.StateCheck{
		dsExpect(subAddr, dsAt("id"), dsI64(12345678)),
		dsExpect(subAddr, dsAt("certificate", "id"), dsI64(23456)),
		dsExpect(subAddr, dsAt("certificate", "dns_names"), dsStrs("example.com", "subdomain.example.com")),
		dsExpect(subAddr, dsAt("certificate", "ca_cert", "id"), dsStr("<ca_cert_id>")),
		dsExpect(subAddr, dsAt("certificate", "ca_cert", "name"), dsStr("<ca_cert_name>")),
		dsExpect(subAddr, dsAt("certificate", "serial_number"), dsNull),
		dsExpect(subAddr, dsAt("organization", "id"), dsI64(1875789)),
		dsExpect(subAddr, dsAt("organization", "assumed_name"), dsStr("Example")),
		dsExpect(subAddr, dsAt("organization", "display_name"), dsStr("Example Co. (Example)")),
		dsExpect(subAddr, dsAt("subaccount", "account_id"), dsI64(12345)),
		dsExpect(subAddr, dsAt("subaccount", "account_type"), dsStr("retail")),
		dsExpect(subAddr, dsAt("subaccount", "organization_name"), dsStr("Subaccount Inc.")),
		dsExpect(subAddr, dsAt("product", "name_id"), dsStr("ssl_basic")),
		dsExpect(subAddr, dsAt("product", "name"), dsStr("Basic OV")),
		dsExpect(subAddr, dsAt("status"), dsStr("pending")),
		dsExpect(subAddr, dsAt("date_created"), dsStr("2023-12-11T22:12:26+00:00")),
		dsExpect(subAddr, dsAt("is_multi_year_plan"), knownvalue.Bool(true)),
		dsExpect(subAddr, dsAt("validity_years"), dsI64(1)),
		dsExpect(subAddr, dsAt("order_price", "cost"), knownvalue.Float64Exact(295)),
		dsExpect(subAddr, dsAt("order_price", "currency"), dsStr("USD")),
		// Example 2 has no number_of_sans, no issued-only fields.
		dsExpect(subAddr, dsAt("number_of_sans"), dsNull),
		dsExpect(subAddr, dsAt("date_issued"), dsNull),
		dsExpect(subAddr, dsAt("order_valid_till"), dsNull),
		dsExpect(subAddr, dsAt("order_prices"), dsNull),
		dsExpect(subAddr, dsAt("cs_provisioning_method"), dsNull),
	}
	v := func(steps ...any) tfjsonpath.Path { return dsAt("subaccount_order_validations", steps...) }
	ov := func(steps ...any) tfjsonpath.Path {
		return dsAt("subaccount_order_validations", append([]any{"organization_validations", 0}, steps...)...)
	}
	validations := []statecheck.StateCheck{
		dsExpect(subAddr, v("order_name_scope"), dsStr("base_domain")),
		dsExpect(subAddr, v("order_dcv_method"), dsStr("dns-txt-token")),
		dsExpect(subAddr, v("organization_validations"), knownvalue.ListSizeExact(1)),
		dsExpect(subAddr, ov("type"), dsStr("ov")),
		dsExpect(subAddr, ov("name"), dsStr("OV")),
		dsExpect(subAddr, ov("description"), dsStr("Normal Organization Validation")),
		dsExpect(subAddr, ov("status"), dsStr("pending")),
		dsExpect(subAddr, ov("date_created"), dsNull),
		dsExpect(subAddr, ov("validated_until"), dsNull),
		dsExpect(subAddr, ov("verified_contacts"), dsNull),
		dsExpect(subAddr, ov("verification_details"), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"organization_type":              dsStr("pending"),
			"organization_status":            dsStr("pending"),
			"address_verification":           dsStr("pending"),
			"blacklist_fraud":                dsStr("pending"),
			"request_authenticity":           dsStr("pending"),
			"blacklist_fraud_malware":        dsNull,
			"operational_existence":          dsNull,
			"place_of_business_verification": dsNull,
			"phone_number_verification":      dsNull,
			"approver_verification":          dsNull,
			"approver_blacklist":             dsNull,
			"logo_trademark":                 dsNull,
		})),
		dsExpect(subAddr, v("dns_name_validations"), knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectExact(map[string]knownvalue.Check{
				"status": dsStr("unapproved"), "method": dsNull, "name_scope": dsNull,
				"dns_names": dsStrs("subdomain.example.com"), "base_domain": dsStr("example.com"),
			}),
			knownvalue.ObjectExact(map[string]knownvalue.Check{
				"status": dsStr("unapproved"), "method": dsNull, "name_scope": dsNull,
				"dns_names": dsStrs("example.com"), "base_domain": dsStr("example.com"),
			}),
		})),
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:         s.ResetRequests,
				Config:            subaccountOrderConfig(s, s.APIKey(), subExample23ID, "  include_validation_status = true\n"),
				Check:             checkSubaccountQueries(s, subExample23ID, "include_validation_status=true"),
				ConfigStateChecks: append(append([]statecheck.StateCheck{}, common...), validations...),
			},
			{
				// Not asked for: not sent, and null.
				PreConfig: s.ResetRequests,
				Config:    subaccountOrderConfig(s, s.APIKey(), subExample23ID, "  include_validation_status = false\n"),
				Check:     checkSubaccountQueries(s, subExample23ID, ""),
				ConfigStateChecks: append([]statecheck.StateCheck{
					dsExpect(subAddr, dsAt("subaccount_order_validations"), dsNull),
					dsExpect(subAddr, dsAt("include_validation_status"), knownvalue.Bool(false)),
				}, common...),
			},
		},
	})
}

// Example 3: an issued order, with its provisioning method.
func TestAccSubaccountOrderDataSource_documentedExample3Issued(t *testing.T) {
	s := acctest.StartSandbox(t)
	s.SeedSubaccountOrder(s.APIKey(), subExample23ID, sandbox.DocumentedSubaccountExamples()[2])
	common := []statecheck.StateCheck{
		dsExpect(subAddr, dsAt("id"), dsI64(12345678)),
		dsExpect(subAddr, dsAt("certificate", "id"), dsI64(34567891)),
		dsExpect(subAddr, dsAt("certificate", "thumbprint"), dsStr("XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX70C5B")),
		dsExpect(subAddr, dsAt("certificate", "serial_number"), dsStr("XXXXXXXXXXXXXXXXXXXXXXXXXXXXXC5F")),
		dsExpect(subAddr, dsAt("certificate", "common_name"), dsStr("example.com")),
		dsExpect(subAddr, dsAt("certificate", "dns_names"), dsStrs("example.com")),
		dsExpect(subAddr, dsAt("certificate", "valid_from"), dsStr("2020-10-14")),
		dsExpect(subAddr, dsAt("certificate", "valid_till"), dsStr("2021-10-18")),
		dsExpect(subAddr, dsAt("certificate", "days_remaining"), dsI64(286)),
		dsExpect(subAddr, dsAt("certificate", "signature_hash"), dsStr("sha256")),
		dsExpect(subAddr, dsAt("certificate", "organization_units"), dsNull),
		dsExpect(subAddr, dsAt("certificate", "ca_cert", "id"), dsStr("A937018B9FAF6CC2")),
		dsExpect(subAddr, dsAt("organization", "id"), dsI64(123456)),
		dsExpect(subAddr, dsAt("organization", "name"), dsStr("Example Organization")),
		// Example 3's organization has no assumed_name.
		dsExpect(subAddr, dsAt("organization", "assumed_name"), dsNull),
		dsExpect(subAddr, dsAt("organization", "display_name"), dsStr("Example Organization")),
		dsExpect(subAddr, dsAt("subaccount", "account_id"), dsI64(2345678)),
		dsExpect(subAddr, dsAt("subaccount", "organization_name"), dsStr("Example account")),
		dsExpect(subAddr, dsAt("product", "type"), dsStr("ssl_certificate")),
		dsExpect(subAddr, dsAt("order_price", "cost"), knownvalue.Float64Exact(358)),
		dsExpect(subAddr, dsAt("status"), dsStr("issued")),
		dsExpect(subAddr, dsAt("number_of_sans"), dsNull),
		dsExpect(subAddr, dsAt("date_created"), dsStr("2020-10-14T15:18:50+00:00")),
		dsExpect(subAddr, dsAt("date_issued"), dsStr("2020-10-14T15:18:52+00:00")),
		dsExpect(subAddr, dsAt("is_multi_year_plan"), knownvalue.Bool(true)),
		dsExpect(subAddr, dsAt("order_valid_from"), dsStr("2020-10-14")),
		dsExpect(subAddr, dsAt("order_valid_till"), dsStr("2021-10-19")),
		dsExpect(subAddr, dsAt("validity_years"), dsI64(1)),
		dsExpect(subAddr, dsAt("order_prices"), dsNull),
		dsExpect(subAddr, dsAt("subaccount_order_validations"), dsNull),
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: s.ResetRequests,
				Config:    subaccountOrderConfig(s, s.APIKey(), subExample23ID, "  include_cs_provisioning_method = true\n"),
				Check:     checkSubaccountQueries(s, subExample23ID, "include_cs_provisioning_method=true"),
				ConfigStateChecks: append([]statecheck.StateCheck{
					dsExpect(subAddr, dsAt("cs_provisioning_method"), dsStr("email")),
				}, common...),
			},
			{
				PreConfig: s.ResetRequests,
				Config:    subaccountOrderConfig(s, s.APIKey(), subExample23ID, ""),
				Check:     checkSubaccountQueries(s, subExample23ID, ""),
				ConfigStateChecks: append([]statecheck.StateCheck{
					dsExpect(subAddr, dsAt("cs_provisioning_method"), dsNull),
				}, common...),
			},
		},
	})
}

// Example 4: an order of a sub-subaccount, without certificate and
// organization.
func TestAccSubaccountOrderDataSource_documentedExample4NoCertificate(t *testing.T) {
	s := acctest.StartSandbox(t)
	s.SeedSubaccountOrder(s.APIKey(), subExample14ID, sandbox.DocumentedSubaccountExamples()[3])
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: s.ResetRequests,
			Config: subaccountOrderConfig(s, s.APIKey(), subExample14ID, `  include_validation_status      = true
  include_cs_provisioning_method = true
`),
			Check: checkSubaccountQueries(s, subExample14ID, "include_cs_provisioning_method=true&include_validation_status=true"),
			ConfigStateChecks: []statecheck.StateCheck{
				dsExpect(subAddr, dsAt("id"), dsI64(123456)),
				dsExpect(subAddr, dsAt("certificate"), dsNull),
				dsExpect(subAddr, dsAt("organization"), dsNull),
				dsExpect(subAddr, dsAt("subaccount", "account_id"), dsI64(123445)),
				dsExpect(subAddr, dsAt("subaccount", "account_type"), dsStr("enterprise")),
				dsExpect(subAddr, dsAt("subaccount", "organization_name"), dsStr("Sub account organization")),
				dsExpect(subAddr, dsAt("product", "name_id"), dsStr("ssl_plus")),
				dsExpect(subAddr, dsAt("product", "name"), dsStr("Standard SSL")),
				dsExpect(subAddr, dsAt("product", "type"), dsStr("ssl_certificate")),
				dsExpect(subAddr, dsAt("order_price", "cost"), knownvalue.Float64Exact(198)),
				dsExpect(subAddr, dsAt("order_price", "currency"), dsStr("USD")),
				dsExpect(subAddr, dsAt("order_prices"), dsNull),
				dsExpect(subAddr, dsAt("status"), dsStr("pending")),
				dsExpect(subAddr, dsAt("number_of_sans"), dsI64(1)),
				dsExpect(subAddr, dsAt("date_created"), dsStr("2019-05-07T09:33:08+00:00")),
				dsExpect(subAddr, dsAt("date_issued"), dsNull),
				dsExpect(subAddr, dsAt("is_multi_year_plan"), dsNull),
				dsExpect(subAddr, dsAt("order_valid_from"), dsNull),
				dsExpect(subAddr, dsAt("order_valid_till"), dsNull),
				dsExpect(subAddr, dsAt("validity_years"), dsI64(1)),
				dsExpect(subAddr, dsAt("cs_provisioning_method"), dsNull),
				dsExpect(subAddr, dsAt("subaccount_order_validations"), dsNull),
			},
		}},
	})
}

// What the page documents but no example shows, and what real answers
// hold beyond the page: decimal costs (as numbers and strings), order_prices,
// every verification step, verified contacts, per-domain method and scope,
// the `[" "]` dns_names placeholder, unknown fields and an unknown status.
func TestAccSubaccountOrderDataSource_undocumentedInExamples(t *testing.T) {
	s := acctest.StartSandbox(t)
	const id = 7654321
	s.SeedSubaccountOrder(s.APIKey(), id, json.RawMessage(`{
		"id": 7654321,
		"brand_new_top_level": {"nested": [1, "two", null]},
		"certificate": {"id": 99, "common_name": "Jane Doe", "dns_names": [" "], "organization_units": ["Finance", "IT"],
			"signature_hash": "sha384", "ca_cert": {"id": "ABC", "name": "Some CA"}, "unheard_of": true},
		"subaccount": {"account_id": 700001, "account_type": "enterprise", "organization_name": "Sub Inc."},
		"product": {"name_id": "ev_code_signing", "name": "EV Code Signing", "type": "code_signing_certificate"},
		"order_price": {"cost": 358.75, "currency": "USD"},
		"order_prices": [{"cost": 12.5, "currency": "EUR"}, {"cost": "20.10", "currency": "GBP"}],
		"status": "awaiting_the_unknown",
		"date_created": "2024-01-02T03:04:05+00:00",
		"validity_years": 3,
		"subaccount_order_validations": {
			"order_name_scope": "fqdn",
			"order_dcv_method": "email",
			"organization_validations": [{
				"type": "ev_cs", "name": "EV CS", "description": "Extended Validation Code Signing",
				"date_created": "2024-01-02T03:04:05+00:00", "validated_until": "2025-01-02T03:04:05+00:00", "status": "active",
				"verified_contacts": [
					{"user_id": "0", "name": "Jim Smith", "first_name": "Jim", "last_name": "Smith", "job_title": "CTO",
					 "telephone": "555-555-5555", "email": "jim@example.org", "status": "active"},
					{"user_id": 4321, "first_name": "Ann", "status": "pending"}
				],
				"verification_details": {
					"organization_type": "complete", "organization_status": "complete", "address_verification": "complete",
					"blacklist_fraud": "complete", "blacklist_fraud_malware": "pending", "request_authenticity": "complete",
					"operational_existence": "complete", "place_of_business_verification": "complete",
					"phone_number_verification": "pending", "approver_verification": "complete",
					"approver_blacklist": "complete", "logo_trademark": "pending", "a_new_check": "pending"
				}
			}],
			"dns_name_validations": [{"status": "unapproved", "method": "dns-cname-token", "name_scope": "example.org",
				"dns_names": ["www.example.org"], "base_domain": "example.org"}]
		}
	}`))
	ov := func(steps ...any) tfjsonpath.Path {
		return dsAt("subaccount_order_validations", append([]any{"organization_validations", 0}, steps...)...)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: subaccountOrderConfig(s, s.APIKey(), id, "  include_validation_status = true\n"),
			ConfigStateChecks: []statecheck.StateCheck{
				dsExpect(subAddr, dsAt("status"), dsStr("awaiting_the_unknown")),
				// The placeholder is no name.
				dsExpect(subAddr, dsAt("certificate", "dns_names"), knownvalue.ListSizeExact(0)),
				dsExpect(subAddr, dsAt("certificate", "organization_units"), dsStrs("Finance", "IT")),
				dsExpect(subAddr, dsAt("order_price", "cost"), knownvalue.Float64Exact(358.75)),
				dsExpect(subAddr, dsAt("order_prices"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"cost": knownvalue.Float64Exact(12.5), "currency": dsStr("EUR")}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"cost": knownvalue.Float64Exact(20.1), "currency": dsStr("GBP")}),
				})),
				dsExpect(subAddr, dsAt("is_multi_year_plan"), dsNull),
				dsExpect(subAddr, dsAt("validity_years"), dsI64(3)),
				dsExpect(subAddr, ov("date_created"), dsStr("2024-01-02T03:04:05+00:00")),
				dsExpect(subAddr, ov("validated_until"), dsStr("2025-01-02T03:04:05+00:00")),
				dsExpect(subAddr, ov("status"), dsStr("active")),
				dsExpect(subAddr, ov("verified_contacts"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"user_id": dsStr("0"), "name": dsStr("Jim Smith"), "first_name": dsStr("Jim"), "last_name": dsStr("Smith"),
						"job_title": dsStr("CTO"), "telephone": dsStr("555-555-5555"), "email": dsStr("jim@example.org"), "status": dsStr("active"),
					}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"user_id": dsStr("4321"), "name": dsNull, "first_name": dsStr("Ann"), "last_name": dsNull,
						"job_title": dsNull, "telephone": dsNull, "email": dsNull, "status": dsStr("pending"),
					}),
				})),
				dsExpect(subAddr, ov("verification_details"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"organization_type":              dsStr("complete"),
					"organization_status":            dsStr("complete"),
					"address_verification":           dsStr("complete"),
					"blacklist_fraud":                dsStr("complete"),
					"blacklist_fraud_malware":        dsStr("pending"),
					"request_authenticity":           dsStr("complete"),
					"operational_existence":          dsStr("complete"),
					"place_of_business_verification": dsStr("complete"),
					"phone_number_verification":      dsStr("pending"),
					"approver_verification":          dsStr("complete"),
					"approver_blacklist":             dsStr("complete"),
					"logo_trademark":                 dsStr("pending"),
				})),
				dsExpect(subAddr, dsAt("subaccount_order_validations", "dns_name_validations", 0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"status": dsStr("unapproved"), "method": dsStr("dns-cname-token"), "name_scope": dsStr("example.org"),
					"dns_names": dsStrs("www.example.org"), "base_domain": dsStr("example.org"),
				})),
			},
		}},
	})
}

// Orders placed by real sandbox subaccounts: an immediate subaccount's order
// through its life, and a sub-subaccount's order without certificate and
// organization.
func TestAccSubaccountOrderDataSource_sandboxSubaccountOrders(t *testing.T) {
	s := acctest.StartSandbox(t)
	subKey, err := s.NewSubaccount(s.APIKey(), "retail")
	if err != nil {
		t.Fatal(err)
	}
	subSubKey, err := s.NewSubaccount(subKey, "")
	if err != nil {
		t.Fatal(err)
	}
	subOrder := createSandboxDVOrder(t, s, subKey, "shop.example.net", "www.shop.example.net")
	subSubOrder := createSandboxDVOrder(t, s, subSubKey, "deep.example.net")
	config := acctest.ProviderConfig(s) + fmt.Sprintf(`
data "digicert_subaccount_order" "test" {
  order_id                       = %[1]d
  include_validation_status      = true
  include_cs_provisioning_method = true
}

data "digicert_subaccount_order" "deep" {
  order_id = %[2]d
}
`, subOrder, subSubOrder)
	const deep = "data.digicert_subaccount_order.deep"
	dnsValidation := func(name, status string, method, scope knownvalue.Check) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"status": dsStr(status), "method": method, "name_scope": scope, "dns_names": dsStrs(name), "base_domain": dsStr("example.net"),
		})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					dsExpect(subAddr, dsAt("id"), dsI64(int64(subOrder))),
					dsExpect(subAddr, dsAt("status"), dsStr("pending")),
					dsExpect(subAddr, dsAt("subaccount", "account_type"), dsStr("retail")),
					dsExpect(subAddr, dsAt("certificate", "common_name"), dsStr("shop.example.net")),
					dsExpect(subAddr, dsAt("certificate", "serial_number"), dsNull),
					dsExpect(subAddr, dsAt("product", "name_id"), dsStr("ssl_dv_rapidssl")),
					dsExpect(subAddr, dsAt("date_issued"), dsNull),
					dsExpect(subAddr, dsAt("cs_provisioning_method"), dsStr("email")),
					dsExpect(subAddr, dsAt("subaccount_order_validations", "order_dcv_method"), dsStr("dns-txt-token")),
					dsExpect(subAddr, dsAt("subaccount_order_validations", "organization_validations"), dsNull),
					dsExpect(subAddr, dsAt("subaccount_order_validations", "dns_name_validations"), knownvalue.ListExact([]knownvalue.Check{
						dnsValidation("shop.example.net", "unapproved", dsStr("dns-txt-token"), knownvalue.NotNull()),
						dnsValidation("www.shop.example.net", "unapproved", dsStr("dns-txt-token"), knownvalue.NotNull()),
					})),
					dsExpect(deep, dsAt("id"), dsI64(int64(subSubOrder))),
					dsExpect(deep, dsAt("certificate"), dsNull),
					dsExpect(deep, dsAt("organization"), dsNull),
					dsExpect(deep, dsAt("subaccount", "account_type"), dsStr("enterprise")),
					dsExpect(deep, dsAt("subaccount_order_validations"), dsNull),
					dsExpect(deep, dsAt("cs_provisioning_method"), dsNull),
				},
			},
			{
				PreConfig: func() {
					if err := s.CompleteDCV(subOrder); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				Check: func(st *terraform.State) error {
					o, _ := s.Order(subOrder)
					return resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr(subAddr, "certificate.serial_number", o.SerialNumber),
						resource.TestCheckResourceAttr(subAddr, "certificate.thumbprint", o.Thumbprint),
						resource.TestCheckResourceAttr(subAddr, "certificate.valid_till", o.ValidTill.UTC().Format("2006-01-02")),
					)(st)
				},
				ConfigStateChecks: []statecheck.StateCheck{
					dsExpect(subAddr, dsAt("status"), dsStr("issued")),
					dsExpect(subAddr, dsAt("date_issued"), knownvalue.NotNull()),
					dsExpect(subAddr, dsAt("order_valid_till"), knownvalue.NotNull()),
					dsExpect(subAddr, dsAt("certificate", "days_remaining"), knownvalue.NotNull()),
					dsExpect(subAddr, dsAt("subaccount_order_validations", "dns_name_validations"), knownvalue.ListExact([]knownvalue.Check{
						dnsValidation("shop.example.net", "approved", dsNull, dsNull),
						dnsValidation("www.shop.example.net", "approved", dsNull, dsNull),
					})),
				},
			},
		},
	})
}

// createSandboxDVOrder places a pending dns-txt-token DV order (skip_approval) with
// apiKey through the sandbox control API.
func createSandboxDVOrder(t *testing.T, s *sandbox.Server, apiKey, commonName string, dnsNames ...string) int {
	t.Helper()
	body, err := json.Marshal(map[string]any{
		"certificate":    map[string]any{"common_name": commonName, "dns_names": dnsNames, "csr": acctest.CSR(t, commonName)},
		"validity_years": 1,
		"dcv_method":     "dns-txt-token",
		"skip_approval":  true,
	})
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.CreateOrder(apiKey, "ssl_dv_rapidssl", body)
	if err != nil {
		t.Fatalf("creating an order in the sandbox: %v", err)
	}
	return id
}

func TestAccSubaccountOrderDataSource_notFound(t *testing.T) {
	s := acctest.StartSandbox(t)
	ownOrder := createSandboxDVOrder(t, s, s.APIKey(), "own.example.com")
	otherAccount := s.NewAccount(false)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      subaccountOrderConfig(s, s.APIKey(), 42, ""),
				ExpectError: dsErrorRe("Order Not Found", "CertCentral has no order 42 placed by a subaccount of this account: the order does not exist, or it was not placed by a subaccount"),
			},
			{
				// The account's own order is not a subaccount order.
				Config:      subaccountOrderConfig(s, s.APIKey(), ownOrder, ""),
				ExpectError: dsErrorRe(fmt.Sprintf("has no order %d placed by a subaccount of this account", ownOrder)),
			},
			{
				// Another account does not see this account's subaccount orders.
				Config:      subaccountOrderConfig(s, otherAccount, subExample14ID, ""),
				ExpectError: dsErrorRe("has no order 123456 placed by a subaccount of this account"),
			},
		},
	})
}

func TestAccSubaccountOrderDataSource_permissionMissing(t *testing.T) {
	s := acctest.StartSandbox(t)
	viewOnly, err := s.AddAPIKey(s.APIKey(), true)
	if err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// A View Only key may read: the endpoint is a GET.
				Config: subaccountOrderConfig(s, viewOnly, subExample14ID, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					dsExpect(subAddr, dsAt("product", "name_id"), dsStr("ssl_securesite")),
				},
			},
			{
				// CertCentral's documented 403 for a key without the permission.
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{
						Method: "GET", PathPrefix: "/account/subaccount/order/", Kind: sandbox.FaultStatus, Status: 403,
						ContentType: "application/json",
						Body:        `{"errors":[{"code":"access_denied|missing_permission","message":"You do not have the permission to view subaccount orders."}]}`,
					})
				},
				Config:      subaccountOrderConfig(s, viewOnly, subExample14ID, ""),
				ExpectError: dsErrorRe("Permission Missing", `CertCentral refused to show subaccount order 123456: the API key lacks the permission to view the orders of subaccounts. CertCentral answered: HTTP 403 "You do not have the permission to view subaccount orders." (access_denied|missing_permission)`),
			},
		},
	})
}

func TestAccSubaccountOrderDataSource_invalidOrderID(t *testing.T) {
	s := acctest.StartSandbox(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      subaccountOrderConfig(s, s.APIKey(), 0, ""),
				PlanOnly:    true,
				ExpectError: dsErrorRe("Attribute order_id value must be at least 1, got: 0"),
			},
			{
				Config:      subaccountOrderConfig(s, s.APIKey(), -12345678, ""),
				PlanOnly:    true,
				ExpectError: dsErrorRe("Attribute order_id value must be at least 1, got: -12345678"),
			},
		},
	})
	if n := len(s.Requests()); n != 0 {
		t.Errorf("an invalid order_id sent %d requests to CertCentral, want none: %+v", n, s.Requests())
	}
}
