#!/usr/bin/env bash
# Every check of the workspace: lint (with the module boundaries), formatting, import cycles, unit specs of all projects,
# then the e2e suites against a real server (SQLite and PostgreSQL) and a real browser. Prints one closing "N passed, M failed" line over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_TELEMETRY=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=${NX_SKIP_NX_CACHE:-true}

bash tools/ensure-test-env.sh || exit 1

results=$(mktemp -d)
status=0
npx nx run-many -t lint --parallel=2 --outputStyle=stream || status=1
node tools/check-cycles.mjs libs/chariot/src libs/shared libs/api || status=1
npx nx format:check --all || { echo 'files not formatted: npx nx format:write --all'; status=1; }
# Type-check the server and language sources as a whole (the bundlers only transpile).
for project in apps/api/tsconfig.app.json apps/cli/tsconfig.app.json libs/chariot/tsconfig.lib.json libs/shared/contract/tsconfig.lib.json libs/api/*/tsconfig.lib.json; do
  npx tsc --noEmit -p "$project" || { echo "type errors in $project"; status=1; }
done
npx nx run-many -t build -p api charioteer cli --parallel=1 || exit 1
npx nx run-many -t test --parallel=2 --outputStyle=stream 2>&1 | tee "$results/unit.log" || status=1
npx nx run-many -t e2e --parallel=1 --outputStyle=stream 2>&1 | tee "$results/e2e.log" || status=1

# Sum jest's "Tests:" lines of every project run.
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const f of ["unit.log", "e2e.log"]) {
    const text = fs.readFileSync(process.argv[1] + "/" + f, "utf8");
    for (const m of text.matchAll(/Tests:\s+(.*?)\d+ total/g)) {
      passed += +(/(\d+) passed/.exec(m[1])?.[1] ?? 0);
      failed += +(/(\d+) failed/.exec(m[1])?.[1] ?? 0);
      skipped += +(/(\d+) skipped/.exec(m[1])?.[1] ?? 0);
    }
  }
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$results"
rm -rf "$results"
exit $status
