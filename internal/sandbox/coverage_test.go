package sandbox

import (
	"net/http"
	"reflect"
	"testing"
	"time"
)

// issuedOrder places a DV order with dns-txt-token and completes its DCV.
func issuedOrder(t *testing.T, s *Server, product string, body map[string]any) int {
	t.Helper()
	id := placeOrder(t, s, product, body)
	if err := s.CompleteDCV(id); err != nil {
		t.Fatal(err)
	}
	if o, _ := s.Order(id); o.Status != StatusIssued {
		t.Fatalf("order %d is %s, want issued", id, o.Status)
	}
	return id
}

func orderInfo(t *testing.T, s *Server, id int) map[string]any {
	t.Helper()
	r := call(t, s, "GET", orderPath(id, ""), s.APIKey(), nil)
	mustStatus(t, r, http.StatusOK)
	return r.json(t)
}

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

func TestCoverageOrderValidityTwoYears(t *testing.T) {
	s := newTestServer(t, Options{})
	b := set(dvBody(t, "dns-txt-token", "example.com"), "validity_years", deleteField)
	set(b, "order_validity", map[string]any{"years": 2})
	id := issuedOrder(t, s, "ssl_dv_geotrust", b)
	o, _ := s.Order(id)
	if !o.ValidTill.Equal(testNow.Add(days(199))) {
		t.Fatalf("certificate valid till %s, want 199 days", o.ValidTill)
	}
	if !o.OrderValidTill.Equal(testNow.AddDate(2, 0, 0)) || !o.IsMultiYearPlan {
		t.Fatalf("coverage till %s multi-year %v, want 2 years, true", o.OrderValidTill, o.IsMultiYearPlan)
	}
	info := orderInfo(t, s, id)
	if !reflect.DeepEqual(info["order_validity"], map[string]any{"years": float64(2)}) || info["is_multi_year_plan"] != "1" {
		t.Fatalf("order_validity %v is_multi_year_plan %v", info["order_validity"], info["is_multi_year_plan"])
	}
	if info["order_valid_till"] != "2028-03-10" || asMap(t, info["certificate"])["valid_till"] != "2026-09-25" {
		t.Fatalf("order_valid_till %v certificate.valid_till %v", info["order_valid_till"], asMap(t, info["certificate"])["valid_till"])
	}
	list := call(t, s, "GET", "/order/certificate", s.APIKey(), nil).json(t)
	item := asMap(t, asSlice(t, list["orders"])[0])
	if item["is_multi_year_plan"] != "1" || item["order_valid_till"] != "2028-03-10" ||
		!reflect.DeepEqual(item["order_validity"], map[string]any{"years": float64(2)}) {
		t.Fatalf("listed order %v", item)
	}
}

func TestCoverageSeedFieldsKeepWorking(t *testing.T) {
	s := newTestServer(t, Options{})
	one := issuedOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
	info := orderInfo(t, s, one)
	if _, ok := info["is_multi_year_plan"]; ok {
		t.Fatalf("a one-year order is not a Multi-year Plan: %v", info["is_multi_year_plan"])
	}
	if !reflect.DeepEqual(info["order_validity"], map[string]any{"years": float64(1)}) || info["order_valid_till"] != "2027-03-10" {
		t.Fatalf("order_validity %v order_valid_till %v", info["order_validity"], info["order_valid_till"])
	}
	two := issuedOrder(t, s, "ssl_dv_geotrust", set(dvBody(t, "email", "example.com"), "validity_years", 2))
	if o, _ := s.Order(two); !o.IsMultiYearPlan || !o.ValidTill.Equal(testNow.Add(days(199))) {
		t.Fatalf("validity_years 2: multi-year %v, certificate till %s", o.IsMultiYearPlan, o.ValidTill)
	}
	// validity_days shorter than the cap sets both.
	short := issuedOrder(t, s, "ssl_dv_geotrust", set(set(dvBody(t, "email", "example.com"), "validity_years", deleteField), "validity_days", 120))
	if o, _ := s.Order(short); !o.ValidTill.Equal(o.OrderValidTill) || !o.ValidTill.Equal(testNow.Add(days(120))) {
		t.Fatalf("validity_days 120: certificate %s coverage %s", o.ValidTill, o.OrderValidTill)
	}
	if info := orderInfo(t, s, short); !reflect.DeepEqual(info["order_validity"], map[string]any{"days": float64(120)}) {
		t.Fatalf("order_validity %v", info["order_validity"])
	}
}

