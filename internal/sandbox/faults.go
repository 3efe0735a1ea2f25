package sandbox

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// FaultKind selects what an injected fault does.
type FaultKind int

// Fault kinds. Faults act before auth and rate limits, like a proxy or load
// balancer in front of the API would. Unless stated, a fault answers without
// processing the request (no order is created).
const (
	// FaultLatency adds Fault.Latency, then the request is served normally.
	// Several latency faults add up.
	FaultLatency FaultKind = iota + 1
	// FaultRateLimit answers 429 request_limit_exceeded (counted by RateLimited).
	FaultRateLimit
	// FaultStatus answers Fault.Status (default 500) with Fault.Body, or a
	// JSON error body when Body is empty. Use HTMLErrorPage for an HTML body.
	FaultStatus
	// FaultDropBeforeRead closes the connection before the request is read.
	FaultDropBeforeRead
	// FaultDropAfterCommit processes the request fully (the order is
	// created), then closes the connection without writing anything.
	FaultDropAfterCommit
	// FaultBody serves Fault.Body verbatim with Fault.Status (default 200).
	FaultBody
	// FaultTruncateBody processes the request, then sends only the first
	// half of the real body (Content-Length matches what is sent, so the
	// HTTP exchange completes and the JSON is cut).
	FaultTruncateBody
	// FaultExtraFields processes the request and adds unexpected fields to
	// the JSON object answered.
	FaultExtraFields
	// FaultUnknownStatus processes the request and replaces every "status"
	// and "order_status" string in the answer with Fault.Body (default
	// "sandbox_unknown_status").
	FaultUnknownStatus
	// FaultTypeVariants processes the request and re-types its JSON answer
	// as public clients report the real API doing (see varyTypes).
	FaultTypeVariants
)

func (k FaultKind) String() string {
	switch k {
	case FaultLatency:
		return "latency"
	case FaultRateLimit:
		return "rate_limit"
	case FaultStatus:
		return "status"
	case FaultDropBeforeRead:
		return "drop_before_read"
	case FaultDropAfterCommit:
		return "drop_after_commit"
	case FaultBody:
		return "body"
	case FaultTruncateBody:
		return "truncate_body"
	case FaultExtraFields:
		return "extra_fields"
	case FaultUnknownStatus:
		return "unknown_status"
	case FaultTypeVariants:
		return "type_variants"
	case 0:
		return "none"
	}
	return fmt.Sprintf("FaultKind(%d)", int(k))
}

// Fault is one injected fault. It applies to API requests whose method is
// Method ("" = any) and whose path matches PathPrefix: a prefix of the path
// after /services/v2 (or of the full path), where "*" stands for one path
// segment ("/order/certificate/*/check-dcv"). Count is how many matching
// requests it affects; 0 means until ClearFaults.
type Fault struct {
	Method      string
	PathPrefix  string
	Kind        FaultKind
	Count       int
	Latency     time.Duration
	Status      int
	Body        string
	ContentType string // optional; sniffed from Body otherwise
}

type faultState struct {
	f         Fault
	re        *regexp.Regexp
	remaining int // -1 = unlimited
}

// InjectFault adds a fault; faults are tried in the order added.
func (s *Server) InjectFault(f Fault) {
	fs := &faultState{f: f, remaining: f.Count}
	if f.Count <= 0 {
		fs.remaining = -1
	}
	if strings.Contains(f.PathPrefix, "*") {
		pat := regexp.QuoteMeta(f.PathPrefix)
		pat = strings.ReplaceAll(pat, `\*`, `[^/]+`)
		fs.re = regexp.MustCompile("^" + pat)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, fs)
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// PendingFaults is how many faults still wait to fire (unlimited ones count).
func (s *Server) PendingFaults() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.faults)
}

func (fs *faultState) matches(method, fullPath string) bool {
	if fs.f.Method != "" && !strings.EqualFold(fs.f.Method, method) {
		return false
	}
	sub := strings.TrimPrefix(fullPath, apiPrefix)
	if fs.re != nil {
		return fs.re.MatchString(sub) || fs.re.MatchString(fullPath)
	}
	return strings.HasPrefix(sub, fs.f.PathPrefix) || strings.HasPrefix(fullPath, fs.f.PathPrefix)
}

// takeFaults consumes the faults matching one request: the summed latency of
// latency faults and the first other fault.
func (s *Server) takeFaults(method, fullPath string) (time.Duration, *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var latency time.Duration
	var picked *Fault
	keep := s.faults[:0]
	for _, fs := range s.faults {
		use := fs.matches(method, fullPath) && (fs.f.Kind == FaultLatency || picked == nil)
		if use {
			if fs.f.Kind == FaultLatency {
				latency += fs.f.Latency
			} else {
				f := fs.f
				picked = &f
			}
			if fs.remaining > 0 {
				fs.remaining--
			}
		}
		if fs.remaining != 0 {
			keep = append(keep, fs)
		}
	}
	s.faults = keep
	return latency, picked
}

// HTMLErrorPage is an HTML error page like a load balancer answers, for
// Fault{Kind: FaultStatus, Body: HTMLErrorPage(502)}.
func HTMLErrorPage(status int) string {
	return fmt.Sprintf("<!DOCTYPE html>\n<html><head><title>%d %s</title></head>\n<body><center><h1>%d %s</h1></center><hr><center>nginx</center></body></html>\n",
		status, http.StatusText(status), status, http.StatusText(status))
}

func faultStatusResponse(f *Fault) response {
	st := f.Status
	if st == 0 {
		st = http.StatusInternalServerError
	}
	if f.Body == "" {
		return errResp(apiErr(st, "server_error", "The server could not process the request (injected fault)."))
	}
	return response{status: st, ctype: sniffType(f.Body, f.ContentType), body: []byte(f.Body)}
}

var statusFieldRE = regexp.MustCompile(`"(status|order_status)":"[^"]*"`)

// applyResponseFault reshapes a processed answer for the malformed-response
// faults.
func applyResponseFault(f *Fault, r response) response {
	if f == nil {
		return r
	}
	switch f.Kind {
	case FaultTruncateBody:
		if len(r.body) > 0 {
			r.body = r.body[:len(r.body)/2]
		}
		if r.status == http.StatusNoContent {
			r.status = http.StatusOK
			r.ctype = "application/json"
			r.body = []byte(`{"errors":[{"co`)
		}
	case FaultExtraFields:
		if len(r.body) > 1 && r.body[0] == '{' {
			extra := `"sandbox_unexpected_field":{"nested":[1,"two",null]},"zz_extra":true`
			if string(r.body) == "{}" {
				r.body = []byte("{" + extra + "}")
			} else {
				r.body = []byte("{" + extra + "," + string(r.body[1:]))
			}
		}
	case FaultUnknownStatus:
		val := f.Body
		if val == "" {
			val = "sandbox_unknown_status"
		}
		r.body = statusFieldRE.ReplaceAllFunc(r.body, func(m []byte) []byte {
			name := statusFieldRE.FindSubmatch(m)[1]
			return []byte(`"` + string(name) + `":"` + val + `"`)
		})
	case FaultTypeVariants:
		r.body = varyTypes(r.body)
	}
	return r
}
