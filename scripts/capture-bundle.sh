#!/usr/bin/env bash
# Captures a fleet bundle (see docs/capture.md and the bundle spec) from a Cluster API management cluster
# and the workload clusters it manages, with kubectl only. Run with --help for details.
set -euo pipefail

readonly PROG="${0##*/}"
readonly MGMT_TIMEOUT="--request-timeout=120s"
readonly WORKLOAD_TIMEOUT="--request-timeout=20s"
# One line per pod: namespace|name|provider label|container names separated by spaces ('|' is in no name).
readonly POD_JSONPATH='{range .items[*]}{.metadata.namespace}{"|"}{.metadata.name}{"|"}{.metadata.labels.cluster\.x-k8s\.io/provider}{"|"}{range .spec.containers[*]}{.name}{" "}{end}{"\n"}{end}'
readonly CLUSTER_JSONPATH='{range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{"\n"}{end}'

usage() {
  printf '%s\n' "Usage: $PROG [-o DIR] [--kubeconfig FILE] [--context NAME] [--namespace NS]...
                  [--workload-kubeconfig-dir DIR] [--no-workload] [--no-logs] [--since DURATION] [-h|--help]

Captures a fleet bundle from a Cluster API management cluster and its workload clusters, using kubectl only.
The bundle is the offline input of 'causeway diagnose' and 'causeway describe'.

What it captures:
  bundle.yaml                              capturedAt (UTC) and management (the kubeconfig context name)
  management/<resource>.json               kubectl get <resource> -A -o json, for every listable resource type
                                           whose API group is cluster.x-k8s.io or ends in .cluster.x-k8s.io
                                           (core, bootstrap, control plane, infrastructure, ipam, addons, runtime
                                           and any provider's groups), Metal3 (metal3.io and *.metal3.io, e.g.
                                           BareMetalHosts) when present, and core v1 events
  logs/management/<ns>/<pod>/<container>.log
                                           controller logs (kubectl logs --since) of pods in namespaces named
                                           *-system that carry the cluster.x-k8s.io/provider label or whose
                                           namespace starts with 'cap'
  workload/<ns>/<cluster>/{nodes,pods,events}.json
                                           nodes, and pods and events in all namespaces, of every CAPI Cluster
  workload/<ns>/<cluster>/CAPTURE-ERROR.txt
                                           why a workload cluster could not be captured (it is skipped, the
                                           capture goes on)

What it never captures: Secret objects or Secret data, from any cluster. The workload kubeconfig it reads is
kept in a private temporary directory (mode 700) that is removed on exit, and never written to the bundle.
At the end the output is checked for Secret objects and for the credentials of the kubeconfigs used; if any
is found, the offending files are removed and the script fails.

How workload credentials are found:
  --workload-kubeconfig-dir DIR  use DIR/<namespace>/<cluster>.kubeconfig, or DIR/<namespace>-<cluster>.kubeconfig.
                                 The CAPI-managed Secret is then never read: the Cluster API contract says that
                                 Secret is meant for CAPI and operators, not for other tools, so teams that mint
                                 their own (read-only) credentials should use this.
  otherwise                      read Secret <cluster>-kubeconfig, key 'value', in the Cluster's namespace (what
                                 'clusterctl get kubeconfig' does). Needs 'get' on that Secret.
  Each workload call uses --request-timeout=20s. A cluster that fails (unreachable, no Secret, forbidden) is
  reported on stderr and in its CAPTURE-ERROR.txt; the others are still captured.

