package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/validators"
)

func (r *dvSSLOrderValidationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		// Required
		"order_id": schema.StringAttribute{
			MarkdownDescription: "ID of the DV order to validate, usually `digicert_dv_ssl_order.<name>.id`. When the order is renewed its ID changes, so this resource is replaced and validates the new order.",
			Required:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:          []validator.String{stringvalidator.RegexMatches(orderIDPattern, "must be an order ID (a positive whole number)")},
		},
		// Optional
		"dns_names": schema.ListAttribute{
			MarkdownDescription: "Names to wait for. Default: every name of the order, and the wait ends when the order is issued. With a subset, the wait ends when those names are validated, even if the order is not issued yet.",
			ElementType:         types.StringType,
			Optional:            true,
			PlanModifiers:       []planmodifier.List{listplanmodifier.RequiresReplace()},
			Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(validators.DNSName())},
		},
		"request_id": schema.Int64Attribute{
			MarkdownDescription: "The order's `request_id` (`digicert_dv_ssl_order.<name>.request_id`). It changes with every reissue of the order (renewal by reissue, a new CSR, changed names), which replaces this resource: it then waits for the reissued certificate. Unset: only a new order ID starts a new wait.",
			Optional:            true,
			PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
		},
		"poll_interval": schema.StringAttribute{
			MarkdownDescription: "Shortest wait between two checks, as a Go duration (default `" + defaultPollInterval + "`). The wait grows while DigiCert has not found the records, up to 2 minutes; the provider's rate limit applies on top.",
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString(defaultPollInterval),
			Validators:          []validator.String{validators.Duration()},
		},
		"timeouts": timeoutsAttribute(ctx),
		// Computed
		"id": schema.StringAttribute{
			MarkdownDescription: "The order ID.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"status": schema.StringAttribute{
			MarkdownDescription: "Order status when last read (`issued` once the wait succeeded for all names).",
			Computed:            true,
		},
		"certificate_id": schema.Int64Attribute{
			MarkdownDescription: "ID of the issued certificate.",
			Computed:            true,
		},
		"dns_name_validations": schema.MapAttribute{
			MarkdownDescription: "DCV status per DNS name (`approved` once validated), as CertCentral reported it.",
			ElementType:         types.StringType,
			Computed:            true,
		},
		"validated_at": schema.StringAttribute{
			MarkdownDescription: "When the provider saw the wait succeed (RFC 3339).",
			Computed:            true,
		},
	}
	for name, a := range certificatePEMAttributes() {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Waits until CertCentral has validated a DV order's domains and issued its certificate: it asks DigiCert to check the DCV records (`PUT /order/certificate/{order_id}/check-dcv`) until they are found, or, for `email` orders, polls the order. " +
			"Publish the records of `digicert_dv_ssl_order.dcv_records` with your DNS provider and reference them (or use `depends_on`) so that they exist before the wait starts. " +
			"Destroying this resource only forgets the wait.",
		Attributes: attrs,
	}
}

// timeoutsAttribute is the framework's timeouts attribute with the
// description the generated docs need.
func timeoutsAttribute(ctx context.Context) schema.Attribute {
	a, ok := timeouts.Attributes(ctx, timeouts.Opts{Create: true, CreateDescription: "How long to wait for validation and issuance, as a duration such as `30m` (default `45m`)."}).(schema.SingleNestedAttribute)
	if !ok {
		panic("terraform-plugin-framework-timeouts no longer returns a single nested attribute")
	}
	a.MarkdownDescription = "Timeouts. `create`: how long to wait for validation and issuance (default `45m`). On timeout only this resource fails; the order is untouched, and the next apply waits again."
	return a
}
