package provider

import (
	"context"
	"crypto/elliptic"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
	"github.com/certcentral-community/terraform-provider-digicert/internal/testutil"
)

const dsignAddr = "digicert_document_signing_order.test"

// dsignConfig is a resource configuration as ordered top-level attributes
// (name, HCL expression), so a test can change one attribute of a valid
// configuration and nothing else.
type dsignConfig []struct{ name, value string }

// with returns c with name set to the HCL expression value.
func (c dsignConfig) with(name, value string) dsignConfig {
	out := append(dsignConfig(nil), c...)
	for i := range out {
		if out[i].name == name {
			out[i].value = value
			return out
		}
	}
	return append(out, struct{ name, value string }{name, value})
}

// without returns c without name.
func (c dsignConfig) without(name string) dsignConfig {
	var out dsignConfig
	for _, a := range c {
		if a.name != name {
			out = append(out, a)
		}
	}
	return out
}

func (c dsignConfig) resource() string {
	var b strings.Builder
	b.WriteString("\nresource \"digicert_document_signing_order\" \"test\" {\n")
	for _, a := range c {
		fmt.Fprintf(&b, "  %s = %s\n", a.name, a.value)
	}
	b.WriteString("}\n")
	return b.String()
}

func (c dsignConfig) hcl(s *sandbox.Server) string { return acctest.ProviderConfig(s) + c.resource() }

const dsignSubjectOrg = `{
    name      = "Rene Pierce"
    job_title = "School Counselor"
    phone     = "054-139-0798"
    email     = "rene.pierce@yahoo.com"
  }`

const dsignSubjectEmployee = `{
    given_name = "Rene"
    surname    = "Pierce"
    job_title  = "Accountant"
    phone      = "054-139-0798"
    email      = "rene.pierce@example.com"
  }`

const dsignShipInfoOrg = `{
    name    = "Erin Guerra"
    addr1   = "360 Taylor Street"
    addr2   = "Floor 74"
    city    = "Richmond"
    state   = "va"
    zip     = "69662"
    country = "us"
    method  = "standard"
  }`

var dsignShipInfoEmployee = strings.Replace(dsignShipInfoOrg, `"standard"`, `"STANDARD"`, 1)

// dsignOrgDocumented is the request example of
// order-document-signing-certificate.txt, attribute for attribute.
func dsignOrgDocumented() dsignConfig {
	return dsignConfig{
		{"product_name_id", `"document_signing_org_1"`},
		{"certificate", `{
    server_platform = {
      id = 21
    }
    signature_hash = "sha256"
  }`},
		{"cs_provisioning_method", `"ship_token"`},
		{"use_org_as_common_name", `true`},
		{"validity_years", `2`},
		{"comments", `"Comments for the the approver."`},
		{"organization", `{
    id = 334455
  }`},
		{"container", `{
    id = 221122
  }`},
		{"ship_info", dsignShipInfoOrg},
		{"subject", dsignSubjectOrg},
		{"csa_agreed_to", `true`},
		{"skip_approval", `true`},
		{"payment_method", `"balance"`},
	}
}

// dsignOrgMinimal is the smallest valid document_signing_org_1 order.
func dsignOrgMinimal() dsignConfig {
	return dsignConfig{
		{"product_name_id", `"document_signing_org_1"`},
		{"certificate", `{ signature_hash = "sha256" }`},
		{"validity_years", `1`},
		{"organization", `{ id = 334455 }`},
		{"subject", dsignSubjectOrg},
	}
}

// dsignEmployeeMinimal is the smallest valid ds_org_individual order.
func dsignEmployeeMinimal() dsignConfig {
	return dsignConfig{
		{"product_name_id", `"ds_org_individual"`},
		{"certificate", `{ usage_designation = { primary_usage = "signing" } }`},
		{"cs_provisioning_method", `"client_app"`},
		{"organization", fmt.Sprintf(`{
    id       = 334455
    contacts = [{ id = 1, user_id = %d, contact_type = "organization_contact" }]
  }`, sandbox.DefaultUserID)},
		{"csa_agreed_to", `true`},
		{"subject", dsignSubjectEmployee},
		{"order_validity", `{ years = 1 }`},
		{"payment_method", `"balance"`},
	}
}

// dsignCard is a card the sandbox accepts; its number and CVV must never
// show up in plan or state.
const (
	dsignCardNumber = "4000056655665556"
	dsignCardCVV    = "7391"
)

func dsignCardHCL() string {
	return fmt.Sprintf(`{
    number           = %q
    expiration_month = "01"
    expiration_year  = "%d"
    cvv              = %q
    cardholder_name  = "Rene Pierce"
    set_as_default   = false
  }`, dsignCardNumber, time.Now().Year()+3, dsignCardCVV)
}

const dsignBillingHCL = `{
    address = "360 Taylor Street"
    city    = "Richmond"
    state   = "va"
    country = "us"
    zip     = "69662"
  }`

// dsignCertWithCSR is an employee certificate object with a CSR.
func dsignCertWithCSR(csr, extra string) string {
	return fmt.Sprintf(`{
    csr               = %q
    usage_designation = { primary_usage = "signing" }
    %s
  }`, csr, extra)
}

// dsignNoOrderSent fails unless the sandbox holds no order and saw no
// order POST: the configuration was refused before anything was ordered.
func dsignNoOrderSent(t *testing.T, s *sandbox.Server) {
	t.Helper()
	if n := len(s.Orders()); n != 0 {
		t.Errorf("the sandbox holds %d orders; a refused configuration must order nothing", n)
	}
	for _, r := range s.Requests() {
		if r.Method == "POST" {
			t.Errorf("the sandbox received %s %s; a refused configuration must send no order", r.Method, r.Path)
		}
	}
}

// dsignErr builds an ExpectError pattern from phrases that must appear in
// this order; spaces match any whitespace, since the CLI wraps long lines.
func dsignErr(phrases ...string) *regexp.Regexp {
	quoted := make([]string, len(phrases))
	for i, p := range phrases {
		quoted[i] = strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}

// dsignOrderInfo reads an order from the sandbox through the client, as
// CertCentral would answer it.
func dsignOrderInfo(s *sandbox.Server, id int) (*certcentral.OrderInfo, error) {
	cl, err := certcentral.New(certcentral.Config{BaseURL: s.URL(), APIKey: s.APIKey(), RateWindows: []certcentral.RateWindow{}})
	if err != nil {
		return nil, err
	}
	return cl.GetOrder(context.Background(), int64(id))
}

// dsignCheckRequests checks requests = [{id, status}] against the order's
// first request in order info.
func dsignCheckRequests(s *sandbox.Server, status string) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		o, err := onlyOrder(s)
		if err != nil {
			return err
		}
		info, err := dsignOrderInfo(s, o.ID)
		if err != nil {
			return err
		}
		if len(info.Requests) != 1 {
			return fmt.Errorf("order info has %d requests, want 1", len(info.Requests))
		}
		return resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(dsignAddr, "requests.#", "1"),
			resource.TestCheckResourceAttr(dsignAddr, "requests.0.id", strconv.FormatInt(info.Requests[0].ID, 10)),
			resource.TestCheckResourceAttr(dsignAddr, "requests.0.status", status),
		)(st)
	}
}

// dsignCheckOnlyPOST checks that exactly one order POST went to product's
// path, with want as its JSON body.
func dsignCheckOnlyPOST(t *testing.T, s *sandbox.Server, product, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		posts := acctest.OrderPOSTs(s)
		if len(posts) != 1 || posts[0].Path != "/services/v2/order/certificate/"+product {
			return fmt.Errorf("want one POST to /order/certificate/%s, got %d: %+v", product, len(posts), posts)
		}
		acctest.AssertJSONEqual(t, posts[0].Body, withOrderKey(t, s, want))
		return nil
	}
}

