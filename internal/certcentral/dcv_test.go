package certcentral

import (
	"bytes"
	"context"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestGetDCVRandomValue(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusOK, `{"dcv_random_value":"x7tsyhr3mj4nrw5zd2cfgr0jyb7kbgnr","expiration_date":"2023-02-24T16:25:52+00:00"}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	got, err := cl.GetDCVRandomValue(context.Background(), 6484932)
	if err != nil {
		t.Fatalf("GetDCVRandomValue: %v", err)
	}
	want := &DCVRandomValue{DCVRandomValue: "x7tsyhr3mj4nrw5zd2cfgr0jyb7kbgnr", ExpirationDate: "2023-02-24T16:25:52+00:00"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("GetDCVRandomValue = %+v, want %+v", got, want)
	}
	r := srv.request(t, 0)
	if r.Method != "PUT" || r.Path != "/services/v2/order/certificate/6484932/dcv-random-value" || len(r.Query) != 0 {
		t.Errorf("request = %s %s", r.Method, r.Path)
	}
	assertCommonHeaders(t, r, false)
}

func TestCheckDCV_validated(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusOK, `{"order_status":"issued","certificate_id":249043544,"dcv_status":"valid",
			"dns_name_validations":[{"dns_name":"example.com","status":"approved"},{"dns_name":"www.example.com","status":"approved"}]}`)
	})
	cl := newTestClient(t, srv.URL, nil)
	got, err := cl.CheckDCV(context.Background(), 6484932)
	if err != nil {
		t.Fatalf("CheckDCV: %v", err)
	}
	want := &CheckDCVResponse{
		OrderStatus: "issued", CertificateID: 249043544, DCVStatus: "valid",
		DNSNameValidations: []DNSNameValidation{{DNSName: "example.com", Status: "approved"}, {DNSName: "www.example.com", Status: "approved"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CheckDCV = %+v, want %+v", got, want)
	}
	r := srv.request(t, 0)
	if r.Method != "PUT" || r.Path != "/services/v2/order/certificate/6484932/check-dcv" || len(r.Query) != 0 {
		t.Errorf("request = %s %s", r.Method, r.Path)
	}
	assertCommonHeaders(t, r, false)
}

// TestCheckDCV_notYetValidated: the documented 400s reach the caller as
// APIErrors with their code, and are not retried.
func TestCheckDCV_notYetValidated(t *testing.T) {
	for _, code := range []string{"invalid_dns_txt", "file_random_value_not_found", "invalid_dns_method"} {
		t.Run(code, func(t *testing.T) {
			srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
				reply(w, http.StatusBadRequest, `{"errors":[{"code":"`+code+`","message":"DCV not found."}]}`)
			})
			cl := newTestClient(t, srv.URL, nil)
			got, err := cl.CheckDCV(context.Background(), 7)
			if got != nil {
				t.Errorf("CheckDCV = %+v alongside an error", got)
			}
			apiErr, ok := AsAPIError(err)
			if !ok || apiErr.StatusCode != 400 || !apiErr.HasCode(code) {
				t.Fatalf("error = %v, want the 400 %s", err, code)
			}
			if n := srv.count(); n != 1 {
				t.Errorf("a 400 was sent %d times, want 1", n)
			}
		})
	}
}

const testPEMChain = "-----BEGIN CERTIFICATE-----\nMIIBleaf\n-----END CERTIFICATE-----\n" +
	"-----BEGIN CERTIFICATE-----\nMIIBintermediate\n-----END CERTIFICATE-----\n" +
	"-----BEGIN CERTIFICATE-----\nMIIBroot\n-----END CERTIFICATE-----\n"

func TestDownloadCertificate_returnsRawBytes(t *testing.T) {
	for _, format := range []string{FormatPEMAll, FormatPEMNoRoot, FormatPEMNoIntermediate} {
		t.Run(format, func(t *testing.T) {
			srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
				w.Header().Set("Content-Type", "application/x-pem-file")
				_, _ = w.Write([]byte(testPEMChain))
			})
			cl := newTestClient(t, srv.URL, nil)
			got, err := cl.DownloadCertificate(context.Background(), 6079436, format)
			if err != nil {
				t.Fatalf("DownloadCertificate: %v", err)
			}
			if !bytes.Equal(got, []byte(testPEMChain)) {
				t.Errorf("DownloadCertificate = %q, want the body byte for byte", got)
			}
			r := srv.request(t, 0)
			if want := "/services/v2/certificate/6079436/download/format/" + format; r.Method != "GET" || r.Path != want || len(r.Query) != 0 {
				t.Errorf("request = %s %s, want GET %s", r.Method, r.Path, want)
			}
			assertCommonHeaders(t, r, false)
		})
	}
}

func TestDownloadCertificate_failures(t *testing.T) {
	t.Run("empty body", func(t *testing.T) {
		srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
			w.WriteHeader(http.StatusOK)
		})
		cl := newTestClient(t, srv.URL, nil)
		got, err := cl.DownloadCertificate(context.Background(), 1, FormatPEMAll)
		if err == nil || !strings.Contains(err.Error(), "empty") {
			t.Fatalf("DownloadCertificate = %q, %v; want an empty-body error", got, err)
		}
	})
	t.Run("not found", func(t *testing.T) {
		srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
			reply(w, http.StatusNotFound, `{"errors":[{"code":"not_found","message":"Certificate not found."}]}`)
		})
		cl := newTestClient(t, srv.URL, nil)
		got, err := cl.DownloadCertificate(context.Background(), 1, FormatPEMAll)
		if got != nil || !IsNotFound(err) {
			t.Fatalf("DownloadCertificate = %q, %v; want a 404", got, err)
		}
		if n := srv.count(); n != 1 {
			t.Errorf("a 404 was sent %d times, want 1", n)
		}
	})
}
