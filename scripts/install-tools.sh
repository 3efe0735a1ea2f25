#!/usr/bin/env bash
# Installs the CLIs and tools that `make test`, `make docs`, `make lint` and
# `make release-check` need into a cache OUTSIDE the repository, building each
# from the Go module proxy (the only registry these machines reach). Each tool
# is installed once per version; later runs only check that the binary exists.
#
# Layout (stable: the GNUmakefile and scripts/gen-docs.sh rely on it):
#   $TOOLS_DIR/bin/terraform-v1.5.7        $TOOLS_DIR/bin/terraform-v1.16.4
#   $TOOLS_DIR/bin/tofu-v1.12.6
#   $TOOLS_DIR/bin/tfplugindocs-v0.24.0    $TOOLS_DIR/bin/golangci-lint-v2.15.0
#   $TOOLS_DIR/bin/goreleaser-v2.15.1      $TOOLS_DIR/bin/actionlint-v1.7.12
#   $TOOLS_DIR/timings.log                 one line per cold build: tool, version, seconds
#
# Usage: scripts/install-tools.sh [terraform|terraform-current|tofu|clis|tfplugindocs|golangci-lint|goreleaser|actionlint|all]...
#   terraform = the oldest Terraform we support; terraform-current = the newest
#   release the Go module proxy serves; clis = those two + tofu (what `make test`
#   needs); all = every tool (the default).
#   scripts/install-tools.sh --path TOOL   prints where TOOL's binary lives, installs nothing.
set -euo pipefail

TOOLS_DIR="${TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-digicert/tools}"
# The one place the tool versions are written: the GNUmakefile reads them with
# `scripts/install-tools.sh --version TOOL`.
TERRAFORM_VERSION="${TERRAFORM_VERSION:-1.5.7}"
TERRAFORM_CURRENT_VERSION="${TERRAFORM_CURRENT_VERSION:-1.16.4}"
TOFU_VERSION="${TOFU_VERSION:-1.12.6}"
TFPLUGINDOCS_VERSION="${TFPLUGINDOCS_VERSION:-v0.24.0}"
GOLANGCI_LINT_VERSION="${GOLANGCI_LINT_VERSION:-v2.15.0}"
GORELEASER_VERSION="${GORELEASER_VERSION:-v2.15.1}"
ACTIONLINT_VERSION="${ACTIONLINT_VERSION:-v1.7.12}"

log() { printf '==> %s\n' "$*" >&2; }

tool_path() {
  case "$1" in
    terraform) echo "$TOOLS_DIR/bin/terraform-v$TERRAFORM_VERSION" ;;
    terraform-current) echo "$TOOLS_DIR/bin/terraform-v$TERRAFORM_CURRENT_VERSION" ;;
    tofu) echo "$TOOLS_DIR/bin/tofu-v$TOFU_VERSION" ;;
    tfplugindocs) echo "$TOOLS_DIR/bin/tfplugindocs-$TFPLUGINDOCS_VERSION" ;;
    golangci-lint) echo "$TOOLS_DIR/bin/golangci-lint-$GOLANGCI_LINT_VERSION" ;;
    goreleaser) echo "$TOOLS_DIR/bin/goreleaser-$GORELEASER_VERSION" ;;
    actionlint) echo "$TOOLS_DIR/bin/actionlint-$ACTIONLINT_VERSION" ;;
    *) echo "unknown tool: $1" >&2; return 2 ;;
  esac
}

tool_version() {
  case "$1" in
    terraform) echo "$TERRAFORM_VERSION" ;;
    terraform-current) echo "$TERRAFORM_CURRENT_VERSION" ;;
    tofu) echo "$TOFU_VERSION" ;;
    tfplugindocs) echo "$TFPLUGINDOCS_VERSION" ;;
    golangci-lint) echo "$GOLANGCI_LINT_VERSION" ;;
    goreleaser) echo "$GORELEASER_VERSION" ;;
    actionlint) echo "$ACTIONLINT_VERSION" ;;
    *) echo "unknown tool: $1" >&2; return 2 ;;
  esac
}

if [ "${1:-}" = "--path" ]; then
  tool_path "${2:?usage: $0 --path TOOL}"
  exit 0
fi
if [ "${1:-}" = "--version" ]; then
  tool_version "${2:?usage: $0 --version TOOL}"
  exit 0
fi

command -v go >/dev/null || { echo "install-tools.sh: Go is required (https://go.dev/dl/)" >&2; exit 1; }
mkdir -p "$TOOLS_DIR/bin" "$TOOLS_DIR/locks"

# with_lock NAME CMD...: run CMD while holding a per-tool lock, so two builds
# started at once (say `make -j` or two terminals) do not race on the cache.
with_lock() {
  local name=$1; shift
  if command -v flock >/dev/null; then
    (
      flock 9
      "$@"
    ) 9>"$TOOLS_DIR/locks/$name.lock"
  else
    "$@"
  fi
}

record_timing() {
  printf '%s %s %ss go=%s\n' "$1" "$2" "$3" "$(go env GOVERSION)" >>"$TOOLS_DIR/timings.log"
}

# go_install NAME VERSION PACKAGE: `go install` into a per-version directory,
# then link it as bin/NAME-VERSION so several versions can live side by side.
go_install() {
  local name=$1 version=$2 pkg=$3
  local target="$TOOLS_DIR/bin/$name-$version"
  [ -x "$target" ] && return 0
  log "building $name $version from the Go module proxy (first run only)"
  local start=$SECONDS
  GOBIN="$TOOLS_DIR/gobin/$name-$version" CGO_ENABLED=0 GOFLAGS=-buildvcs=false \
    go install -trimpath "$pkg@$version"
  ln -sf "$TOOLS_DIR/gobin/$name-$version/$name" "$target"
  record_timing "$name" "$version" "$((SECONDS - start))"
  log "$name $version ready in $((SECONDS - start))s: $target"
}

