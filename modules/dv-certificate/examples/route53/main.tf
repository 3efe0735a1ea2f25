# check-examples: needs-registry
# A certificate for www.example.com and example.com, its DCV records in a
# Route 53 zone. The provider configurations belong to the caller: the
# module has none.

terraform {
  required_version = ">= 1.5"

  required_providers {
    digicert = {
      source = "certcentral-community/digicert"
    }
    aws = {
      source = "hashicorp/aws"
    }
  }
}

# DIGICERT_API_KEY from the environment (an HCP Terraform variable set
# marks it sensitive); DIGICERT_BASE_URL for the European platform.
provider "digicert" {}

provider "aws" {}

variable "zone_id" {
  description = "Route 53 hosted zone that holds example.com."
  type        = string
}

module "www" {
  # A release tag of this repository; a local path (../modules/dv-certificate) works too.
  source = "git::https://github.com/certcentral-community/terraform-provider-digicert.git//modules/dv-certificate?ref=v1.0.0"

  names = ["www.example.com", "example.com"]
  csr   = file("${path.module}/www.csr")
  # The wait for issuance starts once the records exist.
  dcv_records_ready = aws_route53_record.dcv
}

resource "aws_route53_record" "dcv" {
  for_each = module.www.dcv_records

  zone_id = var.zone_id
  name    = each.value.name
  type    = each.value.type
  ttl     = 60
  records = [each.value.value]
}

output "full_chain_pem" {
  value = module.www.full_chain_pem
}
