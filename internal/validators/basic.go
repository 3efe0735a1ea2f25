// Package validators holds the plan-time validators shared by the
// provider's resources and data sources. Each validator's description is
// built from the same values it checks, so docs and checks agree.
package validators

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// stringFunc adapts a check of one known string value into a
// validator.String; null and unknown values are left to other validators.
type stringFunc struct {
	description string
	check       func(string) error
}

func (v stringFunc) Description(context.Context) string         { return v.description }
func (v stringFunc) MarkdownDescription(context.Context) string { return v.description }

func (v stringFunc) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value", fmt.Sprintf("%s: %s", req.Path, err))
	}
}

// BaseURL checks a CertCentral base URL the way the client will.
func BaseURL() validator.String {
	return stringFunc{
		description: "must be an absolute https URL (plain http only to a loopback host)",
		check: func(s string) error {
			_, err := certcentral.ParseBaseURL(s)
			return err
		},
	}
}

// Duration checks a Go duration string such as "500ms" or "30s".
func Duration() validator.String {
	return stringFunc{
		description: `must be a positive duration such as "500ms", "30s" or "2m"`,
		check: func(s string) error {
			d, err := time.ParseDuration(s)
			if err != nil {
				return fmt.Errorf("%q is not a duration such as \"500ms\", \"30s\" or \"2m\"", s)
			}
			if d <= 0 {
				return fmt.Errorf("%q must be positive", s)
			}
			return nil
		},
	}
}
