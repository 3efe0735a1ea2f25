package provider

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/pgtest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/bench"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// manyOrdersHCL is n DV orders named host<i>.<workspace>.example.com. The
// provider keeps its default retries and backoffs (8 retries, 1 s to 30 s),
// as a user's would: the tests' short backoffs give up on a 5-second window
// within 2 s.
func manyOrdersHCL(s *sandbox.Server, csr string, n int) string {
	return fmt.Sprintf(`
provider "digicert" {
  api_key  = %q
  base_url = %q
}
`, s.APIKey(), s.URL()) + fmt.Sprintf(`
resource "digicert_dv_ssl_order" "many" {
  count           = %d
  product_name_id = "ssl_dv_geotrust"
  certificate = {
    common_name = "host${count.index}.${terraform.workspace}.example.com"
    csr         = %q
  }
  validity_years = 1
  dcv_method     = "email"
  on_destroy     = "keep"
}
`, n, csr)
}

// surfaced429 matches what a 429 would look like in the CLI's output.
var surfaced429 = regexp.MustCompile(`(?i)\b429\b|request_limit_exceeded|rate.limit`)

// TestAccCLIPg_twoWorkspacesAtOnce: two workspaces of one pg backend (two
// CI jobs, say) apply 50 DV orders each at the same time with the same API
// key. Each CLI starts its own provider process (the provider binary,
// installed as a user installs it), so their rate limiters know nothing of
// each other and CertCentral's 429s are all that keeps them under the key's
// limits: the provider must absorb every one. Want: 100 orders, each name
// ordered once, no 429 in either output, each workspace's state holding its
// own 50. The wall time is logged beside the floor that the key's limits
// set for the calls made. On a CLI without the pg backend, init must refuse
// it, and the two workspaces are local ones.
func TestAccCLIPg_twoWorkspacesAtOnce(t *testing.T) {
	const perWorkspace = 50
	workspaces := []string{"blue", "green"}
	runs := make([]*clitest.Run, len(workspaces))
	for i := range runs {
		runs[i] = clitest.New(t, nil) // skips unless TF_ACC is set
	}
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "example.com")
	config := manyOrdersHCL(s, csr, perWorkspace)
	bin := clitest.BuildProvider(t, "github.com/certcentral-community/terraform-provider-digicert")
	stateIn := "pg"
	var backend map[string]string
	if acctest.Supports(t, acctest.PgBackend) {
		backend = map[string]string{"conn_str": pgtest.Start(t).CreateDatabase(t, "state")}
	} else {
		stateIn = "local"
		if err := runs[0].SetBackend("pg", map[string]string{"conn_str": "postgres://127.0.0.1:1/none?sslmode=disable"}); err != nil {
			t.Fatal(err)
		}
		runs[0].AssertBackendUnsupported()
		if err := runs[0].SetBackend("", nil); err != nil {
			t.Fatal(err)
		}
	}
	for i, r := range runs {
		if err := r.InstallProvider("digicert", bin); err != nil {
			t.Fatal(err)
		}
		if backend != nil {
			if err := r.SetBackend("pg", backend); err != nil {
				t.Fatal(err)
			}
		}
		if err := r.WriteConfig(config); err != nil {
			t.Fatal(err)
		}
		// Workspaces are created one after the other: that is setup, not
		// what is measured.
		out, err := r.Workspace(workspaces[i])
		if err != nil {
			t.Fatalf("workspace %s: %v\n%s", workspaces[i], err, out)
		}
		if !strings.Contains(out, "hashicorp/digicert v0.0.1") {
			t.Fatalf("init did not install the provider binary:\n%s", out)
		}
	}

	mark := len(s.Requests())
	outs := make([]string, len(runs))
	errs := make([]error, len(runs))
	var wg sync.WaitGroup
	start := time.Now()
	for i, r := range runs {
		// -lock-timeout, as teams running applies side by side use it:
		// Terraform 1.5.7's pg backend takes its workspace-creation lock
		// for an instant even to lock an existing workspace, so two
		// workspaces locking at the same instant collide ("already locked
		// for workspace creation") and the CLI retries only with it.
		wg.Go(func() { outs[i], errs[i] = r.Apply(config, "-lock-timeout=60s") })
	}
	wg.Wait()
	wall := time.Since(start)
	for i := range runs {
		if errs[i] != nil {
			t.Fatalf("apply in %s: %v\n%s", workspaces[i], errs[i], outs[i])
		}
		if m := surfaced429.FindString(outs[i]); m != "" {
			t.Errorf("the apply in %s shows %q to the user:\n%s", workspaces[i], m, outs[i])
		}
	}

	// Every name ordered exactly once, every order in its workspace's state.
	byName := map[string][]int{}
	for _, o := range s.Orders() {
		byName[o.CommonName] = append(byName[o.CommonName], o.ID)
	}
	if n := len(s.Orders()); n != perWorkspace*len(workspaces) {
		t.Errorf("the sandbox holds %d orders, want %d", n, perWorkspace*len(workspaces))
	}
	duplicates := 0
	for i, r := range runs {
		st, err := r.State()
		if err != nil {
			t.Fatal(err)
		}
		res := clitest.Resources(st)
		for k := range perWorkspace {
			name := fmt.Sprintf("host%d.%s.example.com", k, workspaces[i])
			ids := byName[name]
			if len(ids) != 1 {
				duplicates += max(len(ids)-1, 0)
				t.Errorf("%s was ordered %d times", name, len(ids))
				continue
			}
			addr := fmt.Sprintf("digicert_dv_ssl_order.many[%d]", k)
			if got := res[addr]; got == nil || got.AttributeValues["id"] != fmt.Sprint(ids[0]) {
				t.Errorf("workspace %s: %s does not hold order %d (%v)", workspaces[i], addr, ids[0], got)
			}
		}
		if n := len(res); n != perWorkspace {
			t.Errorf("workspace %s holds %d resources, want %d", workspaces[i], n, perWorkspace)
		}
	}

	// The calls CertCentral accepted, against what the key's limits allow.
	var accepted, placed, limited int
	for _, req := range s.Requests()[mark:] {
		if req.Status == 429 {
			limited++
			continue
		}
		accepted++
		if req.Method == "POST" && orderPOST.MatchString(req.Path) && req.Status < 300 {
			placed++
		}
	}
	if placed != perWorkspace*len(workspaces) {
		t.Errorf("the sandbox accepted %d order POSTs, want %d", placed, perWorkspace*len(workspaces))
	}
	floor := bench.LastArrival(accepted, bench.CertCentralWindows)
	t.Logf("two workspaces at once (%s %s, %s state, one API key, two provider processes): %d orders, %d duplicates; %d calls accepted, %d answered 429 and retried, none surfaced; wall %s, floor for %d calls under 100 req/5 s and 1000 req/3 min %s",
		runs[0].CLI(), runs[0].Version(), stateIn, len(s.Orders()), duplicates, accepted, limited, wall.Round(10*time.Millisecond), accepted, floor.Round(10*time.Millisecond))
}

var orderPOST = regexp.MustCompile(orderPOSTPath)
