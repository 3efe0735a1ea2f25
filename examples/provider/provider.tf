terraform {
  required_providers {
    digicert = {
      source = "certcentral-community/digicert"
    }
  }
}

# With no arguments the provider reads DIGICERT_API_KEY (and, if set,
# DIGICERT_BASE_URL) from the environment and talks to the US platform.
provider "digicert" {
  api_key = var.digicert_api_key

  # Accounts on the European platform:
  # base_url = "https://certcentral.digicert.eu/services/v2"
}

variable "digicert_api_key" {
  description = "CertCentral API key (Account > API Keys)."
  type        = string
  sensitive   = true
}