install_terraform() {
  # 1.5.7 is the last MPL-licensed release; newer ones cannot be built from the
  # module zip (their replace directives point outside it).
  go_install terraform "v$TERRAFORM_VERSION" "github.com/hashicorp/terraform"
}

# copy_module MODULE VERSION DEST: download a module from the proxy and copy its
# source to a writable DEST (the module cache is read-only), for the CLIs that
# `go install` refuses because their go.mod has replace directives.
copy_module() {
  local module=$1 version=$2 dest=$3 dir
  dir=$(go mod download -json "$module@$version" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { echo "could not download $module@$version" >&2; exit 1; }
  rm -rf "$dest"; mkdir -p "$(dirname "$dest")"
  cp -r "$dir" "$dest"; chmod -R u+w "$dest"
}

install_terraform_current() {
  local target="$TOOLS_DIR/bin/terraform-v$TERRAFORM_CURRENT_VERSION"
  [ -x "$target" ] && return 0
  log "building Terraform $TERRAFORM_CURRENT_VERSION from the Go module proxy (first run only, about 3 minutes)"
  local start=$SECONDS src="$TOOLS_DIR/src/terraform-$TERRAFORM_CURRENT_VERSION"
  copy_module github.com/hashicorp/terraform "v$TERRAFORM_CURRENT_VERSION" "$src"
  # Its go.mod replaces the remote-state backends and internal/legacy with
  # nested modules that the module zip leaves out. Drop those backends from
  # the build (their imports and map entries in the backend registry, their
  # require and replace lines): this build has local, remote, http, inmem and
  # cloud state, and no pg/s3/gcs/azurerm/consul/cos/kubernetes/oss/oci.
  local init="$src/internal/backend/init/init.go" b
  for b in azure consul cos gcs kubernetes oss pg s3 oci; do
    sed -i "\#internal/backend/remote-state/$b\"#d" "$init"
    (cd "$src" && go mod edit -droprequire "github.com/hashicorp/terraform/internal/backend/remote-state/$b" \
      -dropreplace "github.com/hashicorp/terraform/internal/backend/remote-state/$b")
  done
  sed -i -E '/"(azurerm|consul|cos|gcs|kubernetes|oss|pg|s3|oci)":[[:space:]]+func\(\)/d' "$init"
  (cd "$src" && go mod edit -droprequire github.com/hashicorp/terraform/internal/legacy \
    -dropreplace github.com/hashicorp/terraform/internal/legacy)
  # A plain build calls itself "<version>-dev"; release builds set dev=no.
  (cd "$src" && CGO_ENABLED=0 GOFLAGS="-buildvcs=false -mod=mod" go build -trimpath \
    -ldflags "-X github.com/hashicorp/terraform/version.dev=no" -o "$target.tmp" .)
  mv "$target.tmp" "$target"
  rm -rf "$src"
  record_timing terraform "v$TERRAFORM_CURRENT_VERSION" "$((SECONDS - start))"
  log "terraform $TERRAFORM_CURRENT_VERSION ready in $((SECONDS - start))s: $target"
}

install_tofu() {
  local target="$TOOLS_DIR/bin/tofu-v$TOFU_VERSION"
  [ -x "$target" ] && return 0
  log "building OpenTofu $TOFU_VERSION from the Go module proxy (first run only, about 5 minutes)"
  local start=$SECONDS
  # `go install` refuses modules with replace directives, so build inside a
  # writable copy of the downloaded module instead.
  local src="$TOOLS_DIR/src/opentofu-$TOFU_VERSION"
  copy_module github.com/opentofu/opentofu "v$TOFU_VERSION" "$src"
  (cd "$src" && CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath \
    -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$target.tmp" ./cmd/tofu)
  mv "$target.tmp" "$target"
  rm -rf "$src"
  record_timing tofu "v$TOFU_VERSION" "$((SECONDS - start))"
  log "tofu $TOFU_VERSION ready in $((SECONDS - start))s: $target"
}

install_one() {
  case "$1" in
    terraform) with_lock terraform install_terraform ;;
    terraform-current) with_lock terraform-current install_terraform_current ;;
    tofu) with_lock tofu install_tofu ;;
    tfplugindocs) with_lock tfplugindocs go_install tfplugindocs "$TFPLUGINDOCS_VERSION" github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs ;;
    golangci-lint) with_lock golangci-lint go_install golangci-lint "$GOLANGCI_LINT_VERSION" github.com/golangci/golangci-lint/v2/cmd/golangci-lint ;;
    goreleaser) with_lock goreleaser go_install goreleaser "$GORELEASER_VERSION" github.com/goreleaser/goreleaser/v2 ;;
    # Checks .github/workflows in `make lint`.
    actionlint) with_lock actionlint go_install actionlint "$ACTIONLINT_VERSION" github.com/rhysd/actionlint/cmd/actionlint ;;
    *) echo "unknown tool: $1" >&2; exit 2 ;;
  esac
}

for tool in "${@:-all}"; do
  case "$tool" in
    clis) install_one terraform; install_one terraform-current; install_one tofu ;;
    all) for t in terraform terraform-current tofu tfplugindocs golangci-lint goreleaser actionlint; do install_one "$t"; done ;;
    *) install_one "$tool" ;;
  esac
done
