package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

var _ datasource.DataSourceWithConfigure = &subaccountOrderDataSource{}

const subaccountOrderType = "digicert_subaccount_order"

// The query flags of subaccount-order-info.
const (
	includeValidationStatusParam     = "include_validation_status"
	includeCSProvisioningMethodParam = "include_cs_provisioning_method"
)

// newSubaccountOrderDataSource is the digicert_subaccount_order data source.
func newSubaccountOrderDataSource() datasource.DataSource { return &subaccountOrderDataSource{} }

type subaccountOrderDataSource struct {
	client *certcentral.Client
}

func (d *subaccountOrderDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_subaccount_order"
}

func (d *subaccountOrderDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = configureClient(req.ProviderData, &resp.Diagnostics)
}

func (d *subaccountOrderDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m subaccountOrderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}
	orderID := m.OrderID.ValueInt64()
	withValidations := m.IncludeValidationStatus.ValueBool()
	withCSProvisioning := m.IncludeCSProvisioningMethod.ValueBool()
	order, err := d.client.SubaccountOrder(ctx, orderID, withValidations, withCSProvisioning)
	if err != nil {
		resp.Diagnostics.Append(orderReadError(err, orderLookup{
			attr: path.Root("order_id"),
			what: "subaccount order " + strconv.FormatInt(orderID, 10),
			notFound: "CertCentral has no order " + strconv.FormatInt(orderID, 10) + " placed by a subaccount of this account: the order does not exist, " +
				"or it was not placed by a subaccount (or sub-subaccount) of the account the API key belongs to. " +
				"Check the ID; an order placed by the account itself is read with the " + orderDataSourceType + " data source.",
			permission: "view the orders of subaccounts",
		}))
		return
	}
	state := subaccountOrderModelFrom(order)
	state.OrderID = m.OrderID
	state.IncludeValidationStatus = types.BoolValue(withValidations)
	state.IncludeCSProvisioningMethod = types.BoolValue(withCSProvisioning)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
