package provider

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
	"github.com/certcentral-community/terraform-provider-digicert/internal/validators"
)

// What the list resources share: the filters of GET /order/certificate
// (CERTCENTRAL.md, List orders filters), paging, and turning each listed
// order into a result for `terraform query`.

// listStatuses are the values the List orders page documents for
// filters[status].
var listStatuses = []string{certcentral.OrderStatusPending, certcentral.OrderStatusIssued, certcentral.OrderStatusRejected, certcentral.OrderStatusRevoked, certcentral.OrderStatusWaitingPickup, certcentral.OrderStatusReissuePending, certcentral.OrderStatusCanceled}

// listPageSize is how many orders one list request asks for: the most
// public clients and our sandbox use.
const listPageSize = 1000

// Open ends of a date range: the filter syntax we rely on is a range with
// both days (CERTCENTRAL.md, List orders filters), so a range given one
// end only gets these. No order predates CertCentral's API, and no
// certificate or order is valid more than a few years ahead.
var (
	listEarliestDay = "2000-01-01"
	listLatestYears = 10
)

// orderListFilterModel is the config block of both list resources.
type orderListFilterModel struct {
	ProductNameID types.String `tfsdk:"product_name_id"`
	Status        types.String `tfsdk:"status"`
	CommonName    types.String `tfsdk:"common_name"`
	DomainName    types.String `tfsdk:"domain_name"`
	ContainerID   types.Int64  `tfsdk:"container_id"`
	DateCreated   types.Object `tfsdk:"date_created"`
	ValidTill     types.Object `tfsdk:"valid_till"`
}

type dateRangeModel struct {
	From types.String `tfsdk:"from"`
	To   types.String `tfsdk:"to"`
}

// orderListSchema is the config schema of a list resource for the orders of
// products; resourceType names the resource it lists.
func orderListSchema(resourceType string, products []string) schema.Schema {
	dateRange := func(what string) schema.SingleNestedAttribute {
		day := func(end string) schema.StringAttribute {
			return schema.StringAttribute{
				MarkdownDescription: "The " + end + " day of the range (`yyyy-MM-dd`), included.",
				Optional:            true,
				Validators:          []validator.String{validators.Date("2006-01-02", "yyyy-MM-dd")},
			}
		}
		return schema.SingleNestedAttribute{
			MarkdownDescription: "Only orders whose " + what + " falls in this range of days; give `from`, `to` or both (`filters[" + what + "]`).",
			Optional:            true,
			Attributes:          map[string]schema.Attribute{"from": day("first"), "to": day("last")},
		}
	}
	return schema.Schema{
		MarkdownDescription: "Lists the account's orders that `" + resourceType + "` manages, for `terraform query` (Terraform 1.14 and later), through `GET /order/certificate`, " +
			fmt.Sprintf("%d orders a request, within the provider's rate limits. ", listPageSize) +
			"Every filter is sent to CertCentral; filters combine. With `include_resource = true` (or `-generate-config-out`) each order's details are read too (one more request an order), " +
			"so the results carry every argument order info returns, ready to import. Terraform stops at the list block's `limit` (default 100).",
		Attributes: map[string]schema.Attribute{
			"product_name_id": schema.StringAttribute{
				MarkdownDescription: "Only orders of this product: " + codeList(products) + ". Unset: orders of all of them.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(products...)},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Only orders with this status: " + codeList(listStatuses) + ". CertCentral's `issued` also lists issued orders that have since expired.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(listStatuses...)},
			},
			"common_name": schema.StringAttribute{
				MarkdownDescription: "Only orders with this common name.",
				Optional:            true,
			},
			"domain_name": schema.StringAttribute{
				MarkdownDescription: "Only orders that secure this name, as common name or in `dns_names`.",
				Optional:            true,
			},
			"container_id": schema.Int64Attribute{
				MarkdownDescription: "Only orders placed under this container (division).",
				Optional:            true,
			},
			"date_created": dateRange("date_created"),
			"valid_till":   dateRange("valid_till"),
		},
	}
}

// orderListFilters turns the config into the query's filters.
func orderListFilters(ctx context.Context, m orderListFilterModel, today time.Time, diags *diag.Diagnostics) map[string]string {
	f := map[string]string{}
	str := func(name string, v types.String) {
		if !v.IsNull() && !v.IsUnknown() {
			f[name] = v.ValueString()
		}
	}
	str("product_name_id", m.ProductNameID)
	str("status", m.Status)
	str("common_name", m.CommonName)
	str("domain_name", m.DomainName)
	if !m.ContainerID.IsNull() && !m.ContainerID.IsUnknown() {
		f["container_id"] = fmt.Sprint(m.ContainerID.ValueInt64())
	}
	for name, o := range map[string]types.Object{"date_created": m.DateCreated, "valid_till": m.ValidTill} {
		if o.IsNull() || o.IsUnknown() {
			continue
		}
		var r dateRangeModel
		diags.Append(o.As(ctx, &r, basetypes.ObjectAsOptions{})...)
		if v, ok := dateRangeFilter(r, today); ok {
			f[name] = v
		}
	}
	return f
}

