package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// A diagnostic on a nested attribute gets its path at the start of its
// text, once; top-level and pathless ones are left as they are.
func TestWithPathsInText(t *testing.T) {
	nested := path.Root("certificate").AtName("dns_names").AtListIndex(1)
	in := diag.Diagnostics{
		diag.NewAttributeErrorDiagnostic(nested, "Wildcard", `"*.example.org" is a wildcard name.`),
		diag.NewAttributeWarningDiagnostic(nested, "Cost", "certificate.dns_names[1]: already named."),
		diag.NewAttributeErrorDiagnostic(path.Root("validity_years"), "Missing", "Set one."),
		diag.NewErrorDiagnostic("Plain", "No path."),
	}
	want := []string{`certificate.dns_names[1]: "*.example.org" is a wildcard name.`, "certificate.dns_names[1]: already named.", "Set one.", "No path."}
	out := withPathsInText(in)
	if len(out) != len(want) {
		t.Fatalf("%d diagnostics, want %d", len(out), len(want))
	}
	for i, d := range out {
		if d.Detail() != want[i] || d.Severity() != in[i].Severity() || d.Summary() != in[i].Summary() {
			t.Errorf("diagnostic %d: %s %q %q, want %s %q %q", i, d.Severity(), d.Summary(), d.Detail(), in[i].Severity(), in[i].Summary(), want[i])
		}
		p, ok := d.(diag.DiagnosticWithPath)
		orig, origOK := in[i].(diag.DiagnosticWithPath)
		if ok != origOK || (ok && !p.Path().Equal(orig.Path())) {
			t.Errorf("diagnostic %d lost or changed its path", i)
		}
	}
}
