# Sourced by scripts that run a real CLI against this build of the provider.
#
# local_mirror WORK BINARY VERSION writes WORK/mirror, holding BINARY as
# certcentral-community/digicert VERSION under both registry hosts (the
# short source address means registry.terraform.io/... to Terraform and
# registry.opentofu.org/... to OpenTofu), and WORK/cli.tfrc, a CLI config
# that installs the provider from there and nothing from the network.
# (dev_overrides would do too, but Terraform 1.5.7's init still asks the
# registry for an overridden provider, and every command warns.)
local_mirror() {
  local work=$1 binary=$2 version=$3 host dir
  for host in registry.terraform.io registry.opentofu.org; do
    dir="$work/mirror/$host/certcentral-community/digicert/$version/$(go env GOOS)_$(go env GOARCH)"
    mkdir -p "$dir"
    ln -sf "$binary" "$dir/terraform-provider-digicert_v$version"
  done
  cat >"$work/cli.tfrc" <<EOF_TFRC
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/certcentral-community/digicert", "registry.opentofu.org/certcentral-community/digicert"]
  }
  direct {
    exclude = ["registry.terraform.io/certcentral-community/digicert", "registry.opentofu.org/certcentral-community/digicert"]
  }
}
EOF_TFRC
}
