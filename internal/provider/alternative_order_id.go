package provider

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// The idempotency key of the order resources (design/never-order-twice.md,
// "Finding the order a run lost"). Each order carries alternative_order_id; Create asks CertCentral
// for the orders that carry it before it posts, and adopts an active one
// that is the same request instead of ordering again. A run killed after its
// POST, or a POST whose answer was lost ("Order Outcome Unknown"), leaves an
// order that the next apply finds this way.

// derivedKeyPrefix starts every alternative_order_id the provider derives.
const derivedKeyPrefix = "tf-"

var pathAlternativeOrderID = path.Root("alternative_order_id")

func alternativeOrderIDAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The order's idempotency key, sent as CertCentral's `alternative_order_id`. Before it orders, Create looks up the orders that carry this key " +
			"(one extra API call) and, when an active order (not canceled, revoked, rejected or expired) that is the same request already carries it, adopts that order " +
			"instead of paying for a second one, with a warning naming it; the resource's state is then what an import of that order gives. " +
			"This is how a run that was killed after it ordered, or whose order request got no answer (\"Order Outcome Unknown\"), is resumed by the next apply.\n\n" +
			"Unset, the provider derives the key: `" + derivedKeyPrefix + "` and 32 hexadecimal digits of a SHA-256 over the product and the whole order request " +
			"(names, validity, DCV method, ... and the CSR's public key rather than its text; never card data), so two resources whose requests differ in anything never share a key, " +
			"and the same request gets the same key on the next apply. Set your own key (for example `\"${terraform.workspace}-www\"`) to tell identical requests apart; " +
			"an order of another product or other names that already carries it is refused, and nothing is ordered. Set `\"\"` to send no key and look nothing up.\n\n" +
			fmt.Sprintf("At most %d characters: %s (the key travels in a URL path). ", certcentral.MaxAlternativeOrderIDLength, certcentral.AlternativeOrderIDCharacters) +
			"An issued order left in place by a destroy (`on_destroy = \"cancel\"` or `\"keep\"`) still carries its key: an unchanged request created again adopts it; change the key to order anew. " +
			"Changing the key of an existing order replaces it (an order cannot be edited); on an order placed before the key existed, setting one only records it.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{alternativeOrderIDValidator{}},
		PlanModifiers: []planmodifier.String{
			stringplanmodifier.UseStateForUnknown(),
			stringplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
				// Only an order that carries a key is placed under another
				// one; an older order merely records the new value.
				resp.RequiresReplace = !req.StateValue.IsNull() && !req.PlanValue.IsUnknown() &&
					!adoptsImported(ctx, true, req.Private, &resp.Diagnostics)
			}, "Changing the key of an order that carries one places a new order under the new key.", "Changing the key of an order that carries one places a new order under the new key."),
		},
	}
}

// alternativeOrderIDValidator checks a configured key at plan time.
type alternativeOrderIDValidator struct{}

func (alternativeOrderIDValidator) Description(context.Context) string {
	return fmt.Sprintf(`"" or 1 to %d characters: %s`, certcentral.MaxAlternativeOrderIDLength, certcentral.AlternativeOrderIDCharacters)
}

func (v alternativeOrderIDValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (alternativeOrderIDValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == "" {
		return
	}
	if err := certcentral.CheckAlternativeOrderID(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Alternative Order ID",
			fmt.Sprintf("%v. Set alternative_order_id to such a value, to \"\" to send none, or leave it unset for a derived one.", err))
	}
}

// deriveAlternativeOrderID is the default key of an order request: a hash
// of the product and the JSON body, with the CSR replaced by a hash of its
// public key (re-signing a CSR for the same key changes its text, not the
// request) and the key field itself and any card data left out. The body's
// JSON is deterministic: struct fields in declaration order.
func deriveAlternativeOrderID(product string, body any) (string, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return "", err
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return "", err
	}
	delete(doc, "alternative_order_id")
	delete(doc, "credit_card")
	if cert, ok := doc["certificate"].(map[string]any); ok {
		if csr, ok := cert["csr"].(string); ok {
			cert["csr"] = "public-key-sha256:" + csrPublicKeyHash(csr)
		}
	}
	canon, err := json.Marshal(doc) // map keys sorted: canonical
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(append([]byte(product+"\n"), canon...))
	return derivedKeyPrefix + hex.EncodeToString(sum[:16]), nil
}

// csrPublicKeyHash is the SHA-256 of a CSR's SubjectPublicKeyInfo, or of its
// text when it does not parse.
func csrPublicKeyHash(csr string) string {
	if block, _ := pem.Decode([]byte(csr)); block != nil {
		if req, err := x509.ParseCertificateRequest(block.Bytes); err == nil {
			sum := sha256.Sum256(req.RawSubjectPublicKeyInfo)
			return hex.EncodeToString(sum[:])
		}
	}
	sum := sha256.Sum256([]byte(csr))
	return hex.EncodeToString(sum[:])
}

// orderKey is the key Create sends: the planned value, or the derived one
// when the plan could not know it. "" means none: opted out, or (null) an
// order placed before the key existed, which a renewal keeps without one.
func orderKey(planned types.String, product string, body any, diags *diag.Diagnostics) (string, types.String) {
	if !planned.IsUnknown() {
		return planned.ValueString(), planned
	}
	key, err := deriveAlternativeOrderID(product, body)
	if err != nil {
		diags.AddError("Unable to Derive the Alternative Order ID", err.Error())
		return "", planned
	}
	return key, types.StringValue(key)
}

