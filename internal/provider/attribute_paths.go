package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// withPathsInText returns diags with the detail of every diagnostic on a
// nested attribute starting with its path ("certificate.dns_names[3]: ...").
// A CLI that cannot show a nested attribute's line (Terraform before 1.16)
// points at the resource's first line, so the text itself must say where;
// Terraform 1.16 shows the line from the path the diagnostic carries.
func withPathsInText(diags diag.Diagnostics) diag.Diagnostics {
	out := make(diag.Diagnostics, 0, len(diags))
	for _, d := range diags {
		withPath, ok := d.(diag.DiagnosticWithPath)
		if !ok || len(withPath.Path().Steps()) < 2 {
			out = append(out, d)
			continue
		}
		p := withPath.Path()
		detail := d.Detail()
		if !strings.HasPrefix(detail, p.String()) {
			detail = p.String() + ": " + detail
		}
		if d.Severity() == diag.SeverityError {
			out = append(out, diag.NewAttributeErrorDiagnostic(p, d.Summary(), detail))
		} else {
			out = append(out, diag.NewAttributeWarningDiagnostic(p, d.Summary(), detail))
		}
	}
	return out
}
