package provider

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// Benchmarks of what the provider does per resource in every plan: the
// protocol calls Terraform makes for each digicert_dv_ssl_order instance
// (ValidateResourceConfig, PlanResourceChange), and the certificate split
// done on each download. `make bench` runs them with -benchmem.

// benchIssued is an issued sandbox order: its leaf and the sandbox chain.
type benchIssued struct {
	s                      *sandbox.Server
	csr, leaf, chain, root string
	orderID, certID        int
	serial, thumbprint     string
	notAfter               time.Time
	dateCreated            string
	validFrom, validTill   string
	orderFrom, orderTill   string
	daysRemaining          int
}

func newBenchIssued(b *testing.B) benchIssued {
	b.Helper()
	s := sandbox.New(sandbox.Options{RateLimits: []sandbox.Window{}, FrozenClock: true})
	csr, _, err := sandbox.GenerateCSR("ecdsa")
	if err != nil {
		b.Fatal(err)
	}
	body := `{"certificate":{"common_name":"www.example.com","csr":` + benchJSONString(csr) + `},"validity_years":1,"dcv_method":"dns-txt-token","skip_approval":true}`
	id, err := s.CreateOrder(s.APIKey(), "ssl_dv_geotrust", []byte(body))
	if err != nil {
		b.Fatal(err)
	}
	if err := s.IssueOrder(id); err != nil {
		b.Fatal(err)
	}
	o, _ := s.Order(id)
	block, _ := pem.Decode([]byte(o.CertificatePEM))
	leaf, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		b.Fatal(err)
	}
	return benchIssued{
		s: s, csr: csr, leaf: o.CertificatePEM, chain: s.IntermediatePEM(), root: s.RootPEM(),
		orderID: o.ID, certID: o.CertificateID, serial: o.SerialNumber, thumbprint: o.Thumbprint, notAfter: leaf.NotAfter,
		dateCreated: o.DateCreated.UTC().Format("2006-01-02T15:04:05-07:00"),
		validFrom:   o.ValidFrom.UTC().Format("2006-01-02"), validTill: o.ValidTill.UTC().Format("2006-01-02"),
		orderFrom: o.OrderValidFrom.UTC().Format("2006-01-02"), orderTill: o.OrderValidTill.UTC().Format("2006-01-02"),
		daysRemaining: max(int(o.ValidTill.Sub(s.Now()).Hours()/24), 0),
	}
}

func benchJSONString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// benchObject is an object value of typ with the attributes in set and
// every other attribute null.
func benchObject(typ tftypes.Object, set map[string]tftypes.Value) tftypes.Value {
	vals := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, at := range typ.AttributeTypes {
		if v, ok := set[name]; ok {
			vals[name] = v
		} else {
			vals[name] = tftypes.NewValue(at, nil)
		}
	}
	return tftypes.NewValue(typ, vals)
}

func benchDynamic(b *testing.B, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	b.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		b.Fatal(err)
	}
	return &dv
}

// benchDVServer is the provider's protocol server, its schema loaded, and
// the configuration and state of one issued digicert_dv_ssl_order as
// Terraform sends them when nothing changed.
func benchDVServer(b *testing.B) (srv tfprotov6.ProviderServer, config, state *tfprotov6.DynamicValue) {
	srv, config, state, _ = benchDVServerIssued(b)
	return srv, config, state
}

