# check-examples: needs-actions

variable "csr" {
  type        = string
  description = "PEM certificate signing request for www.example.com."
}

variable "new_csr" {
  type        = string
  description = "PEM certificate signing request for a new key, after the old one was compromised."
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

# The validation follows each reissue through request_id: after the action
# the next apply replaces it, and it waits for the reissued certificate.
resource "digicert_dv_ssl_order_validation" "www" {
  order_id   = digicert_dv_ssl_order.www.id
  request_id = digicert_dv_ssl_order.www.request_id
}

# terraform apply -invoke=action.digicert_reissue_certificate.www reissues
# the certificate now, for the new key, with the order's current names.
action "digicert_reissue_certificate" "www" {
  config {
    order_id = digicert_dv_ssl_order.www.id
    csr      = var.new_csr
    comments = "Private key exposed; reissuing with a new key."
  }
}
