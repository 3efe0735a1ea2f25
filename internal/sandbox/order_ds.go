package sandbox

import (
	"slices"
	"strings"
	"time"
)

// validateDSOrg applies the Order document signing certificate page
// (document_signing_org_1, document_signing_org_2). Its French copy does not
// list the same rules: it makes organization.id plainly required, has no
// skip_duplicate_org_check row and no way to create a new organization with
// the order (CERTCENTRAL.md, Order document signing). The sandbox follows the
// English page: organization.id or a new organization's details, with the
// duplicate check.
func (s *Server) validateDSOrg(a *account, p *product, root *jnode, now time.Time) *order {
	o := &order{acct: a, prod: p, serverPlatform: -1, paymentMethod: "balance", useOrgAsCN: true}
	f := root.f

	cert := root.Obj("certificate", true)
	csrStr, hasCSR := "", false
	if cert != nil {
		csrStr, hasCSR = cert.Str("csr", false)
		o.serverPlatform = readServerPlatform(cert)
		// signature_hash: required, "Allowed values: sha256".
		if h, ok := cert.OneOf("signature_hash", true, "sha256"); ok {
			o.signatureHash = h
		}
	}
	// choice: the page gives no default for cs_provisioning_method; when it
	// is absent the CSR is not required and order info omits the field.
	if m, ok := root.OneOf("cs_provisioning_method", false, csProvisioning...); ok {
		o.csProvisioning = m
	}
	if hasCSR {
		if info, e := parseCSR(csrStr, false); e != nil {
			f.addEntry(*e)
		} else {
			o.csr = info
		}
	} else if o.csProvisioning == "email" && cert != nil {
		f.missing("certificate.csr") // "Required if cs_provisioning_method is email."
	}
	if v, ok := root.Bool("use_org_as_common_name", false); ok {
		o.useOrgAsCN = v
	}
	readDSOrgValidity(root, o)
	o.comments, _ = root.Str("comments", false)
	// The current page's root organization_contact: the order's contact
	// when it is not the organization's own. Checked, not kept: order info
	// as the sandbox answers it does not show it.
	if oc := root.Obj("organization_contact", false); oc != nil {
		readContactDetails(oc)
	}
	o.org, o.newOrg = s.readOrganization(root, a, false)
	o.container = readContainer(root, a)
	o.shipInfo = readShipInfo(root, orgShipMethods, false)
	// choice: ship_token needs a shipping address (the provider requires it
	// too); with another method ship_info is read and not used.
	if o.csProvisioning == "ship_token" && o.shipInfo == nil && !root.Has("ship_info") {
		f.missing("ship_info")
	}
	if subj := root.Obj("subject", true); subj != nil {
		o.subject = subj.Strings([]string{"name", "job_title", "phone", "email"}, nil)
		if em, ok := o.subject["email"]; ok && !validEmail(em) {
			f.invalid("subject.email")
		}
	}
	o.customFields = readCustomFields(root, a, true)
	o.userIDs, _ = root.IntArr("user_id_assignments", false)
	dsUnique(f, "user_id_assignments", o.userIDs)
	o.skipApproval, _ = root.Bool("skip_approval", false)
	// payment_method: optional, balance (default), card or profile.
	if pm, ok := root.OneOf("payment_method", false, paymentMethods...); ok {
		o.paymentMethod = pm
	}
	// choice: this page lists "card" without describing the card; the
	// employee page, for the same endpoint, says a card payment must carry
	// credit_card and billing_address, so the org products take and need
	// them the same way (the provider agrees).
	readCardPayment(root, o.paymentMethod, now)
	// csa_agreed_to is not in this page's table but its example sends
	// "csa_agreed_to": 1, so it is read (0|1|true|false) rather than flagged
	// as unknown.
	if v, ok := root.Bool("csa_agreed_to", false); ok {
		o.csaAgreed = &v
	}
	return o
}

// readDSOrgValidity reads the org products' validity. The seed page:
// validity_years required, 1 to 3. The current page: order_validity{years}
// required (years 1 to 3), validity_years deprecated but listed. Either is
// taken; only years is documented in order_validity, so days or
// custom_expiration_date there are unknown fields (recorded, not used). choice: both at once is
// invalid_value:validity_years, since no page says which wins (the provider
// refuses it at plan too).
func readDSOrgValidity(root *jnode, o *order) {
	f := root.f
	years, field := 0, ""
	if ov := root.Obj("order_validity", false); ov != nil {
		if y, ok := ov.Int("years", true); ok {
			years, field = y, "order_validity.years"
		}
	}
	hasOV := root.Has("order_validity")
	if y, ok := root.Int("validity_years", false); ok {
		if hasOV {
			f.invalid("validity_years")
			return
		}
		years, field = y, "validity_years"
	} else if !hasOV && !root.Has("validity_years") {
		f.missing("order_validity")
		return
	}
	if field == "" {
		return
	}
	o.validityYears = years
	if years < 1 || years > 3 {
		f.invalid(field)
	}
}

