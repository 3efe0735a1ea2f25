package certcentral

import (
	"encoding/json"
	"testing"

	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// BenchmarkDecodeSubaccountOrder decodes the documented subaccount order
// answers (CERTCENTRAL.md, Subaccount order info): the largest is the one with
// subaccount_order_validations, which the data source asks for.
func BenchmarkDecodeSubaccountOrder(b *testing.B) {
	examples := sandbox.DocumentedSubaccountExamples()
	for i, name := range []string{"example1", "example2-validations", "example3-issued", "example4"} {
		raw := []byte(examples[i])
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				var o SubaccountOrder
				if err := json.Unmarshal(raw, &o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeOrderList decodes one full page (1000 orders) of GET
// /order/certificate, the answer a coalesced refresh would read instead of
// 1000 order-info answers.
func BenchmarkDecodeOrderList(b *testing.B) {
	item := `{"id":1000001,"certificate":{"id":2000001,"common_name":"host1.bench.example.com","dns_names":["host1.bench.example.com"],"valid_till":"2027-05-01","days_remaining":180,"signature_hash":"sha256"},"status":"issued","is_renewed":false,"date_created":"2026-11-23T16:54:53+00:00","organization":{"id":334455,"name":"Real Organization, LLC","display_name":"Real Organization, LLC (Real Organization)"},"validity_years":1,"container":{"id":69748,"name":"Headquarters"},"product":{"name_id":"ssl_dv_geotrust","name":"GeoTrust DV SSL","type":"ssl_certificate"}}`
	raw := []byte(`{"orders":[`)
	for i := range 1000 {
		if i > 0 {
			raw = append(raw, ',')
		}
		raw = append(raw, item...)
	}
	raw = append(raw, `],"page":{"total":1000,"limit":1000,"offset":0}}`...)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		var l OrderList
		if err := json.Unmarshal(raw, &l); err != nil || len(l.Orders) != 1000 {
			b.Fatalf("%v, %d orders", err, len(l.Orders))
		}
	}
}