// The org page's documented example: the sandbox receives the documented
// JSON, and its answer is the documented "approved" one (skip_approval is
// true), with certificate_id.
func TestAccDocumentSigningOrder_documentedExample(t *testing.T) {
	s := acctest.StartSandbox(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s),
		Steps: []resource.TestStep{
			{
				Config: dsignOrgDocumented().hcl(s),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 1),
					checkStateMatchesOnlyOrder(s, dsignAddr),
					// The page's example body, verbatim. No normalization was
					// needed: every attribute maps to its JSON field one to one,
					// csa_agreed_to = true is the example's 1, and nothing
					// unset is sent.
					dsignCheckOnlyPOST(t, s, "document_signing_org_1", testutil.DocumentSigningOrgExample),
					dsignCheckRequests(s, "approved"),
					func(st *terraform.State) error {
						o, err := onlyOrder(s)
						if err != nil {
							return err
						}
						return resource.TestCheckResourceAttr(dsignAddr, "certificate_id", strconv.Itoa(o.CertificateID))(st)
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					// Approved at once: the order waits for organization
					// validation.
					statecheck.ExpectKnownValue(dsignAddr, tfjsonpath.New("status"), knownvalue.StringExact("pending")),
					statecheck.ExpectKnownValue(dsignAddr, tfjsonpath.New("organization_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(dsignAddr, tfjsonpath.New("on_destroy"), knownvalue.StringExact("cancel")),
					statecheck.ExpectKnownValue(dsignAddr, tfjsonpath.New("serial_number"), knownvalue.Null()),
					statecheck.ExpectKnownValue(dsignAddr, tfjsonpath.New("date_created"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(dsignAddr, tfjsonpath.New("credit_card"), knownvalue.Null()),
				},
			},
			{
				ResourceName:            dsignAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: dsignImportIgnore(),
			},
		},
	})
}

// dsignImportIgnoreReasons are the arguments an import cannot know: order
// info does not return them, because they exist only in the order request.
// dsignImportIgnore is what an import cannot reproduce: the gaps the docs
// name (dsignImportGaps), and the defaults CertCentral fills in when the
// configuration left them out (certificate.signature_hash sha256,
// payment_method balance).
func dsignImportIgnore() []string {
	// An import fills order_validity, never the deprecated validity_years
	// (dsignOrderValidityFromInfo); TestAccDocumentSigningOrder_importGenerateConfig
	// checks what it fills.
	return importIgnore(dsignImportGaps, "certificate.signature_hash", "payment_method", "validity_years", "order_validity")
}

// The one-step approval answer ("pending"): skip_approval left at its
// default, the order waits for approval.
func TestAccDocumentSigningOrder_documentedResponsePending(t *testing.T) {
	s := acctest.StartSandbox(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s),
		Steps: []resource.TestStep{{
			Config: dsignOrgDocumented().without("skip_approval").hcl(s),
			Check: resource.ComposeAggregateTestCheckFunc(
				checkOrderCount(s, 1),
				checkStateMatchesOnlyOrder(s, dsignAddr),
				dsignCheckRequests(s, "pending"),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(dsignAddr, tfjsonpath.New("status"), knownvalue.StringExact("needs_approval")),
			},
		}},
	})
}

// The two-step approval answer ("submitted"). The sandbox does not model
// two-step approval (it answers pending or approved), so its
// FaultUnknownStatus knob rewrites the status of the one POST answer to the
// documented "submitted"; the order itself is created normally.
func TestAccDocumentSigningOrder_documentedResponseSubmitted(t *testing.T) {
	s := acctest.StartSandbox(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				s.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/order/certificate/document_signing_org_2", Kind: sandbox.FaultUnknownStatus, Body: "submitted", Count: 1})
			},
			Config: dsignOrgDocumented().without("skip_approval").with("product_name_id", `"document_signing_org_2"`).hcl(s),
			Check: resource.ComposeAggregateTestCheckFunc(
				checkOrderCount(s, 1),
				checkStateMatchesOnlyOrder(s, dsignAddr),
				dsignCheckRequests(s, "submitted"),
				func(*terraform.State) error {
					if n := s.PendingFaults(); n != 0 {
						return fmt.Errorf("the submitted answer was never served (%d faults pending)", n)
					}
					return nil
				},
			),
		}},
	})
}

// dsignEmployeeTable is a ds_org_individual order that sets every parameter
// of its page's table but the card (see _cardPayment).
func dsignEmployeeTable(csr string, renewalOf int, expires string) dsignConfig {
	return dsignConfig{
		{"product_name_id", `"ds_org_individual"`},
		{"certificate", fmt.Sprintf(`{
    csr             = %q
    server_platform = { id = 21 }
    ca_cert_id      = "sandbox-ica-1"
    usage_designation = {
      primary_usage     = "signing"
      additional_usages = ["adobe_authentic_documents_trustsigning", "ms_document_signing", "document_signing"]
    }
    key_size       = "p-256"
    csr_key_type   = "ecc"
    signature_hash = "sha384"
  }`, csr)},
		{"cs_provisioning_method", `"ship_token"`},
		{"ship_info", dsignShipInfoEmployee},
		{"comments", `"Employee certificate for Rene."`},
		{"organization", fmt.Sprintf(`{
    id                       = 334455
    skip_duplicate_org_check = false
    contacts = [
      { id = 1, user_id = %d, contact_type = "organization_contact" },
      { id = 2, first_name = "Jim", last_name = "Smith", email = "jim.smith@example.com", job_title = "CFO", telephone = "555-555-5555", contact_type = "technical_contact" },
    ]
  }`, sandbox.DefaultUserID)},
		{"container", `{ id = 221122 }`},
		{"renewal_of_order_id", strconv.Itoa(renewalOf)},
		{"custom_renewal_message", `"Renew me."`},
		{"additional_emails", `["finance@example.com"]`},
		{"user_id_assignments", fmt.Sprintf("[%d]", sandbox.DefaultUserID)},
		{"csa_agreed_to", `true`},
		{"promo_code", `"SPRING"`},
		{"subject", dsignSubjectEmployee},
		{"order_validity", fmt.Sprintf(`{
    years                  = 1
    days                   = 365
    custom_expiration_date = %q
  }`, expires)},
		{"payment_method", `"balance"`},
	}
}

func dsignEmployeeTableJSON(csr string, renewalOf int, expires string) string {
	csrJSON, _ := json.Marshal(csr)
	return fmt.Sprintf(`{
    "certificate": {
        "csr": %[1]s,
        "server_platform": {"id": 21},
        "ca_cert_id": "sandbox-ica-1",
        "usage_designation": {
            "primary_usage": "signing",
            "additional_usages": ["adobe_authentic_documents_trustsigning", "ms_document_signing", "document_signing"]
        },
        "key_size": "p-256",
        "csr_key_type": "ecc",
        "signature_hash": "sha384"
    },
    "cs_provisioning_method": "ship_token",
    "ship_info": {
        "name": "Erin Guerra", "addr1": "360 Taylor Street", "addr2": "Floor 74", "city": "Richmond",
        "state": "va", "zip": "69662", "country": "us", "method": "STANDARD"
    },
    "comments": "Employee certificate for Rene.",
    "organization": {
        "id": 334455,
        "skip_duplicate_org_check": false,
        "contacts": [
            {"id": 1, "user_id": %[4]d, "contact_type": "organization_contact"},
            {"id": 2, "first_name": "Jim", "last_name": "Smith", "email": "jim.smith@example.com",
             "job_title": "CFO", "telephone": "555-555-5555", "contact_type": "technical_contact"}
        ]
    },
    "container": {"id": 221122},
    "renewal_of_order_id": %[2]d,
    "custom_renewal_message": "Renew me.",
    "additional_emails": ["finance@example.com"],
    "user_id_assignments": [%[4]d],
    "csa_agreed_to": 1,
    "promo_code": "SPRING",
    "subject": {
        "given_name": "Rene", "surname": "Pierce", "job_title": "Accountant",
        "phone": "054-139-0798", "email": "rene.pierce@example.com"
    },
    "order_validity": {"years": 1, "days": 365, "custom_expiration_date": %[3]q},
    "payment_method": "balance"
}`, csrJSON, renewalOf, expires, sandbox.DefaultUserID)
}

