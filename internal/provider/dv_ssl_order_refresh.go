package provider

import (
	"time"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

// refreshCheck of a digicert_dv_ssl_order state (refresh.go). Read must
// read the order in full for the engine's reasons (refreshReasons: a
// reissue in doubt, an issued certificate not downloaded yet or expired by
// the clock), when state lacks something only order info gives (an
// imported order), or when the DCV random value of an order still waiting
// for validation has expired (Read asks for the new one).
func (m *dvSSLOrderModel) refreshCheck(at time.Time) refreshCheck {
	stale := ""
	if s := m.Status.ValueString(); (s == certcentral.OrderStatusNeedsApproval || s == certcentral.OrderStatusPending) && m.dcvValueStale(at) {
		stale = "the DCV random value has expired"
	}
	c := newRefreshCheck(m.ID, m.Status, m.ProductNameID.IsNull(), append(m.refreshReasons(at), stale)...)
	c.settled = m.settledWhileWaiting()
	return c
}

// settledWhileWaiting is what a DV order waiting for validation or approval
// holds: while it is still pending (or needs_approval) with the same
// certificate ID, nothing of its state has changed. Nothing but a status
// change moves such an order on: no reissue before issuance, its random
// value has its own rule (dcvValueStale). This spares the plans after an
// apply a full read of every order it placed, which the feed names because
// they were created within the slack of their last full read. An issued
// order is not settled this way: a reissue canceled outside Terraform
// brings it back to issued with the same certificate ID but a newer
// request (request_id).
func (m *dvSSLOrderModel) settledWhileWaiting() *certcentral.OrderRef {
	switch s := m.Status.ValueString(); {
	case s != certcentral.OrderStatusPending && s != certcentral.OrderStatusNeedsApproval, m.CertificateID.IsNull(), m.CertificateID.IsUnknown():
		return nil
	default:
		return &certcentral.OrderRef{Status: s, CertificateID: m.CertificateID.ValueInt64()}
	}
}

// dcvValueStale reports whether a token-method order's random value is
// missing or expired by the clock, so that CertCentral must be asked for it.
func (m *dvSSLOrderModel) dcvValueStale(at time.Time) bool {
	if _, ok := dcvRecordFor(m.DCVMethod.ValueString(), "example.com"); !ok {
		return false
	}
	expires, haveExpiry := dcvExpiry(m.DCVRecords)
	return m.DCVRandomValue.IsNull() || m.DCVRandomValue.IsUnknown() || !haveExpiry || !at.Before(expires)
}
