package provider

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
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
	"golang.org/x/crypto/acme"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

const acmeAddr = "digicert_acme_credential.eab"

func acmeHCL(s *sandbox.Server, body string) string {
	return acctest.ProviderConfig(s) + fmt.Sprintf(`
resource "digicert_acme_credential" "eab" {
%s
}
`, body)
}

// acmeCreates returns the bodies of the credential POSTs the sandbox saw.
func acmeCreates(s *sandbox.Server) []sandbox.Request {
	var out []sandbox.Request
	for _, r := range s.Requests() {
		if r.Method == "POST" && r.Path == "/services/v2/key/acme-eab/tlm" {
			out = append(out, r)
		}
	}
	return out
}

// acmeValidatedOrg submits and completes the account's first organization's
// validation of typ ("ov" or "ev").
func acmeValidatedOrg(t *testing.T, s *sandbox.Server, typ string) int {
	t.Helper()
	info, _ := s.Account(s.APIKey())
	org := info.OrganizationIDs[0]
	body := `{"validations":[{"type":"` + typ + `"}]}`
	req, _ := http.NewRequest("POST", s.URL()+"/organization/"+strconv.Itoa(org)+"/validation", strings.NewReader(body))
	req.Header.Set("X-DC-DEVKEY", s.APIKey())
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != http.StatusNoContent {
		t.Fatalf("submitting the organization for validation: %v %v", res, err)
	}
	_ = res.Body.Close()
	if err := s.ValidateOrganization(org, typ); err != nil {
		t.Fatal(err)
	}
	return org
}

// checkOnlyCredentialInState: state holds the one active credential of the
// sandbox, with the key ID and HMAC key CertCentral showed once.
func checkOnlyCredentialInState(s *sandbox.Server) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		var active []sandbox.ACMECredential
		for _, c := range s.ACMECredentials() {
			if c.Status == "active" {
				active = append(active, c)
			}
		}
		if len(active) != 1 {
			return fmt.Errorf("the sandbox holds %d active credentials, want 1: %+v", len(active), s.ACMECredentials())
		}
		c := active[0]
		return resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(acmeAddr, "id", strconv.Itoa(c.ID)),
			resource.TestCheckResourceAttr(acmeAddr, "key_id", c.KeyID),
			resource.TestCheckResourceAttr(acmeAddr, "hmac_key", c.HMACKey),
			resource.TestCheckResourceAttr(acmeAddr, "status", "active"),
			resource.TestCheckResourceAttr(acmeAddr, "acme_directory_url", strings.TrimSuffix(s.URL(), "/services/v2")+"/acme/v2/acme/directory/"),
		)(st)
	}
}

func checkAllCredentialsRevoked(s *sandbox.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if len(s.ACMECredentials()) == 0 {
			return fmt.Errorf("the sandbox holds no credential: the test proves nothing")
		}
		for _, c := range s.ACMECredentials() {
			if c.Status != "revoked" {
				return fmt.Errorf("credential %d is %s after destroy", c.ID, c.Status)
			}
		}
		return nil
	}
}

// planMarksSensitive fails unless the plan marks hmac_key of addr sensitive
// on both sides, so the CLI prints "(sensitive value)" instead of it.
func planMarksSensitive(addr, attr string) plancheck.PlanCheck {
	return sensitiveCheck{addr: addr, attr: attr}
}

type sensitiveCheck struct{ addr, attr string }

func (c sensitiveCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		for side, v := range map[string]any{"before": rc.Change.BeforeSensitive, "after": rc.Change.AfterSensitive} {
			m, _ := v.(map[string]any)
			if rc.Change.Before == nil && side == "before" {
				continue
			}
			if m[c.attr] != true {
				resp.Error = fmt.Errorf("%s.%s is not marked sensitive %s the change: %v", c.addr, c.attr, side, v)
				return
			}
		}
		return
	}
	resp.Error = fmt.Errorf("no change for %s in the plan", c.addr)
}

// A DV credential: the exact request, the HMAC key in state (sensitive in
// every plan, absent from the TRACE log), a second plan empty, destroy
// revokes.
func TestAccACMECredential_createStateSecretsRevoke(t *testing.T) {
	s := acctest.StartSandbox(t)
	logPath := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	t.Setenv("TF_LOG", "TRACE")
	cfg := acmeHCL(s, `
  name            = "cert-manager"
  product_name_id = "ssl_dv_geotrust"
  validity_days   = 90`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(checkAllCredentialsRevoked(s), func(*terraform.State) error {
			log, err := os.ReadFile(logPath)
			if err != nil {
				return err
			}
			if !bytes.Contains(log, []byte("/key/acme-eab/tlm")) {
				return fmt.Errorf("the TRACE log holds no credential request: the test proves nothing")
			}
			for _, c := range s.ACMECredentials() {
				if bytes.Contains(log, []byte(c.HMACKey)) {
					return fmt.Errorf("the HMAC key of credential %d appears in the TRACE log", c.ID)
				}
			}
			return nil
		}),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acmeAddr, plancheck.ResourceActionCreate),
					planMarksSensitive(acmeAddr, "hmac_key"),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOnlyCredentialInState(s),
					func(*terraform.State) error {
						posts := acmeCreates(s)
						if len(posts) != 1 {
							return fmt.Errorf("%d credential POSTs, want 1", len(posts))
						}
						acctest.AssertJSONEqual(t, posts[0].Body, `{"name":"cert-manager","product_name_id":"ssl_dv_geotrust","validity_days":90}`)
						return nil
					},
				),
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
					planMarksSensitive(acmeAddr, "hmac_key"),
				}},
			},
		},
	})
}

