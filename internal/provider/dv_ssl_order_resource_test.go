package provider

import (
	"bytes"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

const dvAddr = "digicert_dv_ssl_order.test"

// dvDocumentedExampleHCL is the request example of order-dv-ssl.txt written
// as HCL, with a real CSR in place of "<csr>".
func dvDocumentedExampleHCL(s *sandbox.Server, csr, dcvMethod string) string {
	return acctest.ProviderConfig(s) + fmt.Sprintf(`
resource "digicert_dv_ssl_order" "test" {
  product_name_id = "ssl_dv_geotrust"
  certificate = {
    common_name = "example.com"
    dns_names   = ["sub.example.com", "log.example.com"]
    csr         = %[1]q
    server_platform = {
      id = 2
    }
  }
  comments = "Message for the approver."
  container = {
    id = 69748
  }
  custom_renewal_message = "Renew me."
  skip_approval          = true
  disable_ct             = false
  validity_years         = 1
  custom_fields = [
    {
      metadata_id = 12
      value       = "Invoice #12345"
    }
  ]
  payment_method = "balance"
  dcv_method     = %[2]q
  dcv_emails = [
    {
      dns_name     = "example.com"
      email_domain = "example.com"
      email        = "admin@example.com"
    },
    {
      dns_name     = "sub.example.com"
      email_domain = "example.com"
      email        = "jim.smith@example.com"
    },
    {
      dns_name     = "log.example.com"
      email_domain = "example.com"
      email        = "it@example.com"
    }
  ]
  locale = "en"
  technical_contact = {
    first_name = "Jim"
    last_name  = "Smith"
    telephone  = "555-555-5555"
    job_title  = "IT Admin"
    email      = "jim.smith@example.com"
  }
}
`, csr, dcvMethod)
}

// dvDocumentedExampleJSON is the page's example body with two documented
// differences: `"custom_expiration_date": ""` is left out (an empty date
// means "not set"; the attribute refuses "" and an unset attribute is
// omitted), and `disable_ct` is sent as the bool the parameter table
// documents rather than the example's 0.
func dvDocumentedExampleJSON(csr, dcvMethod string) string {
	csrJSON, _ := json.Marshal(csr)
	return strings.NewReplacer("<csr>", string(csrJSON[1:len(csrJSON)-1]), "<dcv>", dcvMethod).Replace(`{
    "certificate": {
        "common_name": "example.com",
        "dns_names": ["sub.example.com", "log.example.com"],
        "csr": "<csr>",
        "server_platform": {"id": 2}
    },
    "comments": "Message for the approver.",
    "container": {"id": 69748},
    "custom_renewal_message": "Renew me.",
    "skip_approval": true,
    "disable_ct": false,
    "validity_years": 1,
    "custom_fields": [{"metadata_id": 12, "value": "Invoice #12345"}],
    "payment_method": "balance",
    "dcv_method": "<dcv>",
    "dcv_emails": [
        {"dns_name": "example.com", "email_domain": "example.com", "email": "admin@example.com"},
        {"dns_name": "sub.example.com", "email_domain": "example.com", "email": "jim.smith@example.com"},
        {"dns_name": "log.example.com", "email_domain": "example.com", "email": "it@example.com"}
    ],
    "locale": "en",
    "technical_contact": {
        "first_name": "Jim", "last_name": "Smith", "telephone": "555-555-5555",
        "job_title": "IT Admin", "email": "jim.smith@example.com"
    }
}`)
}

// onlyOrder returns the one order the sandbox holds, failing otherwise.
func onlyOrder(s *sandbox.Server) (sandbox.Order, error) {
	orders := s.Orders()
	if len(orders) != 1 {
		return sandbox.Order{}, fmt.Errorf("the sandbox holds %d orders, want exactly 1", len(orders))
	}
	return orders[0], nil
}

// mustOnlyOrder is onlyOrder for a PreConfig, which cannot return an error.
func mustOnlyOrder(t *testing.T, s *sandbox.Server) sandbox.Order {
	t.Helper()
	o, err := onlyOrder(s)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func checkOrderCount(s *sandbox.Server, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := len(s.Orders()); got != want {
			return fmt.Errorf("the sandbox holds %d orders, want %d", got, want)
		}
		return nil
	}
}

// checkStateMatchesOnlyOrder checks that state's id is the sandbox's order.
func checkStateMatchesOnlyOrder(s *sandbox.Server, addr string) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		o, err := onlyOrder(s)
		if err != nil {
			return err
		}
		return resource.TestCheckResourceAttr(addr, "id", strconv.Itoa(o.ID))(st)
	}
}

