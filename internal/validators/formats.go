package validators

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// DateInFuture validates a date in a Go reference layout (DigiCert writes
// "yyyy-MM-dd" for "2006-01-02" and "dd MMM YYYY" for "02 Jan 2006") that
// lies after today (by now) and less than maxDays days ahead. The empty
// string is accepted as "no date": the Order DV SSL page's own example sends
// "custom_expiration_date": "", and callers treat it as unset.
func DateInFuture(now func() time.Time, layout, docFormat string, maxDays int) validator.String {
	return stringFunc{
		description: fmt.Sprintf("must be a date in the format `%s`, after today and less than %d days ahead (or empty, which means no date)", docFormat, maxDays),
		check: func(s string) error {
			if s == "" {
				return nil
			}
			d, err := time.Parse(layout, s)
			if err != nil {
				return fmt.Errorf("%q is not a date in the format %s (for example %q)", s, docFormat, now().AddDate(0, 6, 0).Format(layout))
			}
			today := now().UTC().Truncate(24 * time.Hour)
			if !d.After(today) {
				return fmt.Errorf("%q is not in the future", s)
			}
			if limit := today.AddDate(0, 0, maxDays); !d.Before(limit) {
				return fmt.Errorf("%q is %d or more days ahead; the latest allowed date is %s", s, maxDays, limit.AddDate(0, 0, -1).Format(layout))
			}
			return nil
		},
	}
}

// Pattern validates a string against re, explaining the expected form with
// example in the error.
func Pattern(re *regexp.Regexp, what string) validator.String {
	return stringFunc{
		description: "must be " + what,
		check: func(s string) error {
			if !re.MatchString(s) {
				return fmt.Errorf("%q is not %s", s, what)
			}
			return nil
		},
	}
}

// SHA1Thumbprint validates a SHA-1 thumbprint: 40 hexadecimal digits.
func SHA1Thumbprint() validator.String {
	return Pattern(regexp.MustCompile(`^[0-9A-Fa-f]{40}$`), "a SHA-1 thumbprint of 40 hexadecimal digits")
}

// Email validates an email address (one @, a non-empty local part, and a
// DNS name after it). choice: the pages only say "email"; this is the
// shape check the sandbox applies too, not full RFC 5322 syntax.
func Email() validator.String {
	return stringFunc{
		description: "must be an email address such as admin@example.com",
		check: func(s string) error {
			local, domain, ok := strings.Cut(s, "@")
			if !ok || local == "" || strings.ContainsAny(local, " \t") || CheckDNSName(domain) != nil {
				return fmt.Errorf("%q is not an email address such as admin@example.com", s)
			}
			return nil
		},
	}
}
