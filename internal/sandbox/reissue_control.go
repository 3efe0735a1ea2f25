package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// ApproveReissue approves an order's pending reissue request; it is issued
// when its DCV is complete.
func (s *Server) ApproveReissue(id int) error {
	return s.withOrder(id, func(o *order, now time.Time) error {
		if o.reissue == nil {
			return fmt.Errorf("sandbox: order %d has no pending reissue", id)
		}
		o.reissue.req.Status = "approved"
		if e := s.issueAfterDCVLocked(o, now); e != nil {
			return e
		}
		return nil
	})
}

// RejectReissue rejects an order's pending reissue (as an administrator or
// a failed validation would): the request is rejected and the order keeps
// its certificate.
func (s *Server) RejectReissue(id int) error {
	return s.withOrder(id, func(o *order, now time.Time) error {
		if o.reissue == nil {
			return fmt.Errorf("sandbox: order %d has no pending reissue", id)
		}
		s.dropReissueLocked(o, now)
		return nil
	})
}

// Reissue reissues an order exactly as POST .../reissue would, without HTTP.
// Errors are *APIError.
func (s *Server) Reissue(apiKey string, orderID int, body []byte) (requestID int, err error) {
	s.mu.Lock()
	k := s.keys[apiKey]
	s.mu.Unlock()
	if k == nil || k.revoked {
		return 0, apiErr(http.StatusUnauthorized, "invalid_api_key", "The API key is missing, invalid or revoked.")
	}
	r := s.postReissue(k, strconv.Itoa(orderID), body)
	if r.status != http.StatusCreated {
		return 0, decodeAPIError(r)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	reqs := s.orders[orderID].requests
	return reqs[len(reqs)-1].ID, nil
}

// ReissueSnapshot describes a pending reissue.
type ReissueSnapshot struct {
	CertificateID int
	RequestID     int
	RequestStatus string
	CommonName    string
	DNSNames      []string
	// NeedDCV are the (lower-case) names whose DCV must pass again.
	NeedDCV []string
}

// RequestSnapshot is one request of an order.
type RequestSnapshot struct {
	ID       int
	Date     time.Time
	Status   string
	Comments string
}

// CertificateSnapshot is an earlier certificate of an order.
type CertificateSnapshot struct {
	ID           int
	SerialNumber string
	Thumbprint   string
	ValidTill    time.Time
	DNSNames     []string
	// Status: issued, expired, revocation_pending or revoked.
	Status   string
	RevokeAt time.Time
}

func (s *Server) snapshotReissuesLocked(o *order, out *Order, now time.Time) {
	out.OrderValidFrom, out.IsMultiYearPlan, out.StatusChanged = o.orderValidFrom, o.isMultiYearPlan(), o.statusChanged
	if o.certValidity != nil {
		out.CertValidityDays = o.certValidity.Days
	}
	if len(o.requests) > 0 {
		out.RequestID = o.requests[0].ID
	}
	if p := o.reissue; p != nil {
		out.PendingReissue = &ReissueSnapshot{CertificateID: p.certID, RequestID: p.req.ID, RequestStatus: p.req.Status,
			CommonName: p.commonName, DNSNames: p.names(), NeedDCV: append([]string(nil), p.needDCV...)}
	}
	for _, r := range o.requests {
		if r.Type == "reissue" {
			out.Reissues = append(out.Reissues, RequestSnapshot{ID: r.ID, Date: r.Date, Status: r.Status, Comments: r.Comments})
		}
	}
	for _, c := range o.previous {
		out.PreviousCerts = append(out.PreviousCerts, CertificateSnapshot{ID: c.ID, SerialNumber: c.serial, Thumbprint: c.thumbprint,
			ValidTill: c.validTo, DNSNames: c.names, Status: c.status(now), RevokeAt: c.revokeAt})
	}
}

// decodeAPIError turns an error response back into an *APIError.
func decodeAPIError(r response) error {
	var body struct {
		Errors []ErrorEntry `json:"errors"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil || len(body.Errors) == 0 {
		return errors.New("sandbox: unexpected answer " + strconv.Itoa(r.status))
	}
	return &APIError{Status: r.status, Errors: body.Errors}
}
