package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

var (
	_ action.ActionWithConfigure = &revokeCertificateAction{}
)

// revocationReasons are the values of revocation_reason.
//
// choice: the revoke page's list of allowed values was cut off in the copy
// we could read; these are the RFC 5280 reasons a subscriber may give,
// which the page's example (`superseded`) belongs to. The sandbox accepts
// the same.
var revocationReasons = []string{"unspecified", "key_compromise", "affiliation_changed", "superseded", "cessation_of_operation"}

// newRevokeCertificateAction is the digicert_revoke_certificate action.
func newRevokeCertificateAction() action.Action { return &revokeCertificateAction{} }

type revokeCertificateAction struct {
	client *certcentral.Client
}

type revokeCertificateModel struct {
	OrderID          types.Int64  `tfsdk:"order_id"`
	RevocationReason types.String `tfsdk:"revocation_reason"`
	Comments         types.String `tfsdk:"comments"`
	SkipApproval     types.Bool   `tfsdk:"skip_approval"`
}

func (a *revokeCertificateAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_revoke_certificate"
}

func (a *revokeCertificateAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Revokes every certificate of an order now (`PUT /order/certificate/{order_id}/revoke`), for example after a key compromise: " +
			"`terraform apply -invoke=action.digicert_revoke_certificate.<name>`, or from a resource's `action_trigger` (Terraform 1.14 and later). " +
			"Revoking is permanent. Without `skip_approval` CertCentral files a revoke request that an administrator must approve; the action reports its ID as a warning. " +
			"Once CertCentral shows the order revoked, the next plan of the order's resource (`digicert_dv_ssl_order`, `digicert_document_signing_order`) plans a new order to replace it. " +
			"Invoking it for an order that is already revoked only says so.",
		Attributes: map[string]schema.Attribute{
			"order_id": schema.Int64Attribute{
				MarkdownDescription: "ID of the order whose certificates are revoked, such as `digicert_dv_ssl_order.example.id`.",
				Required:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"revocation_reason": schema.StringAttribute{
				MarkdownDescription: "Why the certificates are revoked: " + codeList(revocationReasons) + ". CertCentral uses it for TLS/SSL certificates only and ignores it for other certificate types.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(revocationReasons...)},
			},
			"comments": schema.StringAttribute{
				MarkdownDescription: "Message for the administrator who approves the revoke request. CertCentral keeps it only on a revoke request: with `skip_approval` nothing stores it.",
				Optional:            true,
			},
			"skip_approval": schema.BoolAttribute{
				MarkdownDescription: "Whether the revocation skips the approval step and goes to DigiCert at once (the API key needs admin privileges). Default `false`.",
				Optional:            true,
			},
		},
	}
}

func (a *revokeCertificateAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.client = configureClient(req.ProviderData, &resp.Diagnostics)
}

func (a *revokeCertificateAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m revokeCertificateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !requireClient(a.client, &resp.Diagnostics) {
		return
	}
	orderID := m.OrderID.ValueInt64()
	progress := actionProgress(resp)
	info := readActionOrder(ctx, a.client, orderID, "revoked", resp)
	if info == nil {
		return
	}
	switch info.Status {
	case certcentral.OrderStatusRevoked:
		progress("Order %d is already revoked; nothing to do.", orderID)
		return
	case certcentral.OrderStatusIssued:
	default:
		resp.Diagnostics.AddAttributeError(path.Root("order_id"), "Order Not Issued",
			fmt.Sprintf("Order %d has status %q: only an issued order's certificates can be revoked, so nothing was sent. An order that is not issued yet can be canceled instead (destroy its resource with on_destroy = \"cancel\").", orderID, info.Status))
		return
	}
	body := certcentral.RevokeRequest{Comments: m.Comments.ValueString(), SkipApproval: boolPtr(m.SkipApproval), RevocationReason: m.RevocationReason.ValueString()}
	// Not retried by the client (a second PUT files a second request); an
	// answer lost on the way is reported, never resent.
	rr, err := a.client.RevokeOrder(ctx, orderID, body)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("order_id"), "Unable to Revoke Order",
			fmt.Sprintf("Revoking the certificates of order %d failed: %v. If the request may have reached CertCentral, check the order there (Certificates > Orders) before invoking the action again.", orderID, err))
		return
	}
	if rr == nil {
		progress("Order %d revoked.", orderID)
		return
	}
	progress("Revoke request %d filed for order %d (status %s).", rr.ID, orderID, rr.Status)
	resp.Diagnostics.AddWarning("Revocation Awaits Approval",
		fmt.Sprintf("CertCentral filed revoke request %d (status %s) for order %d. The certificates stay valid until an administrator approves it in CertCentral; then the order's next refresh shows it revoked and plans its replacement.", rr.ID, rr.Status, orderID))
}
