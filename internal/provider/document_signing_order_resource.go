package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
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

// NewDocumentSigningOrderResource is the digicert_document_signing_order resource.
func NewDocumentSigningOrderResource() resource.Resource { return &documentSigningOrderResource{} }

type documentSigningOrderResource struct {
	lifecycle orderLifecycle
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
}

func (r *documentSigningOrderResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan documentSigningOrderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.lifecycle.client, &resp.Diagnostics) {
		return
	}
	// credit_card is write-only: it is null in the plan and only the
	// configuration holds it.
	var card types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("credit_card"), &card)...)
	if resp.Diagnostics.HasError() {
		return
	}
	body, diags := documentSigningOrderRequest(ctx, plan, card)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	product := plan.ProductNameID.ValueString()
	sentAt := now()
	placed, err := r.lifecycle.client.OrderDocumentSigning(ctx, product, body)
	if err != nil {
		resp.Diagnostics.Append(orderPlacementError(err, documentSigningOrderType, product, ""))
		return
	}
	// The order exists from here on: nothing below may return an error, or
	// Terraform would taint the resource and order again (FRAMEWORK-NOTES).
	var after diag.Diagnostics
	plan.ID = types.StringValue(strconv.FormatInt(placed.ID, 10))
	plan.Requests = dsignRequestsList(ctx, placed.Requests, &after)
	if placed.CertificateID != 0 {
		plan.CertificateID = types.Int64Value(placed.CertificateID)
	}
	plan.OrganizationID = types.Int64Null()
	if placed.Organization != nil && placed.Organization.ID != 0 {
		plan.OrganizationID = types.Int64Value(placed.Organization.ID)
	}
	info, err := r.lifecycle.client.GetOrder(ctx, placed.ID)
	if err != nil {
		after.AddWarning("Order Placed, Details Not Read Yet",
			fmt.Sprintf("Order %d was placed and is recorded in state, but reading its details failed: %v. The next refresh (terraform plan or apply) reads them; nothing will be ordered again.", placed.ID, err))
	} else {
		plan.setFromOrderInfo(info)
		markFullRead(ctx, resp.Private, sentAt, &after)
	}
	plan.nullUnknowns()
	plan.CreditCard = types.ObjectNull(card.AttributeTypes(ctx))
	resp.Diagnostics.Append(dsignWarningsOnly(after)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// warningsOnly turns errors met after the order was placed into warnings:
// an error would taint the resource and order again.
func dsignWarningsOnly(diags diag.Diagnostics) diag.Diagnostics {
	var out diag.Diagnostics
	for _, d := range diags {
		if d.Severity() == diag.SeverityError {
			out.AddWarning(d.Summary(), d.Detail()+" (The order was placed and is recorded in state.)")
			continue
		}
		out.Append(d)
	}
	return out
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
	imported := state.ProductNameID.IsNull()
	info := r.lifecycle.readOrder(ctx, state.ID, imported, dsignProductIDs, resp)
	if info == nil {
		return
	}
	if imported {
		// Fill the arguments from what the order says.
		resp.Diagnostics.Append(dsignModelFromOrderInfo(ctx, &state, info)...)
	}
	state.setFromOrderInfo(info)
	if len(info.Requests) > 0 {
		placed := make([]certcentral.PlacedRequest, len(info.Requests))
		for i, rq := range info.Requests {
			placed[i] = certcentral.PlacedRequest{ID: rq.ID, Status: rq.Status}
		}
		state.Requests = dsignRequestsList(ctx, placed, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update never calls the API: it records on_destroy, and the arguments an
// imported order adopts from configuration; any other change forces
// replacement. Computed attributes keep their state values.
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
	plan.CreditCard = types.ObjectNull(plan.CreditCard.AttributeTypes(ctx))
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
