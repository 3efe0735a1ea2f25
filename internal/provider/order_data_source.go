package provider

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

var _ datasource.DataSourceWithConfigure = &orderDataSource{}

const orderDataSourceType = "digicert_order"

// pemStatuses are the order statuses in which the order has a certificate to
// download: issued, and reissue_pending (the current certificate keeps
// serving while its reissue waits).
var pemStatuses = []string{"issued", "reissue_pending"}

// NewOrderDataSource is the digicert_order data source.
func NewOrderDataSource() datasource.DataSource { return &orderDataSource{} }

type orderDataSource struct {
	client *certcentral.Client
}

// orderDataSourceModel mirrors order info (GET /order/certificate/{order_id})
// plus the downloaded PEMs. Absent objects are nil (null).
type orderDataSourceModel struct {
	ID                          types.Int64            `tfsdk:"id"`
	Status                      types.String           `tfsdk:"status"`
	DateCreated                 types.String           `tfsdk:"date_created"`
	IsRenewal                   types.Bool             `tfsdk:"is_renewal"`
	IsRenewed                   types.Bool             `tfsdk:"is_renewed"`
	RenewedOrderID              types.Int64            `tfsdk:"renewed_order_id"`
	DisableRenewalNotifications types.Bool             `tfsdk:"disable_renewal_notifications"`
	Product                     *orderProductModel     `tfsdk:"product"`
	Certificate                 *orderCertificateModel `tfsdk:"certificate"`
	Organization                *orderNamedRefModel    `tfsdk:"organization"`
	Container                   *orderNamedRefModel    `tfsdk:"container"`
	OrganizationContact         *orderContactModel     `tfsdk:"organization_contact"`
	TechnicalContact            *orderContactModel     `tfsdk:"technical_contact"`
	Requests                    []orderRequestModel    `tfsdk:"requests"`
	CSProvisioningMethod        types.String           `tfsdk:"cs_provisioning_method"`
	PaymentMethod               types.String           `tfsdk:"payment_method"`
	ValidityYears               types.Int64            `tfsdk:"validity_years"`
	OrderValidFrom              types.String           `tfsdk:"order_valid_from"`
	OrderValidTill              types.String           `tfsdk:"order_valid_till"`
	certificatePEMModel
}

type orderProductModel struct {
	NameID         types.String `tfsdk:"name_id"`
	Name           types.String `tfsdk:"name"`
	Type           types.String `tfsdk:"type"`
	ValidationType types.String `tfsdk:"validation_type"`
}

type orderCertificateModel struct {
	ID                types.Int64         `tfsdk:"id"`
	Thumbprint        types.String        `tfsdk:"thumbprint"`
	SerialNumber      types.String        `tfsdk:"serial_number"`
	CommonName        types.String        `tfsdk:"common_name"`
	DNSNames          []string            `tfsdk:"dns_names"`
	DateCreated       types.String        `tfsdk:"date_created"`
	DateIssued        types.String        `tfsdk:"date_issued"`
	ValidFrom         types.String        `tfsdk:"valid_from"`
	ValidTill         types.String        `tfsdk:"valid_till"`
	DaysRemaining     types.Int64         `tfsdk:"days_remaining"`
	CSR               types.String        `tfsdk:"csr"`
	Organization      *orderIDRefModel    `tfsdk:"organization"`
	OrganizationUnits []string            `tfsdk:"organization_units"`
	ServerPlatform    *orderNamedRefModel `tfsdk:"server_platform"`
	SignatureHash     types.String        `tfsdk:"signature_hash"`
	KeySize           types.Int64         `tfsdk:"key_size"`
	CACert            *issuingCAModel     `tfsdk:"ca_cert"`
}

type orderIDRefModel struct {
	ID types.Int64 `tfsdk:"id"`
}

