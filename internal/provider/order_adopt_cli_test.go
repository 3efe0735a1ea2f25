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
	"time"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// Adopting orders placed outside Terraform, through the CLI: the
// configuration Terraform generates must plan the imports with no change,
// and plan nothing once imported.

func newAdoptRun(t *testing.T, need acctest.Feature) (*clitest.Run, *sandbox.Server) {
	t.Helper()
	acctest.SkipUnless(t, need)
	s := acctest.StartSandbox(t)
	r := clitest.New(t, clitest.Providers{"digicert": providerserver.NewProtocol6WithError(New("test")())})
	return r, s
}

// planCounts counts a plan's imports and its changes other than no-op
// and read (an import without changes is a no-op with Importing set).
func planCounts(p *tfjson.Plan) (imports int, changes []string) {
	for _, rc := range p.ResourceChanges {
		if rc.Change == nil {
			continue
		}
		if rc.Change.Importing != nil {
			imports++
		}
		if !rc.Change.Actions.NoOp() && !rc.Change.Actions.Read() {
			changes = append(changes, rc.Address+": "+fmt.Sprint(rc.Change.Actions))
		}
	}
	return imports, changes
}

// queryGenerate writes query as a .tfquery.hcl file next to main.tf and
// runs terraform query -generate-config-out=generated.tf.
func queryGenerate(t *testing.T, r *clitest.Run, query string) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(r.Dir(), "adopt.tfquery.hcl"), []byte(query), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := r.Init(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	out, err := r.Exec(context.Background(), "query", "-no-color", "-generate-config-out=generated.tf")
	if err != nil {
		t.Fatalf("query: %v\n%s", err, out)
	}
	t.Logf("terraform query:\n%s", out)
	return out
}

func readGenerated(t *testing.T, r *clitest.Run) []byte {
	t.Helper()
	generated, err := os.ReadFile(filepath.Join(r.Dir(), "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("generated.tf:\n%s", generated)
	return generated
}

// importAndCheckEmpty plans the configuration in Dir (imports included),
// wants want imports and no change, applies it, and wants the next plan
// empty.
func importAndCheckEmpty(t *testing.T, r *clitest.Run, want int) {
	t.Helper()
	plan, out, err := r.Plan("")
	if err != nil {
		t.Fatalf("plan with the generated configuration: %v\n%s", err, out)
	}
	if imports, changes := planCounts(plan); imports != want || len(changes) != 0 {
		t.Fatalf("plan: %d imports (want %d), changes %v\n%s", imports, want, changes, out)
	}
	t.Logf("plan with the generated configuration:\n%s", out)
	if out, err := r.Apply(""); err != nil {
		t.Fatalf("apply (import): %v\n%s", err, out)
	}
	plan, out, err = r.Plan("")
	if err != nil {
		t.Fatalf("plan after import: %v\n%s", err, out)
	}
	if empty, changes := clitest.PlanIsEmpty(plan); !empty {
		t.Fatalf("plan after import: %v\n%s", changes, out)
	}
	if !strings.Contains(out, "No changes.") {
		t.Errorf("the plan after import does not say No changes:\n%s", out)
	}
	t.Logf("plan after import:\n%s", out)
}

// terraform query -generate-config-out writes a resource and an identity
// import block for each live DV order of the estate; that configuration plans
// the imports with no change and no error, and plans nothing afterwards.
func TestAccOrderList_queryGenerateConfigImport(t *testing.T) {
	r, s := newAdoptRun(t, acctest.ListResources)
	e := seedEstate(t, s)
	if err := r.WriteConfig(acctest.ProviderConfig(s)); err != nil {
		t.Fatal(err)
	}
	query := `
list "digicert_dv_ssl_order" "pending" {
  provider = digicert
  config {
    status = "pending"
  }
}

list "digicert_dv_ssl_order" "issued" {
  provider = digicert
  config {
    status = "issued"
  }
}

`
	out := queryGenerate(t, r, query)
	for _, id := range []int{e.dvPending, e.dvWildcard, e.dvIssued} {
		if !strings.Contains(out, fmt.Sprintf("order %d,", id)) {
			t.Errorf("the query output does not list order %d", id)
		}
	}
	if strings.Contains(out, fmt.Sprintf("order %d,", e.dvCanceled)) {
		t.Errorf("the query listed the canceled order %d", e.dvCanceled)
	}
	generated := readGenerated(t, r)
	for _, want := range []string{
		fmt.Sprintf(`order_id = %d`, e.dvIssued),
		`dcv_method = "dns-txt-token"`,
		`common_name = "*.example.net"`,
	} {
		if !regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(want), " = ", `\s+=\s+`)).Match(generated) {
			t.Errorf("generated.tf lacks %s", want)
		}
	}
	importAndCheckEmpty(t, r, 3)
}

// plan -generate-config-out with an import block by ID writes a
// configuration that plans the import with no change (it failed with
// "Must set a configuration value for the dcv_method attribute" while
// import left dcv_method unset).
func TestAccDVSSLOrder_importBlockGenerateConfig(t *testing.T) {
	r, s := newAdoptRun(t, acctest.Identity)
	e := seedEstate(t, s)
	config := acctest.ProviderConfig(s) + fmt.Sprintf(`
import {
  to = digicert_dv_ssl_order.api
  id = "%d"
}

import {
  to       = digicert_dv_ssl_order.www
  identity = { order_id = %d }
}
`, e.dvIssued, e.dvPending)
	plan, out, err := r.Plan(config, "-generate-config-out=generated.tf")
	if err != nil {
		t.Fatalf("plan -generate-config-out: %v\n%s", err, out)
	}
	if imports, changes := planCounts(plan); imports != 2 || len(changes) != 0 {
		t.Fatalf("plan -generate-config-out: %d imports, changes %v\n%s", imports, changes, out)
	}
	readGenerated(t, r)
	importAndCheckEmpty(t, r, 2)
}

