package certcentral

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestParseBaseURL(t *testing.T) {
	tests := []struct {
		raw      string
		wantURL  string // "" when refused
		wantErrs []string
	}{
		{raw: DefaultBaseURL, wantURL: DefaultBaseURL},
		{raw: EUBaseURL, wantURL: EUBaseURL},
		{raw: "https://www.digicert.com/services/v2/", wantURL: "https://www.digicert.com/services/v2"},
		{raw: "https://certcentral.example.com:8443/api", wantURL: "https://certcentral.example.com:8443/api"},
		{raw: "http://127.0.0.1:8080/services/v2", wantURL: "http://127.0.0.1:8080/services/v2"},
		{raw: "http://127.0.0.53/services/v2", wantURL: "http://127.0.0.53/services/v2"},
		{raw: "http://localhost:8080/services/v2", wantURL: "http://localhost:8080/services/v2"},
		{raw: "http://[::1]:8080/services/v2", wantURL: "http://[::1]:8080/services/v2"},

		{raw: "http://www.digicert.com/services/v2", wantErrs: []string{"https", "not loopback"}},
		{raw: "http://10.0.0.5:8080/services/v2", wantErrs: []string{"https"}},
		{raw: "http://127.0.0.1.nip.io/services/v2", wantErrs: []string{"https"}},
		{raw: "http://127.attacker.example/services/v2", wantErrs: []string{"https"}},
		{raw: "http://localhost.attacker.example/services/v2", wantErrs: []string{"https"}},
		{raw: "http://[::2]/services/v2", wantErrs: []string{"https"}},
		{raw: "www.digicert.com/services/v2", wantErrs: []string{"absolute http(s) URL"}},
		{raw: "//www.digicert.com/services/v2", wantErrs: []string{"absolute http(s) URL"}},
		{raw: "ftp://www.digicert.com/services/v2", wantErrs: []string{"absolute http(s) URL"}},
		{raw: "https://", wantErrs: []string{"absolute http(s) URL"}},
		{raw: "", wantErrs: []string{"absolute http(s) URL"}},
		{raw: "https://www.digicert.com/services/v2?api_key=x", wantErrs: []string{"query or fragment"}},
		{raw: "https://www.digicert.com/services/v2#top", wantErrs: []string{"query or fragment"}},
		{raw: "https://www.digi cert.com/", wantErrs: []string{"not a valid URL"}},
		{raw: "https://[::1/services", wantErrs: []string{"not a valid URL"}},
		{raw: "://missing-scheme", wantErrs: []string{"not a valid URL"}},
	}
	for _, tc := range tests {
		t.Run(tc.raw, func(t *testing.T) {
			u, err := ParseBaseURL(tc.raw)
			if tc.wantURL != "" {
				if err != nil {
					t.Fatalf("ParseBaseURL(%q): %v", tc.raw, err)
				}
				if u.String() != tc.wantURL {
					t.Errorf("ParseBaseURL(%q) = %q, want %q", tc.raw, u, tc.wantURL)
				}
				return
			}
			if err == nil {
				t.Fatalf("ParseBaseURL(%q) = %q, want an error", tc.raw, u)
			}
			for _, want := range tc.wantErrs {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q should mention %q", err, want)
				}
			}
			if tc.raw != "" && !strings.Contains(err.Error(), tc.raw) {
				t.Errorf("error %q does not quote the URL", err)
			}
		})
	}
}

func TestNew(t *testing.T) {
	if _, err := New(Config{}); err == nil || !strings.Contains(err.Error(), "API key") {
		t.Errorf("New without a key: %v, want an error about the API key", err)
	}
	if _, err := New(Config{APIKey: "k", BaseURL: "http://example.com/services/v2"}); err == nil {
		t.Error("New accepted plain http to a public host")
	}
	cl, err := New(Config{APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if cl.baseURL.String() != DefaultBaseURL {
		t.Errorf("default base URL = %q", cl.baseURL)
	}
	if cl.userAgent == "" {
		t.Error("no default User-Agent")
	}
}

// TestClient_baseURLWithTrailingSlash: "…/services/v2/" must not give
// "…/services/v2//order/…".
func TestClient_baseURLWithTrailingSlash(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusOK, orderBody)
	})
	cl := newTestClient(t, srv.URL, func(c *Config) { c.BaseURL = srv.URL + "/services/v2/" })
	if _, err := cl.GetOrder(context.Background(), 7); err != nil {
		t.Fatal(err)
	}
	if r := srv.request(t, 0); r.EscapedPath != "/services/v2/order/certificate/7" {
		t.Errorf("path = %q", r.EscapedPath)
	}
}

