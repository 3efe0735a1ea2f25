package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// newDVSSLOrderListResource lists the account's DV SSL orders for
// `terraform query`.
func newDVSSLOrderListResource(now clock) list.ListResource {
	return &orderListResource{resourceType: dvSSLOrderType, products: dvProductIDs, now: now, fill: fillDVSSLOrderResult}
}

// fillDVSSLOrderResult sets a listed DV order's attributes as Read sets
// them after an import, from order info alone: the certificate PEM and the
// DCV random value, which cost one more request each, come with the first
// refresh after the import.
func fillDVSSLOrderResult(ctx context.Context, info *certcentral.OrderInfo, res *list.ListResult) {
	var m dvSSLOrderModel
	res.Diagnostics.Append(dvSSLOrderModelFromOrderInfo(ctx, &m, info)...)
	m.setFromOrderInfo(info)
	m.setCoverageFromOrderInfo(info)
	m.ReadyForRenewal = types.BoolValue(false)
	res.Diagnostics.Append(res.Resource.Set(ctx, &m)...)
}
