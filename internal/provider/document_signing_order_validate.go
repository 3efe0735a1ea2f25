package provider

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/certcentral-community/terraform-provider-digicert/internal/validators"
)

// dsignMaxOrderDays is order_validity.days' documented maximum (1095 days,
// three years); custom_expiration_date "must be within three years", which
// we check as the same 1095 days.
const dsignMaxOrderDays = 1095

// dsignShape says which page's body a product takes; both false when the
// product is unknown at plan time (or not a document signing product, which
// its own validator reports).
type dsignShape struct {
	product       string
	org, employee bool
}

func dsignShapeOf(product types.String) dsignShape {
	if product.IsNull() || product.IsUnknown() {
		return dsignShape{}
	}
	p := product.ValueString()
	return dsignShape{product: p, org: slices.Contains(dsignOrgProducts, p), employee: p == dsignEmployeeProduct}
}

// page names the shape's page.
func (s dsignShape) page() string {
	if s.employee {
		return dsignEmployeePage
	}
	return dsignOrgPage
}

// dsignIsSet reports whether v is set (neither null nor unknown).
func dsignIsSet(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// dsignObjectAs reads a known, non-null object into target; it reports false
// for a null or unknown object.
func dsignObjectAs(ctx context.Context, o types.Object, target any, diags *diag.Diagnostics) bool {
	if !dsignIsSet(o) {
		return false
	}
	d := o.As(ctx, target, basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true})
	diags.Append(d...)
	return !d.HasError()
}

// ValidateConfig checks, at plan time and before any order is placed, every
// rule that depends on the product or spans several attributes.
func (r *documentSigningOrderResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m documentSigningOrderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	d := &resp.Diagnostics
	// Card data is checked when a plan places an order (ModifyPlan,
	// dsignCheckPayment), since this check cannot tell whether the order
	// exists. What the CLI cannot carry is refused here.
	for _, wo := range []struct {
		name string
		val  types.Object
	}{{"credit_card", m.CreditCard}, {"billing_address", m.BillingAddress}} {
		if !wo.val.IsNull() && !req.ClientCapabilities.WriteOnlyAttributesAllowed {
			d.AddAttributeError(path.Root(wo.name), "Card Payment Needs Write-Only Attribute Support",
				wo.name+" is write-only, so that card data never reaches the plan or the state, and this Terraform or OpenTofu does not support write-only attributes "+
					"(Terraform 1.11 or later and current OpenTofu releases do). Upgrade, or remove credit_card and billing_address and pay with "+
					"payment_method = \"profile\" (the account's default credit card) or payment_method = \"balance\" (the account balance).")
		}
	}
	v := newDSignValidator(ctx, m, d)
	v.crossShape()
	v.certificate()
	v.provisioning()
	v.validity()
	v.organization()
	v.required()
}

// dsignValidator holds one configuration being validated, with its nested
// objects decoded once. A has* field is false when its object is null or
// unknown (or did not decode, which d then reports).
type dsignValidator struct {
	d     *diag.Diagnostics
	shape dsignShape
	m     documentSigningOrderModel

	cert             dsignCertificateModel
	subj             dsignSubjectModel
	org              dsignOrganizationModel
	contacts         []dsignContactModel // organization.contacts, when set
	ship             dsignShipInfoModel
	orderValidity    orderValidityModel
	hasCert, hasSubj bool
	hasOrg, hasShip  bool
	hasValidity      bool
}

func newDSignValidator(ctx context.Context, m documentSigningOrderModel, d *diag.Diagnostics) dsignValidator {
	v := dsignValidator{d: d, shape: dsignShapeOf(m.ProductNameID), m: m}
	v.hasCert = dsignObjectAs(ctx, m.Certificate, &v.cert, d)
	v.hasSubj = dsignObjectAs(ctx, m.Subject, &v.subj, d)
	v.hasOrg = dsignObjectAs(ctx, m.Organization, &v.org, d)
	v.hasShip = dsignObjectAs(ctx, m.ShipInfo, &v.ship, d)
	v.hasValidity = dsignObjectAs(ctx, m.OrderValidity, &v.orderValidity, d)
	if v.hasOrg && dsignIsSet(v.org.Contacts) {
		d.Append(v.org.Contacts.ElementsAs(ctx, &v.contacts, false)...)
	}
	return v
}

