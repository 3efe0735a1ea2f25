package certcentral

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

func ptr[T any](v T) *T { return &v }

// fullDVSSLOrder sets every field of a DV SSL order, as on the Order DV SSL page.
func fullDVSSLOrder() DVSSLOrderRequest {
	return DVSSLOrderRequest{
		Certificate: DVSSLCertificate{
			CommonName:        "example.com",
			DNSNames:          []string{"sub.example.com", "log.example.com"},
			CSR:               "-----BEGIN CERTIFICATE REQUEST-----\nMIIC\n-----END CERTIFICATE REQUEST-----\n",
			OrganizationUnits: []string{"IT"},
			ServerPlatform:    &IDRef{ID: 2},
		},
		RenewedThumbprint:           "0123456789ABCDEF0123456789ABCDEF01234567",
		ValidityYears:               ptr(int64(1)),
		ValidityDays:                ptr(int64(199)),
		CustomExpirationDate:        "2026-09-01",
		Comments:                    "Message for the approver.",
		AutoRenew:                   ptr(int64(0)),
		CustomRenewalMessage:        "Renew me.",
		DisableRenewalNotifications: ptr(false),
		RenewalOfOrderID:            ptr(int64(6484931)),
		PaymentMethod:               "balance",
		DCVMethod:                   "email",
		DCVEmails: []DCVEmail{
			{DNSName: "example.com", EmailDomain: "example.com", Email: "admin@example.com"},
			{DNSName: "sub.example.com", EmailDomain: "example.com"},
		},
		Locale:       "en",
		SkipApproval: ptr(true),
		DisableCT:    ptr(false),
		Container:    &IDRef{ID: 69748},
		CustomFields: []CustomField{{MetadataID: 12, Value: "Invoice #12345"}},
		TechnicalContact: &TechnicalContact{
			FirstName: "Jim", LastName: "Smith", Telephone: "555-555-5555", JobTitle: "IT Admin", Email: "jim.smith@example.com",
		},
		AlternativeOrderID: "prod:www-1",
	}
}

const fullDVSSLOrderJSON = `{
	"certificate": {
		"common_name": "example.com",
		"dns_names": ["sub.example.com", "log.example.com"],
		"csr": "-----BEGIN CERTIFICATE REQUEST-----\nMIIC\n-----END CERTIFICATE REQUEST-----\n",
		"organization_units": ["IT"],
		"server_platform": {"id": 2}
	},
	"renewed_thumbprint": "0123456789ABCDEF0123456789ABCDEF01234567",
	"validity_years": 1,
	"validity_days": 199,
	"custom_expiration_date": "2026-09-01",
	"comments": "Message for the approver.",
	"auto_renew": 0,
	"custom_renewal_message": "Renew me.",
	"disable_renewal_notifications": false,
	"renewal_of_order_id": 6484931,
	"payment_method": "balance",
	"dcv_method": "email",
	"dcv_emails": [
		{"dns_name": "example.com", "email_domain": "example.com", "email": "admin@example.com"},
		{"dns_name": "sub.example.com", "email_domain": "example.com"}
	],
	"locale": "en",
	"skip_approval": true,
	"disable_ct": false,
	"container": {"id": 69748},
	"custom_fields": [{"metadata_id": 12, "value": "Invoice #12345"}],
	"technical_contact": {
		"first_name": "Jim", "last_name": "Smith", "telephone": "555-555-5555",
		"job_title": "IT Admin", "email": "jim.smith@example.com"
	},
	"alternative_order_id": "prod:www-1"
}`

