package provider

import (
	"slices"
	"strconv"
	"testing"

	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// The provider's document signing rules and the sandbox's, each written
// from the pages (and each choice marked on both sides), agree wherever
// both check the same thing. The sandbox shares no code with the provider;
// it exports its rules as values for this comparison.
func TestDocumentSigningRulesMatchSandbox(t *testing.T) {
	sb := sandbox.DocumentSigningRules()
	sorted := func(s []string) []string { return slices.Sorted(slices.Values(s)) }
	ints := func(s []int64) []int {
		out := make([]int, len(s))
		for i, v := range s {
			out[i] = int(v)
		}
		return out
	}
	atoi := func(s []string) []int {
		out := make([]int, len(s))
		for i, v := range s {
			n, err := strconv.Atoi(v)
			if err != nil {
				t.Fatalf("RSA key size %q: %v", v, err)
			}
			out[i] = n
		}
		return out
	}
	for _, c := range []struct {
		name           string
		provider, sbox []string
	}{
		{"products", dsignProductIDs, sb.Products},
		{"cs_provisioning_method", dsignCSProvMethod, sb.CSProvisioningMethods},
		{"payment_method", paymentMethods, sb.PaymentMethods},
		{"additional_usages", dsignAdditionalUsages, sb.AdditionalUsages},
		{"employee signature_hash", dsignEmployeeSignatureHashes, sb.EmployeeHashes},
		{"org ship_info.method", dsignOrgShipMethods, sb.OrgShipMethods},
		{"employee ship_info.method", dsignEmployeeShipMethods, sb.EmployeeShipMethods},
		{"ECC key_size", dsignECCKeySizes, sb.ECCKeySizes},
		{"billing_address state/zip countries", dsignStateZipCountries, sb.StateZipCountries},
		{"card number pattern", []string{dsignCardNumberPattern.String()}, []string{sb.CardNumberPattern}},
		{"card month pattern", []string{dsignCardMonthPattern.String()}, []string{sb.CardMonthPattern}},
		{"card year pattern", []string{dsignCardYearPattern.String()}, []string{sb.CardYearPattern}},
		{"card CVV pattern", []string{dsignCardCVVPattern.String()}, []string{sb.CardCVVPattern}},
	} {
		if got, want := sorted(c.provider), sorted(c.sbox); !slices.Equal(got, want) {
			t.Errorf("%s: provider %v, sandbox %v", c.name, got, want)
		}
	}
	if got, want := atoi(dsignRSAKeySizes), sb.RSAKeySizes; !slices.Equal(got, want) {
		t.Errorf("RSA key_size: provider %v, sandbox %v", got, want)
	}
	if got, want := ints(dsignValidityYears), sb.ValidityYears; !slices.Equal(got, want) {
		t.Errorf("validity years: provider %v, sandbox %v", got, want)
	}
	if dsignMaxOrderDays != sb.MaxOrderDays {
		t.Errorf("order_validity.days maximum: provider %d, sandbox %d", dsignMaxOrderDays, sb.MaxOrderDays)
	}
}