// dsignSeedEmployeeOrder places an order through the sandbox's control API
// (not through Terraform), for renewal_of_order_id to point at.
func dsignSeedEmployeeOrder(t *testing.T, s *sandbox.Server) int {
	t.Helper()
	id, err := s.CreateOrder(s.APIKey(), "ds_org_individual", []byte(fmt.Sprintf(`{
		"certificate": {"usage_designation": {"primary_usage": "signing"}},
		"cs_provisioning_method": "client_app",
		"organization": {"id": 334455, "contacts": [{"id": 1, "user_id": %d, "contact_type": "organization_contact"}]},
		"csa_agreed_to": 1,
		"subject": {"given_name": "Old", "surname": "Order", "job_title": "Clerk", "phone": "1", "email": "old@example.com"},
		"order_validity": {"years": 1},
		"payment_method": "balance"
	}`, sandbox.DefaultUserID)))
	if err != nil {
		t.Fatalf("seeding an order: %v", err)
	}
	return id
}

// A ds_org_individual order built from its page's table: the JSON body has
// the table's names, nesting and types (csr, key_size, csr_key_type and
// signature_hash under certificate, key_size an ECC string, csa_agreed_to
// the number 1). Then import, and a plan with the same configuration adopts
// what the import could not know, in place, without ordering again.
func TestAccDocumentSigningOrder_employeeTable(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "Rene Pierce")
	renewalOf := dsignSeedEmployeeOrder(t, s)
	expires := strings.ToUpper(time.Now().AddDate(0, 10, 0).Format("02 Jan 2006"))
	cfg := dsignEmployeeTable(csr, renewalOf, expires)
	var mine int
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			// The seeded order is not Terraform's; the imported one is
			// canceled on destroy.
			if o, _ := s.Order(mine); o.Status != "canceled" || o.CancelNote != cancelNote {
				return fmt.Errorf("order %d is %s (note %q) after destroy, want canceled", mine, o.Status, o.CancelNote)
			}
			if o, _ := s.Order(renewalOf); o.Status != "needs_approval" {
				return fmt.Errorf("the seeded order %d is %s, want it untouched", renewalOf, o.Status)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: cfg.hcl(s),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 2),
					dsignCheckOnlyPOST(t, s, "ds_org_individual", dsignEmployeeTableJSON(csr, renewalOf, expires)),
					func(st *terraform.State) error {
						orders := s.Orders()
						o := orders[len(orders)-1]
						mine = o.ID
						if len(o.UnknownFields) != 0 {
							return fmt.Errorf("the sandbox found fields the page does not document: %v", o.UnknownFields)
						}
						return resource.ComposeAggregateTestCheckFunc(
							resource.TestCheckResourceAttr(dsignAddr, "id", strconv.Itoa(o.ID)),
							resource.TestCheckResourceAttr(dsignAddr, "status", "needs_approval"),
							resource.TestCheckResourceAttr(dsignAddr, "requests.0.status", "pending"),
						)(st)
					},
				),
			},
			{
				ResourceName:            dsignAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: dsignImportIgnore(),
			},
			{
				// Forget the order (on_destroy = "keep") ...
				Config: cfg.with("on_destroy", `"keep"`).hcl(s),
			},
			{
				Config: acctest.ProviderConfig(s),
				Check:  checkOrderCount(s, 2),
			},
			{
				// ... and import it again, for good.
				Config:             cfg.hcl(s),
				ResourceName:       dsignAddr,
				ImportState:        true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return strconv.Itoa(mine), nil },
				ImportStatePersist: true,
			},
			{
				// The imported state lacks subject, contacts, ...: the
				// configuration is adopted in place, nothing is ordered.
				Config: cfg.hcl(s),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(dsignAddr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 2),
					func(st *terraform.State) error {
						if n := len(acctest.OrderPOSTs(s)); n != 1 {
							return fmt.Errorf("%d order POSTs after adopting the configuration, want still 1", n)
						}
						if o, _ := s.Order(mine); o.Status != "needs_approval" {
							return fmt.Errorf("the imported order is %s, want it untouched", o.Status)
						}
						return resource.ComposeAggregateTestCheckFunc(
							resource.TestCheckResourceAttr(dsignAddr, "id", strconv.Itoa(mine)),
							resource.TestCheckResourceAttr(dsignAddr, "subject.given_name", "Rene"),
							resource.TestCheckResourceAttr(dsignAddr, "organization.contacts.#", "2"),
							resource.TestCheckResourceAttr(dsignAddr, "certificate.key_size", "p-256"),
						)(st)
					},
				),
			},
		},
	})
}

// key_size for RSA is the JSON int the page types it as.
func TestAccDocumentSigningOrder_employeeRSAKeySize(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.RSACSR(t, "Rene Pierce", 3072)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s),
		Steps: []resource.TestStep{{
			Config: dsignEmployeeMinimal().
				with("cs_provisioning_method", `"email"`).
				with("certificate", dsignCertWithCSR(csr, `key_size = "3072"
    csr_key_type = "rsa"`)).hcl(s),
			Check: func(*terraform.State) error {
				posts := acctest.OrderPOSTs(s)
				if len(posts) != 1 {
					return fmt.Errorf("%d order POSTs, want 1", len(posts))
				}
				var body struct {
					Certificate json.RawMessage `json:"certificate"`
				}
				if err := json.Unmarshal(posts[0].Body, &body); err != nil {
					return err
				}
				csrJSON, _ := json.Marshal(csr)
				acctest.AssertJSONEqual(t, body.Certificate, fmt.Sprintf(`{
					"csr": %s, "usage_designation": {"primary_usage": "signing"}, "key_size": 3072, "csr_key_type": "rsa"
				}`, csrJSON))
				return nil
			},
		}},
	})
}

// An order with a new organization's details: CertCentral creates the
// organization and answers its ID, which becomes organization_id.
func TestAccDocumentSigningOrder_newOrganization(t *testing.T) {
	s := acctest.StartSandbox(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s),
		Steps: []resource.TestStep{{
			Config: dsignOrgMinimal().with("organization", `{
    name                     = "Epigyne Unwieldiness llc"
    assumed_name             = "Epigyne Unwieldiness"
    address                  = "932 Prospect Street"
    address2                 = "Floor 08"
    city                     = "Minneapolis"
    state                    = "mn"
    zip                      = "40849"
    country                  = "us"
    telephone                = "666-186-6450"
    skip_duplicate_org_check = true
    organization_contact = {
      first_name = "Gia"
      last_name  = "Booth"
      job_title  = "Clinical Laboratory Technician"
      email      = "gia.booth@inbox.com"
      telephone  = "666-186-6450"
    }
  }`).hcl(s),
			Check: func(st *terraform.State) error {
				o, err := onlyOrder(s)
				if err != nil {
					return err
				}
				if o.OrganizationID == 0 || o.OrganizationID == sandbox.DefaultOrganizationID {
					return fmt.Errorf("the order's organization is %d, want a new one", o.OrganizationID)
				}
				return resource.TestCheckResourceAttr(dsignAddr, "organization_id", strconv.Itoa(o.OrganizationID))(st)
			},
		}},
	})
}