// An OV credential sends its organization, container and validity.
func TestAccACMECredential_ovRequest(t *testing.T) {
	s := acctest.StartSandbox(t)
	org := acmeValidatedOrg(t, s, "ov")
	info, _ := s.Account(s.APIKey())
	cfg := acmeHCL(s, fmt.Sprintf(`
  name            = "caddy-ov"
  product_name_id = "ssl_basic"
  organization_id = %d
  container_id    = %d
  validity_years  = 1`, org, info.ContainerIDs[0]))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkAllCredentialsRevoked(s),
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(checkOnlyCredentialInState(s), func(*terraform.State) error {
				acctest.AssertJSONEqual(t, acmeCreates(s)[0].Body, fmt.Sprintf(
					`{"name":"caddy-ov","product_name_id":"ssl_basic","organization_id":%d,"container":{"id":%d},"validity_years":1}`, org, info.ContainerIDs[0]))
				return nil
			}),
		}},
	})
}

// Bad input fails at plan, at the attribute, before anything is sent.
func TestAccACMECredential_badInputAtPlan(t *testing.T) {
	s := acctest.StartSandbox(t)
	cases := []struct{ body, want string }{
		{`
  name            = "x"
  product_name_id = "ssl_nonesuch"`, `product_name_id.*value must be one of`},
		{`
  name            = "x"
  product_name_id = "ssl_ev_basic"`, `Organization Required.*ssl_ev_basic.*set organization_id`},
		{`
  name            = "x"
  product_name_id = "ssl_dv_rapidssl"
  organization_id = 12`, `Organization Not Allowed.*organization_id.*ssl_dv_rapidssl`},
		{`
  name            = "x"
  product_name_id = "ssl_dv_rapidssl"
  validity_years  = 1
  validity_days   = 90`, `validity_years.*validity_days`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      acmeHCL(s, c.body),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)` + strings.ReplaceAll(c.want, " ", `\s+`)),
		})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if n := len(s.Requests()); n != 0 {
				return fmt.Errorf("bad input sent %d requests", n)
			}
			return nil
		},
		Steps: steps,
	})
}

// registerACMEAccount registers an ACME account at the sandbox's ACME
// server with the credential in state, as cert-manager would.
func registerACMEAccount(t *testing.T, st *terraform.State) error {
	t.Helper()
	attrs := st.RootModule().Resources[acmeAddr].Primary.Attributes
	key, err := base64.RawURLEncoding.DecodeString(attrs["hmac_key"])
	if err != nil {
		return err
	}
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	cl := &acme.Client{Key: ec, DirectoryURL: attrs["acme_directory_url"]}
	_, err = cl.Register(context.Background(), &acme.Account{ExternalAccountBinding: &acme.ExternalAccountBinding{KID: attrs["key_id"], Key: key}}, acme.AcceptTOS)
	return err
}

// Rotation with create_before_destroy: a new rotation_triggers value makes
// a new credential (same name: the old one has been used) before the old one
// is revoked, and the new pair works with an ACME client.
func TestAccACMECredential_rotationCreateBeforeDestroy(t *testing.T) {
	s := acctest.StartSandbox(t)
	cfg := func(rotation string) string {
		return acmeHCL(s, fmt.Sprintf(`
  name              = "cert-manager"
  product_name_id   = "ssl_dv_geotrust"
  rotation_triggers = { rotated = %q }
  lifecycle {
    create_before_destroy = true
  }`, rotation))
	}
	var first sandbox.ACMECredential
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkAllCredentialsRevoked(s),
		Steps: []resource.TestStep{
			{
				Config: cfg("2026-01"),
				Check: resource.ComposeAggregateTestCheckFunc(checkOnlyCredentialInState(s), func(st *terraform.State) error {
					first = s.ACMECredentials()[0]
					return registerACMEAccount(t, st)
				}),
			},
			{
				Config: cfg("2026-02"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acmeAddr, plancheck.ResourceActionCreateBeforeDestroy),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(checkOnlyCredentialInState(s), func(st *terraform.State) error {
					created, revoked := -1, -1
					for i, r := range s.Requests() {
						switch {
						case r.Method == "POST" && r.Path == "/services/v2/key/acme-eab/tlm":
							created = i
						case r.Method == "PUT" && r.Path == "/services/v2/key/"+strconv.Itoa(first.ID)+"/status":
							revoked = i
						}
					}
					if created < 0 || revoked < 0 || created > revoked {
						return fmt.Errorf("the new credential was created at request %d and the old one revoked at %d: want create first", created, revoked)
					}
					return registerACMEAccount(t, st)
				}),
			},
		},
	})
}

// A create answer lost after CertCentral made the credential: the
// provider finds it by name, revokes it (nobody has its HMAC key) and says
// so; the next apply creates one credential.
func TestAccACMECredential_lostAnswerRevoked(t *testing.T) {
	s := acctest.StartSandbox(t)
	cfg := acmeHCL(s, `
  name            = "certbot"
  product_name_id = "ssl_dv_geotrust"`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkAllCredentialsRevoked(s),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/key/acme-eab/tlm", Kind: sandbox.FaultDropAfterCommit, Count: 1})
				},
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)ACME Credential Answer Lost.*created\s+ACME\s+credential\s+9001.*revoked\s+it`),
			},
			{
				PreConfig: func() {
					if c := s.ACMECredentials(); len(c) != 1 || c[0].Status != "revoked" {
						t.Fatalf("after the lost answer the sandbox holds %+v, want one revoked credential", c)
					}
				},
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(checkOnlyCredentialInState(s), func(*terraform.State) error {
					if n := len(acmeCreates(s)); n != 2 {
						return fmt.Errorf("%d credential POSTs, want 2 (lost, then the new one)", n)
					}
					return nil
				}),
			},
		},
	})
}

