package certcentral

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// BaseURLError is a failure that says the base URL itself is wrong, not the
// request: its host name does not resolve, or the server answered that the
// endpoint does not exist (HTTP 404 not_found|route, "The endpoint does not
// exist", or a 404 without CertCentral's JSON error body, which no Services
// API endpoint sends; CERTCENTRAL.md, Errors). Asking again cannot help, and
// such a 404 says nothing about the order asked for: IsNotFound is false for
// it, so a refresh never drops an order from state because of a typo in the
// URL.
type BaseURLError struct {
	// BaseURL is the base URL the client was given.
	BaseURL string
	// Setting names where the user sets the base URL, for the advice.
	Setting string
	// HostNotFound is true when the host name did not resolve, false when
	// the endpoint is missing.
	HostNotFound bool
	// Cause is the DNS error, or the 404 *APIError.
	Cause error
}

func (e *BaseURLError) Error() string {
	expected := fmt.Sprintf("%s (CertCentral US) or %s (CertCentral Europe)", DefaultBaseURL, EUBaseURL)
	if e.HostNotFound {
		return fmt.Sprintf("the base URL %s looks wrong: its host does not resolve (%v). Set %s to %s",
			e.BaseURL, e.Cause, e.Setting, expected)
	}
	if u, err := url.Parse(e.BaseURL); err == nil && u.Path != servicesPath {
		// Same server, the documented path: the sandbox's own URL, say.
		return fmt.Sprintf("the base URL %s looks wrong: the endpoint does not exist below it (%v). CertCentral's endpoints lie below %s: set %s to %s://%s%s (CertCentral: %s)",
			e.BaseURL, e.Cause, servicesPath, e.Setting, u.Scheme, u.Host, servicesPath, expected)
	}
	return fmt.Sprintf("the endpoint does not exist below the base URL %s (%v). Check %s; CertCentral's is %s",
		e.BaseURL, e.Cause, e.Setting, expected)
}

func (e *BaseURLError) Unwrap() error { return e.Cause }

// servicesPath is the path of the Services API below CertCentral's host.
const servicesPath = "/services/v2"

// IsBaseURLWrong reports whether err says the base URL is wrong.
func IsBaseURLWrong(err error) bool {
	var target *BaseURLError
	return errors.As(err, &target)
}

// hostNotFound returns err's DNS error when it is an answer that the name does not
// exist. choice: it is not retried. Go's resolver already asked each
// configured name server; "no such host" is their answer, not a lost packet
// (a timeout or a failed name server is not IsNotFound, and stays retried).
func hostNotFound(err error) (*net.DNSError, bool) {
	var dnsErr *net.DNSError
	return dnsErr, errors.As(err, &dnsErr) && dnsErr.IsNotFound
}

// routeMissing reports whether a 404 answer says the endpoint does not exist
// rather than that the object asked for does not.
func routeMissing(apiErr *APIError) bool {
	if apiErr.StatusCode != 404 {
		return false
	}
	// choice: a 404 without the documented JSON error body (a web site's
	// HTML page, an empty body) did not come from a Services API endpoint.
	return len(apiErr.Errors) == 0 || apiErr.HasCode("not_found|route")
}

// baseURLSetting is how messages name the base URL when Config.BaseURLSetting
// is empty.
const baseURLSetting = "the client's base URL"

// trimmedHost returns host without a trailing dot, lower case.
func trimmedHost(host string) string {
	return strings.ToLower(strings.TrimSuffix(host, "."))
}

// IsDigiCertHost reports whether the base URL's host is loopback (a
// sandbox) or a DigiCert domain; a caller may warn about any other host,
// which is either a typo or a proxy.
func IsDigiCertHost(u *url.URL) bool {
	host := trimmedHost(u.Hostname())
	if isLoopback(host) {
		return true
	}
	for _, domain := range digicertDomains {
		if host == domain || strings.HasSuffix(host, "."+domain) {
			return true
		}
	}
	return false
}

// digicertDomains are the domains of CertCentral's base URLs (CERTCENTRAL.md,
// Base and auth).
var digicertDomains = []string{"digicert.com", "digicert.eu"}
