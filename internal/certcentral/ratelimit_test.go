package certcentral

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestRateLimit_burstStaysUnderEveryWindow sends a burst of requests from
// many goroutines through one Client and checks, from the arrival times the
// server recorded, that no sliding window ever held more than its limit.
func TestRateLimit_burstStaysUnderEveryWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("takes about 3 s")
	}
	// CertCentral's windows scaled down. Both bind: the short one lets 40
	// through every 100 ms or so, which alone would put 400 in the first
	// second; the long one stops them at 100.
	windows := []RateWindow{{Requests: 40, Per: 100 * time.Millisecond}, {Requests: 100, Per: time.Second}}
	const total, workers = 250, 20

	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusOK, orderBody)
	})
	cl := newTestClient(t, srv.URL, func(c *Config) { c.RateWindows = windows })

	jobs := make(chan int)
	var wg sync.WaitGroup
	errs := make(chan error, total)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				if _, err := cl.GetOrder(context.Background(), int64(id)); err != nil {
					errs <- err
				}
			}
		}()
	}
	start := time.Now()
	for i := range total {
		jobs <- i + 1
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	for err := range errs {
		t.Errorf("GetOrder: %v", err)
	}

	arrivals := srv.arrivals()
	if len(arrivals) != total {
		t.Fatalf("server saw %d requests, want %d", len(arrivals), total)
	}
	slices.SortFunc(arrivals, func(a, b time.Time) int { return a.Compare(b) })
	for _, w := range windows {
		if i, j, ok := windowViolation(arrivals, w); !ok {
			t.Errorf("%d requests arrived within %v (requests #%d to #%d), limit is %d per %v",
				j-i+1, arrivals[j].Sub(arrivals[i]), i+1, j+1, w.Requests, w.Per)
		}
	}
	// The limiter did hold requests back: without it 250 requests take
	// milliseconds. 250 at 100 per (1 s + margin) need at least 2 windows.
	if elapsed < 2*time.Second {
		t.Errorf("the burst took %v; the long window alone needs over 2 s", elapsed)
	}
	t.Logf("%d requests in %v", total, elapsed)
}

// windowViolation finds w.Requests+1 sorted times within one w.Per.
func windowViolation(times []time.Time, w RateWindow) (int, int, bool) {
	for i := 0; i+w.Requests < len(times); i++ {
		j := i + w.Requests
		if times[j].Sub(times[i]) < w.Per {
			return i, j, false
		}
	}
	return 0, 0, true
}

func TestWindowViolation_detects(t *testing.T) {
	base := time.Now()
	times := []time.Time{base, base.Add(10 * time.Millisecond), base.Add(20 * time.Millisecond), base.Add(200 * time.Millisecond)}
	if _, _, ok := windowViolation(times, RateWindow{Requests: 2, Per: 100 * time.Millisecond}); ok {
		t.Error("3 requests within 20 ms pass a 2 per 100 ms check")
	}
	if _, _, ok := windowViolation(times, RateWindow{Requests: 3, Per: 100 * time.Millisecond}); !ok {
		t.Error("3 requests per 100 ms flagged under a 3 per 100 ms limit")
	}
}

// fakeClock is a clock tests move by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newFakeLimiter(windows ...RateWindow) (*rateLimiter, *fakeClock) {
	clock := &fakeClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	l := newRateLimiter(windows)
	l.now = clock.now
	return l, clock
}

// grant reserves a start and finishes it at once (an instant answer),
// failing when the limiter refuses.
func grant(t testing.TB, l *rateLimiter) *rateSlot {
	t.Helper()
	s, d, _ := l.reserve()
	if s == nil {
		t.Fatalf("reserve refused a start (wait %v)", d)
	}
	l.finish(s)
	return s
}

