package sandbox

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// GET /order/certificate/status-changes: the orders whose status changed in
// a time frame (CERTCENTRAL.md, "Order status changes").
//
// Recording: every change of the sandbox's state happens under Server.mu, so
// the one hook sits in that lock's Unlock. Before the lock is released,
// noteStatusChangesLocked compares each order's status (and certificate)
// with the last one it recorded and records the difference with the sandbox
// clock's time. Whatever sets o.status, wherever it lives, is recorded
// without having to call anything.
//
// Cost: the comparison visits every order. With a frozen clock, all changes
// made before the clock moves carry the same time, so an unlock at the
// instant of the last comparison skips it; SetNow and Advance compare before
// they move the clock, and every read of the feed compares first. The times
// recorded are the same as with a comparison on every unlock.

// Documented limits of the time frame.
const (
	maxFeedMinutes = 10080
	maxFeedSeconds = 604800
	maxFeedWindow  = 7 * 24 * time.Hour
)

// mdt is the time zone of filters[status_last_updated] ("Timezone is MDT").
// choice: a fixed UTC-6, as the page names MDT and not "Mountain Time".
var mdt = time.FixedZone("MDT", -6*60*60)

// stateMutex is Server.mu: a mutex whose Unlock first runs beforeUnlock.
type stateMutex struct {
	sync.Mutex
	beforeUnlock func()
}

// Unlock runs the hook while the state is still held, then unlocks.
func (m *stateMutex) Unlock() {
	if m.beforeUnlock != nil {
		m.beforeUnlock()
	}
	m.Mutex.Unlock()
}

// StatusChange is one recorded status of an order, for tests.
type StatusChange struct {
	Status string
	At     time.Time
	// SerialNumber is the order's certificate serial after the change ("" if
	// none was issued yet).
	SerialNumber string
}

// statusFeed is what the sandbox recorded, in order creation order.
type statusFeed struct {
	tracked  []feedOrder
	nextID   int       // next order ID to start tracking
	lastScan time.Time // sandbox clock of the last comparison
}

type feedOrder struct {
	o       *order
	status  string // last recorded
	serial  string // last recorded
	changes []StatusChange
}

func (f *feedOrder) last() time.Time { return f.changes[len(f.changes)-1].At }

// noteStatusChangesLocked records every order whose status or certificate
// differs from what was recorded last. An order's creation counts as a
// change (from no status to its first one). choice: a new certificate with
// the same status before and after (a reissue that completed within one
// request) also counts, so that a reissue is never missing from the feed.
func (s *Server) noteStatusChangesLocked() {
	s.feed.lastScan = s.clk.now()
	if s.feed.nextID == 0 {
		s.feed.nextID = firstOrderID
	}
	for ; s.feed.nextID < s.nextID.order; s.feed.nextID++ {
		if o := s.orders[s.feed.nextID]; o != nil {
			s.feed.tracked = append(s.feed.tracked, feedOrder{o: o})
		}
	}
	now := s.feed.lastScan
	for i := range s.feed.tracked {
		t := &s.feed.tracked[i]
		o := t.o
		if o.status == t.status && o.serial == t.serial {
			continue
		}
		at := now
		// An expiry happened when the certificate's validity ended, however
		// late the sandbox noticed it.
		if o.status == StatusExpired && t.status != StatusExpired && !o.validTill.IsZero() && o.validTill.Before(now) {
			at = o.validTill
		}
		t.status, t.serial = o.status, o.serial
		t.changes = append(t.changes, StatusChange{Status: o.status, At: at, SerialNumber: o.serial})
	}
}

// noteExpiriesLocked lets every order notice the clock (an issued order past
// its valid_till becomes expired), then records the changes.
func (s *Server) noteExpiriesLocked() {
	now := s.clk.now()
	for _, o := range s.orders {
		o.refresh(now)
	}
	s.noteStatusChangesLocked()
}

// noteStatusChangesOnUnlock is the hook of Server.mu (see Cost above).
func (s *Server) noteStatusChangesOnUnlock() {
	if s.feed.nextID != 0 && s.clk.frozen && s.clk.now().Equal(s.feed.lastScan) {
		return
	}
	s.noteStatusChangesLocked()
}

// StatusChanges is every status recorded for an order, oldest first (nil for
// an unknown order).
func (s *Server) StatusChanges(orderID int) []StatusChange {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.noteExpiriesLocked()
	for _, t := range s.feed.tracked {
		if t.o.ID == orderID {
			return append([]StatusChange(nil), t.changes...)
		}
	}
	return nil
}

// feedFrame is the time frame a request asks for: changes at or after from
// and before until.
type feedFrame struct {
	from, until time.Time
	// ranged is true for filters[status_last_updated]: orders that changed
	// again after until are left out.
	ranged bool
}

