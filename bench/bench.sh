#!/usr/bin/env bash
# Benchmark: cold ./spark-k8s generate of the whole catalog (JVM start included, Maven build excluded) with and
# without the class-data-sharing archive, warm in-process generation per chart, the scaling with synthetic blocks
# (8 -> 64 -> 256), peak RSS, and then (when the Helm CLIs are in .tools/) bench/helm-schema.sh. Prints numbers with
# the load average beside them (the build machines are shared); asserts nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
./spark-k8s blocks >/dev/null   # builds the CLI and its class-data archive if needed, outside the measurement
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
runs=5
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for cds in on off; do
  best=999999
  for i in $(seq $runs); do
    start=$(date +%s%N)
    SPARK_K8S_CDS=$cds /usr/bin/time -f "%M %U %S" -o "$OUT/rss" ./spark-k8s generate --output "$OUT/charts" >/dev/null
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    read -r rss user sys <"$OUT/rss"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')
    echo "cold generate (class-data archive $cds) run $i: ${ms} ms wall, ${cpu} ms cpu, peak RSS $((rss / 1024)) MB, load $(cut -d' ' -f1 /proc/loadavg)"
    [ "$ms" -lt "$best" ] && best=$ms
  done
  echo "cold generate (class-data archive $cds): best of $runs ${best} ms"
done
java -cp "cli/target/spark-k8s-cli.jar:cli/target/lib/*" io.sparkk8s.cli.Bench "$ROOT"
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -x "$ROOT/.tools/helm3/helm" ] && [ -x "$ROOT/.tools/helm4/helm" ]; then
  "$ROOT/bench/helm-schema.sh" "${HELM_RUNS:-11}"
  if command -v go >/dev/null; then
    "$ROOT/bench/helm-profile.sh" 30   # Helm 4's CPU time by stage (Go's pprof)
  else
    echo "# bench/helm-profile.sh skipped: no go for 'go tool pprof'"
  fi
else
  echo "# bench/helm-schema.sh skipped: no Helm CLIs in .tools/ (see README, Benchmarks)"
fi
