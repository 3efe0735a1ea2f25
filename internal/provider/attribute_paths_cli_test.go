package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
)

// A bad value inside certificate is reported on its attribute: every CLI's
// message names the full path, and a CLI that can show a nested
// attribute's line (Terraform 1.16) shows the offending line, not the
// resource's first.
func TestAccDVSSLOrder_nestedErrorsNameTheirAttribute(t *testing.T) {
	s := acctest.StartSandbox(t)
	r := clitest.New(t, clitest.Providers{"digicert": providerserver.NewProtocol6WithError(New("test")())})
	csr := acctest.CSR(t, "www.example.org")
	cases := []struct {
		name                     string
		product, cn, names, csr  string
		badLine                  string // a text on the offending line
		summary, path, inMessage string
	}{
		{
			name: "duplicate dns_names", product: "cloud_dv_geotrust", cn: "www.example.org",
			names: `"a.example.org", "b.example.org", "c.example.org",` + "\n    \"B.Example.org\",", csr: csr,
			badLine: `"B.Example.org"`, summary: "Duplicate DNS Name", path: "certificate.dns_names[3]", inMessage: `repeats certificate.dns_names[1] ("b.example.org")`,
		},
		{
			name: "garbage CSR", product: "ssl_dv_geotrust", cn: "www.example.org", csr: "garbage",
			badLine: `csr = "garbage"`, summary: "Invalid Attribute Value", path: "certificate.csr", inMessage: "is not PEM",
		},
		{
			name: "URL as common name", product: "ssl_dv_geotrust", cn: "https://www.example.org", csr: csr,
			badLine: `common_name = "https://www.example.org"`, summary: "Invalid Attribute Value", path: "certificate.common_name", inMessage: "is a URL",
		},
		{
			name: "wildcard on a standard product", product: "ssl_dv_geotrust", cn: "www.example.org", csr: csr,
			names: `"a.example.org",` + "\n    \"*.example.org\",", badLine: `"*.example.org"`,
			summary: "Wildcard Name on a Non-Wildcard Product", path: "certificate.dns_names[1]", inMessage: "is a wildcard name",
		},
	}
	nestedLines := acctest.Supports(t, acctest.NestedDiagnosticLines)
	for _, c := range cases {
		resourceHCL := fmt.Sprintf(`
resource "digicert_dv_ssl_order" "bad" {
  product_name_id = %q
  validity_years  = 1
  dcv_method      = "dns-txt-token"
  certificate = {
    common_name = %q
    csr = %q
    dns_names = [
    %s
    ]
  }
}
`, c.product, c.cn, c.csr, c.names)
		config := acctest.ProviderConfig(s) + resourceHCL
		badLine, resourceLine := lineOf(config, c.badLine), lineOf(config, `resource "digicert_dv_ssl_order" "bad"`)
		_, out, err := r.Plan(config)
		if err == nil {
			t.Fatalf("%s: plan succeeded:\n%s", c.name, out)
		}
		if want := dsErrorRe("Error: "+c.summary, c.path+": ", c.inMessage); !want.MatchString(out) {
			t.Errorf("%s: %s %s output does not name %s in the message (%s):\n%s", c.name, acctest.CLI(), acctest.CLIVersion(t), c.path, want, out)
		}
		wantLine := resourceLine
		if nestedLines {
			wantLine = badLine
		}
		if !regexp.MustCompile(fmt.Sprintf(`on main\.tf line %d\b`, wantLine)).MatchString(out) {
			t.Errorf("%s: %s %s does not point at line %d (the %s line %d, the resource line %d):\n%s",
				c.name, acctest.CLI(), acctest.CLIVersion(t), wantLine, c.path, badLine, resourceLine, out)
		}
	}
	if n := len(acctest.OrderPOSTs(s)); n != 0 {
		t.Errorf("%d orders placed", n)
	}
}

// lineOf returns the 1-based number of the first line of text holding sub.
func lineOf(text, sub string) int {
	for i, line := range strings.Split(text, "\n") {
		if strings.Contains(line, sub) {
			return i + 1
		}
	}
	return 0
}
