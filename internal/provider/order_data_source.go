package provider

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

var _ datasource.DataSourceWithConfigure = &orderDataSource{}

const orderDataSourceType = "digicert_order"

// pemStatuses are the order statuses in which the order has a certificate to
// download: issued, and reissue_pending (the current certificate keeps
// serving while its reissue waits).
var pemStatuses = []string{certcentral.OrderStatusIssued, certcentral.OrderStatusReissuePending}

// newOrderDataSource is the digicert_order data source.
func newOrderDataSource() datasource.DataSource { return &orderDataSource{} }

type orderDataSource struct {
	client *certcentral.Client
}

func (d *orderDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_order"
}

func (d *orderDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = configureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *orderDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var id types.Int64
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}
	orderID := id.ValueInt64()
	info, err := d.client.GetOrder(ctx, orderID)
	if err != nil {
		resp.Diagnostics.Append(orderReadError(err, orderLookup{
			attr: path.Root("id"),
			what: "order " + strconv.FormatInt(orderID, 10),
			notFound: "CertCentral has no order " + strconv.FormatInt(orderID, 10) + " in the account the API key belongs to: the order does not exist, " +
				"or it belongs to another account. Check the ID; an order placed by a subaccount is read with the " + subaccountOrderType + " data source.",
			permission: "view orders",
		}))
		return
	}
	state := orderDataSourceModelFrom(info)
	state.ID = id
	if c := info.Certificate; c != nil && c.ID != 0 && slices.Contains(pemStatuses, info.Status) {
		if err := state.download(ctx, d.client, c.ID); err != nil {
			resp.Diagnostics.AddError(apiFailure(err, apiAction{while: fmt.Sprintf("downloading certificate %d", c.ID), refused: fmt.Sprintf("to download certificate %d", c.ID), permission: "download certificates"},
				"Unable to Download Certificate", fmt.Sprintf("Order %d is %s, but downloading or reading its certificate %d failed: %v", orderID, info.Status, c.ID, err)))
			return
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
