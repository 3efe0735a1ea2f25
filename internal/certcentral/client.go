// Package certcentral is a client for the DigiCert CertCentral Services API
// v2. It knows nothing of Terraform: typed requests and responses named after
// the API, retries, rate limiting and logging that never shows secrets.
package certcentral

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

const (
	// DefaultBaseURL is CertCentral's US endpoint.
	DefaultBaseURL = "https://www.digicert.com/services/v2"
	// EUBaseURL is CertCentral Europe's endpoint.
	EUBaseURL = "https://certcentral.digicert.eu/services/v2"
)

// Config configures a Client. Zero values take the defaults noted.
type Config struct {
	BaseURL string // default DefaultBaseURL
	// BaseURLSetting names where the user sets BaseURL ("base_url (or
	// DIGICERT_BASE_URL)"), for the errors that say it looks wrong.
	BaseURLSetting string
	APIKey         string
	UserAgent      string
	// HTTPClient defaults to a client with a 60 s per-request timeout.
	HTTPClient *http.Client
	// RateWindows defaults to DefaultRateWindows; an empty non-nil slice
	// turns client-side rate limiting off.
	RateWindows []RateWindow
	// MaxRetries is how many times a retryable failure is retried
	// (default 8; negative means none).
	MaxRetries int
	// MinBackoff and MaxBackoff bound the jittered exponential backoff
	// (defaults 1 s and 30 s).
	MinBackoff, MaxBackoff time.Duration
	// MaxRetryWait bounds the total time spent waiting between retries of one
	// call (default 5 min), so a persistent failure ends with an error.
	MaxRetryWait time.Duration
	// Logger receives the debug log; nil logs nothing.
	Logger Logger
}

// Logger receives what the client logs for debugging: each request, its
// answer or failure, and each retry, with the request's identity in fields.
// The client has removed the API key from every field and message before,
// and request and answer bodies come with card data and ACME HMAC keys
// redacted.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
}

// Client calls CertCentral. It is safe for concurrent use; every call made
// through Clients of the same API key shares one rate limiter.
type Client struct {
	baseURL        *url.URL
	baseURLSetting string
	apiKey         string
	userAgent      string
	http           *http.Client
	limiter        *rateLimiter
	retry          retryPolicy
	logger         Logger
	// serverDate is the Date of the latest answer (serverclock.go).
	serverDate serverClock
}

type retryPolicy struct {
	maxRetries             int
	minBackoff, maxBackoff time.Duration
	maxWait                time.Duration
}

// New returns a Client for cfg.
func New(cfg Config) (*Client, error) {
	if cfg.APIKey == "" {
		return nil, errors.New("an API key is required")
	}
	base := cfg.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := ParseBaseURL(base)
	if err != nil {
		return nil, err
	}
	windows := cfg.RateWindows
	if windows == nil {
		windows = DefaultRateWindows
	}
	hc := cfg.HTTPClient
	if hc == nil {
		transport := http.DefaultTransport.(*http.Transport).Clone() //nolint:forcetypeassert // DefaultTransport is always *http.Transport.
		// How long an order POST waits for "100 Continue" before sending its
		// body anyway (see placeOrder).
		transport.ExpectContinueTimeout = 3 * time.Second
		hc = &http.Client{Timeout: 60 * time.Second, Transport: transport}
	}
	policy := retryPolicy{maxRetries: 8, minBackoff: time.Second, maxBackoff: 30 * time.Second, maxWait: 5 * time.Minute}
	if cfg.MaxRetries != 0 {
		policy.maxRetries = max(cfg.MaxRetries, 0)
	}
	if cfg.MinBackoff > 0 {
		policy.minBackoff = cfg.MinBackoff
	}
	if cfg.MaxBackoff > 0 {
		policy.maxBackoff = cfg.MaxBackoff
	}
	if cfg.MaxRetryWait > 0 {
		policy.maxWait = cfg.MaxRetryWait
	}
	ua := cfg.UserAgent
	if ua == "" {
		ua = "terraform-provider-digicert"
	}
	setting := cfg.BaseURLSetting
	if setting == "" {
		setting = baseURLSetting
	}
	return &Client{baseURL: u, baseURLSetting: setting, apiKey: cfg.APIKey, userAgent: ua, http: hc, limiter: sharedRateLimiter(u.String(), cfg.APIKey, windows), retry: policy, logger: cfg.Logger}, nil
}

