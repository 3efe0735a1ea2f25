package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ModifyPlan plans what only the provider knows: the dcv_records keys (so
// for_each works on the first apply), replacement of dead orders, and
// renewal (the engine's planExisting, tlsorder_plan.go).
func (r *dvSSLOrderResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan dvSSLOrderModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() || plan.ID.IsUnknown() {
		// A new order: nothing is issued, nothing is due.
		if req.State.Raw.IsNull() {
			var configured types.String
			resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathAlternativeOrderID, &configured)...)
			body, d := dvSSLOrderRequest(ctx, plan)
			plan.AlternativeOrderID = planAlternativeOrderID(configured, plan.ProductNameID.ValueString(), body,
				req.Config.Raw.IsFullyKnown() && !d.HasError())
		}
		plan.ReadyForRenewal = types.BoolValue(false)
		plan.DCVRecords = r.plannedRecords(ctx, plan, &resp.Diagnostics)
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		return
	}
	var state dvSSLOrderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	planned, wanted := r.planExisting(ctx, req, resp, &plan.tlsOrderModel, &state.tlsOrderModel)
	switch planned {
	case plannedReplace:
		return
	case plannedReissue:
		r.planReissuedRecords(ctx, &plan, &state, wanted.known, &resp.Diagnostics)
	case plannedRenewalOrder:
		plan.DCVRandomValue = types.StringUnknown()
		plan.DCVRecords = r.plannedRecords(ctx, plan, &resp.Diagnostics)
	default:
		plan.DCVRecords = state.DCVRecords
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// plannedRecords is dcv_records for an order about to be placed: its keys
// when the names and method are known, else unknown.
func (r *dvSSLOrderResource) plannedRecords(ctx context.Context, m dvSSLOrderModel, diags *diag.Diagnostics) types.Map {
	names, known := dvOrderNames(ctx, m, diags)
	if !known || m.DCVMethod.IsUnknown() {
		return types.MapUnknown(types.ObjectType{AttrTypes: dcvRecordAttrTypes})
	}
	return plannedDCVRecords(m.DCVMethod.ValueString(), names)
}

// planReissuedRecords plans dcv_records for a reissue: the records of
// unchanged names stay while the order keeps its random value.
// inputsKnown says whether the reissue's inputs are known yet.
func (r *dvSSLOrderResource) planReissuedRecords(ctx context.Context, plan, state *dvSSLOrderModel, inputsKnown bool, diags *diag.Diagnostics) {
	names, known := dvOrderNames(ctx, *plan, diags)
	expires, haveExpiry := dcvExpiry(state.DCVRecords)
	switch {
	case !known || !inputsKnown:
		plan.DCVRecords = r.plannedRecords(ctx, *plan, diags)
	case !state.DCVRandomValue.IsNull() && haveExpiry && r.now().Add(time.Hour).Before(expires):
		// The order keeps its random value: the records of unchanged names
		// stay as they are, a new name gets its own.
		plan.DCVRecords = knownDCVRecords(plan.DCVMethod.ValueString(), names, state.DCVRandomValue.ValueString(), expires)
	default:
		// The value expires (30 days): apply reads the new one.
		plan.DCVRandomValue = types.StringUnknown()
		plan.DCVRecords = plannedDCVRecords(plan.DCVMethod.ValueString(), names)
	}
}