// Lifecycle: create, import, replace on an input change (the old order is
// canceled), on_destroy changes in place without any API call, and destroy
// with on_destroy = "keep" leaves the order alone.
func TestAccDocumentSigningOrder_lifecycle(t *testing.T) {
	s := acctest.StartSandbox(t)
	base := dsignOrgMinimal()
	var first int
	var writes int
	countWrites := func() int {
		return s.CountRequests("POST", "") + s.CountRequests("PUT", "")
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			orders := s.Orders()
			if len(orders) != 2 {
				return fmt.Errorf("the sandbox holds %d orders, want 2", len(orders))
			}
			if orders[0].Status != "canceled" || orders[0].CancelNote != cancelNote {
				return fmt.Errorf("the replaced order is %s (note %q), want canceled with %q", orders[0].Status, orders[0].CancelNote, cancelNote)
			}
			if orders[1].Status != "needs_approval" || orders[1].CancelNote != "" {
				return fmt.Errorf("on_destroy = keep: the order is %s (note %q), want it untouched", orders[1].Status, orders[1].CancelNote)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: base.with("comments", `"first"`).hcl(s),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 1),
					checkStateMatchesOnlyOrder(s, dsignAddr),
					resource.TestCheckResourceAttr(dsignAddr, "status", "needs_approval"),
					func(*terraform.State) error { first = s.Orders()[0].ID; return nil },
				),
			},
			{
				ResourceName:            dsignAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: dsignImportIgnore(),
			},
			{
				Config: base.with("comments", `"second"`).hcl(s),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(dsignAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 2),
					func(st *terraform.State) error {
						orders := s.Orders()
						if orders[0].ID != first || orders[0].Status != "canceled" {
							return fmt.Errorf("the first order is %d %s, want %d canceled", orders[0].ID, orders[0].Status, first)
						}
						writes = countWrites()
						return resource.TestCheckResourceAttr(dsignAddr, "id", strconv.Itoa(orders[1].ID))(st)
					},
				),
			},
			{
				Config: base.with("comments", `"second"`).with("on_destroy", `"keep"`).hcl(s),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(dsignAddr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 2),
					resource.TestCheckResourceAttr(dsignAddr, "on_destroy", "keep"),
					func(*terraform.State) error {
						if n := countWrites(); n != writes {
							return fmt.Errorf("changing on_destroy sent %d POST/PUT requests, want none", n-writes)
						}
						return nil
					},
				),
			},
		},
	})
}

// on_destroy = "revoke" on an issued order revokes it (the sandbox asks for
// approval, which the provider reports as a warning).
func TestAccDocumentSigningOrder_onDestroyRevoke(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "Rene Pierce")
	cfg := dsignEmployeeMinimal().
		with("cs_provisioning_method", `"email"`).
		with("certificate", dsignCertWithCSR(csr, "")).
		with("on_destroy", `"revoke"`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			o, err := onlyOrder(s)
			if err != nil {
				return err
			}
			if o.RevokeComments != revokeComment {
				return fmt.Errorf("the issued order was not revoked on destroy (status %s, revoke comments %q)", o.Status, o.RevokeComments)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: cfg.hcl(s),
				Check:  checkOrderCount(s, 1),
			},
			{
				// Organization validation done: the order is issued, and a
				// refresh shows the certificate.
				PreConfig: func() {
					if err := s.IssueOrder(s.Orders()[0].ID); err != nil {
						t.Fatal(err)
					}
				},
				RefreshState: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(dsignAddr, "status", "issued"),
					resource.TestCheckResourceAttrSet(dsignAddr, "serial_number"),
					resource.TestCheckResourceAttrSet(dsignAddr, "valid_till"),
					checkOrderCount(s, 1),
				),
			},
		},
	})
}

// An order deleted in CertCentral (404 on refresh) leaves the state, and
// the next plan orders again.
func TestAccDocumentSigningOrder_notFoundOnRefresh(t *testing.T) {
	s := acctest.StartSandbox(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: dsignOrgMinimal().hcl(s),
				Check:  checkOrderCount(s, 1),
			},
			{
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{
						Method: "GET", PathPrefix: "/order/certificate/" + strconv.Itoa(s.Orders()[0].ID), Kind: sandbox.FaultStatus, Status: 404,
						Body: `{"errors":[{"code":"not_found|order","message":"Order not found."}]}`,
					})
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: func(st *terraform.State) error {
					if _, ok := st.RootModule().Resources[dsignAddr]; ok {
						return fmt.Errorf("%s is still in state after a 404", dsignAddr)
					}
					return checkOrderCount(s, 1)(st)
				},
			},
		},
	})
}

// A failure after the order POST (order info unreadable) is a warning: the
// apply succeeds, state holds the order, exactly one order exists, and the
// next refresh fills in the rest.
func TestAccDocumentSigningOrder_failureAfterPost(t *testing.T) {
	s := acctest.StartSandbox(t)
	providerNoRetry := fmt.Sprintf(`
provider "digicert" {
  api_key     = %q
  base_url    = %q
  max_retries = 0
}
`, s.APIKey(), s.URL())
	cfg := providerNoRetry + dsignOrgMinimal().resource()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "GET", PathPrefix: "/order/certificate/", Kind: sandbox.FaultStatus, Status: 500, Count: 1})
				},
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 1),
					checkStateMatchesOnlyOrder(s, dsignAddr),
					resource.TestCheckResourceAttr(dsignAddr, "requests.0.status", "pending"),
					// Not read yet: filled by the next refresh.
					resource.TestCheckNoResourceAttr(dsignAddr, "status"),
					func(*terraform.State) error {
						if n := len(acctest.OrderPOSTs(s)); n != 1 {
							return fmt.Errorf("%d order POSTs, want exactly 1", n)
						}
						if n := s.PendingFaults(); n != 0 {
							return fmt.Errorf("the GET fault never fired")
						}
						return nil
					},
				),
			},
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 1),
					checkStateMatchesOnlyOrder(s, dsignAddr),
					resource.TestCheckResourceAttr(dsignAddr, "status", "needs_approval"),
					func(*terraform.State) error {
						if n := len(acctest.OrderPOSTs(s)); n != 1 {
							return fmt.Errorf("%d order POSTs, want still 1", n)
						}
						return nil
					},
				),
			},
		},
	})
}

// An order POST whose answer is lost is not sent again: the error says that
// the next apply finds the order by its alternative_order_id.
func TestAccDocumentSigningOrder_outcomeUnknown(t *testing.T) {
	s := acctest.StartSandbox(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				s.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/order/certificate/", Kind: sandbox.FaultDropAfterCommit, Count: 1})
			},
			Config:      dsignOrgMinimal().hcl(s),
			ExpectError: dsignErr("Order Outcome Unknown", "Run apply again: the order request carried alternative_order_id"),
		}},
	})
	if n := len(acctest.OrderPOSTs(s)); n != 1 {
		t.Errorf("the order was sent %d times, want exactly once", n)
	}
	if n := len(s.Orders()); n != 1 {
		t.Errorf("the sandbox holds %d orders, want the 1 whose answer was lost", n)
	}
}

