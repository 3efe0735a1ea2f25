output "order_id" {
  description = "CertCentral order ID. It changes when a renewal places a new order."
  value       = digicert_dv_ssl_order.this.id
}

output "names" {
  description = "Names the certificate secures, common name first."
  value       = var.names
}

output "dcv_records" {
  description = "The DNS records to publish, keyed by name (the keys are known at plan time, so `for_each` over this output works on the first apply): `type`, `name` (the record's full name) and `value`. Names that share a record appear once."
  value       = digicert_dv_ssl_order.this.dcv_records
}

output "status" {
  description = "Order status once the wait ended: `issued`."
  value       = digicert_dv_ssl_order_validation.this.status
}

output "certificate_pem" {
  description = "The issued (leaf) certificate, PEM."
  value       = digicert_dv_ssl_order_validation.this.certificate_pem
}

output "chain_pem" {
  description = "The intermediate CA certificates, PEM, leaf side first."
  value       = digicert_dv_ssl_order_validation.this.chain_pem
}

output "root_pem" {
  description = "The root CA certificate, PEM."
  value       = digicert_dv_ssl_order_validation.this.root_pem
}

output "full_chain_pem" {
  description = "The leaf followed by the intermediates: what a TLS server serves."
  value       = digicert_dv_ssl_order_validation.this.full_chain_pem
}

output "not_after" {
  description = "When the certificate expires, RFC 3339."
  value       = digicert_dv_ssl_order_validation.this.not_after
}

output "order_valid_till" {
  description = "Last day of the order's coverage (`yyyy-MM-dd`): reissues are free until then."
  value       = digicert_dv_ssl_order.this.order_valid_till
}

output "next_renewal" {
  description = "How the next renewal gets a certificate: `reissue` (free), `renewal_order` (billed) or `none`."
  value       = digicert_dv_ssl_order.this.next_renewal
}
