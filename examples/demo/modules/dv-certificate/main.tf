# One DV certificate for a list of names, validated by DNS TXT records:
# order, publish the records DigiCert asks for, wait for issuance.

resource "digicert_dv_ssl_order" "this" {
  product_name_id = var.product_name_id

  certificate = {
    common_name = var.names[0]
    dns_names   = slice(var.names, 1, length(var.names))
    csr         = var.csr
  }

  validity_years    = 1
  dcv_method        = "dns-txt-token"
  skip_approval     = true
  renew_before_days = var.renew_before_days
  on_destroy        = var.on_destroy
}

# One TXT record per name. The keys of dcv_records are known at plan time, so
# this for_each works on the first apply; the values arrive with the order.
#
# The records go to the sandbox's DNS stand-in through its admin API. With a
# real zone, this resource becomes an aws_route53_record or cloudflare_record
# (README.md); nothing else in the module changes.
resource "terraform_data" "dcv_record" {
  for_each = digicert_dv_ssl_order.this.dcv_records

  # A new random value (CertCentral's expire after 30 days) replaces the record.
  triggers_replace = each.value

  input = {
    admin_url = var.sandbox_admin_url
    record    = jsonencode({ type = each.value.type, name = each.value.name, value = each.value.value })
  }

  provisioner "local-exec" {
    command = "bash '${path.module}/sandbox-dns.sh' POST"
    environment = {
      ADMIN_URL = self.input.admin_url
      RECORD    = self.input.record
    }
  }

  provisioner "local-exec" {
    when    = destroy
    command = "bash '${path.module}/sandbox-dns.sh' DELETE"
    environment = {
      ADMIN_URL = self.input.admin_url
      RECORD    = self.input.record
    }
  }
}

# Asks DigiCert to check the records once they exist, and waits for the
# certificate. If the wait times out only this resource fails: the order is
# kept, and the next apply waits again.
resource "digicert_dv_ssl_order_validation" "this" {
  order_id      = digicert_dv_ssl_order.this.id
  poll_interval = var.poll_interval

  timeouts = {
    create = var.validation_timeout
  }

  depends_on = [terraform_data.dcv_record]
}
