package provider

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/bench"
)

// TestAccCLISharedKey_limitsSplitBetweenWorkspaces: the advice of the HCP
// Terraform guide for workspaces that share an API key. Two workspaces
// (two provider processes, local state) apply 50 DV orders each at the
// same time, each with half of the key's limits (requests_per_5_seconds =
// 50, requests_per_3_minutes = 500): CertCentral never answers 429, and
// every name is ordered once. TestAccCLIPg_twoWorkspacesAtOnce is the same
// without the setting, where the 429s are absorbed by retries.
func TestAccCLISharedKey_limitsSplitBetweenWorkspaces(t *testing.T) {
	const perWorkspace = 50
	workspaces := []string{"blue", "green"}
	runs := make([]*clitest.Run, len(workspaces))
	for i := range runs {
		runs[i] = clitest.New(t, nil) // skips unless TF_ACC is set
	}
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "example.com")
	bin := clitest.BuildProvider(t, "github.com/certcentral-community/terraform-provider-digicert")
	configs := make([]string, len(runs))
	for i, r := range runs {
		if err := r.InstallProvider("digicert", bin); err != nil {
			t.Fatal(err)
		}
		// Each workspace's configuration names its own hosts (the harness
		// runs each in a directory of its own, in the default workspace).
		cfg := strings.Replace(manyOrdersHCL(s, csr, perWorkspace), "${terraform.workspace}", workspaces[i], 1)
		configs[i] = strings.Replace(cfg, "provider \"digicert\" {\n", "provider \"digicert\" {\n  requests_per_5_seconds = 50\n  requests_per_3_minutes = 500\n", 1)
	}
	mark := len(s.Requests())
	outs := make([]string, len(runs))
	errs := make([]error, len(runs))
	var wg sync.WaitGroup
	start := time.Now()
	for i, r := range runs {
		wg.Go(func() { outs[i], errs[i] = r.Apply(configs[i]) })
	}
	wg.Wait()
	wall := time.Since(start)
	for i := range runs {
		if errs[i] != nil {
			t.Fatalf("apply in %s: %v\n%s", workspaces[i], errs[i], outs[i])
		}
	}
	var accepted, limited int
	for _, req := range s.Requests()[mark:] {
		if req.Status == 429 {
			limited++
		} else {
			accepted++
		}
	}
	if limited != 0 {
		t.Errorf("CertCentral answered 429 %d times although the workspaces split the key's limits", limited)
	}
	byName := map[string]int{}
	for _, o := range s.Orders() {
		byName[o.CommonName]++
	}
	for _, w := range workspaces {
		for k := range perWorkspace {
			if n := byName[fmt.Sprintf("host%d.%s.example.com", k, w)]; n != 1 {
				t.Errorf("host%d.%s.example.com ordered %d times, want 1", k, w, n)
			}
		}
	}
	t.Logf("two workspaces at once with half the limits each (%s %s, two provider processes): %d orders, %d calls accepted, %d answered 429; wall %s, floor for %d calls under 100 req/5 s %s",
		runs[0].CLI(), runs[0].Version(), len(s.Orders()), accepted, limited, wall.Round(10*time.Millisecond), accepted, bench.LastArrival(accepted, bench.CertCentralWindows).Round(10*time.Millisecond))
}
