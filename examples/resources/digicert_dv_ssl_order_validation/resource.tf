# Order, publish the DCV records with any DNS provider, then wait for issuance.
resource "digicert_dv_ssl_order" "www" {
  product_name_id = "ssl_dv_geotrust"
  certificate = {
    common_name = "www.example.com"
    dns_names   = ["example.com"]
    csr         = file("${path.module}/www.example.com.csr")
  }
  validity_years = 1
  dcv_method     = "dns-txt-token"
  skip_approval  = true
}

# For example with Route 53 (any DNS provider works the same way):
#
# resource "aws_route53_record" "dcv" {
#   for_each = digicert_dv_ssl_order.www.dcv_records
#   zone_id  = var.zone_id
#   name     = each.value.name
#   type     = each.value.type
#   ttl      = 60
#   records  = [each.value.value]
# }

resource "digicert_dv_ssl_order_validation" "www" {
  order_id = digicert_dv_ssl_order.www.id

  # Wait for the records to exist before asking DigiCert to check them:
  # depends_on = [aws_route53_record.dcv]

  timeouts = {
    create = "45m"
  }
}

output "full_chain_pem" {
  value = digicert_dv_ssl_order_validation.www.full_chain_pem
}
