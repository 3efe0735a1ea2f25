package certcentral

import (
	"net/http"
	"sync"
	"time"
)

// serverClock keeps the Date header of the latest answer and when it came,
// so a caller can compare the server's clock with its own.
type serverClock struct {
	mu   sync.Mutex
	date time.Time // the server's Date
	at   time.Time // local wall time when it came
}

func (c *serverClock) note(header string) {
	d, err := http.ParseTime(header)
	if err != nil {
		return
	}
	c.mu.Lock()
	c.date, c.at = d, time.Now()
	c.mu.Unlock()
}

// ServerTime is the server's time now, by the Date header of its latest
// answer plus the time since it came; false before any dated answer. Date
// has whole seconds, so it may lag by up to one.
func (cl *Client) ServerTime() (time.Time, bool) {
	cl.serverDate.mu.Lock()
	defer cl.serverDate.mu.Unlock()
	if cl.serverDate.date.IsZero() {
		return time.Time{}, false
	}
	return cl.serverDate.date.Add(time.Since(cl.serverDate.at)), true
}
