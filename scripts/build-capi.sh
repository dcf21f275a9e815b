#!/usr/bin/env bash
# Build the Cluster API managers for the test environment from the Go module proxy into a cache outside the repo.
#
# Usage: scripts/build-capi.sh     (builds core, kubeadm bootstrap, kubeadm control plane and the Dev provider)
#
# Binaries land in $CAUSEWAY_CACHE/capi/v<version>/bin/ (default cache: ${XDG_CACHE_HOME:-$HOME/.cache}/causeway)
# with each provider's CRDs and webhook manifests copied beside them under config/<provider>/, and their paths
# in $CAUSEWAY_CACHE/capi/env. Binaries already in the version's directory are not rebuilt (they are moved there
# only once complete). All four main packages build in one throw-away consumer module: the root module
# sigs.k8s.io/cluster-api (core, bootstrap/kubeadm, controlplane/kubeadm) and sigs.k8s.io/cluster-api/test
# (test/infrastructure/docker: DockerX and DevX with the in-memory backend) require the same dependency versions,
# and both map the sibling modules to ../ with replace lines that a consumer must restate against the tags.
set -euo pipefail

# Pinned version: the newest v1.14 patch the Go module proxy served when this was written (v1.14.3 and v1.14.4
# answer 403 "This module version is not available" for the root module; /test lists up to v1.14.4).
CAPI_VERSION="${CAPI_VERSION:-1.14.2}"
CAPI_VERSION="${CAPI_VERSION#v}"

CACHE_ROOT="${CAUSEWAY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/causeway}"
CAPI_CACHE="$CACHE_ROOT/capi"
VERSION_DIR="$CAPI_CACHE/v$CAPI_VERSION"
BIN_DIR="$VERSION_DIR/bin"
CONFIG_DIR="$VERSION_DIR/config"

# name:package, in build order.
MANAGERS=(
  "core:sigs.k8s.io/cluster-api/core"
  "kubeadm-bootstrap:sigs.k8s.io/cluster-api/bootstrap/kubeadm"
  "kubeadm-control-plane:sigs.k8s.io/cluster-api/controlplane/kubeadm"
  "dev-infrastructure:sigs.k8s.io/cluster-api/test/infrastructure/docker"
)

BUILD_TAG=build-capi
# shellcheck source=scripts/lib/build-steps.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/build-steps.sh"

# json_field JSON FIELD: one string field of `go mod download -json` output (Dir, GoMod, Info, Error, ...).
json_field() {
  sed -n "s/^[[:space:]]*\"$2\": \"\(.*\)\",\{0,1\}$/\1/p" <<<"$1"
}

# module_dir MODULE: downloads MODULE@v$CAPI_VERSION and prints its (read-only) directory in the module cache.
module_dir() {
  local json dir
  if ! json=$(go mod download -json "$1@v$CAPI_VERSION"); then
    die "go mod download $1@v$CAPI_VERSION: $(json_field "$json" Error)"
  fi
  dir=$(json_field "$json" Dir)
  [[ -d "$dir" ]] || die "no directory for $1@v$CAPI_VERSION"
  printf '%s\n' "$dir"
}

