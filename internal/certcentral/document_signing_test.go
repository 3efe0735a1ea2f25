package certcentral

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/certcentral-community/terraform-provider-digicert/internal/testutil"
)

// dsignOrgDocumentedExample is the request example of
// the Order document signing certificate page, built from the typed request.
func dsignOrgDocumentedExample() DocumentSigningOrderRequest {
	agreed := NumericBool(true)
	return DocumentSigningOrderRequest{
		Certificate:          DocumentSigningCertificate{ServerPlatform: &IDRef{ID: 21}, SignatureHash: "sha256"},
		CSProvisioningMethod: "ship_token",
		UseOrgAsCommonName:   ptr(true),
		ValidityYears:        ptr(int64(2)),
		Comments:             "Comments for the the approver.",
		Organization:         &DocumentSigningOrganization{ID: ptr(int64(334455))},
		Container:            &IDRef{ID: 221122},
		ShipInfo: &ShipInfo{
			Name: "Erin Guerra", Addr1: "360 Taylor Street", Addr2: "Floor 74", City: "Richmond",
			State: "va", Zip: "69662", Country: "us", Method: "standard",
		},
		Subject:       &DocumentSigningSubject{Name: "Rene Pierce", JobTitle: "School Counselor", Phone: "054-139-0798", Email: "rene.pierce@yahoo.com"},
		CSAAgreedTo:   &agreed,
		SkipApproval:  ptr(true),
		PaymentMethod: "balance",
	}
}

// dsignOrderServer answers every order POST with answer and records it.
func dsignOrderServer(t *testing.T, answer string) *apiServer {
	t.Helper()
	var srv *apiServer
	srv = newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		srv.readBody(t, r, rec)
		reply(w, http.StatusCreated, answer)
	})
	return srv
}

func TestOrderDocumentSigning_documentedOrgExample(t *testing.T) {
	srv := dsignOrderServer(t, `{"id":112233,"requests":[{"id":113,"status":"approved"}],"certificate_id":113}`)
	cl := newTestClient(t, srv.URL, nil)

	got, err := cl.OrderDocumentSigning(context.Background(), "document_signing_org_1", dsignOrgDocumentedExample())
	if err != nil {
		t.Fatalf("OrderDocumentSigning: %v", err)
	}
	want := &DocumentSigningOrderResponse{ID: 112233, Requests: []PlacedRequest{{ID: 113, Status: "approved"}}, CertificateID: 113}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("answer = %+v, want %+v", got, want)
	}
	if srv.count() != 1 {
		t.Fatalf("server saw %d requests, want 1", srv.count())
	}
	r := srv.request(t, 0)
	if r.Method != "POST" || r.Path != "/services/v2/order/certificate/document_signing_org_1" {
		t.Errorf("request = %s %s", r.Method, r.Path)
	}
	assertCommonHeaders(t, r, true)
	if got := r.Header.Get("Expect"); !strings.EqualFold(got, "100-continue") {
		t.Errorf("order POST carries Expect %q, want 100-continue", got)
	}
	assertJSONBody(t, r.Body, testutil.DocumentSigningOrgExample)
}

