package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

var _ datasource.DataSourceWithConfigure = &subaccountOrderDataSource{}

const subaccountOrderType = "digicert_subaccount_order"

// The query flags of subaccount-order-info.
const (
	includeValidationStatusParam     = "include_validation_status"
	includeCSProvisioningMethodParam = "include_cs_provisioning_method"
)

// NewSubaccountOrderDataSource is the digicert_subaccount_order data source.
func NewSubaccountOrderDataSource() datasource.DataSource { return &subaccountOrderDataSource{} }

type subaccountOrderDataSource struct {
	client *certcentral.Client
}

// The model mirrors the API answer. Objects the API leaves out are nil
// pointers and lists it leaves out are nil slices: both become null.
type subaccountOrderModel struct {
	OrderID                     types.Int64 `tfsdk:"order_id"`
	IncludeValidationStatus     types.Bool  `tfsdk:"include_validation_status"`
	IncludeCSProvisioningMethod types.Bool  `tfsdk:"include_cs_provisioning_method"`

	ID                         types.Int64                      `tfsdk:"id"`
	Certificate                *subaccountCertificateModel      `tfsdk:"certificate"`
	Organization               *subaccountOrganizationModel     `tfsdk:"organization"`
	Subaccount                 *subaccountInfoModel             `tfsdk:"subaccount"`
	Product                    *subaccountProductModel          `tfsdk:"product"`
	OrderPrice                 *subaccountOrderPriceModel       `tfsdk:"order_price"`
	OrderPrices                []subaccountOrderPriceModel      `tfsdk:"order_prices"`
	Status                     types.String                     `tfsdk:"status"`
	NumberOfSANs               types.Int64                      `tfsdk:"number_of_sans"`
	DateCreated                types.String                     `tfsdk:"date_created"`
	DateIssued                 types.String                     `tfsdk:"date_issued"`
	IsMultiYearPlan            types.Bool                       `tfsdk:"is_multi_year_plan"`
	OrderValidFrom             types.String                     `tfsdk:"order_valid_from"`
	OrderValidTill             types.String                     `tfsdk:"order_valid_till"`
	ValidityYears              types.Int64                      `tfsdk:"validity_years"`
	CSProvisioningMethod       types.String                     `tfsdk:"cs_provisioning_method"`
	SubaccountOrderValidations *subaccountOrderValidationsModel `tfsdk:"subaccount_order_validations"`
}

type subaccountCertificateModel struct {
	ID                types.Int64     `tfsdk:"id"`
	Thumbprint        types.String    `tfsdk:"thumbprint"`
	SerialNumber      types.String    `tfsdk:"serial_number"`
	CommonName        types.String    `tfsdk:"common_name"`
	DNSNames          []string        `tfsdk:"dns_names"`
	ValidFrom         types.String    `tfsdk:"valid_from"`
	ValidTill         types.String    `tfsdk:"valid_till"`
	DaysRemaining     types.Int64     `tfsdk:"days_remaining"`
	OrganizationUnits []string        `tfsdk:"organization_units"`
	SignatureHash     types.String    `tfsdk:"signature_hash"`
	CACert            *issuingCAModel `tfsdk:"ca_cert"`
}

type issuingCAModel struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
}

