package provider

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
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

// coverageEnd is the end of the order's coverage from order_valid_till,
// by the client's one rule (certcentral.CoverageEnd).
func (m dvSSLOrderModel) coverageEnd() (time.Time, bool) {
	return certcentral.CoverageEnd(m.OrderValidTill.ValueString())
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
	case certcentral.OrderStatusIssued, certcentral.OrderStatusExpired, certcentral.OrderStatusReissuePending:
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
	if m.Status.ValueString() == certcentral.OrderStatusExpired {
		end, ok := m.coverageEnd()
		return ok && end.After(at)
	}
	if renewalDue(m.RenewBeforeDays, m.orderStatusModel, at) {
		return true
	}
	if m.Status.ValueString() != certcentral.OrderStatusIssued || m.RenewBeforeFraction.IsNull() || m.RenewBeforeFraction.IsUnknown() {
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

// deriveRenewal sets what the provider derives from the order:
// ready_for_renewal and next_renewal (Read, each refresh).
func (m *dvSSLOrderModel) deriveRenewal(at time.Time) {
	m.ReadyForRenewal = types.BoolValue(dvRenewalDue(*m, at))
	m.NextRenewal = nextRenewalAt(*m, at)
}

// renewalDue decides renewal from CertCentral's own count of days left
// (measured on its clock at the last refresh), or, when that is missing,
// from valid_till and now.
func renewalDue(renewBeforeDays types.Int64, m orderStatusModel, now time.Time) bool {
	if renewBeforeDays.IsNull() || renewBeforeDays.IsUnknown() || m.Status.ValueString() != certcentral.OrderStatusIssued {
		return false
	}
	limit := renewBeforeDays.ValueInt64()
	if !m.DaysRemaining.IsNull() && !m.DaysRemaining.IsUnknown() {
		return m.DaysRemaining.ValueInt64() <= limit
	}
	till, err := time.Parse("2006-01-02", m.ValidTill.ValueString())
	if err != nil {
		return false
	}
	return till.Sub(now) <= time.Duration(limit)*24*time.Hour
}

func daysLeftText(m orderStatusModel) string {
	if !m.DaysRemaining.IsNull() && !m.DaysRemaining.IsUnknown() {
		return fmt.Sprintf("%d days", m.DaysRemaining.ValueInt64())
	}
	return "until " + m.ValidTill.ValueString()
}
