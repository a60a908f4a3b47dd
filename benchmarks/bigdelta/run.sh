#!/usr/bin/env bash
# One large delta file, applied by pum and by psql: wall time and peak resident memory of each.
# The file is what big deltas usually are, a data load: a CREATE TABLE, INSERT statements (a
# fifth of the bytes) and COPY ... FROM stdin with inline data (the rest), as pg_dump writes it.
# pum applies it as one version (one transaction), psql with -1 -f (one transaction too).
#
#   benchmarks/run bigdelta [SIZE_MB...]      (default: 50 500)
#
# Needs: $PUM (set by benchmarks/run), psql, /usr/bin/time (Debian's time package, installed if missing).
set -euo pipefail
PUM=${PUM:?set by benchmarks/run}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(50 500)
[ -x /usr/bin/time ] || { echo "== installing time" >&2; apt-get install -y -q time >/dev/null; }
work=$(mktemp -d "${TMPDIR:-/tmp}/pum-bench-bigdelta.XXXXXX")
export PUM_EMBEDDED_DIR=$work/pg
bundled=$(cd "$(dirname "$PUM")/.." && pwd)/postgres/bin
[ -x "$bundled/postgres" ] && export PUM_PG_BIN=$bundled
cleanup() { $PUM server stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
started=$($PUM server start)
port=$(echo "$started" | sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p')
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
echo "== $started"
for mb in "${sizes[@]}"; do
  file=$work/delta_1.1.0_load.sql
  python3 - "$file" "$mb" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
target = mb * 1024 * 1024
with open(path, "w") as f:
    f.write("CREATE TABLE load(id bigint, name text, note text);\n")
    n = 0; i = 0
    while n < target // 5:
        s = "INSERT INTO load VALUES (%d, 'name %d', 'inserted row with some text');\n" % (i, i)
        f.write(s); n += len(s); i += 1
    f.write("COPY load (id, name, note) FROM stdin;\n")
    while n < target:
        s = "%d\tname %d\tcopied row with some text; and a semicolon\n" % (i, i)
        f.write(s); n += len(s); i += 1
    f.write("\\.\n")
print(f"   generated {mb} MB: {i} rows", file=sys.stderr)
PY
  for tool in pum psql; do
    db=bench_${tool}_$mb
    PGOPTIONS=-cclient_min_messages=warning psql -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" postgres >/dev/null
    if [ $tool = pum ]; then
      mkdir -p "$work/d" && mv "$file" "$work/d/" && file=$work/d/delta_1.1.0_load.sql
      $PUM baseline -p "postgresql://postgres@127.0.0.1:$port/$db" -t pum.upgrades -b 1.0.0 >/dev/null
      cmd=("$PUM" upgrade -p "postgresql://postgres@127.0.0.1:$port/$db" -t pum.upgrades -d "$work/d")
    else
      cmd=(psql -q -X -1 -v ON_ERROR_STOP=1 -d "$db" -f "$file")
    fi
    out=$( { /usr/bin/time -f "%e %M" "${cmd[@]}" >/dev/null; } 2>&1 | tail -1)
    rows=$(psql -Atc "SELECT count(*) FROM load" "$db")
    printf '%-5s %4d MB file: %7.1f s, peak RSS %6d MB, %s rows\n' "$tool" "$mb" "${out% *}" $(( ${out#* } / 1024 )) "$rows"
  done
  rm -rf "$work/d"
done
echo "cores: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)"
