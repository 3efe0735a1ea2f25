package sandbox

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// The four response examples of the Subaccount order info page, corrected into
// valid JSON and otherwise kept field for field and value for value:
//   - example 2: "cost": <cost> (a placeholder) became "cost": 295;
//   - example 3: the missing comma after "validity_years": 1 was added.
//
// The "<ca_cert_id>"/"<ca_cert_name>" placeholders of example 2 are valid JSON
// strings and stay. Examples 1 and 4 share order ID 123456; examples 2 and 3
// share 12345678.
//
//go:embed fixtures/subaccount-example-*.json
var fixtureFS embed.FS

// DocumentedSubaccountExamples returns the four corrected examples, in page
// order.
func DocumentedSubaccountExamples() []json.RawMessage {
	out := make([]json.RawMessage, 0, 4)
	for i := 1; i <= 4; i++ {
		b, err := fixtureFS.ReadFile(fmt.Sprintf("fixtures/subaccount-example-%d.json", i))
		if err != nil {
			panic(err) // embedded at build time
		}
		out = append(out, json.RawMessage(b))
	}
	return out
}

// Optional top-level members of the subaccount order info answer and the
// query flag that asks for each.
const (
	subValidationsKey = "subaccount_order_validations"
	subCSProvKey      = "cs_provisioning_method"
)

// SeedSubaccountOrder makes GET /account/subaccount/order/{id} answer doc for
// the account of apiKey (replacing any earlier document for that ID). The doc
// is served verbatim, except that subaccount_order_validations and
// cs_provisioning_method are removed unless their query flag is true.
func (s *Server) SeedSubaccountOrder(apiKey string, id int, doc json.RawMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k := s.keys[apiKey]; k != nil {
		k.acct.subDocs[id] = append([]byte(nil), doc...)
	}
}

