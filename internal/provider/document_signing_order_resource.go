package provider

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
	"github.com/certcentral-community/terraform-provider-digicert/internal/validators"
)

var (
	_ resource.ResourceWithConfigure      = &documentSigningOrderResource{}
	_ resource.ResourceWithImportState    = &documentSigningOrderResource{}
	_ resource.ResourceWithValidateConfig = &documentSigningOrderResource{}
	_ resource.ResourceWithModifyPlan     = &documentSigningOrderResource{}
)

const documentSigningOrderType = "digicert_document_signing_order"

// The two API pages this resource implements. They describe different
// bodies for the same endpoint, so every product-dependent rule below says
// which page it comes from.
const (
	dsignOrgPage      = "order-document-signing-certificate"
	dsignEmployeePage = "order-document-signing-business-employee"
	// dsignEmployeeProduct is the one product of dsignEmployeePage.
	dsignEmployeeProduct = "ds_org_individual"
)

// Documented values. Where the pages disagree, each product gets its own
// page's values.
var (
	dsignOrgProducts  = []string{"document_signing_org_1", "document_signing_org_2"}
	dsignProductIDs   = append(slices.Clone(dsignOrgProducts), dsignEmployeeProduct)
	dsignCSProvMethod = []string{"email", "ship_token", "client_app"} // Glossary – CS provisioning methods; the employee page lists the same three
	// signature_hash: the org page allows sha256 only; the employee page
	// sha256, sha384 and sha512 (its default is written "sha-256", which we
	// read as sha256).
	dsignOrgSignatureHashes      = []string{"sha256"}
	dsignEmployeeSignatureHashes = []string{"sha256", "sha384", "sha512"}
	// ship_info.method: lower case on the org page, upper case on the
	// employee page. Each is checked exactly, as written on its page.
	dsignOrgShipMethods      = []string{"standard", "expedited"}
	dsignEmployeeShipMethods = []string{"STANDARD", "EXPEDITED"}
	dsignValidityYears       = []int64{1, 2, 3}
	dsignPrimaryUsages       = []string{"signing"}
	dsignAdditionalUsages    = []string{"adobe_authentic_documents_trustsigning", "ms_document_signing", "document_signing"}
	dsignCSRKeyTypes         = []string{"rsa", "ecc"}
	// key_size: the page types it int and lists "p-256" and "p-354" for ECC.
	// No P-354 curve exists (the page means P-384, the curve CertCentral
	// accepts elsewhere), so key_size is a string of one of these values,
	// sent as a JSON number for RSA and as the string for ECC (see
	// certcentral.KeySize).
	dsignRSAKeySizes = []string{"2048", "3072", "4096"}
	dsignECCKeySizes = []string{"p-256", "p-384"}
	dsignKeySizes    = append(slices.Clone(dsignRSAKeySizes), dsignECCKeySizes...)

	dsignCardNumberPattern = regexp.MustCompile(`^[0-9]{12,19}$`)
	dsignCardMonthPattern  = regexp.MustCompile(`^(0[1-9]|1[0-2])$`)
	dsignCardYearPattern   = regexp.MustCompile(`^[0-9]{4}$`)
	dsignCardCVVPattern    = regexp.MustCompile(`^[0-9]{3,4}$`)
)

// dsignMaxOrderDays is order_validity.days' documented maximum (1095 days,
// three years); custom_expiration_date "must be within three years", which
// we check as the same 1095 days.
const dsignMaxOrderDays = 1095

// NewDocumentSigningOrderResource is the digicert_document_signing_order resource.
func NewDocumentSigningOrderResource() resource.Resource { return &documentSigningOrderResource{} }

type documentSigningOrderResource struct {
	lifecycle orderLifecycle
}

type documentSigningOrderModel struct {
	ProductNameID        types.String `tfsdk:"product_name_id"`
	Certificate          types.Object `tfsdk:"certificate"`
	CSProvisioningMethod types.String `tfsdk:"cs_provisioning_method"`
	UseOrgAsCommonName   types.Bool   `tfsdk:"use_org_as_common_name"`
	ValidityYears        types.Int64  `tfsdk:"validity_years"`
	OrderValidity        types.Object `tfsdk:"order_validity"`
	Comments             types.String `tfsdk:"comments"`
	Organization         types.Object `tfsdk:"organization"`
	Container            types.Object `tfsdk:"container"`
	ShipInfo             types.Object `tfsdk:"ship_info"`
	Subject              types.Object `tfsdk:"subject"`
	CustomFields         types.List   `tfsdk:"custom_fields"`
	UserIDAssignments    types.List   `tfsdk:"user_id_assignments"`
	AdditionalEmails     types.List   `tfsdk:"additional_emails"`
	RenewalOfOrderID     types.Int64  `tfsdk:"renewal_of_order_id"`
	CustomRenewalMessage types.String `tfsdk:"custom_renewal_message"`
	CSAAgreedTo          types.Bool   `tfsdk:"csa_agreed_to"`
	PromoCode            types.String `tfsdk:"promo_code"`
	SkipApproval         types.Bool   `tfsdk:"skip_approval"`
	PaymentMethod        types.String `tfsdk:"payment_method"`
	CreditCard           types.Object `tfsdk:"credit_card"`
	BillingAddress       types.Object `tfsdk:"billing_address"`
	OnDestroy            types.String `tfsdk:"on_destroy"`
	Requests             types.List   `tfsdk:"requests"`
	OrganizationID       types.Int64  `tfsdk:"organization_id"`
	orderStatusModel
}

type dsignCertificateModel struct {
	CSR              types.String `tfsdk:"csr"`
	ServerPlatform   types.Object `tfsdk:"server_platform"`
	SignatureHash    types.String `tfsdk:"signature_hash"`
	CACertID         types.String `tfsdk:"ca_cert_id"`
	UsageDesignation types.Object `tfsdk:"usage_designation"`
	KeySize          types.String `tfsdk:"key_size"`
	CSRKeyType       types.String `tfsdk:"csr_key_type"`
}

type dsignUsageDesignationModel struct {
	PrimaryUsage     types.String `tfsdk:"primary_usage"`
	AdditionalUsages types.List   `tfsdk:"additional_usages"`
}

type dsignOrderValidityModel struct {
	Years                types.Int64  `tfsdk:"years"`
	Days                 types.Int64  `tfsdk:"days"`
	CustomExpirationDate types.String `tfsdk:"custom_expiration_date"`
}

type dsignOrganizationModel struct {
	ID                    types.Int64  `tfsdk:"id"`
	SkipDuplicateOrgCheck types.Bool   `tfsdk:"skip_duplicate_org_check"`
	Name                  types.String `tfsdk:"name"`
	AssumedName           types.String `tfsdk:"assumed_name"`
	Address               types.String `tfsdk:"address"`
	Address2              types.String `tfsdk:"address2"`
	City                  types.String `tfsdk:"city"`
	State                 types.String `tfsdk:"state"`
	Zip                   types.String `tfsdk:"zip"`
	Country               types.String `tfsdk:"country"`
	Telephone             types.String `tfsdk:"telephone"`
	OrganizationContact   types.Object `tfsdk:"organization_contact"`
	Contacts              types.List   `tfsdk:"contacts"`
}

