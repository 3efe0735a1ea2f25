variable "names" {
  description = "Names the certificate secures. The first is the common name; the others become dns_names. A wildcard name (*.example.com) needs a wildcard product."
  type        = list(string)

  validation {
    condition     = length(var.names) > 0
    error_message = "Give at least one name: the first is the certificate's common name."
  }
}

variable "csr" {
  description = "Certificate signing request, PEM. CertCentral takes the names from var.names, not from the CSR, so any CSR of the key you will serve the certificate with works."
  type        = string
}

variable "product_name_id" {
  description = "DV product: ssl_dv_geotrust, ssl_dv_rapidssl, cloud_dv_geotrust, or wildcard_dv_geotrust / wildcard_dv_rapidssl for a wildcard common name."
  type        = string
  default     = "ssl_dv_geotrust"
}

variable "sandbox_admin_url" {
  description = "Admin URL of the DigiCert sandbox (http://127.0.0.1:<port>/sandbox), whose /dns endpoint stands in for a DNS provider. With a real DNS provider this variable goes away: see README.md."
  type        = string
}

variable "on_destroy" {
  description = "What destroy does with the order: cancel (the default: cancels an order not issued yet and leaves an issued one serving), revoke, or keep."
  type        = string
  default     = "cancel"
}

variable "renew_before_days" {
  description = "Renew in place when the certificate has this many days or fewer left; the old order keeps serving until it expires."
  type        = number
  default     = 30
}

variable "poll_interval" {
  description = "Shortest wait between two DCV checks while waiting for issuance."
  type        = string
  default     = "15s"
}

variable "validation_timeout" {
  description = "How long to wait for DCV and issuance. On timeout only the wait fails: the order stays, and the next apply waits again."
  type        = string
  default     = "45m"
}
