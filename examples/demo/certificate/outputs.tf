output "certificate" {
  description = "Every output of modules/dv-certificate: order_id, status, names, dcv_records, the PEMs, not_after, order_valid_till, next_renewal."
  value       = module.certificate
}