type dsignOrganizationContactModel struct {
	FirstName          types.String `tfsdk:"first_name"`
	LastName           types.String `tfsdk:"last_name"`
	Email              types.String `tfsdk:"email"`
	JobTitle           types.String `tfsdk:"job_title"`
	Telephone          types.String `tfsdk:"telephone"`
	TelephoneExtension types.String `tfsdk:"telephone_extension"`
}

type dsignContactModel struct {
	ID          types.Int64  `tfsdk:"id"`
	UserID      types.Int64  `tfsdk:"user_id"`
	FirstName   types.String `tfsdk:"first_name"`
	LastName    types.String `tfsdk:"last_name"`
	Email       types.String `tfsdk:"email"`
	JobTitle    types.String `tfsdk:"job_title"`
	Telephone   types.String `tfsdk:"telephone"`
	ContactType types.String `tfsdk:"contact_type"`
}

type dsignShipInfoModel struct {
	Name    types.String `tfsdk:"name"`
	Addr1   types.String `tfsdk:"addr1"`
	Addr2   types.String `tfsdk:"addr2"`
	City    types.String `tfsdk:"city"`
	State   types.String `tfsdk:"state"`
	Zip     types.String `tfsdk:"zip"`
	Country types.String `tfsdk:"country"`
	Method  types.String `tfsdk:"method"`
}

type dsignSubjectModel struct {
	Name      types.String `tfsdk:"name"`
	GivenName types.String `tfsdk:"given_name"`
	Surname   types.String `tfsdk:"surname"`
	JobTitle  types.String `tfsdk:"job_title"`
	Phone     types.String `tfsdk:"phone"`
	Email     types.String `tfsdk:"email"`
}

type dsignCreditCardModel struct {
	Number          types.String `tfsdk:"number"`
	ExpirationMonth types.String `tfsdk:"expiration_month"`
	ExpirationYear  types.String `tfsdk:"expiration_year"`
	CVV             types.String `tfsdk:"cvv"`
	CardholderName  types.String `tfsdk:"cardholder_name"`
	SaveCreditCard  types.Bool   `tfsdk:"save_credit_card"`
	SetAsDefault    types.Bool   `tfsdk:"set_as_default"`
}

type dsignBillingAddressModel struct {
	Address  types.String `tfsdk:"address"`
	Address2 types.String `tfsdk:"address2"`
	City     types.String `tfsdk:"city"`
	State    types.String `tfsdk:"state"`
	Country  types.String `tfsdk:"country"`
	Zip      types.String `tfsdk:"zip"`
}

type dsignRequestModel struct {
	ID     types.Int64  `tfsdk:"id"`
	Status types.String `tfsdk:"status"`
}

func (r *documentSigningOrderResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_document_signing_order"
}

// Phrases that open the description of an attribute that belongs to one
// page only.
var (
	dsignOrgOnly      = "*" + strings.Join(dsignOrgProducts, ", ") + " only.* "
	dsignEmployeeOnly = "*" + dsignEmployeeProduct + " only.* "
)

func dsignStr(description string, required bool, vs ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Required: required, Optional: !required, PlanModifiers: replaceString, Validators: vs}
}

func dsignInt(description string, required bool, vs ...validator.Int64) schema.Int64Attribute {
	return schema.Int64Attribute{MarkdownDescription: description, Required: required, Optional: !required, PlanModifiers: replaceInt64, Validators: vs}
}

func dsignBool(description string) schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: description, Optional: true, PlanModifiers: replaceBool}
}

func dsignObject(description string, required bool, attrs map[string]schema.Attribute) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{MarkdownDescription: description, Required: required, Optional: !required, PlanModifiers: replaceObject, Attributes: attrs}
}

func dsignIDObject(description string) schema.SingleNestedAttribute {
	return dsignObject(description, false, map[string]schema.Attribute{
		"id": dsignInt("ID.", true, int64validator.AtLeast(-1)),
	})
}

// dsignSecretPattern validates a card field against re without ever
// repeating its value in the error (validators.Pattern quotes the value).
type dsignSecretPattern struct {
	re   *regexp.Regexp
	what string
}

func (v dsignSecretPattern) Description(context.Context) string         { return "must be " + v.what }
func (v dsignSecretPattern) MarkdownDescription(context.Context) string { return "must be " + v.what }

func (v dsignSecretPattern) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || v.re.MatchString(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
		fmt.Sprintf("%s must be %s (the value is not repeated here: it is card data).", req.Path, v.what))
}

// dsignCardString is one write-only attribute of credit_card.
func dsignCardString(description string, vs ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Required: true, WriteOnly: true, Sensitive: true, Validators: vs}
}

