# The pending document signing orders of one container (division).
list "digicert_document_signing_order" "legal" {
  provider = digicert

  config {
    status       = "pending"
    container_id = 221122
  }
}
