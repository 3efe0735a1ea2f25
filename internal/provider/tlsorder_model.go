package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// tlsOrderModel is the state every TLS order resource shares: the model of
// each one embeds it, and the engine (tlsorder_*.go) works on it alone.
// Its attributes come from tlsOrderAttributes, beside the resource's own.
type tlsOrderModel struct {
	ProductNameID types.String `tfsdk:"product_name_id"`
	// Certificate is the resource's own certificate object; the engine
	// reads and writes only the inputs a reissue carries (reissueInputs).
	Certificate        types.Object `tfsdk:"certificate"`
	DCVMethod          types.String `tfsdk:"dcv_method"`
	SkipApproval       types.Bool   `tfsdk:"skip_approval"`
	OnDestroy          types.String `tfsdk:"on_destroy"`
	AlternativeOrderID types.String `tfsdk:"alternative_order_id"`
	RenewBeforeDays    types.Int64  `tfsdk:"renew_before_days"`
	ReadyForRenewal    types.Bool   `tfsdk:"ready_for_renewal"`
	tlsCoverageModel
	orderStatusModel
	certificatePEMModel
}

// tlsCoverageModel holds the coverage and reissue attributes
// (tlsCoverageAttributes).
type tlsCoverageModel struct {
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

// coverage is the facts of m the coverage decisions read
// (tlsorder_coverage.go).
func (m *tlsOrderModel) coverage() coverageFacts {
	c := coverageFacts{status: m.Status.ValueString(), certTillText: m.ValidTill.ValueString()}
	if known(m.OrderValidTill) {
		c.coverageEnd, c.haveCoverage = certcentral.CoverageEnd(m.OrderValidTill.ValueString())
	}
	from, errFrom := time.Parse(time.DateOnly, m.ValidFrom.ValueString())
	till, errTill := time.Parse(time.DateOnly, m.ValidTill.ValueString())
	c.validTill, c.haveValidTill = till, errTill == nil
	if errFrom == nil && errTill == nil {
		c.certFrom, c.certTill, c.haveCert = from, till, true
	}
	if known(m.DaysRemaining) {
		c.daysRemaining, c.haveDaysRemaining = m.DaysRemaining.ValueInt64(), true
	}
	if known(m.RenewBeforeDays) {
		c.renewBeforeDays, c.haveRenewBeforeDays = m.RenewBeforeDays.ValueInt64(), true
	}
	if known(m.RenewBeforeFraction) {
		c.renewBeforeFraction, c.haveRenewBeforeFraction = m.RenewBeforeFraction.ValueFloat64(), true
	}
	c.allowRenewalOrders = m.AllowRenewalOrders.IsNull() || m.AllowRenewalOrders.ValueBool()
	return c
}

// known reports whether v is neither null nor unknown (generic, so that a
// value is not boxed on every refresh).
func known[V interface {
	IsNull() bool
	IsUnknown() bool
}](v V) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// certCentralNow is the time on CertCentral's clock at the last refresh
// (coverageFacts.certCentralNow), or now's.
func (m *tlsOrderModel) certCentralNow(now clock) time.Time {
	if now == nil {
		now = time.Now
	}
	return m.coverage().certCentralNow(now())
}

// nextRenewalAt is next_renewal at a time.
func (m *tlsOrderModel) nextRenewalAt(at time.Time) types.String {
	return stringOrNull(m.coverage().nextRenewal(at))
}

// setCoverageFromOrderInfo copies coverage and the newest request from
// order info.
func (m *tlsOrderModel) setCoverageFromOrderInfo(info *certcentral.OrderInfo) {
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
func (m *tlsOrderModel) keepCertificateWhilePending(prev tlsOrderModel) {
	if m.Status.ValueString() != certcentral.OrderStatusReissuePending || !m.SerialNumber.IsNull() {
		return
	}
	m.SerialNumber, m.Thumbprint, m.ValidFrom, m.ValidTill, m.DaysRemaining = prev.SerialNumber, prev.Thumbprint, prev.ValidFrom, prev.ValidTill, prev.DaysRemaining
	m.certificatePEMModel = prev.certificatePEMModel
}

// deriveRenewal sets what the provider derives from the order:
// ready_for_renewal and next_renewal (Read, each refresh).
func (m *tlsOrderModel) deriveRenewal(at time.Time) {
	c := m.coverage()
	m.ReadyForRenewal = types.BoolValue(c.renewalDue(at))
	m.NextRenewal = stringOrNull(c.nextRenewal(at))
}

// keepFromClock updates what a kept state derives from the clock:
// days_remaining counted down to not_after, and ready_for_renewal and
// next_renewal from it. It reports whether anything changed: most plans of
// the day change nothing, and then Read leaves the state exactly as it
// came, which spares the framework's encoding and Terraform's drift
// detection (it compares the refreshed state with the prior one and skips
// the comparison of every object when they are equal).
func (m *tlsOrderModel) keepFromClock(at time.Time) (changed bool) {
	days, ready, next := m.DaysRemaining, m.ReadyForRenewal, m.NextRenewal
	if !m.DaysRemaining.IsNull() {
		if d := daysRemainingAt(m.NotAfter, at); !d.IsNull() {
			m.DaysRemaining = d
		}
	}
	m.deriveRenewal(at)
	return !days.Equal(m.DaysRemaining) || !ready.Equal(m.ReadyForRenewal) || !next.Equal(m.NextRenewal)
}

// keepOrderFrom, for an update that calls no API, keeps what state says of
// the order (the plan left it unknown or as state had it).
func (m *tlsOrderModel) keepOrderFrom(state tlsOrderModel) {
	m.orderStatusModel = state.orderStatusModel
	m.certificatePEMModel = state.certificatePEMModel
	m.OrderValidFrom, m.OrderValidTill, m.IsMultiYearPlan = state.OrderValidFrom, state.OrderValidTill, state.IsMultiYearPlan
}

// finishComputed, after apply, derives what the plan left unknown (a
// planned value must come back unchanged) and turns anything still unknown
// into null.
func (m *tlsOrderModel) finishComputed(at time.Time) {
	if m.ReadyForRenewal.IsUnknown() {
		m.ReadyForRenewal = types.BoolValue(m.coverage().renewalDue(at))
	}
	if m.NextRenewal.IsUnknown() {
		m.NextRenewal = m.nextRenewalAt(at)
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
