package provider

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

const orderDSAddr = "data.digicert_order.test"

func orderDataSourceConfig(s *sandbox.Server, apiKey string, id int) string {
	return acctest.ProviderConfigWithKey(s, apiKey) + fmt.Sprintf(`
data "digicert_order" "test" {
  id = %[1]d
}
`, id)
}

// noPEMs are the checks of an order that has no certificate to download.
var noPEMs = []statecheck.StateCheck{
	dsExpect(orderDSAddr, dsAt("certificate_pem"), dsNull),
	dsExpect(orderDSAddr, dsAt("chain_pem"), dsNull),
	dsExpect(orderDSAddr, dsAt("root_pem"), dsNull),
	dsExpect(orderDSAddr, dsAt("full_chain_pem"), dsNull),
	dsExpect(orderDSAddr, dsAt("not_after"), dsNull),
}

func withChecks(base []statecheck.StateCheck, more ...statecheck.StateCheck) []statecheck.StateCheck {
	return append(append([]statecheck.StateCheck{}, base...), more...)
}

// setStatus is a PreConfig that moves an order to status in the sandbox.
func setStatus(t *testing.T, s *sandbox.Server, id int, status string) func() {
	return func() {
		if err := s.SetOrderStatus(id, status); err != nil {
			t.Fatalf("setting order %d to %s: %v", id, status, err)
		}
	}
}

// A DV order read as it moves from pending to issued (with PEMs), to
// reissue_pending (still with its PEMs), to revoked, and to a status the
// glossary does not know.
func TestAccOrderDataSource_dvOrderLifecycle(t *testing.T) {
	s := acctest.StartSandbox(t)
	id := createSandboxDVOrder(t, s, s.APIKey(), "app.example.com", "api.example.com")
	config := orderDataSourceConfig(s, s.APIKey(), id)
	issuedChecks := []statecheck.StateCheck{
		dsExpect(orderDSAddr, dsAt("certificate_pem"), knownvalue.StringRegexp(pemRe)),
		dsExpect(orderDSAddr, dsAt("chain_pem"), knownvalue.StringRegexp(pemRe)),
		dsExpect(orderDSAddr, dsAt("root_pem"), knownvalue.StringRegexp(pemRe)),
		dsExpect(orderDSAddr, dsAt("full_chain_pem"), knownvalue.StringRegexp(pemRe)),
		dsExpect(orderDSAddr, dsAt("certificate", "thumbprint"), knownvalue.NotNull()),
		dsExpect(orderDSAddr, dsAt("certificate", "date_issued"), knownvalue.NotNull()),
		dsExpect(orderDSAddr, dsAt("order_valid_till"), knownvalue.NotNull()),
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: withChecks(noPEMs,
					dsExpect(orderDSAddr, dsAt("id"), dsI64(int64(id))),
					dsExpect(orderDSAddr, dsAt("status"), dsStr("pending")),
					dsExpect(orderDSAddr, dsAt("date_created"), knownvalue.NotNull()),
					dsExpect(orderDSAddr, dsAt("product", "name_id"), dsStr("ssl_dv_rapidssl")),
					dsExpect(orderDSAddr, dsAt("product", "type"), knownvalue.NotNull()),
					dsExpect(orderDSAddr, dsAt("certificate", "id"), knownvalue.NotNull()),
					dsExpect(orderDSAddr, dsAt("certificate", "common_name"), dsStr("app.example.com")),
					dsExpect(orderDSAddr, dsAt("certificate", "dns_names"), dsStrs("app.example.com", "api.example.com")),
					dsExpect(orderDSAddr, dsAt("certificate", "signature_hash"), knownvalue.NotNull()),
					dsExpect(orderDSAddr, dsAt("certificate", "ca_cert", "name"), knownvalue.NotNull()),
					dsExpect(orderDSAddr, dsAt("certificate", "csr"), knownvalue.StringRegexp(csrRe)),
					dsExpect(orderDSAddr, dsAt("certificate", "serial_number"), dsNull),
					dsExpect(orderDSAddr, dsAt("certificate", "thumbprint"), dsNull),
					dsExpect(orderDSAddr, dsAt("certificate", "valid_from"), dsNull),
					dsExpect(orderDSAddr, dsAt("certificate", "valid_till"), dsNull),
					dsExpect(orderDSAddr, dsAt("certificate", "days_remaining"), dsNull),
					dsExpect(orderDSAddr, dsAt("certificate", "date_issued"), dsNull),
					dsExpect(orderDSAddr, dsAt("validity_years"), dsI64(1)),
					dsExpect(orderDSAddr, dsAt("order_valid_from"), dsNull),
					dsExpect(orderDSAddr, dsAt("order_valid_till"), dsNull),
					dsExpect(orderDSAddr, dsAt("is_renewal"), knownvalue.Bool(false)),
					dsExpect(orderDSAddr, dsAt("renewed_order_id"), dsNull),
					// A DV order has no organization.
					dsExpect(orderDSAddr, dsAt("organization"), dsNull),
				),
			},
			{
				PreConfig: func() {
					if err := s.CompleteDCV(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				Check:  checkIssuedOrder(s, id),
				ConfigStateChecks: withChecks(issuedChecks,
					dsExpect(orderDSAddr, dsAt("status"), dsStr("issued")),
					dsExpect(orderDSAddr, dsAt("certificate", "days_remaining"), knownvalue.NotNull()),
				),
			},
			{
				PreConfig:         setStatus(t, s, id, "reissue_pending"),
				Config:            config,
				Check:             checkIssuedOrder(s, id),
				ConfigStateChecks: withChecks(issuedChecks, dsExpect(orderDSAddr, dsAt("status"), dsStr("reissue_pending"))),
			},
			{
				PreConfig: setStatus(t, s, id, "revoked"),
				Config:    config,
				ConfigStateChecks: withChecks(noPEMs,
					dsExpect(orderDSAddr, dsAt("status"), dsStr("revoked")),
					// The order info still describes the certificate.
					dsExpect(orderDSAddr, dsAt("certificate", "serial_number"), knownvalue.NotNull()),
				),
			},
			{
				PreConfig: setStatus(t, s, id, "sandbox_brand_new_status"),
				Config:    config,
				ConfigStateChecks: withChecks(noPEMs,
					dsExpect(orderDSAddr, dsAt("status"), dsStr("sandbox_brand_new_status")),
				),
			},
		},
	})
}

