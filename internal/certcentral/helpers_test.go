package certcentral

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

const (
	testAPIKey    = "test-devkey-5f0c8a1e9b"
	testUserAgent = "terraform-provider-digicert/9.9.9-test"
	// testBase is the path the test servers mount the API under, as
	// CertCentral does with /services/v2.
	testBase = "/services/v2"
)

// seenRequest is what a test server saw of one request.
type seenRequest struct {
	Method      string
	Path        string // decoded
	EscapedPath string // as sent
	Query       url.Values
	Header      http.Header
	Body        []byte
	// BodyComplete is true when the handler read Content-Length bytes of body.
	BodyComplete bool
	At           time.Time
}

// apiServer is an httptest server that records every request it sees.
type apiServer struct {
	*httptest.Server
	mu   sync.Mutex
	seen []*seenRequest
}

// apiHandler answers the n-th request (1-based); rec is its record, which
// readBody fills in.
type apiHandler func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest)

func newAPIServer(t *testing.T, h apiHandler) *apiServer {
	t.Helper()
	s := &apiServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &seenRequest{
			Method:      r.Method,
			Path:        r.URL.Path,
			EscapedPath: r.URL.EscapedPath(),
			Query:       r.URL.Query(),
			Header:      r.Header.Clone(),
			At:          time.Now(),
		}
		s.mu.Lock()
		s.seen = append(s.seen, rec)
		n := len(s.seen)
		s.mu.Unlock()
		h(w, r, n, rec)
	}))
	t.Cleanup(s.Close)
	return s
}

// readBody reads the whole request body and records it.
func (s *apiServer) readBody(t *testing.T, r *http.Request, rec *seenRequest) []byte {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Errorf("server: reading the request body: %v", err)
	}
	s.mu.Lock()
	rec.Body = b
	rec.BodyComplete = err == nil && int64(len(b)) == r.ContentLength && len(b) > 0
	s.mu.Unlock()
	return b
}

func (s *apiServer) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.seen)
}

func (s *apiServer) request(t *testing.T, i int) seenRequest {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if i >= len(s.seen) {
		t.Fatalf("the server saw %d requests; wanted request #%d", len(s.seen), i+1)
	}
	return *s.seen[i]
}

// completeBodies counts the requests whose body the server read in full.
func (s *apiServer) completeBodies() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.seen {
		if r.BodyComplete {
			n++
		}
	}
	return n
}

func (s *apiServer) arrivals() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]time.Time, len(s.seen))
	for i, r := range s.seen {
		out[i] = r.At
	}
	return out
}

// reply writes a JSON answer (no Content-Type when body is empty).
func reply(w http.ResponseWriter, status int, body string) {
	if body != "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// dropConnection closes the connection without answering.
func dropConnection(t *testing.T, w http.ResponseWriter) {
	t.Helper()
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Error("server: the ResponseWriter cannot be hijacked")
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		t.Errorf("server: hijack: %v", err)
		return
	}
	_ = conn.Close()
}

// tflogLogger logs to tflog, as the provider does, so that tests read the
// log with tflogtest.
type tflogLogger struct{}

func (tflogLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(ctx, msg, fields)
}

// newTestClient returns a client for srv with tiny backoffs, no client-side
// rate limiting and 3 retries; mod adjusts the Config.
func newTestClient(t *testing.T, baseURL string, mod func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		BaseURL:     baseURL + testBase,
		APIKey:      testAPIKey,
		UserAgent:   testUserAgent,
		RateWindows: []RateWindow{},
		MaxRetries:  3,
		MinBackoff:  time.Millisecond,
		MaxBackoff:  5 * time.Millisecond,
		Logger:      tflogLogger{},
	}
	if mod != nil {
		mod(&cfg)
	}
	cl, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(cl.http.CloseIdleConnections)
	return cl
}

// assertCommonHeaders checks the headers every request carries, and the
// JSON Content-Type of requests with a body.
func assertCommonHeaders(t *testing.T, r seenRequest, hasBody bool) {
	t.Helper()
	if got := r.Header.Get("X-DC-DEVKEY"); got != testAPIKey {
		t.Errorf("X-DC-DEVKEY = %q, want %q", got, testAPIKey)
	}
	if got := r.Header.Get("User-Agent"); got != testUserAgent {
		t.Errorf("User-Agent = %q, want %q", got, testUserAgent)
	}
	ct := r.Header.Get("Content-Type")
	if hasBody && ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if !hasBody && len(r.Body) != 0 {
		t.Errorf("request carried a body %q; want none", r.Body)
	}
}

// assertJSONBody compares a request body with want, parsed, so that key
// order and spacing do not matter but every key present or absent does.
func assertJSONBody(t *testing.T, body []byte, want string) {
	t.Helper()
	var got, exp any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("request body is not JSON: %v\n%s", err, body)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatalf("bad expected JSON in test: %v", err)
	}
	if !reflect.DeepEqual(got, exp) {
		gotPretty, _ := json.MarshalIndent(got, "", "  ")
		expPretty, _ := json.MarshalIndent(exp, "", "  ")
		t.Errorf("request body differs\n got: %s\nwant: %s", gotPretty, expPretty)
	}
	if bytes.Contains(body, []byte("null")) {
		t.Errorf("request body holds a null: %s", body)
	}
}
