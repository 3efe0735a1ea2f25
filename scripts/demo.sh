#!/usr/bin/env bash
# `make demo`: the whole provider, end to end, with no CertCentral account and
# no network beyond the Go module proxy.
#
#   1. builds the CLI (the current Terraform, or OpenTofu with DEMO_CLI=tofu)
#      into the tool cache if it is not there yet (scripts/install-tools.sh),
#   2. builds the provider, the sandbox and a small helper (Go standard library),
#   3. starts the sandbox (a local imitation of CertCentral) on a loopback port,
#   4. runs init and apply on a copy of examples/demo/, with a CLI config that
#      installs the fresh build from a local filesystem mirror, and the
#      sandbox's URL and API key in DIGICERT_BASE_URL / DIGICERT_API_KEY
#      (never in the configuration),
#   5. prints a summary and inspects the certificates written to disk,
#   6. runs destroy, showing what on_destroy does with each order,
#   7. stops the sandbox and removes its working directory.
#
# Usage: scripts/demo.sh          (or `make demo`)
#   DEMO_CLI=tofu   run it with OpenTofu instead of Terraform
#   DEMO_CLI_PATH=/usr/local/bin/terraform  run it with a CLI already installed
#                   (give DEMO_CLI=tofu too for an OpenTofu binary); nothing is built
#   DEMO_KEEP=1     keep the working directory (configuration copy, state, logs)
#   DEMO_VERBOSE=1  show the CLI output in full (plans and outputs too)
set -euo pipefail

cd "$(dirname "$0")/.."
export TOOLS_DIR="${TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-digicert/tools}"
cli_name=${DEMO_CLI:-terraform}
# The version the local build is installed as: any version but 0.0.0, which
# Terraform reads as "unspecified" (the configuration pins none).
mirror_version=0.0.1

steps=7
step_no=0
began=$SECONDS
step() {
  step_no=$((step_no + 1))
  printf '\n==> [%d/%d, %ds] %s\n' "$step_no" "$steps" "$((SECONDS - began))" "$*"
}
die() { printf 'demo: %s\n' "$*" >&2; exit 1; }

# The demo runs what most teams run: the current Terraform release.
case "$cli_name" in
  terraform) tool=terraform-current
    cli_label="Terraform $(scripts/install-tools.sh --version terraform-current)" build_minutes="2 to 4" ;;
  tofu) tool=tofu cli_label="OpenTofu $(scripts/install-tools.sh --version tofu)" build_minutes="4 to 6" ;;
  *) die "DEMO_CLI must be terraform or tofu (got \"$cli_name\")" ;;
esac
command -v go >/dev/null || die "Go is required (https://go.dev/dl/)"
cli=$(scripts/install-tools.sh --path "$tool")
if [ -n "${DEMO_CLI_PATH:-}" ]; then
  cli=$(command -v "$DEMO_CLI_PATH") || die "DEMO_CLI_PATH=$DEMO_CLI_PATH is not an executable"
  cli_label="$("$cli" version | head -n 1)"
  case "$cli_label" in
    "Terraform v"*) [ "$cli_name" = terraform ] || die "DEMO_CLI_PATH is Terraform: leave DEMO_CLI unset" ;;
    "OpenTofu v"*) [ "$cli_name" = tofu ] || die "DEMO_CLI_PATH is OpenTofu: give DEMO_CLI=tofu too" ;;
    *) die "DEMO_CLI_PATH=$cli does not say it is Terraform or OpenTofu ($cli_label)" ;;
  esac
fi

