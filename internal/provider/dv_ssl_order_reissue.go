package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
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
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
	"github.com/certcentral-community/terraform-provider-digicert/internal/validators"
)

// Reissues and coverage (DESIGN.md, "Reissue first"; CERTCENTRAL.md,
// "Reissue" and "Multi-year plans and coverage"). An order buys coverage
// (order_valid_till); inside it a new certificate is a free reissue of the
// same order. So:
//   - renewal (renew_before_days, renew_before_fraction) reissues while the
//     coverage can hold a certificate that outlasts the renewal window, and
//     places a billed renewal order only when it cannot (and only when
//     allow_renewal_orders);
//   - a change of certificate.csr, common_name, dns_names or server_platform
//     is an in-place update through a reissue while the coverage lasts, and
//     replaces the order only when it does not;
//   - the reissue POST is sent at most once: an unknown outcome is recorded
//     in private state and resolved by the next Read, never by sending again.

// Values of next_renewal.
const (
	nextRenewalReissue = "reissue"
	nextRenewalOrder   = "renewal_order"
	nextRenewalNone    = "none"
)

var nextRenewalValues = []string{nextRenewalReissue, nextRenewalOrder, nextRenewalNone}

// Documented coverage limits (CERTCENTRAL.md, Multi-year plans and coverage).
var dvOrderValidityYears = []int64{1, 2, 3}

const dvMaxOrderValidityDays = 1095

// statusReissuePending is the order status while a reissue waits.
const statusReissuePending = "reissue_pending"

// dvCoverageModel holds the coverage and reissue attributes of
// digicert_dv_ssl_order.
type dvCoverageModel struct {
	OrderValidity       types.Object  `tfsdk:"order_validity"`
	RenewBeforeFraction types.Float64 `tfsdk:"renew_before_fraction"`
	AllowRenewalOrders  types.Bool    `tfsdk:"allow_renewal_orders"`
	OrderValidFrom      types.String  `tfsdk:"order_valid_from"`
	OrderValidTill      types.String  `tfsdk:"order_valid_till"`
	IsMultiYearPlan     types.Bool    `tfsdk:"is_multi_year_plan"`
	RequestID           types.Int64   `tfsdk:"request_id"`
	RequestType         types.String  `tfsdk:"request_type"`
	RequestStatus       types.String  `tfsdk:"request_status"`
	NextRenewal         types.String  `tfsdk:"next_renewal"`
}

type orderValidityModel struct {
	Years                types.Int64  `tfsdk:"years"`
	Days                 types.Int64  `tfsdk:"days"`
	CustomExpirationDate types.String `tfsdk:"custom_expiration_date"`
}