func TestAccDVSSLOrder_documentedExampleEmail(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "example.com")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s),
		Steps: []resource.TestStep{
			{
				Config: dvDocumentedExampleHCL(s, csr, "email"),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 1),
					checkStateMatchesOnlyOrder(s, dvAddr),
					func(*terraform.State) error {
						posts := acctest.OrderPOSTs(s)
						if len(posts) != 1 || posts[0].Path != "/services/v2/order/certificate/ssl_dv_geotrust" {
							return fmt.Errorf("want one POST to /order/certificate/ssl_dv_geotrust, got %+v", posts)
						}
						acctest.AssertJSONEqual(t, posts[0].Body, withOrderKey(t, s, dvDocumentedExampleJSON(csr, "email")))
						return nil
					},
					func(st *terraform.State) error {
						o, err := onlyOrder(s)
						if err != nil {
							return err
						}
						return resource.TestCheckResourceAttr(dvAddr, "certificate_id", strconv.Itoa(o.CertificateID))(st)
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					// The email response carries no random value.
					statecheck.ExpectKnownValue(dvAddr, tfjsonpath.New("dcv_random_value"), knownvalue.Null()),
					statecheck.ExpectKnownValue(dvAddr, tfjsonpath.New("status"), knownvalue.StringExact("pending")),
					statecheck.ExpectKnownValue(dvAddr, tfjsonpath.New("on_destroy"), knownvalue.StringExact("cancel")),
					statecheck.ExpectKnownValue(dvAddr, tfjsonpath.New("serial_number"), knownvalue.Null()),
					statecheck.ExpectKnownValue(dvAddr, tfjsonpath.New("date_created"), knownvalue.NotNull()),
				},
			},
			{
				ResourceName:      dvAddr,
				ImportState:       true,
				ImportStateVerify: true,
				// Request-only settings that order info does not return, so
				// an import cannot know them.
				ImportStateVerifyIgnore: dvImportIgnore,
			},
		},
	})
}

// dvImportIgnore lists what an import cannot reproduce exactly: the
// arguments order info does not return (dvImportGaps, which the docs name
// too); what CertCentral fills with its documented default when the request
// left it out (payment_method "balance", server platform -1); and the
// provider-side on_destroy and the DCV token state, read fresh.
//
// The first apply after an import adopts the configuration for all of them
// in place (see replace.go), without a new order.
var dvImportIgnore = importIgnore(dvImportGaps,
	"on_destroy", "dcv_random_value", "payment_method", "certificate.server_platform.%", "certificate.server_platform.id",
	"dcv_records.%", "dcv_records",
)

func TestAccDVSSLOrder_documentedExampleDNSTXTToken(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "example.com")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: dvDocumentedExampleHCL(s, csr, "dns-txt-token"),
			Check: resource.ComposeAggregateTestCheckFunc(
				checkOrderCount(s, 1),
				func(st *terraform.State) error {
					acctest.AssertJSONEqual(t, acctest.OrderPOSTs(s)[0].Body, withOrderKey(t, s, dvDocumentedExampleJSON(csr, "dns-txt-token")))
					o, err := onlyOrder(s)
					if err != nil {
						return err
					}
					if o.DCVRandomValue == "" {
						return fmt.Errorf("the sandbox gave no random value")
					}
					return resource.TestCheckResourceAttr(dvAddr, "dcv_random_value", o.DCVRandomValue)(st)
				},
			),
		}},
	})
}

// checkOrdersCanceledOrKept is a CheckDestroy that queries the sandbox: with
// the default on_destroy every order that was not issued must be canceled
// with the documented note.
func checkOrdersCanceledOrKept(s *sandbox.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, o := range s.Orders() {
			if o.Status == "issued" {
				continue
			}
			if o.Status != "canceled" || o.CancelNote != cancelNote {
				return fmt.Errorf("order %d is %q with note %q after destroy, want canceled with %q", o.ID, o.Status, o.CancelNote, cancelNote)
			}
		}
		return nil
	}
}

