package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
	"github.com/certcentral-community/terraform-provider-digicert/internal/validators"
)

var (
	_ resource.ResourceWithConfigure      = &dvSSLOrderResource{}
	_ resource.ResourceWithImportState    = &dvSSLOrderResource{}
	_ resource.ResourceWithValidateConfig = &dvSSLOrderResource{}
	_ resource.ResourceWithModifyPlan     = &dvSSLOrderResource{}
)

const dvSSLOrderType = "digicert_dv_ssl_order"

// Documented allowed values of the order-dv-ssl page.
var (
	dvProductIDs       = []string{"ssl_dv_geotrust", "ssl_dv_rapidssl", "wildcard_dv_geotrust", "wildcard_dv_rapidssl", "cloud_dv_geotrust"}
	dvWildcardProducts = []string{"wildcard_dv_geotrust", "wildcard_dv_rapidssl"}
	dvValidityYears    = []int64{1, 2}
	dvAutoRenewValues  = []int64{0, 1}
	paymentMethods     = []string{"balance", "card", "profile"}
	dcvMethods         = []string{"email", "dns-txt-token", "dns-cname-token", "http-token"}
	// The glossary's locale list was not available to us; its codes have
	// the form of en, fr, ja, zh_CN, so that form is what we check.
	localePattern = regexp.MustCompile(`^[a-z]{2}(_[A-Z]{2})?$`)
)

// dvMaxCustomExpirationDays is the page's limit: "Date must be less than 825
// days in the future".
const dvMaxCustomExpirationDays = 825

// NewDVSSLOrderResource is the digicert_dv_ssl_order resource.
func NewDVSSLOrderResource() resource.Resource { return &dvSSLOrderResource{} }

type dvSSLOrderResource struct {
	lifecycle orderLifecycle
}

type dvSSLOrderModel struct {
	ProductNameID               types.String `tfsdk:"product_name_id"`
	Certificate                 types.Object `tfsdk:"certificate"`
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
	DCVMethod                   types.String `tfsdk:"dcv_method"`
	DCVEmails                   types.List   `tfsdk:"dcv_emails"`
	Locale                      types.String `tfsdk:"locale"`
	SkipApproval                types.Bool   `tfsdk:"skip_approval"`
	DisableCT                   types.Bool   `tfsdk:"disable_ct"`
	Container                   types.Object `tfsdk:"container"`
	CustomFields                types.List   `tfsdk:"custom_fields"`
	TechnicalContact            types.Object `tfsdk:"technical_contact"`
	OnDestroy                   types.String `tfsdk:"on_destroy"`
	RenewBeforeDays             types.Int64  `tfsdk:"renew_before_days"`
	DCVRandomValue              types.String `tfsdk:"dcv_random_value"`
	DCVRecords                  types.Map    `tfsdk:"dcv_records"`
	ReadyForRenewal             types.Bool   `tfsdk:"ready_for_renewal"`
	orderStatusModel
	certificatePEMModel
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

func (r *dvSSLOrderResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dv_ssl_order"
}

func idObjectAttribute(description string) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: description,
		Optional:            true,
		PlanModifiers:       replaceObject,
		Attributes: map[string]schema.Attribute{
			"id": schema.Int64Attribute{MarkdownDescription: "ID.", Required: true, PlanModifiers: replaceInt64, Validators: []validator.Int64{int64validator.AtLeast(-1)}},
		},
	}
}

func customFieldsAttribute() schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: "Account-specific custom fields. Whether they are required depends on the account's custom field settings.",
		Optional:            true,
		PlanModifiers:       replaceList,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"metadata_id": schema.Int64Attribute{MarkdownDescription: "Custom field ID.", Required: true, PlanModifiers: replaceInt64, Validators: []validator.Int64{int64validator.AtLeast(1)}},
			"value":       schema.StringAttribute{MarkdownDescription: "Value for the custom field; its validation depends on the account's custom field settings.", Required: true, PlanModifiers: replaceString},
		}},
	}
}

