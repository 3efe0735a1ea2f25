package clitest

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/dnsprovider"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// newDNSRun is a parallel test's Run with sandboxdns bound to a new sandbox.
func newDNSRun(t *testing.T) (*Run, *sandbox.Server) {
	t.Helper()
	t.Parallel()
	s := acctest.StartSandbox(t)
	return New(t, Providers{"sandboxdns": providerserver.NewProtocol6WithError(dnsprovider.New(s)())}), s
}

// recordsConfig is sandboxdns_record.dcv over a map of name to value, each
// created after delays[name] (none when absent).
func recordsConfig(records map[string]string, delays map[string]string) string {
	var b strings.Builder
	b.WriteString("locals {\n  records = {\n")
	for _, name := range sortedKeys(records) {
		fmt.Fprintf(&b, "    %q = { value = %q, delay = %s }\n", name, records[name], hclStringOrNull(delays[name]))
	}
	b.WriteString(`  }
}

resource "sandboxdns_record" "dcv" {
  for_each     = local.records
  type         = "TXT"
  name         = each.key
  value        = each.value.value
  create_delay = each.value.delay
}
`)
	return b.String()
}

func hclStringOrNull(s string) string {
	if s == "" {
		return "null"
	}
	return fmt.Sprintf("%q", s)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestAccCLI_forEachStringKeys is the case terraform-plugin-testing cannot
// run: for_each with string keys, applied, read back, planned again and
// destroyed through the CLI.
func TestAccCLI_forEachStringKeys(t *testing.T) {
	r, s := newDNSRun(t)
	config := `
resource "sandboxdns_record" "dcv" {
  for_each = { "example.com" = "v1", "www.example.com" = "v2" }
  type     = "TXT"
  name     = each.key
  value    = each.value
}
`
	out, err := r.Apply(config)
	if err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	if !strings.Contains(out, "2 added, 0 changed, 0 destroyed") {
		t.Errorf("apply did not report two creations:\n%s", out)
	}

	st, err := r.State()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`sandboxdns_record.dcv["example.com"]`, `sandboxdns_record.dcv["www.example.com"]`}
	if got := Addresses(st); !slices.Equal(got, want) {
		t.Fatalf("state addresses = %q, want %q", got, want)
	}
	res := Resources(st)
	for key, value := range map[string]string{"example.com": "v1", "www.example.com": "v2"} {
		rs := res[fmt.Sprintf("sandboxdns_record.dcv[%q]", key)]
		if idx, ok := rs.Index.(string); !ok || idx != key {
			t.Errorf("%s: index = %#v, want the string %q", rs.Address, rs.Index, key)
		}
		if rs.AttributeValues["name"] != key || rs.AttributeValues["value"] != value || rs.AttributeValues["id"] != "TXT/"+key+"/"+value {
			t.Errorf("%s: attributes = %v", rs.Address, rs.AttributeValues)
		}
		if got := s.DNSRecords("TXT", key); !slices.Equal(got, []string{value}) {
			t.Errorf("sandbox TXT %s = %q, want [%q]", key, got, value)
		}
	}

	raw, err := r.RawState()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"index_key": "www.example.com"`) {
		t.Errorf("terraform.tfstate has no string index_key:\n%s", raw)
	}

	plan, out, err := r.Plan(config)
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	if empty, changes := PlanIsEmpty(plan); !empty {
		t.Errorf("the second plan is not empty: %q\n%s", changes, out)
	}

	// A record removed behind Terraform's back is planned again.
	s.RemoveDNS("TXT", "www.example.com", "v2")
	plan, out, err = r.Plan(config)
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	if _, changes := PlanIsEmpty(plan); !slices.Equal(changes, []string{`sandboxdns_record.dcv["www.example.com"]: create`}) {
		t.Errorf("plan after the record vanished = %q, want one create\n%s", changes, out)
	}

	out, err = r.Destroy(config)
	if err != nil {
		t.Fatalf("destroy: %v\n%s", err, out)
	}
	for _, name := range []string{"example.com", "www.example.com"} {
		if got := s.DNSRecords("TXT", name); len(got) != 0 {
			t.Errorf("after destroy the sandbox still has TXT %s = %q", name, got)
		}
	}
	st, err = r.State()
	if err != nil {
		t.Fatal(err)
	}
	if got := Addresses(st); len(got) != 0 {
		t.Errorf("after destroy the state holds %q", got)
	}
}

// TestAccCLI_cancelApply interrupts an apply while one record is created and
// another waits in its create_delay: the CLI stops the provider, saves the
// record that exists, and the next plan creates only the missing one.
func TestAccCLI_cancelApply(t *testing.T) {
	r, s := newDNSRun(t)
	records := map[string]string{"fast.example.com": "f1", "slow.example.com": "s1"}
	config := recordsConfig(records, map[string]string{"slow.example.com": "2m"})

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		out string
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := r.ApplyContext(ctx, config)
		done <- result{out, err}
	}()

	deadline := time.After(time.Minute)
	for len(s.DNSRecords("TXT", "fast.example.com")) == 0 {
		select {
		case res := <-done:
			t.Fatalf("apply ended before the first record was published: %v\n%s", res.err, res.out)
		case <-deadline:
			t.Fatal("the first record was not published within a minute")
		case <-time.After(20 * time.Millisecond):
		}
	}
	// Give the slow record's Create call time to reach the provider: a stop
	// that arrives before a call starts is not delivered to it (the SDK makes
	// a new stop channel after each StopProvider), and the CLI would then wait
	// for the whole create_delay. Seen once under load on OpenTofu.
	time.Sleep(time.Second)
	canceled := time.Now()
	cancel()
	var res result
	select {
	case res = <-done:
	case <-time.After(InterruptGrace + 10*time.Second):
		t.Fatal("apply did not return after the cancel")
	}
	t.Logf("apply returned %s after the cancel", time.Since(canceled).Round(time.Millisecond))
	if res.err == nil {
		t.Fatalf("a canceled apply succeeded:\n%s", res.out)
	}
	if !errors.Is(res.err, context.Canceled) {
		t.Errorf("error = %v, want one wrapping context.Canceled", res.err)
	}
	if waited := time.Since(canceled); waited > 20*time.Second {
		t.Errorf("apply took %s to stop: the provider's Create did not see the stop", waited)
	}
	if !regexp.MustCompile(`(?i)interrupt received`).MatchString(res.out) {
		t.Errorf("the CLI did not report the interrupt:\n%s", res.out)
	}
	if !strings.Contains(res.out, "Record Creation Interrupted") {
		t.Errorf("the slow record's Create was not interrupted:\n%s", res.out)
	}

	st, err := r.State()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Addresses(st), []string{`sandboxdns_record.dcv["fast.example.com"]`}; !slices.Equal(got, want) {
		t.Errorf("state after the cancel = %q, want %q", got, want)
	}
	if got := s.DNSRecords("TXT", "slow.example.com"); len(got) != 0 {
		t.Errorf("the interrupted record was published: %q", got)
	}

	// State and zone agree: the next plan creates the missing record only.
	plan, out, err := r.Plan(config)
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	if _, changes := PlanIsEmpty(plan); !slices.Equal(changes, []string{`sandboxdns_record.dcv["slow.example.com"]: create`}) {
		t.Errorf("plan after the cancel = %q, want only the slow record created\n%s", changes, out)
	}

	out, err = r.Apply(recordsConfig(records, nil))
	if err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	if got := s.DNSRecords("TXT", "slow.example.com"); !slices.Equal(got, []string{"s1"}) {
		t.Errorf("sandbox TXT slow.example.com = %q after the second apply", got)
	}
	if out, err := r.Destroy(""); err != nil {
		t.Fatalf("destroy: %v\n%s", err, out)
	}
	for name := range records {
		if got := s.DNSRecords("TXT", name); len(got) != 0 {
			t.Errorf("after destroy the sandbox still has TXT %s = %q", name, got)
		}
	}
}

// TestAccCLI_timeout: a command that outlives the Run's timeout is
// interrupted and says so.
func TestAccCLI_timeout(t *testing.T) {
	r, s := newDNSRun(t)
	config := recordsConfig(map[string]string{"slow.example.com": "s1"}, map[string]string{"slow.example.com": "2m"})
	if err := r.WriteConfig(config); err != nil {
		t.Fatal(err)
	}
	if out, err := r.Init(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	r.SetTimeout(3*time.Second, 0)
	out, err := r.Apply(config)
	if err == nil {
		t.Fatalf("apply outlived its timeout and succeeded:\n%s", out)
	}
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "ran longer than 3s") {
		t.Errorf("error = %v, want a timeout", err)
	}
	if got := s.DNSRecords("TXT", "slow.example.com"); len(got) != 0 {
		t.Errorf("the interrupted record was published: %q", got)
	}
}

// TestAccCLI_import imports a record published outside Terraform and finds
// nothing left to change.
func TestAccCLI_import(t *testing.T) {
	r, s := newDNSRun(t)
	s.PublishDNS("CNAME", "_dnsauth.example.com", "abc.dcv.digicert.com")
	config := `
resource "sandboxdns_record" "cname" {
  type  = "CNAME"
  name  = "_dnsauth.example.com"
  value = "abc.dcv.digicert.com"
}
`
	out, err := r.Import(config, "sandboxdns_record.cname", "CNAME/_dnsauth.example.com/abc.dcv.digicert.com")
	if err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	plan, out, err := r.Plan("")
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	if empty, changes := PlanIsEmpty(plan); !empty {
		t.Errorf("plan after import = %q, want none\n%s", changes, out)
	}

	out, err = r.Import("", "sandboxdns_record.cname", "MX/x")
	if err == nil || !strings.Contains(out, "Invalid Import ID") {
		t.Errorf("import of a bad ID: err = %v\n%s", err, out)
	}
}

// TestAccCLI_traceLog: with TF_LOG=TRACE the output holds the CLI's log and
// the in-process provider's log lines.
func TestAccCLI_traceLog(t *testing.T) {
	r, _ := newDNSRun(t)
	r.SetEnv("TF_LOG", "TRACE")
	out, err := r.Apply(`
resource "sandboxdns_http_file" "f" {
  url  = "http://example.com/.well-known/pki-validation/fileauth.txt"
  body = "token-in-file"
}
`)
	if err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	if !strings.Contains(out, "[TRACE]") {
		t.Errorf("no CLI trace log in the output")
	}
	if !strings.Contains(out, `"@module":"sdk.framework"`) {
		t.Errorf("no provider (framework) log line in the output")
	}
	if !strings.Contains(out, `"@message":"Published HTTP file"`) {
		t.Errorf("the provider's own tflog line is not in the output")
	}
}

// TestAccCLI_noRegistry: a provider that is not attached fails at init,
// at once, instead of reaching for a registry.
func TestAccCLI_noRegistry(t *testing.T) {
	r, _ := newDNSRun(t)
	start := time.Now()
	out, err := r.Apply(`resource "random_id" "x" { byte_length = 4 }`)
	if err == nil {
		t.Fatalf("apply with an unattached provider succeeded:\n%s", out)
	}
	if !strings.Contains(out, "hashicorp/random") {
		t.Errorf("the init error does not name the provider:\n%s", out)
	}
	if took := time.Since(start); took > 15*time.Second {
		t.Errorf("init took %s to fail: it may have tried the network", took)
	}
	t.Logf("init output:\n%s", out)
}