type subaccountOrganizationModel struct {
	ID          types.Int64  `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	AssumedName types.String `tfsdk:"assumed_name"`
	DisplayName types.String `tfsdk:"display_name"`
}

type subaccountInfoModel struct {
	AccountID        types.Int64  `tfsdk:"account_id"`
	AccountType      types.String `tfsdk:"account_type"`
	OrganizationName types.String `tfsdk:"organization_name"`
}

type subaccountProductModel struct {
	NameID types.String `tfsdk:"name_id"`
	Name   types.String `tfsdk:"name"`
	Type   types.String `tfsdk:"type"`
}

type subaccountOrderPriceModel struct {
	Cost     types.Float64 `tfsdk:"cost"`
	Currency types.String  `tfsdk:"currency"`
}

type subaccountOrderValidationsModel struct {
	OrderNameScope          types.String                  `tfsdk:"order_name_scope"`
	OrderDCVMethod          types.String                  `tfsdk:"order_dcv_method"`
	OrganizationValidations []organizationValidationModel `tfsdk:"organization_validations"`
	DNSNameValidations      []dnsNameValidationModel      `tfsdk:"dns_name_validations"`
}

type organizationValidationModel struct {
	Type                types.String              `tfsdk:"type"`
	Name                types.String              `tfsdk:"name"`
	Description         types.String              `tfsdk:"description"`
	DateCreated         types.String              `tfsdk:"date_created"`
	ValidatedUntil      types.String              `tfsdk:"validated_until"`
	Status              types.String              `tfsdk:"status"`
	VerifiedContacts    []verifiedContactModel    `tfsdk:"verified_contacts"`
	VerificationDetails *verificationDetailsModel `tfsdk:"verification_details"`
}

type verifiedContactModel struct {
	UserID    types.String `tfsdk:"user_id"`
	Name      types.String `tfsdk:"name"`
	FirstName types.String `tfsdk:"first_name"`
	LastName  types.String `tfsdk:"last_name"`
	JobTitle  types.String `tfsdk:"job_title"`
	Telephone types.String `tfsdk:"telephone"`
	Email     types.String `tfsdk:"email"`
	Status    types.String `tfsdk:"status"`
}

type verificationDetailsModel struct {
	OrganizationType            types.String `tfsdk:"organization_type"`
	OrganizationStatus          types.String `tfsdk:"organization_status"`
	AddressVerification         types.String `tfsdk:"address_verification"`
	BlacklistFraud              types.String `tfsdk:"blacklist_fraud"`
	BlacklistFraudMalware       types.String `tfsdk:"blacklist_fraud_malware"`
	RequestAuthenticity         types.String `tfsdk:"request_authenticity"`
	OperationalExistence        types.String `tfsdk:"operational_existence"`
	PlaceOfBusinessVerification types.String `tfsdk:"place_of_business_verification"`
	PhoneNumberVerification     types.String `tfsdk:"phone_number_verification"`
	ApproverVerification        types.String `tfsdk:"approver_verification"`
	ApproverBlacklist           types.String `tfsdk:"approver_blacklist"`
	LogoTrademark               types.String `tfsdk:"logo_trademark"`
}

type dnsNameValidationModel struct {
	Status     types.String `tfsdk:"status"`
	Method     types.String `tfsdk:"method"`
	NameScope  types.String `tfsdk:"name_scope"`
	DNSNames   []string     `tfsdk:"dns_names"`
	BaseDomain types.String `tfsdk:"base_domain"`
}

func (d *subaccountOrderDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_subaccount_order"
}

// Schema helpers for computed attributes.
func dsString(description string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Computed: true}
}

func dsInt64(description string) schema.Int64Attribute {
	return schema.Int64Attribute{MarkdownDescription: description, Computed: true}
}

func dsBool(description string) schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: description, Computed: true}
}

func dsStringList(description string) schema.ListAttribute {
	return schema.ListAttribute{MarkdownDescription: description, ElementType: types.StringType, Computed: true}
}

func dsObject(description string, attrs map[string]schema.Attribute) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{MarkdownDescription: description, Computed: true, Attributes: attrs}
}

func dsObjectList(description string, attrs map[string]schema.Attribute) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{MarkdownDescription: description, Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: attrs}}
}

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
		details[s.key] = dsString("Status of " + s.what + ": `pending` or `complete`; null when not returned.")
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
			"id": dsInt64("Order ID."),
			"certificate": dsObject("Details about the certificate ordered. Only returned for orders placed by immediate subaccounts: null for orders of sub-subaccounts.", map[string]schema.Attribute{
				"id":                 dsInt64("Certificate ID."),
				"thumbprint":         dsString("Thumbprint of the certificate. Null until the certificate is issued."),
				"serial_number":      dsString("Serial number of the certificate. Null until the certificate is issued."),
				"common_name":        dsString("Name secured by the certificate."),
				"dns_names":          dsStringList("Additional names secured by the certificate. CertCentral answers `[\" \"]` for orders without names; blank entries are dropped, so that answer reads as an empty list."),
				"valid_from":         dsString("Date when the certificate validity starts (`yyyy-MM-dd`). Null until the certificate is issued."),
				"valid_till":         dsString("Date when the certificate validity ends (`yyyy-MM-dd`). Null until the certificate is issued."),
				"days_remaining":     dsInt64("Days until the certificate expires, as CertCentral counted them when read. Null until the certificate is issued."),
				"organization_units": dsStringList("Organization units on the certificate; null when not returned."),
				"signature_hash":     dsString("Signing algorithm used by the certificate, such as `sha256`."),
				"ca_cert": dsObject("Issuing CA certificate of the order's primary certificate.", map[string]schema.Attribute{
					"id":   dsString("Issuing CA certificate ID (a string, such as `A937018B9FAF6CC2`)."),
					"name": dsString("Issuing CA certificate name."),
				}),
			}),
			"organization": dsObject("Organization associated with the order. Only returned for orders placed by immediate subaccounts: null for orders of sub-subaccounts.", map[string]schema.Attribute{
				"id":           dsInt64("Organization ID."),
				"name":         dsString("Legal name of the organization."),
				"assumed_name": dsString("Public (DBA) name of the organization; null when the organization has none."),
				"display_name": dsString("Full name of the organization, built from `name` and `assumed_name`."),
			}),
			"subaccount": dsObject("The subaccount that placed the order.", map[string]schema.Attribute{
				"account_id":        dsInt64("Subaccount ID."),
				"account_type":      dsString("Subaccount type, such as `enterprise` or `retail`."),
				"organization_name": dsString("Primary organization of the subaccount."),
			}),
			"product": dsObject("The ordered product.", map[string]schema.Attribute{
				"name_id": dsString("Name ID of the product, such as `ssl_basic` (glossary: product identifiers)."),
				"name":    dsString("Display name of the product."),
				"type":    dsString("Product type, such as `ssl_certificate` (glossary: product types)."),
			}),
			"order_price": dsObject("Order price.", map[string]schema.Attribute{
				"cost":     schema.Float64Attribute{MarkdownDescription: "Total order cost. CertCentral types it int here (and number in `order_prices`); it is read as a number, so `399`, `358.5` and a numeric string such as `\"198\"` all work. When a subaccount reissues in the order's currency, the reissue cost is added here.", Computed: true},
				"currency": dsString("Currency unit, such as `USD`."),
			}),
			"order_prices": dsObjectList("Total cost of reissues, one entry per currency. Only returned when reissues were billed in a currency other than the original order's; null otherwise.", map[string]schema.Attribute{
				"cost":     schema.Float64Attribute{MarkdownDescription: "Total cost of reissues in `currency` (may be a decimal).", Computed: true},
				"currency": dsString("Currency unit of `cost`."),
			}),
			"status":         dsString("Order status, such as `needs_approval`, `pending`, `reissue_pending`, `issued`, `rejected`, `canceled`, `revoked` or `expired` (glossary: order status); values CertCentral adds later are passed through as they come."),
			"number_of_sans": dsInt64("Number of domains in the certificate's `dns_names`; null when not returned."),
			"date_created":   dsString("Order creation time, UTC, ISO 8601 (`YYYY-MM-DDThh:mm:ssTZD`)."),
			"date_issued":    dsString("When the certificate was issued, UTC, ISO 8601. Null for orders not issued."),
			"is_multi_year_plan": dsBool("`true` if the order is a Multi-year Plan. CertCentral documents the string `\"1\"`, returned only for Multi-year Plans; " +
				"it is mapped to a boolean: `\"1\"` (or `1`, `true`) is `true`, `\"0\"` (or `0`, `false`) is `false`, and an absent field is null."),
			"order_valid_from":       dsString("Start date of the order validity period (`YYYY-MM-DD`). Null for orders not issued."),
			"order_valid_till":       dsString("Expiration date of the order (`YYYY-MM-DD`). Null for orders not issued."),
			"validity_years":         dsInt64("Number of years the certificate will be valid."),
			"cs_provisioning_method": dsString("Provisioning method of the certificate, such as `email`, `ship_token` or `client_app` (glossary: CS provisioning methods). Only returned when `include_cs_provisioning_method` is `true`; null otherwise."),
			"subaccount_order_validations": dsObject("Domain and organization validation details of the order. Only returned when `include_validation_status` is `true`; null otherwise.", map[string]schema.Attribute{
				"order_name_scope": dsString("Domain validation scope of the order: the domains that must be validated before the certificate can issue, such as `base_domain`."),
				"order_dcv_method": dsString("Domain control validation (DCV) method of the order, such as `dns-txt-token`."),
				"organization_validations": dsObjectList("Organization validations that must be complete before the certificate can issue. Not returned for DV orders (null).", map[string]schema.Attribute{
					"type":            dsString("Validation type ID, such as `ov` or `ev` (glossary: validation types)."),
					"name":            dsString("Friendly name of the validation type."),
					"description":     dsString("Description of the validation type."),
					"date_created":    dsString("When the validation was completed, UTC, ISO 8601; null when not returned."),
					"validated_until": dsString("When the validation expires, UTC, ISO 8601; null when not returned."),
					"status":          dsString("Validation status: `pending` or `active`."),
					"verified_contacts": dsObjectList("Verified contacts of the organization; null when not returned.", map[string]schema.Attribute{
						"user_id":    dsString("Contact user ID; `\"0\"` when the contact is not a user of the CertCentral account."),
						"name":       dsString("Contact name."),
						"first_name": dsString("Contact first name."),
						"last_name":  dsString("Contact last name."),
						"job_title":  dsString("Contact job title."),
						"telephone":  dsString("Contact telephone number."),
						"email":      dsString("Contact email address."),
						"status":     dsString("Contact approval status: `pending` or `active`."),
					}),
					"verification_details": dsObject("Status of each step of verifying the certificate request. Which steps are returned depends on the product; the others are null.", details),
				}),
				"dns_name_validations": dsObjectList("Validation details of each domain on the order. Returned for EV, OV, DV and VMC orders; null otherwise.", map[string]schema.Attribute{
					"status":      dsString("Validation status: `approved` or `unapproved`."),
					"method":      dsString("DCV method for the domain. Only returned for unapproved domains (for OV and EV orders only when the order sets a per-domain method); null otherwise: validate with `order_dcv_method`."),
					"name_scope":  dsString("Domain to validate to prove control of the domain on the order. Only returned for unapproved domains (for OV and EV orders only when set per domain); null otherwise: validate with `order_name_scope`."),
					"dns_names":   dsStringList("The names of the order these validation details are for."),
					"base_domain": dsString("Base domain of the names in `dns_names`."),
				}),
			}),
		},
	}
}

