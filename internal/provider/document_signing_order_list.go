package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// newDocumentSigningOrderListResource lists the account's document signing
// orders for `terraform query`.
func newDocumentSigningOrderListResource(now clock) list.ListResource {
	return &orderListResource{resourceType: documentSigningOrderType, products: dsignProductIDs, now: now, fill: fillDocumentSigningOrderResult}
}

// fillDocumentSigningOrderResult sets a listed document signing order's
// attributes as Read sets them after an import.
func fillDocumentSigningOrderResult(ctx context.Context, info *certcentral.OrderInfo, res *list.ListResult) {
	var m documentSigningOrderModel
	res.Diagnostics.Append(dsignModelFromOrderInfo(ctx, &m, info)...)
	m.setFromOrderInfo(info)
	res.Diagnostics.Append(res.Resource.Set(ctx, &m)...)
}
