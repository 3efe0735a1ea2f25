package sandbox

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

func reissueBody(t *testing.T, csrKind, cn string, names ...string) map[string]any {
	dns := []any{}
	for _, n := range names {
		dns = append(dns, n)
	}
	return map[string]any{
		"certificate":   map[string]any{"common_name": cn, "dns_names": dns, "csr": testCSR(t, csrKind)},
		"skip_approval": true,
	}
}

func postReissue(t *testing.T, s *Server, id int, body any) apiResp {
	t.Helper()
	return call(t, s, "POST", orderPath(id, "/reissue"), s.APIKey(), body)
}

// twoYearOrder is an issued 2-year dns-txt-token order for example.com and
// www.example.com.
func twoYearOrder(t *testing.T, s *Server) int {
	t.Helper()
	b := set(dvBody(t, "dns-txt-token", "example.com", "www.example.com"), "validity_years", deleteField)
	set(b, "order_validity", map[string]any{"years": 2})
	return issuedOrder(t, s, "cloud_dv_geotrust", b)
}

func downloadLeaf(t *testing.T, s *Server, path string) *x509.Certificate {
	t.Helper()
	r := call(t, s, "GET", path, s.APIKey(), nil)
	mustStatus(t, r, http.StatusOK)
	return mustParsePEM(t, string(r.Body))
}

