package provider

import (
	"reflect"
	"regexp"
	"testing"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
)

// The first plan of a DNS-validated order already says where each record
// goes: dcv_records has its keys, and each record's type and name, known;
// only value and expires_at wait for the order. A DNS resource fed from it
// therefore plans its type and name too.
func TestAccCLIDVFlow_plannedRecordsShowTypeAndName(t *testing.T) {
	r, s := newFlowRun(t)
	csr, _ := csrWithKey(t)
	plan, out, err := r.Plan(dnsFlowHCL(s, csr, "each.value.name", "", ""))
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	want := map[string]any{
		"*.example.com":   map[string]any{"type": "TXT", "name": "example.com"},
		"www.example.com": map[string]any{"type": "TXT", "name": "www.example.com"},
	}
	for _, rc := range plan.ResourceChanges {
		switch rc.Address {
		case "digicert_dv_ssl_order.site":
			after, _ := rc.Change.After.(map[string]any)
			unknown, _ := rc.Change.AfterUnknown.(map[string]any)
			if got := after["dcv_records"]; !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s: planned dcv_records %v, want %v", acctest.CLI(), acctest.CLIVersion(t), got, want)
			}
			wantUnknown := map[string]any{
				"*.example.com":   map[string]any{"value": true, "expires_at": true},
				"www.example.com": map[string]any{"value": true, "expires_at": true},
			}
			if got := unknown["dcv_records"]; !reflect.DeepEqual(got, wantUnknown) {
				t.Errorf("%s %s: dcv_records unknown at plan %v, want %v", acctest.CLI(), acctest.CLIVersion(t), got, wantUnknown)
			}
		case `sandboxdns_record.dcv["www.example.com"]`:
			after, _ := rc.Change.After.(map[string]any)
			if after["type"] != "TXT" || after["name"] != "www.example.com" {
				t.Errorf("the DNS record plans type %v, name %v; want TXT, www.example.com", after["type"], after["name"])
			}
		}
	}
	if !regexp.MustCompile(`(?s)dcv_records\s+=\s+\{.*"www\.example\.com"\s+=\s+\{[^}]*name\s+=\s+"www\.example\.com"[^}]*type\s+=\s+"TXT"`).MatchString(out) {
		t.Errorf("%s %s: the plan does not show dcv_records' type and name:\n%s", acctest.CLI(), acctest.CLIVersion(t), out)
	}
}
