package certcentral

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// IDRef is an object the API identifies by ID alone, such as
// `"container": {"id": 69748}` or `"server_platform": {"id": 2}`.
type IDRef struct {
	ID int64 `json:"id"`
}

// NamedRef is an object the API answers with an ID and a name.
type NamedRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name,omitempty"`
}

// CustomField is one entry of `custom_fields`.
type CustomField struct {
	MetadataID int64  `json:"metadata_id"`
	Value      string `json:"value"`
}

// DVSSLCertificate is the `certificate` object of a DV SSL order.
type DVSSLCertificate struct {
	CommonName        string   `json:"common_name"`
	DNSNames          []string `json:"dns_names,omitempty"`
	CSR               string   `json:"csr,omitempty"`
	OrganizationUnits []string `json:"organization_units,omitempty"`
	ServerPlatform    *IDRef   `json:"server_platform,omitempty"`
	// CertValidity sets the first certificate's validity (the current
	// Order DV SSL page); nil leaves it to the coverage and the cap.
	CertValidity *OrderValidity `json:"cert_validity,omitempty"`
}

// DCVEmail is one entry of `dcv_emails`.
type DCVEmail struct {
	DNSName     string `json:"dns_name"`
	EmailDomain string `json:"email_domain"`
	Email       string `json:"email,omitempty"`
}

// TechnicalContact is the `technical_contact` object of a DV SSL order.
type TechnicalContact struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Telephone string `json:"telephone"`
	JobTitle  string `json:"job_title,omitempty"`
	Email     string `json:"email"`
}

// DVSSLOrderRequest is the body of POST /order/certificate/{dv_ssl_certificate_id}
// (CERTCENTRAL.md, Order DV SSL). Optional fields are pointers or omitempty
// so that an unset attribute is omitted rather than sent as a zero value.
type DVSSLOrderRequest struct {
	Certificate                 DVSSLCertificate  `json:"certificate"`
	RenewedThumbprint           string            `json:"renewed_thumbprint,omitempty"`
	ValidityYears               *int64            `json:"validity_years,omitempty"`
	ValidityDays                *int64            `json:"validity_days,omitempty"`
	CustomExpirationDate        string            `json:"custom_expiration_date,omitempty"`
	OrderValidity               *OrderValidity    `json:"order_validity,omitempty"`
	Comments                    string            `json:"comments,omitempty"`
	AutoRenew                   *int64            `json:"auto_renew,omitempty"`
	CustomRenewalMessage        string            `json:"custom_renewal_message,omitempty"`
	DisableRenewalNotifications *bool             `json:"disable_renewal_notifications,omitempty"`
	RenewalOfOrderID            *int64            `json:"renewal_of_order_id,omitempty"`
	PaymentMethod               string            `json:"payment_method,omitempty"`
	DCVMethod                   string            `json:"dcv_method"`
	DCVEmails                   []DCVEmail        `json:"dcv_emails,omitempty"`
	Locale                      string            `json:"locale,omitempty"`
	SkipApproval                *bool             `json:"skip_approval,omitempty"`
	DisableCT                   *bool             `json:"disable_ct,omitempty"`
	Container                   *IDRef            `json:"container,omitempty"`
	CustomFields                []CustomField     `json:"custom_fields,omitempty"`
	TechnicalContact            *TechnicalContact `json:"technical_contact,omitempty"`
	AlternativeOrderID          string            `json:"alternative_order_id,omitempty"`
}

// DVSSLOrderResponse is the 201 answer to a DV SSL order.
type DVSSLOrderResponse struct {
	ID             int64  `json:"id"`
	CertificateID  int64  `json:"certificate_id"`
	DCVRandomValue string `json:"dcv_random_value"`
}

