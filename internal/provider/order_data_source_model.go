package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

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
