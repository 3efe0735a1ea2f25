// Package provider implements the DigiCert CertCentral Terraform provider.
package provider

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
	"github.com/certcentral-community/terraform-provider-digicert/internal/validators"
)

var (
	_ provider.Provider                  = &digicertProvider{}
	_ provider.ProviderWithListResources = &digicertProvider{}
	_ provider.ProviderWithActions       = &digicertProvider{}
)

// Environment variables the provider reads when an attribute is not set.
const (
	envAPIKey  = "DIGICERT_API_KEY"
	envBaseURL = "DIGICERT_BASE_URL"
)

// New returns a constructor for the provider at version.
func New(version string, opts ...Option) func() provider.Provider {
	return func() provider.Provider {
		p := &digicertProvider{version: version, now: time.Now}
		for _, o := range opts {
			o(p)
		}
		return p
	}
}

// Option changes how the provider is built; tests use it.
type Option func(*digicertProvider)

// WithClock makes the provider read the time from now instead of the system
// clock.
func WithClock(now func() time.Time) Option {
	return func(p *digicertProvider) { p.now = now }
}

// clock is where the provider reads the time: for renewal, DCV random value
// expiry, the date and card expiry checks, and validated_at. The provider
// has one, and hands it to every resource it builds.
//
// choice: the resources get it when they are built rather than through
// Configure, because Terraform validates configuration (the date
// validators, ValidateConfig) in provider instances it never configures.
type clock func() time.Time

type digicertProvider struct {
	version string
	now     clock
}

type providerModel struct {
	APIKey              types.String `tfsdk:"api_key"`
	BaseURL             types.String `tfsdk:"base_url"`
	MaxRetries          types.Int64  `tfsdk:"max_retries"`
	MinBackoff          types.String `tfsdk:"min_backoff"`
	MaxBackoff          types.String `tfsdk:"max_backoff"`
	RequestsPer5Seconds types.Int64  `tfsdk:"requests_per_5_seconds"`
	RequestsPer3Minutes types.Int64  `tfsdk:"requests_per_3_minutes"`
	RefreshWithFeed     types.Bool   `tfsdk:"refresh_with_status_changes"`
}

// providerData is what resources and data sources receive in Configure.
type providerData struct {
	client *certcentral.Client
	// feed serves the order resources' Read (refresh.go); nil when
	// refresh_with_status_changes is off.
	feed *changeFeed
}

func (p *digicertProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "digicert"
	resp.Version = p.version
}

func (p *digicertProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Orders, validates and manages certificates through the DigiCert CertCentral Services API v2.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				MarkdownDescription: "CertCentral API key, sent as the `X-DC-DEVKEY` header. Falls back to the `" + envAPIKey + "` environment variable. Never written to state or logs.",
				Optional:            true,
				Sensitive:           true,
			},
			"base_url": schema.StringAttribute{
				MarkdownDescription: "Base URL of the Services API. Falls back to the `" + envBaseURL + "` environment variable, then to `" + certcentral.DefaultBaseURL + "` (US). CertCentral Europe is `" + certcentral.EUBaseURL + "`. Plain `http://` is accepted only for a loopback host (the sandbox). A host that is neither a DigiCert domain nor loopback (a typo, or a proxy) gets a warning at plan; one that does not resolve fails at once, without retries.",
				Optional:            true,
				Validators:          []validator.String{validators.BaseURL()},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "How many times a request that failed with a rate limit (429), a server error (5xx, safe requests only) or a network error is retried. Default `8`. An order request is retried only when it provably was not processed.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(0, 50)},
			},
			"min_backoff": schema.StringAttribute{
				MarkdownDescription: "Shortest wait before a retry, as a Go duration (`500ms`, `1s`). The wait doubles each attempt, with jitter. Default `1s`.",
				Optional:            true,
				Validators:          []validator.String{validators.Duration()},
			},
			"max_backoff": schema.StringAttribute{
				MarkdownDescription: "Longest wait before one retry, as a Go duration. Default `30s`.",
				Optional:            true,
				Validators:          []validator.String{validators.Duration()},
			},
			"requests_per_5_seconds": schema.Int64Attribute{
				MarkdownDescription: "Client-side limit of requests per rolling 5 seconds, shared by every resource of this provider configuration and by every other configuration (alias) with the same API key and base URL: together they keep the strictest limits any of them sets. Default `100`, CertCentral's published limit per API key; lower it when other tools use the same key.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, 100000)},
			},
			"requests_per_3_minutes": schema.Int64Attribute{
				MarkdownDescription: "Client-side limit of requests per rolling 3 minutes. Default `1000`, CertCentral's published limit per API key.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, 1000000)},
			},
			"refresh_with_status_changes": schema.BoolAttribute{
				MarkdownDescription: "Refresh orders from CertCentral's order status-changes list (`GET /order/certificate/status-changes`): a plan asks it which orders changed status since their last full read (once per time frame its orders need: 10 minutes, 20, 40... up to seven days), and reads in full (`GET` order info) only those (except DV orders it names with the pending status and certificate state holds), the ones whose certificate's `not_after` has passed, the ones last read in full more than seven days ago (the list's limit), the ones with a reissue pending or in doubt, and the ones just imported; every other order keeps its state, with `days_remaining`, `ready_for_renewal` and `next_renewal` counted from `not_after` on the provider's clock. If the list cannot be read, or the server's clock (the `Date` of its answer) differs from the provider's by more than five minutes (a sandbox whose clock was moved), every order is read in full and the plan goes on. Default `true`. Set `false` to read every order on every refresh (one call per order). See the Performance guide.",
				Optional:            true,
			},
		},
	}
}

