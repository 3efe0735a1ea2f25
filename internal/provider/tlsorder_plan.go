package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// reissuable builds the plan modifiers of the certificate inputs a reissue
// can carry. They replace the order only when no reissue can carry the
// change (the order is not issued, or its coverage cannot hold a new
// certificate); right after an import they are adopted as replace.go
// describes. now is the resource's clock.
type reissuable struct{ now clock }

// strings is for csr (adopted after import whatever state says) and, with
// identity, for common_name (adopted only where the import could not know
// the value, as identityString).
func (re reissuable) strings(identity bool) []planmodifier.String {
	return []planmodifier.String{stringplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !re.carries(ctx, req.State, !identity || req.StateValue.IsNull(), req.Private, &resp.Diagnostics)
		}, reissuableDescription, reissuableDescription)}
}

// identityList is for dns_names.
func (re reissuable) identityList() []planmodifier.List {
	return []planmodifier.List{listplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.ListRequest, resp *listplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !re.carries(ctx, req.State, req.StateValue.IsNull(), req.Private, &resp.Diagnostics)
		}, reissuableDescription, reissuableDescription)}
}

// object is for certificate and server_platform.
func (re reissuable) object() []planmodifier.Object {
	return []planmodifier.Object{objectplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !re.carries(ctx, req.State, true, req.Private, &resp.Diagnostics)
		}, reissuableDescription, reissuableDescription)}
}

// idObject is server_platform.
func (re reissuable) idObject(description string, minID int64) schema.SingleNestedAttribute {
	a := idObjectAttribute(description, minID)
	a.PlanModifiers = re.object()
	id, ok := a.Attributes["id"].(schema.Int64Attribute)
	if !ok {
		panic("idObjectAttribute no longer has an int64 id")
	}
	id.PlanModifiers = nil // the object's modifier decides
	a.Attributes["id"] = id
	return a
}

const reissuableDescription = "Changing this reissues the certificate on the same order (free) while the order's coverage can hold a new certificate; otherwise it places a new order."

// carries reports whether a change of a reissuable input is carried by a
// reissue (or adopted after import) rather than a new order.
func (re reissuable) carries(ctx context.Context, state tfsdk.State, adoptable bool, private privateGetter, diags *diag.Diagnostics) bool {
	if adoptsImported(ctx, adoptable, private, diags) {
		return true
	}
	if state.Raw.IsNull() {
		return false
	}
	var m dvSSLOrderModel
	diags.Append(state.Get(ctx, &m)...)
	return !diags.HasError() && canReissue(m, m.certCentralNow(re.now))
}

