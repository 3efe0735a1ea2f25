package sandbox

import (
	"crypto/sha1"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

func orderPath(id int, rest string) string { return "/order/certificate/" + strconv.Itoa(id) + rest }

func TestDCVMethods(t *testing.T) {
	type step func(s *Server, o Order)
	txtAt := func(name string) step {
		return func(s *Server, o Order) { s.PublishDNS("TXT", name, o.DCVRandomValue) }
	}
	cases := []struct {
		name    string
		product string
		method  string
		names   []string
		publish []step
		ok      bool
		code    string
	}{
		{"txt right", "ssl_dv_geotrust", "dns-txt-token", []string{"example.com", "www.example.com"},
			[]step{txtAt("example.com"), txtAt("www.example.com.")}, true, ""},
		{"txt one name missing", "ssl_dv_geotrust", "dns-txt-token", []string{"example.com", "www.example.com"},
			[]step{txtAt("example.com")}, false, "invalid_dns_txt"},
		{"txt wrong name", "ssl_dv_geotrust", "dns-txt-token", []string{"example.com"},
			[]step{txtAt("_dnsauth.example.com")}, false, "invalid_dns_txt"},
		{"txt wrong value", "ssl_dv_geotrust", "dns-txt-token", []string{"example.com"},
			[]step{func(s *Server, o Order) { s.PublishDNS("TXT", "example.com", "stale-value") }}, false, "invalid_dns_txt"},
		{"txt among several values", "ssl_dv_geotrust", "dns-txt-token", []string{"example.com"},
			[]step{func(s *Server, o Order) { s.PublishDNS("TXT", "example.com", "v=spf1 -all") }, txtAt("EXAMPLE.com")}, true, ""},
		{"txt wildcard at base", "wildcard_dv_geotrust", "dns-txt-token", []string{"*.example.com"},
			[]step{txtAt("example.com")}, true, ""},
		{"txt wildcard at star name", "wildcard_dv_geotrust", "dns-txt-token", []string{"*.example.com"},
			[]step{txtAt("*.example.com")}, false, "invalid_dns_txt"},
		{"cname right", "ssl_dv_rapidssl", "dns-cname-token", []string{"example.com"},
			[]step{func(s *Server, o Order) {
				s.PublishDNS("CNAME", "_dnsauth.example.com", DCVCNAMETarget(o.DCVRandomValue)+".")
			}}, true, ""},
		{"cname wrong name", "ssl_dv_rapidssl", "dns-cname-token", []string{"example.com"},
			[]step{func(s *Server, o Order) { s.PublishDNS("CNAME", "example.com", DCVCNAMETarget(o.DCVRandomValue)) }}, false, "invalid_dns_txt"},
		{"cname as txt", "ssl_dv_rapidssl", "dns-cname-token", []string{"example.com"},
			[]step{txtAt("_dnsauth.example.com")}, false, "invalid_dns_txt"},
		{"http right", "cloud_dv_geotrust", "http-token", []string{"example.com", "www.example.com"},
			[]step{func(s *Server, o Order) {
				s.PublishHTTPFile("http://example.com/.well-known/pki-validation/fileauth.txt", o.DCVRandomValue+"\n")
				s.PublishHTTPFile(DCVFileURL("www.example.com"), o.DCVRandomValue)
			}}, true, ""},
		{"http wrong path", "cloud_dv_geotrust", "http-token", []string{"example.com"},
			[]step{func(s *Server, o Order) {
				s.PublishHTTPFile("http://example.com/fileauth.txt", o.DCVRandomValue)
			}}, false, "file_random_value_not_found"},
		{"http wrong host", "cloud_dv_geotrust", "http-token", []string{"www.example.com"},
			[]step{func(s *Server, o Order) { s.PublishHTTPFile(DCVFileURL("example.com"), o.DCVRandomValue) }}, false, "file_random_value_not_found"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newTestServer(t, Options{})
			id := placeOrder(t, s, c.product, dvBody(t, c.method, c.names...))
			o, _ := s.Order(id)
			for _, st := range c.publish {
				st(s, o)
			}
			r := call(t, s, "PUT", orderPath(id, "/check-dcv"), s.APIKey(), nil)
			if !c.ok {
				mustStatus(t, r, http.StatusBadRequest)
				if got := r.codes(t); len(got) != 1 || got[0] != c.code {
					t.Fatalf("codes %v, want %s", got, c.code)
				}
				if o2, _ := s.Order(id); o2.Status != StatusPending {
					t.Fatalf("status %s after failed DCV", o2.Status)
				}
				return
			}
			mustStatus(t, r, http.StatusOK)
			m := r.json(t)
			if m["order_status"] != "issued" || m["dcv_status"] != "valid" || int(asFloat(t, m["certificate_id"])) != o.CertificateID {
				t.Fatalf("check-dcv body %s", r.Body)
			}
			vals := asSlice(t, m["dns_name_validations"])
			if len(vals) != len(c.names) {
				t.Fatalf("validations %v", vals)
			}
			for i, v := range vals {
				vm := asMap(t, v)
				if vm["dns_name"] != c.names[i] || vm["status"] != "approved" {
					t.Fatalf("validation %v", vm)
				}
			}
		})
	}
}