// dvMinimalHCL is the smallest valid DV order, with extra attributes.
func dvMinimalHCL(s *sandbox.Server, csr, extra string) string {
	return acctest.ProviderConfig(s) + fmt.Sprintf(`
resource "digicert_dv_ssl_order" "test" {
  product_name_id = "ssl_dv_rapidssl"
  certificate = {
    common_name = "www.example.org"
    csr         = %[1]q
  }
  validity_years = 1
  dcv_method     = "dns-txt-token"
%[2]s
}
`, csr, extra)
}

func TestAccDVSSLOrder_minimalBodyOmitsUnset(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: dvMinimalHCL(s, csr, ""),
			Check: func(*terraform.State) error {
				csrJSON, _ := json.Marshal(csr)
				acctest.AssertJSONEqual(t, acctest.OrderPOSTs(s)[0].Body, withOrderKey(t, s, fmt.Sprintf(`{
					"certificate": {"common_name": "www.example.org", "csr": %s},
					"validity_years": 1,
					"dcv_method": "dns-txt-token"
				}`, csrJSON)))
				return nil
			},
		}},
	})
}

// countWrites counts requests the sandbox received other than GETs:
// everything that could change an order.
func countWrites(s *sandbox.Server) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Method != "GET" {
			n++
		}
	}
	return n
}

