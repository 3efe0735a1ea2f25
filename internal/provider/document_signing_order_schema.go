package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/validators"
)

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
	// csr_key_type: the employee page allows "rsa or ecc" and gives the
	// default as "RSA"; since the page itself mixes the cases, the check
	// ignores case and the value is sent as written (the sandbox does the
	// same).
	dsignCSRKeyTypes = []string{"rsa", "ecc"}
	// key_size: the page types it int and lists "p-256" and "p-354" for ECC.
	// No P-354 curve exists (the page means P-384, the curve CertCentral
	// accepts elsewhere). choice: both spellings are accepted for P-384
	// (and no number for an ECC size; the sandbox agrees) and, like
	// every key_size, sent as written: "p-354" is the value the page
	// documents, "p-384" the curve's name, and we cannot tell which one
	// CertCentral's parser expects. key_size is therefore a string, sent as
	// a JSON number for RSA and as the string for ECC (see
	// certcentral.KeySize).
	dsignRSAKeySizes = []string{"2048", "3072", "4096"}
	dsignECCKeySizes = []string{"p-256", "p-384", "p-354"}
	dsignKeySizes    = append(slices.Clone(dsignRSAKeySizes), dsignECCKeySizes...)
	// dsignECCCurve names the curve of each ECC key_size.
	dsignECCCurve = map[string]string{"p-256": "P-256", "p-384": "P-384", "p-354": "P-384"}
)

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

// dsignIDObject is an `{id}` object whose id is at least minID (see
// idObjectAttribute).
func dsignIDObject(description string, minID int64) schema.SingleNestedAttribute {
	return dsignObject(description, false, map[string]schema.Attribute{
		"id": dsignInt(fmt.Sprintf("ID, at least %d.", minID), true, int64validator.AtLeast(minID)),
	})
}

// dsignCardString is one write-only attribute of credit_card or
// billing_address. It is optional in the schema because the card is needed
// only to place the order: dsignCheckPayment requires it then, and nothing
// requires it once the order exists.
func dsignCardString(description string, sensitive bool) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Optional: true, WriteOnly: true, Sensitive: sensitive}
}

// dsignContactAttributes are a contact's details, as in
// organization.organization_contact and the root organization_contact.
func dsignContactAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"first_name":          dsignStr("First name.", true, stringvalidator.LengthAtLeast(1)),
		"last_name":           dsignStr("Last name.", true, stringvalidator.LengthAtLeast(1)),
		"email":               dsignStr("Email address.", true, validators.Email()),
		"job_title":           dsignStr("Job title.", false, stringvalidator.LengthAtLeast(1)),
		"telephone":           dsignStr("Telephone number.", true, stringvalidator.LengthAtLeast(1)),
		"telephone_extension": dsignStr("Telephone extension.", false, stringvalidator.LengthAtLeast(1)),
	}
}

