package provider

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// What the docs allow is accepted, by the provider at plan time and by the
// sandbox when the order arrives, and sent as configured (issue 17: API
// fidelity). The refusals are cases of the planTimeValidation tests.

// orderPOSTsBy returns the order POST bodies received, keyed by their
// certificate.common_name (DV) or subject.email (document signing).
func orderPOSTsBy(t *testing.T, s *sandbox.Server) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, r := range acctest.OrderPOSTs(s) {
		var body map[string]any
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Fatalf("order body %s: %v", r.Body, err)
		}
		key := ""
		if c, ok := body["certificate"].(map[string]any); ok && c["common_name"] != nil {
			key = fmt.Sprint(c["common_name"])
		} else if subj, ok := body["subject"].(map[string]any); ok {
			key = fmt.Sprint(subj["email"])
		}
		out[key] = body
	}
	return out
}

func TestAccDVSSLOrder_fidelityAccepted(t *testing.T) {
	s := acctest.StartSandbox(t)
	order := func(name, product, cn, extraCert, extra string) string {
		return fmt.Sprintf(`
resource "digicert_dv_ssl_order" %[1]q {
  product_name_id = %[2]q
  certificate = {
    common_name = %[3]q
    csr         = %[4]q
    %[5]s
  }
  dcv_method = "dns-txt-token"
%[6]s
}
`, name, product, cn, acctest.CSR(t, cn), extraCert, extra)
	}
	cfg := acctest.ProviderConfig(s) +
		// The page's example sends "custom_expiration_date": "".
		order("empty_date", "ssl_dv_geotrust", "date.example.org", "", "  validity_years = 1\n  custom_expiration_date = \"\"") +
		order("cloud_wildcard", "cloud_dv_geotrust", "cloud.example.org", `dns_names = ["*.example.org"]`, "  validity_years = 1") +
		// Not covered by the wildcard: an additional name (a warning).
		order("uncovered", "wildcard_dv_rapidssl", "*.wild.example.org", `dns_names = ["wild.example.org", "www.wild.example.org", "other.example.net"]`, "  validity_years = 1") +
		order("case", "ssl_dv_geotrust", "mail.example.org", "", "  validity_years = 1\n  dcv_emails = [{ dns_name = \"MAIL.Example.org\", email_domain = \"example.org\" }]") +
		order("wildcard_base", "wildcard_dv_geotrust", "*.w2.example.org", "", "  validity_years = 1\n  dcv_emails = [{ dns_name = \"w2.example.org\", email_domain = \"example.org\" }]") +
		order("locale_days", "ssl_dv_geotrust", "days.example.org", "", "  validity_days = 1095\n  locale = \"zh_TW\"")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s),
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				checkOrderCount(s, 6),
				func(*terraform.State) error {
					posts := orderPOSTsBy(t, s)
					if len(posts) != 6 {
						return fmt.Errorf("%d order bodies, want 6", len(posts))
					}
					if _, sent := posts["date.example.org"]["custom_expiration_date"]; sent {
						return fmt.Errorf("the empty custom_expiration_date was sent: %v", posts["date.example.org"])
					}
					wild, _ := posts["*.wild.example.org"]["certificate"].(map[string]any)
					if got := wild["dns_names"]; fmt.Sprint(got) != "[wild.example.org www.wild.example.org other.example.net]" {
						return fmt.Errorf("dns_names sent %v", got)
					}
					if got := posts["mail.example.org"]["dcv_emails"]; fmt.Sprint(got) != "[map[dns_name:MAIL.Example.org email_domain:example.org]]" {
						return fmt.Errorf("dcv_emails sent %v", got)
					}
					if b := posts["days.example.org"]; b["locale"] != "zh_TW" || b["validity_days"] != float64(1095) {
						return fmt.Errorf("locale/validity_days sent %v", b)
					}
					return nil
				},
			),
		}},
	})
}

// The warnings that replaced refusals: the plan succeeds, says why, and
// places nothing.
func TestAccCLIFidelity_warnings(t *testing.T) {
	s := acctest.StartSandbox(t)
	r := clitest.New(t, clitest.Providers{"digicert": providerserver.NewProtocol6WithError(New("test")())})
	cases := []struct {
		name, config string
		want         []string
	}{
		{"wildcard does not cover a name", fmt.Sprintf(`
resource "digicert_dv_ssl_order" "test" {
  product_name_id = "wildcard_dv_geotrust"
  certificate = {
    common_name = "*.example.org"
    dns_names   = ["example.org", "a.b.example.org"]
    csr         = %q
  }
  validity_years = 1
  dcv_method     = "dns-txt-token"
}
`, acctest.CSR(t, "*.example.org")), []string{"Warning: Name Not Covered by the Wildcard", `"a.b.example.org" is not covered by the wildcard *.example.org`}},
		{"ship_info without ship_token", dsignOrgMinimal().with("cs_provisioning_method", `"client_app"`).with("ship_info", dsignShipInfoOrg).resource(),
			[]string{"Warning: Shipping Address Without a Shipped Token", `cs_provisioning_method is "client_app"`}},
		{"organization id and details", dsignOrgMinimal().with("organization", `{
    id   = 334455
    name = "Example LLC"
  }`).resource(), []string{"Warning: Existing and New Organization Both Given", "CertCentral uses the organization with this id", "(name)"}},
	}
	for _, c := range cases {
		_, out, err := r.Plan(acctest.ProviderConfig(s) + c.config)
		if err != nil {
			t.Fatalf("%s: plan failed: %v\n%s", c.name, err, out)
		}
		flat := strings.Join(strings.Fields(out), " ")
		for _, w := range c.want {
			if !strings.Contains(flat, w) {
				t.Errorf("%s: the plan output lacks %q:\n%s", c.name, w, out)
			}
		}
	}
	if n := len(acctest.OrderPOSTs(s)); n != 0 {
		t.Fatalf("the sandbox received %d order requests, want 0", n)
	}
}

