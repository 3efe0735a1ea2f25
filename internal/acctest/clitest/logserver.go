package clitest

import (
	"context"
	"io"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-log/tfsdklogtest"
)

// logServer gives every RPC of a provider server root loggers that write
// JSON lines, at TRACE, to w: the provider's own tflog calls and the
// framework's SDK logs then reach the command's output, as a real plugin's
// logs reach the CLI's log. tf6server's own protocol logs (sdk.proto) are
// written before the wrapper is reached and stay with the test sink.
//
// The RPC context reaches the provider without the values tf6server put in
// it (they are its loggers and the test sink, which would take precedence
// over the new loggers); cancellation, deadline and the stop on SIGINT are
// kept.
//
// It serves only the RPCs of tfprotov6.ProviderServer: the optional list
// resource, action and state store RPCs are not forwarded (neither
// Terraform 1.5 nor OpenTofu 1.12 calls them).
type logServer struct {
	tfprotov6.ProviderServer
	w io.Writer
}

var _ tfprotov6.ProviderServer = &logServer{}

// withoutValues is ctx without its values.
type withoutValues struct{ context.Context }

func (withoutValues) Value(any) any { return nil }

func (s *logServer) ctx(ctx context.Context) context.Context {
	ctx = withoutValues{ctx}
	return tfsdklogtest.RootLogger(tflogtest.RootLogger(ctx, s.w), s.w)
}

func (s *logServer) GetMetadata(ctx context.Context, req *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	return s.ProviderServer.GetMetadata(s.ctx(ctx), req)
}

func (s *logServer) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return s.ProviderServer.GetProviderSchema(s.ctx(ctx), req)
}

func (s *logServer) GetResourceIdentitySchemas(ctx context.Context, req *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return s.ProviderServer.GetResourceIdentitySchemas(s.ctx(ctx), req)
}

func (s *logServer) ValidateProviderConfig(ctx context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return s.ProviderServer.ValidateProviderConfig(s.ctx(ctx), req)
}

func (s *logServer) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return s.ProviderServer.ConfigureProvider(s.ctx(ctx), req)
}

func (s *logServer) StopProvider(ctx context.Context, req *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return s.ProviderServer.StopProvider(s.ctx(ctx), req)
}

func (s *logServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return s.ProviderServer.ValidateResourceConfig(s.ctx(ctx), req)
}

func (s *logServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return s.ProviderServer.UpgradeResourceState(s.ctx(ctx), req)
}

func (s *logServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return s.ProviderServer.ReadResource(s.ctx(ctx), req)
}

func (s *logServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return s.ProviderServer.PlanResourceChange(s.ctx(ctx), req)
}

func (s *logServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return s.ProviderServer.ApplyResourceChange(s.ctx(ctx), req)
}

func (s *logServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return s.ProviderServer.ImportResourceState(s.ctx(ctx), req)
}

func (s *logServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return s.ProviderServer.MoveResourceState(s.ctx(ctx), req)
}

func (s *logServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return s.ProviderServer.UpgradeResourceIdentity(s.ctx(ctx), req)
}

func (s *logServer) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return s.ProviderServer.GenerateResourceConfig(s.ctx(ctx), req)
}

func (s *logServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return s.ProviderServer.ValidateDataResourceConfig(s.ctx(ctx), req)
}

func (s *logServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return s.ProviderServer.ReadDataSource(s.ctx(ctx), req)
}

func (s *logServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return s.ProviderServer.CallFunction(s.ctx(ctx), req)
}

func (s *logServer) GetFunctions(ctx context.Context, req *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return s.ProviderServer.GetFunctions(s.ctx(ctx), req)
}

func (s *logServer) ValidateEphemeralResourceConfig(ctx context.Context, req *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	return s.ProviderServer.ValidateEphemeralResourceConfig(s.ctx(ctx), req)
}

func (s *logServer) OpenEphemeralResource(ctx context.Context, req *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	return s.ProviderServer.OpenEphemeralResource(s.ctx(ctx), req)
}

func (s *logServer) RenewEphemeralResource(ctx context.Context, req *tfprotov6.RenewEphemeralResourceRequest) (*tfprotov6.RenewEphemeralResourceResponse, error) {
	return s.ProviderServer.RenewEphemeralResource(s.ctx(ctx), req)
}

func (s *logServer) CloseEphemeralResource(ctx context.Context, req *tfprotov6.CloseEphemeralResourceRequest) (*tfprotov6.CloseEphemeralResourceResponse, error) {
	return s.ProviderServer.CloseEphemeralResource(s.ctx(ctx), req)
}
