package provider

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// dsignCheckOnePOST checks that the sandbox has received exactly one order
// POST: nothing was ordered after the first order.
func dsignCheckOnePOST(s *sandbox.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := s.CountRequests("POST", "/services/v2/order/certificate/"); n != 1 {
			return fmt.Errorf("the sandbox received %d order POSTs, want 1", n)
		}
		return nil
	}
}

// payment_method is used only to place the order: changing it later
// updates state in place, with no call and no new order, on every CLI.
func TestAccDocumentSigningOrder_paymentMethodChangeInPlace(t *testing.T) {
	s := acctest.StartSandbox(t)
	base := dsignEmployeeMinimal()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s),
		Steps: []resource.TestStep{
			{Config: base.hcl(s), Check: dsignCheckOnePOST(s)},
			{
				Config: base.with("payment_method", `"profile"`).hcl(s),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(dsignAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dsignAddr, tfjsonpath.New("payment_method"), knownvalue.StringExact("profile")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(checkOrderCount(s, 1), dsignCheckOnePOST(s)),
			},
		},
	})
}

// dsignCardVarsHCL declares the card's secrets as ephemeral variables that
// default to null, as a pipeline that supplies them only when ordering
// would.
const dsignCardVarsHCL = `
variable "card_number" {
  type      = string
  sensitive = true
  ephemeral = true
  default   = null
}

variable "card_cvv" {
  type      = string
  sensitive = true
  ephemeral = true
  default   = null
}
`

func dsignCardFromVars(year int) string {
	return fmt.Sprintf(`{
    number           = var.card_number
    expiration_month = "01"
    expiration_year  = "%d"
    cvv              = var.card_cvv
    cardholder_name  = "Rene Pierce"
    set_as_default   = false
  }`, year)
}

// Card data is needed to place the order, never afterwards (issue: an order
// paid by card locked its configuration in). Once the order exists, the
// card's variables may be null, the card may expire, credit_card and
// billing_address may be removed, and payment_method changed: none of it
// plans anything but the in-place payment_method update, and destroy works
// with an expired card. A plan that does place an order (here a
// replacement) still refuses the expired card, and says that a new order
// is placed.
func TestAccDocumentSigningOrder_cardOnlyToPlace(t *testing.T) {
	s := acctest.StartSandbox(t)
	year := time.Now().Year()
	card := dsignEmployeeMinimal().with("payment_method", `"card"`).with("billing_address", dsignBillingHCL)
	hcl := func(c dsignConfig) string { return acctest.ProviderConfig(s) + dsignCardVarsHCL + c.resource() }

	if !acctest.Supports(t, acctest.WriteOnly) {
		// Without write-only attributes there is no card order to lock in:
		// card data is refused at plan time, billing_address as well as
		// credit_card, and nothing is ordered.
		resource.Test(t, resource.TestCase{
			PreCheck:                 func() { acctest.PreCheck(t) },
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:      card.hcl(s),
				ExpectError: dsignErr("Card Payment Needs Write-Only Attribute Support", "billing_address is write-only", `payment_method = "balance"`),
			}},
		})
		dsignNoOrderSent(t, s)
		return
	}

	empty := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkOrdersCanceledOrKept(s),
		Steps: []resource.TestStep{
			{
				Config: hcl(card.with("credit_card", dsignCardFromVars(year+3))),
				ConfigVariables: config.Variables{
					"card_number": config.StringVariable(dsignCardNumber),
					"card_cvv":    config.StringVariable(dsignCardCVV),
				},
				Check: resource.ComposeAggregateTestCheckFunc(checkOrderCount(s, 1), dsignCheckOnePOST(s)),
			},
			// The card's secrets left null: was "Missing Configuration for
			// Required Attribute ... credit_card.cvv".
			{Config: hcl(card.with("credit_card", dsignCardFromVars(year+3))), ConfigPlanChecks: empty, Check: dsignCheckOnePOST(s)},
			// The card expired: was "Card Expired" on every plan.
			{Config: hcl(card.with("credit_card", dsignCardFromVars(year-1))), ConfigPlanChecks: empty, Check: dsignCheckOnePOST(s)},
			// No card data at all: was "Missing Card Details".
			{Config: hcl(card.without("billing_address")), ConfigPlanChecks: empty, Check: dsignCheckOnePOST(s)},
			// The advice of the old "Card Expired" error, followed: an
			// in-place update, not a new order.
			{
				Config: hcl(card.without("billing_address").with("payment_method", `"balance"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(dsignAddr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(checkOrderCount(s, 1), dsignCheckOnePOST(s),
					resource.TestCheckResourceAttr(dsignAddr, "payment_method", "balance")),
			},
			// A change that replaces the order places a new one: then the
			// card is checked, and the error says why.
			{
				Config:      hcl(card.with("credit_card", dsignCardFromVars(year-1)).with("comments", `"replace me"`)),
				ExpectError: dsignErr("Card Expired", "credit_card expired at the end of 01/"+strconv.Itoa(year-1), "this plan places a new order", "replacement", `payment_method = "profile"`, "never replaces an order by itself"),
			},
			{
				Config:      hcl(card.with("credit_card", dsignCardFromVars(year+3)).with("comments", `"replace me"`)),
				ExpectError: dsignErr("Missing Card Details", "credit_card.number is required", "this plan places a new order"),
			},
		},
	})
	if n := s.CountRequests("POST", "/services/v2/order/certificate/"); n != 1 {
		t.Errorf("the sandbox received %d order POSTs, want 1", n)
	}
}
