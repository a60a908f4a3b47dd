#!/bin/sh
# pum test-and-upgrade benchmark: a generated production database of about SIZE_MB (default
# 1024) megabytes (a few wide tables with indexes), rehearsed and upgraded twice in one run:
# with one job (one custom-format file, pg_restore one job: what pum did before) and with
# parallel jobs (directory format, pg_dump -j / pg_restore -j). Prints each step's time and the
# total. The rehearsal runs on a throwaway PostgreSQL of production's major, as by default.
# Figures only: it never fails on a time.
#
#   PUM        pum launcher (default distribution/target/pum/bin/pum)
#   PUM_PG_BIN PostgreSQL bin directory of the "production" server (default /usr/lib/postgresql/15/bin:
#              the installed pg_dump is 15, and dumps servers up to 15)
#   SIZE_MB    about how much data to generate (default 1024)
#   JOBS       parallel jobs of the second run (default: the processors available)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PUM=${PUM:-$root/distribution/target/pum/bin/pum}
PUM_PG_BIN=${PUM_PG_BIN:-/usr/lib/postgresql/15/bin}
SIZE_MB=${SIZE_MB:-1024}
JOBS=${JOBS:-$(nproc)}
PSQL=${PSQL:-psql}
export PUM_PG_BIN

work=$(mktemp -d /tmp/pum-bench-rehearsal.XXXXXX)
export PUM_EMBEDDED_DIR="$work/data"
cleanup() {
    $PUM server stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "== pum test-and-upgrade benchmark"
echo "pum:        $PUM"
echo "postgresql: $PUM_PG_BIN"
echo "machine:    $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB memory"
status=$($PUM server start 2>&1)
port=$(echo "$status" | grep -o '127\.0\.0\.1:[0-9]*' | head -1 | cut -d: -f2)
base="postgresql://postgres@127.0.0.1:$port"
echo "server:     $($PSQL -X -At "$base/postgres" -c 'SHOW server_version')"

# Three wide tables share the data: measured on PostgreSQL 15, about 1135 rows of each per MB of database.
rows=$((SIZE_MB * 1135))
echo "-- generating production: 3 tables of $rows rows each (about $SIZE_MB MB with indexes)"
start=$(date +%s)
$PSQL -X -q -v ON_ERROR_STOP=1 "$base/postgres" -c "CREATE DATABASE prod_a"
cat > "$work/model.sql" <<'SQL'
CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('planned', 'built', 'abandoned');
CREATE TABLE app.pipe (id bigint PRIMARY KEY, name text NOT NULL, status app.status NOT NULL DEFAULT 'built',
  diameter numeric(8,2) CHECK (diameter > 0), material text, installed date, pressure real, length_m double precision,
  owner text, zone int, note text, created timestamptz DEFAULT now(), checked boolean DEFAULT false, attrs jsonb);
CREATE TABLE app.valve (id bigint PRIMARY KEY, pipe_id bigint NOT NULL, kind text, opened boolean, turns smallint,
  maker text, serial text, installed date, x double precision, y double precision, note text, attrs jsonb);
CREATE TABLE app.reading (id bigint PRIMARY KEY, valve_id bigint NOT NULL, at timestamptz NOT NULL, flow real, pressure real,
  temperature real, quality smallint, source text, note text, raw text);
CREATE INDEX pipe_zone_idx ON app.pipe (zone);
CREATE INDEX pipe_name_idx ON app.pipe (name);
CREATE INDEX valve_pipe_idx ON app.valve (pipe_id);
CREATE INDEX reading_valve_at_idx ON app.reading (valve_id, at);
CREATE VIEW app.open_valves AS SELECT id, pipe_id, kind FROM app.valve WHERE opened;
SQL
$PSQL -X -q -v ON_ERROR_STOP=1 "$base/prod_a" -f "$work/model.sql"
$PSQL -X -q -v ON_ERROR_STOP=1 "$base/prod_a" <<SQL
INSERT INTO app.pipe SELECT g, 'pipe ' || g, (ARRAY['planned','built','abandoned']::app.status[])[1 + g % 3], 50 + g % 500,
  (ARRAY['PE','PVC','cast iron','steel'])[1 + g % 4], date '1950-01-01' + (g % 25000), g % 17, g % 1000 / 3.0,
  'owner ' || (g % 97), g % 1000, md5(g::text) || md5((g * 7)::text), now(), g % 2 = 0, jsonb_build_object('k', g % 10, 'v', md5(g::text))
  FROM generate_series(1, $rows) g;
INSERT INTO app.valve SELECT g, 1 + g % $rows, (ARRAY['gate','butterfly','ball'])[1 + g % 3], g % 5 <> 0, g % 30,
  'maker ' || (g % 13), md5(g::text), date '1970-01-01' + (g % 15000), 2600000 + g % 10000, 1200000 + g % 10000,
  md5((g + 1)::text) || md5((g + 2)::text), jsonb_build_object('a', g % 7, 'b', md5(g::text))
  FROM generate_series(1, $rows) g;
INSERT INTO app.reading SELECT g, 1 + g % $rows, timestamptz '2020-01-01' + g * interval '1 minute', g % 100, g % 17, g % 30,
  g % 5, 'sensor ' || (g % 50), md5(g::text), repeat(md5((g * 3)::text), 3)
  FROM generate_series(1, $rows) g;
VACUUM ANALYZE;
SQL
echo "generated in $(( $(date +%s) - start )) s: $($PSQL -X -At "$base/prod_a" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"

# the upgrade rehearsed: two deltas, a column and a small table
mkdir -p "$work/delta"
cat > "$work/delta/delta_1.0.1_inspection.sql" <<'SQL'
ALTER TABLE app.pipe ADD COLUMN inspected date;
CREATE TABLE app.inspection (id serial PRIMARY KEY, pipe_id bigint NOT NULL, at date NOT NULL, result text);
SQL
cat > "$work/delta/delta_1.0.1_inspection.post.sql" <<'SQL'
CREATE VIEW app.uninspected AS SELECT id, name FROM app.pipe WHERE inspected IS NULL;
SQL
$PUM baseline -p "$base/prod_a" -t app_sys.upgrades -b 1.0.0 >/dev/null
$PSQL -X -q -v ON_ERROR_STOP=1 "$base/postgres" -c "CREATE DATABASE comp"
$PSQL -X -q -v ON_ERROR_STOP=1 "$base/comp" -f "$work/model.sql" -f "$work/delta/delta_1.0.1_inspection.sql" \
    -f "$work/delta/delta_1.0.1_inspection.post.sql"
# the second run upgrades a copy of production as it was before the first
$PSQL -X -q -v ON_ERROR_STOP=1 "$base/postgres" -c "CREATE DATABASE prod_b TEMPLATE prod_a"

run() {
    label=$1; db=$2; jobs=$3
    echo "-- $label: pum test-and-upgrade -pp $db -pc comp -j $jobs --yes (throwaway PostgreSQL 15 for the rehearsal)"
    s=$(date +%s%N)
    $PUM test-and-upgrade -pp "$base/$db" -pc "$base/comp" -t app_sys.upgrades -d "$work/delta" -j "$jobs" --yes \
        > "$work/$db.out" 2> "$work/$db.err" || { echo "failed:"; cat "$work/$db.out" "$work/$db.err"; return 0; }
    total=$(( ($(date +%s%N) - s) / 1000000 ))
    grep -E '^\[[0-9]/6\] (done|dump|restore|upgrade|open|build|compare)' "$work/$db.out" | paste - - \
        | sed -E 's/^\[([0-9])\/6\] (.*) \.\.\.\t\[[0-9]\/6\] done in ([0-9.]+ s): (.*)$/  \1 \2: \3 (\4)/' \
        | sed -E 's#postgresql://[^ ]* \(([^)]*)\)#\1#g'
    echo "  total, JVM start and checks included: $((total / 1000)).$(( (total % 1000) / 100 )) s"
}
run "single job (custom-format file, one pg_restore job)" prod_a 1
run "parallel ($JOBS jobs, directory format)" prod_b "$JOBS"
