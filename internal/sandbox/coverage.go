package sandbox

import (
	"fmt"
	"net/http"
	"time"
)

// Coverage versus certificate validity (CERTCENTRAL.md, "Multi-year plans
// and coverage"). An order buys coverage, order_valid_from to
// order_valid_till: one year, or one to three years on an account with
// Multi-year Plans. One certificate lasts at most Options.MaxCertDays (199
// days since 24 Feb 2026) and never past the coverage; inside the coverage a
// new certificate is a free reissue (reissue.go).
//
// The seed page's validity_years, validity_days and custom_expiration_date
// set the coverage exactly as before; the current page adds the
// order_validity object for the coverage and certificate.cert_validity for
// the first certificate.

const (
	// annualMaxDays is the longest coverage of an account without
	// Multi-year Plans, and the line above which an order is a Multi-year
	// Plan ("an order validity greater than 1 year (or 397 days)").
	annualMaxDays = 397
	// multiYearMaxDays is three years, the longest Multi-year Plan sold
	// since 31 Oct 2023.
	multiYearMaxDays = 1095
	// defaultDCVReuseDays is how long a completed domain validation stays
	// usable ("domain validation is only valid for 397 days").
	defaultDCVReuseDays = 397
)

// validitySpec is one order_validity or cert_validity object as sent.
type validitySpec struct {
	Years  int
	Days   int
	Custom time.Time // zero when not sent
}

// end is when a validity that starts at from ends. Precedence as for the
// root fields: custom_expiration_date over days over years. A custom date
// ends at 23:59:59 UTC that day.
func (v *validitySpec) end(from time.Time) time.Time {
	switch {
	case !v.Custom.IsZero():
		return v.Custom.Add(24*time.Hour - time.Second)
	case v.Days > 0:
		return from.AddDate(0, 0, v.Days)
	}
	return from.AddDate(v.Years, 0, 0)
}

// validityJSON is the answer shape of order_validity and cert_validity:
// only the unit that was used is returned.
type validityJSON struct {
	Years                int    `json:"years,omitempty"`
	Days                 int    `json:"days,omitempty"`
	CustomExpirationDate string `json:"custom_expiration_date,omitempty"`
}

func (v *validitySpec) json() *validityJSON {
	if v == nil {
		return nil
	}
	switch {
	case !v.Custom.IsZero():
		return &validityJSON{CustomExpirationDate: fmtDate(v.Custom)}
	case v.Days > 0:
		return &validityJSON{Days: v.Days}
	}
	return &validityJSON{Years: v.Years}
}

// multiYearJSON are the Multi-year fields of order info and of each listed
// order. is_multi_year_plan is the string "1" and only present on
// Multi-year Plans (the subaccount order info page documents that shape).
type multiYearJSON struct {
	OrderValidity   *validityJSON `json:"order_validity,omitempty"`
	IsMultiYearPlan string        `json:"is_multi_year_plan,omitempty"`
}

// listCoverageJSON adds the coverage dates to a listed order.
type listCoverageJSON struct {
	multiYearJSON
	OrderValidFrom string `json:"order_valid_from,omitempty"`
	OrderValidTill string `json:"order_valid_till,omitempty"`
}

// parseValidityDate reads a custom_expiration_date. choice: the DV page's
// root field is yyyy-MM-dd and the Multi-year examples write "21 DEC 2021";
// inside order_validity and cert_validity both are accepted.
func parseValidityDate(s string) (time.Time, error) {
	if d, err := time.Parse("2006-01-02", s); err == nil {
		return d, nil
	}
	return time.Parse("02 Jan 2006", s)
}

// readValidity reads an order_validity or cert_validity object at path.
// Every unit that is sent is checked: years within 1..maxYears, days within
// 1..maxDays, a custom date after today and at most maxDays ahead. nil when
// nothing usable was sent (the problems are in n.f).
func readValidity(n *jnode, path string, now time.Time, maxYears, maxDays int) *validitySpec {
	f := n.f
	spec := &validitySpec{}
	sent := false
	if y, ok := n.Int("years", false); ok {
		sent = true
		spec.Years = y
		if y < 1 || y > maxYears {
			f.invalid(path + ".years")
		}
	}
	if d, ok := n.Int("days", false); ok {
		sent = true
		spec.Days = d
		if d < 1 || d > maxDays {
			f.invalid(path + ".days")
		}
	}
	if c, ok := n.Str("custom_expiration_date", false); ok && c != "" {
		sent = true
		d, err := parseValidityDate(c)
		today := dateOnly(now)
		if err != nil || !d.After(today) || d.After(today.AddDate(0, 0, maxDays)) {
			f.invalid(path + ".custom_expiration_date")
		} else {
			spec.Custom = d
		}
	}
	if !sent {
		f.missing(path + ".years")
		return nil
	}
	return spec
}

// certValidityExceeds is the answer when a requested certificate would
// outlive the order. choice: the pages we could read name no code for this;
// cert_validity_exceeds_order_validity is the code CertCentral users report.
func certValidityExceeds(certTill, orderTill time.Time) ErrorEntry {
	return ErrorEntry{Code: "cert_validity_exceeds_order_validity",
		Message: fmt.Sprintf("The certificate validity (until %s) exceeds the order validity (until %s).", fmtDate(certTill), fmtDate(orderTill))}
}

