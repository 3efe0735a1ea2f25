package certcentral

import (
	"context"
	"time"
)

// OrderValidity is an order_validity or cert_validity object, of every
// product: years, days or a custom expiration date (CERTCENTRAL.md,
// "Multi-year plans and coverage" and "Order document signing"). Only what
// is set (non-nil, non-empty) is sent.
type OrderValidity struct {
	Years *int64 `json:"years,omitempty"`
	Days  *int64 `json:"days,omitempty"`
	// CustomExpirationDate is a date such as "2028-06-30" (DV) or
	// "09 JUN 2027" (document signing). The order info page types it as an
	// int; the tolerant decoding (decode.go) reads a number as its text.
	CustomExpirationDate string `json:"custom_expiration_date,omitempty"`
}

// ReissueCertificate is the `certificate` object of a reissue.
type ReissueCertificate struct {
	CommonName string `json:"common_name,omitempty"`
	// DNSNames is always sent: an empty list asks for no names beyond the
	// common name, where an absent one would keep the order's.
	DNSNames       []string       `json:"dns_names"`
	CSR            string         `json:"csr"`
	ServerPlatform *IDRef         `json:"server_platform,omitempty"`
	SignatureHash  string         `json:"signature_hash,omitempty"`
	CertValidity   *OrderValidity `json:"cert_validity,omitempty"`
}

// ReissueRequest is the body of POST /order/certificate/{order_id}/reissue.
type ReissueRequest struct {
	Certificate  ReissueCertificate `json:"certificate"`
	Comments     string             `json:"comments,omitempty"`
	SkipApproval *bool              `json:"skip_approval,omitempty"`
	DCVMethod    string             `json:"dcv_method,omitempty"`
}

// ReissueResponse is the 201 answer to a reissue: the order's ID and the
// reissue request (CERTCENTRAL.md, Reissue).
type ReissueResponse struct {
	ID       int64          `json:"id"`
	Requests []OrderRequest `json:"requests"`
}

// Reissue asks for a new certificate on an order inside its coverage. A
// reissue is sent at most once, like an order (see postOnce): an
// *OutcomeUnknownError with ReissueOfOrderID set means it may have been
// accepted, and the caller must read the order (reissue_pending, a reissue
// request, or a new certificate) instead of sending it again.
func (cl *Client) Reissue(ctx context.Context, orderID int64, req ReissueRequest) (*ReissueResponse, error) {
	if req.Certificate.DNSNames == nil {
		req.Certificate.DNSNames = []string{}
	}
	var out ReissueResponse
	err := cl.postOnce(ctx, orderPath(orderID)+"/reissue", req, &out,
		OutcomeUnknownError{ProductNameID: "reissue", ReissueOfOrderID: orderID})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// RequestType values of OrderRequest.Type.
const (
	RequestTypeNewRequest = "new_request"
	RequestTypeReissue    = "reissue"
	RequestTypeRevoke     = "revoke"
)

// LatestRequest is the order's request of type typ with the highest ID (the
// newest), or nil.
func (o *OrderInfo) LatestRequest(typ string) *OrderRequest {
	var latest *OrderRequest
	for i := range o.Requests {
		r := &o.Requests[i]
		if r.Type == typ && (latest == nil || r.ID > latest.ID) {
			latest = r
		}
	}
	return latest
}

// CoverageEnd is the order's coverage end (see CoverageEnd).
func (o *OrderInfo) CoverageEnd() (time.Time, bool) {
	return CoverageEnd(o.OrderValidTill)
}

// CoverageEnd reads an order_valid_till as the end of the coverage: the
// last second of that day in UTC (no certificate of the order outlives the
// day). false when there is none (not issued yet) or it cannot be read.
// Every coverage decision, the provider's included, uses this one rule.
func CoverageEnd(orderValidTill string) (time.Time, bool) {
	return parseAPIDateEnd(orderValidTill)
}

// parseAPIDateEnd reads a yyyy-MM-dd date (or an RFC 3339 instant) as the
// last second of that day in UTC.
func parseAPIDateEnd(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	if d, err := time.Parse("2006-01-02", s); err == nil {
		return d.Add(24*time.Hour - time.Second), true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), true
	}
	return time.Time{}, false
}