# copy_config ROOT SUBDIR NAME: copies ROOT/SUBDIR/config/{crd/bases,webhook/manifests.yaml} to $CONFIG_DIR/NAME.
copy_config() {
  local src="$1/$2/config" dest="$CONFIG_DIR/$3"
  [[ -d "$src/crd/bases" && -f "$src/webhook/manifests.yaml" ]] || die "no CRDs or webhooks under $src"
  rm -rf "$dest.partial"
  mkdir -p "$dest.partial/crd"
  cp "$src"/crd/bases/*.yaml "$dest.partial/crd/"
  cp "$src/webhook/manifests.yaml" "$dest.partial/webhooks.yaml"
  chmod -R u+w "$dest.partial"
  rm -rf "$dest"
  mv "$dest.partial" "$dest"
}

all_built() {
  local entry
  for entry in "${MANAGERS[@]}"; do
    [[ -x "$BIN_DIR/${entry%%:*}" ]] || return 1
  done
  for entry in core kubeadm-bootstrap kubeadm-control-plane dev-infrastructure; do
    [[ -f "$CONFIG_DIR/$entry/webhooks.yaml" ]] || return 1
  done
}

build_all() {
  if all_built; then
    log "cluster-api v$CAPI_VERSION: cached at $VERSION_DIR"
    return
  fi
  command -v go >/dev/null || die "go is not on PATH (cluster-api v$CAPI_VERSION needs Go >= 1.26)"
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/causeway-build-capi.XXXXXX")
  WORK_DIRS+=("$dir")
  cd "$dir"
  log "cluster-api v$CAPI_VERSION: building with $(go version | cut -d' ' -f3-)"

  local root test_root upstream_mod go_line
  root=$(module_dir sigs.k8s.io/cluster-api)
  test_root=$(module_dir sigs.k8s.io/cluster-api/test)
  upstream_mod="$root/go.mod"
  go_line=$(awk '$1 == "go" { print $2; exit }' "$upstream_mod")

  go mod init local.invalid/capi-build >/dev/null 2>&1
  go mod edit -go="$go_line"
  # Upstream requires the sibling modules at v0.0.0-00010101000000-000000000000 and maps them to ../ with
  # replace lines, which are ignored in a dependency; point every version of them at the release tag instead.
  local m
  for m in sigs.k8s.io/cluster-api sigs.k8s.io/cluster-api/api sigs.k8s.io/cluster-api/test; do
    go mod edit -require="$m@v$CAPI_VERSION" -replace="$m=$m@v$CAPI_VERSION"
  done

  local ldflags="-s -w"
  ldflags+=" -X sigs.k8s.io/cluster-api/version.gitVersion=v$CAPI_VERSION"
  ldflags+=" -X sigs.k8s.io/cluster-api/version.gitMajor=${CAPI_VERSION%%.*}"
  local minor=${CAPI_VERSION#*.}
  ldflags+=" -X sigs.k8s.io/cluster-api/version.gitMinor=${minor%%.*}"
  ldflags+=" -X sigs.k8s.io/cluster-api/version.gitTreeState=clean"
  mkdir -p "$BIN_DIR"
  local entry name package
  for entry in "${MANAGERS[@]}"; do
    name=${entry%%:*}
    package=${entry#*:}
    if [[ -x "$BIN_DIR/$name" ]]; then
      log "$name: cached at $BIN_DIR/$name"
      continue
    fi
    # The first build downloads the dependencies and compiles what the four managers share; later ones mostly link.
    run_step "$name: go build $package" \
      env CGO_ENABLED=0 go build -mod=mod -trimpath -buildvcs=false -ldflags "$ldflags" \
      -o "$BIN_DIR/$name.partial" "$package"
    mv -f "$BIN_DIR/$name.partial" "$BIN_DIR/$name"
  done

  copy_config "$root" core core
  copy_config "$root" bootstrap/kubeadm kubeadm-bootstrap
  copy_config "$root" controlplane/kubeadm kubeadm-control-plane
  copy_config "$test_root" infrastructure/docker dev-infrastructure
  log "cluster-api v$CAPI_VERSION: built into $VERSION_DIR"
}

write_env() {
  local env_file="$CAPI_CACHE/env"
  {
    printf '# Written by causeway scripts/build-capi.sh; source it to find the Cluster API managers.\n'
    printf 'CAPI_VERSION=%q\n' "v$CAPI_VERSION"
    printf 'CAPI_BIN_DIR=%q\n' "$BIN_DIR"
    printf 'CAPI_CONFIG_DIR=%q\n' "$CONFIG_DIR"
  } >"$env_file.partial"
  mv -f "$env_file.partial" "$env_file"
}

main() {
  local arg
  for arg in "$@"; do
    case "$arg" in
      -h | --help)
        sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
        return 0
        ;;
      *) die "unknown argument '$arg' (this script takes none)" ;;
    esac
  done
  log "cache $CAPI_CACHE"
  mkdir -p "$CAPI_CACHE"
  # One build at a time per cache: parallel test runs may all call this script.
  exec 9>"$CAPI_CACHE/.lock"
  if command -v flock >/dev/null && ! flock -n 9; then
    log "waiting for another build-capi.sh run (lock $CAPI_CACHE/.lock)"
    flock 9
  fi
  build_all
  write_env
  log "finished in $((SECONDS - START))s"
  printf 'CAPI_VERSION=%s\nCAPI_BIN_DIR=%s\nCAPI_CONFIG_DIR=%s\n' "v$CAPI_VERSION" "$BIN_DIR" "$CONFIG_DIR"
}

# On one line: bash reads no further, so editing this file during a build cannot break the run.
main "$@"; exit