// OrderDVSSL places a DV SSL order for productNameID (the
// {dv_ssl_certificate_id} path segment). See placeOrder for what happens when
// the answer is lost.
func (cl *Client) OrderDVSSL(ctx context.Context, productNameID string, req DVSSLOrderRequest) (*DVSSLOrderResponse, error) {
	var out DVSSLOrderResponse
	if err := cl.placeOrder(ctx, productNameID, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// placeOrder sends an order POST, which costs money and must never be sent
// twice; see postOnce.
func (cl *Client) placeOrder(ctx context.Context, productNameID string, body, out any) error {
	return cl.postOnce(ctx, "/order/certificate/"+url.PathEscape(productNameID), body, out,
		OutcomeUnknownError{ProductNameID: productNameID})
}

// postOnce sends a POST that must never be sent twice (an order, a
// reissue). It is retried only when the first attempt provably was not
// processed: a 429 (CertCentral documents that a 429'd request was not
// processed), or a connection that failed before our body was sent. The body
// is sent with "Expect: 100-continue", so a connection the server drops
// before accepting the request never carried the body. Any other failure
// after the request may have reached CertCentral (a 5xx, a response lost in
// transit, a timeout) is returned as unknown, with SentAt and Cause filled in.
func (cl *Client) postOnce(ctx context.Context, path string, body, out any, unknown OutcomeUnknownError) error {
	sentAt := time.Now()
	err := cl.do(ctx, call{
		method:         "POST",
		path:           path,
		body:           body,
		out:            out,
		expectContinue: true,
	})
	if err == nil {
		return nil
	}
	if errors.Is(err, errNotSent) || IsRateLimited(err) {
		return err
	}
	if apiErr, ok := AsAPIError(err); ok && apiErr.StatusCode < 500 {
		// A 4xx is CertCentral refusing the request: nothing was placed.
		return err
	}
	unknown.SentAt, unknown.Cause = sentAt, err
	return &unknown
}

// OrderInfo is the answer of GET /order/certificate/{order_id}. Fields that
// the API returns only in some states are pointers or empty.
type OrderInfo struct {
	ID                          int64             `json:"id"`
	Certificate                 *OrderCertificate `json:"certificate,omitempty"`
	Status                      string            `json:"status"`
	IsRenewal                   bool              `json:"is_renewal"`
	IsRenewed                   bool              `json:"is_renewed"`
	RenewedOrderID              int64             `json:"renewed_order_id"`
	DateCreated                 string            `json:"date_created"`
	Organization                *NamedRef         `json:"organization,omitempty"`
	DisableRenewalNotifications bool              `json:"disable_renewal_notifications"`
	Container                   *NamedRef         `json:"container,omitempty"`
	Product                     *Product          `json:"product,omitempty"`
	OrganizationContact         *Contact          `json:"organization_contact,omitempty"`
	TechnicalContact            *Contact          `json:"technical_contact,omitempty"`
	Requests                    []OrderRequest    `json:"requests,omitempty"`
	CSProvisioningMethod        string            `json:"cs_provisioning_method"`
	PaymentMethod               string            `json:"payment_method"`
	ValidityYears               int64             `json:"validity_years"`
	OrderValidFrom              string            `json:"order_valid_from"`
	OrderValidTill              string            `json:"order_valid_till"`
	AlternativeOrderID          string            `json:"alternative_order_id,omitempty"`
	OrderValidity               *OrderValidity    `json:"order_validity,omitempty"`
	// IsMultiYearPlan is documented as the string "1"; the tolerant
	// decoding (decode.go) reads "1", 1 and true alike.
	IsMultiYearPlan bool `json:"is_multi_year_plan"`
	// DCVMethod is the DV order's DCV method (CERTCENTRAL.md, List orders
	// filters: order info has it, the list does not).
	DCVMethod string `json:"dcv_method,omitempty"`
}

// OrderCertificate is the `certificate` object of order info.
type OrderCertificate struct {
	ID                int64          `json:"id"`
	Thumbprint        string         `json:"thumbprint"`
	SerialNumber      string         `json:"serial_number"`
	CommonName        string         `json:"common_name"`
	DNSNames          []string       `json:"dns_names"`
	DateCreated       string         `json:"date_created"`
	DateIssued        string         `json:"date_issued"`
	ValidFrom         string         `json:"valid_from"`
	ValidTill         string         `json:"valid_till"`
	DaysRemaining     *int64         `json:"days_remaining,omitempty"`
	CSR               string         `json:"csr"`
	Organization      *IDRef         `json:"organization,omitempty"`
	OrganizationUnits []string       `json:"organization_units"`
	ServerPlatform    *NamedRef      `json:"server_platform,omitempty"`
	SignatureHash     string         `json:"signature_hash"`
	KeySize           int64          `json:"key_size"`
	CACert            *CACert        `json:"ca_cert,omitempty"`
	CertValidity      *OrderValidity `json:"cert_validity,omitempty"`
}

// CACert names an issuing CA certificate; its ID is a string.
type CACert struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Product names an order's product.
type Product struct {
	NameID         string `json:"name_id"`
	Name           string `json:"name"`
	Type           string `json:"type"`
	ValidationType string `json:"validation_type,omitempty"`
}

// Contact is a contact on an order.
type Contact struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Email     string `json:"email"`
	JobTitle  string `json:"job_title"`
	Telephone string `json:"telephone"`
}

// OrderRequest is one entry of an order's `requests`.
type OrderRequest struct {
	ID       int64  `json:"id"`
	Date     string `json:"date,omitempty"`
	Type     string `json:"type,omitempty"`
	Status   string `json:"status"`
	Comments string `json:"comments,omitempty"`
}

// GetOrder reads GET /order/certificate/{order_id}.
func (cl *Client) GetOrder(ctx context.Context, orderID int64) (*OrderInfo, error) {
	var out OrderInfo
	err := cl.do(ctx, call{method: "GET", path: orderPath(orderID), out: &out, idempotent: true})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func orderPath(orderID int64) string {
	return "/order/certificate/" + strconv.FormatInt(orderID, 10)
}

// ListOrdersParams are the query parameters of GET /order/certificate.
// Filters maps a field (status, product_name_id, common_name, id, ...) to
// its value and is sent as filters[field]=value.
type ListOrdersParams struct {
	Filters map[string]string
	Sort    string
	Offset  int
	Limit   int
}

// OrderList is the answer of GET /order/certificate.
type OrderList struct {
	Orders []ListedOrder `json:"orders"`
	Page   Page          `json:"page"`
}

// ListedOrder is one order of a list answer.
type ListedOrder struct {
	ID          int64             `json:"id"`
	Certificate *OrderCertificate `json:"certificate,omitempty"`
	Status      string            `json:"status"`
	DateCreated string            `json:"date_created"`
	Product     *Product          `json:"product,omitempty"`
	Container   *NamedRef         `json:"container,omitempty"`
	// AlternativeOrderID is "" when the order has none.
	AlternativeOrderID string `json:"alternative_order_id,omitempty"`
	// The Multi-year fields, as in OrderInfo.
	OrderValidFrom  string         `json:"order_valid_from,omitempty"`
	OrderValidTill  string         `json:"order_valid_till,omitempty"`
	OrderValidity   *OrderValidity `json:"order_validity,omitempty"`
	IsMultiYearPlan bool           `json:"is_multi_year_plan"`
}

// Page is the paging object of list answers.
type Page struct {
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// ListOrders reads one page of GET /order/certificate.
func (cl *Client) ListOrders(ctx context.Context, p ListOrdersParams) (*OrderList, error) {
	q := url.Values{}
	for field, value := range p.Filters {
		q.Set("filters["+field+"]", value)
	}
	if p.Sort != "" {
		q.Set("sort", p.Sort)
	}
	if p.Offset > 0 {
		q.Set("offset", strconv.Itoa(p.Offset))
	}
	if p.Limit > 0 {
		q.Set("limit", strconv.Itoa(p.Limit))
	}
	var out OrderList
	err := cl.do(ctx, call{method: "GET", path: "/order/certificate", query: q, out: &out, idempotent: true})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// CancelOrder cancels an order that is not issued yet
// (PUT /order/certificate/{order_id}/status). CertCentral requires a note.
func (cl *Client) CancelOrder(ctx context.Context, orderID int64, note string) error {
	body := struct {
		Status string `json:"status"`
		Note   string `json:"note"`
	}{Status: OrderStatusCanceled, Note: note}
	// Setting a status is idempotent: repeating it cannot cancel twice.
	return cl.do(ctx, call{method: "PUT", path: orderPath(orderID) + "/status", body: body, idempotent: true})
}

// RevokeRequest is the body of the revoke endpoints.
type RevokeRequest struct {
	Comments         string `json:"comments,omitempty"`
	SkipApproval     *bool  `json:"skip_approval,omitempty"`
	RevocationReason string `json:"revocation_reason,omitempty"`
}

// RevokeResponse is the 201 answer of a revoke that awaits approval.
type RevokeResponse struct {
	ID     int64  `json:"id"`
	Date   string `json:"date"`
	Type   string `json:"type"`
	Status string `json:"status"`
}

// RevokeOrder revokes every certificate of an order
// (PUT /order/certificate/{order_id}/revoke). It returns nil, nil when the
// revocation needed no approval (204), or the pending revoke request (201).
func (cl *Client) RevokeOrder(ctx context.Context, orderID int64, req RevokeRequest) (*RevokeResponse, error) {
	return cl.revoke(ctx, orderPath(orderID)+"/revoke", req)
}

// RevokeCertificate revokes one certificate
// (PUT /certificate/{certificate_id}/revoke); answers as RevokeOrder.
func (cl *Client) RevokeCertificate(ctx context.Context, certificateID int64, req RevokeRequest) (*RevokeResponse, error) {
	return cl.revoke(ctx, "/certificate/"+strconv.FormatInt(certificateID, 10)+"/revoke", req)
}

func (cl *Client) revoke(ctx context.Context, path string, req RevokeRequest) (*RevokeResponse, error) {
	var raw []byte
	// Not idempotent: a repeated revoke files a second revoke request.
	if err := cl.do(ctx, call{method: "PUT", path: path, body: req, out: &raw}); err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		return nil, nil
	}
	var out RevokeResponse
	if err := decodeJSON(raw, &out); err != nil {
		return nil, fmt.Errorf("PUT %s: %w", path, err)
	}
	return &out, nil
}