type orderNamedRefModel struct {
	ID   types.Int64  `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
}

type orderContactModel struct {
	FirstName types.String `tfsdk:"first_name"`
	LastName  types.String `tfsdk:"last_name"`
	Email     types.String `tfsdk:"email"`
	JobTitle  types.String `tfsdk:"job_title"`
	Telephone types.String `tfsdk:"telephone"`
}

type orderRequestModel struct {
	ID       types.Int64  `tfsdk:"id"`
	Date     types.String `tfsdk:"date"`
	Type     types.String `tfsdk:"type"`
	Status   types.String `tfsdk:"status"`
	Comments types.String `tfsdk:"comments"`
}

func (d *orderDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_order"
}

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

func (d *orderDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = configureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *orderDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var id types.Int64
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}
	orderID := id.ValueInt64()
	info, err := d.client.GetOrder(ctx, orderID)
	if err != nil {
		resp.Diagnostics.Append(orderReadError(err, orderLookup{
			attr: path.Root("id"),
			what: "order " + strconv.FormatInt(orderID, 10),
			notFound: "CertCentral has no order " + strconv.FormatInt(orderID, 10) + " in the account the API key belongs to: the order does not exist, " +
				"or it belongs to another account. Check the ID; an order placed by a subaccount is read with the " + subaccountOrderType + " data source.",
			permission: "view orders",
		}))
		return
	}
	state := orderDataSourceModelFrom(info)
	state.ID = id
	if c := info.Certificate; c != nil && c.ID != 0 && slices.Contains(pemStatuses, info.Status) {
		if err := state.download(ctx, d.client, c.ID); err != nil {
			resp.Diagnostics.AddError("Unable to Download Certificate",
				fmt.Sprintf("Order %d is %s, but downloading or reading its certificate %d failed: %v", orderID, info.Status, c.ID, err))
			return
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// orderDataSourceModelFrom maps order info onto the model; the PEMs start
// null.
func orderDataSourceModelFrom(info *certcentral.OrderInfo) orderDataSourceModel {
	m := orderDataSourceModel{
		ID:                          types.Int64Value(info.ID),
		Status:                      stringOrNull(info.Status),
		DateCreated:                 stringOrNull(info.DateCreated),
		IsRenewal:                   types.BoolValue(info.IsRenewal),
		IsRenewed:                   types.BoolValue(info.IsRenewed),
		RenewedOrderID:              int64OrNull(info.RenewedOrderID),
		DisableRenewalNotifications: types.BoolValue(info.DisableRenewalNotifications),
		CSProvisioningMethod:        stringOrNull(info.CSProvisioningMethod),
		PaymentMethod:               stringOrNull(info.PaymentMethod),
		ValidityYears:               int64OrNull(info.ValidityYears),
		OrderValidFrom:              stringOrNull(info.OrderValidFrom),
		OrderValidTill:              stringOrNull(info.OrderValidTill),
	}
	m.clear()
	if p := info.Product; p != nil {
		m.Product = &orderProductModel{NameID: stringOrNull(p.NameID), Name: stringOrNull(p.Name), Type: stringOrNull(p.Type), ValidationType: stringOrNull(p.ValidationType)}
	}
	if c := info.Certificate; c != nil {
		cert := &orderCertificateModel{
			ID:                int64OrNull(c.ID),
			Thumbprint:        stringOrNull(c.Thumbprint),
			SerialNumber:      stringOrNull(c.SerialNumber),
			CommonName:        stringOrNull(c.CommonName),
			DNSNames:          dropBlankNames(c.DNSNames),
			DateCreated:       stringOrNull(c.DateCreated),
			DateIssued:        stringOrNull(c.DateIssued),
			ValidFrom:         stringOrNull(c.ValidFrom),
			ValidTill:         stringOrNull(c.ValidTill),
			DaysRemaining:     types.Int64PointerValue(c.DaysRemaining),
			CSR:               stringOrNull(c.CSR),
			OrganizationUnits: dropBlankNames(c.OrganizationUnits),
			SignatureHash:     stringOrNull(c.SignatureHash),
			KeySize:           int64OrNull(c.KeySize),
			CACert:            issuingCAFrom(c.CACert),
		}
		if c.Organization != nil {
			cert.Organization = &orderIDRefModel{ID: types.Int64Value(c.Organization.ID)}
		}
		if sp := c.ServerPlatform; sp != nil {
			cert.ServerPlatform = &orderNamedRefModel{ID: types.Int64Value(sp.ID), Name: stringOrNull(sp.Name)}
		}
		m.Certificate = cert
	}
	if o := info.Organization; o != nil {
		m.Organization = &orderNamedRefModel{ID: types.Int64Value(o.ID), Name: stringOrNull(o.Name)}
	}
	if c := info.Container; c != nil {
		m.Container = &orderNamedRefModel{ID: types.Int64Value(c.ID), Name: stringOrNull(c.Name)}
	}
	m.OrganizationContact = orderContactFrom(info.OrganizationContact)
	m.TechnicalContact = orderContactFrom(info.TechnicalContact)
	if info.Requests != nil {
		m.Requests = make([]orderRequestModel, len(info.Requests))
		for i, r := range info.Requests {
			m.Requests[i] = orderRequestModel{
				ID: types.Int64Value(r.ID), Date: stringOrNull(r.Date), Type: stringOrNull(r.Type),
				Status: stringOrNull(r.Status), Comments: stringOrNull(r.Comments),
			}
		}
	}
	return m
}

func orderContactFrom(c *certcentral.Contact) *orderContactModel {
	if c == nil || *c == (certcentral.Contact{}) {
		return nil
	}
	return &orderContactModel{
		FirstName: stringOrNull(c.FirstName), LastName: stringOrNull(c.LastName), Email: stringOrNull(c.Email),
		JobTitle: stringOrNull(c.JobTitle), Telephone: stringOrNull(c.Telephone),
	}
}

// int64OrNull is null for 0, which order info uses (by omission) for
// "none": no renewal order, no key size.
func int64OrNull(n int64) types.Int64 {
	if n == 0 {
		return types.Int64Null()
	}
	return types.Int64Value(n)
}

// orderLookup says what an order data source was reading, for errors.
type orderLookup struct {
	attr       path.Path // the argument holding the ID
	what       string    // "order 123"
	notFound   string    // the whole detail of a 404
	permission string    // what the key must be allowed to do, "view orders"
}

// orderReadError explains a failed order read: 404 and 403 say what is
// wrong and what to do, quoting CertCentral's own messages.
func orderReadError(err error, l orderLookup) diag.Diagnostic {
	apiErr, ok := certcentral.AsAPIError(err)
	if !ok {
		return diag.NewAttributeErrorDiagnostic(l.attr, "Unable to Read Order", fmt.Sprintf("Reading %s failed: %v", l.what, err))
	}
	if certcentral.IsKeyRejected(err) {
		return diag.NewAttributeErrorDiagnostic(l.attr, "API Key Rejected",
			fmt.Sprintf("CertCentral rejected the API key while reading %s. CertCentral answered: %s\n\nCheck the provider's api_key (or DIGICERT_API_KEY).", l.what, apiMessages(apiErr)))
	}
	switch apiErr.StatusCode {
	case 404:
		return diag.NewAttributeErrorDiagnostic(l.attr, "Order Not Found", l.notFound+"\n\nCertCentral answered: "+apiMessages(apiErr))
	case 403:
		return diag.NewAttributeErrorDiagnostic(l.attr, "Permission Missing",
			fmt.Sprintf("CertCentral refused to show %s: the API key lacks the permission to %s. CertCentral answered: %s\n\n"+
				"Ask a CertCentral administrator to grant that permission to the API key (or to its user), or configure the provider with a key that has it.",
				l.what, l.permission, apiMessages(apiErr)))
	}
	return diag.NewAttributeErrorDiagnostic(l.attr, "Unable to Read Order", fmt.Sprintf("Reading %s failed: %v", l.what, err))
}

// apiMessages quotes every error of a CertCentral answer with its code.
func apiMessages(e *certcentral.APIError) string {
	if len(e.Errors) == 0 {
		if e.Excerpt != "" {
			return fmt.Sprintf("HTTP %d %q", e.StatusCode, e.Excerpt)
		}
		return fmt.Sprintf("HTTP %d with no message", e.StatusCode)
	}
	parts := make([]string, len(e.Errors))
	for i, entry := range e.Errors {
		parts[i] = fmt.Sprintf("%q (%s)", entry.Message, entry.Code)
	}
	return fmt.Sprintf("HTTP %d %s", e.StatusCode, strings.Join(parts, "; "))
}
