package provider

import (
	"testing"
	"time"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// TestCoverageFacts pins the coverage and renewal decisions on plain
// values: a reissue while the coverage outlasts the renewal window, a
// billed renewal order (or none) when it does not.
func TestCoverageFacts(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	now := day("2027-01-01").Add(12 * time.Hour)
	// A 199-day certificate from 2026-07-01 in a three-year coverage.
	issued := coverageFacts{
		status:   certcentral.OrderStatusIssued,
		certFrom: day("2026-07-01"), certTill: day("2027-01-16"), haveCert: true,
		validTill: day("2027-01-16"), haveValidTill: true, certTillText: "2027-01-16",
		daysRemaining: 15, haveDaysRemaining: true,
		renewBeforeDays: 30, haveRenewBeforeDays: true,
		allowRenewalOrders: true,
	}
	issued.coverageEnd, issued.haveCoverage = certcentral.CoverageEnd("2029-06-30")

	ending := issued
	ending.coverageEnd, _ = certcentral.CoverageEnd("2027-01-20")
	noOrders := ending
	noOrders.allowRenewalOrders = false
	pending := issued
	pending.status = certcentral.OrderStatusPending
	expiredInCoverage := issued
	expiredInCoverage.status = certcentral.OrderStatusExpired
	fraction := issued
	fraction.haveRenewBeforeDays, fraction.haveDaysRemaining = false, false
	fraction.renewBeforeFraction, fraction.haveRenewBeforeFraction = 0.1, true // about 20 days of 199
	notDue := issued
	notDue.daysRemaining = 31

	for _, tc := range []struct {
		name            string
		c               coverageFacts
		canReissue, due bool
		next, daysLeft  string
	}{
		{"issued, due, long coverage", issued, true, true, nextRenewalReissue, "15 days"},
		{"issued, not due", notDue, true, false, nextRenewalReissue, "31 days"},
		{"coverage ending", ending, false, true, nextRenewalOrder, "15 days"},
		{"coverage ending, no renewal orders", noOrders, false, true, nextRenewalNone, "15 days"},
		{"pending", pending, false, false, nextRenewalReissue, "15 days"},
		{"expired while the coverage runs on", expiredInCoverage, true, true, nextRenewalReissue, "15 days"},
		{"due by fraction", fraction, true, true, nextRenewalReissue, "until 2027-01-16"},
		{"no coverage known", coverageFacts{status: certcentral.OrderStatusIssued}, false, false, "", "until "},
	} {
		if got := tc.c.canReissue(now); got != tc.canReissue {
			t.Errorf("%s: canReissue = %v, want %v", tc.name, got, tc.canReissue)
		}
		if got := tc.c.renewalDue(now); got != tc.due {
			t.Errorf("%s: renewalDue = %v, want %v", tc.name, got, tc.due)
		}
		if got := tc.c.nextRenewal(now); got != tc.next {
			t.Errorf("%s: nextRenewal = %q, want %q", tc.name, got, tc.next)
		}
		if got := tc.c.daysLeftText(); got != tc.daysLeft {
			t.Errorf("%s: daysLeftText = %q, want %q", tc.name, got, tc.daysLeft)
		}
	}

	// CertCentral's clock: 15 days before the end of valid_till's day.
	if got, want := issued.certCentralNow(now), day("2027-01-02"); !got.Equal(want) {
		t.Errorf("certCentralNow = %v, want %v", got, want)
	}
	if got := (coverageFacts{}).certCentralNow(now); !got.Equal(now) {
		t.Errorf("certCentralNow without days_remaining = %v, want now", got)
	}
}
