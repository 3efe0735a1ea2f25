package sandbox

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestAlternativeOrderIDStoredAndReturned(t *testing.T) {
	s := newTestServer(t, Options{RejectUnknownFields: true})
	dv := placeOrder(t, s, "ssl_dv_geotrust", set(dvBody(t, "email", "example.com"), "alternative_order_id", "prod:www-1.a_b"))
	ds := placeOrder(t, s, "document_signing_org_1", set(dsOrgBody(t), "alternative_order_id", "ds-1"))
	ind := placeOrder(t, s, "ds_org_individual", set(individualBody(t), "alternative_order_id", "ind-1"))
	plain := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.org"))

	for id, want := range map[int]string{dv: "prod:www-1.a_b", ds: "ds-1", ind: "ind-1", plain: ""} {
		info := call(t, s, "GET", "/order/certificate/"+strconv.Itoa(id), s.APIKey(), nil).json(t)
		got, present := info["alternative_order_id"]
		if want == "" {
			if present {
				t.Errorf("order %d: alternative_order_id %v, want it omitted", id, got)
			}
			continue
		}
		if got != want {
			t.Errorf("order %d: order info alternative_order_id %v, want %q", id, got, want)
		}
		if snap, _ := s.Order(id); snap.AlternativeOrderID != want {
			t.Errorf("order %d: snapshot %q, want %q", id, snap.AlternativeOrderID, want)
		}
	}
	list := call(t, s, "GET", "/order/certificate?filters[id]="+strconv.Itoa(dv), s.APIKey(), nil).json(t)
	if got := asMap(t, asSlice(t, list["orders"])[0])["alternative_order_id"]; got != "prod:www-1.a_b" {
		t.Fatalf("list alternative_order_id %v", got)
	}
}

func TestAlternativeOrderIDValidation(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, v := range []any{strings.Repeat("a", 65), "a/b", "a b", "a%2Fb", "a?b", "é", 12} {
		r := call(t, s, "POST", "/order/certificate/ssl_dv_geotrust", s.APIKey(), set(dvBody(t, "email", "example.com"), "alternative_order_id", v))
		mustStatus(t, r, http.StatusBadRequest)
		want := "invalid_value:alternative_order_id"
		if _, isNum := v.(int); isNum {
			want = "bad_request_format"
		}
		if got := r.codes(t); len(got) != 1 || got[0] != want {
			t.Errorf("%v: codes %v, want %s", v, got, want)
		}
	}
	if n := len(s.Orders()); n != 0 {
		t.Fatalf("%d orders placed by refused requests", n)
	}
	placeOrder(t, s, "ssl_dv_geotrust", set(dvBody(t, "email", "example.com"), "alternative_order_id", strings.Repeat("a", 64)))
}

func TestOrdersByAlternativeID(t *testing.T) {
	s := newTestServer(t, Options{})
	first := placeOrder(t, s, "ssl_dv_geotrust", set(dvBody(t, "email", "example.com"), "alternative_order_id", "key-1"))
	second := placeOrder(t, s, "ssl_dv_rapidssl", set(dvBody(t, "email", "example.net"), "alternative_order_id", "key-1"))
	placeOrder(t, s, "ssl_dv_geotrust", set(dvBody(t, "email", "example.org"), "alternative_order_id", "key-2"))
	other := s.NewAccount(false)
	r := call(t, s, "POST", "/order/certificate/ssl_dv_geotrust", other, set(dvBody(t, "email", "example.com"), "alternative_order_id", "key-1"))
	mustStatus(t, r, http.StatusCreated)
	if err := s.ApproveEmailDCV(first); err != nil {
		t.Fatal(err)
	}
	snap, _ := s.Order(first)
	secondSnap, _ := s.Order(second)

	got := call(t, s, "GET", "/order/alternate/key-1", s.APIKey(), nil)
	mustStatus(t, got, http.StatusOK)
	want := `{"orders":[{"order_id":` + strconv.Itoa(first) + `,"certificate_id":` + strconv.Itoa(snap.CertificateID) + `,"status":"issued"},` +
		`{"order_id":` + strconv.Itoa(second) + `,"certificate_id":` + strconv.Itoa(secondSnap.CertificateID) + `,"status":"pending"}],` +
		`"page":{"total":2,"limit":1000,"offset":0}}`
	if string(got.Body) != want {
		t.Fatalf("body\n got %s\nwant %s", got.Body, want)
	}
	paged := call(t, s, "GET", "/order/alternate/key-1?limit=1&offset=1", s.APIKey(), nil)
	if want := `{"orders":[{"order_id":` + strconv.Itoa(second) + `,"certificate_id":` + strconv.Itoa(secondSnap.CertificateID) + `,"status":"pending"}],"page":{"total":2,"limit":1,"offset":1}}`; string(paged.Body) != want {
		t.Fatalf("paged body\n got %s\nwant %s", paged.Body, want)
	}
	none := call(t, s, "GET", "/order/alternate/nobody", s.APIKey(), nil)
	mustStatus(t, none, http.StatusOK)
	if want := `{"page":{"total":0,"limit":1000,"offset":0}}`; string(none.Body) != want {
		t.Fatalf("no match body %s, want %s", none.Body, want)
	}
	mustStatus(t, call(t, s, "GET", "/order/alternate/key-1?limit=1001", s.APIKey(), nil), http.StatusBadRequest)
	mustStatus(t, call(t, s, "POST", "/order/alternate/key-1", s.APIKey(), "{}"), http.StatusMethodNotAllowed)
}

func TestEmptyOrderListHasNoOrdersKey(t *testing.T) {
	s := newTestServer(t, Options{})
	r := call(t, s, "GET", "/order/certificate", s.APIKey(), nil)
	mustStatus(t, r, http.StatusOK)
	if want := `{"page":{"total":0,"limit":1000,"offset":0}}`; string(r.Body) != want {
		t.Fatalf("empty list %s, want %s", r.Body, want)
	}
}
