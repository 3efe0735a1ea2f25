package sandbox

import (
	"net/http"
	"strconv"
)

// userInfo is GET /user/{user_id}, where "me" is the user of the API key
// (the User info page). The sandbox has one user per account.
func (s *Server) userInfo(k *apiKey, ref string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := k.acct
	u := a.user
	if ref != "me" && ref != strconv.Itoa(u.ID) {
		return errResp(notFound("user"))
	}
	var top *container
	for _, c := range a.containers {
		if top == nil || c.ID < top.ID {
			top = c
		}
	}
	out := map[string]any{
		"id": u.ID, "username": u.Email, "account_id": a.id, "first_name": u.FirstName, "last_name": u.LastName,
		"email": u.Email, "job_title": "", "telephone": "", "status": "active",
		"access_roles":    []map[string]any{{"id": 1, "name": "Administrator"}},
		"is_cert_central": true, "is_enterprise": true, "is_saml_sso_only": false, "type": "standard",
	}
	if k.viewOnly {
		// Role 102 is View Only (the glossary's access roles).
		out["access_roles"] = []map[string]any{{"id": 102, "name": "View Only"}}
	}
	if top != nil {
		out["container"] = map[string]any{"id": top.ID, "name": top.Name, "parent_id": 0, "is_active": true}
	}
	return jsonResp(http.StatusOK, out)
}
