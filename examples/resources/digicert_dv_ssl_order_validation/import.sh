# Import the wait of an existing order by the order ID.
terraform import digicert_dv_ssl_order_validation.www 6484932