func (r *dvSSLOrderResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		// Required
		"product_name_id": schema.StringAttribute{
			MarkdownDescription: "DV product to order, the `{dv_ssl_certificate_id}` of the API path: " + codeList(dvProductIDs) + ". The wildcard products need a wildcard common name (`*.example.com`); the others refuse wildcard names.",
			Required:            true,
			PlanModifiers:       identityString,
			Validators:          []validator.String{stringvalidator.OneOf(dvProductIDs...)},
		},
		"certificate": schema.SingleNestedAttribute{
			MarkdownDescription: "Certificate details.",
			Required:            true,
			PlanModifiers:       replaceObject,
			Attributes: map[string]schema.Attribute{
				"common_name": schema.StringAttribute{
					MarkdownDescription: "Domain to be secured.",
					Required:            true,
					PlanModifiers:       identityString,
					Validators:          []validator.String{validators.DNSName()},
				},
				"dns_names": schema.ListAttribute{
					MarkdownDescription: "Additional domains to be secured. Can result in additional costs.",
					ElementType:         types.StringType,
					Optional:            true,
					PlanModifiers:       identityList,
					Validators:          []validator.List{listvalidator.ValueStringsAre(validators.DNSName()), listvalidator.UniqueValues()},
				},
				"csr": schema.StringAttribute{
					// The page marks csr "required*" without saying when it
					// may be left out, so we require it.
					MarkdownDescription: "Certificate signing request (CSR), PEM. CertCentral does not read names from the CSR: `common_name` and `dns_names` decide what the certificate secures. " + validators.CSR().Description(context.Background()) + ".",
					Required:            true,
					PlanModifiers:       replaceString,
					Validators:          []validator.String{validators.CSR()},
				},
				"organization_units": schema.ListAttribute{
					MarkdownDescription: "Departments in your organization the certificate is for.",
					ElementType:         types.StringType,
					Optional:            true,
					PlanModifiers:       replaceList,
				},
				"server_platform": idObjectAttribute("Server platform type (CertCentral's default is `-1`, other). `id`: a server platform ID from the glossary, such as `-1` (other), `2` (Apache), `45` (nginx)."),
			},
		},
		"dcv_method": schema.StringAttribute{
			MarkdownDescription: "DCV method used to verify domain control: " + codeList(dcvMethods) + ". `http-token` cannot validate wildcard names.",
			Required:            true,
			PlanModifiers:       replaceString,
			Validators:          []validator.String{stringvalidator.OneOf(dcvMethods...)},
		},
		// Optional
		"renewed_thumbprint": schema.StringAttribute{
			MarkdownDescription: "If the order is a renewal, the SHA-1 thumbprint (40 hexadecimal digits) of the previous order's primary certificate.",
			Optional:            true,
			PlanModifiers:       replaceString,
			Validators:          []validator.String{validators.SHA1Thumbprint()},
		},
		"validity_years": schema.Int64Attribute{
			MarkdownDescription: "Number of years the certificate (order) is valid: " + codeListInt(dvValidityYears) + ". At least one of `validity_years`, `validity_days` and `custom_expiration_date` is required; `custom_expiration_date` overrides `validity_days`, which overrides `validity_years`.",
			Optional:            true,
			PlanModifiers:       replaceInt64,
			Validators:          []validator.Int64{int64validator.OneOf(dvValidityYears...)},
		},
		"validity_days": schema.Int64Attribute{
			MarkdownDescription: fmt.Sprintf("Number of days the certificate is valid after it is issued, 1 to %d (the page gives no range; we use the limit it gives for `custom_expiration_date`). Overrides `validity_years`.", dvMaxCustomExpirationDays-1),
			Optional:            true,
			PlanModifiers:       replaceInt64,
			Validators:          []validator.Int64{int64validator.Between(1, dvMaxCustomExpirationDays-1)},
		},
		"custom_expiration_date": schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("Custom expiration date, `yyyy-MM-dd`, after today and less than %d days ahead. Overrides `validity_days` and `validity_years`.", dvMaxCustomExpirationDays),
			Optional:            true,
			PlanModifiers:       replaceString,
			Validators:          []validator.String{validators.DateInFuture("2006-01-02", "yyyy-MM-dd", dvMaxCustomExpirationDays)},
		},
		"comments": schema.StringAttribute{
			MarkdownDescription: "Comments about the order for the approver.",
			Optional:            true,
			PlanModifiers:       replaceString,
		},
		"auto_renew": schema.Int64Attribute{
			MarkdownDescription: "CertCentral's own automatic renewal, as documented: `0` (enabled), `1` (disabled); CertCentral's default is `0`.",
			Optional:            true,
			PlanModifiers:       replaceInt64,
			Validators:          []validator.Int64{int64validator.OneOf(dvAutoRenewValues...)},
		},
		"custom_renewal_message": schema.StringAttribute{
			MarkdownDescription: "Custom message included in renewal notifications.",
			Optional:            true,
			PlanModifiers:       replaceString,
		},
		"disable_renewal_notifications": schema.BoolAttribute{
			MarkdownDescription: "Whether renewal notification emails are disabled (CertCentral's default `false`).",
			Optional:            true,
			PlanModifiers:       replaceBool,
		},
		"renewal_of_order_id": schema.Int64Attribute{
			MarkdownDescription: "If the order is a renewal, the previous order's ID.",
			Optional:            true,
			PlanModifiers:       replaceInt64,
			Validators:          []validator.Int64{int64validator.AtLeast(1)},
		},
		"payment_method": schema.StringAttribute{
			MarkdownDescription: "Payment method: " + codeList(paymentMethods) + " (CertCentral's default `balance`).",
			Optional:            true,
			PlanModifiers:       replaceString,
			Validators:          []validator.String{stringvalidator.OneOf(paymentMethods...)},
		},
		"dcv_emails": schema.ListNestedAttribute{
			MarkdownDescription: "Email scope for DCV emails, one entry per DNS name of the order at most.",
			Optional:            true,
			PlanModifiers:       replaceList,
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"dns_name":     schema.StringAttribute{MarkdownDescription: "DNS name of the order (`common_name` or one of `dns_names`) this scope applies to.", Required: true, PlanModifiers: replaceString, Validators: []validator.String{validators.DNSName()}},
				"email_domain": schema.StringAttribute{MarkdownDescription: "WHOIS domain record used to verify email addresses; must be the base domain of `dns_name`.", Required: true, PlanModifiers: replaceString, Validators: []validator.String{validators.DNSName()}},
				"email":        schema.StringAttribute{MarkdownDescription: "Email address to send the DCV email to; it must appear on the WHOIS record of `email_domain`.", Optional: true, PlanModifiers: replaceString, Validators: []validator.String{validators.Email()}},
			}},
		},
		"locale": schema.StringAttribute{
			MarkdownDescription: "Language of the DCV email, a glossary locale code such as `en`, `fr`, `ja` or `zh_CN`.",
			Optional:            true,
			PlanModifiers:       replaceString,
			Validators:          []validator.String{validators.Pattern(localePattern, "a locale code such as en, fr, ja or zh_CN")},
		},
		"skip_approval": schema.BoolAttribute{
			MarkdownDescription: "Whether the order skips the approval step and is submitted for validation at once (CertCentral's default `false`).",
			Optional:            true,
			PlanModifiers:       replaceBool,
		},
		"disable_ct": schema.BoolAttribute{
			MarkdownDescription: "Whether CT logging is disabled for the certificate; ignored unless order-specific CT logging is allowed on the account (CertCentral's default `false`).",
			Optional:            true,
			PlanModifiers:       replaceBool,
		},
		"container":         idObjectAttribute("Container the order is placed under. `id`: container ID."),
		"custom_fields":     customFieldsAttribute(),
		"technical_contact": technicalContactAttribute(),
		"on_destroy":        onDestroyAttribute(),
		"renew_before_days": schema.Int64Attribute{
			MarkdownDescription: "Renew the certificate when it has this many days or fewer left. When renewal is due, `ready_for_renewal` turns true and the plan shows an in-place update: apply places a renewal order (`renewal_of_order_id` = the current order), and `id` and the certificate attributes move to the new order. The old order is neither canceled nor revoked: its certificate keeps serving until it expires. Unset: no renewal. Provider-side; changing it calls no API.",
			Optional:            true,
			Validators:          []validator.Int64{int64validator.Between(1, 3650)},
		},
		"ready_for_renewal": schema.BoolAttribute{
			MarkdownDescription: "Whether renewal is due (see `renew_before_days`), decided at plan time from CertCentral's `days_remaining` (or `valid_till` and the current time).",
			Computed:            true,
		},
		"dcv_records": dcvRecordsAttribute(),
		// Computed
		"dcv_random_value": schema.StringAttribute{
			MarkdownDescription: "Random value that proves domain control, returned for `dns-txt-token` and `http-token` orders.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
	}
	for name, a := range orderComputedAttributes() {
		attrs[name] = a
	}
	for name, a := range certificatePEMAttributes() {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Places a DigiCert DV SSL certificate order (`POST /order/certificate/{dv_ssl_certificate_id}`). " +
			"Creating the resource places exactly one order and never waits for issuance. Orders cannot be edited, so changing any API argument replaces the order; `on_destroy` decides what destroy does.",
		Attributes: attrs,
	}
}

