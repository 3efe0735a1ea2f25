package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// Faults around the order POST: the ambiguous cases must neither lose an
// order nor place a second one.

func TestAccFaults_orderPostDroppedBeforeReadIsRetried(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	s.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/order/certificate/", Kind: sandbox.FaultDropBeforeRead, Count: 2})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: dvMinimalHCL(s, csr, ""),
			Check: resource.ComposeAggregateTestCheckFunc(
				checkOrderCount(s, 1),
				checkStateMatchesOnlyOrder(s, dvAddr),
				func(*terraform.State) error {
					// Three attempts reached the sandbox, one carried the body.
					if n := s.CountRequests("POST", "/services/v2/order/certificate/"); n != 3 {
						return fmt.Errorf("the sandbox saw %d order POSTs, want 3 (2 dropped + 1)", n)
					}
					return nil
				},
			),
		}},
	})
}

// Without an alternative order ID (opted out), nothing can find the order:
// the error says how to find and import it.
func TestAccFaults_orderPostAnswerLostAfterCommit(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	cfg := dvMinimalHCL(s, csr, `  alternative_order_id = ""`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// The sandbox places the order, then drops the connection: the
				// provider cannot know, so it says so and does not resend.
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/order/certificate/", Kind: sandbox.FaultDropAfterCommit, Count: 1})
				},
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)Order Outcome Unknown.*It\s+was\s+not\s+sent\s+again.*terraform\s+import\s+digicert_dv_ssl_order.<name>\s+<order_id>`),
			},
			{
				// Following the instructions: find the order, import it.
				PreConfig: func() {
					if n := len(acctest.OrderPOSTs(s)); n != 1 {
						t.Fatalf("the provider sent %d order POSTs, want 1", n)
					}
				},
				Config:             cfg,
				ResourceName:       dvAddr,
				ImportState:        true,
				ImportStatePersist: true,
				ImportStateIdFunc: func(*terraform.State) (string, error) {
					o, err := onlyOrder(s)
					return strconv.Itoa(o.ID), err
				},
			},
			{
				// The imported order adopts the configuration in place: no
				// second order.
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(checkOrderCount(s, 1), checkStateMatchesOnlyOrder(s, dvAddr)),
			},
			{
				Config:             cfg,
				PlanOnly:           true,
				ExpectNonEmptyPlan: false,
			},
		},
	})
}

func TestAccFaults_orderPost5xxIsOutcomeUnknownThenApplyAgain(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	cfg := dvMinimalHCL(s, csr, "")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/order/certificate/", Kind: sandbox.FaultStatus, Status: 502, Body: sandbox.HTMLErrorPage(502), Count: 1})
				},
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)Order Outcome Unknown.*HTTP\s+502`),
			},
			{
				// This 502 came before the sandbox placed anything: the user
				// finds no order and applies again, which orders once.
				PreConfig: func() {
					if n := len(s.Orders()); n != 0 {
						t.Fatalf("the sandbox holds %d orders after the 502, want 0", n)
					}
				},
				Config: cfg,
				Check:  resource.ComposeAggregateTestCheckFunc(checkOrderCount(s, 1), checkStateMatchesOnlyOrder(s, dvAddr)),
			},
		},
	})
}

// 429s on every endpoint during apply, refresh, import and destroy never
// reach the user.
func TestAccFaults_rateLimitBurstsEverywhere(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	whenOrdered(t, s, 0, func(_ context.Context, o sandbox.Order) { publishTXT(s, o) })
	burst := func() {
		s.InjectFault(sandbox.Fault{Kind: sandbox.FaultRateLimit, Count: 4})
	}
	cfg := dvWithValidationHCL(s, csr, "dns-txt-token", `  on_destroy = "revoke"`, "")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if s.RateLimited() == 0 {
				return fmt.Errorf("no 429 was answered: the test proves nothing")
			}
			o, err := onlyOrder(s)
			if err != nil {
				return err
			}
			if o.RevokeComments != revokeComment {
				return fmt.Errorf("the order was not revoked on destroy")
			}
			return nil
		},
		Steps: []resource.TestStep{
			{PreConfig: burst, Config: cfg, Check: checkOrderCount(s, 1)},
			{PreConfig: burst, Config: cfg, PlanOnly: true},
			{PreConfig: burst, RefreshState: true},
			{PreConfig: burst, ResourceName: dvAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: dvImportIgnore},
			{PreConfig: burst, Config: cfg, Destroy: true},
		},
	})
}

