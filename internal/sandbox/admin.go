package sandbox

import (
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// serveAdmin serves /sandbox: no API key, loopback clients only.
//
//	POST   /sandbox/dns                      {"type","name","value"}
//	DELETE /sandbox/dns                      {"type","name","value"}
//	POST   /sandbox/http-files               {"url","body"}
//	POST   /sandbox/orders/{id}/approve      needs_approval -> pending
//	POST   /sandbox/orders/{id}/approve-email
//	POST   /sandbox/orders/{id}/issue
//	POST   /sandbox/orders/{id}/reject
//	POST   /sandbox/orders/{id}/status       {"status"}
//	POST   /sandbox/orders/{id}/approve-reissue
//	POST   /sandbox/orders/{id}/reject-reissue
//	POST   /sandbox/organizations/{id}/validate {"types":["ov","ev"]} (none: every submitted one)
//	POST   /sandbox/domains/{id}/validate    completes the domain's DCV now
//	GET    /sandbox/domains/{id}             a DomainSnapshot
//	POST   /sandbox/clock                    {"advance":"720h"} or {"now":"RFC3339"}
//	GET    /sandbox/clock                    {"now"}
//	GET    /sandbox/orders                   order snapshots
//	GET    /sandbox/requests                 recorded requests
//	POST   /sandbox/faults                   a Fault as JSON (kind by name)
//	DELETE /sandbox/faults
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		writeResp(w, errResp(apiErr(http.StatusForbidden, "access_denied", "The sandbox admin API is for loopback clients only.")))
		return
	}
	segs := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, adminPrefix), "/"), "/")
	body := map[string]any{}
	if r.Method == http.MethodPost || r.Method == http.MethodDelete {
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody)).Decode(&body); err != nil && err.Error() != "EOF" {
			writeResp(w, errResp(apiErr(http.StatusBadRequest, "bad_request_format", err.Error())))
			return
		}
	}
	str := func(k string) string { v, _ := body[k].(string); return v }
	ok := func(v any) { writeResp(w, jsonResp(http.StatusOK, v)) }
	fail := func(err error) {
		writeResp(w, errResp(apiErr(http.StatusBadRequest, "sandbox_error", err.Error())))
	}
	switch {
	case len(segs) == 1 && segs[0] == "dns" && r.Method == http.MethodPost:
		s.PublishDNS(str("type"), str("name"), str("value"))
		ok(map[string]any{"published": true})
	case len(segs) == 1 && segs[0] == "dns" && r.Method == http.MethodDelete:
		s.RemoveDNS(str("type"), str("name"), str("value"))
		ok(map[string]any{"removed": true})
	case len(segs) == 1 && segs[0] == "http-files" && r.Method == http.MethodPost:
		s.PublishHTTPFile(str("url"), str("body"))
		ok(map[string]any{"published": true})
	case len(segs) == 1 && segs[0] == "clock" && r.Method == http.MethodGet:
		ok(map[string]any{"now": s.Now().Format(time.RFC3339)})
	case len(segs) == 1 && segs[0] == "clock" && r.Method == http.MethodPost:
		if a := str("advance"); a != "" {
			d, err := time.ParseDuration(a)
			if err != nil {
				fail(err)
				return
			}
			s.Advance(d)
		}
		if n := str("now"); n != "" {
			t, err := time.Parse(time.RFC3339, n)
			if err != nil {
				fail(err)
				return
			}
			s.SetNow(t)
		}
		ok(map[string]any{"now": s.Now().Format(time.RFC3339)})
	case len(segs) == 1 && segs[0] == "orders" && r.Method == http.MethodGet:
		ok(s.Orders())
	case len(segs) == 1 && segs[0] == "requests" && r.Method == http.MethodGet:
		ok(s.Requests())
	case len(segs) == 1 && segs[0] == "faults" && r.Method == http.MethodPost:
		f, err := faultFromJSON(body)
		if err != nil {
			fail(err)
			return
		}
		s.InjectFault(f)
		ok(map[string]any{"injected": true})
	case len(segs) == 1 && segs[0] == "faults" && r.Method == http.MethodDelete:
		s.ClearFaults()
		ok(map[string]any{"cleared": true})
	case len(segs) == 3 && (segs[0] == "organizations" || segs[0] == "domains") && segs[2] == "validate" && r.Method == http.MethodPost:
		id, err := strconv.Atoi(segs[1])
		if err != nil {
			writeResp(w, errResp(notFound("route")))
			return
		}
		if segs[0] == "domains" {
			err = s.ValidateDomain(id)
		} else {
			var types []string
			list, _ := body["types"].([]any)
			for _, t := range list {
				if ts, ok := t.(string); ok {
					types = append(types, ts)
				}
			}
			err = s.ValidateOrganization(id, types...)
		}
		if err != nil {
			fail(err)
			return
		}
		ok(map[string]any{"validated": true})
	case len(segs) == 2 && segs[0] == "domains" && r.Method == http.MethodGet:
		id, _ := strconv.Atoi(segs[1])
		d, found := s.Domain(id)
		if !found {
			writeResp(w, errResp(notFound("domain")))
			return
		}
		ok(d)
	case len(segs) == 3 && segs[0] == "orders" && r.Method == http.MethodPost:
		id, err := strconv.Atoi(segs[1])
		if err != nil {
			writeResp(w, errResp(notFound("order")))
			return
		}
		var opErr error
		switch segs[2] {
		case "approve":
			opErr = s.Approve(id)
		case "approve-email":
			opErr = s.ApproveEmailDCV(id)
		case "issue":
			opErr = s.IssueOrder(id)
		case "reject":
			opErr = s.Reject(id)
		case "status":
			opErr = s.SetOrderStatus(id, str("status"))
		case "approve-reissue":
			opErr = s.ApproveReissue(id)
		case "reject-reissue":
			opErr = s.RejectReissue(id)
		default:
			writeResp(w, errResp(notFound("route")))
			return
		}
		if opErr != nil {
			fail(opErr)
			return
		}
		o, _ := s.Order(id)
		ok(o)
	default:
		writeResp(w, errResp(notFound("route")))
	}
}

var faultKindNames = map[string]FaultKind{}

func init() {
	for k := FaultLatency; k <= FaultTypeVariants; k++ {
		faultKindNames[k.String()] = k
	}
}

// faultFromJSON reads {"method","path_prefix","kind":"status","count",
// "latency":"2s","status","body","content_type"}.
func faultFromJSON(m map[string]any) (Fault, error) {
	var f Fault
	f.Method, _ = m["method"].(string)
	f.PathPrefix, _ = m["path_prefix"].(string)
	kind, _ := m["kind"].(string)
	k, found := faultKindNames[kind]
	if !found {
		return f, &APIError{Status: 400, Errors: []ErrorEntry{invalidValue("kind")}}
	}
	f.Kind = k
	if c, ok := m["count"].(float64); ok {
		f.Count = int(c)
	}
	if st, ok := m["status"].(float64); ok {
		f.Status = int(st)
	}
	if l, ok := m["latency"].(string); ok && l != "" {
		d, err := time.ParseDuration(l)
		if err != nil {
			return f, err
		}
		f.Latency = d
	}
	f.Body, _ = m["body"].(string)
	f.ContentType, _ = m["content_type"].(string)
	return f, nil
}
