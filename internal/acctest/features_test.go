package acctest

import (
	"testing"

	goversion "github.com/hashicorp/go-version"
)

func TestSupports(t *testing.T) {
	cases := []struct {
		family, version string
		feature         Feature
		want            bool
	}{
		{"terraform", "1.5.7", WriteOnly, false},
		{"terraform", "1.11.0", WriteOnly, true},
		{"terraform", "1.16.4", WriteOnly, true},
		{"terraform", "1.11.0", Identity, false},
		{"terraform", "1.12.0", Identity, true},
		{"terraform", "1.13.9", ListResources, false},
		{"terraform", "1.14.0", ListResources, true},
		{"terraform", "1.14.0-beta1", Actions, true},
		{"terraform", "1.16.4", Actions, true},
		{"tofu", "1.12.6", WriteOnly, true},
		{"tofu", "1.10.0", WriteOnly, false},
		{"tofu", "1.12.6", Identity, true},
		{"tofu", "1.12.6", ListResources, false},
		{"tofu", "1.12.6", Actions, false},
		{"terraform", "1.5.7", PgBackend, true},
		{"terraform", "1.16.4", PgBackend, false},
		{"tofu", "1.12.6", PgBackend, true},
		{"terraform", "1.5.7", MockProviders, false},
		{"terraform", "1.7.0", MockProviders, true},
		{"tofu", "1.7.3", MockProviders, false},
		{"tofu", "1.12.6", MockProviders, true},
	}
	for _, c := range cases {
		got := supports(c.family, goversion.Must(goversion.NewVersion(c.version)), c.feature)
		if got != c.want {
			t.Errorf("%s %s, %s: got %v, want %v", c.family, c.version, c.feature, got, c.want)
		}
	}
}
