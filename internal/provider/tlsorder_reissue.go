package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// reissueInputs are what a reissue carries, compared between plan and
// state.
type reissueInputs struct {
	commonName     string
	dnsNames       []string
	csr            string
	serverPlatform *int64
	known          bool
}

// certificateInputs reads the reissue inputs from the certificate object,
// whatever else the resource's certificate holds. An attribute the object
// lacks reads as null.
func certificateInputs(ctx context.Context, m tlsOrderModel, diags *diag.Diagnostics) reissueInputs {
	if m.Certificate.IsNull() || m.Certificate.IsUnknown() {
		return reissueInputs{}
	}
	a := m.Certificate.Attributes()
	commonName, _ := a["common_name"].(types.String)
	csr, _ := a["csr"].(types.String)
	dnsNames, _ := a["dns_names"].(types.List)
	serverPlatform, _ := a["server_platform"].(types.Object)
	in := reissueInputs{commonName: commonName.ValueString(), csr: csr.ValueString(), known: true}
	if commonName.IsUnknown() || csr.IsUnknown() || dnsNames.IsUnknown() || serverPlatform.IsUnknown() {
		in.known = false
	}
	for _, v := range dnsNames.Elements() {
		if s, ok := v.(types.String); ok {
			in.dnsNames = append(in.dnsNames, s.ValueString())
		}
	}
	if ref := idRef(ctx, serverPlatform, diags); ref != nil {
		in.serverPlatform = &ref.ID
	}
	return in
}

