package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
)

// testAccProtoV6ProviderFactories serves the provider in-process to the
// Terraform or OpenTofu CLI that terraform-plugin-testing runs.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"digicert": providerserver.NewProtocol6WithError(New("test")()),
}

// testAccProviderFactoriesWithClock is testAccProtoV6ProviderFactories with
// a provider that reads the time from now.
func testAccProviderFactoriesWithClock(now func() time.Time) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"digicert": providerserver.NewProtocol6WithError(New("test", WithClock(now))()),
	}
}

// A provider without a key, with a malformed base_url, or with plain http to
// a non-loopback host fails at plan time with an error naming the setting,
// and sends nothing.
func TestAccProvider_configurationErrors(t *testing.T) {
	s := acctest.StartSandbox(t)
	t.Setenv("DIGICERT_API_KEY", "")
	t.Setenv("DIGICERT_BASE_URL", "")
	read := `
data "digicert_order" "any" {
  id = 1000001
}
`
	cases := []struct{ provider, want string }{
		{fmt.Sprintf(`provider "digicert" { base_url = %q }`, s.URL()), `Missing CertCentral API Key.*api_key.*DIGICERT_API_KEY`},
		{`provider "digicert" {
  api_key  = "k"
  base_url = "://no-scheme"
}`, `base_url.*is not a valid URL`},
		{`provider "digicert" {
  api_key  = "k"
  base_url = "http://certcentral.example.com/services/v2"
}`, `plain http to a host that is not loopback`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      c.provider + read,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)` + strings.ReplaceAll(c.want, " ", `\s+`)),
		})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if n := len(s.Requests()); n != 0 {
				return fmt.Errorf("a misconfigured provider sent %d requests", n)
			}
			return nil
		},
		Steps: steps,
	})
}
