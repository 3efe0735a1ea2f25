package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"

	"time"
)

type dvSSLOrderValidationModel struct {
	OrderID            types.String   `tfsdk:"order_id"`
	DNSNames           types.List     `tfsdk:"dns_names"`
	RequestID          types.Int64    `tfsdk:"request_id"`
	PollInterval       types.String   `tfsdk:"poll_interval"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
	ID                 types.String   `tfsdk:"id"`
	Status             types.String   `tfsdk:"status"`
	CertificateID      types.Int64    `tfsdk:"certificate_id"`
	DNSNameValidations types.Map      `tfsdk:"dns_name_validations"`
	ValidatedAt        types.String   `tfsdk:"validated_at"`
	certificatePEMModel
}

// setFromOrder records the order's state after a wait or a refresh.
func (m *dvSSLOrderValidationModel) setFromOrder(info *certcentral.OrderInfo, approved map[string]bool) {
	m.Status = types.StringValue(info.Status)
	m.CertificateID = types.Int64Null()
	if info.Certificate != nil && info.Certificate.ID != 0 {
		m.CertificateID = types.Int64Value(info.Certificate.ID)
	}
	elems := map[string]attr.Value{}
	for n, ok := range approved {
		status := "unapproved"
		if ok {
			status = certcentral.DCVStatusApproved
		}
		elems[n] = types.StringValue(status)
	}
	m.DNSNameValidations = types.MapValueMust(types.StringType, elems)
	if m.ValidatedAt.IsUnknown() {
		m.ValidatedAt = types.StringNull()
	}
}

// refreshCheck of a digicert_dv_ssl_order_validation state: as the order's,
// without DCV values or days.
func (m *dvSSLOrderValidationModel) refreshCheck(at time.Time) refreshCheck {
	return newRefreshCheck(m.ID, m.Status, m.OrderID.IsNull(), m.issuedReason(m.Status, at))
}
