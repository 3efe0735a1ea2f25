# A DV credential for an ACME client such as cert-manager or Certbot.
resource "digicert_acme_credential" "cert_manager" {
  name            = "cert-manager-prod"
  product_name_id = "ssl_dv_geotrust"

  # Rotate every 90 days: a new credential exists before the old one is
  # revoked (see the ACME credentials guide).
  rotation_triggers = {
    rotated = "2026-Q4"
  }
  lifecycle {
    create_before_destroy = true
  }
}

# An OV credential names a validated organization.
resource "digicert_acme_credential" "caddy_ov" {
  name            = "caddy-ov"
  product_name_id = "ssl_basic"
  organization_id = 112233
  validity_days   = 199
}

output "acme_directory_url" {
  value = digicert_acme_credential.cert_manager.acme_directory_url
}

output "eab_kid" {
  value = digicert_acme_credential.cert_manager.key_id
}

output "eab_hmac_key" {
  value     = digicert_acme_credential.cert_manager.hmac_key
  sensitive = true
}
