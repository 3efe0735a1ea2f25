package sandbox

import (
	"net/url"
	"reflect"
	"strconv"
	"testing"
	"time"
)

// The documented filters of List orders narrow the list as the page
// describes them: by status (issued including expired), names, product,
// container, certificate, renewal flags and date ranges.
func TestListOrdersDocumentedFilters(t *testing.T) {
	s := newTestServer(t, Options{})
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s.SetNow(start)
	a := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "a.example.com", "www.a.example.com"))
	s.Advance(24 * time.Hour) // 2026-03-02
	b := placeOrder(t, s, "ssl_dv_rapidssl", set(dvBody(t, "email", "b.example.com"), "disable_renewal_notifications", true))
	s.Advance(24 * time.Hour) // 2026-03-03
	ds := placeOrder(t, s, "document_signing_org_1", docDSExample)
	if err := s.ApproveEmailDCV(a); err != nil {
		t.Fatal(err)
	}
	infoA := call(t, s, "GET", orderPath(a, ""), s.APIKey(), nil).json(t)
	certA := asMap(t, infoA["certificate"])
	tillA := asString(t, certA["valid_till"])
	serialA := asString(t, certA["serial_number"])

	list := func(q url.Values) []int {
		t.Helper()
		r := call(t, s, "GET", "/order/certificate?"+q.Encode(), s.APIKey(), nil)
		mustStatus(t, r, 200)
		var got []int
		orders, listed := r.json(t)["orders"]
		if !listed { // an empty list has no "orders"
			return nil
		}
		for _, o := range asSlice(t, orders) {
			got = append(got, int(asFloat(t, asMap(t, o)["id"])))
		}
		return got
	}
	f := func(kv ...string) url.Values {
		q := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			q.Set("filters["+kv[i]+"]", kv[i+1])
		}
		return q
	}
	cases := []struct {
		name string
		q    url.Values
		want []int
	}{
		{"status", f("status", "pending"), []int{b, ds}},
		{"domain_name matches a dns_names entry", f("domain_name", "WWW.A.example.com"), []int{a}},
		{"domain_name matches the common name", f("domain_name", "b.example.com"), []int{b}},
		{"common_name ignores dns_names", f("common_name", "www.a.example.com"), nil},
		{"product", f("product_name_id", "ssl_dv_rapidssl"), []int{b}},
		{"container", f("container_id", strconv.Itoa(DocSigningContainerID)), []int{ds}},
		{"certificate_id", f("certificate_id", strconv.Itoa(mustOrder(t, s, b).CertificateID)), []int{b}},
		{"serial_number", f("serial_number", serialA), []int{a}},
		{"disable_renewal_notifications", f("disable_renewal_notifications", "1"), []int{b}},
		{"is_renewed", f("is_renewed", "0"), []int{a, b, ds}},
		{"search contains", f("search", "a.exam"), []int{a}},
		{"date range, both days included", f("date_created", "2026-03-02...2026-03-03"), []int{b, ds}},
		{"date_created on a day", f("date_created", "2026-03-01"), []int{a}},
		{"date_created after", f("date_created", ">2026-03-02"), []int{ds}},
		{"date_created up to", f("date_created", "<=2026-03-02"), []int{a, b}},
		{"valid_till only lists issued orders", f("valid_till", "2026-01-01..."+tillA), []int{a}},
		{"valid_till before issuance lists nothing", f("valid_till", "<2026-03-01"), nil},
		{"two filters combine", f("status", "pending", "product_name_id", "ssl_dv_rapidssl"), []int{b}},
	}
	for _, c := range cases {
		if got := list(c.q); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s (%s): %v, want %v", c.name, c.q.Encode(), got, c.want)
		}
	}

	// issued also lists an order whose issued certificate has expired.
	s.SetNow(start.AddDate(3, 0, 0))
	if got := list(f("status", "issued")); !reflect.DeepEqual(got, []int{a}) {
		t.Errorf("status issued after expiry: %v, want %v", got, []int{a})
	}
	if got := list(f("status", "expired")); !reflect.DeepEqual(got, []int{a}) {
		t.Errorf("status expired: %v, want %v", got, []int{a})
	}

	for _, bad := range []url.Values{
		f("date_created", "2026-13-01"),
		f("date_created", "2026-03-03...2026-03-01"),
		f("id", "abc"),
		f("is_renewed", "yes"),
		f("origin", "elsewhere"),
		f("colour", "red"),
	} {
		r := call(t, s, "GET", "/order/certificate?"+bad.Encode(), s.APIKey(), nil)
		mustStatus(t, r, 400)
		for k := range bad {
			if codes := r.codes(t); len(codes) != 1 || codes[0] != "invalid_value:"+k {
				t.Errorf("%s: codes %v, want invalid_value:%s", bad.Encode(), codes, k)
			}
		}
	}
}

func mustOrder(t *testing.T, s *Server, id int) Order {
	t.Helper()
	o, ok := s.Order(id)
	if !ok {
		t.Fatalf("no order %d", id)
	}
	return o
}
