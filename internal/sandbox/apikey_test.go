package sandbox

import (
	"net/http"
	"testing"
)

// A fixed key replaces the random one: the API answers it, and the old key
// no longer works.
func TestUseAPIKey(t *testing.T) {
	s := Start(t, Options{})
	old := s.APIKey()
	if err := s.UseAPIKey("short"); err == nil {
		t.Error("a 5-character key was accepted")
	}
	const fixed = "SandboxKey0123456789"
	if err := s.UseAPIKey(fixed); err != nil {
		t.Fatal(err)
	}
	if s.APIKey() != fixed {
		t.Fatalf("APIKey() = %q", s.APIKey())
	}
	for key, want := range map[string]int{fixed: http.StatusOK, old: http.StatusForbidden} {
		req, err := http.NewRequest(http.MethodGet, s.URL()+"/order/certificate?limit=1", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("X-DC-DEVKEY", key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("key %q: HTTP %d, want %d", key[:6], resp.StatusCode, want)
		}
	}
}
