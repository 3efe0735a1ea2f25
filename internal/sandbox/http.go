package sandbox

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const (
	apiPrefix   = "/services/v2"
	adminPrefix = "/sandbox"
	maxBody     = 8 << 20
)

// Request is one recorded API request. The API key header is never stored.
type Request struct {
	Method   string
	Path     string // full path, e.g. /services/v2/order/certificate/ssl_dv_geotrust
	RawQuery string
	Body     []byte // exactly as received (nil when the connection was dropped before reading)
	Status   int    // 0 when the connection was dropped without an answer
	Time     time.Time
	// Account is the caller's account name ("" when the key was unknown).
	Account string
	// Fault is the injected fault that shaped this request, if any.
	Fault FaultKind
}

type response struct {
	status int
	ctype  string
	body   []byte
	allow  string
}

func jsonResp(status int, v any) response {
	b, err := json.Marshal(v)
	if err != nil {
		return errResp(apiErr(http.StatusInternalServerError, "internal_error", err.Error()))
	}
	return response{status: status, ctype: "application/json", body: b}
}

func errResp(e *APIError) response {
	b, _ := json.Marshal(struct {
		Errors []ErrorEntry `json:"errors"`
	}{e.Errors})
	return response{status: e.Status, ctype: "application/json", body: b}
}

func noContent() response { return response{status: http.StatusNoContent} }

func writeResp(w http.ResponseWriter, r response) {
	if r.allow != "" {
		w.Header().Set("Allow", r.allow)
	}
	if r.ctype != "" && r.status != http.StatusNoContent {
		w.Header().Set("Content-Type", r.ctype)
	}
	if r.status != http.StatusNoContent {
		w.Header().Set("Content-Length", strconv.Itoa(len(r.body)))
	}
	w.WriteHeader(r.status)
	if r.status != http.StatusNoContent {
		_, _ = w.Write(r.body)
	}
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	// Every answer is dated by the sandbox clock, as a server's Date is by
	// its own (RFC 9110, section 6.6.1): a client can see that the clock
	// was moved.
	w.Header().Set("Date", s.Now().UTC().Format(http.TimeFormat))
	p := r.URL.Path
	switch {
	case p == apiPrefix || strings.HasPrefix(p, apiPrefix+"/"):
		s.serveAPI(w, r)
	case p == adminPrefix || strings.HasPrefix(p, adminPrefix+"/"):
		s.serveAdmin(w, r)
	case strings.HasPrefix(p, acmePrefix):
		s.serveACME(w, r)
	default:
		writeResp(w, errResp(notFound("route")))
	}
}

// serveAPI is the pipeline of every /services/v2 request: injected faults,
// then auth, rate limit, permissions, routing; every request is recorded.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	sub := strings.TrimPrefix(r.URL.Path, apiPrefix)
	latency, fault := s.takeFaults(r.Method, r.URL.Path)
	latency += s.opts.Latency
	if latency > 0 {
		sleepCtx(r.Context(), latency)
	}
	var kind FaultKind
	if fault != nil {
		kind = fault.Kind
	}

	if kind == FaultDropBeforeRead {
		s.record(r, nil, 0, "", kind)
		s.logf("sandbox: %s %s -> connection dropped before reading (fault)", r.Method, r.URL.Path)
		dropConn(w)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		s.record(r, body, 0, "", kind)
		dropConn(w)
		return
	}

	var resp response
	account := ""
	switch kind {
	case FaultRateLimit:
		s.mu.Lock()
		s.rateHits++
		s.mu.Unlock()
		resp = errResp(rateLimitError())
	case FaultStatus:
		resp = faultStatusResponse(fault)
	case FaultBody:
		st := fault.Status
		if st == 0 {
			st = http.StatusOK
		}
		resp = response{status: st, ctype: sniffType(fault.Body, fault.ContentType), body: []byte(fault.Body)}
	default:
		resp, account = s.handleAPI(r, sub, body)
		resp = applyResponseFault(fault, resp)
	}

	if kind == FaultDropAfterCommit {
		s.record(r, body, 0, account, kind)
		s.logf("sandbox: %s %s -> processed (%d), response dropped (fault)", r.Method, r.URL.Path, resp.status)
		dropConn(w)
		return
	}
	s.record(r, body, resp.status, account, kind)
	s.logf("sandbox: %s %s -> %d", r.Method, r.URL.RequestURI(), resp.status)
	writeResp(w, resp)
}

