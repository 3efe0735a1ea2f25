package sandbox

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Product list and Product info (CERTCENTRAL.md, Products): GET /product
// and GET /product/{name_id}. The values are the sandbox's own rules, so a
// client can read them for plan-time checks and find them applied.

type hashTypeJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type productInfoJSON struct {
	GroupName                   string           `json:"group_name"`
	NameID                      string           `json:"name_id"`
	Name                        string           `json:"name"`
	Type                        string           `json:"type"`
	ValidationType              string           `json:"validation_type,omitempty"`
	DuplicatesAllowed           bool             `json:"duplicates_allowed"`
	AllowedValidityYears        []int            `json:"allowed_validity_years"`
	AllowedOrderValidityYears   []int            `json:"allowed_order_validity_years"`
	SignatureHashTypes          hashTypesJSON    `json:"signature_hash_types"`
	AdditionalDNSNamesAllowed   bool             `json:"additional_dns_names_allowed"`
	CustomExpirationDateAllowed bool             `json:"custom_expiration_date_allowed"`
	CSRRequired                 bool             `json:"csr_required"`
	AllowAutoRenew              bool             `json:"allow_auto_renew"`
	ServerPlatforms             []serverPlatJSON `json:"server_platforms,omitempty"`
	AllowedContainerIDs         []int            `json:"allowed_container_ids,omitempty"`
	AllowedCACerts              []caCertJSON     `json:"allowed_ca_certs,omitempty"`
	ReplacementProductNameID    string           `json:"replacement_product_name_id,omitempty"`
}

type hashTypesJSON struct {
	AllowedHashTypes  []hashTypeJSON `json:"allowed_hash_types"`
	DefaultHashTypeID string         `json:"default_hash_type_id"`
}

var hashNames = map[string]string{"sha256": "SHA-256", "sha384": "SHA-384", "sha512": "SHA-512"}

// productInfoOf states a product's rules. choice: duplicates for OV and EV
// only (DV duplicates are not offered by the DV pages); validity years 1 and
// 2 for TLS (the DV page's rule, 2 being a Multi-year Plan) and 1 to 3 for
// document signing; order validity 1 to 3 years; SANs on every TLS product
// but the Standard DV ones; every TLS product hashes with SHA-256, -384 or
// -512, document signing org products with SHA-256 only.
func productInfoOf(p *product) productInfoJSON {
	out := productInfoJSON{GroupName: p.Type, NameID: p.NameID, Name: p.Name, Type: p.Type,
		ValidationType: strings.ToUpper(p.ValidationType), AllowedOrderValidityYears: []int{1, 2, 3},
		CustomExpirationDateAllowed: true, AllowAutoRenew: true}
	hashes := tlsHashes
	switch p.kind {
	case kindDV, kindOVEV:
		out.AllowedValidityYears = []int{1, 2}
		out.CSRRequired = true
		out.DuplicatesAllowed = p.kind == kindOVEV
		out.AdditionalDNSNamesAllowed = p.wildcard != wildcardNone || p.kind == kindOVEV || p.NameID == "cloud_dv_geotrust"
	case kindDSOrg:
		out.AllowedValidityYears = []int{1, 2, 3}
		hashes = []string{"sha256"}
	default:
		out.AllowedValidityYears = []int{1, 2, 3}
		hashes = individualHashes
	}
	out.SignatureHashTypes.DefaultHashTypeID = "sha256"
	for _, h := range hashes {
		out.SignatureHashTypes.AllowedHashTypes = append(out.SignatureHashTypes.AllowedHashTypes, hashTypeJSON{h, hashNames[h]})
	}
	for _, id := range []int{-1, 2, 45} {
		out.ServerPlatforms = append(out.ServerPlatforms, serverPlatJSON{ID: id, Name: serverPlatformName(id)})
	}
	return out
}

func (s *Server) productInfoLocked(a *account, p *product) productInfoJSON {
	out := productInfoOf(p)
	out.AllowedCACerts = []caCertJSON{{ID: s.ca.id, Name: s.ca.name}}
	for id := range a.containers {
		out.AllowedContainerIDs = append(out.AllowedContainerIDs, id)
	}
	sort.Ints(out.AllowedContainerIDs)
	return out
}

// listProducts is GET /product -> {"products":[...]}, in ProductNameIDs
// order.
func (s *Server) listProducts(k *apiKey) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := struct {
		Products []productInfoJSON `json:"products"`
	}{}
	for _, id := range ProductNameIDs() {
		out.Products = append(out.Products, s.productInfoLocked(k.acct, products[id]))
	}
	return jsonResp(http.StatusOK, out)
}

// productInfo is GET /product/{name_id}[?container_id=]. A legacy product
// answers with its replacement_product_name_id (a field public clients
// read). choice: container_id must be one of the account's; it changes
// nothing (the sandbox has no per-container settings).
func (s *Server) productInfo(k *apiKey, nameID string, q url.Values) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v := q.Get("container_id"); v != "" {
		found := false
		for id := range k.acct.containers {
			found = found || v == strconv.Itoa(id)
		}
		if !found {
			return errResp(&APIError{Status: http.StatusBadRequest, Errors: []ErrorEntry{invalidValue("container_id")}})
		}
	}
	if repl, ok := legacyProducts[nameID]; ok {
		out := s.productInfoLocked(k.acct, products[repl])
		out.NameID, out.Name, out.ReplacementProductNameID = nameID, nameID, repl
		return jsonResp(http.StatusOK, out)
	}
	p := products[nameID]
	if p == nil {
		return errResp(notFound("product"))
	}
	return jsonResp(http.StatusOK, s.productInfoLocked(k.acct, p))
}
