package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// orderValidityModel is order_validity, for every product that has it.
type orderValidityModel struct {
	Years                types.Int64  `tfsdk:"years"`
	Days                 types.Int64  `tfsdk:"days"`
	CustomExpirationDate types.String `tfsdk:"custom_expiration_date"`
}

// orderValidityRequest maps order_validity onto the API object.
func orderValidityRequest(ctx context.Context, o types.Object, diags *diag.Diagnostics) *certcentral.OrderValidity {
	if o.IsNull() || o.IsUnknown() {
		return nil
	}
	var v orderValidityModel
	diags.Append(o.As(ctx, &v, basetypes.ObjectAsOptions{})...)
	return &certcentral.OrderValidity{Years: int64Ptr(v.Years), Days: int64Ptr(v.Days), CustomExpirationDate: v.CustomExpirationDate.ValueString()}
}
