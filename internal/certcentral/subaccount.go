package certcentral

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
)

// SubaccountOrder is the answer of GET /account/subaccount/order/{order_id}
// (CERTCENTRAL.md, Subaccount order info). Objects the page marks as only
// sometimes returned are pointers, nil when absent; scalars that may be absent are pointers or
// empty strings. Unknown fields are ignored and unknown status values are
// kept as they come.
type SubaccountOrder struct {
	ID int64 `json:"id"`
	// Certificate and Organization are only returned for orders placed by
	// immediate subaccounts.
	Certificate  *SubaccountOrderCertificate  `json:"certificate,omitempty"`
	Organization *SubaccountOrderOrganization `json:"organization,omitempty"`
	Subaccount   *SubaccountInfo              `json:"subaccount,omitempty"`
	Product      *Product                     `json:"product,omitempty"`
	OrderPrice   *OrderPrice                  `json:"order_price,omitempty"`
	// OrderPrices is returned when reissues were billed in another currency
	// than the original order.
	OrderPrices  []OrderPrice `json:"order_prices,omitempty"`
	Status       string       `json:"status"`
	NumberOfSANs *int64       `json:"number_of_sans,omitempty"`
	DateCreated  string       `json:"date_created,omitempty"`
	// DateIssued, OrderValidFrom and OrderValidTill are only returned for
	// issued orders.
	DateIssued string `json:"date_issued,omitempty"`
	// IsMultiYearPlan is "1" for a Multi-year Plan and absent otherwise; see
	// MultiYearPlan.
	IsMultiYearPlan LooseString `json:"is_multi_year_plan,omitempty"`
	OrderValidFrom  string      `json:"order_valid_from,omitempty"`
	OrderValidTill  string      `json:"order_valid_till,omitempty"`
	ValidityYears   *int64      `json:"validity_years,omitempty"`
	// CSProvisioningMethod is only returned when asked for with
	// include_cs_provisioning_method=true.
	CSProvisioningMethod string `json:"cs_provisioning_method,omitempty"`
	// SubaccountOrderValidations is only returned when asked for with
	// include_validation_status=true.
	SubaccountOrderValidations *SubaccountOrderValidations `json:"subaccount_order_validations,omitempty"`
}

// MultiYearPlan interprets is_multi_year_plan: nil when absent, true for
// "1" (the documented value) or "true", false for "0" or "false", nil for
// anything else.
func (o *SubaccountOrder) MultiYearPlan() *bool {
	var b bool
	switch o.IsMultiYearPlan {
	case "1", "true":
		b = true
	case "0", "false":
		b = false
	default:
		return nil
	}
	return &b
}

// SubaccountOrderCertificate is the `certificate` object of subaccount order
// info. Thumbprint, SerialNumber, ValidFrom, ValidTill and DaysRemaining are
// only returned once the certificate is issued. DNSNames is kept as
// CertCentral sends it, which can be `[" "]`.
type SubaccountOrderCertificate struct {
	ID                *int64   `json:"id,omitempty"`
	Thumbprint        string   `json:"thumbprint,omitempty"`
	SerialNumber      string   `json:"serial_number,omitempty"`
	CommonName        string   `json:"common_name,omitempty"`
	DNSNames          []string `json:"dns_names,omitempty"`
	ValidFrom         string   `json:"valid_from,omitempty"`
	ValidTill         string   `json:"valid_till,omitempty"`
	DaysRemaining     *int64   `json:"days_remaining,omitempty"`
	OrganizationUnits []string `json:"organization_units,omitempty"`
	SignatureHash     string   `json:"signature_hash,omitempty"`
	CACert            *CACert  `json:"ca_cert,omitempty"`
}

// SubaccountOrderOrganization is the `organization` object of subaccount
// order info.
type SubaccountOrderOrganization struct {
	ID          *int64 `json:"id,omitempty"`
	Name        string `json:"name,omitempty"`
	AssumedName string `json:"assumed_name,omitempty"`
	DisplayName string `json:"display_name,omitempty"`
}

// SubaccountInfo is the `subaccount` object: the subaccount that placed the
// order.
type SubaccountInfo struct {
	AccountID        *int64 `json:"account_id,omitempty"`
	AccountType      string `json:"account_type,omitempty"`
	OrganizationName string `json:"organization_name,omitempty"`
}

// OrderPrice is the `order_price` object and each entry of `order_prices`.
// Cost is documented as an int in one place and a number in the other, so it
// is kept as the decimal CertCentral sent (a JSON number, or a string that
// holds one).
type OrderPrice struct {
	Cost     json.Number `json:"cost,omitempty"`
	Currency string      `json:"currency,omitempty"`
}

