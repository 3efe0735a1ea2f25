package sandbox

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// readCardPayment reads credit_card and billing_address as the employee
// page describes them: "Required if payment_method is card". choice: card
// data sent with another payment method, or a card that has expired, is
// invalid_value (the provider refuses both at plan time).
func readCardPayment(root *jnode, paymentMethod string, now time.Time) {
	f := root.f
	cc := root.Obj("credit_card", false)
	ba := root.Obj("billing_address", false)
	if paymentMethod == "card" {
		if cc == nil && !root.Has("credit_card") {
			f.missing("credit_card")
		}
		if ba == nil && !root.Has("billing_address") {
			f.missing("billing_address")
		}
	} else {
		if root.Has("credit_card") {
			f.invalid("credit_card")
		}
		if root.Has("billing_address") {
			f.invalid("billing_address")
		}
	}
	if cc != nil {
		readCreditCard(cc, now)
	}
	if ba != nil {
		addr := ba.Strings([]string{"address", "city", "country"}, []string{"address2"})
		// state and zip are "conditional ... optional for some countries".
		// choice: required for US and CA addresses, optional elsewhere (the
		// provider checks the same at plan).
		needStateZip := oneOf(strings.ToLower(addr["country"]), stateZipCountries)
		ba.Str("state", needStateZip)
		ba.Str("zip", needStateZip)
	}
}

var (
	stateZipCountries = []string{"us", "ca"}

	cardNumberRE = regexp.MustCompile(`^[0-9]{12,19}$`)
	monthRE      = regexp.MustCompile(`^(0[1-9]|1[0-2])$`)
	yearRE       = regexp.MustCompile(`^[0-9]{4}$`)
	cvvRE        = regexp.MustCompile(`^[0-9]{3,4}$`)
)

// readCreditCard checks credit_card as documented: strings of the given
// formats; a card that expired before the sandbox's current month is
// invalid_value:credit_card.expiration_year.
func readCreditCard(cc *jnode, now time.Time) {
	f := cc.f
	// choice: 12 to 19 digits without spaces, the lengths of ISO/IEC 7812
	// card numbers; the page gives no format (the provider checks the same).
	if v, ok := cc.Str("number", true); ok && !cardNumberRE.MatchString(v) {
		f.invalid("credit_card.number")
	}
	month, monthOK := cc.Str("expiration_month", true)
	if monthOK && !monthRE.MatchString(month) {
		f.invalid("credit_card.expiration_month")
		monthOK = false
	}
	year, yearOK := cc.Str("expiration_year", true)
	if yearOK && !yearRE.MatchString(year) {
		f.invalid("credit_card.expiration_year")
		yearOK = false
	}
	if monthOK && yearOK {
		y, _ := strconv.Atoi(year)
		m, _ := strconv.Atoi(month)
		if y < now.Year() || (y == now.Year() && m < int(now.Month())) {
			f.invalid("credit_card.expiration_year")
		}
	}
	if v, ok := cc.Str("cvv", true); ok && !cvvRE.MatchString(v) {
		f.invalid("credit_card.cvv")
	}
	cc.Str("cardholder_name", true)
	// save_credit_card: true, false or null.
	cc.Bool("save_credit_card", false)
	// set_as_default: typed string, "Allowed Values: 1 or 0". choice: the
	// strings "1"/"0" and the numbers 1/0 are accepted.
	if v, present := cc.raw("set_as_default"); !present {
		f.missing("credit_card.set_as_default")
	} else {
		switch x := v.(type) {
		case string:
			if x != "0" && x != "1" {
				f.invalid("credit_card.set_as_default")
			}
		default:
			if i, ok := asInt(x); !ok {
				f.badType("credit_card.set_as_default", "a string")
			} else if i != 0 && i != 1 {
				f.invalid("credit_card.set_as_default")
			}
		}
	}
}
