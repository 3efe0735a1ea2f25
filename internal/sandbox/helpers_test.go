package sandbox

import (
	"bytes"
	"crypto"
	"crypto/elliptic"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certcentral-community/terraform-provider-digicert/internal/testutil"
)

// testNow is the sandbox clock of most tests (after the 199-day cap began).
var testNow = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

func newTestServer(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	opts.FrozenClock = true
	if opts.RateLimits == nil {
		opts.RateLimits = []Window{}
	}
	return Start(t, opts)
}

var (
	csrOnce  sync.Once
	csrCache map[string]string
)

// testCSR returns a cached PEM CSR: "rsa2048", "p256", "p384", "rsa1024",
// "p521", "badsig".
func testCSR(t testing.TB, kind string) string {
	t.Helper()
	csrOnce.Do(func() {
		csrCache = map[string]string{}
		mk := func(key crypto.Signer) []byte {
			return testutil.CSRDER(t, key, "ignored.example.net", "ignored.example.net")
		}
		p256 := testutil.ECDSAKey(t, elliptic.P256())
		enc := func(der []byte) string { return testutil.PEM("CERTIFICATE REQUEST", der) }
		csrCache["rsa2048"] = enc(mk(testutil.RSAKey(t, 2048)))
		csrCache["rsa1024"] = enc(mk(testutil.RSAKey(t, 1024)))
		csrCache["p256"] = enc(mk(p256))
		csrCache["p384"] = enc(mk(testutil.ECDSAKey(t, elliptic.P384())))
		csrCache["p521"] = enc(mk(testutil.ECDSAKey(t, elliptic.P521())))
		bad := mk(p256)
		bad[len(bad)-3] ^= 0xff // break the signature
		csrCache["badsig"] = enc(bad)
		csrCache["pubkey"] = testutil.PublicKeyPEM(t, &p256.PublicKey)
	})
	v, ok := csrCache[kind]
	if !ok {
		t.Fatalf("no test CSR %q", kind)
	}
	return v
}

type apiResp struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r apiResp) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v\n%s", err, r.Body)
	}
	return m
}

func (r apiResp) codes(t testing.TB) []string {
	t.Helper()
	var e struct {
		Errors []ErrorEntry `json:"errors"`
	}
	if err := json.Unmarshal(r.Body, &e); err != nil {
		t.Fatalf("error body is not JSON: %v\n%s", err, r.Body)
	}
	var out []string
	for _, x := range e.Errors {
		out = append(out, x.Code)
	}
	sort.Strings(out)
	return out
}

// call sends one API request (path relative to /services/v2).
func call(t testing.TB, s *Server, method, path, key string, body any) apiResp {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, s.URL()+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("X-DC-DEVKEY", key)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("reading %s %s: %v", method, path, err)
	}
	return apiResp{Status: res.StatusCode, Header: res.Header, Body: b}
}

func mustStatus(t testing.TB, r apiResp, want int) {
	t.Helper()
	if r.Status != want {
		t.Fatalf("status %d, want %d; body: %s", r.Status, want, r.Body)
	}
}

// jsonString quotes s as a JSON string literal (for the <csr> placeholder).
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// The request body of order-dv-ssl.txt, verbatim, with a real CSR for <csr>.
const docDVExample = `{
    "certificate": {
        "common_name": "example.com",
        "dns_names": [
        	"sub.example.com",
        	"log.example.com"
        ],
        "csr": <csr>,
        "server_platform": {
            "id": 2
        }
    },
    "custom_expiration_date": "",
    "comments": "Message for the approver.",
    "container": {
        "id": 69748
    },
    "custom_renewal_message": "Renew me.",
    "skip_approval": true,
    "disable_ct": 0,
    "validity_years": 1,
    "custom_fields": [
        {
            "metadata_id": 12,
            "value": "Invoice #12345"
        }
    ],
    "payment_method": "balance",
    "dcv_method": "email",
    "dcv_emails": [
    	{
    		"dns_name": "example.com",
    		"email_domain": "example.com",
    		"email": "admin@example.com"
    	},
    	{
    		"dns_name": "sub.example.com",
    		"email_domain": "example.com",
    		"email": "jim.smith@example.com"
    	},
    	{
    		"dns_name": "log.example.com",
    		"email_domain": "example.com",
    		"email": "it@example.com"
    	}
    ],
    "locale": "en",
    "technical_contact": {
        "first_name": "Jim",
        "last_name": "Smith",
        "telephone": "555-555-5555",
        "job_title": "IT Admin",
        "email": "jim.smith@example.com"
    }
}`

