package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// identityIsOnlyOrder checks that the identity is the order_id of the one
// order the sandbox holds.
func identityIsOnlyOrder(s *sandbox.Server) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"order_id": knownvalue.Int64Func(func(v int64) error {
		o, err := onlyOrder(s)
		if err != nil {
			return err
		}
		if v != int64(o.ID) {
			return fmt.Errorf("identity order_id %d, want the order's ID %d", v, o.ID)
		}
		return nil
	})}
}

// An order placed by Terraform records its order_id identity; an import
// block naming that identity imports it with no change, because the
// configuration states what order info returns (CertCentral's defaults
// included). Identity needs Terraform 1.12+ or OpenTofu 1.12+.
func TestAccDVSSLOrder_identity(t *testing.T) {
	acctest.SkipUnless(t, acctest.Identity)
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	config := dvMinimalHCL(s, csr, `
  payment_method = "balance"
  container = {
    id = 69748
  }`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(dvAddr, identityIsOnlyOrder(s)),
				},
			},
			{
				ResourceName:    dvAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dvAddr, plancheck.ResourceActionNoop),
				}},
			},
			{
				// The same order by ID in an import block.
				ResourceName:    dvAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
		},
	})
}

// Document signing orders import by identity too. Order info lacks the
// subject and shipping address the configuration states, so the import
// records them in place (an update that calls no API), never replacing the
// order.
func TestAccDocumentSigningOrder_identity(t *testing.T) {
	acctest.SkipUnless(t, acctest.Identity)
	s := acctest.StartSandbox(t)
	config := dsignOrgDocumented().hcl(s)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(dsignAddr, identityIsOnlyOrder(s)),
				},
			},
			{
				ResourceName:       dsignAddr,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithResourceIdentity,
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dsignAddr, plancheck.ResourceActionUpdate),
				}},
			},
		},
	})
}

// The order's validation resource carries the same identity, so it can be
// imported by it as well.
func TestAccDVSSLOrderValidation_identity(t *testing.T) {
	acctest.SkipUnless(t, acctest.Identity)
	s := acctest.StartSandbox(t)
	csr := acctest.CSR(t, "www.example.org")
	order, err := s.CreateOrder(s.APIKey(), "ssl_dv_rapidssl", fmt.Appendf(nil,
		`{"certificate":{"common_name":"www.example.org","csr":%q},"validity_years":1,"dcv_method":"email","skip_approval":true}`, csr))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ApproveEmailDCV(order); err != nil {
		t.Fatal(err)
	}
	config := acctest.ProviderConfig(s) + fmt.Sprintf(`
resource "digicert_dv_ssl_order_validation" "test" {
  order_id = "%d"
}
`, order)
	addr := "digicert_dv_ssl_order_validation.test"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(addr, identityIsOnlyOrder(s)),
				},
			},
			{
				ResourceName:       addr,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithResourceIdentity,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}
