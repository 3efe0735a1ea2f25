package provider

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

var derivedKeyRE = regexp.MustCompile(`^tf-[0-9a-f]{32}$`)

// withOrderKey adds to an expected order body the alternative_order_id that
// the provider derived for the sandbox's newest order (the one it placed),
// after checking it has the derived form.
func withOrderKey(t *testing.T, s *sandbox.Server, want string) string {
	t.Helper()
	orders := s.Orders()
	if len(orders) == 0 || !derivedKeyRE.MatchString(orders[len(orders)-1].AlternativeOrderID) {
		t.Fatalf("the newest order carries no derived alternative_order_id: %+v", orders)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(want), &m); err != nil {
		t.Fatalf("bad expected JSON: %v", err)
	}
	m["alternative_order_id"] = orders[len(orders)-1].AlternativeOrderID
	out, _ := json.Marshal(m)
	return string(out)
}

// lookups counts the GET /order/alternate/{key} requests the sandbox saw.
func lookups(s *sandbox.Server) []sandbox.Request {
	var out []sandbox.Request
	for _, r := range s.Requests() {
		if r.Method == "GET" && strings.HasPrefix(r.Path, "/services/v2/order/alternate/") {
			out = append(out, r)
		}
	}
	return out
}

// checkOneLookupThenOnePOST: Create asked for the key once, before it sent
// the one order POST, which carried the key.
func checkOneLookupThenOnePOST(s *sandbox.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		o, err := onlyOrder(s)
		if err != nil {
			return err
		}
		l, posts := lookups(s), acctest.OrderPOSTs(s)
		if len(l) != 1 || len(posts) != 1 {
			return fmt.Errorf("%d lookups and %d order POSTs, want 1 and 1", len(l), len(posts))
		}
		if l[0].Path != "/services/v2/order/alternate/"+o.AlternativeOrderID || l[0].Time.After(posts[0].Time) {
			return fmt.Errorf("lookup %s at %s, POST at %s: want the lookup of %q first", l[0].Path, l[0].Time, posts[0].Time, o.AlternativeOrderID)
		}
		var body map[string]any
		if err := json.Unmarshal(posts[0].Body, &body); err != nil {
			return err
		}
		if body["alternative_order_id"] != o.AlternativeOrderID {
			return fmt.Errorf("POST carried alternative_order_id %v, the order %q", body["alternative_order_id"], o.AlternativeOrderID)
		}
		return nil
	}
}

func TestAccDVSSLOrder_alternativeOrderIDDerived(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	var first string
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: dvMinimalHCL(s, csr, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					// Every input is known: the plan shows the key.
					plancheck.ExpectKnownValue(dvAddr, tfjsonpath.New("alternative_order_id"), knownvalue.StringRegexp(derivedKeyRE)),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOneLookupThenOnePOST(s),
					func(st *terraform.State) error {
						o, _ := onlyOrder(s)
						first = o.AlternativeOrderID
						return resource.TestCheckResourceAttr(dvAddr, "alternative_order_id", o.AlternativeOrderID)(st)
					},
				),
			},
			{
				// Import reads the key back from order info.
				ResourceName: dvAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: dvImportIgnore,
			},
			{
				// Another request (validity) is another key, and replaces.
				Config: strings.Replace(dvMinimalHCL(s, csr, ""), "validity_years = 1", "validity_days  = 90", 1),
				Check: func(*terraform.State) error {
					orders := s.Orders()
					if len(orders) != 2 || orders[1].AlternativeOrderID == first || !derivedKeyRE.MatchString(orders[1].AlternativeOrderID) {
						return fmt.Errorf("orders %+v: want a second order with another derived key than %q", orders, first)
					}
					return nil
				},
			},
		},
	})
	// The same request derives the same key in another run.
	if got, want := deriveKeyForTest(t, dvMinimalHCL(s, csr, "")), first; got != want {
		t.Errorf("derived again: %q, want %q", got, want)
	}
}

