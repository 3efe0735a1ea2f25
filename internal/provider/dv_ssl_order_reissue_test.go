package provider

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// wrapped matches phrases in order in CLI output, whatever the line wrapping
// between words.
func wrapped(phrases ...string) *regexp.Regexp {
	for i, p := range phrases {
		phrases[i] = strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(phrases, ".*"))
}

// priorSerial checks the serial_number state held before the plan.
type priorSerial struct{ want *sandbox.Order }

func (c priorSerial) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if req.Plan.PriorState == nil || req.Plan.PriorState.Values == nil {
		resp.Error = fmt.Errorf("the plan has no prior state")
		return
	}
	for _, r := range req.Plan.PriorState.Values.RootModule.Resources {
		if r.Address == dvAddr {
			if got := r.AttributeValues["serial_number"]; got != c.want.SerialNumber || r.AttributeValues["id"] != strconv.Itoa(c.want.ID) {
				resp.Error = fmt.Errorf("state holds order %v serial %v, want order %d serial %s", r.AttributeValues["id"], got, c.want.ID, c.want.SerialNumber)
			}
			return
		}
	}
	resp.Error = fmt.Errorf("%s is not in state", dvAddr)
}

// reissueSandbox is a sandbox on a frozen clock; the tests give the
// provider the same clock (testAccProviderFactoriesWithClock(s.Now)), so both
// agree on what day it is.
func reissueSandbox(t *testing.T, opts sandbox.Options) *sandbox.Server {
	t.Helper()
	opts.Logf, opts.FrozenClock = t.Logf, true
	if opts.Now.IsZero() {
		opts.Now = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	}
	return sandbox.Start(t, opts)
}

// reissueHCL is a DV order with coverage, renewal 30 days ahead, and a
// validation that follows every reissue through request_id.
func reissueHCL(s *sandbox.Server, csr, coverage, dnsNames, orderExtra string) string {
	return acctest.ProviderConfig(s) + fmt.Sprintf(`
resource "digicert_dv_ssl_order" "test" {
  product_name_id = "ssl_dv_geotrust"
  certificate = {
    common_name = "www.example.org"
    dns_names   = %[3]s
    csr         = %[1]q
  }
  %[2]s
  skip_approval     = true
  dcv_method        = "dns-txt-token"
  renew_before_days = 30
%[4]s
}

resource "digicert_dv_ssl_order_validation" "test" {
  order_id      = digicert_dv_ssl_order.test.id
  request_id    = digicert_dv_ssl_order.test.request_id
  poll_interval = "100ms"
  timeouts      = { create = "10s" }
}
`, csr, coverage, dnsNames, orderExtra)
}

// publishDCVRecords stands in for a DNS provider that keeps every order's
// TXT records current (names of a pending reissue too), until the test
// ends.
func publishDCVRecords(t *testing.T, s *sandbox.Server) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() {
		for ctx.Err() == nil {
			for _, o := range s.Orders() {
				names := o.DNSNames
				if o.PendingReissue != nil {
					names = o.PendingReissue.DNSNames
				}
				for _, n := range names {
					s.PublishDNS("TXT", n, o.DCVRandomValue)
				}
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
}

// leafOf parses the certificate_pem of addr in st.
func leafOf(st *terraform.State, addr string) (*x509.Certificate, error) {
	block, _ := pem.Decode([]byte(st.RootModule().Resources[addr].Primary.Attributes["certificate_pem"]))
	if block == nil {
		return nil, fmt.Errorf("%s has no certificate_pem", addr)
	}
	return x509.ParseCertificate(block.Bytes)
}

// checkValidationHoldsOrderCertificate: the validation waited for the
// order's current certificate and holds it.
func checkValidationHoldsOrderCertificate(s *sandbox.Server, id *int) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		o, _ := s.Order(*id)
		leaf, err := leafOf(st, validationAddr)
		if err != nil {
			return err
		}
		if want, _ := new(big.Int).SetString(o.SerialNumber, 16); o.Status != "issued" || leaf.SerialNumber.Cmp(want) != 0 {
			return fmt.Errorf("the validation holds certificate %X; order %d is %s with %s", leaf.SerialNumber, o.ID, o.Status, o.SerialNumber)
		}
		return resource.TestCheckResourceAttr(validationAddr, "status", "issued")(st)
	}
}

