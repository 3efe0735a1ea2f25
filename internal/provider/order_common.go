package provider

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// What an order resource does with its order when it is destroyed.
const (
	onDestroyCancel = "cancel"
	onDestroyRevoke = "revoke"
	onDestroyKeep   = "keep"
)

var onDestroyValues = []string{onDestroyCancel, onDestroyRevoke, onDestroyKeep}

// Notes CertCentral records on what the provider does at destroy time.
const (
	cancelNote    = "Canceled by Terraform"
	revokeComment = "Revoked by Terraform"
)

// terminalStatuses are order statuses from which an order never issues
// again: a resource in one of them is planned for replacement.
var terminalStatuses = map[string]bool{certcentral.OrderStatusCanceled: true, certcentral.OrderStatusRevoked: true, certcentral.OrderStatusRejected: true, certcentral.OrderStatusExpired: true}

// cancelableStatuses are the statuses CertCentral lets an order be canceled
// from (CERTCENTRAL.md, section Cancel and revoke).
// choice: needs_approval too, since an unapproved order is not yet
// submitted.
var cancelableStatuses = map[string]bool{certcentral.OrderStatusPending: true, certcentral.OrderStatusNeedsApproval: true, certcentral.OrderStatusWaitingPickup: true, certcentral.OrderStatusReissuePending: true}

// onDestroyAttribute is the provider-side on_destroy setting shared by the
// order resources. Changing it never calls the API.
func onDestroyAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "What `terraform destroy` (or a replacement) does with the order. " +
			"`cancel` (default): cancels an order that is not issued yet, with the note \"" + cancelNote + "\"; an issued order is left untouched (it keeps serving until it expires) and a warning says so. " +
			"`revoke`: revokes the order's certificates (a revocation that needs administrator approval is reported as a warning with its request ID); an order not issued yet is canceled. " +
			"`keep`: only removes the order from state. Changing this setting updates in place without any API call.",
		Optional:   true,
		Computed:   true,
		Default:    stringdefault.StaticString(onDestroyCancel),
		Validators: []validator.String{stringvalidator.OneOf(onDestroyValues...)},
	}
}

// orderComputedAttributes are the read-only attributes every order resource
// reads from order info.
func orderComputedAttributes() map[string]schema.Attribute {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "Order ID. Import an existing order with it.",
			Computed:            true,
			PlanModifiers:       stable,
		},
		"certificate_id": schema.Int64Attribute{
			MarkdownDescription: "ID of the order's certificate.",
			Computed:            true,
			PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
		},
		"status": schema.StringAttribute{
			MarkdownDescription: "Order status from CertCentral: `needs_approval`, `pending`, `issued`, `canceled`, `revoked`, `rejected`, `expired`, and others CertCentral may add. An order that is `canceled`, `revoked`, `rejected` or `expired` is planned for replacement.",
			Computed:            true,
			PlanModifiers:       stable,
		},
		"date_created": schema.StringAttribute{
			MarkdownDescription: "When the order was created (ISO 8601).",
			Computed:            true,
			PlanModifiers:       stable,
		},
		"serial_number": schema.StringAttribute{
			MarkdownDescription: "Serial number of the issued certificate (hexadecimal); null until issued.",
			Computed:            true,
			PlanModifiers:       stable,
		},
		"thumbprint": schema.StringAttribute{
			MarkdownDescription: "SHA-1 thumbprint of the issued certificate; null until issued.",
			Computed:            true,
			PlanModifiers:       stable,
		},
		"valid_from": schema.StringAttribute{
			MarkdownDescription: "First day of the certificate's validity (`yyyy-MM-dd`); null until issued.",
			Computed:            true,
			PlanModifiers:       stable,
		},
		"valid_till": schema.StringAttribute{
			MarkdownDescription: "Last day of the certificate's validity (`yyyy-MM-dd`); null until issued.",
			Computed:            true,
			PlanModifiers:       stable,
		},
		"days_remaining": schema.Int64Attribute{
			MarkdownDescription: "Days until the certificate expires, in whole days: CertCentral's count when a refresh read the order, otherwise counted down from `not_after` on the provider's clock (see the provider's `refresh_with_status_changes`). Null until issued.",
			Computed:            true,
			PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
		},
	}
}

