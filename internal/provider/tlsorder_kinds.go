package provider

import (
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// tlsOrderKind is one TLS order resource type, registered in
// tlsOrderKinds (provider.go).
type tlsOrderKind struct {
	typeName string   // the resource type name
	group    string   // the product group, as in "DV" or "OV/EV"
	products []string // the product name IDs it orders
	// newResource and newList build the resource and its list resource
	// with the provider's clock.
	newResource func(clock) resource.Resource
	newList     func(clock) list.ListResource
}

// tlsOrderKindOf is the kind that orders product, if the engine knows it.
func tlsOrderKindOf(product string) (tlsOrderKind, bool) {
	for _, k := range tlsOrderKinds {
		if slices.Contains(k.products, product) {
			return k, true
		}
	}
	return tlsOrderKind{}, false
}

// tlsOrderProductsText lists the products of every kind by group, for
// messages: "DV: `a`, `b`; OV/EV: `c`".
func tlsOrderProductsText() string {
	groups := make([]string, 0, len(tlsOrderKinds))
	for _, k := range tlsOrderKinds {
		groups = append(groups, k.group+": "+codeList(k.products))
	}
	return strings.Join(groups, "; ")
}