func (r *documentSigningOrderResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	ctx := context.Background()
	nonEmpty := stringvalidator.LengthAtLeast(1)
	email := validators.Email()
	attrs := map[string]schema.Attribute{
		// Required
		"product_name_id": schema.StringAttribute{
			MarkdownDescription: "Product to order, the `{document_certificate_id}` of the API path: " + codeList(dsignOrgProducts) +
				" (request body of the " + dsignOrgPage + " page) or `" + dsignEmployeeProduct + "` (Document Signing for Business – Employee, request body of the " + dsignEmployeePage + " page). " +
				"The two bodies differ: an attribute that belongs to one of them only is refused for the other products at plan time.",
			Required:      true,
			PlanModifiers: identityString,
			Validators:    []validator.String{stringvalidator.OneOf(dsignProductIDs...)},
		},
		"certificate": dsignObject("Certificate details.", true, map[string]schema.Attribute{
			"csr": dsignStr("Certificate signing request (CSR), PEM. Required when `cs_provisioning_method` is `email`. "+
				"CertCentral does not read the CSR's details: `subject` and `organization` decide what the certificate says. "+
				"It "+validators.CSR().Description(ctx)+". `"+dsignEmployeeProduct+"` also accepts a PEM public key (`-----BEGIN PUBLIC KEY-----`), and, as its page asks, the PEM may be given on one line.", false),
			"server_platform": dsignIDObject("Server platform type (CertCentral's default is `-1`, other). `id`: a server platform ID from the glossary; the org page's example uses `21`."),
			"signature_hash": dsignStr("Hash algorithm used to sign the certificate. "+strings.Join(dsignOrgProducts, ", ")+": required, "+codeList(dsignOrgSignatureHashes)+". "+
				dsignEmployeeProduct+": optional, "+codeList(dsignEmployeeSignatureHashes)+" (CertCentral's default `sha256`).", false),
			"ca_cert_id": dsignStr(dsignEmployeeOnly+"ID of the intermediate CA certificate to issue from (see the Product list endpoint); ignored unless ICA selection is enabled for the account.", false, nonEmpty),
			"usage_designation": dsignObject(dsignEmployeeOnly+"Required for "+dsignEmployeeProduct+". Primary use (KU) and additional uses (EKU) of the certificate.", false, map[string]schema.Attribute{
				"primary_usage": dsignStr("Primary use: "+codeList(dsignPrimaryUsages)+".", true, stringvalidator.OneOf(dsignPrimaryUsages...)),
				"additional_usages": schema.ListAttribute{
					MarkdownDescription: "Additional uses: " + codeList(dsignAdditionalUsages) + " (CertCentral's default `document_signing`).",
					ElementType:         types.StringType,
					Optional:            true,
					PlanModifiers:       replaceList,
					Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.OneOf(dsignAdditionalUsages...)), listvalidator.UniqueValues()},
				},
			}),
			"key_size": dsignStr(dsignEmployeeOnly+"Key size. With `csr_key_type` `rsa` (CertCentral's default): "+codeList(dsignRSAKeySizes)+" (sent as a number); with `ecc`: "+codeList(dsignECCKeySizes)+
				" (sent as a string; the page's `p-354` is read as the P-384 curve it must mean). When `csr` is set, it must match the CSR's key.", false, stringvalidator.OneOf(dsignKeySizes...)),
			"csr_key_type": dsignStr(dsignEmployeeOnly+"Key type: "+codeList(dsignCSRKeyTypes)+" (CertCentral's default RSA). When `csr` is set, it must match the CSR's key.", false, stringvalidator.OneOf(dsignCSRKeyTypes...)),
		}),
		"organization": dsignObject("Organization the order is for: the `id` of an existing organization, or the details of a new one "+
			"(`name`, `address`, `city`, `zip`, `country`, and optionally `assumed_name`, `address2`, `state`, `telephone`, `organization_contact`: the fields of CertCentral's Create organization endpoint, to which both pages refer). "+
			"When the details match an existing organization CertCentral uses it, unless `skip_duplicate_org_check` is true.", true, map[string]schema.Attribute{
			"id":                       dsignInt("ID of an existing organization (see the List organizations endpoint). Leave it out to create a new organization.", false, int64validator.AtLeast(1)),
			"skip_duplicate_org_check": dsignBool("Whether to create a new organization even when the details match an existing one (CertCentral's default `false`)."),
			"name":                     dsignStr("New organization: legal name.", false, nonEmpty),
			"assumed_name":             dsignStr("New organization: assumed name (DBA).", false, nonEmpty),
			"address":                  dsignStr("New organization: street address.", false, nonEmpty),
			"address2":                 dsignStr("New organization: continuation of the street address.", false, nonEmpty),
			"city":                     dsignStr("New organization: city.", false, nonEmpty),
			"state":                    dsignStr("New organization: state or province.", false, nonEmpty),
			"zip":                      dsignStr("New organization: postal code.", false, nonEmpty),
			"country":                  dsignStr("New organization: country.", false, nonEmpty),
			"telephone":                dsignStr("New organization: telephone number.", false, nonEmpty),
			"organization_contact": dsignObject("New organization: its contact.", false, map[string]schema.Attribute{
				"first_name":          dsignStr("First name.", true, nonEmpty),
				"last_name":           dsignStr("Last name.", true, nonEmpty),
				"email":               dsignStr("Email address.", true, email),
				"job_title":           dsignStr("Job title.", false, nonEmpty),
				"telephone":           dsignStr("Telephone number.", true, nonEmpty),
				"telephone_extension": dsignStr("Telephone extension.", false, nonEmpty),
			}),
			"contacts": schema.ListNestedAttribute{
				MarkdownDescription: dsignEmployeeOnly + "Required for " + dsignEmployeeProduct + ". The organization's contacts for this order: an existing user (`user_id`), or a new contact with `first_name`, `last_name`, `email`, `job_title` and `telephone` (all five are required when `user_id` is left out; with `user_id` they update that user).",
				Optional:            true,
				PlanModifiers:       replaceList,
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":           dsignInt("Unique ID of the contact within the organization (required by the page).", true, int64validator.AtLeast(1)),
					"user_id":      dsignInt("ID of an existing user or contact of the account. Leave it out to add a new contact.", false, int64validator.AtLeast(1)),
					"first_name":   dsignStr("First name of the new contact.", false, nonEmpty),
					"last_name":    dsignStr("Last name of the new contact.", false, nonEmpty),
					"email":        dsignStr("Email address of the new contact.", false, email),
					"job_title":    dsignStr("Job title of the new contact.", false, nonEmpty),
					"telephone":    dsignStr("Telephone number of the new contact.", false, nonEmpty),
					"contact_type": dsignStr("Contact type (the page lists no values).", true, nonEmpty),
				}},
			},
		}),
		"subject": dsignObject("Subject of the certificate. "+strings.Join(dsignOrgProducts, ", ")+" take the full `name`; "+dsignEmployeeProduct+" takes `given_name` and `surname` instead.", true, map[string]schema.Attribute{
			"name":       dsignStr(dsignOrgOnly+"Required for those products. Subject's full name.", false, nonEmpty),
			"given_name": dsignStr(dsignEmployeeOnly+"Required for "+dsignEmployeeProduct+". Subject's first name; a middle name and initials may follow, titles such as \"Dr.\" may not.", false, nonEmpty),
			"surname":    dsignStr(dsignEmployeeOnly+"Required for "+dsignEmployeeProduct+". Subject's last name, with a generational suffix such as \"Sr.\" or \"III\" if any.", false, nonEmpty),
			"job_title":  dsignStr("Subject's job title.", true, nonEmpty),
			"phone":      dsignStr("Subject's phone number.", true, nonEmpty),
			"email":      dsignStr("Subject's email address.", true, email),
		}),
		// Optional
		"cs_provisioning_method": dsignStr("How the token is delivered: "+codeList(dsignCSProvMethod)+". Required for "+dsignEmployeeProduct+"; optional for "+strings.Join(dsignOrgProducts, ", ")+". "+
			"`email` needs `certificate.csr`; `ship_token` needs `ship_info`, which the other methods refuse.", false, stringvalidator.OneOf(dsignCSProvMethod...)),
		"use_org_as_common_name": dsignBool(dsignOrgOnly + "Whether the organization name is the certificate's common name (CertCentral's default `true`)."),
		"validity_years": dsignInt(dsignOrgOnly+"Required for those products. Years the certificate is valid: "+codeListInt(dsignValidityYears)+". "+dsignEmployeeProduct+" uses `order_validity` instead.", false,
			int64validator.OneOf(dsignValidityYears...)),
		"order_validity": dsignObject(dsignEmployeeOnly+"Required for "+dsignEmployeeProduct+", with at least one of its attributes: validity of the order and the certificate. "+
			"`custom_expiration_date` overrides `days`, which overrides `years`. The other products use `validity_years` instead.", false, map[string]schema.Attribute{
			"years": dsignInt("Years: "+codeListInt(dsignValidityYears)+".", false, int64validator.OneOf(dsignValidityYears...)),
			"days":  dsignInt(fmt.Sprintf("Days, 1 to %d. Overrides `years`.", dsignMaxOrderDays), false, int64validator.Between(1, dsignMaxOrderDays)),
			"custom_expiration_date": dsignStr(fmt.Sprintf("Expiration date in the format `dd MMM YYYY` (for example `09 JUN 2027`), after today and at most %d days (three years) ahead. Overrides `days` and `years`.", dsignMaxOrderDays), false,
				validators.DateInFuture("02 Jan 2006", "dd MMM YYYY", dsignMaxOrderDays+1)),
		}),
		"comments":  dsignStr("Comments about the order for the approver.", false),
		"container": dsignIDObject("Container the order is placed under. `id`: container ID."),
		"ship_info": dsignObject("Where the hardware token is shipped. Required when `cs_provisioning_method` is `ship_token`, refused otherwise.", false, map[string]schema.Attribute{
			"name":    dsignStr("First and last name of the recipient.", true, nonEmpty),
			"addr1":   dsignStr("Shipping address.", true, nonEmpty),
			"addr2":   dsignStr("Secondary address line. Optional for "+strings.Join(dsignOrgProducts, ", ")+"; required for "+dsignEmployeeProduct+" (each as its page says).", false, nonEmpty),
			"city":    dsignStr("Shipping city.", true, nonEmpty),
			"state":   dsignStr("Shipping state.", true, nonEmpty),
			"zip":     dsignStr("Shipping postal code.", true, nonEmpty),
			"country": dsignStr("Shipping country.", true, nonEmpty),
			"method": dsignStr("Shipping priority (the expedited one costs more). "+strings.Join(dsignOrgProducts, ", ")+": "+codeList(dsignOrgShipMethods)+"; "+
				dsignEmployeeProduct+": "+codeList(dsignEmployeeShipMethods)+". Each product's page writes them in this case, and the case is checked.", true),
		}),
		"custom_fields": func() schema.ListNestedAttribute {
			a := customFieldsAttribute()
			a.MarkdownDescription = dsignOrgOnly + a.MarkdownDescription + " The org page types `custom_fields` as an object but describes the entries of the array the other order endpoints take; it is sent as that array."
			return a
		}(),
		"user_id_assignments": schema.ListAttribute{
			MarkdownDescription: "IDs of the users who can manage the order.",
			ElementType:         types.Int64Type,
			Optional:            true,
			PlanModifiers:       replaceList,
			Validators:          []validator.List{listvalidator.ValueInt64sAre(int64validator.AtLeast(1)), listvalidator.UniqueValues()},
		},
		"additional_emails": schema.ListAttribute{
			MarkdownDescription: dsignEmployeeOnly + "Additional email addresses that receive the certificate's notification emails.",
			ElementType:         types.StringType,
			Optional:            true,
			PlanModifiers:       replaceList,
			Validators:          []validator.List{listvalidator.ValueStringsAre(email), listvalidator.UniqueValues()},
		},
		"renewal_of_order_id":    dsignInt(dsignEmployeeOnly+"If the order is a renewal, the previous order's ID.", false, int64validator.AtLeast(1)),
		"custom_renewal_message": dsignStr(dsignEmployeeOnly+"Custom message included in renewal notifications.", false),
		"csa_agreed_to": dsignBool("Whether the Certificate Subscriber Agreement is agreed to; sent as the documented `1` or `0`. Required for " + dsignEmployeeProduct +
			"; optional for " + strings.Join(dsignOrgProducts, ", ") + " (not in that page's table, but its example sends it)."),
		"promo_code":    dsignStr(dsignEmployeeOnly+"Promotional code for the order.", false, nonEmpty),
		"skip_approval": dsignBool(dsignOrgOnly + "Whether the order skips the approval step and is submitted for validation at once (CertCentral's default `false`)."),
		"payment_method": dsignStr("Payment method: "+codeList(paymentMethods)+". Required for "+dsignEmployeeProduct+"; optional for the other products (CertCentral's default `balance`). "+
			"`card` needs `credit_card` and `billing_address`, which the other methods refuse; `profile` pays with the account's default card and needs neither.", false,
			stringvalidator.OneOf(paymentMethods...)),
		"credit_card": schema.SingleNestedAttribute{
			MarkdownDescription: "**Write-only**: the card is sent with the order and never stored in the plan or the state. Required when `payment_method` is `card`, refused otherwise. " +
				"Needs a Terraform or OpenTofu that supports write-only attributes (Terraform 1.11 or later; OpenTofu 1.12 is tested); older versions refuse the configuration at plan time, and `payment_method = \"profile\"` (the account's default card) or `\"balance\"` work everywhere. " +
				"Documented on the " + dsignEmployeePage + " page; the org page accepts `card` without describing the card, so the same object is used for every product. " +
				"Changing it later plans nothing: it only matters when the order is placed.",
			Optional:  true,
			WriteOnly: true,
			Sensitive: true,
			Attributes: map[string]schema.Attribute{
				"number":           dsignCardString("Card number: 12 to 19 digits, without spaces.", dsignSecretPattern{dsignCardNumberPattern, "a card number of 12 to 19 digits without spaces"}),
				"expiration_month": dsignCardString("Expiration month, two digits from `01` to `12`.", dsignSecretPattern{dsignCardMonthPattern, "a two-digit month from 01 to 12"}),
				"expiration_year":  dsignCardString("Expiration year, four digits (for example `2027`).", dsignSecretPattern{dsignCardYearPattern, "a four-digit year such as 2027"}),
				"cvv":              dsignCardString("Card verification value, three or four digits.", dsignSecretPattern{dsignCardCVVPattern, "three or four digits"}),
				"cardholder_name":  dsignCardString("Cardholder's first and last name.", nonEmpty),
				"save_credit_card": schema.BoolAttribute{
					MarkdownDescription: "Whether CertCentral saves the card; leave it out to state no preference (the page's `null`).",
					Optional:            true, WriteOnly: true,
				},
				"set_as_default": schema.BoolAttribute{
					MarkdownDescription: "Whether the card becomes the account's default payment method; sent as the documented `\"1\"` or `\"0\"`.",
					Required:            true, WriteOnly: true,
				},
			},
		},
		"billing_address": dsignObject("Billing address of the card. Required when `payment_method` is `card`, refused otherwise. `state` and `zip` are optional for some countries: CertCentral decides which.", false, map[string]schema.Attribute{
			"address":  dsignStr("Street address.", true, nonEmpty),
			"address2": dsignStr("Continuation of the street address.", false, nonEmpty),
			"city":     dsignStr("City.", true, nonEmpty),
			"state":    dsignStr("State or province.", false, nonEmpty),
			"country":  dsignStr("Country.", true, nonEmpty),
			"zip":      dsignStr("Zip or postal code.", false, nonEmpty),
		}),
		"on_destroy": onDestroyAttribute(),
		// Computed
		"requests": schema.ListNestedAttribute{
			MarkdownDescription: "The order's requests: what the order request answered (statuses `pending` with one-step approval, `submitted` with two-step approval, `approved`), then, from the next refresh on, what order info says (`rejected` too).",
			Computed:            true,
			PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"id":     schema.Int64Attribute{MarkdownDescription: "Request ID.", Computed: true},
				"status": schema.StringAttribute{MarkdownDescription: "Request status.", Computed: true},
			}},
		},
		"organization_id": schema.Int64Attribute{
			MarkdownDescription: "ID of the organization the order created (from the order request's answer); null when the order used an existing organization.",
			Computed:            true,
			PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
		},
	}
	for name, a := range orderComputedAttributes() {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Places a DigiCert document signing certificate order (`POST /order/certificate/{document_certificate_id}`): " + codeList(dsignOrgProducts) + " and `" + dsignEmployeeProduct + "`. " +
			"Creating the resource places exactly one order and never waits: organization validation can take days. Orders cannot be edited, so changing any API argument replaces the order; `on_destroy` decides what destroy does. " +
			"Card details (`credit_card`) are write-only and never stored.",
		Attributes: attrs,
	}
}