// orderStatusModel holds the computed order attributes shared by the order
// resources; resource models embed it.
type orderStatusModel struct {
	ID            types.String `tfsdk:"id"`
	CertificateID types.Int64  `tfsdk:"certificate_id"`
	Status        types.String `tfsdk:"status"`
	DateCreated   types.String `tfsdk:"date_created"`
	SerialNumber  types.String `tfsdk:"serial_number"`
	Thumbprint    types.String `tfsdk:"thumbprint"`
	ValidFrom     types.String `tfsdk:"valid_from"`
	ValidTill     types.String `tfsdk:"valid_till"`
	DaysRemaining types.Int64  `tfsdk:"days_remaining"`
}

// setFromOrderInfo copies what order info says into the computed attributes.
func (m *orderStatusModel) setFromOrderInfo(info *certcentral.OrderInfo) {
	m.ID = types.StringValue(strconv.FormatInt(info.ID, 10))
	m.Status = types.StringValue(info.Status)
	m.DateCreated = stringOrNull(info.DateCreated)
	m.SerialNumber, m.Thumbprint, m.ValidFrom, m.ValidTill = types.StringNull(), types.StringNull(), types.StringNull(), types.StringNull()
	m.DaysRemaining = types.Int64Null()
	if c := info.Certificate; c != nil {
		if c.ID != 0 {
			m.CertificateID = types.Int64Value(c.ID)
		}
		m.SerialNumber = stringOrNull(c.SerialNumber)
		m.Thumbprint = stringOrNull(c.Thumbprint)
		m.ValidFrom = stringOrNull(c.ValidFrom)
		m.ValidTill = stringOrNull(c.ValidTill)
		if c.DaysRemaining != nil && c.ValidTill != "" {
			m.DaysRemaining = types.Int64Value(*c.DaysRemaining)
		}
	}
	if m.CertificateID.IsUnknown() {
		m.CertificateID = types.Int64Null()
	}
}

// fields lists the computed attributes, for the loops below.
func (m *orderStatusModel) fields() (strs []*types.String, ints []*types.Int64) {
	return []*types.String{&m.ID, &m.Status, &m.DateCreated, &m.SerialNumber, &m.Thumbprint, &m.ValidFrom, &m.ValidTill},
		[]*types.Int64{&m.CertificateID, &m.DaysRemaining}
}

// nullUnknowns turns computed attributes still unknown after Create into
// nulls: Terraform refuses unknown values in applied state.
func (m *orderStatusModel) nullUnknowns() {
	strs, ints := m.fields()
	for _, s := range strs {
		if s.IsUnknown() {
			*s = types.StringNull()
		}
	}
	for _, i := range ints {
		if i.IsUnknown() {
			*i = types.Int64Null()
		}
	}
}

// setUnknown plans every computed attribute as known only after apply, for
// a plan that places a new order in place of the current one.
func (m *orderStatusModel) setUnknown() {
	strs, ints := m.fields()
	for _, s := range strs {
		*s = types.StringUnknown()
	}
	for _, i := range ints {
		*i = types.Int64Unknown()
	}
}

func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// parseOrderID reads the order ID kept in state or given to import.
func parseOrderID(id string) (int64, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a CertCentral order ID (a positive whole number such as 6484932)", id)
	}
	return n, nil
}

// orderLifecycle holds what the order resources share: reading an order and
// destroying it according to on_destroy.
type orderLifecycle struct {
	client *certcentral.Client
	feed   *changeFeed // nil: every Read reads in full (refresh.go)
}

// configureClient extracts the client from provider data, reporting a
// provider that could not be configured.
func configureClient(data any, diags *diag.Diagnostics) *certcentral.Client {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data", fmt.Sprintf("expected *providerData, got %T; please report this issue to the provider developers", data))
		return nil
	}
	return pd.client
}

// requireClient reports an unconfigured provider (for example an api_key
// that was unknown at plan time) and returns false.
func requireClient(client *certcentral.Client, diags *diag.Diagnostics) bool {
	if client == nil {
		diags.AddError("Provider Not Configured",
			"The digicert provider has no API client: its api_key or base_url was unknown when the provider was configured. Make them known at plan time (for example with -target on the resources they come from).")
		return false
	}
	return true
}

