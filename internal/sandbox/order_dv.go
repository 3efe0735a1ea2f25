package sandbox

import (
	"strings"
	"time"
)

// DV custom_expiration_date: "Date must be less than 825 days in the future",
// format yyyy-MM-dd (the Order DV SSL page).
const dvMaxDaysAhead = 825

// dvMaxValidityDays bounds validity_days. The Order DV SSL page gives no
// maximum; the "End of 4- to 6-year Multi-year Plans" page says TLS orders
// with a validity_days over three years are refused with
// invalid_value:validity_days. choice: three years as 3 × 365 days
// (CERTCENTRAL.md, Validity).
const dvMaxValidityDays = 1095

// validateDV applies the Order DV SSL page to one body. Problems accumulate in
// root.f; the returned order holds what was read.
func (s *Server) validateDV(a *account, p *product, root *jnode, now time.Time) *order {
	o := &order{acct: a, prod: p, serverPlatform: -1, paymentMethod: "balance", signatureHash: "sha256"}
	f := root.f
	var certValidity *jnode // certificate.cert_validity, judged with the coverage below

	// certificate (required object)
	if cert := root.Obj("certificate", true); cert != nil {
		// common_name "required"; the wildcard rules are choices (see
		// wildcardPolicy).
		if cn, ok := cert.Str("common_name", true); ok {
			o.commonName = cn
			if !validHostname(cn, p.wildcard != wildcardNone) ||
				(p.wildcard == wildcardRequired && !isWildcard(cn)) {
				f.invalid("certificate.common_name")
			}
		}
		if names, ok := cert.StrArr("dns_names", false); ok {
			o.dnsNames = names
			if !validDNSNames(p, names) {
				f.invalid("certificate.dns_names")
			}
		}
		// choice: the page marks csr "required*" without saying when it is
		// not; DV certificates are issued from the CSR's key, so it is
		// always required here.
		if csrStr, ok := cert.Str("csr", true); ok {
			info, e := parseCSR(csrStr, false)
			if e != nil {
				f.addEntry(*e)
			} else {
				o.csr = info
			}
		}
		if units, ok := cert.StrArr("organization_units", false); ok {
			o.orgUnits = units
		}
		o.serverPlatform = readServerPlatform(cert)
		certValidity = cert.Obj("cert_validity", false)
	}

	s.readTLSValidity(a, root, certValidity, o, now)
	s.readTLSOptions(a, root, o)

	if m, ok := root.OneOf("dcv_method", true, dcvMethods...); ok {
		o.dcvMethod = m
		if m == "http-token" && hasWildcardName(o) {
			// HTTP validation checks the exact name, so never a wildcard
			// (CERTCENTRAL.md, DCV).
			f.invalid("dcv_method")
		}
	}
	if entries, ok := root.ObjArr("dcv_emails", false); ok {
		names := o.names()
		seen := map[string]bool{}
		for _, e := range entries {
			dn, dnOK := e.Str("dns_name", true)
			ed, edOK := e.Str("email_domain", true)
			em, emOK := e.Str("email", false)
			// "DNS name on the certificate": the DNS name must be on the
			// certificate (any case: DNS names are case-insensitive), or be
			// the base name of a wildcard on it (a wildcard DV certificate
			// secures both, see wildcardCovers).
			if dnOK && !containsFold(names, dn) && !containsFold(names, "*."+dn) {
				f.invalid("dcv_emails.dns_name")
			}
			// "You can add an entry for each DNS name": choice: at most one
			// entry per name.
			if dnOK {
				if seen[strings.ToLower(dn)] {
					f.invalid("dcv_emails.dns_name")
				}
				seen[strings.ToLower(dn)] = true
			}
			// "This value must match the dns_names base domain": the email
			// domain must be the name's base domain by the public suffix
			// list (see baseDomain).
			if dnOK && edOK {
				if b, ok := baseDomain(dn); !ok || b != strings.ToLower(ed) {
					f.invalid("dcv_emails.email_domain")
				}
			}
			if emOK && !validEmail(em) {
				f.invalid("dcv_emails.email")
			}
		}
	}
	// locale: "See Glossary – Locale codes" (see locales).
	if loc, ok := root.OneOf("locale", false, locales...); ok {
		o.locale = loc
	}
	if tc := root.Obj("technical_contact", false); tc != nil {
		o.techContact = tc.Strings([]string{"first_name", "last_name", "telephone", "email"}, []string{"job_title"})
		if em, ok := o.techContact["email"]; ok && !validEmail(em) {
			f.invalid("technical_contact.email")
		}
	}
	return o
}

