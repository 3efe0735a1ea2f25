package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

var (
	_ resource.ResourceWithConfigure      = &dvSSLOrderResource{}
	_ resource.ResourceWithImportState    = &dvSSLOrderResource{}
	_ resource.ResourceWithValidateConfig = &dvSSLOrderResource{}
	_ resource.ResourceWithModifyPlan     = &dvSSLOrderResource{}
)

const dvSSLOrderType = "digicert_dv_ssl_order"

// NewDVSSLOrderResource is the digicert_dv_ssl_order resource.
func NewDVSSLOrderResource() resource.Resource { return &dvSSLOrderResource{} }

type dvSSLOrderResource struct {
	lifecycle orderLifecycle
}

func (r *dvSSLOrderResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dv_ssl_order"
}

func (r *dvSSLOrderResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.lifecycle.client = configureClient(req.ProviderData, &resp.Diagnostics)
	r.lifecycle.feed = configuredFeed(req.ProviderData)
}

// ModifyPlan plans what only the provider knows: the dcv_records keys (so
// for_each works on the first apply), replacement of dead orders, and
// renewal.
func (r *dvSSLOrderResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	planReplaceTerminal(ctx, req, resp, dvSSLOrderType)
	var plan dvSSLOrderModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() || plan.ID.IsUnknown() {
		// A new order: nothing is issued, nothing is due.
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
	if !renewalDue(plan.RenewBeforeDays, state.orderStatusModel, now()) {
		plan.ReadyForRenewal = types.BoolValue(false)
		// Unchanged, so that for_each over it stays known.
		plan.DCVRecords = state.DCVRecords
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		return
	}
	// Renewal: an in-place update whose apply places the renewal order, so
	// everything that belongs to the order is known only after apply.
	resp.Diagnostics.AddWarning("Certificate Renewal Planned",
		fmt.Sprintf("Order %s has %s left, within renew_before_days = %d: apply places a renewal order. The current order is neither canceled nor revoked.",
			state.ID.ValueString(), daysLeftText(state.orderStatusModel), plan.RenewBeforeDays.ValueInt64()))
	plan.ReadyForRenewal = types.BoolValue(false)
	plan.ID, plan.DCVRandomValue = types.StringUnknown(), types.StringUnknown()
	plan.CertificateID, plan.DaysRemaining = types.Int64Unknown(), types.Int64Unknown()
	plan.Status, plan.DateCreated = types.StringUnknown(), types.StringUnknown()
	plan.SerialNumber, plan.Thumbprint, plan.ValidFrom, plan.ValidTill = types.StringUnknown(), types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	plan.setUnknown()
	plan.DCVRecords = r.plannedRecords(ctx, plan, &resp.Diagnostics)
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

// renewalDue decides renewal from CertCentral's own count of days left
// (measured on its clock at the last refresh), or, when that is missing,
// from valid_till and now.
func renewalDue(renewBeforeDays types.Int64, m orderStatusModel, now time.Time) bool {
	if renewBeforeDays.IsNull() || renewBeforeDays.IsUnknown() || m.Status.ValueString() != "issued" {
		return false
	}
	limit := renewBeforeDays.ValueInt64()
	if !m.DaysRemaining.IsNull() && !m.DaysRemaining.IsUnknown() {
		return m.DaysRemaining.ValueInt64() <= limit
	}
	till, err := time.Parse("2006-01-02", m.ValidTill.ValueString())
	if err != nil {
		return false
	}
	return till.Sub(now) <= time.Duration(limit)*24*time.Hour
}

func daysLeftText(m orderStatusModel) string {
	if !m.DaysRemaining.IsNull() && !m.DaysRemaining.IsUnknown() {
		return fmt.Sprintf("%d days", m.DaysRemaining.ValueInt64())
	}
	return "until " + m.ValidTill.ValueString()
}

func (r *dvSSLOrderResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan dvSSLOrderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.lifecycle.client, &resp.Diagnostics) {
		return
	}
	body, diags := dvSSLOrderRequest(ctx, plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !r.placeOrder(ctx, &plan, body, resp.Private, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// placeOrder sends the order and fills m from what came back. It returns
// false when no order was placed. Once the POST succeeded it adds only
// warnings: the order exists, and an error would make Terraform taint the
// resource and order again (FRAMEWORK-NOTES).
func (r *dvSSLOrderResource) placeOrder(ctx context.Context, m *dvSSLOrderModel, body certcentral.DVSSLOrderRequest, private privateSetter, diags *diag.Diagnostics) bool {
	product := m.ProductNameID.ValueString()
	sentAt := now()
	placed, err := r.lifecycle.client.OrderDVSSL(ctx, product, body)
	if err != nil {
		diags.Append(orderPlacementError(err, dvSSLOrderType, product, body.Certificate.CommonName))
		return false
	}
	m.ID = types.StringValue(fmt.Sprint(placed.ID))
	m.CertificateID = types.Int64Null()
	if placed.CertificateID != 0 {
		m.CertificateID = types.Int64Value(placed.CertificateID)
	}
	m.DCVRandomValue = stringOrNull(placed.DCVRandomValue)
	if placed.DCVRandomValue != "" {
		// The value was created with the order, so it expires no earlier
		// than dcvValueLifetime after we sent it: no need to ask.
		if names, known := dvOrderNames(ctx, *m, diags); known {
			m.DCVRecords = knownDCVRecords(m.DCVMethod.ValueString(), names, placed.DCVRandomValue, sentAt.Add(dcvValueLifetime))
		}
	}
	m.ReadyForRenewal = types.BoolValue(false)
	m.clear()
	if r.refreshComputed(ctx, m, placed.ID, diags) {
		// Read after sentAt: state is at least as new as that.
		markFullRead(ctx, private, sentAt, diags)
	} else {
		forgetFullRead(ctx, private, diags)
	}
	r.refreshDCVToken(ctx, m, placed.ID, true, diags)
	m.nullUnknowns()
	return true
}

// refreshComputed reads order info right after the order was placed and
// reports whether it could. A
// failure is only a warning: the order is placed and its ID is in state, and
// the next refresh fills in the rest.
func (r *dvSSLOrderResource) refreshComputed(ctx context.Context, m *dvSSLOrderModel, orderID int64, diags *diag.Diagnostics) bool {
	info, err := r.lifecycle.client.GetOrder(ctx, orderID)
	if err != nil {
		diags.AddWarning("Order Placed, Details Not Read Yet",
			fmt.Sprintf("Order %d was placed and is recorded in state, but reading its details failed: %v. The next refresh (terraform plan or apply) reads them; nothing will be ordered again.", orderID, err))
		return false
	}
	m.setFromOrderInfo(info)
	return true
}

func (r *dvSSLOrderResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state dvSSLOrderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.lifecycle.feed.keepsState(ctx, req.Private, state.refreshCheck()) {
		state.keepFromClock()
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	imported := state.ProductNameID.IsNull()
	info := r.lifecycle.readOrder(ctx, state.ID, imported, dvProductIDs, resp)
	if info == nil {
		return
	}
	if imported {
		// Fill the arguments from what the order says.
		resp.Diagnostics.Append(dvSSLModelFromOrderInfo(ctx, &state, info)...)
	}
	state.setFromOrderInfo(info)
	r.refreshCertificate(ctx, &state, &resp.Diagnostics)
	if state.Status.ValueString() == "needs_approval" || state.Status.ValueString() == "pending" {
		r.refreshDCVToken(ctx, &state, info.ID, false, &resp.Diagnostics)
	}
	state.ReadyForRenewal = types.BoolValue(renewalDue(state.RenewBeforeDays, state.orderStatusModel, now()))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// refreshCertificate downloads the certificate only when the order holds one
// that state does not have yet (first issuance, or a reissue that changed the
// thumbprint): a refresh with nothing new costs no download.
func (r *dvSSLOrderResource) refreshCertificate(ctx context.Context, m *dvSSLOrderModel, diags *diag.Diagnostics) {
	if m.Status.ValueString() != "issued" || m.CertificateID.IsNull() {
		if m.CertificatePEM.IsUnknown() {
			m.clear()
		}
		return
	}
	if !m.CertificatePEM.IsNull() && !m.CertificatePEM.IsUnknown() && m.leafThumbprint() == strings.ToUpper(m.Thumbprint.ValueString()) {
		return
	}
	if err := m.download(ctx, r.lifecycle.client, m.CertificateID.ValueInt64()); err != nil {
		diags.AddWarning("Certificate Not Downloaded Yet",
			fmt.Sprintf("Order %s is issued, but downloading certificate %d failed: %v. The next refresh tries again.", m.ID.ValueString(), m.CertificateID.ValueInt64(), err))
		m.clear()
	}
}

// refreshDCVToken keeps dcv_random_value and dcv_records current for the
// token methods. It asks CertCentral (PUT dcv-random-value, which answers the
// same value while it is valid) only when the value or its expiry is unknown,
// or the value has expired: an unchanged pending order costs no extra call.
func (r *dvSSLOrderResource) refreshDCVToken(ctx context.Context, m *dvSSLOrderModel, orderID int64, afterCreate bool, diags *diag.Diagnostics) {
	method := m.DCVMethod.ValueString()
	names, known := dvOrderNames(ctx, *m, diags)
	if !known {
		return
	}
	if _, ok := dcvRecordFor(method, "example.com"); !ok {
		m.DCVRecords = knownDCVRecords(method, nil, "", time.Time{})
		return
	}
	expires, _ := dcvExpiry(m.DCVRecords)
	if m.dcvValueStale() {
		token, err := r.lifecycle.client.GetDCVRandomValue(ctx, orderID)
		switch {
		case err != nil && afterCreate:
			diags.AddWarning("DCV Random Value Not Read Yet",
				fmt.Sprintf("Order %d was placed, but reading its DCV random value failed: %v. The next refresh reads it.", orderID, err))
		case err != nil:
			diags.AddWarning("DCV Random Value Not Refreshed", fmt.Sprintf("Reading the DCV random value of order %d failed: %v", orderID, err))
		default:
			m.DCVRandomValue = types.StringValue(token.DCVRandomValue)
			expires, _ = time.Parse(time.RFC3339, token.ExpirationDate)
		}
	}
	m.DCVRecords = knownDCVRecords(method, names, m.DCVRandomValue.ValueString(), expires)
}

// Update never calls the API except to renew: it records on_destroy,
// renew_before_days and the arguments an imported order adopts from
// configuration (see replace.go); any other change forces replacement.
func (r *dvSSLOrderResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state dvSSLOrderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	endImportAdoption(ctx, resp.Private, &resp.Diagnostics)
	if !plan.ID.IsUnknown() {
		plan.orderStatusModel = state.orderStatusModel
		plan.certificatePEMModel = state.certificatePEMModel
		plan.DCVRandomValue, plan.DCVRecords = state.DCVRandomValue, state.DCVRecords
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	// Renewal, planned by ModifyPlan.
	if !requireClient(r.lifecycle.client, &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	body, diags := dvSSLOrderRequest(ctx, plan)
	resp.Diagnostics.Append(diags...)
	oldID, err := parseOrderID(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(pathID, "Invalid Order ID in State", err.Error())
	}
	if resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	body.RenewalOfOrderID = &oldID
	if !r.placeOrder(ctx, &plan, body, resp.Private, &resp.Diagnostics) {
		// Nothing was ordered (or the outcome is unknown, which the error
		// explains): state keeps the current order.
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	resp.Diagnostics.AddWarning("Renewal Order Placed",
		fmt.Sprintf("Renewal order %s replaces order %d in state; order %d was left as it is and keeps serving until it expires. Validate the new order (digicert_dv_ssl_order_validation follows the new order ID).", plan.ID.ValueString(), oldID, oldID))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *dvSSLOrderResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state dvSSLOrderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.lifecycle.destroy(ctx, state.ID, state.OnDestroy, &resp.Diagnostics)
}

func (r *dvSSLOrderResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importOrderByID(ctx, req, resp)
}
