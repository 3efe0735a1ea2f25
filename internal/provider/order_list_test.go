package provider

import (
	"fmt"
	"math/big"
	"net/url"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// These tests call the provider's ListResource RPC in process, as Terraform
// does for `terraform query`, so they run on no CLI and count the exact
// requests the sandbox receives.

var (
	listRangeType  = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"from": tftypes.String, "to": tftypes.String}}
	listConfigType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"product_name_id": tftypes.String, "status": tftypes.String, "common_name": tftypes.String,
		"domain_name": tftypes.String, "container_id": tftypes.Number,
		"date_created": listRangeType, "valid_till": listRangeType,
	}}
)

// listConfig is a list block's config with the given attributes set.
func listConfig(t *testing.T, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	vals := map[string]tftypes.Value{}
	for name, typ := range listConfigType.AttributeTypes {
		vals[name] = tftypes.NewValue(typ, nil)
	}
	for name, v := range set {
		vals[name] = v
	}
	dv, err := tfprotov6.NewDynamicValue(listConfigType, tftypes.NewValue(listConfigType, vals))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func listRange(from, to any) tftypes.Value {
	return tftypes.NewValue(listRangeType, map[string]tftypes.Value{
		"from": tftypes.NewValue(tftypes.String, from), "to": tftypes.NewValue(tftypes.String, to),
	})
}

// listTestToday is the provider's clock in these tests.
var listTestToday = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// configuredServer is the provider, configured against s, as a plugin
// server.
func configuredServer(t *testing.T, s *sandbox.Server) tfprotov6.ProviderServer {
	t.Helper()
	server := providerserver.NewProtocol6(New("test", WithClock(func() time.Time { return listTestToday }))())()
	schema, err := server.GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := schema.Provider.ValueType()
	objType, ok := typ.(tftypes.Object)
	if !ok {
		t.Fatalf("provider schema type %T", typ)
	}
	vals := map[string]tftypes.Value{}
	for name, at := range objType.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	vals["api_key"] = tftypes.NewValue(tftypes.String, s.APIKey())
	vals["base_url"] = tftypes.NewValue(tftypes.String, s.URL())
	cfg, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.ConfigureProvider(t.Context(), &tfprotov6.ConfigureProviderRequest{Config: &cfg})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Fatalf("configure: %s: %s", d.Summary, d.Detail)
	}
	return server
}

// listResults runs one ListResource call and returns its results, failing
// on any error diagnostic.
func listResults(t *testing.T, server tfprotov6.ProviderServer, typeName string, cfg *tfprotov6.DynamicValue, include bool, limit int64) []tfprotov6.ListResourceResult {
	t.Helper()
	lister, ok := server.(tfprotov6.ProviderServerWithListResource) //nolint:staticcheck // the protocol's list interface, until it is merged into ProviderServer
	if !ok {
		t.Fatal("the provider server does not serve list resources")
	}
	stream, err := lister.ListResource(t.Context(), &tfprotov6.ListResourceRequest{TypeName: typeName, Config: cfg, IncludeResource: include, Limit: limit})
	if err != nil {
		t.Fatal(err)
	}
	var out []tfprotov6.ListResourceResult
	for r := range stream.Results {
		for _, d := range r.Diagnostics {
			if d.Severity == tfprotov6.DiagnosticSeverityError {
				t.Fatalf("list %s: %s: %s", typeName, d.Summary, d.Detail)
			}
		}
		out = append(out, r)
	}
	return out
}

// identityOrderID reads order_id out of a result's identity.
func identityOrderID(t *testing.T, r tfprotov6.ListResourceResult) int {
	t.Helper()
	if r.Identity == nil || r.Identity.IdentityData == nil {
		t.Fatalf("result %q has no identity", r.DisplayName)
	}
	idType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"order_id": tftypes.Number}}
	v, err := r.Identity.IdentityData.Unmarshal(idType)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]tftypes.Value
	if err := v.As(&m); err != nil {
		t.Fatal(err)
	}
	var n big.Float
	if err := m["order_id"].As(&n); err != nil {
		t.Fatal(err)
	}
	id, _ := n.Int64()
	return int(id)
}

// listRequests are the GET /order/certificate requests s received, as
// their decoded queries.
func listRequests(s *sandbox.Server) []url.Values {
	var out []url.Values
	for _, r := range s.Requests() {
		if r.Method == "GET" && r.Path == "/services/v2/order/certificate" {
			q, _ := url.ParseQuery(r.RawQuery)
			out = append(out, q)
		}
	}
	return out
}

// dsOrgMinimalBody is a document_signing_org_1 order body the sandbox
// accepts.
const dsOrgMinimalBody = `{
	"certificate": {"server_platform": {"id": 21}, "signature_hash": "sha256"},
	"cs_provisioning_method": "ship_token", "validity_years": 2,
	"organization": {"id": 334455},
	"ship_info": {"name": "Erin Guerra", "addr1": "360 Taylor Street", "city": "Richmond", "state": "va", "zip": "69662", "country": "us", "method": "standard"},
	"subject": {"name": "Rene Pierce", "job_title": "School Counselor", "phone": "054-139-0798", "email": "rene.pierce@yahoo.com"},
	"csa_agreed_to": 1, "payment_method": "balance"}`

