package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/validators"
)

// Documented allowed values of the Order DV SSL page (CERTCENTRAL.md,
// Order DV SSL), each with the parameter it belongs to.
var (
	dvProductIDs = []string{"ssl_dv_geotrust", "ssl_dv_rapidssl", "wildcard_dv_geotrust", "wildcard_dv_rapidssl", "cloud_dv_geotrust"} // {dv_ssl_certificate_id}
	// choice: the wildcard products need a wildcard common name; the
	// standard products take no wildcard; cloud_dv_geotrust (multi-domain)
	// takes wildcards anywhere. No page states these rules; they follow
	// the product names, and the sandbox applies the same ones.
	dvWildcardProducts    = []string{"wildcard_dv_geotrust", "wildcard_dv_rapidssl"}
	dvWildcardAnyProducts = []string{"cloud_dv_geotrust"}
	dvValidityYears       = []int64{1, 2}                                                       // validity_years
	dvAutoRenewValues     = []int64{0, 1}                                                       // auto_renew
	paymentMethods        = []string{"balance", "card", "profile"}                              // payment_method
	dcvMethods            = []string{"email", "dns-txt-token", "dns-cname-token", "http-token"} // dcv_method, Glossary – DCV methods
	// locale: the page points to "Glossary – Locale codes", whose table we
	// could not read (CERTCENTRAL.md, Glossary values). choice: the eleven
	// DCV email languages below, the same list the sandbox accepts
	// (TestDVLocalesMatchSandbox).
	dvLocales = []string{"en", "de", "es", "fr", "it", "ja", "ko", "nl", "pt", "zh_CN", "zh_TW"}
)

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

