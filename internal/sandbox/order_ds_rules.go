package sandbox

import "slices"

// DocumentSigningRuleSet is the document signing rules the sandbox applies,
// as values, so that a test outside this package can compare them with
// the provider's own lists (the two share no code, and must still agree
// where they overlap).
type DocumentSigningRuleSet struct {
	Products              []string
	CSProvisioningMethods []string
	PaymentMethods        []string
	AdditionalUsages      []string
	EmployeeHashes        []string
	OrgShipMethods        []string
	EmployeeShipMethods   []string
	RSAKeySizes           []int
	ECCKeySizes           []string // as key_size strings
	CardNumberPattern     string
	CardMonthPattern      string
	CardYearPattern       string
	CardCVVPattern        string
	StateZipCountries     []string
	ValidityYears         []int
	MaxOrderDays          int
}

// DocumentSigningRules returns the sandbox's document signing rules.
func DocumentSigningRules() DocumentSigningRuleSet {
	return DocumentSigningRuleSet{
		Products:              []string{"document_signing_org_1", "document_signing_org_2", "ds_org_individual"},
		CSProvisioningMethods: slices.Clone(csProvisioning),
		PaymentMethods:        slices.Clone(paymentMethods),
		AdditionalUsages:      slices.Clone(additionalUsages),
		EmployeeHashes:        slices.Clone(individualHashes),
		OrgShipMethods:        slices.Clone(orgShipMethods),
		EmployeeShipMethods:   slices.Clone(personShipMethods),
		RSAKeySizes:           slices.Clone(dsRSAKeySizes),
		ECCKeySizes:           []string{"p-256", "p-384", "p-354"},
		CardNumberPattern:     cardNumberRE.String(),
		CardMonthPattern:      monthRE.String(),
		CardYearPattern:       yearRE.String(),
		CardCVVPattern:        cvvRE.String(),
		StateZipCountries:     slices.Clone(stateZipCountries),
		ValidityYears:         []int{1, 2, 3},
		MaxOrderDays:          1095,
	}
}
