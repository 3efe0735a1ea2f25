# A DV certificate for two names, validated with a DNS TXT token.
resource "digicert_dv_ssl_order" "www" {
  product_name_id = "ssl_dv_geotrust"

  certificate = {
    common_name = "www.example.com"
    dns_names   = ["example.com"]
    csr         = file("${path.module}/www.example.com.csr")
    server_platform = {
      id = 45 # nginx
    }
  }

  validity_years = 1
  dcv_method     = "dns-txt-token"
  skip_approval  = true

  # Renew in place 30 days before expiry; the old order keeps serving.
  renew_before_days = 30

  # What destroy does with the order: "cancel" (default), "revoke" or "keep".
  on_destroy = "cancel"
}

# Publish each record with your DNS provider; the keys are known at plan time.
output "dcv_records" {
  value = digicert_dv_ssl_order.www.dcv_records
}
