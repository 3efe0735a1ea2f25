package certcentral

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

const reissueCreated = `{"id":6484932,"requests":[{"id":3000002,"status":"approved"}]}`

func TestReissue_sendsExactJSON(t *testing.T) {
	srv := newOrderServer(t, func(w http.ResponseWriter, r *http.Request, n int, read func()) {
		read()
		reply(w, http.StatusCreated, reissueCreated)
	})
	cl := newTestClient(t, srv.URL, nil)
	got, err := cl.Reissue(context.Background(), 6484932, ReissueRequest{
		Certificate: ReissueCertificate{
			CommonName: "example.com", DNSNames: []string{"www.example.com", "shop.example.com"}, CSR: "csr",
			ServerPlatform: &IDRef{ID: 45}, SignatureHash: "sha256", CertValidity: &OrderValidity{Days: ptr(int64(90))},
		},
		Comments: "key rotation", SkipApproval: ptr(true), DCVMethod: "dns-txt-token",
	})
	if err != nil {
		t.Fatalf("Reissue: %v", err)
	}
	want := &ReissueResponse{ID: 6484932, Requests: []OrderRequest{{ID: 3000002, Status: "approved"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Reissue = %+v, want %+v", got, want)
	}
	r := srv.request(t, 0)
	if r.Method != "POST" || r.Path != "/services/v2/order/certificate/6484932/reissue" || len(r.Query) != 0 {
		t.Errorf("request = %s %s?%s", r.Method, r.Path, r.Query.Encode())
	}
	assertCommonHeaders(t, r, true)
	if e := r.Header.Get("Expect"); !strings.EqualFold(e, "100-continue") {
		t.Errorf("reissue POST carries Expect %q, want 100-continue", e)
	}
	assertJSONBody(t, r.Body, `{
		"certificate": {
			"common_name": "example.com",
			"dns_names": ["www.example.com", "shop.example.com"],
			"csr": "csr",
			"server_platform": {"id": 45},
			"signature_hash": "sha256",
			"cert_validity": {"days": 90}
		},
		"comments": "key rotation",
		"skip_approval": true,
		"dcv_method": "dns-txt-token"
	}`)
}

// TestReissue_noNamesIsAnEmptyList: nil dns_names is sent as [] (no names
// besides the common name), never omitted (which would keep the order's).
func TestReissue_noNamesIsAnEmptyList(t *testing.T) {
	srv := newOrderServer(t, func(w http.ResponseWriter, r *http.Request, n int, read func()) {
		read()
		reply(w, http.StatusCreated, reissueCreated)
	})
	cl := newTestClient(t, srv.URL, nil)
	if _, err := cl.Reissue(context.Background(), 1, ReissueRequest{Certificate: ReissueCertificate{CSR: "csr"}}); err != nil {
		t.Fatalf("Reissue: %v", err)
	}
	assertJSONBody(t, srv.request(t, 0).Body, `{"certificate":{"dns_names":[],"csr":"csr"}}`)
}

func TestReissue_5xxIsOutcomeUnknownAndSentOnce(t *testing.T) {
	srv := newOrderServer(t, func(w http.ResponseWriter, r *http.Request, n int, read func()) {
		read()
		reply(w, http.StatusBadGateway, `{"errors":[{"code":"internal_error","message":"upstream"}]}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	before := time.Now()
	_, err := cl.Reissue(context.Background(), 6484932, ReissueRequest{Certificate: ReissueCertificate{CSR: "csr"}})
	var ou *OutcomeUnknownError
	if !errors.As(err, &ou) {
		t.Fatalf("error %T (%v) is not an OutcomeUnknownError", err, err)
	}
	if ou.ReissueOfOrderID != 6484932 || ou.SentAt.Before(before) {
		t.Errorf("OutcomeUnknownError = %+v", ou)
	}
	if !strings.Contains(err.Error(), "the reissue request for order 6484932 was sent at") {
		t.Errorf("error %q does not say which reissue", err)
	}
	if n := srv.count(); n != 1 {
		t.Errorf("a reissue answered 502 was sent %d times, want exactly 1", n)
	}
}

func TestReissue_answerLostIsOutcomeUnknown(t *testing.T) {
	srv := newOrderServer(t, func(w http.ResponseWriter, r *http.Request, n int, read func()) {
		read()
		dropConnection(t, w)
	})
	cl := newTestClient(t, srv.URL, nil)
	_, err := cl.Reissue(context.Background(), 7, ReissueRequest{Certificate: ReissueCertificate{CSR: "csr"}})
	if !IsOutcomeUnknown(err) {
		t.Fatalf("error %T (%v) is not an OutcomeUnknownError", err, err)
	}
	if n, b := srv.count(), srv.completeBodies(); n != 1 || b != 1 {
		t.Errorf("server saw %d requests and %d bodies, want exactly 1 and 1", n, b)
	}
}

// TestReissue_notSentIsRetried: a 429 and a connection dropped before the
// body was asked for both prove nothing was processed.
func TestReissue_notSentIsRetried(t *testing.T) {
	srv := newOrderServer(t, func(w http.ResponseWriter, r *http.Request, n int, read func()) {
		switch n {
		case 1:
			reply(w, http.StatusTooManyRequests, `{"errors":[{"code":"request_limit_exceeded","message":"slow down"}]}`)
		case 2:
			dropConnection(t, w)
		default:
			read()
			reply(w, http.StatusCreated, reissueCreated)
		}
	})
	cl := newTestClient(t, srv.URL, nil)
	got, err := cl.Reissue(context.Background(), 6484932, ReissueRequest{Certificate: ReissueCertificate{CSR: "csr"}})
	if err != nil {
		t.Fatalf("Reissue: %v", err)
	}
	if got.ID != 6484932 || srv.count() != 3 || srv.completeBodies() != 1 {
		t.Errorf("answer %+v after %d requests, %d bodies read; want 3 requests and 1 body", got, srv.count(), srv.completeBodies())
	}
}

func TestReissue_4xxIsPlainAPIError(t *testing.T) {
	srv := newOrderServer(t, func(w http.ResponseWriter, r *http.Request, n int, read func()) {
		read()
		reply(w, http.StatusBadRequest, `{"errors":[{"code":"cert_validity_exceeds_order_validity","message":"The certificate validity exceeds the order validity."}]}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	_, err := cl.Reissue(context.Background(), 1, ReissueRequest{Certificate: ReissueCertificate{CSR: "csr"}})
	apiErr, ok := AsAPIError(err)
	if IsOutcomeUnknown(err) || !ok || !apiErr.HasCode("cert_validity_exceeds_order_validity") {
		t.Fatalf("error = %v, want the 400 APIError", err)
	}
	if n := srv.count(); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

func TestOrderDVSSL_sendsOrderValidityAndCertValidity(t *testing.T) {
	srv := newOrderServer(t, func(w http.ResponseWriter, r *http.Request, n int, read func()) {
		read()
		reply(w, http.StatusCreated, created)
	})
	cl := newTestClient(t, srv.URL, nil)
	req := DVSSLOrderRequest{
		Certificate:   DVSSLCertificate{CommonName: "example.com", CSR: "csr", CertValidity: &OrderValidity{CustomExpirationDate: "2026-09-01"}},
		OrderValidity: &OrderValidity{Years: ptr(int64(2))},
		DCVMethod:     "dns-txt-token",
	}
	if _, err := cl.OrderDVSSL(context.Background(), "ssl_dv_geotrust", req); err != nil {
		t.Fatalf("OrderDVSSL: %v", err)
	}
	assertJSONBody(t, srv.request(t, 0).Body, `{
		"certificate": {"common_name": "example.com", "csr": "csr", "cert_validity": {"custom_expiration_date": "2026-09-01"}},
		"order_validity": {"years": 2},
		"dcv_method": "dns-txt-token"
	}`)
}

func TestGetOrder_multiYearFieldsAndReissueRequests(t *testing.T) {
	for _, flag := range []struct {
		json string
		want bool
	}{{`"1"`, true}, {`1`, true}, {`true`, true}, {`"0"`, false}, {`0`, false}, {`false`, false}, {`null`, false}, {``, false}} {
		field := ""
		if flag.json != "" {
			field = `"is_multi_year_plan":` + flag.json + `,`
		}
		body := `{"id":5,` + field + `"status":"reissue_pending","order_valid_from":"2026-03-10","order_valid_till":"2028-03-10",
			"order_validity":{"years":2},
			"certificate":{"id":2000002,"common_name":"example.com","cert_validity":{"custom_expiration_date":20260901}},
			"requests":[{"id":3000001,"type":"new_request","status":"approved"},{"id":3000003,"type":"reissue","status":"pending"},{"id":3000002,"type":"reissue","status":"rejected"}]}`
		srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) { reply(w, http.StatusOK, body) })
		cl := newTestClient(t, srv.URL, nil)
		got, err := cl.GetOrder(context.Background(), 5)
		if err != nil {
			t.Fatalf("is_multi_year_plan %s: GetOrder: %v", flag.json, err)
		}
		if got.IsMultiYearPlan != flag.want {
			t.Errorf("is_multi_year_plan %s decoded as %v, want %v", flag.json, got.IsMultiYearPlan, flag.want)
		}
		if !reflect.DeepEqual(got.OrderValidity, &OrderValidity{Years: ptr(int64(2))}) || got.Certificate.CertValidity == nil ||
			got.Certificate.CertValidity.CustomExpirationDate != "20260901" {
			t.Errorf("order_validity %+v cert_validity %+v", got.OrderValidity, got.Certificate.CertValidity)
		}
		if r := got.LatestRequest(RequestTypeReissue); r == nil || r.ID != 3000003 || r.Status != "pending" {
			t.Errorf("latest reissue request %+v, want 3000003 pending", r)
		}
		if r := got.LatestRequest(RequestTypeRevoke); r != nil {
			t.Errorf("latest revoke request %+v, want none", r)
		}
		if end, ok := got.CoverageEnd(); !ok || !end.Equal(time.Date(2028, 3, 10, 23, 59, 59, 0, time.UTC)) {
			t.Errorf("CoverageEnd = %v, %v", end, ok)
		}
	}
}

func TestGetOrder_multiYearFlagWithoutMeaningNamesTheField(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusOK, `{"id":5,"status":"issued","is_multi_year_plan":"maybe"}`)
	})
	_, err := newTestClient(t, srv.URL, nil).GetOrder(context.Background(), 5)
	var fe *FieldTypeError
	if !errors.As(err, &fe) || fe.Path != "is_multi_year_plan" {
		t.Fatalf("error = %v, want a FieldTypeError for is_multi_year_plan", err)
	}
}

func TestListOrders_multiYearFields(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusOK, `{"orders":[{"id":5,"status":"issued","is_multi_year_plan":"1","order_valid_from":"2026-03-10","order_valid_till":"2028-03-10","order_validity":{"years":2}}],"page":{"total":1,"limit":1000,"offset":0}}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	got, err := cl.ListOrders(context.Background(), ListOrdersParams{})
	if err != nil {
		t.Fatal(err)
	}
	o := got.Orders[0]
	if !o.IsMultiYearPlan || o.OrderValidTill != "2028-03-10" || o.OrderValidFrom != "2026-03-10" || o.OrderValidity == nil || o.OrderValidity.Years == nil || *o.OrderValidity.Years != 2 {
		t.Errorf("listed order %+v", o)
	}
}

// TestCoverageEnd pins the one coverage-end rule: a date ends at its last
// second (UTC), an RFC 3339 instant is itself, anything else is no coverage.
func TestCoverageEnd(t *testing.T) {
	for in, want := range map[string]time.Time{
		"2028-03-10":           time.Date(2028, 3, 10, 23, 59, 59, 0, time.UTC),
		"2028-03-10T12:00:00Z": time.Date(2028, 3, 10, 12, 0, 0, 0, time.UTC),
		"":                     {},
		"10 MAR 2028":          {},
	} {
		got, ok := CoverageEnd(in)
		if ok != !want.IsZero() || !got.Equal(want) {
			t.Errorf("CoverageEnd(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
}
