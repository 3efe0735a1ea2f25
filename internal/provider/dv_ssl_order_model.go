package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// dvSSLOrderModel is digicert_dv_ssl_order's state: the engine's
// tlsOrderModel and the DV order's own arguments.
type dvSSLOrderModel struct {
	RenewedThumbprint           types.String `tfsdk:"renewed_thumbprint"`
	ValidityYears               types.Int64  `tfsdk:"validity_years"`
	ValidityDays                types.Int64  `tfsdk:"validity_days"`
	CustomExpirationDate        types.String `tfsdk:"custom_expiration_date"`
	Comments                    types.String `tfsdk:"comments"`
	AutoRenew                   types.Int64  `tfsdk:"auto_renew"`
	CustomRenewalMessage        types.String `tfsdk:"custom_renewal_message"`
	DisableRenewalNotifications types.Bool   `tfsdk:"disable_renewal_notifications"`
	RenewalOfOrderID            types.Int64  `tfsdk:"renewal_of_order_id"`
	PaymentMethod               types.String `tfsdk:"payment_method"`
	DCVEmails                   types.List   `tfsdk:"dcv_emails"`
	Locale                      types.String `tfsdk:"locale"`
	DisableCT                   types.Bool   `tfsdk:"disable_ct"`
	Container                   types.Object `tfsdk:"container"`
	CustomFields                types.List   `tfsdk:"custom_fields"`
	TechnicalContact            types.Object `tfsdk:"technical_contact"`
	DCVRandomValue              types.String `tfsdk:"dcv_random_value"`
	DCVRecords                  types.Map    `tfsdk:"dcv_records"`
	tlsOrderModel
}

type dvCertificateModel struct {
	CommonName        types.String `tfsdk:"common_name"`
	DNSNames          types.List   `tfsdk:"dns_names"`
	CSR               types.String `tfsdk:"csr"`
	OrganizationUnits types.List   `tfsdk:"organization_units"`
	ServerPlatform    types.Object `tfsdk:"server_platform"`
}

type idModel struct {
	ID types.Int64 `tfsdk:"id"`
}

type dcvEmailModel struct {
	DNSName     types.String `tfsdk:"dns_name"`
	EmailDomain types.String `tfsdk:"email_domain"`
	Email       types.String `tfsdk:"email"`
}

type customFieldModel struct {
	MetadataID types.Int64  `tfsdk:"metadata_id"`
	Value      types.String `tfsdk:"value"`
}

type technicalContactModel struct {
	FirstName types.String `tfsdk:"first_name"`
	LastName  types.String `tfsdk:"last_name"`
	Telephone types.String `tfsdk:"telephone"`
	JobTitle  types.String `tfsdk:"job_title"`
	Email     types.String `tfsdk:"email"`
}

// dvOrderNames returns the order's DNS names, common name first. known is
// false when any is unknown at plan time.
func dvOrderNames(ctx context.Context, m dvSSLOrderModel, diags *diag.Diagnostics) (names []string, known bool) {
	if m.Certificate.IsUnknown() || m.Certificate.IsNull() {
		return nil, false
	}
	var cert dvCertificateModel
	diags.Append(m.Certificate.As(ctx, &cert, basetypes.ObjectAsOptions{UnhandledUnknownAsEmpty: true})...)
	if diags.HasError() || cert.CommonName.IsUnknown() || cert.DNSNames.IsUnknown() {
		return nil, false
	}
	names = []string{cert.CommonName.ValueString()}
	for _, v := range cert.DNSNames.Elements() {
		s, ok := v.(types.String)
		if !ok || s.IsUnknown() {
			return nil, false
		}
		names = append(names, s.ValueString())
	}
	return names, true
}

// dvSSLOrderRequest maps the planned attributes onto the API body; unset
// attributes stay out of the JSON.
func dvSSLOrderRequest(ctx context.Context, m dvSSLOrderModel) (certcentral.DVSSLOrderRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	var cert dvCertificateModel
	diags.Append(m.Certificate.As(ctx, &cert, basetypes.ObjectAsOptions{})...)
	out := certcentral.DVSSLOrderRequest{
		Certificate: certcentral.DVSSLCertificate{
			CommonName:        cert.CommonName.ValueString(),
			DNSNames:          stringList(ctx, cert.DNSNames, &diags),
			CSR:               cert.CSR.ValueString(),
			OrganizationUnits: stringList(ctx, cert.OrganizationUnits, &diags),
			ServerPlatform:    idRef(ctx, cert.ServerPlatform, &diags),
		},
		RenewedThumbprint:           m.RenewedThumbprint.ValueString(),
		ValidityYears:               int64Ptr(m.ValidityYears),
		ValidityDays:                int64Ptr(m.ValidityDays),
		CustomExpirationDate:        m.CustomExpirationDate.ValueString(),
		OrderValidity:               orderValidityRequest(ctx, m.OrderValidity, &diags),
		Comments:                    m.Comments.ValueString(),
		AutoRenew:                   int64Ptr(m.AutoRenew),
		CustomRenewalMessage:        m.CustomRenewalMessage.ValueString(),
		DisableRenewalNotifications: boolPtr(m.DisableRenewalNotifications),
		RenewalOfOrderID:            int64Ptr(m.RenewalOfOrderID),
		PaymentMethod:               m.PaymentMethod.ValueString(),
		DCVMethod:                   m.DCVMethod.ValueString(),
		Locale:                      m.Locale.ValueString(),
		SkipApproval:                boolPtr(m.SkipApproval),
		DisableCT:                   boolPtr(m.DisableCT),
		Container:                   idRef(ctx, m.Container, &diags),
		CustomFields:                customFields(ctx, m.CustomFields, &diags),
	}
	if !m.DCVEmails.IsNull() {
		var emails []dcvEmailModel
		diags.Append(m.DCVEmails.ElementsAs(ctx, &emails, false)...)
		for _, e := range emails {
			out.DCVEmails = append(out.DCVEmails, certcentral.DCVEmail{DNSName: e.DNSName.ValueString(), EmailDomain: e.EmailDomain.ValueString(), Email: e.Email.ValueString()})
		}
	}
	if !m.TechnicalContact.IsNull() {
		var tc technicalContactModel
		diags.Append(m.TechnicalContact.As(ctx, &tc, basetypes.ObjectAsOptions{})...)
		out.TechnicalContact = &certcentral.TechnicalContact{
			FirstName: tc.FirstName.ValueString(), LastName: tc.LastName.ValueString(), Telephone: tc.Telephone.ValueString(),
			JobTitle: tc.JobTitle.ValueString(), Email: tc.Email.ValueString(),
		}
	}
	return out, diags
}

