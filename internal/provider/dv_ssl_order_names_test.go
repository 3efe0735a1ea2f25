package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/validators"
)

// DigiCert secures at most 250 domains per DV certificate: 251 distinct
// names fail at plan, naming the attribute; 250, with the common name
// listed again in dns_names (counted once), plan an order.
func TestAccDVSSLOrder_nameLimit(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	names := func(n int) string {
		quoted := []string{`"www.example.org"`}
		for i := 1; i < n; i++ {
			quoted = append(quoted, fmt.Sprintf(`"n%d.example.org"`, i))
		}
		return "[" + strings.Join(quoted, ", ") + "]"
	}
	config := func(n int) string {
		return acctest.ProviderConfig(s) + fmt.Sprintf(`
resource "digicert_dv_ssl_order" "test" {
  product_name_id = "cloud_dv_geotrust"
  certificate = {
    common_name = "www.example.org"
    csr         = %q
    dns_names   = %s
  }
  validity_years = 1
  dcv_method     = "dns-txt-token"
}
`, csr, names(n))
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config(validators.MaxNamesPerCertificate + 1),
				PlanOnly:    true,
				ExpectError: dsErrorRe("Too Many Names", "certificate.dns_names: common_name and dns_names hold 251 distinct names; a DigiCert DV certificate secures at most 250."),
			},
			{Config: config(validators.MaxNamesPerCertificate), PlanOnly: true, ExpectNonEmptyPlan: true},
		},
	})
	if n := len(acctest.OrderPOSTs(s)); n != 0 {
		t.Errorf("%d orders placed", n)
	}
}
