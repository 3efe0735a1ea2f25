package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
)

// CertCentral orders cannot be edited, so every API input of an order
// resource forces replacement, with one exception: right after `terraform
// import`, the configuration is adopted in place (no API call) where it
// differs from what order info said, because order info does not return
// every request setting (skip_approval, locale, ...) and returns
// server-side defaults (payment_method "balance", server platform -1) that
// a configuration leaves unset. Replacing a paid, validated order over such
// differences would be wrong. The identity of the order (product, common
// name, DNS names) is never adopted: a difference there still replaces.
// The adoption ends with the first apply after the import.
// digicert_dv_ssl_order's certificate inputs (csr, common_name, dns_names,
// server_platform) are the other exception: a reissue carries them while the
// order's coverage lasts (tlsorder_plan.go).
var (
	replaceString = []planmodifier.String{stringplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !adoptsImported(ctx, true, req.Private, &resp.Diagnostics)
		}, replaceDescription, replaceDescription)}
	replaceInt64 = []planmodifier.Int64{int64planmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !adoptsImported(ctx, true, req.Private, &resp.Diagnostics)
		}, replaceDescription, replaceDescription)}
	replaceBool = []planmodifier.Bool{boolplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.BoolRequest, resp *boolplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !adoptsImported(ctx, true, req.Private, &resp.Diagnostics)
		}, replaceDescription, replaceDescription)}
	replaceList = []planmodifier.List{listplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.ListRequest, resp *listplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !adoptsImported(ctx, true, req.Private, &resp.Diagnostics)
		}, replaceDescription, replaceDescription)}
	replaceObject = []planmodifier.Object{objectplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !adoptsImported(ctx, true, req.Private, &resp.Diagnostics)
		}, replaceDescription, replaceDescription)}

	// identityString is for what identifies an order:
	// adopted after import only where the import could not know the value.
	identityString = []planmodifier.String{stringplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !adoptsImported(ctx, req.StateValue.IsNull(), req.Private, &resp.Diagnostics)
		}, replaceDescription, replaceDescription)}
)

const replaceDescription = "Changing this places a new order (orders cannot be edited); right after an import, the configured value is adopted instead."

// privateImportedKey marks, in provider private state, an order that came
// in through terraform import and has not been applied since.
const privateImportedKey = "imported"

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func adoptsImported(ctx context.Context, adoptable bool, private privateGetter, diags *diag.Diagnostics) bool {
	if !adoptable || private == nil {
		return false
	}
	v, d := private.GetKey(ctx, privateImportedKey)
	diags.Append(d...)
	return string(v) == "true"
}

func markImported(ctx context.Context, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImportedKey, []byte("true"))...)
}

// endImportAdoption is called by Update: once the configuration has been
// adopted, changes replace the order as usual.
func endImportAdoption(ctx context.Context, private privateSetter, diags *diag.Diagnostics) {
	diags.Append(private.SetKey(ctx, privateImportedKey, []byte("false"))...)
}
