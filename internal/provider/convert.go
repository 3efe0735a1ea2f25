package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

var (
	pathID     = path.Root("id")
	pathStatus = path.Root("status")
	// orderIDPattern is the form of an order ID given as a string.
	orderIDPattern = regexp.MustCompile(`^[1-9][0-9]{0,18}$`)
)

// codeList renders allowed values for a MarkdownDescription, from the same
// slice the validator uses.
func codeList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return strings.Join(quoted, ", ")
}

func codeListInt(values []int64) string {
	s := make([]string, len(values))
	for i, v := range values {
		s[i] = fmt.Sprint(v)
	}
	return codeList(s)
}

// int64Ptr, boolPtr: nil for null, so the JSON field is omitted.
func int64Ptr(v types.Int64) *int64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	n := v.ValueInt64()
	return &n
}

func boolPtr(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	b := v.ValueBool()
	return &b
}

func stringList(ctx context.Context, l types.List, diags *diag.Diagnostics) []string {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(l.ElementsAs(ctx, &out, false)...)
	return out
}

func listOrNull(ctx context.Context, values []string, diags *diag.Diagnostics) types.List {
	if len(values) == 0 {
		return types.ListNull(types.StringType)
	}
	l, d := types.ListValueFrom(ctx, types.StringType, values)
	diags.Append(d...)
	return l
}

func idRef(ctx context.Context, o types.Object, diags *diag.Diagnostics) *certcentral.IDRef {
	if o.IsNull() || o.IsUnknown() {
		return nil
	}
	var m idModel
	diags.Append(o.As(ctx, &m, basetypes.ObjectAsOptions{})...)
	return &certcentral.IDRef{ID: m.ID.ValueInt64()}
}

func idObject(attrTypes map[string]attr.Type, id int64) types.Object {
	return types.ObjectValueMust(attrTypes, map[string]attr.Value{"id": types.Int64Value(id)})
}

func customFields(ctx context.Context, l types.List, diags *diag.Diagnostics) []certcentral.CustomField {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	var fields []customFieldModel
	diags.Append(l.ElementsAs(ctx, &fields, false)...)
	out := make([]certcentral.CustomField, len(fields))
	for i, f := range fields {
		out[i] = certcentral.CustomField{MetadataID: f.MetadataID.ValueInt64(), Value: f.Value.ValueString()}
	}
	return out
}

// schemaOf returns a resource's schema, so that object types are derived
// from it rather than written out a second time.
func schemaOf(ctx context.Context, r resource.Resource) resourceSchema {
	var resp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &resp)
	return resourceSchema{attrs: resp.Schema.Type().(types.ObjectType).AttrTypes} //nolint:forcetypeassert // a schema's type is always an object type.
}

type resourceSchema struct {
	attrs map[string]attr.Type
}

// objectTypeOf returns the object type of a top-level single nested attribute.
func objectTypeOf(s resourceSchema, name string) types.ObjectType {
	t, ok := s.attrs[name].(types.ObjectType)
	if !ok {
		panic(fmt.Sprintf("attribute %q is not an object", name))
	}
	return t
}

// listElemObjectType returns the element type of a top-level list nested attribute.
func listElemObjectType(s resourceSchema, name string) types.ObjectType {
	l, ok := s.attrs[name].(types.ListType)
	if !ok {
		panic(fmt.Sprintf("attribute %q is not a list", name))
	}
	t, ok := l.ElemType.(types.ObjectType)
	if !ok {
		panic(fmt.Sprintf("attribute %q is not a list of objects", name))
	}
	return t
}

// nestedObjectAttrTypes returns the attribute types of an object nested in parent.
func nestedObjectAttrTypes(parent types.ObjectType, name string) map[string]attr.Type {
	t, ok := parent.AttrTypes[name].(types.ObjectType)
	if !ok {
		panic(fmt.Sprintf("nested attribute %q is not an object", name))
	}
	return t.AttrTypes
}

// importOrderByID imports an order resource by its CertCentral order ID;
// Read then fills the rest from order info.
func importOrderByID(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if _, err := parseOrderID(req.ID); err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("%v. Import with the order ID, for example: terraform import <resource address> 6484932", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathID, req.ID)...)
	markImported(ctx, resp)
}
