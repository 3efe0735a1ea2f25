package provider

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// TestPlaceOrderAfterPostNeverFails pins the engine's rule: once the POST
// succeeded, nothing that follows may fail the resource (an error would
// taint it and order again). An error after the POST comes back as a
// warning that says the order is in state; warnings pass unchanged.
func TestPlaceOrderAfterPostNeverFails(t *testing.T) {
	var diags diag.Diagnostics
	ran := false
	ok := placeOrder(orderAttempt{resourceType: "digicert_x", productNameID: "p"}, &diags,
		func() (int64, error) { return 42, nil },
		func(placed int64, d *diag.Diagnostics) {
			ran = placed == 42
			d.AddError("Order Info Not Read", "reading order 42 failed")
			d.AddWarning("Something Else", "kept as it is")
		})
	if !ok || !ran {
		t.Fatalf("placeOrder = %v, after ran with the POST's answer = %v; want true, true", ok, ran)
	}
	if diags.HasError() {
		t.Fatalf("an error after the POST survived as an error: %v", diags)
	}
	if len(diags) != 2 || diags[0].Summary() != "Order Info Not Read" ||
		!strings.HasSuffix(diags[0].Detail(), "reading order 42 failed (The order was placed and is recorded in state.)") ||
		diags[1].Summary() != "Something Else" || diags[1].Detail() != "kept as it is" {
		t.Errorf("diagnostics = %v", diags)
	}
}

// TestPlaceOrderFailedPost: a refused POST is an error naming the product,
// and nothing after it runs.
func TestPlaceOrderFailedPost(t *testing.T) {
	var diags diag.Diagnostics
	ok := placeOrder(orderAttempt{resourceType: "digicert_x", productNameID: "ssl_dv_geotrust"}, &diags,
		func() (int64, error) { return 0, &certcentral.APIError{StatusCode: 400} },
		func(int64, *diag.Diagnostics) { t.Error("after ran although the POST failed") })
	if ok || !diags.HasError() || !strings.Contains(diags[0].Summary()+diags[0].Detail(), "ssl_dv_geotrust") {
		t.Errorf("placeOrder = %v, diagnostics %v; want false and an error naming the product", ok, diags)
	}
}

// TestAfterPostReissue: the same rule for a reissue POST, whose error is
// handed back untouched for the caller to explain.
func TestAfterPostReissue(t *testing.T) {
	var diags diag.Diagnostics
	if err := afterPost(&diags, func() error { return nil }, func(d *diag.Diagnostics) { d.AddError("Read Failed", "x") }); err != nil || diags.HasError() || len(diags) != 1 {
		t.Errorf("accepted: err %v, diagnostics %v; want nil and one warning", err, diags)
	}
	sent := errors.New("refused")
	diags = nil
	if err := afterPost(&diags, func() error { return sent }, func(*diag.Diagnostics) { t.Error("after ran although the POST failed") }); !errors.Is(err, sent) || len(diags) != 0 {
		t.Errorf("refused: err %v, diagnostics %v; want the POST's error and no diagnostics", err, diags)
	}
}