// deriveKeyForTest plans cfg in a fresh sandbox and returns the key the plan
// shows.
func deriveKeyForTest(t *testing.T, cfg string) string {
	s := acctest.StartSandbox(t)
	cfg = acctest.ProviderConfig(s) + cfg[strings.Index(cfg, "\nresource"):]
	var key string
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: func(st *terraform.State) error {
				key = st.RootModule().Resources[dvAddr].Primary.Attributes["alternative_order_id"]
				return nil
			},
		}},
	})
	return key
}

// An order that carries the key and is this request is adopted: no second
// POST, state holds that order, as after an import.
func TestAccDVSSLOrder_adoptsTheOrderCarryingTheKey(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	existing := placeWithKey(t, s, "ssl_dv_rapidssl", "www.example.org", csr, "ws1-www")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: dvMinimalHCL(s, csr, `  alternative_order_id = "ws1-www"`),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 1),
					resource.TestCheckResourceAttr(dvAddr, "id", strconv.Itoa(existing)),
					resource.TestCheckResourceAttr(dvAddr, "status", "needs_approval"),
					resource.TestCheckResourceAttr(dvAddr, "alternative_order_id", "ws1-www"),
					func(*terraform.State) error {
						if n := len(acctest.OrderPOSTs(s)); n != 0 {
							return fmt.Errorf("%d order POSTs, want none", n)
						}
						if n := len(lookups(s)); n != 1 {
							return fmt.Errorf("%d lookups, want 1", n)
						}
						return nil
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dvAddr, tfjsonpath.New("dcv_random_value"), knownvalue.NotNull()),
				},
			},
			{
				Config:   dvMinimalHCL(s, csr, `  alternative_order_id = "ws1-www"`),
				PlanOnly: true, // adopted means settled: nothing left to change
			},
		},
	})
}

// placeWithKey places a DV order with the sandbox's control API (not through
// the provider), carrying an alternative order ID.
func placeWithKey(t *testing.T, s *sandbox.Server, product, cn, csr, key string) int {
	t.Helper()
	body, _ := json.Marshal(map[string]any{
		"certificate":          map[string]any{"common_name": cn, "csr": csr},
		"validity_years":       1,
		"dcv_method":           "dns-txt-token",
		"alternative_order_id": key,
	})
	id, err := s.CreateOrder(s.APIKey(), product, body)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// A key that an order of another product or names carries is refused,
// naming that order, and nothing is ordered.
func TestAccDVSSLOrder_keyOfAnotherOrderRefused(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	otherNames := placeWithKey(t, s, "ssl_dv_rapidssl", "mail.example.org", csr, "taken-1")
	otherProduct := placeWithKey(t, s, "ssl_dv_geotrust", "www.example.org", csr, "taken-2")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: dvMinimalHCL(s, csr, `  alternative_order_id = "taken-1"`),
				ExpectError: dsErrorRe("Alternative Order ID Already Used",
					fmt.Sprintf(`alternative_order_id "taken-1" is already carried by order %d, which is for mail.example.org, not www.example.org; nothing was ordered.`, otherNames),
					fmt.Sprintf("terraform import digicert_dv_ssl_order.<name> %d", otherNames)),
			},
			{
				Config: dvMinimalHCL(s, csr, `  alternative_order_id = "taken-2"`),
				ExpectError: dsErrorRe("Alternative Order ID Already Used",
					fmt.Sprintf(`alternative_order_id "taken-2" is already carried by order %d, which is a ssl_dv_geotrust order, not ssl_dv_rapidssl; nothing was ordered.`, otherProduct)),
			},
		},
	})
	if n := len(acctest.OrderPOSTs(s)); n != 0 || len(s.Orders()) != 2 {
		t.Fatalf("%d order POSTs, %d orders: nothing may be ordered", n, len(s.Orders()))
	}
}

