#!/usr/bin/env bash
# `make release-check`: what a registry user would get, checked before any
# tag. GoReleaser (the pinned version) makes a snapshot release from
# .goreleaser.yml, unsigned and unpublished; then, in an empty directory,
# `terraform init` and `tofu init` install the provider from that release's
# zip through a filesystem mirror (the packed layout: the zip as the
# registry serves it), the lock file's zh: hash must be the zip's line in
# the SHA256SUMS file, and the installed provider must start and serve its
# schema. The registry manifest must say protocol 6.0.
#
# Only the machine's own platform is built, unless RELEASE_CHECK_ALL=1
# (every platform of .goreleaser.yml, as a tag builds them: much slower).
#
# Usage: scripts/release-check.sh   (GORELEASER, TERRAFORM_CURRENT, TOFU, TERRAFORM
#        name the binaries; the GNUmakefile passes them)
set -euo pipefail
cd "$(dirname "$0")/.."

: "${GORELEASER:?GORELEASER is not set: run make release-check}"
clis=("${TERRAFORM:?}" "${TERRAFORM_CURRENT:?}" "${TOFU:?}")
for cli in "${clis[@]}" "$GORELEASER"; do
  [ -x "$cli" ] || { echo "release-check: $cli is missing (scripts/install-tools.sh builds it)" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/digicert-release-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
began=$SECONDS
goos=$(go env GOOS) goarch=$(go env GOARCH)

# The configuration GoReleaser builds from: .goreleaser.yml as it is, or
# with its platform lists cut to this machine's.
config=.goreleaser.yml
if [ "${RELEASE_CHECK_ALL:-}" != 1 ]; then
  config="$work/goreleaser.yml"
  awk -v goos="$goos" -v goarch="$goarch" '
    /^    (goos|goarch|ignore):/ { skip = 1; key = $1
      if (key == "goos:") print "    goos:\n      - " goos
      if (key == "goarch:") print "    goarch:\n      - " goarch
      next }
    skip && /^      / { next }
    { skip = 0; print }
  ' .goreleaser.yml >"$config"
fi

echo "==> goreleaser check"
"$GORELEASER" check --config "$config"
echo "==> goreleaser release --snapshot ($([ "$config" = .goreleaser.yml ] && echo 'every platform' || echo "$goos/$goarch only"))"
"$GORELEASER" release --snapshot --clean --skip=sign,publish --config "$config"

zip=$(ls dist/terraform-provider-digicert_*_"${goos}_${goarch}".zip)
name=$(basename "$zip")
version=${name#terraform-provider-digicert_}
version=${version%_"${goos}_${goarch}".zip}
sums="dist/terraform-provider-digicert_${version}_SHA256SUMS"
manifest="dist/terraform-provider-digicert_${version}_manifest.json"
[ -f "$sums" ] || { echo "release-check: no $sums" >&2; exit 1; }
grep -q '"protocol_versions": \["6.0"\]' "$manifest" ||
  { echo "release-check: $manifest does not declare protocol 6.0:" >&2; cat "$manifest" >&2; exit 1; }
grep -q " $(basename "$manifest")\$" "$sums" ||
  { echo "release-check: the manifest is not in $sums" >&2; exit 1; }
sum=$(awk -v f="$name" '$2 == f { print $1 }' "$sums")
[ -n "$sum" ] || { echo "release-check: $name is not in $sums" >&2; exit 1; }
echo "release: $name (sha256 $sum), $(basename "$sums"), $(basename "$manifest")"

# The packed layout of a filesystem mirror: HOST/NAMESPACE/TYPE/<the release zip>.
for host in registry.terraform.io registry.opentofu.org; do
  mkdir -p "$work/mirror/$host/certcentral-community/digicert"
  cp "$zip" "$work/mirror/$host/certcentral-community/digicert/"
done
cat >"$work/cli.tfrc" <<EOF_TFRC
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["*/certcentral-community/digicert"]
  }
}
EOF_TFRC
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
unset TF_DATA_DIR TF_WORKSPACE TF_LOG TF_REATTACH_PROVIDERS

for cli in "${clis[@]}"; do
  dir="$work/$(basename "$cli")"
  mkdir -p "$dir"
  cat >"$dir/main.tf" <<EOF_TF
terraform {
  required_providers {
    digicert = {
      source  = "certcentral-community/digicert"
      version = "$version"
    }
  }
}
EOF_TF
  echo "==> $(basename "$cli") init in an empty directory"
  (cd "$dir" && "$cli" init -input=false -no-color) | grep -E 'Installing|Installed' || true
  grep -q "\"zh:$sum\"" "$dir/.terraform.lock.hcl" ||
    { echo "release-check: the lock file of $(basename "$cli") does not hold zh:$sum:" >&2; cat "$dir/.terraform.lock.hcl" >&2; exit 1; }
  (cd "$dir" && "$cli" providers schema -json) >"$dir/schema.json"
  grep -q '"digicert_dv_ssl_order"' "$dir/schema.json" ||
    { echo "release-check: the provider $(basename "$cli") installed serves no digicert_dv_ssl_order" >&2; exit 1; }
  echo "$(basename "$cli"): installed $version from the release zip; lock file zh:$sum; schema served"
done
echo "==> release-check passed in $((SECONDS - began))s"
