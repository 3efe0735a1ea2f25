package provider

import (
	"fmt"
	"time"
)

// checkServerClock refuses an answer of the status-changes feed when the
// server's clock (the Date of its answer) and the provider's differ by more
// than feedSlack. The feed counts its frame back from the server's time and
// the last full reads are on the provider's, so such an answer can miss
// changes, and state kept from it would count days_remaining on the wrong
// clock: a sandbox whose clock was moved to try renewals, or a host whose
// clock is off. Every order is then read in full, which is always right.
func (f *changeFeed) checkServerClock() error {
	server, ok := f.client.ServerTime()
	if !ok {
		return nil
	}
	if skew := server.Sub(f.now()); skew.Abs() > feedSlack {
		return fmt.Errorf("the server's clock (%s) and the provider's (%s) differ by %s, more than the feed's slack of %s",
			server.UTC().Format(time.RFC3339), f.now().UTC().Format(time.RFC3339), skew.Round(time.Second), feedSlack)
	}
	return nil
}