// A canceled order carrying the key is not adopted: a new order is placed.
func TestAccDVSSLOrder_keyOfCanceledOrderOrdersAgain(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	old := placeWithKey(t, s, "ssl_dv_rapidssl", "www.example.org", csr, "ws1-www")
	if err := s.SetOrderStatus(old, sandbox.StatusCanceled); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: dvMinimalHCL(s, csr, `  alternative_order_id = "ws1-www"`),
			Check: resource.ComposeAggregateTestCheckFunc(
				checkOrderCount(s, 2),
				func(st *terraform.State) error {
					if n := len(acctest.OrderPOSTs(s)); n != 1 {
						return fmt.Errorf("%d order POSTs, want 1", n)
					}
					return resource.TestCheckResourceAttr(dvAddr, "id", strconv.Itoa(s.Orders()[1].ID))(st)
				},
			),
		}},
	})
}

func TestAccDVSSLOrder_alternativeOrderIDValidatedAtPlan(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	long := strings.Repeat("k", certcentral.MaxAlternativeOrderIDLength+1)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: dvMinimalHCL(s, csr, `  alternative_order_id = "default/www"`), PlanOnly: true,
				ExpectError: dsErrorRe("Invalid Alternative Order ID",
					`"default/www" has characters an alternative order ID cannot hold; allowed are letters A-Z and a-z, digits, and the four characters - _ . :`),
			},
			{
				Config: dvMinimalHCL(s, csr, fmt.Sprintf("  alternative_order_id = %q", long)), PlanOnly: true,
				ExpectError: dsErrorRe("Invalid Alternative Order ID", "is 65 characters long; an alternative order ID has at most 64"),
			},
		},
	})
	if n := len(s.Requests()); n != 0 {
		t.Fatalf("plan-time validation made %d API calls", n)
	}
}

// alternative_order_id = "" sends no key and looks nothing up.
func TestAccDVSSLOrder_alternativeOrderIDOptOut(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: dvMinimalHCL(s, csr, `  alternative_order_id = ""`),
			Check: resource.ComposeAggregateTestCheckFunc(
				checkOrderCount(s, 1),
				resource.TestCheckResourceAttr(dvAddr, "alternative_order_id", ""),
				func(*terraform.State) error {
					csrJSON, _ := json.Marshal(csr)
					acctest.AssertJSONEqual(t, acctest.OrderPOSTs(s)[0].Body, fmt.Sprintf(`{
						"certificate": {"common_name": "www.example.org", "csr": %s},
						"validity_years": 1,
						"dcv_method": "dns-txt-token"
					}`, csrJSON))
					if n := len(lookups(s)); n != 0 {
						return fmt.Errorf("%d lookups, want none", n)
					}
					return nil
				},
			),
		}},
	})
}

// The POST's answer is lost after CertCentral placed the order: the apply
// fails with "Order Outcome Unknown" and the next apply adopts that order,
// with no manual step: one order in all.
func TestAccDVSSLOrder_outcomeUnknownResolvedByNextApply(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	cfg := dvMinimalHCL(s, csr, "")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/order/certificate/", Kind: sandbox.FaultDropAfterCommit, Count: 1})
				},
				Config:      cfg,
				ExpectError: dsErrorRe("Order Outcome Unknown", "Run apply again: the order request carried alternative_order_id", "Nothing has to be found or imported by hand."),
			},
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 1),
					checkStateMatchesOnlyOrder(s, dvAddr),
					func(*terraform.State) error {
						if n := len(acctest.OrderPOSTs(s)); n != 1 {
							return fmt.Errorf("%d order POSTs, want the one whose answer was lost", n)
						}
						return nil
					},
				),
			},
		},
	})
}

