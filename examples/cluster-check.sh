#!/usr/bin/env bash
# Lifecycle check of the generated charts on a real cluster (kind or minikube; needs kubectl and helm 3.x/4.x
# on PATH, a current kube context and the images pullable from the cluster). It cannot run on the build
# machines, which have no cluster; UpgradeMatrixTest covers what rendering alone can show.
#
# Per preset, in a fresh namespace labelled Pod Security "restricted":
#   1. helm install --wait, then helm test;
#   2. helm upgrade to the same chart (or to --next-chart), --wait, helm test;
#   3. helm upgrade that enables a block the preset leaves off (--enable, default jupyter), --wait;
#   4. remember every generated Secret's values, write a marker row into PostgreSQL when it is on,
#      helm uninstall (PVCs and Secrets are kept by helm.sh/resource-policy: keep), helm install again
#      with the same release name, --wait, and check that the Secrets hold the same values and the
#      marker row is still there (the database volume and its passwords survived together).
#
# Usage: examples/cluster-check.sh [--chart DIR] [--next-chart DIR] [--preset NAME]... [--enable KEY]
#                                  [--release NAME] [--timeout 15m] [--keep]
#   --chart       chart to install first (default generated-charts/spark-4.1)
#   --next-chart  chart to upgrade to in step 2 (default: the same chart)
#   --preset      preset of the chart (repeatable; default: every preset in <chart>/presets)
#   --enable      values key prefix of the block to enable in step 3 (default jupyter)
#   --keep        leave the namespaces behind for inspection
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHART="$ROOT/generated-charts/spark-4.1"
NEXT_CHART=""
PRESETS=()
ENABLE="jupyter"
RELEASE="check"
TIMEOUT="15m"
KEEP=false

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    --chart) CHART="$2"; shift 2 ;;
    --next-chart) NEXT_CHART="$2"; shift 2 ;;
    --preset) PRESETS+=("$2"); shift 2 ;;
    --enable) ENABLE="$2"; shift 2 ;;
    --release) RELEASE="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --keep) KEEP=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
NEXT_CHART="${NEXT_CHART:-$CHART}"

for tool in kubectl helm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "cluster-check: $tool is not on PATH" >&2; exit 2; }
done
kubectl version >/dev/null 2>&1 || { echo "cluster-check: no reachable cluster in the current kube context" >&2; exit 2; }