// readContactDetails reads the root organization_contact object: first_name, last_name, email
// and telephone required, job_title and telephone_extension optional.
// choice: the current page's table for the root organization_contact could
// not be read past first_name ("required"); the other fields and their
// requiredness follow the organization's own contact, as the provider does.
func readContactDetails(oc *jnode) {
	det := oc.Strings([]string{"first_name", "last_name", "email", "telephone"}, []string{"job_title", "telephone_extension"})
	if em, ok := det["email"]; ok && !validEmail(em) {
		oc.f.invalid(oc.child("email"))
	}
}

// validateDSIndividual applies the Document Signing for Business - Employee
// page (ds_org_individual).
func (s *Server) validateDSIndividual(a *account, p *product, root *jnode, now time.Time) *order {
	o := &order{acct: a, prod: p, serverPlatform: -1, signatureHash: "sha256"}
	f := root.f

	cert := root.Obj("certificate", true)
	csrStr, hasCSR := "", false
	keySizeRaw, hasKeySize := any(nil), false
	keyType, hasKeyType := "", false
	if cert != nil {
		o.serverPlatform = readServerPlatform(cert)
		// "ignored if the option for ICA selection is not enabled for your
		// account": sandbox accounts do not have it, so any string is taken
		// and ignored.
		o.caCertID, _ = cert.Str("ca_cert_id", false)
		if ud := cert.Obj("usage_designation", true); ud != nil {
			o.primaryUsage, _ = ud.OneOf("primary_usage", true, "signing")
			if adds, ok := ud.StrArr("additional_usages", false); ok {
				for _, u := range adds {
					if !oneOf(u, additionalUsages) {
						f.invalid("certificate.usage_designation.additional_usages")
						break
					}
				}
				dsUnique(f, "certificate.usage_designation.additional_usages", adds)
				o.additionalUsages = adds
			}
			if len(o.additionalUsages) == 0 {
				o.additionalUsages = []string{"document_signing"} // documented default
			}
		}
		// Ambiguity: the page lists csr, key_size, csr_key_type and
		// signature_hash with ".." right after ship_info's fields, as if
		// nested in ship_info. They describe the certificate and the CSR is
		// required for email provisioning, where ship_info is absent, so
		// they are read from certificate (as on the other pages). Sent
		// inside ship_info they are unknown fields.
		csrStr, hasCSR = cert.Str("csr", false)
		keySizeRaw, hasKeySize = cert.raw("key_size")
		if kt, ok := cert.Str("csr_key_type", false); ok {
			// Allowed "rsa or ecc", default "RSA": the page mixes the cases,
			// so they are compared case-insensitively (the provider agrees).
			keyType, hasKeyType = strings.ToLower(kt), true
			if keyType != "rsa" && keyType != "ecc" {
				f.invalid("certificate.csr_key_type")
				hasKeyType = false
			}
		}
		if h, ok := cert.OneOf("signature_hash", false, individualHashes...); ok {
			o.signatureHash = h // default "sha-256" (sic) = sha256
		}
	}
	// Required, although the page also says "Default: email": required wins.
	if m, ok := root.OneOf("cs_provisioning_method", true, csProvisioning...); ok {
		o.csProvisioning = m
	}
	o.shipInfo = readShipInfo(root, personShipMethods, true)
	if o.csProvisioning == "ship_token" && o.shipInfo == nil && !root.Has("ship_info") {
		f.missing("ship_info")
	}
	if hasCSR {
		if info, e := parseCSR(csrStr, true); e != nil {
			f.addEntry(*e)
		} else {
			o.csr = info
		}
	} else if o.csProvisioning == "email" && cert != nil {
		f.missing("certificate.csr")
	}
	// Key type and size: from the CSR when there is one, else from the
	// fields. choice: csr_key_type and key_size sent with a CSR must agree
	// with its key, since the page does not say which wins (the provider
	// refuses a mismatch at plan).
	if !hasKeyType {
		keyType = "rsa"
		if o.csr != nil {
			keyType = o.csr.KeyType
		}
	} else if o.csr != nil && o.csr.KeyType != keyType {
		f.invalid("certificate.csr_key_type")
	}
	o.csrKeyType = keyType
	o.keySize = 2048
	if keyType == "ecc" {
		o.keySize = 256
	}
	if o.csr != nil {
		o.keySize = o.csr.KeySize
	}
	if hasKeySize {
		size, ok := parseKeySize(keySizeRaw, keyType)
		switch {
		case !ok:
			f.invalid("certificate.key_size")
		case o.csr != nil && size != o.csr.KeySize:
			f.invalid("certificate.key_size")
		default:
			o.keySize = size
		}
	}

	o.comments, _ = root.Str("comments", false)
	o.org, o.newOrg = s.readOrganization(root, a, true)
	o.container = readContainer(root, a)
	if id, ok := root.Int("renewal_of_order_id", false); ok {
		o.renewalOf = id
		if prev := s.orders[id]; prev == nil || prev.acct != a {
			f.invalid("renewal_of_order_id")
		}
	}
	// The page's footnote: "Renewal orders must include either a
	// renewed_thumbprint or renewal_of_order_id value", so renewed_thumbprint
	// is read too; choice: it must be one of the account's certificates.
	if tp, ok := root.Str("renewed_thumbprint", false); ok {
		o.renewedThumbprint = tp
		if s.findByThumbprint(a, tp) == nil {
			f.invalid("renewed_thumbprint")
		}
	}
	o.renewalMessage, _ = root.Str("custom_renewal_message", false)
	if emails, ok := root.StrArr("additional_emails", false); ok {
		for _, e := range emails {
			if !validEmail(e) {
				f.invalid("additional_emails")
				break
			}
		}
		dsUnique(f, "additional_emails", emails)
		o.additionalEmails = emails
	}
	o.userIDs, _ = root.IntArr("user_id_assignments", false)
	dsUnique(f, "user_id_assignments", o.userIDs)
	// Required boolean, "Allowed values: 1 or 0" (true/false accepted too).
	// choice: 0 is allowed as documented and stored; it is not refused.
	if v, ok := root.Bool("csa_agreed_to", true); ok {
		o.csaAgreed = &v
	}
	o.promoCode, _ = root.Str("promo_code", false)
	if subj := root.Obj("subject", true); subj != nil {
		o.subject = subj.Strings([]string{"given_name", "surname", "job_title", "phone", "email"}, nil)
		if em, ok := o.subject["email"]; ok && !validEmail(em) {
			f.invalid("subject.email")
		}
	}
	if ov := root.Obj("order_validity", true); ov != nil {
		years, hasYears := ov.Int("years", false)
		if hasYears {
			o.validityYears = years
			if years < 1 || years > 3 {
				f.invalid("order_validity.years")
			}
		}
		days, hasDays := ov.Int("days", false)
		if hasDays {
			o.validityDays = days
			if days < 1 || days > 1095 {
				f.invalid("order_validity.days")
			}
		}
		ced, hasCED := ov.Str("custom_expiration_date", false)
		if hasCED && ced != "" {
			// "dd MMM YYYY" ("09 JUN 2025"); Go matches month names
			// case-insensitively. "Must be within three years of the date
			// you request the order" (and after it).
			d, err := time.Parse("02 Jan 2006", ced)
			today := dateOnly(now)
			if err != nil || !d.After(today) || d.After(today.AddDate(3, 0, 0)) {
				f.invalid("order_validity.custom_expiration_date")
			} else {
				o.customExpiration = d
			}
		} else {
			hasCED = false
		}
		if !hasYears && !hasDays && !hasCED && !ov.Has("years") {
			f.missing("order_validity.years")
		}
	}
	// Required, although the page also says "balance (default)".
	if pm, ok := root.OneOf("payment_method", true, paymentMethods...); ok {
		o.paymentMethod = pm
	}
	readCardPayment(root, o.paymentMethod, now)
	return o
}

