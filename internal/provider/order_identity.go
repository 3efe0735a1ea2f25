package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Every resource of this provider is about one CertCentral order, and its
// `id` is that order's ID: the order ID is the whole resource identity
// (Terraform 1.12+, OpenTofu 1.12+). Nothing else identifies an order: an
// order ID is unique across CertCentral, and the account is the API key's.
//
// withOrderIdentity adds that identity to a resource in one place instead
// of in every CRUD method: after Create, Read, Update and ImportState it
// sets the identity from the `id` in state (or, when Read removed the
// resource, from the `id` it was read with), and it turns an import by
// identity into the import by ID the resource already has. Older CLIs never
// send or ask for identity and see the resource as before.
func withOrderIdentity(newResource func() resource.Resource, mutable bool) func() resource.Resource {
	return func() resource.Resource {
		return &orderIdentityResource{Resource: newResource(), mutable: mutable}
	}
}

// orderIdentityModel is the identity object.
type orderIdentityModel struct {
	OrderID types.Int64 `tfsdk:"order_id"`
}

// orderIdentityResource wraps a resource, passing every call on. It
// implements each optional interface the order resources use and forwards
// it when the wrapped resource has it.
type orderIdentityResource struct {
	resource.Resource
	// mutable: Update may move the resource to another order (a renewal
	// replaces the order in state).
	mutable bool
}

var (
	_ resource.ResourceWithIdentity       = &orderIdentityResource{}
	_ resource.ResourceWithConfigure      = &orderIdentityResource{}
	_ resource.ResourceWithImportState    = &orderIdentityResource{}
	_ resource.ResourceWithValidateConfig = &orderIdentityResource{}
	_ resource.ResourceWithModifyPlan     = &orderIdentityResource{}
)

func (r *orderIdentityResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.Resource.Metadata(ctx, req, resp)
	resp.ResourceBehavior.MutableIdentity = r.mutable
}

func (r *orderIdentityResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"order_id": identityschema.Int64Attribute{
				Description:       "CertCentral order ID, the same number as `id`.",
				RequiredForImport: true,
			},
		},
	}
}

func (r *orderIdentityResource) Configure(ctx context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if c, ok := r.Resource.(resource.ResourceWithConfigure); ok {
		c.Configure(ctx, req, resp)
	}
}

func (r *orderIdentityResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if v, ok := r.Resource.(resource.ResourceWithValidateConfig); ok {
		v.ValidateConfig(ctx, req, resp)
	}
}

func (r *orderIdentityResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if m, ok := r.Resource.(resource.ResourceWithModifyPlan); ok {
		m.ModifyPlan(ctx, req, resp)
	}
}

func (r *orderIdentityResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.Resource.Create(ctx, req, resp)
	// Create may fail before an order exists (no ID): then there is no
	// identity either. Once the order is placed, id is in state.
	setOrderIdentity(ctx, &resp.State, "", resp.Identity, &resp.Diagnostics)
}

func (r *orderIdentityResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, pathID, &prior)...)
	r.Resource.Read(ctx, req, resp)
	setOrderIdentity(ctx, &resp.State, prior.ValueString(), resp.Identity, &resp.Diagnostics)
}

func (r *orderIdentityResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.Resource.Update(ctx, req, resp)
	setOrderIdentity(ctx, &resp.State, "", resp.Identity, &resp.Diagnostics)
}

// ImportState accepts either the order ID (terraform import, or an import
// block with id) or the identity (an import block with identity, or what
// terraform query generates), and hands the wrapped resource the ID.
func (r *orderIdentityResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" && req.Identity != nil {
		var id orderIdentityModel
		resp.Diagnostics.Append(req.Identity.Get(ctx, &id)...)
		if resp.Diagnostics.HasError() {
			return
		}
		req.ID = strconv.FormatInt(id.OrderID.ValueInt64(), 10)
	}
	i, ok := r.Resource.(resource.ResourceWithImportState)
	if !ok {
		resp.Diagnostics.AddError("Import Not Supported", "This resource cannot be imported.")
		return
	}
	i.ImportState(ctx, req, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	setOrderIdentity(ctx, &resp.State, req.ID, resp.Identity, &resp.Diagnostics)
}

// setOrderIdentity sets identity from the order ID in state, or from
// fallback when state holds none (the resource was removed, or Create
// failed before ordering). Nothing happens on a CLI that sends no identity.
func setOrderIdentity(ctx context.Context, state *tfsdk.State, fallback string, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	id := fallback
	if !state.Raw.IsNull() {
		var v types.String
		diags.Append(state.GetAttribute(ctx, pathID, &v)...)
		if !v.IsNull() && !v.IsUnknown() {
			id = v.ValueString()
		}
	}
	orderID, err := parseOrderID(id)
	if err != nil {
		// No order: Create failed before placing one (its error says why),
		// or the state is broken (Read reported it).
		return
	}
	diags.Append(identity.Set(ctx, orderIdentityModel{OrderID: types.Int64Value(orderID)})...)
}
