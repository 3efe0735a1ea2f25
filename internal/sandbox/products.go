package sandbox

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"net"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/publicsuffix"
)

type productKind int

const (
	kindDV           productKind = iota + 1 // the Order DV SSL page
	kindDSOrg                               // the Order document signing certificate page
	kindDSIndividual                        // the Document Signing for Business - Employee page
	kindOVEV                                // the Order Basic OV/EV, Secure Site (Pro) OV/EV pages
)

// isTLS reports whether the product is a TLS certificate (names, DCV,
// reissue).
func (p *product) isTLS() bool { return p.kind == kindDV || p.kind == kindOVEV }

// wildcardPolicy is how a DV product treats "*." names. choice: no page
// states these rules; they follow the product names, and the provider
// applies the same ones.
type wildcardPolicy int

const (
	// wildcardNone: no "*." name anywhere (GeoTrust/RapidSSL Standard DV are
	// single-name products without wildcard coverage).
	wildcardNone wildcardPolicy = iota
	// wildcardRequired: common_name must be "*.<domain>" (else
	// invalid_value:certificate.common_name); dns_names may hold any valid
	// name, wildcards included: names the wildcard does not cover are added
	// as additional names (see validDNSNames).
	wildcardRequired
	// wildcardAllowed: any name may be a wildcard (GeoTrust Cloud DV is
	// multi-domain with wildcard support).
	wildcardAllowed
)

type product struct {
	NameID         string
	Name           string
	Type           string // the page's group name
	ValidationType string
	kind           productKind
	wildcard       wildcardPolicy
}

// products are the product IDs of our pages. Display names follow
// DigiCert's product glossary as far as we know it (cosmetic only).
var products = map[string]*product{
	"ssl_dv_geotrust":        {NameID: "ssl_dv_geotrust", Name: "GeoTrust Standard DV", Type: "dv_ssl_certificate", ValidationType: "dv", kind: kindDV, wildcard: wildcardNone},
	"ssl_dv_rapidssl":        {NameID: "ssl_dv_rapidssl", Name: "RapidSSL Standard DV", Type: "dv_ssl_certificate", ValidationType: "dv", kind: kindDV, wildcard: wildcardNone},
	"wildcard_dv_geotrust":   {NameID: "wildcard_dv_geotrust", Name: "GeoTrust Wildcard DV", Type: "dv_ssl_certificate", ValidationType: "dv", kind: kindDV, wildcard: wildcardRequired},
	"wildcard_dv_rapidssl":   {NameID: "wildcard_dv_rapidssl", Name: "RapidSSL Wildcard DV", Type: "dv_ssl_certificate", ValidationType: "dv", kind: kindDV, wildcard: wildcardRequired},
	"cloud_dv_geotrust":      {NameID: "cloud_dv_geotrust", Name: "GeoTrust Cloud DV", Type: "dv_ssl_certificate", ValidationType: "dv", kind: kindDV, wildcard: wildcardAllowed},
	"document_signing_org_1": {NameID: "document_signing_org_1", Name: "Document Signing - Organization (2000)", Type: "document_signing", ValidationType: "ov", kind: kindDSOrg},
	"document_signing_org_2": {NameID: "document_signing_org_2", Name: "Document Signing - Organization (5000)", Type: "document_signing", ValidationType: "ov", kind: kindDSOrg},
	"ds_org_individual":      {NameID: "ds_org_individual", Name: "Document Signing for Business - Employee", Type: "document_signing", ValidationType: "ov", kind: kindDSIndividual},
	// OV and EV (CERTCENTRAL.md, Order OV and EV SSL). Wildcards: Basic
	// OV and Secure Site OV replace the Wildcard products, so they take
	// "*." names (choice: Secure Site Pro OV too); EV certificates never
	// do (the CA/Browser Forum EV Guidelines forbid wildcards).
	"ssl_basic":              {NameID: "ssl_basic", Name: "Basic OV", Type: "ssl_certificate", ValidationType: "ov", kind: kindOVEV, wildcard: wildcardAllowed},
	"ssl_securesite_flex":    {NameID: "ssl_securesite_flex", Name: "Secure Site OV", Type: "ssl_certificate", ValidationType: "ov", kind: kindOVEV, wildcard: wildcardAllowed},
	"ssl_securesite_pro":     {NameID: "ssl_securesite_pro", Name: "Secure Site Pro SSL", Type: "ssl_certificate", ValidationType: "ov", kind: kindOVEV, wildcard: wildcardAllowed},
	"ssl_ev_basic":           {NameID: "ssl_ev_basic", Name: "Basic EV", Type: "ssl_certificate", ValidationType: "ev", kind: kindOVEV, wildcard: wildcardNone},
	"ssl_ev_securesite_flex": {NameID: "ssl_ev_securesite_flex", Name: "Secure Site EV", Type: "ssl_certificate", ValidationType: "ev", kind: kindOVEV, wildcard: wildcardNone},
	"ssl_ev_securesite_pro":  {NameID: "ssl_ev_securesite_pro", Name: "Secure Site Pro EV", Type: "ssl_certificate", ValidationType: "ev", kind: kindOVEV, wildcard: wildcardNone},
}