func TestAccDocumentSigningOrder_alternativeOrderID(t *testing.T) {
	s := acctest.StartSandbox(t)
	cfg := dsignOrgMinimal().hcl(s)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// The answer of the POST is lost; the next apply adopts.
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/order/certificate/", Kind: sandbox.FaultDropAfterCommit, Count: 1})
				},
				Config:      cfg,
				ExpectError: dsErrorRe("Order Outcome Unknown", "Run apply again"),
			},
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 1),
					checkStateMatchesOnlyOrder(s, dsignAddr),
					resource.TestMatchResourceAttr(dsignAddr, "alternative_order_id", derivedKeyRE),
					func(*terraform.State) error {
						o, _ := onlyOrder(s)
						if !derivedKeyRE.MatchString(o.AlternativeOrderID) || len(acctest.OrderPOSTs(s)) != 1 || len(lookups(s)) != 2 {
							return fmt.Errorf("order key %q, %d POSTs, %d lookups; want a derived key, 1 POST, 2 lookups", o.AlternativeOrderID, len(acctest.OrderPOSTs(s)), len(lookups(s)))
						}
						return nil
					},
				),
			},
			{
				// A user key that an order of another product carries.
				PreConfig: func() {
					var body map[string]any
					if err := json.Unmarshal(acctest.OrderPOSTs(s)[0].Body, &body); err != nil {
						t.Fatal(err)
					}
					body["alternative_order_id"] = "ds-taken"
					raw, _ := json.Marshal(body)
					if _, err := s.CreateOrder(s.APIKey(), "document_signing_org_1", raw); err != nil {
						t.Fatal(err)
					}
				},
				Config:      dsignOrgMinimal().with("product_name_id", `"document_signing_org_2"`).with("alternative_order_id", `"ds-taken"`).hcl(s),
				ExpectError: dsErrorRe("Alternative Order ID Already Used", "which is a document_signing_org_1 order, not document_signing_org_2; nothing was ordered."),
			},
		},
	})
	if n := len(acctest.OrderPOSTs(s)); n != 1 {
		t.Fatalf("%d order POSTs: the refused key must not order", n)
	}
}

// A renewal whose POST answer is lost: the apply fails and state keeps the
// renewed order; the next apply adopts the renewal order by the key, never
// the renewed order itself, which carries the same key.
func TestAccDVSSLOrder_renewalOutcomeUnknownResolvedByNextApply(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	// The coverage ends with the certificate (120 days), so renewal cannot
	// reissue: it places a renewal order.
	cfg := dvMinimalHCL(s, csr, "  renew_before_days = 30\n  validity_days = 120")
	var first sandbox.Order
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProviderFactoriesWithClock(s.Now), // the provider's clock moves with the sandbox's
		Steps: []resource.TestStep{
			{Config: cfg, Check: checkOrderCount(s, 1)},
			{
				PreConfig: func() {
					first = s.Orders()[0]
					if err := s.SetOrderStatus(first.ID, sandbox.StatusIssued); err != nil {
						t.Fatal(err)
					}
					first, _ = s.Order(first.ID)
					s.SetNow(first.ValidTill.Add(-20 * 24 * time.Hour))
					s.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/order/certificate/", Kind: sandbox.FaultDropAfterCommit, Count: 1})
				},
				Config:      cfg,
				ExpectError: dsErrorRe("Order Outcome Unknown", "Run apply again"),
			},
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 2),
					func(st *terraform.State) error {
						renewal := s.Orders()[1]
						if renewal.RenewalOfOrderID != first.ID || renewal.AlternativeOrderID != first.AlternativeOrderID {
							return fmt.Errorf("second order renews %d with key %q; want a renewal of %d with key %q",
								renewal.RenewalOfOrderID, renewal.AlternativeOrderID, first.ID, first.AlternativeOrderID)
						}
						if n := len(acctest.OrderPOSTs(s)); n != 2 {
							return fmt.Errorf("%d order POSTs, want 2 (the order and its one renewal)", n)
						}
						return resource.TestCheckResourceAttr(dvAddr, "id", strconv.Itoa(renewal.ID))(st)
					},
				),
			},
		},
	})
}