func (d *subaccountOrderDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = configureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *subaccountOrderDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m subaccountOrderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}
	orderID := m.OrderID.ValueInt64()
	withValidations := m.IncludeValidationStatus.ValueBool()
	withCSProvisioning := m.IncludeCSProvisioningMethod.ValueBool()
	order, err := d.client.SubaccountOrder(ctx, orderID, withValidations, withCSProvisioning)
	if err != nil {
		resp.Diagnostics.Append(orderReadError(err, orderLookup{
			attr: path.Root("order_id"),
			what: "subaccount order " + strconv.FormatInt(orderID, 10),
			notFound: "CertCentral has no order " + strconv.FormatInt(orderID, 10) + " placed by a subaccount of this account: the order does not exist, " +
				"or it was not placed by a subaccount (or sub-subaccount) of the account the API key belongs to. " +
				"Check the ID; an order placed by the account itself is read with the " + orderDataSourceType + " data source.",
			permission: "view the orders of subaccounts",
		}))
		return
	}
	state := subaccountOrderModelFrom(order)
	state.OrderID = m.OrderID
	state.IncludeValidationStatus = types.BoolValue(withValidations)
	state.IncludeCSProvisioningMethod = types.BoolValue(withCSProvisioning)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// subaccountOrderModelFrom maps the API answer onto the model: absent