// dvSSLOrderModelFromOrderInfo fills the arguments of an imported order from
// order info. Only what order info returns is filled; the rest (csr aside,
// request-only settings such as skip_approval or locale) stays null and is
// listed in the import test's ImportStateVerifyIgnore.
func dvSSLOrderModelFromOrderInfo(ctx context.Context, m *dvSSLOrderModel, info *certcentral.OrderInfo) diag.Diagnostics {
	var diags diag.Diagnostics
	s := schemaOf(ctx, &dvSSLOrderResource{})
	if info.Product != nil {
		m.ProductNameID = types.StringValue(info.Product.NameID)
	}
	m.OnDestroy = types.StringValue(onDestroyCancel)
	m.AlternativeOrderID = stringOrNull(info.AlternativeOrderID)
	m.AllowRenewalOrders = types.BoolValue(true)
	// choice: coverage inputs stay unset on import (the seed page's
	// validity_years is what order info echoes back), as for a new order
	// that did not set them.
	m.OrderValidity = types.ObjectNull(objectTypeOf(s, "order_validity").AttrTypes)
	certType := objectTypeOf(s, "certificate")
	if c := info.Certificate; c != nil {
		cert := dvCertificateModel{
			CommonName:        types.StringValue(c.CommonName),
			DNSNames:          listOrNull(ctx, importedDNSNames(c), &diags),
			CSR:               stringOrNull(c.CSR),
			OrganizationUnits: listOrNull(ctx, c.OrganizationUnits, &diags),
			ServerPlatform:    types.ObjectNull(nestedObjectAttrTypes(certType, "server_platform")),
		}
		// -1 (other) is CertCentral's default, as for document signing: an
		// order that chose no platform reads back as -1, which the
		// configuration leaves out.
		if c.ServerPlatform != nil && c.ServerPlatform.ID != -1 {
			cert.ServerPlatform = idObject(nestedObjectAttrTypes(certType, "server_platform"), c.ServerPlatform.ID)
		}
		obj, d := types.ObjectValueFrom(ctx, certType.AttrTypes, cert)
		diags.Append(d...)
		m.Certificate = obj
	} else {
		m.Certificate = types.ObjectNull(certType.AttrTypes)
	}
	if info.ValidityYears != 0 {
		m.ValidityYears = types.Int64Value(info.ValidityYears)
	}
	m.PaymentMethod = stringOrNull(info.PaymentMethod)
	m.DCVMethod = stringOrNull(info.DCVMethod)
	if info.DisableRenewalNotifications {
		m.DisableRenewalNotifications = types.BoolValue(true)
	}
	m.Container = types.ObjectNull(objectTypeOf(s, "container").AttrTypes)
	if info.Container != nil && info.Container.ID != 0 {
		m.Container = idObject(objectTypeOf(s, "container").AttrTypes, info.Container.ID)
	}
	m.TechnicalContact = types.ObjectNull(objectTypeOf(s, "technical_contact").AttrTypes)
	if tc := info.TechnicalContact; tc != nil && tc.Email != "" {
		obj, d := types.ObjectValueFrom(ctx, objectTypeOf(s, "technical_contact").AttrTypes, technicalContactModel{
			FirstName: types.StringValue(tc.FirstName), LastName: types.StringValue(tc.LastName), Telephone: types.StringValue(tc.Telephone),
			JobTitle: stringOrNull(tc.JobTitle), Email: types.StringValue(tc.Email),
		})
		diags.Append(d...)
		m.TechnicalContact = obj
	}
	m.DCVEmails = types.ListNull(listElemObjectType(s, "dcv_emails"))
	m.CustomFields = types.ListNull(listElemObjectType(s, "custom_fields"))
	m.DCVRandomValue = types.StringNull()
	m.DCVRecords = types.MapNull(types.ObjectType{AttrTypes: dcvRecordAttrTypes})
	m.clear()
	return diags
}

// importedDNSNames drops what order info adds to dns_names beyond what an
// order sends: the common name repeated, and the `[" "]` placeholder some
// orders answer (CERTCENTRAL.md, section Order info).
func importedDNSNames(c *certcentral.OrderCertificate) []string {
	return slices.DeleteFunc(dropBlankNames(c.DNSNames), func(n string) bool { return n == c.CommonName })
}
