package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/certcentral-community/terraform-provider-digicert/internal/validators"
)

// Documented coverage limits of TLS orders (CERTCENTRAL.md, Multi-year
// plans and coverage).
var tlsOrderValidityYears = []int64{1, 2, 3}

const tlsMaxOrderValidityDays = 1095

// tlsOrderAttributes are the schema attributes of tlsOrderModel but the
// four each resource describes itself: product_name_id, certificate (whose
// reissue inputs take reissuable's plan modifiers), dcv_method and
// skip_approval.
func tlsOrderAttributes(now clock, text tlsOrderText) map[string]schema.Attribute {
	attrs := tlsCoverageAttributes(now, text)
	attrs["on_destroy"] = onDestroyAttribute()
	attrs["alternative_order_id"] = alternativeOrderIDAttribute()
	attrs["renew_before_days"] = schema.Int64Attribute{
		MarkdownDescription: "Renew the certificate when it has this many days or fewer left. When renewal is due, `ready_for_renewal` turns true and the plan shows an in-place update. While the order's coverage can hold another certificate, apply reissues on the same order (free; `id` stays, the certificate attributes change). Otherwise apply places a billed renewal order (`renewal_of_order_id` = the current order; `id` moves to the new order), unless `allow_renewal_orders = false`. The old certificate is neither canceled nor revoked. Unset (and no `renew_before_fraction`): no renewal. Provider-side; changing it calls no API.",
		Optional:            true,
		Validators:          []validator.Int64{int64validator.Between(1, 3650)},
	}
	attrs["ready_for_renewal"] = schema.BoolAttribute{
		MarkdownDescription: "Whether renewal is due (see `renew_before_days`), decided at plan time from CertCentral's `days_remaining` (or `valid_till` and the current time).",
		Computed:            true,
	}
	for name, a := range orderComputedAttributes() {
		attrs[name] = a
	}
	for name, a := range certificatePEMAttributes() {
		attrs[name] = a
	}
	return attrs
}