func TestOrderDVSSL_sendsEveryField(t *testing.T) {
	var srv *apiServer
	srv = newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		srv.readBody(t, r, rec)
		reply(w, http.StatusCreated, `{"id":6484932,"certificate_id":6079436,"dcv_random_value":"icru1984rnekfj"}`)
	})
	cl := newTestClient(t, srv.URL, nil)

	got, err := cl.OrderDVSSL(context.Background(), "ssl_dv_geotrust", fullDVSSLOrder())
	if err != nil {
		t.Fatalf("OrderDVSSL: %v", err)
	}
	want := &DVSSLOrderResponse{ID: 6484932, CertificateID: 6079436, DCVRandomValue: "icru1984rnekfj"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("OrderDVSSL = %+v, want %+v", got, want)
	}
	if srv.count() != 1 {
		t.Fatalf("server saw %d requests, want 1", srv.count())
	}
	r := srv.request(t, 0)
	if r.Method != "POST" || r.Path != "/services/v2/order/certificate/ssl_dv_geotrust" || len(r.Query) != 0 {
		t.Errorf("request = %s %s?%s, want POST /services/v2/order/certificate/ssl_dv_geotrust", r.Method, r.Path, r.Query.Encode())
	}
	assertCommonHeaders(t, r, true)
	if got := r.Header.Get("Expect"); !strings.EqualFold(got, "100-continue") {
		t.Errorf("order POST carries Expect %q, want 100-continue", got)
	}
	assertJSONBody(t, r.Body, fullDVSSLOrderJSON)
}

func TestOrderDVSSL_omitsUnsetOptionalFields(t *testing.T) {
	var srv *apiServer
	srv = newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		srv.readBody(t, r, rec)
		reply(w, http.StatusCreated, `{"id":6484932,"certificate_id":6079436}`)
	})
	cl := newTestClient(t, srv.URL, nil)

	req := DVSSLOrderRequest{
		Certificate:   DVSSLCertificate{CommonName: "example.com", CSR: "csr"},
		ValidityYears: ptr(int64(1)),
		DCVMethod:     "dns-txt-token",
	}
	got, err := cl.OrderDVSSL(context.Background(), "ssl_dv_rapidssl", req)
	if err != nil {
		t.Fatalf("OrderDVSSL: %v", err)
	}
	if got.ID != 6484932 || got.CertificateID != 6079436 || got.DCVRandomValue != "" {
		t.Errorf("OrderDVSSL = %+v", got)
	}
	r := srv.request(t, 0)
	// The whole body, compared as parsed JSON: every key not listed is absent.
	assertJSONBody(t, r.Body, `{
		"certificate": {"common_name": "example.com", "csr": "csr"},
		"validity_years": 1,
		"dcv_method": "dns-txt-token"
	}`)
	if strings.Contains(string(r.Body), `""`) {
		t.Errorf("body sends an empty string for an unset field: %s", r.Body)
	}
}