# Everything the run creates lives here and goes away at the end.
work=$(mktemp -d "${TMPDIR:-/tmp}/digicert-demo.XXXXXX")
sandbox_pid=""
cleanup() {
  local rc=$?
  if [ -n "$sandbox_pid" ] && kill -0 "$sandbox_pid" 2>/dev/null; then
    kill -TERM "$sandbox_pid" 2>/dev/null || true
    wait "$sandbox_pid" 2>/dev/null || true
  fi
  if [ "${DEMO_KEEP:-}" = 1 ] || [ "$rc" != 0 ]; then
    printf '\nThe working directory (configuration, state, sandbox log) is kept in %s\n' "$work" >&2
  else
    rm -rf "$work"
  fi
  if [ "$rc" != 0 ]; then
    printf 'demo: failed after %ds (exit status %d)\n' "$((SECONDS - began))" "$rc" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------
step "$cli_label"
if [ -x "$cli" ]; then
  echo "cached: $cli"
else
  echo "Building $cli_label from the Go module proxy into $TOOLS_DIR."
  echo "This happens once per machine and takes about $build_minutes minutes (the three CLIs that make test needs: about 15)."
  echo "Later runs reuse the cache."
  scripts/install-tools.sh "$tool"
fi

# ---------------------------------------------------------------------------
step "Building the provider, the sandbox and the demo helper"
mkdir -p "$work/plugins" "$work/bin" "$work/helper"
go build -ldflags "-X main.version=$mirror_version" -o "$work/plugins/terraform-provider-digicert" .
go build -o "$work/bin/digicert-sandbox" ./internal/sandbox/cmd/digicert-sandbox

# The few things bash cannot do on its own (make a CSR, read a certificate,
# read order info as JSON), with Go's standard library only: Go is the one
# tool `make demo` requires, so no openssl, jq or curl is needed.
cat >"$work/helper/go.mod" <<'EOF'
module demohelper

go 1.21
EOF
cat >"$work/helper/main.go" <<'EOF'
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	var err error
	switch os.Args[1] {
	case "csr": // csr DIR: DIR/demo.key (ECDSA P-256, mode 0600) and DIR/demo.csr
		err = makeCSR(os.Args[2])
	case "inspect": // inspect DIR...: each DIR/cert.pem, checked against DIR/chain.pem and DIR/root.pem
		for _, dir := range os.Args[2:] {
			if err = inspect(dir); err != nil {
				break
			}
		}
	case "order": // order ID: the order's status, from the API at $DIGICERT_BASE_URL
		err = order(os.Args[2])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "demo helper:", err)
		os.Exit(1)
	}
}

func makeCSR(dir string) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	csr, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: pkix.Name{CommonName: "demo"}}, key)
	if err != nil {
		return err
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "demo.key"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "demo.csr"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: csr}), 0o644)
}

func readCerts(path string) ([]*x509.Certificate, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []*x509.Certificate
	for {
		var b *pem.Block
		if b, raw = pem.Decode(raw); b == nil {
			return out, nil
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, c)
	}
}