// checkOrderResourceHoldsOrderCertificate: after a refresh, the order
// resource holds the order's current certificate.
func checkOrderResourceHoldsOrderCertificate(s *sandbox.Server, id *int) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		o, _ := s.Order(*id)
		leaf, err := leafOf(st, dvAddr)
		if err != nil {
			return err
		}
		if want, _ := new(big.Int).SetString(o.SerialNumber, 16); leaf.SerialNumber.Cmp(want) != 0 {
			return fmt.Errorf("the order resource holds certificate %X, order %d's is %s", leaf.SerialNumber, o.ID, o.SerialNumber)
		}
		return resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(dvAddr, "id", strconv.Itoa(o.ID)),
			resource.TestCheckResourceAttr(dvAddr, "status", "issued"),
			resource.TestCheckResourceAttr(dvAddr, "serial_number", o.SerialNumber),
			resource.TestCheckResourceAttr(dvAddr, "certificate_id", strconv.Itoa(o.CertificateID)),
			resource.TestCheckResourceAttr(dvAddr, "valid_till", o.ValidTill.Format("2006-01-02")),
		)(st)
	}
}

// TestAccDVSSLOrder_renewalReissuesInsideCoverage: with renew_before_days,
// each renewal inside the coverage is a reissue on the same order (an
// in-place update, no order POST, a new serial, the validation replaced);
// once the coverage cannot hold another certificate, a renewal order.
func TestAccDVSSLOrder_renewalReissuesInsideCoverage(t *testing.T) {
	for _, tc := range []struct {
		name     string
		opts     sandbox.Options
		coverage string
		till     string // order_valid_till
		reissues int
	}{
		// 199-day certificates, each renewed 20 days before its end (inside
		// renew_before_days = 30): reissued at about days 179, 358 and 537;
		// the fourth certificate ends with the coverage (day 730), so the
		// next renewal is an order. The reissue at day 537 needs DCV again
		// (a validation is reused for 397 days).
		{"two-year Multi-year Plan", sandbox.Options{}, "order_validity = { years = 2 }", "2028-03-10", 3},
		// An account without Multi-year Plans: one year, one reissue.
		{"one year without Multi-year Plans", sandbox.Options{NoMultiYearPlans: true}, "validity_years = 1", "2027-03-10", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := reissueSandbox(t, tc.opts)
			publishDCVRecords(t, s)
			cfg := reissueHCL(s, acctest.CSR(t, "www.example.org"), tc.coverage, `["api.example.org"]`, "")
			var orderID int
			steps := []resource.TestStep{{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error { o, err := onlyOrder(s); orderID = o.ID; return err },
					func(st *terraform.State) error { return checkValidationHoldsOrderCertificate(s, &orderID)(st) },
				),
			}, {
				RefreshState: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					func(st *terraform.State) error { return checkOrderResourceHoldsOrderCertificate(s, &orderID)(st) },
					resource.TestCheckResourceAttr(dvAddr, "order_valid_till", tc.till),
					resource.TestCheckResourceAttr(dvAddr, "is_multi_year_plan", strconv.FormatBool(tc.reissues > 1)),
					resource.TestCheckResourceAttr(dvAddr, "valid_till", "2026-09-25"),
					resource.TestCheckResourceAttr(dvAddr, "next_renewal", "reissue"),
					resource.TestCheckResourceAttr(dvAddr, "request_type", "new_request"),
				),
			}}
			for i := range tc.reissues {
				var before sandbox.Order
				last := i == tc.reissues-1
				steps = append(steps, resource.TestStep{
					PreConfig: func() {
						before, _ = s.Order(orderID)
						s.SetNow(before.ValidTill.Add(-20 * 24 * time.Hour))
						s.ResetRequests()
					},
					Config: cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction(validationAddr, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectKnownValue(dvAddr, tfjsonpath.New("id"), knownvalue.NotNull()),
						plancheck.ExpectUnknownValue(dvAddr, tfjsonpath.New("request_id")),
						plancheck.ExpectUnknownValue(dvAddr, tfjsonpath.New("serial_number")),
					}},
					Check: func(st *terraform.State) error {
						after, _ := s.Order(orderID)
						if n, m := len(acctest.ReissuePOSTs(s)), len(acctest.OrderPOSTs(s)); n != 1 || m != 0 {
							return fmt.Errorf("reissue %d: %d reissue POSTs and %d order POSTs, want 1 and 0", i+1, n, m)
						}
						if after.SerialNumber == before.SerialNumber || len(after.PreviousCerts) != i+1 || len(s.Orders()) != 1 {
							return fmt.Errorf("reissue %d: serial %s (was %s), %d earlier certificates, %d orders", i+1, after.SerialNumber, before.SerialNumber, len(after.PreviousCerts), len(s.Orders()))
						}
						return checkValidationHoldsOrderCertificate(s, &orderID)(st)
					},
				})
				want := "reissue"
				if last {
					want = "renewal_order"
				}
				steps = append(steps, resource.TestStep{
					RefreshState: true,
					Check: resource.ComposeAggregateTestCheckFunc(
						func(st *terraform.State) error { return checkOrderResourceHoldsOrderCertificate(s, &orderID)(st) },
						resource.TestCheckResourceAttr(dvAddr, "request_type", "reissue"),
						resource.TestCheckResourceAttr(dvAddr, "request_status", "approved"),
						resource.TestCheckResourceAttr(dvAddr, "order_valid_till", tc.till),
						resource.TestCheckResourceAttr(dvAddr, "next_renewal", want),
						resource.TestCheckResourceAttr(dvAddr, "ready_for_renewal", "false"),
					),
				})
			}
			steps = append(steps, resource.TestStep{
				// The last certificate ends with the coverage: a renewal order.
				PreConfig: func() {
					o, _ := s.Order(orderID)
					s.SetNow(o.ValidTill.Add(-20 * 24 * time.Hour))
					s.ResetRequests()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(dvAddr, tfjsonpath.New("id")),
					plancheck.ExpectResourceAction(validationAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(st *terraform.State) error {
					orders := s.Orders()
					if len(orders) != 2 || orders[1].RenewalOfOrderID != orderID || len(acctest.ReissuePOSTs(s)) != 0 {
						return fmt.Errorf("want one renewal order of %d and no reissue, got %d orders, %d reissues", orderID, len(orders), len(acctest.ReissuePOSTs(s)))
					}
					renewal := orders[1].ID
					return checkValidationHoldsOrderCertificate(s, &renewal)(st)
				},
			})
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: testAccProviderFactoriesWithClock(s.Now),
				Steps:                    steps,
			})
		})
	}
}