// TestOrderDVSSL_zeroValuesThatWereSetAreSent: auto_renew 0 means "enabled"
// and skip_approval false is a choice, so a set zero must reach the API.
func TestOrderDVSSL_zeroValuesThatWereSetAreSent(t *testing.T) {
	var srv *apiServer
	srv = newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		srv.readBody(t, r, rec)
		reply(w, http.StatusCreated, `{"id":1,"certificate_id":2}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	req := DVSSLOrderRequest{
		Certificate:                 DVSSLCertificate{CommonName: "example.com", CSR: "csr", ServerPlatform: &IDRef{ID: 0}},
		ValidityDays:                ptr(int64(0)),
		AutoRenew:                   ptr(int64(0)),
		SkipApproval:                ptr(false),
		DisableCT:                   ptr(false),
		DisableRenewalNotifications: ptr(false),
		DCVMethod:                   "email",
	}
	if _, err := cl.OrderDVSSL(context.Background(), "ssl_dv_geotrust", req); err != nil {
		t.Fatalf("OrderDVSSL: %v", err)
	}
	assertJSONBody(t, srv.request(t, 0).Body, `{
		"certificate": {"common_name": "example.com", "csr": "csr", "server_platform": {"id": 0}},
		"validity_days": 0, "auto_renew": 0, "skip_approval": false, "disable_ct": false,
		"disable_renewal_notifications": false, "dcv_method": "email"
	}`)
}

// TestOrderDVSSL_escapesProductID: the product ID is one path segment; a
// slash or space in it must not change the path nor be escaped twice.
func TestOrderDVSSL_escapesProductID(t *testing.T) {
	for _, tc := range []struct{ id, wantEscaped, wantPath string }{
		{"ssl_dv_geotrust", "/services/v2/order/certificate/ssl_dv_geotrust", "/services/v2/order/certificate/ssl_dv_geotrust"},
		{"odd id", "/services/v2/order/certificate/odd%20id", "/services/v2/order/certificate/odd id"},
		{"a/b?c", "/services/v2/order/certificate/a%2Fb%3Fc", "/services/v2/order/certificate/a/b?c"},
	} {
		t.Run(tc.id, func(t *testing.T) {
			srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
				reply(w, http.StatusCreated, `{"id":1,"certificate_id":2}`)
			})
			cl := newTestClient(t, srv.URL, nil)
			if _, err := cl.OrderDVSSL(context.Background(), tc.id, DVSSLOrderRequest{DCVMethod: "email"}); err != nil {
				t.Fatalf("OrderDVSSL: %v", err)
			}
			r := srv.request(t, 0)
			if r.EscapedPath != tc.wantEscaped || r.Path != tc.wantPath || len(r.Query) != 0 {
				t.Errorf("server saw path %q (decoded %q, query %q); want %q (decoded %q)",
					r.EscapedPath, r.Path, r.Query.Encode(), tc.wantEscaped, tc.wantPath)
			}
		})
	}
}

// orderInfoJSON is an order info answer with every documented field, an
// unknown status and fields this client does not model.
const orderInfoJSON = `{
	"id": 12345678,
	"certificate": {
		"id": 34567891,
		"thumbprint": "ABCDEF0123456789ABCDEF0123456789ABC70C5B",
		"serial_number": "0F1E2D3C4B5A69788796A5B4C3D2EC5F",
		"common_name": "example.com",
		"dns_names": ["example.com", "www.example.com"],
		"date_created": "2020-10-14T15:18:50+00:00",
		"date_issued": "2020-10-14T15:18:52+00:00",
		"valid_from": "2020-10-14",
		"valid_till": "2021-10-18",
		"days_remaining": 286,
		"csr": "-----BEGIN CERTIFICATE REQUEST-----",
		"organization": {"id": 123456},
		"organization_units": ["IT"],
		"server_platform": {"id": 45, "name": "nginx"},
		"signature_hash": "sha256",
		"key_size": 2048,
		"ca_cert": {"id": "A937018B9FAF6CC2", "name": "DigiCert Global G2 TLS RSA SHA256 2020 CA1"}
	},
	"status": "approved_by_a_future_workflow",
	"is_renewal": true,
	"is_renewed": false,
	"renewed_order_id": 0,
	"date_created": "2020-10-14T15:18:50+00:00",
	"organization": {"id": 123456, "name": "Example Organization", "display_name": "Example Organization"},
	"disable_renewal_notifications": true,
	"container": {"id": 69748, "name": "Example"},
	"product": {"name_id": "ssl_dv_geotrust", "name": "GeoTrust Standard DV", "type": "ssl_certificate", "validation_type": "dv"},
	"organization_contact": {"first_name": "Ann", "last_name": "Lee", "email": "ann@example.com", "job_title": "CTO", "telephone": "555"},
	"technical_contact": {"first_name": "Jim", "last_name": "Smith", "email": "jim@example.com", "job_title": "IT Admin", "telephone": "555-555-5555"},
	"requests": [{"id": 1, "date": "2020-10-14T15:18:50+00:00", "type": "new_request", "status": "approved", "comments": "ok"}],
	"cs_provisioning_method": "email",
	"payment_method": "balance",
	"validity_years": 1,
	"order_valid_from": "2020-10-14",
	"order_valid_till": "2021-10-19",
	"dcv_method": "dns-txt-token",
	"subaccount": {"account_id": 2345678},
	"order_price": {"cost": 358, "currency": "USD"},
	"is_multi_year_plan": "1"
}`

func TestGetOrder_decodesOrderInfo(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusOK, orderInfoJSON)
	})
	cl := newTestClient(t, srv.URL, nil)

	got, err := cl.GetOrder(context.Background(), 12345678)
	if err != nil {
		t.Fatalf("GetOrder: %v", err)
	}
	r := srv.request(t, 0)
	if r.Method != "GET" || r.Path != "/services/v2/order/certificate/12345678" || len(r.Query) != 0 {
		t.Errorf("request = %s %s?%s", r.Method, r.Path, r.Query.Encode())
	}
	assertCommonHeaders(t, r, false)

	want := &OrderInfo{
		ID: 12345678,
		Certificate: &OrderCertificate{
			ID: 34567891, Thumbprint: "ABCDEF0123456789ABCDEF0123456789ABC70C5B", SerialNumber: "0F1E2D3C4B5A69788796A5B4C3D2EC5F",
			CommonName: "example.com", DNSNames: []string{"example.com", "www.example.com"},
			DateCreated: "2020-10-14T15:18:50+00:00", DateIssued: "2020-10-14T15:18:52+00:00",
			ValidFrom: "2020-10-14", ValidTill: "2021-10-18", DaysRemaining: ptr(int64(286)),
			CSR: "-----BEGIN CERTIFICATE REQUEST-----", Organization: &IDRef{ID: 123456},
			OrganizationUnits: []string{"IT"}, ServerPlatform: &NamedRef{ID: 45, Name: "nginx"},
			SignatureHash: "sha256", KeySize: 2048,
			CACert: &CACert{ID: "A937018B9FAF6CC2", Name: "DigiCert Global G2 TLS RSA SHA256 2020 CA1"},
		},
		Status:                      "approved_by_a_future_workflow",
		IsRenewal:                   true,
		DateCreated:                 "2020-10-14T15:18:50+00:00",
		Organization:                &NamedRef{ID: 123456, Name: "Example Organization"},
		DisableRenewalNotifications: true,
		Container:                   &NamedRef{ID: 69748, Name: "Example"},
		Product:                     &Product{NameID: "ssl_dv_geotrust", Name: "GeoTrust Standard DV", Type: "ssl_certificate", ValidationType: "dv"},
		OrganizationContact:         &Contact{FirstName: "Ann", LastName: "Lee", Email: "ann@example.com", JobTitle: "CTO", Telephone: "555"},
		TechnicalContact:            &Contact{FirstName: "Jim", LastName: "Smith", Email: "jim@example.com", JobTitle: "IT Admin", Telephone: "555-555-5555"},
		Requests:                    []OrderRequest{{ID: 1, Date: "2020-10-14T15:18:50+00:00", Type: "new_request", Status: "approved", Comments: "ok"}},
		CSProvisioningMethod:        "email",
		PaymentMethod:               "balance",
		ValidityYears:               1,
		OrderValidFrom:              "2020-10-14",
		OrderValidTill:              "2021-10-19",
		IsMultiYearPlan:             true,
		DCVMethod:                   "dns-txt-token",
	}
	if !reflect.DeepEqual(got, want) {
		gotJ, _ := json.MarshalIndent(got, "", "  ")
		wantJ, _ := json.MarshalIndent(want, "", "  ")
		t.Errorf("GetOrder decoded\n%s\nwant\n%s", gotJ, wantJ)
	}
}

// TestGetOrder_pendingOrder: fields the API sends only once issued stay
// unset, and the odd `dns_names: [" "]` is kept as data.
func TestGetOrder_pendingOrder(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusOK, `{"id":7,"status":"pending","certificate":{"id":8,"common_name":"example.com","dns_names":[" "]}}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	got, err := cl.GetOrder(context.Background(), 7)
	if err != nil {
		t.Fatalf("GetOrder: %v", err)
	}
	c := got.Certificate
	if got.Status != "pending" || c == nil || c.DaysRemaining != nil || c.DateIssued != "" || c.CACert != nil ||
		!reflect.DeepEqual(c.DNSNames, []string{" "}) || got.Product != nil {
		t.Errorf("GetOrder = %+v, certificate %+v", got, c)
	}
}

func TestGetOrder_unreadableSuccessIsAnError(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"HTML", "<html><body>Maintenance</body></html>", "Maintenance"},
		{"empty", "", "empty body"},
		{"wrong type", `{"id":"not a number"}`, "HTTP 200"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
				w.WriteHeader(http.StatusOK)
				_, _ = w.Write([]byte(tc.body))
			})
			cl := newTestClient(t, srv.URL, nil)
			got, err := cl.GetOrder(context.Background(), 7)
			if err == nil {
				t.Fatalf("GetOrder = %+v, want an error", got)
			}
			if msg := err.Error(); !strings.Contains(msg, tc.want) || !strings.Contains(msg, "GET /order/certificate/7") {
				t.Errorf("error %q should contain %q and the request", msg, tc.want)
			}
			if srv.count() != 1 {
				t.Errorf("a 200 answer was retried: %d requests", srv.count())
			}
		})
	}
}

