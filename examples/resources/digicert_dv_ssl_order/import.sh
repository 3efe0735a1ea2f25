# Import an existing order by its CertCentral order ID (Certificates > Orders,
# or GET /order/certificate). Arguments that order info does not return
# (dcv_method, skip_approval, locale, ...) are taken from your configuration on
# the next apply, without placing a new order.
terraform import digicert_dv_ssl_order.www 6484932
