package sandbox

import (
	"net/http"
	"strconv"
	"strings"
)

// statusError is the answer when an operation does not fit the order's
// status. choice: the pages name no code; we use 400 invalid_order_status
// with a message naming the current status and the allowed ones.
func statusError(o *order, op string, allowed ...string) *APIError {
	return apiErr(http.StatusBadRequest, "invalid_order_status",
		"Order "+strconv.Itoa(o.ID)+" is "+o.status+"; "+op+" needs an order that is "+strings.Join(allowed, ", ")+".")
}

// cancelOrder is PUT /order/certificate/{order_id}/status with
// {"status":"canceled","note":"..."} -> 204. Allowed from needs_approval,
// pending and waiting_pickup (-> canceled) and reissue_pending (the reissue is
// canceled: the order goes back to issued).
func (s *Server) cancelOrder(k *apiKey, ref string, body []byte) response {
	m, perr := parseBody(body)
	if perr != nil {
		return errResp(perr)
	}
	f := &fieldErrs{}
	root := f.newNode("", m)
	root.OneOf("status", true, StatusCanceled)
	note, _ := root.Str("note", true) // "note is required for cancellations"
	if e := f.toAPIError(); e != nil {
		return errResp(e)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.lookupOrder(k.acct, ref, false)
	if o == nil {
		return errResp(notFound("order"))
	}
	o.refresh(s.clk.now())
	switch o.status {
	case StatusNeedsApproval, StatusPending, StatusWaitingPickup:
		o.setStatus(StatusCanceled, s.clk.now())
		for _, r := range o.requests {
			if r.Status == "pending" {
				r.Status = "rejected"
			}
		}
	case StatusReissuePending:
		s.dropReissueLocked(o, s.clk.now())
	default:
		return errResp(statusError(o, "cancel", StatusNeedsApproval, StatusPending, StatusWaitingPickup, StatusReissuePending))
	}
	o.cancelNote = note
	return noContent()
}

type revokeJSON struct {
	ID        int    `json:"id"`
	Date      string `json:"date"`
	Type      string `json:"type"`
	Status    string `json:"status"`
	Requester user   `json:"requester"`
	Comments  string `json:"comments"`
}

// revocationReasons for TLS orders' optional revocation_reason (the RFC 5280
// reasons CA/B Forum allows subscribers to choose).
var revocationReasons = []string{"unspecified", "key_compromise", "affiliation_changed", "superseded", "cessation_of_operation"}

func (s *Server) revokeOrder(k *apiKey, ref string, body []byte) response {
	return s.revoke(k, body, func() *order { return s.lookupOrder(k.acct, ref, false) }, "order")
}

func (s *Server) revokeCertificate(k *apiKey, ref string, body []byte) response {
	return s.revoke(k, body, func() *order {
		id, err := strconv.Atoi(ref)
		if err != nil {
			return nil
		}
		if o := s.certs[id]; o != nil && o.acct == k.acct {
			return o
		}
		return nil
	}, "certificate")
}

// revoke is PUT /order/certificate/{id}/revoke and PUT
// /certificate/{id}/revoke: body {"comments","skip_approval"} (TLS orders may
// add revocation_reason). skip_approval true -> 204 and the order is revoked;
// otherwise 201 with a pending revoke request that ApproveRevocation
// completes. Only issued orders can be revoked.
//
// choice: the body may be empty ({}), comments is optional; a second revoke
// while one is pending answers 201 with the same pending request.
func (s *Server) revoke(k *apiKey, body []byte, find func() *order, what string) response {
	if len(strings.TrimSpace(string(body))) == 0 {
		body = []byte("{}")
	}
	m, perr := parseBody(body)
	if perr != nil {
		return errResp(perr)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := find()
	if o == nil {
		return errResp(notFound(what))
	}
	f := &fieldErrs{}
	root := f.newNode("", m)
	comments, _ := root.Str("comments", false)
	skip, _ := root.Bool("skip_approval", false)
	reason := ""
	if o.prod.kind == kindDV {
		reason, _ = root.OneOf("revocation_reason", false, revocationReasons...)
	}
	if e := f.toAPIError(); e != nil {
		return errResp(e)
	}
	now := s.clk.now()
	o.refresh(now)
	if o.status != StatusIssued {
		return errResp(statusError(o, "revoke", StatusIssued))
	}
	for _, r := range o.requests {
		if r.Type == "revoke" && r.Status == "pending" && !skip {
			return jsonResp(http.StatusCreated, revokeJSON{ID: r.ID, Date: fmtDateTime(r.Date), Type: r.Type, Status: r.Status, Requester: r.Requester, Comments: r.Comments})
		}
	}
	req := &orderRequest{ID: s.nextID.request, Date: now, Type: "revoke", Status: "pending", Comments: comments, Requester: k.acct.user}
	s.nextID.request++
	o.requests = append(o.requests, req)
	o.revokeComments, o.revocationReason = comments, reason
	if skip {
		for _, r := range o.requests {
			if r.Type == "revoke" && r.Status == "pending" {
				r.Status = "approved"
			}
		}
		o.setStatus(StatusRevoked, now)
		return noContent()
	}
	return jsonResp(http.StatusCreated, revokeJSON{ID: req.ID, Date: fmtDateTime(req.Date), Type: req.Type, Status: req.Status, Requester: req.Requester, Comments: req.Comments})
}