func (r *documentSigningOrderResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
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
			"server_platform": dsignIDObject("Server platform type (CertCentral's default is `-1`, other). `id`: a server platform ID from the glossary; the org page's example uses `21`.", minServerPlatformID),
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
					// choice: no page says what a repeated value means; a
					// repetition is a mistake, refused here and by the sandbox
					// (the same for additional_emails and user_id_assignments).
					Validators: []validator.List{listvalidator.ValueStringsAre(stringvalidator.OneOf(dsignAdditionalUsages...)), listvalidator.UniqueValues()},
				},
			}),
			"key_size": dsignStr(dsignEmployeeOnly+"Key size. With `csr_key_type` `rsa` (CertCentral's default): "+codeList(dsignRSAKeySizes)+" (sent as a number); with `ecc`: "+codeList(dsignECCKeySizes)+
				" (sent as the string written; `p-354`, the page's spelling, and `p-384` both mean the P-384 curve, since no P-354 curve exists). When `csr` is set, it must match the CSR's key.", false, stringvalidator.OneOf(dsignKeySizes...)),
			"csr_key_type": dsignStr(dsignEmployeeOnly+"Key type: "+codeList(dsignCSRKeyTypes)+", in any case (the page writes the default as `RSA`); sent as written. When `csr` is set, it must match the CSR's key.", false, stringvalidator.OneOfCaseInsensitive(dsignCSRKeyTypes...)),
		}),
		"organization": dsignObject("Organization the order is for: the `id` of an existing organization, or the details of a new one "+
			"(`name`, `address`, `city`, `zip`, `country`, and optionally `assumed_name`, `address2`, `state`, `telephone`, `organization_contact`: the fields of CertCentral's Create organization endpoint, to which both pages refer). "+
			"When the details match an existing organization CertCentral uses it, unless `skip_duplicate_org_check` is true.", true, map[string]schema.Attribute{
			"id":                       dsignInt("ID of an existing organization (see the List organizations endpoint). Leave it out to create a new organization; with an `id`, CertCentral uses that organization and the plan warns that new-organization details are not used.", false, int64validator.AtLeast(1)),
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
			"organization_contact":     dsignObject("New organization: its contact.", false, dsignContactAttributes()),
			"contacts": schema.ListNestedAttribute{
				MarkdownDescription: dsignEmployeeOnly + "Required for " + dsignEmployeeProduct + ". The organization's contacts for this order: an existing user (`user_id`), or a new contact with `first_name`, `last_name`, `email`, `job_title` and `telephone` (all five are required when `user_id` is left out; with `user_id` they update that user).",
				Optional:            true,
				PlanModifiers:       replaceList,
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":           dsignInt("Unique ID of the contact within the organization (required by the page), at least 1.", true, int64validator.AtLeast(1)), // choice: IDs are at least 1, as CertCentral's IDs are; the sandbox agrees
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
			"`email` needs `certificate.csr`; `ship_token` needs `ship_info` (with the other methods, `ship_info` draws a warning).", false, stringvalidator.OneOf(dsignCSProvMethod...)),
		"use_org_as_common_name": dsignBool(dsignOrgOnly + "Whether the organization name is the certificate's common name (CertCentral's default `true`)."),
		"validity_years": func() schema.Int64Attribute {
			a := dsignInt(dsignOrgOnly+"**Deprecated**: use `order_validity = { years = N }`. Years the certificate and order are valid: "+codeListInt(dsignValidityYears)+
				". The current "+dsignOrgPage+" page marks it deprecated and requires `order_validity` instead; the earlier page required it, so it is still accepted, with a warning. Give exactly one of the two. "+
				dsignEmployeeProduct+" takes `order_validity` only.", false, int64validator.OneOf(dsignValidityYears...))
			a.DeprecationMessage = "Use order_validity = { years = N } instead: DigiCert's Order document signing certificate page marks validity_years deprecated. Moving the same number of years to order_validity.years is recorded in place, without a new order."
			a.PlanModifiers = dsignReplaceValidityInt64
			return a
		}(),
		"order_validity": func() schema.SingleNestedAttribute {
			a := dsignObject("Validity of the order and the certificate. "+strings.Join(dsignOrgProducts, ", ")+": required unless the deprecated `validity_years` is given (exactly one of them), with `years` only, as their page documents. "+
				dsignEmployeeProduct+": required, with at least one of its attributes; `custom_expiration_date` overrides `days`, which overrides `years`.", false, map[string]schema.Attribute{
				"years": func() schema.Int64Attribute {
					a := dsignInt("Years: "+codeListInt(dsignValidityYears)+". Moving the same number of years here from the deprecated `validity_years` is recorded in place, without a new order.", false, int64validator.OneOf(dsignValidityYears...))
					a.PlanModifiers = dsignReplaceValidityInt64
					return a
				}(),
				"days": dsignInt(fmt.Sprintf(dsignEmployeeOnly+"Days, 1 to %d. Overrides `years`.", dsignMaxOrderDays), false, int64validator.Between(1, dsignMaxOrderDays)),
				"custom_expiration_date": dsignStr(fmt.Sprintf(dsignEmployeeOnly+"Expiration date in the format `dd MMM YYYY` (for example `09 JUN 2027`), after today and at most %d days (three years) ahead. Overrides `days` and `years`.", dsignMaxOrderDays), false,
					validators.DateInFuture(r.now, "02 Jan 2006", "dd MMM YYYY", dsignMaxOrderDays+1)),
			})
			a.PlanModifiers = dsignReplaceValidityObject
			return a
		}(),
		// choice: the page's table for it could not be read past first_name
		// (required); the other fields and which are required follow the
		// organization's own contact, as in the sandbox.
		"organization_contact": dsignObject(dsignOrgOnly+"Organization contact for this order, when it is not the one assigned to the organization (the current "+dsignOrgPage+" page's root `organization_contact`). "+
			"Its fields are those of the organization's own contact.", false, dsignContactAttributes()),
		"comments":  dsignStr("Comments about the order for the approver.", false),
		"container": dsignIDObject("Container the order is placed under. `id`: container ID.", minContainerID),
		"ship_info": dsignObject("Where the hardware token is shipped. Required when `cs_provisioning_method` is `ship_token`; with another method it is sent but CertCentral has no token to ship, and the plan warns.", false, map[string]schema.Attribute{
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
		// choice: custom_fields is sent as an array (CERTCENTRAL.md, Order
		// document signing), not as the page's object.
		"custom_fields": func() schema.ListNestedAttribute {
			a := customFieldsAttribute()
			a.MarkdownDescription = dsignOrgOnly + a.MarkdownDescription + " The org page types `custom_fields` as an object but describes the entries (`metadata_id`, `value`) of the array the other order endpoints take; it is sent as that array, as public CertCentral clients send it to this endpoint."
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
		"renewal_of_order_id": dsignInt(dsignEmployeeOnly+"If the order is a renewal, the previous order's ID. A renewal gives this or `renewed_thumbprint`.", false, int64validator.AtLeast(1)),
		"renewed_thumbprint": dsignStr(dsignEmployeeOnly+"If the order is a renewal, the SHA-1 thumbprint (40 hexadecimal digits) of the previous order's primary certificate. A renewal gives this or `renewal_of_order_id` (the page's footnote).", false,
			validators.SHA1Thumbprint()),
		"custom_renewal_message": dsignStr(dsignEmployeeOnly+"Custom message included in renewal notifications.", false),
		"csa_agreed_to": dsignBool("Whether the Certificate Subscriber Agreement is agreed to; sent as the documented `1` or `0`. Required for " + dsignEmployeeProduct +
			"; optional for " + strings.Join(dsignOrgProducts, ", ") + " (not in that page's table, but its example sends it)."),
		"promo_code":    dsignStr(dsignEmployeeOnly+"Promotional code for the order.", false, nonEmpty),
		"skip_approval": dsignBool(dsignOrgOnly + "Whether the order skips the approval step and is submitted for validation at once (CertCentral's default `false`)."),
		"payment_method": schema.StringAttribute{MarkdownDescription: "Payment method: " + codeList(paymentMethods) + ". Required for " + dsignEmployeeProduct + "; optional for the other products (CertCentral's default `balance`). " +
			"`card` needs `credit_card` and `billing_address`, which the other methods refuse; `profile` pays with the account's default card and needs neither. " +
			"It is used only to place the order: changing it later updates the state in place, with no API call and no new order (a replacement ordered for another reason pays with the new value).",
			Optional: true, Validators: []validator.String{stringvalidator.OneOf(paymentMethods...)},
		},
		"credit_card": schema.SingleNestedAttribute{
			MarkdownDescription: "**Write-only**: the card is sent with the order and never stored in the plan or the state. Required when `payment_method` is `card`, refused otherwise. " +
				"Needs a Terraform or OpenTofu that supports write-only attributes (Terraform 1.11 or later; OpenTofu 1.12 is tested); older versions refuse the configuration at plan time, and `payment_method = \"profile\"` (the account's default card) or `\"balance\"` work everywhere. " +
				"Documented on the " + dsignEmployeePage + " page (\"Pay with a new credit card\"); the org page lists `card` without describing the card, and both pages describe the same endpoint, so the same object is required for every product (the sandbox agrees). " +
				"It is checked only when a plan places an order (a new resource, or a replacement): once the order exists, the card may be removed, left empty or expire, and that plans nothing.",
			Optional:  true,
			WriteOnly: true,
			// choice: only the card's secret fields are sensitive, not the
			// object. Terraform's config generation (query and plan
			// -generate-config-out) writes any sensitive nested object as
			// `{}`, even when it is null (as a write-only value always is),
			// which fails on the required fields; a null object it writes as
			// null. The object itself is never stored either way.
			Attributes: map[string]schema.Attribute{
				"number":           dsignCardString("Required to place the order. Card number: 12 to 19 digits, without spaces.", true),
				"expiration_month": dsignCardString("Required to place the order. Expiration month, two digits from `01` to `12`.", true),
				"expiration_year":  dsignCardString("Required to place the order. Expiration year, four digits (for example `2027`). A card that has expired is refused when a plan places an order, and ignored once the order exists.", true),
				"cvv":              dsignCardString("Required to place the order. Card verification value, three or four digits.", true),
				"cardholder_name":  dsignCardString("Required to place the order. Cardholder's first and last name.", true),
				"save_credit_card": schema.BoolAttribute{
					MarkdownDescription: "Whether CertCentral saves the card; leave it out to state no preference (the page's `null`).",
					Optional:            true, WriteOnly: true,
				},
				"set_as_default": schema.BoolAttribute{
					MarkdownDescription: "Required to place the order. Whether the card becomes the account's default payment method; sent as the documented `\"1\"` or `\"0\"`.",
					Optional:            true, WriteOnly: true,
				},
			},
		},
		"billing_address": schema.SingleNestedAttribute{
			MarkdownDescription: "**Write-only**, like `credit_card`: billing address of the card, sent with the order and never stored. Required to place an order with `payment_method` `card`, refused with another payment method; " +
				"once the order exists it is not used, so removing or changing it plans nothing. `state` and `zip` are optional for some countries: CertCentral decides which.",
			Optional:  true,
			WriteOnly: true,
			Attributes: map[string]schema.Attribute{
				"address":  dsignCardString("Required to place the order. Street address.", false),
				"address2": dsignCardString("Continuation of the street address.", false),
				"city":     dsignCardString("Required to place the order. City.", false),
				"state":    dsignCardString("State or province.", false),
				"country":  dsignCardString("Required to place the order. Country.", false),
				"zip":      dsignCardString("Zip or postal code.", false),
			},
		},
		"on_destroy":           onDestroyAttribute(),
		"alternative_order_id": alternativeOrderIDAttribute(),
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
	noteImportGaps(attrs, dsignImportGaps)
	resp.Schema = schema.Schema{
		MarkdownDescription: "Places a DigiCert document signing certificate order (`POST /order/certificate/{document_certificate_id}`): " + codeList(dsignOrgProducts) + " and `" + dsignEmployeeProduct + "`. " +
			"Creating the resource places exactly one order and never waits: organization validation can take days. Orders cannot be edited, so changing any API argument replaces the order; `on_destroy` decides what destroy does. " +
			"Card details (`credit_card`) are write-only and never stored.",
		Attributes: attrs,
	}
}
