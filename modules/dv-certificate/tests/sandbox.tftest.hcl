# The module against the sandbox CertCentral, as a caller uses it
# (tests/sandbox): the records are keyed at plan time, the order is placed
# once, issued after its records are published, and its PEMs come out.
# Run by internal/moduletest (make test), which serves the provider, the
# sandbox and the test DNS provider, and passes the CSR in TF_VAR_csr.

variables {
  names         = ["www.module.example.com", "module.example.com", "api.module.example.com"]
  poll_interval = "100ms"
}

run "records_known_at_plan_time" {
  command = plan

  module {
    source = "./tests/sandbox"
  }

  # Only the records and what they need: the module's check block cannot be
  # evaluated before the order exists, which a plan-only run reports as an
  # error.
  plan_options {
    target = [sandboxdns_record.dcv]
  }

  # The DNS records are planned, one per name, before the order exists.
  assert {
    condition     = length(sandboxdns_record.dcv) == 3
    error_message = "The first plan does not hold one DNS record per name."
  }
  assert {
    condition     = toset(keys(module.certificate.dcv_records)) == toset(var.names)
    error_message = "dcv_records is not keyed by the names at plan time."
  }
}

run "issued" {
  module {
    source = "./tests/sandbox"
  }

  assert {
    condition     = output.certificate.status == "issued"
    error_message = "The certificate was not issued: status ${output.certificate.status}."
  }
  assert {
    condition     = startswith(output.certificate.full_chain_pem, "-----BEGIN CERTIFICATE-----") && length(regexall("BEGIN CERTIFICATE", output.certificate.full_chain_pem)) >= 2
    error_message = "full_chain_pem is not the leaf followed by the intermediates."
  }
  assert {
    condition     = output.certificate.full_chain_pem == "${output.certificate.certificate_pem}${output.certificate.chain_pem}"
    error_message = "full_chain_pem is not certificate_pem followed by chain_pem."
  }
  assert {
    condition     = output.record_names["www.module.example.com"] == output.certificate.dcv_records["www.module.example.com"].name
    error_message = "The DNS record for www.module.example.com is not at the name dcv_records gives."
  }
  assert {
    condition     = output.certificate.names == tolist(var.names)
    error_message = "names does not come back as given."
  }
}

run "second_plan_changes_nothing" {
  command = plan

  module {
    source = "./tests/sandbox"
  }

  # Same order, same wait: were either planned again, status would be
  # unknown here, and the run would fail.
  assert {
    condition     = module.certificate.status == "issued" && length(sandboxdns_record.dcv) == 3
    error_message = "The plan after the apply would change the certificate."
  }
}
