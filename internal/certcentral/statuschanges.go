package certcentral

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// MaxStatusChangesWindow is the longest time frame GET
// /order/certificate/status-changes accepts: seven days (10080 minutes, or
// 604800 seconds; CERTCENTRAL.md, "Order status changes").
const MaxStatusChangesWindow = 7 * 24 * time.Hour

// statusChangesZone is the time zone of filters[status_last_updated]: the
// page says MDT (a fixed UTC-6).
var statusChangesZone = time.FixedZone("MDT", -6*60*60)

// StatusChangesQuery is the time frame of a status-change listing: either
// Window (the last Window up to now, sent as seconds) or the range From..To
// (filters[status_last_updated], for frames further back).
type StatusChangesQuery struct {
	Window   time.Duration
	From, To time.Time
}

// ErrStatusChangesWindow is returned, before any request, for a time frame
// CertCentral would refuse.
var ErrStatusChangesWindow = errors.New("the status change time frame must be more than zero and at most seven days")

// StatusChanges reads GET /order/certificate/status-changes, all pages: the
// orders whose status changed in the time frame, each once, with its
// current status. An order that changes while the pages are read may be
// missing from a later page; the caller should let consecutive frames
// overlap.
func (cl *Client) StatusChanges(ctx context.Context, q StatusChangesQuery) ([]OrderRef, error) {
	v := url.Values{}
	switch {
	case q.From.IsZero() && q.To.IsZero():
		if q.Window <= 0 || q.Window > MaxStatusChangesWindow {
			return nil, fmt.Errorf("%w (asked for %s)", ErrStatusChangesWindow, q.Window)
		}
		// Whole seconds, rounded up: a frame a little longer never misses a
		// change.
		secs := int64((q.Window + time.Second - 1) / time.Second)
		v.Set("seconds", strconv.FormatInt(secs, 10))
	default:
		if !q.To.After(q.From) || q.To.Sub(q.From) > MaxStatusChangesWindow || q.Window != 0 {
			return nil, fmt.Errorf("%w (asked for %s to %s)", ErrStatusChangesWindow, q.From.Format(time.RFC3339), q.To.Format(time.RFC3339))
		}
		const layout = "2006-01-02+15:04:05"
		v.Set("filters[status_last_updated]", q.From.In(statusChangesZone).Format(layout)+"..."+q.To.In(statusChangesZone).Format(layout))
	}
	return cl.listOrderRefs(ctx, "/order/certificate/status-changes", v)
}
