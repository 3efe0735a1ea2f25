# An order placed elsewhere (in the CertCentral console, or by another
# workspace), read without importing it.
data "digicert_order" "example" {
  id = 6484932
}

output "order_status" {
  value = data.digicert_order.example.status
}

# The PEMs and not_after are null until the order is issued.
output "full_chain_pem" {
  value = data.digicert_order.example.full_chain_pem
}

output "certificate_expires" {
  value = data.digicert_order.example.not_after
}