func inspect(dir string) error {
	leaf, err := readCerts(filepath.Join(dir, "cert.pem"))
	if err != nil || len(leaf) != 1 {
		return fmt.Errorf("%s/cert.pem: want one certificate (%v)", dir, err)
	}
	c := leaf[0]
	opts := x509.VerifyOptions{Intermediates: x509.NewCertPool(), Roots: x509.NewCertPool()}
	for name, pool := range map[string]*x509.CertPool{"chain.pem": opts.Intermediates, "root.pem": opts.Roots} {
		certs, err := readCerts(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		for _, x := range certs {
			pool.AddCert(x)
		}
	}
	verified := "verifies against chain.pem and root.pem"
	if _, err := c.Verify(opts); err != nil {
		verified = "DOES NOT VERIFY: " + err.Error()
	}
	fmt.Printf("%s/cert.pem\n", dir)
	fmt.Printf("  subject: %s\n  names:   %s\n  expires: %s\n  issuer:  %s\n  chain:   %s\n",
		c.Subject, strings.Join(c.DNSNames, ", "), c.NotAfter.UTC().Format(time.RFC3339), c.Issuer, verified)
	return nil
}

func order(id string) error {
	req, err := http.NewRequest(http.MethodGet, os.Getenv("DIGICERT_BASE_URL")+"/order/certificate/"+id, nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-DC-DEVKEY", os.Getenv("DIGICERT_API_KEY"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var o struct {
		Status  string `json:"status"`
		Product struct {
			NameID string `json:"name_id"`
		} `json:"product"`
		Requests []struct {
			Type   string `json:"type"`
			Status string `json:"status"`
		} `json:"requests"`
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("order %s: HTTP %d", id, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&o); err != nil {
		return fmt.Errorf("order %s: %w", id, err)
	}
	line := fmt.Sprintf("order %s (%s): %s", id, o.Product.NameID, o.Status)
	for _, r := range o.Requests {
		if r.Type == "revoke" {
			line += fmt.Sprintf(", revoke request %s", r.Status)
		}
	}
	fmt.Println(line)
	return nil
}
EOF
(cd "$work/helper" && GOTOOLCHAIN=local GOFLAGS=-mod=mod go build -o "$work/bin/demo-helper" .)
helper="$work/bin/demo-helper"
echo "built $work/plugins/terraform-provider-digicert"

# ---------------------------------------------------------------------------
step "Starting the CertCentral sandbox on a loopback port"
"$work/bin/digicert-sandbox" -addr 127.0.0.1:0 >"$work/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 100); do
  grep -q '^export DIGICERT_API_KEY=' "$work/sandbox.log" && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.log" >&2; die "the sandbox exited"; }
  sleep 0.1
done
field() { sed -n "s/^  $1: *//p" "$work/sandbox.log" | head -n1; }
# The order the sandbox seeded with the given note (see internal/sandbox/demo.go).
seeded() { awk -v note="$1" '$1 ~ /^[0-9]+$/ && index($0, note) { print $1; exit }' "$work/sandbox.log"; }
base_url=$(field 'base URL')
admin_url=$(field 'admin URL')
api_key=$(field 'API key')
existing_order=$(seeded 'issued via DNS TXT')
subaccount_order=$(seeded 'subaccount, issued')
[ -n "$base_url" ] && [ -n "$admin_url" ] && [ -n "$api_key" ] && [ -n "$existing_order" ] && [ -n "$subaccount_order" ] ||
  { cat "$work/sandbox.log" >&2; die "could not read the sandbox's URL, key and seeded orders from its output"; }
echo "sandbox: $base_url (pid $sandbox_pid); seeded orders $existing_order (account) and $subaccount_order (subaccount)"

# The provider reads these; they never appear in the configuration.
export DIGICERT_BASE_URL="$base_url" DIGICERT_API_KEY="$api_key"
# What the configuration needs to know about this run.
"$helper" csr "$work"
export TF_VAR_csr_file="$work/demo.csr"
export TF_VAR_output_dir="$work/certs"
export TF_VAR_sandbox_admin_url="$admin_url"
export TF_VAR_poll_interval=1s
export TF_VAR_organization_id=334455 # the organization every sandbox account starts with
export TF_VAR_existing_order_id="$existing_order"
export TF_VAR_subaccount_order_id="$subaccount_order"

# The CLI installs our provider from the fresh build, as it would from the
# registry, through a local filesystem mirror (scripts/local-mirror.sh).
# terraform_data comes built into the CLI.
# shellcheck source=scripts/local-mirror.sh
. scripts/local-mirror.sh
local_mirror "$work" "$work/plugins/terraform-provider-digicert" "$mirror_version"
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
unset TF_DATA_DIR TF_WORKSPACE TF_LOG
# The demo calls the repository's module as ../../modules/dv-certificate:
# copy both, in the repository's layout.
config="$work/repo/examples/demo"
mkdir -p "$work/repo/examples"
cp -R examples/demo "$config"
cp -R modules "$work/repo/modules"
rm -rf "$config/.terraform" "$config/.terraform.lock.hcl" "$config"/terraform.tfstate*
run() { (cd "$config" && "$cli" "$@"); }
# Colors only on a terminal.
color=()
[ -t 1 ] || color=(-no-color)

# tf LOG ARGS...: runs the CLI with ARGS and its whole output in LOG. Unless
# DEMO_VERBOSE=1, the screen gets the short version: one line per planned
# change instead of the full plan, the progress lines without the provisioner
# commands, the warnings, and no outputs (the summary step prints them). On
# failure, the diagnostics are shown in full.
tf() {
  local log=$1; shift
  if [ "${DEMO_VERBOSE:-}" = 1 ]; then
    run "$@" 2>&1 | tee "$log"
    return
  fi
  if ! run "$@" 2>&1 | tee "$log" | awk '
    { plain = $0; gsub(/\033\[[0-9;]*m/, "", plain) }
    !started && plain ~ /^  # .* will be (created|destroyed|replaced|updated in-place)/ {
      sub(/^  # /, "", plain); sub(/ will be /, ": ", plain); sub(/ in-place$/, "", plain)
      print "  " plain; next
    }
    !started && plain ~ /^(Plan: |No changes)|: Read complete/ { print plain; next }
    plain ~ /: (Creating|Destroying|Modifying)\.\.\./ { started = 1 }
    !started { next }
    plain ~ /^Outputs:/ { done = 1 }
    done { next }
    plain ~ /Provisioning with .local-exec.|\(local-exec\): Executing:/ { next }
    { print; fflush() }
  '; then
    echo >&2
    echo "$cli_name $1 failed; its diagnostics:" >&2
    sed -n '/Error: /,$p' "$log" >&2
    echo "(whole output: $log)" >&2
    return 1
  fi
}

# ---------------------------------------------------------------------------
step "$cli_name init and apply in a copy of examples/demo ($config)"
if ! run init -input=false -no-color >"$work/init.log" 2>&1; then
  cat "$work/init.log" >&2
  die "$cli_name init failed"
fi
echo "init: installed modules/dv-certificate and certcentral-community/digicert $mirror_version (this build) from $work/mirror"
tf "$work/apply.log" apply -input=false -auto-approve -compact-warnings "${color[@]}"

# ---------------------------------------------------------------------------
step "Summary"
run output -raw summary
echo
echo "The certificates on disk, read back:"
"$helper" inspect "$work"/certs/*
orders=$(run output -raw orders)

# ---------------------------------------------------------------------------
step "$cli_name destroy: each order's on_destroy decides what happens to it"
while read -r name id on_destroy; do
  case "$on_destroy" in
    cancel) what="cancel it if not issued yet; an issued order keeps serving until it expires" ;;
    revoke) what="revoke its certificate (CertCentral may ask an administrator to approve)" ;;
    keep) what="forget it; CertCentral keeps it as it is" ;;
    *) what="?" ;;
  esac
  printf '  %-17s order %s, on_destroy = "%s": %s\n' "$name" "$id" "$on_destroy" "$what"
done <<<"$orders"
tf "$work/destroy.log" destroy -input=false -auto-approve "${color[@]}"
echo
echo "What CertCentral (the sandbox) says about the orders now:"
while read -r name id _; do
  printf '  %-17s ' "$name"
  "$helper" order "$id"
done <<<"$orders"

# ---------------------------------------------------------------------------
step "Stopping the sandbox"
kill -TERM "$sandbox_pid"
wait "$sandbox_pid" 2>/dev/null || true
sandbox_pid=""
printf '\n==> Demo done in %ds with %s (%s).\n' "$((SECONDS - began))" "$cli_label" "$cli"
echo "Against the real CertCentral: export DIGICERT_API_KEY (and DIGICERT_BASE_URL for Europe), replace the"
echo "sandbox DNS records (terraform_data.dcv_record) with your DNS provider's (modules/dv-certificate/README.md), and apply."
