package provider

import (
	"fmt"
	"time"

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
//   - a change of the certificate inputs a reissue carries (csr,
//     common_name, dns_names, server_platform) is an in-place update through
//     a reissue while the coverage lasts, and replaces the order only when
//     it does not;
//   - the reissue POST is sent at most once: an unknown outcome is recorded
//     in private state and resolved by the next Read, never by sending again.
//
// This file decides, from plain values (coverageFacts), with no framework
// types: tlsOrderModel.coverage builds the facts from state or plan.

// Values of next_renewal.
const (
	nextRenewalReissue = "reissue"
	nextRenewalOrder   = "renewal_order"
	nextRenewalNone    = "none"
)

var nextRenewalValues = []string{nextRenewalReissue, nextRenewalOrder, nextRenewalNone}

// coverageFacts is what the coverage and renewal decisions read: the
// order's status and coverage, its current certificate, and the renewal
// settings. A have* flag is false for a value that is null or unknown.
type coverageFacts struct {
	status string

	coverageEnd  time.Time // certcentral.CoverageEnd of order_valid_till
	haveCoverage bool

	certFrom, certTill time.Time // valid_from, valid_till (days, 00:00 UTC)
	haveCert           bool
	certTillText       string // valid_till as state holds it, for messages
	validTill          time.Time
	haveValidTill      bool // valid_till alone parses (certTill needs both)

	daysRemaining     int64 // CertCentral's count at the last refresh
	haveDaysRemaining bool

	renewBeforeDays         int64
	haveRenewBeforeDays     bool
	renewBeforeFraction     float64
	haveRenewBeforeFraction bool

	// allowRenewalOrders is allow_renewal_orders as next_renewal reads it:
	// null is the default (true), unknown is not known to allow.
	allowRenewalOrders bool
}

// certCentralNow is the time on CertCentral's clock at the last refresh, as
// its days_remaining tells it (renewalDue decides from that count too), or
// now when the certificate does not say.
func (c coverageFacts) certCentralNow(now time.Time) time.Time {
	if !c.haveDaysRemaining || c.daysRemaining <= 0 || !c.haveValidTill {
		return now
	}
	return c.validTill.Add(24*time.Hour - time.Duration(c.daysRemaining)*24*time.Hour)
}

// renewalWindow is how long before the certificate's end renewal is due:
// the larger of renew_before_days and renew_before_fraction of its lifetime
// (0 when neither is set).
func (c coverageFacts) renewalWindow() time.Duration {
	var w time.Duration
	if c.haveRenewBeforeDays {
		w = time.Duration(c.renewBeforeDays) * 24 * time.Hour
	}
	if c.haveRenewBeforeFraction && c.haveCert {
		w = max(w, time.Duration(c.renewBeforeFraction*float64(c.certTill.Sub(c.certFrom))))
	}
	return w
}

// canReissue: the order has a certificate (issued, expired while the
// coverage runs on, or being reissued) and its coverage lasts longer than
// the renewal window from at, so a reissued certificate would not be due
// again at once.
func (c coverageFacts) canReissue(at time.Time) bool {
	switch c.status {
	case certcentral.OrderStatusIssued, certcentral.OrderStatusExpired, certcentral.OrderStatusReissuePending:
	default:
		return false
	}
	return c.haveCoverage && c.coverageEnd.Sub(at) > max(c.renewalWindow(), 24*time.Hour)
}

// renewalDue is ready_for_renewal: renew_before_days against CertCentral's
// own count of days left (measured on its clock at the last refresh, or,
// when that is missing, from valid_till and at), renew_before_fraction of
// the certificate's lifetime, or a certificate that expired while the
// coverage runs on.
func (c coverageFacts) renewalDue(at time.Time) bool {
	if !c.haveRenewBeforeDays && !c.haveRenewBeforeFraction {
		return false
	}
	if c.status == certcentral.OrderStatusExpired {
		return c.haveCoverage && c.coverageEnd.After(at)
	}
	if c.status != certcentral.OrderStatusIssued {
		return false
	}
	if c.haveRenewBeforeDays {
		limit := c.renewBeforeDays
		switch {
		case c.haveDaysRemaining:
			if c.daysRemaining <= limit {
				return true
			}
		case c.haveValidTill:
			if c.validTill.Sub(at) <= time.Duration(limit)*24*time.Hour {
				return true
			}
		}
	}
	if !c.haveRenewBeforeFraction {
		return false
	}
	return c.haveCert && c.certTill.Add(24*time.Hour).Sub(at) <= c.renewalWindow()
}

// nextRenewal is next_renewal ("" for null): how the renewal after the
// current certificate would be done, judged when it is due (or at, if
// later).
func (c coverageFacts) nextRenewal(at time.Time) string {
	if !c.haveCoverage || !c.haveCert {
		return ""
	}
	when := c.certTill.Add(24*time.Hour - c.renewalWindow())
	if at.After(when) {
		when = at
	}
	switch {
	case c.coverageEnd.Sub(when) > max(c.renewalWindow(), 24*time.Hour):
		return nextRenewalReissue
	case c.allowRenewalOrders:
		return nextRenewalOrder
	}
	return nextRenewalNone
}

// daysLeftText says how long the certificate has left, for messages.
func (c coverageFacts) daysLeftText() string {
	if c.haveDaysRemaining {
		return fmt.Sprintf("%d days", c.daysRemaining)
	}
	return "until " + c.certTillText
}
