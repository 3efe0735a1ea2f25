package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// orderAttempt names an order POST for the messages that explain its
// failure.
type orderAttempt struct {
	resourceType  string
	productNameID string
	commonName    string    // "" when the product has none
	sentAt        time.Time // when the POST was sent, if the client's error does not say
	// alternativeOrderID is the key the order carries ("" if none): the
	// next apply finds the order by it.
	alternativeOrderID string
}

// placeOrder sends an order with post and, once the POST succeeded, runs
// after on what came back. It returns false, with the reason in diags, when
// no order was placed or its outcome is unknown (the POST is never resent).
//
// Whatever after reports reaches diags as a warning, never as an error: the
// order exists, and an error would make Terraform taint the resource and
// order again. Everything that runs after a successful POST therefore
// belongs in after.
func placeOrder[T any](attempt orderAttempt, diags *diag.Diagnostics, post func() (T, error), after func(placed T, diags *diag.Diagnostics)) bool {
	var placed T
	err := afterPost(diags, func() (err error) {
		placed, err = post()
		return err
	}, func(diags *diag.Diagnostics) { after(placed, diags) })
	if err != nil {
		diags.Append(orderPlacementError(err, attempt))
		return false
	}
	return true
}

// afterPost is the rule of every POST that creates something billed or
// lasting (an order, a reissue): it sends post once and, once it
// succeeded, runs after, whose errors reach diags as warnings only. It
// returns post's error untouched (nil: accepted) for the caller to
// explain; after does not run then.
func afterPost(diags *diag.Diagnostics, post func() error, after func(diags *diag.Diagnostics)) error {
	if err := post(); err != nil {
		return err
	}
	var afterDiags diag.Diagnostics
	after(&afterDiags)
	diags.Append(warningsOnly(afterDiags)...)
	return nil
}

// warningsOnly turns errors met after the order (or reissue) was placed
// into warnings: an error would taint the resource and order again.
func warningsOnly(diags diag.Diagnostics) diag.Diagnostics {
	var out diag.Diagnostics
	for _, d := range diags {
		if d.Severity() == diag.SeverityError {
			out.AddWarning(d.Summary(), d.Detail()+" (The order was placed and is recorded in state.)")
			continue
		}
		out.Append(d)
	}
	return out
}

// readPlacedOrder reads order info right after the order was placed (and
// returns it, or nil). A failure is only a warning: the order is placed and its ID is in state, and
// the next refresh fills in the rest. It records in private the full read
// (as of sentAt, taken before the order POST: state is at least as new as
// that), or forgets it when the read failed (refresh.go).
func (l orderLifecycle) readPlacedOrder(ctx context.Context, orderID int64, m *orderStatusModel, private privateSetter, sentAt time.Time, diags *diag.Diagnostics) *certcentral.OrderInfo {
	info, err := l.client.GetOrder(ctx, orderID)
	if err != nil {
		diags.AddWarning("Order Placed, Details Not Read Yet",
			fmt.Sprintf("Order %d was placed and is recorded in state, but reading its details failed: %v. The next refresh (terraform plan or apply) reads them; nothing will be ordered again.", orderID, err))
		forgetFullRead(ctx, private, diags)
		return nil
	}
	m.setFromOrderInfo(info)
	markFullRead(ctx, private, sentAt, diags)
	return info
}

// orderPlacementError explains a failed order POST. When the outcome is
// unknown the order may exist, so the message says how to find and import it
// instead of inviting a blind retry.
func orderPlacementError(err error, attempt orderAttempt) diag.Diagnostic {
	resourceType, productNameID, commonName := attempt.resourceType, attempt.productNameID, attempt.commonName
	if uerr := (*certcentral.OutcomeUnknownError)(nil); errors.As(err, &uerr) {
		sentAt := uerr.SentAt.UTC()
		if sentAt.IsZero() {
			sentAt = attempt.sentAt.UTC()
		}
		if key := attempt.alternativeOrderID; key != "" {
			return diag.NewErrorDiagnostic("Order Outcome Unknown",
				fmt.Sprintf("The %s order request was sent to CertCentral at %s, but no answer came back, so it is not known whether the order was placed. "+
					"It was not sent again, to avoid paying for a second order.\n\n"+
					"Cause: %v\n\n"+
					"Run apply again: the order request carried alternative_order_id %q, so the next apply asks CertCentral for the order that carries it and adopts it if it was placed, "+
					"or orders if it was not. Nothing has to be found or imported by hand.",
					productNameID, sentAt.Format(time.RFC3339), outcomeCause(err), key))
		}
		filter := ""
		if commonName != "" {
			filter = fmt.Sprintf("filters[common_name]=%s&", commonName)
		}
		return diag.NewErrorDiagnostic("Order Outcome Unknown",
			fmt.Sprintf("The %s order request was sent to CertCentral at %s, but no answer came back, so it is not known whether the order was placed. "+
				"It was not sent again, to avoid paying for a second order.\n\n"+
				"Cause: %v\n\n"+
				"Find the order: in CertCentral under Certificates > Orders, or with GET /order/certificate?%ssort=-date_created, looking for an order created at or after %s. Then:\n"+
				"  - if it exists, import it instead of ordering again: terraform import %s.<name> <order_id>\n"+
				"  - if it does not exist, run apply again.",
				productNameID, sentAt.Format(time.RFC3339), outcomeCause(err), filter, sentAt.Format(time.RFC3339), resourceType))
	}
	return diag.NewErrorDiagnostic(apiFailure(err, apiAction{while: fmt.Sprintf("placing the %s order (nothing was ordered)", productNameID), refused: fmt.Sprintf("the %s order (nothing was ordered)", productNameID), permission: "order certificates"},
		"Order Not Placed", fmt.Sprintf("CertCentral did not accept the %s order; nothing was ordered. %v", productNameID, err)))
}