// validDNSNames applies the product's wildcard policy to dns_names. Names
// a wildcard common name does not cover are accepted: DigiCert's change log
// ("Wildcard SANs", CERTCENTRAL.md, Order DV SSL) says they are added as
// additional names, not refused.
func validDNSNames(p *product, names []string) bool {
	for _, n := range names {
		if !validHostname(n, p.wildcard != wildcardNone) {
			return false
		}
	}
	return true
}

func hasWildcardName(o *order) bool {
	for _, n := range o.names() {
		if isWildcard(n) {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func dateOnly(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// readTLSValidity reads the validity fields the TLS order pages share (the
// Order DV SSL page states them; the OV and EV pages use the same).
func (s *Server) readTLSValidity(a *account, root *jnode, certValidity *jnode, o *order, now time.Time) {
	f := root.f
	// Validity: custom_expiration_date over validity_days over
	// validity_years; validity_years is required unless one of the other two
	// is given (validity_years "can be replaced by validity_days or
	// custom_expiration_date"). choice: every field that is sent is checked,
	// even when a higher-precedence one overrides it. choice: an empty
	// custom_expiration_date (as in the documented example) counts as not
	// sent.
	years, hasYears := root.Int("validity_years", false)
	if hasYears {
		o.validityYears = years
		if years != 1 && years != 2 {
			f.invalid("validity_years")
		}
	}
	days, hasDays := root.Int("validity_days", false)
	if hasDays {
		o.validityDays = days
		if days < 1 || days > dvMaxValidityDays {
			f.invalid("validity_days")
		}
	}
	ced, hasCED := root.Str("custom_expiration_date", false)
	if hasCED && ced != "" {
		d, err := time.Parse("2006-01-02", ced)
		today := dateOnly(now)
		if err != nil || !d.After(today) || !d.Before(today.AddDate(0, 0, dvMaxDaysAhead)) {
			f.invalid("custom_expiration_date")
		} else {
			o.customExpiration = d
		}
	} else {
		hasCED = false
	}
	if !hasYears && !hasDays && !hasCED && !root.Has("validity_years") && !root.Has("order_validity") {
		f.missing("validity_years")
	}
	s.validateCoverageDV(a, root, certValidity, o, now)
}

// readTLSOptions reads the order options the TLS order pages share.
func (s *Server) readTLSOptions(a *account, root *jnode, o *order) {
	f := root.f
	// renewed_thumbprint: "the SHA-1 thumbprint of the previous order's
	// primary certificate"; choice: it must be one of the account's.
	if tp, ok := root.Str("renewed_thumbprint", false); ok {
		o.renewedThumbprint = tp
		if s.findByThumbprint(a, tp) == nil {
			f.invalid("renewed_thumbprint")
		}
	}

	o.comments, _ = root.Str("comments", false)
	if ar, ok := root.Int("auto_renew", false); ok {
		// "Allowed values: 0 (enabled), 1 (disabled)" (sic).
		if ar != 0 && ar != 1 {
			f.invalid("auto_renew")
		}
		o.autoRenew = ar
	}
	o.renewalMessage, _ = root.Str("custom_renewal_message", false)
	o.disableRenewalNotifications, _ = root.Bool("disable_renewal_notifications", false)
	// renewal_of_order_id: "the previous order's ID"; choice: an order of
	// this account.
	if id, ok := root.Int("renewal_of_order_id", false); ok {
		o.renewalOf = id
		if prev := s.orders[id]; prev == nil || prev.acct != a {
			f.invalid("renewal_of_order_id")
		}
	}
	if pm, ok := root.OneOf("payment_method", false, paymentMethods...); ok {
		// choice: this page documents no credit_card/billing_address and
		// the DV resource has no card attributes, so "card" needs nothing
		// more here (the document signing pages differ, see order_ds.go).
		o.paymentMethod = pm
	}

	o.skipApproval, _ = root.Bool("skip_approval", false)
	o.disableCT, _ = root.Bool("disable_ct", false)
	o.container = readContainer(root, a)
	o.customFields = readCustomFields(root, a, false)
}