func TestCoverageOrderValidityRules(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, tc := range []struct {
		name  string
		ov    any
		codes []string
	}{
		{"four years", map[string]any{"years": 4}, []string{"invalid_value:order_validity.years"}},
		{"zero years", map[string]any{"years": 0}, []string{"invalid_value:order_validity.years"}},
		{"1096 days", map[string]any{"days": 1096}, []string{"invalid_value:order_validity.days"}},
		{"date past three years", map[string]any{"custom_expiration_date": "2029-03-11"}, []string{"invalid_value:order_validity.custom_expiration_date"}},
		{"date in the past", map[string]any{"custom_expiration_date": "2026-03-01"}, []string{"invalid_value:order_validity.custom_expiration_date"}},
		{"empty object", map[string]any{}, []string{"missing_field:order_validity.years"}},
		{"not an object", 2, []string{"bad_request_format"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := set(dvBody(t, "email", "example.com"), "validity_years", deleteField)
			b["order_validity"] = tc.ov
			r := call(t, s, "POST", "/order/certificate/ssl_dv_geotrust", s.APIKey(), b)
			mustStatus(t, r, http.StatusBadRequest)
			if got := r.codes(t); !reflect.DeepEqual(got, tc.codes) {
				t.Fatalf("codes %v, want %v", got, tc.codes)
			}
		})
	}
	// Both date formats; order_validity wins over the root fields (choice).
	for _, date := range []string{"2028-06-30", "30 JUN 2028"} {
		b := set(dvBody(t, "email", "example.com"), "order_validity", map[string]any{"custom_expiration_date": date})
		id := issuedOrder(t, s, "ssl_dv_geotrust", b)
		if o, _ := s.Order(id); !o.OrderValidTill.Equal(time.Date(2028, 6, 30, 23, 59, 59, 0, time.UTC)) {
			t.Fatalf("%q: coverage till %s", date, o.OrderValidTill)
		}
	}
}

func TestCoverageWithoutMultiYearPlans(t *testing.T) {
	s := newTestServer(t, Options{NoMultiYearPlans: true})
	for _, tc := range []struct {
		name  string
		body  map[string]any
		codes []string
	}{
		{"validity_years 2", set(dvBody(t, "email", "example.com"), "validity_years", 2), []string{"invalid_value:validity_years"}},
		{"validity_days 400", set(set(dvBody(t, "email", "example.com"), "validity_years", deleteField), "validity_days", 400), []string{"invalid_value:validity_days"}},
		{"custom date past a year", set(dvBody(t, "email", "example.com"), "custom_expiration_date", "2027-06-01"), []string{"invalid_value:custom_expiration_date"}},
		{"order_validity 2 years", set(dvBody(t, "email", "example.com"), "order_validity", map[string]any{"years": 2}), []string{"invalid_value:order_validity.years"}},
		{"order_validity 398 days", set(dvBody(t, "email", "example.com"), "order_validity", map[string]any{"days": 398}), []string{"invalid_value:order_validity.days"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, s, "POST", "/order/certificate/ssl_dv_geotrust", s.APIKey(), tc.body)
			mustStatus(t, r, http.StatusBadRequest)
			if got := r.codes(t); !reflect.DeepEqual(got, tc.codes) {
				t.Fatalf("codes %v, want %v", got, tc.codes)
			}
		})
	}
	// One year: coverage of a year, a 199-day certificate, reissued later.
	id := issuedOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
	if o, _ := s.Order(id); o.IsMultiYearPlan || !o.OrderValidTill.Equal(testNow.AddDate(1, 0, 0)) || !o.ValidTill.Equal(testNow.Add(days(199))) {
		t.Fatalf("one-year order: multi-year %v coverage %s certificate %s", o.IsMultiYearPlan, o.OrderValidTill, o.ValidTill)
	}
	// The account setting can be changed per account.
	if err := s.SetMultiYearPlans(s.APIKey(), true); err != nil {
		t.Fatal(err)
	}
	placeOrder(t, s, "ssl_dv_geotrust", set(dvBody(t, "email", "example.com"), "validity_years", 2))
	other := s.NewAccount(false)
	r := call(t, s, "POST", "/order/certificate/ssl_dv_geotrust", other, set(dvBody(t, "email", "example.com"), "validity_years", 2))
	mustStatus(t, r, http.StatusBadRequest)
}

