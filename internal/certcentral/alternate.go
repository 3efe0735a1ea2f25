package certcentral

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
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

// listAttempts bounds how often a list that moved while it was read is
// read again before listOrderRefs gives up with ErrListMoved.
const listAttempts = 3

// ErrListMoved is returned when a list of several pages kept changing while
// it was read, so that an entry may have slipped past a page boundary
// unseen.
var ErrListMoved = errors.New("the list changed while its pages were read")

// listOrderRefs reads every page of a list of OrderRef, each order once.
//
// An order that joins the list or changes while the pages are read moves
// the entries behind it by one place, whatever the list's sort order (no
// page documents it), and an entry pushed or pulled across a page boundary
// is read twice or not at all. So a listing of more than one page is
// trusted only if no order appeared twice and the first page, read again
// at the end, lists the same orders in the same places; otherwise it is
// read again, at most listAttempts times in all. choice: a busy account
// may then fail the listing, which its callers survive (the refresh reads
// orders one by one, an order placement stops before its POST), rather
// than trust a list that may miss an order.
func (cl *Client) listOrderRefs(ctx context.Context, path string, q url.Values) ([]OrderRef, error) {
	for attempt := 1; ; attempt++ {
		refs, moved, err := cl.readOrderRefs(ctx, path, q)
		switch {
		case err != nil:
			return nil, err
		case !moved:
			return refs, nil
		case attempt == listAttempts:
			return nil, fmt.Errorf("GET %s: %w (%d attempts)", path, ErrListMoved, attempt)
		}
		cl.debug(ctx, "the list moved while its pages were read; reading it again", map[string]any{"path": path, "attempt": attempt})
	}
}

// readOrderRefs reads the pages of one listing and reports whether the
// list moved meanwhile.
func (cl *Client) readOrderRefs(ctx context.Context, path string, q url.Values) (refs []OrderRef, moved bool, err error) {
	seen := map[int64]bool{}
	var first []OrderRef
	for pageNo, offset := 0, 0; ; pageNo++ {
		if pageNo == maxListPages {
			return nil, false, fmt.Errorf("GET %s: more than %d pages of %d orders; giving up", path, maxListPages, listPageSize)
		}
		page, err := cl.orderRefPage(ctx, path, q, offset)
		if err != nil {
			return nil, false, err
		}
		if pageNo == 0 {
			first = page.Orders
		}
		for _, o := range page.Orders {
			if seen[o.OrderID] {
				moved = true
				continue
			}
			seen[o.OrderID] = true
			refs = append(refs, o)
		}
		if moved {
			return nil, true, nil // read again from the start
		}
		offset += len(page.Orders)
		// choice: without a page object, a short page is the last one.
		done := len(page.Orders) == 0 || (page.Page == nil && len(page.Orders) < listPageSize) ||
			(page.Page != nil && offset >= page.Page.Total)
		if !done {
			continue
		}
		if pageNo == 0 {
			return refs, false, nil
		}
		again, err := cl.orderRefPage(ctx, path, q, 0)
		if err != nil {
			return nil, false, err
		}
		return refs, !sameOrderIDs(first, again.Orders), nil
	}
}

// orderRefPage reads the page of the list at offset.
func (cl *Client) orderRefPage(ctx context.Context, path string, q url.Values, offset int) (orderRefPage, error) {
	pq := url.Values{}
	for k, v := range q {
		pq[k] = v
	}
	pq.Set("limit", strconv.Itoa(listPageSize))
	if offset > 0 {
		pq.Set("offset", strconv.Itoa(offset))
	}
	var page orderRefPage
	err := cl.do(ctx, call{method: "GET", path: path, query: pq, out: &page, idempotent: true})
	return page, err
}

func sameOrderIDs(a, b []OrderRef) bool {
	return slices.EqualFunc(a, b, func(x, y OrderRef) bool { return x.OrderID == y.OrderID })
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
	if IsNotFound(err) {
		return nil, nil
	}
	return refs, err
}
