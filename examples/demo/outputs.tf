output "certificates" {
  description = "Each DV certificate: order, status, names, expiry and where its PEMs are."
  value = {
    for k, c in local.certificates : k => {
      order_id  = c.order_id
      status    = c.status
      names     = c.names
      not_after = c.not_after
      files     = [for f in ["cert", "chain", "fullchain", "root"] : "${terraform_data.pem_files[k].input.dir}/${f}.pem"]
    }
  }
}

output "document_signing_order" {
  description = "The document signing order."
  value = {
    id     = digicert_document_signing_order.signer.id
    status = digicert_document_signing_order.signer.status
  }
}

output "orders" {
  description = "The orders this configuration placed, one per line: name, order ID, on_destroy."
  value = join("\n", concat(
    [for k, c in local.certificates : "${k} ${c.order_id} ${var.certificates[k].on_destroy}"],
    ["document-signing ${digicert_document_signing_order.signer.id} ${digicert_document_signing_order.signer.on_destroy}"],
  ))
}

# The summary `make demo` prints, one paragraph per order.
locals {
  certificate_summaries = [for k, c in local.certificates : <<-EOT
    DV certificate "${k}" (module.dv["${k}"])
      order:   ${c.order_id}, ${c.status}
      names:   ${join(", ", c.names)}
      expires: ${c.not_after}
      PEMs:    ${terraform_data.pem_files[k].input.dir}/{cert,chain,fullchain,root}.pem
    EOT
  ]

  document_signing_summary = <<-EOT
    Document signing order ${digicert_document_signing_order.signer.id} (ds_org_individual, payment_method = "profile")
      status:  ${digicert_document_signing_order.signer.status}
    EOT

  existing_order_summary = <<-EOT
    Read with data "digicert_order": order ${data.digicert_order.existing.id}
      status:  ${data.digicert_order.existing.status}, ${data.digicert_order.existing.product.name_id}
      names:   ${join(", ", data.digicert_order.existing.certificate.dns_names)}
      expires: ${coalesce(data.digicert_order.existing.not_after, "not issued")}
    EOT

  subaccount_order_summary = <<-EOT
    Read with data "digicert_subaccount_order": order ${data.digicert_subaccount_order.existing.id} of subaccount ${try(data.digicert_subaccount_order.existing.subaccount.account_id, "?")}
      status:  ${data.digicert_subaccount_order.existing.status}, ${data.digicert_subaccount_order.existing.product.name_id}
      names:   ${try(data.digicert_subaccount_order.existing.certificate.common_name, "?")}
      valid:   until ${coalesce(try(data.digicert_subaccount_order.existing.certificate.valid_till, null), "not issued")}
    EOT
}

output "summary" {
  description = "What was ordered and read, for people."
  value = join("\n", concat(local.certificate_summaries, [
    local.document_signing_summary,
    local.existing_order_summary,
    local.subaccount_order_summary,
  ]))
}
