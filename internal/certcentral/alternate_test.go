package certcentral

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestCheckAlternativeOrderID(t *testing.T) {
	for _, ok := range []string{"a", "prod:www", "A-Z_a.z:0-9", strings.Repeat("x", 64)} {
		if err := CheckAlternativeOrderID(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for s, want := range map[string]string{
		"":                      "an alternative order ID cannot be empty",
		strings.Repeat("x", 65): "is 65 characters long; an alternative order ID has at most 64",
		"default/www":           `"default/www" has characters an alternative order ID cannot hold; allowed are letters A-Z and a-z, digits, and the four characters - _ . :`,
		"a b":                   "has characters",
		"é":                     "has characters",
	} {
		if err := CheckAlternativeOrderID(s); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err %v, want %q", s, err, want)
		}
	}
}

func TestOrdersByAlternativeID(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		switch r.URL.Query().Get("offset") {
		case "":
			reply(w, 200, `{"orders":[{"order_id":1234567,"certificate_id":2345678,"status":"pending"},{"order_id":"1234568","certificate_id":"2345679","status":"issued"}],"page":{"total":3,"limit":2,"offset":0}}`)
		default:
			reply(w, 200, `{"orders":[{"order_id":1234569,"certificate_id":2345680,"status":"canceled"}],"page":{"total":3,"limit":1000,"offset":2}}`)
		}
	})
	got, err := newTestClient(t, srv.URL, nil).OrdersByAlternativeID(context.Background(), "ws:www.example.com")
	if err != nil {
		t.Fatal(err)
	}
	want := []OrderRef{{1234567, 2345678, "pending"}, {1234568, 2345679, "issued"}, {1234569, 2345680, "canceled"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	first, second := srv.request(t, 0), srv.request(t, 1)
	assertCommonHeaders(t, first, false)
	if first.Method != "GET" || first.EscapedPath != testBase+"/order/alternate/ws:www.example.com" || first.Query.Encode() != "limit=1000" {
		t.Errorf("first request %s %s ?%s", first.Method, first.EscapedPath, first.Query.Encode())
	}
	if second.Query.Encode() != "limit=1000&offset=2" {
		t.Errorf("second request ?%s", second.Query.Encode())
	}
	// Two pages: the first is read again to see that the list held still.
	if n, third := srv.count(), srv.request(t, 2); n != 3 || third.Query.Encode() != "limit=1000" {
		t.Errorf("%d requests, the third ?%s; want 3, the first page again", n, third.Query.Encode())
	}
}

func TestOrdersByAlternativeID_noneAndErrors(t *testing.T) {
	answers := map[string]struct {
		status int
		body   string
	}{
		"empty":  {200, `{"page":{"total":0,"limit":1000,"offset":0}}`},
		"gone":   {404, `{"errors":[{"code":"not_found","message":"No orders found."}]}`},
		"route":  {404, `{"errors":[{"code":"not_found|route","message":"Route not found."}]}`},
		"broken": {200, `{"orders":[{"order_id":"x1"}]}`},
	}
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		a := answers[strings.TrimPrefix(r.URL.Path, testBase+"/order/alternate/")]
		reply(w, a.status, a.body)
	})
	cl := newTestClient(t, srv.URL, nil)
	for _, k := range []string{"empty", "gone"} {
		if got, err := cl.OrdersByAlternativeID(context.Background(), k); err != nil || got != nil {
			t.Errorf("%s: %v %v, want no orders and no error", k, got, err)
		}
	}
	if _, err := cl.OrdersByAlternativeID(context.Background(), "route"); !IsBaseURLWrong(err) || IsNotFound(err) {
		t.Errorf("route: err %v, want the missing endpoint, not \"no order\"", err)
	}
	if _, err := cl.OrdersByAlternativeID(context.Background(), "broken"); err == nil || !strings.Contains(err.Error(), "field orders[0].order_id") {
		t.Errorf("broken: err %v", err)
	}
	before := srv.count()
	if _, err := cl.OrdersByAlternativeID(context.Background(), "a/b"); err == nil || srv.count() != before {
		t.Errorf("an invalid ID was sent (err %v)", err)
	}
}

