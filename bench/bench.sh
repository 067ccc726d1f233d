#!/usr/bin/env bash
# Benchmark: cold ./spark-k8s generate of the whole catalog (JVM start included, Maven build excluded),
# warm in-process generation per chart, and peak RSS. Prints numbers; asserts nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
./spark-k8s blocks >/dev/null   # builds the CLI if needed, outside the measurement
OUT="$(mktemp -d)"
runs=5
best=999999
for i in $(seq $runs); do
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$OUT/rss" ./spark-k8s generate --output "$OUT/charts" >/dev/null
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  rss=$(cat "$OUT/rss")
  echo "cold generate run $i: ${ms} ms, peak RSS $((rss / 1024)) MB"
  [ "$ms" -lt "$best" ] && best=$ms
done
echo "cold generate (best of $runs): ${best} ms"
java -cp "cli/target/spark-k8s-cli.jar:cli/target/lib/*" io.sparkk8s.cli.Bench "$ROOT"
rm -rf "$OUT"
