#!/usr/bin/env bash
# What Helm's template parser reads (issue 18): per template file of a chart, its bytes, its `{{` actions and its
# comments, and (with Go installed) what Go's text/template/parse allocates and takes to parse it alone, the way
# Helm parses each file (function names not checked). Heaviest first, then the totals. The allocation is the
# stable figure on a shared machine; the time moves with the load. Prints numbers; asserts nothing.
#
# usage: bench/template-weight.sh [chart templates folder, default generated-charts/spark-4.1/templates] [top N, default 20]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$(cd "${1:-$ROOT/generated-charts/spark-4.1/templates}" && pwd)"
TOP="${2:-20}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), $DIR"
if command -v go >/dev/null; then
  cat >"$WORK/main.go" <<'GO'
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"text/template/parse"
	"time"
)

// parses each file 200 times alone and prints: file, bytes, actions, comments, allocated bytes and µs per parse
func main() {
	dir := os.Args[1]
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		text := string(b)
		const n = 200
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		start := time.Now()
		for i := 0; i < n; i++ {
			t := parse.New(p)
			t.Mode = parse.SkipFuncCheck
			if _, err := t.Parse(text, "{{", "}}", map[string]*parse.Tree{}); err != nil {
				panic(err)
			}
		}
		us := float64(time.Since(start).Microseconds()) / n
		runtime.ReadMemStats(&m1)
		fmt.Printf("%s %d %d %d %d %.0f\n", strings.TrimPrefix(p, dir+"/"), len(text), strings.Count(text, "{{"),
			strings.Count(text, "{{/*")+strings.Count(text, "{{- /*"), (m1.TotalAlloc-m0.TotalAlloc)/n, us)
		return nil
	})
}
GO
  printf 'module weight\ngo 1.19\n' >"$WORK/go.mod"
  (cd "$WORK" && go run . "$DIR") >"$WORK/rows"
else
  echo "(no go: bytes, actions and comments only)"
  (cd "$DIR" && find . -type f | sed 's#^\./##' | while read -r f; do
    printf '%s %d %d %d 0 0\n' "$f" "$(wc -c <"$f")" "$(grep -o '{{' "$f" | wc -l)" "$(grep -oE '\{\{-? ?/\*' "$f" | wc -l)"
  done) >"$WORK/rows"
fi
printf '%-36s %9s %8s %9s %13s %9s\n' file bytes actions comments "parse alloc B" "parse µs"
sort -k5,5nr -k2,2nr "$WORK/rows" | head -n "$TOP" | awk '{ printf "%-36s %9d %8d %9d %13d %9d\n", $1, $2, $3, $4, $5, $6 }'
awk '{ b += $2; a += $3; c += $4; m += $5; t += $6; n++ }
  END { printf "%-36s %9d %8d %9d %13d %9d\n", "total (" n " files)", b, a, c, m, t }' "$WORK/rows"
