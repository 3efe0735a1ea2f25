package sandbox

import (
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestStatusChangesRecordsEveryTransition(t *testing.T) {
	s := newTestServer(t, Options{})
	t0 := s.Now()
	id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
	s.Advance(time.Minute)
	if err := s.ApproveEmailDCV(id); err != nil {
		t.Fatal(err)
	}
	issued, _ := s.Order(id)
	s.Advance(time.Minute)
	mustStatus(t, call(t, s, "PUT", "/order/certificate/"+strconv.Itoa(id)+"/revoke", s.APIKey(), `{"skip_approval":true}`), http.StatusNoContent)

	want := []StatusChange{
		{Status: StatusPending, At: t0},
		{Status: StatusIssued, At: t0.Add(time.Minute), SerialNumber: issued.SerialNumber},
		{Status: StatusRevoked, At: t0.Add(2 * time.Minute), SerialNumber: issued.SerialNumber},
	}
	if got := s.StatusChanges(id); !reflect.DeepEqual(got, want) {
		t.Fatalf("changes\n got %+v\nwant %+v", got, want)
	}
}

func TestStatusChangesExpiryAtValidTill(t *testing.T) {
	s := newTestServer(t, Options{})
	id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
	if err := s.ApproveEmailDCV(id); err != nil {
		t.Fatal(err)
	}
	o, _ := s.Order(id)
	s.SetNow(o.ValidTill.Add(72 * time.Hour))
	got := s.StatusChanges(id)
	if last := got[len(got)-1]; last.Status != StatusExpired || !last.At.Equal(o.ValidTill) {
		t.Fatalf("last change %+v, want expired at %s", last, o.ValidTill)
	}
	// Nobody read the order in between: the feed itself notices the expiry.
	r := call(t, s, "GET", "/order/certificate/status-changes?minutes=4320&seconds=60", s.APIKey(), nil)
	want := `{"orders":[{"order_id":` + strconv.Itoa(id) + `,"certificate_id":` + strconv.Itoa(o.CertificateID) + `,"status":"expired"}],"page":{"total":1,"limit":1000,"offset":0}}`
	if string(r.Body) != want {
		t.Fatalf("feed\n got %s\nwant %s", r.Body, want)
	}
}

// A reissue whose new certificate arrives within one request leaves the
// status as it was, yet the order must appear in the feed.
func TestStatusChangesRecordsNewCertificateWithSameStatus(t *testing.T) {
	s := newTestServer(t, Options{})
	id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
	if err := s.ApproveEmailDCV(id); err != nil {
		t.Fatal(err)
	}
	before := len(s.StatusChanges(id))
	s.Advance(time.Hour)
	s.mu.Lock()
	o := s.orders[id]
	o.status = StatusReissuePending
	if err := s.issueLocked(o, s.clk.now()); err != nil {
		s.mu.Unlock()
		t.Fatal(err)
	}
	s.mu.Unlock()
	got := s.StatusChanges(id)
	if len(got) != before+1 || got[before].Status != StatusIssued || got[before].SerialNumber == got[before-1].SerialNumber {
		t.Fatalf("changes %+v: want one more, issued, with a new serial", got)
	}
}

func TestStatusChangesWindowAndShape(t *testing.T) {
	s := newTestServer(t, Options{})
	old := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "old.example.com"))
	s.Advance(2 * time.Hour)
	a := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "a.example.com"))
	s.Advance(time.Minute)
	b := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "b.example.com"))
	s.Advance(time.Second)
	mustStatus(t, call(t, s, "PUT", "/order/certificate/"+strconv.Itoa(a)+"/status", s.APIKey(), `{"status":"canceled","note":"x"}`), http.StatusNoContent)
	other := s.NewAccount(false)
	mustStatus(t, call(t, s, "POST", "/order/certificate/ssl_dv_geotrust", other, dvBody(t, "email", "c.example.com")), http.StatusCreated)
	cert := func(id int) string { o, _ := s.Order(id); return strconv.Itoa(o.CertificateID) }

	feed := func(q string) string {
		t.Helper()
		r := call(t, s, "GET", "/order/certificate/status-changes"+q, s.APIKey(), nil)
		mustStatus(t, r, http.StatusOK)
		return string(r.Body)
	}
	// a changed last (canceled), so it comes first; the other account's
	// order is not listed; the current status is shown.
	want := `{"orders":[{"order_id":` + strconv.Itoa(a) + `,"certificate_id":` + cert(a) + `,"status":"canceled"},` +
		`{"order_id":` + strconv.Itoa(b) + `,"certificate_id":` + cert(b) + `,"status":"pending"}],"page":{"total":2,"limit":1000,"offset":0}}`
	if got := feed("?minutes=10"); got != want {
		t.Fatalf("minutes=10\n got %s\nwant %s", got, want)
	}
	if got := feed("?seconds=600"); got != want {
		t.Fatalf("seconds=600\n got %s\nwant %s", got, want)
	}
	if got := feed("?seconds=1&sort=order_id&limit=1&offset=1"); got != `{"orders":[{"order_id":`+strconv.Itoa(b)+`,"certificate_id":`+cert(b)+`,"status":"pending"}],"page":{"total":2,"limit":1,"offset":1}}` {
		t.Fatalf("paged: %s", got)
	}
	if got := feed("?minutes=1&seconds=59"); got != want {
		t.Fatalf("minutes+seconds: %s", got)
	}
	if got := feed("?minutes=180"); !strings.Contains(got, `"order_id":`+strconv.Itoa(old)+`,`) {
		t.Fatalf("minutes=180 misses the old order: %s", got)
	}
	// Zero seconds back reaches only what changed at this very second.
	if got := feed("?seconds=0"); got != `{"orders":[{"order_id":`+strconv.Itoa(a)+`,"certificate_id":`+cert(a)+`,"status":"canceled"}],"page":{"total":1,"limit":1000,"offset":0}}` {
		t.Fatalf("seconds=0: %s", got)
	}
	s.Advance(time.Hour)
	if got := feed("?minutes=30"); got != `{"page":{"total":0,"limit":1000,"offset":0}}` {
		t.Fatalf("quiet window: %s", got)
	}
}

