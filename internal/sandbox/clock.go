package sandbox

import (
	"time"
)

// clock is the sandbox clock: base at wall instant start, then following wall
// time unless frozen.
type clock struct {
	base   time.Time
	start  time.Time
	frozen bool
}

func (c *clock) now() time.Time {
	if c.frozen {
		return c.base
	}
	return c.base.Add(time.Since(c.start))
}

// Now is the sandbox clock.
func (s *Server) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clk.now()
}

// SetNow moves the sandbox clock to t (it keeps running from there unless
// Options.FrozenClock).
func (s *Server) SetNow(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.noteStatusChangesLocked() // changes so far happened before the jump
	s.clk.base = t.UTC()
	s.clk.start = time.Now()
}

// Advance moves the sandbox clock forward by d.
func (s *Server) Advance(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.noteStatusChangesLocked() // changes so far happened before the jump
	s.clk.base = s.clk.base.Add(d)
}