// handleAPI authenticates, rate-limits and routes one request.
//
// Auth: an unknown or revoked X-DC-DEVKEY is 403
// access_denied|access_denied_invalid_key, the answer recorded from the real
// API (CERTCENTRAL.md). choice: a missing key is answered the same way.
func (s *Server) handleAPI(r *http.Request, sub string, body []byte) (response, string) {
	key := r.Header.Get("X-DC-DEVKEY")
	s.mu.Lock()
	k := s.keys[key]
	if key == "" || k == nil || k.revoked {
		s.mu.Unlock()
		return errResp(invalidKeyError()), ""
	}
	acct := k.acct.name
	if len(s.waiting) > 0 {
		// OV/EV orders whose organization validation completed by the
		// configured delay issue when the sandbox is next asked.
		s.issueReadyLocked(s.clk.now())
	}
	if !s.limiter.allow(key, time.Now()) {
		s.rateHits++
		s.mu.Unlock()
		return errResp(rateLimitError()), acct
	}
	if k.viewOnly && r.Method != http.MethodGet && r.Method != http.MethodHead {
		s.mu.Unlock()
		return errResp(apiErr(http.StatusForbidden, "access_denied|missing_permission", "This API key is View Only and cannot make changes.")), acct
	}
	s.mu.Unlock()
	return s.route(r, k, sub, body), acct
}

func invalidKeyError() *APIError {
	return apiErr(http.StatusForbidden, "access_denied|access_denied_invalid_key", "Access denied due to access_denied_invalid_key.")
}

func rateLimitError() *APIError {
	return apiErr(http.StatusTooManyRequests, "request_limit_exceeded", "Service unavailable, please limit request volume")
}

