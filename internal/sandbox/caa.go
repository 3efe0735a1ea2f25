package sandbox

import (
	"net/http"
	"strings"
)

// digicertCAA are the CAA issuer domains that allow DigiCert's TLS brands.
// choice: DigiCert's own and the brands of our DV products.
var digicertCAA = []string{"digicert.com", "www.digicert.com", "geotrust.com", "rapidssl.com", "thawte.com", "symantec.com"}

// caaLocked checks the CAA records of names in the sandbox zone (records of
// type CAA, values like `0 issue "digicert.com"`): the closest name up the
// tree that has CAA records decides; for a wildcard its issuewild records
// when it has any.
func (s *Server) caaLocked(names []string) *APIError {
	for _, n := range names {
		if !s.caaAllows(n) {
			d := baseName(n)
			return apiErr(http.StatusBadRequest, "caa_check_failed|"+d,
				"The CAA records of "+d+" do not allow DigiCert to issue a certificate for "+n+".")
		}
	}
	return nil
}

func (s *Server) caaAllows(name string) bool {
	wildcard := isWildcard(name)
	for d := baseName(name); d != ""; {
		if recs := s.dns[dnsKey{"CAA", d}]; len(recs) > 0 {
			return caaSetAllows(recs, wildcard)
		}
		i := strings.IndexByte(d, '.')
		if i < 0 {
			break
		}
		d = d[i+1:]
	}
	return true
}

func caaSetAllows(recs []string, wildcard bool) bool {
	var issue, issuewild []string
	for _, r := range recs {
		fields := strings.Fields(r)
		if len(fields) < 3 {
			continue
		}
		value := strings.Trim(strings.Join(fields[2:], " "), `"`)
		domain := strings.ToLower(strings.TrimSpace(strings.SplitN(value, ";", 2)[0]))
		switch strings.ToLower(fields[1]) {
		case "issue":
			issue = append(issue, domain)
		case "issuewild":
			issuewild = append(issuewild, domain)
		}
	}
	relevant := issue
	if wildcard && len(issuewild) > 0 {
		relevant = issuewild
	}
	if len(relevant) == 0 {
		return true // only other properties (iodef...): no restriction
	}
	for _, d := range relevant {
		if oneOf(d, digicertCAA) {
			return true
		}
	}
	return false
}
