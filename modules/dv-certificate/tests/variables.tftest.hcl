# The module's variable validation, at plan time, before anything is sent.
# Needs no sandbox: the digicert provider is mocked (Terraform 1.7 and
# OpenTofu 1.8 on), and a plan with invalid variables stops before any
# provider is called.

mock_provider "digicert" {}

variables {
  names = ["www.example.com"]
  csr   = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n"
}

run "no_names" {
  command = plan
  variables {
    names = []
  }
  expect_failures = [var.names]
}

run "duplicate_names" {
  command = plan
  variables {
    names = ["www.example.com", "www.example.com"]
  }
  expect_failures = [var.names]
}

run "not_a_dns_name" {
  command = plan
  variables {
    names = ["www.example.com", "Not A Name"]
  }
  expect_failures = [var.names]
}

run "not_a_csr" {
  command = plan
  variables {
    csr = "MIIB..."
  }
  expect_failures = [var.csr]
}

run "unknown_product" {
  command = plan
  variables {
    product_name_id = "ssl_ev_securesite"
  }
  expect_failures = [var.product_name_id]
}

run "email_dcv" {
  command = plan
  variables {
    dcv_method = "email"
  }
  expect_failures = [var.dcv_method]
}

run "on_destroy" {
  command = plan
  variables {
    on_destroy = "delete"
  }
  expect_failures = [var.on_destroy]
}

run "durations" {
  command = plan
  variables {
    poll_interval      = "15 seconds"
    validation_timeout = "forever"
  }
  expect_failures = [var.poll_interval, var.validation_timeout]
}

run "valid" {
  command = plan
  variables {
    names = ["*.example.com", "example.com"]
  }
  assert {
    condition     = digicert_dv_ssl_order.this.certificate.common_name == "*.example.com" && digicert_dv_ssl_order.this.certificate.dns_names == tolist(["example.com"])
    error_message = "The first name is not the common name, or the others are not dns_names."
  }
}

run "coverage_days" {
  command = plan
  variables {
    order_validity_days = 2000
  }
  expect_failures = [var.order_validity_days]
}