// Card payment. On a CLI with write-only attributes, the card reaches
// CertCentral with the order, and neither the plan nor the state holds it.
// On one without (Terraform 1.5.7), the configuration is refused at plan
// time with a hint to pay another way, and nothing is ordered.
func TestAccDocumentSigningOrder_cardPayment(t *testing.T) {
	s := acctest.StartSandbox(t)
	cfg := dsignEmployeeMinimal().
		with("payment_method", `"card"`).
		with("credit_card", dsignCardHCL()).
		with("billing_address", dsignBillingHCL)
	secrets := []string{dsignCardNumber, dsignCardCVV}

	if !acctest.Supports(t, acctest.WriteOnly) {
		resource.Test(t, resource.TestCase{
			PreCheck:                 func() { acctest.PreCheck(t) },
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: cfg.hcl(s),
				ExpectError: dsignErr("Card Payment Needs Write-Only Attribute Support",
					`payment_method = "profile"`, `payment_method = "balance"`),
			}},
		})
		resource.Test(t, resource.TestCase{
			PreCheck:                 func() { acctest.PreCheck(t) },
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:      cfg.hcl(s),
				ExpectError: dsignErr("Write-only attributes are only supported in Terraform 1.11 and later"),
			}},
		})
		dsignNoOrderSent(t, s)
		return
	}

	// The card comes in through ephemeral variables, as the example
	// recommends: a literal in the configuration would be in the .tf file,
	// and so in the plan's copy of the configuration; an ordinary variable's
	// value is saved in the plan. Ephemeral values are saved nowhere, and
	// only write-only attributes accept them.
	ephemeralCfg := acctest.ProviderConfig(s) + `
variable "card_number" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "card_cvv" {
  type      = string
  sensitive = true
  ephemeral = true
}
` + cfg.with("credit_card", strings.NewReplacer(strconv.Quote(dsignCardNumber), "var.card_number", strconv.Quote(dsignCardCVV), "var.card_cvv").Replace(dsignCardHCL())).resource()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s),
		Steps: []resource.TestStep{{
			Config: ephemeralCfg,
			ConfigVariables: config.Variables{
				"card_number": config.StringVariable(dsignCardNumber),
				"card_cvv":    config.StringVariable(dsignCardCVV),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{dsignNoSecretsInPlan{secrets: secrets}},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				dsignNoSecretsInState{secrets: secrets},
				statecheck.ExpectKnownValue(dsignAddr, tfjsonpath.New("credit_card"), knownvalue.Null()),
				statecheck.ExpectKnownValue(dsignAddr, tfjsonpath.New("payment_method"), knownvalue.StringExact("card")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				checkOrderCount(s, 1),
				checkStateMatchesOnlyOrder(s, dsignAddr),
				// The order carried the card, exactly as configured.
				func(*terraform.State) error {
					posts := acctest.OrderPOSTs(s)
					if len(posts) != 1 {
						return fmt.Errorf("%d order POSTs, want 1", len(posts))
					}
					var body struct {
						CreditCard     json.RawMessage `json:"credit_card"`
						BillingAddress json.RawMessage `json:"billing_address"`
						PaymentMethod  string          `json:"payment_method"`
					}
					if err := json.Unmarshal(posts[0].Body, &body); err != nil {
						return err
					}
					if body.PaymentMethod != "card" {
						return fmt.Errorf("payment_method sent = %q", body.PaymentMethod)
					}
					acctest.AssertJSONEqual(t, body.CreditCard, fmt.Sprintf(`{
						"number": %q, "expiration_month": "01", "expiration_year": "%d", "cvv": %q,
						"cardholder_name": "Rene Pierce", "set_as_default": "0"
					}`, dsignCardNumber, time.Now().Year()+3, dsignCardCVV))
					acctest.AssertJSONEqual(t, body.BillingAddress, `{
						"address": "360 Taylor Street", "city": "Richmond", "state": "va", "country": "us", "zip": "69662"
					}`)
					return nil
				},
				// The state as the provider's testing framework reads it.
				func(st *terraform.State) error {
					for addr, rs := range st.RootModule().Resources {
						for k, v := range rs.Primary.Attributes {
							for _, secret := range secrets {
								if strings.Contains(v, secret) {
									return fmt.Errorf("state %s.%s holds a card secret", addr, k)
								}
							}
							if strings.HasPrefix(k, "credit_card.") && k != "credit_card.%" {
								return fmt.Errorf("state holds %s.%s", addr, k)
							}
						}
					}
					return nil
				},
			),
		}},
	})

	// With the card written literally in the configuration, the provider
	// still puts none of it in the plan's values or in the state; only the
	// plan's copy of the configuration (the .tf source) holds it.
	s2 := acctest.StartSandbox(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s2),
		Steps: []resource.TestStep{{
			Config: cfg.hcl(s2),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{dsignNoSecretsInPlan{secrets: secrets, skipConfiguration: true}},
			},
			ConfigStateChecks: []statecheck.StateCheck{dsignNoSecretsInState{secrets: secrets}},
			Check: resource.ComposeAggregateTestCheckFunc(
				checkOrderCount(s2, 1),
				func(*terraform.State) error {
					if posts := acctest.OrderPOSTs(s2); len(posts) != 1 || !strings.Contains(string(posts[0].Body), dsignCardNumber) {
						return fmt.Errorf("the order did not carry the card")
					}
					return nil
				},
			),
		}},
	})
}

// dsignNoSecretsInPlan fails when the plan JSON (terraform show -json of
// the saved plan) holds any of the secrets. skipConfiguration leaves out the
// plan's copy of the configuration source, for a configuration that writes
// the card literally.
type dsignNoSecretsInPlan struct {
	secrets           []string
	skipConfiguration bool
}

func (c dsignNoSecretsInPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	plan := *req.Plan
	if c.skipConfiguration {
		plan.Config = nil
	}
	raw, err := json.Marshal(plan)
	if err != nil {
		resp.Error = err
		return
	}
	if !strings.Contains(string(raw), `"payment_method":"card"`) {
		resp.Error = fmt.Errorf("the plan does not hold the card order; the check would prove nothing: %s", raw)
		return
	}
	for _, secret := range c.secrets {
		if strings.Contains(string(raw), secret) {
			resp.Error = fmt.Errorf("the plan JSON holds a card secret")
			return
		}
	}
}

// dsignNoSecretsInState fails when the state JSON (terraform show -json)
// holds any of the secrets.
type dsignNoSecretsInState struct{ secrets []string }

func (c dsignNoSecretsInState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	raw, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	if !strings.Contains(string(raw), `"payment_method":"card"`) {
		resp.Error = fmt.Errorf("the state does not hold the card order; the check would prove nothing: %s", raw)
		return
	}
	for _, secret := range c.secrets {
		if strings.Contains(string(raw), secret) {
			resp.Error = fmt.Errorf("the state JSON holds a card secret")
			return
		}
	}
}

// dsignRule is one plan-time validation rule: a configuration that breaks
// it, and the error it must produce.
type dsignRule struct {
	name string
	cfg  func(t *testing.T) dsignConfig
	err  *regexp.Regexp
}

// dsignCardFieldRules configure credit_card or billing_address. On a CLI
// without write-only attributes the configuration is refused as a whole
// before any card rule runs, so there they expect dsignErrNoWriteOnly.
var dsignCardFieldRules = map[string]bool{
	"card_number": true, "card_expiration_month": true, "card_expiration_year": true, "card_cvv": true, "card_expired": true, "card_cvv_missing": true,
	"billing_address_refused_without_card": true, "credit_card_refused_without_card": true, "billing_city_missing": true, "billing_state_for_us": true,
}

func dsignStatic(c dsignConfig) func(*testing.T) dsignConfig {
	return func(*testing.T) dsignConfig { return c }
}

// dsignErrNoWriteOnly is the plan-time error for any credit_card on a CLI
// without write-only attributes.
var dsignErrNoWriteOnly = dsignErr("Card Payment Needs Write-Only Attribute Support", `payment_method = "profile"`)

