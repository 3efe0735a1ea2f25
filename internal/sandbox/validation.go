package sandbox

import (
	"time"
)

// Validation state of organizations and domains, on the sandbox clock
// (CERTCENTRAL.md, Organizations and Domains). An OV or EV order issues at
// once only when both are current (order_ovev.go).

// orgValidationDays is how long a completed organization validation can be
// reused: 397 days from the date it was completed (the Submit organization
// for validation page).
const orgValidationDays = 397

// dcvReuseStep is one step of the domain validation reuse schedule: from
// date From on, a completed DCV can be reused for Days days.
type dcvReuseStep struct {
	From time.Time
	Days int
}

// dcvReuseSchedule: 397 days until DigiCert's 199-day rule of 2026-02-24
// (the Reuse domain control validation page), then the CA/Browser Forum
// steps of 100 days from 2027-03-15 and 10 days from 2029-03-15.
// choice: the last two dates are the CA/B Forum's (ballot SC-081); no
// DigiCert page we read gives them yet.
var dcvReuseSchedule = []dcvReuseStep{
	{From: time.Time{}, Days: 397},
	{From: time.Date(2026, 2, 24, 0, 0, 0, 0, time.UTC), Days: 199},
	{From: time.Date(2027, 3, 15, 0, 0, 0, 0, time.UTC), Days: 100},
	{From: time.Date(2029, 3, 15, 0, 0, 0, 0, time.UTC), Days: 10},
}

// dcvReuseEnd is when a DCV completed at approved stops being reusable.
// choice: a validation is reusable at t while t - approved is within the
// period in force at t (the rules limit the age of the data at issuance), so
// a step that shortens the period ends older validations on its first day:
// a DCV of 2026-12-01 ends on 2027-03-15 (then 104 days old), one of
// 2027-01-10 on 2027-04-20 (100 days).
func dcvReuseEnd(approved time.Time) time.Time {
	for i, st := range dcvReuseSchedule {
		var next time.Time
		if i+1 < len(dcvReuseSchedule) {
			next = dcvReuseSchedule[i+1].From
			if !next.After(approved) {
				continue
			}
		}
		start := st.From
		if start.Before(approved) {
			start = approved
		}
		end := approved.AddDate(0, 0, st.Days)
		if end.Before(start) {
			return start
		}
		if next.IsZero() || end.Before(next) {
			return end
		}
	}
	return approved // unreachable: the last step has no end
}

// DCVReuseEnd is when a DCV completed at approved stops being reusable
// (the reuse schedule), for tests of other packages.
func DCVReuseEnd(approved time.Time) time.Time { return dcvReuseEnd(approved.UTC()) }

// Validation types of the Submit organization for validation page, with
// the display names the info answers carry. choice: the names and
// descriptions are ours (no page lists them).
var orgValidationTypes = []string{"ov", "ev", "cs", "ev_cs", "ds", "smime"}

var validationNames = map[string][2]string{
	"ov":    {"OV", "Normal Organization Validation"},
	"ev":    {"EV", "Extended Organization Validation (EV)"},
	"cs":    {"CS", "Code Signing Organization Validation"},
	"ev_cs": {"EV CS", "Code Signing Organization Extended Validation (EV CS)"},
	"ds":    {"DS", "Document Signing Organization Validation"},
	"smime": {"S/MIME", "S/MIME Organization Validation"},
}

// typesNeedingUsers are the types whose submission needs verified_users.
var typesNeedingUsers = []string{"ev", "cs", "ev_cs"}

// orgValidation is one validation type of an organization.
type orgValidation struct {
	typ           string
	submitted     time.Time
	validated     time.Time // zero until complete
	verifiedUsers []verifiedUser
}

type verifiedUser struct {
	ID        int    `json:"id,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	JobTitle  string `json:"job_title,omitempty"`
	Telephone string `json:"telephone,omitempty"`
	Email     string `json:"email,omitempty"`
}

// Validation statuses. choice: "active" as the domain pages show it for a
// current validation; "pending" while waiting; "expired" past its date.
const (
	valActive  = "active"
	valPending = "pending"
	valExpired = "expired"
)

// settle completes a pending validation whose configured delay has passed
// (Options.OrgValidationDelay; 0 means only ValidateOrganization does).
func (v *orgValidation) settle(delay time.Duration, now time.Time) {
	if v.validated.IsZero() && delay > 0 && !now.Before(v.submitted.Add(delay)) {
		v.validated = v.submitted.Add(delay)
	}
}

func (v *orgValidation) until() time.Time {
	if v.validated.IsZero() {
		return time.Time{}
	}
	return v.validated.AddDate(0, 0, orgValidationDays)
}

func (v *orgValidation) status(now time.Time) string {
	switch {
	case v.validated.IsZero():
		return valPending
	case now.After(v.until()):
		return valExpired
	}
	return valActive
}

// orgValidatedLocked reports whether org holds a current validation of typ.
func (s *Server) orgValidatedLocked(org *organization, typ string, now time.Time) bool {
	if org == nil || org.validations == nil {
		return false
	}
	v := org.validations[typ]
	if v == nil {
		return false
	}
	v.settle(s.opts.OrgValidationDelay, now)
	return v.status(now) == valActive
}