func TestRateLimiter_singleWindow(t *testing.T) {
	l, clock := newFakeLimiter(RateWindow{Requests: 3, Per: time.Second})
	for range 3 {
		grant(t, l)
		clock.advance(100 * time.Millisecond)
	}
	// t = 300 ms; the first answer (t = 0) leaves the window at 1 s.
	want := 700 * time.Millisecond
	if s, d, _ := l.reserve(); s != nil || d != want {
		t.Fatalf("4th request: slot %v, wait %v; want a wait of %v", s, d, want)
	}
	clock.advance(want - time.Nanosecond)
	if s, d, _ := l.reserve(); s != nil || d != time.Nanosecond {
		t.Fatalf("one ns early: slot %v, wait %v; want a wait of 1ns", s, d)
	}
	clock.advance(time.Nanosecond)
	grant(t, l)
	// A refused reserve records nothing: the next wait is set by the 2nd answer.
	if _, d, _ := l.reserve(); d != 100*time.Millisecond {
		t.Fatalf("5th request waits %v, want 100ms", d)
	}
}

// A request counts from its start until Per after its answer: a slow
// answer keeps the window full for longer.
func TestRateLimiter_countsUntilTheAnswer(t *testing.T) {
	l, clock := newFakeLimiter(RateWindow{Requests: 2, Per: time.Second})
	a, _, _ := l.reserve()
	b, _, _ := l.reserve()
	if a == nil || b == nil {
		t.Fatal("the first two starts were refused")
	}
	clock.advance(10 * time.Second)
	if s, d, answered := l.reserve(); s != nil || d != 0 || answered == nil {
		t.Fatalf("with two requests in flight for 10 s: slot %v, wait %v, answer signal %v; want to wait for an answer", s, d, answered)
	}
	l.finish(a)
	clock.advance(400 * time.Millisecond)
	if _, d, _ := l.reserve(); d != 600*time.Millisecond {
		t.Fatalf("400 ms after an answer the wait is %v, want 600ms", d)
	}
	clock.advance(600 * time.Millisecond)
	if s, _, _ := l.reserve(); s == nil {
		t.Fatal("one window after the answer the start is still refused")
	}
}

func TestRateLimiter_everyWindowMustHaveRoom(t *testing.T) {
	l, clock := newFakeLimiter(RateWindow{Requests: 2, Per: time.Second}, RateWindow{Requests: 3, Per: 10 * time.Second})
	t0 := clock.t
	var granted []time.Duration
	for range 5 {
		for {
			s, d, _ := l.reserve()
			if s != nil {
				l.finish(s)
				break
			}
			clock.advance(d)
		}
		granted = append(granted, clock.t.Sub(t0))
	}
	// Two at once (short window), the third one short window later, the
	// fourth once the first left the long window, the fifth with it (the
	// second left at the same instant).
	want := []time.Duration{0, 0, time.Second, 10 * time.Second, 10 * time.Second}
	if !reflect.DeepEqual(granted, want) {
		t.Errorf("starts granted at %v, want %v", granted, want)
	}
}

func TestRateLimiter_memoryIsBounded(t *testing.T) {
	l, clock := newFakeLimiter(RateWindow{Requests: 5, Per: time.Second}, RateWindow{Requests: 50, Per: time.Minute})
	for range 10_000 {
		if s, _, _ := l.reserve(); s != nil {
			l.finish(s)
			clock.advance(2 * time.Second)
		} else {
			clock.advance(time.Minute)
		}
	}
	if n := len(l.slots); n > 50 {
		t.Errorf("limiter keeps %d requests, want at most 50", n)
	}
}

func TestRateLimiter_offAndNil(t *testing.T) {
	var nilLimiter *rateLimiter
	if _, err := nilLimiter.Acquire(context.Background()); err != nil {
		t.Errorf("nil limiter: %v", err)
	}
	off := newRateLimiter([]RateWindow{})
	for range 10_000 {
		release, err := off.Acquire(context.Background())
		if err != nil {
			t.Fatalf("disabled limiter: %v", err)
		}
		release()
	}
}

func TestRateLimiter_acquireHonoursContext(t *testing.T) {
	l := newRateLimiter([]RateWindow{{Requests: 1, Per: time.Hour}})
	release, err := l.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	release()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = l.Acquire(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Acquire = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Acquire returned %v after a 30 ms deadline", d)
	}
}

