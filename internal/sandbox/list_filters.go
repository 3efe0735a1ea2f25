package sandbox

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// orderFilter is one filters[<property>] of GET /order/certificate: it
// reports whether an order is listed.
type orderFilter func(o *order) bool

var filterKeyRE = regexp.MustCompile(`^filters\[([a-z_]+)\]$`)

// listFilterProperties are the properties the List orders page lets
// filters[] name, each with the parser of its value.
var listFilterProperties = map[string]func(v string) (orderFilter, bool){
	"id":              intFilter(func(o *order) int { return o.ID }),
	"certificate_id":  intFilter(func(o *order) int { return o.CertID }),
	"organization_id": intFilter(func(o *order) int { return orgID(o) }),
	"container_id":    intFilter(func(o *order) int { return containerID(o) }),
	"status":          statusFilter,
	"product_name_id": func(v string) (orderFilter, bool) {
		return func(o *order) bool { return o.prod.NameID == v }, true
	},
	// choice: the page says "the given common_name value"; we compare
	// whole names, ignoring case, as DNS does.
	"common_name": func(v string) (orderFilter, bool) {
		return func(o *order) bool { return strings.EqualFold(o.certCommonName(), v) }, true
	},
	// The page: the common name or any of dns_names is the given name.
	"domain_name": func(v string) (orderFilter, bool) {
		return func(o *order) bool {
			for _, n := range o.names() {
				if strings.EqualFold(n, v) {
					return true
				}
			}
			return false
		}, true
	},
	"serial_number": func(v string) (orderFilter, bool) {
		return func(o *order) bool { return o.serial != "" && strings.EqualFold(o.serial, v) }, true
	},
	"date_created": dateFilter(func(o *order) (time.Time, bool) { return o.created, true }),
	"valid_till": dateFilter(func(o *order) (time.Time, bool) {
		return o.validTill, o.certDER != nil
	}),
	"is_renewed":                    boolFilter(func(o *order) bool { return o.renewedBy != 0 }),
	"disable_renewal_notifications": boolFilter(func(o *order) bool { return o.disableRenewalNotifications }),
	"user_id":                       intFilter(func(o *order) int { return o.acct.user.ID }),
	"metadata_id": func(v string) (orderFilter, bool) {
		id, err := strconv.Atoi(v)
		return func(o *order) bool {
			for _, f := range o.customFields {
				if f.MetadataID == id {
					return true
				}
			}
			return false
		}, err == nil
	},
	// choice: the page does not say whose email; we match the requesting
	// user's and the technical contact's.
	"email": func(v string) (orderFilter, bool) {
		return func(o *order) bool {
			for _, e := range orderEmails(o) {
				if strings.EqualFold(e, v) {
					return true
				}
			}
			return false
		}, true
	},
	// Every sandbox order was placed in CertCentral; none was migrated.
	"origin": func(v string) (orderFilter, bool) {
		return func(*order) bool { return v == "certcentral" }, v == "certcentral" || v == "migrated"
	},
	// The page: the email or common_name matches or contains the value.
	"search": func(v string) (orderFilter, bool) {
		needle := strings.ToLower(v)
		return func(o *order) bool {
			for _, s := range append(orderEmails(o), o.certCommonName()) {
				if strings.Contains(strings.ToLower(s), needle) {
					return true
				}
			}
			return false
		}, true
	},
}

// parseOrderFilters reads every filters[<property>] of a list request. An
// unknown property or a value of the wrong form is 400
// invalid_value:filters[<property>], so a typo does not list everything.
func parseOrderFilters(q url.Values) ([]orderFilter, []ErrorEntry) {
	var filters []orderFilter
	var errs []ErrorEntry
	for key, vals := range q {
		m := filterKeyRE.FindStringSubmatch(key)
		if m == nil {
			continue
		}
		parse, known := listFilterProperties[m[1]]
		if !known {
			errs = append(errs, invalidValue(key))
			continue
		}
		f, ok := parse(vals[0])
		if !ok {
			errs = append(errs, invalidValue(key))
			continue
		}
		filters = append(filters, f)
	}
	return filters, errs
}

func matchAll(filters []orderFilter, o *order) bool {
	for _, f := range filters {
		if !f(o) {
			return false
		}
	}
	return true
}

func intFilter(get func(o *order) int) func(string) (orderFilter, bool) {
	return func(v string) (orderFilter, bool) {
		want, err := strconv.Atoi(v)
		return func(o *order) bool { return get(o) == want }, err == nil
	}
}

// boolFilter reads the page's 1 (true) and 0 (false).
func boolFilter(get func(o *order) bool) func(string) (orderFilter, bool) {
	return func(v string) (orderFilter, bool) {
		return func(o *order) bool { return get(o) == (v == "1") }, v == "1" || v == "0"
	}
}

// statusFilter matches the order's status; the page notes that `issued`
// also lists orders whose certificate was issued and has since expired.
func statusFilter(v string) (orderFilter, bool) {
	return func(o *order) bool {
		return o.status == v || (v == StatusIssued && o.status == StatusExpired && o.certDER != nil)
	}, v != ""
}

// dateFilter compares a date of the order, by UTC day, with one of:
// `yyyy-MM-dd` (that day), `<from>...<to>` (both days included), or a
// comparison `>d`, `>=d`, `<d`, `<=d`. An order without the date (a
// valid_till before issuance) never matches.
//
// choice: the List orders page defers the syntax to the Services API
// page's filters section; these are the forms our provider sends (a range)
// and the comparisons public integrations use.
func dateFilter(get func(o *order) (time.Time, bool)) func(string) (orderFilter, bool) {
	return func(v string) (orderFilter, bool) {
		from, to, ok := parseDateExpr(v)
		return func(o *order) bool {
			t, has := get(o)
			if !has || t.IsZero() {
				return false
			}
			day := t.UTC().Truncate(24 * time.Hour)
			return !day.Before(from) && !day.After(to)
		}, ok
	}
}

// parseDateExpr turns a date filter value into the first and last day it
// includes.
func parseDateExpr(v string) (from, to time.Time, ok bool) {
	const oneDay = 24 * time.Hour
	first, last := time.Time{}, time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	day := func(s string) (time.Time, bool) {
		t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
		return t, err == nil
	}
	if a, b, isRange := strings.Cut(v, "..."); isRange {
		from, okA := day(a)
		to, okB := day(b)
		return from, to, okA && okB && !to.Before(from)
	}
	for _, op := range []string{">=", "<=", ">", "<"} {
		rest, isOp := strings.CutPrefix(v, op)
		if !isOp {
			continue
		}
		d, ok := day(rest)
		switch op {
		case ">=":
			return d, last, ok
		case "<=":
			return first, d, ok
		case ">":
			return d.Add(oneDay), last, ok
		default:
			return first, d.Add(-oneDay), ok
		}
	}
	d, ok := day(v)
	return d, d, ok
}

func orgID(o *order) int {
	if o.org == nil {
		return 0
	}
	return o.org.ID
}

func containerID(o *order) int {
	if o.container == nil {
		return 0
	}
	return o.container.ID
}

func orderEmails(o *order) []string {
	out := []string{o.acct.user.Email}
	if e := o.techContact["email"]; e != "" {
		out = append(out, e)
	}
	return out
}