// ParseBaseURL checks a CertCentral base URL: absolute, http or https, and
// plain http only to a loopback host (the sandbox), so an API key is never
// sent in clear text over a network.
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%q is not a valid URL: %w", raw, err)
	}
	if u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("%q is not an absolute http(s) URL such as %s", raw, DefaultBaseURL)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("%q uses plain http to a host that is not loopback; the API key would cross the network unencrypted: use https", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q must not carry a query or fragment", raw)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = strings.TrimSuffix(u.RawPath, "/")
	return u, nil
}

// isLoopback reports whether host is localhost or a loopback IP address. A
// name such as 127.0.0.1.example.com is not: it resolves anywhere.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// call describes one API request.
type call struct {
	method string
	path   string // below the base URL, e.g. "/order/certificate/123"
	query  url.Values
	body   any // JSON-encoded when not nil
	out    any // JSON-decoded into when not nil; *[]byte receives the raw body
	// idempotent calls are retried on 5xx and transport errors; others only
	// on errors that prove the request was not processed.
	idempotent bool
	// expectContinue sends "Expect: 100-continue" so that a connection lost
	// before the server accepted the request provably carried no body.
	expectContinue bool
}

// debug logs msg with a copy of fields in which the API key is masked
// wherever it appears (an error answer may echo it).
func (cl *Client) debug(ctx context.Context, msg string, fields map[string]any) {
	if cl.logger == nil {
		return
	}
	masked := make(map[string]any, len(fields))
	for k, v := range fields {
		if s, ok := v.(string); ok {
			v = strings.ReplaceAll(s, cl.apiKey, "***")
		}
		masked[k] = v
	}
	cl.logger.Debug(ctx, strings.ReplaceAll(msg, cl.apiKey, "***"), masked)
}

// noRetriesKey marks a context whose requests get one attempt.
type noRetriesKey struct{}

// WithoutRetries returns a context whose requests are sent once, without
// retries, for a call whose answer is only nice to have.
func WithoutRetries(ctx context.Context) context.Context {
	return context.WithValue(ctx, noRetriesKey{}, true)
}

// errNotSent marks a failure that provably happened before CertCentral could
// have processed the request.
var errNotSent = errors.New("request not sent")

// do runs c with rate limiting and retries, and decodes the answer.
func (cl *Client) do(ctx context.Context, c call) error {
	var payload []byte
	if c.body != nil {
		var err error
		if payload, err = json.Marshal(c.body); err != nil {
			return fmt.Errorf("encoding the %s %s request: %w", c.method, c.path, err)
		}
	}
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		release, err := cl.limiter.Acquire(ctx)
		if err != nil {
			return err
		}
		err = cl.attempt(ctx, c, payload, attempt)
		release()
		if err == nil {
			return nil
		}
		if _, once := ctx.Value(noRetriesKey{}).(bool); once || !cl.retryable(c, err) || attempt > cl.retry.maxRetries {
			return err
		}
		delay := cl.backoff(attempt)
		if waited+delay > cl.retry.maxWait {
			return err
		}
		waited += delay
		cl.debug(ctx, "retrying CertCentral request", map[string]any{
			"method": c.method, "path": c.path, "attempt": attempt, "delay_ms": delay.Milliseconds(), "error": err.Error(),
		})
		timer := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			timer.Stop()
			return fmt.Errorf("%w; gave up retrying after: %w", ctx.Err(), err)
		case <-timer.C:
		}
	}
}

// notSentError is a failure that provably happened before the server could
// act on the request; errors.Is finds both errNotSent and the cause.
type notSentError struct{ cause error }