func TestAccDocumentSigningOrder_fidelityAccepted(t *testing.T) {
	s := acctest.StartSandbox(t)
	// An issued certificate whose thumbprint the renewal names.
	prev := issueOneCertificate(t, s)
	var thumbprint string
	for _, o := range s.Orders() {
		if o.CertificatePEM == prev {
			thumbprint = o.Thumbprint
		}
	}
	subject := func(email string) string {
		return strings.Replace(dsignSubjectEmployee, "rene.pierce@example.com", email, 1)
	}
	emp := dsignEmployeeMinimal()
	resources := []string{
		// csr_key_type as the page writes the default, sent as written.
		strings.Replace(emp.with("subject", subject("rsa@example.com")).with("cs_provisioning_method", `"email"`).
			with("certificate", dsignCertWithCSR(acctest.RSACSR(t, "Rene Pierce", 2048), `csr_key_type = "RSA"
    key_size     = "2048"`)).resource(), `"test"`, `"rsa"`, 1),
		// key_size as the page spells P-384.
		strings.Replace(emp.with("subject", subject("p354@example.com")).with("certificate", `{
    usage_designation = { primary_usage = "signing" }
    csr_key_type      = "ECC"
    key_size          = "p-354"
  }`).resource(), `"test"`, `"p354"`, 1),
		// A renewal named by the previous certificate's thumbprint.
		strings.Replace(emp.with("subject", subject("renewal@example.com")).with("renewed_thumbprint", fmt.Sprintf("%q", thumbprint)).resource(), `"test"`, `"renewal"`, 1),
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(s) + strings.Join(resources, ""),
			Check: func(*terraform.State) error {
				posts := orderPOSTsBy(t, s)
				cert := func(email string) map[string]any {
					c, _ := posts[email]["certificate"].(map[string]any)
					return c
				}
				if c := cert("rsa@example.com"); c["csr_key_type"] != "RSA" || c["key_size"] != float64(2048) {
					return fmt.Errorf("rsa order sent %v", c)
				}
				if c := cert("p354@example.com"); c["csr_key_type"] != "ECC" || c["key_size"] != "p-354" {
					return fmt.Errorf("p-354 order sent %v", c)
				}
				if got := posts["renewal@example.com"]["renewed_thumbprint"]; got != thumbprint || thumbprint == "" {
					return fmt.Errorf("renewed_thumbprint sent %v, want %q", got, thumbprint)
				}
				for _, o := range s.Orders() {
					if o.ProductNameID == "ds_org_individual" && len(o.UnknownFields) != 0 {
						return fmt.Errorf("order %d: fields the sandbox does not know: %v", o.ID, o.UnknownFields)
					}
				}
				return nil
			},
		}},
	})
}

// The provider and the sandbox accept the same locale codes.
func TestDVLocalesMatchSandbox(t *testing.T) {
	if got, want := slices.Sorted(slices.Values(dvLocales)), slices.Sorted(slices.Values(sandbox.Locales())); !slices.Equal(got, want) {
		t.Fatalf("provider locales %v, sandbox locales %v", got, want)
	}
}

// Subaccount order info: is_multi_year_plan is documented as the string "1",
// returned only for Multi-year Plans, and order_price.cost as an int
// (order_prices[].cost as a number). Every documented form, and the
// encodings public clients report, maps onto the Bool and the Number.
func TestSubaccountOrderConversions(t *testing.T) {
	cases := []struct {
		name, json string
		multiYear  *bool
		cost       *float64
	}{
		{"documented multi-year string", `{"id":1,"is_multi_year_plan":"1","order_price":{"cost":295,"currency":"USD"}}`, ptr(true), ptr(295.0)},
		{"absent flag: not a Multi-year Plan", `{"id":1,"order_price":{"cost":399,"currency":"USD"}}`, nil, ptr(399.0)},
		{"flag as a number", `{"id":1,"is_multi_year_plan":1}`, ptr(true), nil},
		{"flag as a boolean", `{"id":1,"is_multi_year_plan":false}`, ptr(false), nil},
		{"flag zero string", `{"id":1,"is_multi_year_plan":"0"}`, ptr(false), nil},
		{"decimal cost", `{"id":1,"order_price":{"cost":358.5,"currency":"USD"}}`, nil, ptr(358.5)},
		{"cost as a string", `{"id":1,"order_price":{"cost":"198","currency":"USD"}}`, nil, ptr(198.0)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var o certcentral.SubaccountOrder
			if err := json.Unmarshal([]byte(c.json), &o); err != nil {
				t.Fatal(err)
			}
			m := subaccountOrderModelFrom(&o)
			if got := m.IsMultiYearPlan; (c.multiYear == nil) != got.IsNull() || (c.multiYear != nil && got.ValueBool() != *c.multiYear) {
				t.Fatalf("is_multi_year_plan %v, want %v", got, c.multiYear)
			}
			if m.OrderPrice == nil {
				if c.cost != nil {
					t.Fatalf("order_price missing, want cost %v", *c.cost)
				}
				return
			}
			if cost := m.OrderPrice.Cost; c.cost == nil || cost.IsNull() || cost.ValueFloat64() != *c.cost {
				t.Fatalf("order_price.cost %v, want %v", cost, c.cost)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