func TestListOrders_queryAndPage(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusOK, `{
			"orders": [
				{"id": 1, "certificate": {"id": 11, "common_name": "a.example.com", "dns_names": ["a.example.com"], "valid_till": "2026-09-01", "days_remaining": 120},
				 "status": "issued", "date_created": "2026-03-01T10:00:00+00:00",
				 "product": {"name_id": "ssl_dv_geotrust", "name": "GeoTrust DV", "type": "ssl_certificate"},
				 "container": {"id": 5, "name": "Main"}},
				{"id": 2, "status": "pending", "date_created": "2026-03-02T10:00:00+00:00"}
			],
			"page": {"total": 42, "limit": 10, "offset": 20}
		}`)
	})
	cl := newTestClient(t, srv.URL, nil)

	got, err := cl.ListOrders(context.Background(), ListOrdersParams{
		Filters: map[string]string{"status": "issued", "product_name_id": "ssl_dv_geotrust", "common_name": "a b&c"},
		Sort:    "-date_created", Offset: 20, Limit: 10,
	})
	if err != nil {
		t.Fatalf("ListOrders: %v", err)
	}
	r := srv.request(t, 0)
	if r.Method != "GET" || r.Path != "/services/v2/order/certificate" {
		t.Errorf("request = %s %s", r.Method, r.Path)
	}
	assertCommonHeaders(t, r, false)
	wantQuery := url.Values{
		"filters[status]":          {"issued"},
		"filters[product_name_id]": {"ssl_dv_geotrust"},
		"filters[common_name]":     {"a b&c"},
		"sort":                     {"-date_created"},
		"offset":                   {"20"},
		"limit":                    {"10"},
	}
	if !reflect.DeepEqual(r.Query, wantQuery) {
		t.Errorf("query = %v, want %v", r.Query, wantQuery)
	}
	if got.Page != (Page{Total: 42, Limit: 10, Offset: 20}) {
		t.Errorf("page = %+v", got.Page)
	}
	if len(got.Orders) != 2 {
		t.Fatalf("%d orders, want 2", len(got.Orders))
	}
	o := got.Orders[0]
	if o.ID != 1 || o.Status != "issued" || o.Certificate == nil || o.Certificate.CommonName != "a.example.com" ||
		o.Certificate.DaysRemaining == nil || *o.Certificate.DaysRemaining != 120 || o.Product == nil ||
		o.Product.NameID != "ssl_dv_geotrust" || o.Container == nil || o.Container.ID != 5 {
		t.Errorf("orders[0] = %+v", o)
	}
	if got.Orders[1].Certificate != nil || got.Orders[1].Status != "pending" {
		t.Errorf("orders[1] = %+v", got.Orders[1])
	}
}

