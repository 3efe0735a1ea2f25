package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

var (
	_ resource.ResourceWithConfigure      = &acmeCredentialResource{}
	_ resource.ResourceWithImportState    = &acmeCredentialResource{}
	_ resource.ResourceWithValidateConfig = &acmeCredentialResource{}
	_ resource.ResourceWithIdentity       = &acmeCredentialResource{}
)

const acmeCredentialType = "digicert_acme_credential"

// newACMECredentialResource is the digicert_acme_credential resource.
func newACMECredentialResource() resource.Resource { return &acmeCredentialResource{} }

type acmeCredentialResource struct {
	client *certcentral.Client
}

// acmeCredentialIdentity is the resource identity (Terraform 1.12+): the
// credential's CertCentral ID, which is all an import needs.
type acmeCredentialIdentity struct {
	CredentialID types.Int64 `tfsdk:"credential_id"`
}

func (r *acmeCredentialResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_acme_credential"
	// The identity is {credential_id = 0} in the rare state whose ID was not
	// found after the create (findCreated), and the refresh that finds it
	// sets it: the only change an identity ever sees here.
	resp.ResourceBehavior.MutableIdentity = true
}

func (r *acmeCredentialResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"credential_id": identityschema.Int64Attribute{
			Description:       "CertCentral ID of the ACME credential, the same number as `id`.",
			RequiredForImport: true,
		},
	}}
}

func (r *acmeCredentialResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configureClient(req.ProviderData, &resp.Diagnostics)
}

func (r *acmeCredentialResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan acmeCredentialModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	name := plan.Name.ValueString()
	before, err := r.namedCredentials(ctx, name)
	if err != nil {
		summary, detail := apiFailure(err, acmeListAction, "Cannot List ACME Credentials",
			"Before creating ACME credential "+strconv.Quote(name)+", the provider looks for one of the same name left by an earlier apply, "+
				"and that lookup failed: "+apiErrorText(err)+". Nothing was created; apply again.")
		resp.Diagnostics.AddError(summary, detail)
		return
	}
	if refuseUnusedNamesake(before, name, &resp.Diagnostics) {
		return
	}
	cred, err := r.client.CreateACMECredential(ctx, acmeCredentialRequest(plan))
	if err != nil {
		r.createFailed(ctx, err, name, before, &resp.Diagnostics)
		return
	}
	// The credential exists and its HMAC key is in this answer only: from
	// here on nothing may fail the resource (an error would lose the key
	// and leave the credential behind), so problems are warnings.
	plan.KeyID = types.StringValue(cred.KeyID)
	plan.HMACKey = types.StringValue(cred.HMACKey)
	plan.ACMEDirectoryURL = stringOrNull(cred.ACMEDirectoryURL)
	plan.ID, plan.Status, plan.CreatedAt = types.StringNull(), types.StringValue(certcentral.KeyStatusActive), types.StringNull()
	if key := r.findCreated(ctx, cred.ID, name, before, &resp.Diagnostics); key != nil {
		plan.setFromKey(key)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	setACMEIdentity(ctx, plan.ID, resp.Identity, &resp.Diagnostics)
}

func (r *acmeCredentialResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m acmeCredentialModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	key, gone := r.readKey(ctx, m, &resp.Diagnostics)
	if gone {
		resp.State.RemoveResource(ctx)
		// The framework wants an identity even for a removed resource
		// (Terraform 1.5 included): the one it was read with.
		setACMEIdentity(ctx, m.ID, resp.Identity, &resp.Diagnostics)
		return
	}
	if key == nil {
		return
	}
	m.setFromKey(key)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
	setACMEIdentity(ctx, m.ID, resp.Identity, &resp.Diagnostics)
}

// Update only records the plan: every argument replaces the credential.
func (r *acmeCredentialResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan acmeCredentialModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	setACMEIdentity(ctx, plan.ID, resp.Identity, &resp.Diagnostics)
}

// Delete revokes the credential (permanent). One already revoked or gone is
// success.
func (r *acmeCredentialResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m acmeCredentialModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	if m.ID.IsNull() {
		if key, _ := r.readKey(ctx, m, &resp.Diagnostics); key != nil {
			m.ID = types.StringValue(strconv.FormatInt(key.ID, 10))
		}
	}
	id, err := strconv.ParseInt(m.ID.ValueString(), 10, 64)
	if err != nil {
		resp.Diagnostics.AddError("ACME Credential Not Identified",
			"The provider never learned CertCentral's ID of ACME credential "+strconv.Quote(m.Name.ValueString())+" and cannot find it by name, so it cannot revoke it. "+
				"Revoke it in CertCentral (Automation > ACME Directory URLs), then remove it from state: terraform state rm <address>.")
		return
	}
	if err := r.client.RevokeKey(ctx, id); err != nil && !certcentral.IsNotFound(err) {
		summary, detail := apiFailure(err, acmeRevokeAction(id), "Cannot Revoke ACME Credential",
			fmt.Sprintf("Revoking ACME credential %d failed: %s. It is still active and still in state; apply again.", id, apiErrorText(err)))
		resp.Diagnostics.AddError(summary, detail)
	}
}

// ImportState imports by CertCentral ID (or identity). The HMAC key and key
// ID were shown once, at creation: they stay null, and a warning says so.
func (r *acmeCredentialResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	raw := req.ID
	if raw == "" && req.Identity != nil {
		var ident acmeCredentialIdentity
		resp.Diagnostics.Append(req.Identity.Get(ctx, &ident)...)
		if resp.Diagnostics.HasError() {
			return
		}
		raw = strconv.FormatInt(ident.CredentialID.ValueInt64(), 10)
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id < 1 {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("%q is not a CertCentral ACME credential ID. Import with the numeric ID shown by the digicert_acme_credentials data source "+
				"or the List keys endpoint: terraform import %s.<name> 9001", raw, acmeCredentialType))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), strconv.FormatInt(id, 10))...)
	if resp.Identity != nil {
		resp.Diagnostics.Append(resp.Identity.Set(ctx, acmeCredentialIdentity{CredentialID: types.Int64Value(id)})...)
	}
	resp.Diagnostics.AddWarning("ACME Credential Imported Without Its HMAC Key",
		fmt.Sprintf("CertCentral shows an ACME credential's key ID and HMAC key only in the answer that created it, so after this import key_id, "+
			"hmac_key and acme_directory_url of credential %d are null. An ACME client already holding them keeps working. To get a new pair "+
			"managed by Terraform, replace it: terraform apply -replace=%s.<name> (this revokes credential %d).", id, acmeCredentialType, id))
}

// setACMEIdentity records the identity of the credential id. choice: 0
// while the ID is not known: the framework refuses a create that returns no
// identity, and failing would lose the HMAC key.
func setACMEIdentity(ctx context.Context, id types.String, ident *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if ident == nil {
		return
	}
	var n int64
	if !id.IsNull() && !id.IsUnknown() {
		n, _ = strconv.ParseInt(id.ValueString(), 10, 64)
	}
	diags.Append(ident.Set(ctx, acmeCredentialIdentity{CredentialID: types.Int64Value(n)})...)
}
