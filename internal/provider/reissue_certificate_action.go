package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
	"github.com/certcentral-community/terraform-provider-digicert/internal/validators"
)

var (
	_ action.ActionWithConfigure = &reissueCertificateAction{}
)

// newReissueCertificateAction is the digicert_reissue_certificate action;
// now is the provider's clock (the end of the order's coverage is checked
// against it).
func newReissueCertificateAction(now clock) action.Action {
	return &reissueCertificateAction{now: now}
}

type reissueCertificateAction struct {
	client *certcentral.Client
	now    clock
}

type reissueCertificateModel struct {
	OrderID  types.Int64  `tfsdk:"order_id"`
	CSR      types.String `tfsdk:"csr"`
	Comments types.String `tfsdk:"comments"`
}

func (a *reissueCertificateAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_reissue_certificate"
}

func (a *reissueCertificateAction) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reissues the certificate of a DV TLS/SSL order now (`POST /order/certificate/{order_id}/reissue`) with the order's current certificate settings (common name, names, server platform, signature hash, DCV method), for example with a new key after a key compromise: " +
			"`terraform apply -invoke=action.digicert_reissue_certificate.<name>`, or from a resource's `action_trigger` (Terraform 1.14 and later). " +
			"A reissue is free while the order's coverage lasts; the order must be issued (or its certificate expired while the coverage runs on). " +
			"The reissue is sent at most once: when no answer comes back it is not sent again, and the action says how to check whether it arrived. " +
			"The order resource's next refresh shows the order `reissue_pending` with a new `request_id`, so a `digicert_dv_ssl_order_validation` with `request_id` is replaced and waits for the new certificate. " +
			"Document signing orders are refused: CertCentral's reissue page describes no reissue of them.",
		Attributes: map[string]schema.Attribute{
			"order_id": schema.Int64Attribute{
				MarkdownDescription: "ID of the DV order whose certificate is reissued, such as `digicert_dv_ssl_order.example.id`.",
				Required:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"csr": schema.StringAttribute{
				MarkdownDescription: "Certificate signing request (CSR), PEM, for a new key: the usual case after a key compromise. Unset: the order's current CSR (from order info) is sent again, which gives a new certificate for the same key. " +
					"The order resource keeps the CSR of its configuration in state and plans nothing for it; changing its `certificate.csr` to this one afterwards reissues once more (free). " + validators.CSR().Description(ctx) + ".",
				Optional:   true,
				Validators: []validator.String{validators.CSR()},
			},
			"comments": schema.StringAttribute{
				MarkdownDescription: "Message for the administrator who approves the reissue request.",
				Optional:            true,
			},
		},
	}
}

func (a *reissueCertificateAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.client = configureClient(req.ProviderData, &resp.Diagnostics)
}

func (a *reissueCertificateAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m reissueCertificateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !requireClient(a.client, &resp.Diagnostics) {
		return
	}
	orderID := m.OrderID.ValueInt64()
	progress := actionProgress(resp)
	info := readActionOrder(ctx, a.client, orderID, "reissued", resp)
	if info == nil {
		return
	}
	body, ok := a.reissueBody(info, m, resp)
	if !ok {
		return
	}
	res, err := a.client.Reissue(ctx, orderID, body)
	switch {
	case certcentral.IsOutcomeUnknown(err):
		resp.Diagnostics.AddAttributeError(path.Root("order_id"), "Reissue Outcome Unknown",
			fmt.Sprintf("The reissue of order %d was sent, but no answer came back, so it is not known whether CertCentral accepted it. It was not sent again. "+
				"Check before invoking the action again: if order info (GET /order/certificate/%d, or the order resource's next refresh) shows status reissue_pending or a reissue request newer than %s, the reissue arrived and invoking again would file a second one.\n\nCause: %v",
				orderID, orderID, newestRequestText(info), outcomeCause(err)))
		return
	case err != nil:
		resp.Diagnostics.AddAttributeError(path.Root("order_id"), "Reissue Not Accepted",
			fmt.Sprintf("CertCentral did not accept the reissue of order %d; the order and its certificate are unchanged. Fix what the answer names (the CSR, a name, the DCV method), then invoke the action again.\n\n%v", orderID, err))
		return
	}
	if n := len(res.Requests); n > 0 {
		rq := res.Requests[n-1]
		progress("Reissue request %d filed for order %d (status %s).", rq.ID, orderID, rq.Status)
		resp.Diagnostics.AddWarning("Certificate Reissue Requested",
			fmt.Sprintf("CertCentral accepted the reissue of order %d: request %d, status %s. The certificate in use stays valid until the new one is issued (a new key alone does not revoke it). "+
				"The order resource's next refresh shows the new request_id; a digicert_dv_ssl_order_validation with request_id is then replaced and waits for the reissued certificate.", orderID, rq.ID, rq.Status))
		return
	}
	progress("Reissue of order %d accepted.", orderID)
}

