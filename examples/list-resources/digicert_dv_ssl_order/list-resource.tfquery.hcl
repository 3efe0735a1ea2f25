# Every issued DV order for a name, created in 2026: terraform query lists
# them; terraform query -generate-config-out=adopted.tf writes a resource and
# an import block for each.
list "digicert_dv_ssl_order" "shop" {
  provider = digicert
  limit    = 1000

  config {
    status      = "issued"
    domain_name = "shop.example.com"
    date_created = {
      from = "2026-01-01"
      to   = "2026-12-31"
    }
  }
}
