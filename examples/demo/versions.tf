terraform {
  required_version = ">= 1.4"

  required_providers {
    digicert = {
      source = "certcentral-community/digicert"
    }
  }
}

# No arguments: the provider reads DIGICERT_API_KEY and DIGICERT_BASE_URL from
# the environment (`make demo` sets them to the sandbox's). Against the real
# CertCentral, set DIGICERT_API_KEY and leave DIGICERT_BASE_URL unset (US) or
# set it to https://certcentral.digicert.eu/services/v2 (Europe).
provider "digicert" {}