// TestOrderDocumentSigning_documentedResponses decodes the three 201
// answers of the org page, and the new-organization answer both pages
// describe.
func TestOrderDocumentSigning_documentedResponses(t *testing.T) {
	cases := []struct {
		name, answer string
		want         DocumentSigningOrderResponse
	}{
		{"one-step approval", `{"id": 112233, "requests": [{"id": 113, "status": "pending"}]}`,
			DocumentSigningOrderResponse{ID: 112233, Requests: []PlacedRequest{{ID: 113, Status: "pending"}}}},
		{"two-step approval", `{"id": 112233, "requests": [{"id": 113, "status": "submitted"}]}`,
			DocumentSigningOrderResponse{ID: 112233, Requests: []PlacedRequest{{ID: 113, Status: "submitted"}}}},
		{"approved", `{"id": 112233, "requests": [{"id": 113, "status": "approved"}], "certificate_id": 113}`,
			DocumentSigningOrderResponse{ID: 112233, Requests: []PlacedRequest{{ID: 113, Status: "approved"}}, CertificateID: 113}},
		{"new organization", `{"id": 112234, "organization": {"id": 400001}, "requests": [{"id": 114, "status": "pending"}]}`,
			DocumentSigningOrderResponse{ID: 112234, Organization: &IDRef{ID: 400001}, Requests: []PlacedRequest{{ID: 114, Status: "pending"}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := dsignOrderServer(t, tc.answer)
			cl := newTestClient(t, srv.URL, nil)
			got, err := cl.OrderDocumentSigning(context.Background(), "document_signing_org_2", dsignOrgDocumentedExample())
			if err != nil {
				t.Fatalf("OrderDocumentSigning: %v", err)
			}
			if !reflect.DeepEqual(*got, tc.want) {
				t.Errorf("answer = %+v, want %+v", *got, tc.want)
			}
		})
	}
}

// dsignEmployeeEveryField sets every field of the employee page's table.
func dsignEmployeeEveryField() DocumentSigningOrderRequest {
	agreed := NumericBool(true)
	return DocumentSigningOrderRequest{
		Certificate: DocumentSigningCertificate{
			CSR:            "-----BEGIN CERTIFICATE REQUEST-----MIIC-----END CERTIFICATE REQUEST-----",
			ServerPlatform: &IDRef{ID: -1},
			SignatureHash:  "sha384",
			CACertID:       "5B8F42C4E1F6F1D1",
			UsageDesignation: &UsageDesignation{
				PrimaryUsage:     "signing",
				AdditionalUsages: []string{"adobe_authentic_documents_trustsigning", "ms_document_signing"},
			},
			KeySize:    "3072",
			CSRKeyType: "rsa",
		},
		CSProvisioningMethod: "ship_token",
		ShipInfo: &ShipInfo{
			Name: "Erin Guerra", Addr1: "360 Taylor Street", Addr2: "Floor 74", City: "Richmond",
			State: "va", Zip: "69662", Country: "us", Method: "EXPEDITED",
		},
		Comments: "Token for the finance team.",
		Organization: &DocumentSigningOrganization{
			ID: ptr(int64(334455)),
			Contacts: []OrganizationOrderContact{
				{ID: 1, UserID: ptr(int64(7001)), ContactType: "organization_contact"},
				{ID: 2, FirstName: "Jim", LastName: "Smith", Email: "jim.smith@example.com", JobTitle: "CFO", Telephone: "555-555-5555", ContactType: "technical_contact"},
			},
		},
		Container:            &IDRef{ID: 221122},
		RenewalOfOrderID:     ptr(int64(6484931)),
		CustomRenewalMessage: "Renew me.",
		AdditionalEmails:     []string{"finance@example.com"},
		UserIDAssignments:    []int64{7001, 7002},
		CSAAgreedTo:          &agreed,
		PromoCode:            "SPRING",
		Subject:              &DocumentSigningSubject{GivenName: "Rene", Surname: "Pierce", JobTitle: "Accountant", Phone: "054-139-0798", Email: "rene.pierce@example.com"},
		OrderValidity:        &OrderValidity{Years: ptr(int64(1)), Days: ptr(int64(200)), CustomExpirationDate: "09 JUN 2027"},
		PaymentMethod:        "card",
		CreditCard: &CreditCard{
			Number: dsignCardNumber, ExpirationMonth: "01", ExpirationYear: "2031", CVV: dsignCardCVV,
			CardholderName: "Rene Pierce", SaveCreditCard: ptr(false), SetAsDefault: "0",
		},
		BillingAddress: &BillingAddress{Address: "360 Taylor Street", Address2: "Floor 74", City: "Richmond", State: "va", Country: "us", Zip: "69662"},
	}
}

const (
	dsignCardNumber = "4000056655665556"
	dsignCardCVV    = "4321"
)

func TestOrderDocumentSigning_employeeEveryField(t *testing.T) {
	srv := dsignOrderServer(t, `{"id":112233,"requests":[{"id":113,"status":"pending"}]}`)
	cl := newTestClient(t, srv.URL, nil)
	if _, err := cl.OrderDocumentSigning(context.Background(), "ds_org_individual", dsignEmployeeEveryField()); err != nil {
		t.Fatalf("OrderDocumentSigning: %v", err)
	}
	r := srv.request(t, 0)
	if r.Path != "/services/v2/order/certificate/ds_org_individual" {
		t.Errorf("path = %s", r.Path)
	}
	assertJSONBody(t, r.Body, `{
		"certificate": {
			"csr": "-----BEGIN CERTIFICATE REQUEST-----MIIC-----END CERTIFICATE REQUEST-----",
			"server_platform": {"id": -1},
			"signature_hash": "sha384",
			"ca_cert_id": "5B8F42C4E1F6F1D1",
			"usage_designation": {
				"primary_usage": "signing",
				"additional_usages": ["adobe_authentic_documents_trustsigning", "ms_document_signing"]
			},
			"key_size": 3072,
			"csr_key_type": "rsa"
		},
		"cs_provisioning_method": "ship_token",
		"ship_info": {
			"name": "Erin Guerra", "addr1": "360 Taylor Street", "addr2": "Floor 74", "city": "Richmond",
			"state": "va", "zip": "69662", "country": "us", "method": "EXPEDITED"
		},
		"comments": "Token for the finance team.",
		"organization": {
			"id": 334455,
			"contacts": [
				{"id": 1, "user_id": 7001, "contact_type": "organization_contact"},
				{"id": 2, "first_name": "Jim", "last_name": "Smith", "email": "jim.smith@example.com",
				 "job_title": "CFO", "telephone": "555-555-5555", "contact_type": "technical_contact"}
			]
		},
		"container": {"id": 221122},
		"renewal_of_order_id": 6484931,
		"custom_renewal_message": "Renew me.",
		"additional_emails": ["finance@example.com"],
		"user_id_assignments": [7001, 7002],
		"csa_agreed_to": 1,
		"promo_code": "SPRING",
		"subject": {"given_name": "Rene", "surname": "Pierce", "job_title": "Accountant", "phone": "054-139-0798", "email": "rene.pierce@example.com"},
		"order_validity": {"years": 1, "days": 200, "custom_expiration_date": "09 JUN 2027"},
		"payment_method": "card",
		"credit_card": {
			"number": "`+dsignCardNumber+`", "expiration_month": "01", "expiration_year": "2031", "cvv": "`+dsignCardCVV+`",
			"cardholder_name": "Rene Pierce", "save_credit_card": false, "set_as_default": "0"
		},
		"billing_address": {"address": "360 Taylor Street", "address2": "Floor 74", "city": "Richmond", "state": "va", "country": "us", "zip": "69662"}
	}`)
}

func TestOrderDocumentSigning_omitsUnsetFields(t *testing.T) {
	srv := dsignOrderServer(t, `{"id":1,"requests":[{"id":2,"status":"pending"}]}`)
	cl := newTestClient(t, srv.URL, nil)
	req := DocumentSigningOrderRequest{
		Certificate:   DocumentSigningCertificate{SignatureHash: "sha256"},
		ValidityYears: ptr(int64(1)),
		Organization:  &DocumentSigningOrganization{ID: ptr(int64(334455))},
		Subject:       &DocumentSigningSubject{Name: "Rene Pierce", JobTitle: "Counselor", Phone: "1", Email: "r@example.com"},
	}
	if _, err := cl.OrderDocumentSigning(context.Background(), "document_signing_org_1", req); err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, srv.request(t, 0).Body, `{
		"certificate": {"signature_hash": "sha256"},
		"validity_years": 1,
		"organization": {"id": 334455},
		"subject": {"name": "Rene Pierce", "job_title": "Counselor", "phone": "1", "email": "r@example.com"}
	}`)
}