var (
	pemRe = regexp.MustCompile(`^-----BEGIN CERTIFICATE-----\n`)
	csrRe = regexp.MustCompile(`^-----BEGIN CERTIFICATE REQUEST-----\n`)
)

// checkIssuedOrder parses the PEMs in state: the leaf is the sandbox's
// certificate for the order, with the order's names, and verifies through
// chain_pem to root_pem; full_chain_pem is leaf then chain; not_after is the
// leaf's expiry.
func checkIssuedOrder(s *sandbox.Server, id int) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		rs, ok := st.RootModule().Resources[orderDSAddr]
		if !ok {
			return fmt.Errorf("%s not in state", orderDSAddr)
		}
		a := rs.Primary.Attributes
		o, _ := s.Order(id)
		leaf, err := parseOnePEM(a["certificate_pem"])
		if err != nil {
			return fmt.Errorf("certificate_pem: %w", err)
		}
		if leaf.Subject.CommonName != o.CommonName {
			return fmt.Errorf("leaf CN %q, want the order's %q", leaf.Subject.CommonName, o.CommonName)
		}
		gotNames, wantNames := slices.Clone(leaf.DNSNames), slices.Clone(o.DNSNames)
		slices.Sort(gotNames)
		slices.Sort(wantNames)
		if !slices.Equal(gotNames, wantNames) {
			return fmt.Errorf("leaf SANs %v, want the order's names %v", leaf.DNSNames, o.DNSNames)
		}
		if want := strings.ToUpper(leaf.SerialNumber.Text(16)); !strings.EqualFold(a["certificate.serial_number"], want) {
			return fmt.Errorf("certificate.serial_number %q, the leaf's serial is %s", a["certificate.serial_number"], want)
		}
		if a["certificate.thumbprint"] != o.Thumbprint {
			return fmt.Errorf("certificate.thumbprint %q, want %q", a["certificate.thumbprint"], o.Thumbprint)
		}
		roots, intermediates := x509.NewCertPool(), x509.NewCertPool()
		if !roots.AppendCertsFromPEM([]byte(a["root_pem"])) {
			return fmt.Errorf("root_pem holds no certificate")
		}
		if !intermediates.AppendCertsFromPEM([]byte(a["chain_pem"])) {
			return fmt.Errorf("chain_pem holds no certificate")
		}
		if _, err := leaf.Verify(x509.VerifyOptions{
			Roots: roots, Intermediates: intermediates, DNSName: o.CommonName,
			CurrentTime: leaf.NotBefore.Add(time.Minute), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
		}); err != nil {
			return fmt.Errorf("the leaf does not verify through chain_pem to root_pem: %w", err)
		}
		if a["full_chain_pem"] != a["certificate_pem"]+a["chain_pem"] {
			return fmt.Errorf("full_chain_pem is not certificate_pem followed by chain_pem")
		}
		if want := leaf.NotAfter.UTC().Format(time.RFC3339); a["not_after"] != want {
			return fmt.Errorf("not_after %q, want the leaf's %q", a["not_after"], want)
		}
		return nil
	}
}

