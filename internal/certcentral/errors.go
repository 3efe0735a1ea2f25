package certcentral

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrorEntry is one entry of CertCentral's documented error body
// `{"errors":[{"code":"...","message":"..."}]}`.
type ErrorEntry struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// APIError is a non-2xx answer from CertCentral. Errors holds every entry of
// the body; Excerpt holds the start of a body that was not the documented
// JSON (an HTML page from a proxy, say) so the user still reads something.
type APIError struct {
	StatusCode int
	Method     string
	Path       string
	Errors     []ErrorEntry
	Excerpt    string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "CertCentral answered %s %s with HTTP %d", e.Method, e.Path, e.StatusCode)
	if len(e.Errors) == 0 {
		if e.Excerpt != "" {
			fmt.Fprintf(&b, ": %q", e.Excerpt)
		}
		return b.String()
	}
	b.WriteString(":")
	for _, entry := range e.Errors {
		fmt.Fprintf(&b, " [%s] %s;", entry.Code, entry.Message)
	}
	return strings.TrimSuffix(b.String(), ";")
}

// Codes returns every error code of the answer, qualifiers included.
func (e *APIError) Codes() []string {
	codes := make([]string, len(e.Errors))
	for i, entry := range e.Errors {
		codes[i] = entry.Code
	}
	return codes
}

// HasCode reports whether any entry carries code, compared on the part
// before the qualifier: HasCode("not_found") matches "not_found|order", and
// HasCode("invalid_value") matches "invalid_value:validity_years". A code
// with a qualifier must match whole.
func (e *APIError) HasCode(code string) bool {
	for _, entry := range e.Errors {
		if entry.Code == code || baseCode(entry.Code) == code {
			return true
		}
	}
	return false
}

// baseCode strips the qualifier CertCentral appends after "|" or ":".
func baseCode(code string) string {
	if i := strings.IndexAny(code, "|:"); i >= 0 {
		return code[:i]
	}
	return code
}

// AsAPIError returns the APIError in err's chain, if any.
func AsAPIError(err error) (*APIError, bool) {
	var apiErr *APIError
	ok := errors.As(err, &apiErr)
	return apiErr, ok
}

// IsNotFound reports whether err is CertCentral's 404 answer about the
// object asked for; a 404 that says the endpoint is missing is not one
// (BaseURLError).
func IsNotFound(err error) bool {
	apiErr, ok := AsAPIError(err)
	return ok && apiErr.StatusCode == 404 && !IsBaseURLWrong(err)
}

// IsRateLimited reports whether err is a 429 request_limit_exceeded answer.
func IsRateLimited(err error) bool {
	apiErr, ok := AsAPIError(err)
	return ok && (apiErr.StatusCode == 429 || apiErr.HasCode("request_limit_exceeded"))
}

// IsAuthError reports whether CertCentral refused the API key or the key
// lacks a permission (401 or 403); IsKeyRejected and IsPermissionDenied tell
// the two apart.
func IsAuthError(err error) bool {
	apiErr, ok := AsAPIError(err)
	return ok && (apiErr.StatusCode == 401 || apiErr.StatusCode == 403)
}

// OutcomeUnknownError is returned by PlaceOrder when the order request may
// have reached CertCentral but no answer came back (a 5xx, a dropped
// response, a timeout after the request was sent). The order may exist: the
// caller must not send it again, and must tell the user how to find it.
type OutcomeUnknownError struct {
	ProductNameID string
	// ReissueOfOrderID is set when the request was a reissue of that order
	// (Reissue); the order then may be reissue_pending or reissued.
	ReissueOfOrderID int64
	// SentAt is when the request was sent; the order, if it exists, was
	// created at or after this instant.
	SentAt time.Time
	Cause  error
}

func (e *OutcomeUnknownError) Error() string {
	what := "the " + e.ProductNameID + " order request"
	if e.ReissueOfOrderID != 0 {
		what = fmt.Sprintf("the reissue request for order %d", e.ReissueOfOrderID)
	}
	return fmt.Sprintf("%s was sent at %s but its outcome is unknown: %v",
		what, e.SentAt.UTC().Format(time.RFC3339), e.Cause)
}

func (e *OutcomeUnknownError) Unwrap() error { return e.Cause }

// IsOutcomeUnknown reports whether err is an OutcomeUnknownError.
func IsOutcomeUnknown(err error) bool {
	var target *OutcomeUnknownError
	return errors.As(err, &target)
}