// notForShape refuses an attribute that belongs to the other page's body.
func (v dsignValidator) notForShape(p path.Path, set bool, instead string) {
	if !set {
		return
	}
	owner, ownerPage := dsignEmployeeProduct, dsignEmployeePage
	if v.shape.employee {
		owner, ownerPage = strings.Join(dsignOrgProducts, " and "), dsignOrgPage
	}
	detail := fmt.Sprintf("%s belongs to the %s request body (%s page); %s does not take it.", p, owner, ownerPage, v.shape.product)
	if instead != "" {
		detail += " " + instead
	} else {
		detail += " Remove it."
	}
	v.d.AddAttributeError(p, "Attribute Not Used by "+v.shape.product, detail)
}

// crossShape refuses the attributes of the other page's body.
func (v dsignValidator) crossShape() {
	m, cert, subj, org := v.m, v.cert, v.subj, v.org
	hasCert, hasSubj, hasOrg := v.hasCert, v.hasSubj, v.hasOrg
	certPath, subjPath := path.Root("certificate"), path.Root("subject")
	switch {
	case v.shape.org:
		v.notForShape(subjPath.AtName("given_name"), hasSubj && !subj.GivenName.IsNull(), "Give the subject's full name in subject.name instead.")
		v.notForShape(subjPath.AtName("surname"), hasSubj && !subj.Surname.IsNull(), "Give the subject's full name in subject.name instead.")
		ovPath := path.Root("order_validity")
		v.notForShape(ovPath.AtName("days"), v.hasValidity && !v.orderValidity.Days.IsNull(), "Give order_validity.years.")
		v.notForShape(ovPath.AtName("custom_expiration_date"), v.hasValidity && !v.orderValidity.CustomExpirationDate.IsNull(), "Give order_validity.years.")
		v.notForShape(certPath.AtName("usage_designation"), hasCert && !cert.UsageDesignation.IsNull(), "")
		v.notForShape(certPath.AtName("ca_cert_id"), hasCert && !cert.CACertID.IsNull(), "")
		v.notForShape(certPath.AtName("key_size"), hasCert && !cert.KeySize.IsNull(), "The key is the one in certificate.csr.")
		v.notForShape(certPath.AtName("csr_key_type"), hasCert && !cert.CSRKeyType.IsNull(), "The key is the one in certificate.csr.")
		v.notForShape(path.Root("organization").AtName("contacts"), hasOrg && !org.Contacts.IsNull(), "")
		v.notForShape(path.Root("renewal_of_order_id"), !m.RenewalOfOrderID.IsNull(), "")
		v.notForShape(path.Root("renewed_thumbprint"), !m.RenewedThumbprint.IsNull(), "")
		v.notForShape(path.Root("custom_renewal_message"), !m.CustomRenewalMessage.IsNull(), "")
		v.notForShape(path.Root("additional_emails"), !m.AdditionalEmails.IsNull(), "")
		v.notForShape(path.Root("promo_code"), !m.PromoCode.IsNull(), "")
	case v.shape.employee:
		v.notForShape(subjPath.AtName("name"), hasSubj && !subj.Name.IsNull(), "Give the subject's name in subject.given_name and subject.surname instead.")
		v.notForShape(path.Root("validity_years"), !m.ValidityYears.IsNull(), "Use order_validity.years (or order_validity.days or order_validity.custom_expiration_date) instead.")
		v.notForShape(path.Root("organization_contact"), !m.OrganizationContact.IsNull(), "Give the order's contacts in organization.contacts.")
		v.notForShape(path.Root("use_org_as_common_name"), !m.UseOrgAsCommonName.IsNull(), "The certificate names the subject (subject.given_name and subject.surname).")
		v.notForShape(path.Root("skip_approval"), !m.SkipApproval.IsNull(), "")
		v.notForShape(path.Root("custom_fields"), !m.CustomFields.IsNull(), "")
	}
}

// requireFor reports an attribute the product's page requires.
func (v dsignValidator) requireFor(p path.Path, value attr.Value) {
	if value.IsNull() {
		v.d.AddAttributeError(p, "Missing Required Attribute for "+v.shape.product,
			fmt.Sprintf("%s requires %s (%s page).", v.shape.product, p, v.shape.page()))
	}
}