// docDSExample is the request body of the Order document signing certificate page,
// verbatim.
var docDSExample = testutil.DocumentSigningOrgExample

func dvExampleBody(t testing.TB) string {
	return strings.Replace(docDVExample, "<csr>", jsonString(testCSR(t, "rsa2048")), 1)
}

// dvBody is a minimal valid DV body as a map, for table tests to mutate.
func dvBody(t testing.TB, method string, names ...string) map[string]any {
	cn := "example.com"
	if len(names) > 0 {
		cn = names[0]
	}
	dns := []any{}
	for _, n := range names[min(1, len(names)):] {
		dns = append(dns, n)
	}
	return map[string]any{
		"certificate":    map[string]any{"common_name": cn, "dns_names": dns, "csr": testCSR(t, "rsa2048")},
		"validity_years": 1,
		"dcv_method":     method,
		"skip_approval":  true,
	}
}

// individualBody is a valid ds_org_individual body (email provisioning).
func individualBody(t testing.TB) map[string]any {
	return map[string]any{
		"certificate": map[string]any{
			"usage_designation": map[string]any{"primary_usage": "signing", "additional_usages": []any{"ms_document_signing"}},
			"csr":               testCSR(t, "rsa2048"),
			"csr_key_type":      "rsa",
			"key_size":          2048,
			"signature_hash":    "sha256",
		},
		"cs_provisioning_method": "email",
		"organization": map[string]any{
			"id":       DefaultOrganizationID,
			"contacts": []any{map[string]any{"id": 1, "contact_type": "organization_contact", "user_id": DefaultUserID}},
		},
		"csa_agreed_to":  1,
		"subject":        map[string]any{"given_name": "Rene", "surname": "Pierce", "job_title": "Counselor", "phone": "054-139-0798", "email": "rene.pierce@example.com"},
		"order_validity": map[string]any{"years": 1},
		"payment_method": "balance",
	}
}

// dsOrgBody is the documented DS example as a map.
func dsOrgBody(t testing.TB) map[string]any {
	var m map[string]any
	if err := json.Unmarshal([]byte(docDSExample), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// set changes a body map at a dotted path; value deleteField removes it.
type deleteMarker struct{}

var deleteField = deleteMarker{}

func set(m map[string]any, path string, v any) map[string]any {
	parts := strings.Split(path, ".")
	cur := m
	for _, p := range parts[:len(parts)-1] {
		next, ok := cur[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			cur[p] = next
		}
		cur = next
	}
	last := parts[len(parts)-1]
	if _, del := v.(deleteMarker); del {
		delete(cur, last)
	} else {
		cur[last] = v
	}
	return m
}

// asMap asserts that a decoded JSON value is an object.
func asMap(t testing.TB, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("want a JSON object, got %T: %v", v, v)
	}
	return m
}

// asSlice asserts that a decoded JSON value is an array.
func asSlice(t testing.TB, v any) []any {
	t.Helper()
	a, ok := v.([]any)
	if !ok {
		t.Fatalf("want a JSON array, got %T: %v", v, v)
	}
	return a
}

// asFloat asserts that a decoded JSON value is a number.
func asFloat(t testing.TB, v any) float64 {
	t.Helper()
	f, ok := v.(float64)
	if !ok {
		t.Fatalf("want a JSON number, got %T: %v", v, v)
	}
	return f
}

// asString asserts that a decoded JSON value (or token) is a string.
func asString(t testing.TB, v any) string {
	t.Helper()
	s, ok := v.(string)
	if !ok {
		t.Fatalf("want a JSON string, got %T: %v", v, v)
	}
	return s
}

// order places an order and returns its ID.
func placeOrder(t testing.TB, s *Server, product string, body any) int {
	t.Helper()
	r := call(t, s, "POST", "/order/certificate/"+product, s.APIKey(), body)
	mustStatus(t, r, http.StatusCreated)
	return int(asFloat(t, r.json(t)["id"]))
}
