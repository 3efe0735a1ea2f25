package provider

import (
	"fmt"
	"testing"

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
	}
	for _, c := range cases {
		summary, detail := apiFailure(c.err, a, "Fallback", "fallback detail")
		if summary != c.summary || len(detail) < len(c.detailHead) || detail[:len(c.detailHead)] != c.detailHead {
			t.Errorf("%v:\n got %q: %q\nwant %q: %q...", c.err, summary, detail, c.summary, c.detailHead)
		}
	}
}