Options:
  -o, --output DIR               output directory (default ./bundle-<UTC timestamp>); must not exist or be empty
  --kubeconfig FILE              kubeconfig of the management cluster (default: kubectl's usual lookup)
  --context NAME                 kubeconfig context of the management cluster (default: the current context)
  -n, --namespace NS             capture namespaced objects and Clusters of NS only (repeatable); cluster-scoped
                                 types are still captured whole. Controller logs are not affected.
  --workload-kubeconfig-dir DIR  see above
  --no-workload                  do not touch workload clusters (no Secret is read)
  --no-logs                      do not capture controller logs
  --since DURATION               how much controller log to capture, e.g. 30m, 6h, 1h30m (default 6h)
  -h, --help                     show this help

Exit status: 0 when the management cluster was captured (even if some workload clusters failed); 1 on a
usage error; 2 when kubectl is missing or the management cluster cannot be read; 3 when Secret data was found
in the output.

Examples:
  $PROG
  $PROG -o ./bundle-mgmt-eu --context mgmt-eu-1 --since 2h
  $PROG --kubeconfig ~/.kube/mgmt.yaml --namespace team-a --namespace team-b
  $PROG --workload-kubeconfig-dir ./kubeconfigs   # ./kubeconfigs/team-a/prod-eu.kubeconfig, ...
  $PROG --no-workload --no-logs                   # management objects only"
}

warn() { printf '%s: warning: %s\n' "$PROG" "$*" >&2; }
info() { printf '%s\n' "$*" >&2; }
die() {
  local code="$1"
  shift
  printf '%s: error: %s\n' "$PROG" "$*" >&2
  exit "$code"
}
# The first line of a kubectl error, for one-line messages.
first_line() { printf '%s' "$1" | tr -d '\r' | grep -v '^[[:space:]]*$' | head -n 1 || true; }

output=""
since="6h"
capture_logs=1
capture_workload=1
workload_dir=""
namespaces=()
context=""
kargs=()

need_value() { [[ $# -ge 2 && -n "$2" ]] || die 1 "$1 needs a value (see --help)"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help)
      usage
      exit 0
      ;;
    -o | --output)
      need_value "$@"
      output="$2"
      shift 2
      ;;
    --output=*) output="${1#*=}" && shift ;;
    --kubeconfig)
      need_value "$@"
      kargs+=("--kubeconfig" "$2")
      shift 2
      ;;
    --kubeconfig=*) kargs+=("--kubeconfig" "${1#*=}") && shift ;;
    --context)
      need_value "$@"
      context="$2"
      shift 2
      ;;
    --context=*) context="${1#*=}" && shift ;;
    -n | --namespace)
      need_value "$@"
      namespaces+=("$2")
      shift 2
      ;;
    --namespace=*) namespaces+=("${1#*=}") && shift ;;
    --workload-kubeconfig-dir)
      need_value "$@"
      workload_dir="$2"
      shift 2
      ;;
    --workload-kubeconfig-dir=*) workload_dir="${1#*=}" && shift ;;
    --no-workload) capture_workload=0 && shift ;;
    --no-logs) capture_logs=0 && shift ;;
    --since)
      need_value "$@"
      since="$2"
      shift 2
      ;;
    --since=*) since="${1#*=}" && shift ;;
    *) die 1 "unknown argument '$1' (see --help)" ;;
  esac
done

[[ "$since" =~ ^([0-9]+(ms|s|m|h))+$ ]] || die 1 "--since '$since' is not a duration like 30m, 6h or 1h30m"
if [[ -n "$workload_dir" && ! -d "$workload_dir" ]]; then
  die 1 "--workload-kubeconfig-dir '$workload_dir' is not a directory"
fi

[[ -z "$context" ]] || kargs+=("--context" "$context")

command -v kubectl >/dev/null 2>&1 ||
  die 2 "kubectl not found on PATH; install kubectl (https://kubernetes.io/docs/tasks/tools/) and retry"

# Private scratch space for kubectl errors and workload kubeconfigs: never inside the bundle.
original_umask="$(umask)"
umask 077
private="$(mktemp -d "${TMPDIR:-/tmp}/capture-bundle.XXXXXX")"
chmod 700 "$private"
trap 'rm -rf -- "$private"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
errfile="$private/stderr"
# Credentials of every kubeconfig used; the output is checked for them at the end.
secret_values="$private/secret-values"
: >"$secret_values"

mgmt() { kubectl "${kargs[@]}" "$MGMT_TIMEOUT" "$@"; }

# --- Management cluster: who it is and which resource types to capture -----------------------------------