// requestIdentity is what an order found by its key must match to be this
// request's order.
type requestIdentity struct {
	resourceType string
	product      string
	names        []string // DV: every name on the certificate; nil otherwise
	csr          string   // the request's CSR ("" if none)
	// newerThan, when not 0, excludes that order and older ones: a renewal
	// keeps the key of the order it renews and must not adopt it.
	newerThan int64
}

// findOrderToAdopt looks up the orders that carry key and returns the
// active one to adopt, or nil to order. It reports an error, and returns
// stop, when the lookup failed or the key belongs to another request:
// nothing may be ordered then.
func findOrderToAdopt(ctx context.Context, client *certcentral.Client, key string, want requestIdentity, diags *diag.Diagnostics) (adopt *certcentral.OrderInfo, stop bool) {
	refs, err := client.OrdersByAlternativeID(ctx, key)
	if err != nil {
		diags.AddError(apiFailure(err, apiAction{
			while:   fmt.Sprintf("looking up the orders that carry alternative_order_id %q (nothing was ordered)", key),
			refused: fmt.Sprintf("to list the orders that carry alternative_order_id %q (nothing was ordered)", key), permission: "view orders",
		}, "Unable to Look Up Existing Orders",
			fmt.Sprintf("Before ordering, the provider asks CertCentral which orders already carry alternative_order_id %q, so that it never pays twice for one request. That lookup failed, so nothing was ordered: %v\n\nRun apply again.", key, err)))
		return nil, true
	}
	var candidates []int64
	for _, ref := range refs {
		if terminalStatuses[ref.Status] || (want.newerThan != 0 && ref.OrderID <= want.newerThan) {
			continue
		}
		candidates = append(candidates, ref.OrderID)
	}
	// Newest first: a second order under one key can only come from outside
	// this provider; the newest is the one a resumed run placed last.
	slices.Sort(candidates)
	slices.Reverse(candidates)
	for _, id := range candidates {
		info, err := client.GetOrder(ctx, id)
		if certcentral.IsNotFound(err) {
			continue
		}
		if err != nil {
			diags.AddError(apiFailure(err, apiAction{while: fmt.Sprintf("reading order %d, which carries alternative_order_id %q (nothing was ordered)", id, key),
				refused: fmt.Sprintf("to show order %d (nothing was ordered)", id), permission: "view orders"},
				"Unable to Read an Existing Order", fmt.Sprintf("Order %d already carries alternative_order_id %q, but reading it failed, so it is not known whether it is this request's order; nothing was ordered: %v\n\nRun apply again.", id, key, err)))
			return nil, true
		}
		if terminalStatuses[info.Status] {
			continue
		}
		if mismatch := want.mismatch(info); mismatch != "" {
			diags.AddAttributeError(pathAlternativeOrderID, "Alternative Order ID Already Used",
				fmt.Sprintf("alternative_order_id %q is already carried by order %d, which %s; nothing was ordered. "+
					"Give this resource another alternative_order_id, or, if order %d is the one you mean, change the configuration to match it, or import it: terraform import %s.<name> %d",
					key, info.ID, mismatch, info.ID, want.resourceType, info.ID))
			return nil, true
		}
		if len(candidates) > 1 {
			diags.AddWarning("Several Orders Carry One Alternative Order ID",
				fmt.Sprintf("Orders %s all carry alternative_order_id %q and are active; the newest, %d, is adopted. Cancel the others in CertCentral if they are not needed.", joinIDs(candidates), key, info.ID))
		}
		return info, false
	}
	return nil, false
}

// mismatch says how an order differs from the request ("" if it does not).
func (want requestIdentity) mismatch(info *certcentral.OrderInfo) string {
	product := ""
	if info.Product != nil {
		product = info.Product.NameID
	}
	if product != want.product {
		return fmt.Sprintf("is a %s order, not %s", orDefault(product, "(unknown product)"), want.product)
	}
	if want.names != nil {
		if got := orderNames(info); !sameNames(got, want.names) {
			return fmt.Sprintf("is for %s, not %s", strings.Join(got, ", "), strings.Join(want.names, ", "))
		}
	}
	if want.csr != "" && info.Certificate != nil && info.Certificate.CSR != "" &&
		csrPublicKeyHash(want.csr) != csrPublicKeyHash(info.Certificate.CSR) {
		return "was requested with the public key of another CSR"
	}
	return ""
}

func sameNames(a, b []string) bool {
	norm := func(in []string) []string {
		out := make([]string, 0, len(in))
		for _, n := range in {
			if n = strings.ToLower(strings.TrimSpace(n)); n != "" && !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(norm(a), norm(b))
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = fmt.Sprint(id)
	}
	return strings.Join(s, ", ")
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// adoptedWarning is the warning that names the order Create adopted.
func adoptedWarning(diags *diag.Diagnostics, resourceType, key string, info *certcentral.OrderInfo) {
	diags.AddWarning("Existing Order Adopted",
		fmt.Sprintf("Order %d (status %s) already carries alternative_order_id %q and is this request, so no new order was placed: the %s now manages order %d, as after terraform import. "+
			"This happens when an earlier run placed the order and was stopped before it recorded it, or its order request got no answer. To place a new order instead, give the resource another alternative_order_id.",
			info.ID, info.Status, key, resourceType, info.ID))
}

// planAlternativeOrderID sets the planned key of a new order: the derived
// one when every input is known at plan time (so the plan shows it), else
// unknown (Create derives it). A configured key is kept as it is.
func planAlternativeOrderID(configured types.String, product string, body any, known bool) types.String {
	if !configured.IsNull() {
		return configured
	}
	if !known {
		return types.StringUnknown()
	}
	key, err := deriveAlternativeOrderID(product, body)
	if err != nil {
		return types.StringUnknown()
	}
	return types.StringValue(key)
}