// legacyProducts are product IDs DigiCert no longer sells, with the product
// that replaced each (the Order Basic OV and Basic EV pages: "replaces
// ... SSL Multi Domain, and Wildcard"; the IDs from public clients).
var legacyProducts = map[string]string{
	"ssl_plus": "ssl_basic", "ssl_multi_domain": "ssl_basic", "ssl_wildcard": "ssl_basic",
	"ssl_ev_plus": "ssl_ev_basic", "ssl_ev_multi_domain": "ssl_ev_basic",
}

// ProductNameIDs lists the product IDs the sandbox sells.
func ProductNameIDs() []string {
	return []string{"ssl_dv_geotrust", "ssl_dv_rapidssl", "wildcard_dv_geotrust", "wildcard_dv_rapidssl",
		"cloud_dv_geotrust", "document_signing_org_1", "document_signing_org_2", "ds_org_individual",
		"ssl_basic", "ssl_securesite_flex", "ssl_securesite_pro", "ssl_ev_basic", "ssl_ev_securesite_flex", "ssl_ev_securesite_pro"}
}

// serverPlatforms names the platform IDs of CERTCENTRAL.md, Glossary values.
// choice: any integer ID is accepted (the glossary has many more and the
// pages do not restrict it); unknown ones are named "Other".
var serverPlatforms = map[int]string{-1: "Other", 2: "Apache", 45: "nginx", 21: "Other (document signing)"}

func serverPlatformName(id int) string {
	if n, ok := serverPlatforms[id]; ok {
		return n
	}
	return "Other"
}

// Values from the pages and the glossary (CERTCENTRAL.md, DCV, Order DV SSL,
// Order document signing and Glossary values).
var (
	dcvMethods        = []string{"email", "dns-txt-token", "dns-cname-token", "http-token"}
	paymentMethods    = []string{"balance", "card", "profile"}
	csProvisioning    = []string{"email", "ship_token", "client_app"}
	additionalUsages  = []string{"adobe_authentic_documents_trustsigning", "ms_document_signing", "document_signing"}
	individualHashes  = []string{"sha256", "sha384", "sha512"}
	orgShipMethods    = []string{"standard", "expedited"} // the Order document signing certificate page: lowercase
	personShipMethods = []string{"STANDARD", "EXPEDITED"} // the Document Signing for Business - Employee page: uppercase
	// locale: the Order DV SSL page points to "Glossary – Locale codes",
	// whose table we could not read (CERTCENTRAL.md, Glossary values).
	// choice: these eleven DCV email languages, the same list the provider
	// accepts. Anything else is invalid_value:locale.
	locales = []string{"en", "de", "es", "fr", "it", "ja", "ko", "nl", "pt", "zh_CN", "zh_TW"}
)

// Locales lists the locale codes the sandbox accepts, so the provider's
// tests can check that both use the same list.
func Locales() []string { return slices.Clone(locales) }

var labelRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

// validHostname checks a DNS name the way a public TLS CA would: at least two
// labels, LDH labels of 1..63 characters, a non-numeric TLD, no IP address, no
// trailing dot. A leading "*." is allowed only when wildcard is true.
// The pages ask for domains ("Domain to be secured"); the rest is choice:
// DNS syntax (RFC 1035 labels, RFC 3696 section 2 for the TLD), the same
// rules as the provider's validators.CheckDNSName.
func validHostname(name string, wildcard bool) bool {
	n := strings.ToLower(name)
	if wildcard && strings.HasPrefix(n, "*.") {
		n = n[2:]
	}
	if n == "" || len(n) > 253 || net.ParseIP(n) != nil {
		return false
	}
	labels := strings.Split(n, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if !labelRE.MatchString(l) {
			return false
		}
	}
	tld := labels[len(labels)-1]
	return strings.Trim(tld, "0123456789") != ""
}

func isWildcard(name string) bool { return strings.HasPrefix(name, "*.") }

// baseName strips a leading "*." (where DigiCert looks for a wildcard's DCV).
func baseName(name string) string { return strings.TrimPrefix(strings.ToLower(name), "*.") }

// baseDomain is a name's base domain: its registrable domain by the public
// suffix list (example.co.uk for www.example.co.uk), the reading the
// provider uses too. ok is false for a name that is itself a public suffix.
func baseDomain(name string) (string, bool) {
	d, err := publicsuffix.EffectiveTLDPlusOne(baseName(name))
	return d, err == nil
}

// choice: the pages only say "email"; every email field gets this shape
// check (the provider's validators.Email is alike), not RFC 5322 syntax.
var emailRE = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

func validEmail(s string) bool { return emailRE.MatchString(s) }

// csrInfo is what the sandbox keeps of a submitted CSR.
type csrInfo struct {
	PEM     string
	Pub     crypto.PublicKey
	KeyType string // "rsa" or "ecc"
	KeySize int    // RSA bits, or 256/384 for ECDSA curves
}

// parseCSR checks a submitted CSR: PEM "CERTIFICATE REQUEST" (or "NEW
// CERTIFICATE REQUEST"), a valid self-signature, and a key of RSA >= 2048 bits
// or ECDSA P-256/P-384. With allowPublicKey a PEM "PUBLIC KEY" is accepted too
// (ds_org_individual: "CSR or public key in PEM format").
//
// choice: the PEM may come with or without line breaks inside (the
// ds_org_individual page asks for a string "without line breaks"), but the
// BEGIN/END lines are required. Unreadable input or a bad signature is
// csr_invalid_cannot_parse; a readable CSR with an unsupported key is
// invalid_value:certificate.csr (every request carries its CSR there).
func parseCSR(s string, allowPublicKey bool) (*csrInfo, *ErrorEntry) {
	const path = "certificate.csr"
	cannot := &ErrorEntry{Code: "csr_invalid_cannot_parse", Message: "The CSR could not be parsed."}
	typ, der, ok := decodeLoosePEM(s)
	if !ok {
		return nil, cannot
	}
	var pub crypto.PublicKey
	switch typ {
	case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST":
		csr, err := x509.ParseCertificateRequest(der)
		if err != nil || csr.CheckSignature() != nil {
			return nil, cannot
		}
		pub = csr.PublicKey
	case "PUBLIC KEY":
		if !allowPublicKey {
			return nil, cannot
		}
		k, err := x509.ParsePKIXPublicKey(der)
		if err != nil {
			return nil, cannot
		}
		pub = k
	default:
		return nil, cannot
	}
	info := &csrInfo{PEM: s, Pub: pub}
	switch k := pub.(type) {
	case *rsa.PublicKey:
		info.KeyType, info.KeySize = "rsa", k.N.BitLen()
		if info.KeySize < 2048 {
			e := invalidValue(path)
			e.Message = path + " contains an invalid value. RSA keys must be at least 2048 bits."
			return nil, &e
		}
	case *ecdsa.PublicKey:
		info.KeyType = "ecc"
		switch k.Curve {
		case elliptic.P256():
			info.KeySize = 256
		case elliptic.P384():
			info.KeySize = 384
		default:
			e := invalidValue(path)
			e.Message = path + " contains an invalid value. ECDSA keys must use P-256 or P-384."
			return nil, &e
		}
	default:
		e := invalidValue(path)
		e.Message = path + " contains an invalid value. The key must be RSA or ECDSA."
		return nil, &e
	}
	return info, nil
}

