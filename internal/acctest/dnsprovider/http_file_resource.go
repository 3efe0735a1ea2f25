package dnsprovider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

type httpFileResource struct {
	sandbox *sandbox.Server
}

type httpFileModel struct {
	ID   types.String `tfsdk:"id"`
	URL  types.String `tfsdk:"url"`
	Body types.String `tfsdk:"body"`
}

func (r *httpFileResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_http_file"
}

func (r *httpFileResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A file the sandbox serves for HTTP DCV (`http-token`), standing in for a web server or bucket. Test-only. " +
			"Read cannot see the sandbox's files, so a file removed behind Terraform's back is not noticed.",
		Attributes: map[string]schema.Attribute{
			// Required
			"url": schema.StringAttribute{
				MarkdownDescription: "Where the file is served, such as `http://example.com/.well-known/pki-validation/fileauth.txt` (`sandbox.DCVFileURL`). Changing it replaces the file.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"body": schema.StringAttribute{
				MarkdownDescription: "File content; the sandbox's DCV check passes when it contains the order's random value. Must not be empty (an empty body removes the file in the sandbox). Changing it replaces the file.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			// Computed
			"id": schema.StringAttribute{
				MarkdownDescription: "The URL.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *httpFileResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m httpFileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.sandbox.PublishHTTPFile(m.URL.ValueString(), m.Body.ValueString())
	tflog.Debug(ctx, "Published HTTP file", map[string]any{"url": m.URL.ValueString()})
	m.ID = m.URL
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Read keeps the state as it is: the sandbox has no getter for its files.
func (r *httpFileResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m httpFileModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Update is never called: every attribute requires replacement.
func (r *httpFileResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m httpFileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Delete removes the file: PublishHTTPFile with an empty body unpublishes.
func (r *httpFileResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m httpFileModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.sandbox.PublishHTTPFile(m.URL.ValueString(), "")
	tflog.Debug(ctx, "Removed HTTP file", map[string]any{"url": m.URL.ValueString()})
}
