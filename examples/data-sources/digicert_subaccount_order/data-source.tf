# An order placed by one of the account's subaccounts, with its domain and
# organization validation status.
data "digicert_subaccount_order" "example" {
  order_id                  = 12345678
  include_validation_status = true
}

output "subaccount_order_status" {
  value = data.digicert_subaccount_order.example.status
}

# certificate is null for orders of sub-subaccounts.
output "subaccount_order_common_name" {
  value = try(data.digicert_subaccount_order.example.certificate.common_name, null)
}

# The names still waiting for domain control validation.
output "unapproved_names" {
  value = flatten([
    for v in try(data.digicert_subaccount_order.example.subaccount_order_validations.dns_name_validations, []) :
    v.dns_names if v.status == "unapproved"
  ])
}