// planExisting plans an order that exists (state is not null): a reissue,
// a renewal order, a coverage warning, or nothing, in plan. It returns
// false when it planned a replacement in resp.Plan instead (plan is then
// not to be set).
func (r *dvSSLOrderResource) planExisting(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, plan, state *dvSSLOrderModel) bool {
	at := state.certCentralNow(r.now)
	reissuable := canReissue(*state, at)
	if terminalStatuses[state.Status.ValueString()] && (state.Status.ValueString() != certcentral.OrderStatusExpired || !reissuable) {
		planReplaceTerminal(ctx, req, resp, dvSSLOrderType)
		return false
	}
	// Computed values follow state unless something below plans a change;
	// request_id must be known here, since an unknown one means "reissue"
	// to Update.
	plan.RequestID, plan.RequestType, plan.RequestStatus = state.RequestID, state.RequestType, state.RequestStatus
	plan.NextRenewal = nextRenewalAt(*plan, at)
	plan.ReadyForRenewal = types.BoolValue(false)
	plan.DCVRecords = state.DCVRecords

	wanted, current := certificateInputs(ctx, *plan, &resp.Diagnostics), certificateInputs(ctx, *state, &resp.Diagnostics)
	changed := !wanted.known || !wanted.equal(current)
	if adoptsImported(ctx, true, req.Private, &resp.Diagnostics) {
		// Right after an import the configuration is adopted (replace.go);
		// only a different name is a real change.
		changed = !wanted.known || wanted.commonName != current.commonName || (len(current.dnsNames) > 0 && !slices.Equal(wanted.dnsNames, current.dnsNames))
	}
	due := dvRenewalDue(*plan, at)
	allowOrders := plan.AllowRenewalOrders.IsNull() || plan.AllowRenewalOrders.IsUnknown() || plan.AllowRenewalOrders.ValueBool()
	orderID := state.ID.ValueString()
	switch {
	case changed && reissuable:
		resp.Diagnostics.AddWarning("Certificate Reissue Planned",
			fmt.Sprintf("The certificate inputs of order %s changed: apply reissues the certificate on the same order, at no cost, inside its coverage (until %s). The current certificate keeps serving until the new one is issued.", orderID, state.OrderValidTill.ValueString()))
		if state.Status.ValueString() == certcentral.OrderStatusReissuePending {
			resp.Diagnostics.AddWarning("Reissue Pending",
				fmt.Sprintf("Order %s has a reissue pending; apply sends a new reissue with the new inputs, which replaces the pending one.", orderID))
		}
		if added := wanted.addedNames(current); len(added) > 0 {
			resp.Diagnostics.AddWarning("Added Names May Cost Extra",
				fmt.Sprintf("The reissue adds %s. CertCentral may charge for added names (pro-rated over the coverage left), and each needs domain validation.", strings.Join(added, ", ")))
		}
		r.planReissue(ctx, plan, state, wanted, &resp.Diagnostics)
	case changed && !allowOrders && !adoptsImported(ctx, true, req.Private, &resp.Diagnostics):
		resp.Diagnostics.AddAttributeError(path.Root("certificate"), "Change Needs a New Order",
			fmt.Sprintf("Order %s cannot carry this change through a reissue (status %s, coverage until %s), and allow_renewal_orders = false forbids a billed order. Nothing was sent. Revert the change, or allow renewal orders.",
				orderID, state.Status.ValueString(), state.OrderValidTill.ValueString()))
	case changed:
		// The reissuable attributes require replacement (their plan
		// modifiers agree with canReissue): say what it costs.
		resp.Diagnostics.AddWarning("New Order Planned",
			fmt.Sprintf("Order %s cannot carry this change through a reissue (status %s, coverage until %s): apply places a new, billed order.", orderID, state.Status.ValueString(), state.OrderValidTill.ValueString()))
	case due && reissuable:
		resp.Diagnostics.AddWarning("Certificate Renewal by Reissue Planned",
			fmt.Sprintf("Order %s has %s left: apply reissues the certificate on the same order, at no cost (coverage until %s). No order is placed.", orderID, daysLeftText(state.orderStatusModel), state.OrderValidTill.ValueString()))
		r.planReissue(ctx, plan, state, wanted, &resp.Diagnostics)
	case due && allowOrders:
		resp.Diagnostics.AddWarning("Billed Renewal Order Planned",
			fmt.Sprintf("Order %s has %s left and its coverage (until %s) cannot hold another certificate: apply places a new, billed renewal order. The current order is neither canceled nor revoked.",
				orderID, daysLeftText(state.orderStatusModel), state.OrderValidTill.ValueString()))
		r.planRenewalOrder(ctx, plan, &resp.Diagnostics)
	case due:
		resp.Diagnostics.AddWarning("Coverage Ending",
			fmt.Sprintf("Order %s has %s left and its coverage ends on %s, too soon for another certificate. allow_renewal_orders = false, so nothing is ordered: place a new order (or allow renewal orders) before the certificate expires.",
				orderID, daysLeftText(state.orderStatusModel), state.OrderValidTill.ValueString()))
		plan.ReadyForRenewal = types.BoolValue(true)
	}
	return true
}

// planReissue marks what a reissue changes as known only after apply; the
// order ID, its coverage and (for unchanged names) its DCV records stay.
func (r *dvSSLOrderResource) planReissue(ctx context.Context, plan, state *dvSSLOrderModel, wanted reissueInputs, diags *diag.Diagnostics) {
	plan.RequestID, plan.RequestType, plan.RequestStatus = types.Int64Unknown(), types.StringUnknown(), types.StringUnknown()
	plan.CertificateID, plan.Status, plan.DaysRemaining = types.Int64Unknown(), types.StringUnknown(), types.Int64Unknown()
	plan.SerialNumber, plan.Thumbprint, plan.ValidFrom, plan.ValidTill = types.StringUnknown(), types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	plan.NextRenewal = types.StringUnknown()
	plan.certificatePEMModel.setUnknown()
	names, known := dvOrderNames(ctx, *plan, diags)
	expires, haveExpiry := dcvExpiry(state.DCVRecords)
	switch {
	case !known || !wanted.known:
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

// planRenewalOrder marks everything that belongs to the order as known only
// after apply: apply places a renewal order.
func (r *dvSSLOrderResource) planRenewalOrder(ctx context.Context, plan *dvSSLOrderModel, diags *diag.Diagnostics) {
	plan.orderStatusModel.setUnknown()
	plan.DCVRandomValue = types.StringUnknown()
	plan.OrderValidFrom, plan.OrderValidTill, plan.IsMultiYearPlan = types.StringUnknown(), types.StringUnknown(), types.BoolUnknown()
	plan.RequestID, plan.RequestType, plan.RequestStatus, plan.NextRenewal = types.Int64Unknown(), types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	plan.certificatePEMModel.setUnknown()
	plan.DCVRecords = r.plannedRecords(ctx, *plan, diags)
}
