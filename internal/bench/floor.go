package bench

import (
	"fmt"
	"time"
)

// Window is one of CertCentral's rolling rate-limit windows per API key.
type Window struct {
	Requests int
	Per      time.Duration
}

// CertCentralWindows are the published limits (CERTCENTRAL.md, Rate limits):
// 100 requests per 5 seconds and 1000 per 3 minutes, per API key.
var CertCentralWindows = []Window{{Requests: 100, Per: 5 * time.Second}, {Requests: 1000, Per: 3 * time.Minute}}

// TerraformParallelism is the default -parallelism of Terraform and OpenTofu.
const TerraformParallelism = 10

// Floor is the least wall time a run of Calls sequential-per-resource API
// calls can take, and the two terms it is the larger of.
type Floor struct {
	Calls int
	// Latency is Calls × latency ÷ parallelism: the time the calls take with
	// Terraform's parallelism and no limit at all.
	Latency time.Duration
	// Rate is what the rate limits allow: the earliest instant the last call
	// can reach CertCentral when every earlier one went as early as the
	// windows let it, plus one latency for its answer.
	Rate time.Duration
}

// Total is the floor: the larger term.
func (f Floor) Total() time.Duration { return max(f.Latency, f.Rate) }

// Bound names the term that sets the floor.
func (f Floor) Bound() string {
	if f.Rate > f.Latency {
		return "rate limit"
	}
	return "latency"
}

func (f Floor) String() string {
	return fmt.Sprintf("%s (latency term %s, rate term %s)", fmtDur(f.Total()), fmtDur(f.Latency), fmtDur(f.Rate))
}

// NewFloor is the floor of calls strictly needed API calls, each taking
// latency, issued with the given parallelism under windows.
func NewFloor(calls int, latency time.Duration, parallelism int, windows []Window) Floor {
	f := Floor{Calls: calls}
	if calls <= 0 {
		return f
	}
	if parallelism < 1 {
		parallelism = 1
	}
	f.Latency = time.Duration(calls) * latency / time.Duration(parallelism)
	f.Rate = LastArrival(calls, windows) + latency
	return f
}

// LastArrival is the earliest time, from the first call's arrival, at which
// call number n (1-based) can arrive at a server that counts arrivals in
// rolling windows: arrival j may come no earlier than arrival j-R plus Per,
// for every window. The server accepts a request when fewer than Requests
// arrived in the Per before it, so the bound is reached exactly.
func LastArrival(n int, windows []Window) time.Duration {
	if n <= 1 {
		return 0
	}
	at := make([]time.Duration, n)
	for j := 1; j < n; j++ {
		t := at[j-1]
		for _, w := range windows {
			if w.Requests > 0 && j >= w.Requests {
				t = max(t, at[j-w.Requests]+w.Per)
			}
		}
		at[j] = t
	}
	return at[n-1]
}
