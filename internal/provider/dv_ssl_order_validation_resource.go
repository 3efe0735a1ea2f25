package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

var (
	_ resource.ResourceWithConfigure   = &dvSSLOrderValidationResource{}
	_ resource.ResourceWithImportState = &dvSSLOrderValidationResource{}
)

const (
	defaultValidationTimeout = 45 * time.Minute
	defaultPollInterval      = "15s"
	// maxPollInterval caps the growing wait between checks.
	maxPollInterval = 2 * time.Minute
	// recordsLookupTimeout bounds the one request waitError makes after the
	// wait ended (the user's timeout, or an interrupt).
	// choice: 10 s, one attempt: the answer only enriches the message.
	recordsLookupTimeout = 10 * time.Second
)

// newDVSSLOrderValidationResource is the digicert_dv_ssl_order_validation
// resource: where waiting for DCV and issuance lives, so that a timeout
// taints only this resource (free to re-create) and never the order.
func newDVSSLOrderValidationResource(now clock) resource.Resource {
	return &dvSSLOrderValidationResource{now: now}
}

type dvSSLOrderValidationResource struct {
	client *certcentral.Client
	now    clock
	feed   *changeFeed // nil: every Read reads in full (refresh.go)
}

func (r *dvSSLOrderValidationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dv_ssl_order_validation"
}

func (r *dvSSLOrderValidationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configureClient(req.ProviderData, &resp.Diagnostics)
	r.feed = configuredFeed(req.ProviderData)
}

// validationProgress is what one wait learned.
type validationProgress struct {
	approved  map[string]bool
	lastError error
	waitingOn string // what the wait is blocked on, for the timeout message
}

