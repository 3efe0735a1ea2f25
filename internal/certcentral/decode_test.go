package certcentral

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func int64p(n int64) *int64 { return &n }

func TestDecodeTolerant_surprisingTypesWithAClearMeaning(t *testing.T) {
	body := `{
		"id": "123",
		"certificate": {"id": "456", "common_name": "example.com", "dns_names": {}, "days_remaining": "12",
			"key_size": 2048, "ca_cert": {"id": 77, "name": "CA"}, "organization": [], "server_platform": {"id": "-1", "name": "OTHER"}},
		"status": "issued",
		"organization": [],
		"container": {"id": "69748", "name": "Headquarters"},
		"product": [],
		"is_renewal": 1,
		"is_renewed": "1",
		"renewed_order_id": "",
		"disable_renewal_notifications": "false",
		"validity_years": "2",
		"requests": [{"id": "9", "status": "approved"}],
		"alternative_order_id": "ws:www",
		"is_multi_year_plan": "1",
		"field_nobody_reads": {"deep": [1, "x", null, {"a": true}]},
		"user_assignments": "not a list, and not declared"
	}`
	var got OrderInfo
	if err := decodeTolerant([]byte(body), &got); err != nil {
		t.Fatalf("decodeTolerant: %v", err)
	}
	want := OrderInfo{
		ID: 123,
		Certificate: &OrderCertificate{ID: 456, CommonName: "example.com", DaysRemaining: int64p(12), KeySize: 2048,
			CACert: &CACert{ID: "77", Name: "CA"}, ServerPlatform: &NamedRef{ID: -1, Name: "OTHER"}},
		Status:                      "issued",
		Container:                   &NamedRef{ID: 69748, Name: "Headquarters"},
		IsRenewal:                   true,
		IsRenewed:                   true,
		DisableRenewalNotifications: false,
		ValidityYears:               2,
		Requests:                    []OrderRequest{{ID: 9, Status: "approved"}},
		AlternativeOrderID:          "ws:www",
		IsMultiYearPlan:             true,
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decoded\n got %+v\n     %+v\nwant %+v\n     %+v", got, *got.Certificate, want, *want.Certificate)
	}
}

func TestDecodeTolerant_surprisingTypesWithoutAMeaningNameTheField(t *testing.T) {
	cases := []struct{ body, want string }{
		{`{"id":"abc"}`, `field id: CertCentral sent a string ("abc") where an integer was expected`},
		{`{"id":12.5}`, `field id: CertCentral sent a number (12.5) where an integer was expected`},
		{`{"certificate":{"dns_names":"example.com"}}`, `field certificate.dns_names: CertCentral sent a string ("example.com") where a list was expected`},
		{`{"status":{"name":"issued"}}`, `field status: CertCentral sent an object ({"name":"issued"}) where a string was expected`},
		{`{"requests":[{"id":1},{"id":true}]}`, `field requests[1].id: CertCentral sent a boolean (true) where an integer was expected`},
		{`{"is_renewed":"yes"}`, `field is_renewed: CertCentral sent a string ("yes") where a boolean was expected`},
		{`{"is_renewed":2}`, `field is_renewed: CertCentral sent a number (2) where a boolean was expected`},
		{`{"organization":["x"]}`, `field organization: CertCentral sent a list (["x"]) where an object was expected`},
		{`{"certificate":{"days_remaining":[]}}`, `field certificate.days_remaining: CertCentral sent an empty list ([]) where an integer was expected`},
		{`["not","an","object"]`, `field (the whole answer): CertCentral sent a list (["not","an","object"]) where an object was expected`},
	}
	for _, c := range cases {
		var got OrderInfo
		err := decodeTolerant([]byte(c.body), &got)
		var fe *FieldTypeError
		if !errors.As(err, &fe) || err.Error() != c.want {
			t.Errorf("%s:\n got %v\nwant %s", c.body, err, c.want)
		}
	}
}

func TestGetOrder_fieldTypeErrorNamesRequestAndField(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, 200, `{"id":42,"certificate":{"valid_till":{"date":"2026-01-01"}}}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	_, err := cl.GetOrder(context.Background(), 42)
	if err == nil || !strings.Contains(err.Error(), "GET /order/certificate/42: decoding the HTTP 200 answer: field certificate.valid_till: CertCentral sent an object") {
		t.Fatalf("err = %v", err)
	}
	if srv.count() != 1 {
		t.Fatalf("%d requests: an unusable answer must not be asked again", srv.count())
	}
}

// The answers public clients recorded or worked around, through the client.
func TestRealAPIShapes(t *testing.T) {
	t.Run("empty order list without orders", func(t *testing.T) {
		srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
			reply(w, 200, `{"page":{"total":0,"limit":1000,"offset":0}}`)
		})
		got, err := newTestClient(t, srv.URL, nil).ListOrders(context.Background(), ListOrdersParams{})
		if err != nil {
			t.Fatal(err)
		}
		if want := (&OrderList{Page: Page{Total: 0, Limit: 1000, Offset: 0}}); !reflect.DeepEqual(got, want) {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	})
	t.Run("order list with string IDs and organization []", func(t *testing.T) {
		srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
			reply(w, 200, `{"orders":[{"id":"7","certificate":{"id":"8","common_name":"a.example"},"status":"issued","organization":[],"product":{"name_id":"ssl_dv_geotrust"},"is_multi_year_plan":"1"}],"page":{"total":"1","limit":"1000","offset":"0"}}`)
		})
		got, err := newTestClient(t, srv.URL, nil).ListOrders(context.Background(), ListOrdersParams{})
		if err != nil {
			t.Fatal(err)
		}
		want := &OrderList{
			Orders: []ListedOrder{{ID: 7, Certificate: &OrderCertificate{ID: 8, CommonName: "a.example"}, Status: "issued", Product: &Product{NameID: "ssl_dv_geotrust"}, IsMultiYearPlan: true}},
			Page:   Page{Total: 1, Limit: 1000},
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	})
}
