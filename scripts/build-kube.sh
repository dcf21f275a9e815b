#!/usr/bin/env bash
# Build kube-apiserver and etcd for the test harness from the Go module proxy into a cache outside the repo.
#
# Usage: scripts/build-kube.sh [kube-apiserver] [etcd]     (no argument: both)
#
# Binaries land in $CAUSEWAY_CACHE/kube/<component>-v<version>/<binary> (default cache:
# ${XDG_CACHE_HOME:-$HOME/.cache}/causeway) and their paths in $CAUSEWAY_CACHE/kube/env. A binary that exists
# and answers --version with the pinned version is not rebuilt. Each component builds in its own throw-away
# Go module in a temp dir: kube-apiserver needs its staging modules replaced (kubernetes/kubernetes#79384),
# and etcd server 3.6 must not bump the etcd 3.5 client modules that kube-apiserver pins.
set -euo pipefail

# Pinned versions: the newest 1.35 / 3.6 patches the Go module proxy served when this was written.
KUBE_VERSION="${KUBE_VERSION:-1.35.8}"
ETCD_VERSION="${ETCD_VERSION:-3.6.16}"
KUBE_VERSION="${KUBE_VERSION#v}"
ETCD_VERSION="${ETCD_VERSION#v}"

CACHE_ROOT="${CAUSEWAY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/causeway}"
KUBE_CACHE="$CACHE_ROOT/kube"
APISERVER_BIN="$KUBE_CACHE/kube-apiserver-v$KUBE_VERSION/kube-apiserver"
ETCD_BIN="$KUBE_CACHE/etcd-v$ETCD_VERSION/etcd"

BUILD_TAG=build-kube
# shellcheck source=scripts/lib/build-steps.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/build-steps.sh"

# version_ok BINARY EXPECTED: the binary exists, runs, and the first line of its --version is EXPECTED.
version_ok() {
  [[ -x "$1" ]] || return 1
  local out
  out=$("$1" --version 2>/dev/null) || return 1
  [[ "${out%%$'\n'*}" == "$2" ]]
}

# enter_module NAME: cd into a fresh temp dir for one throw-away Go module, removed on exit.
enter_module() {
  command -v go >/dev/null || die "go is not on PATH (kube-apiserver $KUBE_VERSION needs Go >= 1.25)"
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/causeway-build-$1.XXXXXX")
  WORK_DIRS+=("$dir")
  cd "$dir"
}

# json_field JSON FIELD: one string field of `go mod download -json` output (GoMod, Info, Error, ...).
json_field() {
  sed -n "s/^[[:space:]]*\"$2\": \"\(.*\)\",\{0,1\}$/\1/p" <<<"$1"
}