// reissueBody is the reissue of the order's current certificate settings,
// with the configured CSR when there is one. It refuses (error on order_id,
// nothing sent) an order that no reissue can serve.
func (a *reissueCertificateAction) reissueBody(info *certcentral.OrderInfo, m reissueCertificateModel, resp *action.InvokeResponse) (certcentral.ReissueRequest, bool) {
	orderID := info.ID
	refuse := func(summary, format string, args ...any) (certcentral.ReissueRequest, bool) {
		resp.Diagnostics.AddAttributeError(path.Root("order_id"), summary, fmt.Sprintf(format, args...)+" Nothing was sent.")
		return certcentral.ReissueRequest{}, false
	}
	product := "unknown"
	if info.Product != nil {
		product = info.Product.NameID
	}
	if _, ok := tlsOrderKindOf(product); !ok {
		return refuse("Not a TLS/SSL Order",
			"Order %d is a %s order. This action reissues TLS/SSL orders (%s) only: CertCentral's reissue page describes no reissue of document signing certificates beyond leaving out common_name.", orderID, product, tlsOrderProductsText())
	}
	switch info.Status {
	case certcentral.OrderStatusIssued, certcentral.OrderStatusExpired:
	case certcentral.OrderStatusReissuePending:
		return refuse("Reissue Already Pending",
			"Order %d already has a reissue pending (%s). Wait for it to be issued, or cancel it in CertCentral, before reissuing again.", orderID, newestRequestText(info))
	default:
		return refuse("Order Not Issued",
			"Order %d has status %q: only an issued order's certificate can be reissued.", orderID, info.Status)
	}
	now := time.Now
	if a.now != nil {
		now = a.now
	}
	end, ok := info.CoverageEnd()
	if !ok || !end.After(now()) {
		return refuse("Order Coverage Ended",
			"The coverage of order %d ended on %q, so CertCentral reissues no certificate on it. A new order (or a renewal order) gets a new certificate.", orderID, info.OrderValidTill)
	}
	c := info.Certificate
	if c == nil {
		return refuse("Order Has No Certificate", "Order info of order %d has no certificate to reissue.", orderID)
	}
	csr := m.CSR.ValueString()
	if csr == "" {
		// A TLS reissue requires csr (CERTCENTRAL.md, Reissue action): without
		// a new one the order's own goes again.
		csr = c.CSR
	}
	if csr == "" {
		return refuse("CSR Needed", "Order info of order %d carries no CSR, and a reissue needs one: set csr.", orderID)
	}
	body := certcentral.ReissueRequest{
		Certificate: certcentral.ReissueCertificate{
			CommonName: c.CommonName, DNSNames: importedDNSNames(c), CSR: csr, SignatureHash: c.SignatureHash,
		},
		Comments:  m.Comments.ValueString(),
		DCVMethod: info.DCVMethod,
	}
	if c.ServerPlatform != nil {
		body.Certificate.ServerPlatform = &certcentral.IDRef{ID: c.ServerPlatform.ID}
	}
	return body, true
}

// newestRequestText names the order's newest reissue or new-certificate
// request, as the request to compare with after an unknown outcome.
func newestRequestText(info *certcentral.OrderInfo) string {
	newest := newestCertificateRequest(info)
	if newest == nil {
		return "the ones it has now"
	}
	return fmt.Sprintf("request %d (%s, %s)", newest.ID, newest.Type, newest.Status)
}