func (r *dvSSLOrderValidationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan dvSSLOrderValidationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	orderID, err := parseOrderID(plan.OrderID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("order_id"), "Invalid Order ID", err.Error())
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultValidationTimeout)
	resp.Diagnostics.Append(diags...)
	interval := parseDurationAttr(plan.PollInterval)
	wanted := stringList(ctx, plan.DNSNames, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	waitCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	startedAt := r.now() // every read of the wait comes after it

	info, progress, err := r.wait(waitCtx, orderID, wanted, interval)
	if err != nil {
		resp.Diagnostics.Append(r.waitError(ctx, orderID, info, wanted, progress, timeout, err))
		return
	}
	plan.ID = types.StringValue(plan.OrderID.ValueString())
	plan.ValidatedAt = types.StringValue(r.now().UTC().Format(time.RFC3339))
	plan.setFromOrder(info, progress.approved)
	plan.clear()
	plan.refreshCertificate(ctx, r.client, info, &resp.Diagnostics)
	markFullRead(ctx, resp.Private, startedAt, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// errStopWaiting wraps conditions no amount of waiting can change.
var errStopWaiting = errors.New("cannot be validated")

// wait checks until the order is issued (or, with wanted names, until those
// are approved), ctx ends, or something permanent goes wrong.
func (r *dvSSLOrderValidationResource) wait(ctx context.Context, orderID int64, wanted []string, interval time.Duration) (*certcentral.OrderInfo, *validationProgress, error) {
	progress := &validationProgress{approved: map[string]bool{}}
	pollOnly := false // email orders: check-dcv does not apply, poll order info
	delay := interval
	for attempt := 1; ; attempt++ {
		info, err := r.client.GetOrder(ctx, orderID)
		if err != nil {
			return nil, progress, err
		}
		if info.Status == certcentral.OrderStatusIssued {
			for _, n := range orderNames(info) {
				progress.approved[n] = true
			}
			return info, progress, nil
		}
		if terminalStatuses[info.Status] {
			return info, progress, fmt.Errorf("%w: order %d is %s", errStopWaiting, orderID, info.Status)
		}
		if !pollOnly {
			res, err := r.client.CheckDCV(ctx, orderID)
			apiErr, isAPIErr := certcentral.AsAPIError(err)
			switch {
			case err == nil:
				progress.lastError = nil
				for _, v := range res.DNSNameValidations {
					progress.approved[v.DNSName] = v.Status == certcentral.DCVStatusApproved
				}
				if res.OrderStatus == certcentral.OrderStatusIssued {
					continue // read the issued order at once
				}
				progress.waitingOn = fmt.Sprintf("the order to leave status %q (an administrator may need to approve it)", res.OrderStatus)
				if len(wanted) > 0 && allApproved(wanted, progress.approved) {
					return info, progress, nil
				}
			case isAPIErr && apiErr.HasCode("invalid_dns_method"):
				pollOnly = true
				progress.waitingOn = "the DCV emails to be approved"
			case isAPIErr && (apiErr.HasCode("invalid_dns_txt") || apiErr.HasCode("file_random_value_not_found")):
				progress.lastError = err
				progress.waitingOn = "DigiCert to find the DCV records"
			default:
				return info, progress, err
			}
		} else {
			progress.waitingOn = "the DCV emails to be approved (or the order to be approved)"
		}
		tflog.Debug(ctx, "waiting for DV validation", map[string]any{"order_id": orderID, "attempt": attempt, "status": info.Status, "delay_ms": delay.Milliseconds()})
		timer := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			timer.Stop()
			return info, progress, ctx.Err()
		case <-timer.C:
		}
		delay = min(delay*3/2, max(maxPollInterval, interval))
	}
}

func allApproved(names []string, approved map[string]bool) bool {
	for _, n := range names {
		if !approved[n] {
			return false
		}
	}
	return true
}

// waitError explains why the wait ended without success: what is still
// unvalidated and which records DigiCert expects.
func (r *dvSSLOrderValidationResource) waitError(ctx context.Context, orderID int64, info *certcentral.OrderInfo, wanted []string, p *validationProgress, timeout time.Duration, err error) diag.Diagnostic {
	if apiErr, ok := certcentral.AsAPIError(err); ok && apiErr.HasCode("caa_check_failed") {
		return diag.NewErrorDiagnostic("CAA Records Do Not Allow DigiCert",
			fmt.Sprintf("Order %d cannot be issued: %v\n\nAllow DigiCert in the CAA records of that name (or of its parent domain that holds them), for example with `0 issue \"digicert.com\"`, or remove the blocking record. Then apply again: the order is untouched, and only this validation resource is created again.", orderID, err))
	}
	if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
		if errors.Is(err, errStopWaiting) {
			return diag.NewErrorDiagnostic("Order Cannot Be Validated", fmt.Sprintf("%v. Replace the order (a new digicert_dv_ssl_order) to get a certificate.", err))
		}
		return diag.NewErrorDiagnostic(apiFailure(err, apiAction{while: fmt.Sprintf("checking the validation of order %d", orderID), refused: fmt.Sprintf("to check the validation of order %d", orderID)},
			"Unable to Validate Order", fmt.Sprintf("Waiting for order %d failed: %v", orderID, err)))
	}
	names := wanted
	if len(names) == 0 {
		names = orderNames(info)
	}
	var pending []string
	for _, n := range names {
		if !p.approved[n] {
			pending = append(pending, n)
		}
	}
	var b strings.Builder
	verb := "was interrupted"
	if errors.Is(err, context.DeadlineExceeded) {
		verb = fmt.Sprintf("timed out after %s", timeout)
	}
	fmt.Fprintf(&b, "Waiting for order %d %s, still waiting for %s.\n", orderID, verb, p.waitingOn)
	if len(pending) > 0 {
		fmt.Fprintf(&b, "Names not confirmed as validated (a failed check does not say which names passed): %s.\n", strings.Join(pending, ", "))
	}
	if p.lastError != nil {
		fmt.Fprintf(&b, "DigiCert's last answer: %v\n", p.lastError)
		// Describe the records DigiCert looks for, with the current value.
		lookupCtx, cancel := context.WithTimeout(certcentral.WithoutRetries(context.WithoutCancel(ctx)), recordsLookupTimeout)
		defer cancel()
		if token, terr := r.client.GetDCVRandomValue(lookupCtx, orderID); terr == nil {
			b.WriteString("DigiCert expects, for each name:\n")
			for _, n := range pending {
				if apiErr, ok := certcentral.AsAPIError(p.lastError); ok && apiErr.HasCode("file_random_value_not_found") {
					rec, _ := dcvRecordFor("http-token", n)
					fmt.Fprintf(&b, "  - %s: a file at %s containing %s\n", n, rec.Name, token.DCVRandomValue)
					continue
				}
				txt, _ := dcvRecordFor("dns-txt-token", n)
				cname, _ := dcvRecordFor("dns-cname-token", n)
				fmt.Fprintf(&b, "  - %s: TXT %s = %q (dns-txt-token), or CNAME %s -> %s (dns-cname-token)\n",
					n, txt.Name, token.DCVRandomValue, cname.Name, dcvRecordValue("dns-cname-token", token.DCVRandomValue))
			}
		}
	}
	b.WriteString("The order itself is untouched. Fix the records (see the order's dcv_records), then apply again: only this validation resource is created again, and it waits again.")
	return diag.NewErrorDiagnostic("DV Validation Not Complete", b.String())
}

func (r *dvSSLOrderValidationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state dvSSLOrderValidationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.feed.keepsState(ctx, req.Private, state.refreshCheck(r.now())) {
		return // nothing of this state depends on the clock
	}
	// A vanished order leaves state without a warning of its own: the
	// order resource's refresh reports it.
	info, _ := readStateOrder(ctx, r.client, state.ID, r.now(), resp)
	if info == nil {
		return
	}
	if state.OrderID.IsNull() { // imported
		state.OrderID = state.ID
		state.PollInterval = types.StringValue(defaultPollInterval)
		state.Timeouts = timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType})}
		state.clear()
	}
	approved := map[string]bool{}
	if info.Status == certcentral.OrderStatusIssued {
		for _, n := range orderNames(info) {
			approved[n] = true
		}
	} else {
		for n, v := range state.DNSNameValidations.Elements() {
			s, _ := v.(types.String)
			approved[n] = s.ValueString() == certcentral.DCVStatusApproved
		}
	}
	state.setFromOrder(info, approved)
	state.refreshCertificate(ctx, r.client, info, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update records poll_interval and timeouts, which only shape a future wait.
func (r *dvSSLOrderValidationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state dvSSLOrderValidationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.PollInterval, state.Timeouts = plan.PollInterval, plan.Timeouts
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Delete only forgets the wait: the order belongs to digicert_dv_ssl_order.
func (r *dvSSLOrderValidationResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

func (r *dvSSLOrderValidationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if _, err := parseOrderID(req.ID); err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("%v. Import with the order ID, for example: terraform import digicert_dv_ssl_order_validation.example 6484932", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathID, req.ID)...)
}