// objects stay nil (null), absent scalars become null.
func subaccountOrderModelFrom(o *certcentral.SubaccountOrder) subaccountOrderModel {
	m := subaccountOrderModel{
		ID:                   types.Int64Value(o.ID),
		Status:               stringOrNull(o.Status),
		NumberOfSANs:         types.Int64PointerValue(o.NumberOfSANs),
		DateCreated:          stringOrNull(o.DateCreated),
		DateIssued:           stringOrNull(o.DateIssued),
		IsMultiYearPlan:      types.BoolPointerValue(o.MultiYearPlan()),
		OrderValidFrom:       stringOrNull(o.OrderValidFrom),
		OrderValidTill:       stringOrNull(o.OrderValidTill),
		ValidityYears:        types.Int64PointerValue(o.ValidityYears),
		CSProvisioningMethod: stringOrNull(o.CSProvisioningMethod),
	}
	if c := o.Certificate; c != nil {
		m.Certificate = &subaccountCertificateModel{
			ID:                types.Int64PointerValue(c.ID),
			Thumbprint:        stringOrNull(c.Thumbprint),
			SerialNumber:      stringOrNull(c.SerialNumber),
			CommonName:        stringOrNull(c.CommonName),
			DNSNames:          dropBlankNames(c.DNSNames),
			ValidFrom:         stringOrNull(c.ValidFrom),
			ValidTill:         stringOrNull(c.ValidTill),
			DaysRemaining:     types.Int64PointerValue(c.DaysRemaining),
			OrganizationUnits: dropBlankNames(c.OrganizationUnits),
			SignatureHash:     stringOrNull(c.SignatureHash),
			CACert:            issuingCAFrom(c.CACert),
		}
	}
	if org := o.Organization; org != nil {
		m.Organization = &subaccountOrganizationModel{
			ID:          types.Int64PointerValue(org.ID),
			Name:        stringOrNull(org.Name),
			AssumedName: stringOrNull(org.AssumedName),
			DisplayName: stringOrNull(org.DisplayName),
		}
	}
	if sa := o.Subaccount; sa != nil {
		m.Subaccount = &subaccountInfoModel{
			AccountID:        types.Int64PointerValue(sa.AccountID),
			AccountType:      stringOrNull(sa.AccountType),
			OrganizationName: stringOrNull(sa.OrganizationName),
		}
	}
	if p := o.Product; p != nil {
		m.Product = &subaccountProductModel{NameID: stringOrNull(p.NameID), Name: stringOrNull(p.Name), Type: stringOrNull(p.Type)}
	}
	if o.OrderPrice != nil {
		p := subaccountOrderPriceFrom(*o.OrderPrice)
		m.OrderPrice = &p
	}
	if o.OrderPrices != nil {
		m.OrderPrices = make([]subaccountOrderPriceModel, len(o.OrderPrices))
		for i, p := range o.OrderPrices {
			m.OrderPrices[i] = subaccountOrderPriceFrom(p)
		}
	}
	if v := o.SubaccountOrderValidations; v != nil {
		m.SubaccountOrderValidations = subaccountValidationsFrom(v)
	}
	return m
}