// A document signing order's subject and shipping address are not in order
// info, so the generated configuration leaves them null and the plan says
// exactly what to add (the review step). With them added, the import plans
// only recording them in place; the apply sends nothing to CertCentral, and
// the next plan is empty.
func TestAccDocumentSigningOrderList_queryGenerateReviewImport(t *testing.T) {
	r, s := newAdoptRun(t, acctest.ListResources)
	e := seedEstate(t, s)
	if err := r.WriteConfig(acctest.ProviderConfig(s)); err != nil {
		t.Fatal(err)
	}
	out := queryGenerate(t, r, `
list "digicert_document_signing_order" "tokens" {
  provider = digicert
  config {
    product_name_id = "document_signing_org_1"
  }
}
`)
	if !strings.Contains(out, fmt.Sprintf("order %d,", e.dsPending)) {
		t.Fatalf("the query does not list order %d", e.dsPending)
	}
	generated := readGenerated(t, r)
	_, out, err := r.Plan("")
	if err == nil || !strings.Contains(out, "Missing Shipping Address") || !strings.Contains(out, `Must set a configuration value for the subject attribute`) {
		t.Fatalf("the unreviewed configuration should name subject and ship_info: err %v\n%s", err, out)
	}
	reviewed := strings.NewReplacer(
		"subject                = null", "subject                = "+dsignSubjectOrg,
		"ship_info              = null", "ship_info              = "+dsignShipInfoOrg,
	).Replace(string(generated))
	if reviewed == string(generated) {
		t.Fatal("generated.tf has no subject = null / ship_info = null to fill in")
	}
	if err := os.WriteFile(filepath.Join(r.Dir(), "generated.tf"), []byte(reviewed), 0o644); err != nil {
		t.Fatal(err)
	}
	plan, out, err := r.Plan("")
	if err != nil {
		t.Fatalf("plan with the reviewed configuration: %v\n%s", err, out)
	}
	imports, changes := planCounts(plan)
	if imports != 1 || len(changes) != 1 || !strings.HasSuffix(changes[0], "[update]") {
		t.Fatalf("plan: %d imports, changes %v; want 1 import recording the added values in place\n%s", imports, changes, out)
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
	plan, out, err = r.Plan("")
	if err != nil {
		t.Fatalf("plan after import: %v\n%s", err, out)
	}
	if empty, changes := clitest.PlanIsEmpty(plan); !empty {
		t.Fatalf("plan after import: %v\n%s", changes, out)
	}
}

// adoptOrders is how many orders TestAccOrderList_adoptAtScale adopts:
// DIGICERT_ADOPT_ORDERS, default 30 (the Adopting guide quotes a run with
// 500).
func adoptOrders(t *testing.T) int {
	t.Helper()
	v := os.Getenv("DIGICERT_ADOPT_ORDERS")
	if v == "" {
		return 30
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("DIGICERT_ADOPT_ORDERS=%q is not a positive number", v)
	}
	return n
}

// The guide's procedure on an account of many DV orders, a third of them
// issued, against the sandbox's real rate limits, with the provider's
// default retry settings: query and generate, plan the imports (no
// change), apply them, plan again (empty). It logs how long each command
// took and how many requests it sent.
func TestAccOrderList_adoptAtScale(t *testing.T) {
	r, s := newAdoptRun(t, acctest.ListResources)
	n := adoptOrders(t)
	csr := acctest.CSR(t, "example.com")
	for i := range n {
		body := fmt.Sprintf(`{"certificate":{"common_name":"host%d.example.com","csr":%q},"validity_years":1,"dcv_method":"dns-txt-token","skip_approval":true}`, i, csr)
		id, err := s.CreateOrder(s.APIKey(), "ssl_dv_geotrust", []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 {
			if err := s.CompleteDCV(id); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Default backoffs: the sandbox's rate windows outlive one command.
	if err := r.WriteConfig(fmt.Sprintf("provider \"digicert\" {\n  api_key  = %q\n  base_url = %q\n}\n", s.APIKey(), s.URL())); err != nil {
		t.Fatal(err)
	}
	step := func(name string, run func() error) {
		t.Helper()
		s.ResetRequests()
		start := time.Now()
		if err := run(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Logf("%d orders, %s: %s, %d requests", n, name, time.Since(start).Round(100*time.Millisecond), len(s.Requests()))
	}
	step("terraform query -generate-config-out", func() error {
		queryGenerate(t, r, fmt.Sprintf("list \"digicert_dv_ssl_order\" \"all\" {\n  provider = digicert\n  limit    = %d\n}\n", n))
		return nil
	})
	var plan *tfjson.Plan
	step("terraform plan (imports)", func() error {
		var out string
		var err error
		plan, out, err = r.Plan("")
		if err != nil {
			return fmt.Errorf("%w\n%s", err, out)
		}
		return nil
	})
	if imports, changes := planCounts(plan); imports != n || len(changes) != 0 {
		t.Fatalf("plan: %d imports (want %d), changes %v", imports, n, changes)
	}
	step("terraform apply (imports)", func() error {
		if out, err := r.Apply(""); err != nil {
			return fmt.Errorf("%w\n%s", err, out)
		}
		return nil
	})
	step("terraform plan after import", func() error {
		plan, out, err := r.Plan("")
		if err != nil {
			return fmt.Errorf("%w\n%s", err, out)
		}
		if empty, changes := clitest.PlanIsEmpty(plan); !empty {
			return fmt.Errorf("changes %v\n%s", changes, out)
		}
		return nil
	})
}
