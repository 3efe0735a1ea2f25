# The module as a caller uses it, against the test suite's sandbox: its DCV
# records published by the test-only DNS provider sandboxdns (which stands
# in for Route 53, Cloudflare or any other; internal/acctest/dnsprovider),
# passed back so the wait starts once they exist. Only the test harness
# (internal/moduletest) serves sandboxdns; the provider configurations come
# from the environment it sets.

terraform {
  required_providers {
    digicert = {
      source = "certcentral-community/digicert"
    }
    sandboxdns = {
      source = "certcentral-community/sandboxdns"
    }
  }
}

variable "names" {
  type = list(string)
}

variable "csr" {
  type = string
}

variable "poll_interval" {
  type = string
}

variable "warn_before_days" {
  type    = number
  default = 14
}

variable "order_validity_days" {
  type    = number
  default = null
}

module "certificate" {
  source = "../.."

  names               = var.names
  csr                 = var.csr
  poll_interval       = var.poll_interval
  warn_before_days    = var.warn_before_days
  order_validity_days = var.order_validity_days
  dcv_records_ready   = sandboxdns_record.dcv
}

resource "sandboxdns_record" "dcv" {
  for_each = module.certificate.dcv_records

  type  = each.value.type
  name  = each.value.name
  value = each.value.value
}

output "certificate" {
  value = module.certificate
}

output "record_names" {
  value = { for k, r in sandboxdns_record.dcv : k => r.name }
}
