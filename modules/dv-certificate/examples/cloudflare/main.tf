# check-examples: needs-registry
# A wildcard certificate, its DCV record in a Cloudflare zone.

terraform {
  required_version = ">= 1.5"

  required_providers {
    digicert = {
      source = "certcentral-community/digicert"
    }
    cloudflare = {
      source  = "cloudflare/cloudflare"
      version = "~> 5.0"
    }
  }
}

provider "digicert" {}

provider "cloudflare" {}

variable "zone_id" {
  description = "Cloudflare zone that holds example.com."
  type        = string
}

module "wildcard" {
  # A release tag of this repository; a local path (../modules/dv-certificate) works too.
  source = "git::https://github.com/certcentral-community/terraform-provider-digicert.git//modules/dv-certificate?ref=v1.0.0"

  names             = ["*.example.com", "example.com"]
  product_name_id   = "wildcard_dv_geotrust"
  csr               = file("${path.module}/wildcard.csr")
  dcv_records_ready = cloudflare_dns_record.dcv
}

# *.example.com and example.com share one TXT record: dcv_records holds it once.
resource "cloudflare_dns_record" "dcv" {
  for_each = module.wildcard.dcv_records

  zone_id = var.zone_id
  name    = each.value.name
  type    = each.value.type
  content = each.value.value
  ttl     = 60
}

output "full_chain_pem" {
  value = module.wildcard.full_chain_pem
}
