package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// TestPlacedDownloadsAnOrderIssuedAtOnce: when order info already says
// issued right after the POST (names or an organization validated before),
// placed downloads the certificate, so certificate_pem and the rest are in
// state after one apply instead of after the next refresh.
func TestPlacedDownloadsAnOrderIssuedAtOnce(t *testing.T) {
	s := sandbox.Start(t, sandbox.Options{RateLimits: []sandbox.Window{}})
	cl, err := certcentral.New(certcentral.Config{BaseURL: s.URL(), APIKey: s.APIKey(), RateWindows: []certcentral.RateWindow{}, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	csr, _, err := sandbox.GenerateCSR("ecdsa")
	if err != nil {
		t.Fatal(err)
	}
	place := func(issue bool) (tlsOrderModel, diag.Diagnostics) {
		id, err := s.CreateOrder(s.APIKey(), "ssl_dv_geotrust", []byte(`{"certificate":{"common_name":"www.example.com","csr":`+jsonString(csr)+`},"validity_years":1,"dcv_method":"email","skip_approval":true}`))
		if err != nil {
			t.Fatal(err)
		}
		if issue {
			if err := s.CompleteDCV(id); err != nil {
				t.Fatal(err)
			}
		}
		e := tlsOrderEngine{lifecycle: orderLifecycle{client: cl}, now: s.Now, typeName: "digicert_test_order"}
		var m tlsOrderModel
		var diags diag.Diagnostics
		o, _ := s.Order(id)
		e.placed(context.Background(), &m, int64(id), int64(o.CertificateID), nil, time.Now(), &diags)
		return m, diags
	}

	m, diags := place(true)
	if diags.HasError() || m.Status.ValueString() != certcentral.OrderStatusIssued {
		t.Fatalf("status %s, diagnostics %v", m.Status, diags)
	}
	if !strings.HasPrefix(m.CertificatePEM.ValueString(), "-----BEGIN CERTIFICATE-----") || m.FullChainPEM.IsNull() || m.NotAfter.IsNull() {
		t.Errorf("an order issued at once has certificate_pem %s, full_chain_pem null %v, not_after %s; want them set", m.CertificatePEM, m.FullChainPEM.IsNull(), m.NotAfter)
	}
	if n := s.CountRequests("GET", "/services/v2/certificate/"); n != 1 {
		t.Errorf("%d certificate downloads, want 1", n)
	}

	// A pending order downloads nothing.
	s.ResetRequests()
	m, _ = place(false)
	if !m.CertificatePEM.IsNull() || m.Status.ValueString() != certcentral.OrderStatusPending {
		t.Errorf("a pending order: status %s, certificate_pem %s; want pending, null", m.Status, m.CertificatePEM)
	}
	if n := s.CountRequests("GET", "/services/v2/certificate/"); n != 0 {
		t.Errorf("a pending order: %d certificate downloads, want 0", n)
	}
}