// destroyOrder ends an order as on_destroy says. A missing order is
// already gone, which is success.
func (l orderLifecycle) destroyOrder(ctx context.Context, orderID int64, onDestroy string, diags *diag.Diagnostics) {
	if onDestroy == onDestroyKeep {
		return
	}
	info, err := l.client.GetOrder(ctx, orderID)
	if certcentral.IsNotFound(err) {
		return
	}
	if err != nil {
		diags.AddError(apiFailure(err, apiAction{while: fmt.Sprintf("reading order %d before destroying it", orderID), refused: fmt.Sprintf("to show order %d before destroying it", orderID), permission: "view orders"},
			"Unable to Read Order Before Destroy", fmt.Sprintf("Reading order %d failed, so it was neither canceled nor revoked: %v", orderID, err)))
		return
	}
	switch {
	case terminalStatuses[info.Status]:
		return
	case cancelableStatuses[info.Status]:
		err := l.client.CancelOrder(ctx, orderID, cancelNote)
		if err != nil && !certcentral.IsNotFound(err) {
			diags.AddError(apiFailure(err, apiAction{while: fmt.Sprintf("canceling order %d", orderID), refused: fmt.Sprintf("to cancel order %d", orderID), permission: "cancel orders"},
				"Unable to Cancel Order", fmt.Sprintf("Canceling order %d (status %s) failed: %v. It is still in CertCentral; cancel it there, or set on_destroy = \"keep\" to only forget it.", orderID, info.Status, err)))
		}
	case info.Status == certcentral.OrderStatusIssued && onDestroy == onDestroyRevoke:
		rr, err := l.client.RevokeOrder(ctx, orderID, certcentral.RevokeRequest{Comments: revokeComment})
		if err != nil && !certcentral.IsNotFound(err) {
			diags.AddError(apiFailure(err, apiAction{while: fmt.Sprintf("revoking order %d", orderID), refused: fmt.Sprintf("to revoke order %d", orderID), permission: "revoke certificates"},
				"Unable to Revoke Order", fmt.Sprintf("Revoking the certificates of order %d failed: %v. They are still valid; revoke them in CertCentral, or set on_destroy = \"keep\" to only forget the order.", orderID, err)))
			return
		}
		if rr != nil {
			diags.AddWarning("Revocation Awaits Approval",
				fmt.Sprintf("CertCentral filed revoke request %d (status %s) for order %d. The certificates stay valid until an administrator approves it in CertCentral.", rr.ID, rr.Status, orderID))
		}
	case info.Status == certcentral.OrderStatusIssued:
		diags.AddWarning("Issued Order Left in Place",
			fmt.Sprintf("Order %d is issued, so on_destroy = \"cancel\" left it untouched: its certificate stays valid until it expires. Set on_destroy = \"revoke\" to revoke certificates on destroy.", orderID))
	default:
		diags.AddWarning("Order Left in Place",
			fmt.Sprintf("Order %d has status %q, which can be neither canceled nor revoked; it was only removed from state.", orderID, info.Status))
	}
}

// planReplaceTerminal plans a replacement for an order whose refreshed
// status can never issue again, with a warning that says why.
func planReplaceTerminal(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, resourceType string) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var status, id types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, pathStatus, &status)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, pathID, &id)...)
	if resp.Diagnostics.HasError() || !terminalStatuses[status.ValueString()] {
		return
	}
	resp.Diagnostics.AddWarning("Order Will Be Replaced",
		fmt.Sprintf("%s order %s is %s in CertCentral and can never issue, so Terraform plans a new order to replace it.", resourceType, id.ValueString(), status.ValueString()))
	// Core replaces only when a RequiresReplace path changes, so the status
	// is planned unknown (the new order's status).
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, pathStatus, types.StringUnknown())...)
	resp.RequiresReplace = append(resp.RequiresReplace, pathStatus)
}

// readOrder reads the order whose ID m holds, for Read, and copies order
// info into m; sentAt (taken just before) is recorded in private state as
// its full read (refresh.go). It returns nil when Read must stop: the order is gone (then
// it is removed from state, with a warning, and the next apply orders
// again) or an error was reported. An order just imported (productNameID
// is null: import set only the ID) must be one of products, and adopt fills
// its arguments from order info.
func (l orderLifecycle) readOrder(ctx context.Context, m *orderStatusModel, productNameID types.String, products []string, adopt func(*certcentral.OrderInfo) diag.Diagnostics, sentAt time.Time, resp *resource.ReadResponse) *certcentral.OrderInfo {
	imported := productNameID.IsNull()
	info, goneID := readStateOrder(ctx, l.client, m.ID, sentAt, resp)
	if goneID != 0 {
		resp.Diagnostics.AddWarning("Order No Longer Exists",
			fmt.Sprintf("CertCentral has no order %d any more, so it was removed from state; the next apply places a new order.", goneID))
		return nil
	}
	if info == nil {
		return nil
	}
	if imported && (info.Product == nil || !slices.Contains(products, info.Product.NameID)) {
		product := "an unknown product"
		if info.Product != nil {
			product = info.Product.NameID
		}
		resp.Diagnostics.AddError("Order of Another Product",
			fmt.Sprintf("Order %d is for %s, not for one of %s; import it with the resource type of its product.", info.ID, product, strings.Join(products, ", ")))
		return nil
	}
	if imported {
		resp.Diagnostics.Append(adopt(info)...)
	}
	m.setFromOrderInfo(info)
	return info
}