// TestClient_defaultUserAgent: a client configured without one still names
// itself.
func TestClient_defaultUserAgent(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusOK, orderBody)
	})
	cl := newTestClient(t, srv.URL, func(c *Config) { c.UserAgent = "" })
	if _, err := cl.GetOrder(context.Background(), 7); err != nil {
		t.Fatal(err)
	}
	if ua := srv.request(t, 0).Header.Get("User-Agent"); !strings.HasPrefix(ua, "terraform-provider-digicert") {
		t.Errorf("User-Agent = %q", ua)
	}
}

// roundTripFunc answers requests without a network.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// FuzzOrderInfoDecode feeds arbitrary bytes as a 200 answer to GetOrder,
// through the client's own decode path: it must return an OrderInfo or an
// error naming the request, never panic, and never accept invalid JSON.
func FuzzOrderInfoDecode(f *testing.F) {
	f.Add([]byte(orderInfoJSON))
	f.Add([]byte(`{"id":7,"status":"pending","certificate":{"id":8,"common_name":"example.com","dns_names":[" "]}}`))
	f.Add([]byte(`{"id":123456,"certificate":{"id":101015,"common_name":"example.com","dns_names":["sub.example.com"],"signature_hash":"sha256","ca_cert":{"id":"A937018B9FAF6CC2","name":"DigiCert Global G2 TLS RSA SHA256 2020 CA1"}},"organization":{"id":334455,"name":"Real Organization, LLC"},"product":{"name_id":"ssl_securesite","name":"Secure Site SSL","type":"ssl_certificate"},"status":"pending","date_created":"2019-06-21T09:06:47+00:00","validity_years":1}`))
	f.Add([]byte(`{"id":1,"certificate":{"days_remaining":null,"ca_cert":{"id":5}},"requests":[{}],"status":"unknown_future_status"}`))
	f.Add([]byte(`{"id":1e400}`))
	f.Add([]byte(`{"id":-1,"certificate":null,"product":[]}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`null`))
	f.Add([]byte(""))
	f.Add([]byte("<html>maintenance</html>"))
	f.Add([]byte("{\"status\":\"\xff\xfe\"}"))
	f.Fuzz(func(t *testing.T, body []byte) {
		hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			return &http.Response{
				StatusCode: http.StatusOK,
				Header:     http.Header{"Content-Type": {"application/json"}},
				Body:       io.NopCloser(bytes.NewReader(body)),
				Request:    r,
			}, nil
		})}
		cl, err := New(Config{APIKey: "k", HTTPClient: hc, RateWindows: []RateWindow{}, MaxRetries: -1})
		if err != nil {
			t.Fatal(err)
		}
		info, err := cl.GetOrder(context.Background(), 42)
		if err != nil {
			if info != nil {
				t.Fatalf("GetOrder returned %+v with error %v", info, err)
			}
			if !strings.Contains(err.Error(), "GET /order/certificate/42") {
				t.Fatalf("error %q does not name the request", err)
			}
			return
		}
		if info == nil {
			t.Fatal("GetOrder returned neither an order nor an error")
		}
		if !json.Valid(body) {
			t.Fatalf("GetOrder accepted invalid JSON %q as %+v", body, info)
		}
	})
}

func BenchmarkEncodeDVSSLOrderRequest(b *testing.B) {
	req := fullDVSSLOrder()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeOrderInfo(b *testing.B) {
	raw := []byte(orderInfoJSON)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		var info OrderInfo
		if err := decodeTolerant(raw, &info); err != nil {
			b.Fatal(err)
		}
	}
}
