package provider

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// CertCentral answering with the type variations public clients work around
// (IDs as strings, "1"/"0" flags, organization as [], errors as an object):
// a refresh reads the same order and plans nothing, the data source reads
// the same values, and an error still yields its code and message.
func TestAccFaults_typeVaryingAnswers(t *testing.T) {
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	cfg := dvMinimalHCL(s, csr, "")
	var id int
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					o, err := onlyOrder(s)
					id = o.ID
					return err
				},
			},
			{
				PreConfig: func() {
					s.InjectFault(sandbox.Fault{Method: "GET", PathPrefix: "/order/certificate/", Kind: sandbox.FaultTypeVariants})
				},
				Config:   cfg,
				PlanOnly: true, // the refresh read the varied answer: no change
			},
			{
				Config: cfg + `
data "digicert_order" "same" {
  id = digicert_dv_ssl_order.test.id
}
`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPair("data.digicert_order.same", "certificate.id", dvAddr, "certificate_id"),
					resource.TestCheckResourceAttrPair("data.digicert_order.same", "status", dvAddr, "status"),
					func(st *terraform.State) error {
						varied := 0
						for _, r := range s.Requests() {
							if r.Fault == sandbox.FaultTypeVariants && r.Status == 200 {
								varied++
							}
						}
						if varied < 2 {
							return fmt.Errorf("only %d answers were re-typed; the test did not exercise the variations", varied)
						}
						return resource.TestCheckResourceAttr("data.digicert_order.same", "id", strconv.Itoa(id))(st)
					},
				),
			},
			{
				Config: orderDataSourceConfig(s, s.APIKey(), 99999999),
				ExpectError: dsErrorRe("Order Not Found", "CertCentral has no order 99999999",
					"CertCentral answered: HTTP 404", "(not_found|order)"),
			},
		},
	})
	s.ClearFaults()
}
