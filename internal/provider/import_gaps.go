package provider

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// Import (terraform import, an import block, or the configuration that
// `terraform query` and `plan -generate-config-out` write) fills every
// argument from order info. Each order resource lists, by attribute path,
// the arguments order info does not return, and why (its *ImportGaps map,
// in its own files): an imported order leaves them unset. The schemas
// append the reason to each one's description, and the import tests ignore
// exactly these, so the docs and the tests name the same gaps. Set such an
// argument in configuration after an import and the first apply records it
// without a new order (replace.go).
// noteImportGaps appends, to the description of each attribute in gaps,
// that an import leaves it unset and why. It panics on a path that names
// no attribute, which the schema tests would catch at once.
func noteImportGaps(attrs map[string]schema.Attribute, gaps map[string]string) {
	for _, p := range slices.Sorted(maps.Keys(gaps)) {
		note := fmt.Sprintf(" Not filled on import (%s): an imported order leaves it unset until the configuration sets it, which the next apply records without a new order.", gaps[p])
		parent, name, nested := strings.Cut(p, ".")
		if !nested {
			attrs[p] = withNote(attrs[p], p, note)
			continue
		}
		obj, ok := attrs[parent].(schema.SingleNestedAttribute)
		if !ok {
			panic(fmt.Sprintf("import gap %q: %s is not a single nested attribute", p, parent))
		}
		obj.Attributes[name] = withNote(obj.Attributes[name], p, note)
		attrs[parent] = obj
	}
}

func withNote(a schema.Attribute, p, note string) schema.Attribute {
	switch t := a.(type) {
	case schema.StringAttribute:
		t.MarkdownDescription += note
		return t
	case schema.Int64Attribute:
		t.MarkdownDescription += note
		return t
	case schema.BoolAttribute:
		t.MarkdownDescription += note
		return t
	case schema.ListAttribute:
		t.MarkdownDescription += note
		return t
	case schema.ListNestedAttribute:
		t.MarkdownDescription += note
		return t
	case schema.SingleNestedAttribute:
		t.MarkdownDescription += note
		return t
	}
	panic(fmt.Sprintf("import gap %q: attribute of type %T", p, a))
}