func (r *documentSigningOrderResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.lifecycle.client = configureClient(req.ProviderData, &resp.Diagnostics)
}

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

// has reports whether v is set (neither null nor unknown).
func dsignIsSet(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// objectAs reads a known, non-null object into target; it reports false
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
	if !m.CreditCard.IsNull() && !req.ClientCapabilities.WriteOnlyAttributesAllowed {
		d.AddAttributeError(path.Root("credit_card"), "Card Payment Needs Write-Only Attribute Support",
			"credit_card is write-only, so that the card never reaches the plan or the state, and this Terraform or OpenTofu does not support write-only attributes "+
				"(Terraform 1.11 or later and current OpenTofu releases do). Upgrade, or remove credit_card and billing_address and pay with "+
				"payment_method = \"profile\" (the account's default credit card) or payment_method = \"balance\" (the account balance).")
	}
	v := dsignValidator{ctx: ctx, d: d, shape: dsignShapeOf(m.ProductNameID), m: m}
	v.crossShape()
	v.certificate()
	v.provisioning()
	v.validity()
	v.organization()
	v.payment()
	v.required()
}

// dsignValidator holds one configuration being validated.
type dsignValidator struct {
	ctx   context.Context
	d     *diag.Diagnostics
	shape dsignShape
	m     documentSigningOrderModel
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
	m, ctx, d := v.m, v.ctx, v.d
	var cert dsignCertificateModel
	hasCert := dsignObjectAs(ctx, m.Certificate, &cert, d)
	var subj dsignSubjectModel
	hasSubj := dsignObjectAs(ctx, m.Subject, &subj, d)
	var org dsignOrganizationModel
	hasOrg := dsignObjectAs(ctx, m.Organization, &org, d)
	certPath, subjPath := path.Root("certificate"), path.Root("subject")
	switch {
	case v.shape.org:
		v.notForShape(subjPath.AtName("given_name"), hasSubj && !subj.GivenName.IsNull(), "Give the subject's full name in subject.name instead.")
		v.notForShape(subjPath.AtName("surname"), hasSubj && !subj.Surname.IsNull(), "Give the subject's full name in subject.name instead.")
		v.notForShape(path.Root("order_validity"), !m.OrderValidity.IsNull(), "Use validity_years instead.")
		v.notForShape(certPath.AtName("usage_designation"), hasCert && !cert.UsageDesignation.IsNull(), "")
		v.notForShape(certPath.AtName("ca_cert_id"), hasCert && !cert.CACertID.IsNull(), "")
		v.notForShape(certPath.AtName("key_size"), hasCert && !cert.KeySize.IsNull(), "The key is the one in certificate.csr.")
		v.notForShape(certPath.AtName("csr_key_type"), hasCert && !cert.CSRKeyType.IsNull(), "The key is the one in certificate.csr.")
		v.notForShape(path.Root("organization").AtName("contacts"), hasOrg && !org.Contacts.IsNull(), "")
		v.notForShape(path.Root("renewal_of_order_id"), !m.RenewalOfOrderID.IsNull(), "")
		v.notForShape(path.Root("custom_renewal_message"), !m.CustomRenewalMessage.IsNull(), "")
		v.notForShape(path.Root("additional_emails"), !m.AdditionalEmails.IsNull(), "")
		v.notForShape(path.Root("promo_code"), !m.PromoCode.IsNull(), "")
	case v.shape.employee:
		v.notForShape(subjPath.AtName("name"), hasSubj && !subj.Name.IsNull(), "Give the subject's name in subject.given_name and subject.surname instead.")
		v.notForShape(path.Root("validity_years"), !m.ValidityYears.IsNull(), "Use order_validity.years (or order_validity.days or order_validity.custom_expiration_date) instead.")
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
	m, ctx, d := v.m, v.ctx, v.d
	var cert dsignCertificateModel
	hasCert := dsignObjectAs(ctx, m.Certificate, &cert, d)
	var subj dsignSubjectModel
	hasSubj := dsignObjectAs(ctx, m.Subject, &subj, d)
	var org dsignOrganizationModel
	hasOrg := dsignObjectAs(ctx, m.Organization, &org, d)
	certPath, subjPath := path.Root("certificate"), path.Root("subject")
	switch {
	case v.shape.org:
		if hasCert {
			v.requireFor(certPath.AtName("signature_hash"), cert.SignatureHash)
		}
		v.requireFor(path.Root("validity_years"), m.ValidityYears)
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
	m, ctx, d := v.m, v.ctx, v.d
	var cert dsignCertificateModel
	if !dsignObjectAs(ctx, m.Certificate, &cert, d) {
		return
	}
	certPath := path.Root("certificate")
	v.oneOfFor(certPath.AtName("signature_hash"), cert.SignatureHash, dsignOrgSignatureHashes, dsignEmployeeSignatureHashes)

	var csrType, csrSize string
	if dsignIsSet(cert.CSR) {
		// A PEM public key is accepted for ds_org_individual (its page
		// allows one), and while the product is unknown.
		t, size, err := parseDSKey(cert.CSR.ValueString(), !v.shape.org)
		if err != nil {
			d.AddAttributeError(certPath.AtName("csr"), "Invalid Certificate Signing Request", fmt.Sprintf("certificate.csr %v.", err))
		}
		csrType, csrSize = t, size
	}
	if cert.CSRKeyType.IsUnknown() || cert.KeySize.IsUnknown() {
		return
	}
	// The key type: csr_key_type when set, else the CSR's, else RSA (the
	// page's default).
	keyType := "rsa"
	switch {
	case dsignIsSet(cert.CSRKeyType):
		keyType = cert.CSRKeyType.ValueString()
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
	case csrSize != "" && csrSize != size:
		d.AddAttributeError(certPath.AtName("key_size"), "Key Size Does Not Match the CSR",
			fmt.Sprintf("certificate.key_size is %q, but the CSR's key is %s. Set key_size = %q, or leave it out.", size, csrSize, csrSize))
	}
}

// dsignPEMBlockRE matches a PEM block written on one line, as the employee page
// asks ("without line breaks").
var dsignPEMBlockRE = regexp.MustCompile(`^(-----BEGIN [A-Z ]+-----)\s*([A-Za-z0-9+/=\s]+?)\s*(-----END [A-Z ]+-----)$`)

// normalizePEM puts a one-line PEM block on separate lines so it can be
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

// parseDSKey checks a certificate.csr value as validators.CSR does and
// returns its key type ("rsa" or "ecc") and the key_size value that
// describes its key. allowPublicKey also accepts a PEM public key, which the
// employee page allows in csr.
func parseDSKey(s string, allowPublicKey bool) (keyType, keySize string, err error) {
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
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if bits := k.N.BitLen(); bits < validators.MinRSABits {
			return "", "", fmt.Errorf("has a %d-bit RSA key; CertCentral requires at least %d bits", bits, validators.MinRSABits)
		}
		return "rsa", strconv.Itoa(k.N.BitLen()), nil
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return "ecc", "p-256", nil
		case elliptic.P384():
			return "ecc", "p-384", nil
		}
		return "", "", fmt.Errorf("has an ECDSA key on curve %s; use P-256 or P-384", k.Curve.Params().Name)
	}
	return "", "", fmt.Errorf("has a %T key; use RSA (at least %d bits) or ECDSA P-256/P-384", pub, validators.MinRSABits)
}

