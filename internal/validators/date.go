package validators

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Date validates a calendar date in a Go reference layout, written in
// DigiCert's notation docFormat ("yyyy-MM-dd" for "2006-01-02").
func Date(layout, docFormat string) validator.String {
	return stringFunc{
		description: fmt.Sprintf("must be a date in the format `%s`", docFormat),
		check: func(s string) error {
			if _, err := time.Parse(layout, s); err != nil {
				return fmt.Errorf("%q is not a date in the format %s", s, docFormat)
			}
			return nil
		},
	}
}
