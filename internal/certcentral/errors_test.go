package certcentral

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestAPIError_decoding drives error answers through GetOrder (no retries)
// and checks what a caller can learn from the error.
func TestAPIError_decoding(t *testing.T) {
	longHTML := "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>" +
		strings.Repeat("<p>The proxy server received an invalid response from an upstream server.</p>\n", 200) +
		"</body></html>"

	tests := []struct {
		name        string
		status      int
		contentType string
		body        string

		wantCodes    []string // nil: no decoded entries
		wantInError  []string // substrings of Error()
		hasCode      []string
		notHasCode   []string
		notFound     bool
		rateLimited  bool
		authError    bool
		maxErrorSize int // 0: no bound
	}{
		{
			name: "single entry with qualifier", status: 404, contentType: "application/json",
			body:        `{"errors":[{"code":"not_found|order","message":"Order not found."}]}`,
			wantCodes:   []string{"not_found|order"},
			wantInError: []string{"GET /order/certificate/42", "HTTP 404", "[not_found|order] Order not found."},
			hasCode:     []string{"not_found", "not_found|order"},
			notHasCode:  []string{"not_found|product", "not", "order", "not_found|"},
			notFound:    true,
		},
		{
			name: "several entries", status: 400, contentType: "application/json; charset=utf-8",
			body: `{"errors":[
				{"code":"invalid_value:validity_years","message":"validity_years contains an invalid value."},
				{"code":"csr_invalid_cannot_parse","message":"The CSR cannot be parsed."}]}`,
			wantCodes: []string{"invalid_value:validity_years", "csr_invalid_cannot_parse"},
			wantInError: []string{
				"HTTP 400",
				"[invalid_value:validity_years] validity_years contains an invalid value.",
				"[csr_invalid_cannot_parse] The CSR cannot be parsed.",
			},
			hasCode:    []string{"invalid_value", "invalid_value:validity_years", "csr_invalid_cannot_parse"},
			notHasCode: []string{"invalid_value:validity_days", "validity_years", "not_found"},
		},
		{
			name: "rate limited", status: 429, contentType: "application/json",
			body:        `{"errors":[{"code":"request_limit_exceeded","message":"Service unavailable, please limit request volume"}]}`,
			wantCodes:   []string{"request_limit_exceeded"},
			wantInError: []string{"HTTP 429", "please limit request volume"},
			hasCode:     []string{"request_limit_exceeded"},
			rateLimited: true,
		},
		{
			name: "invalid API key", status: 401, contentType: "application/json",
			body:      `{"errors":[{"code":"invalid_api_key","message":"The specified API key is invalid."}]}`,
			wantCodes: []string{"invalid_api_key"}, wantInError: []string{"HTTP 401", "invalid_api_key"},
			hasCode: []string{"invalid_api_key"}, authError: true,
		},
		{
			name: "missing permission", status: 403, contentType: "application/json",
			body:      `{"errors":[{"code":"access_denied|missing_permission","message":"Permission denied."}]}`,
			wantCodes: []string{"access_denied|missing_permission"}, wantInError: []string{"HTTP 403"},
			hasCode: []string{"access_denied", "access_denied|missing_permission"}, notHasCode: []string{"missing_permission"},
			authError: true,
		},
		{
			name: "problem+json is JSON", status: 404, contentType: "application/problem+json",
			body:      `{"errors":[{"code":"not_found|route","message":"No route."}]}`,
			wantCodes: []string{"not_found|route"}, wantInError: []string{"[not_found|route] No route.", "endpoint does not exist below the base URL"},
			notFound: false, // the endpoint is missing, not the order (BaseURLError)
		},
		{
			name: "HTML page from a proxy", status: 502, contentType: "text/html; charset=utf-8",
			body:         longHTML,
			wantInError:  []string{"GET /order/certificate/42", "HTTP 502", "502 Bad Gateway"},
			maxErrorSize: 400,
		},
		{
			name: "empty body", status: 503, contentType: "",
			body:        "",
			wantInError: []string{"CertCentral answered GET /order/certificate/42 with HTTP 503"},
		},
		{
			name: "JSON of another shape", status: 500, contentType: "application/json",
			body:        `{"error":"something broke","trace_id":"abc123"}`,
			wantInError: []string{"HTTP 500", "something broke"},
		},
		{
			name: "errors is not a list", status: 500, contentType: "application/json",
			body:        `{"errors":"database unavailable"}`,
			wantInError: []string{"HTTP 500", "database unavailable"},
		},
		{
			name: "empty errors list", status: 400, contentType: "application/json",
			body:        `{"errors":[]}`,
			wantInError: []string{"HTTP 400", `{\"errors\":[]}`},
		},
		{
			name: "truncated JSON", status: 400, contentType: "application/json",
			body:        `{"errors":[{"code":"bad_request_format"`,
			wantInError: []string{"HTTP 400", "bad_request_format"},
		},
		{
			name: "documented shape sent as text/plain is not parsed", status: 404, contentType: "text/plain",
			body:        `{"errors":[{"code":"not_found","message":"x"}]}`,
			wantInError: []string{"HTTP 404", "not_found"},
			notHasCode:  []string{"not_found"},
			notFound:    false, // no CertCentral error body: not a Services API answer (BaseURLError)
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
				if tc.contentType != "" {
					w.Header().Set("Content-Type", tc.contentType)
				}
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			})
			cl := newTestClient(t, srv.URL, func(c *Config) { c.MaxRetries = -1 })

			info, err := cl.GetOrder(context.Background(), 42)
			if err == nil {
				t.Fatalf("GetOrder succeeded with %+v; want an error", info)
			}
			wrapped := fmt.Errorf("reading order 42: %w", err)
			apiErr, ok := AsAPIError(wrapped)
			if !ok {
				t.Fatalf("error %T (%v) is not an *APIError", err, err)
			}
			if apiErr.StatusCode != tc.status || apiErr.Method != "GET" || apiErr.Path != "/order/certificate/42" {
				t.Errorf("APIError = %d %s %s; want %d GET /order/certificate/42", apiErr.StatusCode, apiErr.Method, apiErr.Path, tc.status)
			}
			if got := apiErr.Codes(); len(got) != len(tc.wantCodes) || (len(got) > 0 && !reflect.DeepEqual(got, tc.wantCodes)) {
				t.Errorf("Codes() = %q, want %q", got, tc.wantCodes)
			}
			msg := err.Error()
			for _, s := range tc.wantInError {
				if !strings.Contains(msg, s) {
					t.Errorf("Error() = %q\nwant it to contain %q", msg, s)
				}
			}
			if tc.maxErrorSize > 0 && len(msg) > tc.maxErrorSize {
				t.Errorf("Error() is %d bytes long; want at most %d:\n%s", len(msg), tc.maxErrorSize, msg)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("Error() spans several lines: %q", msg)
			}
			for _, c := range tc.hasCode {
				if !apiErr.HasCode(c) {
					t.Errorf("HasCode(%q) = false, want true", c)
				}
			}
			for _, c := range tc.notHasCode {
				if apiErr.HasCode(c) {
					t.Errorf("HasCode(%q) = true, want false", c)
				}
			}
			if got := IsNotFound(wrapped); got != tc.notFound {
				t.Errorf("IsNotFound = %v, want %v", got, tc.notFound)
			}
			if got := IsRateLimited(wrapped); got != tc.rateLimited {
				t.Errorf("IsRateLimited = %v, want %v", got, tc.rateLimited)
			}
			if got := IsAuthError(wrapped); got != tc.authError {
				t.Errorf("IsAuthError = %v, want %v", got, tc.authError)
			}
			if IsOutcomeUnknown(wrapped) {
				t.Error("IsOutcomeUnknown = true for a GET")
			}
		})
	}
}