// required checks what one product's page requires and the other's does not.
func (v dsignValidator) required() {
	m, cert, subj, org := v.m, v.cert, v.subj, v.org
	hasCert, hasSubj, hasOrg := v.hasCert, v.hasSubj, v.hasOrg
	certPath, subjPath := path.Root("certificate"), path.Root("subject")
	switch {
	case v.shape.org:
		if hasCert {
			v.requireFor(certPath.AtName("signature_hash"), cert.SignatureHash)
		}
		// The current page requires order_validity and deprecates
		// validity_years (the schema warns); the earlier page required
		// validity_years. choice: exactly one, since no page says which
		// wins when both are sent (the sandbox refuses both too).
		switch {
		case m.ValidityYears.IsUnknown() || m.OrderValidity.IsUnknown():
		case m.ValidityYears.IsNull() && m.OrderValidity.IsNull():
			v.d.AddAttributeError(path.Root("order_validity"), "Missing Required Attribute for "+v.shape.product,
				fmt.Sprintf("%s requires order_validity = { years = N } (%s page), or the deprecated validity_years.", v.shape.product, dsignOrgPage))
		case !m.ValidityYears.IsNull() && !m.OrderValidity.IsNull():
			v.d.AddAttributeError(path.Root("validity_years"), "Two Validities Given",
				"validity_years and order_validity both give the order's validity; give order_validity only (validity_years is deprecated).")
		}
		if hasSubj {
			v.requireFor(subjPath.AtName("name"), subj.Name)
		}
	case v.shape.employee:
		if hasCert {
			v.requireFor(certPath.AtName("usage_designation"), cert.UsageDesignation)
		}
		v.requireFor(path.Root("cs_provisioning_method"), m.CSProvisioningMethod)
		if hasOrg {
			v.requireFor(path.Root("organization").AtName("contacts"), org.Contacts)
		}
		v.requireFor(path.Root("csa_agreed_to"), m.CSAAgreedTo)
		if hasSubj {
			v.requireFor(subjPath.AtName("given_name"), subj.GivenName)
			v.requireFor(subjPath.AtName("surname"), subj.Surname)
		}
		v.requireFor(path.Root("order_validity"), m.OrderValidity)
		v.requireFor(path.Root("payment_method"), m.PaymentMethod)
	}
}

// oneOfFor checks a value against the product's own list; with the product
// unknown, against the union of both pages' lists.
func (v dsignValidator) oneOfFor(p path.Path, value types.String, orgValues, employeeValues []string) {
	if !dsignIsSet(value) {
		return
	}
	allowed, who := append(slices.Clone(orgValues), employeeValues...), "document signing products"
	switch {
	case v.shape.org:
		allowed, who = orgValues, v.shape.product
	case v.shape.employee:
		allowed, who = employeeValues, v.shape.product
	}
	if !slices.Contains(allowed, value.ValueString()) {
		v.d.AddAttributeError(p, "Invalid Attribute Value",
			fmt.Sprintf("%s: %q is not allowed for %s; allowed values: %s (%s).", p, value.ValueString(), who, strings.Join(allowed, ", "), v.pageOr("the API pages")))
	}
}

func (v dsignValidator) pageOr(fallback string) string {
	if v.shape.org || v.shape.employee {
		return v.shape.page() + " page"
	}
	return fallback
}

// certificate checks signature_hash, the CSR, and key_size against the key
// type.
func (v dsignValidator) certificate() {
	cert, d := v.cert, v.d
	if !v.hasCert {
		return
	}
	certPath := path.Root("certificate")
	v.oneOfFor(certPath.AtName("signature_hash"), cert.SignatureHash, dsignOrgSignatureHashes, dsignEmployeeSignatureHashes)

	var csrType, csrSize string
	if dsignIsSet(cert.CSR) {
		// A PEM public key is accepted for ds_org_individual (its page
		// allows one), and while the product is unknown.
		t, size, err := parseDSignKey(cert.CSR.ValueString(), !v.shape.org)
		if err != nil {
			d.AddAttributeError(certPath.AtName("csr"), "Invalid Certificate Signing Request", fmt.Sprintf("certificate.csr %v.", err))
		}
		csrType, csrSize = t, size
	}
	if cert.CSRKeyType.IsUnknown() || cert.KeySize.IsUnknown() {
		return
	}
	// The key type: csr_key_type when set (in any case, see
	// dsignCSRKeyTypes), else the CSR's, else RSA (the page's default).
	// choice: csr_key_type and key_size given with a CSR must match its
	// key, since the page does not say which wins; the sandbox refuses a
	// mismatch too.
	keyType := "rsa"
	switch {
	case dsignIsSet(cert.CSRKeyType):
		keyType = strings.ToLower(cert.CSRKeyType.ValueString())
		if csrType != "" && csrType != keyType {
			d.AddAttributeError(certPath.AtName("csr_key_type"), "Key Type Does Not Match the CSR",
				fmt.Sprintf("certificate.csr_key_type is %q, but the CSR holds an %s key. Set csr_key_type = %q, or leave it out.", keyType, strings.ToUpper(csrType), csrType))
		}
	case csrType != "":
		keyType = csrType
	}
	if !dsignIsSet(cert.KeySize) {
		return
	}
	size := cert.KeySize.ValueString()
	allowed := dsignRSAKeySizes
	if keyType == "ecc" {
		allowed = dsignECCKeySizes
	}
	switch {
	case !slices.Contains(dsignKeySizes, size):
		// The attribute's own validator reports it.
	case !slices.Contains(allowed, size):
		d.AddAttributeError(certPath.AtName("key_size"), "Key Size Does Not Match the Key Type",
			fmt.Sprintf("certificate.key_size %q is not a size for %s keys; with csr_key_type %q the allowed sizes are %s.", size, strings.ToUpper(keyType), keyType, strings.Join(allowed, ", ")))
	case csrSize != "" && csrSize != size && (keyType != "ecc" || dsignECCCurve[csrSize] != dsignECCCurve[size]):
		d.AddAttributeError(certPath.AtName("key_size"), "Key Size Does Not Match the CSR",
			fmt.Sprintf("certificate.key_size is %q, but the CSR's key is %s. Set key_size = %q, or leave it out.", size, csrSize, csrSize))
	}
}

