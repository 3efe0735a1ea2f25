package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// orderLookup says what was being read (by a data source, or a resource's
// refresh), for errors.
type orderLookup struct {
	attr       path.Path // the argument holding the ID
	what       string    // "order 123"
	notFound   string    // the whole detail of a 404
	permission string    // what the key must be allowed to do, "view orders"
}

// orderReadError explains a failed order read: 404 and 403 say what is
// wrong and what to do, quoting CertCentral's own messages.
func orderReadError(err error, l orderLookup) diag.Diagnostic {
	apiErr, ok := certcentral.AsAPIError(err)
	if !ok {
		return diag.NewAttributeErrorDiagnostic(l.attr, "Unable to Read Order", fmt.Sprintf("Reading %s failed: %v", l.what, err))
	}
	if certcentral.IsKeyRejected(err) {
		return diag.NewAttributeErrorDiagnostic(l.attr, "API Key Rejected",
			fmt.Sprintf("CertCentral rejected the API key while reading %s. CertCentral answered: %s\n\nCheck the provider's api_key (or DIGICERT_API_KEY).", l.what, apiMessages(apiErr)))
	}
	switch apiErr.StatusCode {
	case 404:
		return diag.NewAttributeErrorDiagnostic(l.attr, "Order Not Found", l.notFound+"\n\nCertCentral answered: "+apiMessages(apiErr))
	case 403:
		return diag.NewAttributeErrorDiagnostic(l.attr, "Permission Missing",
			fmt.Sprintf("CertCentral refused to show %s: the API key lacks the permission to %s. CertCentral answered: %s\n\n"+
				"Ask a CertCentral administrator to grant that permission to the API key (or to its user), or configure the provider with a key that has it.",
				l.what, l.permission, apiMessages(apiErr)))
	}
	return diag.NewAttributeErrorDiagnostic(l.attr, "Unable to Read Order", fmt.Sprintf("Reading %s failed: %v", l.what, err))
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