// dsRSAKeySizes are the employee page's RSA key sizes.
var dsRSAKeySizes = []int{2048, 3072, 4096}

// parseKeySize reads key_size for a key type: RSA 2048|3072|4096 (numbers,
// as the page types key_size int); ECC "p-256"|"p-354" as the page writes
// them (lower case, as the page does), and "p-384": no P-354 curve exists,
// so the page's "p-354" is read as the P-384 curve it must mean and both
// spellings are accepted (the provider agrees). choice: ECC sizes only as
// these strings, the values the page lists; the numbers 256 and 384 are not
// documented and are refused (the provider agrees).
func parseKeySize(v any, keyType string) (int, bool) {
	if keyType == "ecc" {
		switch s, _ := v.(string); s {
		case "p-256":
			return 256, true
		case "p-384", "p-354":
			return 384, true
		}
		return 0, false
	}
	i, ok := asInt(v)
	return i, ok && slices.Contains(dsRSAKeySizes, i)
}

// dsUnique reports a list that names a value twice. choice: the pages do
// not say what a repeated additional usage, email or user ID means; a
// repetition is a mistake, so it is invalid_value, as the provider refuses
// it at plan.
func dsUnique[T comparable](f *fieldErrs, name string, values []T) {
	seen := map[T]bool{}
	for _, v := range values {
		if seen[v] {
			f.invalid(name)
			return
		}
		seen[v] = true
	}
}