// dsignPEMBlockRE matches a PEM block written on one line, as the employee page
// asks ("without line breaks").
var dsignPEMBlockRE = regexp.MustCompile(`^(-----BEGIN [A-Z ]+-----)\s*([A-Za-z0-9+/=\s]+?)\s*(-----END [A-Z ]+-----)$`)

// dsignNormalizePEM puts a one-line PEM block on separate lines so it can be
// parsed; the value sent to CertCentral stays as the user wrote it.
func dsignNormalizePEM(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "\n") {
		return s
	}
	if parts := dsignPEMBlockRE.FindStringSubmatch(s); parts != nil {
		return parts[1] + "\n" + strings.Join(strings.Fields(parts[2]), "") + "\n" + parts[3] + "\n"
	}
	return s
}

// parseDSignKey checks a certificate.csr value as validators.CSR does and
// returns its key type ("rsa" or "ecc") and the key_size value that
// describes its key. allowPublicKey also accepts a PEM public key, which the
// employee page allows in csr.
func parseDSignKey(s string, allowPublicKey bool) (keyType, keySize string, err error) {
	s = dsignNormalizePEM(s)
	var pub any
	if block, _ := pem.Decode([]byte(s)); allowPublicKey && block != nil && block.Type == "PUBLIC KEY" {
		k, perr := x509.ParsePKIXPublicKey(block.Bytes)
		if perr != nil {
			return "", "", fmt.Errorf("is a PEM public key that cannot be parsed: %v", perr)
		}
		pub = k
	} else {
		csr, cerr := validators.ParseCSR(s)
		if cerr != nil {
			if allowPublicKey {
				cerr = fmt.Errorf("%w (%s also accepts a PEM public key)", cerr, dsignEmployeeProduct)
			}
			return "", "", cerr
		}
		pub = csr.PublicKey
	}
	return validators.CheckPublicKey(pub)
}

// provisioning checks what cs_provisioning_method implies: a CSR for email,
// ship_info for ship_token only, and ship_info's per-page rules.
func (v dsignValidator) provisioning() {
	m, d := v.m, v.d
	method := m.CSProvisioningMethod
	if method.IsUnknown() {
		return
	}
	if v.hasCert && method.ValueString() == "email" && v.cert.CSR.IsNull() {
		d.AddAttributeError(path.Root("certificate").AtName("csr"), "Missing Certificate Signing Request",
			"certificate.csr is required when cs_provisioning_method is \"email\" (both pages).")
	}
	switch {
	case method.ValueString() == "ship_token" && m.ShipInfo.IsNull():
		// choice: the employee page asks for ship_info "for orders with the
		// cs_provisioning_method of ship_token"; we require it so that a
		// token is never shipped to an address the configuration does not
		// show (the sandbox requires it too).
		d.AddAttributeError(path.Root("ship_info"), "Missing Shipping Address",
			"ship_info is required when cs_provisioning_method is \"ship_token\": it says where the hardware token is shipped.")
	case method.ValueString() != "ship_token" && !m.ShipInfo.IsNull():
		// No page refuses ship_info with another method; both describe it
		// as the token's shipping address, so it is only a warning.
		current := "not set"
		if !method.IsNull() {
			current = fmt.Sprintf("%q", method.ValueString())
		}
		d.AddAttributeWarning(path.Root("ship_info"), "Shipping Address Without a Shipped Token",
			fmt.Sprintf("ship_info is the shipping address of a hardware token (cs_provisioning_method = \"ship_token\"), and cs_provisioning_method is %s, so CertCentral has no token to ship and will not use it. It is sent as configured.", current))
	}
	ship := v.ship
	if !v.hasShip {
		return
	}
	shipPath := path.Root("ship_info")
	v.oneOfFor(shipPath.AtName("method"), ship.Method, dsignOrgShipMethods, dsignEmployeeShipMethods)
	if v.shape.employee && ship.Addr2.IsNull() {
		v.requireFor(shipPath.AtName("addr2"), ship.Addr2)
	}
}