func dsignRules() []dsignRule {
	org, emp := dsignOrgMinimal(), dsignEmployeeMinimal()
	orgNotUsed := "Attribute Not Used by document_signing_org_1"
	empNotUsed := "Attribute Not Used by ds_org_individual"
	orgMissing := "Missing Required Attribute for document_signing_org_1"
	empMissing := "Missing Required Attribute for ds_org_individual"
	withCSR := func(extra string, csr func(t *testing.T) string) func(*testing.T) dsignConfig {
		return func(t *testing.T) dsignConfig {
			return emp.with("cs_provisioning_method", `"email"`).with("certificate", dsignCertWithCSR(csr(t), extra))
		}
	}
	ecc := func(t *testing.T) string { return acctest.CSR(t, "Rene Pierce") }
	rsa2048 := func(t *testing.T) string { return acctest.RSACSR(t, "Rene Pierce", 2048) }
	card := func(field, value string) func(*testing.T) dsignConfig {
		return dsignStatic(emp.with("payment_method", `"card"`).with("billing_address", dsignBillingHCL).
			with("credit_card", regexp.MustCompile(`(?m)^(\s*`+field+`\s*=\s*).*$`).ReplaceAllString(dsignCardHCL(), "${1}"+value)))
	}
	past := strings.ToUpper(time.Now().AddDate(0, 0, -2).Format("02 Jan 2006"))
	tooFar := strings.ToUpper(time.Now().AddDate(3, 1, 0).Format("02 Jan 2006"))
	return []dsignRule{
		// Allowed values and formats.
		{"product_name_id", dsignStatic(org.with("product_name_id", `"code_signing_org"`)), dsignErr("product_name_id", "document_signing_org_1")},
		{"validity_years", dsignStatic(org.with("validity_years", "4")), dsignErr("validity_years", "4")},
		{"org_signature_hash_sha256_only", dsignStatic(org.with("certificate", `{ signature_hash = "sha384" }`)),
			dsignErr("certificate.signature_hash", `"sha384" is not allowed for document_signing_org_1`)},
		{"employee_signature_hash", withCSR(`signature_hash = "sha1"`, ecc), dsignErr("certificate.signature_hash", `"sha1" is not allowed for ds_org_individual`)},
		{"org_ship_method_lowercase", dsignStatic(org.with("cs_provisioning_method", `"ship_token"`).with("ship_info", dsignShipInfoEmployee)),
			dsignErr("ship_info.method", `"STANDARD" is not allowed for document_signing_org_1`, "standard, expedited")},
		{"employee_ship_method_uppercase", dsignStatic(emp.with("cs_provisioning_method", `"ship_token"`).with("ship_info", dsignShipInfoOrg)),
			dsignErr("ship_info.method", `"standard" is not allowed for ds_org_individual`, "STANDARD, EXPEDITED")},
		{"cs_provisioning_method", dsignStatic(emp.with("cs_provisioning_method", `"usb_stick"`)), dsignErr("cs_provisioning_method", "usb_stick")},
		{"order_validity_years", dsignStatic(emp.with("order_validity", `{ years = 4 }`)), dsignErr("order_validity.years", "4")},
		{"order_validity_days", dsignStatic(emp.with("order_validity", `{ days = 1096 }`)), dsignErr("order_validity.days", "1096")},
		{"order_validity_date_format", dsignStatic(emp.with("order_validity", `{ custom_expiration_date = "2027-06-09" }`)),
			dsignErr("order_validity.custom_expiration_date", "dd MMM YYYY")},
		{"order_validity_date_past", dsignStatic(emp.with("order_validity", fmt.Sprintf(`{ custom_expiration_date = %q }`, past))),
			dsignErr("order_validity.custom_expiration_date", "not in the future")},
		{"order_validity_date_within_three_years", dsignStatic(emp.with("order_validity", fmt.Sprintf(`{ custom_expiration_date = %q }`, tooFar))),
			dsignErr("order_validity.custom_expiration_date", "1096 or more days ahead")},
		{"order_validity_empty", dsignStatic(emp.with("order_validity", `{}`)), dsignErr("Missing Order Validity", "years, days or custom_expiration_date")},
		{"primary_usage", dsignStatic(emp.with("certificate", `{ usage_designation = { primary_usage = "encryption" } }`)),
			dsignErr("certificate.usage_designation.primary_usage", "signing")},
		{"additional_usages", dsignStatic(emp.with("certificate", `{ usage_designation = { primary_usage = "signing", additional_usages = ["code_signing"] } }`)),
			dsignErr("additional_usages", "code_signing")},
		{"key_size_value", dsignStatic(emp.with("certificate", `{
    usage_designation = { primary_usage = "signing" }
    key_size          = "1024"
  }`)), dsignErr("certificate.key_size", "1024")},
		{"csr_key_type_value", dsignStatic(emp.with("certificate", `{
    usage_designation = { primary_usage = "signing" }
    csr_key_type      = "dsa"
  }`)), dsignErr("certificate.csr_key_type", "dsa")},
		{"key_size_ecc_with_rsa_default", dsignStatic(emp.with("certificate", `{
    usage_designation = { primary_usage = "signing" }
    key_size          = "p-256"
  }`)), dsignErr("Key Size Does Not Match the Key Type", `"p-256" is not a size for RSA keys`)},
		{"key_size_rsa_with_ecc", dsignStatic(emp.with("certificate", `{
    usage_designation = { primary_usage = "signing" }
    key_size          = "2048"
    csr_key_type      = "ecc"
  }`)), dsignErr("Key Size Does Not Match the Key Type", `"2048" is not a size for ECC keys`, "p-256, p-384")},
		{"csr_key_type_vs_csr", withCSR(`csr_key_type = "rsa"`, ecc), dsignErr("Key Type Does Not Match the CSR", `csr_key_type = "ecc"`)},
		{"key_size_vs_csr", withCSR(`key_size = "4096"`, rsa2048), dsignErr("Key Size Does Not Match the CSR", `key_size = "2048"`)},
		{"csr_not_pem", withCSR("", func(*testing.T) string { return "not a CSR" }), dsignErr("Invalid Certificate Signing Request", "is not PEM")},
		{"csr_weak_rsa", withCSR("", func(t *testing.T) string { return acctest.RSACSR(t, "Rene Pierce", 1024) }),
			dsignErr("Invalid Certificate Signing Request", "1024-bit RSA key")},
		{"payment_method", dsignStatic(emp.with("payment_method", `"cash"`)), dsignErr("payment_method", "cash")},
		{"subject_email", dsignStatic(org.with("subject", strings.Replace(dsignSubjectOrg, "rene.pierce@yahoo.com", "rene.pierce", 1))), dsignErr("subject.email", "email address")},
		{"additional_emails", dsignStatic(emp.with("additional_emails", `["finance"]`)), dsignErr("additional_emails", "email address")},
		{"card_number", card("number", `"4000-0566-5566-5556"`), dsignErr("credit_card.number must be a card number of 12 to 19 digits")},
		{"card_expiration_month", card("expiration_month", `"13"`), dsignErr("credit_card.expiration_month must be a two-digit month from 01 to 12")},
		{"card_expiration_year", card("expiration_year", `"27"`), dsignErr("credit_card.expiration_year must be a four-digit year")},
		{"card_cvv", card("cvv", `"12"`), dsignErr("credit_card.cvv must be three or four digits")},
		{"card_expired", card("expiration_year", fmt.Sprintf(`"%d"`, time.Now().Year()-1)), dsignErr("Card Expired", "this plan places a new order")},
		{"card_cvv_missing", card("cvv", "null"), dsignErr("Missing Card Details", "credit_card.cvv is required")},
		{"billing_city_missing", func(*testing.T) dsignConfig {
			return emp.with("payment_method", `"card"`).with("credit_card", dsignCardHCL()).with("billing_address", strings.Replace(dsignBillingHCL, `city    = "Richmond"`, "", 1))
		}, dsignErr("Missing Card Details", "billing_address.city is required")},
		{"billing_state_for_us", func(*testing.T) dsignConfig {
			return emp.with("payment_method", `"card"`).with("credit_card", dsignCardHCL()).with("billing_address", strings.Replace(dsignBillingHCL, `state   = "va"`, "", 1))
		}, dsignErr("Missing Card Details", "billing_address.state is required")},

		// Conditional rules.
		{"csr_required_for_email", dsignStatic(emp.with("cs_provisioning_method", `"email"`)), dsignErr("Missing Certificate Signing Request", `cs_provisioning_method is "email"`)},
		{"ship_info_required_for_ship_token", dsignStatic(emp.with("cs_provisioning_method", `"ship_token"`)), dsignErr("Missing Shipping Address", "ship_token")},
		{"employee_ship_info_addr2_required", dsignStatic(emp.with("cs_provisioning_method", `"ship_token"`).with("ship_info", strings.Replace(dsignShipInfoEmployee, `addr2   = "Floor 74"`, "", 1))),
			dsignErr(empMissing, "requires ship_info.addr2")},
		{"card_details_required_for_card", dsignStatic(emp.with("payment_method", `"card"`)), dsignErr("Missing Card Details", "credit_card is missing", "Missing Card Details", "billing_address is missing")},
		{"billing_address_refused_without_card", dsignStatic(emp.with("billing_address", dsignBillingHCL)), dsignErr("Card Details Without Card Payment", `billing_address is used only when payment_method is "card"`)},
		{"credit_card_refused_without_card", dsignStatic(org.with("credit_card", dsignCardHCL())), dsignErr("Card Details Without Card Payment", "credit_card", "not set")},
		{"organization_id_or_details", dsignStatic(org.with("organization", `{ skip_duplicate_org_check = true }`)), dsignErr("Missing Organization", "organization.id")},
		{"new_organization_incomplete", dsignStatic(org.with("organization", `{
    name    = "Example LLC"
    address = "1 Main Street"
  }`)), dsignErr("Incomplete New Organization", "organization.city is missing")},
		{"new_contact_incomplete", dsignStatic(emp.with("organization", `{
    id       = 334455
    contacts = [{ id = 2, first_name = "Jim", contact_type = "technical_contact" }]
  }`)), dsignErr("Incomplete New Contact", "organization.contacts[0] has no user_id")},

		// What each product's page requires.
		{"org_signature_hash_required", dsignStatic(org.with("certificate", `{}`)), dsignErr(orgMissing, "requires certificate.signature_hash")},
		{"org_validity_required", dsignStatic(org.without("validity_years")), dsignErr(orgMissing, "requires order_validity = { years = N }", "deprecated validity_years")},
		{"org_both_validities", dsignStatic(org.with("order_validity", `{ years = 1 }`)), dsignErr("Two Validities Given", "give order_validity only")},
		{"org_order_validity_needs_years", dsignStatic(org.without("validity_years").with("order_validity", `{}`)), dsignErr("Missing Order Validity", "order_validity needs years for document_signing_org_1")},
		{"org_subject_name_required", dsignStatic(org.with("subject", `{
    job_title = "School Counselor"
    phone     = "054-139-0798"
    email     = "rene.pierce@yahoo.com"
  }`)), dsignErr(orgMissing, "requires subject.name")},
		{"employee_usage_designation_required", dsignStatic(emp.with("certificate", `{}`)), dsignErr(empMissing, "requires certificate.usage_designation")},
		{"employee_cs_provisioning_method_required", dsignStatic(emp.without("cs_provisioning_method")), dsignErr(empMissing, "requires cs_provisioning_method")},
		{"employee_contacts_required", dsignStatic(emp.with("organization", `{ id = 334455 }`)), dsignErr(empMissing, "requires organization.contacts")},
		{"employee_csa_agreed_to_required", dsignStatic(emp.without("csa_agreed_to")), dsignErr(empMissing, "requires csa_agreed_to")},
		{"employee_given_name_required", dsignStatic(emp.with("subject", strings.Replace(dsignSubjectEmployee, `given_name = "Rene"`, "", 1))), dsignErr(empMissing, "requires subject.given_name")},
		{"employee_surname_required", dsignStatic(emp.with("subject", strings.Replace(dsignSubjectEmployee, `surname    = "Pierce"`, "", 1))), dsignErr(empMissing, "requires subject.surname")},
		{"employee_order_validity_required", dsignStatic(emp.without("order_validity")), dsignErr(empMissing, "requires order_validity")},
		{"employee_payment_method_required", dsignStatic(emp.without("payment_method")), dsignErr(empMissing, "requires payment_method")},

		// Cross-shape: each names the product and the attribute to use instead.
		{"org_refuses_given_name", dsignStatic(org.with("subject", strings.Replace(dsignSubjectOrg, `name      = "Rene Pierce"`, `name = "Rene Pierce"
    given_name = "Rene"`, 1))), dsignErr(orgNotUsed, "subject.given_name belongs to the ds_org_individual request body", "subject.name instead")},
		{"org_refuses_surname", dsignStatic(org.with("subject", strings.Replace(dsignSubjectOrg, `name      = "Rene Pierce"`, `name = "Rene Pierce"
    surname = "Pierce"`, 1))), dsignErr(orgNotUsed, "subject.surname belongs", "subject.name instead")},
		{"org_refuses_order_validity_days", dsignStatic(org.without("validity_years").with("order_validity", `{
    years = 1
    days  = 30
  }`)), dsignErr(orgNotUsed, "order_validity.days belongs", "Give order_validity.years")},
		{"employee_refuses_organization_contact", dsignStatic(emp.with("organization_contact", dsignOrderContactHCL)), dsignErr(empNotUsed, "organization_contact belongs", "organization.contacts")},
		{"org_refuses_usage_designation", dsignStatic(org.with("certificate", `{
    signature_hash    = "sha256"
    usage_designation = { primary_usage = "signing" }
  }`)), dsignErr(orgNotUsed, "certificate.usage_designation belongs")},
		{"org_refuses_ca_cert_id", dsignStatic(org.with("certificate", `{
    signature_hash = "sha256"
    ca_cert_id     = "abc"
  }`)), dsignErr(orgNotUsed, "certificate.ca_cert_id belongs")},
		{"org_refuses_key_size", dsignStatic(org.with("certificate", `{
    signature_hash = "sha256"
    key_size       = "2048"
  }`)), dsignErr(orgNotUsed, "certificate.key_size belongs", "certificate.csr")},
		{"org_refuses_csr_key_type", dsignStatic(org.with("certificate", `{
    signature_hash = "sha256"
    csr_key_type   = "rsa"
  }`)), dsignErr(orgNotUsed, "certificate.csr_key_type belongs")},
		{"org_refuses_contacts", dsignStatic(org.with("organization", `{
    id       = 334455
    contacts = [{ id = 1, user_id = 7001, contact_type = "organization_contact" }]
  }`)), dsignErr(orgNotUsed, "organization.contacts belongs")},
		{"org_refuses_renewal_of_order_id", dsignStatic(org.with("renewal_of_order_id", "12345")), dsignErr(orgNotUsed, "renewal_of_order_id belongs")},
		{"org_refuses_renewed_thumbprint", dsignStatic(org.with("renewed_thumbprint", `"`+strings.Repeat("ab", 20)+`"`)), dsignErr(orgNotUsed, "renewed_thumbprint belongs")},
		{"renewed_thumbprint_format", dsignStatic(emp.with("renewed_thumbprint", `"abc"`)), dsignErr("renewed_thumbprint", "SHA-1 thumbprint of 40 hexadecimal digits")},
		{"container_id_positive", dsignStatic(emp.with("container", `{ id = -1 }`)), dsignErr("container.id value must be at least 1")},
		{"key_size_p354_vs_p256_csr", withCSR(`key_size = "p-354"`, ecc), dsignErr("Key Size Does Not Match the CSR", `"p-354"`, "p-256")},
		{"key_size_case", dsignStatic(emp.with("certificate", `{
    usage_designation = { primary_usage = "signing" }
    csr_key_type      = "ecc"
    key_size          = "P-384"
  }`)), dsignErr("certificate.key_size value must be one of")},
		{"org_refuses_custom_renewal_message", dsignStatic(org.with("custom_renewal_message", `"Renew me."`)), dsignErr(orgNotUsed, "custom_renewal_message belongs")},
		{"org_refuses_additional_emails", dsignStatic(org.with("additional_emails", `["a@example.com"]`)), dsignErr(orgNotUsed, "additional_emails belongs")},
		{"org_refuses_promo_code", dsignStatic(org.with("promo_code", `"SPRING"`)), dsignErr(orgNotUsed, "promo_code belongs")},
		{"employee_refuses_subject_name", dsignStatic(emp.with("subject", strings.Replace(dsignSubjectEmployee, `given_name = "Rene"`, `given_name = "Rene"
    name = "Rene Pierce"`, 1))), dsignErr(empNotUsed, "subject.name belongs to the document_signing_org_1 and document_signing_org_2 request body", "subject.given_name and subject.surname instead")},
		{"employee_refuses_validity_years", dsignStatic(emp.with("validity_years", "1")), dsignErr(empNotUsed, "validity_years belongs", "order_validity.years")},
		{"employee_refuses_use_org_as_common_name", dsignStatic(emp.with("use_org_as_common_name", "true")), dsignErr(empNotUsed, "use_org_as_common_name belongs", "subject.given_name and subject.surname")},
		{"employee_refuses_skip_approval", dsignStatic(emp.with("skip_approval", "true")), dsignErr(empNotUsed, "skip_approval belongs")},
		{"employee_refuses_custom_fields", dsignStatic(emp.with("custom_fields", `[{ metadata_id = 12, value = "x" }]`)), dsignErr(empNotUsed, "custom_fields belongs")},
	}
}