func parseOnePEM(text string) (*x509.Certificate, error) {
	block, rest := pem.Decode([]byte(text))
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, fmt.Errorf("no PEM certificate in %q", text)
	}
	if len(strings.TrimSpace(string(rest))) != 0 {
		return nil, fmt.Errorf("more than one PEM block")
	}
	return x509.ParseCertificate(block.Bytes)
}

// An order that never issues: needs_approval, then rejected.
func TestAccOrderDataSource_rejectedOrder(t *testing.T) {
	s := acctest.StartSandbox(t)
	body, err := json.Marshal(map[string]any{
		"certificate":    map[string]any{"common_name": "www.example.org", "csr": acctest.CSR(t, "www.example.org")},
		"validity_years": 1,
		"dcv_method":     "email",
	})
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.CreateOrder(s.APIKey(), "ssl_dv_geotrust", body)
	if err != nil {
		t.Fatal(err)
	}
	config := orderDataSourceConfig(s, s.APIKey(), id)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: withChecks(noPEMs,
					dsExpect(orderDSAddr, dsAt("status"), dsStr("needs_approval")),
					dsExpect(orderDSAddr, dsAt("certificate", "dns_names"), dsStrs("www.example.org")),
					dsExpect(orderDSAddr, dsAt("requests", 0, "type"), dsStr("new_request")),
					dsExpect(orderDSAddr, dsAt("requests", 0, "status"), dsStr("pending")),
				),
			},
			{
				PreConfig: func() {
					if err := s.Reject(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigStateChecks: withChecks(noPEMs,
					dsExpect(orderDSAddr, dsAt("status"), dsStr("rejected")),
					dsExpect(orderDSAddr, dsAt("requests", 0, "status"), dsStr("rejected")),
				),
			},
		},
	})
}