// route dispatches on path segments. A known path with the wrong method is
// 405 method_not_allowed with an Allow header (choice: the pages are silent;
// a distinct answer makes a client's wrong verb obvious, unlike a 404 that
// looks like a typo in the path). Unknown paths are 404 not_found|route.
func (s *Server) route(r *http.Request, k *apiKey, sub string, body []byte) response {
	segs := strings.Split(strings.Trim(sub, "/"), "/")
	m := r.Method
	q := r.URL.Query()
	match := func(pattern ...string) bool {
		if len(segs) != len(pattern) {
			return false
		}
		for i, p := range pattern {
			if p != "*" && p != segs[i] {
				return false
			}
		}
		return true
	}
	only := func(method string, h func() response) response {
		if m != method {
			return errResp405(method)
		}
		return h()
	}
	switch {
	case match("order", "certificate"):
		return only(http.MethodGet, func() response { return s.listOrders(k, q) })
	case match("order", "certificate", "status-changes"):
		return only(http.MethodGet, func() response { return s.statusChanges(k, q) })
	case match("order", "alternate", "*"):
		return only(http.MethodGet, func() response { return s.ordersByAlternativeID(k, segs[2], q) })
	case match("order", "certificate", "*"):
		switch m {
		case http.MethodPost:
			return s.postOrder(k, segs[2], body)
		case http.MethodGet:
			return s.orderInfo(k, segs[2])
		}
		return errResp405("GET, POST")
	case match("order", "certificate", "*", "status"):
		return only(http.MethodPut, func() response { return s.cancelOrder(k, segs[2], body) })
	case match("order", "certificate", "*", "revoke"):
		return only(http.MethodPut, func() response { return s.revokeOrder(k, segs[2], body) })
	case match("order", "certificate", "*", "dcv-random-value"):
		return only(http.MethodPut, func() response { return s.dcvRandomValue(k, segs[2]) })
	case match("order", "certificate", "*", "reissue"):
		return only(http.MethodPost, func() response { return s.postReissue(k, segs[2], body) })
	case match("order", "certificate", "*", "check-dcv"):
		return only(http.MethodPut, func() response { return s.checkDCV(k, segs[2]) })
	case match("order", "certificate", "*", "duplicate"):
		switch m {
		case http.MethodPost:
			return s.postDuplicate(k, segs[2], body)
		case http.MethodGet:
			return s.listDuplicates(k, segs[2])
		}
		return errResp405("GET, POST")
	case match("certificate", "*", "chain"):
		return only(http.MethodGet, func() response { return s.certificateChain(k, segs[1]) })
	case match("product"):
		return only(http.MethodGet, func() response { return s.listProducts(k) })
	case match("product", "*"):
		return only(http.MethodGet, func() response { return s.productInfo(k, segs[1], q) })
	case match("user", "*"):
		return only(http.MethodGet, func() response { return s.userInfo(k, segs[1]) })
	case match("certificate", "*", "revoke"):
		return only(http.MethodPut, func() response { return s.revokeCertificate(k, segs[1], body) })
	case match("certificate", "download", "order", "*", "format", "*"):
		return only(http.MethodGet, func() response { return s.downloadByOrder(k, segs[3], segs[5]) })
	case match("certificate", "*", "download", "format", "*"):
		return only(http.MethodGet, func() response { return s.downloadCertificate(k, segs[1], segs[4]) })
	case match("organization"):
		switch m {
		case http.MethodPost:
			return s.createOrganization(k, body)
		case http.MethodGet:
			return s.listOrgs(k, q)
		}
		return errResp405("GET, POST")
	case match("organization", "*"):
		return only(http.MethodGet, func() response { return s.orgInfo(k, segs[1]) })
	case match("organization", "*", "validation"):
		switch m {
		case http.MethodPost:
			return s.submitOrgValidation(k, segs[1], body)
		case http.MethodGet:
			return s.orgValidationInfo(k, segs[1])
		}
		return errResp405("GET, POST")
	case match("domain"):
		switch m {
		case http.MethodPost:
			return s.addDomain(k, body)
		case http.MethodGet:
			return s.listDomains(k, q)
		}
		return errResp405("GET, POST")
	case match("domain", "*"):
		return only(http.MethodGet, func() response { return s.domainInfo(k, segs[1], q) })
	case match("domain", "*", "validation"):
		return only(http.MethodPost, func() response { return s.submitDomainValidation(k, segs[1], body) })
	case match("domain", "*", "dcv", "method"):
		return only(http.MethodPut, func() response { return s.changeDomainDCVMethod(k, segs[1], body) })
	case match("domain", "*", "dcv", "token"):
		return only(http.MethodPost, func() response { return s.newDomainToken(k, segs[1]) })
	case match("domain", "*", "dcv", "validate-token"):
		return only(http.MethodPut, func() response { return s.validateDomainToken(k, segs[1]) })
	case match("key", "acme-eab", "tlm"), match("key"), match("key", "*"), match("key", "*", "status"):
		return s.routeACME(r, k, segs, body)
	case match("account", "subaccount", "order", "*"):
		return only(http.MethodGet, func() response { return s.subaccountOrder(k, segs[3], q) })
	}
	return errResp(notFound("route"))
}

func errResp405(allow string) response {
	r := errResp(apiErr(http.StatusMethodNotAllowed, "method_not_allowed", "This route does not accept this HTTP method; allowed: "+allow+"."))
	r.allow = allow
	return r
}

func (s *Server) record(r *http.Request, body []byte, status int, account string, kind FaultKind) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = append(s.reqs, Request{
		Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Body: body,
		Status: status, Time: s.clk.now(), Account: account, Fault: kind,
	})
}

// dropConn closes the connection without an answer: hijack and close, or
// abort the handler when the writer cannot be hijacked (httptest recorders).
func dropConn(w http.ResponseWriter) {
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		_ = conn.Close()
		return
	}
	panic(http.ErrAbortHandler)
}

func sniffType(body, explicit string) string {
	if explicit != "" {
		return explicit
	}
	if strings.HasPrefix(strings.TrimSpace(body), "<") {
		return "text/html; charset=utf-8"
	}
	return "application/json"
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
