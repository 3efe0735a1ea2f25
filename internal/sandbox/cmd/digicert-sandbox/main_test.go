package main

import (
	"strings"
	"testing"

	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// The banner gives the exports, says how to publish DCV records to the
// sandbox DNS, and what a restart means, with the flag that keeps the key.
func TestBanner(t *testing.T) {
	s := sandbox.Start(t, sandbox.Options{})
	var b strings.Builder
	banner(&b, s, false, "", nil)
	out := b.String()
	for _, want := range []string{
		"export DIGICERT_BASE_URL=" + s.URL() + "\n",
		"export DIGICERT_API_KEY=" + s.APIKey() + "\n",
		"publish each entry of its dcv_records",
		"curl -X POST " + s.AdminURL() + `/dns -d '{"type":"TXT","name":"www.example.com","value":"<value>"}'`,
		"a restarted sandbox is an\nempty account",
		"Start it with -api-key " + s.APIKey() + " to keep this key",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("banner lacks %q:\n%s", want, out)
		}
	}
	b.Reset()
	banner(&b, s, true, "", nil)
	if out := b.String(); !strings.Contains(out, "keeps its URL and API key when restarted with the same -addr and -api-key") {
		t.Errorf("banner with a fixed key:\n%s", out)
	}
}