// TestAccDVSSLOrder_keyRotationAndNewName: a new CSR and an added name are
// in-place updates through a reissue: the same order, the exact reissue
// body, the new key certified, DCV only for the new name.
func TestAccDVSSLOrder_keyRotationAndNewName(t *testing.T) {
	s := reissueSandbox(t, sandbox.Options{})
	publishDCVRecords(t, s)
	csr1, _ := csrWithKey(t)
	csr2, key2 := csrWithKey(t)
	cov := "order_validity = { years = 2 }"
	var orderID int
	var random string
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProviderFactoriesWithClock(s.Now),
		Steps: []resource.TestStep{
			{
				Config: reissueHCL(s, csr1, cov, "[]", ""),
				Check: func(*terraform.State) error {
					o, err := onlyOrder(s)
					orderID, random = o.ID, o.DCVRandomValue
					return err
				},
			},
			{
				PreConfig: func() { s.ResetRequests() },
				Config:    reissueHCL(s, csr2, cov, "[]", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(validationAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(st *terraform.State) error {
					posts := acctest.ReissuePOSTs(s)
					if len(posts) != 1 || len(acctest.OrderPOSTs(s)) != 0 {
						return fmt.Errorf("%d reissue POSTs, %d order POSTs; want 1 and 0", len(posts), len(acctest.OrderPOSTs(s)))
					}
					csrJSON, _ := json.Marshal(csr2)
					acctest.AssertJSONEqual(t, posts[0].Body, fmt.Sprintf(`{
						"certificate": {"common_name": "www.example.org", "dns_names": [], "csr": %s},
						"skip_approval": true,
						"dcv_method": "dns-txt-token"
					}`, csrJSON))
					if posts[0].Path != fmt.Sprintf("/services/v2/order/certificate/%d/reissue", orderID) {
						return fmt.Errorf("reissue sent to %s", posts[0].Path)
					}
					leaf, err := leafOf(st, validationAddr)
					if err != nil {
						return err
					}
					if !key2.Equal(leaf.PublicKey) {
						return fmt.Errorf("the certificate in state does not certify the new CSR's key")
					}
					return checkValidationHoldsOrderCertificate(s, &orderID)(st)
				},
			},
			{
				// A name added: its DCV record is added, the existing one
				// stays as it is (same random value), and only it is checked.
				PreConfig: func() { s.ResetRequests() },
				Config:    reissueHCL(s, csr2, cov, `["shop.example.org"]`, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(dvAddr, tfjsonpath.New("dcv_records").AtMapKey("www.example.org").AtMapKey("value"), knownvalue.StringFunc(func(v string) error {
						if v != random {
							return fmt.Errorf("www.example.org record %q, want the unchanged %q", v, random)
						}
						return nil
					})),
					plancheck.ExpectKnownValue(dvAddr, tfjsonpath.New("dcv_records").AtMapKey("shop.example.org").AtMapKey("name"), knownvalue.StringExact("shop.example.org")),
				}},
				Check: func(st *terraform.State) error {
					o, _ := s.Order(orderID)
					if len(o.DNSNames) != 2 || o.DNSNames[1] != "shop.example.org" || len(acctest.OrderPOSTs(s)) != 0 {
						return fmt.Errorf("order names %v", o.DNSNames)
					}
					checks := 0
					for _, r := range s.Requests() {
						if strings.HasSuffix(r.Path, "/check-dcv") {
							checks++
						}
					}
					if checks == 0 {
						return fmt.Errorf("the validation never checked DCV for the new name")
					}
					return checkValidationHoldsOrderCertificate(s, &orderID)(st)
				},
			},
		},
	})
}

