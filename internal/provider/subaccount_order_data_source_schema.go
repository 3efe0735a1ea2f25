package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// verificationSteps are the documented keys of verification_details with
// the products each is returned for.
var verificationSteps = []struct{ key, what string }{
	{"organization_type", "verification of the organization type. Only returned for OV orders"},
	{"organization_status", "verification that the business is still active. Returned for OV, code signing and document signing orders"},
	{"address_verification", "verification of the organization's legal physical address. Returned for OV, code signing and document signing orders"},
	{"blacklist_fraud", "verification that the organization is on no \"do not issue\" or \"bad actor\" list. Returned for EV, OV, document signing and VMC orders"},
	{"blacklist_fraud_malware", "verification that the organization is not a known malware signer. Returned for code signing and EV code signing orders"},
	{"request_authenticity", "verification that the requestor has authority to order a certificate for the organization. Only returned for OV orders"},
	{"operational_existence", "verification that the organization exists and is operational. Returned for EV, EV code signing and VMC orders"},
	{"place_of_business_verification", "verification of the organization's place of business. Returned for EV, EV code signing and VMC orders"},
	{"phone_number_verification", "verification that the phone number is valid and tied to the organization. Returned for EV, code signing, EV code signing and VMC orders"},
	{"approver_verification", "verification that the approver is valid for the organization. Returned for EV, code signing, EV code signing and VMC orders"},
	{"approver_blacklist", "verification that the approver is on no \"do not issue\" or \"bad actor\" list. Returned for EV, code signing, EV code signing and VMC orders"},
	{"logo_trademark", "verification that the logo is a registered trademark of the organization. Only returned for VMC orders"},
}

