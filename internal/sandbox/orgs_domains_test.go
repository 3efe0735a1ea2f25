package sandbox

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// orgExample is the Create organization page's example request.
const orgExample = `{
  "name": "DigiCert Inc",
  "assumed_name": "DigiCert",
  "address": "2801 N Thanksgiving Way",
  "address2": "Suite 500",
  "zip": "84043",
  "city": "Lehi",
  "state": "Utah",
  "country": "us",
  "telephone": "801-701-9600",
  "organization_contact": {
    "first_name": "Jill",
    "last_name": "Valentine",
    "job_title": "STAR Member",
    "email": "jill.valentine@digicert.com",
    "telephone": "801-701-9600"
  }
}`

func createOrg(t *testing.T, s *Server, body any) int {
	t.Helper()
	r := call(t, s, "POST", "/organization", s.APIKey(), body)
	mustStatus(t, r, http.StatusCreated)
	if got := string(r.Body); got != `{"id":`+strconv.Itoa(int(asFloat(t, r.json(t)["id"])))+`}` {
		t.Fatalf("create answer %s, want only the id", got)
	}
	return int(asFloat(t, r.json(t)["id"]))
}

func TestOrganizationCreateInfoValidate(t *testing.T) {
	s := newTestServer(t, Options{})
	id := createOrg(t, s, orgExample)

	r := call(t, s, "POST", "/organization/"+strconv.Itoa(id)+"/validation", s.APIKey(),
		`{"validations":[{"type":"ov"},{"type":"ev","verified_users":[{"id":`+strconv.Itoa(DefaultUserID)+`}]}]}`)
	mustStatus(t, r, http.StatusNoContent)

	info := call(t, s, "GET", "/organization/"+strconv.Itoa(id), s.APIKey(), nil)
	mustStatus(t, info, http.StatusOK)
	var got orgInfoJSON
	if err := json.Unmarshal(info.Body, &got); err != nil {
		t.Fatal(err)
	}
	if got.DisplayName != "DigiCert Inc (DigiCert)" || got.State != "Utah" || got.OrganizationContact.Email != "jill.valentine@digicert.com" {
		t.Fatalf("info: %s", info.Body)
	}
	if len(got.Validations) != 2 || got.Validations[0].Status != "pending" || got.Validations[0].ValidatedUntil != "" {
		t.Fatalf("validations before completion: %+v", got.Validations)
	}

	if err := s.ValidateOrganization(id, "ov"); err != nil {
		t.Fatal(err)
	}
	s.Advance(396 * 24 * time.Hour)
	v := call(t, s, "GET", "/organization/"+strconv.Itoa(id)+"/validation", s.APIKey(), nil).json(t)
	vals := asSlice(t, v["validations"])
	ov := asMap(t, vals[0])
	if ov["type"] != "ov" || ov["status"] != "active" || ov["validated_until"] != fmtDateTime(testNow.AddDate(0, 0, 397)) {
		t.Fatalf("ov validation after 396 days: %v", ov)
	}
	if ev := asMap(t, vals[1]); ev["status"] != "pending" {
		t.Fatalf("ev validation: %v", ev)
	}
	s.Advance(2 * 24 * time.Hour)
	ov = asMap(t, asSlice(t, call(t, s, "GET", "/organization/"+strconv.Itoa(id)+"/validation", s.APIKey(), nil).json(t)["validations"])[0])
	if ov["status"] != "expired" {
		t.Fatalf("ov validation after 398 days: %v", ov)
	}

	list := call(t, s, "GET", "/organization", s.APIKey(), nil).json(t)
	if asFloat(t, asMap(t, list["page"])["total"]) != 2 { // the seed organization and ours
		t.Fatalf("list: %v", list)
	}
}

func TestOrganizationValidationDelay(t *testing.T) {
	s := newTestServer(t, Options{OrgValidationDelay: 48 * time.Hour})
	id := createOrg(t, s, set(mustMap(t, orgExample), "validations", []any{map[string]any{"type": "ov"}}))
	status := func() string {
		v := call(t, s, "GET", "/organization/"+strconv.Itoa(id)+"/validation", s.APIKey(), nil).json(t)
		return asString(t, asMap(t, asSlice(t, v["validations"])[0])["status"])
	}
	s.Advance(47 * time.Hour)
	if got := status(); got != "pending" {
		t.Fatalf("after 47 h: %s", got)
	}
	s.Advance(time.Hour)
	if got := status(); got != "active" {
		t.Fatalf("after 48 h: %s", got)
	}
}