func TestErrorPredicates_onOtherErrors(t *testing.T) {
	for _, err := range []error{nil, errors.New("plain"), context.Canceled, fmt.Errorf("wrapped: %w", errors.New("x"))} {
		if IsNotFound(err) || IsRateLimited(err) || IsAuthError(err) || IsOutcomeUnknown(err) {
			t.Errorf("a predicate is true for %v", err)
		}
		if _, ok := AsAPIError(err); ok {
			t.Errorf("AsAPIError(%v) found an APIError", err)
		}
	}
}

func TestOutcomeUnknownError_message(t *testing.T) {
	sent := time.Date(2026, 3, 1, 12, 30, 0, 0, time.FixedZone("CET", 3600))
	cause := &APIError{StatusCode: 502, Method: "POST", Path: "/order/certificate/ssl_dv_geotrust"}
	err := fmt.Errorf("creating the order: %w", &OutcomeUnknownError{ProductNameID: "ssl_dv_geotrust", SentAt: sent, Cause: cause})
	if !IsOutcomeUnknown(err) {
		t.Fatal("IsOutcomeUnknown = false")
	}
	msg := err.Error()
	for _, want := range []string{"ssl_dv_geotrust", "2026-03-01T11:30:00Z", "outcome is unknown", "HTTP 502"} {
		if !strings.Contains(msg, want) {
			t.Errorf("Error() = %q, want it to contain %q", msg, want)
		}
	}
	if apiErr, ok := AsAPIError(err); !ok || apiErr.StatusCode != 502 {
		t.Errorf("the cause is not reachable through errors.As: %v", err)
	}
}