if [ ${#PRESETS[@]} -eq 0 ]; then
  for file in "$CHART"/presets/*.yaml; do
    name="$(basename "$file" .yaml)"
    PRESETS+=("$name")
  done
fi

FAILED=()

log() {
  printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"
}

# The data of every Secret of the release Helm keeps, as "name key=value" lines, sorted.
kept_secrets() {
  local ns="$1"
  # shellcheck disable=SC2016 # a kubectl go-template, not shell expansion
  kubectl get secrets -n "$ns" -l "app.kubernetes.io/instance=$RELEASE,app.kubernetes.io/part-of=spark-k8s" \
    -o go-template='{{range .items}}{{$n := .metadata.name}}{{range $k, $v := .data}}{{$n}} {{$k}}={{$v}}{{"\n"}}{{end}}{{end}}' \
    | sort
}

# Runs SQL in the release's PostgreSQL pod as the postgres user (password from the release's Secret).
psql_exec() {
  local ns="$1" sql="$2"
  # shellcheck disable=SC2016 # expanded by the shell inside the pod, where the password lives
  kubectl exec -n "$ns" "deploy/$RELEASE-postgresql" -- \
    sh -c 'PGPASSWORD="$POSTGRES_PASSWORD" psql -h 127.0.0.1 -U postgres -d postgres -tAc "$1"' sh "$sql"
}

postgresql_on() {
  local ns="$1"
  kubectl get deploy -n "$ns" "$RELEASE-postgresql" >/dev/null 2>&1
}

check_preset() {
  local preset="$1"
  local ns="sk8s-check-$preset"
  ns="${ns:0:63}"
  local values="$CHART/presets/$preset.yaml"
  local next_values="$NEXT_CHART/presets/$preset.yaml"
  [ -f "$next_values" ] || next_values="$values"

  log "$preset: namespace $ns (Pod Security restricted)"
  kubectl create namespace "$ns" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
  kubectl label namespace "$ns" --overwrite \
    pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/enforce-version=latest >/dev/null

  log "$preset: install"
  helm install "$RELEASE" "$CHART" -n "$ns" -f "$values" --wait --timeout "$TIMEOUT"
  helm test "$RELEASE" -n "$ns" --timeout "$TIMEOUT"

  log "$preset: upgrade to $NEXT_CHART"
  helm upgrade "$RELEASE" "$NEXT_CHART" -n "$ns" -f "$next_values" --wait --timeout "$TIMEOUT"
  helm test "$RELEASE" -n "$ns" --timeout "$TIMEOUT"

  log "$preset: enable $ENABLE on upgrade"
  local enable_args=(--set "$ENABLE.enabled=true")
  case "$ENABLE" in
    jupyter) enable_args+=(--set connect.enabled=true) ;;
    airflow|mlflow|hiveMetastore) enable_args+=(--set postgresql.enabled=true --set minio.enabled=true) ;;
  esac
  helm upgrade "$RELEASE" "$NEXT_CHART" -n "$ns" -f "$next_values" "${enable_args[@]}" --wait --timeout "$TIMEOUT"
  helm test "$RELEASE" -n "$ns" --timeout "$TIMEOUT"

  local marker=""
  if postgresql_on "$ns"; then
    marker="check-$(date -u +%s)"
    psql_exec "$ns" "CREATE TABLE IF NOT EXISTS sk8s_check (v text); INSERT INTO sk8s_check VALUES ('$marker');" >/dev/null
  fi
  local secrets_before
  secrets_before="$(kept_secrets "$ns")"

  log "$preset: uninstall (kept: PVCs and Secrets) and install again"
  helm uninstall "$RELEASE" -n "$ns" --wait --timeout "$TIMEOUT"
  kubectl get pvc,secret -n "$ns" -l "app.kubernetes.io/instance=$RELEASE" -o name
  helm install "$RELEASE" "$NEXT_CHART" -n "$ns" -f "$next_values" "${enable_args[@]}" --wait --timeout "$TIMEOUT"
  helm test "$RELEASE" -n "$ns" --timeout "$TIMEOUT"

  local secrets_after
  secrets_after="$(kept_secrets "$ns")"
  if [ "$secrets_before" != "$secrets_after" ]; then
    echo "$preset: generated Secrets changed across uninstall and reinstall" >&2
    diff <(printf '%s\n' "$secrets_before" | cut -d= -f1) <(printf '%s\n' "$secrets_after" | cut -d= -f1) >&2 || true
    return 1
  fi
  if [ -n "$marker" ]; then
    if [ "$(psql_exec "$ns" "SELECT count(*) FROM sk8s_check WHERE v = '$marker';")" != "1" ]; then
      echo "$preset: the row written before the uninstall is gone" >&2
      return 1
    fi
  fi
  log "$preset: ok"
}

cleanup() {
  local preset="$1"
  local ns="sk8s-check-$preset"
  ns="${ns:0:63}"
  if [ "$KEEP" = false ]; then
    helm uninstall "$RELEASE" -n "$ns" >/dev/null 2>&1 || true
    kubectl delete namespace "$ns" --wait=false >/dev/null 2>&1 || true
  fi
}

for preset in "${PRESETS[@]}"; do
  if [ ! -f "$CHART/presets/$preset.yaml" ]; then
    echo "cluster-check: no preset $preset in $CHART/presets" >&2
    FAILED+=("$preset")
    continue
  fi
  # errexit is ignored inside an `if` condition, so the check runs as its own command with errexit on
  set +e
  (set -e; check_preset "$preset")
  rc=$?
  set -e
  if [ "$rc" -ne 0 ]; then
    FAILED+=("$preset")
  fi
  cleanup "$preset"
done

if [ ${#FAILED[@]} -gt 0 ]; then
  echo "cluster-check: failed: ${FAILED[*]}" >&2
  exit 1
fi
echo "cluster-check: every preset passed (${PRESETS[*]})"