// A leftover the provider could not clean up (the process was killed after
// the POST): an active, never used credential of the same name. The next
// apply creates nothing and says which credential it found and how to revoke
// it; once it is revoked, the apply creates one.
func TestAccACMECredential_leftoverRefused(t *testing.T) {
	s := acctest.StartSandbox(t)
	cfg := acmeHCL(s, `
  name            = "certbot"
  product_name_id = "ssl_dv_geotrust"`)
	leftover := 0
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkAllCredentialsRevoked(s),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					// What a killed apply leaves: the POST went through.
					req, _ := http.NewRequest("POST", s.URL()+"/key/acme-eab/tlm", strings.NewReader(`{"name":"certbot","product_name_id":"ssl_dv_geotrust"}`))
					req.Header.Set("X-DC-DEVKEY", s.APIKey())
					res, err := http.DefaultClient.Do(req)
					if err != nil || res.StatusCode != http.StatusCreated {
						t.Fatalf("making the leftover: %v %v", res, err)
					}
					_ = res.Body.Close()
					leftover = s.ACMECredentials()[0].ID
				},
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)Unused ACME Credential Of The Same Name.*9001.*never\s+been\s+used.*PUT\s+/key/9001/status.*Nothing\s+was\s+created`),
			},
			{
				PreConfig: func() {
					if n := len(s.ACMECredentials()); n != 1 {
						t.Fatalf("the refused apply left %d credentials, want the leftover only", n)
					}
					req, _ := http.NewRequest("PUT", s.URL()+"/key/"+strconv.Itoa(leftover)+"/status", strings.NewReader(`{"status":"revoked"}`))
					req.Header.Set("X-DC-DEVKEY", s.APIKey())
					res, err := http.DefaultClient.Do(req)
					if err != nil || res.StatusCode != http.StatusNoContent {
						t.Fatalf("revoking the leftover: %v %v", res, err)
					}
					_ = res.Body.Close()
				},
				Config: cfg,
				Check:  checkOnlyCredentialInState(s),
			},
		},
	})
}

// Import by ID: the arguments come from key info, key_id, hmac_key and the
// directory URL stay null (a warning says so); destroy revokes it.
func TestAccACMECredential_import(t *testing.T) {
	s := acctest.StartSandbox(t)
	cfg := acmeHCL(s, `
  name            = "imported"
  product_name_id = "ssl_dv_rapidssl"`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkAllCredentialsRevoked(s),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config:                  cfg,
				ResourceName:            acmeAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"key_id", "hmac_key", "acme_directory_url"},
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					a := states[0].Attributes
					for _, k := range []string{"key_id", "hmac_key", "acme_directory_url"} {
						if v, ok := a[k]; ok && v != "" {
							return fmt.Errorf("%s = %q after import, want null", k, v)
						}
					}
					return nil
				},
			},
			{
				ResourceName:  acmeAddr,
				ImportState:   true,
				ImportStateId: "not-a-number",
				ExpectError:   regexp.MustCompile(`(?s)Invalid Import ID.*terraform\s+import\s+digicert_acme_credential.<name>`),
			},
		},
	})
}

// Identity (Terraform 1.12+, OpenTofu 1.12+): credential_id, and an import
// block by identity plans no change.
func TestAccACMECredential_identity(t *testing.T) {
	acctest.SkipUnless(t, acctest.Identity)
	s := acctest.StartSandbox(t)
	cfg := acmeHCL(s, `
  name            = "identity"
  product_name_id = "ssl_dv_rapidssl"`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkAllCredentialsRevoked(s),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(acmeAddr, map[string]knownvalue.Check{"credential_id": knownvalue.Int64Exact(9001)}),
					statecheck.ExpectSensitiveValue(acmeAddr, tfjsonpath.New("hmac_key")),
				},
			},
			{
				ResourceName:    acmeAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acmeAddr, plancheck.ResourceActionNoop),
				}},
			},
		},
	})
}

// sandboxCreateACME makes a credential with the API directly, as someone
// outside this configuration would.
func sandboxCreateACME(t *testing.T, s *sandbox.Server, name string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", s.URL()+"/key/acme-eab/tlm", strings.NewReader(`{"name":"`+name+`","product_name_id":"ssl_dv_geotrust"}`))
	req.Header.Set("X-DC-DEVKEY", s.APIKey())
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("creating credential %q: %v %v", name, res, err)
	}
	_ = res.Body.Close()
	all := s.ACMECredentials()
	return all[len(all)-1].ID
}

// The data source lists the account's credentials by name, active ones
// unless asked, without key IDs or HMAC keys.
func TestAccACMECredentials_dataSource(t *testing.T) {
	s := acctest.StartSandbox(t)
	first := sandboxCreateACME(t, s, "edge")
	second := sandboxCreateACME(t, s, "edge")
	sandboxCreateACME(t, s, "other")
	req, _ := http.NewRequest("PUT", s.URL()+"/key/"+strconv.Itoa(first)+"/status", strings.NewReader(`{"status":"revoked"}`))
	req.Header.Set("X-DC-DEVKEY", s.APIKey())
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusNoContent {
		t.Fatalf("revoking: %v %v", res, err)
	}
	cfg := acctest.ProviderConfig(s) + `