// TestExcerpt_keepsCharactersWhole: an error page in a language other than
// English must not be cut inside a character, which would print as \xc3
// garbage in the user's error message.
func TestExcerpt_keepsCharactersWhole(t *testing.T) {
	for pad := range 4 {
		page := strings.Repeat("x", pad) + strings.Repeat("Accès refusé — réessayez. ", 40)
		got := excerpt([]byte(page), 200)
		if !utf8.ValidString(got) {
			t.Errorf("pad %d: excerpt is not valid UTF-8: %q", pad, got)
		}
		if !strings.HasSuffix(got, "…") || len(got) > 200+len("…") {
			t.Errorf("pad %d: excerpt %q is not a marked, bounded cut", pad, got)
		}
	}
	if got := excerpt([]byte("  short\n\n body  "), 200); got != "short body" {
		t.Errorf("excerpt = %q, want %q", got, "short body")
	}
}

// FuzzDecodeError: whatever CertCentral or a proxy in front of it answers,
// decodeError returns an *APIError that names the status and never panics.
func FuzzDecodeError(f *testing.F) {
	f.Add(404, "application/json", []byte(`{"errors":[{"code":"not_found|order","message":"Order not found."}]}`))
	f.Add(400, "application/json", []byte(`{"errors":[{"code":"invalid_value:validity_years","message":"validity_years contains an invalid value."},{"code":"csr_invalid_cannot_parse","message":"x"}]}`))
	f.Add(429, "application/json", []byte(`{"errors":[{"code":"request_limit_exceeded","message":"Service unavailable, please limit request volume"}]}`))
	f.Add(403, "application/json; charset=utf-8", []byte(`{"errors":[{"code":"access_denied|missing_permission","message":"denied"}]}`))
	f.Add(502, "text/html", []byte("<html><body><h1>502 Bad Gateway</h1></body></html>"))
	f.Add(503, "", []byte(""))
	f.Add(500, "application/json", []byte(`{"errors":"nope"}`))
	f.Add(500, "application/json", []byte(`{"errors":[null,{"code":1}]}`))
	f.Add(400, "application/vnd.api+json", []byte(`{"errors":[{"code":"","message":""}]}`))
	f.Add(418, "text/plain; charset=\"", []byte("\xff\xfe\x00é"))
	f.Fuzz(func(t *testing.T, status int, contentType string, body []byte) {
		if status < 100 || status > 999 {
			status = 400 + (status%200+200)%200
		}
		resp := &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {contentType}}}
		err := decodeError(call{method: "PUT", path: "/order/certificate/1/check-dcv"}, resp, body)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr == nil {
			t.Fatalf("decodeError returned %T %v, want a non-nil *APIError", err, err)
		}
		msg := apiErr.Error()
		if !strings.Contains(msg, "HTTP "+strconv.Itoa(status)) {
			t.Fatalf("Error() = %q does not name HTTP %d", msg, status)
		}
		if len(apiErr.Errors) == 0 && len(apiErr.Excerpt) > 200+len("…") {
			t.Fatalf("Excerpt is %d bytes long", len(apiErr.Excerpt))
		}
		for _, e := range apiErr.Errors {
			if !apiErr.HasCode(e.Code) {
				t.Fatalf("HasCode(%q) = false for a decoded entry", e.Code)
			}
		}
	})
}
