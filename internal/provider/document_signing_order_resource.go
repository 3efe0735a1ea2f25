package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

var (
	_ resource.ResourceWithConfigure      = &documentSigningOrderResource{}
	_ resource.ResourceWithImportState    = &documentSigningOrderResource{}
	_ resource.ResourceWithValidateConfig = &documentSigningOrderResource{}
	_ resource.ResourceWithModifyPlan     = &documentSigningOrderResource{}
)

const documentSigningOrderType = "digicert_document_signing_order"

// newDocumentSigningOrderResource is the digicert_document_signing_order
// resource.
func newDocumentSigningOrderResource(now clock) resource.Resource {
	return &documentSigningOrderResource{now: now}
}

type documentSigningOrderResource struct {
	lifecycle orderLifecycle
	now       clock
}

func (r *documentSigningOrderResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_document_signing_order"
}

func (r *documentSigningOrderResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.lifecycle.client = configureClient(req.ProviderData, &resp.Diagnostics)
	r.lifecycle.feed = configuredFeed(req.ProviderData)
}

func (r *documentSigningOrderResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planReplaceTerminal(ctx, req, resp, documentSigningOrderType)
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return
	}
	// A new order (or the create half of a replacement): check how it is
	// paid, and plan its key.
	var plan documentSigningOrderModel
	var configured types.String
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathAlternativeOrderID, &configured)...)
	resp.Diagnostics.Append(dsignWriteOnlyFromConfig(ctx, req.Config, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	dsignCheckPayment(ctx, plan, r.now(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	body, d := documentSigningOrderRequest(ctx, plan)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, pathAlternativeOrderID,
		planAlternativeOrderID(configured, plan.ProductNameID.ValueString(), body, req.Config.Raw.IsFullyKnown() && !d.HasError()))...)
}

func (r *documentSigningOrderResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan documentSigningOrderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.lifecycle.client, &resp.Diagnostics) {
		return
	}
	// The card data is write-only: null in the plan, only the
	// configuration holds it. It is checked again here, now that every
	// value is known.
	resp.Diagnostics.Append(dsignWriteOnlyFromConfig(ctx, req.Config, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	dsignCheckPayment(ctx, plan, r.now(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	body, diags := documentSigningOrderRequest(ctx, plan)
	plan.clearWriteOnly(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	product := plan.ProductNameID.ValueString()
	if r.adoptExisting(ctx, &plan, &body, resp.Private, &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	if resp.Diagnostics.HasError() {
		return
	}
	sentAt := r.now()
	placed := placeOrder(orderAttempt{resourceType: documentSigningOrderType, productNameID: product, sentAt: sentAt, alternativeOrderID: body.AlternativeOrderID}, &resp.Diagnostics,
		func() (*certcentral.DocumentSigningOrderResponse, error) {
			return r.lifecycle.client.OrderDocumentSigning(ctx, product, body)
		},
		func(placed *certcentral.DocumentSigningOrderResponse, diags *diag.Diagnostics) {
			plan.ID = types.StringValue(strconv.FormatInt(placed.ID, 10))
			plan.Requests = dsignRequestsList(ctx, placed.Requests, diags)
			if placed.CertificateID != 0 {
				plan.CertificateID = types.Int64Value(placed.CertificateID)
			}
			plan.OrganizationID = types.Int64Null()
			if placed.Organization != nil && placed.Organization.ID != 0 {
				plan.OrganizationID = types.Int64Value(placed.Organization.ID)
			}
			r.lifecycle.readPlacedOrder(ctx, placed.ID, &plan.orderStatusModel, resp.Private, sentAt, diags)
			plan.nullUnknowns()
		})
	if !placed {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// adoptExisting sets the order's key on body and looks it up: true when an
// order that carries it was adopted into m (warnings only), false when Create
// must order, or stop because diags holds an error. The adopted order's
// read is recorded in private as its full read (refresh.go).
func (r *documentSigningOrderResource) adoptExisting(ctx context.Context, m *documentSigningOrderModel, body *certcentral.DocumentSigningOrderRequest, private privateSetter, diags *diag.Diagnostics) bool {
	key, planned := orderKey(m.AlternativeOrderID, m.ProductNameID.ValueString(), body, diags)
	m.AlternativeOrderID = planned
	body.AlternativeOrderID = key
	if key == "" || diags.HasError() {
		return false
	}
	sentAt := r.now()
	info, stop := findOrderToAdopt(ctx, r.lifecycle.client, key, requestIdentity{
		resourceType: documentSigningOrderType, product: m.ProductNameID.ValueString(), csr: body.Certificate.CSR,
	}, diags)
	if stop || info == nil {
		return false
	}
	adoptedWarning(diags, documentSigningOrderType, key, info)
	var after diag.Diagnostics
	markFullRead(ctx, private, sentAt, &after)
	m.ID = types.StringValue(strconv.FormatInt(info.ID, 10))
	m.setFromOrderInfo(info)
	m.setRequestsFromOrderInfo(ctx, info, &after)
	m.OrganizationID = types.Int64Null()
	if info.Organization != nil && info.Organization.ID != 0 {
		m.OrganizationID = types.Int64Value(info.Organization.ID)
	}
	m.nullUnknowns()
	if m.Requests.IsUnknown() {
		m.Requests = types.ListNull(m.Requests.ElementType(ctx))
	}
	diags.Append(warningsOnly(after)...)
	return true
}

func (r *documentSigningOrderResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state documentSigningOrderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.lifecycle.feed.keepsState(ctx, req.Private, state.refreshCheck()) {
		return // nothing of this state depends on the clock
	}
	info := r.lifecycle.readOrder(ctx, &state.orderStatusModel, state.ProductNameID, dsignProductIDs,
		func(info *certcentral.OrderInfo) diag.Diagnostics {
			d := dsignModelFromOrderInfo(ctx, &state, info)
			d.Append(dsignImportNeeds(info))
			return d
		}, r.now(), resp)
	if info == nil {
		return
	}
	if info.AlternativeOrderID != "" {
		state.AlternativeOrderID = types.StringValue(info.AlternativeOrderID)
	}
	state.setRequestsFromOrderInfo(ctx, info, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// setRequestsFromOrderInfo copies the order's requests, when it lists any.
func (m *documentSigningOrderModel) setRequestsFromOrderInfo(ctx context.Context, info *certcentral.OrderInfo, diags *diag.Diagnostics) {
	if len(info.Requests) == 0 {
		return
	}
	placed := make([]certcentral.PlacedRequest, len(info.Requests))
	for i, rq := range info.Requests {
		placed[i] = certcentral.PlacedRequest{ID: rq.ID, Status: rq.Status}
	}
	m.Requests = dsignRequestsList(ctx, placed, diags)
}

// Update never calls the API: it records on_destroy, payment_method (used
// only to place the order), and the arguments an imported order adopts from
// configuration; any other change forces replacement. Computed attributes keep their state values.
func (r *documentSigningOrderResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state documentSigningOrderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	endImportAdoption(ctx, resp.Private, &resp.Diagnostics)
	plan.orderStatusModel = state.orderStatusModel
	plan.Requests = state.Requests
	plan.OrganizationID = state.OrganizationID
	plan.clearWriteOnly(ctx)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *documentSigningOrderResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state documentSigningOrderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.lifecycle.destroy(ctx, state.ID, state.OnDestroy, &resp.Diagnostics)
}

func (r *documentSigningOrderResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importOrderByID(ctx, req, resp)
}
