package provider

// dsignImportGaps are the arguments of digicert_document_signing_order an
// import cannot fill (import_gaps.go).
var dsignImportGaps = map[string]string{
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
