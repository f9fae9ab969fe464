# Sourced by test.sh and benchmarks.sh: starts a throwaway PostgreSQL cluster on the first free local
# port from $1, with any further "-c name=value" server options, and removes it when the script exits.
# Sets pg_dir (the cluster's folder, removed on exit) and port. PostgreSQL refuses to run as root, so
# as root the cluster runs as the postgres user.

start_throwaway_postgres() {
  local first_port=$1
  shift
  local pg_bin
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$pg_bin" ] || pg_bin=$(dirname "$(command -v initdb)")
  pg_dir=$(mktemp -d /tmp/pbgdpl-pg.XXXXXX)
  port=$first_port
  while (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres "$pg_dir"
  fi
  _pg_bin=$pg_bin
  trap _stop_throwaway_postgres EXIT
  echo "Starting PostgreSQL on 127.0.0.1:$port"
  _as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # Durability is off: the cluster lives for one run and its data is thrown away.
  _as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 $*" start >/dev/null
}

_as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

_stop_throwaway_postgres() {
  _as_postgres "$_pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
