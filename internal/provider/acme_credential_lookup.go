package provider

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// Finding credentials by name. List keys shows no key ID (KID) and, in its
// example, no product: a credential is recognized by its name, and GET
// /key/{id} tells an ACME credential from an API key.

var acmeListAction = apiAction{while: "listing ACME credentials", refused: "to list API keys and ACME credentials", permission: "manage API keys"}

func acmeReadAction(id int64) apiAction {
	what := fmt.Sprintf("ACME credential %d", id)
	return apiAction{while: "reading " + what, refused: "to show " + what, permission: "manage API keys"}
}

func acmeRevokeAction(id int64) apiAction {
	what := fmt.Sprintf("ACME credential %d", id)
	return apiAction{while: "revoking " + what, refused: "to revoke " + what, permission: "manage API keys"}
}

// namedCredentials lists the ACME credentials called name, in any status.
func (r *acmeCredentialResource) namedCredentials(ctx context.Context, name string) ([]certcentral.Key, error) {
	keys, err := r.client.ListKeys(ctx, 0)
	if err != nil {
		return nil, err
	}
	var out []certcentral.Key
	for _, k := range keys {
		if k.Name != name {
			continue
		}
		full, err := r.client.GetKey(ctx, k.ID)
		if certcentral.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if full.IsACME() {
			out = append(out, *full)
		}
	}
	return out, nil
}

// acmeRevokeHowTo says how to revoke credential id by hand.
func acmeRevokeHowTo(id int64) string {
	return fmt.Sprintf("Revoke it in CertCentral (Automation > ACME Directory URLs > Revoke), or with the API (PUT /key/%[1]d/status "+
		`{"status":"revoked"}), or with Terraform: terraform import %[2]s.<name> %[1]d, then terraform apply -replace=%[2]s.<name> `+
		"(revokes it and creates a new credential).", id, acmeCredentialType)
}

// refuseUnusedNamesake refuses to create a credential while an active one of
// the same name has never been used.
//
// choice: such a credential is most likely the leftover of an apply whose
// create answer was lost (interrupted, killed): nobody ever had its HMAC
// key, so it has never been used, and it can never be adopted. Creating
// another would leave it behind silently; revoking it unasked could break a
// credential someone made by hand and has not used yet. A namesake that has
// been used (last_used_date set) is no leftover, such as the credential this
// one replaces under create_before_destroy, and does not stop the create.
func refuseUnusedNamesake(namesakes []certcentral.Key, name string, diags *diag.Diagnostics) bool {
	for _, k := range namesakes {
		if k.Status != certcentral.KeyStatusActive || k.LastUsedDate != "" {
			continue
		}
		diags.AddError("Unused ACME Credential Of The Same Name",
			fmt.Sprintf("ACME credential %d named %q (product %s, created %s) is active and has never been used. If an earlier apply created it "+
				"and its answer was lost, its HMAC key can never be recovered and the credential is useless. %s If it is in use elsewhere, "+
				"give this credential another name. Nothing was created.", k.ID, name, k.ProductNameID, k.CreateDate, acmeRevokeHowTo(k.ID)))
		return true
	}
	return false
}

// newActive returns the active credentials of after that were not in
// before.
func newActive(before, after []certcentral.Key) []certcentral.Key {
	var out []certcentral.Key
	for _, k := range after {
		known := slices.ContainsFunc(before, func(b certcentral.Key) bool { return b.ID == k.ID })
		if !known && k.Status == certcentral.KeyStatusActive {
			out = append(out, k)
		}
	}
	return out
}