// validity checks that order_validity says how long.
func (v dsignValidator) validity() {
	ov := v.orderValidity
	if !v.hasValidity {
		return
	}
	p := path.Root("order_validity")
	attrs := validityAttrs{parent: p, date: "custom_expiration_date", days: "days", years: "years"}
	if v.shape.org {
		if ov.Years.IsNull() {
			v.d.AddAttributeError(p.AtName("years"), "Missing Order Validity",
				fmt.Sprintf("order_validity needs years for %s: its page documents order_validity.years only, and requires it.", v.shape.product))
		}
		return
	}
	if set, known := attrs.chosen(ov.CustomExpirationDate, ov.Days, ov.Years, v.d); known && len(set) == 0 {
		v.d.AddAttributeError(p, "Missing Order Validity",
			"order_validity needs years, days or custom_expiration_date: CertCentral requires the order's validity.")
	}
}

// organization checks the choice between an existing organization and a new
// one, and the contacts.
func (v dsignValidator) organization() {
	org := v.org
	if !v.hasOrg {
		return
	}
	p := path.Root("organization")
	details := map[string]attr.Value{
		"name": org.Name, "assumed_name": org.AssumedName, "address": org.Address, "address2": org.Address2, "city": org.City,
		"state": org.State, "zip": org.Zip, "country": org.Country, "telephone": org.Telephone, "organization_contact": org.OrganizationContact,
	}
	var given []string
	anyUnknown := org.ID.IsUnknown()
	for name, val := range details {
		anyUnknown = anyUnknown || val.IsUnknown()
		if !val.IsNull() {
			given = append(given, name)
		}
	}
	slices.Sort(given)
	switch {
	case anyUnknown:
	case !org.ID.IsNull() && len(given) > 0:
		// choice: no page forbids both. The org page uses organization.id
		// to "associate the request with an existing organization" and the
		// details only "to create a new organization" ("id ... not
		// required if you are creating a new organization"), so we read an
		// id as the organization CertCentral uses, and the sandbox does.
		v.d.AddAttributeWarning(p.AtName("id"), "Existing and New Organization Both Given",
			fmt.Sprintf("organization.id names an existing organization, and organization also holds details of a new one (%s). CertCentral uses the organization with this id; the details are sent but create nothing. Remove them, or remove id to create a new organization.", strings.Join(given, ", ")))
	case org.ID.IsNull() && len(given) == 0:
		// organization.id is "required*", "not required if you are creating
		// a new organization" (org page).
		v.d.AddAttributeError(p.AtName("id"), "Missing Organization",
			"Set organization.id to an existing organization's ID, or give a new organization's name, address, city, zip and country.")
	case org.ID.IsNull():
		// choice: the pages refer to "Create organization" for the
		// required fields, which we could not read; these five are what
		// the sandbox requires too.
		for _, name := range []string{"name", "address", "city", "zip", "country"} {
			if details[name].IsNull() {
				v.d.AddAttributeError(p.AtName(name), "Incomplete New Organization",
					fmt.Sprintf("organization has no id, so CertCentral creates a new organization, which needs name, address, city, zip and country; organization.%s is missing.", name))
			}
		}
	}

	// choice: a contact without user_id adds a new contact, which needs the
	// five fields the employee page lists for it (the sandbox agrees).
	for i, c := range v.contacts {
		if !c.UserID.IsNull() {
			continue
		}
		cp := p.AtName("contacts").AtListIndex(i)
		for name, val := range map[string]types.String{"first_name": c.FirstName, "last_name": c.LastName, "email": c.Email, "job_title": c.JobTitle, "telephone": c.Telephone} {
			if val.IsNull() {
				v.d.AddAttributeError(cp.AtName(name), "Incomplete New Contact",
					fmt.Sprintf("organization.contacts[%d] has no user_id, so it adds a new contact, which needs first_name, last_name, email, job_title and telephone; %s is missing.", i, name))
			}
		}
	}
}
