output "order_id" {
  description = "CertCentral order ID."
  value       = digicert_dv_ssl_order.this.id
}

output "status" {
  description = "Order status once the wait ended: issued."
  value       = digicert_dv_ssl_order_validation.this.status
}

output "names" {
  description = "Names the certificate secures, common name first."
  value       = var.names
}

output "dcv_records" {
  description = "The DNS records that proved control of the names, keyed by name."
  value       = digicert_dv_ssl_order.this.dcv_records
}

output "certificate_pem" {
  description = "The issued (leaf) certificate, PEM."
  value       = digicert_dv_ssl_order_validation.this.certificate_pem
}

output "chain_pem" {
  description = "The intermediate CA certificates, PEM."
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
  description = "When the certificate expires (RFC 3339)."
  value       = digicert_dv_ssl_order_validation.this.not_after
}
