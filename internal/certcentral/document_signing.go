package certcentral

import (
	"context"
	"encoding/json"
	"strconv"
)

// Document signing orders: POST /order/certificate/{product_name_id} for
// document_signing_org_1 and document_signing_org_2 and for
// ds_org_individual (CERTCENTRAL.md, Order document signing). The two pages
// describe different bodies for the same endpoint; DocumentSigningOrderRequest holds
// the fields of both, and every field is a pointer or omitempty, so a field
// the caller leaves unset is not sent at all. Choosing which fields go with
// which product is the caller's business.

// DocumentSigningOrderRequest is the body of a document signing order.
type DocumentSigningOrderRequest struct {
	Certificate          DocumentSigningCertificate   `json:"certificate"`
	CSProvisioningMethod string                       `json:"cs_provisioning_method,omitempty"`
	UseOrgAsCommonName   *bool                        `json:"use_org_as_common_name,omitempty"` // org page
	ValidityYears        *int64                       `json:"validity_years,omitempty"`         // org page (deprecated there now)
	OrderValidity        *OrderValidity               `json:"order_validity,omitempty"`         // both pages (org page: years only)
	Comments             string                       `json:"comments,omitempty"`
	OrganizationContact  *OrganizationContact         `json:"organization_contact,omitempty"` // org page: the order's own contact
	Organization         *DocumentSigningOrganization `json:"organization,omitempty"`
	Container            *IDRef                       `json:"container,omitempty"`
	ShipInfo             *ShipInfo                    `json:"ship_info,omitempty"`
	Subject              *DocumentSigningSubject      `json:"subject,omitempty"`
	// CustomFields is typed "object" on the org page, whose rows describe
	// the entries of the array the other order pages send. choice: it is
	// sent as that array, as public clients send it to this endpoint
	// (CERTCENTRAL.md, Order document signing).
	CustomFields         []CustomField `json:"custom_fields,omitempty"`
	UserIDAssignments    []int64       `json:"user_id_assignments,omitempty"`
	AdditionalEmails     []string      `json:"additional_emails,omitempty"`      // employee page
	RenewalOfOrderID     *int64        `json:"renewal_of_order_id,omitempty"`    // employee page
	RenewedThumbprint    string        `json:"renewed_thumbprint,omitempty"`     // employee page (footnote)
	CustomRenewalMessage string        `json:"custom_renewal_message,omitempty"` // employee page
	// CSAAgreedTo is documented as a boolean with the allowed values 1 and
	// 0 (and the org page's example sends 1), so it is sent as a number.
	CSAAgreedTo    *NumericBool    `json:"csa_agreed_to,omitempty"`
	PromoCode      string          `json:"promo_code,omitempty"` // employee page
	SkipApproval   *bool           `json:"skip_approval,omitempty"`
	PaymentMethod  string          `json:"payment_method,omitempty"`
	CreditCard     *CreditCard     `json:"credit_card,omitempty"`
	BillingAddress *BillingAddress `json:"billing_address,omitempty"`
	// AlternativeOrderID is the caller's own ID for the order (see
	// CheckAlternativeOrderID).
	AlternativeOrderID string `json:"alternative_order_id,omitempty"`
}

// DocumentSigningCertificate is the `certificate` object of both pages.
//
// The employee page lists csr, key_size, csr_key_type and signature_hash with
// the ".." of ship_info's rows, right after them. They describe the
// certificate and its key (the CSR is required for email provisioning, when
// there is no ship_info at all), and the org page has csr and signature_hash
// under certificate, so they are sent under certificate.
type DocumentSigningCertificate struct {
	CSR              string            `json:"csr,omitempty"`
	ServerPlatform   *IDRef            `json:"server_platform,omitempty"`
	SignatureHash    string            `json:"signature_hash,omitempty"`
	CACertID         string            `json:"ca_cert_id,omitempty"`        // employee page
	UsageDesignation *UsageDesignation `json:"usage_designation,omitempty"` // employee page
	KeySize          KeySize           `json:"key_size,omitempty"`          // employee page
	CSRKeyType       string            `json:"csr_key_type,omitempty"`      // employee page
}

// KeySize is certificate.key_size of the employee page. The page types it
// int but lists, besides the RSA sizes 2048, 3072 and 4096, the ECC values
// "p-256" and "p-354" (a typo for p-384: no P-354 curve exists), which are
// not numbers. So a KeySize made of digits is sent as a JSON number, as the
// type says, and anything else (p-256, p-384) as the JSON string the page
// shows.
type KeySize string

// MarshalJSON sends digits as a number and anything else as a string.
func (k KeySize) MarshalJSON() ([]byte, error) {
	if n, err := strconv.ParseInt(string(k), 10, 64); err == nil {
		return []byte(strconv.FormatInt(n, 10)), nil
	}
	return json.Marshal(string(k))
}

// NumericBool is a boolean the API documents with the allowed values 1 and 0.
type NumericBool bool

// MarshalJSON sends 1 for true and 0 for false.
func (b NumericBool) MarshalJSON() ([]byte, error) {
	if b {
		return []byte("1"), nil
	}
	return []byte("0"), nil
}

