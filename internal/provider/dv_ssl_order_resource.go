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

// dvSSLOrder registers digicert_dv_ssl_order with the engine
// (tlsOrderKinds).
var dvSSLOrder = tlsOrderKind{
	typeName: dvSSLOrderType, group: "DV", products: dvProductIDs,
	newResource: newDVSSLOrderResource, newList: newDVSSLOrderListResource,
}

// newDVSSLOrderResource is the digicert_dv_ssl_order resource.
func newDVSSLOrderResource(now clock) resource.Resource {
	return &dvSSLOrderResource{tlsOrderEngine{now: now, typeName: dvSSLOrderType, text: dvSSLOrderText}}
}

// dvSSLOrderText is what the engine says of digicert_dv_ssl_order.
var dvSSLOrderText = tlsOrderText{
	orderPage:      "Order DV SSL",
	requestIDUse:   " It changes with every reissue, so `digicert_dv_ssl_order_validation.request_id = digicert_dv_ssl_order.<name>.request_id` validates each new certificate.",
	reissuePending: "; digicert_dv_ssl_order_validation (with request_id) waits for it",
}

// dvSSLOrderResource runs the TLS order engine (tlsorder_engine.go) with
// the DV order's POST and its DCV random value and records.
type dvSSLOrderResource struct {
	tlsOrderEngine
}

func (r *dvSSLOrderResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dv_ssl_order"
}

func (r *dvSSLOrderResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, &resp.Diagnostics)
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

// adoptExisting is the engine's adoptExisting with the DV order's body,
// names and DCV state.
func (r *dvSSLOrderResource) adoptExisting(ctx context.Context, m *dvSSLOrderModel, body *certcentral.DVSSLOrderRequest, renewing int64, private privateSetter, diags *diag.Diagnostics) bool {
	names, _ := dvOrderNames(ctx, *m, diags)
	return r.tlsOrderEngine.adoptExisting(ctx, &m.tlsOrderModel, body, func(key string) { body.AlternativeOrderID = key }, names, body.Certificate.CSR, renewing, private,
		func(info *certcentral.OrderInfo, diags *diag.Diagnostics) {
			m.DCVRandomValue = types.StringNull()
			if s := info.Status; s == certcentral.OrderStatusNeedsApproval || s == certcentral.OrderStatusPending {
				r.refreshDCVToken(ctx, m, info.ID, true, diags)
			} else if names, known := dvOrderNames(ctx, *m, diags); known {
				m.DCVRecords = knownDCVRecords(m.DCVMethod.ValueString(), names, "", time.Time{})
			}
			if m.DCVRecords.IsUnknown() {
				m.DCVRecords = types.MapNull(types.ObjectType{AttrTypes: dcvRecordAttrTypes})
			}
		}, diags)
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
			m.DCVRandomValue = stringOrNull(placed.DCVRandomValue)
			if placed.DCVRandomValue != "" {
				// The value was created with the order, so it expires no
				// earlier than dcvValueLifetime after we sent it: no need to
				// ask.
				if names, known := dvOrderNames(ctx, *m, diags); known {
					m.DCVRecords = knownDCVRecords(m.DCVMethod.ValueString(), names, placed.DCVRandomValue, sentAt.Add(dcvValueLifetime))
				}
			}
			r.placed(ctx, &m.tlsOrderModel, placed.ID, placed.CertificateID, private, sentAt, diags)
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
	if r.refresh(ctx, req, resp, &state.tlsOrderModel, state.refreshCheck(r.now()), dvProductIDs,
		func(info *certcentral.OrderInfo) diag.Diagnostics {
			return dvSSLOrderModelFromOrderInfo(ctx, &state, info)
		},
		r.refreshOwn(ctx, &state)) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	}
}

// refreshOwn keeps the DCV random value of an order that waits for
// validation current, once order info was read.
func (r *dvSSLOrderResource) refreshOwn(ctx context.Context, m *dvSSLOrderModel) tlsRefreshOwn {
	return func(info *certcentral.OrderInfo, diags *diag.Diagnostics) {
		switch m.Status.ValueString() {
		case certcentral.OrderStatusNeedsApproval, certcentral.OrderStatusPending, certcentral.OrderStatusReissuePending:
			r.refreshDCVToken(ctx, m, info.ID, false, diags)
		}
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
		next := plan
		next.DCVRandomValue = state.DCVRandomValue
		if next.DCVRecords.IsUnknown() {
			next.DCVRecords = state.DCVRecords
		}
		if r.reissue(ctx, &next.tlsOrderModel, state.tlsOrderModel, resp.Private, r.refreshOwnAfterReissue(ctx, &next), &resp.Diagnostics) {
			resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
			return
		}
		resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
		return
	}
	if !plan.ID.IsUnknown() {
		plan.keepOrderFrom(state.tlsOrderModel)
		plan.DCVRandomValue, plan.DCVRecords = state.DCVRandomValue, state.DCVRecords
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

// refreshOwnAfterReissue keeps the DCV random value current once the
// reissued order was read, whatever its status.
func (r *dvSSLOrderResource) refreshOwnAfterReissue(ctx context.Context, m *dvSSLOrderModel) tlsRefreshOwn {
	return func(info *certcentral.OrderInfo, diags *diag.Diagnostics) {
		r.refreshDCVToken(ctx, m, info.ID, false, diags)
	}
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