// parseFeedFrame reads minutes, seconds and filters[status_last_updated].
//
// choice: minutes/seconds and the date range may be combined; the frame is
// then their intersection.
func parseFeedFrame(q url.Values, now time.Time) (feedFrame, *APIError) {
	frame := feedFrame{until: now.Add(time.Nanosecond)}
	var errs []ErrorEntry
	tooLong := false
	window, hasWindow := 0, false
	for _, p := range []struct {
		name string
		max  int
		unit int
	}{{"minutes", maxFeedMinutes, 60}, {"seconds", maxFeedSeconds, 1}} {
		v := q.Get(p.name)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		switch {
		case err != nil || n < 0:
			errs = append(errs, invalidValue(p.name))
		case n > p.max:
			tooLong = true
		default:
			window += n * p.unit
			hasWindow = true
		}
	}
	if time.Duration(window)*time.Second > maxFeedWindow {
		tooLong = true
	}
	hasRange := false
	for key, vals := range q {
		m := filterKeyRE.FindStringSubmatch(key)
		if m == nil {
			continue
		}
		if m[1] != "status_last_updated" {
			errs = append(errs, invalidValue(key))
			continue
		}
		start, end, ok := parseLastUpdatedRange(vals[0])
		if !ok {
			errs = append(errs, invalidValue(key))
			continue
		}
		if end.Sub(start) > maxFeedWindow {
			tooLong = true
		}
		hasRange = true
		frame.from, frame.ranged = start, true
		if end.Before(frame.until) {
			frame.until = end
		}
	}
	if len(errs) > 0 {
		sort.Slice(errs, func(i, j int) bool { return errs[i].Code < errs[j].Code })
		return frame, &APIError{Status: http.StatusBadRequest, Errors: errs}
	}
	if tooLong {
		return frame, apiErr(http.StatusBadRequest, "time_frame_too_long",
			"The time frame cannot exceed seven days (10080 minutes, or 604800 seconds).")
	}
	// choice: the page names no code for a request without a time frame.
	if !hasWindow && !hasRange {
		return frame, apiErr(http.StatusBadRequest, "time_frame_required",
			"Give a time frame: minutes, seconds or filters[status_last_updated].")
	}
	if hasWindow {
		if from := now.Add(-time.Duration(window) * time.Second); from.After(frame.from) {
			frame.from = from
		}
	}
	return frame, nil
}

// parseLastUpdatedRange reads "<start>...<end>", each yyyy-MM-dd or
// yyyy-MM-dd+HH:mm:ss in MDT. A query string decodes "+" to a space, so both
// separators are accepted. choice: a date-only end means the whole day.
func parseLastUpdatedRange(v string) (start, end time.Time, ok bool) {
	a, b, found := strings.Cut(v, "...")
	if !found {
		return start, end, false
	}
	parse := func(s string, isEnd bool) (time.Time, bool) {
		s = strings.Replace(strings.TrimSpace(s), " ", "+", 1)
		if t, err := time.ParseInLocation("2006-01-02+15:04:05", s, mdt); err == nil {
			if isEnd {
				t = t.Add(time.Second)
			}
			return t, true
		}
		t, err := time.ParseInLocation("2006-01-02", s, mdt)
		if err != nil {
			return t, false
		}
		if isEnd {
			t = t.AddDate(0, 0, 1)
		}
		return t, true
	}
	start, ok1 := parse(a, false)
	end, ok2 := parse(b, true)
	if !ok1 || !ok2 || !end.After(start) {
		return start, end, false
	}
	return start, end, true
}

// statusChanges is GET /order/certificate/status-changes.
//
// choice: entries are sorted by their last change, newest first (the
// documented example lists descending order IDs); sort=order_id or
// -order_id orders them by ID instead. Paging as the order list.
func (s *Server) statusChanges(k *apiKey, q url.Values) response {
	limit, offset, errs := pageParams(q)
	sortKey := q.Get("sort")
	if sortKey != "" && sortKey != "order_id" && sortKey != "-order_id" {
		errs = append(errs, invalidValue("sort"))
	}
	if len(errs) > 0 {
		return errResp(&APIError{Status: http.StatusBadRequest, Errors: errs})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clk.now()
	frame, e := parseFeedFrame(q, now)
	if e != nil {
		return errResp(e)
	}
	s.noteExpiriesLocked()
	var sel []*feedOrder
	for i := range s.feed.tracked {
		t := &s.feed.tracked[i]
		if t.o.acct != k.acct {
			continue
		}
		if frame.ranged && !t.last().Before(frame.until) {
			continue
		}
		for _, c := range t.changes {
			if !c.At.Before(frame.from) && c.At.Before(frame.until) {
				sel = append(sel, t)
				break
			}
		}
	}
	sort.SliceStable(sel, func(i, j int) bool {
		a, b := sel[i], sel[j]
		switch sortKey {
		case "order_id":
			return a.o.ID < b.o.ID
		case "-order_id":
			return a.o.ID > b.o.ID
		}
		if !a.last().Equal(b.last()) {
			return a.last().After(b.last())
		}
		return a.o.ID > b.o.ID
	})
	out := struct {
		Orders []orderRefJSON `json:"orders,omitempty"`
		Page   pageJSON       `json:"page"`
	}{Page: pageJSON{Total: len(sel), Limit: limit, Offset: offset}}
	for _, t := range pageSlice(sel, limit, offset) {
		out.Orders = append(out.Orders, orderRefJSON{OrderID: t.o.ID, CertificateID: t.o.CertID, Status: t.o.status})
	}
	return jsonResp(http.StatusOK, out)
}

// pageParams reads limit (default and maximum 1000) and offset (>= 0).
func pageParams(q url.Values) (limit, offset int, errs []ErrorEntry) {
	limit = 1000
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			errs = append(errs, invalidValue("limit"))
		} else {
			limit = n
		}
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			errs = append(errs, invalidValue("offset"))
		} else {
			offset = n
		}
	}
	return limit, offset, errs
}

// pageSlice is the part of items that one page shows.
func pageSlice[T any](items []T, limit, offset int) []T {
	if offset > len(items) {
		offset = len(items)
	}
	return items[offset:min(offset+limit, len(items))]
}