func issuingCAFrom(c *certcentral.CACert) *issuingCAModel {
	if c == nil {
		return nil
	}
	return &issuingCAModel{ID: stringOrNull(c.ID), Name: stringOrNull(c.Name)}
}

func subaccountOrderPriceFrom(p certcentral.OrderPrice) subaccountOrderPriceModel {
	m := subaccountOrderPriceModel{Cost: types.Float64Null(), Currency: stringOrNull(p.Currency)}
	if p.Cost != "" {
		// json.Number was checked to be a number when decoded.
		if f, err := p.Cost.Float64(); err == nil {
			m.Cost = types.Float64Value(f)
		}
	}
	return m
}

func subaccountValidationsFrom(v *certcentral.SubaccountOrderValidations) *subaccountOrderValidationsModel {
	m := &subaccountOrderValidationsModel{
		OrderNameScope: stringOrNull(v.OrderNameScope),
		OrderDCVMethod: stringOrNull(v.OrderDCVMethod),
	}
	if v.OrganizationValidations != nil {
		m.OrganizationValidations = make([]organizationValidationModel, len(v.OrganizationValidations))
		for i, ov := range v.OrganizationValidations {
			m.OrganizationValidations[i] = organizationValidationModel{
				Type:           stringOrNull(ov.Type),
				Name:           stringOrNull(ov.Name),
				Description:    stringOrNull(ov.Description),
				DateCreated:    stringOrNull(ov.DateCreated),
				ValidatedUntil: stringOrNull(ov.ValidatedUntil),
				Status:         stringOrNull(ov.Status),
			}
			if ov.VerifiedContacts != nil {
				contacts := make([]verifiedContactModel, len(ov.VerifiedContacts))
				for j, c := range ov.VerifiedContacts {
					contacts[j] = verifiedContactModel{
						UserID: stringOrNull(string(c.UserID)), Name: stringOrNull(c.Name),
						FirstName: stringOrNull(c.FirstName), LastName: stringOrNull(c.LastName),
						JobTitle: stringOrNull(c.JobTitle), Telephone: stringOrNull(c.Telephone),
						Email: stringOrNull(c.Email), Status: stringOrNull(c.Status),
					}
				}
				m.OrganizationValidations[i].VerifiedContacts = contacts
			}
			if vd := ov.VerificationDetails; vd != nil {
				m.OrganizationValidations[i].VerificationDetails = &verificationDetailsModel{
					OrganizationType:            stringOrNull(vd.OrganizationType),
					OrganizationStatus:          stringOrNull(vd.OrganizationStatus),
					AddressVerification:         stringOrNull(vd.AddressVerification),
					BlacklistFraud:              stringOrNull(vd.BlacklistFraud),
					BlacklistFraudMalware:       stringOrNull(vd.BlacklistFraudMalware),
					RequestAuthenticity:         stringOrNull(vd.RequestAuthenticity),
					OperationalExistence:        stringOrNull(vd.OperationalExistence),
					PlaceOfBusinessVerification: stringOrNull(vd.PlaceOfBusinessVerification),
					PhoneNumberVerification:     stringOrNull(vd.PhoneNumberVerification),
					ApproverVerification:        stringOrNull(vd.ApproverVerification),
					ApproverBlacklist:           stringOrNull(vd.ApproverBlacklist),
					LogoTrademark:               stringOrNull(vd.LogoTrademark),
				}
			}
		}
	}
	if v.DNSNameValidations != nil {
		m.DNSNameValidations = make([]dnsNameValidationModel, len(v.DNSNameValidations))
		for i, dv := range v.DNSNameValidations {
			m.DNSNameValidations[i] = dnsNameValidationModel{
				Status:     stringOrNull(dv.Status),
				Method:     stringOrNull(dv.Method),
				NameScope:  stringOrNull(dv.NameScope),
				DNSNames:   dropBlankNames(dv.DNSNames),
				BaseDomain: stringOrNull(dv.BaseDomain),
			}
		}
	}
	return m
}
