terraform {
  # check blocks need Terraform 1.5 (OpenTofu: every release);
  # `terraform test` with mock providers, the way this module is tested,
  # needs Terraform 1.7 or OpenTofu 1.8.
  required_version = ">= 1.5"

  required_providers {
    digicert = {
      source = "certcentral-community/digicert"
    }
  }
}
