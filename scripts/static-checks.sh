#!/usr/bin/env bash
# The static checks of `npm test`, run side by side (each is single-threaded): the type check of
# server and web, the type-aware lint (module boundaries included), and the module graph. Each
# one's output is printed whole when it ends; the script fails if any of them failed.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() { local name=$1; shift; ( "$@" >"$out/$name.log" 2>&1; echo $? >"$out/$name.rc" ) & }
run typecheck npm run --silent typecheck
run lint npm run --silent lint
run graph node scripts/module-graph.mjs --quiet
wait
failed=0
for name in typecheck lint graph; do
  rc=$(cat "$out/$name.rc")
  echo "── $name: $([ "$rc" = 0 ] && echo ok || echo "FAILED ($rc)")"
  cat "$out/$name.log"
  [ "$rc" = 0 ] || failed=1
done
exit $failed
