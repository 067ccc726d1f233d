#!/usr/bin/env bash
# Benchmark: where Helm 4 spends the time of one `helm template` of spark-4.1 with the Jupyter preset. Helm writes a
# Go CPU profile when HELM_PPROF_CPU_PROFILE names a file; this runs the command N times, merges the profiles with
# `go tool pprof` and prints the CPU milliseconds per run of each stage (cumulative: a stage includes what it calls).
# With HANDWRITTEN=<folder holding charts/spark-4.1> (see bench/helm-schema.sh) the hand-written chart with
# values-scenario-jupyter-connect-k8s.yaml is profiled the same way. Needs Go (apt-get install golang-go) for pprof.
# Prints numbers; asserts nothing. The profiler samples at 100 Hz, so use 30 runs or more.
#
# usage: bench/helm-profile.sh [runs, default 30]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-30}"
HELM4="${HELM4:-$ROOT/.tools/helm4/helm}"
command -v go >/dev/null || { echo "needs go for 'go tool pprof' (apt-get install golang-go)" >&2; exit 2; }
[ -x "$HELM4" ] || { echo "missing $HELM4 (copy .tools/ from the main checkout, or set HELM4)" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# stage label and the pprof function name (a regular expression matched against the whole line)
STAGES=(
  "all sampled work|main\.main$"
  "load the chart|chart/loader\.Load$"
  "schema: validate the values (all)|util\.ValidateAgainstSchema$"
  "schema: compile|jsonschema/v6\.\(\*Compiler\)\.Compile$"
  "schema: check it against the meta-schema|jsonschema/v6\.\(\*roots\)\.validate$"
  "schema: collect subschemas|jsonschema/v6\.\(\*roots\)\.collectResources$"
  "templates: parse + execute|engine\.Engine\.render$"
  "templates: parse|text/template\.\(\*Template\)\.Parse$"
  "templates: include calls|engine\.Engine\.initFunMap\.includeFun\.func[0-9]+$"
  "sort the manifests (YAML parse)|util\.SortManifests$"
)

# profile <name> <chart dir> <values file>
profile() {
  local name="$1" chart="$2" values="$3" i
  mkdir -p "$WORK/$name"
  for i in $(seq "$RUNS"); do
    HELM_PPROF_CPU_PROFILE="$WORK/$name/$i.prof" "$HELM4" template r "$chart" -f "$values" >/dev/null
  done
  go tool pprof -top -cum -nodecount=100000 "$WORK/$name"/*.prof 2>/dev/null >"$WORK/$name.top"
}

# ms per run of the cumulative time of the first line matching a pattern
ms() {
  awk -v re="$2" -v runs="$RUNS" '
    $0 ~ re {
      v = $4; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
      ms = (unit == "s") ? v * 1000 : (unit == "ms" ? v : v / 1000)
      printf "%.1f", ms / runs; found = 1; exit
    }
    END { if (!found) printf "0" }' "$1"
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $RUNS runs each, $("$HELM4" version --short)"
CHART="$ROOT/generated-charts/spark-4.1"
profile ours "$CHART" "$CHART/presets/jupyter-connect-k8s.yaml"
names=(ours)
if [ -n "${HANDWRITTEN:-}" ]; then
  HW="$HANDWRITTEN/charts/spark-4.1"
  profile handwritten "$HW" "$HW/values-scenario-jupyter-connect-k8s.yaml"
  names+=(handwritten)
fi
printf '%-42s' "CPU ms per helm template (profiled)"
for n in "${names[@]}"; do printf '%14s' "$n"; done
echo
for stage in "${STAGES[@]}"; do
  printf '%-42s' "${stage%%|*}"
  for n in "${names[@]}"; do printf '%14s' "$(ms "$WORK/$n.top" "${stage#*|}")"; done
  echo
done