// TestOrderDocumentSigning_falseValuesAreSent: a false that was set is sent,
// and csa_agreed_to false is the documented 0.
func TestOrderDocumentSigning_falseValuesAreSent(t *testing.T) {
	srv := dsignOrderServer(t, `{"id":1,"requests":[{"id":2,"status":"pending"}]}`)
	cl := newTestClient(t, srv.URL, nil)
	disagreed := NumericBool(false)
	req := DocumentSigningOrderRequest{
		UseOrgAsCommonName: ptr(false),
		SkipApproval:       ptr(false),
		CSAAgreedTo:        &disagreed,
		Organization:       &DocumentSigningOrganization{SkipDuplicateOrgCheck: ptr(false), Name: "Example LLC"},
	}
	if _, err := cl.OrderDocumentSigning(context.Background(), "document_signing_org_1", req); err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, srv.request(t, 0).Body, `{
		"certificate": {},
		"use_org_as_common_name": false,
		"skip_approval": false,
		"csa_agreed_to": 0,
		"organization": {"skip_duplicate_org_check": false, "name": "Example LLC"}
	}`)
}

// TestKeySize_JSON: RSA sizes are the JSON int the page types key_size as;
// the ECC values it lists are strings.
func TestKeySize_JSON(t *testing.T) {
	for in, want := range map[KeySize]string{
		"2048": `2048`, "3072": `3072`, "4096": `4096`,
		"p-256": `"p-256"`, "p-384": `"p-384"`,
	} {
		got, err := json.Marshal(DocumentSigningCertificate{KeySize: in})
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if w := `{"key_size":` + want + `}`; string(got) != w {
			t.Errorf("key_size %q encodes as %s, want %s", in, got, w)
		}
	}
	got, _ := json.Marshal(DocumentSigningCertificate{})
	if string(got) != `{}` {
		t.Errorf("unset key_size encodes as %s, want it omitted", got)
	}
}

