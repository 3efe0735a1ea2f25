#!/usr/bin/env bash
# `make release-check`: what a registry user would get, checked before any
# tag. GoReleaser (the pinned version) makes a snapshot release from
# .goreleaser.yml, unsigned and unpublished; the SHA256SUMS file must list
# the zip and the registry manifest (protocol 6.0) with their checksums.
# Then, in an empty directory, `terraform init` (1.5.7 and the current
# release) and `tofu init` install the provider from that zip through a
# filesystem mirror (the packed layout: the zip as the registry serves it);
# what they unpack must be the binary GoReleaser built, and it must start
# and serve its schema.
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
manifest="terraform-provider-digicert_${version}_manifest.json"
[ -f "$sums" ] || { echo "release-check: no $sums" >&2; exit 1; }
# The release uploads terraform-registry-manifest.json under that name; the
# SHA256SUMS file (the one the GPG signature covers) must list it.
grep -q '"protocol_versions": \["6.0"\]' terraform-registry-manifest.json ||
  { echo "release-check: terraform-registry-manifest.json does not declare protocol 6.0" >&2; exit 1; }
[ "$(awk -v f="$manifest" '$2 == f { print $1 }' "$sums")" = "$(sha256sum terraform-registry-manifest.json | cut -d' ' -f1)" ] ||
  { echo "release-check: $sums does not list $manifest with the manifest's checksum" >&2; exit 1; }
sum=$(awk -v f="$name" '$2 == f { print $1 }' "$sums")
[ "$sum" = "$(sha256sum "$zip" | cut -d' ' -f1)" ] ||
  { echo "release-check: $sums does not list $name with its checksum" >&2; exit 1; }
built=$(ls dist/terraform-provider-digicert_"${goos}_${goarch}"*/terraform-provider-digicert_v"$version")
echo "release: $name (sha256 $sum), $(basename "$sums") listing it and $manifest"

# The packed layout of a filesystem mirror: HOST/NAMESPACE/TYPE/<the release zip>.
for host in registry.terraform.io registry.opentofu.org; do
  mkdir -p "$work/mirror/$host/certcentral-community/digicert"
  cp "$zip" "$work/mirror/$host/certcentral-community/digicert/"
done
cat >"$work/cli.tfrc" <<EOF_TFRC
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/certcentral-community/digicert", "registry.opentofu.org/certcentral-community/digicert"]
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
  # What init unpacked from the zip is the binary GoReleaser built.
  installed="$dir/.terraform/providers/$(ls "$dir/.terraform/providers")/certcentral-community/digicert/$version/${goos}_${goarch}/terraform-provider-digicert_v$version"
  cmp -s "$installed" "$built" ||
    { echo "release-check: $(basename "$cli") installed $installed, which is not $built" >&2; exit 1; }
  (cd "$dir" && "$cli" providers schema -json) >"$dir/schema.json"
  grep -q '"digicert_dv_ssl_order"' "$dir/schema.json" ||
    { echo "release-check: the provider $(basename "$cli") installed serves no digicert_dv_ssl_order" >&2; exit 1; }
  echo "$(basename "$cli"): installed $version from the release zip (the binary GoReleaser built); schema served"
done
echo "==> release-check passed in $((SECONDS - began))s"