// tlsCoverageAttributes are the schema attributes of tlsCoverageModel.
func tlsCoverageAttributes(now clock, text tlsOrderText) map[string]schema.Attribute {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return map[string]schema.Attribute{
		"order_validity": schema.SingleNestedAttribute{
			MarkdownDescription: "Coverage the order buys, as the current " + text.orderPage + " page's `order_validity`: set exactly one of `years` (" + codeListInt(tlsOrderValidityYears) +
				"; more than 1 needs an account with Multi-year Plans), `days` (1 to " + strconv.Itoa(tlsMaxOrderValidityDays) + ") or `custom_expiration_date`. " +
				"Inside the coverage every new certificate is a free reissue of the same order. Use it instead of `validity_years`, `validity_days` and `custom_expiration_date`. A reissue cannot change the coverage, so changing this places a new order.",
			Optional:      true,
			PlanModifiers: replaceObject,
			Attributes: map[string]schema.Attribute{
				"years": schema.Int64Attribute{MarkdownDescription: "Years of coverage: " + codeListInt(tlsOrderValidityYears) + ".", Optional: true, PlanModifiers: replaceInt64,
					Validators: []validator.Int64{int64validator.OneOf(tlsOrderValidityYears...)}},
				"days": schema.Int64Attribute{MarkdownDescription: fmt.Sprintf("Days of coverage, 1 to %d.", tlsMaxOrderValidityDays), Optional: true, PlanModifiers: replaceInt64,
					Validators: []validator.Int64{int64validator.Between(1, tlsMaxOrderValidityDays)}},
				"custom_expiration_date": schema.StringAttribute{MarkdownDescription: fmt.Sprintf("Last day of coverage, `yyyy-MM-dd`, after today and at most %d days ahead.", tlsMaxOrderValidityDays), Optional: true, PlanModifiers: replaceString,
					Validators: []validator.String{validators.DateInFuture(now, "2006-01-02", "yyyy-MM-dd", tlsMaxOrderValidityDays+1)}},
			},
		},
		"renew_before_fraction": schema.Float64Attribute{
			MarkdownDescription: "Renew when less than this fraction of the certificate's lifetime is left (for example `0.33`: with a 199-day certificate, about 66 days before it expires; with a 47-day one, about 16). Works beside `renew_before_days`: renewal is due when either says so. Renewal reissues first (see `next_renewal`). Provider-side; changing it calls no API.",
			Optional:            true,
			Validators:          []validator.Float64{float64validator.Between(0.01, 0.99)},
		},
		"allow_renewal_orders": schema.BoolAttribute{
			MarkdownDescription: "Whether renewal may place a billed renewal order when the coverage cannot hold another certificate (default `true`). With `false`, renewal only reissues: once the coverage is too short the plan warns that it is ending instead of ordering, and a change that would need a new order fails at plan time. Provider-side; changing it calls no API.",
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(true),
		},
		"order_valid_from": schema.StringAttribute{
			MarkdownDescription: "First day of the order's coverage (`yyyy-MM-dd`); null until issued.",
			Computed:            true,
			PlanModifiers:       stable,
		},
		"order_valid_till": schema.StringAttribute{
			MarkdownDescription: "Last day of the order's coverage (`yyyy-MM-dd`): no certificate of this order outlives it, and reissues are free until then. Null until issued.",
			Computed:            true,
			PlanModifiers:       stable,
		},
		"is_multi_year_plan": schema.BoolAttribute{
			MarkdownDescription: "Whether CertCentral reports the order as a Multi-year Plan (coverage longer than a year).",
			Computed:            true,
			PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
		},
		"request_id": schema.Int64Attribute{
			MarkdownDescription: "ID of the order's newest certificate request: the order itself, then each reissue." + text.requestIDUse,
			Computed:            true,
			PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
		},
		"request_type": schema.StringAttribute{
			MarkdownDescription: "Type of the newest certificate request: `new_request` or `reissue`.",
			Computed:            true,
			PlanModifiers:       stable,
		},
		"request_status": schema.StringAttribute{
			MarkdownDescription: "Status of the newest certificate request as CertCentral reports it (`pending`, `approved`, `rejected`, ...).",
			Computed:            true,
			PlanModifiers:       stable,
		},
		"next_renewal": schema.StringAttribute{
			MarkdownDescription: "How the next renewal will get a certificate, known at plan time, one of " + codeList(nextRenewalValues) + ": `reissue` (free, same order: the coverage can hold another certificate), `renewal_order` (a new, billed order with `renewal_of_order_id`), or `none` (the coverage is ending and `allow_renewal_orders = false`). Null until the order is issued.",
			Computed:            true,
			PlanModifiers:       stable,
		},
	}
}

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
	m := coverageFromState(ctx, state, diags)
	return !diags.HasError() && m.coverage().canReissue(m.certCentralNow(re.now))
}

// coverageFromState reads from state the attributes coverageFacts needs:
// a plan modifier gets the whole state, of whichever TLS order resource.
func coverageFromState(ctx context.Context, state tfsdk.State, diags *diag.Diagnostics) *tlsOrderModel {
	var m tlsOrderModel
	for name, target := range map[string]any{
		"status": &m.Status, "order_valid_till": &m.OrderValidTill, "valid_from": &m.ValidFrom, "valid_till": &m.ValidTill,
		"days_remaining": &m.DaysRemaining, "renew_before_days": &m.RenewBeforeDays, "renew_before_fraction": &m.RenewBeforeFraction,
	} {
		diags.Append(state.GetAttribute(ctx, path.Root(name), target)...)
	}
	return &m
}

// idObjectAttribute is an `{id}` object whose id is at least minID:
// server platforms go down to -1 (the pages' "-1 (other)"); containers are
// choice: positive, like every other ID CertCentral assigns.
func idObjectAttribute(description string, minID int64) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: description,
		Optional:            true,
		PlanModifiers:       replaceObject,
		Attributes: map[string]schema.Attribute{
			"id": schema.Int64Attribute{MarkdownDescription: fmt.Sprintf("ID, at least %d.", minID), Required: true, PlanModifiers: replaceInt64, Validators: []validator.Int64{int64validator.AtLeast(minID)}},
		},
	}
}

// Smallest IDs of the `{id}` objects (see idObjectAttribute).
const (
	minServerPlatformID = -1
	minContainerID      = 1
)
