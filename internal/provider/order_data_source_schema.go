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
		"first_name": dataSourceString(who + " first name."),
		"last_name":  dataSourceString(who + " last name."),
		"email":      dataSourceString(who + " email address."),
		"job_title":  dataSourceString(who + " job title; null when not set."),
		"telephone":  dataSourceString(who + " telephone number; null when not set."),
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
			"status":                        dataSourceString("Order status, such as `needs_approval`, `pending`, `reissue_pending`, `waiting_pickup`, `issued`, `rejected`, `canceled`, `revoked` or `expired`; values CertCentral adds later are passed through as they come."),
			"date_created":                  dataSourceString("When the order was created (ISO 8601)."),
			"is_renewal":                    dataSourceBool("Whether the order renews an earlier order."),
			"is_renewed":                    dataSourceBool("Whether the order was renewed by a later order."),
			"renewed_order_id":              dataSourceInt64("ID of the order that renewed this one; null when not renewed."),
			"disable_renewal_notifications": dataSourceBool("Whether renewal notification emails are disabled for the order."),
			"product": dataSourceObject("The ordered product.", map[string]schema.Attribute{
				"name_id":         dataSourceString("Name ID of the product, such as `ssl_dv_geotrust`."),
				"name":            dataSourceString("Display name of the product."),
				"type":            dataSourceString("Product type, such as `ssl_certificate`."),
				"validation_type": dataSourceString("Validation type of the product, such as `dv` or `ov`; null when not returned."),
			}),
			"certificate": dataSourceObject("The order's certificate.", map[string]schema.Attribute{
				"id":                 dataSourceInt64("Certificate ID."),
				"thumbprint":         dataSourceString("SHA-1 thumbprint of the certificate. Null until issued."),
				"serial_number":      dataSourceString("Serial number of the certificate (hexadecimal). Null until issued."),
				"common_name":        dataSourceString("Name secured by the certificate."),
				"dns_names":          dataSourceStringList("Names secured by the certificate. CertCentral answers `[\" \"]` for orders without names (document signing, for example); blank entries are dropped, so that answer reads as an empty list."),
				"date_created":       dataSourceString("When the certificate request was created (ISO 8601)."),
				"date_issued":        dataSourceString("When the certificate was issued (ISO 8601). Null until issued."),
				"valid_from":         dataSourceString("First day of the certificate's validity (`yyyy-MM-dd`). Null until issued."),
				"valid_till":         dataSourceString("Last day of the certificate's validity (`yyyy-MM-dd`). Null until issued."),
				"days_remaining":     dataSourceInt64("Days until the certificate expires, as CertCentral counted them when read. Null until issued."),
				"csr":                dataSourceString("Certificate signing request of the certificate (PEM); null when not returned."),
				"organization":       dataSourceObject("Organization on the certificate; null when not returned.", map[string]schema.Attribute{"id": dataSourceInt64("Organization ID.")}),
				"organization_units": dataSourceStringList("Organization units on the certificate; null when not returned."),
				"server_platform": dataSourceObject("Server platform of the certificate; null when not returned.", map[string]schema.Attribute{
					"id":   dataSourceInt64("Server platform ID, such as `-1` (other)."),
					"name": dataSourceString("Server platform name."),
				}),
				"signature_hash": dataSourceString("Signing algorithm of the certificate, such as `sha256`."),
				"key_size":       dataSourceInt64("Key size of the certificate in bits; null when not returned."),
				"ca_cert": dataSourceObject("Issuing CA certificate.", map[string]schema.Attribute{
					"id":   dataSourceString("Issuing CA certificate ID."),
					"name": dataSourceString("Issuing CA certificate name."),
				}),
			}),
			"organization": dataSourceObject("Organization of the order; null for orders without one (DV).", map[string]schema.Attribute{
				"id":   dataSourceInt64("Organization ID."),
				"name": dataSourceString("Legal name of the organization."),
			}),
			"container": dataSourceObject("Container (division) the order belongs to; null when not returned.", map[string]schema.Attribute{
				"id":   dataSourceInt64("Container ID."),
				"name": dataSourceString("Container name."),
			}),
			"organization_contact": dataSourceObject("Organization contact of the order; null when not returned.", contactAttributes("Organization contact")),
			"technical_contact":    dataSourceObject("Technical contact of the order; null when not returned.", contactAttributes("Technical contact")),
			"requests": dataSourceObjectList("Requests filed on the order (new order, reissue, revoke...); null when none are returned.", map[string]schema.Attribute{
				"id":       dataSourceInt64("Request ID."),
				"date":     dataSourceString("When the request was filed (ISO 8601)."),
				"type":     dataSourceString("Request type, such as `new_request` or `revoke`."),
				"status":   dataSourceString("Request status, such as `pending`, `approved` or `rejected`."),
				"comments": dataSourceString("Comments on the request; null when none."),
			}),
			"cs_provisioning_method": dataSourceString("Provisioning method of the certificate (`email`, `ship_token`, `client_app`); null when not returned."),
			"payment_method":         dataSourceString("Payment method of the order, such as `balance`; null when not returned."),
			"validity_years":         dataSourceInt64("Number of years the order is valid; null when not returned."),
			"order_valid_from":       dataSourceString("Start date of the order validity period (`yyyy-MM-dd`). Null until issued."),
			"order_valid_till":       dataSourceString("Expiration date of the order (`yyyy-MM-dd`). Null until issued."),
			"certificate_pem":        dataSourceString("The issued end-entity certificate, PEM." + pemNote),
			"chain_pem":              dataSourceString("The intermediate CA certificates, PEM, leaf side first." + pemNote),
			"root_pem":               dataSourceString("The root CA certificate, PEM." + pemNote),
			"full_chain_pem":         dataSourceString("`certificate_pem` followed by `chain_pem`: what a server presents." + pemNote),
			"not_after":              dataSourceString("When the downloaded certificate expires (RFC 3339, UTC)." + pemNote),
		},
	}
}
