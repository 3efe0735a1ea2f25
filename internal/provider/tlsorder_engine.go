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

// The TLS order engine (DESIGN.md, "The TLS order engine"): the lifecycle
// every TLS order resource shares, on its tlsOrderModel. A resource
// embeds tlsOrderEngine, builds its own POST body and its own parts of
// state, and calls these steps from its CRUD methods:
//
//	ModifyPlan  planExisting (tlsorder_plan.go)
//	Create      adoptExisting, or placeOrder (order_placement.go) then placed
//	Read        refresh
//	Update      reissue (tlsorder_reissue.go), keepOrderFrom, or a renewal
//	            order as Create
//	Delete      lifecycle.destroy
//
// What the resource adds to a step is a tlsRefreshOwn: its own state
// refreshed once order info was read (such as a DCV random value).

// tlsOrderEngine runs the lifecycle of one TLS order resource type.
type tlsOrderEngine struct {
	lifecycle orderLifecycle
	now       clock
	typeName  string // the resource type name
	text      tlsOrderText
}

// tlsOrderText is what the engine's descriptions and messages say of the
// resource that runs it.
type tlsOrderText struct {
	// orderPage names the API page of the order POST, as in "the current
	// <orderPage> page's order_validity".
	orderPage string
	// requestIDUse ends request_id's description: what follows each new
	// request, such as a validation resource.
	requestIDUse string
	// reissuePending ends the Reissue Pending warning, after "The current
	// certificate stays in state until the new one is issued": what waits
	// for the new certificate.
	reissuePending string
}

// tlsRefreshOwn refreshes the resource's own state once order info was
// read (info, never nil).
type tlsRefreshOwn func(info *certcentral.OrderInfo, diags *diag.Diagnostics)

// configure takes the client and the status-changes feed from provider
// data.
func (e *tlsOrderEngine) configure(data any, diags *diag.Diagnostics) {
	e.lifecycle.client = configureClient(data, diags)
	e.lifecycle.feed = configuredFeed(data)
}

// adoptExisting sets the order's key on the POST body (setKey) and looks
// it up: it returns true when an order that carries it was adopted into m
// (warnings only, as after an order POST), false when Create must order,
// or must stop because diags holds an error. body is the POST body the key
// is derived from; names and csr are what the order must certify.
// renewing is the order a renewal renews (0 for a new order): it and
// older orders are never adopted. The adopted order's read is recorded in
// private as its full read (refresh.go). refreshOwn fills the resource's
// own state from the adopted order.
func (e *tlsOrderEngine) adoptExisting(ctx context.Context, m *tlsOrderModel, body any, setKey func(string), names []string, csr string, renewing int64, private privateSetter, refreshOwn tlsRefreshOwn, diags *diag.Diagnostics) bool {
	key, planned := orderKey(m.AlternativeOrderID, m.ProductNameID.ValueString(), body, diags)
	m.AlternativeOrderID = planned
	setKey(key)
	if key == "" || diags.HasError() {
		return false
	}
	sentAt := e.now()
	info, stop := findOrderToAdopt(ctx, e.lifecycle.client, key, requestIdentity{
		resourceType: e.typeName, product: m.ProductNameID.ValueString(), names: names, csr: csr, newerThan: renewing,
	}, diags)
	if stop || info == nil {
		return false
	}
	adoptedWarning(diags, e.typeName, key, info)
	var after diag.Diagnostics
	markFullRead(ctx, private, sentAt, &after)
	m.ID = types.StringValue(fmt.Sprint(info.ID))
	m.ReadyForRenewal = types.BoolValue(false)
	m.clear()
	m.setFromOrderInfo(info)
	m.setCoverageFromOrderInfo(info)
	m.refreshCertificate(ctx, e.lifecycle.client, info, &after)
	refreshOwn(info, &after)
	m.finishComputed(e.now())
	diags.Append(warningsOnly(after)...)
	return true
}

// placed fills m from an order just placed (placeOrder's after: its diags
// become warnings): the order's ID and certificate ID from the POST's
// answer, then order info, read once, and the certificate when the order
// is issued already. When reading order info fails, a warning says so and
// the next refresh reads it.
func (e *tlsOrderEngine) placed(ctx context.Context, m *tlsOrderModel, orderID, certificateID int64, private privateSetter, sentAt time.Time, diags *diag.Diagnostics) {
	m.ID = types.StringValue(fmt.Sprint(orderID))
	m.CertificateID = types.Int64Null()
	if certificateID != 0 {
		m.CertificateID = types.Int64Value(certificateID)
	}
	m.ReadyForRenewal = types.BoolValue(false)
	m.clear()
	if info := e.lifecycle.readPlacedOrder(ctx, orderID, &m.orderStatusModel, private, sentAt, diags); info != nil {
		m.setCoverageFromOrderInfo(info)
		// An order issued at once (its names or organization validated
		// before) has its certificate now: certificate_pem is set after one
		// apply, not after the next refresh.
		m.refreshCertificate(ctx, e.lifecycle.client, info, diags)
	}
}

// refresh is Read: it keeps m when the status-changes feed says the order
// did not change (refresh.go; check is the resource's refreshCheck), or
// reads the order in full, resolves a reissue in doubt and follows the
// order into m. products are the resource's products and adopt fills an
// imported order's arguments (see orderLifecycle.readOrder); refreshOwn
// refreshes the resource's own state. It returns true when the resource
// must record m, false when resp.State is already right (kept unchanged,
// or removed) or an error was reported.
func (e *tlsOrderEngine) refresh(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse, m *tlsOrderModel, check refreshCheck, products []string, adopt func(*certcentral.OrderInfo) diag.Diagnostics, refreshOwn tlsRefreshOwn) bool {
	if !reissueInDoubtRecorded(ctx, req.Private, &resp.Diagnostics) && e.lifecycle.feed.keepsState(ctx, req.Private, check) {
		// Unchanged, resp.State is req.State, byte for byte.
		return m.keepFromClock(e.now())
	}
	prev := *m
	info := e.lifecycle.readOrder(ctx, &m.orderStatusModel, m.ProductNameID, products, adopt, e.now(), resp)
	if info == nil {
		return false
	}
	if info.AlternativeOrderID != "" {
		m.AlternativeOrderID = types.StringValue(info.AlternativeOrderID)
	}
	m.setCoverageFromOrderInfo(info)
	m.keepCertificateWhilePending(prev)
	resolveReissueInDoubt(ctx, req, resp, m, info)
	m.refreshCertificate(ctx, e.lifecycle.client, info, &resp.Diagnostics)
	refreshOwn(info, &resp.Diagnostics)
	m.deriveRenewal(m.certCentralNow(e.now))
	m.finishComputed(e.now())
	return true
}

// refreshReasons are the engine's reasons for a full read of a TLS order
// (refreshCheck.mustRead, "" for none), before the resource's own: a
// reissue whose outcome is unknown is resolved from order info
// (tlsorder_reissue.go), so it may not be kept (Read checks the private
// record of it too); an issued certificate not in state yet, or past its
// not_after.
func (m *tlsOrderModel) refreshReasons(at time.Time) []string {
	reissue := ""
	if m.RequestStatus.ValueString() == requestStatusUnknown {
		reissue = "the outcome of a reissue is unknown"
	}
	return []string{reissue, m.issuedReason(m.Status, at)}
}
