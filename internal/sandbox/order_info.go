package sandbox

import (
	"net/http"
	"net/url"
	"sort"
	"time"
)

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
	ProfileOption     string         `json:"profile_option,omitempty"`
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
	if !o.prod.isTLS() {
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
		ProfileOption: o.profileOption,
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
	for _, c := range o.contacts {
		// OV/EV organization.contacts: the order info page's
		// organization_contact and technical_contact objects.
		m := map[string]string{"first_name": c.FirstName, "last_name": c.LastName, "email": c.Email, "job_title": c.JobTitle, "telephone": c.Telephone}
		if c.UserID != 0 {
			u := o.acct.user
			m = map[string]string{"first_name": u.FirstName, "last_name": u.LastName, "email": u.Email}
		}
		switch c.ContactType {
		case "organization_contact":
			info.OrganizationContact = m
		case "technical_contact":
			info.TechnicalContact = m
		}
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
