package sandbox

import (
	"sort"
	"time"
)

// limiter keeps, per API key, the wall-clock times of accepted requests and
// refuses a request when any rolling window is full. Wall time, not the
// sandbox clock: clients really wait between retries.
//
// choice: a refused (429) request does not count toward the windows, since
// "a 429 means the request was not processed".
type limiter struct {
	windows []Window
	maxPer  time.Duration
	hits    map[string][]time.Time
}

func newLimiter(windows []Window) *limiter {
	l := &limiter{hits: map[string][]time.Time{}}
	l.set(windows)
	return l
}

func (l *limiter) set(windows []Window) {
	l.windows = append([]Window(nil), windows...)
	l.maxPer = 0
	for _, w := range l.windows {
		if w.Per > l.maxPer {
			l.maxPer = w.Per
		}
	}
	l.hits = map[string][]time.Time{}
}

func (l *limiter) allow(key string, now time.Time) bool {
	if len(l.windows) == 0 {
		return true
	}
	h := l.hits[key]
	// Drop what no window can see any more.
	cut := sort.Search(len(h), func(i int) bool { return now.Sub(h[i]) < l.maxPer })
	h = h[cut:]
	for _, w := range l.windows {
		if w.Requests <= 0 || w.Per <= 0 {
			continue
		}
		i := sort.Search(len(h), func(i int) bool { return now.Sub(h[i]) < w.Per })
		if len(h)-i >= w.Requests {
			l.hits[key] = h
			return false
		}
	}
	l.hits[key] = append(h, now)
	return true
}

// SetRateLimits replaces the rate-limit windows (nil = documented defaults,
// empty = off) and forgets past requests.
func (s *Server) SetRateLimits(windows []Window) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if windows == nil {
		windows = DefaultRateLimits
	}
	s.limiter.set(windows)
}

// RateLimited is the number of 429 answers so far (real limiter and injected).
func (s *Server) RateLimited() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rateHits
}