// stripTopLevel removes top-level members of a JSON object, keeping the
// others in their order and bytes.
func stripTopLevel(doc []byte, drop map[string]bool) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("sandbox: subaccount document is not a JSON object")
	}
	var buf bytes.Buffer
	buf.WriteString("{")
	first := true
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := t.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return nil, err
		}
		if drop[key] {
			continue
		}
		if !first {
			buf.WriteString(",")
		}
		first = false
		kb, _ := json.Marshal(key)
		buf.Write(kb)
		buf.WriteString(":")
		buf.Write(val)
	}
	buf.WriteString("}")
	var out bytes.Buffer
	if err := json.Indent(&out, buf.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func boolParam(q url.Values, name string) (bool, *ErrorEntry) {
	v := q.Get(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		e := invalidValue(name)
		return false, &e
	}
	return b, nil
}

// subaccountOrder is GET /account/subaccount/order/{order_id}: a seeded
// document, or an order placed by one of the account's subaccounts (or
// their subaccounts). 404 not_found|order otherwise.
func (s *Server) subaccountOrder(k *apiKey, ref string, q url.Values) response {
	withVal, e1 := boolParam(q, "include_validation_status")
	withCSP, e2 := boolParam(q, "include_cs_provisioning_method")
	var errs []ErrorEntry
	for _, e := range []*ErrorEntry{e1, e2} {
		if e != nil {
			errs = append(errs, *e)
		}
	}
	if len(errs) > 0 {
		return errResp(&APIError{Status: http.StatusBadRequest, Errors: errs})
	}
	id, err := strconv.Atoi(ref)
	if err != nil {
		return errResp(notFound("order"))
	}
	drop := map[string]bool{subValidationsKey: !withVal, subCSProvKey: !withCSP}

	s.mu.Lock()
	defer s.mu.Unlock()
	if doc, ok := k.acct.subDocs[id]; ok {
		out, err := stripTopLevel(doc, drop)
		if err != nil {
			return errResp(apiErr(http.StatusInternalServerError, "internal_error", err.Error()))
		}
		return response{status: http.StatusOK, ctype: "application/json", body: out}
	}
	o := s.orders[id]
	if o == nil || o.acct.parent == nil || !isAncestor(k.acct, o.acct) {
		return errResp(notFound("order"))
	}
	return jsonResp(http.StatusOK, s.subaccountDocLocked(o, o.acct.parent == k.acct, withVal, withCSP))
}

func isAncestor(a, child *account) bool {
	for p := child.parent; p != nil; p = p.parent {
		if p == a {
			return true
		}
	}
	return false
}

type subOrderJSON struct {
	ID             int             `json:"id"`
	Certificate    *subCertJSON    `json:"certificate,omitempty"`
	Organization   *orgJSON        `json:"organization,omitempty"`
	Subaccount     subAcctJSON     `json:"subaccount"`
	Product        productJSON     `json:"product"`
	OrderPrice     orderPriceJSON  `json:"order_price"`
	Status         string          `json:"status"`
	NumberOfSANs   *int            `json:"number_of_sans,omitempty"`
	DateCreated    string          `json:"date_created"`
	DateIssued     string          `json:"date_issued,omitempty"`
	IsMultiYear    string          `json:"is_multi_year_plan,omitempty"`
	OrderValidFrom string          `json:"order_valid_from,omitempty"`
	OrderValidTill string          `json:"order_valid_till,omitempty"`
	ValidityYears  int             `json:"validity_years,omitempty"`
	Validations    *subValidations `json:"subaccount_order_validations,omitempty"`
	CSProvisioning string          `json:"cs_provisioning_method,omitempty"`
}

type subCertJSON struct {
	ID                int        `json:"id"`
	Thumbprint        string     `json:"thumbprint,omitempty"`
	SerialNumber      string     `json:"serial_number,omitempty"`
	CommonName        string     `json:"common_name"`
	DNSNames          []string   `json:"dns_names"`
	ValidFrom         string     `json:"valid_from,omitempty"`
	ValidTill         string     `json:"valid_till,omitempty"`
	DaysRemaining     *int       `json:"days_remaining,omitempty"`
	OrganizationUnits []string   `json:"organization_units,omitempty"`
	SignatureHash     string     `json:"signature_hash"`
	CACert            caCertJSON `json:"ca_cert"`
}

type subAcctJSON struct {
	AccountID        int    `json:"account_id"`
	AccountType      string `json:"account_type"`
	OrganizationName string `json:"organization_name"`
}

type orderPriceJSON struct {
	Cost     int    `json:"cost"`
	Currency string `json:"currency"`
}

type subValidations struct {
	OrderNameScope          string          `json:"order_name_scope"`
	OrderDCVMethod          string          `json:"order_dcv_method,omitempty"`
	OrganizationValidations []subOrgVal     `json:"organization_validations,omitempty"`
	DNSNameValidations      []subDNSNameVal `json:"dns_name_validations,omitempty"`
}

type subOrgVal struct {
	Type                string            `json:"type"`
	Name                string            `json:"name"`
	Description         string            `json:"description"`
	Status              string            `json:"status"`
	VerificationDetails map[string]string `json:"verification_details"`
}

type subDNSNameVal struct {
	Status     string   `json:"status"`
	Method     string   `json:"method,omitempty"`
	NameScope  string   `json:"name_scope,omitempty"`
	DNSNames   []string `json:"dns_names"`
	BaseDomain string   `json:"base_domain"`
}

// Sandbox list prices (USD per year), cosmetic.
var productPrices = map[string]int{
	"ssl_dv_geotrust": 149, "ssl_dv_rapidssl": 69, "wildcard_dv_geotrust": 399, "wildcard_dv_rapidssl": 199,
	"cloud_dv_geotrust": 249, "document_signing_org_1": 449, "document_signing_org_2": 699, "ds_org_individual": 399,
}

// subaccountDocLocked renders an order of a subaccount in the page's shape.
// certificate and organization appear only for immediate subaccounts, as the
// page says. choice: with include_cs_provisioning_method, TLS orders report
// "email", as the page's example 3 does for an ssl_basic (Basic OV) order:
// the parameter's row ("the provisioning method for the certificate") does
// not limit it to signing products.
func (s *Server) subaccountDocLocked(o *order, immediate, withVal, withCSP bool) subOrderJSON {
	now := s.clk.now()
	o.refresh(now)
	sa := o.acct
	orgName := ""
	if len(sa.orgs) > 0 {
		orgName = sa.orgs[0].Name
	}
	years := o.validityYears
	cost := productPrices[o.prod.NameID] * max(years, 1)
	doc := subOrderJSON{
		ID:          o.ID,
		Subaccount:  subAcctJSON{AccountID: sa.id, AccountType: sa.accountType, OrganizationName: orgName},
		Product:     productJSON{NameID: o.prod.NameID, Name: o.prod.Name, Type: o.prod.Type},
		OrderPrice:  orderPriceJSON{Cost: cost, Currency: "USD"},
		Status:      o.status,
		DateCreated: fmtDateTime(o.created), ValidityYears: years,
	}
	if o.prod.kind == kindDV {
		// "Number of domains in the dns_names array", the array returned
		// below (common_name included, see dnsNamesJSON).
		n := len(o.dnsNamesJSON())
		doc.NumberOfSANs = &n
	}
	if years > 1 {
		doc.IsMultiYear = "1"
	}
	if immediate {
		c := &subCertJSON{ID: o.CertID, CommonName: o.certCommonName(), DNSNames: o.dnsNamesJSON(), OrganizationUnits: o.orgUnits,
			SignatureHash: o.signatureHash, CACert: caCertJSON{ID: s.ca.id, Name: s.ca.name}}
		if o.certDER != nil && o.status == StatusIssued {
			c.Thumbprint, c.SerialNumber = o.thumbprint, o.serial
			c.ValidFrom, c.ValidTill = fmtDate(o.validFrom), fmtDate(o.validTill)
			d := daysRemaining(o.validTill, now)
			c.DaysRemaining = &d
		}
		doc.Certificate = c
		doc.Organization = orgToJSON(o.org)
	}
	if o.certDER != nil {
		doc.DateIssued = fmtDateTime(o.issuedAt)
		doc.OrderValidFrom, doc.OrderValidTill = fmtDate(o.orderValidFrom), fmtDate(o.orderValidTill)
	}
	if withVal {
		v := &subValidations{OrderNameScope: "base_domain", OrderDCVMethod: o.dcvMethod}
		if o.prod.kind == kindDV {
			for _, n := range o.names() {
				st := "unapproved"
				dv := subDNSNameVal{DNSNames: []string{n}, BaseDomain: subBaseDomain(n)}
				if o.validated[strings.ToLower(n)] {
					st = "approved"
				} else {
					dv.Method, dv.NameScope = o.dcvMethod, baseName(n)
				}
				dv.Status = st
				v.DNSNameValidations = append(v.DNSNameValidations, dv)
			}
		} else {
			st := "pending"
			if o.certDER != nil {
				st = "complete"
			}
			v.OrganizationValidations = []subOrgVal{{
				Type: "ov", Name: "OV", Description: "Normal Organization Validation", Status: map[bool]string{true: "active", false: "pending"}[o.certDER != nil],
				VerificationDetails: map[string]string{"organization_status": st, "address_verification": st, "blacklist_fraud": st},
			}}
		}
		doc.Validations = v
	}
	if withCSP {
		doc.CSProvisioning = o.csProvisioning
		if doc.CSProvisioning == "" {
			doc.CSProvisioning = "email"
		}
	}
	return doc
}

// subBaseDomain is dns_name_validations[].base_domain, "Base domain of the
// hostname": the same public-suffix reading as dcv_emails (baseDomain); a
// name that is itself a public suffix is reported as it is.
func subBaseDomain(name string) string {
	if d, ok := baseDomain(name); ok {
		return d
	}
	return baseName(name)
}
