package provider

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// Refresh from the status-changes feed (DESIGN.md, Refresh).
//
// Reading every order on every plan costs one call per order, and
// CertCentral's rate limits make that minutes for a large estate. Instead
// the resources' Read ask CertCentral which orders changed status since
// their last full read (GET /order/certificate/status-changes), one
// question per time frame shared by the Reads of a plan, and read in full
// only: the orders the answer names (but for pending DV orders it names as
// state holds them), the ones last read in full too long ago for the feed
// (seven days) or never, and the ones a resource has its own reason to
// read (refreshCheck.mustRead). Everything else keeps its state, with what
// depends on the clock (days_remaining, ready_for_renewal) derived from
// state. Every change of what a kept state holds is a status change (a
// reissue passes through reissue_pending; revocation, cancellation and
// expiry are statuses), which is what makes the feed's silence a proof.

const (
	// privateLastReadKey holds, in provider private state, when the order
	// was last read in full: the provider's clock just before the request
	// that read it was sent, as an RFC 3339 JSON string.
	privateLastReadKey = "last_full_read"

	// feedMaxWindow is the longest time frame CertCentral answers.
	feedMaxWindow = certcentral.MaxStatusChangesWindow

	// feedSlack widens every time frame beyond the last full read. choice:
	// five minutes, for CertCentral recording a status a little after the
	// change, a provider clock that stepped between two runs, and the
	// feed's own latency (CertCentral counts the frame back from when it
	// received the request). The price is that a change made less than five
	// minutes before an order's last full read names it once more.
	feedSlack = 5 * time.Minute

	// feedValidity is how long answers serve the Reads of a plan: Terraform
	// reads the resources of a plan within its first minute or so (22 s for
	// 2000 orders, make bench), and a Read that comes later asks again.
	// Using an answer a little older than the Read is the same as reading
	// that order a little earlier in the plan, which the per-order refresh
	// does too: a plan's reads were never one instant.
	feedValidity = time.Minute
)

// changeFeed coalesces the status-changes questions of one provider
// configuration. A Read asks for the changes since its order's last full
// read plus feedSlack, rounded up to a frame of feedFrame's series (ten
// minutes, doubling up to seven days). Concurrent Reads wait for the
// question of their frame, and every Read whose frame was asked uses that
// answer. So a plan makes at most one call per frame, eleven in all, and a
// Read never gets the answer of a much wider frame, which would name
// orders that changed long before their last full read and have them read
// in full for nothing.
type changeFeed struct {
	client  *certcentral.Client
	now     clock
	mu      sync.Mutex
	answers []*feedAnswer // of the current plan, one per frame
}

// feedAnswer is one answer of the feed, or why there is none.
type feedAnswer struct {
	done    chan struct{}
	askedAt time.Time
	window  time.Duration
	// from is the earliest change the answer is sure to include, known once
	// done: CertCentral counts the window back from when it received the
	// request, which lies between sending and receiving, so from counts
	// from receiving.
	from    time.Time
	changes map[int64]certcentral.OrderRef
	err     error
}

func newChangeFeed(client *certcentral.Client, now clock) *changeFeed {
	if now == nil {
		now = time.Now
	}
	return &changeFeed{client: client, now: now}
}