build_apiserver() {
  local version=$KUBE_VERSION out=$APISERVER_BIN
  if version_ok "$out" "Kubernetes v$version"; then
    log "kube-apiserver v$version: cached at $out"
    return
  fi
  local minor=${version#*.}
  minor=${minor%%.*}
  local staging="0.${version#*.}"
  enter_module kube-apiserver
  log "kube-apiserver v$version: building with $(go version | cut -d' ' -f3-)"

  log "kube-apiserver v$version: fetching the k8s.io/kubernetes module (a 20 MB zip)"
  local json upstream_mod info go_line godebug build_date
  if ! json=$(go mod download -json "k8s.io/kubernetes@v$version"); then
    die "go mod download k8s.io/kubernetes@v$version: $(json_field "$json" Error)"
  fi
  upstream_mod=$(json_field "$json" GoMod)
  info=$(json_field "$json" Info)
  [[ -f "$upstream_mod" ]] || die "no go.mod for k8s.io/kubernetes@v$version"
  go_line=$(awk '$1 == "go" { print $2; exit }' "$upstream_mod")
  godebug=$(awk '$1 == "godebug" && $2 ~ /=/ { print $2 }' "$upstream_mod")
  # The release time makes buildDate reproducible.
  build_date=$(sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' "$info")

  go mod init local.invalid/kube-apiserver-build >/dev/null 2>&1
  go mod edit -go="$go_line"
  local setting
  for setting in $godebug; do
    go mod edit -godebug="$setting"
  done
  # Upstream maps each staging module v0.0.0 to ./staging/src/...; a dependency's replaces are ignored, so
  # point each one at its published tag v0.X.Y instead. The list comes from this version's go.mod.
  local staging_modules
  staging_modules=$(awk '$2 == "=>" && $3 ~ /^\.\/staging\// { print $1 }' "$upstream_mod")
  [[ -n "$staging_modules" ]] || die "found no staging replaces in $upstream_mod"
  local m count=0
  for m in $staging_modules; do
    go mod edit -replace="$m=$m@v$staging"
    count=$((count + 1))
  done
  log "kube-apiserver v$version: go $go_line, $count staging modules at v$staging"
  go mod edit -require="k8s.io/kubernetes@v$version"

  local ldflags="-s -w"
  ldflags+=" -X k8s.io/component-base/version.gitVersion=v$version"
  ldflags+=" -X k8s.io/component-base/version.gitMajor=1"
  ldflags+=" -X k8s.io/component-base/version.gitMinor=$minor"
  ldflags+=" -X k8s.io/component-base/version.gitTreeState=clean"
  ldflags+=" -X k8s.io/component-base/version.buildDate=$build_date"
  mkdir -p "$(dirname "$out")"
  run_step "kube-apiserver v$version: go build (downloads dependencies, then compiles; several minutes cold)" \
    env CGO_ENABLED=0 go build -mod=mod -trimpath -buildvcs=false -ldflags "$ldflags" \
    -o "$out.partial" k8s.io/kubernetes/cmd/kube-apiserver
  mv -f "$out.partial" "$out"
  version_ok "$out" "Kubernetes v$version" || die "$out --version does not report v$version"
  log "kube-apiserver v$version: built $out"
}

build_etcd() {
  local version=$ETCD_VERSION out=$ETCD_BIN
  if version_ok "$out" "etcd Version: $version"; then
    log "etcd v$version: cached at $out"
    return
  fi
  enter_module etcd
  log "etcd v$version: building with $(go version | cut -d' ' -f3-)"
  go mod init local.invalid/etcd-build >/dev/null 2>&1
  # go install refuses server/v3 because of its replace lines; a consumer module ignores them.
  go mod edit -require="go.etcd.io/etcd/server/v3@v$version"
  mkdir -p "$(dirname "$out")"
  run_step "etcd v$version: go build (downloads dependencies, then compiles)" \
    env CGO_ENABLED=0 go build -mod=mod -trimpath -buildvcs=false -ldflags "-s -w" \
    -o "$out.partial" go.etcd.io/etcd/server/v3
  mv -f "$out.partial" "$out"
  version_ok "$out" "etcd Version: $version" || die "$out --version does not report $version"
  log "etcd v$version: built $out"
}

write_env() {
  local env_file="$KUBE_CACHE/env"
  {
    printf '# Written by causeway scripts/build-kube.sh; source it to find the test control-plane binaries.\n'
    printf 'KUBE_APISERVER=%q\n' "$APISERVER_BIN"
    printf 'ETCD=%q\n' "$ETCD_BIN"
  } >"$env_file.partial"
  mv -f "$env_file.partial" "$env_file"
}

main() {
  local want_apiserver=0 want_etcd=0 arg
  if (($# == 0)); then
    want_apiserver=1
    want_etcd=1
  fi
  for arg in "$@"; do
    case "$arg" in
      kube-apiserver) want_apiserver=1 ;;
      etcd) want_etcd=1 ;;
      -h | --help)
        sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
        return 0
        ;;
      *) die "unknown component '$arg' (expected kube-apiserver or etcd)" ;;
    esac
  done
  log "cache $KUBE_CACHE"
  mkdir -p "$KUBE_CACHE"
  # One build at a time per cache: parallel test runs may all call this script.
  exec 9>"$KUBE_CACHE/.lock"
  if command -v flock >/dev/null && ! flock -n 9; then
    log "waiting for another build-kube.sh run (lock $KUBE_CACHE/.lock)"
    flock 9
  fi
  if ((want_apiserver)); then build_apiserver; fi
  if ((want_etcd)); then build_etcd; fi
  write_env
  log "finished in $((SECONDS - START))s"
  printf 'KUBE_APISERVER=%s\nETCD=%s\n' "$APISERVER_BIN" "$ETCD_BIN"
}

# On one line: bash reads no further, so editing this file during a build cannot break the run.
main "$@"; exit
