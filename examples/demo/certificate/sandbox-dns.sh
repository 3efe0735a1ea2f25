#!/usr/bin/env bash
# Publishes (POST) or removes (DELETE) one record in the DNS stand-in of the
# DigiCert sandbox, through its admin API (POST/DELETE <admin url>/dns with
# {"type","name","value"}). It plays the part a DNS provider's record resource
# plays in production; see README.md.
#
# Usage: ADMIN_URL=http://127.0.0.1:PORT/sandbox RECORD='{"type":"TXT",...}' sandbox-dns.sh POST|DELETE
set -euo pipefail

method=${1:?usage: sandbox-dns.sh POST|DELETE}
url="${ADMIN_URL:?ADMIN_URL is not set}/dns"
body="${RECORD:?RECORD is not set}"

if command -v curl >/dev/null; then
  curl --fail --silent --show-error --max-time 10 -X "$method" \
    -H 'Content-Type: application/json' --data-binary "$body" "$url" >/dev/null
else
  # No curl: plain HTTP over bash's /dev/tcp (the sandbox listens on loopback).
  export LC_ALL=C # so that ${#body} counts bytes
  rest=${url#http://}
  hostport=${rest%%/*}
  exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}"
  printf '%s /%s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$method" "${rest#*/}" "$hostport" "${#body}" "$body" >&3
  IFS=$' \r' read -r _ status _ <&3
  exec 3>&-
  if [ "$status" != 200 ]; then
    echo "sandbox-dns.sh: $method $url answered HTTP $status" >&2
    exit 1
  fi
fi
case $method in POST) echo "sandbox DNS: published $body" ;; DELETE) echo "sandbox DNS: removed $body" ;; esac
