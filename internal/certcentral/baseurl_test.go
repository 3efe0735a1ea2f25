package certcentral

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// resolverClient is an HTTP client whose every dial fails as a name lookup
// with dnsErr would, counting the dials; no real DNS is asked.
func resolverClient(dnsErr *net.DNSError, dials *atomic.Int32) *http.Client {
	transport := http.DefaultTransport.(*http.Transport).Clone() //nolint:forcetypeassert // DefaultTransport is always *http.Transport.
	transport.DialContext = func(_ context.Context, network, addr string) (net.Conn, error) {
		dials.Add(1)
		return nil, &net.OpError{Op: "dial", Net: network, Err: dnsErr}
	}
	return &http.Client{Transport: transport}
}

// A host name that does not resolve fails at once, without retries, and
// the error names the setting and CertCentral's two base URLs.
func TestBaseURL_hostNotFoundFailsAtOnce(t *testing.T) {
	var dials atomic.Int32
	nxdomain := &net.DNSError{Err: "no such host", Name: "www.digicert.invalid", IsNotFound: true}
	cl, err := New(Config{
		BaseURL: "https://www.digicert.invalid/services/v2", BaseURLSetting: "base_url (or DIGICERT_BASE_URL)",
		APIKey: testAPIKey, RateWindows: []RateWindow{}, MaxRetries: 8, MinBackoff: time.Second,
		HTTPClient: resolverClient(nxdomain, &dials),
	})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for name, call := range map[string]func() error{
		"GET": func() error { _, err := cl.GetOrder(context.Background(), 7); return err },
		"POST": func() error {
			_, err := cl.OrderDVSSL(context.Background(), "ssl_dv_geotrust", DVSSLOrderRequest{})
			return err
		},
	} {
		dials.Store(0)
		err := call()
		if !IsBaseURLWrong(err) || IsNotFound(err) || IsOutcomeUnknown(err) {
			t.Fatalf("%s: error %v (%T), want a BaseURLError that is neither a 404 nor an unknown outcome", name, err, err)
		}
		if n := dials.Load(); n != 1 {
			t.Errorf("%s: %d dials, want 1 (no retry)", name, n)
		}
		for _, want := range []string{
			"base URL https://www.digicert.invalid/services/v2 looks wrong", "does not resolve", "no such host",
			"Set base_url (or DIGICERT_BASE_URL) to " + DefaultBaseURL + " (CertCentral US) or " + EUBaseURL + " (CertCentral Europe)",
		} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: error %q lacks %q", name, err, want)
			}
		}
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("took %v, want no backoff", d)
	}
}

// A lookup that failed without an answer (a name server timing out) may
// be transient: it is retried as before.
func TestBaseURL_temporaryDNSFailureIsRetried(t *testing.T) {
	var dials atomic.Int32
	timeout := &net.DNSError{Err: "i/o timeout", Name: "www.digicert.com", IsTimeout: true, IsTemporary: true}
	cl, err := New(Config{
		APIKey: testAPIKey, RateWindows: []RateWindow{}, MaxRetries: 2, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond,
		HTTPClient: resolverClient(timeout, &dials),
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = cl.GetOrder(context.Background(), 7)
	if err == nil || IsBaseURLWrong(err) {
		t.Fatalf("error %v, want the DNS timeout, not a wrong base URL", err)
	}
	if n := dials.Load(); n != 3 {
		t.Errorf("%d dials, want 3 (MaxRetries 2)", n)
	}
}

// A 404 that says the endpoint is missing (not_found|route, or an HTML
// page with no CertCentral error body) says the base URL looks wrong and
// shows the same server's /services/v2; it is never "order not found",
// whereas not_found|order stays one.
func TestBaseURL_missingRoute(t *testing.T) {
	answers := map[string]struct {
		contentType, body string
	}{
		"/service/v2/order/certificate/1":  {"application/json", `{"errors":[{"code":"not_found|route","message":"Route not found."}]}`},
		"/order/certificate/1":             {"text/html", "<html><body><h1>Page not found</h1></body></html>"},
		"/services/v2/order/certificate/1": {"application/json", `{"errors":[{"code":"not_found|order","message":"Order not found."}]}`},
	}
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		a, ok := answers[r.URL.Path]
		if !ok {
			t.Errorf("unexpected request %s", r.URL.Path)
		}
		w.Header().Set("Content-Type", a.contentType)
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(a.body))
	})
	for _, base := range []string{"/service/v2", ""} {
		cl := newTestClient(t, srv.URL, func(c *Config) { c.BaseURL = srv.URL + base; c.BaseURLSetting = "base_url" })
		before := srv.count()
		_, err := cl.GetOrder(context.Background(), 1)
		if !IsBaseURLWrong(err) || IsNotFound(err) {
			t.Fatalf("base %q: error %v, want a wrong base URL, not a missing order", base, err)
		}
		if n := srv.count() - before; n != 1 {
			t.Errorf("base %q: %d requests, want 1", base, n)
		}
		for _, want := range []string{"base URL " + srv.URL + base + " looks wrong", "HTTP 404", "set base_url to " + srv.URL + "/services/v2"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("base %q: error %q lacks %q", base, err, want)
			}
		}
		if apiErr, ok := AsAPIError(err); !ok || apiErr.StatusCode != 404 {
			t.Errorf("base %q: the 404 is not in the chain: %v", base, err)
		}
	}
	cl := newTestClient(t, srv.URL, nil)
	_, err := cl.GetOrder(context.Background(), 1)
	if !IsNotFound(err) || IsBaseURLWrong(err) {
		t.Errorf("not_found|order under the right base URL: %v, want an order not found", err)
	}
}

func TestIsDigiCertHost(t *testing.T) {
	for raw, want := range map[string]bool{
		DefaultBaseURL:                           true,
		EUBaseURL:                                true,
		"https://WWW.DigiCert.com./services/v2":  true,
		"http://127.0.0.1:8080/services/v2":      true,
		"http://[::1]:8080/services/v2":          true,
		"http://localhost:8080/services/v2":      true,
		"https://www.digicert.con/services/v2":   false,
		"https://digicert.com.example.org/x":     false,
		"https://notdigicert.com/services/v2":    false,
		"https://proxy.corp.example/services/v2": false,
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := IsDigiCertHost(u); got != want {
			t.Errorf("IsDigiCertHost(%s) = %v, want %v", raw, got, want)
		}
	}
}

// ServerTime follows the Date of the latest answer, wherever the server's
// clock stands.
func TestServerTime(t *testing.T) {
	ahead := time.Now().Add(720 * time.Hour).UTC().Truncate(time.Second)
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		w.Header().Set("Date", ahead.Format(http.TimeFormat))
		reply(w, http.StatusOK, orderBody)
	})
	cl := newTestClient(t, srv.URL, nil)
	if _, ok := cl.ServerTime(); ok {
		t.Fatal("a server time before any answer")
	}
	if _, err := cl.GetOrder(context.Background(), 7); err != nil {
		t.Fatal(err)
	}
	got, ok := cl.ServerTime()
	if !ok || got.Before(ahead) || got.After(ahead.Add(5*time.Second)) {
		t.Errorf("ServerTime %v, %v; want about %v", got, ok, ahead)
	}
}
