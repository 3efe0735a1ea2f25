package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Order is a snapshot of one order for tests.
type Order struct {
	ID            int
	ProductNameID string
	Status        string
	CertificateID int
	CommonName    string   // the certificate's common name
	DNSNames      []string // DV: common_name then dns_names, deduplicated; DS: nil
	// DCVMethod and the current DCVRandomValue (DV orders), its expiry and
	// the names whose DCV is done.
	DCVMethod        string
	DCVRandomValue   string
	DCVExpires       time.Time
	DCVValidated     []string
	RenewalOfOrderID int
	RenewedOrderID   int
	CancelNote       string
	RevokeComments   string
	RevocationReason string
	// Body is the order request body exactly as received.
	Body json.RawMessage
	// Account is the owning account's name (see Server.AccountOf).
	Account              string
	SerialNumber         string // uppercase hex
	Thumbprint           string // SHA-1 of the DER, uppercase hex
	DateCreated          time.Time
	DateIssued           time.Time
	ValidFrom            time.Time
	ValidTill            time.Time // certificate
	OrderValidTill       time.Time
	CertificatePEM       string
	OrganizationID       int
	ContainerID          int
	CSProvisioningMethod string
	SkipApproval         bool
	PaymentMethod        string
	// UnknownFields are body fields the product's page does not document.
	UnknownFields []string
	// GeneratedKey is true when the sandbox made the key (no CSR was sent).
	GeneratedKey bool
	// AlternativeOrderID is the order's alternative_order_id ("" if none).
	AlternativeOrderID string
	// Coverage and reissues (coverage.go, reissue.go).
	OrderValidFrom   time.Time
	IsMultiYearPlan  bool
	StatusChanged    time.Time
	RequestID        int // the order's own request, its first
	PendingReissue   *ReissueSnapshot
	Reissues         []RequestSnapshot // requests of type reissue, oldest first
	PreviousCerts    []CertificateSnapshot
	CertValidityDays int // certificate.cert_validity.days of the current certificate, 0 if none
}

func (s *Server) snapshotLocked(o *order, now time.Time) Order {
	o.refresh(now)
	out := Order{
		ID: o.ID, ProductNameID: o.prod.NameID, Status: o.status, CertificateID: o.CertID,
		CommonName: o.certCommonName(), DNSNames: o.names(), DCVMethod: o.dcvMethod,
		RenewalOfOrderID: o.renewalOf, RenewedOrderID: o.renewedBy, CancelNote: o.cancelNote,
		RevokeComments: o.revokeComments, RevocationReason: o.revocationReason,
		Body: append(json.RawMessage(nil), o.body...), Account: o.acct.name,
		SerialNumber: o.serial, Thumbprint: o.thumbprint, DateCreated: o.created, DateIssued: o.issuedAt,
		ValidFrom: o.validFrom, ValidTill: o.validTill, OrderValidTill: o.orderValidTill, CertificatePEM: o.certPEM,
		CSProvisioningMethod: o.csProvisioning, SkipApproval: o.skipApproval, PaymentMethod: o.paymentMethod,
		UnknownFields: append([]string(nil), o.unknown...), GeneratedKey: o.generatedKey,
		AlternativeOrderID: o.altID,
	}
	if o.prod.kind == kindDV {
		out.DCVRandomValue = o.dcvValue
		out.DCVExpires = o.dcvCreated.Add(dcvValueLifetime)
		for _, n := range o.names() {
			if o.validated[strings.ToLower(n)] {
				out.DCVValidated = append(out.DCVValidated, n)
			}
		}
	}
	if o.org != nil {
		out.OrganizationID = o.org.ID
	}
	if o.container != nil {
		out.ContainerID = o.container.ID
	}
	s.snapshotReissuesLocked(o, &out, now)
	return out
}