if [[ -z "$context" ]] && ! context="$(kubectl "${kargs[@]}" config current-context 2>"$errfile")"; then
  die 2 "no current kubeconfig context ($(first_line "$(cat "$errfile")")); pass --context NAME"
fi

info "Discovering resource types on context '$context' ..."
api_status=0
all_resources="$(mgmt api-resources --verbs=list -o name 2>"$errfile")" || api_status=$?
if [[ -z "$all_resources" ]]; then
  die 2 "cannot reach the management cluster (context '$context'): $(first_line "$(cat "$errfile")")"
fi
if [[ $api_status -ne 0 ]]; then
  # Typical: an aggregated API (metrics.k8s.io) is down; the other groups are still listed.
  warn "resource discovery was incomplete, continuing with what was listed: $(first_line "$(cat "$errfile")")"
fi

resources=()
while IFS= read -r name; do
  case "$name" in
    secrets | secrets.*) ;; # never, whatever the filters below say
    *.cluster.x-k8s.io | *.metal3.io) resources+=("$name") ;;
  esac
done < <(printf '%s\n' "$all_resources" | LC_ALL=C sort -u)
capi_count=${#resources[@]}
((capi_count > 0)) ||
  die 2 "no cluster.x-k8s.io resource types on context '$context': is it a Cluster API management cluster?"
resources+=("events")

cluster_scoped=" "
scoped=""
if ((${#namespaces[@]} > 0)); then
  scoped="$(mgmt api-resources --verbs=list --namespaced=false -o name 2>"$errfile")" ||
    warn "could not list cluster-scoped resource types: $(first_line "$(cat "$errfile")")"
  cluster_scoped=" $(printf '%s' "$scoped" | tr '\n' ' ') "
fi

# --- Output directory ----------------------------------------------------------------------------------------

[[ -n "$output" ]] || output="./bundle-$(date -u +%Y%m%dT%H%M%SZ)"
if [[ -e "$output" && ! -d "$output" ]]; then
  die 1 "output '$output' exists and is not a directory"
fi
if [[ -d "$output" && -n "$(ls -A "$output")" ]]; then
  die 1 "output directory '$output' is not empty; choose another with -o"
fi
umask "$original_umask"
mkdir -p "$output/management"

# Runs a command with stdout to FILE; keeps FILE only on success. Errors go to $errfile.
capture_to() {
  local file="$1"
  shift
  mkdir -p "$(dirname "$file")"
  if "$@" >"$file.partial" 2>"$errfile"; then
    mv -f "$file.partial" "$file"
  else
    rm -f "$file.partial"
    return 1
  fi
}

# --- Management objects ------------------------------------------------------------------------------------

jobs=()
for resource in "${resources[@]}"; do
  if ((${#namespaces[@]} == 0)) || [[ "$cluster_scoped" == *" $resource "* ]]; then
    jobs+=("$resource|")
  else
    for ns in "${namespaces[@]}"; do jobs+=("$resource|$ns"); done
  fi
done

objects_ok=0
objects_failed=0
step=0
for job in "${jobs[@]}"; do
  step=$((step + 1))
  resource="${job%%|*}"
  ns="${job#*|}"
  if [[ -z "$ns" ]]; then
    info "[$step/${#jobs[@]}] $resource ..."
    file="$output/management/$resource.json"
    scope=(-A)
    [[ "$cluster_scoped" == *" $resource "* ]] && scope=()
  else
    info "[$step/${#jobs[@]}] $resource -n $ns ..."
    file="$output/management/$ns/$resource.json"
    scope=(-n "$ns")
  fi
  if capture_to "$file" mgmt get "$resource" "${scope[@]}" -o json; then
    objects_ok=$((objects_ok + 1))
  else
    objects_failed=$((objects_failed + 1))
    warn "skipped $resource${ns:+ in namespace $ns}: $(first_line "$(cat "$errfile")")"
  fi
done
((objects_ok > 0)) ||
  die 2 "could not read any object from the management cluster (context '$context'); see the warnings above"

# --- Controller logs -----------------------------------------------------------------------------------------

logs_ok=0
logs_failed=0
if ((capture_logs)); then
  info "Listing controller pods ..."
  if pods="$(mgmt get pods -A -o "jsonpath=$POD_JSONPATH" 2>"$errfile")"; then
    while IFS='|' read -r ns pod provider container_names; do
      [[ "$ns" == *-system ]] || continue
      [[ -n "$provider" || "$ns" == cap* ]] || continue
      read -r -a containers <<<"$container_names"
      for container in "${containers[@]}"; do
        info "[logs] $ns/$pod/$container (--since=$since) ..."
        if capture_to "$output/logs/management/$ns/$pod/$container.log" \
          mgmt logs "--since=$since" -n "$ns" "$pod" -c "$container"; then
          logs_ok=$((logs_ok + 1))
        else
          logs_failed=$((logs_failed + 1))
          warn "no log for $ns/$pod/$container: $(first_line "$(cat "$errfile")")"
        fi
      done
    done <<<"$pods"
  else
    warn "could not list pods for controller logs: $(first_line "$(cat "$errfile")")"
  fi
fi

# --- Workload clusters ---------------------------------------------------------------------------------------

# Remembers the credentials in a kubeconfig, so the final check can prove none reached the bundle.
remember_credentials() {
  sed -n -E 's/^[[:space:]]*(client-key-data|client-certificate-data|token|password):[[:space:]]*"?([^"]{16,})"?[[:space:]]*$/\2/p' \
    "$1" >>"$secret_values" || true
}

# Sets $kubeconfig to a file for cluster $1/$2, or sets $kubeconfig_error and returns 1.
find_kubeconfig() {
  local ns="$1" name="$2" value
  kubeconfig=""
  kubeconfig_error=""
  if [[ -n "$workload_dir" ]]; then
    local nested="$workload_dir/$ns/$name.kubeconfig" flat="$workload_dir/$ns-$name.kubeconfig"
    if [[ -f "$nested" ]]; then
      kubeconfig="$nested"
    elif [[ -f "$flat" ]]; then
      kubeconfig="$flat"
    else
      kubeconfig_error="no kubeconfig file: neither $nested nor $flat exists"
      return 1
    fi
    remember_credentials "$kubeconfig"
    return 0
  fi
  if ! value="$(mgmt get secret -n "$ns" "$name-kubeconfig" -o 'jsonpath={.data.value}' 2>"$errfile")"; then
    kubeconfig_error="reading Secret $ns/$name-kubeconfig: $(first_line "$(cat "$errfile")")"
    return 1
  fi
  if [[ -z "$value" ]]; then
    kubeconfig_error="Secret $ns/$name-kubeconfig has no data.value"
    return 1
  fi
  printf '%s\n' "$value" >>"$secret_values"
  kubeconfig="$(mktemp "$private/kubeconfig.XXXXXX")"
  if ! printf '%s' "$value" | base64 -d >"$kubeconfig" 2>"$errfile"; then
    rm -f -- "$kubeconfig"
    kubeconfig_error="Secret $ns/$name-kubeconfig: data.value is not valid base64"
    return 1
  fi
  remember_credentials "$kubeconfig"
}

# kubectl errors that mean the API server cannot be reached at all.
readonly UNREACHABLE='Unable to connect|i/o timeout|connection refused|no such host|deadline exceeded|Client\.Timeout'
clusters_ok=0
clusters_failed=0
failed_names=()
if ((capture_workload)); then
  info "Listing Cluster API clusters ..."
  cluster_lines=""
  if ((${#namespaces[@]} == 0)); then
    cluster_lines="$(mgmt get clusters.cluster.x-k8s.io -A -o "jsonpath=$CLUSTER_JSONPATH" 2>"$errfile")" ||
      warn "could not list clusters, no workload cluster captured: $(first_line "$(cat "$errfile")")"
  else
    for ns in "${namespaces[@]}"; do
      if lines="$(mgmt get clusters.cluster.x-k8s.io -n "$ns" -o "jsonpath=$CLUSTER_JSONPATH" 2>"$errfile")"; then
        cluster_lines+="$lines"$'\n'
      else
        warn "could not list clusters in namespace $ns: $(first_line "$(cat "$errfile")")"
      fi
    done
  fi
  mapfile -t clusters < <(printf '%s\n' "$cluster_lines" | grep -v '^[[:space:]]*$' || true)

  index=0
  for line in "${clusters[@]}"; do
    index=$((index + 1))
    read -r ns name <<<"$line"
    dir="$output/workload/$ns/$name"
    info "[cluster $index/${#clusters[@]}] $ns/$name ..."
    errors=()
    if find_kubeconfig "$ns" "$name"; then
      for what in nodes pods events; do
        scope=(-A)
        [[ "$what" == nodes ]] && scope=()
        if ! capture_to "$dir/$what.json" \
          kubectl --kubeconfig "$kubeconfig" "$WORKLOAD_TIMEOUT" get "$what" "${scope[@]}" -o json; then
          message="$(first_line "$(cat "$errfile")")"
          errors+=("get $what: ${message:-kubectl failed}")
          # Unreachable: the other calls would only wait for the same timeout.
          if [[ "$message" =~ $UNREACHABLE ]]; then
            [[ "$what" == events ]] || errors+=("skipped the rest of this cluster: its API server is unreachable")
            break
          fi
        fi
      done
      [[ -z "$workload_dir" ]] && rm -f -- "$kubeconfig"
    else
      errors+=("kubeconfig: $kubeconfig_error")
    fi
    if ((${#errors[@]} == 0)); then
      clusters_ok=$((clusters_ok + 1))
    else
      clusters_failed=$((clusters_failed + 1))
      failed_names+=("$ns/$name")
      mkdir -p "$dir"
      printf '%s\n' "${errors[@]}" >"$dir/CAPTURE-ERROR.txt"
      for error in "${errors[@]}"; do warn "workload cluster $ns/$name: $error"; done
    fi
  done
fi

# --- bundle.yaml -----------------------------------------------------------------------------------------------

yaml_quote() {
  local s="${1//\\/\\\\}"
  printf '"%s"' "${s//\"/\\\"}"
}
{
  printf 'capturedAt: "%s"\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf 'management: %s\n' "$(yaml_quote "$context")"
} >"$output/bundle.yaml"

# --- Safety check: no Secret object, no credential -------------------------------------------------------------

# kubectl prints JSON with 4-space indentation: an object's own kind sits at 4 spaces (a single object) or
# 12 spaces (an item of a List). Deeper "kind": "Secret" lines are references (ClusterResourceSet resources,
# ownerReferences, an Event's involvedObject) and are fine.
leaks=()
while IFS= read -r file; do
  leaks+=("$file|a Secret object")
done < <(grep -rlE '^(    |            )"kind": ?"Secret"' "$output" || true)
grep -v '^$' "$secret_values" >"$secret_values.nonempty" || true
if [[ -s "$secret_values.nonempty" ]]; then
  while IFS= read -r file; do
    leaks+=("$file|kubeconfig credentials")
  done < <(grep -rlF -f "$secret_values.nonempty" "$output" || true)
fi
if ((${#leaks[@]} > 0)); then
  printf '%s\n' "$PROG: error: SECRET DATA FOUND IN THE OUTPUT. These files were removed; check the bundle" \
    "before sharing it:" >&2
  for leak in "${leaks[@]}"; do
    printf '  %s: %s\n' "${leak%|*}" "${leak##*|}" >&2
    rm -f -- "${leak%|*}"
  done
  exit 3
fi

# --- Summary -------------------------------------------------------------------------------------------------

files="$(find "$output" -type f | wc -l | tr -d ' ')"
info ""
info "Bundle written to $output ($files files)"
info "  management: $objects_ok resource lists captured, $objects_failed skipped (context '$context')"
if ((capture_logs)); then
  info "  logs: $logs_ok controller container logs, $logs_failed failed (--since=$since)"
else
  info "  logs: skipped (--no-logs)"
fi
if ((capture_workload)); then
  info "  workload clusters: $clusters_ok captured, $clusters_failed failed${failed_names[*]:+ (${failed_names[*]})}"
else
  info "  workload clusters: skipped (--no-workload)"
fi