// decodeLoosePEM reads one PEM block whose body may or may not be broken
// into lines.
func decodeLoosePEM(s string) (typ string, der []byte, ok bool) {
	s = strings.TrimSpace(s)
	if b, _ := pem.Decode([]byte(s)); b != nil {
		return b.Type, b.Bytes, true
	}
	const begin, dashes = "-----BEGIN ", "-----"
	if !strings.HasPrefix(s, begin) {
		return "", nil, false
	}
	rest := s[len(begin):]
	i := strings.Index(rest, dashes)
	if i < 0 {
		return "", nil, false
	}
	typ = rest[:i]
	rest = rest[i+len(dashes):]
	end := "-----END " + typ + dashes
	j := strings.Index(rest, end)
	if j < 0 || strings.TrimSpace(rest[j+len(end):]) != "" {
		return "", nil, false
	}
	body := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, rest[:j])
	der, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		return "", nil, false
	}
	return typ, der, true
}

// readContainer checks container{id}: the ID must be one of the account's
// containers. choice: an unknown ID (0 and -1 included: container IDs are
// positive) is 400 invalid_value:container.id (the pages name no code for
// it).
func readContainer(root *jnode, a *account) *container {
	c := root.Obj("container", false)
	if c == nil {
		return nil
	}
	id, ok := c.Int("id", true)
	if !ok {
		return nil
	}
	ct := a.containers[id]
	if ct == nil {
		root.f.invalid("container.id")
	}
	return ct
}

type customFieldValue struct {
	MetadataID int    `json:"metadata_id"`
	Value      string `json:"value"`
}

// readCustomFields checks custom_fields[{metadata_id, value}]: each ID must be
// one of the account's custom fields (else invalid_value:custom_fields.metadata_id)
// and every field the account marks required must be present (else
// missing_field:custom_fields). allowObject accepts a single object too: the
// document signing page types custom_fields as "object" while describing
// array entries.
func readCustomFields(root *jnode, a *account, allowObject bool) []customFieldValue {
	var entries []*jnode
	if allowObject {
		if v, ok := root.m["custom_fields"].(map[string]any); ok {
			root.used["custom_fields"] = true
			entries = []*jnode{root.f.newNode("custom_fields", v)}
		}
	}
	if entries == nil {
		entries, _ = root.ObjArr("custom_fields", false)
	}
	var out []customFieldValue
	seen := map[int]bool{}
	for _, e := range entries {
		id, idOK := e.Int("metadata_id", true)
		val, valOK := e.Str("value", true)
		if idOK && a.customFields[id] == nil {
			root.f.invalid("custom_fields.metadata_id")
			continue
		}
		if idOK && valOK {
			seen[id] = true
			out = append(out, customFieldValue{MetadataID: id, Value: val})
		}
	}
	for id, cf := range a.customFields {
		if cf.Required && !seen[id] {
			root.f.addEntry(ErrorEntry{Code: "missing_field:custom_fields", Message: "custom_fields is required: custom field " + cf.Label + " must be set."})
		}
	}
	return out
}

// readServerPlatform reads certificate.server_platform{id}; default -1.
func readServerPlatform(cert *jnode) int {
	sp := cert.Obj("server_platform", false)
	if sp == nil {
		return -1
	}
	id, ok := sp.Int("id", true)
	if !ok {
		return -1
	}
	return id
}

func oneOf(s string, allowed []string) bool {
	for _, a := range allowed {
		if s == a {
			return true
		}
	}
	return false
}
