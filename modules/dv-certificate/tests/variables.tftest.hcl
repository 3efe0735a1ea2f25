# The module's variable validation, at plan time, before anything is sent,
# and its wiring. Needs no sandbox: the digicert provider is mocked
# (Terraform 1.7 and OpenTofu 1.8 on); its schema's own validation still
# runs, so csr is a real CSR, which the harness passes in TF_VAR_csr.
#
# A run whose variables are refused is a plan; the others apply (against the
# mock): a plan-only run that gets as far as the module's check block fails
# on it, since it cannot be evaluated before the order exists.

mock_provider "digicert" {
  mock_resource "digicert_dv_ssl_order" {
    defaults = {
      id               = "1000001"
      request_id       = 2000001
      days_remaining   = 199
      next_renewal     = "reissue"
      order_valid_till = "2027-12-08"
    }
  }
  mock_resource "digicert_dv_ssl_order_validation" {
    defaults = {
      status          = "issued"
      certificate_pem = "-----BEGIN CERTIFICATE-----\nleaf\n-----END CERTIFICATE-----\n"
      chain_pem       = "-----BEGIN CERTIFICATE-----\nintermediate\n-----END CERTIFICATE-----\n"
      full_chain_pem  = "-----BEGIN CERTIFICATE-----\nleaf\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nintermediate\n-----END CERTIFICATE-----\n"
    }
  }
}

variables {
  names = ["www.example.com"]
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
  # Only the wait uses them: the order's own plan (and the check block,
  # which a plan-only run cannot evaluate) is left out.
  plan_options {
    target = [digicert_dv_ssl_order_validation.this]
  }
  variables {
    poll_interval      = "15 seconds"
    validation_timeout = "forever"
  }
  expect_failures = [var.poll_interval, var.validation_timeout]
}

run "valid" {
  variables {
    names           = ["*.example.com", "example.com"]
    product_name_id = "wildcard_dv_geotrust"
  }
  assert {
    condition     = digicert_dv_ssl_order.this.certificate.common_name == "*.example.com" && digicert_dv_ssl_order.this.certificate.dns_names == tolist(["example.com"])
    error_message = "The first name is not the common name, or the others are not dns_names."
  }
  assert {
    condition     = digicert_dv_ssl_order_validation.this.order_id == "1000001" && digicert_dv_ssl_order_validation.this.request_id == 2000001
    error_message = "The wait is not for the order's current request."
  }
  assert {
    condition     = output.full_chain_pem == digicert_dv_ssl_order_validation.this.full_chain_pem && output.status == "issued"
    error_message = "The outputs are not the validation's."
  }
}

run "check_warns_when_running_out" {
  variables {
    warn_before_days = 200
  }
  # A warning, not an error: the run passes and names the failed check.
  expect_failures = [check.certificate_lifetime]
}

run "coverage_days" {
  command = plan
  variables {
    order_validity_days = 2000
  }
  expect_failures = [var.order_validity_days]
}
