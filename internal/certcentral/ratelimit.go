package certcentral

import (
	"context"
	"slices"
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
	// answered, when someone waits, is closed (and cleared) when the next
	// answer arrives: a window full of requests in flight gets room only
	// then, at no time known in advance.
	answered chan struct{}
	now      func() time.Time
	onWait   func() // called each time Acquire starts to wait (tests)
}

// rateSlot is one request: in flight until done, then counted until
// end+Per.
type rateSlot struct {
	end  time.Time
	done bool
}

func newRateLimiter(windows []RateWindow) *rateLimiter {
	l := &rateLimiter{now: time.Now}
	l.tighten(windows)
	return l
}

// tighten adds windows to the limiter's, keeping for each window length the
// smaller number of requests: the clients that share a limiter get together
// the strictest limits any of them was configured with.
func (l *rateLimiter) tighten(windows []RateWindow) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, w := range windows {
		i := slices.IndexFunc(l.windows, func(x RateWindow) bool { return x.Per == w.Per })
		if i < 0 {
			l.windows = append(l.windows, w)
			l.maxPer = max(l.maxPer, w.Per)
			continue
		}
		l.windows[i].Requests = min(l.windows[i].Requests, w.Requests)
	}
}

// limiters shares one limiter per base URL and API key across every Client
// of the process: Terraform configures a provider more than once per run
// (plan, then apply) and may configure aliases with the same key, and
// CertCentral counts per key. Aliases configured with different windows
// share the limiter too, under the strictest of their windows: separate
// limiters would together let more through than either allows.
var limiters sync.Map // string -> *rateLimiter

func sharedRateLimiter(baseURL, apiKey string, windows []RateWindow) *rateLimiter {
	l, loaded := limiters.LoadOrStore(baseURL+"\x00"+apiKey, newRateLimiter(windows))
	limiter := l.(*rateLimiter) //nolint:forcetypeassert // only *rateLimiter is stored.
	if loaded {
		limiter.tighten(windows)
	}
	return limiter
}

// Acquire blocks until a request may start under every window and returns
// the function to call once its answer arrived (or it failed). It waits
// until the first counted request leaves a full window, or, when a window
// is full of requests still in flight, until an answer arrives.
func (l *rateLimiter) Acquire(ctx context.Context) (release func(), err error) {
	if l == nil {
		return func() {}, nil
	}
	for {
		slot, delay, answered := l.reserve()
		if slot != nil {
			return func() { l.finish(slot) }, nil
		}
		if l.onWait != nil {
			l.onWait()
		}
		var timer *time.Timer
		var expired <-chan time.Time
		if delay > 0 {
			timer = time.NewTimer(delay)
			expired = timer.C
		}
		select {
		case <-ctx.Done():
		case <-expired:
		case <-answered:
		}
		if timer != nil {
			timer.Stop()
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
}

// reserve records a new in-flight request and returns it when every window
// has room. Otherwise it returns nil, how long until a counted request
// leaves the fullest window (0 when only an answer can make room), and a
// channel closed when the next answer arrives.
func (l *rateLimiter) reserve() (*rateSlot, time.Duration, <-chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.windows) == 0 {
		return &rateSlot{}, 0, nil // no limit: nothing to record
	}
	now := l.now()
	l.prune(now)
	refused := false
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
		refused = true
		if !earliest.IsZero() {
			wait = max(wait, earliest.Add(w.Per).Sub(now), time.Nanosecond)
		}
	}
	if refused {
		if l.answered == nil {
			l.answered = make(chan struct{})
		}
		return nil, wait, l.answered
	}
	s := &rateSlot{}
	l.slots = append(l.slots, s)
	return s, 0, nil
}

func (l *rateLimiter) finish(s *rateSlot) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s.end, s.done = l.now(), true
	if l.answered != nil {
		close(l.answered)
		l.answered = nil
	}
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
