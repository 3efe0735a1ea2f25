package certcentral

// Order statuses as order info reports them (CERTCENTRAL.md, "Order
// info"). CertCentral may add others; code that meets one it does not
// know treats it as neither issued nor terminal.
const (
	OrderStatusNeedsApproval  = "needs_approval"
	OrderStatusPending        = "pending"
	OrderStatusWaitingPickup  = "waiting_pickup"
	OrderStatusIssued         = "issued"
	OrderStatusReissuePending = "reissue_pending"
	OrderStatusCanceled       = "canceled"
	OrderStatusRevoked        = "revoked"
	OrderStatusRejected       = "rejected"
	OrderStatusExpired        = "expired"
)

// Statuses of an order's request (OrderRequest.Status) that the provider
// decides on.
const (
	RequestStatusRejected = "rejected"
)

// DCVStatusApproved is the status of a name whose domain validation is
// done, in the answer of a DCV check (DNSNameValidation.Status).
const DCVStatusApproved = "approved"
