package provider

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// The answer the real API gives a wrong or revoked key, as quoted.
const rejectedKeyAnswer = `CertCentral answered: HTTP 403 "Access denied due to access_denied_invalid_key." (access_denied|access_denied_invalid_key)`

// A revoked API key reads "API Key Rejected" on every resource and data
// source, never "Permission Missing", although CertCentral answers 403.
func TestAccAPIKeyRejected_everywhere(t *testing.T) {
	s := acctest.StartSandbox(t)
	key := s.NewAccount(false)
	s.RevokeAPIKey(key)
	csr := acctest.CSR(t, "www.example.org")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: orderDataSourceConfig(s, key, 1000001),
				ExpectError: dsErrorRe("API Key Rejected",
					"CertCentral rejected the API key while reading order 1000001: the key is wrong, revoked or expired; this is not a missing permission. "+rejectedKeyAnswer,
					"Check the provider's api_key (or DIGICERT_API_KEY)"),
			},
			{
				Config: acctest.ProviderConfigWithKey(s, key) + `
data "digicert_subaccount_order" "test" {
  order_id = 123456
}
`,
				ExpectError: dsErrorRe("API Key Rejected", "while reading subaccount order 123456", rejectedKeyAnswer),
			},
			{
				Config:      acctest.ProviderConfigWithKey(s, key) + dvMinimalHCL(s, csr, "")[len(acctest.ProviderConfig(s)):],
				ExpectError: dsErrorRe("API Key Rejected", `while looking up the orders that carry alternative_order_id`, "(nothing was ordered)", rejectedKeyAnswer),
			},
			{
				Config:      acctest.ProviderConfigWithKey(s, key) + dvMinimalHCL(s, csr, `  alternative_order_id = ""`)[len(acctest.ProviderConfig(s)):],
				ExpectError: dsErrorRe("API Key Rejected", "while placing the ssl_dv_rapidssl order (nothing was ordered)", rejectedKeyAnswer),
			},
			{
				Config:      acctest.ProviderConfigWithKey(s, key) + dsignOrgMinimal().resource(),
				ExpectError: dsErrorRe("API Key Rejected", "while looking up the orders that carry alternative_order_id", rejectedKeyAnswer),
			},
		},
	})
	if n := len(s.Orders()); n != 0 {
		t.Fatalf("%d orders placed with a revoked key", n)
	}
}

// The rejected key and the missing permission get their own words from the
// one error path; anything else keeps the caller's.
func TestAPIFailure(t *testing.T) {
	a := apiAction{while: "reading order 7", refused: "to show order 7", permission: "view orders"}
	cases := []struct {
		err                 error
		summary, detailHead string
	}{
		{&certcentral.APIError{StatusCode: 403, Errors: []certcentral.ErrorEntry{{Code: "access_denied|access_denied_invalid_key", Message: "Access denied due to access_denied_invalid_key."}}},
			"API Key Rejected", "CertCentral rejected the API key while reading order 7: the key is wrong, revoked or expired; this is not a missing permission. " + rejectedKeyAnswer},
		{&certcentral.APIError{StatusCode: 401, Errors: []certcentral.ErrorEntry{{Code: "invalid_api_key", Message: "Bad key."}}},
			"API Key Rejected", `CertCentral rejected the API key while reading order 7: the key is wrong, revoked or expired; this is not a missing permission. CertCentral answered: HTTP 401 "Bad key." (invalid_api_key)`},
		{&certcentral.APIError{StatusCode: 403, Errors: []certcentral.ErrorEntry{{Code: "access_denied|missing_permission", Message: "No."}}},
			"Permission Missing", `CertCentral refused to show order 7: the API key lacks the permission to view orders. CertCentral answered: HTTP 403 "No." (access_denied|missing_permission)`},
		{&certcentral.APIError{StatusCode: 500, Errors: []certcentral.ErrorEntry{{Code: "x", Message: "y"}}}, "Fallback", "fallback detail"},
		{fmt.Errorf("connection refused"), "Fallback", "fallback detail"},
		{&certcentral.BaseURLError{BaseURL: "https://www.digicert.con/services/v2", Setting: "base_url", HostNotFound: true, Cause: errors.New("lookup www.digicert.con: no such host")},
			"CertCentral Base URL Looks Wrong", "The request made while reading order 7 failed because of the base URL: the base URL https://www.digicert.con/services/v2 looks wrong: its host does not resolve (lookup www.digicert.con: no such host). Set base_url to " + certcentral.DefaultBaseURL},
	}
	for _, c := range cases {
		summary, detail := apiFailure(c.err, a, "Fallback", "fallback detail")
		if summary != c.summary || len(detail) < len(c.detailHead) || detail[:len(c.detailHead)] != c.detailHead {
			t.Errorf("%v:\n got %q: %q\nwant %q: %q...", c.err, summary, detail, c.summary, c.detailHead)
		}
	}
}

// "Order Outcome Unknown" says once what was sent and when; under "Cause"
// stands only the transport failure, not that sentence again.
func TestOrderPlacementError_saysItOnce(t *testing.T) {
	sentAt := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	cause := errors.New("POST /order/certificate/ssl_dv_rapidssl: read tcp 127.0.0.1:1->127.0.0.1:2: read: connection reset by peer")
	err := &certcentral.OutcomeUnknownError{ProductNameID: "ssl_dv_rapidssl", SentAt: sentAt, Cause: cause}
	for _, key := range []string{"k-1", ""} {
		d := orderPlacementError(err, orderAttempt{resourceType: "digicert_dv_ssl_order", productNameID: "ssl_dv_rapidssl", commonName: "www.example.org", alternativeOrderID: key})
		if d.Summary() != "Order Outcome Unknown" {
			t.Errorf("summary %q", d.Summary())
		}
		detail := d.Detail()
		if !strings.Contains(detail, "\n\nCause: "+cause.Error()+"\n\n") {
			t.Errorf("key %q: the cause is not the transport error alone:\n%s", key, detail)
		}
		// Without a key the time appears twice: when it was sent, and where
		// to look for the order.
		times := 1
		if key == "" {
			times = 2
		}
		for text, want := range map[string]int{"2026-05-01T10:00:00Z": times, "ssl_dv_rapidssl order request": 1, "connection reset by peer": 1} {
			if n := strings.Count(detail, text); n != want {
				t.Errorf("key %q: %q appears %d times, want %d:\n%s", key, text, n, want, detail)
			}
		}
		if strings.Contains(detail, "outcome is unknown") {
			t.Errorf("key %q: the detail repeats the error's own sentence:\n%s", key, detail)
		}
	}
}