func TestDCVEmailAndMethodErrors(t *testing.T) {
	s := newTestServer(t, Options{})
	id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
	r := call(t, s, "PUT", orderPath(id, "/check-dcv"), s.APIKey(), nil)
	mustStatus(t, r, 400)
	if r.codes(t)[0] != "invalid_dns_method" {
		t.Fatal(r.codes(t))
	}
	if err := s.ApproveEmailDCV(id); err != nil {
		t.Fatal(err)
	}
	if o, _ := s.Order(id); o.Status != StatusIssued {
		t.Fatalf("status %s", o.Status)
	}
	ds := placeOrder(t, s, "document_signing_org_1", docDSExample)
	r = call(t, s, "PUT", orderPath(ds, "/check-dcv"), s.APIKey(), nil)
	mustStatus(t, r, 400)
}

func TestDCVRandomValueExpiry(t *testing.T) {
	s := newTestServer(t, Options{})
	id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "dns-txt-token", "example.com"))
	o, _ := s.Order(id)
	r := call(t, s, "PUT", orderPath(id, "/dcv-random-value"), s.APIKey(), nil)
	mustStatus(t, r, 200)
	m := r.json(t)
	if m["dcv_random_value"] != o.DCVRandomValue {
		t.Fatalf("value %v, want %s", m["dcv_random_value"], o.DCVRandomValue)
	}
	if want := testNow.Add(30 * 24 * time.Hour).Format("2006-01-02T15:04:05+00:00"); m["expiration_date"] != want {
		t.Fatalf("expiration %v, want %s", m["expiration_date"], want)
	}
	// Same value while valid.
	s.Advance(29 * 24 * time.Hour)
	if v := call(t, s, "PUT", orderPath(id, "/dcv-random-value"), s.APIKey(), nil).json(t)["dcv_random_value"]; v != o.DCVRandomValue {
		t.Fatal("value changed before expiry")
	}
	// The old value, published, fails once expired.
	s.PublishDNS("TXT", "example.com", o.DCVRandomValue)
	s.Advance(2 * 24 * time.Hour)
	r = call(t, s, "PUT", orderPath(id, "/check-dcv"), s.APIKey(), nil)
	mustStatus(t, r, 400)
	// A new value is handed out; the stale record still fails, the new one passes.
	nv := asString(t, call(t, s, "PUT", orderPath(id, "/dcv-random-value"), s.APIKey(), nil).json(t)["dcv_random_value"])
	if nv == o.DCVRandomValue {
		t.Fatal("expired value handed out again")
	}
	mustStatus(t, call(t, s, "PUT", orderPath(id, "/check-dcv"), s.APIKey(), nil), 400)
	s.PublishDNS("TXT", "example.com", nv)
	mustStatus(t, call(t, s, "PUT", orderPath(id, "/check-dcv"), s.APIKey(), nil), 200)
}