func TestCertValidity(t *testing.T) {
	s := newTestServer(t, Options{})
	b := set(dvBody(t, "email", "example.com"), "order_validity", map[string]any{"years": 2})
	set(b, "certificate.cert_validity", map[string]any{"days": 90})
	id := issuedOrder(t, s, "ssl_dv_geotrust", b)
	if o, _ := s.Order(id); !o.ValidTill.Equal(testNow.Add(days(90))) || o.CertValidityDays != 90 {
		t.Fatalf("certificate till %s (cert_validity %d), want 90 days", o.ValidTill, o.CertValidityDays)
	}
	if cv := asMap(t, orderInfo(t, s, id)["certificate"])["cert_validity"]; !reflect.DeepEqual(cv, map[string]any{"days": float64(90)}) {
		t.Fatalf("certificate.cert_validity %v", cv)
	}
	for _, tc := range []struct {
		name  string
		body  map[string]any
		codes []string
	}{
		{"longer than the cap", set(dvBody(t, "email", "example.com"), "certificate.cert_validity", map[string]any{"days": 200}), []string{"invalid_value:certificate.cert_validity.days"}},
		{"years", set(dvBody(t, "email", "example.com"), "certificate.cert_validity", map[string]any{"years": 1}), []string{"invalid_value:certificate.cert_validity.years"}},
		{"longer than the order", set(set(set(dvBody(t, "email", "example.com"), "validity_years", deleteField), "validity_days", 100),
			"certificate.cert_validity", map[string]any{"days": 150}), []string{"cert_validity_exceeds_order_validity"}},
		{"date past the order", set(set(dvBody(t, "email", "example.com"), "order_validity", map[string]any{"days": 30}),
			"certificate.cert_validity", map[string]any{"custom_expiration_date": "2026-05-01"}), []string{"cert_validity_exceeds_order_validity"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, s, "POST", "/order/certificate/ssl_dv_geotrust", s.APIKey(), tc.body)
			mustStatus(t, r, http.StatusBadRequest)
			if got := r.codes(t); !reflect.DeepEqual(got, tc.codes) {
				t.Fatalf("codes %v, want %v", got, tc.codes)
			}
		})
	}
}

func TestMaxCertDaysEras(t *testing.T) {
	for _, maxDays := range []int{100, 47} {
		s := newTestServer(t, Options{MaxCertDays: maxDays})
		id := issuedOrder(t, s, "ssl_dv_geotrust", set(dvBody(t, "email", "example.com"), "validity_years", 2))
		if o, _ := s.Order(id); !o.ValidTill.Equal(testNow.Add(days(maxDays))) || !o.OrderValidTill.Equal(testNow.AddDate(2, 0, 0)) {
			t.Fatalf("cap %d: certificate %s coverage %s", maxDays, o.ValidTill, o.OrderValidTill)
		}
		r := call(t, s, "POST", "/order/certificate/ssl_dv_geotrust", s.APIKey(),
			set(dvBody(t, "email", "example.com"), "certificate.cert_validity", map[string]any{"days": maxDays + 1}))
		mustStatus(t, r, http.StatusBadRequest)
	}
}

func TestStatusChangedTime(t *testing.T) {
	s := newTestServer(t, Options{})
	id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
	if o, _ := s.Order(id); !o.StatusChanged.Equal(testNow) {
		t.Fatalf("status changed at %s", o.StatusChanged)
	}
	s.Advance(time.Hour)
	if err := s.CompleteDCV(id); err != nil {
		t.Fatal(err)
	}
	if o, _ := s.Order(id); o.Status != StatusIssued || !o.StatusChanged.Equal(testNow.Add(time.Hour)) {
		t.Fatalf("%s changed at %s", o.Status, o.StatusChanged)
	}
}
