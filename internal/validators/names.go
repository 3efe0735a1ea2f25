package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"golang.org/x/net/publicsuffix"
)

// CheckDNSName reports why name is not a DNS name a public certificate can
// secure: lower or upper case letters, digits and hyphens in labels of 1 to
// 63 characters, at most 253 characters in all, at least two labels, a last
// label that is not all digits, and an optional leading "*." wildcard label.
//
// choice: the order pages say only "domain"; these are the host name rules
// of RFC 1123 and RFC 1035 (LDH labels, 63/253) that publicly trusted
// certificates follow (CA/Browser Forum Baseline Requirements, section
// 7.1.4.2.1: an FQDN of LDH labels), so an underscore and a trailing dot
// are refused at plan rather than by CertCentral at apply. The sandbox
// applies the same rules, marked there too.
func CheckDNSName(name string) error {
	if name == "" {
		return fmt.Errorf("must not be empty")
	}
	if len(name) > 253 {
		return fmt.Errorf("%q is %d characters long; a DNS name has at most 253", name, len(name))
	}
	if scheme, rest, ok := strings.Cut(name, "://"); ok {
		host, _, _ := strings.Cut(rest, "/")
		return fmt.Errorf("%q is a URL (%s://); give the host name alone, such as %q", name, scheme, host)
	}
	host := strings.TrimPrefix(name, "*.")
	if strings.Contains(host, "*") {
		return fmt.Errorf("%q: a wildcard is allowed only as the whole first label, as in *.example.com", name)
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return fmt.Errorf("%q is not a fully qualified domain name such as example.com", name)
	}
	for _, label := range labels {
		if err := checkLabel(label); err != nil {
			return fmt.Errorf("%q: %w", name, err)
		}
	}
	// The order pages ask for domains ("Domain to be secured"), and a DV
	// certificate cannot secure an IP address; a top-level domain is never
	// all digits (RFC 3696, section 2), so such a last label means an IPv4
	// address or a typo (CERTCENTRAL.md, Order DV SSL).
	if strings.Trim(labels[len(labels)-1], "0123456789") == "" {
		return fmt.Errorf("%q is an IP address or ends in a numeric label; certificates secure domain names such as example.com, not IP addresses", name)
	}
	return nil
}

// checkLabel applies the letters-digits-hyphen rule of RFC 1035, section
// 2.3.1 (https://www.rfc-editor.org/rfc/rfc1035#section-2.3.1), with
// labels of at most 63 characters.
func checkLabel(label string) error {
	if label == "" {
		return fmt.Errorf("has an empty label (two dots in a row, or a leading or trailing dot)")
	}
	if len(label) > 63 {
		return fmt.Errorf("label %q is longer than 63 characters", label)
	}
	if label[0] == '-' || label[len(label)-1] == '-' {
		return fmt.Errorf("label %q starts or ends with a hyphen", label)
	}
	for _, r := range label {
		isAllowed := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-'
		if !isAllowed {
			return fmt.Errorf("label %q has the character %q; only letters, digits and hyphens are allowed", label, r)
		}
	}
	return nil
}

// IsWildcard reports whether name is a wildcard name such as *.example.com.
func IsWildcard(name string) bool { return strings.HasPrefix(name, "*.") }

// BaseDomain returns the registrable domain of name (example.com for
// *.sub.example.com, example.co.uk for www.example.co.uk), using the public
// suffix list, which is what "base domain" means in CertCentral's DCV scope.
func BaseDomain(name string) (string, error) {
	host := strings.ToLower(strings.TrimPrefix(name, "*."))
	return publicsuffix.EffectiveTLDPlusOne(host)
}

// DNSName validates a DNS name attribute (see CheckDNSName).
func DNSName() validator.String {
	return stringFunc{
		description: "must be a fully qualified DNS name (letters, digits and hyphens; a leading `*.` for wildcards; not an IP address)",
		check:       CheckDNSName,
	}
}

// MaxNamesPerCertificate is how many domains one DV certificate secures at
// most, its common name included: "secure one or up to 250 domains"
// (CERTCENTRAL.md, Order DV SSL).
const MaxNamesPerCertificate = 250

// UniqueDNSNames refuses a list of DNS names that holds a name twice,
// compared without regard to case (DNS names are case-insensitive, so
// CertCentral would see one name twice). The error points at the repeated
// element and names it, and the one it repeats, by path.
func UniqueDNSNames() validator.List { return uniqueDNSNames{} }

type uniqueDNSNames struct{}

func (uniqueDNSNames) Description(context.Context) string {
	return "must not hold a name twice (names are compared without regard to case)"
}

func (v uniqueDNSNames) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (uniqueDNSNames) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	type seen struct {
		index int
		name  string
	}
	first := map[string]seen{}
	for i, e := range req.ConfigValue.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		key := strings.ToLower(strings.TrimSuffix(s.ValueString(), "."))
		prev, dup := first[key]
		if !dup {
			first[key] = seen{index: i, name: s.ValueString()}
			continue
		}
		at := req.Path.AtListIndex(i)
		resp.Diagnostics.AddAttributeError(at, "Duplicate DNS Name",
			fmt.Sprintf("%s: %q repeats %s (%q); DNS names are compared without regard to case. Remove one of them.",
				at, s.ValueString(), req.Path.AtListIndex(prev.index), prev.name))
	}
}
