package sandbox

import (
	"net/http"
	"net/url"
	"sort"
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
	if o.prod.kind != kindDV {
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
	case kindDV:
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

// ---- JSON shapes of order info and list (CERTCENTRAL.md, Order info, List orders) ----

type orderInfoJSON struct {
	ID                          int                `json:"id"`
	Certificate                 certInfoJSON       `json:"certificate"`
	Status                      string             `json:"status"`
	IsRenewal                   bool               `json:"is_renewal"`
	IsRenewed                   bool               `json:"is_renewed"`
	RenewedOrderID              int                `json:"renewed_order_id"`
	DateCreated                 string             `json:"date_created"`
	Organization                *orgJSON           `json:"organization,omitempty"`
	DisableRenewalNotifications bool               `json:"disable_renewal_notifications"`
	Container                   *containerJSON     `json:"container,omitempty"`
	Product                     productJSON        `json:"product"`
	OrganizationContact         map[string]string  `json:"organization_contact,omitempty"`
	TechnicalContact            map[string]string  `json:"technical_contact,omitempty"`
	Requests                    []requestJSON      `json:"requests"`
	CSProvisioningMethod        string             `json:"cs_provisioning_method,omitempty"`
	PaymentMethod               string             `json:"payment_method"`
	ValidityYears               int                `json:"validity_years,omitempty"`
	OrderValidFrom              string             `json:"order_valid_from,omitempty"`
	OrderValidTill              string             `json:"order_valid_till,omitempty"`
	DCVMethod                   string             `json:"dcv_method,omitempty"`
	CustomFields                []customFieldValue `json:"custom_fields,omitempty"`
	AlternativeOrderID          string             `json:"alternative_order_id,omitempty"`
	multiYearJSON
}

type certInfoJSON struct {
	ID                int            `json:"id"`
	Thumbprint        string         `json:"thumbprint,omitempty"`
	SerialNumber      string         `json:"serial_number,omitempty"`
	CommonName        string         `json:"common_name"`
	DNSNames          []string       `json:"dns_names"`
	DateCreated       string         `json:"date_created"`
	DateIssued        string         `json:"date_issued,omitempty"`
	ValidFrom         string         `json:"valid_from,omitempty"`
	ValidTill         string         `json:"valid_till,omitempty"`
	DaysRemaining     *int           `json:"days_remaining,omitempty"`
	CSR               string         `json:"csr,omitempty"`
	Organization      *idOnly        `json:"organization,omitempty"`
	OrganizationUnits []string       `json:"organization_units,omitempty"`
	ServerPlatform    serverPlatJSON `json:"server_platform"`
	SignatureHash     string         `json:"signature_hash"`
	KeySize           int            `json:"key_size,omitempty"`
	CACert            caCertJSON     `json:"ca_cert"`
	CertValidity      *validityJSON  `json:"cert_validity,omitempty"`
}

type serverPlatJSON struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

type caCertJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type orgJSON struct {
	ID          int    `json:"id"`
	Name        string `json:"name"`
	AssumedName string `json:"assumed_name,omitempty"`
	DisplayName string `json:"display_name"`
	City        string `json:"city,omitempty"`
	State       string `json:"state,omitempty"`
	Country     string `json:"country,omitempty"`
}

type containerJSON struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

type productJSON struct {
	NameID         string `json:"name_id"`
	Name           string `json:"name"`
	Type           string `json:"type"`
	ValidationType string `json:"validation_type,omitempty"`
}

type requestJSON struct {
	ID       int    `json:"id"`
	Date     string `json:"date"`
	Type     string `json:"type"`
	Status   string `json:"status"`
	Comments string `json:"comments"`
}

// Date formats of the API: "2019-06-21T09:06:47+00:00" and "2021-10-18".
func fmtDateTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05-07:00") }
func fmtDate(t time.Time) string     { return t.UTC().Format("2006-01-02") }

func daysRemaining(till, now time.Time) int {
	d := int(till.Sub(now).Hours() / 24)
	if d < 0 {
		return 0
	}
	return d
}

// dnsNamesJSON is certificate.dns_names. choice: for DV orders it holds every
// name on the certificate, common_name included (as in subaccount examples 2
// and 3; example 1 leaves it out, so clients should compare as sets). For
// document signing orders it is [" "], the odd value CERTCENTRAL.md (Order
// info) warns about.
func (o *order) dnsNamesJSON() []string {
	if o.prod.kind != kindDV {
		return []string{" "}
	}
	return o.names()
}

func orgToJSON(org *organization) *orgJSON {
	if org == nil {
		return nil
	}
	return &orgJSON{ID: org.ID, Name: org.Name, AssumedName: org.AssumedName, DisplayName: org.displayName(),
		City: org.City, State: org.State, Country: org.Country}
}

func (s *Server) orderInfoLocked(o *order, now time.Time) orderInfoJSON {
	o.refresh(now)
	c := certInfoJSON{
		ID: o.CertID, CommonName: o.certCommonName(), DNSNames: o.dnsNamesJSON(), DateCreated: fmtDateTime(o.created),
		OrganizationUnits: o.orgUnits, ServerPlatform: serverPlatJSON{ID: o.serverPlatform, Name: serverPlatformName(o.serverPlatform)},
		SignatureHash: o.signatureHash, KeySize: o.keySize, CACert: caCertJSON{ID: s.ca.id, Name: s.ca.name},
	}
	if o.csr != nil {
		c.CSR = o.csr.PEM
		if c.KeySize == 0 && o.csr.KeyType == "rsa" {
			c.KeySize = o.csr.KeySize
		}
	}
	if o.org != nil {
		c.Organization = &idOnly{ID: o.org.ID}
	}
	if o.certDER != nil {
		c.Thumbprint, c.SerialNumber = o.thumbprint, o.serial
		c.DateIssued = fmtDateTime(o.issuedAt)
		c.ValidFrom, c.ValidTill = fmtDate(o.validFrom), fmtDate(o.validTill)
		d := daysRemaining(o.validTill, now)
		c.DaysRemaining = &d
	}
	info := orderInfoJSON{
		ID: o.ID, Certificate: c, Status: o.status, IsRenewal: o.renewalOf != 0, IsRenewed: o.renewedBy != 0,
		RenewedOrderID: o.renewedBy, DateCreated: fmtDateTime(o.created), Organization: orgToJSON(o.org),
		DisableRenewalNotifications: o.disableRenewalNotifications,
		Product:                     productJSON{NameID: o.prod.NameID, Name: o.prod.Name, Type: o.prod.Type, ValidationType: o.prod.ValidationType},
		TechnicalContact:            o.techContact, CSProvisioningMethod: o.csProvisioning, PaymentMethod: o.paymentMethod,
		ValidityYears: o.validityYears, DCVMethod: o.dcvMethod, CustomFields: o.customFields,
		AlternativeOrderID: o.altID,
	}
	if o.container != nil {
		info.Container = &containerJSON{ID: o.container.ID, Name: o.container.Name}
	}
	for _, r := range o.requests {
		info.Requests = append(info.Requests, requestJSON{ID: r.ID, Date: fmtDateTime(r.Date), Type: r.Type, Status: r.Status, Comments: r.Comments})
	}
	if o.certDER != nil {
		info.OrderValidFrom, info.OrderValidTill = fmtDate(o.orderValidFrom), fmtDate(o.orderValidTill)
	}
	s.multiYearInfoLocked(o, &info)
	return info
}

// orderInfo is GET /order/certificate/{order_id}; the ID may also be the
// certificate's thumbprint or serial number.
func (s *Server) orderInfo(k *apiKey, ref string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.lookupOrder(k.acct, ref, true)
	if o == nil {
		return errResp(notFound("order"))
	}
	return jsonResp(http.StatusOK, s.orderInfoLocked(o, s.clk.now()))
}

type listOrderJSON struct {
	ID            int            `json:"id"`
	Certificate   listCertJSON   `json:"certificate"`
	Status        string         `json:"status"`
	IsRenewed     bool           `json:"is_renewed"`
	DateCreated   string         `json:"date_created"`
	Organization  *orgJSON       `json:"organization,omitempty"`
	ValidityYears int            `json:"validity_years,omitempty"`
	Container     *containerJSON `json:"container,omitempty"`
	Product       productJSON    `json:"product"`
	// AlternativeOrderID is omitted when the order has none.
	AlternativeOrderID string `json:"alternative_order_id,omitempty"`
	listCoverageJSON
}

type listCertJSON struct {
	ID            int      `json:"id"`
	CommonName    string   `json:"common_name"`
	DNSNames      []string `json:"dns_names"`
	ValidTill     string   `json:"valid_till,omitempty"`
	DaysRemaining *int     `json:"days_remaining,omitempty"`
	SignatureHash string   `json:"signature_hash"`
}

type pageJSON struct {
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// listOrders is GET /order/certificate.
//
// choice: filters[...] as list_filters.go reads them. sort: date_created,
// -date_created, id, -id;
// default id ascending (stable pages). limit default and maximum 1000
// (above is invalid_value:limit); offset >= 0.
func (s *Server) listOrders(k *apiKey, q url.Values) response {
	filters, errs := parseOrderFilters(q)
	limit, offset, pageErrs := pageParams(q)
	errs = append(errs, pageErrs...)
	sortKey := q.Get("sort")
	if sortKey == "" {
		sortKey = "id"
	}
	if !oneOf(sortKey, []string{"date_created", "-date_created", "id", "-id"}) {
		errs = append(errs, invalidValue("sort"))
	}
	if len(errs) > 0 {
		sort.Slice(errs, func(i, j int) bool { return errs[i].Code < errs[j].Code })
		return errResp(&APIError{Status: http.StatusBadRequest, Errors: errs})
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clk.now()
	var sel []*order
	for _, o := range s.orders {
		if o.acct != k.acct {
			continue
		}
		o.refresh(now)
		if matchAll(filters, o) {
			sel = append(sel, o)
		}
	}
	sort.Slice(sel, func(i, j int) bool {
		a, b := sel[i], sel[j]
		switch sortKey {
		case "-id":
			return a.ID > b.ID
		case "date_created":
			if !a.created.Equal(b.created) {
				return a.created.Before(b.created)
			}
			return a.ID < b.ID
		case "-date_created":
			if !a.created.Equal(b.created) {
				return a.created.After(b.created)
			}
			return a.ID > b.ID
		}
		return a.ID < b.ID
	})
	// An empty list has no "orders" key, as the real API answers
	// (CERTCENTRAL.md, "Answers seen from the real API").
	out := struct {
		Orders []listOrderJSON `json:"orders,omitempty"`
		Page   pageJSON        `json:"page"`
	}{Page: pageJSON{Total: len(sel), Limit: limit, Offset: offset}}
	for _, o := range pageSlice(sel, limit, offset) {
		item := listOrderJSON{
			ID: o.ID, Status: o.status, IsRenewed: o.renewedBy != 0, DateCreated: fmtDateTime(o.created),
			Organization: orgToJSON(o.org), ValidityYears: o.validityYears, AlternativeOrderID: o.altID,
			Product:     productJSON{NameID: o.prod.NameID, Name: o.prod.Name, Type: o.prod.Type},
			Certificate: listCertJSON{ID: o.CertID, CommonName: o.certCommonName(), DNSNames: o.dnsNamesJSON(), SignatureHash: o.signatureHash},
		}
		if o.container != nil {
			item.Container = &containerJSON{ID: o.container.ID, Name: o.container.Name}
		}
		if o.certDER != nil {
			item.Certificate.ValidTill = fmtDate(o.validTill)
			d := daysRemaining(o.validTill, now)
			item.Certificate.DaysRemaining = &d
		}
		item.listCoverageJSON = s.listCoverageLocked(o)
		out.Orders = append(out.Orders, item)
	}
	return jsonResp(http.StatusOK, out)
}

// statusError is the answer when an operation does not fit the order's
// status. choice: the pages name no code; we use 400 invalid_order_status
// with a message naming the current status and the allowed ones.
func statusError(o *order, op string, allowed ...string) *APIError {
	return apiErr(http.StatusBadRequest, "invalid_order_status",
		"Order "+strconv.Itoa(o.ID)+" is "+o.status+"; "+op+" needs an order that is "+strings.Join(allowed, ", ")+".")
}

// cancelOrder is PUT /order/certificate/{order_id}/status with
// {"status":"canceled","note":"..."} -> 204. Allowed from needs_approval,
// pending and waiting_pickup (-> canceled) and reissue_pending (the reissue is
// canceled: the order goes back to issued).
func (s *Server) cancelOrder(k *apiKey, ref string, body []byte) response {
	m, perr := parseBody(body)
	if perr != nil {
		return errResp(perr)
	}
	f := &fieldErrs{}
	root := f.newNode("", m)
	root.OneOf("status", true, StatusCanceled)
	note, _ := root.Str("note", true) // "note is required for cancellations"
	if e := f.toAPIError(); e != nil {
		return errResp(e)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.lookupOrder(k.acct, ref, false)
	if o == nil {
		return errResp(notFound("order"))
	}
	o.refresh(s.clk.now())
	switch o.status {
	case StatusNeedsApproval, StatusPending, StatusWaitingPickup:
		o.setStatus(StatusCanceled, s.clk.now())
		for _, r := range o.requests {
			if r.Status == "pending" {
				r.Status = "rejected"
			}
		}
	case StatusReissuePending:
		s.dropReissueLocked(o, s.clk.now())
	default:
		return errResp(statusError(o, "cancel", StatusNeedsApproval, StatusPending, StatusWaitingPickup, StatusReissuePending))
	}
	o.cancelNote = note
	return noContent()
}

type revokeJSON struct {
	ID        int    `json:"id"`
	Date      string `json:"date"`
	Type      string `json:"type"`
	Status    string `json:"status"`
	Requester user   `json:"requester"`
	Comments  string `json:"comments"`
}

// revocationReasons for TLS orders' optional revocation_reason (the RFC 5280
// reasons CA/B Forum allows subscribers to choose).
var revocationReasons = []string{"unspecified", "key_compromise", "affiliation_changed", "superseded", "cessation_of_operation"}

func (s *Server) revokeOrder(k *apiKey, ref string, body []byte) response {
	return s.revoke(k, body, func() *order { return s.lookupOrder(k.acct, ref, false) }, "order")
}

func (s *Server) revokeCertificate(k *apiKey, ref string, body []byte) response {
	return s.revoke(k, body, func() *order {
		id, err := strconv.Atoi(ref)
		if err != nil {
			return nil
		}
		if o := s.certs[id]; o != nil && o.acct == k.acct {
			return o
		}
		return nil
	}, "certificate")
}

// revoke is PUT /order/certificate/{id}/revoke and PUT
// /certificate/{id}/revoke: body {"comments","skip_approval"} (TLS orders may
// add revocation_reason). skip_approval true -> 204 and the order is revoked;
// otherwise 201 with a pending revoke request that ApproveRevocation
// completes. Only issued orders can be revoked.
//
// choice: the body may be empty ({}), comments is optional; a second revoke
// while one is pending answers 201 with the same pending request.
func (s *Server) revoke(k *apiKey, body []byte, find func() *order, what string) response {
	if len(strings.TrimSpace(string(body))) == 0 {
		body = []byte("{}")
	}
	m, perr := parseBody(body)
	if perr != nil {
		return errResp(perr)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := find()
	if o == nil {
		return errResp(notFound(what))
	}
	f := &fieldErrs{}
	root := f.newNode("", m)
	comments, _ := root.Str("comments", false)
	skip, _ := root.Bool("skip_approval", false)
	reason := ""
	if o.prod.kind == kindDV {
		reason, _ = root.OneOf("revocation_reason", false, revocationReasons...)
	}
	if e := f.toAPIError(); e != nil {
		return errResp(e)
	}
	now := s.clk.now()
	o.refresh(now)
	if o.status != StatusIssued {
		return errResp(statusError(o, "revoke", StatusIssued))
	}
	for _, r := range o.requests {
		if r.Type == "revoke" && r.Status == "pending" && !skip {
			return jsonResp(http.StatusCreated, revokeJSON{ID: r.ID, Date: fmtDateTime(r.Date), Type: r.Type, Status: r.Status, Requester: r.Requester, Comments: r.Comments})
		}
	}
	req := &orderRequest{ID: s.nextID.request, Date: now, Type: "revoke", Status: "pending", Comments: comments, Requester: k.acct.user}
	s.nextID.request++
	o.requests = append(o.requests, req)
	o.revokeComments, o.revocationReason = comments, reason
	if skip {
		for _, r := range o.requests {
			if r.Type == "revoke" && r.Status == "pending" {
				r.Status = "approved"
			}
		}
		o.setStatus(StatusRevoked, now)
		return noContent()
	}
	return jsonResp(http.StatusCreated, revokeJSON{ID: req.ID, Date: fmtDateTime(req.Date), Type: req.Type, Status: req.Status, Requester: req.Requester, Comments: req.Comments})
}