// readStateOrder reads the order whose ID (the id attribute) state holds,
// and records the read in private state as the order's full read as of
// sentAt (taken just before; refresh.go). It returns nil when Read must
// stop: an error was reported, or the order is gone, in which case it was
// removed from state and goneID is its ID.
func readStateOrder(ctx context.Context, client *certcentral.Client, id types.String, sentAt time.Time, resp *resource.ReadResponse) (info *certcentral.OrderInfo, goneID int64) {
	if !requireClient(client, &resp.Diagnostics) {
		return nil, 0
	}
	orderID, err := parseOrderID(id.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(pathID, "Invalid Order ID in State", err.Error())
		return nil, 0
	}
	info, err = client.GetOrder(ctx, orderID)
	if certcentral.IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return nil, orderID
	}
	if err != nil {
		resp.Diagnostics.Append(orderReadError(err, orderLookup{attr: pathID, what: fmt.Sprintf("order %d", orderID), permission: "view orders"}))
		return nil, 0
	}
	markFullRead(ctx, resp.Private, sentAt, &resp.Diagnostics)
	return info, 0
}

// destroy ends the order whose ID state holds as on_destroy says, for Delete.
func (l orderLifecycle) destroy(ctx context.Context, id, onDestroy types.String, diags *diag.Diagnostics) {
	if !requireClient(l.client, diags) {
		return
	}
	orderID, err := parseOrderID(id.ValueString())
	if err != nil {
		diags.AddAttributeError(pathID, "Invalid Order ID in State", err.Error())
		return
	}
	l.destroyOrder(ctx, orderID, onDestroy.ValueString(), diags)
}

// orderNames lists an order's names from order info: the common name, then
// dns_names (which may repeat it, or hold the `[" "]` placeholder).
func orderNames(info *certcentral.OrderInfo) []string {
	if info == nil || info.Certificate == nil {
		return nil
	}
	names := []string{info.Certificate.CommonName}
	for _, n := range dropBlankNames(info.Certificate.DNSNames) {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

// dropBlankNames drops blank entries (CertCentral's `[" "]` placeholder) from a
// list the API returned, keeping an empty list empty and an absent list nil
// (null).
func dropBlankNames(values []string) []string {
	if values == nil {
		return nil
	}
	out := make([]string, 0, len(values))
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// validityAttrs names an order's three validity attributes, below parent
// (path.Empty() for top-level ones).
type validityAttrs struct {
	parent            path.Path
	date, days, years string
}

// chosen lists the validity attributes set, in the order CertCentral applies
// them: custom_expiration_date overrides the days, which override the
// years, as both order pages document. When several are set it warns which
// one wins. known is false while any of them is unknown.
func (a validityAttrs) chosen(date types.String, days, years types.Int64, diags *diag.Diagnostics) (set []string, known bool) {
	if date.IsUnknown() || days.IsUnknown() || years.IsUnknown() {
		return nil, false
	}
	// An empty date means no date: the Order DV SSL page's example sends
	// "custom_expiration_date": "" (validators.DateInFuture).
	if !date.IsNull() && date.ValueString() != "" {
		set = append(set, a.date)
	}
	if !days.IsNull() {
		set = append(set, a.days)
	}
	if !years.IsNull() {
		set = append(set, a.years)
	}
	if len(set) > 1 {
		diags.AddAttributeWarning(a.parent.AtName(set[1]), "Several Validity Attributes Set",
			fmt.Sprintf("%s are all set; CertCentral uses %s and ignores the others (%s overrides %s, which overrides %s).", a.qualified(set...), a.qualified(set[0]), a.date, a.days, a.years))
	}
	return set, true
}

// qualified joins attribute names, prefixed with their parent.
func (a validityAttrs) qualified(names ...string) string {
	prefix := a.parent.String()
	if prefix != "" {
		prefix += "."
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return strings.Join(out, ", ")
}