func (e *notSentError) Error() string   { return e.cause.Error() }
func (e *notSentError) Unwrap() []error { return []error{errNotSent, e.cause} }

// retryable decides whether err may be retried for c. A 429 means the
// request was not processed (CERTCENTRAL.md, Rate limits), so it is always
// safe.
func (cl *Client) retryable(c call, err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || IsBaseURLWrong(err) {
		return false
	}
	var unusable *unusableAnswerError
	if errors.As(err, &unusable) {
		// Asking again would get the same answer.
		return false
	}
	if IsRateLimited(err) || errors.Is(err, errNotSent) {
		return true
	}
	if !c.idempotent {
		return false
	}
	if apiErr, ok := AsAPIError(err); ok {
		return apiErr.StatusCode >= 500
	}
	// A transport error on an idempotent request.
	return true
}

func (cl *Client) backoff(attempt int) time.Duration {
	d := cl.retry.minBackoff << min(attempt-1, 20)
	if d <= 0 || d > cl.retry.maxBackoff {
		d = cl.retry.maxBackoff
	}
	// Equal jitter: between half and all of d, so concurrent clients spread
	// out without ever retrying immediately.
	return d/2 + rand.N(d/2+1)
}

// trackedBody records whether the transport read the whole request body. A
// body that was never read to the end never fully reached the server, so the
// server cannot have acted on it.
type trackedBody struct {
	r        *bytes.Reader
	consumed *atomic.Bool
}

func (b *trackedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		b.consumed.Store(true)
	}
	return n, err
}

func (b *trackedBody) Close() error { return nil }

// unusableAnswerError is a 2xx answer whose body could not be decoded. The
// server did answer, so it is not retried like a transport error.
type unusableAnswerError struct{ err error }

func (e *unusableAnswerError) Error() string { return e.err.Error() }
func (e *unusableAnswerError) Unwrap() error { return e.err }

func (cl *Client) attempt(ctx context.Context, c call, payload []byte, attempt int) error {
	// c.path is already escaped (segments go through url.PathEscape): set
	// RawPath so that it is sent as is, not escaped a second time.
	u := *cl.baseURL
	rawPath := cl.baseURL.EscapedPath() + c.path
	unescaped, err := url.PathUnescape(rawPath)
	if err != nil {
		return fmt.Errorf("building the %s %s request: %w", c.method, c.path, err)
	}
	u.Path, u.RawPath = unescaped, rawPath
	u.RawQuery = c.query.Encode()

	var consumed atomic.Bool
	var gotConn atomic.Bool
	var body io.Reader
	if payload != nil {
		body = &trackedBody{r: bytes.NewReader(payload), consumed: &consumed}
	}
	trace := &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) { gotConn.Store(true) }}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), c.method, u.String(), body)
	if err != nil {
		return fmt.Errorf("building the %s %s request: %w", c.method, c.path, err)
	}
	if payload != nil {
		req.ContentLength = int64(len(payload))
		req.GetBody = func() (io.ReadCloser, error) {
			return &trackedBody{r: bytes.NewReader(payload), consumed: &consumed}, nil
		}
		req.Header.Set("Content-Type", "application/json")
		if c.expectContinue {
			req.Header.Set("Expect", "100-continue")
		}
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-DC-DEVKEY", cl.apiKey)
	req.Header.Set("User-Agent", cl.userAgent)

	fields := map[string]any{"method": c.method, "path": c.path, "attempt": attempt}
	if c.query != nil {
		fields["query"] = u.RawQuery
	}
	if payload != nil {
		fields["request_body"] = redactBody(payload)
	}
	cl.debug(ctx, "CertCentral request", fields)

	start := time.Now()
	resp, err := cl.http.Do(req)
	fields["duration_ms"] = time.Since(start).Milliseconds()
	if err != nil {
		fields["error"] = err.Error()
		cl.debug(ctx, "CertCentral request failed", fields)
		if ctx.Err() != nil {
			err = ctx.Err()
		} else if dnsErr, ok := hostNotFound(err); ok {
			err = &BaseURLError{BaseURL: cl.baseURL.String(), Setting: cl.baseURLSetting, HostNotFound: true, Cause: dnsErr}
		}
		// Nothing reached the server when no connection was made, or when the
		// transport never read our body to the end (it waits for "100
		// Continue" before sending it, see call.expectContinue).
		if !gotConn.Load() || (payload != nil && !consumed.Load()) {
			return &notSentError{cause: fmt.Errorf("%s %s: %w", c.method, c.path, err)}
		}
		return fmt.Errorf("%s %s: %w", c.method, c.path, err)
	}
	defer resp.Body.Close()
	cl.serverDate.note(resp.Header.Get("Date"))
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	fields["status"] = resp.StatusCode
	if err != nil {
		fields["error"] = err.Error()
		cl.debug(ctx, "CertCentral response could not be read", fields)
		return fmt.Errorf("%s %s: reading the HTTP %d answer: %w", c.method, c.path, resp.StatusCode, err)
	}
	shown := redactAnswer(raw)
	fields["response_body"] = excerpt(shown, 2048)
	cl.debug(ctx, "CertCentral response", fields)

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := decodeError(c, resp, shown)
		if routeMissing(apiErr) {
			return &BaseURLError{BaseURL: cl.baseURL.String(), Setting: cl.baseURLSetting, Cause: apiErr}
		}
		return apiErr
	}
	switch out := c.out.(type) {
	case nil:
		return nil
	case *[]byte:
		*out = raw
		return nil
	default:
		if len(bytes.TrimSpace(raw)) == 0 {
			return &unusableAnswerError{fmt.Errorf("%s %s: CertCentral answered HTTP %d with an empty body where JSON was expected", c.method, c.path, resp.StatusCode)}
		}
		if err := decodeTolerant(raw, out); err != nil {
			return &unusableAnswerError{fmt.Errorf("%s %s: decoding the HTTP %d answer: %w (body starts %q)", c.method, c.path, resp.StatusCode, err, excerpt(shown, 200))}
		}
		return nil
	}
}