// dateRangeFilter is a date filter value, `<from>...<to>`; an open end gets
// listEarliestDay or a day listLatestYears ahead.
func dateRangeFilter(r dateRangeModel, today time.Time) (string, bool) {
	if r.From.IsNull() && r.To.IsNull() {
		return "", false
	}
	from, to := r.From.ValueString(), r.To.ValueString()
	if r.From.IsNull() {
		from = listEarliestDay
	}
	if r.To.IsNull() {
		to = today.AddDate(listLatestYears, 0, 0).Format("2006-01-02")
	}
	return from + "..." + to, true
}

// validateDateRanges refuses a range whose first day is after its last.
func validateDateRanges(ctx context.Context, m orderListFilterModel, diags *diag.Diagnostics) {
	for name, o := range map[string]types.Object{"date_created": m.DateCreated, "valid_till": m.ValidTill} {
		if o.IsNull() || o.IsUnknown() {
			continue
		}
		var r dateRangeModel
		diags.Append(o.As(ctx, &r, basetypes.ObjectAsOptions{})...)
		if r.From.IsNull() || r.To.IsNull() || r.From.IsUnknown() || r.To.IsUnknown() {
			continue
		}
		if r.To.ValueString() < r.From.ValueString() {
			diags.AddAttributeError(path.Root(name).AtName("to"), "Empty Date Range",
				fmt.Sprintf("%s.to (%s) is before %s.from (%s), so no order could match. Swap them.", name, r.To.ValueString(), name, r.From.ValueString()))
		}
	}
}

// orderListResource is the list resource of one order resource type: it
// has the resource's type name and lists the orders of its products.
type orderListResource struct {
	client       *certcentral.Client
	resourceType string // the resource's type name, digicert_dv_ssl_order
	products     []string
	now          clock
	// fill sets the listed resource from order info as an import would.
	fill func(ctx context.Context, info *certcentral.OrderInfo, res *list.ListResult)
}

var (
	_ list.ListResourceWithConfigure      = &orderListResource{}
	_ list.ListResourceWithValidateConfig = &orderListResource{}
)

func (l *orderListResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = l.resourceType
}

func (l *orderListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = orderListSchema(l.resourceType, l.products)
}

func (l *orderListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.client = configureClient(req.ProviderData, &resp.Diagnostics)
}

func (l *orderListResource) ValidateListResourceConfig(ctx context.Context, req list.ValidateConfigRequest, resp *list.ValidateConfigResponse) {
	var cfg orderListFilterModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if !resp.Diagnostics.HasError() {
		validateDateRanges(ctx, cfg, &resp.Diagnostics)
	}
}

// list streams the orders the config selects. Pages are read as Terraform
// takes results, so a small limit costs one request; orders are listed
// oldest first, so an order placed while paging lands after what was read
// and does not shift it.
func (l *orderListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	var cfg orderListFilterModel
	diags.Append(req.Config.Get(ctx, &cfg)...)
	requireClient(l.client, &diags)
	filters := orderListFilters(ctx, cfg, l.now(), &diags)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		seen := map[int64]bool{}
		pushed := int64(0)
		for offset := 0; ; {
			page, err := l.client.ListOrders(ctx, certcentral.ListOrdersParams{Filters: filters, Sort: "date_created", Offset: offset, Limit: listPageSize})
			if err != nil {
				var d diag.Diagnostics
				d.Append(orderReadError(err, orderLookup{attr: path.Empty(), what: "the order list", permission: "view orders"}))
				push(list.ListResult{Diagnostics: d})
				return
			}
			for _, o := range page.Orders {
				if seen[o.ID] || o.Product == nil || !slices.Contains(l.products, o.Product.NameID) {
					continue
				}
				seen[o.ID] = true
				result, ok := l.result(ctx, req, o)
				if !ok {
					continue
				}
				if !push(result) {
					return
				}
				pushed++
				if req.Limit > 0 && pushed >= req.Limit {
					return
				}
			}
			offset += len(page.Orders)
			if len(page.Orders) == 0 || offset >= page.Page.Total {
				return
			}
		}
	}
}

// result is one listed order: its identity, a display name, and, when
// Terraform asks for the resource, the attributes import would set. An
// order deleted between the list and its details is skipped (ok false).
func (l *orderListResource) result(ctx context.Context, req list.ListRequest, o certcentral.ListedOrder) (list.ListResult, bool) {
	result := req.NewListResult(ctx)
	result.DisplayName = listDisplayName(o)
	result.Diagnostics.Append(result.Identity.Set(ctx, orderIdentityModel{OrderID: types.Int64Value(o.ID)})...)
	if !req.IncludeResource || result.Diagnostics.HasError() {
		return result, true
	}
	info, err := l.client.GetOrder(ctx, o.ID)
	if certcentral.IsNotFound(err) {
		return result, false
	}
	if err != nil {
		result.Diagnostics.Append(orderReadError(err, orderLookup{attr: path.Empty(), what: fmt.Sprintf("order %d", o.ID), permission: "view orders"}))
		return result, true
	}
	l.fill(ctx, info, &result)
	return result, true
}

// listDisplayName names an order the way the CertCentral console does:
// common name, then order ID, product and status.
func listDisplayName(o certcentral.ListedOrder) string {
	name := ""
	if o.Certificate != nil {
		name = o.Certificate.CommonName
	}
	product := ""
	if o.Product != nil {
		product = o.Product.NameID
	}
	return fmt.Sprintf("%s (order %d, %s, %s)", name, o.ID, product, o.Status)
}
