package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// tlsPlanned is what planExisting planned; the resource plans its own
// state to match.
type tlsPlanned int

const (
	// plannedReplace: a replacement, in resp.Plan (plan is not to be set).
	plannedReplace tlsPlanned = iota
	// plannedNoCall: no API call (a warning or an error at most); the
	// resource's computed values follow state.
	plannedNoCall
	// plannedReissue: apply reissues; wanted.known says whether the
	// reissue's inputs are known yet.
	plannedReissue
	// plannedRenewalOrder: apply places a billed renewal order.
	plannedRenewalOrder
)

// planExisting plans an order that exists (state is not null): a reissue,
// a renewal order, a coverage warning, or nothing, in plan. wanted are the
// planned reissue inputs.
func (e *tlsOrderEngine) planExisting(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, plan, state *tlsOrderModel) (planned tlsPlanned, wanted reissueInputs) {
	at := state.certCentralNow(e.now)
	reissuable := state.coverage().canReissue(at)
	if terminalStatuses[state.Status.ValueString()] && (state.Status.ValueString() != certcentral.OrderStatusExpired || !reissuable) {
		planReplaceTerminal(ctx, req, resp, e.typeName)
		return plannedReplace, wanted
	}
	// Computed values follow state unless something below plans a change;
	// request_id must be known here, since an unknown one means "reissue"
	// to Update.
	plan.RequestID, plan.RequestType, plan.RequestStatus = state.RequestID, state.RequestType, state.RequestStatus
	plan.NextRenewal = plan.nextRenewalAt(at)
	plan.ReadyForRenewal = types.BoolValue(false)

	wanted = certificateInputs(ctx, *plan, &resp.Diagnostics)
	current := certificateInputs(ctx, *state, &resp.Diagnostics)
	changed := !wanted.known || !wanted.equal(current)
	if adoptsImported(ctx, true, req.Private, &resp.Diagnostics) {
		// Right after an import the configuration is adopted (replace.go);
		// only a different name is a real change.
		changed = !wanted.known || wanted.commonName != current.commonName || (len(current.dnsNames) > 0 && !slices.Equal(wanted.dnsNames, current.dnsNames))
	}
	due := plan.coverage().renewalDue(at)
	daysLeft := state.coverage().daysLeftText()
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
		plan.planReissue()
		return plannedReissue, wanted
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
			fmt.Sprintf("Order %s has %s left: apply reissues the certificate on the same order, at no cost (coverage until %s). No order is placed.", orderID, daysLeft, state.OrderValidTill.ValueString()))
		plan.planReissue()
		return plannedReissue, wanted
	case due && allowOrders:
		resp.Diagnostics.AddWarning("Billed Renewal Order Planned",
			fmt.Sprintf("Order %s has %s left and its coverage (until %s) cannot hold another certificate: apply places a new, billed renewal order. The current order is neither canceled nor revoked.",
				orderID, daysLeft, state.OrderValidTill.ValueString()))
		plan.planRenewalOrder()
		return plannedRenewalOrder, wanted
	case due:
		resp.Diagnostics.AddWarning("Coverage Ending",
			fmt.Sprintf("Order %s has %s left and its coverage ends on %s, too soon for another certificate. allow_renewal_orders = false, so nothing is ordered: place a new order (or allow renewal orders) before the certificate expires.",
				orderID, daysLeft, state.OrderValidTill.ValueString()))
		plan.ReadyForRenewal = types.BoolValue(true)
	}
	return plannedNoCall, wanted
}

// planReissue marks what a reissue changes as known only after apply; the
// order ID and its coverage stay.
func (m *tlsOrderModel) planReissue() {
	m.RequestID, m.RequestType, m.RequestStatus = types.Int64Unknown(), types.StringUnknown(), types.StringUnknown()
	m.CertificateID, m.Status, m.DaysRemaining = types.Int64Unknown(), types.StringUnknown(), types.Int64Unknown()
	m.SerialNumber, m.Thumbprint, m.ValidFrom, m.ValidTill = types.StringUnknown(), types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	m.NextRenewal = types.StringUnknown()
	m.certificatePEMModel.setUnknown()
}

// planRenewalOrder marks everything that belongs to the order as known only
// after apply: apply places a renewal order.
func (m *tlsOrderModel) planRenewalOrder() {
	m.orderStatusModel.setUnknown()
	m.OrderValidFrom, m.OrderValidTill, m.IsMultiYearPlan = types.StringUnknown(), types.StringUnknown(), types.BoolUnknown()
	m.RequestID, m.RequestType, m.RequestStatus, m.NextRenewal = types.Int64Unknown(), types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	m.certificatePEMModel.setUnknown()
}