func TestAccDVSSLOrder_lifecycle(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	var firstID string
	writesBefore := 0
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			// The last order was issued and on_destroy = "revoke": the
			// sandbox must hold a revocation by Terraform.
			orders := s.Orders()
			last := orders[len(orders)-1]
			if last.RevokeComments != revokeComment {
				return fmt.Errorf("order %d: revoke comments %q, want %q", last.ID, last.RevokeComments, revokeComment)
			}
			// The first order had on_destroy = "keep" when it was replaced.
			if orders[0].Status != "needs_approval" {
				return fmt.Errorf("first order is %q, want it left needs_approval (on_destroy = keep)", orders[0].Status)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: dvMinimalHCL(s, csr, ""),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 1),
					func(st *terraform.State) error {
						firstID = st.RootModule().Resources[dvAddr].Primary.ID
						writesBefore = countWrites(s)
						return nil
					},
				),
			},
			{
				// on_destroy is provider-side: an in-place update, no API write.
				Config: dvMinimalHCL(s, csr, `  on_destroy = "keep"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(dvAddr, "on_destroy", "keep"),
					func(st *terraform.State) error {
						if got := countWrites(s); got != writesBefore {
							return fmt.Errorf("changing on_destroy sent %d write requests, want 0", got-writesBefore)
						}
						return resource.TestCheckResourceAttr(dvAddr, "id", firstID)(st)
					},
				),
			},
			{
				// Any API input replaces the order; on_destroy = keep leaves
				// the old one alone.
				Config: dvMinimalHCL(s, csr, `  on_destroy = "keep"
  comments   = "second order"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 2),
					func(st *terraform.State) error {
						if st.RootModule().Resources[dvAddr].Primary.ID == firstID {
							return fmt.Errorf("the order was not replaced")
						}
						return nil
					},
				),
			},
			{
				// Issue the second order in the sandbox, then switch to revoke.
				PreConfig: func() {
					orders := s.Orders()
					if err := s.IssueOrder(orders[1].ID); err != nil {
						t.Fatal(err)
					}
				},
				Config: dvMinimalHCL(s, csr, `  on_destroy = "revoke"
  comments   = "second order"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dvAddr, tfjsonpath.New("status"), knownvalue.StringExact("issued")),
					statecheck.ExpectKnownValue(dvAddr, tfjsonpath.New("serial_number"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(dvAddr, tfjsonpath.New("valid_till"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(dvAddr, tfjsonpath.New("days_remaining"), knownvalue.NotNull()),
				},
				Check: func(st *terraform.State) error {
					o := s.Orders()[1]
					return resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr(dvAddr, "serial_number", o.SerialNumber),
						resource.TestCheckResourceAttr(dvAddr, "thumbprint", o.Thumbprint),
					)(st)
				},
			},
		},
	})
}

func TestAccDVSSLOrder_destroyCancelLeavesIssuedOrder(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			o, err := onlyOrder(s)
			if err != nil {
				return err
			}
			if o.Status != "issued" || o.RevokeComments != "" {
				return fmt.Errorf("issued order is %q (revoke comments %q) after destroy with on_destroy = cancel, want it untouched", o.Status, o.RevokeComments)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: dvMinimalHCL(s, csr, "")},
			{
				PreConfig: func() {
					o := mustOnlyOrder(t, s)
					if err := s.IssueOrder(o.ID); err != nil {
						t.Fatal(err)
					}
				},
				Config: dvMinimalHCL(s, csr, ""),
				Check:  resource.TestCheckResourceAttr(dvAddr, "status", "issued"),
			},
		},
	})
}

// An order that disappears changes no status, so the status-changes feed
// does not report it: the refresh that reads the order in full removes it
// (DESIGN.md, Refresh). Here that is a refresh with the feed off.
func TestAccDVSSLOrder_notFoundOnRefreshIsRemoved(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	feedOff := strings.Replace(dvMinimalHCL(s, csr, `  on_destroy = "keep"`), "provider \"digicert\" {", "provider \"digicert\" {\n  refresh_with_status_changes = false", 1)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: dvMinimalHCL(s, csr, `  on_destroy = "keep"`)},
			{
				// CertCentral answers 404 for the order: the refresh drops it
				// from state and the plan orders again.
				PreConfig: func() {
					o := mustOnlyOrder(t, s)
					s.InjectFault(sandbox.Fault{Method: "GET", PathPrefix: fmt.Sprintf("/order/certificate/%d", o.ID), Kind: sandbox.FaultStatus, Status: 404,
						Body: `{"errors":[{"code":"not_found|order","message":"Order not found."}]}`})
				},
				Config:             feedOff,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func TestAccDVSSLOrder_terminalStatusPlansReplacement(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: dvMinimalHCL(s, csr, "")},
			{
				PreConfig: func() {
					o := mustOnlyOrder(t, s)
					if err := s.SetOrderStatus(o.ID, "revoked"); err != nil {
						t.Fatal(err)
					}
				},
				Config: dvMinimalHCL(s, csr, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 2),
					resource.TestCheckResourceAttr(dvAddr, "status", "needs_approval"),
				),
			},
		},
	})
}

func TestAccDVSSLOrder_readFailureAfterPlacementKeepsOrder(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Every order-info read fails during this apply (retries
				// exhausted); the order is placed, so the apply still succeeds.
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "GET", PathPrefix: "/order/certificate/", Kind: sandbox.FaultStatus, Status: 503, Count: 9})
				},
				Config: dvMinimalHCL(s, csr, ""),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 1),
					checkStateMatchesOnlyOrder(s, dvAddr),
					func(*terraform.State) error {
						s.ClearFaults()
						return nil
					},
				),
			},
			{
				// The next plan is empty and refresh fills the status in.
				Config:           dvMinimalHCL(s, csr, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 1),
					resource.TestCheckResourceAttr(dvAddr, "status", "needs_approval"),
				),
			},
		},
	})
}

// A fixed CSR-independent list of bad inputs: each must fail at plan time,
// name its attribute, and leave the sandbox without any order request.
func TestAccDVSSLOrder_planTimeValidation(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	rsa1024 := acctest.RSACSR(t, "www.example.org", 1024)
	tampered := tamperCSR(t, csr)
	certPEM := s.RootPEM()
	cfg := func(product, cn, extra string) string {
		return acctest.ProviderConfig(s) + fmt.Sprintf(`
resource "digicert_dv_ssl_order" "test" {
  product_name_id = %q
  certificate = {
    common_name = %q
    csr         = %q
  }
  dcv_method = "dns-txt-token"
%s
}
`, product, cn, csr, extra)
	}
	withCSR := func(c string) string {
		return strings.Replace(cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1"), fmt.Sprintf("%q", csr), fmt.Sprintf("%q", c), 1)
	}
	cases := []struct {
		name   string
		config string
		want   string
	}{
		{"unknown product", cfg("ssl_ev_geotrust", "www.example.org", "  validity_years = 1"), `product_name_id value must be one of`},
		{"validity_years 3", cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 3"), `validity_years value must be one of`},
		{"no validity", cfg("ssl_dv_geotrust", "www.example.org", ""), `Missing Validity`},
		{"validity_days 0", cfg("ssl_dv_geotrust", "www.example.org", "  validity_days = 0"), `validity_days value must be between 1 and 1095`},
		{"validity_days 1096", cfg("ssl_dv_geotrust", "www.example.org", "  validity_days = 1096"), `validity_days value must be between 1 and 1095`},
		{"only an empty custom date", cfg("ssl_dv_geotrust", "www.example.org", `  custom_expiration_date = ""`), `Missing Validity`},
		{"custom date format", cfg("ssl_dv_geotrust", "www.example.org", `  custom_expiration_date = "31/12/2030"`), `is not a date in the format yyyy-MM-dd`},
		{"custom date past", cfg("ssl_dv_geotrust", "www.example.org", `  custom_expiration_date = "2020-01-01"`), `is not in the future`},
		{"custom date too far", cfg("ssl_dv_geotrust", "www.example.org", `  custom_expiration_date = "2099-01-01"`), `825 or more days ahead`},
		{"auto_renew 2", cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1\n  auto_renew = 2"), `auto_renew value must be one of`},
		{"payment method", cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1\n  payment_method = \"cash\""), `payment_method value must be one of`},
		{"card payment", cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1\n  payment_method = \"card\""), `Card Payment Not Available for DV Orders[\s\S]*payment_method = "profile"`},
		{"dcv method", strings.Replace(cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1"), `"dns-txt-token"`, `"txt"`, 1), `dcv_method value must be one of`},
		{"locale", cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1\n  locale = \"english\""), `locale value must be one of`},
		{"locale sv", cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1\n  locale = \"sv\""), `locale value must be one of`},
		{"locale pt_BR", cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1\n  locale = \"pt_BR\""), `locale value must be one of`},
		{"ip address", cfg("cloud_dv_geotrust", "1.2.3.4", "  validity_years = 1"), `"1.2.3.4" is an IP address`},
		{"numeric tld", strings.Replace(cfg("cloud_dv_geotrust", "www.example.org", "  validity_years = 1"), "    csr ", "    dns_names = [\"example.123\"]\n    csr ", 1), `certificate.dns_names\[0\]: "example.123" is an IP address or ends in a numeric label`},
		{"container 0", cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1\n  container = { id = 0 }"), `container.id value must be at least 1`},
		{"container -1", cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1\n  container = { id = -1 }"), `container.id value must be at least 1`},
		{"dcv email twice for one name", cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1\n  dcv_emails = [{ dns_name = \"www.example.org\", email_domain = \"example.org\" }, { dns_name = \"WWW.example.org\", email_domain = \"example.org\" }]"), `Duplicate DCV Email Scope`},
		{"thumbprint", cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1\n  renewed_thumbprint = \"abc\""), `SHA-1 thumbprint of 40 hexadecimal digits`},
		{"bad common name", cfg("ssl_dv_geotrust", "www.exa_mple.org", "  validity_years = 1"), `certificate.common_name: "www.exa_mple.org": label "exa_mple" has the character`},
		{"long label", cfg("ssl_dv_geotrust", strings.Repeat("a", 64)+".example.org", "  validity_years = 1"), `longer than 63 characters`},
		{"single label", cfg("ssl_dv_geotrust", "localhost", "  validity_years = 1"), `not a fully qualified domain name`},
		{"bad dns name", strings.Replace(cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1"), "    csr ", "    dns_names = [\"bad..example.org\"]\n    csr ", 1), `certificate.dns_names\[0\]: "bad..example.org": has an empty label`},
		{"wildcard on plain product", cfg("ssl_dv_geotrust", "*.example.org", "  validity_years = 1"), `Wildcard Name on a Non-Wildcard Product`},
		{"wildcard product without wildcard", cfg("wildcard_dv_geotrust", "www.example.org", "  validity_years = 1"), `Wildcard Product Without a Wildcard Common Name`},
		{"http-token wildcard", strings.Replace(cfg("wildcard_dv_rapidssl", "*.example.org", "  validity_years = 1"), `"dns-txt-token"`, `"http-token"`, 1), `Wildcard Name Cannot Use http-token`},
		{"dcv email unknown name", cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1\n  dcv_emails = [{ dns_name = \"other.example.org\", email_domain = \"example.org\" }]"), `DCV Email Scope for a Name Not on the Order`},
		{"dcv email domain", cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1\n  dcv_emails = [{ dns_name = \"www.example.org\", email_domain = \"www.example.org\" }]"), `must be the base domain of "www.example.org", which is "example.org"`},
		{"dcv email domain a public suffix", strings.Replace(cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1\n  dcv_emails = [{ dns_name = \"www.example.co.uk\", email_domain = \"co.uk\" }]"), "    csr ", "    dns_names = [\"www.example.co.uk\"]\n    csr ", 1), `must be the base domain of "www.example.co.uk", which is "example.co.uk", not "co.uk"`},
		{"csr garbage", withCSR("not a csr"), `certificate.csr: is not PEM`},
		{"csr is a certificate", withCSR(certPEM), `is a certificate, not a certificate signing request`},
		{"csr rsa 1024", withCSR(rsa1024), `has a 1024-bit RSA key; CertCentral requires at least 2048 bits`},
		{"csr bad signature", withCSR(tampered), `has an invalid signature|cannot be parsed`},
		{"http base url", strings.Replace(cfg("ssl_dv_geotrust", "www.example.org", "  validity_years = 1"), s.URL(), "http://certcentral.example.com/services/v2", 1), `plain http to a host that is not loopback`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:   c.config,
			PlanOnly: true,
			// Terraform wraps long messages: any space may be a line break.
			ExpectError: regexp.MustCompile(strings.ReplaceAll(c.want, " ", `\s+`)),
		})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if n := len(acctest.OrderPOSTs(s)); n != 0 {
				return fmt.Errorf("the sandbox received %d order requests, want 0", n)
			}
			return checkOrderCount(s, 0)(nil)
		},
		Steps: steps,
	})
}

// tamperCSR flips a byte inside the signed part of a CSR, so it still
// parses but its signature no longer verifies.
func tamperCSR(t *testing.T, csrPEM string) string {
	t.Helper()
	block, _ := pem.Decode([]byte(csrPEM))
	der := append([]byte(nil), block.Bytes...)
	// The subject's common name sits early in the request info.
	i := bytes.Index(der, []byte("www.example.org"))
	if i < 0 {
		t.Fatal("common name not found in CSR")
	}
	der[i] = 'x'
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der}))
}

// Importing an order of another product into digicert_dv_ssl_order is
// refused with the product named, instead of filling a state that would
// plan a replacement.
// createDocumentSigningOrder places a document_signing_org_1 order in the
// sandbox directly, for tests that need an order of another product.
func createDocumentSigningOrder(t *testing.T, s *sandbox.Server) int {
	t.Helper()
	id, err := s.CreateOrder(s.APIKey(), "document_signing_org_1", []byte(`{
		"certificate": {"server_platform": {"id": 21}, "signature_hash": "sha256"},
		"cs_provisioning_method": "ship_token", "validity_years": 2,
		"organization": {"id": 334455},
		"ship_info": {"name": "Erin Guerra", "addr1": "360 Taylor Street", "city": "Richmond", "state": "va", "zip": "69662", "country": "us", "method": "standard"},
		"subject": {"name": "Rene Pierce", "job_title": "School Counselor", "phone": "054-139-0798", "email": "rene.pierce@yahoo.com"},
		"csa_agreed_to": 1, "payment_method": "balance"}`))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestAccDVSSLOrder_importRefusesOtherProduct(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	dsignID := createDocumentSigningOrder(t, s)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:        dvMinimalHCL(s, csr, ""),
			ResourceName:  dvAddr,
			ImportState:   true,
			ImportStateId: strconv.Itoa(dsignID),
			ExpectError:   regexp.MustCompile(`(?s)Order of Another Product.*document_signing_org_1`),
		}},
	})
}
