package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	goversion "github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// dsignImportBlock imports order id as digicert_document_signing_order.token.
func dsignImportBlock(id int) string {
	return fmt.Sprintf(`
import {
  to = digicert_document_signing_order.token
  id = "%d"
}
`, id)
}

// dsignGenerateConfigCrashes: Terraform 1.5.7 crashes generating
// configuration for this resource (a nil pointer in configschema's
// Block.Filter on its nested attributes, seen on our build), a CLI bug
// that Terraform 1.16.4 and OpenTofu 1.12.6 do not have. choice: 1.6.0 as
// the bound, since 1.5.7 is the only older Terraform we test.
func dsignGenerateConfigCrashes(t *testing.T) bool {
	return acctest.CLI() == "terraform" && acctest.CLIVersion(t).LessThan(goversion.Must(goversion.NewVersion("1.6.0")))
}

// An import block (Terraform 1.5 and OpenTofu 1.6 on): the import fills
// what order info carries (order_validity from the order's validity, not
// the deprecated validity_years) and warns which required arguments order
// info lacks and why. With -generate-config-out the generated
// configuration leaves exactly those null and does not plan; with them
// added the import plans with no error and no new order, applies with no
// call but reads, and the next plan is empty. Where generation crashes the
// CLI (Terraform 1.5.7), the same configuration is written by hand.
func TestAccDocumentSigningOrder_importGenerateConfig(t *testing.T) {
	s := acctest.StartSandbox(t)
	r := clitest.New(t, clitest.Providers{"digicert": providerserver.NewProtocol6WithError(New("test")())})
	id, err := s.CreateOrder(s.APIKey(), "document_signing_org_1", []byte(dsOrgMinimalBody))
	if err != nil {
		t.Fatal(err)
	}
	config := acctest.ProviderConfig(s) + dsignImportBlock(id)
	if dsignGenerateConfigCrashes(t) {
		config += `
resource "digicert_document_signing_order" "token" {
  product_name_id = "document_signing_org_1"
  certificate = {
    server_platform = { id = 21 }
    signature_hash  = "sha256"
  }
  cs_provisioning_method = "ship_token"
  order_validity         = { years = 2 }
  organization           = { id = 334455 }
  payment_method         = "balance"
  subject                = ` + dsignSubjectOrg + `
  ship_info              = ` + dsignShipInfoOrg + `
}
`
		if err := r.WriteConfig(config); err != nil {
			t.Fatal(err)
		}
		dsignImportAndCheck(t, r, s)
		return
	}
	_, out, err := r.Plan(config, "-generate-config-out=generated.tf")
	if err == nil {
		t.Fatalf("the generated configuration lacks subject and ship_info and should not plan:\n%s", out)
	}
	generated := string(readGenerated(t, r))
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?s)order_validity\s*=\s*\{[^}]*years\s*=\s*2`),
		regexp.MustCompile(`(?m)^\s*subject\s*=\s*null`),
		regexp.MustCompile(`(?m)^\s*ship_info\s*=\s*null`),
	} {
		if !want.MatchString(generated) {
			t.Errorf("generated.tf does not match %s", want)
		}
	}
	// The deprecated validity_years is left out (the CLI does not write a
	// deprecated attribute) or null, never set.
	if regexp.MustCompile(`(?m)^\s*validity_years\s*=\s*\d`).MatchString(generated) {
		t.Error("generated.tf sets the deprecated validity_years")
	}
	reviewed := regexp.MustCompile(`(?m)^(\s*subject\s*=\s*)null$`).ReplaceAllString(generated, "${1}"+strings.ReplaceAll(dsignSubjectOrg, "$", "$$"))
	reviewed = regexp.MustCompile(`(?m)^(\s*ship_info\s*=\s*)null$`).ReplaceAllString(reviewed, "${1}"+strings.ReplaceAll(dsignShipInfoOrg, "$", "$$"))
	if err := os.WriteFile(filepath.Join(r.Dir(), "generated.tf"), []byte(reviewed), 0o644); err != nil {
		t.Fatal(err)
	}
	dsignImportAndCheck(t, r, s)
}

// dsignImportAndCheck plans the import in r's directory: one import, which
// warns which arguments order info lacks and records the configured ones
// in place; the apply sends nothing but reads, and the next plan is empty.
func dsignImportAndCheck(t *testing.T, r *clitest.Run, s *sandbox.Server) {
	t.Helper()
	plan, out, err := r.Plan("")
	if err != nil {
		t.Fatalf("plan with subject and ship_info given: %v\n%s", err, out)
	}
	if !strings.Contains(out, "Imported Order Needs Arguments Order Info Lacks") || !regexp.MustCompile(`Order\s+info\s+has\s+no\s+subject`).MatchString(out) || !strings.Contains(out, "ship_info") {
		t.Errorf("the import does not say which arguments to add:\n%s", out)
	}
	imports, changes := planCounts(plan)
	if imports != 1 || len(changes) != 1 || !strings.HasSuffix(changes[0], "[update]") {
		t.Fatalf("plan: %d imports, changes %v; want 1 import recording subject and ship_info in place\n%s", imports, changes, out)
	}
	s.ResetRequests()
	if out, err := r.Apply(""); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	for _, rq := range s.Requests() {
		if rq.Method != "GET" {
			t.Errorf("the import apply sent %s %s", rq.Method, rq.Path)
		}
	}
	if n := len(s.Orders()); n != 1 {
		t.Errorf("the sandbox holds %d orders after the import, want 1", n)
	}
	plan, out, err = r.Plan("")
	if err != nil {
		t.Fatalf("plan after import: %v\n%s", err, out)
	}
	if empty, changes := clitest.PlanIsEmpty(plan); !empty {
		t.Fatalf("plan after import: %v\n%s", changes, out)
	}
}
