package provider

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest/clitest"
)

// The provider serves identity, list resources and an action to every CLI.
// Each CLI takes what it knows and works as before: Terraform 1.5.7 sees
// neither identity nor the new kinds, OpenTofu 1.12 gets identity only,
// Terraform 1.14+ all three. On every CLI an order applies, records its
// identity where the CLI has identity, and plans clean afterwards.
func TestAccProvider_newProtocolFeaturesOnEveryCLI(t *testing.T) {
	s := acctest.StartSandbox(t)
	r := clitest.New(t, clitest.Providers{"digicert": providerserver.NewProtocol6WithError(New("test")())})
	cli := acctest.CLI() + " " + acctest.CLIVersion(t).String()
	has := func(f acctest.Feature) bool { return acctest.Supports(t, f) }
	config := siteOrderHCL(t, s)
	if err := r.WriteConfig(config); err != nil {
		t.Fatal(err)
	}
	if out, err := r.Init(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	raw, err := r.Exec(context.Background(), "providers", "schema", "-json")
	if err != nil {
		t.Fatalf("providers schema: %v\n%s", err, raw)
	}
	var schemas tfjson.ProviderSchemas
	if err := json.Unmarshal([]byte(raw), &schemas); err != nil {
		t.Fatalf("providers schema -json: %v\n%s", err, raw)
	}
	if len(schemas.Schemas) != 1 {
		t.Fatalf("%s served %d provider schemas, want 1", cli, len(schemas.Schemas))
	}
	var ps *tfjson.ProviderSchema
	for _, v := range schemas.Schemas {
		ps = v
	}
	// Each resource with the one attribute its identity holds.
	identityAttr := map[string]string{
		"digicert_acme_credential":         "credential_id",
		"digicert_document_signing_order":  "order_id",
		"digicert_dv_ssl_order":            "order_id",
		"digicert_dv_ssl_order_validation": "order_id",
	}
	resources := slices.Sorted(maps.Keys(identityAttr))
	if got := slices.Sorted(maps.Keys(ps.ResourceSchemas)); !slices.Equal(got, resources) {
		t.Errorf("%s: resources %v, want %v", cli, got, resources)
	}

	var wantIdentity, wantLists, wantActions []string
	if has(acctest.Identity) {
		wantIdentity = resources
	}
	if has(acctest.ListResources) {
		wantLists = []string{"digicert_document_signing_order", "digicert_dv_ssl_order"}
	}
	if has(acctest.Actions) {
		wantActions = []string{"digicert_reissue_certificate", "digicert_revoke_certificate"}
	}
	if got := slices.Sorted(maps.Keys(ps.ResourceIdentitySchemas)); !slices.Equal(got, wantIdentity) {
		t.Errorf("%s: identity schemas for %v, want %v", cli, got, wantIdentity)
	}
	for name, is := range ps.ResourceIdentitySchemas {
		attr := identityAttr[name]
		if a := is.Attributes[attr]; len(is.Attributes) != 1 || a == nil || !a.RequiredForImport || a.IdentityType.FriendlyName() != "number" {
			t.Errorf("%s: identity of %s is %+v, want only a number %s required for import", cli, name, is.Attributes, attr)
		}
	}
	if got := slices.Sorted(maps.Keys(ps.ListResourceSchemas)); !slices.Equal(got, wantLists) {
		t.Errorf("%s: list resources %v, want %v", cli, got, wantLists)
	}
	if got := slices.Sorted(maps.Keys(ps.ActionSchemas)); !slices.Equal(got, wantActions) {
		t.Errorf("%s: actions %v, want %v", cli, got, wantActions)
	}

	if out, err := r.Apply(config); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	o, err := onlyOrder(s)
	if err != nil {
		t.Fatal(err)
	}
	st, err := r.State()
	if err != nil {
		t.Fatal(err)
	}
	identity := clitest.Resources(st)["digicert_dv_ssl_order.site"].IdentityValues
	switch {
	case has(acctest.Identity) && (len(identity) != 1 || identity["order_id"] != float64(o.ID)):
		t.Errorf("%s: identity in state %v, want order_id %d", cli, identity, o.ID)
	case !has(acctest.Identity) && identity != nil:
		t.Errorf("%s has no identity, yet state holds %v", cli, identity)
	}
	plan, out, err := r.Plan(config)
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	if empty, changes := clitest.PlanIsEmpty(plan); !empty {
		t.Errorf("%s: second plan %v\n%s", cli, changes, out)
	}
}