data "digicert_acme_credentials" "edge" {
  name = "edge"
}
data "digicert_acme_credentials" "all" {
  include_revoked = true
}
`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.digicert_acme_credentials.edge", tfjsonpath.New("credentials"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(strconv.Itoa(second)), "name": knownvalue.StringExact("edge"), "status": knownvalue.StringExact("active"),
						"product_name_id": knownvalue.StringExact("ssl_dv_geotrust"), "last_used_at": knownvalue.Null(), "organization_id": knownvalue.Null(),
					}),
				})),
				statecheck.ExpectKnownValue("data.digicert_acme_credentials.all", tfjsonpath.New("credentials"), knownvalue.ListSizeExact(3)),
			},
		}},
	})
}

// When the credential cannot be found right after it was created, the key
// ID and HMAC key are kept in state anyway (nothing after the POST fails the
// resource) and the next refresh finds its ID by name; destroy revokes it.
func TestAccACMECredential_idFoundOnRefresh(t *testing.T) {
	s := acctest.StartSandbox(t)
	cfg := acmeHCL(s, `
  name            = "late"
  product_name_id = "ssl_dv_geotrust"`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkAllCredentialsRevoked(s),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "GET", PathPrefix: "/key/9001", Kind: sandbox.FaultStatus, Status: http.StatusNotFound, Count: 1})
				},
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckNoResourceAttr(acmeAddr, "id"),
					func(st *terraform.State) error {
						c := s.ACMECredentials()[0]
						return resource.TestCheckResourceAttr(acmeAddr, "hmac_key", c.HMACKey)(st)
					},
				),
			},
			{
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            checkOnlyCredentialInState(s),
			},
		},
	})
}

// A credential revoked outside Terraform leaves state on refresh, and the
// plan creates a new one.
func TestAccACMECredential_revokedOutsideIsRecreated(t *testing.T) {
	s := acctest.StartSandbox(t)
	cfg := acmeHCL(s, `
  name            = "revoked-by-hand"
  product_name_id = "ssl_dv_geotrust"`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkAllCredentialsRevoked(s),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					req, _ := http.NewRequest("PUT", s.URL()+"/key/9001/status", strings.NewReader(`{"status":"revoked"}`))
					req.Header.Set("X-DC-DEVKEY", s.APIKey())
					if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusNoContent {
						t.Fatalf("revoking: %v %v", res, err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acmeAddr, plancheck.ResourceActionCreate),
				}},
				Check: checkOnlyCredentialInState(s),
			},
		},
	})
}
