package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/certcentral-community/terraform-provider-digicert/internal/validators"
)

// dvMaxCustomExpirationDays is the page's limit: "Date must be less than 825
// days in the future".
const dvMaxCustomExpirationDays = 825

// dvMaxValidityDays bounds validity_days. The Order DV SSL page gives no
// maximum; the "End of 4- to 6-year Multi-year Plans" page says TLS orders
// whose validity_days exceeds three years are refused (invalid_value:
// validity_days). choice: three years as 3 × 365 days, the same 1095 the
// employee page gives for order_validity.days (CERTCENTRAL.md, Validity).
const dvMaxValidityDays = 1095

// ValidateConfig checks the rules that span several attributes, at plan
// time, before any order is placed.
func (r *dvSSLOrderResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	defer func() { resp.Diagnostics = withPathsInText(resp.Diagnostics) }()
	var m dvSSLOrderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateDVPaymentMethod(m.PaymentMethod, &resp.Diagnostics)
	if m.OrderValidity.IsNull() {
		validateValidityChoice(m.ValidityYears, m.ValidityDays, m.CustomExpirationDate, &resp.Diagnostics)
	}
	validateOrderValidity(ctx, m, &resp.Diagnostics)

	names, known := dvOrderNames(ctx, m, &resp.Diagnostics)
	if !known || m.ProductNameID.IsUnknown() || m.DCVMethod.IsUnknown() {
		return
	}
	validateNameCount(names, &resp.Diagnostics)
	product := m.ProductNameID.ValueString()
	wildcardProduct := slices.Contains(dvWildcardProducts, product)
	wildcardAllowed := wildcardProduct || slices.Contains(dvWildcardAnyProducts, product)
	for i, name := range names {
		p := path.Root("certificate").AtName("common_name")
		if i > 0 {
			p = path.Root("certificate").AtName("dns_names").AtListIndex(i - 1)
		}
		if wildcardProduct && i > 0 && validators.IsWildcard(names[0]) && !wildcardCovers(names[0], name) {
			// The change log's "Wildcard SANs" entry: names that are not at
			// the wildcard's level are added to the certificate as
			// additional names, not refused (CERTCENTRAL.md, Order DV SSL).
			resp.Diagnostics.AddAttributeWarning(p, "Name Not Covered by the Wildcard",
				fmt.Sprintf("%q is not covered by the wildcard %s (which covers %s and the names one label below it), so CertCentral adds it as an additional name, which may cost extra.", name, names[0], strings.TrimPrefix(names[0], "*.")))
		}
		if !validators.IsWildcard(name) {
			continue
		}
		if !wildcardAllowed {
			// choice: see dvWildcardProducts.
			resp.Diagnostics.AddAttributeError(p, "Wildcard Name on a Non-Wildcard Product",
				fmt.Sprintf("%q is a wildcard name, but %s does not secure wildcards. Use %s, or remove the wildcard.", name, product, strings.Join(append(slices.Clone(dvWildcardProducts), dvWildcardAnyProducts...), ", ")))
		}
		if m.DCVMethod.ValueString() == "http-token" {
			// The HTTP file is read at the exact name (CERTCENTRAL.md, DCV).
			resp.Diagnostics.AddAttributeError(p, "Wildcard Name Cannot Use http-token",
				fmt.Sprintf("%q is a wildcard name, which http-token cannot validate (the file must be served at an exact host name). Use dns-txt-token, dns-cname-token or email.", name))
		}
	}
	// choice: the page does not say where the wildcard goes; we require it
	// as the common name, the name a wildcard certificate is ordered for
	// (the sandbox follows the same reading).
	if wildcardProduct && !validators.IsWildcard(names[0]) {
		resp.Diagnostics.AddAttributeError(path.Root("certificate").AtName("common_name"), "Wildcard Product Without a Wildcard Common Name",
			fmt.Sprintf("%s secures a wildcard name, so common_name must be one (such as *.example.com), not %q. Use a wildcard common name, or order %s.", product, names[0], strings.TrimPrefix(product, "wildcard_")))
	}
	validateDCVEmails(ctx, m.DCVEmails, names, &resp.Diagnostics)
}

// validateNameCount checks DigiCert's limit of domains per certificate,
// counting each name once (the common name is often listed in dns_names
// too, and names differ only in case at most).
func validateNameCount(names []string, diags *diag.Diagnostics) {
	distinct := map[string]bool{}
	for _, n := range names {
		distinct[strings.ToLower(n)] = true
	}
	if n := len(distinct); n > validators.MaxNamesPerCertificate {
		diags.AddAttributeError(path.Root("certificate").AtName("dns_names"), "Too Many Names",
			fmt.Sprintf("common_name and dns_names hold %d distinct names; a DigiCert DV certificate secures at most %d. Split the names over several orders.", n, validators.MaxNamesPerCertificate))
	}
}

// wildcardCovers reports whether a wildcard certificate for wildcard
// (*.example.com) secures name at no extra cost: the wildcard itself, its
// base name example.com (which DigiCert adds to wildcard certificates), or
// a name one label below the base name (CERTCENTRAL.md, Order DV SSL).
func wildcardCovers(wildcard, name string) bool {
	base := strings.ToLower(strings.TrimPrefix(wildcard, "*."))
	n := strings.ToLower(name)
	if n == strings.ToLower(wildcard) || n == base {
		return true
	}
	label, ok := strings.CutSuffix(n, "."+base)
	return ok && !strings.Contains(label, ".")
}