// validateCoverageDV applies the current Order DV SSL page on top of the
// seed page: order_validity (which, when sent, sets the coverage instead of
// the root validity fields: choice), the account's Multi-year Plan limits,
// and certificate.cert_validity (cv).
func (s *Server) validateCoverageDV(a *account, root *jnode, cv *jnode, o *order, now time.Time) {
	f := root.f
	o.certCapDays = s.maxCertDays()
	multiYear := s.multiYearLocked(a)
	maxYears, maxDays := 1, annualMaxDays
	if multiYear {
		maxYears, maxDays = 3, multiYearMaxDays
	}
	if ov := root.Obj("order_validity", false); ov != nil {
		if spec := readValidity(ov, "order_validity", now, maxYears, maxDays); spec != nil {
			o.orderValidity = spec
			o.validityYears, o.validityDays, o.customExpiration = spec.Years, spec.Days, spec.Custom
		}
	} else if !multiYear {
		// Without Multi-year Plans an order covers one year at most. Values
		// the seed page already refuses are reported once, by validateDV.
		if o.validityYears == 2 {
			f.invalid("validity_years")
		}
		if o.validityDays > annualMaxDays && o.validityDays < dvMaxDaysAhead {
			f.invalid("validity_days")
		}
		if !o.customExpiration.IsZero() && o.customExpiration.After(dateOnly(now).AddDate(0, 0, annualMaxDays)) {
			f.invalid("custom_expiration_date")
		}
	}
	if cv != nil {
		// choice: a cert_validity longer than the certificate cap is refused
		// ("custom certificate lengths can't exceed the industry allowed
		// maximum"), not shortened; one longer than the coverage is
		// cert_validity_exceeds_order_validity.
		if spec := readValidity(cv, "certificate.cert_validity", now, 0, o.certCapDays); spec != nil {
			_, orderTill := o.validity(now)
			if till := spec.end(now); till.After(orderTill) {
				f.addEntry(certValidityExceeds(till, orderTill))
			}
			o.certValidity = spec
		}
	}
}

// capCertificate shortens a DV certificate ending at certTill to the
// certificate cap and to the cert_validity asked for, if any.
func (o *order) capCertificate(now, certTill time.Time) time.Time {
	days := o.certCapDays
	if days <= 0 {
		days = dvMaxCertDays
	}
	if limit := now.AddDate(0, 0, days); certTill.After(limit) {
		certTill = limit
	}
	if o.certValidity != nil {
		if till := o.certValidity.end(now); till.Before(certTill) {
			certTill = till
		}
	}
	return certTill
}

// coverage is the validity of a certificate issued now and the order's
// coverage. The coverage is fixed when the first certificate is issued;
// later certificates (reissues) end by its end.
func (o *order) coverage(now time.Time) (certTill, orderFrom, orderTill time.Time) {
	if o.orderValidTill.IsZero() {
		certTill, orderTill = o.validity(now)
		return certTill, now, orderTill
	}
	certTill = o.orderValidTill
	if o.prod.isTLS() {
		certTill = o.capCertificate(now, certTill)
	}
	return certTill, o.orderValidFrom, o.orderValidTill
}

// isMultiYearPlan: coverage longer than a year (397 days) is a Multi-year
// Plan. Before the first certificate the coverage is the one requested.
func (o *order) isMultiYearPlan() bool {
	if !o.orderValidTill.IsZero() {
		return o.orderValidTill.Sub(o.orderValidFrom) > annualMaxDays*24*time.Hour
	}
	_, till := o.validity(o.created)
	return till.Sub(o.created) > annualMaxDays*24*time.Hour
}

// orderValidityJSON is order_validity as the order asked for it: the object
// when sent, else the seed page's root field that set the coverage.
func (o *order) orderValidityJSON() *validityJSON {
	if o.orderValidity != nil {
		return o.orderValidity.json()
	}
	spec := &validitySpec{Years: o.validityYears, Days: o.validityDays, Custom: o.customExpiration}
	if spec.Years == 0 && spec.Days == 0 && spec.Custom.IsZero() {
		spec.Years = 1
	}
	return spec.json()
}

func (s *Server) multiYearFieldsLocked(o *order) multiYearJSON {
	out := multiYearJSON{OrderValidity: o.orderValidityJSON()}
	if o.isMultiYearPlan() {
		out.IsMultiYearPlan = "1"
	}
	return out
}

func (s *Server) listCoverageLocked(o *order) listCoverageJSON {
	out := listCoverageJSON{multiYearJSON: s.multiYearFieldsLocked(o)}
	if o.certDER != nil {
		out.OrderValidFrom, out.OrderValidTill = fmtDate(o.orderValidFrom), fmtDate(o.orderValidTill)
	}
	return out
}

// multiYearInfoLocked adds the Multi-year fields to order info, and shows a
// pending reissue's certificate (reissue.go).
func (s *Server) multiYearInfoLocked(o *order, info *orderInfoJSON) {
	info.multiYearJSON = s.multiYearFieldsLocked(o)
	info.Certificate.CertValidity = o.certValidity.json()
	if o.reissue != nil {
		s.pendingCertificateInfo(o, &info.Certificate)
	}
}

func (s *Server) maxCertDays() int {
	if s.opts.MaxCertDays > 0 {
		return s.opts.MaxCertDays
	}
	return dvMaxCertDays
}

func (s *Server) dcvReuse() time.Duration {
	days := s.opts.DCVReuseDays
	if days <= 0 {
		days = defaultDCVReuseDays
	}
	return time.Duration(days) * 24 * time.Hour
}

// multiYearLocked reports whether account a has Multi-year Plans.
func (s *Server) multiYearLocked(a *account) bool {
	if a.multiYear != nil {
		return *a.multiYear
	}
	return !s.opts.NoMultiYearPlans
}

// SetMultiYearPlans turns Multi-year Plans on or off for the account of
// apiKey. Orders placed afterwards follow the new setting.
func (s *Server) SetMultiYearPlans(apiKey string, enabled bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.keys[apiKey]
	if k == nil {
		return apiErr(http.StatusUnauthorized, "invalid_api_key", "The API key is missing, invalid or revoked.")
	}
	k.acct.multiYear = &enabled
	return nil
}