// Orders returns snapshots of every order of every account, sorted by ID.
func (s *Server) Orders() []Order {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clk.now()
	out := make([]Order, 0, len(s.orders))
	for _, o := range s.orders {
		out = append(out, s.snapshotLocked(o, now))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Order returns a snapshot of one order.
func (s *Server) Order(id int) (Order, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.orders[id]
	if o == nil {
		return Order{}, false
	}
	return s.snapshotLocked(o, s.clk.now()), true
}

// ErrNoOrder is returned by control methods for an unknown order ID.
var ErrNoOrder = errors.New("sandbox: no such order")

func (s *Server) withOrder(id int, fn func(o *order, now time.Time) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.orders[id]
	if o == nil {
		return fmt.Errorf("%w: %d", ErrNoOrder, id)
	}
	now := s.clk.now()
	o.refresh(now)
	return fn(o, now)
}

// CreateOrder places an order exactly as POST /order/certificate/{product}
// would (same validation, same account rules), without HTTP. Errors are
// *APIError.
func (s *Server) CreateOrder(apiKey string, productNameID string, body []byte) (id int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.keys[apiKey]
	if k == nil || k.revoked {
		return 0, invalidKeyError()
	}
	v, e := s.createOrderLocked(k.acct, productNameID, body)
	if e != nil {
		return 0, e
	}
	switch r := v.(type) {
	case dvCreated:
		return r.ID, nil
	case dsCreated:
		return r.ID, nil
	case ovevCreated:
		return r.ID, nil
	}
	return 0, fmt.Errorf("sandbox: unexpected create result %T", v)
}

// SetOrderStatus sets any status string (unknown values too, for robustness
// tests). "issued" on an order without a certificate issues one.
func (s *Server) SetOrderStatus(id int, status string) error {
	if status == "" {
		return errors.New("sandbox: empty status")
	}
	return s.withOrder(id, func(o *order, now time.Time) error {
		if status == StatusIssued && o.certDER == nil {
			o.setStatus(StatusPending, now)
			return s.issueLocked(o, now)
		}
		o.setStatus(status, now)
		return nil
	})
}

// Approve moves needs_approval to pending (the new-order request is
// approved); a DV order whose DCV is already complete is then issued.
func (s *Server) Approve(id int) error {
	return s.withOrder(id, func(o *order, now time.Time) error {
		if o.status != StatusNeedsApproval {
			return fmt.Errorf("sandbox: order %d is %s, not %s", id, o.status, StatusNeedsApproval)
		}
		o.setStatus(StatusPending, now)
		for _, r := range o.requests {
			if r.Type == "new_request" && r.Status == "pending" {
				r.Status = "approved"
			}
		}
		if o.prod.kind == kindDV && o.dcvComplete() {
			return s.issueLocked(o, now)
		}
		s.issueReadyLocked(now) // OV/EV orders waiting only for approval
		return nil
	})
}

// Reject rejects an order that waits for approval or validation.
func (s *Server) Reject(id int) error {
	return s.withOrder(id, func(o *order, now time.Time) error {
		if o.status != StatusNeedsApproval && o.status != StatusPending {
			return fmt.Errorf("sandbox: order %d is %s; only needs_approval or pending orders can be rejected", id, o.status)
		}
		o.setStatus(StatusRejected, now)
		for _, r := range o.requests {
			if r.Status == "pending" {
				r.Status = "rejected"
			}
		}
		return nil
	})
}

// ApproveEmailDCV completes email DCV for every name of a DV email order
// (as if the emails were answered); an approved (pending) order is issued.
func (s *Server) ApproveEmailDCV(id int) error {
	return s.withOrder(id, func(o *order, now time.Time) error {
		if o.prod.kind != kindDV || o.dcvMethod != "email" {
			return fmt.Errorf("sandbox: order %d does not use email DCV", id)
		}
		for _, n := range o.dcvNames() {
			o.validated[strings.ToLower(n)] = true
		}
		if e := s.issueAfterDCVLocked(o, now); e != nil {
			return e
		}
		return nil
	})
}

// CompleteDCV marks every name of a DV order validated whatever its method
// (a shortcut for tests not about DCV); an approved order is issued.
func (s *Server) CompleteDCV(id int) error {
	return s.withOrder(id, func(o *order, now time.Time) error {
		if o.prod.kind != kindDV {
			return fmt.Errorf("sandbox: order %d has no DCV", id)
		}
		for _, n := range o.dcvNames() {
			o.validated[strings.ToLower(n)] = true
		}
		if e := s.issueAfterDCVLocked(o, now); e != nil {
			return e
		}
		return nil
	})
}

// IssueOrder forces issuance with a real certificate (document signing
// orders are issued only this way: organization validation takes days).
func (s *Server) IssueOrder(id int) error {
	return s.withOrder(id, func(o *order, now time.Time) error { return s.issueLocked(o, now) })
}

// ApproveRevocation approves an order's pending revoke request: the order
// becomes revoked.
func (s *Server) ApproveRevocation(id int) error {
	return s.withOrder(id, func(o *order, now time.Time) error {
		for _, r := range o.requests {
			if r.Type == "revoke" && r.Status == "pending" {
				r.Status = "approved"
				o.setStatus(StatusRevoked, now)
				return nil
			}
		}
		return fmt.Errorf("sandbox: order %d has no pending revoke request", id)
	})
}

// ExpireDCVRandomValue ages an order's random value past its 30 days, as if
// the clock had moved for this order alone.
func (s *Server) ExpireDCVRandomValue(id int) error {
	return s.withOrder(id, func(o *order, now time.Time) error {
		if o.prod.kind != kindDV {
			return fmt.Errorf("sandbox: order %d has no DCV", id)
		}
		o.dcvCreated = now.Add(-dcvValueLifetime - time.Second)
		return nil
	})
}

// Requests returns a copy of the recorded requests, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.reqs))
	copy(out, s.reqs)
	return out
}

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = nil
}

// CountRequests counts recorded requests by method ("" = any) and path
// prefix, relative to /services/v2 or absolute ("" = any).
func (s *Server) CountRequests(method, pathPrefix string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.reqs {
		if method != "" && !strings.EqualFold(method, r.Method) {
			continue
		}
		if pathPrefix != "" && !strings.HasPrefix(r.Path, pathPrefix) && !strings.HasPrefix(strings.TrimPrefix(r.Path, apiPrefix), pathPrefix) {
			continue
		}
		n++
	}
	return n
}