// validateValidityChoice requires one of the three validity attributes and
// warns which one wins when several are set.
func validateValidityChoice(years, days types.Int64, date types.String, diags *diag.Diagnostics) {
	attrs := validityAttrs{parent: path.Empty(), date: "custom_expiration_date", days: "validity_days", years: "validity_years"}
	if set, known := attrs.chosen(date, days, years, diags); known && len(set) == 0 {
		// validity_years is "required" and "can be replaced by
		// validity_days or custom_expiration_date".
		diags.AddAttributeError(path.Root("validity_years"), "Missing Validity",
			"Set one of validity_years, validity_days or custom_expiration_date: CertCentral requires the order's validity.")
	}
}

// validateDCVEmails checks dcv_emails against the page: dns_name is "DNS
// name on the certificate" (DNS names are case-insensitive, and a wildcard
// certificate also secures its base name), "an entry for each DNS name"
// (choice: so at most one per name, as the sandbox checks too), and
// email_domain "must match the dns_names base domain".
func validateDCVEmails(ctx context.Context, list types.List, names []string, diags *diag.Diagnostics) {
	if list.IsNull() || list.IsUnknown() {
		return
	}
	var entries []dcvEmailModel
	diags.Append(list.ElementsAs(ctx, &entries, false)...)
	onOrder := func(name string) bool {
		for _, n := range names {
			if strings.EqualFold(n, name) || (validators.IsWildcard(n) && strings.EqualFold(strings.TrimPrefix(n, "*."), name)) {
				return true
			}
		}
		return false
	}
	seen := map[string]int{}
	for i, e := range entries {
		if e.DNSName.IsUnknown() || e.EmailDomain.IsUnknown() {
			continue
		}
		p := path.Root("dcv_emails").AtListIndex(i)
		name := e.DNSName.ValueString()
		if !onOrder(name) {
			diags.AddAttributeError(p.AtName("dns_name"), "DCV Email Scope for a Name Not on the Order",
				fmt.Sprintf("%q is not one of the order's names (%s).", name, strings.Join(names, ", ")))
			continue
		}
		if first, dup := seen[strings.ToLower(name)]; dup {
			diags.AddAttributeError(p.AtName("dns_name"), "Duplicate DCV Email Scope",
				fmt.Sprintf("dcv_emails[%d] and dcv_emails[%d] both apply to %q; give at most one entry per name.", first, i, name))
			continue
		}
		seen[strings.ToLower(name)] = i
		base, err := validators.BaseDomain(name)
		if err != nil {
			diags.AddAttributeError(p.AtName("dns_name"), "No Base Domain", fmt.Sprintf("%q has no registrable base domain: %v", name, err))
			continue
		}
		if !strings.EqualFold(e.EmailDomain.ValueString(), base) {
			diags.AddAttributeError(p.AtName("email_domain"), "DCV Email Domain Is Not the Base Domain",
				fmt.Sprintf("email_domain must be the base domain of %q, which is %q, not %q.", name, base, e.EmailDomain.ValueString()))
		}
	}
}

// validateDVPaymentMethod refuses payment_method "card". The Order DV SSL
// page lists card among the payment methods but, unlike the document
// signing employee page, documents no credit_card or billing_address for
// it, and a new card cannot be charged without them (CERTCENTRAL.md, Order
// DV SSL). choice: refused at plan rather than sent to fail at apply;
// profile pays with the account's default card.
func validateDVPaymentMethod(pm types.String, diags *diag.Diagnostics) {
	if pm.IsNull() || pm.IsUnknown() || pm.ValueString() != "card" {
		return
	}
	diags.AddAttributeError(path.Root("payment_method"), "Card Payment Not Available for DV Orders",
		"payment_method = \"card\" pays with a new credit card, and the Order DV SSL endpoint documents no card details to send with it, so CertCentral could not charge it. "+
			"Use payment_method = \"profile\" (the account's default credit card) or \"balance\" (the account balance, CertCentral's default).")
}

// validateOrderValidity: exactly one unit, and not beside the root validity
// attributes.
func validateOrderValidity(ctx context.Context, m dvSSLOrderModel, diags *diag.Diagnostics) {
	if m.OrderValidity.IsNull() || m.OrderValidity.IsUnknown() {
		return
	}
	var v orderValidityModel
	diags.Append(m.OrderValidity.As(ctx, &v, basetypes.ObjectAsOptions{UnhandledUnknownAsEmpty: true})...)
	if v.Years.IsUnknown() || v.Days.IsUnknown() || v.CustomExpirationDate.IsUnknown() {
		return
	}
	set := 0
	for _, null := range []bool{v.Years.IsNull(), v.Days.IsNull(), v.CustomExpirationDate.IsNull()} {
		if !null {
			set++
		}
	}
	if set != 1 {
		diags.AddAttributeError(path.Root("order_validity"), "Set One Unit of order_validity",
			fmt.Sprintf("order_validity needs exactly one of years, days or custom_expiration_date; %d are set.", set))
	}
	if !m.ValidityYears.IsNull() || !m.ValidityDays.IsNull() || !m.CustomExpirationDate.IsNull() {
		diags.AddAttributeError(path.Root("order_validity"), "Two Ways of Setting the Coverage",
			"Set either order_validity or validity_years / validity_days / custom_expiration_date, not both: CertCentral reads one of them.")
	}
}
