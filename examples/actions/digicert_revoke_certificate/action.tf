# check-examples: needs-actions

variable "csr" {
  type        = string
  description = "PEM certificate signing request for www.example.com."
}

resource "digicert_dv_ssl_order" "www" {
  product_name_id = "ssl_dv_geotrust"
  certificate = {
    common_name = "www.example.com"
    csr         = var.csr
  }
  validity_years = 1
  dcv_method     = "dns-txt-token"
}

# terraform apply -invoke=action.digicert_revoke_certificate.www revokes the
# certificate now, for example after its key leaked.
action "digicert_revoke_certificate" "www" {
  config {
    order_id          = digicert_dv_ssl_order.www.id
    revocation_reason = "key_compromise"
    comments          = "Private key exposed; revoking at once."
    skip_approval     = true
  }
}

# Or declare the compromise in configuration: changing input revokes the
# certificate in the same apply, and the next plan replaces the order.
resource "terraform_data" "www_key_compromised" {
  input = "none"

  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.digicert_revoke_certificate.www]
    }
  }
}