func technicalContactAttribute() schema.SingleNestedAttribute {
	req := func(d string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: d, Required: true, PlanModifiers: replaceString, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}}
	}
	return schema.SingleNestedAttribute{
		MarkdownDescription: "Technical contact details.",
		Optional:            true,
		PlanModifiers:       replaceObject,
		Attributes: map[string]schema.Attribute{
			"first_name": req("First name."),
			"last_name":  req("Last name."),
			"telephone":  req("Telephone number."),
			"job_title":  schema.StringAttribute{MarkdownDescription: "Job title.", Optional: true, PlanModifiers: replaceString},
			"email":      schema.StringAttribute{MarkdownDescription: "Email address.", Required: true, PlanModifiers: replaceString, Validators: []validator.String{validators.Email()}},
		},
	}
}

func (r *dvSSLOrderResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.lifecycle.client = configureClient(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig checks the rules that span several attributes, at plan
// time, before any order is placed.
func (r *dvSSLOrderResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m dvSSLOrderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateValidityChoice(m.ValidityYears, m.ValidityDays, m.CustomExpirationDate, &resp.Diagnostics)

	names, known := dvOrderNames(ctx, m, &resp.Diagnostics)
	if !known || m.ProductNameID.IsUnknown() || m.DCVMethod.IsUnknown() {
		return
	}
	product := m.ProductNameID.ValueString()
	wildcardProduct := slices.Contains(dvWildcardProducts, product)
	for i, name := range names {
		p := path.Root("certificate").AtName("common_name")
		if i > 0 {
			p = path.Root("certificate").AtName("dns_names").AtListIndex(i - 1)
		}
		if !validators.IsWildcard(name) {
			continue
		}
		if !wildcardProduct {
			resp.Diagnostics.AddAttributeError(p, "Wildcard Name on a Non-Wildcard Product",
				fmt.Sprintf("%q is a wildcard name, but %s does not secure wildcards. Use %s, or remove the wildcard.", name, product, strings.Join(dvWildcardProducts, " or ")))
		}
		if m.DCVMethod.ValueString() == "http-token" {
			resp.Diagnostics.AddAttributeError(p, "Wildcard Name Cannot Use http-token",
				fmt.Sprintf("%q is a wildcard name, which http-token cannot validate (the file must be served at an exact host name). Use dns-txt-token, dns-cname-token or email.", name))
		}
	}
	// The page does not say where the wildcard goes; we require it as the
	// common name, the name a wildcard certificate is ordered for (the
	// sandbox follows the same reading).
	if wildcardProduct && !validators.IsWildcard(names[0]) {
		resp.Diagnostics.AddAttributeError(path.Root("certificate").AtName("common_name"), "Wildcard Product Without a Wildcard Common Name",
			fmt.Sprintf("%s secures a wildcard name, so common_name must be one (such as *.example.com), not %q. Use a wildcard common name, or order %s.", product, names[0], strings.TrimPrefix(product, "wildcard_")))
	}
	validateDCVEmails(ctx, m.DCVEmails, names, &resp.Diagnostics)
}

// validateValidityChoice requires one of the three validity attributes and
// warns which one wins when several are set (custom_expiration_date >
// validity_days > validity_years, as the page documents).
func validateValidityChoice(years, days types.Int64, date types.String, diags *diag.Diagnostics) {
	if years.IsUnknown() || days.IsUnknown() || date.IsUnknown() {
		return
	}
	var set []string
	if !date.IsNull() {
		set = append(set, "custom_expiration_date")
	}
	if !days.IsNull() {
		set = append(set, "validity_days")
	}
	if !years.IsNull() {
		set = append(set, "validity_years")
	}
	switch {
	case len(set) == 0:
		diags.AddAttributeError(path.Root("validity_years"), "Missing Validity",
			"Set one of validity_years, validity_days or custom_expiration_date: CertCentral requires the order's validity.")
	case len(set) > 1:
		diags.AddAttributeWarning(path.Root(set[1]), "Several Validity Attributes Set",
			fmt.Sprintf("%s are all set; CertCentral uses %s and ignores the others (custom_expiration_date overrides validity_days, which overrides validity_years).", strings.Join(set, ", "), set[0]))
	}
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

func validateDCVEmails(ctx context.Context, list types.List, names []string, diags *diag.Diagnostics) {
	if list.IsNull() || list.IsUnknown() {
		return
	}
	var entries []dcvEmailModel
	diags.Append(list.ElementsAs(ctx, &entries, false)...)
	for i, e := range entries {
		if e.DNSName.IsUnknown() || e.EmailDomain.IsUnknown() {
			continue
		}
		p := path.Root("dcv_emails").AtListIndex(i)
		name := e.DNSName.ValueString()
		if !slices.Contains(names, name) {
			diags.AddAttributeError(p.AtName("dns_name"), "DCV Email Scope for a Name Not on the Order",
				fmt.Sprintf("%q is not one of the order's names (%s).", name, strings.Join(names, ", ")))
			continue
		}
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

// ModifyPlan plans what only the provider knows: the dcv_records keys (so
// for_each works on the first apply), replacement of dead orders, and
// renewal.
func (r *dvSSLOrderResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	planReplaceTerminal(ctx, req, resp, dvSSLOrderType)
	var plan dvSSLOrderModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() || plan.ID.IsUnknown() {
		// A new order: nothing is issued, nothing is due.
		plan.ReadyForRenewal = types.BoolValue(false)
		plan.DCVRecords = r.plannedRecords(ctx, plan, &resp.Diagnostics)
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		return
	}
	var state dvSSLOrderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !renewalDue(plan.RenewBeforeDays, state.orderStatusModel, now()) {
		plan.ReadyForRenewal = types.BoolValue(false)
		// Unchanged, so that for_each over it stays known.
		plan.DCVRecords = state.DCVRecords
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		return
	}
	// Renewal: an in-place update whose apply places the renewal order, so
	// everything that belongs to the order is known only after apply.
	resp.Diagnostics.AddWarning("Certificate Renewal Planned",
		fmt.Sprintf("Order %s has %s left, within renew_before_days = %d: apply places a renewal order. The current order is neither canceled nor revoked.",
			state.ID.ValueString(), daysLeftText(state.orderStatusModel), plan.RenewBeforeDays.ValueInt64()))
	plan.ReadyForRenewal = types.BoolValue(false)
	plan.ID, plan.DCVRandomValue = types.StringUnknown(), types.StringUnknown()
	plan.CertificateID, plan.DaysRemaining = types.Int64Unknown(), types.Int64Unknown()
	plan.Status, plan.DateCreated = types.StringUnknown(), types.StringUnknown()
	plan.SerialNumber, plan.Thumbprint, plan.ValidFrom, plan.ValidTill = types.StringUnknown(), types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	plan.setUnknown()
	plan.DCVRecords = r.plannedRecords(ctx, plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// plannedRecords is dcv_records for an order about to be placed: its keys
// when the names and method are known, else unknown.
func (r *dvSSLOrderResource) plannedRecords(ctx context.Context, m dvSSLOrderModel, diags *diag.Diagnostics) types.Map {
	names, known := dvOrderNames(ctx, m, diags)
	if !known || m.DCVMethod.IsUnknown() {
		return types.MapUnknown(types.ObjectType{AttrTypes: dcvRecordAttrTypes})
	}
	return plannedDCVRecords(m.DCVMethod.ValueString(), names)
}

// renewalDue decides renewal from CertCentral's own count of days left
// (measured on its clock at the last refresh), or, when that is missing,
// from valid_till and now.
func renewalDue(renewBeforeDays types.Int64, m orderStatusModel, now time.Time) bool {
	if renewBeforeDays.IsNull() || renewBeforeDays.IsUnknown() || m.Status.ValueString() != "issued" {
		return false
	}
	limit := renewBeforeDays.ValueInt64()
	if !m.DaysRemaining.IsNull() && !m.DaysRemaining.IsUnknown() {
		return m.DaysRemaining.ValueInt64() <= limit
	}
	till, err := time.Parse("2006-01-02", m.ValidTill.ValueString())
	if err != nil {
		return false
	}
	return till.Sub(now) <= time.Duration(limit)*24*time.Hour
}

func daysLeftText(m orderStatusModel) string {
	if !m.DaysRemaining.IsNull() && !m.DaysRemaining.IsUnknown() {
		return fmt.Sprintf("%d days", m.DaysRemaining.ValueInt64())
	}
	return "until " + m.ValidTill.ValueString()
}

func (r *dvSSLOrderResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan dvSSLOrderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.lifecycle.client, &resp.Diagnostics) {
		return
	}
	body, diags := dvSSLOrderRequest(ctx, plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !r.placeOrder(ctx, &plan, body, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// placeOrder sends the order and fills m from what came back. It returns
// false when no order was placed. Once the POST succeeded it adds only
// warnings: the order exists, and an error would make Terraform taint the
// resource and order again (FRAMEWORK-NOTES).
func (r *dvSSLOrderResource) placeOrder(ctx context.Context, m *dvSSLOrderModel, body certcentral.DVSSLOrderRequest, diags *diag.Diagnostics) bool {
	product := m.ProductNameID.ValueString()
	sentAt := now()
	placed, err := r.lifecycle.client.OrderDVSSL(ctx, product, body)
	if err != nil {
		diags.Append(orderPlacementError(err, dvSSLOrderType, product, body.Certificate.CommonName))
		return false
	}
	m.ID = types.StringValue(fmt.Sprint(placed.ID))
	m.CertificateID = types.Int64Null()
	if placed.CertificateID != 0 {
		m.CertificateID = types.Int64Value(placed.CertificateID)
	}
	m.DCVRandomValue = stringOrNull(placed.DCVRandomValue)
	if placed.DCVRandomValue != "" {
		// The value was created with the order, so it expires no earlier
		// than dcvValueLifetime after we sent it: no need to ask.
		if names, known := dvOrderNames(ctx, *m, diags); known {
			m.DCVRecords = knownDCVRecords(m.DCVMethod.ValueString(), names, placed.DCVRandomValue, sentAt.Add(dcvValueLifetime))
		}
	}
	m.ReadyForRenewal = types.BoolValue(false)
	m.clear()
	r.refreshComputed(ctx, m, placed.ID, diags)
	r.refreshDCVToken(ctx, m, placed.ID, true, diags)
	m.nullUnknowns()
	return true
}

// refreshComputed reads order info right after the order was placed. A
// failure is only a warning: the order is placed and its ID is in state, and
// the next refresh fills in the rest.
func (r *dvSSLOrderResource) refreshComputed(ctx context.Context, m *dvSSLOrderModel, orderID int64, diags *diag.Diagnostics) {
	info, err := r.lifecycle.client.GetOrder(ctx, orderID)
	if err != nil {
		diags.AddWarning("Order Placed, Details Not Read Yet",
			fmt.Sprintf("Order %d was placed and is recorded in state, but reading its details failed: %v. The next refresh (terraform plan or apply) reads them; nothing will be ordered again.", orderID, err))
		return
	}
	m.setFromOrderInfo(info)
}

func (r *dvSSLOrderResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state dvSSLOrderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	imported := state.ProductNameID.IsNull()
	info := r.lifecycle.readOrder(ctx, state.ID, imported, dvProductIDs, resp)
	if info == nil {
		return
	}
	if imported {
		// Fill the arguments from what the order says.
		resp.Diagnostics.Append(dvSSLModelFromOrderInfo(ctx, &state, info)...)
	}
	state.setFromOrderInfo(info)
	r.refreshCertificate(ctx, &state, &resp.Diagnostics)
	if state.Status.ValueString() == "needs_approval" || state.Status.ValueString() == "pending" {
		r.refreshDCVToken(ctx, &state, info.ID, false, &resp.Diagnostics)
	}
	state.ReadyForRenewal = types.BoolValue(renewalDue(state.RenewBeforeDays, state.orderStatusModel, now()))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// refreshCertificate downloads the certificate only when the order holds one
// that state does not have yet (first issuance, or a reissue that changed the
// thumbprint): a refresh with nothing new costs no download.
func (r *dvSSLOrderResource) refreshCertificate(ctx context.Context, m *dvSSLOrderModel, diags *diag.Diagnostics) {
	if m.Status.ValueString() != "issued" || m.CertificateID.IsNull() {
		if m.CertificatePEM.IsUnknown() {
			m.clear()
		}
		return
	}
	if !m.CertificatePEM.IsNull() && !m.CertificatePEM.IsUnknown() && m.leafThumbprint() == strings.ToUpper(m.Thumbprint.ValueString()) {
		return
	}
	if err := m.download(ctx, r.lifecycle.client, m.CertificateID.ValueInt64()); err != nil {
		diags.AddWarning("Certificate Not Downloaded Yet",
			fmt.Sprintf("Order %s is issued, but downloading certificate %d failed: %v. The next refresh tries again.", m.ID.ValueString(), m.CertificateID.ValueInt64(), err))
		m.clear()
	}
}

// refreshDCVToken keeps dcv_random_value and dcv_records current for the
// token methods. It asks CertCentral (PUT dcv-random-value, which answers the
// same value while it is valid) only when the value or its expiry is unknown,
// or the value has expired: an unchanged pending order costs no extra call.
func (r *dvSSLOrderResource) refreshDCVToken(ctx context.Context, m *dvSSLOrderModel, orderID int64, afterCreate bool, diags *diag.Diagnostics) {
	method := m.DCVMethod.ValueString()
	names, known := dvOrderNames(ctx, *m, diags)
	if !known {
		return
	}
	if _, ok := dcvRecordFor(method, "example.com"); !ok {
		m.DCVRecords = knownDCVRecords(method, nil, "", time.Time{})
		return
	}
	expires, haveExpiry := dcvExpiry(m.DCVRecords)
	needed := m.DCVRandomValue.IsNull() || m.DCVRandomValue.IsUnknown() || !haveExpiry || !now().Before(expires)
	if needed {
		token, err := r.lifecycle.client.GetDCVRandomValue(ctx, orderID)
		switch {
		case err != nil && afterCreate:
			diags.AddWarning("DCV Random Value Not Read Yet",
				fmt.Sprintf("Order %d was placed, but reading its DCV random value failed: %v. The next refresh reads it.", orderID, err))
		case err != nil:
			diags.AddWarning("DCV Random Value Not Refreshed", fmt.Sprintf("Reading the DCV random value of order %d failed: %v", orderID, err))
		default:
			m.DCVRandomValue = types.StringValue(token.DCVRandomValue)
			expires, _ = time.Parse(time.RFC3339, token.ExpirationDate)
		}
	}
	m.DCVRecords = knownDCVRecords(method, names, m.DCVRandomValue.ValueString(), expires)
}

// Update never calls the API except to renew: it records on_destroy,
// renew_before_days and the arguments an imported order adopts from
// configuration (see replace.go); any other change forces replacement.
func (r *dvSSLOrderResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state dvSSLOrderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	endImportAdoption(ctx, resp.Private, &resp.Diagnostics)
	if !plan.ID.IsUnknown() {
		plan.orderStatusModel = state.orderStatusModel
		plan.certificatePEMModel = state.certificatePEMModel
		plan.DCVRandomValue, plan.DCVRecords = state.DCVRandomValue, state.DCVRecords
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	// Renewal, planned by ModifyPlan.
	if !requireClient(r.lifecycle.client, &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	body, diags := dvSSLOrderRequest(ctx, plan)
	resp.Diagnostics.Append(diags...)
	oldID, err := parseOrderID(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(pathID, "Invalid Order ID in State", err.Error())
	}
	if resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	body.RenewalOfOrderID = &oldID
	if !r.placeOrder(ctx, &plan, body, &resp.Diagnostics) {
		// Nothing was ordered (or the outcome is unknown, which the error
		// explains): state keeps the current order.
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	resp.Diagnostics.AddWarning("Renewal Order Placed",
		fmt.Sprintf("Renewal order %s replaces order %d in state; order %d was left as it is and keeps serving until it expires. Validate the new order (digicert_dv_ssl_order_validation follows the new order ID).", plan.ID.ValueString(), oldID, oldID))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *dvSSLOrderResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state dvSSLOrderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.lifecycle.destroy(ctx, state.ID, state.OnDestroy, &resp.Diagnostics)
}

func (r *dvSSLOrderResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importOrderByID(ctx, req, resp)
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

// dvSSLModelFromOrderInfo fills the arguments of an imported order from
// order info. Only what order info returns is filled; the rest (csr aside,
// request-only settings such as skip_approval or locale) stays null and is
// listed in the import test's ImportStateVerifyIgnore.
func dvSSLModelFromOrderInfo(ctx context.Context, m *dvSSLOrderModel, info *certcentral.OrderInfo) diag.Diagnostics {
	var diags diag.Diagnostics
	s := schemaOf(ctx, &dvSSLOrderResource{})
	if info.Product != nil {
		m.ProductNameID = types.StringValue(info.Product.NameID)
	}
	m.OnDestroy = types.StringValue(onDestroyCancel)
	certType := objectTypeOf(s, "certificate")
	if c := info.Certificate; c != nil {
		cert := dvCertificateModel{
			CommonName:        types.StringValue(c.CommonName),
			DNSNames:          listOrNull(ctx, importedDNSNames(c), &diags),
			CSR:               stringOrNull(c.CSR),
			OrganizationUnits: listOrNull(ctx, c.OrganizationUnits, &diags),
			ServerPlatform:    types.ObjectNull(nestedObjectAttrTypes(certType, "server_platform")),
		}
		if c.ServerPlatform != nil {
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
// order sends: the common name repeated, and the `[" "]` placeholder
// API-NOTES reports for some orders.
func importedDNSNames(c *certcentral.OrderCertificate) []string {
	var out []string
	for _, n := range c.DNSNames {
		if strings.TrimSpace(n) == "" || n == c.CommonName {
			continue
		}
		out = append(out, n)
	}
	return out
}
