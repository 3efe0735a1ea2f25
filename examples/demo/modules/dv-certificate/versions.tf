terraform {
  # terraform_data needs Terraform 1.4 or later (any OpenTofu release has it).
  required_version = ">= 1.4"

  required_providers {
    digicert = {
      source = "certcentral-community/digicert"
    }
  }
}
