package certcentral

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// cardOrder is an order paid by card: the card travels in the request body.
type cardOrder struct {
	Certificate   DVSSLCertificate `json:"certificate"`
	DCVMethod     string           `json:"dcv_method"`
	PaymentMethod string           `json:"payment_method"`
	CreditCard    testCreditCard   `json:"credit_card"`
}

type testCreditCard struct {
	Number          string `json:"number"`
	ExpirationMonth int    `json:"expiration_month"`
	ExpirationYear  int    `json:"expiration_year"`
	CVV             string `json:"cvv"`
	NameOnCard      string `json:"name_on_card"`
}

const (
	secretKey  = "SECRET-devkey-8c1f0e5a7b"
	cardNumber = "4111111111111111"
	cardCVV    = "9876"
)

// TestLogs_neverShowSecrets captures everything the client logs while it
// places a card-paid order (rate limited once, then accepted) and meets an
// error answer that echoes the API key, and checks that neither the key nor
// the card appear, while the request's identity does.
func TestLogs_neverShowSecrets(t *testing.T) {
	var srv *apiServer
	srv = newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		switch {
		case r.Method == "POST" && n == 1:
			reply(w, http.StatusTooManyRequests, rateLimited)
		case r.Method == "POST":
			srv.readBody(t, r, rec)
			reply(w, http.StatusCreated, created)
		default:
			// A careless server (or proxy) that echoes the key it refused.
			reply(w, http.StatusForbidden, `{"errors":[{"code":"access_denied|missing_permission","message":"key `+
				r.Header.Get("X-DC-DEVKEY")+` may not read orders"}]}`)
		}
	})
	cl := newTestClient(t, srv.URL, func(c *Config) { c.APIKey = secretKey })

	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)

	order := cardOrder{
		Certificate:   DVSSLCertificate{CommonName: "shop.example.com", CSR: "csr"},
		DCVMethod:     "dns-txt-token",
		PaymentMethod: "card",
		CreditCard:    testCreditCard{Number: cardNumber, ExpirationMonth: 12, ExpirationYear: 2030, CVV: cardCVV, NameOnCard: "Jim Smith"},
	}
	var out DVSSLOrderResponse
	if err := cl.placeOrder(ctx, "ssl_dv_geotrust", order, &out); err != nil {
		t.Fatalf("placeOrder: %v", err)
	}
	// The card did reach the server: the redaction is for the logs only.
	if body := string(srv.request(t, 1).Body); !strings.Contains(body, cardNumber) {
		t.Fatalf("the order body lost its card: %s", body)
	}
	_, err := cl.GetOrder(ctx, 6484932)
	if !IsAuthError(err) {
		t.Fatalf("GetOrder error = %v, want a 403", err)
	}

	logs := buf.String()
	for _, secret := range []string{secretKey, cardNumber, cardCVV} {
		if strings.Contains(logs, secret) {
			t.Errorf("the logs show %q:\n%s", secret, logs)
		}
	}

	entries, err := tflogtest.MultilineJSONDecode(&buf)
	if err != nil {
		t.Fatalf("decoding the logs: %v", err)
	}
	find := func(message, method string, attempt float64, status float64) map[string]any {
		t.Helper()
		for _, e := range entries {
			if e["@message"] != message || e["method"] != method || e["attempt"] != attempt {
				continue
			}
			if status != 0 && e["status"] != status {
				continue
			}
			return e
		}
		t.Errorf("no %q log entry for %s attempt %v status %v in\n%s", message, method, attempt, status, logs)
		return nil
	}
	if e := find("CertCentral request", "POST", 1, 0); e != nil {
		if e["path"] != "/order/certificate/ssl_dv_geotrust" {
			t.Errorf("path field = %v", e["path"])
		}
		body, _ := e["request_body"].(string)
		if !strings.Contains(body, `"credit_card":"\u003credacted\u003e"`) && !strings.Contains(body, `"credit_card":"<redacted>"`) {
			t.Errorf("request_body does not show the card as redacted: %s", body)
		}
		if !strings.Contains(body, "shop.example.com") {
			t.Errorf("request_body lost the non-secret fields: %s", body)
		}
	}
	find("CertCentral response", "POST", 1, 429)
	find("retrying CertCentral request", "POST", 1, 0)
	find("CertCentral response", "POST", 2, 201)
	if e := find("CertCentral response", "GET", 1, 403); e != nil {
		if e["path"] != "/order/certificate/6484932" {
			t.Errorf("path field = %v", e["path"])
		}
		if _, ok := e["duration_ms"]; !ok {
			t.Errorf("response entry has no duration_ms: %v", e)
		}
	}
}

// TestLogs_failedRequestNamesIt: a transport failure is logged with the
// request's identity and the cause.
func TestLogs_failedRequestNamesIt(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		dropConnection(t, w)
	})
	cl := newTestClient(t, srv.URL, func(c *Config) { c.MaxRetries = -1; c.APIKey = secretKey })
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	if _, err := cl.DownloadCertificate(ctx, 99, FormatPEMAll); err == nil {
		t.Fatal("DownloadCertificate succeeded")
	}
	entries, err := tflogtest.MultilineJSONDecode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e["@message"] == "CertCentral request failed" {
			if e["method"] != "GET" || e["path"] != "/certificate/99/download/format/pem_all" || e["attempt"] != float64(1) || e["error"] == nil {
				t.Errorf("failure entry = %v", e)
			}
			return
		}
	}
	t.Errorf("no failure entry in %v", entries)
}
