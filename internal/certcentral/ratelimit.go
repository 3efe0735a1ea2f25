package certcentral

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// RateWindow is one rolling window of CertCentral's per-key rate limit.
type RateWindow struct {
	Requests int
	Per      time.Duration
}

// DefaultRateWindows are CertCentral's published limits per API key: 100
// requests per 5 seconds and 1000 per 3 minutes (CERTCENTRAL.md, Rate
// limits).
var DefaultRateWindows = []RateWindow{
	{Requests: 100, Per: 5 * time.Second},
	{Requests: 1000, Per: 3 * time.Minute},
}

// inFlightPoll is how often a limiter whose window is full of requests
// still in flight looks again.
const inFlightPoll = 5 * time.Millisecond

// rateLimiter keeps every request of a window in a log and lets a new one
// start only when each window has room. A request counts from the moment it
// is allowed to start until Per after its answer arrived: the server counts
// arrivals, and an arrival always lies between those two instants, so no
// window the server measures can hold more requests than the limiter let
// through, whatever the network delays. (Counting from the start instead
// lets a slow request and a fast one arrive closer together than they left.)
type rateLimiter struct {
	mu      sync.Mutex
	windows []RateWindow
	maxPer  time.Duration
	slots   []*rateSlot
	now     func() time.Time
}

// rateSlot is one request: in flight until done, then counted until
// end+Per.
type rateSlot struct {
	end  time.Time
	done bool
}

func newRateLimiter(windows []RateWindow) *rateLimiter {
	l := &rateLimiter{windows: windows, now: time.Now}
	for _, w := range windows {
		l.maxPer = max(l.maxPer, w.Per)
	}
	return l
}

// limiters shares one limiter per API key, base URL and windows across every
// Client of the process: Terraform configures a provider more than once per
// run (plan, then apply) and may configure aliases with the same key, and
// CertCentral counts per key.
var limiters sync.Map // string -> *rateLimiter

func sharedRateLimiter(baseURL, apiKey string, windows []RateWindow) *rateLimiter {
	key := fmt.Sprintf("%s\x00%s\x00%v", baseURL, apiKey, windows)
	l, _ := limiters.LoadOrStore(key, newRateLimiter(windows))
	return l.(*rateLimiter) //nolint:forcetypeassert // only *rateLimiter is stored.
}

// Acquire blocks until a request may start under every window and returns
// the function to call once its answer arrived (or it failed).
func (l *rateLimiter) Acquire(ctx context.Context) (release func(), err error) {
	if l == nil || len(l.windows) == 0 {
		return func() {}, nil
	}
	for {
		slot, delay := l.reserve()
		if slot != nil {
			return func() { l.finish(slot) }, nil
		}
		timer := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, ctx.Err()
		case <-timer.C:
		}
	}
}

// reserve records a new in-flight request and returns it when every window
// has room; otherwise it returns nil and how long to wait before trying
// again.
func (l *rateLimiter) reserve() (*rateSlot, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.prune(now)
	var wait time.Duration
	for _, w := range l.windows {
		count := 0
		var earliest time.Time // the first finished slot to leave the window
		for _, s := range l.slots {
			if !s.done {
				count++
				continue
			}
			if now.Sub(s.end) < w.Per {
				count++
				if earliest.IsZero() || s.end.Before(earliest) {
					earliest = s.end
				}
			}
		}
		if count < w.Requests {
			continue
		}
		d := inFlightPoll
		if !earliest.IsZero() {
			d = max(earliest.Add(w.Per).Sub(now), time.Nanosecond)
		}
		wait = max(wait, d)
	}
	if wait > 0 {
		return nil, wait
	}
	s := &rateSlot{}
	l.slots = append(l.slots, s)
	return s, 0
}

func (l *rateLimiter) finish(s *rateSlot) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s.end, s.done = l.now(), true
}

// prune forgets requests that left every window.
func (l *rateLimiter) prune(now time.Time) {
	kept := l.slots[:0]
	for _, s := range l.slots {
		if !s.done || now.Sub(s.end) < l.maxPer {
			kept = append(kept, s)
		}
	}
	clear(l.slots[len(kept):])
	l.slots = kept
}
