package sandbox

import "time"

// setStatus is the one place where an order's status changes; it records
// when the status last changed (Order.StatusChanged).
func (o *order) setStatus(status string, now time.Time) {
	if o.status == status {
		return
	}
	o.status = status
	o.statusChanged = now
}
