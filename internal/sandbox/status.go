package sandbox

import "time"

// setStatus is the one place where an order's status changes, so that
// everything that follows status changes (the time of the last change, a
// status-changes feed) hooks in here.
func (o *order) setStatus(status string, now time.Time) {
	if o.status == status {
		return
	}
	o.status = status
	o.statusChanged = now
}
