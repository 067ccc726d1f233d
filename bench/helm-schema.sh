#!/usr/bin/env bash
# Benchmark: what values.schema.json costs Helm. For each generated chart with the Jupyter preset, runs
# `helm template` and `helm lint --strict` with Helm 3 and Helm 4 on the chart as generated, on a copy without any
# values.schema.json and (when python3 is at hand) on a copy whose schemas are written compact; the runs of the
# variants alternate, so a change in machine load hits all of them alike. Prints the median wall time, the mean
# CPU time (user + system), the schema's share of the time and the schemas' size. Prints numbers; asserts nothing.
#
# With HANDWRITTEN=<folder holding charts/spark-4.1> (a checkout of github.com/fall-out-bug/spark_k8s, e.g.
# `git clone --depth 1 https://github.com/fall-out-bug/spark_k8s /tmp/spark_k8s`), it also puts our spark-4.1 with
# the Jupyter preset next to that hand-written chart with values-scenario-jupyter-connect-k8s.yaml.
#
# usage: bench/helm-schema.sh [runs per variant, default 11]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-11}"
HELM3="${HELM3:-$ROOT/.tools/helm3/helm}"
HELM4="${HELM4:-$ROOT/.tools/helm4/helm}"
PRESET=jupyter-connect-k8s
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

for helm in "$HELM3" "$HELM4"; do
  [ -x "$helm" ] || { echo "missing $helm (copy .tools/ from the main checkout, or set HELM3/HELM4)" >&2; exit 2; }
done

# one timed run: appends "<wall ms> <cpu ms>" to the file $1; the rest is the command
timed() {
  local out="$1"; shift
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f "%U %S" -o "$WORK/cpu" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  awk -v wall=$(( (end - start) / 1000 )) '{ printf "%.1f %.1f\n", wall / 1000, ($1 + $2) * 1000 }' "$WORK/cpu" >>"$out"
}

label() { if [ "$1" = "$HELM3" ]; then echo helm3; else echo helm4; fi; }
median() { cut -d' ' -f1 "$1" | sort -n | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); print v[m] }'; }
meancpu() { awk '{ s += $2 } END { printf "%.0f", s / NR }' "$1"; }
bytes() { find "$1" -name values.schema.json -exec cat {} + 2>/dev/null | wc -c; }

# variants of one chart: as generated, without schemas, schemas compact
variants() {
  local chart="$1" name
  name=$(basename "$chart")
  cp -r "$chart" "$WORK/$name.schema"
  cp -r "$chart" "$WORK/$name.none"
  find "$WORK/$name.none" -name values.schema.json -delete
  if command -v python3 >/dev/null; then
    cp -r "$chart" "$WORK/$name.compact"
    find "$WORK/$name.compact" -name values.schema.json | while read -r f; do
      python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); open(sys.argv[1],"w").write(json.dumps(d,separators=(",",":"),ensure_ascii=False))' "$f"
    done
  fi
}

# measure <label> <helm> <command: template|lint> <values file name inside the chart> <chart dir>...
measure() {
  local label="$1" helm="$2" command="$3" values="$4"; shift 4
  local dirs=("$@") i d
  for d in "${dirs[@]}"; do : >"$d.times"; done
  for i in $(seq "$RUNS"); do
    for d in "${dirs[@]}"; do
      if [ "$command" = template ]; then
        timed "$d.times" "$helm" template r "$d" -f "$d/$values"
      else
        timed "$d.times" "$helm" lint --strict "$d" -f "$d/$values"
      fi
    done
  done
  local base; base=$(median "${dirs[0]}.times")
  for d in "${dirs[@]}"; do
    local m; m=$(median "$d.times")
    printf '%-34s %-6s %-19s %9s ms %7s ms %10s B  %s\n' "$label" "$(label "$helm")" \
      "$(basename "$d")" "$m" "$(meancpu "$d.times")" "$(bytes "$d")" \
      "$(awk -v a="$m" -v b="$base" 'BEGIN { if (b > 0) printf "%.2f x the first row", a / b }')"
  done
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $RUNS alternating runs per variant"
echo "# $("$HELM3" version --short) / $("$HELM4" version --short)"
printf '%-34s %-6s %-19s %12s %10s %12s\n' "chart + preset: command" helm "copy (.none: no schema)" "wall median" "cpu mean" "schema size"
for chart in "$ROOT/generated-charts/spark-4.1" "$ROOT/generated-charts/spark-3.5"; do
  name=$(basename "$chart")
  variants "$chart"
  set -- "$WORK/$name.schema" "$WORK/$name.none"
  [ -d "$WORK/$name.compact" ] && set -- "$@" "$WORK/$name.compact"
  for helm in "$HELM3" "$HELM4"; do
    for command in template lint; do
      measure "$name $PRESET: $command" "$helm" "$command" "presets/$PRESET.yaml" "$@"
    done
  done
done

if [ -n "${HANDWRITTEN:-}" ]; then
  hand="$HANDWRITTEN/charts/spark-4.1"
  [ -f "$hand/values-scenario-jupyter-connect-k8s.yaml" ] || { echo "no $hand/values-scenario-jupyter-connect-k8s.yaml" >&2; exit 2; }
  cp -r "$hand" "$WORK/handwritten.schema"
  cp "$WORK/spark-4.1.schema/presets/$PRESET.yaml" "$WORK/spark-4.1.schema/bench-values.yaml"
  cp "$hand/values-scenario-jupyter-connect-k8s.yaml" "$WORK/handwritten.schema/bench-values.yaml"
  echo "# side by side: our spark-4.1 + $PRESET vs the hand-written charts/spark-4.1 + values-scenario-jupyter-connect-k8s.yaml"
  for helm in "$HELM3" "$HELM4"; do
    for command in template lint; do
      measure "ours vs hand-written: $command" "$helm" "$command" bench-values.yaml \
        "$WORK/handwritten.schema" "$WORK/spark-4.1.schema"
    done
  done
  echo "# (the ratio on the spark-4.1 line is ours / hand-written; target <= 1.0 for template)"
fi