func (r *dvSSLOrderResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	re := reissuable{now: r.now}
	attrs := map[string]schema.Attribute{
		// Required
		"product_name_id": schema.StringAttribute{
			MarkdownDescription: "DV product to order, the `{dv_ssl_certificate_id}` of the API path: " + codeList(dvProductIDs) + ". " +
				codeList(dvWildcardProducts) + " need a wildcard common name (`*.example.com`); " + codeList(dvWildcardAnyProducts) + " takes wildcard names anywhere; the others refuse wildcard names.",
			Required:      true,
			PlanModifiers: identityString,
			Validators:    []validator.String{stringvalidator.OneOf(dvProductIDs...)},
		},
		"certificate": schema.SingleNestedAttribute{
			MarkdownDescription: "Certificate details. A change of `csr`, `common_name`, `dns_names` or `server_platform` reissues the certificate on the same order while its coverage lasts (see `next_renewal`); otherwise, and for `organization_units`, it places a new order.",
			Required:            true,
			PlanModifiers:       re.object(),
			Attributes: map[string]schema.Attribute{
				"common_name": schema.StringAttribute{
					MarkdownDescription: "Domain to be secured.",
					Required:            true,
					PlanModifiers:       re.strings(true),
					Validators:          []validator.String{validators.DNSName()},
				},
				"dns_names": schema.ListAttribute{
					MarkdownDescription: fmt.Sprintf("Additional domains to be secured, each once (compared without regard to case); with `common_name`, at most %d distinct names, DigiCert's limit per certificate. ", validators.MaxNamesPerCertificate) + "Can result in additional costs: on the wildcard products, names the wildcard does not cover (other than the wildcard's base domain and names one label below it) are charged as additional names, and the plan warns about them.",
					ElementType:         types.StringType,
					Optional:            true,
					PlanModifiers:       re.identityList(),
					Validators:          []validator.List{listvalidator.ValueStringsAre(validators.DNSName()), validators.UniqueDNSNames()},
				},
				"csr": schema.StringAttribute{
					// The page marks csr "required*" without saying when it
					// may be left out, so we require it.
					MarkdownDescription: "Certificate signing request (CSR), PEM. CertCentral does not read names from the CSR: `common_name` and `dns_names` decide what the certificate secures. It " + validators.CSR().Description(ctx) + ".",
					Required:            true,
					PlanModifiers:       re.strings(false),
					Validators:          []validator.String{validators.CSR()},
				},
				"organization_units": schema.ListAttribute{
					MarkdownDescription: "Departments in your organization the certificate is for.",
					ElementType:         types.StringType,
					Optional:            true,
					PlanModifiers:       replaceList,
				},
				"server_platform": re.idObject("Server platform type (CertCentral's default is `-1`, other). `id`: a server platform ID from the glossary, such as `-1` (other), `2` (Apache), `45` (nginx).", minServerPlatformID),
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
			MarkdownDescription: "Number of years the certificate (order) is valid: " + codeListInt(dvValidityYears) + ". At least one of `validity_years`, `validity_days`, `custom_expiration_date` and `order_validity` is required; `custom_expiration_date` overrides `validity_days`, which overrides `validity_years`. Prefer `order_validity`, the current Order DV SSL page's way to buy coverage; these three root attributes are still accepted, for configurations written before it.",
			Optional:            true,
			PlanModifiers:       replaceInt64,
			Validators:          []validator.Int64{int64validator.OneOf(dvValidityYears...)},
		},
		"validity_days": schema.Int64Attribute{
			MarkdownDescription: fmt.Sprintf("Number of days the certificate is valid after it is issued, 1 to %d (three years: CertCentral refuses longer TLS orders; the certificate itself may be issued for less). Overrides `validity_years`.", dvMaxValidityDays),
			Optional:            true,
			PlanModifiers:       replaceInt64,
			Validators:          []validator.Int64{int64validator.Between(1, dvMaxValidityDays)},
		},
		"custom_expiration_date": schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("Custom expiration date, `yyyy-MM-dd`, after today and less than %d days ahead. Overrides `validity_days` and `validity_years`. The empty string (which the page's example sends) means no date and is not sent.", dvMaxCustomExpirationDays),
			Optional:            true,
			PlanModifiers:       replaceString,
			Validators:          []validator.String{validators.DateInFuture(r.now, "2006-01-02", "yyyy-MM-dd", dvMaxCustomExpirationDays)},
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
			MarkdownDescription: "Payment method: `balance` (CertCentral's default) or `profile` (the account's default credit card). `card` is refused at plan time: the page lists it but documents no card details to send with it.",
			Optional:            true,
			PlanModifiers:       replaceString,
			Validators:          []validator.String{stringvalidator.OneOf(paymentMethods...)},
		},
		"dcv_emails": schema.ListNestedAttribute{
			MarkdownDescription: "Email scope for DCV emails, at most one entry per DNS name of the order (names compare case-insensitively).",
			Optional:            true,
			PlanModifiers:       replaceList,
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"dns_name":     schema.StringAttribute{MarkdownDescription: "DNS name of the order (`common_name` or one of `dns_names`, in any case; for a wildcard `*.example.com` also `example.com`, which the wildcard certificate secures too) this scope applies to.", Required: true, PlanModifiers: replaceString, Validators: []validator.String{validators.DNSName()}},
				"email_domain": schema.StringAttribute{MarkdownDescription: "Domain whose DCV email addresses receive the email; must be the base domain of `dns_name`. (The API page calls it the WHOIS domain, but since 8 May 2025 DigiCert no longer reads WHOIS: it sends DCV emails to the domain's DNS TXT contact at `_validation-contactemail.<domain>`, its DNS CAA contact, or the constructed addresses `admin@`, `administrator@`, `webmaster@`, `hostmaster@` and `postmaster@`.)", Required: true, PlanModifiers: replaceString, Validators: []validator.String{validators.DNSName()}},
				"email":        schema.StringAttribute{MarkdownDescription: "Email address to send the DCV email to: one DigiCert accepts for `email_domain`, a DNS TXT or CAA contact of the domain or a constructed address such as `admin@<email_domain>`.", Optional: true, PlanModifiers: replaceString, Validators: []validator.String{validators.Email()}},
			}},
		},
		"locale": schema.StringAttribute{
			MarkdownDescription: "Language of the DCV email, a locale code: " + codeList(dvLocales) + ".",
			Optional:            true,
			PlanModifiers:       replaceString,
			Validators:          []validator.String{stringvalidator.OneOf(dvLocales...)},
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
		"container":         idObjectAttribute("Container the order is placed under. `id`: container ID.", minContainerID),
		"custom_fields":     customFieldsAttribute(),
		"technical_contact": technicalContactAttribute(),
		"dcv_records":       dcvRecordsAttribute(),
		// Computed
		"dcv_random_value": schema.StringAttribute{
			MarkdownDescription: "Random value that proves domain control, returned for `dns-txt-token` and `http-token` orders.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
	}
	for name, a := range tlsOrderAttributes(r.now, dvSSLOrderText) {
		attrs[name] = a
	}
	noteImportGaps(attrs, dvImportGaps)
	resp.Schema = schema.Schema{
		MarkdownDescription: "Places a DigiCert DV SSL certificate order (`POST /order/certificate/{dv_ssl_certificate_id}`). " +
			"Creating the resource places exactly one order and never waits for issuance. A new certificate inside the order's coverage is a free reissue of the same order: renewal (`renew_before_days`, `renew_before_fraction`) and changes of the CSR, names or server platform reissue while the coverage can hold a certificate, and only otherwise place a new, billed order (`next_renewal` says which, at plan time). Other arguments cannot be changed on an order, so changing them replaces it; `on_destroy` decides what destroy does.",
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

// dvImportGaps are the arguments of digicert_dv_ssl_order an import
// cannot fill (import_gaps.go).
var dvImportGaps = map[string]string{
	"skip_approval":          "a request-only setting",
	"dcv_emails":             "a request-only setting",
	"comments":               "a request-only setting",
	"custom_renewal_message": "a request-only setting",
	"locale":                 "a request-only setting",
	"custom_fields":          "not read back by the client",
	"disable_ct":             "a request-only setting",
	"auto_renew":             "a request-only setting",
	"renewed_thumbprint":     "order info says whether the order is a renewal, not of which certificate",
	"renewal_of_order_id":    "order info says whether the order is a renewal, not of which order",
	"validity_days":          "order info gives the validity in years",
	"custom_expiration_date": "order info gives the validity in years",
}
