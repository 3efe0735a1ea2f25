package dnsprovider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

var (
	_ resource.ResourceWithImportState    = &recordResource{}
	_ resource.ResourceWithValidateConfig = &recordResource{}
)

// RecordTypes are the record types sandboxdns_record accepts: the ones
// DigiCert's DNS DCV methods look for.
var RecordTypes = []string{"TXT", "CNAME"}

type recordResource struct {
	sandbox *sandbox.Server
}

type recordModel struct {
	ID          types.String `tfsdk:"id"`
	Type        types.String `tfsdk:"type"`
	Name        types.String `tfsdk:"name"`
	Value       types.String `tfsdk:"value"`
	CreateDelay types.String `tfsdk:"create_delay"`
}

func (r *recordResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_record"
}

func (r *recordResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One DNS record in the sandbox zone, where the sandbox's DCV checks look. Test-only.",
		Attributes: map[string]schema.Attribute{
			// Required
			"type": schema.StringAttribute{
				MarkdownDescription: "Record type, one of `" + strings.Join(RecordTypes, "`, `") + "`. Changing it replaces the record.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(RecordTypes...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Fully qualified record name, such as `_dnsauth.example.com` (case-insensitive, a trailing dot is ignored). Changing it replaces the record.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"value": schema.StringAttribute{
				MarkdownDescription: "Record value: the DCV random value for a TXT record, the target for a CNAME. Changing it replaces the record.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			// Optional
			"create_delay": schema.StringAttribute{
				MarkdownDescription: "Go duration (`500ms`, `30s`) that Create waits before publishing, to make a slow DNS API for tests such as cancellation. An interrupted wait publishes nothing and fails the create. Changing it updates in place and does nothing else.",
				Optional:            true,
			},
			// Computed
			"id": schema.StringAttribute{
				MarkdownDescription: "`<type>/<name>/<value>`, also the import ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *recordResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var delay types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("create_delay"), &delay)...)
	if resp.Diagnostics.HasError() || delay.IsNull() || delay.IsUnknown() {
		return
	}
	if d, err := time.ParseDuration(delay.ValueString()); err != nil || d < 0 {
		resp.Diagnostics.AddAttributeError(path.Root("create_delay"), "Invalid Create Delay",
			fmt.Sprintf("create_delay must be a non-negative Go duration such as \"500ms\" or \"30s\", got %q.", delay.ValueString()))
	}
}

func (r *recordResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m recordModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !m.CreateDelay.IsNull() {
		d, _ := time.ParseDuration(m.CreateDelay.ValueString()) // checked by ValidateConfig
		timer := time.NewTimer(d)
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			resp.Diagnostics.AddError("Record Creation Interrupted",
				fmt.Sprintf("The %s record %s was not published: the operation was stopped (%v) during its create_delay of %s.", m.Type.ValueString(), m.Name.ValueString(), ctx.Err(), d))
			return
		}
	}
	r.sandbox.PublishDNS(m.Type.ValueString(), m.Name.ValueString(), m.Value.ValueString())
	tflog.Debug(ctx, "Published DNS record", map[string]any{"type": m.Type.ValueString(), "name": m.Name.ValueString()})
	m.ID = types.StringValue(recordID(m.Type.ValueString(), m.Name.ValueString(), m.Value.ValueString()))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Read drops the record from state when it is no longer in the zone, so a
// test that removes a record behind Terraform's back sees a plan to create it.
func (r *recordResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m recordModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !slices.Contains(r.sandbox.DNSRecords(m.Type.ValueString(), m.Name.ValueString()), m.Value.ValueString()) {
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Update only ever changes create_delay (everything else replaces).
func (r *recordResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m recordModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *recordResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m recordModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.sandbox.RemoveDNS(m.Type.ValueString(), m.Name.ValueString(), m.Value.ValueString())
	tflog.Debug(ctx, "Removed DNS record", map[string]any{"type": m.Type.ValueString(), "name": m.Name.ValueString()})
}

func (r *recordResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	typ, name, value, ok := parseRecordID(req.ID)
	if !ok {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Expected <type>/<name>/<value> with type one of %s, such as TXT/example.com/abc123; got %q.", strings.Join(RecordTypes, ", "), req.ID))
		return
	}
	m := recordModel{
		ID:          types.StringValue(recordID(typ, name, value)),
		Type:        types.StringValue(typ),
		Name:        types.StringValue(name),
		Value:       types.StringValue(value),
		CreateDelay: types.StringNull(),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func recordID(typ, name, value string) string { return typ + "/" + name + "/" + value }

// parseRecordID splits an ID at its first two slashes: types and names hold
// none, values may.
func parseRecordID(id string) (typ, name, value string, ok bool) {
	parts := strings.SplitN(id, "/", 3)
	if len(parts) != 3 || !slices.Contains(RecordTypes, parts[0]) || parts[1] == "" {
		return "", "", "", false
	}
	return parts[0], parts[1], parts[2], true
}
