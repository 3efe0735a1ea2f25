package sandbox

import (
	"net/http"
	"net/url"
	"regexp"
	"sort"
)

// alternative_order_id on order requests and GET
// /order/alternate/{alternative_order_id} (CERTCENTRAL.md, "Alternative
// order ID").

// alternativeOrderIDRE is the sandbox's rule for alternative_order_id.
// choice: no page states a length or alphabet. The value travels in a URL
// path, so it is kept to characters that need no escaping there, and to 64
// of them.
var alternativeOrderIDRE = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

// readAlternativeOrderID reads the optional alternative_order_id of an order
// request. choice: an empty string counts as not sent. Orders may share one
// value: the lookup endpoint lists every order that carries it.
func readAlternativeOrderID(root *jnode) string {
	v, ok := root.Str("alternative_order_id", false)
	if !ok || v == "" {
		return ""
	}
	if !alternativeOrderIDRE.MatchString(v) {
		root.f.invalid("alternative_order_id")
		return ""
	}
	return v
}

// orderRefJSON is an entry of the alternate-ID and status-change lists.
type orderRefJSON struct {
	OrderID       int    `json:"order_id"`
	CertificateID int    `json:"certificate_id"`
	Status        string `json:"status"`
}

// ordersByAlternativeID is GET /order/alternate/{alternative_order_id}: the
// account's orders that carry that value, by order ID, paged like the order
// list. choice: no match is 200 with no orders, the shape of an empty order
// list.
func (s *Server) ordersByAlternativeID(k *apiKey, altID string, q url.Values) response {
	limit, offset, errs := pageParams(q)
	if len(errs) > 0 {
		return errResp(&APIError{Status: http.StatusBadRequest, Errors: errs})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clk.now()
	var sel []*order
	for _, o := range s.orders {
		if o.acct == k.acct && altID != "" && o.altID == altID {
			o.refresh(now)
			sel = append(sel, o)
		}
	}
	sort.Slice(sel, func(i, j int) bool { return sel[i].ID < sel[j].ID })
	out := struct {
		Orders []orderRefJSON `json:"orders,omitempty"`
		Page   pageJSON       `json:"page"`
	}{Page: pageJSON{Total: len(sel), Limit: limit, Offset: offset}}
	for _, o := range pageSlice(sel, limit, offset) {
		out.Orders = append(out.Orders, orderRefJSON{OrderID: o.ID, CertificateID: o.CertID, Status: o.status})
	}
	return jsonResp(http.StatusOK, out)
}
