package sandbox

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Order statuses (CERTCENTRAL.md, Order info). The sandbox reaches
// needs_approval, pending, issued, canceled, revoked, rejected and expired by
// itself; the others through SetOrderStatus.
const (
	StatusNeedsApproval  = "needs_approval"
	StatusPending        = "pending"
	StatusReissuePending = "reissue_pending"
	StatusWaitingPickup  = "waiting_pickup"
	StatusIssued         = "issued"
	StatusRejected       = "rejected"
	StatusCanceled       = "canceled"
	StatusRevoked        = "revoked"
	StatusExpired        = "expired"
)

// order is the sandbox's record of one order (one certificate per order).
type order struct {
	ID, CertID int
	acct       *account
	prod       *product
	status     string
	altID      string // alternative_order_id
	body       []byte
	created    time.Time
	unknown    []string

	commonName     string
	dnsNames       []string // certificate.dns_names as sent
	orgUnits       []string
	csr            *csrInfo
	serverPlatform int
	signatureHash  string
	keySize        int
	csrKeyType     string
	caCertID       string

	validityYears    int
	validityDays     int
	customExpiration time.Time

	comments, renewalMessage, locale, paymentMethod, promoCode string
	disableRenewalNotifications, disableCT, skipApproval       bool
	autoRenew                                                  int
	renewalOf                                                  int
	renewedThumbprint                                          string
	renewedBy                                                  int
	container                                                  *container
	org                                                        *organization
	newOrg                                                     bool
	customFields                                               []customFieldValue
	techContact                                                map[string]string
	userIDs                                                    []int
	additionalEmails                                           []string

	profileOption string         // OV/EV certificate.profile_option
	contacts      []orderContact // OV/EV organization.contacts
	duplicates    []*duplicateCert

	dcvMethod  string
	dcvValue   string
	dcvCreated time.Time
	validated  map[string]bool // lower-case name -> DCV done

	csProvisioning   string
	useOrgAsCN       bool
	subject          map[string]string
	shipInfo         map[string]string
	primaryUsage     string
	additionalUsages []string
	csaAgreed        *bool

	requests []*orderRequest

	issuedAt                       time.Time
	validFrom, validTill           time.Time
	orderValidFrom, orderValidTill time.Time
	certDER                        []byte
	certPEM                        string
	serial, thumbprint             string
	cancelNote                     string
	revokeComments                 string
	revocationReason               string
	generatedKey                   bool

	// Multi-year coverage, reissues and status history (coverage.go,
	// reissue.go, status.go).
	statusChanged time.Time
	orderValidity *validitySpec // order_validity as sent
	certValidity  *validitySpec // certificate.cert_validity of the current certificate
	certCapDays   int
	reissue       *pendingReissue
	previous      []*issuedCert
	dcvAt         map[string]time.Time // lower-case name -> when its DCV last passed
}

type orderRequest struct {
	ID        int
	Date      time.Time
	Type      string // new_request, revoke
	Status    string // pending, submitted, approved, rejected
	Comments  string
	Requester user
}