// Every plan-time rule, one subtest each: the configuration is refused with
// an error naming the attribute, and no order reaches the sandbox.
func TestAccDocumentSigningOrder_planTimeValidation(t *testing.T) {
	for _, rule := range dsignRules() {
		t.Run(rule.name, func(t *testing.T) {
			t.Parallel()
			s := acctest.StartSandbox(t)
			want := rule.err
			if dsignCardFieldRules[rule.name] && !acctest.Supports(t, acctest.WriteOnly) {
				want = dsignErrNoWriteOnly
			}
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: rule.cfg(t).hcl(s), ExpectError: want}},
			})
			dsignNoOrderSent(t, s)
		})
	}
}

// The base configurations the rules start from are valid: each rule fails
// for its own reason only.
func TestAccDocumentSigningOrder_validationBasesAreValid(t *testing.T) {
	for name, cfg := range map[string]dsignConfig{"org": dsignOrgMinimal(), "employee": dsignEmployeeMinimal()} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := acctest.StartSandbox(t)
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: cfg.hcl(s), PlanOnly: true, ExpectNonEmptyPlan: true}},
			})
		})
	}
}

// The schema is one the framework accepts (write-only rules included).
func TestDocumentSigningOrderSchema_valid(t *testing.T) {
	var resp fwresource.SchemaResponse
	newDocumentSigningOrderResource(time.Now).Schema(context.Background(), fwresource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("schema: %v", resp.Diagnostics)
	}
	if d := resp.Schema.ValidateImplementation(context.Background()); d.HasError() {
		t.Fatalf("schema implementation: %v", d)
	}
	cc, ok := resp.Schema.Attributes["credit_card"]
	if !ok || !cc.IsWriteOnly() {
		t.Fatal("credit_card must be write-only")
	}
}