// A waiter behind a window full of requests in flight starts as soon as an
// answer makes room, woken by that answer.
func TestRateLimiter_answerWakesWaiter(t *testing.T) {
	l := newRateLimiter([]RateWindow{{Requests: 1, Per: time.Nanosecond}})
	waiting := make(chan struct{}, 1)
	l.onWait = func() {
		select {
		case waiting <- struct{}{}:
		default:
		}
	}
	releaseFirst, err := l.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	second := make(chan error, 1)
	go func() {
		release, err := l.Acquire(ctx)
		if err == nil {
			release()
		}
		second <- err
	}()
	<-waiting // the second request waits behind the first, in flight
	releaseFirst()
	if err := <-second; err != nil {
		t.Fatalf("the second Acquire, after the first answer: %v", err)
	}
}

// Clients of one key and base URL share a limiter (Terraform configures a
// provider more than once per run, and aliases may use one key), under the
// strictest windows any of them was given; other keys do not share it.
func TestNew_rateLimiterSharedPerKey(t *testing.T) {
	strict, err := New(Config{APIKey: "strictest-windows-test", BaseURL: "https://example.com/services/v2",
		RateWindows: []RateWindow{{Requests: 10, Per: 5 * time.Second}, {Requests: 1000, Per: 3 * time.Minute}}})
	if err != nil {
		t.Fatal(err)
	}
	other, err := New(Config{APIKey: "strictest-windows-test", BaseURL: "https://example.com/services/v2",
		RateWindows: []RateWindow{{Requests: 100, Per: 5 * time.Second}, {Requests: 500, Per: 3 * time.Minute}}})
	if err != nil {
		t.Fatal(err)
	}
	if strict.limiter != other.limiter {
		t.Fatal("two clients of one key with different windows have separate limiters")
	}
	want := []RateWindow{{Requests: 10, Per: 5 * time.Second}, {Requests: 500, Per: 3 * time.Minute}}
	if !reflect.DeepEqual(strict.limiter.windows, want) {
		t.Errorf("shared windows = %v, want the strictest of both, %v", strict.limiter.windows, want)
	}
	a, _ := New(Config{APIKey: "shared-key-test", BaseURL: "https://example.com/services/v2"})
	b, _ := New(Config{APIKey: "shared-key-test", BaseURL: "https://example.com/services/v2"})
	c, _ := New(Config{APIKey: "other-key-test", BaseURL: "https://example.com/services/v2"})
	if a.limiter != b.limiter {
		t.Error("two clients of one key have separate limiters")
	}
	if a.limiter == c.limiter {
		t.Error("clients of different keys share a limiter")
	}
}

func TestNew_rateWindowDefaults(t *testing.T) {
	cl, err := New(Config{APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cl.limiter.windows, DefaultRateWindows) {
		t.Errorf("default windows = %v, want %v", cl.limiter.windows, DefaultRateWindows)
	}
	want := []RateWindow{{Requests: 100, Per: 5 * time.Second}, {Requests: 1000, Per: 3 * time.Minute}}
	if !reflect.DeepEqual(DefaultRateWindows, want) {
		t.Errorf("DefaultRateWindows = %v, want CertCentral's published %v", DefaultRateWindows, want)
	}
	off, err := New(Config{APIKey: "no-limit-test", RateWindows: []RateWindow{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(off.limiter.windows) != 0 {
		t.Errorf("RateWindows: []RateWindow{} left windows %v", off.limiter.windows)
	}
}

func BenchmarkRateLimiterReserve(b *testing.B) {
	l, clock := newFakeLimiter(DefaultRateWindows...)
	// 200 ms apart: always under both default windows, so every call records
	// a request and the log stays full at 900 entries.
	b.ReportAllocs()
	for b.Loop() {
		grant(b, l)
		clock.advance(200 * time.Millisecond)
	}
}