// covering returns an answer that lists every change since lastRead,
// asking CertCentral when no answer of this plan can; nil when lastRead is
// too old for the feed. It waits for a question another Read asked.
func (f *changeFeed) covering(ctx context.Context, lastRead time.Time) *feedAnswer {
	t := f.now()
	need := t.Sub(lastRead) + feedSlack
	if need > feedMaxWindow {
		return nil
	}
	window := feedFrame(need)
	f.mu.Lock()
	if len(f.answers) > 0 && t.Sub(f.answers[0].askedAt) > feedValidity {
		f.answers = nil
	}
	var a *feedAnswer
	for _, c := range f.answers {
		// Covers lastRead unless its answer takes longer than half the
		// slack; the exact check is made once it is done.
		if c.window == window && !c.askedAt.Add(-c.window+feedSlack/2).After(lastRead) {
			a = c
			break
		}
	}
	asking := a == nil
	if asking {
		a = &feedAnswer{done: make(chan struct{}), askedAt: t, window: window}
		f.answers = append(f.answers, a)
	}
	f.mu.Unlock()
	if !asking {
		select {
		case <-a.done:
			return a
		case <-ctx.Done():
			return &feedAnswer{err: ctx.Err()}
		}
	}
	changes, err := f.client.StatusChanges(ctx, certcentral.StatusChangesQuery{Window: a.window})
	a.from = f.now().Add(-a.window)
	if err == nil {
		err = f.checkServerClock()
	}
	a.err = err
	if err == nil {
		a.changes = make(map[int64]certcentral.OrderRef, len(changes))
		for _, c := range changes {
			a.changes[c.OrderID] = c
		}
	} else {
		tflog.Warn(ctx, "The order status-changes feed did not answer; the orders it would have covered are read in full", map[string]any{"error": err.Error(), "window_s": int64(a.window / time.Second)})
	}
	close(a.done)
	return a
}

// feedFrame is the time frame asked for a Read that needs need: the
// shortest of 10 minutes, 20, 40, ... (each twice the one before) that
// holds need, and at most the feed's seven days.
func feedFrame(need time.Duration) time.Duration {
	w := 2 * feedSlack
	for w < need {
		w *= 2
	}
	return min(w, feedMaxWindow)
}

// refreshCheck is what a resource's state says about its order, for
// keepsState.
type refreshCheck struct {
	orderID int64
	// mustRead is the resource's own reason to read the order in full
	// ("" for none): something the feed does not report.
	mustRead string
	// settled, when set, is what state holds of an order whose state stays
	// right as long as its status and certificate ID do, even if the feed
	// names it: the feed then says only that the order went through other
	// statuses and came back (or that its one change lies in the slack).
	settled *certcentral.OrderRef
}

// keepsState reports whether Read may keep the state of this order without
// reading it: the feed is on, the order was last read in full recently
// enough for the feed to cover, and the feed answered without naming it.
// It never fails a plan: when in doubt it returns false, and Read reads the
// order as it always did.
func (f *changeFeed) keepsState(ctx context.Context, private privateGetter, c refreshCheck) bool {
	reason := f.fullReadReason(ctx, private, c)
	if reason != "" {
		tflog.Debug(ctx, "reading the order in full", map[string]any{"order_id": c.orderID, "reason": reason})
		return false
	}
	tflog.Debug(ctx, "order unchanged since its last full read (status-changes feed); state kept", map[string]any{"order_id": c.orderID})
	return true
}

func (f *changeFeed) fullReadReason(ctx context.Context, private privateGetter, c refreshCheck) string {
	if f == nil {
		return "refresh_with_status_changes is off"
	}
	if c.mustRead != "" {
		return c.mustRead
	}
	lastRead, ok := lastFullRead(ctx, private, f.now())
	if !ok {
		return "no full read recorded (imported, or written by an older provider version)"
	}
	a := f.covering(ctx, lastRead)
	switch {
	case a == nil:
		return "last read in full " + lastRead.Format(time.RFC3339) + ", longer ago than the feed's seven days"
	case a.err != nil:
		return "the status-changes feed failed: " + a.err.Error()
	case a.from.After(lastRead):
		return "the feed answered too late to cover the last full read"
	}
	if ch, named := a.changes[c.orderID]; named {
		if c.settled != nil && ch.Status == c.settled.Status && ch.CertificateID == c.settled.CertificateID {
			tflog.Debug(ctx, "the feed names the order with the status and certificate ID state holds", map[string]any{"order_id": c.orderID, "status": ch.Status})
			return ""
		}
		return "the feed names it (status now " + ch.Status + ")"
	}
	return ""
}

