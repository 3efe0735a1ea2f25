package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The TLS products an ACME credential can be for (the ACME External Account
// Binding - new page: DV, OV and EV TLS). DV products name no organization;
// OV and EV products need a pre-validated one.
var (
	acmeOVEVProductIDs = []string{"ssl_basic", "ssl_securesite_flex", "ssl_securesite_pro", "ssl_ev_basic", "ssl_ev_securesite_flex", "ssl_ev_securesite_pro"}
	acmeProductIDs     = append(append([]string{}, dvProductIDs...), acmeOVEVProductIDs...)
)

// Limits of the optional request fields. choice: the legacy page allows
// validity_years 1-3; validity_days is bounded by the longest TLS
// certificate a CA may still issue (397 days).
const (
	acmeMaxValidityYears = 3
	acmeMaxValidityDays  = 397
	acmeMaxNameLength    = 255
)

func acmeCredentialSchema() schema.Schema {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	replaceInt := []planmodifier.Int64{int64planmodifier.RequiresReplace()}
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "An ACME credential of CertCentral: an External Account Binding (key ID and HMAC key) with which an ACME client " +
			"(cert-manager, Caddy, Certbot, the `acme` provider) orders certificates of one product. CertCentral shows the HMAC key once, " +
			"when the credential is created: this resource keeps it in state (sensitive) and never reads it back. A credential cannot be edited: " +
			"every argument replaces it. Destroy revokes it, permanently. See the ACME credentials guide for rotation with `create_before_destroy` " +
			"and for keeping the HMAC key out of state.",
		Attributes: map[string]schema.Attribute{
			// Required
			"name": schema.StringAttribute{
				MarkdownDescription: "Friendly name of the credential in CertCentral (`name`). The provider refuses to create a credential while an " +
					"active credential of the same name has never been used: that is how it recognizes a credential whose create answer was lost " +
					"(its HMAC key can never be recovered). Changing it replaces the credential.",
				Required:      true,
				PlanModifiers: replace,
				Validators:    []validator.String{stringvalidator.LengthBetween(1, acmeMaxNameLength)},
			},
			"product_name_id": schema.StringAttribute{
				MarkdownDescription: "Product the ACME client orders (`product_name_id`): DV " + codeList(dvProductIDs) +
					"; OV and EV " + codeList(acmeOVEVProductIDs) + ". Changing it replaces the credential.",
				Required:      true,
				PlanModifiers: replace,
				Validators:    []validator.String{stringvalidator.OneOf(acmeProductIDs...)},
			},
			// Optional
			"organization_id": schema.Int64Attribute{
				MarkdownDescription: "Organization of the certificates (`organization_id`): required for the OV and EV products, where it must be " +
					"an organization with a current OV or EV validation, and refused for DV products. Changing it replaces the credential.",
				Optional:      true,
				PlanModifiers: replaceInt,
				Validators:    []validator.Int64{int64validator.AtLeast(1)},
			},
			"container_id": schema.Int64Attribute{
				MarkdownDescription: "Division (container) the certificates are ordered under, sent as `container.id`. Default: the API key's. Changing it replaces the credential.",
				Optional:            true,
				PlanModifiers:       replaceInt,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"validity_years": schema.Int64Attribute{
				MarkdownDescription: "Validity in years of the certificates issued with the credential (`validity_years`, 1 to 3; public TLS " +
					"certificates are capped lower by the CA/Browser Forum). Conflicts with `validity_days`. Default: CertCentral's for the product. Changing it replaces the credential.",
				Optional:      true,
				PlanModifiers: replaceInt,
				Validators: []validator.Int64{int64validator.Between(1, acmeMaxValidityYears),
					int64validator.ConflictsWith(path.MatchRoot("validity_days"))},
			},
			"validity_days": schema.Int64Attribute{
				MarkdownDescription: "Custom validity in days of the certificates issued with the credential (`validity_days`, 1 to 397). " +
					"Conflicts with `validity_years`. Changing it replaces the credential.",
				Optional:      true,
				PlanModifiers: replaceInt,
				Validators:    []validator.Int64{int64validator.Between(1, acmeMaxValidityDays)},
			},
			"profile_option": schema.StringAttribute{
				MarkdownDescription: "Additional certificate option of the account to apply (`profile_option`), such as the CanSignHttpExchanges " +
					"extension once DigiCert Support has enabled it. Changing it replaces the credential.",
				Optional:      true,
				PlanModifiers: replace,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			// choice: rotation by triggers, not rotate_before_days: a
			// credential has no expiry date to count down to, and
			// time_rotating supplies age-based triggers.
			"rotation_triggers": schema.MapAttribute{
				MarkdownDescription: "Arbitrary values that replace the credential when they change, for rotation (for example " +
					"`{ rotated = time_rotating.eab.id }`). Nothing is sent to CertCentral. With `lifecycle { create_before_destroy = true }` " +
					"the new credential exists before the old one is revoked.",
				ElementType:   types.StringType,
				Optional:      true,
				PlanModifiers: []planmodifier.Map{mapplanmodifier.RequiresReplace()},
			},
			// Computed
			"id": schema.StringAttribute{
				MarkdownDescription: "CertCentral's ID of the credential (the `id` of List keys), used to revoke it and to import it.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"key_id": schema.StringAttribute{
				MarkdownDescription: "External Account Binding key identifier (KID, `ext_act_kid`) to give the ACME client. Only in the create " +
					"answer: null after an import.",
				Computed:      true,
				PlanModifiers: keep,
			},
			"hmac_key": schema.StringAttribute{
				MarkdownDescription: "External Account Binding HMAC key (`ext_act_hmac`, base64url) to give the ACME client. CertCentral shows it " +
					"once: it is kept from the create answer, is stored in state (sensitive, never in plan output or logs) and is null after an import.",
				Computed:      true,
				Sensitive:     true,
				PlanModifiers: keep,
			},
			"acme_directory_url": schema.StringAttribute{
				MarkdownDescription: "ACME directory URL to give the ACME client (`acme_directory_url` of the create answer). Null after an import: " +
					"CertCentral shows it obfuscated afterwards.",
				Computed:      true,
				PlanModifiers: keep,
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "`active`, or `revoked` (a credential revoked outside Terraform is removed from state on refresh, so the next apply makes a new one).",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When CertCentral created the credential (`create_date`).",
				Computed:            true,
				PlanModifiers:       keep,
			},
		},
	}
}

func (r *acmeCredentialResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = acmeCredentialSchema()
}