// withCertificateInputs is the certificate object c with the reissue
// inputs (and organization units) of doubt: the certificate in use before
// a reissue that did not arrive.
func withCertificateInputs(ctx context.Context, c types.Object, doubt reissueInDoubt, diags *diag.Diagnostics) types.Object {
	if c.IsNull() || c.IsUnknown() {
		return c
	}
	attrTypes := c.AttributeTypes(ctx)
	attrs := maps.Clone(c.Attributes())
	set := func(name string, v attr.Value) {
		if _, ok := attrs[name]; ok {
			attrs[name] = v
		}
	}
	set("common_name", types.StringValue(doubt.Certificate.CommonName))
	set("dns_names", listOrNull(ctx, doubt.Certificate.DNSNames, diags))
	set("csr", types.StringValue(doubt.Certificate.CSR))
	set("organization_units", listOrNull(ctx, doubt.Certificate.OrganizationUnits, diags))
	if platformType, ok := attrTypes["server_platform"].(types.ObjectType); ok {
		platform := types.ObjectNull(platformType.AttrTypes)
		if doubt.Certificate.ServerPlatform != nil {
			platform = idObject(platformType.AttrTypes, *doubt.Certificate.ServerPlatform)
		}
		set("server_platform", platform)
	}
	obj, d := types.ObjectValue(attrTypes, attrs)
	diags.Append(d...)
	return obj
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

// reissueRequest maps the planned certificate inputs onto a reissue body.
func reissueRequest(ctx context.Context, m tlsOrderModel, diags *diag.Diagnostics) certcentral.ReissueRequest {
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
// next is the plan (the reissue's inputs) with the resource's own computed
// values already taken from state; reissue takes the engine's from state
// and follows the order into next. It returns true when the resource must
// record state unchanged (nothing was sent, or CertCentral refused it), and
// false to record next. After CertCentral accepted the reissue nothing is
// an error: the order is the same and stays in state.
func (e *tlsOrderEngine) reissue(ctx context.Context, next *tlsOrderModel, state tlsOrderModel, private privateSetter, refreshOwn tlsRefreshOwn, diags *diag.Diagnostics) (keepState bool) {
	orderID, err := parseOrderID(state.ID.ValueString())
	if err != nil {
		diags.AddAttributeError(pathID, "Invalid Order ID in State", err.Error())
		return true
	}
	body := reissueRequest(ctx, *next, diags)
	if diags.HasError() {
		return true
	}
	wanted := certificateInputs(ctx, *next, diags)
	// The plan's computed values were unknown; start from the order as it is.
	next.orderStatusModel, next.certificatePEMModel = state.orderStatusModel, state.certificatePEMModel
	next.RequestID, next.RequestType, next.RequestStatus = state.RequestID, state.RequestType, state.RequestStatus
	// A run killed while its reissue was in flight saved nothing: the order
	// may already carry this very reissue. Follow it instead of sending a
	// second one.
	readAt := e.now()
	info, err := e.lifecycle.client.GetOrder(ctx, orderID)
	if err != nil {
		diags.AddError("Unable to Read the Order Before Reissuing",
			fmt.Sprintf("Before reissuing, the provider reads order %d to find a reissue an interrupted run already sent. Reading it failed, so no reissue was sent; the order and its current certificate stay in state. Run apply again.\n\n%v", orderID, err))
		return true
	}
	// choice: no "newer than" bound on the request ID here: the refresh
	// before this apply already moved request_id to the order's newest
	// request. What tells a reissue sent after the last apply is state's
	// certificate inputs, which no refresh changes: the order's certificate
	// no longer matches them. So a renewal reissue with unchanged CSR and
	// names, which nothing tells from the certificate before it, is sent.
	if !certifies(info, certificateInputs(ctx, state, diags)) {
		if found := matchingReissue(info, 0, wanted); found != nil {
			diags.AddWarning("Reissue Found",
				fmt.Sprintf("Order %d already carries this reissue (request %d, %s: same CSR public key and names), sent by an earlier run that ended before it could record it. It is followed from here; no reissue was sent.", orderID, found.ID, found.Status))
			e.followReissue(ctx, next, orderID, info, refreshOwn, diags)
			markFullRead(ctx, private, readAt, diags)
			return false
		}
	}
	sentAt := e.now()
	err = afterPost(diags, func() error {
		res, err := e.lifecycle.client.Reissue(ctx, orderID, body)
		if err == nil && len(res.Requests) > 0 {
			newest := res.Requests[len(res.Requests)-1]
			next.RequestID, next.RequestType, next.RequestStatus = types.Int64Value(newest.ID), types.StringValue(certcentral.RequestTypeReissue), stringOrNull(newest.Status)
		}
		return err
	}, func(diags *diag.Diagnostics) {
		info, err := e.lifecycle.client.GetOrder(ctx, orderID)
		if err != nil {
			diags.AddWarning("Reissue Accepted, Order Not Read Yet",
				fmt.Sprintf("CertCentral accepted the reissue of order %d, but reading the order failed: %v. The next refresh reads it; nothing is sent again.", orderID, err))
			forgetFullRead(ctx, private, diags)
			info = nil
		} else {
			markFullRead(ctx, private, sentAt, diags)
		}
		e.followReissue(ctx, next, orderID, info, refreshOwn, diags)
	})
	switch {
	case err == nil:
		return false
	case certcentral.IsOutcomeUnknown(err):
		forgetFullRead(ctx, private, diags)
		// The new inputs go into state so that no plan sends the reissue
		// again; the next Read finds out whether CertCentral has it.
		doubt := reissueInDoubt{SentAt: sentAt, LastRequestID: state.RequestID.ValueInt64()}
		cur := certificateInputs(ctx, state, diags)
		doubt.Certificate.CommonName, doubt.Certificate.DNSNames, doubt.Certificate.CSR, doubt.Certificate.ServerPlatform = cur.commonName, cur.dnsNames, cur.csr, cur.serverPlatform
		if units, ok := state.Certificate.Attributes()["organization_units"].(types.List); ok {
			doubt.Certificate.OrganizationUnits = stringList(ctx, units, diags)
		}
		raw, _ := json.Marshal(doubt)
		diags.Append(private.SetKey(ctx, privateReissueKey, raw)...)
		next.RequestStatus = types.StringValue(requestStatusUnknown)
		next.finishComputed(sentAt)
		diags.AddError("Reissue Outcome Unknown",
			fmt.Sprintf("The reissue of order %d was sent at %s, but no answer came back, so it is not known whether CertCentral accepted it. It was not sent again. "+
				"The order and its current certificate stay in state. The next refresh (plan or apply) reads the order: if the reissue arrived it is followed from here; if not, the next plan proposes it again.\n\nCause: %v",
				orderID, sentAt.UTC().Format(time.RFC3339), outcomeCause(err)))
		return false
	default:
		diags.AddError("Reissue Not Accepted",
			fmt.Sprintf("CertCentral did not accept the reissue of order %d; the order and its current certificate are unchanged and stay in state. Fix what the answer names (the CSR, a name, the DCV method), then apply again.\n\n%v", orderID, err))
		return true
	}
}

// followReissue sets next, which holds the reissue's inputs, from order
// info (nil: not read) once the order carries the reissue.
func (e *tlsOrderEngine) followReissue(ctx context.Context, next *tlsOrderModel, orderID int64, info *certcentral.OrderInfo, refreshOwn tlsRefreshOwn, diags *diag.Diagnostics) {
	if info != nil {
		prev := *next
		next.setFromOrderInfo(info)
		next.setCoverageFromOrderInfo(info)
		next.keepCertificateWhilePending(prev)
		next.refreshCertificate(ctx, e.lifecycle.client, info, diags)
		refreshOwn(info, diags)
	}
	if next.Status.ValueString() == certcentral.OrderStatusReissuePending {
		diags.AddWarning("Reissue Pending",
			fmt.Sprintf("CertCentral accepted the reissue of order %d (request %s); it waits for domain validation or approval. The current certificate stays in state until the new one is issued%s.", orderID, next.RequestID.String(), e.text.reissuePending))
	}
	next.finishComputed(e.now())
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
	if latest == nil || latest.ID <= after || latest.Status == certcentral.RequestStatusRejected || !want.known {
		return nil
	}
	if info.Status != certcentral.OrderStatusReissuePending && info.Status != certcentral.OrderStatusIssued {
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
func resolveReissueInDoubt(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse, m *tlsOrderModel, info *certcentral.OrderInfo) {
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
	m.Certificate = withCertificateInputs(ctx, m.Certificate, doubt, &resp.Diagnostics)
	resp.Diagnostics.AddWarning("Reissue Did Not Arrive",
		fmt.Sprintf("The reissue of order %d sent at %s did not reach CertCentral: the order has no newer reissue request. State is back to the certificate in use, so the next plan proposes the reissue again (free).", info.ID, doubt.SentAt.UTC().Format(time.RFC3339)))
}

// requestStatusUnknown is the request_status the provider records for a
// reissue whose outcome is unknown (CertCentral has no such status).
const requestStatusUnknown = "unknown"