// TestOrderDocumentSigning_cardReachesServerButNotLogs: the card travels in
// the order body and nowhere else: the logs show it redacted, and
// formatting the card with %v or %#v shows nothing of it.
func TestOrderDocumentSigning_cardReachesServerButNotLogs(t *testing.T) {
	srv := dsignOrderServer(t, `{"id":112233,"requests":[{"id":113,"status":"pending"}]}`)
	cl := newTestClient(t, srv.URL, nil)
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)

	req := dsignEmployeeEveryField()
	if _, err := cl.OrderDocumentSigning(ctx, "ds_org_individual", req); err != nil {
		t.Fatal(err)
	}
	body := string(srv.request(t, 0).Body)
	if !strings.Contains(body, dsignCardNumber) || !strings.Contains(body, dsignCardCVV) {
		t.Fatalf("the order body lost its card: %s", body)
	}
	logs := buf.String()
	for _, secret := range []string{dsignCardNumber, dsignCardCVV} {
		if strings.Contains(logs, secret) {
			t.Errorf("the logs show %q:\n%s", secret, logs)
		}
	}
	entries, err := tflogtest.MultilineJSONDecode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range entries {
		if e["@message"] != "CertCentral request" {
			continue
		}
		logged, _ := e["request_body"].(string)
		var doc map[string]any
		if err := json.Unmarshal([]byte(logged), &doc); err != nil {
			t.Fatalf("request_body is not JSON: %v: %s", err, logged)
		}
		if doc["credit_card"] != "<redacted>" {
			t.Errorf("credit_card logged as %v, want <redacted>", doc["credit_card"])
		}
		if doc["billing_address"] == nil || doc["promo_code"] != "SPRING" {
			t.Errorf("the logged body lost non-secret fields: %s", logged)
		}
		found = true
	}
	if !found {
		t.Fatalf("no request was logged:\n%s", logs)
	}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(format, req.CreditCard); strings.Contains(s, dsignCardNumber) || strings.Contains(s, dsignCardCVV) {
			t.Errorf("fmt %s shows the card: %s", format, s)
		}
		if s := fmt.Sprintf(format, *req.CreditCard); strings.Contains(s, dsignCardNumber) || strings.Contains(s, dsignCardCVV) {
			t.Errorf("fmt %s of the value shows the card: %s", format, s)
		}
	}
}

// TestOrderDocumentSigning_5xxIsOutcomeUnknown: the order POST is sent once
// and a 5xx is reported as an unknown outcome, never retried.
func TestOrderDocumentSigning_5xxIsOutcomeUnknown(t *testing.T) {
	var srv *apiServer
	srv = newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		srv.readBody(t, r, rec)
		reply(w, http.StatusBadGateway, `{"errors":[{"code":"server_error","message":"boom"}]}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	_, err := cl.OrderDocumentSigning(context.Background(), "ds_org_individual", dsignEmployeeEveryField())
	if !IsOutcomeUnknown(err) {
		t.Fatalf("error = %v, want an OutcomeUnknownError", err)
	}
	if srv.count() != 1 {
		t.Errorf("the order was sent %d times, want 1", srv.count())
	}
	if strings.Contains(err.Error(), dsignCardNumber) {
		t.Errorf("the error shows the card: %v", err)
	}
}
