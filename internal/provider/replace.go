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
// resource forces replacement. One exception: an argument that is null in
// the state of an IMPORTED order was not known to the import (order info does
// not return it, as with skip_approval or locale), so the configured value is
// adopted in place instead of ordering again. Orders created by Terraform
// never take that path.
var (
	replaceString = []planmodifier.String{stringplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !adoptsImported(ctx, req.StateValue.IsNull(), req.Private, &resp.Diagnostics)
		}, replaceDescription, replaceDescription)}
	replaceInt64 = []planmodifier.Int64{int64planmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !adoptsImported(ctx, req.StateValue.IsNull(), req.Private, &resp.Diagnostics)
		}, replaceDescription, replaceDescription)}
	replaceBool = []planmodifier.Bool{boolplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.BoolRequest, resp *boolplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !adoptsImported(ctx, req.StateValue.IsNull(), req.Private, &resp.Diagnostics)
		}, replaceDescription, replaceDescription)}
	replaceList = []planmodifier.List{listplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.ListRequest, resp *listplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !adoptsImported(ctx, req.StateValue.IsNull(), req.Private, &resp.Diagnostics)
		}, replaceDescription, replaceDescription)}
	replaceObject = []planmodifier.Object{objectplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !adoptsImported(ctx, req.StateValue.IsNull(), req.Private, &resp.Diagnostics)
		}, replaceDescription, replaceDescription)}
)

const replaceDescription = "Changing this places a new order (orders cannot be edited), except when an imported order did not know the value."

// privateImportedKey marks, in provider private state, an order that came
// in through terraform import.
const privateImportedKey = "imported"

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

func adoptsImported(ctx context.Context, stateNull bool, private privateGetter, diags *diag.Diagnostics) bool {
	if !stateNull || private == nil {
		return false
	}
	v, d := private.GetKey(ctx, privateImportedKey)
	diags.Append(d...)
	return string(v) == "true"
}

func markImported(ctx context.Context, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImportedKey, []byte("true"))...)
}