// SubaccountOrderValidations is the `subaccount_order_validations` object.
// OrganizationValidations is not returned for DV orders.
type SubaccountOrderValidations struct {
	OrderNameScope          string                    `json:"order_name_scope,omitempty"`
	OrderDCVMethod          string                    `json:"order_dcv_method,omitempty"`
	OrganizationValidations []OrganizationValidation  `json:"organization_validations,omitempty"`
	DNSNameValidations      []SubaccountDNSValidation `json:"dns_name_validations,omitempty"`
}

// OrganizationValidation is one entry of `organization_validations`.
type OrganizationValidation struct {
	Type                string               `json:"type,omitempty"`
	Name                string               `json:"name,omitempty"`
	Description         string               `json:"description,omitempty"`
	DateCreated         string               `json:"date_created,omitempty"`
	ValidatedUntil      string               `json:"validated_until,omitempty"`
	Status              string               `json:"status,omitempty"`
	VerifiedContacts    []VerifiedContact    `json:"verified_contacts,omitempty"`
	VerificationDetails *VerificationDetails `json:"verification_details,omitempty"`
}

// VerifiedContact is one entry of `verified_contacts`. UserID is documented
// as a string ("0" when the contact is not a CertCentral user); a number is
// accepted too.
type VerifiedContact struct {
	UserID    LooseString `json:"user_id,omitempty"`
	Name      string      `json:"name,omitempty"`
	FirstName string      `json:"first_name,omitempty"`
	LastName  string      `json:"last_name,omitempty"`
	JobTitle  string      `json:"job_title,omitempty"`
	Telephone string      `json:"telephone,omitempty"`
	Email     string      `json:"email,omitempty"`
	Status    string      `json:"status,omitempty"`
}

// VerificationDetails is the `verification_details` object: the status of
// each verification step. Which keys come back depends on the product (OV,
// EV, code signing, document signing, VMC); absent keys are empty.
type VerificationDetails struct {
	OrganizationType            string `json:"organization_type,omitempty"`
	OrganizationStatus          string `json:"organization_status,omitempty"`
	AddressVerification         string `json:"address_verification,omitempty"`
	BlacklistFraud              string `json:"blacklist_fraud,omitempty"`
	BlacklistFraudMalware       string `json:"blacklist_fraud_malware,omitempty"`
	RequestAuthenticity         string `json:"request_authenticity,omitempty"`
	OperationalExistence        string `json:"operational_existence,omitempty"`
	PlaceOfBusinessVerification string `json:"place_of_business_verification,omitempty"`
	PhoneNumberVerification     string `json:"phone_number_verification,omitempty"`
	ApproverVerification        string `json:"approver_verification,omitempty"`
	ApproverBlacklist           string `json:"approver_blacklist,omitempty"`
	LogoTrademark               string `json:"logo_trademark,omitempty"`
}

// SubaccountDNSValidation is one entry of `dns_name_validations`. Method and
// NameScope are only returned for unapproved domains (and for OV and EV
// orders only when set per domain).
type SubaccountDNSValidation struct {
	Status     string   `json:"status,omitempty"`
	Method     string   `json:"method,omitempty"`
	NameScope  string   `json:"name_scope,omitempty"`
	DNSNames   []string `json:"dns_names,omitempty"`
	BaseDomain string   `json:"base_domain,omitempty"`
}

// LooseString is a field documented as a string that is decoded from a JSON
// string, number or boolean alike, kept as its text (null is ""). CertCentral
// sends flags and IDs such as is_multi_year_plan ("1") and user_id ("0") as
// strings; accepting 1 or true as well keeps a change of encoding from
// failing the whole read.
type LooseString string

// UnmarshalJSON implements json.Unmarshaler.
func (s *LooseString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*s = ""
	case len(b) > 0 && b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = LooseString(v)
	case bytes.Equal(b, []byte("true")), bytes.Equal(b, []byte("false")):
		*s = LooseString(b)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("expected a string, number or boolean, got %s", excerpt(b, 40))
		}
		*s = LooseString(n)
	}
	return nil
}

// SubaccountOrder reads GET /account/subaccount/order/{order_id}: an order
// placed by a subaccount (or sub-subaccount) of the API key's account. The
// query flags are sent, as `true`, only when set: includeValidationStatus adds
// subaccount_order_validations, includeCSProvisioningMethod adds
// cs_provisioning_method. A 404 means the order does not exist or was not
// placed by a subaccount of this account.
func (cl *Client) SubaccountOrder(ctx context.Context, orderID int64, includeValidationStatus, includeCSProvisioningMethod bool) (*SubaccountOrder, error) {
	var q url.Values
	if includeValidationStatus || includeCSProvisioningMethod {
		q = url.Values{}
	}
	if includeValidationStatus {
		q.Set("include_validation_status", "true")
	}
	if includeCSProvisioningMethod {
		q.Set("include_cs_provisioning_method", "true")
	}
	var out SubaccountOrder
	err := cl.do(ctx, call{
		method:     "GET",
		path:       "/account/subaccount/order/" + strconv.FormatInt(orderID, 10),
		query:      q,
		out:        &out,
		idempotent: true,
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
