package bench

import (
	"testing"
	"time"
)

func TestLastArrival(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want time.Duration
	}{
		{1, 0},
		{100, 0},                  // one burst fits the 5-second window
		{101, 5 * time.Second},    // the 101st waits for the first to leave it
		{500, 20 * time.Second},   // five bursts, 5 s apart
		{1000, 45 * time.Second},  // ten bursts: the 3-minute window is full
		{1001, 180 * time.Second}, // the 1001st waits for the first to leave the 3-minute window
		{2000, 225 * time.Second}, // then ten more bursts
		{2001, 360 * time.Second}, // the third thousand starts 3 minutes after the second
		{3000, 405 * time.Second},
	} {
		if got := LastArrival(tc.n, CertCentralWindows); got != tc.want {
			t.Errorf("LastArrival(%d) = %s, want %s", tc.n, got, tc.want)
		}
	}
}

func TestNewFloor(t *testing.T) {
	lat := 80 * time.Millisecond
	for _, tc := range []struct {
		calls         int
		total         time.Duration
		bound         string
		latency, rate time.Duration
	}{
		{100, 800 * time.Millisecond, "latency", 800 * time.Millisecond, 80 * time.Millisecond},
		{500, 20080 * time.Millisecond, "rate limit", 4 * time.Second, 20080 * time.Millisecond},
		{2000, 225080 * time.Millisecond, "rate limit", 16 * time.Second, 225080 * time.Millisecond},
	} {
		f := NewFloor(tc.calls, lat, TerraformParallelism, CertCentralWindows)
		if f.Total() != tc.total || f.Bound() != tc.bound || f.Latency != tc.latency || f.Rate != tc.rate {
			t.Errorf("NewFloor(%d) = %+v total %s bound %s; want total %s bound %s terms %s/%s", tc.calls, f, f.Total(), f.Bound(), tc.total, tc.bound, tc.latency, tc.rate)
		}
	}
	if f := NewFloor(0, lat, 10, CertCentralWindows); f.Total() != 0 {
		t.Errorf("no calls: floor %s, want 0", f.Total())
	}
}

func TestSample(t *testing.T) {
	s := Sample{3, 1, 2, 10}
	if s.Median() != 2.5 || s.Min() != 1 || s.Max() != 10 {
		t.Errorf("median %v min %v max %v", s.Median(), s.Min(), s.Max())
	}
	if got := (Sample{1.5}).Spread(Seconds); got != "1.50 s" {
		t.Errorf("single run: %q", got)
	}
	if got := (Sample{0.5, 0.25, 0.75}).Spread(Seconds); got != "500 ms (250 ms–750 ms)" {
		t.Errorf("three runs: %q", got)
	}
}
