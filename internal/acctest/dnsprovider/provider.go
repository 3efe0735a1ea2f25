// Package dnsprovider is a test-only Terraform provider, "sandboxdns", that
// stands in for a DNS or web hosting provider (Route 53, Cloudflare, an S3
// bucket) in acceptance tests: its resources publish DCV records and files
// into a sandbox CertCentral's zone, in the same process as the test.
//
// The real DNS providers are not available here (DESIGN.md, section
// Test-only DNS provider), and a configuration that wires
// digicert_dv_ssl_order's DCV records into a DNS resource with for_each is
// exactly what users write, so tests need one.
//
//	clitest.Providers{
//		"digicert":   providerserver.NewProtocol6WithError(provider.New("test")()),
//		"sandboxdns": providerserver.NewProtocol6WithError(dnsprovider.New(s)()),
//	}
package dnsprovider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// TypeName is the provider's type name: resources are sandboxdns_*.
const TypeName = "sandboxdns"

var _ provider.Provider = &dnsProvider{}

// New returns a constructor for the provider, bound to the sandbox s: every
// resource publishes into s directly (no HTTP), so the provider takes no
// configuration.
func New(s *sandbox.Server) func() provider.Provider {
	return func() provider.Provider { return &dnsProvider{sandbox: s} }
}

type dnsProvider struct {
	sandbox *sandbox.Server
}

func (p *dnsProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = TypeName
	resp.Version = "test"
}

func (p *dnsProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Test-only provider that publishes DNS records and HTTP files into a sandbox CertCentral, standing in for a DNS provider. It takes no configuration: it is bound to one sandbox when the test builds it.",
	}
}

func (p *dnsProvider) Configure(_ context.Context, _ provider.ConfigureRequest, _ *provider.ConfigureResponse) {
}

func (p *dnsProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource { return &recordResource{sandbox: p.sandbox} },
		func() resource.Resource { return &httpFileResource{sandbox: p.sandbox} },
	}
}

func (p *dnsProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return nil
}