// parseDSignKey reads CSRs on several lines or one (as the employee page
// asks), and PEM public keys when allowed.
func TestParseDSignKey(t *testing.T) {
	ecc := acctest.CSR(t, "x")
	oneLine := strings.ReplaceAll(strings.TrimSpace(ecc), "\n", "")
	for _, tc := range []struct {
		name, pem, wantType, wantSize string
		allowPublicKey                bool
	}{
		{"ecc csr", ecc, "ecc", "p-256", false},
		{"one-line csr", oneLine, "ecc", "p-256", false},
		{"rsa csr", acctest.RSACSR(t, "x", 2048), "rsa", "2048", false},
		{"public key", dsignPublicKeyPEM(t), "ecc", "p-384", true},
	} {
		gotType, gotSize, err := parseDSignKey(tc.pem, tc.allowPublicKey)
		if err != nil || gotType != tc.wantType || gotSize != tc.wantSize {
			t.Errorf("%s: parseDSignKey = %q, %q, %v; want %q, %q", tc.name, gotType, gotSize, err, tc.wantType, tc.wantSize)
		}
	}
	if _, _, err := parseDSignKey(dsignPublicKeyPEM(t), false); err == nil {
		t.Error("a public key was accepted where only a CSR is documented")
	}
}

// dsignPublicKeyPEM is a PEM public key (ECDSA P-384), which the employee
// page accepts in certificate.csr.
func dsignPublicKeyPEM(t *testing.T) string {
	t.Helper()
	return testutil.PublicKeyPEM(t, &testutil.ECDSAKey(t, elliptic.P384()).PublicKey)
}

// dsignExample reads a file of examples/resources/digicert_document_signing_order.
func dsignExample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", "resources", "digicert_document_signing_order", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The examples order what they say, one per product, and the sandbox finds
// nothing in them that the pages do not document.
func TestAccDocumentSigningOrder_examples(t *testing.T) {
	s := acctest.StartSandbox(t)
	example := strings.Replace(dsignExample(t, "resource.tf"), `file("${path.module}/rene-pierce.csr")`, strconv.Quote(acctest.CSR(t, "Rene Pierce")), 1)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(s) + example,
			Check: resource.ComposeAggregateTestCheckFunc(
				checkOrderCount(s, 3),
				func(st *terraform.State) error {
					products := map[string]bool{}
					for _, o := range s.Orders() {
						products[o.ProductNameID] = true
						if len(o.UnknownFields) != 0 {
							return fmt.Errorf("order %d (%s) has fields its page does not document: %v", o.ID, o.ProductNameID, o.UnknownFields)
						}
					}
					if len(products) != 3 {
						return fmt.Errorf("the examples ordered %v, want one order per product", products)
					}
					return resource.TestCheckResourceAttrSet("digicert_document_signing_order.org_new_organization", "organization_id")(st)
				},
			),
		}},
	})

	card := strings.Replace(dsignExample(t, "card-payment.tf"), `"2030"`, strconv.Quote(strconv.Itoa(time.Now().Year()+3)), 1)
	s2 := acctest.StartSandbox(t)
	step := resource.TestStep{
		Config: acctest.ProviderConfig(s2) + card,
		ConfigVariables: config.Variables{
			"card_number": config.StringVariable(dsignCardNumber),
			"card_cvv":    config.StringVariable(dsignCardCVV),
		},
		Check: func(*terraform.State) error {
			posts := acctest.OrderPOSTs(s2)
			if len(posts) != 1 || !strings.Contains(string(posts[0].Body), dsignCardNumber) {
				return fmt.Errorf("the card example did not order with the card")
			}
			return nil
		},
	}
	if !acctest.Supports(t, acctest.WriteOnly) {
		// Terraform 1.5.7 knows neither ephemeral variables nor write-only
		// attributes: the example is refused before anything is ordered.
		step.ExpectError = regexp.MustCompile(`ephemeral`)
		step.Check = nil
	}
	steps := []resource.TestStep{step}
	if !acctest.Supports(t, acctest.WriteOnly) {
		// The post-test destroy runs the last configuration, which must parse.
		steps = append(steps, resource.TestStep{Config: acctest.ProviderConfig(s2)})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s2),
		Steps:                    steps,
	})
	if !acctest.Supports(t, acctest.WriteOnly) {
		dsignNoOrderSent(t, s2)
	}
}