func benchDVServerIssued(b *testing.B) (srv tfprotov6.ProviderServer, config, state *tfprotov6.DynamicValue, is benchIssued) {
	b.Helper()
	ctx := context.Background()
	srv, err := providerserver.NewProtocol6WithError(New("bench")())()
	if err != nil {
		b.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		b.Fatalf("schema: %v %v", err, schemas.Diagnostics)
	}
	typ, ok := schemas.ResourceSchemas[dvSSLOrderType].ValueType().(tftypes.Object)
	if !ok {
		b.Fatal("the resource schema is not an object")
	}
	certType, ok := typ.AttributeTypes["certificate"].(tftypes.Object)
	if !ok {
		b.Fatal("certificate is not an object")
	}
	is = newBenchIssued(b)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	num := func(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	args := map[string]tftypes.Value{
		"product_name_id": str("ssl_dv_geotrust"),
		"certificate":     benchObject(certType, map[string]tftypes.Value{"common_name": str("www.example.com"), "csr": str(is.csr)}),
		"validity_years":  num(1),
		"dcv_method":      str("dns-txt-token"),
		"skip_approval":   tftypes.NewValue(tftypes.Bool, true),
	}
	stateVals := map[string]tftypes.Value{
		"on_destroy": str(onDestroyCancel), "ready_for_renewal": tftypes.NewValue(tftypes.Bool, false),
		"id": str(itoa(is.orderID)), "certificate_id": num(int64(is.certID)), "status": str("issued"),
		"date_created": str(is.dateCreated), "serial_number": str(is.serial), "thumbprint": str(is.thumbprint),
		"valid_from": str(is.validFrom), "valid_till": str(is.validTill), "days_remaining": num(int64(is.daysRemaining)),
		"certificate_pem": str(is.leaf), "chain_pem": str(is.chain), "root_pem": str(is.root),
		"full_chain_pem": str(is.leaf + is.chain), "not_after": str(is.notAfter.UTC().Format(time.RFC3339)),
		"order_valid_from": str(is.orderFrom), "order_valid_till": str(is.orderTill), "is_multi_year_plan": tftypes.NewValue(tftypes.Bool, false),
		"next_renewal": str("reissue"), "request_id": num(3000001), "request_type": str("new_request"), "request_status": str("approved"),
	}
	for k, v := range args {
		stateVals[k] = v
	}
	return srv, benchDynamic(b, typ, benchObject(typ, args)), benchDynamic(b, typ, benchObject(typ, stateVals)), is
}

func itoa(n int) string {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(buf[i:])
		}
	}
}

// BenchmarkDVSSLOrderValidateResourceConfig is the validation Terraform
// asks for per instance in every plan (CSR parsing and signature check, DNS
// names, cross-attribute rules).
func BenchmarkDVSSLOrderValidateResourceConfig(b *testing.B) {
	srv, config, _ := benchDVServer(b)
	ctx := context.Background()
	req := &tfprotov6.ValidateResourceConfigRequest{TypeName: dvSSLOrderType, Config: config}
	b.ReportAllocs()
	for b.Loop() {
		resp, err := srv.ValidateResourceConfig(ctx, req)
		if err != nil || len(resp.Diagnostics) > 0 {
			b.Fatalf("%v %v", err, resp.Diagnostics)
		}
	}
}

// BenchmarkDVSSLOrderPlanResourceChange is the plan of an issued order
// whose configuration did not change: plan modifiers and ModifyPlan, per
// instance, in every plan.
func BenchmarkDVSSLOrderPlanResourceChange(b *testing.B) {
	srv, config, state := benchDVServer(b)
	ctx := context.Background()
	req := &tfprotov6.PlanResourceChangeRequest{TypeName: dvSSLOrderType, PriorState: state, ProposedNewState: state, Config: config}
	b.ReportAllocs()
	for b.Loop() {
		resp, err := srv.PlanResourceChange(ctx, req)
		if err != nil || len(resp.Diagnostics) > 0 || len(resp.RequiresReplace) > 0 {
			b.Fatalf("%v %v replace %v", err, resp.Diagnostics, resp.RequiresReplace)
		}
	}
}

