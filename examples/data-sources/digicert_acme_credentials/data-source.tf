# The active ACME credentials named "cert-manager-prod", for example to find
# the ID of a credential left behind by an interrupted apply.
data "digicert_acme_credentials" "cert_manager" {
  name = "cert-manager-prod"
}

output "credential_ids" {
  value = [for c in data.digicert_acme_credentials.cert_manager.credentials : c.id]
}
