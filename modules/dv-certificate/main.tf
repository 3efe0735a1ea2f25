# One DigiCert DV certificate for a list of names: the order, a wait for
# issuance once the caller published the DCV records, and the PEMs.
#
# The module publishes no DNS record itself, so it works with any DNS
# provider: it outputs the records to publish (dcv_records, keyed at plan
# time), the caller creates them with its own DNS resource and passes that
# resource back in dcv_records_ready, and the wait starts once they exist.
# It configures no provider: the caller's digicert provider (and its API
# key) is used.

resource "digicert_dv_ssl_order" "this" {
  product_name_id = var.product_name_id

  certificate = {
    common_name = var.names[0]
    dns_names   = length(var.names) > 1 ? slice(var.names, 1, length(var.names)) : null
    csr         = var.csr
  }

  order_validity = {
    years = var.order_validity_days == null ? var.order_validity_years : null
    days  = var.order_validity_days
  }
  dcv_method           = var.dcv_method
  skip_approval        = true
  renew_before_days    = var.renew_before_days
  allow_renewal_orders = var.allow_renewal_orders
  on_destroy           = var.on_destroy
}

# Stands for the caller's DNS records: created once every value of
# dcv_records_ready is known, that is once the records exist. A new value
# (a record replaced after CertCentral's random value changed) replaces it,
# and with it the wait.
resource "terraform_data" "records_ready" {
  triggers_replace = var.dcv_records_ready
}

# Asks DigiCert to check the records and waits for the certificate. A
# failed or timed-out wait fails only this resource: the order is kept, and
# the next apply waits again. request_id changes with each reissue
# (renewal, a new CSR or new names), so each new certificate is waited for.
resource "digicert_dv_ssl_order_validation" "this" {
  order_id      = digicert_dv_ssl_order.this.id
  request_id    = digicert_dv_ssl_order.this.request_id
  poll_interval = var.poll_interval

  timeouts = {
    create = var.validation_timeout
  }

  depends_on = [terraform_data.records_ready]
}

# Continuous validation: checked on every plan and apply (and by HCP
# Terraform's health assessments), after the refresh, and reported as a
# warning, never an error. The order resource's attributes come from the
# refresh, which counts days_remaining down on the provider's clock without
# a call when the status-changes feed says nothing changed.
check "certificate_lifetime" {
  assert {
    # Null (not issued yet) passes; the operators do not short-circuit.
    condition     = coalesce(digicert_dv_ssl_order.this.days_remaining, var.warn_before_days + 1) > var.warn_before_days
    error_message = "The certificate of order ${digicert_dv_ssl_order.this.id} (${var.names[0]}) has ${coalesce(digicert_dv_ssl_order.this.days_remaining, -1)} days left, ${var.warn_before_days} or fewer: renewal (renew_before_days = ${var.renew_before_days}) has not replaced it. Run an apply, and look at its DCV records if the wait fails."
  }

  assert {
    condition     = contains(["reissue", "-"], coalesce(digicert_dv_ssl_order.this.next_renewal, "-"))
    error_message = "The coverage of order ${digicert_dv_ssl_order.this.id} (${var.names[0]}) ends on ${coalesce(digicert_dv_ssl_order.this.order_valid_till, "?")}, before its next renewal: that renewal ${digicert_dv_ssl_order.this.next_renewal == "none" ? "cannot happen (allow_renewal_orders = false)" : "places a billed renewal order"}."
  }
}
