#!/usr/bin/env bash
# Regenerates docs/ with tfplugindocs from templates/ and examples/, fully
# offline: no Terraform download, no registry. It builds the provider, asks the
# current Terraform (the only CLI of ours that serves list resources and
# actions in the schema) for the schema through a dev_overrides CLI config (no
# `terraform init` needed), and hands that schema to tfplugindocs.
#
# Usage: scripts/gen-docs.sh    (or `make docs`)
set -euo pipefail

cd "$(dirname "$0")/.."
export TOOLS_DIR="${TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-digicert/tools}"

scripts/install-tools.sh terraform-current tfplugindocs
TERRAFORM="$(scripts/install-tools.sh --path terraform-current)"
TFPLUGINDOCS="$(scripts/install-tools.sh --path tfplugindocs)"

work="$(mktemp -d "${TMPDIR:-/tmp}/digicert-docs.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plugins" "$work/module"

echo "==> Building the provider for its schema"
go build -o "$work/plugins/terraform-provider-digicert" .

cat >"$work/terraformrc" <<HCL
provider_installation {
  dev_overrides {
    "certcentral-community/digicert" = "$work/plugins"
  }
  direct {}
}
HCL

cat >"$work/module/main.tf" <<'HCL'
terraform {
  required_providers {
    digicert = {
      source = "certcentral-community/digicert"
    }
  }
}
HCL

echo "==> Reading the schema with $TERRAFORM"
(
  cd "$work/module"
  # Terraform warns on stderr that dev_overrides are in effect; stdout is the JSON.
  TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 \
    TF_DATA_DIR="$work/module/.terraform" \
    "$TERRAFORM" providers schema -json >"$work/schema.json" 2>"$work/stderr" ||
    { cat "$work/stderr" >&2; exit 1; }
)

# tfplugindocs looks the schema up as "<provider-name>" or
# "registry.terraform.io/hashicorp/<provider-name>" only, so re-key ours (the
# JSON is one line; the key is the first thing in provider_schemas).
address='registry.terraform.io/certcentral-community/digicert'
sed "s|\"provider_schemas\":{\"$address\":|\"provider_schemas\":{\"digicert\":|" \
  "$work/schema.json" >"$work/schema-digicert.json"
grep -q '"provider_schemas":{"digicert":' "$work/schema-digicert.json" ||
  { echo "gen-docs.sh: no schema for $address in the output of '$TERRAFORM providers schema -json'" >&2; exit 1; }

echo "==> Rendering docs/ with tfplugindocs"
# --providers-schema makes tfplugindocs skip its own build and Terraform download.
"$TFPLUGINDOCS" generate \
  --provider-name digicert \
  --rendered-provider-name DigiCert \
  --providers-schema "$work/schema-digicert.json" \
  --website-temp-dir "$work/website" \
  --website-source-dir templates \
  --examples-dir examples \
  --rendered-website-dir docs
