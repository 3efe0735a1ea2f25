#!/usr/bin/env bash
# Checks every example directory with a real CLI against this build of the
# provider: `fmt -check`, then `init` (from a local mirror, no network) and
# `validate`, and modules/ the same way (without their tests/, which need the
# test-only DNS provider: internal/moduletest runs them). Each is checked in a
# copy of its own, as a user who copies one directory would run it: every
# example directory carries its required_providers (versions.tf, which
# tfplugindocs does not render), or fails here.
#
# An example that needs write-only attributes and ephemeral variables (Terraform
# and OpenTofu 1.11 and later) carries the line
#   # check-examples: needs-write-only
# and is only formatted, not validated, with an older CLI. Likewise
#   # check-examples: needs-actions
# marks an example with action blocks (Terraform 1.14 and later; no OpenTofu
# release has them yet), and
#   # check-examples: needs-registry
# one that needs providers from a registry (a module's examples with a real DNS
# provider): these are only formatted.
# What a CLI can do is decided by its family and version, never by its name.
#
# Usage: scripts/check-examples.sh terraform|terraform-current|tofu
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/local-mirror.sh
. scripts/local-mirror.sh

which=${1:-terraform}
cli=$(scripts/install-tools.sh --path "$which")
[ -x "$cli" ] || scripts/install-tools.sh "$which"

work=$(mktemp -d "${TMPDIR:-/tmp}/digicert-examples.XXXXXX")
trap 'rm -rf "$work"' EXIT
go build -ldflags "-X main.version=0.0.1" -o "$work/plugins/terraform-provider-digicert" .
local_mirror "$work" "$work/plugins/terraform-provider-digicert" 0.0.1
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
unset TF_DATA_DIR TF_WORKSPACE

"$cli" fmt -check -recursive -diff examples/ modules/

cli_version=$("$cli" version -json | sed -n 's/^[[:space:]]*"terraform_version": "\([^"]*\)".*/\1/p')
[ -n "$cli_version" ] || { echo "check-examples.sh: cannot read the version of $cli" >&2; exit 1; }
# at_least V: the CLI's version is V or newer.
at_least() { [ "$(printf '%s\n%s\n' "$1" "$cli_version" | sort -V | head -n 1)" = "$1" ]; }

checked=0
# Examples call the modules by relative path (examples/demo: ../../modules/...).
mkdir -p "$work/check"
cp -R modules "$work/check/modules"
rm -rf "$work/check/modules"/*/tests
family=terraform
"$cli" version | head -n 1 | grep -q '^OpenTofu' && family=tofu
needs() { grep -qsE "^# check-examples: needs-$1( |$)" "$dir"/*.tf; }
while IFS= read -r dir; do
  if ! at_least 1.11.0 && needs write-only; then
    printf 'fmt  %s (needs write-only attributes: %s is older than 1.11)\n' "$dir" "$cli_version"
    continue
  fi
  if needs actions && { [ "$family" = tofu ] || ! at_least 1.14.0; }; then
    printf 'fmt  %s (needs actions: %s %s has none)\n' "$dir" "$family" "$cli_version"
    continue
  fi
  if needs registry; then
    printf 'fmt  %s (needs providers from a registry)\n' "$dir"
    continue
  fi
  copy="$work/check/$dir"
  mkdir -p "$copy"
  cp -R "$dir/." "$copy/"
  # A module's tests need the test-only DNS provider: internal/moduletest runs them.
  rm -rf "$copy/tests"
  if ! grep -rqs 'certcentral-community/digicert' "$copy"/*.tf; then
    printf 'FAIL %s: no required_providers naming certcentral-community/digicert; copied alone, the CLI would look for hashicorp/digicert\n' "$dir" >&2
    exit 1
  fi
  if ! out=$(cd "$copy" && "$cli" init -backend=false -input=false -no-color 2>&1 && "$cli" validate -no-color 2>&1); then
    printf 'FAIL %s\n%s\n' "$dir" "$out" >&2
    exit 1
  fi
  printf 'ok   %s\n' "$dir"
  checked=$((checked + 1))
done < <(find examples modules -name '*.tf' -not -path '*/.terraform/*' -not -path 'modules/*/tests/*' -exec dirname {} \; | sort -u)
echo "$checked example directories pass fmt and validate with $which $cli_version"