func mustMap(t *testing.T, js string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestOrganizationCreateRefusals(t *testing.T) {
	s := newTestServer(t, Options{})
	cases := []struct {
		name  string
		body  map[string]any
		codes []string
	}{
		{"state abbreviated", set(mustMap(t, orgExample), "state", "UT"), []string{"invalid_value:state"}},
		{"name and assumed name over 61", set(set(mustMap(t, orgExample), "name", "An Organization Name That Is Long Enough"), "assumed_name", "And A Long Doing Business As"), []string{"invalid_value:assumed_name"}},
		{"country not alpha-2", set(mustMap(t, orgExample), "country", "usa"), []string{"invalid_value:country"}},
		{"zip missing", set(mustMap(t, orgExample), "zip", deleteField), []string{"missing_field:zip"}},
		{"ev without verified users", set(mustMap(t, orgExample), "validations", []any{map[string]any{"type": "ev"}}), []string{"missing_field:validations.verified_users"}},
		{"unknown validation type", set(mustMap(t, orgExample), "validations", []any{map[string]any{"type": "evcs"}}), []string{"invalid_value:validations.type"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := call(t, s, "POST", "/organization", s.APIKey(), c.body)
			mustStatus(t, r, http.StatusBadRequest)
			if got := r.codes(t); !reflect.DeepEqual(got, c.codes) {
				t.Fatalf("codes %v, want %v", got, c.codes)
			}
		})
	}
	createOrg(t, s, orgExample)
	dup := call(t, s, "POST", "/organization", s.APIKey(), orgExample)
	mustStatus(t, dup, http.StatusBadRequest)
	if got := dup.codes(t); !reflect.DeepEqual(got, []string{"duplicate_organization"}) {
		t.Fatalf("duplicate: %v", got)
	}
	createOrg(t, s, set(mustMap(t, orgExample), "skip_duplicate_org_check", true))
}

// addDomain adds name to org with method and returns the answer.
func addDomain(t *testing.T, s *Server, org int, name, method string, types ...string) map[string]any {
	t.Helper()
	var vals []any
	for _, ty := range types {
		vals = append(vals, map[string]any{"type": ty})
	}
	r := call(t, s, "POST", "/domain", s.APIKey(), map[string]any{
		"name": name, "organization": map[string]any{"id": org}, "validations": vals, "dcv_method": method})
	mustStatus(t, r, http.StatusCreated)
	return r.json(t)
}

func TestDomainTXTValidationAndReuseSchedule(t *testing.T) {
	s := newTestServer(t, Options{})
	org := createOrg(t, s, orgExample)
	added := addDomain(t, s, org, "www.example.com", "dns-txt-token", "ov")
	id := strconv.Itoa(int(asFloat(t, added["id"])))
	tok := asMap(t, added["dcv_token"])
	token := asString(t, tok["token"])
	if tok["status"] != "pending" || tok["expiration_date"] != fmtDateTime(testNow.Add(dcvValueLifetime)) {
		t.Fatalf("dcv_token: %v", tok)
	}

	// Not published yet: the documented failure code.
	r := call(t, s, "PUT", "/domain/"+id+"/dcv/validate-token", s.APIKey(), nil)
	mustStatus(t, r, http.StatusBadRequest)
	if got := r.codes(t); !reflect.DeepEqual(got, []string{"invalid_dns_txt"}) {
		t.Fatalf("codes %v", got)
	}
	// www. was stripped (keep_www false): the record goes at example.com.
	s.PublishDNS("TXT", "example.com", token)
	r = call(t, s, "PUT", "/domain/"+id+"/dcv/validate-token", s.APIKey(), nil)
	mustStatus(t, r, http.StatusOK)
	if got := string(r.Body); got != `{"token":"`+token+`","status":"active"}` {
		t.Fatalf("validate-token answer %s", got)
	}

	info := call(t, s, "GET", "/domain/"+id+"?include_dcv=true&include_validation=true", s.APIKey(), nil).json(t)
	// DCV of 2026-03-10: 199 days, then the 100-day step of 2027-03-15
	// does not shorten it (it ends before).
	want := fmtDateTime(testNow.AddDate(0, 0, 199))
	if info["name"] != "example.com" || info["dcv_expiration_datetime"] != want {
		t.Fatalf("info: %v", info)
	}
	v := asMap(t, asSlice(t, info["validations"])[0])
	if v["dcv_status"] != "active" || v["org_status"] != "pending" || v["status"] != "pending" {
		t.Fatalf("validation before org validation: %v", v)
	}
	s.Advance(199*24*time.Hour + time.Second)
	info = call(t, s, "GET", "/domain/"+id+"?include_validation=true", s.APIKey(), nil).json(t)
	if v := asMap(t, asSlice(t, info["validations"])[0]); v["dcv_status"] != "expired" {
		t.Fatalf("after 199 days: %v", v)
	}
}

func TestDCVReuseEndSchedule(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	plus := func(t time.Time, days int) time.Time { return t.AddDate(0, 0, days) }
	cases := []struct{ approved, want time.Time }{
		{d(2020, 1, 1), plus(d(2020, 1, 1), 397)},
		{d(2025, 6, 1), d(2026, 2, 24)},             // 268 days old when the 199-day rule starts
		{d(2025, 10, 1), plus(d(2025, 10, 1), 199)}, // 397 would pass 2026-02-24: 199 days
		{d(2026, 3, 10), plus(d(2026, 3, 10), 199)}, // ends before 2027-03-15
		{d(2026, 12, 1), d(2027, 3, 15)},            // 104 days old when the 100-day rule starts
		{d(2027, 1, 10), plus(d(2027, 1, 10), 100)}, // 2027-04-20
		{d(2027, 3, 15), plus(d(2027, 3, 15), 100)}, // the step's first day
		{d(2028, 12, 1), plus(d(2028, 12, 1), 100)}, // 2029-03-11, before the 10-day rule
		{d(2028, 12, 10), d(2029, 3, 15)},           // 95 days old when the 10-day rule starts
		{d(2029, 3, 1), d(2029, 3, 15)},             // 14 days old then
		{d(2029, 6, 1), plus(d(2029, 6, 1), 10)},    // 10 days
	}
	for _, c := range cases {
		if got := DCVReuseEnd(c.approved); !got.Equal(c.want) {
			t.Errorf("DCVReuseEnd(%s) = %s, want %s", c.approved.Format(time.DateTime), got.Format(time.DateTime), c.want.Format(time.DateTime))
		}
	}
}

func TestDomainCNAMEAndHTTPAndMethodChange(t *testing.T) {
	s := newTestServer(t, Options{})
	org := createOrg(t, s, orgExample)
	added := addDomain(t, s, org, "example.org", "dns-cname-token", "ov", "ev")
	id := strconv.Itoa(int(asFloat(t, added["id"])))
	tok := asMap(t, added["dcv_token"])
	if tok["verification_value"] != "dcv.digicert.com" {
		t.Fatalf("cname token: %v", tok)
	}
	s.PublishDNS("CNAME", "_dnsauth.example.org", DCVCNAMETarget(asString(t, tok["token"])))
	mustStatus(t, call(t, s, "PUT", "/domain/"+id+"/dcv/validate-token", s.APIKey(), nil), http.StatusOK)

	// Same method: {}.
	r := call(t, s, "PUT", "/domain/"+id+"/dcv/method", s.APIKey(), `{"dcv_method":"dns-cname-token"}`)
	mustStatus(t, r, http.StatusOK)
	if string(r.Body) != `{}` {
		t.Fatalf("same method: %s", r.Body)
	}
	// To http-token: a dcv_token with the file URL; POST .../dcv/token gives a new one.
	r = call(t, s, "PUT", "/domain/"+id+"/dcv/method", s.APIKey(), `{"dcv_method":"http-token"}`)
	mustStatus(t, r, http.StatusOK)
	if got := asMap(t, r.json(t)["dcv_token"])["http_token_url"]; got != "http://example.org/.well-known/pki-validation/fileauth.txt" {
		t.Fatalf("http token url %v", got)
	}
	s.PublishHTTPFile(DCVFileURL("example.org"), "stale")
	// A submission for revalidation starts DCV again (the current DCV
	// counts only until then).
	mustStatus(t, call(t, s, "POST", "/domain/"+id+"/validation", s.APIKey(), nil), http.StatusNoContent)
	s.Advance(200 * 24 * time.Hour)
	r = call(t, s, "PUT", "/domain/"+id+"/dcv/validate-token", s.APIKey(), nil)
	mustStatus(t, r, http.StatusBadRequest)
	if got := r.codes(t); !reflect.DeepEqual(got, []string{"file_random_value_not_found"}) {
		t.Fatalf("codes %v", got)
	}
	nt := call(t, s, "POST", "/domain/"+id+"/dcv/token", s.APIKey(), nil)
	mustStatus(t, nt, http.StatusOK)
	s.PublishHTTPFile(DCVFileURL("example.org"), asString(t, nt.json(t)["token"]))
	mustStatus(t, call(t, s, "PUT", "/domain/"+id+"/dcv/validate-token", s.APIKey(), nil), http.StatusOK)
	if d, _ := s.Domain(int(asFloat(t, added["id"]))); !d.Approved.Equal(s.Now()) {
		t.Fatalf("approved %s, want now", d.Approved)
	}

	// Email: the token endpoints refuse it.
	r = call(t, s, "PUT", "/domain/"+id+"/dcv/method", s.APIKey(), `{"dcv_method":"email","send_dcv_email_flag":false}`)
	mustStatus(t, r, http.StatusOK)
	if asMap(t, r.json(t)["validation_emails"])["name_scope"] != "example.org" {
		t.Fatalf("email answer %s", r.Body)
	}
	r = call(t, s, "POST", "/domain/"+id+"/dcv/token", s.APIKey(), nil)
	mustStatus(t, r, http.StatusBadRequest)
	if got := r.codes(t); !reflect.DeepEqual(got, []string{"invalid_dcv_method"}) {
		t.Fatalf("codes %v", got)
	}
}

func TestDomainAddRefusals(t *testing.T) {
	s := newTestServer(t, Options{})
	org := createOrg(t, s, orgExample)
	cases := []struct {
		name  string
		body  string
		codes []string
	}{
		{"no validations", `{"name":"example.com","organization":{"id":` + strconv.Itoa(org) + `},"validations":[],"dcv_method":"email"}`, []string{"invalid_value:validations"}},
		{"public suffix", `{"name":"co.uk","organization":{"id":` + strconv.Itoa(org) + `},"validations":[{"type":"ov"}],"dcv_method":"email"}`, []string{"invalid_value:name"}},
		{"ip address", `{"name":"192.0.2.1","organization":{"id":` + strconv.Itoa(org) + `},"validations":[{"type":"ov"}],"dcv_method":"email"}`, []string{"invalid_value:name"}},
		{"unknown org", `{"name":"example.com","organization":{"id":1},"validations":[{"type":"ov"}],"dcv_method":"email"}`, []string{"invalid_value:organization.id"}},
		{"bad method", `{"name":"example.com","organization":{"id":` + strconv.Itoa(org) + `},"validations":[{"type":"ov"}],"dcv_method":"txt"}`, []string{"invalid_value:dcv_method"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := call(t, s, "POST", "/domain", s.APIKey(), c.body)
			mustStatus(t, r, http.StatusBadRequest)
			if got := r.codes(t); !reflect.DeepEqual(got, c.codes) {
				t.Fatalf("codes %v, want %v", got, c.codes)
			}
		})
	}
	addDomain(t, s, org, "example.com", "email", "ov")
	r := call(t, s, "POST", "/domain", s.APIKey(), `{"name":"example.com","organization":{"id":`+strconv.Itoa(org)+`},"validations":[{"type":"ov"}],"dcv_method":"email"}`)
	mustStatus(t, r, http.StatusBadRequest)
	if got := r.codes(t); !reflect.DeepEqual(got, []string{"duplicate_domain"}) {
		t.Fatalf("duplicate: %v", got)
	}
	list := call(t, s, "GET", "/domain?filters[search]=example", s.APIKey(), nil).json(t)
	if asFloat(t, asMap(t, list["page"])["total"]) != 1 {
		t.Fatalf("list: %v", list)
	}
}

func TestAdminValidatesOrganizationsAndDomains(t *testing.T) {
	s := newTestServer(t, Options{})
	org := createOrg(t, s, set(mustMap(t, orgExample), "validations", []any{map[string]any{"type": "ov"}}))
	dom := int(asFloat(t, addDomain(t, s, org, "example.com", "email", "ov")["id"]))
	admin := func(path, body string) int {
		req, _ := http.NewRequest("POST", s.AdminURL()+path, strings.NewReader(body))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if st := admin("/organizations/"+strconv.Itoa(org)+"/validate", `{"types":["ev"]}`); st != http.StatusBadRequest {
		t.Fatalf("validating a type never submitted: %d", st)
	}
	if st := admin("/organizations/"+strconv.Itoa(org)+"/validate", `{"types":["ov"]}`); st != http.StatusOK {
		t.Fatalf("organization: %d", st)
	}
	if st := admin("/domains/"+strconv.Itoa(dom)+"/validate", ``); st != http.StatusOK {
		t.Fatalf("domain: %d", st)
	}
	info := call(t, s, "GET", "/domain/"+strconv.Itoa(dom)+"?include_validation=true", s.APIKey(), nil).json(t)
	if v := asMap(t, asSlice(t, info["validations"])[0]); v["status"] != "active" {
		t.Fatalf("after admin validation: %v", v)
	}
}

func TestPrevalidatedOrganizationAndSeedDemoOV(t *testing.T) {
	s := newTestServer(t, Options{})
	_, orders, err := s.SeedDemo()
	if err != nil {
		t.Fatal(err)
	}
	var ov *DemoOrder
	for i := range orders {
		if orders[i].Product == "ssl_basic" {
			ov = &orders[i]
		}
	}
	if ov == nil || ov.Status != StatusIssued {
		t.Fatalf("demo OV order %+v", ov)
	}
	_, _, err = s.PrevalidatedOrganization(s.APIKey(), []byte(`{"name":"x"}`), []string{"ov"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
		t.Fatalf("a refused body: %v", err)
	}
}

func TestDomainRevalidationWhileCurrent(t *testing.T) {
	s := newTestServer(t, Options{})
	org := createOrg(t, s, orgExample)
	added := addDomain(t, s, org, "example.com", "dns-txt-token", "ov")
	id := strconv.Itoa(int(asFloat(t, added["id"])))
	token := asString(t, asMap(t, added["dcv_token"])["token"])
	s.PublishDNS("TXT", "example.com", token)
	mustStatus(t, call(t, s, "PUT", "/domain/"+id+"/dcv/validate-token", s.APIKey(), nil), http.StatusOK)
	s.Advance(150 * 24 * time.Hour)
	// Revalidate before the 199 days run out: pending, yet still current.
	mustStatus(t, call(t, s, "POST", "/domain/"+id+"/validation", s.APIKey(), `{"validations":[{"type":"ov"}]}`), http.StatusNoContent)
	info := call(t, s, "GET", "/domain/"+id+"?include_dcv=true", s.APIKey(), nil).json(t)
	if info["is_pending_validation"] != true || info["status"] != "active" || info["dcv_expiration_datetime"] != fmtDateTime(testNow.AddDate(0, 0, 199)) {
		t.Fatalf("pending revalidation %v", info)
	}
	// The token expired (30 days): the record must hold the new one.
	newTok := asString(t, asMap(t, info["dcv_token"])["token"])
	if newTok == token {
		t.Fatal("the expired token was kept")
	}
	r := call(t, s, "PUT", "/domain/"+id+"/dcv/validate-token", s.APIKey(), nil)
	mustStatus(t, r, http.StatusBadRequest)
	s.PublishDNS("TXT", "example.com", newTok)
	mustStatus(t, call(t, s, "PUT", "/domain/"+id+"/dcv/validate-token", s.APIKey(), nil), http.StatusOK)
	info = call(t, s, "GET", "/domain/"+id+"?include_dcv=true", s.APIKey(), nil).json(t)
	if info["is_pending_validation"] != false || info["dcv_expiration_datetime"] != fmtDateTime(s.Now().AddDate(0, 0, 199)) {
		t.Fatalf("after revalidation %v", info)
	}
}
