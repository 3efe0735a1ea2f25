package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Card data (credit_card, billing_address) pays for the order when it is
// placed and is never used again: no CertCentral call after the POST takes
// it. So it is write-only (never in plan or state), its fields are optional
// in the schema, and every rule about it is checked only when a plan places
// an order (a new resource, or the create half of a replacement) and once
// more in Create, never in ValidateConfig, which cannot tell whether the
// order exists. Once the order exists, card data may be removed, emptied
// (an ephemeral variable left null) or expire without any plan noticing.

// The card formats the employee page documents (two-digit month, four-digit
// year, three- or four-digit CVV). choice: a card number of 12 to 19
// digits without spaces, the lengths of ISO/IEC 7812 card numbers; the page
// gives no format, and the sandbox checks the same.
var (
	dsignCardNumberPattern = regexp.MustCompile(`^[0-9]{12,19}$`)
	dsignCardMonthPattern  = regexp.MustCompile(`^(0[1-9]|1[0-2])$`)
	dsignCardYearPattern   = regexp.MustCompile(`^[0-9]{4}$`)
	dsignCardCVVPattern    = regexp.MustCompile(`^[0-9]{3,4}$`)
)

// dsignPlacesOrder is the phrase every card diagnostic uses to say why the
// card is checked at all.
const dsignPlacesOrder = "this plan places a new order (a new resource, or the replacement of the existing one)"

// dsignWriteOnlyFromConfig copies the write-only card data, which the plan
// and the state never hold, from the configuration into m.
func dsignWriteOnlyFromConfig(ctx context.Context, config tfsdk.Config, m *documentSigningOrderModel) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.Append(config.GetAttribute(ctx, path.Root("credit_card"), &m.CreditCard)...)
	diags.Append(config.GetAttribute(ctx, path.Root("billing_address"), &m.BillingAddress)...)
	return diags
}

// clearWriteOnly nulls the card data before m is stored as plan or state.
func (m *documentSigningOrderModel) clearWriteOnly(ctx context.Context) {
	m.CreditCard = types.ObjectNull(m.CreditCard.AttributeTypes(ctx))
	m.BillingAddress = types.ObjectNull(m.BillingAddress.AttributeTypes(ctx))
}

// dsignCheckPayment checks, for an order about to be placed, that
// credit_card and billing_address come exactly with payment_method "card",
// complete, well formed and with a card that has not expired. m holds the
// card data (dsignWriteOnlyFromConfig). Unknown values are left to the
// check Create repeats with everything known.
//
// The employee page: "card: Pay with a new credit card. Requests that use
// card ... must include a credit_card and billing_address object". choice:
// the org page lists card without the objects; both pages describe the same
// endpoint, and a new card cannot be charged without its details, so the
// rule holds for every product (the sandbox applies it to the org products
// too). choice: card data without card payment is refused rather than sent
// for nothing, and an expired card is refused before the order is placed
// (the sandbox answers both the same way).
func dsignCheckPayment(ctx context.Context, m documentSigningOrderModel, now time.Time, d *diag.Diagnostics) {
	pm := m.PaymentMethod
	if pm.IsUnknown() {
		return
	}
	card := pm.ValueString() == "card"
	method := "not set (CertCentral's default balance)"
	if !pm.IsNull() {
		method = fmt.Sprintf("%q", pm.ValueString())
	}
	for _, a := range []struct {
		name string
		val  types.Object
	}{{"credit_card", m.CreditCard}, {"billing_address", m.BillingAddress}} {
		switch {
		case card && a.val.IsNull():
			d.AddAttributeError(path.Root(a.name), "Missing Card Details",
				fmt.Sprintf("payment_method is \"card\" and %s, which needs credit_card and billing_address to be charged; %s is missing. To pay with the account's default card instead, use payment_method = \"profile\".", dsignPlacesOrder, a.name))
		case !card && !a.val.IsNull():
			d.AddAttributeError(path.Root(a.name), "Card Details Without Card Payment",
				fmt.Sprintf("%s is used only when payment_method is \"card\", and payment_method is %s. Remove %s, or set payment_method = \"card\".", a.name, method, a.name))
		}
	}
	if !card {
		return
	}
	var cc dsignCreditCardModel
	if dsignObjectAs(ctx, m.CreditCard, &cc, d) {
		dsignCheckCard(cc, now, d)
	}
	var ba dsignBillingAddressModel
	if dsignObjectAs(ctx, m.BillingAddress, &ba, d) {
		dsignCheckBillingAddress(ba, d)
	}
}

