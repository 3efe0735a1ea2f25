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
// argument from order info. These maps list, by attribute path, the
// arguments order info does not return, and why: an imported order leaves
// them unset. The schemas append the reason to each one's description, and
// the import tests ignore exactly these, so the docs and the tests name the
// same gaps. Set such an argument in configuration after an import and the
// first apply records it without a new order (replace.go).
var (
	dvImportGaps = map[string]string{
		"skip_approval":          "a request-only setting",
		"dcv_emails":             "a request-only setting",
		"comments":               "a request-only setting",
		"custom_renewal_message": "a request-only setting",
		"locale":                 "a request-only setting",
		"custom_fields":          "not read back by the client",
		"disable_ct":             "a request-only setting",
		"auto_renew":             "a request-only setting",
		"renewed_thumbprint":     "order info says whether the order is a renewal, not of which certificate",
		"renewal_of_order_id":    "order info says whether the order is a renewal, not of which order",
		"validity_days":          "order info gives the validity in years",
		"custom_expiration_date": "order info gives the validity in years",
	}
	dsignImportGaps = map[string]string{
		"subject":                               "order info returns no subject",
		"ship_info":                             "order info returns no shipping address",
		"comments":                              "a request-only setting",
		"use_org_as_common_name":                "a request-only setting",
		"skip_approval":                         "a request-only setting",
		"csa_agreed_to":                         "a request-only setting",
		"custom_fields":                         "not read back by the client",
		"user_id_assignments":                   "a request-only setting",
		"additional_emails":                     "a request-only setting",
		"renewal_of_order_id":                   "order info says whether the order is a renewal, not of which order",
		"custom_renewal_message":                "a request-only setting",
		"promo_code":                            "a request-only setting",
		"organization_contact":                  "order info shows the organization's contact, not whether the order named another",
		"certificate.usage_designation":         "order info returns no usage designation",
		"certificate.key_size":                  "order info reports bits, not the request's p-256/p-384 form",
		"certificate.csr_key_type":              "a request-only setting",
		"certificate.ca_cert_id":                "order info's ca_cert is the issuing CA, known only once issued",
		"organization.contacts":                 "order info has no order contacts",
		"organization.skip_duplicate_org_check": "a request-only setting",
	}
)

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