// The document signing example order of order-document-signing-certificate:
// organization and container set, dns_names answered as [" "], issued by
// the sandbox control API.
func TestAccOrderDataSource_documentSigningOrder(t *testing.T) {
	s := acctest.StartSandbox(t)
	id, err := s.CreateOrder(s.APIKey(), "document_signing_org_1", []byte(`{
		"certificate": {"server_platform": {"id": 21}, "signature_hash": "sha256"},
		"cs_provisioning_method": "ship_token",
		"use_org_as_common_name": true,
		"validity_years": 2,
		"comments": "Comments for the the approver.",
		"organization": {"id": 334455},
		"container": {"id": 221122},
		"ship_info": {"name": "Erin Guerra", "addr1": "360 Taylor Street", "addr2": "Floor 74", "city": "Richmond",
			"state": "va", "zip": "69662", "country": "us", "method": "standard"},
		"subject": {"name": "Rene Pierce", "job_title": "School Counselor", "phone": "054-139-0798", "email": "rene.pierce@yahoo.com"},
		"csa_agreed_to": 1,
		"skip_approval": true,
		"payment_method": "balance"
	}`))
	if err != nil {
		t.Fatal(err)
	}
	config := orderDataSourceConfig(s, s.APIKey(), id)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: withChecks(noPEMs,
					dsExpect(orderDSAddr, dsAt("status"), dsStr("pending")),
					dsExpect(orderDSAddr, dsAt("product", "name_id"), dsStr("document_signing_org_1")),
					dsExpect(orderDSAddr, dsAt("organization", "id"), dsI64(334455)),
					dsExpect(orderDSAddr, dsAt("organization", "name"), dsStr("Real Organization, LLC")),
					dsExpect(orderDSAddr, dsAt("container", "id"), dsI64(221122)),
					dsExpect(orderDSAddr, dsAt("container", "name"), dsStr("Document Signing")),
					dsExpect(orderDSAddr, dsAt("certificate", "common_name"), dsStr("Real Organization, LLC")),
					// [" "] is no name.
					dsExpect(orderDSAddr, dsAt("certificate", "dns_names"), knownvalue.ListSizeExact(0)),
					dsExpect(orderDSAddr, dsAt("certificate", "server_platform", "id"), dsI64(21)),
					dsExpect(orderDSAddr, dsAt("certificate", "organization", "id"), dsI64(334455)),
					dsExpect(orderDSAddr, dsAt("cs_provisioning_method"), dsStr("ship_token")),
					dsExpect(orderDSAddr, dsAt("payment_method"), dsStr("balance")),
					dsExpect(orderDSAddr, dsAt("validity_years"), dsI64(2)),
				),
			},
			{
				PreConfig: func() {
					if err := s.IssueOrder(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				Check: func(st *terraform.State) error {
					leaf, err := parseOnePEM(st.RootModule().Resources[orderDSAddr].Primary.Attributes["certificate_pem"])
					if err != nil {
						return err
					}
					if leaf.Subject.CommonName != "Real Organization, LLC" {
						return fmt.Errorf("leaf CN %q", leaf.Subject.CommonName)
					}
					return nil
				},
				ConfigStateChecks: []statecheck.StateCheck{
					dsExpect(orderDSAddr, dsAt("status"), dsStr("issued")),
					dsExpect(orderDSAddr, dsAt("root_pem"), knownvalue.StringRegexp(pemRe)),
					dsExpect(orderDSAddr, dsAt("not_after"), knownvalue.NotNull()),
				},
			},
		},
	})
}

func TestAccOrderDataSource_notFound(t *testing.T) {
	s := acctest.StartSandbox(t)
	other := s.NewAccount(false)
	otherOrder := createSandboxDVOrder(t, s, other, "other.example.com")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      orderDataSourceConfig(s, s.APIKey(), 99999999),
				ExpectError: dsErrorRe("Order Not Found", "CertCentral has no order 99999999 in the account the API key belongs to: the order does not exist, or it belongs to another account"),
			},
			{
				Config:      orderDataSourceConfig(s, s.APIKey(), otherOrder),
				ExpectError: dsErrorRe("Order Not Found", fmt.Sprintf("CertCentral has no order %d in the account", otherOrder)),
			},
		},
	})
}

func TestAccOrderDataSource_permissionMissing(t *testing.T) {
	s := acctest.StartSandbox(t)
	id := createSandboxDVOrder(t, s, s.APIKey(), "perm.example.com")
	viewOnly, err := s.AddAPIKey(s.APIKey(), true)
	if err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// A View Only key reads orders.
				Config:            orderDataSourceConfig(s, viewOnly, id),
				ConfigStateChecks: []statecheck.StateCheck{dsExpect(orderDSAddr, dsAt("status"), dsStr("pending"))},
			},
			{
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{
						Method: "GET", PathPrefix: "/order/certificate/", Kind: sandbox.FaultStatus, Status: 403,
						ContentType: "application/json",
						Body:        `{"errors":[{"code":"access_denied|missing_permission","message":"You do not have permission to view orders."}]}`,
					})
				},
				Config: orderDataSourceConfig(s, viewOnly, id),
				ExpectError: dsErrorRe("Permission Missing",
					fmt.Sprintf(`CertCentral refused to show order %d: the API key lacks the permission to view orders. CertCentral answered: HTTP 403 "You do not have permission to view orders." (access_denied|missing_permission)`, id)),
			},
		},
	})
}

func TestAccOrderDataSource_invalidID(t *testing.T) {
	s := acctest.StartSandbox(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      orderDataSourceConfig(s, s.APIKey(), 0),
				PlanOnly:    true,
				ExpectError: dsErrorRe("Attribute id value must be at least 1, got: 0"),
			},
			{
				Config:      orderDataSourceConfig(s, s.APIKey(), -1),
				PlanOnly:    true,
				ExpectError: dsErrorRe("Attribute id value must be at least 1, got: -1"),
			},
		},
	})
	if n := len(s.Requests()); n != 0 {
		t.Errorf("an invalid id sent %d requests to CertCentral, want none", n)
	}
}
