package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestSubaccountFixturesMatchPage checks that each fixture the sandbox serves
// is the page's example with only the two documented repairs. The page's
// examples are kept verbatim, defects included, in
// testdata/subaccount-order-info (CERTCENTRAL.md, Subaccount order info, gives
// the page's address).
func TestSubaccountFixturesMatchPage(t *testing.T) {
	// repairs[i] turns example i+1 into JSON: the defect as printed on the
	// page and its replacement; examples 1 and 4 are valid as printed.
	repairs := []struct{ defect, fixed string }{
		{},
		{`"cost": <cost>,`, `"cost": 295,`},
		{"\"validity_years\": 1\n\"cs_provisioning_method\"", "\"validity_years\": 1,\n\"cs_provisioning_method\""},
		{},
	}
	fixtures := DocumentedSubaccountExamples()
	if len(fixtures) != len(repairs) {
		t.Fatalf("%d fixtures, want %d (one per example on the page)", len(fixtures), len(repairs))
	}
	for i, r := range repairs {
		name := fmt.Sprintf("testdata/subaccount-order-info/example-%d.txt", i+1)
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		page := string(raw)
		if r.defect == "" {
			if !json.Valid(raw) {
				t.Fatalf("%s: the page prints this example as valid JSON, but the copy is not", name)
			}
		} else {
			if json.Valid(raw) {
				t.Fatalf("%s: the copy is valid JSON, but the page's example has a defect: keep it verbatim", name)
			}
			if n := strings.Count(page, r.defect); n != 1 {
				t.Fatalf("%s: defect %q found %d times, want once", name, r.defect, n)
			}
			page = strings.Replace(page, r.defect, r.fixed, 1)
		}
		var want, got bytes.Buffer
		if err := json.Compact(&want, []byte(page)); err != nil {
			t.Fatalf("%s: still invalid after the documented repair: %v", name, err)
		}
		if err := json.Compact(&got, fixtures[i]); err != nil {
			t.Fatalf("fixture %d: %v", i+1, err)
		}
		if got.String() != want.String() {
			t.Errorf("fixture %d differs from the page's example:\nfixture: %s\npage:    %s", i+1, got.String(), want.String())
		}
	}
}

func TestSubaccountOrderInfo(t *testing.T) {
	s := newTestServer(t, Options{})
	ex := DocumentedSubaccountExamples()
	keysOf := func(t testing.TB, b []byte) []string {
		t.Helper()
		dec := json.NewDecoder(bytes.NewReader(b))
		_, _ = dec.Token()
		var keys []string
		for dec.More() {
			k, _ := dec.Token()
			keys = append(keys, asString(t, k))
			var v json.RawMessage
			_ = dec.Decode(&v)
		}
		return keys
	}
	type tc struct {
		name    string
		example int
		query   string
		absent  []string
		present []string
	}
	cases := []tc{
		{"ex1 plain", 0, "", nil, []string{"certificate", "organization", "number_of_sans"}},
		{"ex2 without validations", 1, "", []string{"subaccount_order_validations"}, nil},
		{"ex2 with validations", 1, "?include_validation_status=true", nil, []string{"subaccount_order_validations"}},
		{"ex3 without provisioning", 2, "", []string{"cs_provisioning_method"}, []string{"order_valid_till"}},
		{"ex3 with provisioning", 2, "?include_cs_provisioning_method=true", nil, []string{"cs_provisioning_method"}},
		{"ex3 both flags", 2, "?include_validation_status=true&include_cs_provisioning_method=true", nil, []string{"cs_provisioning_method"}},
		{"ex4 no certificate", 3, "?include_validation_status=false", []string{"certificate", "organization"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var doc map[string]any
			_ = json.Unmarshal(ex[c.example], &doc)
			id := int(asFloat(t, doc["id"]))
			s.SeedSubaccountOrder(s.APIKey(), id, ex[c.example])
			r := call(t, s, "GET", "/account/subaccount/order/"+strconv.Itoa(id)+c.query, s.APIKey(), nil)
			mustStatus(t, r, 200)
			got := r.json(t)
			for _, k := range c.absent {
				if _, ok := got[k]; ok {
					t.Errorf("%s present", k)
				}
				delete(doc, k)
			}
			for _, k := range c.present {
				if _, ok := got[k]; !ok {
					t.Errorf("%s absent", k)
				}
			}
			if !reflect.DeepEqual(got, doc) {
				t.Fatalf("served\n%s\nwant the example", r.Body)
			}
			// Field order kept.
			var want []string
			for _, k := range keysOf(t, ex[c.example]) {
				if _, ok := got[k]; ok {
					want = append(want, k)
				}
			}
			if !reflect.DeepEqual(keysOf(t, r.Body), want) {
				t.Fatalf("key order %v, want %v", keysOf(t, r.Body), want)
			}
		})
	}
	t.Run("defaults seeded", func(t *testing.T) {
		s := newTestServer(t, Options{})
		mustStatus(t, call(t, s, "GET", "/account/subaccount/order/123456", s.APIKey(), nil), 200)
		r := call(t, s, "GET", "/account/subaccount/order/12345678?include_validation_status=true", s.APIKey(), nil)
		mustStatus(t, r, 200)
		if _, ok := r.json(t)["subaccount_order_validations"]; !ok {
			t.Fatal("example 2 not seeded")
		}
	})
	t.Run("not found", func(t *testing.T) {
		r := call(t, s, "GET", "/account/subaccount/order/42", s.APIKey(), nil)
		mustStatus(t, r, 404)
		if r.codes(t)[0] != "not_found|order" {
			t.Fatal(r.codes(t))
		}
		// Another account does not see the seeded documents.
		mustStatus(t, call(t, s, "GET", "/account/subaccount/order/123456", s.NewAccount(false), nil), 404)
		// An order of the account itself is not a subaccount order.
		id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
		mustStatus(t, call(t, s, "GET", "/account/subaccount/order/"+strconv.Itoa(id), s.APIKey(), nil), 404)
		mustStatus(t, call(t, s, "GET", "/account/subaccount/order/123456?include_validation_status=maybe", s.APIKey(), nil), 400)
	})
	t.Run("orders of a real subaccount", func(t *testing.T) {
		sub, err := s.NewSubaccount(s.APIKey(), "retail")
		if err != nil {
			t.Fatal(err)
		}
		r := call(t, s, "POST", "/order/certificate/ssl_dv_geotrust", sub, dvBody(t, "dns-txt-token", "example.com", "www.example.com"))
		mustStatus(t, r, http.StatusCreated)
		id := int(asFloat(t, r.json(t)["id"]))
		// The subaccount itself cannot use the endpoint for its own order.
		mustStatus(t, call(t, s, "GET", "/account/subaccount/order/"+strconv.Itoa(id), sub, nil), 404)
		m := call(t, s, "GET", "/account/subaccount/order/"+strconv.Itoa(id)+"?include_validation_status=true&include_cs_provisioning_method=true", s.APIKey(), nil).json(t)
		if m["status"] != "pending" || asMap(t, m["subaccount"])["account_type"] != "retail" || m["certificate"] == nil || m["cs_provisioning_method"] != "email" {
			t.Fatalf("doc %v", m)
		}
		v := asMap(t, m["subaccount_order_validations"])
		if v["order_dcv_method"] != "dns-txt-token" || len(asSlice(t, v["dns_name_validations"])) != 2 {
			t.Fatalf("validations %v", v)
		}
		m = call(t, s, "GET", "/account/subaccount/order/"+strconv.Itoa(id), s.APIKey(), nil).json(t)
		if _, ok := m["subaccount_order_validations"]; ok {
			t.Fatal("validations without flag")
		}
	})
}