// dvCoverageAttributes are the schema attributes of dvCoverageModel.
func dvCoverageAttributes(now clock) map[string]schema.Attribute {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return map[string]schema.Attribute{
		"order_validity": schema.SingleNestedAttribute{
			MarkdownDescription: "Coverage the order buys, as the current Order DV SSL page's `order_validity`: set exactly one of `years` (" + codeListInt(dvOrderValidityYears) +
				"; more than 1 needs an account with Multi-year Plans), `days` (1 to " + strconv.Itoa(dvMaxOrderValidityDays) + ") or `custom_expiration_date`. " +
				"Inside the coverage every new certificate is a free reissue of the same order. Use it instead of `validity_years`, `validity_days` and `custom_expiration_date`. A reissue cannot change the coverage, so changing this places a new order.",
			Optional:      true,
			PlanModifiers: replaceObject,
			Attributes: map[string]schema.Attribute{
				"years": schema.Int64Attribute{MarkdownDescription: "Years of coverage: " + codeListInt(dvOrderValidityYears) + ".", Optional: true, PlanModifiers: replaceInt64,
					Validators: []validator.Int64{int64validator.OneOf(dvOrderValidityYears...)}},
				"days": schema.Int64Attribute{MarkdownDescription: fmt.Sprintf("Days of coverage, 1 to %d.", dvMaxOrderValidityDays), Optional: true, PlanModifiers: replaceInt64,
					Validators: []validator.Int64{int64validator.Between(1, dvMaxOrderValidityDays)}},
				"custom_expiration_date": schema.StringAttribute{MarkdownDescription: fmt.Sprintf("Last day of coverage, `yyyy-MM-dd`, after today and at most %d days ahead.", dvMaxOrderValidityDays), Optional: true, PlanModifiers: replaceString,
					Validators: []validator.String{validators.DateInFuture(now, "2006-01-02", "yyyy-MM-dd", dvMaxOrderValidityDays+1)}},
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
			MarkdownDescription: "ID of the order's newest certificate request: the order itself, then each reissue. It changes with every reissue, so `digicert_dv_ssl_order_validation.request_id = digicert_dv_ssl_order.<name>.request_id` validates each new certificate.",
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
	var m dvSSLOrderModel
	diags.Append(state.Get(ctx, &m)...)
	return !diags.HasError() && canReissue(m, m.certCentralNow(re.now))
}

// certCentralNow is the time on CertCentral's clock at the last refresh, as
// its days_remaining tells it (renewalDue decides from that count too), or
// the provider's clock when the certificate does not say.
func (m dvSSLOrderModel) certCentralNow(now clock) time.Time {
	if now == nil {
		now = time.Now
	}
	if m.DaysRemaining.IsNull() || m.DaysRemaining.IsUnknown() || m.DaysRemaining.ValueInt64() <= 0 {
		return now()
	}
	till, err := time.Parse("2006-01-02", m.ValidTill.ValueString())
	if err != nil {
		return now()
	}
	return till.Add(24*time.Hour - time.Duration(m.DaysRemaining.ValueInt64())*24*time.Hour)
}

// coverageEnd is the end of the order's coverage from order_valid_till.
func (m dvSSLOrderModel) coverageEnd() (time.Time, bool) {
	if m.OrderValidTill.IsNull() || m.OrderValidTill.IsUnknown() {
		return time.Time{}, false
	}
	d, err := time.Parse("2006-01-02", m.OrderValidTill.ValueString())
	if err != nil {
		return time.Time{}, false
	}
	return d.Add(24*time.Hour - time.Second), true
}

// certificateLifetime is valid_from..valid_till of the current certificate.
func (m dvSSLOrderModel) certificateLifetime() (from, till time.Time, ok bool) {
	f, err1 := time.Parse("2006-01-02", m.ValidFrom.ValueString())
	t, err2 := time.Parse("2006-01-02", m.ValidTill.ValueString())
	if err1 != nil || err2 != nil {
		return time.Time{}, time.Time{}, false
	}
	return f, t, true
}

// renewalWindow is how long before the certificate's end renewal is due:
// the larger of renew_before_days and renew_before_fraction of its lifetime
// (0 when neither is set).
func (m dvSSLOrderModel) renewalWindow() time.Duration {
	var w time.Duration
	if !m.RenewBeforeDays.IsNull() && !m.RenewBeforeDays.IsUnknown() {
		w = time.Duration(m.RenewBeforeDays.ValueInt64()) * 24 * time.Hour
	}
	if f := m.RenewBeforeFraction; !f.IsNull() && !f.IsUnknown() {
		if from, till, ok := m.certificateLifetime(); ok {
			w = max(w, time.Duration(f.ValueFloat64()*float64(till.Sub(from))))
		}
	}
	return w
}

// renewalConfigured reports whether any renewal setting is set.
func (m dvSSLOrderModel) renewalConfigured() bool {
	return (!m.RenewBeforeDays.IsNull() && !m.RenewBeforeDays.IsUnknown()) || (!m.RenewBeforeFraction.IsNull() && !m.RenewBeforeFraction.IsUnknown())
}

// canReissue: the order has a certificate (issued, expired while the
// coverage runs on, or being reissued) and its coverage lasts longer than the renewal window
// from now, so a reissued certificate would not be due again at once.
func canReissue(m dvSSLOrderModel, at time.Time) bool {
	switch m.Status.ValueString() {
	case "issued", "expired", statusReissuePending:
	default:
		return false
	}
	end, ok := m.coverageEnd()
	return ok && end.Sub(at) > max(m.renewalWindow(), 24*time.Hour)
}

// dvRenewalDue extends renewalDue with renew_before_fraction, and with a
// certificate that expired while the coverage runs on.
func dvRenewalDue(m dvSSLOrderModel, at time.Time) bool {
	if !m.renewalConfigured() {
		return false
	}
	if m.Status.ValueString() == "expired" {
		end, ok := m.coverageEnd()
		return ok && end.After(at)
	}
	if renewalDue(m.RenewBeforeDays, m.orderStatusModel, at) {
		return true
	}
	if m.Status.ValueString() != "issued" || m.RenewBeforeFraction.IsNull() || m.RenewBeforeFraction.IsUnknown() {
		return false
	}
	_, till, ok := m.certificateLifetime()
	return ok && till.Add(24*time.Hour).Sub(at) <= m.renewalWindow()
}

// nextRenewalAt is next_renewal: how the renewal after the current
// certificate would be done, judged when it is due (or now, if later).
func nextRenewalAt(m dvSSLOrderModel, at time.Time) types.String {
	end, ok := m.coverageEnd()
	_, till, haveCert := m.certificateLifetime()
	if !ok || !haveCert {
		return types.StringNull()
	}
	when := till.Add(24*time.Hour - m.renewalWindow())
	if at.After(when) {
		when = at
	}
	switch {
	case end.Sub(when) > max(m.renewalWindow(), 24*time.Hour):
		return types.StringValue(nextRenewalReissue)
	case m.AllowRenewalOrders.IsNull() || m.AllowRenewalOrders.ValueBool():
		return types.StringValue(nextRenewalOrder)
	}
	return types.StringValue(nextRenewalNone)
}

// reissueInputs are what a reissue carries, compared between plan and
// state.
type reissueInputs struct {
	commonName     string
	dnsNames       []string
	csr            string
	serverPlatform *int64
	known          bool
}

func certificateInputs(ctx context.Context, m dvSSLOrderModel, diags *diag.Diagnostics) reissueInputs {
	if m.Certificate.IsNull() || m.Certificate.IsUnknown() {
		return reissueInputs{}
	}
	var c dvCertificateModel
	diags.Append(m.Certificate.As(ctx, &c, basetypes.ObjectAsOptions{UnhandledUnknownAsEmpty: true})...)
	in := reissueInputs{commonName: c.CommonName.ValueString(), csr: c.CSR.ValueString(), known: true}
	if c.CommonName.IsUnknown() || c.CSR.IsUnknown() || c.DNSNames.IsUnknown() || c.ServerPlatform.IsUnknown() {
		in.known = false
	}
	for _, v := range c.DNSNames.Elements() {
		if s, ok := v.(types.String); ok {
			in.dnsNames = append(in.dnsNames, s.ValueString())
		}
	}
	if ref := idRef(ctx, c.ServerPlatform, diags); ref != nil {
		in.serverPlatform = &ref.ID
	}
	return in
}

func (a reissueInputs) equal(b reissueInputs) bool {
	samePlatform := (a.serverPlatform == nil) == (b.serverPlatform == nil) && (a.serverPlatform == nil || *a.serverPlatform == *b.serverPlatform)
	return a.commonName == b.commonName && a.csr == b.csr && slices.Equal(a.dnsNames, b.dnsNames) && samePlatform
}

// addedNames are the names of a not in b.
func (a reissueInputs) addedNames(b reissueInputs) []string {
	var out []string
	for _, n := range append([]string{a.commonName}, a.dnsNames...) {
		if n != b.commonName && !slices.Contains(b.dnsNames, n) {
			out = append(out, n)
		}
	}
	return out
}

// planExisting plans an order that exists (state is not null): a reissue,
// a renewal order, a coverage warning, or nothing, in plan. It returns
// false when it planned a replacement in resp.Plan instead (plan is then
// not to be set).
func (r *dvSSLOrderResource) planExisting(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, plan, state *dvSSLOrderModel) bool {
	at := state.certCentralNow(r.now)
	reissuable := canReissue(*state, at)
	if terminalStatuses[state.Status.ValueString()] && (state.Status.ValueString() != "expired" || !reissuable) {
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
		if state.Status.ValueString() == statusReissuePending {
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

// setCoverageFromOrderInfo copies coverage and the newest request from
// order info.
func (m *dvSSLOrderModel) setCoverageFromOrderInfo(info *certcentral.OrderInfo) {
	m.OrderValidFrom, m.OrderValidTill = stringOrNull(info.OrderValidFrom), stringOrNull(info.OrderValidTill)
	m.IsMultiYearPlan = types.BoolValue(info.IsMultiYearPlan)
	if newest := newestCertificateRequest(info); newest != nil {
		m.RequestID, m.RequestType, m.RequestStatus = types.Int64Value(newest.ID), types.StringValue(newest.Type), stringOrNull(newest.Status)
	} else if m.RequestID.IsUnknown() {
		m.RequestID, m.RequestType, m.RequestStatus = types.Int64Null(), types.StringNull(), types.StringNull()
	}
}

// newestCertificateRequest is the order's newest request for a
// certificate (the order itself or a reissue), or nil.
func newestCertificateRequest(info *certcentral.OrderInfo) *certcentral.OrderRequest {
	var newest *certcentral.OrderRequest
	for _, typ := range []string{certcentral.RequestTypeNewRequest, certcentral.RequestTypeReissue} {
		if r := info.LatestRequest(typ); r != nil && (newest == nil || r.ID > newest.ID) {
			newest = r
		}
	}
	return newest
}

// keepCertificateWhilePending keeps the facts of the certificate in use
// while a reissue is pending: order info then describes the requested
// certificate, which has no serial or validity yet.
func (m *dvSSLOrderModel) keepCertificateWhilePending(prev dvSSLOrderModel) {
	if m.Status.ValueString() != statusReissuePending || !m.SerialNumber.IsNull() {
		return
	}
	m.SerialNumber, m.Thumbprint, m.ValidFrom, m.ValidTill, m.DaysRemaining = prev.SerialNumber, prev.Thumbprint, prev.ValidFrom, prev.ValidTill, prev.DaysRemaining
	m.certificatePEMModel = prev.certificatePEMModel
}

// deriveRenewal sets what the provider derives from the order:
// ready_for_renewal and next_renewal (Read, each refresh).
func (m *dvSSLOrderModel) deriveRenewal(at time.Time) {
	m.ReadyForRenewal = types.BoolValue(dvRenewalDue(*m, at))
	m.NextRenewal = nextRenewalAt(*m, at)
}

// finishComputed, after apply, derives what the plan left unknown (a
// planned value must come back unchanged) and turns anything still unknown
// into null.
func (m *dvSSLOrderModel) finishComputed(at time.Time) {
	if m.ReadyForRenewal.IsUnknown() {
		m.ReadyForRenewal = types.BoolValue(dvRenewalDue(*m, at))
	}
	if m.NextRenewal.IsUnknown() {
		m.NextRenewal = nextRenewalAt(*m, at)
	}
	if m.IsMultiYearPlan.IsUnknown() {
		m.IsMultiYearPlan = types.BoolNull()
	}
	for _, s := range []*types.String{&m.OrderValidFrom, &m.OrderValidTill, &m.RequestType, &m.RequestStatus} {
		if s.IsUnknown() {
			*s = types.StringNull()
		}
	}
	if m.RequestID.IsUnknown() {
		m.RequestID = types.Int64Null()
	}
	m.nullUnknowns()
	if m.CertificatePEM.IsUnknown() {
		m.clear()
	}
}

// orderValidityRequest maps order_validity onto the API object.
func orderValidityRequest(ctx context.Context, o types.Object, diags *diag.Diagnostics) *certcentral.Validity {
	if o.IsNull() || o.IsUnknown() {
		return nil
	}
	var v orderValidityModel
	diags.Append(o.As(ctx, &v, basetypes.ObjectAsOptions{})...)
	return &certcentral.Validity{Years: v.Years.ValueInt64(), Days: v.Days.ValueInt64(), CustomExpirationDate: v.CustomExpirationDate.ValueString()}
}

// validateOrderValidity: exactly one unit, and not beside the root validity
// attributes.
func validateOrderValidity(ctx context.Context, m dvSSLOrderModel, diags *diag.Diagnostics) {
	if m.OrderValidity.IsNull() || m.OrderValidity.IsUnknown() {
		return
	}
	var v orderValidityModel
	diags.Append(m.OrderValidity.As(ctx, &v, basetypes.ObjectAsOptions{UnhandledUnknownAsEmpty: true})...)
	if v.Years.IsUnknown() || v.Days.IsUnknown() || v.CustomExpirationDate.IsUnknown() {
		return
	}
	set := 0
	for _, null := range []bool{v.Years.IsNull(), v.Days.IsNull(), v.CustomExpirationDate.IsNull()} {
		if !null {
			set++
		}
	}
	if set != 1 {
		diags.AddAttributeError(path.Root("order_validity"), "Set One Unit of order_validity",
			fmt.Sprintf("order_validity needs exactly one of years, days or custom_expiration_date; %d are set.", set))
	}
	if !m.ValidityYears.IsNull() || !m.ValidityDays.IsNull() || !m.CustomExpirationDate.IsNull() {
		diags.AddAttributeError(path.Root("order_validity"), "Two Ways of Setting the Coverage",
			"Set either order_validity or validity_years / validity_days / custom_expiration_date, not both: CertCentral reads one of them.")
	}
}

// reissueRequest maps the planned certificate inputs onto a reissue body.
func reissueRequest(ctx context.Context, m dvSSLOrderModel, diags *diag.Diagnostics) certcentral.ReissueRequest {
	in := certificateInputs(ctx, m, diags)
	out := certcentral.ReissueRequest{
		Certificate: certcentral.ReissueCertificate{CommonName: in.commonName, DNSNames: in.dnsNames, CSR: in.csr},
		// The order's own setting: a reissue without approval where the order
		// had none.
		SkipApproval: boolPtr(m.SkipApproval),
		DCVMethod:    m.DCVMethod.ValueString(),
	}
	if in.serverPlatform != nil {
		out.Certificate.ServerPlatform = &certcentral.IDRef{ID: *in.serverPlatform}
	}
	return out
}

// privateReissueKey holds, in private state, a reissue whose outcome is
// unknown: when it was sent and the certificate inputs before it.
const privateReissueKey = "reissue_in_doubt"

type reissueInDoubt struct {
	SentAt        time.Time `json:"sent_at"`
	LastRequestID int64     `json:"last_request_id"`
	Certificate   struct {
		CommonName        string   `json:"common_name"`
		DNSNames          []string `json:"dns_names"`
		CSR               string   `json:"csr"`
		OrganizationUnits []string `json:"organization_units"`
		ServerPlatform    *int64   `json:"server_platform"`
	} `json:"certificate"`
}

// reissue is Update's reissue: POST .../reissue once, then read the order.
// After CertCentral accepted the reissue nothing is an error: the order is
// the same and stays in state.
func (r *dvSSLOrderResource) reissue(ctx context.Context, plan, state dvSSLOrderModel, resp *resource.UpdateResponse) {
	orderID, err := parseOrderID(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(pathID, "Invalid Order ID in State", err.Error())
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	body := reissueRequest(ctx, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	// The plan's computed values were unknown; start from the order as it is.
	next := plan
	next.orderStatusModel, next.certificatePEMModel = state.orderStatusModel, state.certificatePEMModel
	next.RequestID, next.RequestType, next.RequestStatus = state.RequestID, state.RequestType, state.RequestStatus
	next.DCVRandomValue = state.DCVRandomValue
	if next.DCVRecords.IsUnknown() {
		next.DCVRecords = state.DCVRecords
	}
	// A run killed while its reissue was in flight saved nothing: the order
	// may already carry this very reissue. Follow it instead of sending a
	// second one.
	readAt := r.now()
	info, err := r.lifecycle.client.GetOrder(ctx, orderID)
	if err != nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		resp.Diagnostics.AddError("Unable to Read the Order Before Reissuing",
			fmt.Sprintf("Before reissuing, the provider reads order %d to find a reissue an interrupted run already sent. Reading it failed, so no reissue was sent; the order and its current certificate stay in state. Run apply again.\n\n%v", orderID, err))
		return
	}
	// choice: no "newer than" bound on the request ID here: the refresh
	// before this apply already moved request_id to the order's newest
	// request. What tells a reissue sent after the last apply is state's
	// certificate inputs, which no refresh changes: the order's certificate
	// no longer matches them. So a renewal reissue with unchanged CSR and
	// names, which nothing tells from the certificate before it, is sent.
	if !certifies(info, certificateInputs(ctx, state, &resp.Diagnostics)) {
		if found := matchingReissue(info, 0, certificateInputs(ctx, plan, &resp.Diagnostics)); found != nil {
			resp.Diagnostics.AddWarning("Reissue Found",
				fmt.Sprintf("Order %d already carries this reissue (request %d, %s: same CSR public key and names), sent by an earlier run that ended before it could record it. It is followed from here; no reissue was sent.", orderID, found.ID, found.Status))
			r.followReissue(ctx, &next, orderID, info, &resp.Diagnostics)
			markFullRead(ctx, resp.Private, readAt, &resp.Diagnostics)
			resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
			return
		}
	}
	sentAt := r.now()
	res, err := r.lifecycle.client.Reissue(ctx, orderID, body)
	switch {
	case certcentral.IsOutcomeUnknown(err):
		forgetFullRead(ctx, resp.Private, &resp.Diagnostics)
		// The new inputs go into state so that no plan sends the reissue
		// again; the next Read finds out whether CertCentral has it.
		doubt := reissueInDoubt{SentAt: sentAt, LastRequestID: state.RequestID.ValueInt64()}
		cur := certificateInputs(ctx, state, &resp.Diagnostics)
		doubt.Certificate.CommonName, doubt.Certificate.DNSNames, doubt.Certificate.CSR, doubt.Certificate.ServerPlatform = cur.commonName, cur.dnsNames, cur.csr, cur.serverPlatform
		var c dvCertificateModel
		resp.Diagnostics.Append(state.Certificate.As(ctx, &c, basetypes.ObjectAsOptions{})...)
		doubt.Certificate.OrganizationUnits = stringList(ctx, c.OrganizationUnits, &resp.Diagnostics)
		raw, _ := json.Marshal(doubt)
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateReissueKey, raw)...)
		next.RequestStatus = types.StringValue("unknown")
		next.finishComputed(sentAt)
		resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
		resp.Diagnostics.AddError("Reissue Outcome Unknown",
			fmt.Sprintf("The reissue of order %d was sent at %s, but no answer came back, so it is not known whether CertCentral accepted it. It was not sent again. "+
				"The order and its current certificate stay in state. The next refresh (plan or apply) reads the order: if the reissue arrived it is followed from there; if not, the next plan proposes it again.\n\nCause: %v",
				orderID, sentAt.UTC().Format(time.RFC3339), outcomeCause(err)))
		return
	case err != nil:
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		resp.Diagnostics.AddError("Reissue Not Accepted",
			fmt.Sprintf("CertCentral did not accept the reissue of order %d; the order and its current certificate are unchanged and stay in state. Fix what the answer names (the CSR, a name, the DCV method), then apply again.\n\n%v", orderID, err))
		return
	}
	if n := len(res.Requests); n > 0 {
		next.RequestID, next.RequestType, next.RequestStatus = types.Int64Value(res.Requests[n-1].ID), types.StringValue(certcentral.RequestTypeReissue), stringOrNull(res.Requests[n-1].Status)
	}
	info, err = r.lifecycle.client.GetOrder(ctx, orderID)
	if err != nil {
		resp.Diagnostics.AddWarning("Reissue Accepted, Order Not Read Yet",
			fmt.Sprintf("CertCentral accepted the reissue of order %d, but reading the order failed: %v. The next refresh reads it; nothing is sent again.", orderID, err))
		forgetFullRead(ctx, resp.Private, &resp.Diagnostics)
		info = nil
	} else {
		markFullRead(ctx, resp.Private, sentAt, &resp.Diagnostics)
	}
	r.followReissue(ctx, &next, orderID, info, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
}

// followReissue sets next, which holds the reissue's inputs, from order
// info (nil: not read) once the order carries the reissue.
func (r *dvSSLOrderResource) followReissue(ctx context.Context, next *dvSSLOrderModel, orderID int64, info *certcentral.OrderInfo, diags *diag.Diagnostics) {
	if info != nil {
		prev := *next
		next.setFromOrderInfo(info)
		next.setCoverageFromOrderInfo(info)
		next.keepCertificateWhilePending(prev)
		next.refreshCertificate(ctx, r.lifecycle.client, info, diags)
		r.refreshDCVToken(ctx, next, orderID, false, diags)
	}
	if next.Status.ValueString() == statusReissuePending {
		diags.AddWarning("Reissue Pending",
			fmt.Sprintf("CertCentral accepted the reissue of order %d (request %s); it waits for domain validation or approval. The current certificate stays in state until the new one is issued; digicert_dv_ssl_order_validation (with request_id) waits for it.", orderID, next.RequestID.String()))
	}
	next.finishComputed(r.now())
}

// matchingReissue is the order's newest reissue request when it is the
// reissue want describes, sent after request after; nil otherwise.
//
// choice: a reissue request carries no client key (an order has
// alternative_order_id, a reissue nothing alike), so what identifies it is
// what it asked for: order info's certificate must have want's CSR public
// key (not its PEM text), common name and names (case and order aside), the
// request must be newer than after and not rejected, and the
// order reissue_pending or issued. Anything less is no reissue of ours (a
// stranger's, or none) and is never followed.
func matchingReissue(info *certcentral.OrderInfo, after int64, want reissueInputs) *certcentral.OrderRequest {
	latest := info.LatestRequest(certcentral.RequestTypeReissue)
	if latest == nil || latest.ID <= after || latest.Status == "rejected" || !want.known {
		return nil
	}
	if info.Status != statusReissuePending && info.Status != "issued" {
		return nil
	}
	if !certifies(info, want) {
		return nil
	}
	return latest
}

// certifies reports whether order info's certificate (a pending reissue's
// while reissue_pending) has in's CSR public key, common name and names.
func certifies(info *certcentral.OrderInfo, in reissueInputs) bool {
	c := info.Certificate
	if c == nil || c.CSR == "" || in.csr == "" || csrPublicKeyHash(c.CSR) != csrPublicKeyHash(in.csr) {
		return false
	}
	return strings.EqualFold(strings.TrimSpace(c.CommonName), strings.TrimSpace(in.commonName)) &&
		sameNames(orderNames(info), append([]string{in.commonName}, in.dnsNames...))
}

// reissueInDoubtRecorded reports whether private state holds a reissue whose
// outcome is unknown: Read must then read the order in full to resolve it.
func reissueInDoubtRecorded(ctx context.Context, private privateGetter, diags *diag.Diagnostics) bool {
	if private == nil {
		return false
	}
	raw, d := private.GetKey(ctx, privateReissueKey)
	diags.Append(d...)
	return len(raw) > 0
}

// resolveReissueInDoubt runs in Read when a reissue's outcome was unknown:
// order info tells whether it arrived. If it did, state (which holds the
// new inputs) follows it; if not, the previous inputs come back, so the
// next plan proposes the reissue again.
func (r *dvSSLOrderResource) resolveReissueInDoubt(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse, m *dvSSLOrderModel, info *certcentral.OrderInfo) {
	raw, d := req.Private.GetKey(ctx, privateReissueKey)
	resp.Diagnostics.Append(d...)
	if len(raw) == 0 {
		return
	}
	var doubt reissueInDoubt
	if err := json.Unmarshal(raw, &doubt); err != nil {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateReissueKey, nil)...)
		return
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateReissueKey, nil)...)
	if latest := matchingReissue(info, doubt.LastRequestID, certificateInputs(ctx, *m, &resp.Diagnostics)); latest != nil {
		resp.Diagnostics.AddWarning("Reissue Found",
			fmt.Sprintf("The reissue of order %d sent at %s reached CertCentral (request %d, %s); it is followed from here.", info.ID, doubt.SentAt.UTC().Format(time.RFC3339), latest.ID, latest.Status))
		return
	}
	s := schemaOf(ctx, r)
	certType := objectTypeOf(s, "certificate")
	c := dvCertificateModel{
		CommonName:        types.StringValue(doubt.Certificate.CommonName),
		DNSNames:          listOrNull(ctx, doubt.Certificate.DNSNames, &resp.Diagnostics),
		CSR:               types.StringValue(doubt.Certificate.CSR),
		OrganizationUnits: listOrNull(ctx, doubt.Certificate.OrganizationUnits, &resp.Diagnostics),
		ServerPlatform:    types.ObjectNull(nestedObjectAttrTypes(certType, "server_platform")),
	}
	if doubt.Certificate.ServerPlatform != nil {
		c.ServerPlatform = idObject(nestedObjectAttrTypes(certType, "server_platform"), *doubt.Certificate.ServerPlatform)
	}
	obj, d := types.ObjectValueFrom(ctx, certType.AttrTypes, c)
	resp.Diagnostics.Append(d...)
	m.Certificate = obj
	resp.Diagnostics.AddWarning("Reissue Did Not Arrive",
		fmt.Sprintf("The reissue of order %d sent at %s did not reach CertCentral: the order has no newer reissue request. State is back to the certificate in use, so the next plan proposes the reissue again (free).", info.ID, doubt.SentAt.UTC().Format(time.RFC3339)))
}
