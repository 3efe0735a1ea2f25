terraform {
  required_version = ">= 1.5"

  required_providers {
    digicert = {
      source = "certcentral-community/digicert"
    }
  }
}