func (d *subaccountOrderDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	details := map[string]schema.Attribute{}
	for _, s := range verificationSteps {
		details[s.key] = dataSourceString("Status of " + s.what + ": `pending` or `complete`; null when not returned.")
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a certificate order placed by a subaccount (or sub-subaccount) of the API key's account " +
			"(`GET /account/subaccount/order/{order_id}`). Every field of the answer is an attribute with the API's name and nesting; " +
			"what CertCentral leaves out of the answer (objects returned only for immediate subaccounts, for issued orders, or when asked for) is null, never an empty value. " +
			"Orders of the account itself are read with `digicert_order`.",
		Attributes: map[string]schema.Attribute{
			// Required
			"order_id": schema.Int64Attribute{
				MarkdownDescription: "ID of the order placed by the subaccount, a positive whole number.",
				Required:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			// Optional
			includeValidationStatusParam: schema.BoolAttribute{
				MarkdownDescription: "Whether to ask for `subaccount_order_validations` (the `include_validation_status=true` query parameter, sent only when this is `true`). Defaults to `false`, and `subaccount_order_validations` is then null.",
				Optional:            true,
				Computed:            true,
			},
			includeCSProvisioningMethodParam: schema.BoolAttribute{
				MarkdownDescription: "Whether to ask for `cs_provisioning_method` (the `include_cs_provisioning_method=true` query parameter, sent only when this is `true`). Defaults to `false`, and `cs_provisioning_method` is then null.",
				Optional:            true,
				Computed:            true,
			},
			// Computed
			"id": dataSourceInt64("Order ID."),
			"certificate": dataSourceObject("Details about the certificate ordered. Only returned for orders placed by immediate subaccounts: null for orders of sub-subaccounts.", map[string]schema.Attribute{
				"id":                 dataSourceInt64("Certificate ID."),
				"thumbprint":         dataSourceString("Thumbprint of the certificate. Null until the certificate is issued."),
				"serial_number":      dataSourceString("Serial number of the certificate. Null until the certificate is issued."),
				"common_name":        dataSourceString("Name secured by the certificate."),
				"dns_names":          dataSourceStringList("Additional names secured by the certificate. CertCentral answers `[\" \"]` for orders without names; blank entries are dropped, so that answer reads as an empty list."),
				"valid_from":         dataSourceString("Date when the certificate validity starts (`yyyy-MM-dd`). Null until the certificate is issued."),
				"valid_till":         dataSourceString("Date when the certificate validity ends (`yyyy-MM-dd`). Null until the certificate is issued."),
				"days_remaining":     dataSourceInt64("Days until the certificate expires, as CertCentral counted them when read. Null until the certificate is issued."),
				"organization_units": dataSourceStringList("Organization units on the certificate; null when not returned."),
				"signature_hash":     dataSourceString("Signing algorithm used by the certificate, such as `sha256`."),
				"ca_cert": dataSourceObject("Issuing CA certificate of the order's primary certificate.", map[string]schema.Attribute{
					"id":   dataSourceString("Issuing CA certificate ID (a string, such as `A937018B9FAF6CC2`)."),
					"name": dataSourceString("Issuing CA certificate name."),
				}),
			}),
			"organization": dataSourceObject("Organization associated with the order. Only returned for orders placed by immediate subaccounts: null for orders of sub-subaccounts.", map[string]schema.Attribute{
				"id":           dataSourceInt64("Organization ID."),
				"name":         dataSourceString("Legal name of the organization."),
				"assumed_name": dataSourceString("Public (DBA) name of the organization; null when the organization has none."),
				"display_name": dataSourceString("Full name of the organization, built from `name` and `assumed_name`."),
			}),
			"subaccount": dataSourceObject("The subaccount that placed the order.", map[string]schema.Attribute{
				"account_id":        dataSourceInt64("Subaccount ID."),
				"account_type":      dataSourceString("Subaccount type, such as `enterprise` or `retail`."),
				"organization_name": dataSourceString("Primary organization of the subaccount."),
			}),
			"product": dataSourceObject("The ordered product.", map[string]schema.Attribute{
				"name_id": dataSourceString("Name ID of the product, such as `ssl_basic` (glossary: product identifiers)."),
				"name":    dataSourceString("Display name of the product."),
				"type":    dataSourceString("Product type, such as `ssl_certificate` (glossary: product types)."),
			}),
			"order_price": dataSourceObject("Order price.", map[string]schema.Attribute{
				"cost":     schema.Float64Attribute{MarkdownDescription: "Total order cost. CertCentral types it int here (and number in `order_prices`); it is read as a number, so `399`, `358.5` and a numeric string such as `\"198\"` all work. When a subaccount reissues in the order's currency, the reissue cost is added here.", Computed: true},
				"currency": dataSourceString("Currency unit, such as `USD`."),
			}),
			"order_prices": dataSourceObjectList("Total cost of reissues, one entry per currency. Only returned when reissues were billed in a currency other than the original order's; null otherwise.", map[string]schema.Attribute{
				"cost":     schema.Float64Attribute{MarkdownDescription: "Total cost of reissues in `currency` (may be a decimal).", Computed: true},
				"currency": dataSourceString("Currency unit of `cost`."),
			}),
			"status":         dataSourceString("Order status, such as `needs_approval`, `pending`, `reissue_pending`, `issued`, `rejected`, `canceled`, `revoked` or `expired` (glossary: order status); values CertCentral adds later are passed through as they come."),
			"number_of_sans": dataSourceInt64("Number of domains in the certificate's `dns_names`; null when not returned."),
			"date_created":   dataSourceString("Order creation time, UTC, ISO 8601 (`YYYY-MM-DDThh:mm:ssTZD`)."),
			"date_issued":    dataSourceString("When the certificate was issued, UTC, ISO 8601. Null for orders not issued."),
			"is_multi_year_plan": dataSourceBool("`true` if the order is a Multi-year Plan. CertCentral documents the string `\"1\"`, returned only for Multi-year Plans; " +
				"it is mapped to a boolean: `\"1\"` (or `1`, `true`) is `true`, `\"0\"` (or `0`, `false`) is `false`, and an absent field is null."),
			"order_valid_from":       dataSourceString("Start date of the order validity period (`YYYY-MM-DD`). Null for orders not issued."),
			"order_valid_till":       dataSourceString("Expiration date of the order (`YYYY-MM-DD`). Null for orders not issued."),
			"validity_years":         dataSourceInt64("Number of years the certificate will be valid."),
			"cs_provisioning_method": dataSourceString("Provisioning method of the certificate, such as `email`, `ship_token` or `client_app` (glossary: CS provisioning methods). Only returned when `include_cs_provisioning_method` is `true`; null otherwise."),
			"subaccount_order_validations": dataSourceObject("Domain and organization validation details of the order. Only returned when `include_validation_status` is `true`; null otherwise.", map[string]schema.Attribute{
				"order_name_scope": dataSourceString("Domain validation scope of the order: the domains that must be validated before the certificate can issue, such as `base_domain`."),
				"order_dcv_method": dataSourceString("Domain control validation (DCV) method of the order, such as `dns-txt-token`."),
				"organization_validations": dataSourceObjectList("Organization validations that must be complete before the certificate can issue. Not returned for DV orders (null).", map[string]schema.Attribute{
					"type":            dataSourceString("Validation type ID, such as `ov` or `ev` (glossary: validation types)."),
					"name":            dataSourceString("Friendly name of the validation type."),
					"description":     dataSourceString("Description of the validation type."),
					"date_created":    dataSourceString("When the validation was completed, UTC, ISO 8601; null when not returned."),
					"validated_until": dataSourceString("When the validation expires, UTC, ISO 8601; null when not returned."),
					"status":          dataSourceString("Validation status: `pending` or `active`."),
					"verified_contacts": dataSourceObjectList("Verified contacts of the organization; null when not returned.", map[string]schema.Attribute{
						"user_id":    dataSourceString("Contact user ID; `\"0\"` when the contact is not a user of the CertCentral account."),
						"name":       dataSourceString("Contact name."),
						"first_name": dataSourceString("Contact first name."),
						"last_name":  dataSourceString("Contact last name."),
						"job_title":  dataSourceString("Contact job title."),
						"telephone":  dataSourceString("Contact telephone number."),
						"email":      dataSourceString("Contact email address."),
						"status":     dataSourceString("Contact approval status: `pending` or `active`."),
					}),
					"verification_details": dataSourceObject("Status of each step of verifying the certificate request. Which steps are returned depends on the product; the others are null.", details),
				}),
				"dns_name_validations": dataSourceObjectList("Validation details of each domain on the order. Returned for EV, OV, DV and VMC orders; null otherwise.", map[string]schema.Attribute{
					"status":      dataSourceString("Validation status: `approved` or `unapproved`."),
					"method":      dataSourceString("DCV method for the domain. Only returned for unapproved domains (for OV and EV orders only when the order sets a per-domain method); null otherwise: validate with `order_dcv_method`."),
					"name_scope":  dataSourceString("Domain to validate to prove control of the domain on the order. Only returned for unapproved domains (for OV and EV orders only when set per domain); null otherwise: validate with `order_name_scope`."),
					"dns_names":   dataSourceStringList("The names of the order these validation details are for."),
					"base_domain": dataSourceString("Base domain of the names in `dns_names`."),
				}),
			}),
		},
	}
}
