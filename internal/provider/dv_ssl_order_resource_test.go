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
						acctest.AssertJSONEqual(t, posts[0].Body, dvDocumentedExampleJSON(csr, "email"))
						return nil
					},
					func(st *terraform.State) error {
						o, _ := onlyOrder(s)
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

// dvImportIgnore lists the arguments order info does not return (they
// exist only in the order request), so an imported order has them null.
var dvImportIgnore = []string{
	"skip_approval", "dcv_emails", "comments", "custom_renewal_message", "dcv_method", "locale", "custom_fields", "disable_ct", "on_destroy",
	"auto_renew", "renewed_thumbprint", "renewal_of_order_id", "dcv_random_value",
}

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
					acctest.AssertJSONEqual(t, acctest.OrderPOSTs(s)[0].Body, dvDocumentedExampleJSON(csr, "dns-txt-token"))
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
				acctest.AssertJSONEqual(t, acctest.OrderPOSTs(s)[0].Body, fmt.Sprintf(`{
					"certificate": {"common_name": "www.example.org", "csr": %s},
					"validity_years": 1,
					"dcv_method": "dns-txt-token"
				}`, csrJSON))
				return nil
			},
		}},
	})
}

var _ = regexp.MustCompile
var _ = plancheck.ExpectEmptyPlan