func TestLifecycleApproval(t *testing.T) {
	s := newTestServer(t, Options{})
	b := set(dvBody(t, "dns-txt-token", "example.com"), "skip_approval", false)
	id := placeOrder(t, s, "ssl_dv_geotrust", b)
	o, _ := s.Order(id)
	if o.Status != StatusNeedsApproval {
		t.Fatalf("status %s", o.Status)
	}
	s.PublishDNS("TXT", "example.com", o.DCVRandomValue)
	r := call(t, s, "PUT", orderPath(id, "/check-dcv"), s.APIKey(), nil)
	mustStatus(t, r, 200)
	if r.json(t)["order_status"] != StatusNeedsApproval {
		t.Fatalf("issued before approval: %s", r.Body)
	}
	if err := s.Approve(id); err != nil {
		t.Fatal(err)
	}
	if o, _ = s.Order(id); o.Status != StatusIssued {
		t.Fatalf("status after approve %s", o.Status)
	}
	// Rejected.
	id2 := placeOrder(t, s, "ssl_dv_geotrust", set(dvBody(t, "email", "example.com"), "skip_approval", false))
	if err := s.Reject(id2); err != nil {
		t.Fatal(err)
	}
	if o, _ = s.Order(id2); o.Status != StatusRejected {
		t.Fatal(o.Status)
	}
	// Expired when the clock passes valid_till.
	s.Advance(200 * 24 * time.Hour)
	if o, _ = s.Order(id); o.Status != StatusExpired {
		t.Fatalf("status %s after valid_till", o.Status)
	}
	info := call(t, s, "GET", orderPath(id, ""), s.APIKey(), nil).json(t)
	if info["status"] != StatusExpired || asFloat(t, asMap(t, info["certificate"])["days_remaining"]) != 0 {
		t.Fatalf("info %v", info)
	}
}

