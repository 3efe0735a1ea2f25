terraform {
  required_providers {
    digicert = {
      source = "certcentral-community/digicert"
    }
  }
}

# With no arguments the provider reads DIGICERT_API_KEY (a key made in
# CertCentral under Automation > API Keys) and, if set, DIGICERT_BASE_URL from
# the environment, and talks to the US platform. Keeping the key in the
# environment keeps it out of the configuration.
provider "digicert" {
  # Accounts on the European platform (or set DIGICERT_BASE_URL):
  # base_url = "https://certcentral.digicert.eu/services/v2"
}