// readShipInfo checks ship_info when sent: name, addr1, city, state, zip,
// country and method required (addr2 too when addr2Required, as the
// ds_org_individual page says), method one of methods, exact case.
func readShipInfo(root *jnode, methods []string, addr2Required bool) map[string]string {
	si := root.Obj("ship_info", false)
	if si == nil {
		return nil
	}
	req := []string{"name", "addr1", "city", "state", "zip", "country"}
	opt := []string{"addr2"}
	if addr2Required {
		req = append(req, "addr2")
		opt = nil
	}
	out := si.Strings(req, opt)
	if m, ok := si.OneOf("method", true, methods...); ok {
		out["method"] = m
	}
	return out
}

// readOrganization reads organization: an existing ID of the account, or the
// details of a new organization.
//
// choice: (the pages point to "Create organization", which we do not have):
//   - an unknown organization.id is 400 invalid_value:organization.id;
//   - a new organization needs name, address, city, zip and country
//     (missing_field:organization.<field>); assumed_name, address2, state,
//     telephone and organization_contact{first_name,last_name,email,telephone,
//     job_title?} are optional;
//   - duplicate check: an existing organization of the account with the same
//     name, address, city, zip and country (case-insensitive) is reused, the
//     oldest when several match, unless skip_duplicate_org_check is true;
//     only a really created organization is returned in the 201 answer;
//   - ds_org_individual: contacts is required (non-empty). Each contact needs
//     id (int, as the page marks it required) and contact_type (any
//     non-empty string: the page lists no values), and user_id unless
//     first_name, last_name, email, job_title and telephone are all given;
//     a user_id must be a user of the account.
func (s *Server) readOrganization(root *jnode, a *account, individual bool) (*organization, bool) {
	f := root.f
	on := root.Obj("organization", true)
	if on == nil {
		return nil, false
	}
	if individual {
		if contacts, ok := on.ObjArr("contacts", true); ok {
			if len(contacts) == 0 {
				f.invalid("organization.contacts")
			}
			for _, c := range contacts {
				// choice: IDs are at least 1, as CertCentral's IDs are
				// (the provider agrees).
				if id, ok := c.Int("id", true); ok && id < 1 {
					f.invalid("organization.contacts.id")
				}
				c.Str("contact_type", true)
				details := c.Strings(nil, []string{"first_name", "last_name", "email", "job_title", "telephone"})
				if uid, ok := c.Int("user_id", false); ok {
					if !a.hasUser(uid) {
						f.invalid("organization.contacts.user_id")
					}
				} else if !c.Has("user_id") && len(details) < 5 {
					f.missing("organization.contacts.user_id")
				}
				if em, ok := details["email"]; ok && !validEmail(em) {
					f.invalid("organization.contacts.email")
				}
			}
		}
	}
	skipDup, _ := on.Bool("skip_duplicate_org_check", false)
	if id, ok := on.Int("id", false); ok {
		org := a.findOrg(id)
		if org == nil {
			f.invalid("organization.id")
		}
		// choice: with an id, new-organization details are read (so they
		// are not unknown fields) and not used: the id names the
		// organization to associate (the provider warns about them).
		on.Strings(nil, []string{"name", "address", "city", "zip", "country", "assumed_name", "address2", "state", "telephone"})
		if oc := on.Obj("organization_contact", false); oc != nil {
			oc.Strings(nil, []string{"first_name", "last_name", "email", "telephone", "job_title"})
		}
		return org, false
	}
	if on.Has("id") {
		return nil, false // wrong type, already reported
	}
	d := on.Strings([]string{"name", "address", "city", "zip", "country"}, []string{"assumed_name", "address2", "state", "telephone"})
	if oc := on.Obj("organization_contact", false); oc != nil {
		det := oc.Strings([]string{"first_name", "last_name", "email", "telephone"}, []string{"job_title"})
		if em, ok := det["email"]; ok && !validEmail(em) {
			f.invalid("organization.organization_contact.email")
		}
	}
	if len(d) < 5 || d["name"] == "" {
		return nil, false
	}
	cand := &organization{Name: d["name"], AssumedName: d["assumed_name"], Address: d["address"], Address2: d["address2"],
		City: d["city"], State: d["state"], Zip: d["zip"], Country: d["country"], Telephone: d["telephone"]}
	if !skipDup {
		for _, org := range a.orgs {
			if strings.EqualFold(org.Name, cand.Name) && strings.EqualFold(org.Address, cand.Address) &&
				strings.EqualFold(org.City, cand.City) && strings.EqualFold(org.Zip, cand.Zip) &&
				strings.EqualFold(org.Country, cand.Country) {
				return org, false
			}
		}
	}
	return cand, true // ID assigned when the order is committed
}

func (a *account) findOrg(id int) *organization {
	for _, o := range a.orgs {
		if o.ID == id {
			return o
		}
	}
	return nil
}

func (a *account) hasUser(id int) bool { return a.user.ID == id }
