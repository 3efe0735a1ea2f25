# The whole provider in one configuration: DV certificates ordered, validated
# over DNS and written to disk; a document signing order; and orders placed
# elsewhere, read without importing them.

# DV certificates, one instance each of ./certificate: the repository's
# reusable module (modules/dv-certificate) and its DCV records in the
# sandbox's DNS.
module "dv" {
  source   = "./certificate"
  for_each = var.certificates

  names             = each.value.names
  product_name_id   = each.value.product_name_id
  on_destroy        = each.value.on_destroy
  csr               = file(var.csr_file)
  sandbox_admin_url = var.sandbox_admin_url
  poll_interval     = var.poll_interval
  # Fail fast if something is wrong instead of waiting the default 45m.
  validation_timeout = "5m"
}

locals {
  # The certificates, as modules/dv-certificate outputs them.
  certificates = { for k, m in module.dv : k => m.certificate }
}

# Write each certificate to disk, where a web server or a deployment step
# picks it up (hashicorp/local's local_file does the same). Destroy removes
# the files.
resource "terraform_data" "pem_files" {
  for_each = local.certificates

  triggers_replace = each.value.full_chain_pem
  input            = { dir = abspath("${var.output_dir}/${each.key}") }

  provisioner "local-exec" {
    command = <<-EOT
      set -e
      mkdir -p "$DIR"
      printf '%s' "$CERT" > "$DIR/cert.pem"
      printf '%s' "$CHAIN" > "$DIR/chain.pem"
      printf '%s' "$FULL_CHAIN" > "$DIR/fullchain.pem"
      printf '%s' "$ROOT" > "$DIR/root.pem"
      echo "wrote $DIR/{cert,chain,fullchain,root}.pem"
    EOT
    environment = {
      DIR        = self.input.dir
      CERT       = each.value.certificate_pem
      CHAIN      = each.value.chain_pem
      FULL_CHAIN = each.value.full_chain_pem
      ROOT       = each.value.root_pem
    }
  }

  provisioner "local-exec" {
    when    = destroy
    command = "rm -f \"$DIR\"/cert.pem \"$DIR\"/chain.pem \"$DIR\"/fullchain.pem \"$DIR\"/root.pem && rmdir \"$DIR\" 2>/dev/null; echo \"removed $DIR\""
    environment = {
      DIR = self.input.dir
    }
  }
}

# A Document Signing for Business – Employee certificate, paid with the
# account's default card (payment_method = "profile": no card details in the
# configuration). Organization validation takes days, so the resource places
# the order and returns; destroy cancels it while it is still pending.
resource "digicert_document_signing_order" "signer" {
  product_name_id = "ds_org_individual"

  certificate = {
    usage_designation = {
      primary_usage     = "signing"
      additional_usages = ["document_signing"]
    }
  }
  cs_provisioning_method = "client_app"

  organization = {
    id = var.organization_id
    contacts = [{
      id           = 1
      first_name   = "Rene"
      last_name    = "Pierce"
      email        = "rene.pierce@example.net"
      job_title    = "School Counselor"
      telephone    = "054-139-0798"
      contact_type = "organization_contact"
    }]
  }

  subject = {
    given_name = "Rene"
    surname    = "Pierce"
    job_title  = "School Counselor"
    phone      = "054-139-0798"
    email      = "rene.pierce@example.net"
  }

  order_validity = {
    years = 1
  }

  csa_agreed_to  = true
  payment_method = "profile"
  on_destroy     = "cancel"
}

# Orders placed outside this configuration, read without importing them.
data "digicert_order" "existing" {
  id = var.existing_order_id
}

data "digicert_subaccount_order" "existing" {
  order_id                  = var.subaccount_order_id
  include_validation_status = true
}
