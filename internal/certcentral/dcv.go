package certcentral

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
)

// DCVRandomValue is the answer of PUT /order/certificate/{order_id}/dcv-random-value.
type DCVRandomValue struct {
	DCVRandomValue string `json:"dcv_random_value"`
	ExpirationDate string `json:"expiration_date"`
}

// GetDCVRandomValue returns the order's DCV random value; CertCentral
// answers the same value while it is valid and a new one once it expired.
func (cl *Client) GetDCVRandomValue(ctx context.Context, orderID int64) (*DCVRandomValue, error) {
	var out DCVRandomValue
	err := cl.do(ctx, call{method: "PUT", path: orderPath(orderID) + "/dcv-random-value", out: &out, idempotent: true})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// CheckDCVResponse is the answer of PUT /order/certificate/{order_id}/check-dcv.
type CheckDCVResponse struct {
	OrderStatus        string              `json:"order_status"`
	CertificateID      int64               `json:"certificate_id"`
	DCVStatus          string              `json:"dcv_status"`
	DNSNameValidations []DNSNameValidation `json:"dns_name_validations"`
}

// DNSNameValidation is the DCV status of one DNS name.
type DNSNameValidation struct {
	DNSName string `json:"dns_name"`
	Status  string `json:"status"`
}

// CheckDCV asks CertCentral to look for the order's DCV records now. While
// they are not found it answers 400 invalid_dns_txt or
// file_random_value_not_found; email orders get invalid_dns_method.
func (cl *Client) CheckDCV(ctx context.Context, orderID int64) (*CheckDCVResponse, error) {
	var out CheckDCVResponse
	err := cl.do(ctx, call{method: "PUT", path: orderPath(orderID) + "/check-dcv", out: &out, idempotent: true})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Download formats of GET /certificate/{certificate_id}/download/format/{format}.
const (
	FormatPEMAll            = "pem_all"
	FormatPEMNoRoot         = "pem_noroot"
	FormatPEMNoIntermediate = "pem_nointermediate"
)

// DownloadCertificate returns a certificate in format, as CertCentral sends it.
func (cl *Client) DownloadCertificate(ctx context.Context, certificateID int64, format string) ([]byte, error) {
	var raw []byte
	path := "/certificate/" + strconv.FormatInt(certificateID, 10) + "/download/format/" + url.PathEscape(format)
	if err := cl.do(ctx, call{method: "GET", path: path, out: &raw, idempotent: true}); err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		return nil, fmt.Errorf("GET %s: CertCentral answered with an empty body", path)
	}
	return raw, nil
}
