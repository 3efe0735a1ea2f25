# Lets this directory work on its own (copied alone, the CLI would look for
# hashicorp/digicert).
terraform {
  required_providers {
    digicert = {
      source = "certcentral-community/digicert"
    }
  }
}
