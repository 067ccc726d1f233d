#!/usr/bin/env bash
# Same manifests? Renders every chart x preset of this checkout's generated-charts/ and of another generated-charts
# folder (e.g. a worktree of main) with `helm template` (Helm 4) and diffs the output. Sprig draws passwords, tokens
# and TLS keys at random on every render, so runs of 24 or more base64 characters are masked on both sides before
# the diff. For work that must not change what a chart renders (issue 18: schema and template cost). Exit status 1
# when any output differs.
#
# usage: bench/render-diff.sh <other generated-charts folder>
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OTHER="${1:?usage: bench/render-diff.sh <other generated-charts folder>}"
HELM4="${HELM4:-$ROOT/.tools/helm4/helm}"
[ -x "$HELM4" ] || { echo "missing $HELM4 (copy .tools/ from the main checkout, or set HELM4)" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

render() {
  local charts="$1" out="$2" chart preset name
  mkdir -p "$out"
  for chart in spark-4.1 spark-3.5; do
    for preset in "$charts/$chart"/presets/*.yaml; do
      name="$chart-$(basename "$preset" .yaml)"
      if "$HELM4" template r "$charts/$chart" -f "$preset" >"$out/$name.yaml" 2>"$out/$name.err"; then
        : >"$out/$name.err"
      fi
      sed -i -E 's#[A-Za-z0-9+/=]{24,}#<random>#g' "$out/$name.yaml"
    done
  done
}

render "$ROOT/generated-charts" "$WORK/this"
render "$OTHER" "$WORK/other"
count=$(find "$WORK/this" -name '*.yaml' | wc -l)
if diff -r "$WORK/other" "$WORK/this"; then
  echo "identical: $count chart x preset renders"
else
  exit 1
fi
