#!/usr/bin/env bash
# The test command: sets up everything the tests need on a fresh Debian machine (Chromium, Java and
# PostgreSQL from Debian's packages, the Nu HTML checker from npm, a throwaway PostgreSQL cluster on a
# free local port), then restores, builds and runs every test project.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

log() { printf '\n== %s\n' "$*"; }

need_packages=()
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
command -v java >/dev/null || need_packages+=(default-jre-headless)
command -v npm >/dev/null || need_packages+=(npm)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || need_packages+=(postgresql)
if [ ${#need_packages[@]} -gt 0 ]; then
  log "Installing Debian packages: ${need_packages[*]}"
  if [ "$(id -u)" != 0 ]; then echo "Run as root to install: ${need_packages[*]}" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${need_packages[@]}"
fi

# The Nu HTML checker (vnu.jar) from the npm registry.
vnu_dir="$root/.tools/vnu"
if [ ! -f "$vnu_dir/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
  log "Installing the Nu HTML checker"
  mkdir -p "$vnu_dir"
  npm install --prefix "$vnu_dir" --no-audit --no-fund --silent vnu-jar@26.9.27
fi
export PBGDPL_VNU_JAR="$vnu_dir/node_modules/vnu-jar/build/dist/vnu.jar"
export PBGDPL_CHROMIUM=/usr/bin/chromium

# A throwaway PostgreSQL cluster, removed on exit.
. scripts/throwaway-postgres.sh
start_throwaway_postgres 55432
export PBGDPL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"

log "Restoring and building"
dotnet restore PbgdplPortal.sln
dotnet build PbgdplPortal.sln --no-restore -c Release

log "Running tests"
results="$pg_dir/results"
mkdir -p "$results"
set +e
# One test project at a time: the browser, media and search tests each want both cores.
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  dotnet test "$project" --no-build -c Release --logger "console;verbosity=normal" --logger "trx" --results-directory "$results" 2>&1 | tee -a "$pg_dir/test.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done
set -e
count() { cat "$results"/*.trx 2>/dev/null | grep -oE "<Counters [^>]*" | grep -oE " $1=\"[0-9]+\"" | awk -F'"' '{ s += $2 } END { print s + 0 }'; }
passed=$(count passed)
failed=$(count failed)
echo
echo "Tests: ${passed:-0} passed, ${failed:-0} failed"
if [ "$status" -ne 0 ]; then
  # Name every failed test and the first lines of its message, so the end of the log tells what broke.
  echo "Failed tests:"
  for trx in "$results"/*.trx; do
    tr -d '\r' < "$trx" | awk '
      /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); failed = 1; shown = 0 }
      failed && /<Message>/ { print "  - " name; inmsg = 1 }
      inmsg && shown < 6 { sub(/.*<Message>/, ""); print "      " $0; shown++ }
      inmsg && /<\/Message>/ { inmsg = 0; failed = 0 }
    '
  done
  # A run can fail with every test passed: a fixture that throws while cleaning up, or a test host that crashed.
  echo "Errors outside tests:"
  for trx in "$results"/*.trx; do
    tr -d '\r' < "$trx" | awk '/<RunInfo / && /outcome="Error"/ { inrun = 1; shown = 0; next } inrun && shown < 12 { sub(/.*<Text>/, ""); print "      " $0; shown++ } inrun && /<\/Text>/ { inrun = 0 }' | grep -v '\[FAIL\]'
  done
  grep -E "Cleanup Failure|Catastrophic|Test Run Aborted|test run was aborted|Test host process crashed" "$pg_dir/test.log" | head -20 || true
fi
exit "$status"