// Server errors and dropped connections on reads are retried within bounds,
// then end with a clear error; the state is kept.
func TestAccFaults_readErrorsRetriedThenClearError(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	cfg := dvMinimalHCL(s, csr, "")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				// A few failures: retried, the plan is clean.
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "GET", Kind: sandbox.FaultStatus, Status: 503, Count: 2})
					s.InjectFault(sandbox.Fault{Method: "GET", Kind: sandbox.FaultDropBeforeRead, Count: 2})
				},
				Config:   cfg,
				PlanOnly: true,
			},
			{
				// Persistent failure: a clear error naming the order and the cause.
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "GET", Kind: sandbox.FaultStatus, Status: 503})
				},
				Config:      cfg,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Unable to Read Order.*Reading\s+order\s+\d+\s+failed.*HTTP\s+503`),
			},
			{
				PreConfig: s.ClearFaults,
				Config:    cfg,
				PlanOnly:  true,
				Check:     resource.ComposeAggregateTestCheckFunc(checkOrderCount(s, 1), checkStateMatchesOnlyOrder(s, dvAddr)),
			},
		},
	})
}

// A key revoked mid-run gives a clear authentication error and leaves the
// order in state.
func TestAccFaults_apiKeyRevokedMidRun(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	key := s.NewAccount(false)
	cfg := acctest.ProviderConfigWithKey(s, key) + strings.TrimPrefix(dvMinimalHCL(s, csr, `  on_destroy = "keep"`), acctest.ProviderConfig(s))
	var id string
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, Check: func(st *terraform.State) error { id = st.RootModule().Resources[dvAddr].Primary.ID; return nil }},
			{
				PreConfig:   func() { s.RevokeAPIKey(key) },
				Config:      cfg,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)API\s+Key\s+Rejected.*not\s+a\s+missing\s+permission.*access_denied\|access_denied_invalid_key.*Check\s+the\s+provider's\s+api_key`),
			},
			{
				// With a working key again, the same order is still in state.
				// The key is of another account, to which the order is
				// unknown (404): the feed cannot report that, so this step
				// reads in full (DESIGN.md, Refresh, the one difference).
				Config: strings.Replace(acctest.ProviderConfig(s), "provider \"digicert\" {", "provider \"digicert\" {\n  refresh_with_status_changes = false", 1) +
					strings.TrimPrefix(dvMinimalHCL(s, csr, `  on_destroy = "keep"`), acctest.ProviderConfig(s)),
				PreConfig: func() {
					// The order belongs to the revoked key's account; move
					// on with a key of the same account.
					newKey, err := s.AddAPIKey(key, false)
					if err == nil {
						t.Logf("new key for the account")
						_ = newKey
					}
				},
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				Check: func(st *terraform.State) error {
					return resource.TestCheckResourceAttr(dvAddr, "id", id)(st)
				},
			},
		},
	})
}

// The API key never appears in state, plan JSON or TRACE logs when it is
// given the recommended way (DIGICERT_API_KEY).
func TestAccSecrets_apiKeyNeverWritten(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	logPath := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("DIGICERT_API_KEY", s.APIKey())
	cfg := fmt.Sprintf(`
provider "digicert" {
  base_url    = %q
  min_backoff = "20ms"
}
`, s.URL()) + strings.TrimPrefix(dvMinimalHCL(s, csr, ""), acctest.ProviderConfig(s))
	noKey := func(where string, b []byte) error {
		if strings.Contains(string(b), s.APIKey()) {
			return fmt.Errorf("the API key appears in %s", where)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			log, err := os.ReadFile(logPath)
			if err != nil {
				return err
			}
			if !strings.Contains(string(log), "CertCentral request") {
				return fmt.Errorf("the TRACE log holds no provider request lines: the test proves nothing")
			}
			return noKey("the TRACE log", log)
		},
		Steps: []resource.TestStep{{
			Config:           cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{planHasNo(s.APIKey())}},
			Check: func(st *terraform.State) error {
				return noKey("the state", []byte(st.String()))
			},
		}},
	})
}

// Server errors and dropped connections on the cancel PUT during destroy are
// retried (setting a status is idempotent) and the order ends canceled.
func TestAccFaults_cancelRetriedOnServerErrors(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	cfg := dvMinimalHCL(s, csr, "")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if n := s.CountRequests("PUT", "/services/v2/order/certificate/"); n < 3 {
				return fmt.Errorf("the sandbox saw %d cancel requests, want the two failures retried", n)
			}
			return checkOrdersCanceledOrKept(s)(nil)
		},
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "PUT", PathPrefix: "/order/certificate/*/status", Kind: sandbox.FaultStatus, Status: 503, Count: 1})
					s.InjectFault(sandbox.Fault{Method: "PUT", PathPrefix: "/order/certificate/*/status", Kind: sandbox.FaultDropBeforeRead, Count: 1})
				},
				Config:  cfg,
				Destroy: true,
			},
		},
	})
}
