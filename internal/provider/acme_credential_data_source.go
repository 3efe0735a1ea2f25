package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

var _ datasource.DataSourceWithConfigure = &acmeCredentialsDataSource{}

// newACMECredentialsDataSource is the digicert_acme_credentials data source:
// the account's ACME credentials, to find the ID of one to import or revoke.
func newACMECredentialsDataSource() datasource.DataSource { return &acmeCredentialsDataSource{} }

type acmeCredentialsDataSource struct {
	client *certcentral.Client
}

type acmeCredentialsModel struct {
	Name           types.String `tfsdk:"name"`
	IncludeRevoked types.Bool   `tfsdk:"include_revoked"`
	Credentials    types.List   `tfsdk:"credentials"`
}

var acmeCredentialEntryTypes = map[string]attr.Type{
	"id": types.StringType, "name": types.StringType, "status": types.StringType, "created_at": types.StringType,
	"last_used_at": types.StringType, "product_name_id": types.StringType, "organization_id": types.Int64Type,
}

func (d *acmeCredentialsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_acme_credentials"
}

func (d *acmeCredentialsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	entry := map[string]schema.Attribute{
		"id":              dataSourceString("CertCentral ID of the credential: import it with `terraform import digicert_acme_credential.<name> <id>`."),
		"name":            dataSourceString("Name of the credential."),
		"status":          dataSourceString("`active` or `revoked`."),
		"created_at":      dataSourceString("When it was created (`create_date`)."),
		"last_used_at":    dataSourceString("When it was last used (`last_used_date`); null if never. A never used credential whose create answer was lost can never be used: revoke it."),
		"product_name_id": dataSourceString("Product it orders."),
		"organization_id": schema.Int64Attribute{MarkdownDescription: "Organization of its certificates (OV/EV); null for DV.", Computed: true},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The account's ACME credentials (List keys, then Get key info for each key of the list that is an ACME credential). " +
			"Key IDs and HMAC keys are never shown after creation, so they are not here.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "Only the credentials of this exact name. Default: all.",
				Optional:            true,
			},
			"include_revoked": schema.BoolAttribute{
				MarkdownDescription: "Also list revoked credentials. Default `false`.",
				Optional:            true,
			},
			"credentials": schema.ListNestedAttribute{
				MarkdownDescription: "The credentials, in the order of List keys.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: entry},
			},
		},
	}
}

func (d *acmeCredentialsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = configureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *acmeCredentialsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m acmeCredentialsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}
	keys, err := d.client.ListKeys(ctx, 0)
	if err != nil {
		summary, detail := apiFailure(err, acmeListAction, "Cannot List ACME Credentials", "Listing keys failed: "+apiErrorText(err)+".")
		resp.Diagnostics.AddError(summary, detail)
		return
	}
	entries := []attr.Value{}
	for _, k := range keys {
		if (!m.Name.IsNull() && k.Name != m.Name.ValueString()) || (k.Status == certcentral.KeyStatusRevoked && !m.IncludeRevoked.ValueBool()) {
			continue
		}
		full, err := d.client.GetKey(ctx, k.ID)
		if certcentral.IsNotFound(err) {
			continue
		}
		if err != nil {
			summary, detail := apiFailure(err, acmeReadAction(k.ID), "Cannot Read ACME Credential", "Reading key "+strconv.FormatInt(k.ID, 10)+" failed: "+apiErrorText(err)+".")
			resp.Diagnostics.AddError(summary, detail)
			return
		}
		if !full.IsACME() {
			continue
		}
		org := types.Int64Null()
		if full.OrganizationID != 0 {
			org = types.Int64Value(full.OrganizationID)
		}
		lastUsed := full.LastUsedDate
		if lastUsed == "" {
			lastUsed = k.LastUsedDate
		}
		obj, diags := types.ObjectValue(acmeCredentialEntryTypes, map[string]attr.Value{
			"id": types.StringValue(strconv.FormatInt(full.ID, 10)), "name": types.StringValue(full.Name), "status": types.StringValue(full.Status),
			"created_at": stringOrNull(full.CreateDate), "last_used_at": stringOrNull(lastUsed),
			"product_name_id": types.StringValue(full.ProductNameID), "organization_id": org,
		})
		resp.Diagnostics.Append(diags...)
		entries = append(entries, obj)
	}
	list, diags := types.ListValue(types.ObjectType{AttrTypes: acmeCredentialEntryTypes}, entries)
	resp.Diagnostics.Append(diags...)
	m.Credentials = list
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
