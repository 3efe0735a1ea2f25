package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// estate is an account as a team finds it before adopting it: orders of
// several products and statuses, placed outside Terraform.
type estate struct {
	dvPending  int // ssl_dv_geotrust, www.example.org + example.org, email DCV
	dvIssued   int // ssl_dv_rapidssl, api.example.org, dns-txt-token, issued
	dvWildcard int // wildcard_dv_geotrust, *.example.net, dns-cname-token
	dvCanceled int // ssl_dv_geotrust, old.example.org, canceled
	dsPending  int // document_signing_org_1
	dsIssued   int // document_signing_org_2, issued
}

func seedEstate(t *testing.T, s *sandbox.Server) estate {
	t.Helper()
	dv := func(product, method, cn string, dnsNames ...string) int {
		t.Helper()
		names := "[]"
		if len(dnsNames) > 0 {
			names = fmt.Sprintf("[%q]", dnsNames[0])
		}
		body := fmt.Sprintf(`{"certificate":{"common_name":%q,"dns_names":%s,"csr":%q,"server_platform":{"id":45}},
			"validity_years":1,"dcv_method":%q,"skip_approval":true,"container":{"id":%d}}`,
			cn, names, acctest.CSR(t, cn), method, sandbox.DefaultContainerID)
		id, err := s.CreateOrder(s.APIKey(), product, []byte(body))
		if err != nil {
			t.Fatalf("seeding %s %s: %v", product, cn, err)
		}
		return id
	}
	ds := func(product string) int {
		t.Helper()
		id, err := s.CreateOrder(s.APIKey(), product, []byte(dsOrgMinimalBody))
		if err != nil {
			t.Fatalf("seeding %s: %v", product, err)
		}
		return id
	}
	e := estate{
		dvPending:  dv("ssl_dv_geotrust", "email", "www.example.org", "example.org"),
		dvIssued:   dv("ssl_dv_rapidssl", "dns-txt-token", "api.example.org"),
		dvWildcard: dv("wildcard_dv_geotrust", "dns-cname-token", "*.example.net"),
		dvCanceled: dv("ssl_dv_geotrust", "email", "old.example.org"),
		dsPending:  ds("document_signing_org_1"),
		dsIssued:   ds("document_signing_org_2"),
	}
	for _, step := range []error{
		s.CompleteDCV(e.dvIssued),
		s.SetOrderStatus(e.dvCanceled, sandbox.StatusCanceled),
		s.IssueOrder(e.dsIssued),
	} {
		if step != nil {
			t.Fatal(step)
		}
	}
	return e
}

func orderIDIs(id int) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"order_id": knownvalue.Int64Exact(int64(id))}
}

// terraform query lists the estate's orders by resource type and filter,
// each with its order_id identity and a display name that says what it is;
// with include_resource the results carry the arguments an import fills.
func TestAccOrderList_query(t *testing.T) {
	acctest.SkipUnless(t, acctest.ListResources)
	s := acctest.StartSandbox(t)
	e := seedEstate(t, s)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Query: true,
			Config: acctest.ProviderConfig(s) + `
list "digicert_dv_ssl_order" "all" {
  provider = digicert
}

list "digicert_dv_ssl_order" "issued" {
  provider         = digicert
  include_resource = true
  config {
    status = "issued"
  }
}

list "digicert_dv_ssl_order" "example_org" {
  provider = digicert
  config {
    domain_name     = "example.org"
    product_name_id = "ssl_dv_geotrust"
  }
}

list "digicert_document_signing_order" "all" {
  provider = digicert
}
`,
			QueryResultChecks: []querycheck.QueryResultCheck{
				// Every DV order, canceled included; no document signing order.
				querycheck.ExpectLength("digicert_dv_ssl_order.all", 4),
				querycheck.ExpectIdentity("digicert_dv_ssl_order.all", orderIDIs(e.dvPending)),
				querycheck.ExpectIdentity("digicert_dv_ssl_order.all", orderIDIs(e.dvIssued)),
				querycheck.ExpectIdentity("digicert_dv_ssl_order.all", orderIDIs(e.dvWildcard)),
				querycheck.ExpectIdentity("digicert_dv_ssl_order.all", orderIDIs(e.dvCanceled)),
				querycheck.ExpectResourceDisplayName("digicert_dv_ssl_order.all", queryfilter.ByResourceIdentity(orderIDIs(e.dvWildcard)),
					knownvalue.StringExact(fmt.Sprintf("*.example.net (order %d, wildcard_dv_geotrust, pending)", e.dvWildcard))),

				querycheck.ExpectLength("digicert_dv_ssl_order.issued", 1),
				querycheck.ExpectIdentity("digicert_dv_ssl_order.issued", orderIDIs(e.dvIssued)),
				querycheck.ExpectResourceKnownValues("digicert_dv_ssl_order.issued", queryfilter.ByResourceIdentity(orderIDIs(e.dvIssued)), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(fmt.Sprint(e.dvIssued))},
					{Path: tfjsonpath.New("product_name_id"), KnownValue: knownvalue.StringExact("ssl_dv_rapidssl")},
					{Path: tfjsonpath.New("status"), KnownValue: knownvalue.StringExact("issued")},
					{Path: tfjsonpath.New("certificate").AtMapKey("common_name"), KnownValue: knownvalue.StringExact("api.example.org")},
					{Path: tfjsonpath.New("certificate").AtMapKey("server_platform").AtMapKey("id"), KnownValue: knownvalue.Int64Exact(45)},
					{Path: tfjsonpath.New("container").AtMapKey("id"), KnownValue: knownvalue.Int64Exact(sandbox.DefaultContainerID)},
					{Path: tfjsonpath.New("validity_years"), KnownValue: knownvalue.Int64Exact(1)},
				}),

				// domain_name finds the order by its second name.
				querycheck.ExpectLength("digicert_dv_ssl_order.example_org", 1),
				querycheck.ExpectIdentity("digicert_dv_ssl_order.example_org", orderIDIs(e.dvPending)),

				querycheck.ExpectLength("digicert_document_signing_order.all", 2),
				querycheck.ExpectIdentity("digicert_document_signing_order.all", orderIDIs(e.dsPending)),
				querycheck.ExpectIdentity("digicert_document_signing_order.all", orderIDIs(e.dsIssued)),
			},
		}},
	})
}
