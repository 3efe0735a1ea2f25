package certcentral

import (
	"context"
	"sync"
	"time"
)

// RateWindow is one rolling window of CertCentral's per-key rate limit.
type RateWindow struct {
	Requests int
	Per      time.Duration
}

// DefaultRateWindows are CertCentral's published limits per API key: 100
// requests per 5 seconds and 1000 per 3 minutes (API-NOTES).
var DefaultRateWindows = []RateWindow{
	{Requests: 100, Per: 5 * time.Second},
	{Requests: 1000, Per: 3 * time.Minute},
}

// windowMargin widens every window on our side: the server measures arrival
// times, we measure send times, and network jitter can move two requests
// closer together on arrival than they were when sent.
const windowMargin = 250 * time.Millisecond

// rateLimiter is a sliding-window log over several windows: a request may
// start only when every window has room. CertCentral counts rolling windows
// (not token buckets), so a log of start times is the faithful model; its
// memory is bounded by the largest window's request count.
type rateLimiter struct {
	mu      sync.Mutex
	windows []RateWindow
	starts  []time.Time // ring of the most recent starts, oldest first
	now     func() time.Time
}

func newRateLimiter(windows []RateWindow) *rateLimiter {
	return &rateLimiter{windows: windows, now: time.Now}
}

// Wait blocks until a request may start under every window, then records it.
func (l *rateLimiter) Wait(ctx context.Context) error {
	if l == nil || len(l.windows) == 0 {
		return nil
	}
	for {
		delay := l.reserve()
		if delay <= 0 {
			return nil
		}
		timer := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-timer.C:
		}
	}
}

// reserve records a start and returns 0 when every window has room, or
// returns how long to wait before trying again.
func (l *rateLimiter) reserve() time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	var wait time.Duration
	maxKeep := 0
	for _, w := range l.windows {
		if w.Requests > maxKeep {
			maxKeep = w.Requests
		}
		if len(l.starts) < w.Requests {
			continue
		}
		// The start that must leave the window before another may begin.
		oldest := l.starts[len(l.starts)-w.Requests]
		if until := oldest.Add(w.Per + windowMargin).Sub(now); until > wait {
			wait = until
		}
	}
	if wait > 0 {
		return wait
	}
	l.starts = append(l.starts, now)
	if len(l.starts) > maxKeep {
		l.starts = append(l.starts[:0], l.starts[len(l.starts)-maxKeep:]...)
	}
	return 0
}