func TestIssuedCertificate(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, tc := range []struct {
		name     string
		product  string
		csr      string
		years    int
		wantDays int
	}{
		{"rsa 1 year capped", "ssl_dv_geotrust", "rsa2048", 1, 199},
		{"ecdsa 2 years capped", "cloud_dv_geotrust", "p256", 2, 199},
		{"p384", "ssl_dv_rapidssl", "p384", 1, 199},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := dvBody(t, "email", "example.com", "www.example.com", "api.example.com")
			set(b, "certificate.csr", testCSR(t, tc.csr))
			set(b, "validity_years", tc.years)
			id := placeOrder(t, s, tc.product, b)
			if err := s.ApproveEmailDCV(id); err != nil {
				t.Fatal(err)
			}
			o, _ := s.Order(id)
			r := call(t, s, "GET", "/certificate/"+strconv.Itoa(o.CertificateID)+"/download/format/pem_all", s.APIKey(), nil)
			mustStatus(t, r, 200)
			if ct := r.Header.Get("Content-Type"); ct != "application/x-pem-file" {
				t.Fatalf("content type %q", ct)
			}
			var certs []*x509.Certificate
			rest := r.Body
			for {
				var blk *pem.Block
				blk, rest = pem.Decode(rest)
				if blk == nil {
					break
				}
				c, err := x509.ParseCertificate(blk.Bytes)
				if err != nil {
					t.Fatal(err)
				}
				certs = append(certs, c)
			}
			if len(certs) != 3 {
				t.Fatalf("pem_all has %d certificates", len(certs))
			}
			leaf := certs[0]
			if leaf.Subject.CommonName != "example.com" || !reflect.DeepEqual(leaf.DNSNames, []string{"example.com", "www.example.com", "api.example.com"}) {
				t.Fatalf("names %s %v", leaf.Subject.CommonName, leaf.DNSNames)
			}
			if d := leaf.NotAfter.Sub(leaf.NotBefore); d != time.Duration(tc.wantDays)*24*time.Hour {
				t.Fatalf("validity %v", d)
			}
			if !certs[2].Equal(mustParsePEM(t, s.RootPEM())) || !certs[1].Equal(mustParsePEM(t, s.IntermediatePEM())) {
				t.Fatal("chain order is not leaf, intermediate, root")
			}
			inter := x509.NewCertPool()
			inter.AddCert(certs[1])
			if _, err := leaf.Verify(x509.VerifyOptions{Roots: s.RootPool(), Intermediates: inter, DNSName: "www.example.com", CurrentTime: testNow.Add(time.Hour)}); err != nil {
				t.Fatalf("verify: %v", err)
			}
			sum := sha1.Sum(leaf.Raw)
			if tp := strings.ToUpper(hex.EncodeToString(sum[:])); tp != o.Thumbprint {
				t.Fatalf("thumbprint %s vs %s", tp, o.Thumbprint)
			}
			if sn := strings.ToUpper(leaf.SerialNumber.Text(16)); sn != o.SerialNumber {
				t.Fatalf("serial %s vs %s", sn, o.SerialNumber)
			}
			// Order info: by ID, thumbprint and serial; consistent values.
			for _, ref := range []string{strconv.Itoa(id), o.Thumbprint, strings.ToLower(o.SerialNumber)} {
				info := call(t, s, "GET", "/order/certificate/"+ref, s.APIKey(), nil)
				mustStatus(t, info, 200)
				c := asMap(t, info.json(t)["certificate"])
				if c["thumbprint"] != o.Thumbprint || c["serial_number"] != o.SerialNumber || c["valid_till"] != leaf.NotAfter.Format("2006-01-02") || asFloat(t, c["days_remaining"]) != float64(tc.wantDays) {
					t.Fatalf("info certificate %v", c)
				}
			}
			// The other formats.
			noroot := call(t, s, "GET", "/certificate/"+strconv.Itoa(o.CertificateID)+"/download/format/pem_noroot", s.APIKey(), nil)
			if strings.Count(string(noroot.Body), "BEGIN CERTIFICATE") != 2 {
				t.Fatal("pem_noroot")
			}
			leafOnly := call(t, s, "GET", "/certificate/"+strconv.Itoa(o.CertificateID)+"/download/format/pem_nointermediate", s.APIKey(), nil)
			if strings.TrimSpace(string(leafOnly.Body)) != strings.TrimSpace(o.CertificatePEM) {
				t.Fatal("pem_nointermediate")
			}
			byOrder := call(t, s, "GET", "/certificate/download/order/"+strconv.Itoa(id)+"/format/pem_all", s.APIKey(), nil)
			if string(byOrder.Body) != string(r.Body) {
				t.Fatal("download by order differs")
			}
		})
	}
	t.Run("custom expiration and days", func(t *testing.T) {
		b := set(dvBody(t, "email", "example.com"), "custom_expiration_date", "2026-04-01")
		id := placeOrder(t, s, "ssl_dv_geotrust", b)
		_ = s.ApproveEmailDCV(id)
		o, _ := s.Order(id)
		if got := o.ValidTill.Format("2006-01-02"); got != "2026-04-01" {
			t.Fatalf("valid till %s", got)
		}
		b = set(dvBody(t, "email", "example.com"), "validity_days", 30)
		id = placeOrder(t, s, "ssl_dv_geotrust", b)
		_ = s.ApproveEmailDCV(id)
		o, _ = s.Order(id)
		if d := o.ValidTill.Sub(o.ValidFrom); d != 30*24*time.Hour {
			t.Fatalf("validity %v", d)
		}
	})
	t.Run("document signing without csr", func(t *testing.T) {
		id := placeOrder(t, s, "document_signing_org_1", docDSExample)
		if o, _ := s.Order(id); o.Status != StatusPending {
			t.Fatal(o.Status)
		}
		if err := s.IssueOrder(id); err != nil {
			t.Fatal(err)
		}
		o, _ := s.Order(id)
		leaf := mustParsePEM(t, o.CertificatePEM)
		if !o.GeneratedKey || leaf.Subject.CommonName != "Real Organization, LLC" || leaf.EmailAddresses[0] != "rene.pierce@yahoo.com" {
			t.Fatalf("leaf %v %v", leaf.Subject, leaf.EmailAddresses)
		}
		if d := leaf.NotAfter.Sub(leaf.NotBefore); d < 730*24*time.Hour {
			t.Fatalf("DS validity %v, want 2 years", d)
		}
	})
	t.Run("not issued: 404", func(t *testing.T) {
		id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
		o, _ := s.Order(id)
		r := call(t, s, "GET", "/certificate/"+strconv.Itoa(o.CertificateID)+"/download/format/pem_all", s.APIKey(), nil)
		mustStatus(t, r, 404)
	})
}