func TestReissueInsideCoverage(t *testing.T) {
	s := newTestServer(t, Options{})
	id := twoYearOrder(t, s)
	before, _ := s.Order(id)
	s.Advance(days(170))
	s.ResetRequests()

	r := postReissue(t, s, id, reissueBody(t, "p256", "example.com", "www.example.com"))
	mustStatus(t, r, http.StatusCreated)
	m := r.json(t)
	reqs := asSlice(t, m["requests"])
	if asFloat(t, m["id"]) != float64(id) || len(reqs) != 1 || asMap(t, reqs[0])["status"] != "approved" {
		t.Fatalf("answer %s", r.Body)
	}
	// Names validated 170 days ago need no new DCV: issued at once.
	after, _ := s.Order(id)
	if after.Status != StatusIssued || after.CertificateID == before.CertificateID ||
		after.SerialNumber == before.SerialNumber || after.Thumbprint == before.Thumbprint {
		t.Fatalf("after reissue: %s cert %d serial %s (before %d %s)", after.Status, after.CertificateID, after.SerialNumber, before.CertificateID, before.SerialNumber)
	}
	now := testNow.Add(days(170))
	if !after.ValidTill.Equal(now.Add(days(199))) || !after.OrderValidTill.Equal(before.OrderValidTill) || !after.OrderValidFrom.Equal(testNow) {
		t.Fatalf("certificate till %s coverage %s..%s", after.ValidTill, after.OrderValidFrom, after.OrderValidTill)
	}
	info := orderInfo(t, s, id)
	c := asMap(t, info["certificate"])
	if asFloat(t, c["id"]) != float64(after.CertificateID) || c["serial_number"] != after.SerialNumber || info["status"] != StatusIssued {
		t.Fatalf("order info certificate %v", c)
	}
	last := asMap(t, asSlice(t, info["requests"])[len(asSlice(t, info["requests"]))-1])
	if last["type"] != "reissue" || last["status"] != "approved" {
		t.Fatalf("last request %v", last)
	}
	// The new certificate certifies the new key; the old one still downloads
	// (a rekey revokes nothing).
	leaf := downloadLeaf(t, s, "/certificate/download/order/"+itoa(id)+"/format/pem_all")
	if !csrKey(t, "p256").Equal(leaf.PublicKey) {
		t.Fatal("the reissued certificate does not certify the reissue CSR's key")
	}
	old := downloadLeaf(t, s, "/certificate/"+itoa(before.CertificateID)+"/download/format/pem_nointermediate")
	if old.PublicKeyAlgorithm != x509.RSA || strings.ToUpper(old.SerialNumber.Text(16)) != before.SerialNumber {
		t.Fatalf("old certificate %v %s", old.PublicKeyAlgorithm, old.SerialNumber.Text(16))
	}
	if len(after.PreviousCerts) != 1 || after.PreviousCerts[0].Status != StatusIssued || !after.PreviousCerts[0].RevokeAt.IsZero() {
		t.Fatalf("previous certificates %+v", after.PreviousCerts)
	}
	if n := s.CountRequests("POST", "/order/certificate/"); n != 1 || len(s.Orders()) != 1 {
		t.Fatalf("POSTs %d orders %d", n, len(s.Orders()))
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// csrKey is the public key of a test CSR.
func csrKey(t *testing.T, kind string) interface{ Equal(crypto.PublicKey) bool } {
	t.Helper()
	blk, _ := pem.Decode([]byte(testCSR(t, kind)))
	req, err := x509.ParseCertificateRequest(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	k, ok := req.PublicKey.(interface{ Equal(crypto.PublicKey) bool })
	if !ok {
		t.Fatalf("key %T", req.PublicKey)
	}
	return k
}

func TestReissueNewNameNeedsDCVForThatNameOnly(t *testing.T) {
	s := newTestServer(t, Options{})
	id := twoYearOrder(t, s)
	before, _ := s.Order(id)
	r := postReissue(t, s, id, reissueBody(t, "rsa2048", "example.com", "www.example.com", "shop.example.com"))
	mustStatus(t, r, http.StatusCreated)
	o, _ := s.Order(id)
	if o.Status != StatusReissuePending || o.PendingReissue == nil || !reflect.DeepEqual(o.PendingReissue.NeedDCV, []string{"shop.example.com"}) {
		t.Fatalf("status %s pending %+v", o.Status, o.PendingReissue)
	}
	// Order info shows the requested certificate; downloads give the one in use.
	c := asMap(t, orderInfo(t, s, id)["certificate"])
	if asFloat(t, c["id"]) != float64(o.PendingReissue.CertificateID) || c["serial_number"] != nil || len(asSlice(t, c["dns_names"])) != 3 {
		t.Fatalf("pending certificate info %v", c)
	}
	if leaf := downloadLeaf(t, s, "/certificate/download/order/"+itoa(id)+"/format/pem_all"); strings.ToUpper(leaf.SerialNumber.Text(16)) != before.SerialNumber {
		t.Fatal("download during reissue_pending is not the certificate in use")
	}
	mustStatus(t, call(t, s, "GET", "/certificate/"+itoa(o.PendingReissue.CertificateID)+"/download/format/pem_all", s.APIKey(), nil), http.StatusNotFound)

	r = call(t, s, "PUT", orderPath(id, "/check-dcv"), s.APIKey(), nil)
	mustStatus(t, r, http.StatusBadRequest)
	if !strings.Contains(string(r.Body), "failed for: shop.example.com.") {
		t.Fatalf("check-dcv failure should name only the new name: %s", r.Body)
	}
	s.PublishDNS("TXT", "shop.example.com", o.DCVRandomValue)
	r = call(t, s, "PUT", orderPath(id, "/check-dcv"), s.APIKey(), nil)
	mustStatus(t, r, http.StatusOK)
	if m := r.json(t); m["order_status"] != StatusIssued || asFloat(t, m["certificate_id"]) != float64(o.PendingReissue.CertificateID) {
		t.Fatalf("check-dcv %s", r.Body)
	}
	after, _ := s.Order(id)
	if len(after.DNSNames) != 3 || after.PreviousCerts[0].Status != StatusIssued {
		t.Fatalf("names %v previous %+v (adding a name revokes nothing)", after.DNSNames, after.PreviousCerts)
	}
}

func TestReissueRemovingANameRevokesEarlierCertificates(t *testing.T) {
	s := newTestServer(t, Options{})
	id := twoYearOrder(t, s)
	before, _ := s.Order(id)
	mustStatus(t, postReissue(t, s, id, reissueBody(t, "rsa2048", "example.com")), http.StatusCreated)
	o, _ := s.Order(id)
	if o.Status != StatusIssued || len(o.PreviousCerts) != 1 || o.PreviousCerts[0].Status != "revocation_pending" ||
		!o.PreviousCerts[0].RevokeAt.Equal(testNow.Add(72*time.Hour)) {
		t.Fatalf("after removing a name: %s %+v", o.Status, o.PreviousCerts)
	}
	old := "/certificate/" + itoa(before.CertificateID) + "/download/format/pem_all"
	mustStatus(t, call(t, s, "GET", old, s.APIKey(), nil), http.StatusOK)
	s.Advance(72 * time.Hour)
	mustStatus(t, call(t, s, "GET", old, s.APIKey(), nil), http.StatusNotFound)
	if o, _ = s.Order(id); o.PreviousCerts[0].Status != StatusRevoked || o.Status != StatusIssued {
		t.Fatalf("after 72 h: %s %+v", o.Status, o.PreviousCerts)
	}
}

func TestReissueStaleValidationNeedsDCV(t *testing.T) {
	s := newTestServer(t, Options{DCVReuseDays: 30})
	id := twoYearOrder(t, s)
	s.Advance(days(31))
	mustStatus(t, postReissue(t, s, id, reissueBody(t, "rsa2048", "example.com", "www.example.com")), http.StatusCreated)
	o, _ := s.Order(id)
	if o.Status != StatusReissuePending || !reflect.DeepEqual(o.PendingReissue.NeedDCV, []string{"example.com", "www.example.com"}) {
		t.Fatalf("%s %+v", o.Status, o.PendingReissue)
	}
	s.PublishDNS("TXT", "example.com", o.DCVRandomValue)
	s.PublishDNS("TXT", "www.example.com", o.DCVRandomValue)
	mustStatus(t, call(t, s, "PUT", orderPath(id, "/check-dcv"), s.APIKey(), nil), http.StatusOK)
	// Validated again at day 31: a reissue 20 days later needs none.
	s.Advance(days(20))
	mustStatus(t, postReissue(t, s, id, reissueBody(t, "p256", "example.com", "www.example.com")), http.StatusCreated)
	if o, _ = s.Order(id); o.Status != StatusIssued || len(o.PreviousCerts) != 2 {
		t.Fatalf("%s, %d previous", o.Status, len(o.PreviousCerts))
	}
}

func TestReissueValidation(t *testing.T) {
	s := newTestServer(t, Options{})
	std := issuedOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
	wild := issuedOrder(t, s, "wildcard_dv_geotrust", dvBody(t, "dns-txt-token", "*.example.com", "example.com"))
	for _, tc := range []struct {
		name  string
		order int
		body  any
		codes []string
	}{
		{"no certificate", std, map[string]any{"skip_approval": true}, []string{"missing_field:certificate"}},
		{"no CSR", std, set(reissueBody(t, "rsa2048", "example.com"), "certificate.csr", deleteField), []string{"missing_field:certificate.csr"}},
		{"weak key", std, reissueBody(t, "rsa1024", "example.com"), nil},
		{"wildcard on a standard product", std, reissueBody(t, "rsa2048", "*.example.com"), []string{"invalid_value:certificate.common_name"}},
		{"name that is no host name", wild, reissueBody(t, "rsa2048", "*.example.com", "a..example.com"), []string{"invalid_value:certificate.dns_names"}},
		{"http-token for a wildcard", wild, set(reissueBody(t, "rsa2048", "*.example.com"), "dcv_method", "http-token"), []string{"invalid_value:dcv_method"}},
		{"unknown signature hash", std, set(reissueBody(t, "rsa2048", "example.com"), "certificate.signature_hash", "md5"), []string{"invalid_value:certificate.signature_hash"}},
		{"new expiration on a one-year order", std, set(reissueBody(t, "rsa2048", "example.com"), "certificate.cert_validity", map[string]any{"days": 30}), []string{"invalid_value:certificate.cert_validity"}},
		{"not JSON", std, "{", []string{"bad_request_format"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := postReissue(t, s, tc.order, tc.body)
			mustStatus(t, r, http.StatusBadRequest)
			if tc.codes != nil {
				if got := r.codes(t); !reflect.DeepEqual(got, tc.codes) {
					t.Fatalf("codes %v, want %v", got, tc.codes)
				}
			}
			if o, _ := s.Order(tc.order); o.Status != StatusIssued || len(o.Reissues) != 0 {
				t.Fatalf("a refused reissue changed the order: %s %v", o.Status, o.Reissues)
			}
		})
	}
}

func TestReissueStatusAndCoverageRules(t *testing.T) {
	s := newTestServer(t, Options{})
	pending := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
	r := postReissue(t, s, pending, reissueBody(t, "rsa2048", "example.com"))
	mustStatus(t, r, http.StatusBadRequest)
	if got := r.codes(t); !reflect.DeepEqual(got, []string{"invalid_order_status"}) {
		t.Fatalf("codes %v", got)
	}
	mustStatus(t, postReissue(t, s, 999, reissueBody(t, "rsa2048", "example.com")), http.StatusNotFound)
	ds := placeOrder(t, s, "document_signing_org_1", docDSExample)
	if err := s.IssueOrder(ds); err != nil {
		t.Fatal(err)
	}
	if got := postReissue(t, s, ds, reissueBody(t, "rsa2048", "example.com")).codes(t); !reflect.DeepEqual(got, []string{"reissue_not_available"}) {
		t.Fatalf("document signing reissue codes %v", got)
	}

	// A one-year order: the 199-day certificate expires, the coverage goes
	// on; the reissued certificate ends with the coverage.
	id := issuedOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
	s.Advance(days(300))
	if o, _ := s.Order(id); o.Status != StatusExpired {
		t.Fatalf("status %s after the certificate's end", o.Status)
	}
	mustStatus(t, postReissue(t, s, id, reissueBody(t, "rsa2048", "example.com")), http.StatusCreated)
	o, _ := s.Order(id)
	if o.Status != StatusIssued || !o.ValidTill.Equal(o.OrderValidTill) || !o.OrderValidTill.Equal(testNow.AddDate(1, 0, 0)) {
		t.Fatalf("%s certificate till %s coverage till %s", o.Status, o.ValidTill, o.OrderValidTill)
	}
	// After the coverage: refused.
	s.Advance(days(70))
	r = postReissue(t, s, id, reissueBody(t, "rsa2048", "example.com"))
	mustStatus(t, r, http.StatusBadRequest)
	if !strings.Contains(string(r.Body), "coverage ended on 2027-03-10") {
		t.Fatalf("answer %s", r.Body)
	}
}

func TestReissueNewExpirationOnMultiYearPlan(t *testing.T) {
	s := newTestServer(t, Options{})
	id := twoYearOrder(t, s)
	mustStatus(t, postReissue(t, s, id, set(reissueBody(t, "rsa2048", "example.com", "www.example.com"), "certificate.cert_validity", map[string]any{"days": 60})), http.StatusCreated)
	if o, _ := s.Order(id); !o.ValidTill.Equal(testNow.Add(days(60))) || o.CertValidityDays != 60 {
		t.Fatalf("certificate till %s", o.ValidTill)
	}
	s.Advance(days(700))
	r := postReissue(t, s, id, set(reissueBody(t, "rsa2048", "example.com", "www.example.com"), "certificate.cert_validity", map[string]any{"days": 60}))
	mustStatus(t, r, http.StatusBadRequest)
	if got := r.codes(t); !reflect.DeepEqual(got, []string{"cert_validity_exceeds_order_validity"}) {
		t.Fatalf("codes %v", got)
	}
}

func TestReissueApprovalRejectionAndCancel(t *testing.T) {
	s := newTestServer(t, Options{})
	id := twoYearOrder(t, s)
	before, _ := s.Order(id)

	// Needs approval, then approved: issued.
	mustStatus(t, postReissue(t, s, id, set(reissueBody(t, "p256", "example.com", "www.example.com"), "skip_approval", false)), http.StatusCreated)
	if o, _ := s.Order(id); o.Status != StatusReissuePending || o.PendingReissue.RequestStatus != "pending" {
		t.Fatalf("%s %+v", o.Status, o.PendingReissue)
	}
	if err := s.ApproveReissue(id); err != nil {
		t.Fatal(err)
	}
	mid, _ := s.Order(id)
	if mid.Status != StatusIssued || mid.CertificateID == before.CertificateID {
		t.Fatalf("after approval %s %d", mid.Status, mid.CertificateID)
	}

	// Rejected: the certificate in use stays.
	mustStatus(t, postReissue(t, s, id, reissueBody(t, "rsa2048", "example.com", "www.example.com", "new.example.com")), http.StatusCreated)
	if err := s.RejectReissue(id); err != nil {
		t.Fatal(err)
	}
	o, _ := s.Order(id)
	if o.Status != StatusIssued || o.CertificateID != mid.CertificateID || o.SerialNumber != mid.SerialNumber || o.Reissues[len(o.Reissues)-1].Status != "rejected" {
		t.Fatalf("after rejection %s %d %+v", o.Status, o.CertificateID, o.Reissues)
	}
	if c := asMap(t, orderInfo(t, s, id)["certificate"]); asFloat(t, c["id"]) != float64(mid.CertificateID) || len(asSlice(t, c["dns_names"])) != 2 {
		t.Fatalf("order info after rejection %v", c)
	}

	// Canceled through PUT .../status: the same.
	mustStatus(t, postReissue(t, s, id, reissueBody(t, "rsa2048", "example.com", "www.example.com", "new.example.com")), http.StatusCreated)
	mustStatus(t, call(t, s, "PUT", orderPath(id, "/status"), s.APIKey(), map[string]any{"status": "canceled", "note": "not now"}), http.StatusNoContent)
	if o, _ = s.Order(id); o.Status != StatusIssued || o.SerialNumber != mid.SerialNumber || o.PendingReissue != nil {
		t.Fatalf("after cancel %s %s", o.Status, o.SerialNumber)
	}

	// A reissue sent while one is pending replaces it.
	mustStatus(t, postReissue(t, s, id, reissueBody(t, "rsa2048", "example.com", "a.example.com")), http.StatusCreated)
	first, _ := s.Order(id)
	mustStatus(t, postReissue(t, s, id, reissueBody(t, "rsa2048", "example.com", "b.example.com")), http.StatusCreated)
	second, _ := s.Order(id)
	if second.PendingReissue.CertificateID == first.PendingReissue.CertificateID ||
		second.Reissues[len(second.Reissues)-2].Status != "rejected" || !reflect.DeepEqual(second.PendingReissue.NeedDCV, []string{"b.example.com"}) {
		t.Fatalf("replaced reissue: %+v %+v", second.PendingReissue, second.Reissues)
	}
	// ...and a rejection then restores the certificate in use, not the first reissue.
	if err := s.RejectReissue(id); err != nil {
		t.Fatal(err)
	}
	if o, _ = s.Order(id); o.Status != StatusIssued || o.SerialNumber != mid.SerialNumber {
		t.Fatalf("%s %s", o.Status, o.SerialNumber)
	}
	if err := s.RejectReissue(id); err == nil {
		t.Fatal("rejecting without a pending reissue succeeded")
	}
}

func TestReissueCAA(t *testing.T) {
	s := newTestServer(t, Options{})
	id := twoYearOrder(t, s)
	s.PublishDNS("CAA", "example.com", `0 issue "letsencrypt.org"`)
	mustStatus(t, postReissue(t, s, id, reissueBody(t, "rsa2048", "example.com", "www.example.com")), http.StatusCreated)
	if o, _ := s.Order(id); o.Status != StatusReissuePending {
		t.Fatalf("issued despite CAA: %s", o.Status)
	}
	r := call(t, s, "PUT", orderPath(id, "/check-dcv"), s.APIKey(), nil)
	mustStatus(t, r, http.StatusBadRequest)
	if got := r.codes(t); !reflect.DeepEqual(got, []string{"caa_check_failed|example.com"}) {
		t.Fatalf("codes %v", got)
	}
	s.PublishDNS("CAA", "example.com", `0 issue "digicert.com; cansignhttpexchanges=yes"`)
	r = call(t, s, "PUT", orderPath(id, "/check-dcv"), s.APIKey(), nil)
	mustStatus(t, r, http.StatusOK)
	if o, _ := s.Order(id); o.Status != StatusIssued {
		t.Fatalf("%s", o.Status)
	}

	// issuewild governs wildcards; a closer name's CAA set decides.
	s.RemoveDNS("CAA", "example.com", "")
	s.PublishDNS("CAA", "example.org", `0 issue "digicert.com"`)
	s.PublishDNS("CAA", "example.org", `0 issuewild ";"`)
	if s.caaAllows("*.example.org") || !s.caaAllows("www.example.org") {
		t.Fatal("issuewild not applied")
	}
	s.PublishDNS("CAA", "shop.example.org", `0 iodef "mailto:x@example.org"`)
	if !s.caaAllows("shop.example.org") || !s.caaAllows("other.example.net") {
		t.Fatal("a CAA set without issue properties restricts nothing")
	}
}

func TestReissueAdminAndControl(t *testing.T) {
	s := newTestServer(t, Options{})
	id := twoYearOrder(t, s)
	if _, err := s.Reissue(s.APIKey(), id, []byte(`{"certificate":{"csr":`+jsonString(testCSR(t, "p256"))+`}}`)); err != nil {
		t.Fatal(err)
	}
	o, _ := s.Order(id)
	if o.Status != StatusReissuePending || o.PendingReissue.CommonName != "example.com" || len(o.PendingReissue.DNSNames) != 2 {
		t.Fatalf("defaults not kept: %+v", o.PendingReissue)
	}
	post := func(op string) int {
		req, _ := http.NewRequest("POST", s.AdminURL()+"/orders/"+itoa(id)+"/"+op, nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if st := post("approve-reissue"); st != http.StatusOK {
		t.Fatalf("approve-reissue %d", st)
	}
	if o, _ = s.Order(id); o.Status != StatusIssued {
		t.Fatal(o.Status)
	}
	if st := post("reject-reissue"); st != http.StatusBadRequest {
		t.Fatalf("reject-reissue without a pending reissue: %d", st)
	}
	if _, err := s.Reissue(s.APIKey(), id, []byte(`{}`)); err == nil || !strings.Contains(err.Error(), "missing_field:certificate") {
		t.Fatalf("error %v", err)
	}
}

func TestReissueAnswerLostIsStillProcessed(t *testing.T) {
	s := newTestServer(t, Options{})
	id := twoYearOrder(t, s)
	s.InjectFault(Fault{Method: "POST", PathPrefix: "/order/certificate/*/reissue", Kind: FaultDropAfterCommit, Count: 1})
	req, _ := http.NewRequest("POST", s.URL()+orderPath(id, "/reissue"), strings.NewReader(`{"certificate":{"csr":`+jsonString(testCSR(t, "p256"))+`},"skip_approval":true}`))
	req.Header.Set("X-DC-DEVKEY", s.APIKey())
	if res, err := http.DefaultClient.Do(req); err == nil {
		res.Body.Close()
		t.Fatal("the answer was not dropped")
	}
	if o, _ := s.Order(id); len(o.Reissues) != 1 || o.Status != StatusIssued {
		t.Fatalf("%s %+v", o.Status, o.Reissues)
	}
}
