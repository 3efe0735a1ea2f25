# Import an existing document signing order by its CertCentral order ID (the
# number in the order's URL in CertCentral, or "id" in the order request's
# answer):
terraform import digicert_document_signing_order.employee 112233

# Order info returns only part of what an order was placed with (no subject,
# contacts, shipping address, usage designation or validity details): the
# next apply adopts those from the configuration in place, without ordering
# again. An argument that both the import and the configuration know, and
# that differs (another product or organization, say), places a new order.