func TestStatusChanges(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, 200, `{"orders":[{"order_id":265,"certificate_id":112233,"status":"issued"},{"order_id":264,"certificate_id":112232,"status":"canceled"}]}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	got, err := cl.StatusChanges(context.Background(), StatusChangesQuery{Window: 90*time.Second + time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if want := []OrderRef{{265, 112233, "issued"}, {264, 112232, "canceled"}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	// A page without a page object and shorter than the limit is the last.
	if srv.count() != 1 {
		t.Fatalf("%d requests, want 1", srv.count())
	}
	if r := srv.request(t, 0); r.Path != testBase+"/order/certificate/status-changes" || r.Query.Encode() != "limit=1000&seconds=91" {
		t.Errorf("request %s ?%s", r.Path, r.Query.Encode())
	}

	from := time.Date(2023, 1, 1, 6, 0, 0, 0, time.UTC)
	if _, err := cl.StatusChanges(context.Background(), StatusChangesQuery{From: from, To: from.Add(6 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if r := srv.request(t, 1); r.Query.Get("filters[status_last_updated]") != "2023-01-01+00:00:00...2023-01-07+00:00:00" || r.Query.Get("seconds") != "" {
		t.Errorf("range query %v", r.Query)
	}

	for _, q := range []StatusChangesQuery{{}, {Window: 7*24*time.Hour + time.Second}, {From: from, To: from}, {From: from, To: from.Add(8 * 24 * time.Hour)}} {
		if _, err := cl.StatusChanges(context.Background(), q); err == nil {
			t.Errorf("%+v accepted", q)
		}
	}
	if srv.count() != 2 {
		t.Fatalf("refused frames reached the server: %d requests", srv.count())
	}
	if _, err := cl.StatusChanges(context.Background(), StatusChangesQuery{Window: MaxStatusChangesWindow}); err != nil {
		t.Fatal(err)
	}
	if r := srv.request(t, 2); r.Query.Get("seconds") != "604800" {
		t.Errorf("seven days sent as %v", r.Query)
	}
}

func TestStatusChanges_pagesWithPageObject(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		if r.URL.Query().Get("offset") == "" {
			reply(w, 200, `{"orders":[{"order_id":1,"certificate_id":11,"status":"issued"}],"page":{"total":2,"limit":1,"offset":0}}`)
			return
		}
		reply(w, 200, `{"orders":[{"order_id":2,"certificate_id":12,"status":"revoked"}],"page":{"total":2,"limit":1,"offset":1}}`)
	})
	got, err := newTestClient(t, srv.URL, nil).StatusChanges(context.Background(), StatusChangesQuery{Window: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if want := []OrderRef{{1, 11, "issued"}, {2, 12, "revoked"}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v", got)
	}
}

func TestOrderDocumentSigning_sendsAlternativeOrderID(t *testing.T) {
	srv := dsignOrderServer(t, `{"id":1,"requests":[{"id":2,"status":"pending"}]}`)
	cl := newTestClient(t, srv.URL, nil)
	req := DocumentSigningOrderRequest{
		Certificate:        DocumentSigningCertificate{SignatureHash: "sha256"},
		ValidityYears:      ptr(int64(1)),
		AlternativeOrderID: "tf-ds:0123abcd",
	}
	if _, err := cl.OrderDocumentSigning(context.Background(), "document_signing_org_1", req); err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, srv.request(t, 0).Body, `{
		"certificate": {"signature_hash": "sha256"},
		"validity_years": 1,
		"alternative_order_id": "tf-ds:0123abcd"
	}`)
}

// statusChangesPages serves a status-change list of total entries in pages
// of listPageSize, from list(n), the list as it is at the n-th request.
func statusChangesPages(t *testing.T, list func(n int) []OrderRef) *apiServer {
	t.Helper()
	return newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		all := list(n)
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		end := min(offset+listPageSize, len(all))
		body, err := json.Marshal(map[string]any{"orders": all[min(offset, end):end], "page": map[string]int{"total": len(all), "limit": listPageSize, "offset": offset}})
		if err != nil {
			t.Error(err)
		}
		reply(w, 200, string(body))
	})
}

func refsFrom(first, n int) []OrderRef {
	out := make([]OrderRef, n)
	for i := range out {
		out[i] = OrderRef{OrderID: int64(first + i), CertificateID: int64(first + i), Status: "issued"}
	}
	return out
}

// An order that changes while the second page is read moves to the top of
// a newest-first list: the first read misses it (it left page two for page
// one, already read) and reads the entry at the boundary twice. The client
// sees the list moved, reads it again, and the second listing is whole.
func TestStatusChanges_listMovedWhileReadIsReadAgain(t *testing.T) {
	before := refsFrom(1, 1500)
	moved := append([]OrderRef{{OrderID: 1400, CertificateID: 1400, Status: "revoked"}}, slices.Delete(slices.Clone(before), 1399, 1400)...)
	srv := statusChangesPages(t, func(n int) []OrderRef {
		if n == 1 {
			return before
		}
		return moved // from the second page of the first listing on
	})
	got, err := newTestClient(t, srv.URL, nil).StatusChanges(context.Background(), StatusChangesQuery{Window: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1500 || got[0] != (OrderRef{1400, 1400, "revoked"}) {
		t.Fatalf("got %d orders, first %+v; want the 1500 orders of the moved list, order 1400 revoked first", len(got), got[0])
	}
	// First listing: pages at 0 and 1000 (1000 duplicated, 1400 missed);
	// second: 0, 1000 and the first page again.
	var offsets []string
	for i := range srv.count() {
		offsets = append(offsets, srv.request(t, i).Query.Get("offset"))
	}
	if want := []string{"", "1000", "", "1000", ""}; !slices.Equal(offsets, want) {
		t.Fatalf("offsets asked %q, want %q", offsets, want)
	}
}

// An entry that leaves an oldest-first list while it is read (its change
// fell out of a window counted from each request) pulls the entries behind
// it one place forward: one is never read and none twice. Only the first
// page read again shows it.
func TestStatusChanges_listShiftedForwardIsReadAgain(t *testing.T) {
	before := refsFrom(1, 1500)
	srv := statusChangesPages(t, func(n int) []OrderRef {
		if n == 1 {
			return before
		}
		return before[1:]
	})
	got, err := newTestClient(t, srv.URL, nil).StatusChanges(context.Background(), StatusChangesQuery{Window: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1499 || got[0].OrderID != 2 {
		t.Fatalf("got %d orders from %d; want the 1499 of the list as it is now", len(got), got[0].OrderID)
	}
	if n := srv.count(); n != 6 {
		t.Fatalf("%d requests, want 6 (two pages and the first again, twice)", n)
	}
}

// A list that keeps moving fails after three listings, so that the caller
// falls back to what does not depend on it.
func TestStatusChanges_listThatKeepsMovingFails(t *testing.T) {
	srv := statusChangesPages(t, func(n int) []OrderRef { return refsFrom(n, 1500) })
	_, err := newTestClient(t, srv.URL, nil).StatusChanges(context.Background(), StatusChangesQuery{Window: time.Hour})
	if !errors.Is(err, ErrListMoved) {
		t.Fatalf("got %v, want ErrListMoved", err)
	}
	if n := srv.count(); n != 9 {
		t.Fatalf("%d requests, want 9 (three listings of two pages and the first again)", n)
	}
}

// One page needs no check: it is one answer.
func TestStatusChanges_onePageIsReadOnce(t *testing.T) {
	srv := statusChangesPages(t, func(n int) []OrderRef { return refsFrom(1, 10) })
	got, err := newTestClient(t, srv.URL, nil).StatusChanges(context.Background(), StatusChangesQuery{Window: time.Hour})
	if err != nil || len(got) != 10 {
		t.Fatalf("got %d orders, %v", len(got), err)
	}
	if n := srv.count(); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}
