package certcentral

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
)

// MaxAlternativeOrderIDLength is the longest alternative_order_id this client
// sends (CERTCENTRAL.md, "Alternative order ID": no page states a limit; this
// is the rule the project chose, and the sandbox enforces it).
const MaxAlternativeOrderIDLength = 64

// AlternativeOrderIDCharacters describes the characters allowed in an
// alternative_order_id, for messages and documentation.
const AlternativeOrderIDCharacters = "letters A-Z and a-z, digits, and the four characters - _ . :"

var alternativeOrderIDRE = regexp.MustCompile(`^[A-Za-z0-9._:-]+$`)

// CheckAlternativeOrderID reports why s cannot be an alternative_order_id:
// it must be 1 to MaxAlternativeOrderIDLength characters long and made of
// AlternativeOrderIDCharacters only (the value travels in a URL path).
func CheckAlternativeOrderID(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("an alternative order ID cannot be empty")
	case len(s) > MaxAlternativeOrderIDLength:
		return fmt.Errorf("%q is %d characters long; an alternative order ID has at most %d", s, len(s), MaxAlternativeOrderIDLength)
	case !alternativeOrderIDRE.MatchString(s):
		return fmt.Errorf("%q has characters an alternative order ID cannot hold; allowed are %s", s, AlternativeOrderIDCharacters)
	}
	return nil
}

// OrderRef is an entry of the alternative-ID and status-change lists: an
// order, its certificate and its current status.
type OrderRef struct {
	OrderID       int64  `json:"order_id"`
	CertificateID int64  `json:"certificate_id"`
	Status        string `json:"status"`
}

// orderRefPage is one page of such a list. Page is nil when the answer has
// none (the status-change page's example has none).
type orderRefPage struct {
	Orders []OrderRef `json:"orders"`
	Page   *Page      `json:"page"`
}

// listPageSize is the documented maximum page of both lists.
const listPageSize = 1000

// maxListPages bounds one listing (a million orders), so that a server that
// keeps answering full pages cannot keep a plan busy forever.
const maxListPages = 1000

// listOrderRefs reads every page of a list of OrderRef. An order listed on
// two pages (the list moved while it was read) is kept once.
func (cl *Client) listOrderRefs(ctx context.Context, path string, q url.Values) ([]OrderRef, error) {
	var out []OrderRef
	seen := map[int64]bool{}
	for pageNo, offset := 0, 0; pageNo < maxListPages; pageNo++ {
		pq := url.Values{}
		for k, v := range q {
			pq[k] = v
		}
		pq.Set("limit", strconv.Itoa(listPageSize))
		if offset > 0 {
			pq.Set("offset", strconv.Itoa(offset))
		}
		var page orderRefPage
		if err := cl.do(ctx, call{method: "GET", path: path, query: pq, out: &page, idempotent: true}); err != nil {
			return nil, err
		}
		for _, o := range page.Orders {
			if !seen[o.OrderID] {
				seen[o.OrderID] = true
				out = append(out, o)
			}
		}
		offset += len(page.Orders)
		// choice: without a page object, a short page is the last one.
		done := len(page.Orders) == 0 || (page.Page == nil && len(page.Orders) < listPageSize) ||
			(page.Page != nil && offset >= page.Page.Total)
		if done {
			return out, nil
		}
	}
	return nil, fmt.Errorf("GET %s: more than %d pages of %d orders; giving up", path, maxListPages, listPageSize)
}

// OrdersByAlternativeID reads GET /order/alternate/{alternative_order_id}:
// every order the key may view that carries altID, all pages. Several orders
// may carry one value. A 404 is read as "no order" (choice: the page does
// not say how an unknown value is answered), except not_found|route: an API
// without this endpoint must not pass for one that found nothing.
func (cl *Client) OrdersByAlternativeID(ctx context.Context, altID string) ([]OrderRef, error) {
	if err := CheckAlternativeOrderID(altID); err != nil {
		return nil, err
	}
	refs, err := cl.listOrderRefs(ctx, "/order/alternate/"+url.PathEscape(altID), nil)
	if apiErr, ok := AsAPIError(err); ok && apiErr.StatusCode == 404 && !apiErr.HasCode("not_found|route") {
		return nil, nil
	}
	return refs, err
}