func TestAdminEndpoints(t *testing.T) {
	s := newTestServer(t, Options{})
	admin := func(method, path, body string) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, s.AdminURL()+path, strings.NewReader(body))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(res.Body)
		return res.StatusCode, buf.Bytes()
	}
	id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "dns-txt-token", "example.com"))
	o, _ := s.Order(id)
	if st, _ := admin("POST", "/dns", `{"type":"TXT","name":"example.com","value":"`+o.DCVRandomValue+`"}`); st != 200 {
		t.Fatal(st)
	}
	mustStatus(t, call(t, s, "PUT", orderPath(id, "/check-dcv"), s.APIKey(), nil), 200)
	if st, _ := admin("DELETE", "/dns", `{"type":"TXT","name":"example.com","value":"`+o.DCVRandomValue+`"}`); st != 200 || len(s.DNSRecords("TXT", "example.com")) != 0 {
		t.Fatal("dns delete")
	}
	hid := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "http-token", "www.example.com"))
	ho, _ := s.Order(hid)
	admin("POST", "/http-files", `{"url":"`+DCVFileURL("www.example.com")+`","body":"`+ho.DCVRandomValue+`"}`)
	mustStatus(t, call(t, s, "PUT", orderPath(hid, "/check-dcv"), s.APIKey(), nil), 200)
	eid := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
	if st, b := admin("POST", "/orders/"+strconv.Itoa(eid)+"/approve-email", ""); st != 200 || !bytes.Contains(b, []byte(`"Status":"issued"`)) {
		t.Fatalf("%d %s", st, b)
	}
	did := placeOrder(t, s, "document_signing_org_1", docDSExample)
	if st, _ := admin("POST", "/orders/"+strconv.Itoa(did)+"/issue", ""); st != 200 {
		t.Fatal(st)
	}
	if st, _ := admin("POST", "/clock", `{"advance":"720h"}`); st != 200 || !s.Now().Equal(testNow.Add(720*60*60*1e9)) {
		t.Fatal("advance")
	}
	if st, _ := admin("POST", "/clock", `{"now":"2027-01-01T00:00:00Z"}`); st != 200 || s.Now().Year() != 2027 {
		t.Fatal("set now")
	}
	st, b := admin("GET", "/orders", "")
	var orders []Order
	if st != 200 || json.Unmarshal(b, &orders) != nil || len(orders) != 4 {
		t.Fatalf("%d %s", st, b)
	}
	if st, _ := admin("POST", "/faults", `{"kind":"status","status":503,"count":1}`); st != 200 {
		t.Fatal(st)
	}
	mustStatus(t, call(t, s, "GET", "/order/certificate", s.APIKey(), nil), 503)
	if st, _ := admin("POST", "/orders/999/issue", ""); st != 400 {
		t.Fatal(st)
	}
}

func TestSeedDemo(t *testing.T) {
	s := newTestServer(t, Options{})
	sub, orders, err := s.SeedDemo()
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[string]int{}
	for _, o := range orders {
		statuses[o.Status]++
	}
	if statuses[StatusIssued] < 3 || statuses[StatusPending] < 2 || statuses[StatusNeedsApproval] != 1 || statuses[StatusCanceled] != 1 {
		t.Fatalf("statuses %v", statuses)
	}
	last := orders[len(orders)-1]
	mustStatus(t, call(t, s, "GET", "/account/subaccount/order/"+strconv.Itoa(last.ID), s.APIKey(), nil), 200)
	mustStatus(t, call(t, s, "GET", "/order/certificate/"+strconv.Itoa(last.ID), sub, nil), 200)
}