// dsignMissing reports a field the page requires to place a card order.
func dsignMissing(p path.Path, what string, d *diag.Diagnostics) {
	d.AddAttributeError(p, "Missing Card Details",
		fmt.Sprintf("%s is required: payment_method is \"card\" and %s, which charges %s.", p, dsignPlacesOrder, what))
}

func dsignCheckCard(cc dsignCreditCardModel, now time.Time, d *diag.Diagnostics) {
	p := path.Root("credit_card")
	for _, f := range []struct {
		name, what string
		val        types.String
		re         *regexp.Regexp
	}{
		{"number", "a card number of 12 to 19 digits without spaces", cc.Number, dsignCardNumberPattern},
		{"expiration_month", "a two-digit month from 01 to 12", cc.ExpirationMonth, dsignCardMonthPattern},
		{"expiration_year", "a four-digit year such as 2027", cc.ExpirationYear, dsignCardYearPattern},
		{"cvv", "three or four digits", cc.CVV, dsignCardCVVPattern},
		{"cardholder_name", "the cardholder's name", cc.CardholderName, regexp.MustCompile(`\S`)},
	} {
		switch {
		case f.val.IsUnknown():
		case f.val.IsNull():
			dsignMissing(p.AtName(f.name), "the card", d)
		case !f.re.MatchString(f.val.ValueString()):
			// The value is card data: never repeated in the error.
			d.AddAttributeError(p.AtName(f.name), "Invalid Attribute Value",
				fmt.Sprintf("credit_card.%s must be %s (the value is not repeated here: it is card data).", f.name, f.what))
		}
	}
	if cc.SetAsDefault.IsNull() {
		dsignMissing(p.AtName("set_as_default"), "the card", d)
	}
	if !dsignIsSet(cc.ExpirationMonth) || !dsignIsSet(cc.ExpirationYear) ||
		!dsignCardMonthPattern.MatchString(cc.ExpirationMonth.ValueString()) || !dsignCardYearPattern.MatchString(cc.ExpirationYear.ValueString()) {
		return
	}
	month, _ := strconv.Atoi(cc.ExpirationMonth.ValueString())
	year, _ := strconv.Atoi(cc.ExpirationYear.ValueString())
	if year < now.Year() || (year == now.Year() && month < int(now.Month())) {
		// The advice is safe to follow: payment_method, credit_card and
		// billing_address never replace an order by themselves.
		d.AddAttributeError(p.AtName("expiration_year"), "Card Expired",
			fmt.Sprintf("The card in credit_card expired at the end of %02d/%d, and %s paid with it. Give a valid card, or pay the new order with payment_method = \"profile\" (the account's default card) or \"balance\"; changing payment_method or the card never replaces an order by itself.", month, year, dsignPlacesOrder))
	}
}

// dsignStateZipCountries are the countries whose billing address needs
// state and zip. The page: state and zip are "Optional for some countries"
// and does not say which. choice: required for the United States and
// Canada, whose addresses always carry both; the sandbox checks the same.
var dsignStateZipCountries = []string{"us", "ca"}

func dsignCheckBillingAddress(ba dsignBillingAddressModel, d *diag.Diagnostics) {
	p := path.Root("billing_address")
	stateZip := dsignIsSet(ba.Country) && slices.Contains(dsignStateZipCountries, strings.ToLower(ba.Country.ValueString()))
	for _, f := range []struct {
		name     string
		val      types.String
		required bool
	}{{"address", ba.Address, true}, {"address2", ba.Address2, false}, {"city", ba.City, true}, {"state", ba.State, stateZip}, {"country", ba.Country, true}, {"zip", ba.Zip, stateZip}} {
		switch {
		case f.required && f.val.IsNull() && (f.name == "state" || f.name == "zip"):
			dsignMissing(p.AtName(f.name), "the card billed at this address (an address in "+strings.Join(dsignStateZipCountries, " or ")+" needs state and zip)", d)
		case f.required && f.val.IsNull():
			dsignMissing(p.AtName(f.name), "the card billed at this address", d)
		case dsignIsSet(f.val) && f.val.ValueString() == "":
			d.AddAttributeError(p.AtName(f.name), "Invalid Attribute Value", fmt.Sprintf("billing_address.%s must not be empty.", f.name))
		}
	}
}