// provisioning checks what cs_provisioning_method implies: a CSR for email,
// ship_info for ship_token only, and ship_info's per-page rules.
func (v dsignValidator) provisioning() {
	m, ctx, d := v.m, v.ctx, v.d
	method := m.CSProvisioningMethod
	if method.IsUnknown() {
		return
	}
	var cert dsignCertificateModel
	if dsignObjectAs(ctx, m.Certificate, &cert, d) && method.ValueString() == "email" && cert.CSR.IsNull() {
		d.AddAttributeError(path.Root("certificate").AtName("csr"), "Missing Certificate Signing Request",
			"certificate.csr is required when cs_provisioning_method is \"email\" (both pages).")
	}
	switch {
	case method.ValueString() == "ship_token" && m.ShipInfo.IsNull():
		d.AddAttributeError(path.Root("ship_info"), "Missing Shipping Address",
			"ship_info is required when cs_provisioning_method is \"ship_token\": it says where the hardware token is shipped.")
	case method.ValueString() != "ship_token" && !m.ShipInfo.IsNull():
		current := "not set"
		if !method.IsNull() {
			current = fmt.Sprintf("%q", method.ValueString())
		}
		d.AddAttributeError(path.Root("ship_info"), "Shipping Address Without a Shipped Token",
			fmt.Sprintf("ship_info is used only when cs_provisioning_method is \"ship_token\", and cs_provisioning_method is %s. Remove ship_info, or set cs_provisioning_method = \"ship_token\".", current))
	}
	var ship dsignShipInfoModel
	if !dsignObjectAs(ctx, m.ShipInfo, &ship, d) {
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
	var ov dsignOrderValidityModel
	if !dsignObjectAs(v.ctx, v.m.OrderValidity, &ov, v.d) {
		return
	}
	if ov.Years.IsUnknown() || ov.Days.IsUnknown() || ov.CustomExpirationDate.IsUnknown() {
		return
	}
	p := path.Root("order_validity")
	var set []string
	if !ov.CustomExpirationDate.IsNull() {
		set = append(set, "custom_expiration_date")
	}
	if !ov.Days.IsNull() {
		set = append(set, "days")
	}
	if !ov.Years.IsNull() {
		set = append(set, "years")
	}
	switch {
	case len(set) == 0:
		v.d.AddAttributeError(p, "Missing Order Validity",
			"order_validity needs years, days or custom_expiration_date: CertCentral requires the order's validity.")
	case len(set) > 1:
		v.d.AddAttributeWarning(p.AtName(set[1]), "Several Validity Attributes Set",
			fmt.Sprintf("order_validity sets %s; CertCentral uses %s and ignores the others (custom_expiration_date overrides days, which overrides years).", strings.Join(set, ", "), set[0]))
	}
}

// organization checks the choice between an existing organization and a new
// one, and the contacts.
func (v dsignValidator) organization() {
	var org dsignOrganizationModel
	if !dsignObjectAs(v.ctx, v.m.Organization, &org, v.d) {
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
		v.d.AddAttributeError(p.AtName("id"), "Existing and New Organization Both Given",
			fmt.Sprintf("organization.id names an existing organization, and organization also holds details of a new one (%s). Keep id to use the existing organization, or remove id to create a new one.", strings.Join(given, ", ")))
	case org.ID.IsNull() && len(given) == 0:
		v.d.AddAttributeError(p.AtName("id"), "Missing Organization",
			"Set organization.id to an existing organization's ID, or give a new organization's name, address, city, zip and country.")
	case org.ID.IsNull():
		for _, name := range []string{"name", "address", "city", "zip", "country"} {
			if details[name].IsNull() {
				v.d.AddAttributeError(p.AtName(name), "Incomplete New Organization",
					fmt.Sprintf("organization has no id, so CertCentral creates a new organization, which needs name, address, city, zip and country; organization.%s is missing.", name))
			}
		}
	}

	if !dsignIsSet(org.Contacts) {
		return
	}
	var contacts []dsignContactModel
	v.d.Append(org.Contacts.ElementsAs(v.ctx, &contacts, false)...)
	for i, c := range contacts {
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

// payment checks that credit_card and billing_address come exactly with
// payment_method "card", and that the card has not expired.
func (v dsignValidator) payment() {
	m, d := v.m, v.d
	pm := m.PaymentMethod
	if !pm.IsUnknown() {
		card := pm.ValueString() == "card"
		method := "not set (CertCentral's default balance)"
		if !pm.IsNull() {
			method = fmt.Sprintf("%q", pm.ValueString())
		}
		for _, a := range []struct {
			name string
			val  types.Object
		}{{"credit_card", m.CreditCard}, {"billing_address", m.BillingAddress}} {
			switch {
			case card && a.val.IsNull():
				d.AddAttributeError(path.Root(a.name), "Missing Card Details",
					fmt.Sprintf("payment_method is \"card\", which needs credit_card and billing_address; %s is missing. To pay with the account's default card, use payment_method = \"profile\" instead.", a.name))
			case !card && !a.val.IsNull():
				d.AddAttributeError(path.Root(a.name), "Card Details Without Card Payment",
					fmt.Sprintf("%s is used only when payment_method is \"card\", and payment_method is %s. Remove %s, or set payment_method = \"card\".", a.name, method, a.name))
			}
		}
	}
	var cc dsignCreditCardModel
	if !dsignObjectAs(v.ctx, m.CreditCard, &cc, d) || !dsignIsSet(cc.ExpirationMonth) || !dsignIsSet(cc.ExpirationYear) {
		return
	}
	month, merr := strconv.Atoi(cc.ExpirationMonth.ValueString())
	year, yerr := strconv.Atoi(cc.ExpirationYear.ValueString())
	if merr != nil || yerr != nil || !dsignCardMonthPattern.MatchString(cc.ExpirationMonth.ValueString()) || !dsignCardYearPattern.MatchString(cc.ExpirationYear.ValueString()) {
		return // the attributes' own validators report the format
	}
	now := validators.Now()
	if year < now.Year() || (year == now.Year() && month < int(now.Month())) {
		d.AddAttributeError(path.Root("credit_card").AtName("expiration_year"), "Card Expired",
			fmt.Sprintf("The card expired at the end of %02d/%d. Use a valid card, or pay with payment_method = \"profile\" or \"balance\".", month, year))
	}
}

func (r *documentSigningOrderResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planReplaceTerminal(ctx, req, resp, documentSigningOrderType)
}

func (r *documentSigningOrderResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan documentSigningOrderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.lifecycle.client, &resp.Diagnostics) {
		return
	}
	// credit_card is write-only: it is null in the plan and only the
	// configuration holds it.
	var card types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("credit_card"), &card)...)
	if resp.Diagnostics.HasError() {
		return
	}
	body, diags := documentSigningOrderRequest(ctx, plan, card)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	product := plan.ProductNameID.ValueString()
	placed, err := r.lifecycle.client.OrderDocumentSigning(ctx, product, body)
	if err != nil {
		resp.Diagnostics.Append(orderPlacementError(err, documentSigningOrderType, product, ""))
		return
	}
	// The order exists from here on: nothing below may return an error, or
	// Terraform would taint the resource and order again (FRAMEWORK-NOTES).
	var after diag.Diagnostics
	plan.ID = types.StringValue(strconv.FormatInt(placed.ID, 10))
	plan.Requests = dsignRequestsList(ctx, placed.Requests, &after)
	if placed.CertificateID != 0 {
		plan.CertificateID = types.Int64Value(placed.CertificateID)
	}
	plan.OrganizationID = types.Int64Null()
	if placed.Organization != nil && placed.Organization.ID != 0 {
		plan.OrganizationID = types.Int64Value(placed.Organization.ID)
	}
	info, err := r.lifecycle.client.GetOrder(ctx, placed.ID)
	if err != nil {
		after.AddWarning("Order Placed, Details Not Read Yet",
			fmt.Sprintf("Order %d was placed and is recorded in state, but reading its details failed: %v. The next refresh (terraform plan or apply) reads them; nothing will be ordered again.", placed.ID, err))
	} else {
		plan.setFromOrderInfo(info)
	}
	plan.nullUnknowns()
	plan.CreditCard = types.ObjectNull(card.AttributeTypes(ctx))
	resp.Diagnostics.Append(dsignWarningsOnly(after)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// warningsOnly turns errors met after the order was placed into warnings:
// an error would taint the resource and order again.
func dsignWarningsOnly(diags diag.Diagnostics) diag.Diagnostics {
	var out diag.Diagnostics
	for _, d := range diags {
		if d.Severity() == diag.SeverityError {
			out.AddWarning(d.Summary(), d.Detail()+" (The order was placed and is recorded in state.)")
			continue
		}
		out.Append(d)
	}
	return out
}

func (r *documentSigningOrderResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state documentSigningOrderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	imported := state.ProductNameID.IsNull()
	info := r.lifecycle.readOrder(ctx, state.ID, imported, dsignProductIDs, resp)
	if info == nil {
		return
	}
	if imported {
		// Fill the arguments from what the order says.
		resp.Diagnostics.Append(dsignModelFromOrderInfo(ctx, &state, info)...)
	}
	state.setFromOrderInfo(info)
	if len(info.Requests) > 0 {
		placed := make([]certcentral.PlacedRequest, len(info.Requests))
		for i, rq := range info.Requests {
			placed[i] = certcentral.PlacedRequest{ID: rq.ID, Status: rq.Status}
		}
		state.Requests = dsignRequestsList(ctx, placed, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update never calls the API: it records on_destroy, and the arguments an
// imported order adopts from configuration; any other change forces
// replacement. Computed attributes keep their state values.
func (r *documentSigningOrderResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state documentSigningOrderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	endImportAdoption(ctx, resp.Private, &resp.Diagnostics)
	plan.orderStatusModel = state.orderStatusModel
	plan.Requests = state.Requests
	plan.OrganizationID = state.OrganizationID
	plan.CreditCard = types.ObjectNull(plan.CreditCard.AttributeTypes(ctx))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *documentSigningOrderResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state documentSigningOrderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.lifecycle.destroy(ctx, state.ID, state.OnDestroy, &resp.Diagnostics)
}

func (r *documentSigningOrderResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importOrderByID(ctx, req, resp)
}

func dsignRequestsList(ctx context.Context, requests []certcentral.PlacedRequest, diags *diag.Diagnostics) types.List {
	elemType := types.ObjectType{AttrTypes: map[string]attr.Type{"id": types.Int64Type, "status": types.StringType}}
	elems := make([]dsignRequestModel, len(requests))
	for i, rq := range requests {
		elems[i] = dsignRequestModel{ID: types.Int64Value(rq.ID), Status: types.StringValue(rq.Status)}
	}
	l, d := types.ListValueFrom(ctx, elemType, elems)
	diags.Append(d...)
	return l
}

func dsignStringValue(v types.String) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	return v.ValueString()
}

// documentSigningOrderRequest maps the planned attributes, and the card from
// the configuration, onto the API body; unset attributes stay out of the
// JSON.
func documentSigningOrderRequest(ctx context.Context, m documentSigningOrderModel, card types.Object) (certcentral.DocumentSigningOrderRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := certcentral.DocumentSigningOrderRequest{
		CSProvisioningMethod: dsignStringValue(m.CSProvisioningMethod),
		UseOrgAsCommonName:   boolPtr(m.UseOrgAsCommonName),
		ValidityYears:        int64Ptr(m.ValidityYears),
		Comments:             dsignStringValue(m.Comments),
		Container:            idRef(ctx, m.Container, &diags),
		CustomFields:         customFields(ctx, m.CustomFields, &diags),
		AdditionalEmails:     stringList(ctx, m.AdditionalEmails, &diags),
		RenewalOfOrderID:     int64Ptr(m.RenewalOfOrderID),
		CustomRenewalMessage: dsignStringValue(m.CustomRenewalMessage),
		PromoCode:            dsignStringValue(m.PromoCode),
		SkipApproval:         boolPtr(m.SkipApproval),
		PaymentMethod:        dsignStringValue(m.PaymentMethod),
	}
	if dsignIsSet(m.UserIDAssignments) {
		diags.Append(m.UserIDAssignments.ElementsAs(ctx, &out.UserIDAssignments, false)...)
	}
	if dsignIsSet(m.CSAAgreedTo) {
		agreed := certcentral.NumericBool(m.CSAAgreedTo.ValueBool())
		out.CSAAgreedTo = &agreed
	}

	var cert dsignCertificateModel
	if dsignObjectAs(ctx, m.Certificate, &cert, &diags) {
		out.Certificate = certcentral.DocumentSigningCertificate{
			CSR:            dsignStringValue(cert.CSR),
			ServerPlatform: idRef(ctx, cert.ServerPlatform, &diags),
			SignatureHash:  dsignStringValue(cert.SignatureHash),
			CACertID:       dsignStringValue(cert.CACertID),
			KeySize:        certcentral.KeySize(dsignStringValue(cert.KeySize)),
			CSRKeyType:     dsignStringValue(cert.CSRKeyType),
		}
		var ud dsignUsageDesignationModel
		if dsignObjectAs(ctx, cert.UsageDesignation, &ud, &diags) {
			out.Certificate.UsageDesignation = &certcentral.UsageDesignation{
				PrimaryUsage:     dsignStringValue(ud.PrimaryUsage),
				AdditionalUsages: stringList(ctx, ud.AdditionalUsages, &diags),
			}
		}
	}
	var ov dsignOrderValidityModel
	if dsignObjectAs(ctx, m.OrderValidity, &ov, &diags) {
		out.OrderValidity = &certcentral.OrderValidity{Years: int64Ptr(ov.Years), Days: int64Ptr(ov.Days), CustomExpirationDate: dsignStringValue(ov.CustomExpirationDate)}
	}
	var org dsignOrganizationModel
	if dsignObjectAs(ctx, m.Organization, &org, &diags) {
		o := &certcentral.DocumentSigningOrganization{
			ID: int64Ptr(org.ID), SkipDuplicateOrgCheck: boolPtr(org.SkipDuplicateOrgCheck),
			Name: dsignStringValue(org.Name), AssumedName: dsignStringValue(org.AssumedName), Address: dsignStringValue(org.Address), Address2: dsignStringValue(org.Address2),
			City: dsignStringValue(org.City), State: dsignStringValue(org.State), Zip: dsignStringValue(org.Zip), Country: dsignStringValue(org.Country), Telephone: dsignStringValue(org.Telephone),
		}
		var oc dsignOrganizationContactModel
		if dsignObjectAs(ctx, org.OrganizationContact, &oc, &diags) {
			o.OrganizationContact = &certcentral.OrganizationContact{
				FirstName: dsignStringValue(oc.FirstName), LastName: dsignStringValue(oc.LastName), Email: dsignStringValue(oc.Email),
				JobTitle: dsignStringValue(oc.JobTitle), Telephone: dsignStringValue(oc.Telephone), TelephoneExtension: dsignStringValue(oc.TelephoneExtension),
			}
		}
		if dsignIsSet(org.Contacts) {
			var contacts []dsignContactModel
			diags.Append(org.Contacts.ElementsAs(ctx, &contacts, false)...)
			for _, c := range contacts {
				o.Contacts = append(o.Contacts, certcentral.OrganizationOrderContact{
					ID: c.ID.ValueInt64(), UserID: int64Ptr(c.UserID), FirstName: dsignStringValue(c.FirstName), LastName: dsignStringValue(c.LastName),
					Email: dsignStringValue(c.Email), JobTitle: dsignStringValue(c.JobTitle), Telephone: dsignStringValue(c.Telephone), ContactType: dsignStringValue(c.ContactType),
				})
			}
		}
		out.Organization = o
	}
	var ship dsignShipInfoModel
	if dsignObjectAs(ctx, m.ShipInfo, &ship, &diags) {
		out.ShipInfo = &certcentral.ShipInfo{
			Name: dsignStringValue(ship.Name), Addr1: dsignStringValue(ship.Addr1), Addr2: dsignStringValue(ship.Addr2), City: dsignStringValue(ship.City),
			State: dsignStringValue(ship.State), Zip: dsignStringValue(ship.Zip), Country: dsignStringValue(ship.Country), Method: dsignStringValue(ship.Method),
		}
	}
	var subj dsignSubjectModel
	if dsignObjectAs(ctx, m.Subject, &subj, &diags) {
		out.Subject = &certcentral.DocumentSigningSubject{
			Name: dsignStringValue(subj.Name), GivenName: dsignStringValue(subj.GivenName), Surname: dsignStringValue(subj.Surname),
			JobTitle: dsignStringValue(subj.JobTitle), Phone: dsignStringValue(subj.Phone), Email: dsignStringValue(subj.Email),
		}
	}
	var cc dsignCreditCardModel
	if dsignObjectAs(ctx, card, &cc, &diags) {
		setAsDefault := "0"
		if cc.SetAsDefault.ValueBool() {
			setAsDefault = "1"
		}
		out.CreditCard = &certcentral.CreditCard{
			Number: dsignStringValue(cc.Number), ExpirationMonth: dsignStringValue(cc.ExpirationMonth), ExpirationYear: dsignStringValue(cc.ExpirationYear),
			CVV: dsignStringValue(cc.CVV), CardholderName: dsignStringValue(cc.CardholderName), SaveCreditCard: boolPtr(cc.SaveCreditCard), SetAsDefault: setAsDefault,
		}
	}
	var ba dsignBillingAddressModel
	if dsignObjectAs(ctx, m.BillingAddress, &ba, &diags) {
		out.BillingAddress = &certcentral.BillingAddress{
			Address: dsignStringValue(ba.Address), Address2: dsignStringValue(ba.Address2), City: dsignStringValue(ba.City),
			State: dsignStringValue(ba.State), Country: dsignStringValue(ba.Country), Zip: dsignStringValue(ba.Zip),
		}
	}
	return out, diags
}

// dsignModelFromOrderInfo fills the arguments of an imported order from order
// info. Order info returns the product, the certificate's CSR, server
// platform and signature hash, the provisioning method, validity_years (the
// org products' attribute), the organization's ID, the container and the
// payment method; every other argument (subject, contacts, ship_info,
// usage designation, key settings, order_validity, comments, ...) exists only
// in the order request, stays null, and is adopted from the configuration
// (see replaceString). The import test lists them in
// ImportStateVerifyIgnore.
func dsignModelFromOrderInfo(ctx context.Context, m *documentSigningOrderModel, info *certcentral.OrderInfo) diag.Diagnostics {
	var diags diag.Diagnostics
	s := schemaOf(ctx, &documentSigningOrderResource{})
	m.ProductNameID = types.StringValue(info.Product.NameID)
	employee := info.Product.NameID == dsignEmployeeProduct
	m.OnDestroy = types.StringValue(onDestroyCancel)

	certType := objectTypeOf(s, "certificate")
	spTypes := nestedObjectAttrTypes(certType, "server_platform")
	cert := dsignCertificateModel{
		CSR: types.StringNull(), ServerPlatform: types.ObjectNull(spTypes), SignatureHash: types.StringNull(), CACertID: types.StringNull(),
		UsageDesignation: types.ObjectNull(nestedObjectAttrTypes(certType, "usage_designation")), KeySize: types.StringNull(), CSRKeyType: types.StringNull(),
	}
	if c := info.Certificate; c != nil {
		cert.CSR = stringOrNull(c.CSR)
		// -1 (other) is CertCentral's default: an order that did not choose
		// a platform reads back as -1, which the configuration leaves out.
		if c.ServerPlatform != nil && c.ServerPlatform.ID != -1 {
			cert.ServerPlatform = idObject(spTypes, c.ServerPlatform.ID)
		}
		cert.SignatureHash = stringOrNull(c.SignatureHash)
	}
	obj, d := types.ObjectValueFrom(ctx, certType.AttrTypes, cert)
	diags.Append(d...)
	m.Certificate = obj

	m.CSProvisioningMethod = stringOrNull(info.CSProvisioningMethod)
	m.ValidityYears = types.Int64Null()
	if !employee && info.ValidityYears != 0 {
		m.ValidityYears = types.Int64Value(info.ValidityYears)
	}
	m.PaymentMethod = stringOrNull(info.PaymentMethod)

	orgType := objectTypeOf(s, "organization")
	m.Organization = types.ObjectNull(orgType.AttrTypes)
	if info.Organization != nil && info.Organization.ID != 0 {
		values := map[string]attr.Value{}
		for name, t := range orgType.AttrTypes {
			values[name] = dsignNullOf(t)
		}
		values["id"] = types.Int64Value(info.Organization.ID)
		obj, d := types.ObjectValue(orgType.AttrTypes, values)
		diags.Append(d...)
		m.Organization = obj
	}
	m.Container = types.ObjectNull(objectTypeOf(s, "container").AttrTypes)
	if info.Container != nil && info.Container.ID != 0 {
		m.Container = idObject(objectTypeOf(s, "container").AttrTypes, info.Container.ID)
	}
	for _, o := range []struct {
		target *types.Object
		name   string
	}{{&m.OrderValidity, "order_validity"}, {&m.ShipInfo, "ship_info"}, {&m.Subject, "subject"}, {&m.CreditCard, "credit_card"}, {&m.BillingAddress, "billing_address"}} {
		*o.target = types.ObjectNull(objectTypeOf(s, o.name).AttrTypes)
	}
	m.CustomFields = types.ListNull(listElemObjectType(s, "custom_fields"))
	m.UserIDAssignments = types.ListNull(types.Int64Type)
	m.AdditionalEmails = types.ListNull(types.StringType)
	m.Requests = types.ListNull(listElemObjectType(s, "requests"))
	m.OrganizationID = types.Int64Null()
	return diags
}

// nullOf returns the null value of an attribute type.
func dsignNullOf(t attr.Type) attr.Value {
	switch tt := t.(type) {
	case types.ObjectType:
		return types.ObjectNull(tt.AttrTypes)
	case types.ListType:
		return types.ListNull(tt.ElemType)
	}
	switch t {
	case types.Int64Type:
		return types.Int64Null()
	case types.BoolType:
		return types.BoolNull()
	}
	return types.StringNull()
}
