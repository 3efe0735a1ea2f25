package provider

import (
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

type acmeCredentialModel struct {
	Name             types.String `tfsdk:"name"`
	ProductNameID    types.String `tfsdk:"product_name_id"`
	OrganizationID   types.Int64  `tfsdk:"organization_id"`
	ContainerID      types.Int64  `tfsdk:"container_id"`
	ValidityYears    types.Int64  `tfsdk:"validity_years"`
	ValidityDays     types.Int64  `tfsdk:"validity_days"`
	ProfileOption    types.String `tfsdk:"profile_option"`
	RotationTriggers types.Map    `tfsdk:"rotation_triggers"`
	ID               types.String `tfsdk:"id"`
	KeyID            types.String `tfsdk:"key_id"`
	HMACKey          types.String `tfsdk:"hmac_key"`
	ACMEDirectoryURL types.String `tfsdk:"acme_directory_url"`
	Status           types.String `tfsdk:"status"`
	CreatedAt        types.String `tfsdk:"created_at"`
}

// acmeCredentialRequest is the create body for m.
func acmeCredentialRequest(m acmeCredentialModel) certcentral.ACMECredentialRequest {
	req := certcentral.ACMECredentialRequest{
		Name:           m.Name.ValueString(),
		ProductNameID:  m.ProductNameID.ValueString(),
		OrganizationID: m.OrganizationID.ValueInt64(),
		ValidityYears:  m.ValidityYears.ValueInt64(),
		ValidityDays:   m.ValidityDays.ValueInt64(),
		ProfileOption:  m.ProfileOption.ValueString(),
	}
	if !m.ContainerID.IsNull() {
		req.Container = &certcentral.IDRef{ID: m.ContainerID.ValueInt64()}
	}
	return req
}

// setFromKey records what GET /key/{id} shows. The arguments are set only
// when they are null (an import): a credential cannot change, so state
// keeps what the configuration said, and an import adopts what CertCentral
// holds.
func (m *acmeCredentialModel) setFromKey(k *certcentral.Key) {
	m.ID = types.StringValue(strconv.FormatInt(k.ID, 10))
	m.Status = types.StringValue(k.Status)
	m.CreatedAt = stringOrNull(k.CreateDate)
	if m.Name.IsNull() {
		m.Name = types.StringValue(k.Name)
	}
	if m.ProductNameID.IsNull() {
		m.ProductNameID = stringOrNull(k.ProductNameID)
	}
	if m.OrganizationID.IsNull() && k.OrganizationID != 0 {
		m.OrganizationID = types.Int64Value(k.OrganizationID)
	}
	if m.ValidityYears.IsNull() && k.ValidityYears != 0 {
		m.ValidityYears = types.Int64Value(k.ValidityYears)
	}
	if m.ValidityDays.IsNull() && k.ValidityDays != 0 {
		m.ValidityDays = types.Int64Value(k.ValidityDays)
	}
}
