package certcentral

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// feedEntries is a JSON list of n entries with order IDs from first on.
func feedEntries(first, n int) string {
	parts := make([]string, n)
	for i := range n {
		parts[i] = fmt.Sprintf(`{"order_id":%d,"certificate_id":%d,"status":"issued"}`, first+i, 10*(first+i))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func TestStatusChanges_queryAndAnswer(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusOK, `{"orders":[
			{"order_id":1234568,"certificate_id":1234568,"status":"revoked"},
			{"order_id":1234567,"certificate_id":1234567,"status":"issued"}]}`)
	})
	cl := newTestClient(t, srv.URL, nil)

	got, err := cl.StatusChanges(context.Background(), 90*time.Minute+1500*time.Millisecond)
	if err != nil {
		t.Fatalf("StatusChanges: %v", err)
	}
	r := srv.request(t, 0)
	if r.Method != "GET" || r.Path != "/services/v2/order/certificate/status-changes" {
		t.Errorf("request = %s %s", r.Method, r.Path)
	}
	assertCommonHeaders(t, r, false)
	// Rounded up to whole seconds: never less than asked.
	if want := (url.Values{"seconds": {"5402"}, "limit": {"1000"}}); !reflect.DeepEqual(r.Query, want) {
		t.Errorf("query = %v, want %v", r.Query, want)
	}
	want := []StatusChange{{OrderID: 1234568, CertificateID: 1234568, Status: "revoked"}, {OrderID: 1234567, CertificateID: 1234567, Status: "issued"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if srv.count() != 1 {
		t.Errorf("%d requests, want 1 (a short page without a page object is the last)", srv.count())
	}
}

func TestStatusChanges_emptyAnswer(t *testing.T) {
	for _, body := range []string{`{"orders":[]}`, `{"page":{"total":0,"limit":1000,"offset":0}}`, `{}`} {
		srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
			reply(w, http.StatusOK, body)
		})
		got, err := newTestClient(t, srv.URL, nil).StatusChanges(context.Background(), time.Minute)
		if err != nil || len(got) != 0 || srv.count() != 1 {
			t.Errorf("%s: got %v, %v after %d requests; want no entries after 1", body, got, err, srv.count())
		}
	}
}

func TestStatusChanges_pagesWithPageObject(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		count := min(1000, 2500-offset)
		reply(w, http.StatusOK, fmt.Sprintf(`{"orders":%s,"page":{"total":2500,"limit":1000,"offset":%d}}`, feedEntries(offset+1, count), offset))
	})
	got, err := newTestClient(t, srv.URL, nil).StatusChanges(context.Background(), MaxStatusChangesWindow)
	if err != nil {
		t.Fatalf("StatusChanges: %v", err)
	}
	if len(got) != 2500 || got[0].OrderID != 1 || got[2499].OrderID != 2500 {
		t.Fatalf("got %d entries (%v ... %v), want orders 1 to 2500", len(got), got[0], got[len(got)-1])
	}
	// Three pages, then the first page once more.
	var offsets []string
	for i := range srv.count() {
		q := srv.request(t, i).Query
		if q.Get("seconds") != "604800" || q.Get("limit") != "1000" {
			t.Errorf("request %d query = %v", i, q)
		}
		offsets = append(offsets, q.Get("offset"))
	}
	if want := []string{"", "1000", "2000", ""}; !reflect.DeepEqual(offsets, want) {
		t.Errorf("offsets = %q, want %q", offsets, want)
	}
}

func TestStatusChanges_pagesWithoutPageObject(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		reply(w, http.StatusOK, fmt.Sprintf(`{"orders":%s}`, feedEntries(offset+1, min(1000, 1003-offset))))
	})
	got, err := newTestClient(t, srv.URL, nil).StatusChanges(context.Background(), time.Hour)
	if err != nil || len(got) != 1003 {
		t.Fatalf("got %d entries, %v; want 1003", len(got), err)
	}
	if srv.count() != 3 {
		t.Errorf("%d requests, want 3 (two pages, then the first again)", srv.count())
	}
}

// An order that changes while the list is paged through moves to the first
// page, which was read already: reading the first page again finds it.
func TestStatusChanges_entryMovedToFirstPageIsFound(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		list := feedEntries(offset+1, min(1000, 1500-offset))
		if n > 1 && offset == 0 {
			// Order 1400 changed again after the first page was read: it
			// now comes first, and page 2 no longer holds it.
			list = `[{"order_id":1400,"certificate_id":99,"status":"revoked"},` + strings.TrimPrefix(feedEntries(1, 999), "[")
		}
		if offset == 1000 {
			list = strings.Replace(feedEntries(1000, 500), `{"order_id":1400,"certificate_id":14000,"status":"issued"},`, "", 1)
		}
		reply(w, http.StatusOK, fmt.Sprintf(`{"orders":%s,"page":{"total":1500,"limit":1000,"offset":%d}}`, list, offset))
	})
	got, err := newTestClient(t, srv.URL, nil).StatusChanges(context.Background(), time.Hour)
	if err != nil {
		t.Fatalf("StatusChanges: %v", err)
	}
	found := false
	for _, e := range got {
		found = found || e == StatusChange{OrderID: 1400, CertificateID: 99, Status: "revoked"}
	}
	if !found || len(got) != 1500 {
		t.Errorf("got %d entries, order 1400 revoked found: %v; want 1500 with it", len(got), found)
	}
}

func TestStatusChanges_listChangedWhilePagingIsAnError(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		total := 1500 + n // one more order changed before each page
		reply(w, http.StatusOK, fmt.Sprintf(`{"orders":%s,"page":{"total":%d,"limit":1000,"offset":%d}}`, feedEntries(offset+1, min(1000, total-offset)), total, offset))
	})
	_, err := newTestClient(t, srv.URL, nil).StatusChanges(context.Background(), time.Hour)
	if err == nil || !strings.Contains(err.Error(), "changed while it was read") {
		t.Errorf("err = %v, want the list-changed error", err)
	}
}

func TestStatusChanges_windowOutOfRangeIsRefusedBeforeAnyRequest(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusOK, `{"orders":[]}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	for _, d := range []time.Duration{0, -time.Second, MaxStatusChangesWindow + time.Second} {
		if _, err := cl.StatusChanges(context.Background(), d); err == nil || !strings.Contains(err.Error(), "time frame") {
			t.Errorf("window %s: err = %v, want a time frame error", d, err)
		}
	}
	if srv.count() != 0 {
		t.Errorf("%d requests sent, want none", srv.count())
	}
}

func TestStatusChanges_apiErrorIsReturned(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusBadRequest, `{"errors":[{"code":"time_frame_too_long","message":"The time frame cannot exceed seven days."}]}`)
	})
	_, err := newTestClient(t, srv.URL, nil).StatusChanges(context.Background(), time.Hour)
	apiErr, ok := AsAPIError(err)
	if !ok || !apiErr.HasCode("time_frame_too_long") {
		t.Errorf("err = %v, want the APIError time_frame_too_long", err)
	}
}
