package bench

import (
	"fmt"
	"slices"
	"time"
)

// Sample is the values of one figure over repeated runs.
type Sample []float64

// Median is the middle value (the mean of the two middle ones for an even
// count); 0 for an empty sample.
func (s Sample) Median() float64 {
	if len(s) == 0 {
		return 0
	}
	c := slices.Clone(s)
	slices.Sort(c)
	m := len(c) / 2
	if len(c)%2 == 1 {
		return c[m]
	}
	return (c[m-1] + c[m]) / 2
}

// Min is the smallest value; 0 for an empty sample.
func (s Sample) Min() float64 {
	if len(s) == 0 {
		return 0
	}
	return slices.Min(s)
}

// Max is the largest value; 0 for an empty sample.
func (s Sample) Max() float64 {
	if len(s) == 0 {
		return 0
	}
	return slices.Max(s)
}

// Durations is a sample of durations, kept in seconds.
func Durations(ds ...time.Duration) Sample {
	out := make(Sample, len(ds))
	for i, d := range ds {
		out[i] = d.Seconds()
	}
	return out
}

// Spread formats "median (min–max)" with format applied to each, or just
// the value when there was a single run.
func (s Sample) Spread(format func(float64) string) string {
	switch len(s) {
	case 0:
		return "–"
	case 1:
		return format(s[0])
	}
	return fmt.Sprintf("%s (%s–%s)", format(s.Median()), format(s.Min()), format(s.Max()))
}

// Seconds formats seconds with a precision that suits their size.
func Seconds(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f s", v)
	case v >= 10:
		return fmt.Sprintf("%.1f s", v)
	case v >= 1:
		return fmt.Sprintf("%.2f s", v)
	}
	return fmt.Sprintf("%.0f ms", v*1000)
}

// Ratio formats a ratio such as 1.07×.
func Ratio(v float64) string { return fmt.Sprintf("%.2f×", v) }

func fmtDur(d time.Duration) string { return Seconds(d.Seconds()) }
