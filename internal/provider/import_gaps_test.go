package provider

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// importIgnore is what an import test must not compare: the gaps, and
// extra paths (CertCentral's defaults, provider-side settings).
func importIgnore(gaps map[string]string, extra ...string) []string {
	return append(slices.Sorted(maps.Keys(gaps)), extra...)
}

// Every argument an import leaves unset says so, with the reason, in its
// description (and so in the docs).
func TestImportGaps_described(t *testing.T) {
	for _, c := range []struct {
		r    resource.Resource
		gaps map[string]string
	}{{&dvSSLOrderResource{}, dvImportGaps}, {&documentSigningOrderResource{}, dsignImportGaps}} {
		var resp resource.SchemaResponse
		c.r.Schema(t.Context(), resource.SchemaRequest{}, &resp)
		for p, reason := range c.gaps {
			parent, name, nested := strings.Cut(p, ".")
			a := resp.Schema.Attributes[parent]
			if nested {
				obj, ok := a.(schema.SingleNestedAttribute)
				if !ok {
					t.Fatalf("%s: %s is %T", p, parent, a)
				}
				a = obj.Attributes[name]
			}
			if d := a.GetMarkdownDescription(); !strings.Contains(d, "Not filled on import ("+reason+")") {
				t.Errorf("%s: description %q does not name the import gap", p, d)
			}
		}
	}
}