// UsageDesignation is certificate.usage_designation (employee page).
type UsageDesignation struct {
	PrimaryUsage     string   `json:"primary_usage"`
	AdditionalUsages []string `json:"additional_usages,omitempty"`
}

// DocumentSigningOrganization is the `organization` object: an existing
// organization's ID, or the details of a new organization (the fields of
// CertCentral's Create organization endpoint, to which both pages refer).
type DocumentSigningOrganization struct {
	ID                    *int64               `json:"id,omitempty"`
	SkipDuplicateOrgCheck *bool                `json:"skip_duplicate_org_check,omitempty"`
	Name                  string               `json:"name,omitempty"`
	AssumedName           string               `json:"assumed_name,omitempty"`
	Address               string               `json:"address,omitempty"`
	Address2              string               `json:"address2,omitempty"`
	City                  string               `json:"city,omitempty"`
	State                 string               `json:"state,omitempty"`
	Zip                   string               `json:"zip,omitempty"`
	Country               string               `json:"country,omitempty"`
	Telephone             string               `json:"telephone,omitempty"`
	OrganizationContact   *OrganizationContact `json:"organization_contact,omitempty"`
	// Contacts is organization.contacts of the employee page.
	Contacts []OrganizationOrderContact `json:"contacts,omitempty"`
}

// OrganizationContact is the contact of a new organization.
type OrganizationContact struct {
	FirstName          string `json:"first_name"`
	LastName           string `json:"last_name"`
	Email              string `json:"email"`
	JobTitle           string `json:"job_title,omitempty"`
	Telephone          string `json:"telephone"`
	TelephoneExtension string `json:"telephone_extension,omitempty"`
}

// OrganizationOrderContact is one entry of organization.contacts (employee
// page): an existing user (user_id) or a new contact's details.
type OrganizationOrderContact struct {
	ID          int64  `json:"id"`
	UserID      *int64 `json:"user_id,omitempty"`
	FirstName   string `json:"first_name,omitempty"`
	LastName    string `json:"last_name,omitempty"`
	Email       string `json:"email,omitempty"`
	JobTitle    string `json:"job_title,omitempty"`
	Telephone   string `json:"telephone,omitempty"`
	ContactType string `json:"contact_type"`
}

// ShipInfo is ship_info: where a hardware token is shipped.
type ShipInfo struct {
	Name    string `json:"name"`
	Addr1   string `json:"addr1"`
	Addr2   string `json:"addr2,omitempty"`
	City    string `json:"city"`
	State   string `json:"state"`
	Zip     string `json:"zip"`
	Country string `json:"country"`
	Method  string `json:"method"`
}

// DocumentSigningSubject is `subject`: name on the org page, given_name and
// surname on the employee page.
type DocumentSigningSubject struct {
	Name      string `json:"name,omitempty"`
	GivenName string `json:"given_name,omitempty"`
	Surname   string `json:"surname,omitempty"`
	JobTitle  string `json:"job_title,omitempty"`
	Phone     string `json:"phone,omitempty"`
	Email     string `json:"email,omitempty"`
}

// CreditCard is credit_card (employee page). It is sent with the order and
// nowhere else: the client's logs replace it (see redactBody), and String
// keeps it out of anything formatted with %v.
type CreditCard struct {
	Number          string `json:"number"`
	ExpirationMonth string `json:"expiration_month"`
	ExpirationYear  string `json:"expiration_year"`
	CVV             string `json:"cvv"`
	CardholderName  string `json:"cardholder_name"`
	// SaveCreditCard: true, false, or unset for "no preference" (the page's
	// null).
	SaveCreditCard *bool `json:"save_credit_card,omitempty"`
	// SetAsDefault is typed string with the allowed values "1" and "0".
	SetAsDefault string `json:"set_as_default"`
}

// String hides the card.
func (CreditCard) String() string { return "<credit card redacted>" }

// GoString hides the card from %#v too.
func (CreditCard) GoString() string { return "<credit card redacted>" }

// BillingAddress is billing_address (employee page).
type BillingAddress struct {
	Address  string `json:"address"`
	Address2 string `json:"address2,omitempty"`
	City     string `json:"city"`
	State    string `json:"state,omitempty"`
	Country  string `json:"country"`
	Zip      string `json:"zip,omitempty"`
}

// DocumentSigningOrderResponse is the 201 answer of both pages.
type DocumentSigningOrderResponse struct {
	ID int64 `json:"id"`
	// Organization is only returned when the order created a new one.
	Organization *IDRef          `json:"organization,omitempty"`
	Requests     []PlacedRequest `json:"requests"`
	// CertificateID is returned when the request status is approved.
	CertificateID int64 `json:"certificate_id,omitempty"`
}

// PlacedRequest is one entry of an order answer's `requests`. Documented
// statuses: pending, submitted, approved, rejected.
type PlacedRequest struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
}

// OrderDocumentSigning places a document signing order for productNameID
// (document_signing_org_1, document_signing_org_2 or ds_org_individual, the
// path segment). See placeOrder for what happens when the answer is lost.
func (cl *Client) OrderDocumentSigning(ctx context.Context, productNameID string, req DocumentSigningOrderRequest) (*DocumentSigningOrderResponse, error) {
	var out DocumentSigningOrderResponse
	if err := cl.placeOrder(ctx, productNameID, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
