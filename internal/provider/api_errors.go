package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// One error path for failed CertCentral calls, used by every resource and
// data source. A wrong or revoked API key is answered 403 by the real API,
// like a missing permission, but needs other advice, so the two are told
// apart by their codes (certcentral.IsKeyRejected, IsPermissionDenied).

// apiAction says what a failed call was for, in the words of the messages.
type apiAction struct {
	// while completes "CertCentral rejected the API key while ...":
	// "reading order 123".
	while string
	// refused completes "CertCentral refused ...": "to show order 123".
	refused string
	// permission completes "the API key lacks the permission to ...":
	// "view orders"; "" when no page names it.
	permission string
}

// apiFailure is the summary and detail of a failed call: its own for a
// rejected key and for a missing permission, else the fallback given.
func apiFailure(err error, a apiAction, fallbackSummary, fallbackDetail string) (summary, detail string) {
	switch {
	case certcentral.IsBaseURLWrong(err):
		return "CertCentral Base URL Looks Wrong", fmt.Sprintf("The request made while %s failed because of the base URL: %v.", a.while, err)
	case certcentral.IsKeyRejected(err):
		return "API Key Rejected", fmt.Sprintf("CertCentral rejected the API key while %s: the key is wrong, revoked or expired; this is not a missing permission. CertCentral answered: %s\n\n"+
			"Check the provider's api_key (or DIGICERT_API_KEY): it must be an active API key of the CertCentral account.", a.while, apiErrorText(err))
	case certcentral.IsPermissionDenied(err):
		lacks := "the API key lacks a permission this needs"
		if a.permission != "" {
			lacks = "the API key lacks the permission to " + a.permission
		}
		return "Permission Missing", fmt.Sprintf("CertCentral refused %s: %s. CertCentral answered: %s\n\n"+
			"Ask a CertCentral administrator to grant that permission to the API key (or to its user), or configure the provider with a key that has it.", a.refused, lacks, apiErrorText(err))
	}
	return fallbackSummary, fallbackDetail
}

// apiErrorText quotes CertCentral's answer, or the error when there was none.
func apiErrorText(err error) string {
	if apiErr, ok := certcentral.AsAPIError(err); ok {
		return apiMessages(apiErr)
	}
	return err.Error()
}

// orderLookup says what was being read (by a data source, or a resource's
// refresh), for errors.
type orderLookup struct {
	attr       path.Path // the argument holding the ID
	what       string    // "order 123"
	notFound   string    // the whole detail of a 404
	permission string    // what the key must be allowed to do, "view orders"
}

// orderReadError explains a failed order read: a 404 says what is wrong;
// a rejected key and a missing permission go through apiFailure, quoting
// CertCentral's own messages.
func orderReadError(err error, l orderLookup) diag.Diagnostic {
	if apiErr, ok := certcentral.AsAPIError(err); ok && certcentral.IsNotFound(err) {
		return diag.NewAttributeErrorDiagnostic(l.attr, "Order Not Found", l.notFound+"\n\nCertCentral answered: "+apiMessages(apiErr))
	}
	summary, detail := apiFailure(err, apiAction{while: "reading " + l.what, refused: "to show " + l.what, permission: l.permission},
		"Unable to Read Order", fmt.Sprintf("Reading %s failed: %v", l.what, err))
	return diag.NewAttributeErrorDiagnostic(l.attr, summary, detail)
}

// apiMessages quotes every error of a CertCentral answer with its code.
func apiMessages(e *certcentral.APIError) string {
	if len(e.Errors) == 0 {
		if e.Excerpt != "" {
			return fmt.Sprintf("HTTP %d %q", e.StatusCode, e.Excerpt)
		}
		return fmt.Sprintf("HTTP %d with no message", e.StatusCode)
	}
	parts := make([]string, len(e.Errors))
	for i, entry := range e.Errors {
		parts[i] = fmt.Sprintf("%q (%s)", entry.Message, entry.Code)
	}
	return fmt.Sprintf("HTTP %d %s", e.StatusCode, strings.Join(parts, "; "))
}

// outcomeCause is what to show under "Cause:" of an outcome-unknown error:
// the transport failure alone, since the message around it already says
// what was sent and when.
func outcomeCause(err error) error {
	if uerr := (*certcentral.OutcomeUnknownError)(nil); errors.As(err, &uerr) && uerr.Cause != nil {
		return uerr.Cause
	}
	return err
}
