# document_signing_org_1: the request example of CertCentral's
# "Order document signing certificate" page, attribute for attribute, with
# the current page's order_validity in place of validity_years (deprecated
# there, still accepted with a warning). A hardware token is shipped to Erin
# Guerra; the order skips the approval step.
resource "digicert_document_signing_order" "org_token" {
  product_name_id = "document_signing_org_1"
  certificate = {
    server_platform = {
      id = 21
    }
    signature_hash = "sha256" # the only value this product allows
  }
  cs_provisioning_method = "ship_token"
  use_org_as_common_name = true
  order_validity = {
    years = 2 # years only for the org products
  }
  comments = "Comments for the the approver."
  organization = {
    id = 334455
  }
  container = {
    id = 221122
  }
  ship_info = {
    name    = "Erin Guerra"
    addr1   = "360 Taylor Street"
    addr2   = "Floor 74"
    city    = "Richmond"
    state   = "va"
    zip     = "69662"
    country = "us"
    method  = "standard" # lower case for the org products
  }
  subject = {
    name      = "Rene Pierce"
    job_title = "School Counselor"
    phone     = "054-139-0798"
    email     = "rene.pierce@yahoo.com"
  }
  csa_agreed_to  = true # sent as 1
  skip_approval  = true
  payment_method = "balance"
}

# document_signing_org_2 for a new organization, picked up with DigiCert's
# client app. organization_id holds the ID of the organization the order
# creates.
resource "digicert_document_signing_order" "org_new_organization" {
  product_name_id = "document_signing_org_2"
  certificate = {
    signature_hash = "sha256"
  }
  cs_provisioning_method = "client_app"
  order_validity = {
    years = 1
  }
  organization = {
    name         = "Epigyne Unwieldiness llc"
    assumed_name = "Epigyne Unwieldiness"
    address      = "932 Prospect Street"
    city         = "Minneapolis"
    state        = "mn"
    zip          = "40849"
    country      = "us"
    telephone    = "666-186-6450"
    organization_contact = {
      first_name = "Gia"
      last_name  = "Booth"
      email      = "gia.booth@inbox.com"
      telephone  = "666-186-6450"
    }
  }
  subject = {
    name      = "Gia Booth"
    job_title = "Clinical Laboratory Technician"
    phone     = "666-186-6450"
    email     = "gia.booth@inbox.com"
  }
  # Destroying the resource cancels the order while it is pending; once the
  # certificate is issued, "revoke" revokes it instead of leaving it valid.
  on_destroy = "revoke"
}

# ds_org_individual (Document Signing for Business – Employee): its own body,
# with subject.given_name/surname, order_validity, usage_designation and
# organization.contacts, and the key settings under certificate.
resource "digicert_document_signing_order" "employee" {
  product_name_id = "ds_org_individual"
  certificate = {
    csr = file("${path.module}/rene-pierce.csr") # an ECDSA P-256 key
    usage_designation = {
      primary_usage     = "signing"
      additional_usages = ["document_signing", "ms_document_signing"]
    }
    csr_key_type   = "ecc"
    key_size       = "p-256" # RSA keys: "2048", "3072" or "4096"
    signature_hash = "sha384"
  }
  cs_provisioning_method = "email" # email needs certificate.csr
  organization = {
    id = 334455
    contacts = [
      {
        id           = 1
        user_id      = 7001 # an existing user of the account
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
    years = 1
  }
  additional_emails = ["finance@example.com"]
  csa_agreed_to     = true
  payment_method    = "profile" # the account's default credit card
}

output "employee_order" {
  value = {
    id       = digicert_document_signing_order.employee.id
    status   = digicert_document_signing_order.employee.status
    requests = digicert_document_signing_order.employee.requests
  }
}
