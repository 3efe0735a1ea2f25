variable "certificates" {
  description = "DV certificates to order, by a short name: the product, the names (common name first) and what destroy does with the order."
  type = map(object({
    product_name_id = optional(string, "ssl_dv_geotrust")
    names           = list(string)
    on_destroy      = optional(string, "cancel")
  }))
  default = {
    www = {
      names      = ["www.example.net", "example.net", "api.example.net"]
      on_destroy = "revoke"
    }
    apps = {
      product_name_id = "wildcard_dv_geotrust"
      names           = ["*.apps.example.net"]
    }
  }
}

variable "csr_file" {
  description = "Path of a PEM certificate signing request. The private key stays outside Terraform (and out of its state): generate it with openssl or your key management, keep the key, and pass the CSR."
  type        = string
}

variable "output_dir" {
  description = "Directory the issued certificates are written to, one subdirectory per certificate."
  type        = string
  default     = "certs"
}

variable "sandbox_admin_url" {
  description = "Admin URL of the DigiCert sandbox, whose DNS stand-in receives the DCV records (`make demo` passes it as TF_VAR_sandbox_admin_url)."
  type        = string
}

variable "poll_interval" {
  description = "Shortest wait between two DCV checks."
  type        = string
  default     = "15s"
}

variable "organization_id" {
  description = "ID of the validated organization the document signing certificate is issued under (CertCentral: Certificates > Organizations)."
  type        = number
}

variable "existing_order_id" {
  description = "An order of the account placed outside this configuration (in the console, or by another workspace), read with the digicert_order data source."
  type        = number
}

variable "subaccount_order_id" {
  description = "An order placed by one of the account's subaccounts, read with the digicert_subaccount_order data source."
  type        = number
}