// createFailed explains a failed create. When the POST may have reached
// CertCentral, the provider looks for what it made: a credential created by
// a request whose answer was lost has an HMAC key nobody ever saw, so it is
// revoked at once (choice: it can never be used, and leaving it would make
// every later apply refuse its name).
func (r *acmeCredentialResource) createFailed(ctx context.Context, err error, name string, before []certcentral.Key, diags *diag.Diagnostics) {
	if !certcentral.IsOutcomeUnknown(err) {
		summary, detail := apiFailure(err, apiAction{while: "creating ACME credential " + strconv.Quote(name), refused: "to create ACME credentials", permission: "manage API keys"},
			"Cannot Create ACME Credential", fmt.Sprintf("CertCentral refused to create ACME credential %q: %s. Nothing was created.", name, apiErrorText(err)))
		diags.AddError(summary, detail)
		return
	}
	after, lerr := r.namedCredentials(ctx, name)
	made := newActive(before, after)
	switch {
	case lerr != nil:
		diags.AddError("ACME Credential Outcome Unknown", fmt.Sprintf("The request to create ACME credential %q got no usable answer (%v), and "+
			"the provider could not look for what it created (%v). If CertCentral lists an active credential of that name that has never been used, "+
			"its HMAC key is lost: the next apply refuses to create another and says how to revoke it.", name, err, lerr))
	case len(made) == 0:
		diags.AddError("ACME Credential Outcome Unknown", fmt.Sprintf("The request to create ACME credential %q got no usable answer (%v), "+
			"and no new credential of that name is listed: most likely none was created. Apply again; if one appears later, the next apply "+
			"refuses to create another and says how to revoke it.", name, err))
	default:
		var ids []string
		for _, k := range made {
			if rerr := r.client.RevokeKey(ctx, k.ID); rerr != nil {
				diags.AddError("ACME Credential Answer Lost", fmt.Sprintf("CertCentral created ACME credential %d (%q) but its answer, the only "+
					"copy of its HMAC key, was lost (%v); revoking it failed too (%v). %s", k.ID, name, err, rerr, acmeRevokeHowTo(k.ID)))
				return
			}
			ids = append(ids, strconv.FormatInt(k.ID, 10))
		}
		diags.AddError("ACME Credential Answer Lost", fmt.Sprintf("CertCentral created ACME credential %s (%q) but its answer, the only copy of "+
			"its HMAC key, was lost (%v). A credential whose HMAC key nobody has can never be used, so the provider revoked it: nothing is "+
			"left behind. Apply again to create a new one.", strings.Join(ids, ", "), name, err))
	}
}

// findCreated reads the credential just made: by the ID of the answer if it
// has one, else as the one new credential of its name. Failures are
// warnings (the credential exists and its key is going into state).
func (r *acmeCredentialResource) findCreated(ctx context.Context, id int64, name string, before []certcentral.Key, diags *diag.Diagnostics) *certcentral.Key {
	if id != 0 {
		k, err := r.client.GetKey(ctx, id)
		if err == nil {
			return k
		}
		diags.AddWarning("ACME Credential Not Read", fmt.Sprintf("ACME credential %d was created and its key ID and HMAC key are in state, "+
			"but reading it back failed: %s. The next refresh reads it.", id, apiErrorText(err)))
		return nil
	}
	after, err := r.namedCredentials(ctx, name)
	made := newActive(before, after)
	if err == nil && len(made) == 1 {
		return &made[0]
	}
	reason := fmt.Sprintf("%d new credentials of that name are listed", len(made))
	if err != nil {
		reason = apiErrorText(err)
	}
	diags.AddWarning("ACME Credential ID Not Found", fmt.Sprintf("ACME credential %q was created and its key ID and HMAC key are in state, "+
		"but its CertCentral ID could not be found (%s). The next refresh looks for it by name again; until then it cannot be revoked by Terraform.", name, reason))
	return nil
}

// readKey reads the credential of m, finding it by name when its ID is not
// known. gone: it no longer exists or was revoked outside Terraform.
func (r *acmeCredentialResource) readKey(ctx context.Context, m acmeCredentialModel, diags *diag.Diagnostics) (key *certcentral.Key, gone bool) {
	if m.ID.IsNull() {
		named, err := r.namedCredentials(ctx, m.Name.ValueString())
		var active []certcentral.Key
		for _, k := range named {
			if k.Status == certcentral.KeyStatusActive {
				active = append(active, k)
			}
		}
		if err == nil && len(active) == 1 {
			return &active[0], false
		}
		return nil, false
	}
	id, err := strconv.ParseInt(m.ID.ValueString(), 10, 64)
	if err != nil {
		diags.AddError("Invalid ACME Credential ID", fmt.Sprintf("id %q in state is not a CertCentral ID.", m.ID.ValueString()))
		return nil, false
	}
	k, err := r.client.GetKey(ctx, id)
	switch {
	case certcentral.IsNotFound(err):
		return nil, true
	case err != nil:
		summary, detail := apiFailure(err, acmeReadAction(id), "Cannot Read ACME Credential",
			fmt.Sprintf("Reading ACME credential %d failed: %s.", id, apiErrorText(err)))
		diags.AddError(summary, detail)
		return nil, false
	case k.Status == certcentral.KeyStatusRevoked:
		diags.AddWarning("ACME Credential Revoked", fmt.Sprintf("ACME credential %d (%q) was revoked outside Terraform; it is removed from "+
			"state and the next apply creates a new one.", id, k.Name))
		return nil, true
	}
	return k, false
}
