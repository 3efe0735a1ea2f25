# Import an existing ACME credential by its CertCentral ID (the `id` of the
# digicert_acme_credentials data source, or GET /key). CertCentral showed its
# key ID and HMAC key only when it was created: after the import key_id,
# hmac_key and acme_directory_url are null. An ACME client that already holds
# them keeps working; `terraform apply -replace=...` makes a new pair.
terraform import digicert_acme_credential.cert_manager 9001
