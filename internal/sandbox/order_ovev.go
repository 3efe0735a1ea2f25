package sandbox

import "time"

// issueReadyLocked issues the OV and EV orders (and reissues) that wait
// only for organization or domain validation and are now ready.
func (s *Server) issueReadyLocked(now time.Time) {}
