package provider

import (
	"context"
	"fmt"
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

// newDVSSLOrderResource is the digicert_dv_ssl_order resource.
func newDVSSLOrderResource(now clock) resource.Resource { return &dvSSLOrderResource{now: now} }

type dvSSLOrderResource struct {
	lifecycle orderLifecycle
	now       clock
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
	// Reissue, renewal order, replacement of a dead order, or nothing
	// (tlsorder_plan.go).
	if !r.planExisting(ctx, req, resp, &plan, &state) || resp.Diagnostics.HasError() {
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
	if r.adoptExisting(ctx, &plan, &body, 0, resp.Private, &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	if resp.Diagnostics.HasError() || !r.placeOrder(ctx, &plan, body, resp.Private, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// adoptExisting sets the order's key on body and looks it up: it returns
// true when an order that carries it was adopted into m (warnings only, as
// after an order POST), false when Create must order, or must stop because
// diags holds an error. renewing is the order a renewal renews (0 for a new
// order): it and older orders are never adopted. The adopted order's read
// is recorded in private as its full read (refresh.go).
func (r *dvSSLOrderResource) adoptExisting(ctx context.Context, m *dvSSLOrderModel, body *certcentral.DVSSLOrderRequest, renewing int64, private privateSetter, diags *diag.Diagnostics) bool {
	key, planned := orderKey(m.AlternativeOrderID, m.ProductNameID.ValueString(), body, diags)
	m.AlternativeOrderID = planned
	body.AlternativeOrderID = key
	if key == "" || diags.HasError() {
		return false
	}
	names, _ := dvOrderNames(ctx, *m, diags)
	sentAt := r.now()
	info, stop := findOrderToAdopt(ctx, r.lifecycle.client, key, requestIdentity{
		resourceType: dvSSLOrderType, product: m.ProductNameID.ValueString(), names: names, csr: body.Certificate.CSR, newerThan: renewing,
	}, diags)
	if stop || info == nil {
		return false
	}
	adoptedWarning(diags, dvSSLOrderType, key, info)
	var after diag.Diagnostics
	markFullRead(ctx, private, sentAt, &after)
	m.ID = types.StringValue(fmt.Sprint(info.ID))
	m.ReadyForRenewal = types.BoolValue(false)
	m.DCVRandomValue = types.StringNull()
	m.clear()
	m.setFromOrderInfo(info)
	m.setCoverageFromOrderInfo(info)
	m.refreshCertificate(ctx, r.lifecycle.client, info, &after)
	if m.Status.ValueString() == certcentral.OrderStatusNeedsApproval || m.Status.ValueString() == certcentral.OrderStatusPending {
		r.refreshDCVToken(ctx, m, info.ID, true, &after)
	} else if names, known := dvOrderNames(ctx, *m, &after); known {
		m.DCVRecords = knownDCVRecords(m.DCVMethod.ValueString(), names, "", time.Time{})
	}
	m.finishComputed(r.now())
	if m.DCVRecords.IsUnknown() {
		m.DCVRecords = types.MapNull(types.ObjectType{AttrTypes: dcvRecordAttrTypes})
	}
	diags.Append(warningsOnly(after)...)
	return true
}

// placeOrder sends the order and fills m from what came back. It returns
// false when no order was placed; once the POST succeeded it reports
// warnings only (see placeOrder in order_placement.go).
func (r *dvSSLOrderResource) placeOrder(ctx context.Context, m *dvSSLOrderModel, body certcentral.DVSSLOrderRequest, private privateSetter, diags *diag.Diagnostics) bool {
	product := m.ProductNameID.ValueString()
	sentAt := r.now()
	return placeOrder(orderAttempt{resourceType: dvSSLOrderType, productNameID: product, commonName: body.Certificate.CommonName, sentAt: sentAt, alternativeOrderID: body.AlternativeOrderID}, diags,
		func() (*certcentral.DVSSLOrderResponse, error) {
			return r.lifecycle.client.OrderDVSSL(ctx, product, body)
		},
		func(placed *certcentral.DVSSLOrderResponse, diags *diag.Diagnostics) {
			m.ID = types.StringValue(fmt.Sprint(placed.ID))
			m.CertificateID = types.Int64Null()
			if placed.CertificateID != 0 {
				m.CertificateID = types.Int64Value(placed.CertificateID)
			}
			m.DCVRandomValue = stringOrNull(placed.DCVRandomValue)
			if placed.DCVRandomValue != "" {
				// The value was created with the order, so it expires no
				// earlier than dcvValueLifetime after we sent it: no need to
				// ask.
				if names, known := dvOrderNames(ctx, *m, diags); known {
					m.DCVRecords = knownDCVRecords(m.DCVMethod.ValueString(), names, placed.DCVRandomValue, sentAt.Add(dcvValueLifetime))
				}
			}
			m.ReadyForRenewal = types.BoolValue(false)
			m.clear()
			if info := r.lifecycle.readPlacedOrder(ctx, placed.ID, &m.orderStatusModel, private, sentAt, diags); info != nil {
				m.setCoverageFromOrderInfo(info)
			}
			r.refreshDCVToken(ctx, m, placed.ID, true, diags)
			m.finishComputed(r.now())
		})
}

func (r *dvSSLOrderResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state dvSSLOrderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !reissueInDoubtRecorded(ctx, req.Private, &resp.Diagnostics) && r.lifecycle.feed.keepsState(ctx, req.Private, state.refreshCheck(r.now())) {
		if state.keepFromClock(r.now()) {
			resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		}
		return // else resp.State is already req.State, byte for byte
	}
	prev := state
	info := r.lifecycle.readOrder(ctx, &state.orderStatusModel, state.ProductNameID, dvProductIDs,
		func(info *certcentral.OrderInfo) diag.Diagnostics { return dvSSLModelFromOrderInfo(ctx, &state, info) }, r.now(), resp)
	if info == nil {
		return
	}
	if info.AlternativeOrderID != "" {
		state.AlternativeOrderID = types.StringValue(info.AlternativeOrderID)
	}
	state.setCoverageFromOrderInfo(info)
	state.keepCertificateWhilePending(prev)
	r.resolveReissueInDoubt(ctx, req, resp, &state, info)
	state.refreshCertificate(ctx, r.lifecycle.client, info, &resp.Diagnostics)
	switch state.Status.ValueString() {
	case certcentral.OrderStatusNeedsApproval, certcentral.OrderStatusPending, certcentral.OrderStatusReissuePending:
		r.refreshDCVToken(ctx, &state, info.ID, false, &resp.Diagnostics)
	}
	state.deriveRenewal(state.certCentralNow(r.now))
	state.finishComputed(r.now())
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
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
	expires, haveExpiry := dcvExpiry(m.DCVRecords)
	needed := m.DCVRandomValue.IsNull() || m.DCVRandomValue.IsUnknown() || !haveExpiry || !r.now().Before(expires)
	if needed {
		token, err := r.lifecycle.client.GetDCVRandomValue(ctx, orderID)
		switch {
		case err != nil && afterCreate:
			diags.AddWarning("DCV Random Value Not Read Yet",
				fmt.Sprintf("Order %d was placed, but reading its DCV random value failed: %v. The next refresh reads it.", orderID, err))
		case err != nil:
			diags.AddWarning("DCV Random Value Not Refreshed", fmt.Sprintf("Reading the DCV random value of order %d failed: %v", orderID, err))
		default:
			m.DCVRandomValue = types.StringValue(token.DCVRandomValue)
			var perr error
			if expires, perr = time.Parse(time.RFC3339, token.ExpirationDate); perr != nil {
				expires = time.Time{} // expires_at null: the next refresh asks again
				diags.AddWarning("DCV Random Value Expiry Unreadable",
					fmt.Sprintf("CertCentral gave order %d's DCV random value the expiration_date %q, which is not an RFC 3339 time, so dcv_records show no expires_at and the next refresh asks for the value again.", orderID, token.ExpirationDate))
			}
		}
	}
	m.DCVRecords = knownDCVRecords(method, names, m.DCVRandomValue.ValueString(), expires)
}

// Update calls the API only to reissue or to renew: otherwise it records
// on_destroy, the renewal settings and the arguments an imported order
// adopts from configuration (see replace.go); other changes replace.
func (r *dvSSLOrderResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state dvSSLOrderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	endImportAdoption(ctx, resp.Private, &resp.Diagnostics)
	if !plan.ID.IsUnknown() && plan.RequestID.IsUnknown() {
		// A reissue, planned by ModifyPlan.
		if !requireClient(r.lifecycle.client, &resp.Diagnostics) {
			resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
			return
		}
		r.reissue(ctx, plan, state, resp)
		return
	}
	if !plan.ID.IsUnknown() {
		plan.orderStatusModel = state.orderStatusModel
		plan.certificatePEMModel = state.certificatePEMModel
		plan.DCVRandomValue, plan.DCVRecords = state.DCVRandomValue, state.DCVRecords
		plan.OrderValidFrom, plan.OrderValidTill, plan.IsMultiYearPlan = state.OrderValidFrom, state.OrderValidTill, state.IsMultiYearPlan
		plan.finishComputed(r.now())
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
	if r.adoptExisting(ctx, &plan, &body, oldID, resp.Private, &resp.Diagnostics) {
		resp.Diagnostics.AddWarning("Renewal Order Adopted",
			fmt.Sprintf("Renewal order %s replaces order %d in state.", plan.ID.ValueString(), oldID))
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	if resp.Diagnostics.HasError() || !r.placeOrder(ctx, &plan, body, resp.Private, &resp.Diagnostics) {
		// Nothing was ordered (or the outcome is unknown, which the error
		// explains): state keeps the current order.
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	resp.Diagnostics.AddWarning("Billed Renewal Order Placed",
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