// BenchmarkSplitPEMBundle is the pem_all split done after each certificate
// download.
func BenchmarkSplitPEMBundle(b *testing.B) {
	is := newBenchIssued(b)
	raw := []byte(is.leaf + is.chain + is.root)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := splitPEMBundle(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDVSSLOrderReadResource is the refresh of an issued order that
// did not change: one order-info GET through the client (to a sandbox on
// loopback without latency or limits), then the state rebuilt. Its time is
// the provider's CPU per resource in every refresh, plus the sandbox's.
func BenchmarkDVSSLOrderReadResource(b *testing.B) {
	srv, _, state, is := benchDVServerIssued(b)
	if err := is.s.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(is.s.Close)
	schemas := benchConfigure(b, srv, is)
	req := &tfprotov6.ReadResourceRequest{TypeName: dvSSLOrderType, CurrentState: state}
	benchReadLoop(b, srv, schemas, req)
}

// BenchmarkDVSSLOrderReadResourceKept is the refresh of an issued order
// that did not change, with the status-changes feed (refresh.go): the
// private state records a recent full read and the feed names no order, so
// Read keeps the state. The feed's answer is shared by every Read of a
// plan, so this is the provider's CPU per resource in a plan of a large,
// unchanged estate.
func BenchmarkDVSSLOrderReadResourceKept(b *testing.B) {
	srv, _, state, is := benchDVServerIssued(b)
	if err := is.s.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(is.s.Close)
	ctx := context.Background()
	schemas := benchConfigure(b, srv, is)
	// The order was issued an hour before the plan, as CertCentral tells.
	is.s.Advance(time.Hour)
	// The first Read reads the order in full and records when.
	first, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: dvSSLOrderType, CurrentState: state})
	if err != nil || len(first.Diagnostics) > 0 {
		b.Fatalf("%v %v", err, first.Diagnostics)
	}
	req := &tfprotov6.ReadResourceRequest{TypeName: dvSSLOrderType, CurrentState: state, Private: first.Private}
	calls := len(is.s.Requests())
	benchReadLoop(b, srv, schemas, req)
	if got := is.s.Requests()[calls:]; len(got) != 1 || !strings.Contains(got[0].Path, "status-changes") {
		b.Fatalf("want one status-changes call for all the kept Reads, got %d requests", len(got))
	}
}

// benchConfigure configures srv against the sandbox of is, without rate
// limits that would slow the loop, and returns the schemas.
func benchConfigure(b *testing.B, srv tfprotov6.ProviderServer, is benchIssued) *tfprotov6.GetProviderSchemaResponse {
	b.Helper()
	ctx := context.Background()
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	ptyp, ok := schemas.Provider.ValueType().(tftypes.Object)
	if !ok {
		b.Fatal("the provider schema is not an object")
	}
	pcfg := benchObject(ptyp, map[string]tftypes.Value{
		"api_key":                tftypes.NewValue(tftypes.String, is.s.APIKey()),
		"base_url":               tftypes.NewValue(tftypes.String, is.s.URL()),
		"requests_per_5_seconds": tftypes.NewValue(tftypes.Number, int64(100000)),
		"requests_per_3_minutes": tftypes.NewValue(tftypes.Number, int64(1000000)),
	})
	conf, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.5.7", Config: benchDynamic(b, ptyp, pcfg)})
	if err != nil || len(conf.Diagnostics) > 0 {
		b.Fatalf("configure: %v %v", err, conf.Diagnostics)
	}
	return schemas
}

// benchReadLoop checks that req's Read gives back its state unchanged, then
// times it.
func benchReadLoop(b *testing.B, srv tfprotov6.ProviderServer, schemas *tfprotov6.GetProviderSchemaResponse, req *tfprotov6.ReadResourceRequest) {
	b.Helper()
	ctx := context.Background()
	state := req.CurrentState
	resp, err := srv.ReadResource(ctx, req)
	if err != nil || len(resp.Diagnostics) > 0 {
		b.Fatalf("%v %v", err, resp.Diagnostics)
	}
	if got, _ := resp.NewState.Unmarshal(schemas.ResourceSchemas[dvSSLOrderType].ValueType()); !got.Equal(benchMustUnmarshal(b, state, schemas.ResourceSchemas[dvSSLOrderType].ValueType())) {
		b.Fatalf("the refresh changed the state: the benchmark state does not match the order:\n%s", benchDiff(got, benchMustUnmarshal(b, state, schemas.ResourceSchemas[dvSSLOrderType].ValueType())))
	}
	b.ReportAllocs()
	for b.Loop() {
		resp, err := srv.ReadResource(ctx, req)
		if err != nil || len(resp.Diagnostics) > 0 {
			b.Fatalf("%v %v", err, resp.Diagnostics)
		}
	}
}

func benchMustUnmarshal(b *testing.B, dv *tfprotov6.DynamicValue, typ tftypes.Type) tftypes.Value {
	b.Helper()
	v, err := dv.Unmarshal(typ)
	if err != nil {
		b.Fatal(err)
	}
	return v
}

// benchDiff names the attributes whose values differ between two objects.
func benchDiff(got, want tftypes.Value) string {
	var g, w map[string]tftypes.Value
	if got.As(&g) != nil || want.As(&w) != nil {
		return got.String()
	}
	var out []string
	for k, v := range w {
		if !v.Equal(g[k]) {
			out = append(out, k+": want "+v.String()+", got "+g[k].String())
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}
