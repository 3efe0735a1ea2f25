package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

func contactAttributes(who string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"first_name": dsString(who + " first name."),
		"last_name":  dsString(who + " last name."),
		"email":      dsString(who + " email address."),
		"job_title":  dsString(who + " job title; null when not set."),
		"telephone":  dsString(who + " telephone number; null when not set."),
	}
}

func (d *orderDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	pemNote := " Set when the order is " + codeList(pemStatuses) + "; null otherwise."
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads any certificate order of the API key's account by its ID (`GET /order/certificate/{order_id}`), " +
			"including orders placed in the CertCentral console or by another workspace, without importing them. " +
			"Once the order is issued, the certificate is downloaded (`pem_all`) and split into `certificate_pem`, `chain_pem` and `root_pem`. " +
			"Attributes mirror the order info answer; what CertCentral leaves out is null. Orders placed by subaccounts are read with `digicert_subaccount_order`.",
		Attributes: map[string]schema.Attribute{
			// Required
			"id": schema.Int64Attribute{
				MarkdownDescription: "Order ID, a positive whole number.",
				Required:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			// Computed
			"status":                        dsString("Order status, such as `needs_approval`, `pending`, `reissue_pending`, `waiting_pickup`, `issued`, `rejected`, `canceled`, `revoked` or `expired`; values CertCentral adds later are passed through as they come."),
			"date_created":                  dsString("When the order was created (ISO 8601)."),
			"is_renewal":                    dsBool("Whether the order renews an earlier order."),
			"is_renewed":                    dsBool("Whether the order was renewed by a later order."),
			"renewed_order_id":              dsInt64("ID of the order that renewed this one; null when not renewed."),
			"disable_renewal_notifications": dsBool("Whether renewal notification emails are disabled for the order."),
			"product": dsObject("The ordered product.", map[string]schema.Attribute{
				"name_id":         dsString("Name ID of the product, such as `ssl_dv_geotrust`."),
				"name":            dsString("Display name of the product."),
				"type":            dsString("Product type, such as `ssl_certificate`."),
				"validation_type": dsString("Validation type of the product, such as `dv` or `ov`; null when not returned."),
			}),
			"certificate": dsObject("The order's certificate.", map[string]schema.Attribute{
				"id":                 dsInt64("Certificate ID."),
				"thumbprint":         dsString("SHA-1 thumbprint of the certificate. Null until issued."),
				"serial_number":      dsString("Serial number of the certificate (hexadecimal). Null until issued."),
				"common_name":        dsString("Name secured by the certificate."),
				"dns_names":          dsStringList("Names secured by the certificate. CertCentral answers `[\" \"]` for orders without names (document signing, for example); blank entries are dropped, so that answer reads as an empty list."),
				"date_created":       dsString("When the certificate request was created (ISO 8601)."),
				"date_issued":        dsString("When the certificate was issued (ISO 8601). Null until issued."),
				"valid_from":         dsString("First day of the certificate's validity (`yyyy-MM-dd`). Null until issued."),
				"valid_till":         dsString("Last day of the certificate's validity (`yyyy-MM-dd`). Null until issued."),
				"days_remaining":     dsInt64("Days until the certificate expires, as CertCentral counted them when read. Null until issued."),
				"csr":                dsString("Certificate signing request of the certificate (PEM); null when not returned."),
				"organization":       dsObject("Organization on the certificate; null when not returned.", map[string]schema.Attribute{"id": dsInt64("Organization ID.")}),
				"organization_units": dsStringList("Organization units on the certificate; null when not returned."),
				"server_platform": dsObject("Server platform of the certificate; null when not returned.", map[string]schema.Attribute{
					"id":   dsInt64("Server platform ID, such as `-1` (other)."),
					"name": dsString("Server platform name."),
				}),
				"signature_hash": dsString("Signing algorithm of the certificate, such as `sha256`."),
				"key_size":       dsInt64("Key size of the certificate in bits; null when not returned."),
				"ca_cert": dsObject("Issuing CA certificate.", map[string]schema.Attribute{
					"id":   dsString("Issuing CA certificate ID."),
					"name": dsString("Issuing CA certificate name."),
				}),
			}),
			"organization": dsObject("Organization of the order; null for orders without one (DV).", map[string]schema.Attribute{
				"id":   dsInt64("Organization ID."),
				"name": dsString("Legal name of the organization."),
			}),
			"container": dsObject("Container (division) the order belongs to; null when not returned.", map[string]schema.Attribute{
				"id":   dsInt64("Container ID."),
				"name": dsString("Container name."),
			}),
			"organization_contact": dsObject("Organization contact of the order; null when not returned.", contactAttributes("Organization contact")),
			"technical_contact":    dsObject("Technical contact of the order; null when not returned.", contactAttributes("Technical contact")),
			"requests": dsObjectList("Requests filed on the order (new order, reissue, revoke...); null when none are returned.", map[string]schema.Attribute{
				"id":       dsInt64("Request ID."),
				"date":     dsString("When the request was filed (ISO 8601)."),
				"type":     dsString("Request type, such as `new_request` or `revoke`."),
				"status":   dsString("Request status, such as `pending`, `approved` or `rejected`."),
				"comments": dsString("Comments on the request; null when none."),
			}),
			"cs_provisioning_method": dsString("Provisioning method of the certificate (`email`, `ship_token`, `client_app`); null when not returned."),
			"payment_method":         dsString("Payment method of the order, such as `balance`; null when not returned."),
			"validity_years":         dsInt64("Number of years the order is valid; null when not returned."),
			"order_valid_from":       dsString("Start date of the order validity period (`yyyy-MM-dd`). Null until issued."),
			"order_valid_till":       dsString("Expiration date of the order (`yyyy-MM-dd`). Null until issued."),
			"certificate_pem":        dsString("The issued end-entity certificate, PEM." + pemNote),
			"chain_pem":              dsString("The intermediate CA certificates, PEM, leaf side first." + pemNote),
			"root_pem":               dsString("The root CA certificate, PEM." + pemNote),
			"full_chain_pem":         dsString("`certificate_pem` followed by `chain_pem`: what a server presents." + pemNote),
			"not_after":              dsString("When the downloaded certificate expires (RFC 3339, UTC)." + pemNote),
		},
	}
}
