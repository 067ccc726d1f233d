#!/usr/bin/env bash
# Regenerates api/src/main/resources/io/sparkk8s/api/spark-conf-keys-<line>.txt from the Spark jars
# of each line (Maven resolves them; about 400 MB per line on first use, then a few seconds per line).
# Usage: tools/spark-conf-keys/extract.sh   (from anywhere; needs Java 17+ and Maven)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$repo/api/src/main/resources/io/sparkk8s/api"
work="$here/target"
mkdir -p "$work/classes" "$out"
javac -d "$work/classes" "$here/src/main/java/ExtractSparkConfKeys.java"
for line in 4.1 3.5; do
  (cd "$here" && mvn -B -q "-Pspark-$line" dependency:build-classpath "-Dmdep.outputFile=$work/cp-$line.txt" \
      -Dmdep.includeGroupIds=org.apache.spark -Dmdep.outputScope=false >/dev/null)
  (cd "$here" && mvn -B -q "-Pspark-$line" dependency:build-classpath "-Dmdep.outputFile=$work/cp-all-$line.txt" >/dev/null)
  artifacts="$(tr ':' '\n' < "$work/cp-$line.txt" | sed -n 's#.*/org/apache/spark/\([^/]*\)/\([^/]*\)/.*#\1:\2#p' | sort | paste -sd' ')"
  java --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
       --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
       -cp "$work/classes:$(cat "$work/cp-all-$line.txt")" ExtractSparkConfKeys "$here/read-by-name.txt" \
       "$out/spark-conf-keys-$line.txt" \
       "Spark $line configuration keys: every ConfigEntry registered (ConfigEntry.knownConfigs, SQLConf.sqlConfEntries)" \
       "once the config holder objects of these org.apache.spark jars are initialised; a tab, then a note, marks" \
       "other names Spark reads: alternatives, prepended keys, and settings read by name (read-by-name.txt)," \
       "or names Spark no longer reads ('removed in', 'no longer read'), which are not settings." \
       "Open prefix families (spark.hadoop.*, ...) are in spark-conf-families.txt." \
       "Jars: $artifacts" \
       "Regenerate: tools/spark-conf-keys/extract.sh (do not edit by hand)." 2> "$work/extract-$line.log" \
    || { cat "$work/extract-$line.log"; exit 1; }
  grep -E '^(wrote|SQLConf|classes|  not|  family .*not a constant)' "$work/extract-$line.log" | sed "s/^/$line: /"
done
