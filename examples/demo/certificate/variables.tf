# Passed on to modules/dv-certificate, whose descriptions and validation
# apply; sandbox_admin_url is this wrapper's own.

variable "names" {
  description = "Names the certificate secures, common name first."
  type        = list(string)
}

variable "csr" {
  description = "Certificate signing request, PEM."
  type        = string
}

variable "product_name_id" {
  description = "DV product."
  type        = string
}

variable "on_destroy" {
  description = "What destroy does with the order: cancel, revoke or keep."
  type        = string
}

variable "poll_interval" {
  description = "Shortest wait between two DCV checks."
  type        = string
}

variable "validation_timeout" {
  description = "How long one apply waits for issuance."
  type        = string
}

variable "sandbox_admin_url" {
  description = "Admin URL of the DigiCert sandbox (http://127.0.0.1:<port>/sandbox), whose /dns endpoint stands in for a DNS provider."
  type        = string
}
