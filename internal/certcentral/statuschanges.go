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
// /order/certificate/status-changes answers: seven days (604800 seconds).
// A longer one is refused with time_frame_too_long (CERTCENTRAL.md, Order
// status changes).
const MaxStatusChangesWindow = 7 * 24 * time.Hour

// statusChangesPageLimit is the page size asked for: the largest the list
// endpoints accept.
const statusChangesPageLimit = 1000

// maxStatusChangesPages bounds the paging loop, so an answer whose paging
// never ends cannot keep a refresh busy: 100 pages of 1000 orders.
const maxStatusChangesPages = 100

// StatusChange is one entry of GET /order/certificate/status-changes: an
// order whose status changed in the time frame, with its current
// certificate and its current status (not the status it had inside the
// frame).
type StatusChange struct {
	OrderID       int64  `json:"order_id"`
	CertificateID int64  `json:"certificate_id"`
	Status        string `json:"status"`
}

// statusChangesPage is one page of the answer. The documented example has
// no page object, so Page is a pointer: nil when CertCentral leaves it out.
type statusChangesPage struct {
	Orders []StatusChange `json:"orders"`
	Page   *Page          `json:"page"`
}

// StatusChanges lists every order whose status changed during the last
// window, up to now on CertCentral's clock, reading every page. The window
// is sent as whole seconds, rounded up, so it never covers less than asked;
// it must be positive and at most MaxStatusChangesWindow.
//
// Paging: a page that carries a page object is the last when offset plus
// its entries reach page.total; a page without one (as in the documented
// example) is the last when it holds fewer entries than the limit asked for.
// choice: the documentation does not say which applies, so both are read.
//
// A list that changes while it is paged through can move an entry from a
// page not read yet onto one already read. So when the answer took more
// than one page, the first page is read once more and its entries are
// added; if page.total changed between pages, or the first page read again
// holds a full page of new entries (more changes while paging than one page
// can show),
// the answer cannot be trusted and StatusChanges returns an error.
func (cl *Client) StatusChanges(ctx context.Context, window time.Duration) ([]StatusChange, error) {
	if window <= 0 || window > MaxStatusChangesWindow {
		return nil, fmt.Errorf("status changes: the time frame must be between 1 second and %s, not %s", MaxStatusChangesWindow, window)
	}
	seconds := int64((window + time.Second - 1) / time.Second)
	var out []StatusChange
	seen := map[int64]bool{}
	add := func(entries []StatusChange) (added int) {
		for _, e := range entries {
			if !seen[e.OrderID] {
				seen[e.OrderID] = true
				out = append(out, e)
				added++
			}
		}
		return added
	}
	total := -1
	offset := 0
	for page := 0; ; page++ {
		if page == maxStatusChangesPages {
			return nil, fmt.Errorf("GET /order/certificate/status-changes: still more entries after %d pages of %d; giving up", page, statusChangesPageLimit)
		}
		p, err := cl.statusChangesPage(ctx, seconds, offset)
		if err != nil {
			return nil, err
		}
		if p.Page != nil {
			if total >= 0 && p.Page.Total != total {
				return nil, errStatusChangesMoved
			}
			total = p.Page.Total
		}
		add(p.Orders)
		offset += len(p.Orders)
		last := len(p.Orders) < statusChangesPageLimit
		if p.Page != nil {
			last = len(p.Orders) == 0 || offset >= p.Page.Total
		}
		if !last {
			continue
		}
		if page == 0 {
			return out, nil
		}
		first, err := cl.statusChangesPage(ctx, seconds, 0)
		if err != nil {
			return nil, err
		}
		if added := add(first.Orders); added == statusChangesPageLimit {
			return nil, errStatusChangesMoved
		}
		return out, nil
	}
}

var errStatusChangesMoved = errors.New("GET /order/certificate/status-changes: the list changed while it was read page by page")

func (cl *Client) statusChangesPage(ctx context.Context, seconds int64, offset int) (*statusChangesPage, error) {
	q := url.Values{}
	q.Set("seconds", strconv.FormatInt(seconds, 10))
	q.Set("limit", strconv.Itoa(statusChangesPageLimit))
	if offset > 0 {
		q.Set("offset", strconv.Itoa(offset))
	}
	var p statusChangesPage
	if err := cl.do(ctx, call{method: "GET", path: "/order/certificate/status-changes", query: q, out: &p, idempotent: true}); err != nil {
		return nil, err
	}
	return &p, nil
}