func mustParsePEM(t testing.TB, p string) *x509.Certificate {
	t.Helper()
	b, _ := pem.Decode([]byte(p))
	if b == nil {
		t.Fatal("no PEM")
	}
	c, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOrderInfoShape(t *testing.T) {
	s := newTestServer(t, Options{})
	id := placeOrder(t, s, "ssl_dv_geotrust", dvExampleBody(t))
	r := call(t, s, "GET", orderPath(id, ""), s.APIKey(), nil)
	mustStatus(t, r, 200)
	m := r.json(t)
	for _, k := range []string{"id", "certificate", "status", "is_renewal", "is_renewed", "renewed_order_id", "date_created",
		"disable_renewal_notifications", "container", "product", "requests", "payment_method", "validity_years", "technical_contact"} {
		if _, ok := m[k]; !ok {
			t.Errorf("order info lacks %s", k)
		}
	}
	c := asMap(t, m["certificate"])
	for _, k := range []string{"id", "common_name", "dns_names", "date_created", "csr", "server_platform", "signature_hash", "ca_cert"} {
		if _, ok := c[k]; !ok {
			t.Errorf("certificate lacks %s", k)
		}
	}
	for _, k := range []string{"thumbprint", "serial_number", "date_issued", "valid_till", "days_remaining"} {
		if _, ok := c[k]; ok {
			t.Errorf("certificate has %s before issuance", k)
		}
	}
	if m["date_created"] != "2026-03-10T12:00:00+00:00" || m["status"] != "pending" {
		t.Fatalf("date/status %v %v", m["date_created"], m["status"])
	}
	if !reflect.DeepEqual(c["dns_names"], []any{"example.com", "sub.example.com", "log.example.com"}) {
		t.Fatalf("dns_names %v", c["dns_names"])
	}
	p := asMap(t, m["product"])
	if p["name_id"] != "ssl_dv_geotrust" || asFloat(t, asMap(t, m["container"])["id"]) != DefaultContainerID {
		t.Fatalf("product/container %v %v", p, m["container"])
	}
	req := asMap(t, asSlice(t, m["requests"])[0])
	if req["status"] != "approved" || req["comments"] != "Message for the approver." {
		t.Fatalf("request %v", req)
	}
	// Document signing: organization, cs_provisioning_method, dns_names [" "].
	ds := placeOrder(t, s, "document_signing_org_2", docDSExample)
	dm := call(t, s, "GET", orderPath(ds, ""), s.APIKey(), nil).json(t)
	if dm["cs_provisioning_method"] != "ship_token" || asFloat(t, asMap(t, dm["organization"])["id"]) != DefaultOrganizationID {
		t.Fatalf("ds info %v", dm)
	}
	if !reflect.DeepEqual(asMap(t, dm["certificate"])["dns_names"], []any{" "}) {
		t.Fatal("ds dns_names")
	}
}

func TestListOrders(t *testing.T) {
	s := newTestServer(t, Options{})
	var ids []int
	for i := 0; i < 5; i++ {
		ids = append(ids, placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "n"+strconv.Itoa(i)+".example.com")))
		s.Advance(time.Minute)
	}
	ds := placeOrder(t, s, "document_signing_org_1", docDSExample)
	_ = s.ApproveEmailDCV(ids[1])
	list := func(q string) ([]int, map[string]any) {
		t.Helper()
		r := call(t, s, "GET", "/order/certificate"+q, s.APIKey(), nil)
		mustStatus(t, r, 200)
		m := r.json(t)
		var got []int
		if orders, ok := m["orders"]; ok { // an empty list has no "orders"
			for _, o := range asSlice(t, orders) {
				got = append(got, int(asFloat(t, asMap(t, o)["id"])))
			}
		}
		return got, asMap(t, m["page"])
	}
	cases := []struct {
		q    string
		want []int
	}{
		{"", append(append([]int{}, ids...), ds)},
		{"?sort=-id&limit=2", []int{ds, ids[4]}},
		{"?sort=-date_created&offset=1&limit=2", []int{ids[4], ids[3]}},
		{"?sort=date_created&limit=1", []int{ids[0]}},
		{"?filters[status]=issued", []int{ids[1]}},
		{"?filters[product_name_id]=document_signing_org_1", []int{ds}},
		{"?filters[common_name]=N3.EXAMPLE.COM", []int{ids[3]}},
		{"?filters[id]=" + strconv.Itoa(ids[2]), []int{ids[2]}},
		{"?filters[container_id]=221122", []int{ds}},
		{"?offset=100", nil},
	}
	for _, c := range cases {
		got, _ := list(c.q)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.q, got, c.want)
		}
	}
	_, page := list("?limit=2&offset=1")
	if asFloat(t, page["total"]) != 6 || asFloat(t, page["limit"]) != 2 || asFloat(t, page["offset"]) != 1 {
		t.Fatalf("page %v", page)
	}
	for _, q := range []string{"?limit=1001", "?limit=0", "?sort=name", "?offset=-1", "?filters[colour]=red"} {
		mustStatus(t, call(t, s, "GET", "/order/certificate"+q, s.APIKey(), nil), 400)
	}
	r := call(t, s, "GET", "/order/certificate?filters[status]=issued", s.APIKey(), nil).json(t)
	c := asMap(t, asMap(t, asSlice(t, r["orders"])[0])["certificate"])
	if c["valid_till"] == nil || c["days_remaining"] == nil || c["common_name"] != "n1.example.com" {
		t.Fatalf("list certificate %v", c)
	}
}