func TestListOrders_noParamsSendsNoQuery(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		if r.URL.RawQuery != "" {
			t.Errorf("raw query = %q, want none", r.URL.RawQuery)
		}
		reply(w, http.StatusOK, `{"orders":[],"page":{"total":0,"limit":1000,"offset":0}}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	got, err := cl.ListOrders(context.Background(), ListOrdersParams{})
	if err != nil {
		t.Fatalf("ListOrders: %v", err)
	}
	if len(got.Orders) != 0 || got.Page.Limit != 1000 {
		t.Errorf("ListOrders = %+v", got)
	}
}

func TestCancelOrder(t *testing.T) {
	var srv *apiServer
	srv = newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		srv.readBody(t, r, rec)
		w.WriteHeader(http.StatusNoContent)
	})
	cl := newTestClient(t, srv.URL, nil)
	if err := cl.CancelOrder(context.Background(), 6484932, "Replaced by terraform"); err != nil {
		t.Fatalf("CancelOrder: %v", err)
	}
	r := srv.request(t, 0)
	if r.Method != "PUT" || r.Path != "/services/v2/order/certificate/6484932/status" || len(r.Query) != 0 {
		t.Errorf("request = %s %s", r.Method, r.Path)
	}
	assertCommonHeaders(t, r, true)
	assertJSONBody(t, r.Body, `{"status":"canceled","note":"Replaced by terraform"}`)
}

func TestRevoke(t *testing.T) {
	const pending = `{"id":1,"date":"2026-03-01T10:00:00+00:00","type":"revoke","status":"pending",
		"requester":{"id":14,"first_name":"Jim","last_name":"Smith","email":"jim@example.com"},"comments":"key compromised"}`
	tests := []struct {
		name     string
		revoke   func(*Client) (*RevokeResponse, error)
		status   int
		answer   string
		wantPath string
		wantBody string
		want     *RevokeResponse
	}{
		{
			name: "order, approval needed (201)",
			revoke: func(cl *Client) (*RevokeResponse, error) {
				return cl.RevokeOrder(context.Background(), 6484932, RevokeRequest{Comments: "key compromised", SkipApproval: ptr(false), RevocationReason: "key_compromise"})
			},
			status: http.StatusCreated, answer: pending,
			wantPath: "/services/v2/order/certificate/6484932/revoke",
			wantBody: `{"comments":"key compromised","skip_approval":false,"revocation_reason":"key_compromise"}`,
			want:     &RevokeResponse{ID: 1, Date: "2026-03-01T10:00:00+00:00", Type: "revoke", Status: "pending"},
		},
		{
			name: "order, approval skipped (204)",
			revoke: func(cl *Client) (*RevokeResponse, error) {
				return cl.RevokeOrder(context.Background(), 6484932, RevokeRequest{Comments: "done", SkipApproval: ptr(true)})
			},
			status: http.StatusNoContent, wantPath: "/services/v2/order/certificate/6484932/revoke",
			wantBody: `{"comments":"done","skip_approval":true}`,
		},
		{
			name: "certificate, no optional fields (204)",
			revoke: func(cl *Client) (*RevokeResponse, error) {
				return cl.RevokeCertificate(context.Background(), 6079436, RevokeRequest{})
			},
			status: http.StatusNoContent, wantPath: "/services/v2/certificate/6079436/revoke",
			wantBody: `{}`,
		},
		{
			name: "certificate, approval needed (201)",
			revoke: func(cl *Client) (*RevokeResponse, error) {
				return cl.RevokeCertificate(context.Background(), 6079436, RevokeRequest{RevocationReason: "superseded"})
			},
			status: http.StatusCreated, answer: pending, wantPath: "/services/v2/certificate/6079436/revoke",
			wantBody: `{"revocation_reason":"superseded"}`,
			want:     &RevokeResponse{ID: 1, Date: "2026-03-01T10:00:00+00:00", Type: "revoke", Status: "pending"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var srv *apiServer
			srv = newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
				srv.readBody(t, r, rec)
				reply(w, tc.status, tc.answer)
			})
			cl := newTestClient(t, srv.URL, nil)
			got, err := tc.revoke(cl)
			if err != nil {
				t.Fatalf("revoke: %v", err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("revoke = %+v, want %+v", got, tc.want)
			}
			r := srv.request(t, 0)
			if r.Method != "PUT" || r.Path != tc.wantPath || len(r.Query) != 0 {
				t.Errorf("request = %s %s, want PUT %s", r.Method, r.Path, tc.wantPath)
			}
			assertCommonHeaders(t, r, true)
			assertJSONBody(t, r.Body, tc.wantBody)
		})
	}
}

// newOrderServer answers the n-th request with answer; the body stays unread
// (so the server never sends "100 Continue") unless answer calls read.
func newOrderServer(t *testing.T, answer func(w http.ResponseWriter, r *http.Request, n int, read func())) *apiServer {
	var srv *apiServer
	srv = newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		answer(w, r, n, func() { srv.readBody(t, r, rec) })
	})
	return srv
}

var minimalOrder = DVSSLOrderRequest{
	Certificate:   DVSSLCertificate{CommonName: "example.com", CSR: "csr"},
	ValidityYears: ptr(int64(1)),
	DCVMethod:     "dns-txt-token",
}

const created = `{"id":6484932,"certificate_id":6079436,"dcv_random_value":"icru1984rnekfj"}`

func TestPlaceOrder_429IsRetried(t *testing.T) {
	srv := newOrderServer(t, func(w http.ResponseWriter, r *http.Request, n int, read func()) {
		if n == 1 {
			// CertCentral documents that a 429'd request was not processed.
			reply(w, http.StatusTooManyRequests, `{"errors":[{"code":"request_limit_exceeded","message":"Service unavailable, please limit request volume"}]}`)
			return
		}
		read()
		reply(w, http.StatusCreated, created)
	})
	cl := newTestClient(t, srv.URL, nil)
	got, err := cl.OrderDVSSL(context.Background(), "ssl_dv_geotrust", minimalOrder)
	if err != nil {
		t.Fatalf("OrderDVSSL: %v", err)
	}
	if got.ID != 6484932 || got.DCVRandomValue != "icru1984rnekfj" {
		t.Errorf("OrderDVSSL = %+v", got)
	}
	if n := srv.count(); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
	if n := srv.completeBodies(); n != 1 {
		t.Errorf("server read %d complete bodies, want 1", n)
	}
}

func TestPlaceOrder_5xxIsOutcomeUnknown(t *testing.T) {
	srv := newOrderServer(t, func(w http.ResponseWriter, r *http.Request, n int, read func()) {
		read()
		reply(w, http.StatusInternalServerError, `{"errors":[{"code":"internal_error","message":"Something went wrong."}]}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	before := time.Now()
	got, err := cl.OrderDVSSL(context.Background(), "ssl_dv_geotrust", minimalOrder)
	after := time.Now()
	if err == nil {
		t.Fatalf("OrderDVSSL = %+v, want an error", got)
	}
	var ou *OutcomeUnknownError
	if !errors.As(err, &ou) || !IsOutcomeUnknown(err) {
		t.Fatalf("error %T (%v) is not an OutcomeUnknownError", err, err)
	}
	if ou.SentAt.IsZero() || ou.SentAt.Before(before) || ou.SentAt.After(after) {
		t.Errorf("SentAt = %v, want between %v and %v", ou.SentAt, before, after)
	}
	if ou.ProductNameID != "ssl_dv_geotrust" {
		t.Errorf("ProductNameID = %q", ou.ProductNameID)
	}
	if apiErr, ok := AsAPIError(err); !ok || apiErr.StatusCode != 500 || !apiErr.HasCode("internal_error") {
		t.Errorf("the 500 answer is not reachable from the error: %v", err)
	}
	if n := srv.count(); n != 1 {
		t.Errorf("an order POST answered 500 was sent %d times, want exactly 1", n)
	}
}

func TestPlaceOrder_responseLostAfterBodyReadIsOutcomeUnknown(t *testing.T) {
	srv := newOrderServer(t, func(w http.ResponseWriter, r *http.Request, n int, read func()) {
		read()
		dropConnection(t, w)
	})
	cl := newTestClient(t, srv.URL, nil)
	_, err := cl.OrderDVSSL(context.Background(), "ssl_dv_geotrust", minimalOrder)
	if !IsOutcomeUnknown(err) {
		t.Fatalf("error %T (%v) is not an OutcomeUnknownError", err, err)
	}
	if n := srv.count(); n != 1 {
		t.Errorf("server saw %d requests, want exactly 1", n)
	}
	if n := srv.completeBodies(); n != 1 {
		t.Errorf("server read %d complete bodies, want 1", n)
	}
}

func TestPlaceOrder_timeoutAfterBodyReadIsOutcomeUnknown(t *testing.T) {
	srv := newOrderServer(t, func(w http.ResponseWriter, r *http.Request, n int, read func()) {
		read()
		<-r.Context().Done() // never answers
	})
	cl := newTestClient(t, srv.URL, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := cl.OrderDVSSL(ctx, "ssl_dv_geotrust", minimalOrder)
	if !IsOutcomeUnknown(err) {
		t.Fatalf("error %T (%v) is not an OutcomeUnknownError", err, err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
	}
	if n := srv.count(); n != 1 {
		t.Errorf("server saw %d requests, want exactly 1", n)
	}
}

// TestPlaceOrder_droppedBeforeBodyIsRetried: the server closes the
// connection on the headers, before it asks for the body ("100 Continue"),
// so no order can exist; the client sends it again.
func TestPlaceOrder_droppedBeforeBodyIsRetried(t *testing.T) {
	srv := newOrderServer(t, func(w http.ResponseWriter, r *http.Request, n int, read func()) {
		if n == 1 {
			dropConnection(t, w) // r.Body untouched: no "100 Continue"
			return
		}
		read()
		reply(w, http.StatusCreated, created)
	})
	cl := newTestClient(t, srv.URL, nil)
	got, err := cl.OrderDVSSL(context.Background(), "ssl_dv_geotrust", minimalOrder)
	if err != nil {
		t.Fatalf("OrderDVSSL: %v", err)
	}
	if got.ID != 6484932 {
		t.Errorf("OrderDVSSL = %+v", got)
	}
	if n := srv.count(); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
	if n := srv.completeBodies(); n != 1 {
		t.Errorf("server read %d complete order bodies, want exactly 1", n)
	}
	for i := range 2 {
		if e := srv.request(t, i).Header.Get("Expect"); !strings.EqualFold(e, "100-continue") {
			t.Errorf("attempt %d carries Expect %q, want 100-continue", i+1, e)
		}
	}
	assertJSONBody(t, srv.request(t, 1).Body, `{"certificate":{"common_name":"example.com","csr":"csr"},"validity_years":1,"dcv_method":"dns-txt-token"}`)
}

// TestPlaceOrder_alwaysDroppedBeforeBodyEndsNotSent: when every attempt is
// refused before the body, the error says the order was not placed.
func TestPlaceOrder_alwaysDroppedBeforeBodyEndsNotSent(t *testing.T) {
	srv := newOrderServer(t, func(w http.ResponseWriter, r *http.Request, n int, read func()) {
		dropConnection(t, w)
	})
	cl := newTestClient(t, srv.URL, nil)
	_, err := cl.OrderDVSSL(context.Background(), "ssl_dv_geotrust", minimalOrder)
	if err == nil || IsOutcomeUnknown(err) {
		t.Fatalf("error = %v; want a plain error, the order was never sent", err)
	}
	if n := srv.count(); n != 4 {
		t.Errorf("server saw %d requests, want MaxRetries+1 = 4", n)
	}
	if n := srv.completeBodies(); n != 0 {
		t.Errorf("server read %d bodies, want 0", n)
	}
}

func TestPlaceOrder_connectionRefusedIsNotOutcomeUnknown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close() // nothing listens there now
	cl := newTestClient(t, "http://"+addr, nil)
	_, err = cl.OrderDVSSL(context.Background(), "ssl_dv_geotrust", minimalOrder)
	if err == nil || IsOutcomeUnknown(err) {
		t.Fatalf("error = %v; want a plain error: no connection, no order", err)
	}
	if !strings.Contains(err.Error(), "POST /order/certificate/ssl_dv_geotrust") {
		t.Errorf("error %q does not name the request", err)
	}
}

func TestPlaceOrder_4xxIsPlainAPIError(t *testing.T) {
	srv := newOrderServer(t, func(w http.ResponseWriter, r *http.Request, n int, read func()) {
		read()
		reply(w, http.StatusBadRequest, `{"errors":[{"code":"invalid_value:validity_years","message":"validity_years contains an invalid value."}]}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	_, err := cl.OrderDVSSL(context.Background(), "ssl_dv_geotrust", minimalOrder)
	if IsOutcomeUnknown(err) {
		t.Fatalf("a 400 is a refusal, not an unknown outcome: %v", err)
	}
	apiErr, ok := AsAPIError(err)
	if !ok || apiErr.StatusCode != 400 || !apiErr.HasCode("invalid_value") {
		t.Fatalf("error = %v, want the 400 APIError", err)
	}
	if n := srv.count(); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

func TestPlaceOrder_persistent429EndsRateLimited(t *testing.T) {
	srv := newOrderServer(t, func(w http.ResponseWriter, r *http.Request, n int, read func()) {
		reply(w, http.StatusTooManyRequests, `{"errors":[{"code":"request_limit_exceeded","message":"slow down"}]}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	_, err := cl.OrderDVSSL(context.Background(), "ssl_dv_geotrust", minimalOrder)
	if !IsRateLimited(err) || IsOutcomeUnknown(err) {
		t.Fatalf("error = %v, want a rate-limit APIError", err)
	}
	if n := srv.count(); n != 4 {
		t.Errorf("server saw %d requests, want MaxRetries+1 = 4", n)
	}
}
