package provider

import "github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"

// refreshCheck of a digicert_document_signing_order state. Its requests
// list changes without the order's status changing (a two-step approval
// goes submitted, pending, approved while the order stays needs_approval;
// a revoke request is filed on an issued order), and its days_remaining
// counts down with no not_after in state to count from. So only orders in
// other statuses, with no days to count, may be kept: pending ones and
// those canceled or rejected before issuance.
func (m *documentSigningOrderModel) refreshCheck() refreshCheck {
	reason := ""
	switch status := m.Status.ValueString(); {
	case status == certcentral.OrderStatusNeedsApproval || status == certcentral.OrderStatusIssued:
		reason = "its requests can change without a status change"
	case !m.DaysRemaining.IsNull():
		reason = "days_remaining is counted by CertCentral"
	}
	return newRefreshCheck(m.ID, m.Status, m.ProductNameID.IsNull(), reason)
}