// seedDVOrders places n DV orders (and one document signing order, which a
// DV list must skip) straight into the sandbox.
func seedDVOrders(t *testing.T, s *sandbox.Server, n int) []int {
	t.Helper()
	csr := acctest.CSR(t, "example.com")
	var ids []int
	for i := range n {
		body := fmt.Sprintf(`{"certificate":{"common_name":"n%d.example.com","csr":%q},"validity_years":1,"dcv_method":"dns-txt-token","skip_approval":true}`, i, csr)
		id, err := s.CreateOrder(s.APIKey(), "ssl_dv_geotrust", []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if _, err := s.CreateOrder(s.APIKey(), "document_signing_org_1", []byte(dsOrgMinimalBody)); err != nil {
		t.Fatal(err)
	}
	return ids
}

func sortedIDs(t *testing.T, results []tfprotov6.ListResourceResult) []int {
	t.Helper()
	var ids []int
	for _, r := range results {
		ids = append(ids, identityOrderID(t, r))
	}
	sort.Ints(ids)
	return ids
}

// A list reads pages of 1000, oldest first, until the total; it stops
// reading as soon as Terraform's limit is reached; it never lists an order
// of another resource type.
func TestOrderList_pagesAndLimit(t *testing.T) {
	s := acctest.StartSandbox(t)
	ids := seedDVOrders(t, s, 1203)
	server := configuredServer(t, s)

	got := listResults(t, server, dvSSLOrderType, listConfig(t, nil), false, 0)
	if g := sortedIDs(t, got); !reflect.DeepEqual(g, ids) {
		t.Fatalf("listed %d orders, want the %d DV orders", len(g), len(ids))
	}
	reqs := listRequests(s)
	if len(reqs) != 2 {
		t.Fatalf("%d list requests, want 2 pages: %v", len(reqs), reqs)
	}
	for i, q := range reqs {
		want := url.Values{"sort": {"date_created"}, "limit": {"1000"}}
		if i == 1 {
			want.Set("offset", "1000")
		}
		if !reflect.DeepEqual(q, want) {
			t.Errorf("page %d query %v, want %v", i+1, q, want)
		}
	}
	if want := fmt.Sprintf("n0.example.com (order %d, ssl_dv_geotrust, pending)", ids[0]); got[0].DisplayName != want {
		t.Errorf("display name %q, want %q", got[0].DisplayName, want)
	}

	s.ResetRequests()
	got = listResults(t, server, dvSSLOrderType, listConfig(t, nil), false, 5)
	if len(got) != 5 || len(listRequests(s)) != 1 {
		t.Fatalf("limit 5: %d results from %d requests, want 5 from 1", len(got), len(listRequests(s)))
	}
}

// Every filter of the config reaches CertCentral in the documented syntax,
// and a date range with one end gets the other.
func TestOrderList_filtersSent(t *testing.T) {
	s := acctest.StartSandbox(t)
	seedDVOrders(t, s, 3)
	server := configuredServer(t, s)
	cfg := listConfig(t, map[string]tftypes.Value{
		"product_name_id": tftypes.NewValue(tftypes.String, "ssl_dv_geotrust"),
		"status":          tftypes.NewValue(tftypes.String, "pending"),
		"common_name":     tftypes.NewValue(tftypes.String, "n1.example.com"),
		"domain_name":     tftypes.NewValue(tftypes.String, "n1.example.com"),
		"container_id":    tftypes.NewValue(tftypes.Number, sandbox.DefaultContainerID),
		"date_created":    listRange("2026-01-01", nil),
		"valid_till":      listRange(nil, "2030-12-31"),
	})
	got := listResults(t, server, dvSSLOrderType, cfg, false, 0)
	reqs := listRequests(s)
	if len(reqs) != 1 {
		t.Fatalf("%d list requests, want 1", len(reqs))
	}
	want := url.Values{
		"sort": {"date_created"}, "limit": {"1000"},
		"filters[product_name_id]": {"ssl_dv_geotrust"}, "filters[status]": {"pending"},
		"filters[common_name]": {"n1.example.com"}, "filters[domain_name]": {"n1.example.com"},
		"filters[container_id]": {fmt.Sprint(sandbox.DefaultContainerID)},
		"filters[date_created]": {"2026-01-01...2036-12-01"},
		"filters[valid_till]":   {"2000-01-01...2030-12-31"},
	}
	if !reflect.DeepEqual(reqs[0], want) {
		t.Errorf("query\n%v\nwant\n%v", reqs[0], want)
	}
	// valid_till matches issued orders only, and these are pending.
	if len(got) != 0 {
		t.Errorf("%d results, want none", len(got))
	}
}
