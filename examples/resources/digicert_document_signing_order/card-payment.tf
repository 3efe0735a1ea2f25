# check-examples: needs-write-only (write-only attributes and ephemeral variables need Terraform or OpenTofu 1.11+)
# Paying with a new credit card (ds_org_individual). credit_card is
# write-only: it is sent with the order and never written to the plan or the
# state. It needs Terraform 1.11 or later, or a current OpenTofu; older
# versions refuse it at plan time: pay with payment_method = "profile" or
# "balance" there.
#
# Pass the card through ephemeral variables (for example TF_VAR_card_number
# in the environment of the apply): a value written in a .tf file is part of
# the configuration, and an ordinary variable's value is saved in plan files.
#
# The card is needed only to place the order. Once the order exists, later
# plans and destroys ignore credit_card and billing_address: the variables
# may be left unset (they default to null), the card may expire, and both
# objects may be removed, all without any change planned. Only a plan that
# places a new order (a replacement) checks the card again.

variable "card_number" {
  type      = string
  sensitive = true
  ephemeral = true
  default   = null
}

variable "card_cvv" {
  type      = string
  sensitive = true
  ephemeral = true
  default   = null
}

resource "digicert_document_signing_order" "employee_card" {
  product_name_id = "ds_org_individual"
  certificate = {
    usage_designation = {
      primary_usage = "signing"
    }
  }
  cs_provisioning_method = "ship_token"
  ship_info = {
    name    = "Rene Pierce"
    addr1   = "360 Taylor Street"
    addr2   = "Floor 74" # required for this product
    city    = "Richmond"
    state   = "va"
    zip     = "69662"
    country = "us"
    method  = "EXPEDITED" # upper case for ds_org_individual
  }
  organization = {
    id = 334455
    contacts = [
      {
        id           = 1
        user_id      = 7001
        contact_type = "organization_contact"
      },
    ]
  }
  subject = {
    given_name = "Rene"
    surname    = "Pierce"
    job_title  = "Accountant"
    phone      = "054-139-0798"
    email      = "rene.pierce@example.com"
  }
  order_validity = {
    years = 1 # or days (up to 1095), or custom_expiration_date = "09 JUN 2027"
  }
  csa_agreed_to  = true
  payment_method = "card"
  credit_card = {
    number           = var.card_number
    expiration_month = "01"
    expiration_year  = "2030"
    cvv              = var.card_cvv
    cardholder_name  = "Rene Pierce"
    set_as_default   = false # sent as "0"
  }
  billing_address = {
    address = "360 Taylor Street"
    city    = "Richmond"
    state   = "va"
    country = "us"
    zip     = "69662"
  }
}
