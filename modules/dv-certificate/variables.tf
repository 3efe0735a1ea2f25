variable "names" {
  description = "Names the certificate secures. The first is the common name, the others become `dns_names`. A wildcard name (`*.example.com`) needs a wildcard product and a DNS DCV method."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.names) > 0
    error_message = "Give at least one name: the first is the certificate's common name."
  }
  validation {
    condition     = length(distinct(var.names)) == length(var.names)
    error_message = "Each name may appear once in names."
  }
  validation {
    condition     = alltrue([for n in var.names : can(regex("^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", n))])
    error_message = "Each name must be a lower-case DNS name with at least two labels, such as www.example.com, or a wildcard such as *.example.com."
  }
}

variable "csr" {
  description = "Certificate signing request, PEM. CertCentral takes the names from `names`, not from the CSR, so any CSR of the key you will serve the certificate with works. The private key stays outside Terraform."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^\\s*-----BEGIN (NEW )?CERTIFICATE REQUEST-----", var.csr))
    error_message = "csr must be a PEM certificate signing request, starting with -----BEGIN CERTIFICATE REQUEST-----."
  }
}

variable "product_name_id" {
  description = "DV product: `ssl_dv_geotrust` (the default), `ssl_dv_rapidssl`, `cloud_dv_geotrust`, or `wildcard_dv_geotrust` / `wildcard_dv_rapidssl` for a wildcard common name."
  type        = string
  default     = "ssl_dv_geotrust"
  nullable    = false

  validation {
    condition     = contains(["ssl_dv_geotrust", "ssl_dv_rapidssl", "cloud_dv_geotrust", "wildcard_dv_geotrust", "wildcard_dv_rapidssl"], var.product_name_id)
    error_message = "product_name_id must be one of ssl_dv_geotrust, ssl_dv_rapidssl, cloud_dv_geotrust, wildcard_dv_geotrust, wildcard_dv_rapidssl."
  }
}

variable "dcv_method" {
  description = "How DigiCert checks control of the names: `dns-txt-token` (the default: a TXT record per name) or `dns-cname-token` (a CNAME record per name). `dcv_records` holds the records either way."
  type        = string
  default     = "dns-txt-token"
  nullable    = false

  validation {
    condition     = contains(["dns-txt-token", "dns-cname-token"], var.dcv_method)
    error_message = "dcv_method must be dns-txt-token or dns-cname-token: this module proves control with DNS records."
  }
}

variable "dcv_records_ready" {
  description = "The caller's DNS record resources for `dcv_records` (for example `aws_route53_record.dcv`), or any value known once they exist. The wait for issuance starts after it is known; a new value (a record replaced) starts a new wait. Null: the wait starts at once, for records published outside this configuration."
  type        = any
  default     = null
}

variable "order_validity_years" {
  description = "Years of coverage of the order (1, 2 or 3). Certificates within the coverage are free reissues; the certificate itself lasts as long as CertCentral allows."
  type        = number
  default     = 1
  nullable    = false

  validation {
    condition     = contains([1, 2, 3], var.order_validity_years)
    error_message = "order_validity_years must be 1, 2 or 3."
  }
}

variable "order_validity_days" {
  description = "Days of coverage (1 to 1095) instead of `order_validity_years`. Null (the default): `order_validity_years` decides."
  type        = number
  default     = null

  validation {
    condition     = coalesce(var.order_validity_days, 1) >= 1 && coalesce(var.order_validity_days, 1) <= 1095
    error_message = "order_validity_days must be between 1 and 1095."
  }
}

variable "renew_before_days" {
  description = "Renew when the certificate has this many days or fewer left: a free reissue while the coverage can hold a certificate, else a billed renewal order (see `allow_renewal_orders`)."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = var.renew_before_days >= 1 && floor(var.renew_before_days) == var.renew_before_days
    error_message = "renew_before_days must be a whole number of days, at least 1."
  }
}

variable "allow_renewal_orders" {
  description = "Whether renewal may place a billed renewal order when the coverage cannot hold another certificate. With false, renewal only reissues, and the plan warns when the coverage is ending."
  type        = bool
  default     = true
  nullable    = false
}

variable "on_destroy" {
  description = "What destroy does with the order: `cancel` (the default: cancels an order not issued yet and leaves an issued one serving until it expires), `revoke`, or `keep`."
  type        = string
  default     = "cancel"
  nullable    = false

  validation {
    condition     = contains(["cancel", "revoke", "keep"], var.on_destroy)
    error_message = "on_destroy must be cancel, revoke or keep."
  }
}

variable "poll_interval" {
  description = "Shortest wait between two DCV checks while waiting for issuance, a Go duration such as `15s` (the default)."
  type        = string
  default     = "15s"
  nullable    = false

  validation {
    condition     = can(regex("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$", var.poll_interval))
    error_message = "poll_interval must be a duration such as 500ms, 15s or 1m30s."
  }
}

variable "validation_timeout" {
  description = "How long one apply waits for DCV and issuance, a duration such as `45m` (the default). On timeout only the wait fails: the order stays, and the next apply waits again."
  type        = string
  default     = "45m"
  nullable    = false

  validation {
    condition     = can(regex("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$", var.validation_timeout))
    error_message = "validation_timeout must be a duration such as 10m, 45m or 1h."
  }
}

variable "warn_before_days" {
  description = "The `certificate_lifetime` check warns when the certificate has this many days or fewer left (renewal should have happened before, at `renew_before_days`). Also warned: an order whose coverage ends before the next renewal."
  type        = number
  default     = 14
  nullable    = false

  validation {
    condition     = var.warn_before_days >= 0
    error_message = "warn_before_days must be 0 or more."
  }
}