// lastFullRead is when the order was last read in full, from private state.
func lastFullRead(ctx context.Context, private privateGetter, at time.Time) (time.Time, bool) {
	if private == nil {
		return time.Time{}, false
	}
	raw, diags := private.GetKey(ctx, privateLastReadKey)
	if diags.HasError() || len(raw) == 0 {
		return time.Time{}, false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.After(at) {
		// A time in the future means the clock went back: not trusted.
		return time.Time{}, false
	}
	return t, true
}

// markFullRead records that the order was read in full at sentAt (taken
// just before the request that read it was sent).
func markFullRead(ctx context.Context, private privateSetter, sentAt time.Time, diags *diag.Diagnostics) {
	if private == nil {
		return
	}
	raw, err := json.Marshal(sentAt.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return // a string always encodes
	}
	diags.Append(private.SetKey(ctx, privateLastReadKey, raw)...)
}

// forgetFullRead removes the record: the next refresh reads in full.
func forgetFullRead(ctx context.Context, private privateSetter, diags *diag.Diagnostics) {
	if private != nil {
		diags.Append(private.SetKey(ctx, privateLastReadKey, nil)...)
	}
}

// daysRemainingAt counts the whole days from t to notAfter (an RFC 3339
// time from the certificate), never below zero, as CertCentral's
// days_remaining does: CertCentral counts down to the certificate's expiry
// on its own clock. choice: whole 24-hour days, rounded down, the count
// order info gives; null when notAfter is unknown.
func daysRemainingAt(notAfter types.String, t time.Time) types.Int64 {
	till, err := time.Parse(time.RFC3339, notAfter.ValueString())
	if notAfter.IsNull() || notAfter.IsUnknown() || err != nil {
		return types.Int64Null()
	}
	return types.Int64Value(max(int64(till.Sub(t)/(24*time.Hour)), 0))
}

// expiredAt reports whether the certificate of state is past notAfter.
func expiredAt(notAfter types.String, t time.Time) bool {
	till, err := time.Parse(time.RFC3339, notAfter.ValueString())
	return err == nil && !t.Before(till)
}

// configuredFeed is the provider configuration's feed, nil when
// refresh_with_status_changes is off or the provider is not configured.
func configuredFeed(data any) *changeFeed {
	if pd, ok := data.(*providerData); ok {
		return pd.feed
	}
	return nil
}

// issuedReason is why an issued order's certificate attributes need a full
// read: the certificate is not in state yet, or its not_after has passed.
func (m *certificatePEMModel) issuedReason(status types.String, at time.Time) string {
	switch {
	case status.ValueString() != certcentral.OrderStatusIssued:
		return ""
	case m.CertificatePEM.IsNull():
		return "the issued certificate is not in state yet"
	case expiredAt(m.NotAfter, at):
		return "the certificate's not_after has passed"
	}
	return ""
}

// newRefreshCheck is the check of an order whose state holds id and status:
// a full read when either is missing, when the state was imported (its
// arguments come from order info), or for the first of the resource's own
// reasons.
func newRefreshCheck(id, status types.String, imported bool, reasons ...string) refreshCheck {
	orderID, err := parseOrderID(id.ValueString())
	c := refreshCheck{orderID: orderID}
	switch {
	case err != nil:
		c.mustRead = "no valid order ID in state"
	case status.IsNull() || status.IsUnknown():
		c.mustRead = "no status in state"
	case imported:
		c.mustRead = "imported"
	case status.ValueString() == certcentral.OrderStatusReissuePending:
		// A pending reissue is followed by reading order info: its request,
		// and the certificate it waits for, change while the status stays.
		c.mustRead = "a reissue is pending"
	default:
		for _, r := range reasons {
			if r != "" {
				c.mustRead = r
				break
			}
		}
	}
	return c
}
