package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// actionProgress returns a function that reports a progress message of an
// action's invocation (the CLI prints it as the action runs).
func actionProgress(resp *action.InvokeResponse) func(format string, args ...any) {
	return func(format string, args ...any) {
		if resp.SendProgress != nil {
			resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(format, args...)})
		}
	}
}

// readActionOrder reads the order an action works on; on failure it adds
// an error on order_id that says nothing was sent (verb: "revoked",
// "reissued") and returns nil.
func readActionOrder(ctx context.Context, client *certcentral.Client, orderID int64, verb string, resp *action.InvokeResponse) *certcentral.OrderInfo {
	info, err := client.GetOrder(ctx, orderID)
	if err != nil {
		resp.Diagnostics.Append(orderReadError(err, orderLookup{
			attr: path.Root("order_id"), what: fmt.Sprintf("order %d", orderID), permission: "view orders",
			notFound: fmt.Sprintf("CertCentral has no order %d in this account, so nothing was %s. Check order_id.", orderID, verb),
		}))
		return nil
	}
	return info
}