func (p *digicertProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A value that is unknown until apply (an API key read from another
	// resource) cannot configure a client yet. Return without one: plan-time
	// validation still runs, and anything that needs the API reports that the
	// provider is not configured.
	if cfg.APIKey.IsUnknown() || cfg.BaseURL.IsUnknown() {
		return
	}

	apiKey := cfg.APIKey.ValueString()
	if cfg.APIKey.IsNull() {
		apiKey = os.Getenv(envAPIKey)
	}
	if apiKey == "" {
		resp.Diagnostics.AddAttributeError(path.Root("api_key"), "Missing CertCentral API Key",
			"Set the api_key attribute of the digicert provider or the "+envAPIKey+" environment variable to a CertCentral API key (CertCentral: Automation > API Keys).")
	}
	baseURL := cfg.BaseURL.ValueString()
	baseURLPath := path.Root("base_url")
	if cfg.BaseURL.IsNull() {
		baseURL = os.Getenv(envBaseURL)
	}
	if baseURL == "" {
		baseURL = certcentral.DefaultBaseURL
	}
	if u, err := certcentral.ParseBaseURL(baseURL); err != nil {
		resp.Diagnostics.AddAttributeError(baseURLPath, "Invalid CertCentral Base URL", err.Error()+
			". Set base_url or "+envBaseURL+" to "+certcentral.DefaultBaseURL+" (US) or "+certcentral.EUBaseURL+" (Europe).")
	} else if !certcentral.IsDigiCertHost(u) {
		// choice: a warning, not an error: a proxy in front of CertCentral
		// is legitimate, a typo (digicert.con) is the likelier case.
		resp.Diagnostics.AddAttributeWarning(baseURLPath, "Base URL Outside DigiCert",
			fmt.Sprintf("The CertCentral base URL %s (from %s) has a host that is neither a DigiCert domain nor loopback (the sandbox). "+
				"If it is a typo, set base_url or %s to %s (US) or %s (Europe); if it is a proxy in front of CertCentral, ignore this warning.",
				baseURL, baseURLSource(cfg.BaseURL), envBaseURL, certcentral.DefaultBaseURL, certcentral.EUBaseURL))
	}

	clientCfg := certcentral.Config{
		BaseURL:        baseURL,
		BaseURLSetting: "the provider's base_url (or " + envBaseURL + ")",
		APIKey:         apiKey,
		UserAgent:      fmt.Sprintf("terraform-provider-digicert/%s Terraform/%s", p.version, req.TerraformVersion),
		Logger:         tflogLogger{},
	}
	if !cfg.MaxRetries.IsNull() && !cfg.MaxRetries.IsUnknown() {
		clientCfg.MaxRetries = int(cfg.MaxRetries.ValueInt64())
		if clientCfg.MaxRetries == 0 {
			clientCfg.MaxRetries = -1 // the client reads 0 as "default"
		}
	}
	clientCfg.MinBackoff = parseDurationAttr(cfg.MinBackoff)
	clientCfg.MaxBackoff = parseDurationAttr(cfg.MaxBackoff)
	if !cfg.RequestsPer5Seconds.IsNull() || !cfg.RequestsPer3Minutes.IsNull() {
		clientCfg.RateWindows = []certcentral.RateWindow{
			{Requests: int(valueOr(cfg.RequestsPer5Seconds, 100)), Per: 5 * time.Second},
			{Requests: int(valueOr(cfg.RequestsPer3Minutes, 1000)), Per: 3 * time.Minute},
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	client, err := certcentral.New(clientCfg)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create CertCentral Client", err.Error())
		return
	}
	data := &providerData{client: client}
	if cfg.RefreshWithFeed.IsNull() || cfg.RefreshWithFeed.IsUnknown() || cfg.RefreshWithFeed.ValueBool() {
		data.feed = newChangeFeed(client, p.now)
	}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
	resp.ActionData = data
}

// baseURLSource says where the base URL came from, for messages.
func baseURLSource(attr types.String) string {
	if attr.IsNull() {
		return envBaseURL
	}
	return "base_url"
}

// tflogLogger sends the client's debug log to Terraform's provider log
// (TF_LOG=DEBUG).
type tflogLogger struct{}

func (tflogLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(ctx, msg, fields)
}

// parseDurationAttr returns the duration of a validated attribute, or 0 (the
// client's default) when it is null or unknown.
func parseDurationAttr(v types.String) time.Duration {
	if v.IsNull() || v.IsUnknown() {
		return 0
	}
	d, err := time.ParseDuration(v.ValueString())
	if err != nil {
		return 0 // the validator already reported it
	}
	return d
}

func valueOr(v types.Int64, def int64) int64 {
	if v.IsNull() || v.IsUnknown() {
		return def
	}
	return v.ValueInt64()
}

// tlsOrderKinds are the TLS order resources the engine runs
// (tlsorder_kinds.go). Adding one is this line: Resources registers each
// kind's resource (with the order identity), ListResources its list
// resource, and the reissue action accepts its products.
var tlsOrderKinds = []tlsOrderKind{dvSSLOrder}

func (p *digicertProvider) Resources(_ context.Context) []func() resource.Resource {
	withClock := func(newResource func(clock) resource.Resource) func() resource.Resource {
		return func() resource.Resource { return newResource(p.now) }
	}
	var out []func() resource.Resource
	for _, k := range tlsOrderKinds {
		// Renewal moves a TLS order resource to the renewal order.
		out = append(out, withOrderIdentity(withClock(k.newResource), true))
	}
	return append(out,
		withOrderIdentity(withClock(newDVSSLOrderValidationResource), false),
		withOrderIdentity(withClock(newDocumentSigningOrderResource), false),
		newACMECredentialResource,
	)
}

// ListResources are for `terraform query` (Terraform 1.14 and later).
func (p *digicertProvider) ListResources(_ context.Context) []func() list.ListResource {
	withClock := func(newList func(clock) list.ListResource) func() list.ListResource {
		return func() list.ListResource { return newList(p.now) }
	}
	var out []func() list.ListResource
	for _, k := range tlsOrderKinds {
		out = append(out, withClock(k.newList))
	}
	return append(out, withClock(newDocumentSigningOrderListResource))
}

// Actions run on `apply -invoke` and action_trigger (Terraform 1.14 and
// later).
func (p *digicertProvider) Actions(_ context.Context) []func() action.Action {
	return []func() action.Action{
		newRevokeCertificateAction,
		func() action.Action { return newReissueCertificateAction(p.now) },
	}
}

func (p *digicertProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newSubaccountOrderDataSource,
		newOrderDataSource,
		newACMECredentialsDataSource,
	}
}
