# One certificate of the demo: the repository's reusable module
# (modules/dv-certificate) and the DCV records it asks for, published in the
# sandbox's DNS stand-in. The demo's root module creates one instance of
# this module per certificate (for_each): the records must sit beside the
# module call, because a reference from outside to a for_each module's
# outputs waits for all of them, the wait for issuance included, and the
# wait needs the records (DNS provider and module would form a cycle).
#
# With a real zone, terraform_data.dcv_record becomes your DNS provider's
# record resource (modules/dv-certificate/README.md); nothing else changes.

module "certificate" {
  source = "../../../modules/dv-certificate"

  names              = var.names
  product_name_id    = var.product_name_id
  on_destroy         = var.on_destroy
  csr                = var.csr
  poll_interval      = var.poll_interval
  validation_timeout = var.validation_timeout
  # The wait for issuance starts once the records exist.
  dcv_records_ready = terraform_data.dcv_record
}

# One record per name, keyed by name at plan time, so this for_each works on
# the first apply. They go to the sandbox's DNS stand-in through its admin
# API (sandbox-dns.sh).
resource "terraform_data" "dcv_record" {
  for_each = module.certificate.dcv_records

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
