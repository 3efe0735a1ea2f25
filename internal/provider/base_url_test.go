package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// expectedBaseURLs is how every base URL message ends.
const expectedBaseURLs = "to " + certcentral.DefaultBaseURL + " (CertCentral US) or " + certcentral.EUBaseURL + " (CertCentral Europe)"

// A mistyped host plans with a warning that names it, and apply fails at
// once (default retry settings) with an error that names base_url and the
// two CertCentral URLs. ".invalid" never resolves (RFC 2606).
func TestAccBaseURL_hostNotFoundFailsAtOnce(t *testing.T) {
	r := clitest.New(t, clitest.Providers{"digicert": providerserver.NewProtocol6WithError(New("test")())})
	const mistyped = "https://www.digicert.invalid/services/v2"
	config := fmt.Sprintf(`
provider "digicert" {
  api_key  = "any-key"
  base_url = %q
}
resource "digicert_dv_ssl_order" "site" {
  product_name_id = "ssl_dv_geotrust"
  certificate = {
    common_name = "site.example.com"
    csr         = %q
  }
  validity_years = 1
  dcv_method     = "dns-txt-token"
}
`, mistyped, acctest.CSR(t, "site.example.com"))
	_, out, err := r.Plan(config)
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	if want := dsErrorRe("Warning: Base URL Outside DigiCert", "The CertCentral base URL "+mistyped+" (from base_url) has a host that is neither a DigiCert domain nor loopback"); !want.MatchString(out) {
		t.Errorf("plan output lacks the warning %s:\n%s", want, out)
	}
	start := time.Now()
	out, err = r.Apply(config)
	if err == nil {
		t.Fatalf("apply succeeded:\n%s", out)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("apply took %v before failing, want no retries", d)
	}
	want := dsErrorRe("Error: CertCentral Base URL Looks Wrong",
		"the base URL "+mistyped+" looks wrong: its host does not resolve", "no such host",
		"Set the provider's base_url (or DIGICERT_BASE_URL) "+expectedBaseURLs)
	if !want.MatchString(out) {
		t.Errorf("apply output does not match %s:\n%s", want, out)
	}
}

// A base URL with a wrong path (or none) neither orders nor, on refresh,
// forgets an order: the sandbox's 404 not_found|route (or a page that is not
// CertCentral's) says the base URL looks wrong and shows the same server's
// /services/v2. The order stays in state; the right URL then plans nothing.
func TestAccBaseURL_wrongPathNeitherOrdersNorForgets(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	good := dvMinimalHCL(s, csr, "")
	server := strings.TrimSuffix(s.URL(), "/services/v2")
	withBase := func(base string) string { return strings.Replace(good, s.URL(), base, 1) }
	wrongPath := dsErrorRe("CertCentral Base URL Looks Wrong", "looks wrong: the endpoint does not exist below it", "HTTP 404",
		"set the provider's base_url (or DIGICERT_BASE_URL) to "+server+"/services/v2")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			// Nothing in state yet: the wrong URL fails the order, placing none.
			{Config: withBase(server + "/service/v2"), ExpectError: wrongPath},
			{Config: good, Check: checkOrderCount(s, 1)},
			// With an order in state, its refresh fails instead of dropping it.
			{Config: withBase(server + "/service/v2"), ExpectError: wrongPath},
			{Config: withBase(server), ExpectError: wrongPath},
			{
				Config:             good,
				ConfigPlanChecks:   resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:              checkOrderCount(s, 1),
				ExpectNonEmptyPlan: false,
			},
		},
	})
}
