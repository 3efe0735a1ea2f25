package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// validateACMECredential checks at plan time what the schema validators
// cannot: the organization must be given for OV/EV products and must not be
// for DV ones.
func validateACMECredential(m acmeCredentialModel, diags *diag.Diagnostics) {
	if m.ProductNameID.IsUnknown() || m.ProductNameID.IsNull() || m.OrganizationID.IsUnknown() {
		return
	}
	product := m.ProductNameID.ValueString()
	switch {
	case slices.Contains(acmeOVEVProductIDs, product) && m.OrganizationID.IsNull():
		diags.AddAttributeError(path.Root("organization_id"), "Organization Required",
			"The OV and EV product "+product+" issues certificates naming an organization: set organization_id to a CertCentral organization "+
				"with a current OV (or, for EV, EV) validation.")
	case slices.Contains(dvProductIDs, product) && !m.OrganizationID.IsNull():
		diags.AddAttributeError(path.Root("organization_id"), "Organization Not Allowed",
			"The DV product "+product+" issues certificates that name no organization: remove organization_id, or choose an OV or EV product ("+
				codeList(acmeOVEVProductIDs)+").")
	}
}

func (r *acmeCredentialResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m acmeCredentialModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateACMECredential(m, &resp.Diagnostics)
}