// TestAccDVSSLOrder_reissueRefusedThenResumed: a refused reissue keeps the
// order and its certificate in state with an error naming the order; the
// next apply sends it again. A reissue stopped by CAA fails the
// validation, and resumes once CAA allows DigiCert.
func TestAccDVSSLOrder_reissueRefusedThenResumed(t *testing.T) {
	s := reissueSandbox(t, sandbox.Options{})
	publishDCVRecords(t, s)
	csr1, csr2, csr3 := acctest.CSR(t, "a"), acctest.CSR(t, "b"), acctest.CSR(t, "c")
	cov := "order_validity = { years = 2 }"
	var orderID int
	var first sandbox.Order
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProviderFactoriesWithClock(s.Now),
		Steps: []resource.TestStep{
			{
				Config: reissueHCL(s, csr1, cov, "[]", ""),
				Check: func(*terraform.State) error {
					var err error
					first, err = onlyOrder(s)
					orderID = first.ID
					return err
				},
			},
			{
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/order/certificate/*/reissue", Kind: sandbox.FaultStatus, Status: 400, Count: 1,
						Body: `{"errors":[{"code":"invalid_value:certificate.csr","message":"certificate.csr contains an invalid value."}]}`})
				},
				Config:      reissueHCL(s, csr2, cov, "[]", ""),
				ExpectError: wrapped("Reissue Not Accepted", "reissue of order", "unchanged and stay in state", "invalid_value:certificate.csr"),
			},
			{
				// The order and its certificate are still in state; this apply
				// sends the reissue again (the refusal placed nothing).
				Config: reissueHCL(s, csr2, cov, "[]", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					priorSerial{want: &first},
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionUpdate),
				}},
				Check: func(st *terraform.State) error {
					if n := len(acctest.ReissuePOSTs(s)); n != 2 {
						return fmt.Errorf("%d reissue POSTs, want 2 (one refused, one accepted)", n)
					}
					return checkValidationHoldsOrderCertificate(s, &orderID)(st)
				},
			},
			{
				// CAA forbids DigiCert: the reissue (it adds a name) is
				// accepted but cannot issue; the validation fails, naming it.
				PreConfig:   func() { s.PublishDNS("CAA", "example.org", `0 issue "letsencrypt.org"`) },
				Config:      reissueHCL(s, csr3, cov, `["caa.example.org"]`, ""),
				ExpectError: wrapped("CAA Records Do Not Allow DigiCert", "Order", "caa_check_failed|www.example.org", `0 issue "digicert.com"`),
			},
			{
				// CAA fixed: the next apply waits again and the reissued
				// certificate arrives; nothing is sent twice.
				PreConfig: func() { s.RemoveDNS("CAA", "example.org", "") },
				Config:    reissueHCL(s, csr3, cov, `["caa.example.org"]`, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionNoop),
				}},
				Check: func(st *terraform.State) error {
					if n := len(acctest.ReissuePOSTs(s)); n != 3 {
						return fmt.Errorf("%d reissue POSTs, want 3", n)
					}
					return checkValidationHoldsOrderCertificate(s, &orderID)(st)
				},
			},
		},
	})
}

// TestAccDVSSLOrder_reissueOutcomeUnknown: a reissue whose answer is lost
// is never sent again. If it reached CertCentral, the next refresh follows
// it; if not, the next plan proposes it again.
func TestAccDVSSLOrder_reissueOutcomeUnknown(t *testing.T) {
	s := reissueSandbox(t, sandbox.Options{})
	publishDCVRecords(t, s)
	csr1, csr2, csr3 := acctest.CSR(t, "a"), acctest.CSR(t, "b"), acctest.CSR(t, "c")
	cov := "order_validity = { years = 2 }"
	var orderID int
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProviderFactoriesWithClock(s.Now),
		Steps: []resource.TestStep{
			{
				Config: reissueHCL(s, csr1, cov, "[]", ""),
				Check:  func(*terraform.State) error { o, err := onlyOrder(s); orderID = o.ID; return err },
			},
			{
				// Processed, answer lost.
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/order/certificate/*/reissue", Kind: sandbox.FaultDropAfterCommit, Count: 1})
				},
				Config:      reissueHCL(s, csr2, cov, "[]", ""),
				ExpectError: wrapped("Reissue Outcome Unknown", "reissue of order", "not sent again"),
			},
			{
				// Refresh finds the reissue: nothing to do, nothing sent.
				Config: reissueHCL(s, csr2, cov, "[]", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionNoop),
				}},
				Check: func(st *terraform.State) error {
					if n := len(acctest.ReissuePOSTs(s)); n != 1 {
						return fmt.Errorf("%d reissue POSTs, want 1", n)
					}
					return checkValidationHoldsOrderCertificate(s, &orderID)(st)
				},
			},
			{
				// Not processed (a 502 from a proxy), outcome unknown to us.
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/order/certificate/*/reissue", Kind: sandbox.FaultStatus, Status: 502, Count: 1, Body: sandbox.HTMLErrorPage(502)})
				},
				Config:      reissueHCL(s, csr3, cov, "[]", ""),
				ExpectError: regexp.MustCompile(`Reissue Outcome Unknown`),
			},
			{
				// Refresh finds no reissue: the plan proposes it again.
				Config: reissueHCL(s, csr3, cov, "[]", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionUpdate),
				}},
				Check: func(st *terraform.State) error {
					if n := len(acctest.ReissuePOSTs(s)); n != 3 {
						return fmt.Errorf("%d reissue POSTs, want 3 (each sent once)", n)
					}
					return checkValidationHoldsOrderCertificate(s, &orderID)(st)
				},
			},
		},
	})
}

// TestAccDVSSLOrder_coveragePlanTimeRules: what the configuration can get
// wrong about coverage fails at plan time, with nothing sent.
func TestAccDVSSLOrder_coveragePlanTimeRules(t *testing.T) {
	s := reissueSandbox(t, sandbox.Options{})
	publishDCVRecords(t, s)
	csr := acctest.CSR(t, "www.example.org")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProviderFactoriesWithClock(s.Now),
		Steps: []resource.TestStep{
			{Config: reissueHCL(s, csr, "order_validity = { years = 2, days = 30 }", "[]", ""), PlanOnly: true, ExpectError: wrapped("exactly one of years, days or custom_expiration_date; 2 are set")},
			{Config: reissueHCL(s, csr, "order_validity = { years = 4 }", "[]", ""), PlanOnly: true, ExpectError: wrapped("order_validity.years value must be one of")},
			{Config: reissueHCL(s, csr, "order_validity = { years = 1 }\n  validity_years = 1", "[]", ""), PlanOnly: true, ExpectError: wrapped("Two Ways of Setting the Coverage")},
			{Config: reissueHCL(s, csr, "validity_years = 1", "[]", "  renew_before_fraction = 1.5"), PlanOnly: true, ExpectError: regexp.MustCompile(`renew_before_fraction`)},
			{
				PreConfig: func() {
					if n := s.CountRequests("POST", ""); n != 0 {
						t.Fatalf("plan-time errors sent %d POSTs", n)
					}
				},
				Config: reissueHCL(s, csr, "order_validity = { days = 120 }", "[]", "  allow_renewal_orders = false"),
			},
			{
				// The coverage (120 days) ends with the certificate: a new CSR
				// would need a new order, which allow_renewal_orders forbids.
				PreConfig: func() {
					o, _ := onlyOrder(s)
					s.SetNow(o.ValidTill.Add(-10 * 24 * time.Hour))
				},
				Config:      reissueHCL(s, acctest.CSR(t, "other"), "order_validity = { days = 120 }", "[]", "  allow_renewal_orders = false"),
				ExpectError: wrapped("Change Needs a New Order", "allow_renewal_orders = false forbids a billed order"),
			},
			{
				// Renewal is due but only an order could renew: nothing is
				// planned (a warning says the coverage is ending).
				Config:            reissueHCL(s, csr, "order_validity = { days = 120 }", "[]", "  allow_renewal_orders = false"),
				PlanOnly:          true,
				ConfigStateChecks: nil,
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if n := len(acctest.OrderPOSTs(s)); n != 1 || len(acctest.ReissuePOSTs(s)) != 0 {
				return fmt.Errorf("%d order POSTs and %d reissues; want 1 and 0", n, len(acctest.ReissuePOSTs(s)))
			}
			return nil
		},
	})
}

// TestAccDVSSLOrder_reissueOnOrderFollowedOnlyIfSame: before sending a
// reissue, Update reads the order. A newer reissue with another CSR key
// (someone else's) is not this request: the reissue is sent. A newer
// reissue with this request's CSR key and names (what a run killed while
// its POST was in flight leaves behind) is followed, and nothing is sent.
func TestAccDVSSLOrder_reissueOnOrderFollowedOnlyIfSame(t *testing.T) {
	s := reissueSandbox(t, sandbox.Options{})
	publishDCVRecords(t, s)
	csr1, csr2, csr3, csr4 := acctest.CSR(t, "a"), acctest.CSR(t, "b"), acctest.CSR(t, "c"), acctest.CSR(t, "d")
	cov := "order_validity = { years = 2 }"
	var orderID int
	reissueOutside := func(csr string) {
		body, _ := json.Marshal(map[string]any{
			"certificate":   map[string]any{"common_name": "WWW.example.org", "csr": csr},
			"dcv_method":    "dns-txt-token",
			"skip_approval": true,
		})
		if _, err := s.Reissue(s.APIKey(), orderID, body); err != nil {
			t.Fatalf("the reissue from outside: %v", err)
		}
	}
	checkKey := func(csr string) resource.TestCheckFunc {
		return func(st *terraform.State) error {
			leaf, err := leafOf(st, validationAddr)
			if err != nil {
				return err
			}
			block, _ := pem.Decode([]byte(csr))
			req, err := x509.ParseCertificateRequest(block.Bytes)
			if err != nil {
				return err
			}
			if string(leaf.RawSubjectPublicKeyInfo) != string(req.RawSubjectPublicKeyInfo) {
				return fmt.Errorf("the certificate in state does not certify the configured CSR's key")
			}
			return checkValidationHoldsOrderCertificate(s, &orderID)(st)
		}
	}
	// outsideStep reissues outside with csr, then applies configured: one
	// reissue POST in all, and the certificate certifies configured's key.
	outsideStep := func(csr, configured, why string) resource.TestStep {
		return resource.TestStep{
			PreConfig: func() { reissueOutside(csr) },
			Config:    reissueHCL(s, configured, cov, "[]", ""),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionUpdate),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(func(*terraform.State) error {
				if n := len(acctest.ReissuePOSTs(s)); n != 1 {
					return fmt.Errorf("%d reissue POSTs, want 1: %s", n, why)
				}
				return nil
			}, checkKey(configured)),
		}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProviderFactoriesWithClock(s.Now),
		Steps: []resource.TestStep{
			{
				Config: reissueHCL(s, csr1, cov, "[]", ""),
				Check:  func(*terraform.State) error { o, err := onlyOrder(s); orderID = o.ID; return err },
			},
			// Someone reissued with another key: not followed, sent.
			outsideStep(csr3, csr2, "a reissue with another CSR key is not this one"),
			// The order already carries this very reissue (same key, the
			// name in another case): followed, nothing sent.
			outsideStep(csr4, csr4, "the reissue on the order is this one"),
		},
	})
}
