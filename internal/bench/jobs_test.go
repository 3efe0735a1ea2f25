package bench

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// A job is a measurement that makes no timed API call and wants an idle
// machine: plan -refresh=false and the Go benchmarks. Jobs
// run while a refresh of more than 1000 orders waits for CertCentral's
// 3-minute window (runLargeRefresh), or at the end (runRemaining).
type job struct {
	name string
	// priority orders the jobs left for the end, lowest first; when the
	// time budget runs out, the rest is skipped.
	priority int
	// class names what is measured, so that the next job of the same class
	// can expect the time this one took.
	class  string
	expect func() time.Duration // nil: never in a gap
	// run returns ctx's error when it was interrupted: the job is then
	// queued again and its figure discarded.
	run func(ctx context.Context, t *testing.T) error
	// ws is the working directory the job uses: it cannot run while another
	// command holds that directory's state.
	ws *Workspace
}

type jobQueue struct {
	jobs []job
	took map[string]time.Duration
}

func (q *jobQueue) add(j job) { q.jobs = append(q.jobs, j) }

// fitting takes the longest job expected to end within left that does not
// use busy.
func (q *jobQueue) fitting(left time.Duration, busy *Workspace) (job, bool) {
	best, bestExp := -1, time.Duration(0)
	for i, j := range q.jobs {
		if j.expect == nil || (busy != nil && j.ws == busy) {
			continue
		}
		if exp := j.expect(); exp < left && exp > bestExp {
			best, bestExp = i, exp
		}
	}
	if best < 0 {
		return job{}, false
	}
	j := q.jobs[best]
	q.jobs = slices.Delete(q.jobs, best, best+1)
	return j, true
}

// runJob runs j as a subtest within ctx. It returns false when ctx ended
// first (the job was put back in the queue).
func (b *bench) runJob(ctx context.Context, t *testing.T, j job) bool {
	interrupted := false
	start := time.Now()
	ok := t.Run(strings.NewReplacer(" ", "_", ",", "").Replace(j.name), func(t *testing.T) {
		err := j.run(ctx, t)
		switch {
		case err == nil:
		case ctx.Err() != nil:
			interrupted = true
			t.Logf("%s did not finish in time (%v): queued again", j.name, err)
		default:
			t.Error(err)
		}
	})
	if interrupted {
		// It takes longer than it had: expect more next time.
		b.queue.took[j.class] = max(b.queue.took[j.class], time.Since(start)*3/2)
		b.queue.add(j)
		return false
	}
	if !ok {
		b.rep.Failures = append(b.rep.Failures, j.name+" failed; see the test log")
		return true
	}
	b.queue.took[j.class] = time.Since(start)
	return true
}

// runRemaining runs what no gap took, by priority, within the time budget.
func (b *bench) runRemaining(t *testing.T) {
	slices.SortStableFunc(b.queue.jobs, func(x, y job) int { return x.priority - y.priority })
	for len(b.queue.jobs) > 0 {
		j := b.queue.jobs[0]
		b.queue.jobs = b.queue.jobs[1:]
		left := b.cfg.budget - time.Since(b.start)
		if j.expect != nil {
			if exp := j.expect(); exp > left {
				b.rep.Skipped = append(b.rep.Skipped, fmt.Sprintf("%s (expected %s, %s left of the %s budget)", j.name, exp.Round(time.Second), left.Round(time.Second), b.cfg.budget))
				t.Logf("skipped %s: expected %s, %s left", j.name, exp.Round(time.Second), left.Round(time.Second))
				continue
			}
		}
		ctx, cancel := b.ctx(15 * time.Minute)
		b.runJob(ctx, t, j)
		cancel()
	}
}

// runLargeRefresh runs a refresh whose calls need more than one 3-minute
// window. Once it has made its first 1000 calls it can only wait, about
// 2 minutes, for the first of them to leave the window: the CLI, the
// provider and the sandbox are idle. Queued jobs run in that gap when they
// are expected to end before it does; a job still running 3 seconds before
// the gap ends is interrupted and queued again, and the request count
// proves afterwards that the refresh made no call while a job ran.
func (b *bench) runLargeRefresh(t *testing.T, set *refreshSet, accountKey, account string) {
	window := CertCentralWindows[len(CertCentralWindows)-1]
	for run := range b.runsFor(set.n) {
		for i, w := range set.spaces {
			mark := b.mark()
			count := func() int { return b.callsSince(mark, account).Total() }
			type outcome struct {
				res Result
				err error
			}
			done := make(chan outcome, 1)
			ctx, cancel := b.ctx(20 * time.Minute)
			key, err := b.s.AddAPIKey(accountKey, false)
			if err != nil {
				t.Fatal(err)
			}
			w.Env["DIGICERT_API_KEY"] = key
			go func() {
				res, err := w.Run(ctx, []int{0}, "plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan")
				done <- outcome{res, err}
			}()
			out, first, gapStart := waitForGap(done, count, window.Requests)
			if out == nil && !gapStart.IsZero() {
				// The client starts call 1001 no earlier than the answer to
				// call 1 plus the window; the first call was seen (counted
				// at its answer) no earlier than first.
				gapEnd := first.Add(window.Per)
				for {
					j, ok := b.queue.fitting(time.Until(gapEnd)-8*time.Second, w)
					if !ok {
						break
					}
					before := count()
					jctx, jcancel := context.WithDeadline(context.Background(), gapEnd.Add(-3*time.Second))
					finished := b.runJob(jctx, t, j)
					jcancel()
					if after := count(); after != before {
						t.Errorf("%s ran while the refresh made %d calls", j.name, after-before)
						b.rep.Failures = append(b.rep.Failures, j.name+" overlapped a refresh")
					}
					if !finished {
						break
					}
				}
				t.Logf("idle gap of the %s N=%d refresh: began %s after its first call, %s left unused",
					w.CLI.Kind, set.n, gapStart.Sub(first).Round(time.Second), max(time.Until(gapEnd), 0).Round(time.Second))
			}
			if out == nil {
				o := <-done
				out = &o
			}
			cancel()
			if out.err != nil {
				t.Fatalf("%v\n(exit code 2 means the plan has changes: the state does not match the orders)", out.err)
			}
			b.recordRefresh(t, set.rows[i], w, out.res, b.callsSince(mark, account), run)
		}
	}
}

// waitForGap watches a running refresh until it has made windowRequests
// calls and made none for 2 seconds (gapStart), or ended (out). first is
// when its first call was seen.
func waitForGap[T any](done <-chan T, count func() int, windowRequests int) (out *T, first, gapStart time.Time) {
	last, lastChange := 0, time.Now()
	for {
		select {
		case o := <-done:
			return &o, first, time.Time{}
		case <-time.After(100 * time.Millisecond):
		}
		c := count()
		if c > 0 && first.IsZero() {
			first = time.Now().Add(-100 * time.Millisecond)
		}
		if c != last {
			last, lastChange = c, time.Now()
		}
		if c >= windowRequests && time.Since(lastChange) > 2*time.Second {
			return nil, first, time.Now()
		}
	}
}