// names are the certificate's DNS names: common_name first, then dns_names,
// without case-insensitive duplicates. DS orders have none.
func (o *order) names() []string {
	if !o.prod.isTLS() {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, n := range append([]string{o.commonName}, o.dnsNames...) {
		k := strings.ToLower(n)
		if n == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

// certCommonName is the subject CN the certificate carries.
func (o *order) certCommonName() string {
	switch o.prod.kind {
	case kindDV, kindOVEV:
		return o.commonName
	case kindDSIndividual:
		return strings.TrimSpace(o.subject["given_name"] + " " + o.subject["surname"])
	}
	if o.useOrgAsCN && o.org != nil {
		return o.org.Name
	}
	return o.subject["name"]
}

// refresh applies time-driven changes: an issued order whose certificate
// valid_till has passed on the sandbox clock becomes expired.
func (o *order) refresh(now time.Time) {
	if o.status == StatusIssued && !o.validTill.IsZero() && now.After(o.validTill) {
		o.setStatus(StatusExpired, now)
	}
}

// postOrder is POST /order/certificate/{product_name_id}.
func (s *Server) postOrder(k *apiKey, productID string, body []byte) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, e := s.createOrderLocked(k.acct, productID, body)
	if e != nil {
		return errResp(e)
	}
	return jsonResp(http.StatusCreated, v)
}

// dvCreated and dsCreated are the documented 201 bodies.
type dvCreated struct {
	ID             int    `json:"id"`
	CertificateID  int    `json:"certificate_id"`
	DCVRandomValue string `json:"dcv_random_value,omitempty"`
}

type dsCreated struct {
	ID           int             `json:"id"`
	Organization *idOnly         `json:"organization,omitempty"`
	Requests     []createdReqRef `json:"requests"`
	// "Returned if request status is approved."
	CertificateID int `json:"certificate_id,omitempty"`
}

type idOnly struct {
	ID int `json:"id"`
}

type createdReqRef struct {
	ID     int    `json:"id"`
	Status string `json:"status"`
}

func (s *Server) createOrderLocked(a *account, productID string, body []byte) (any, *APIError) {
	p := products[productID]
	if repl, ok := legacyProducts[productID]; ok {
		// choice: a product DigiCert stopped selling is not found, and
		// the message names its replacement.
		e := notFound("product")
		e.Errors[0].Message = productID + " is no longer available; order " + repl + " instead."
		return nil, e
	}
	if p == nil {
		return nil, notFound("product")
	}
	m, perr := parseBody(body)
	if perr != nil {
		return nil, perr
	}
	now := s.clk.now()
	f := &fieldErrs{}
	root := f.newNode("", m)
	var o *order
	switch p.kind {
	case kindDV:
		o = s.validateDV(a, p, root, now)
	case kindDSOrg:
		o = s.validateDSOrg(a, p, root, now)
	case kindOVEV:
		o = s.validateOVEV(a, p, root, now)
	default:
		o = s.validateDSIndividual(a, p, root, now)
	}
	o.altID = readAlternativeOrderID(root)
	o.unknown = f.unknown()
	if s.opts.RejectUnknownFields {
		for _, u := range o.unknown {
			f.invalid(u)
		}
	}
	if e := f.toAPIError(); e != nil {
		return nil, e
	}
	s.commitLocked(o, body, now)
	if len(o.unknown) > 0 {
		s.logf("sandbox: order %d: fields not on the %s page: %s", o.ID, p.NameID, strings.Join(o.unknown, ", "))
	}

	if p.kind == kindOVEV {
		return s.afterOVEVCommitLocked(o, now), nil
	}
	if p.kind == kindDV {
		out := dvCreated{ID: o.ID, CertificateID: o.CertID}
		// Documented: dcv_random_value "Only returned when using either
		// dns-txt-token or http-token". choice: not for dns-cname-token
		// either; a client must ask PUT .../dcv-random-value for it, which
		// works whichever way the real API behaves.
		if o.dcvMethod == "dns-txt-token" || o.dcvMethod == "http-token" {
			out.DCVRandomValue = o.dcvValue
		}
		return out, nil
	}
	out := dsCreated{ID: o.ID}
	for _, r := range o.requests {
		out.Requests = append(out.Requests, createdReqRef{ID: r.ID, Status: r.Status})
	}
	if o.requests[0].Status == "approved" {
		out.CertificateID = o.CertID
	}
	if o.newOrg {
		out.Organization = &idOnly{ID: o.org.ID}
	}
	return out, nil
}

// commitLocked stores a validated order.
//
// Lifecycle choice: skip_approval true -> request "approved", order
// "pending" (DCV or organization validation outstanding); otherwise request
// "pending" (the one-step approval answer), order "needs_approval". The
// two-step "submitted" answer is not modelled.
func (s *Server) commitLocked(o *order, body []byte, now time.Time) {
	o.ID = s.nextID.order
	s.nextID.order++
	o.CertID = s.nextID.cert
	s.nextID.cert++
	o.body = append([]byte(nil), body...)
	o.created = now
	if o.newOrg && o.org != nil {
		o.org.ID = s.newOrgID()
		o.acct.orgs = append(o.acct.orgs, o.org)
	}
	req := &orderRequest{ID: s.nextID.request, Date: now, Type: "new_request", Comments: o.comments, Requester: o.acct.user}
	s.nextID.request++
	if o.skipApproval {
		req.Status = "approved"
		o.setStatus(StatusPending, now)
	} else {
		req.Status = "pending"
		o.setStatus(StatusNeedsApproval, now)
	}
	o.requests = []*orderRequest{req}
	if o.prod.kind == kindDV {
		o.dcvValue, o.dcvCreated = randomValue(), now
		o.validated = map[string]bool{}
	}
	if o.renewalOf == 0 && o.renewedThumbprint != "" {
		if prev := s.findByThumbprint(o.acct, o.renewedThumbprint); prev != nil {
			o.renewalOf = prev.ID
		}
	}
	if prev := s.orders[o.renewalOf]; prev != nil {
		prev.renewedBy = o.ID
	}
	s.orders[o.ID] = o
	s.certs[o.CertID] = o
}

// lookupOrder finds an order of the account by numeric ID, or (when
// allowCertRef) by its certificate's thumbprint or serial number.
func (s *Server) lookupOrder(a *account, ref string, allowCertRef bool) *order {
	if id, err := strconv.Atoi(ref); err == nil {
		if o := s.orders[id]; o != nil && o.acct == a {
			return o
		}
		if !allowCertRef {
			return nil
		}
	}
	if !allowCertRef || ref == "" {
		return nil
	}
	for _, o := range s.orders {
		if o.acct == a && o.serial != "" && (strings.EqualFold(o.thumbprint, ref) || strings.EqualFold(o.serial, ref)) {
			return o
		}
	}
	return nil
}

func (s *Server) findByThumbprint(a *account, tp string) *order {
	for _, o := range s.orders {
		if o.acct == a && o.thumbprint != "" && strings.EqualFold(o.thumbprint, tp) {
			return o
		}
	}
	return nil
}