func decodeError(c call, resp *http.Response, raw []byte) *APIError {
	apiErr := &APIError{StatusCode: resp.StatusCode, Method: c.method, Path: c.path}
	mediaType, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mediaType == "application/json" || mediaType == "" || strings.HasSuffix(mediaType, "+json") {
		if entries, ok := parseErrorEntries(raw); ok {
			apiErr.Errors = entries
			return apiErr
		}
	}
	apiErr.Excerpt = excerpt(raw, 200)
	return apiErr
}

// excerpt returns the first n bytes of b as text, on one line.
func excerpt(b []byte, n int) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > n {
		// Cut at a character boundary, not inside a multi-byte character.
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n] + "…"
	}
	return s
}

// secretKeys are request and answer fields never written to logs: card
// data, and the HMAC key of an ACME credential (shown once, in an answer).
var secretKeys = map[string]bool{"credit_card": true, "ext_act_hmac": true}

// redactAnswer returns an answer body for logs and messages: as it is unless
// it names a secret field, then with that field's value replaced.
func redactAnswer(raw []byte) []byte {
	for k := range secretKeys {
		if bytes.Contains(raw, []byte(`"`+k+`"`)) {
			return []byte(redactBody(raw))
		}
	}
	return raw
}

// redactBody returns a JSON request body for logging, with every secret
// field's value replaced.
func redactBody(payload []byte) string {
	var doc map[string]any
	if err := json.Unmarshal(payload, &doc); err != nil {
		return "<unparsable body omitted>"
	}
	for k := range doc {
		if secretKeys[k] {
			doc[k] = "<redacted>"
		}
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return "<unencodable body omitted>"
	}
	return string(out)
}

func decodeJSON(raw []byte, out any) error {
	if err := decodeTolerant(raw, out); err != nil {
		return fmt.Errorf("decoding the answer: %w (body starts %q)", err, excerpt(raw, 200))
	}
	return nil
}