func TestCancel(t *testing.T) {
	s := newTestServer(t, Options{})
	cancel := `{"status":"canceled","note":"no longer needed"}`
	cases := []struct {
		name   string
		setup  func() int
		body   string
		status int
		code   string
		after  string
	}{
		{"needs_approval", func() int {
			return placeOrder(t, s, "ssl_dv_geotrust", set(dvBody(t, "email", "example.com"), "skip_approval", false))
		}, cancel, 204, "", StatusCanceled},
		{"pending", func() int { return placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com")) }, cancel, 204, "", StatusCanceled},
		{"waiting_pickup", func() int {
			id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
			_ = s.SetOrderStatus(id, StatusWaitingPickup)
			return id
		}, cancel, 204, "", StatusCanceled},
		{"reissue_pending back to issued", func() int {
			id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
			_ = s.ApproveEmailDCV(id)
			_ = s.SetOrderStatus(id, StatusReissuePending)
			return id
		}, cancel, 204, "", StatusIssued},
		{"issued refused", func() int {
			id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
			_ = s.ApproveEmailDCV(id)
			return id
		}, cancel, 400, "invalid_order_status", StatusIssued},
		{"note required", func() int { return placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com")) },
			`{"status":"canceled"}`, 400, "missing_field:note", StatusPending},
		{"other status value", func() int { return placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com")) },
			`{"status":"issued","note":"x"}`, 400, "invalid_value:status", StatusPending},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := c.setup()
			r := call(t, s, "PUT", orderPath(id, "/status"), s.APIKey(), c.body)
			mustStatus(t, r, c.status)
			if c.status == 204 && len(r.Body) != 0 {
				t.Fatalf("204 with body %q", r.Body)
			}
			if c.code != "" && r.codes(t)[0] != c.code {
				t.Fatalf("codes %v", r.codes(t))
			}
			if o, _ := s.Order(id); o.Status != c.after {
				t.Fatalf("status %s, want %s", o.Status, c.after)
			}
		})
	}
	mustStatus(t, call(t, s, "PUT", "/order/certificate/424242/status", s.APIKey(), cancel), 404)
}

func TestRevoke(t *testing.T) {
	s := newTestServer(t, Options{})
	issued := func() Order {
		id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
		_ = s.ApproveEmailDCV(id)
		o, _ := s.Order(id)
		return o
	}
	t.Run("pending request", func(t *testing.T) {
		o := issued()
		r := call(t, s, "PUT", orderPath(o.ID, "/revoke"), s.APIKey(), `{"comments":"key lost","skip_approval":false}`)
		mustStatus(t, r, 201)
		m := r.json(t)
		if m["type"] != "revoke" || m["status"] != "pending" || m["comments"] != "key lost" || m["id"] == nil || m["date"] == nil {
			t.Fatalf("revoke request %s", r.Body)
		}
		if rq := asMap(t, m["requester"]); rq["id"] == nil || rq["email"] == nil {
			t.Fatalf("requester %v", rq)
		}
		if o2, _ := s.Order(o.ID); o2.Status != StatusIssued {
			t.Fatal(o2.Status)
		}
		if err := s.ApproveRevocation(o.ID); err != nil {
			t.Fatal(err)
		}
		if o2, _ := s.Order(o.ID); o2.Status != StatusRevoked {
			t.Fatal(o2.Status)
		}
		mustStatus(t, call(t, s, "GET", "/certificate/"+strconv.Itoa(o.CertificateID)+"/download/format/pem_all", s.APIKey(), nil), 404)
	})
	t.Run("skip approval", func(t *testing.T) {
		o := issued()
		r := call(t, s, "PUT", orderPath(o.ID, "/revoke"), s.APIKey(), `{"comments":"x","skip_approval":true,"revocation_reason":"superseded"}`)
		mustStatus(t, r, 204)
		if o2, _ := s.Order(o.ID); o2.Status != StatusRevoked || o2.RevocationReason != "superseded" {
			t.Fatal(o2.Status)
		}
	})
	t.Run("by certificate", func(t *testing.T) {
		o := issued()
		r := call(t, s, "PUT", "/certificate/"+strconv.Itoa(o.CertificateID)+"/revoke", s.APIKey(), `{"comments":"x","skip_approval":true}`)
		mustStatus(t, r, 204)
		if o2, _ := s.Order(o.ID); o2.Status != StatusRevoked {
			t.Fatal(o2.Status)
		}
		mustStatus(t, call(t, s, "PUT", "/certificate/99/revoke", s.APIKey(), `{}`), 404)
	})
	t.Run("not issued", func(t *testing.T) {
		id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
		r := call(t, s, "PUT", orderPath(id, "/revoke"), s.APIKey(), `{"comments":"x"}`)
		mustStatus(t, r, 400)
		if r.codes(t)[0] != "invalid_order_status" {
			t.Fatal(r.codes(t))
		}
	})
	t.Run("bad reason", func(t *testing.T) {
		o := issued()
		mustStatus(t, call(t, s, "PUT", orderPath(o.ID, "/revoke"), s.APIKey(), `{"revocation_reason":"bored"}`), 400)
	})
}

func TestRenewal(t *testing.T) {
	s := newTestServer(t, Options{})
	id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
	_ = s.ApproveEmailDCV(id)
	prev, _ := s.Order(id)
	b := set(dvBody(t, "email", "example.com"), "renewed_thumbprint", prev.Thumbprint)
	nid := placeOrder(t, s, "ssl_dv_geotrust", b)
	info := call(t, s, "GET", orderPath(nid, ""), s.APIKey(), nil).json(t)
	if info["is_renewal"] != true {
		t.Fatal("is_renewal")
	}
	old := call(t, s, "GET", orderPath(id, ""), s.APIKey(), nil).json(t)
	if old["is_renewed"] != true || int(asFloat(t, old["renewed_order_id"])) != nid {
		t.Fatalf("old order %v %v", old["is_renewed"], old["renewed_order_id"])
	}
	nid2 := placeOrder(t, s, "ssl_dv_geotrust", set(dvBody(t, "email", "example.com"), "renewal_of_order_id", nid))
	if o, _ := s.Order(nid2); o.RenewalOfOrderID != nid {
		t.Fatal(o.RenewalOfOrderID)
	}
}
