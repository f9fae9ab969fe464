#!/usr/bin/env bash
# The search benchmark (docs/benchmarks.md), end to end on a fresh Debian machine: installs
# PostgreSQL from Debian's packages if it is missing, starts a throwaway cluster on a free local
# port, builds the solution in Release, then runs tests/PbgdplPortal.Benchmarks, which generates the
# corpus, builds the index, measures the portal in-process and over HTTP, measures PostgreSQL
# full-text search on the same database and scores both on the judged queries; then the contest
# phase: 1,000 entrants start and submit attempts in the last minute of a round over the JSON API,
# and every accepted submission is checked in the database and the ranking (about 3 minutes).
# Results: artifacts/benchmarks/results.md and results.json. Arguments are passed to the benchmark
# (e.g. --articles 20000 --quick for a short trial).
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

log() { printf '\n== %s\n' "$*"; }

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
  log "Installing PostgreSQL from Debian's packages"
  if [ "$(id -u)" != 0 ]; then echo "Run as root to install: postgresql" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends postgresql
fi

# A throwaway PostgreSQL cluster, removed on exit. The unaccent extension ships with it (contrib).
# The buffer cache is sized as a server with this much memory would be (the default 128 MB is for
# tiny hosts).
. scripts/throwaway-postgres.sh
start_throwaway_postgres 55632 -c shared_buffers=2GB -c effective_cache_size=8GB -c maintenance_work_mem=512MB -c work_mem=16MB

log "Building (Release)"
dotnet restore PbgdplPortal.sln
dotnet build PbgdplPortal.sln --no-restore -c Release

log "Running the benchmark"
load=$(cut -d' ' -f1 /proc/loadavg)
echo "Load average before the run: $load on $(nproc) cores (other work on the machine skews the figures)."
dotnet tests/PbgdplPortal.Benchmarks/bin/Release/net10.0/PbgdplPortal.Benchmarks.dll \
  --postgres "Host=127.0.0.1;Port=$port;Username=postgres" \
  --web "$root/src/PbgdplPortal.Web/bin/Release/net10.0/PbgdplPortal.Web.dll" \
  --out "$root/artifacts/benchmarks" "$@"
