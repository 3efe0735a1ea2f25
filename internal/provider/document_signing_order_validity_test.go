package provider

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// dsignOrderContactHCL is a root organization_contact (org products).
const dsignOrderContactHCL = `{
    first_name = "Gia"
    last_name  = "Booth"
    email      = "gia.booth@example.com"
    telephone  = "666-186-6450"
  }`

// dsignCheckLastPOSTFields checks the named top-level fields of the last
// order POST's JSON body: each must equal want's, and a field want maps to
// "" must be absent.
func dsignCheckLastPOSTFields(t *testing.T, s *sandbox.Server, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		posts := acctest.OrderPOSTs(s)
		if len(posts) == 0 {
			return fmt.Errorf("no order POST")
		}
		var body map[string]json.RawMessage
		if err := json.Unmarshal(posts[len(posts)-1].Body, &body); err != nil {
			return err
		}
		for k, v := range want {
			got, ok := body[k]
			switch {
			case v == "" && ok:
				return fmt.Errorf("the order body carries %s = %s, want it absent", k, got)
			case v != "" && !ok:
				return fmt.Errorf("the order body lacks %s", k)
			case v != "":
				acctest.AssertJSONEqual(t, got, v)
			}
		}
		return nil
	}
}

// The current org page: order_validity { years } (validity_years is
// deprecated) and a root organization_contact. The body carries what is
// configured. Moving the same years to the deprecated validity_years and
// back is recorded in place (the order is the same); another number of
// years replaces the order.
func TestAccDocumentSigningOrder_orgOrderValidity(t *testing.T) {
	s := acctest.StartSandbox(t)
	cfg := dsignOrgMinimal().without("validity_years").with("order_validity", `{ years = 2 }`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s),
		Steps: []resource.TestStep{
			{
				Config: cfg.with("organization_contact", dsignOrderContactHCL).hcl(s),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 1),
					dsignCheckLastPOSTFields(t, s, map[string]string{
						"order_validity":       `{"years": 2}`,
						"validity_years":       "",
						"organization_contact": `{"first_name": "Gia", "last_name": "Booth", "email": "gia.booth@example.com", "telephone": "666-186-6450"}`,
					}),
					resource.TestCheckResourceAttr(dsignAddr, "order_validity.years", "2"),
				),
			},
			{
				Config: cfg.with("organization_contact", dsignOrderContactHCL).without("order_validity").with("validity_years", "2").hcl(s),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(dsignAddr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(checkOrderCount(s, 1), dsignCheckOnePOST(s)),
			},
			{
				Config: cfg.with("organization_contact", dsignOrderContactHCL).hcl(s),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(dsignAddr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(checkOrderCount(s, 1), dsignCheckOnePOST(s)),
			},
			{
				Config: cfg.with("organization_contact", dsignOrderContactHCL).without("order_validity").with("validity_years", "3").hcl(s),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(dsignAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOrderCount(s, 2),
					dsignCheckLastPOSTFields(t, s, map[string]string{"validity_years": "3", "order_validity": ""}),
				),
			},
		},
	})
}
