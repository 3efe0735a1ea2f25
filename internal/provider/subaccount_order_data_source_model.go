package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

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