func TestStatusChangesDateRange(t *testing.T) {
	start := time.Date(2026, 3, 10, 12, 0, 0, 0, mdt)
	s := newTestServer(t, Options{Now: start})
	changedAgain := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "again.example.com"))
	stays := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "stays.example.com"))
	s.Advance(48 * time.Hour) // 2026-03-12 12:00 MDT
	mustStatus(t, call(t, s, "PUT", "/order/certificate/"+strconv.Itoa(changedAgain)+"/status", s.APIKey(), `{"status":"canceled","note":"x"}`), http.StatusNoContent)
	ids := func(q string) []int {
		t.Helper()
		r := call(t, s, "GET", "/order/certificate/status-changes?sort=order_id&"+q, s.APIKey(), nil)
		mustStatus(t, r, http.StatusOK)
		var out []int
		if orders, ok := r.json(t)["orders"]; ok {
			for _, o := range asSlice(t, orders) {
				out = append(out, int(asFloat(t, asMap(t, o)["order_id"])))
			}
		}
		return out
	}
	// Both were created on the 10th, but one changed again after the range.
	if got := ids("filters[status_last_updated]=2026-03-10...2026-03-10"); !reflect.DeepEqual(got, []int{stays}) {
		t.Fatalf("range of the 10th: %v, want [%d]", got, stays)
	}
	if got := ids("filters[status_last_updated]=2026-03-09...2026-03-15"); !reflect.DeepEqual(got, []int{changedAgain, stays}) {
		t.Fatalf("whole week: %v", got)
	}
	// Times of day, "+" sent encoded and as a literal (a query string
	// decodes it to a space).
	if got := ids("filters[status_last_updated]=2026-03-12%2B11:00:00...2026-03-12%2B13:00:00"); !reflect.DeepEqual(got, []int{changedAgain}) {
		t.Fatalf("hour range: %v", got)
	}
	if got := ids("filters[status_last_updated]=2026-03-12+11:00:00...2026-03-12+11:59:59"); got != nil {
		t.Fatalf("hour before the change: %v", got)
	}
}

func TestStatusChangesErrors(t *testing.T) {
	s := newTestServer(t, Options{})
	cases := []struct{ q, code string }{
		{"", "time_frame_required"},
		{"?limit=5", "time_frame_required"},
		{"?minutes=10081", "time_frame_too_long"},
		{"?seconds=604801", "time_frame_too_long"},
		{"?minutes=10080&seconds=1", "time_frame_too_long"},
		{"?filters[status_last_updated]=2026-01-01...2026-01-08", "time_frame_too_long"},
		{"?minutes=ten", "invalid_value:minutes"},
		{"?seconds=-1", "invalid_value:seconds"},
		{"?filters[status_last_updated]=2026-01-01", "invalid_value:filters[status_last_updated]"},
		{"?filters[status_last_updated]=2026-01-05...2026-01-01", "invalid_value:filters[status_last_updated]"},
		{"?minutes=5&filters[status]=issued", "invalid_value:filters[status]"},
		{"?minutes=5&limit=1001", "invalid_value:limit"},
		{"?minutes=5&sort=status", "invalid_value:sort"},
	}
	for _, c := range cases {
		r := call(t, s, "GET", "/order/certificate/status-changes"+c.q, s.APIKey(), nil)
		mustStatus(t, r, http.StatusBadRequest)
		if got := r.codes(t); len(got) != 1 || got[0] != c.code {
			t.Errorf("%q: codes %v, want %s", c.q, got, c.code)
		}
	}
	for _, q := range []string{"?minutes=10080", "?seconds=604800", "?minutes=10079&seconds=60", "?filters[status_last_updated]=2026-01-01...2026-01-07"} {
		mustStatus(t, call(t, s, "GET", "/order/certificate/status-changes"+q, s.APIKey(), nil), http.StatusOK)
	}
	mustStatus(t, call(t, s, "POST", "/order/certificate/status-changes", s.APIKey(), "{}"), http.StatusMethodNotAllowed)
}

func TestStatusChangesWithRunningClock(t *testing.T) {
	s := Start(t, Options{RateLimits: []Window{}})
	before := s.Now()
	id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
	if err := s.ApproveEmailDCV(id); err != nil {
		t.Fatal(err)
	}
	got := s.StatusChanges(id)
	if len(got) != 2 || got[0].Status != StatusPending || got[1].Status != StatusIssued ||
		got[0].At.Before(before) || got[1].At.Before(got[0].At) || got[1].At.After(s.Now()) {
		t.Fatalf("changes %+v (test began %s)", got, before)
	}
	r := call(t, s, "GET", "/order/certificate/status-changes?seconds=60", s.APIKey(), nil)
	if !strings.Contains(string(r.Body), `"order_id":`+strconv.Itoa(id)+`,`) {
		t.Fatalf("feed misses the order: %s", r.Body)
	}
}
