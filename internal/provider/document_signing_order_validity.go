package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// The org products' validity moved from validity_years (deprecated) to
// order_validity.years on DigiCert's page, and the schema's deprecation
// warning asks users to move. Moving the same number of years from one to
// the other describes the same order, so it must not replace a paid order:
// validity_years, order_validity and order_validity.years replace as usual
// (replace.go) except for such a move, which Update records with no call.

// dsignPlainYears is the number of years a validity_years/order_validity
// pair gives when it is plain years (no days, no custom date); ok is false
// otherwise, or while anything is unknown.
func dsignPlainYears(ctx context.Context, vy types.Int64, ov types.Object, diags *diag.Diagnostics) (years int64, ok bool) {
	switch {
	case vy.IsUnknown() || ov.IsUnknown():
		return 0, false
	case !ov.IsNull() && !vy.IsNull():
		return 0, false
	case ov.IsNull():
		return vy.ValueInt64(), !vy.IsNull()
	}
	var m orderValidityModel
	diags.Append(ov.As(ctx, &m, basetypes.ObjectAsOptions{})...)
	if diags.HasError() || !m.Days.IsNull() || !m.CustomExpirationDate.IsNull() || !dsignIsSet(m.Years) {
		return 0, false
	}
	return m.Years.ValueInt64(), true
}

// dsignValidityMoved reports whether the plan only moves the same number of
// years between validity_years and order_validity.years.
func dsignValidityMoved(ctx context.Context, plan tfsdk.Plan, state tfsdk.State, diags *diag.Diagnostics) bool {
	var pvy, svy types.Int64
	var pov, sov types.Object
	diags.Append(plan.GetAttribute(ctx, path.Root("validity_years"), &pvy)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("order_validity"), &pov)...)
	diags.Append(state.GetAttribute(ctx, path.Root("validity_years"), &svy)...)
	diags.Append(state.GetAttribute(ctx, path.Root("order_validity"), &sov)...)
	if diags.HasError() {
		return false
	}
	py, pok := dsignPlainYears(ctx, pvy, pov, diags)
	sy, sok := dsignPlainYears(ctx, svy, sov, diags)
	return pok && sok && py == sy
}

var (
	dsignReplaceValidityInt64 = []planmodifier.Int64{int64planmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !adoptsImported(ctx, true, req.Private, &resp.Diagnostics) && !dsignValidityMoved(ctx, req.Plan, req.State, &resp.Diagnostics)
		}, dsignValidityReplaceDescription, dsignValidityReplaceDescription)}
	dsignReplaceValidityObject = []planmodifier.Object{objectplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !adoptsImported(ctx, true, req.Private, &resp.Diagnostics) && !dsignValidityMoved(ctx, req.Plan, req.State, &resp.Diagnostics)
		}, dsignValidityReplaceDescription, dsignValidityReplaceDescription)}
)

const dsignValidityReplaceDescription = replaceDescription + " Moving the same number of years between `validity_years` and `order_validity.years` changes nothing on the order and is recorded in place."
