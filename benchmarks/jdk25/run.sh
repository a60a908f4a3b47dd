#!/usr/bin/env bash
# JDK 17 image (what the build ships) against a JDK 25 image with an AOT cache, same modules:
# links pum's module jars (distribution/target/modules, release 17 bytecode) with Temurin 25's
# jlink (from its run-time image: it ships no jmods), trains an AOT cache on the build's training
# run (check, baseline, info, upgrade of two small databases: `pum cds-training` with
# -XX:AOTCacheOutput), then times `--version`, `ping`, a no-op upgrade of N applied deltas and
# `info` on both images, interleaved with `java -version` (benchmarks/lib/compare.py).
# Figures only. The build keeps whichever image is faster; docs/benchmarks.md says which.
#
#   benchmarks/run jdk25 [N]       N deltas applied (default 1000); JDK25=/path/to/jdk-25
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PUM=${PUM:-$root/distribution/target/pum/bin/pum}
image=$(cd "$(dirname "$PUM")/.." && pwd)
JDK25=${JDK25:-$(ls -d /usr/lib/jvm/temurin-25-jdk* 2>/dev/null | head -1)}
n=${1:-1000}
if [ -z "$JDK25" ] || [ ! -x "$JDK25/bin/jlink" ]; then
  echo "no JDK 25 found (set JDK25=/path/to/jdk-25): nothing to compare" >&2
  exit 2
fi
modules=$root/distribution/target/modules
[ -d "$modules" ] || { echo "no $modules: build the image first (benchmarks/run builds it)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/pum-bench-jdk25.XXXXXX")
export PUM_EMBEDDED_DIR=$work/pg
cleanup() { "$PUM" server stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

mods=$(sed -n 's:.*<jlink.modules>\(.*\)</jlink.modules>.*:\1:p' "$root/distribution/pom.xml")
echo "== linking with $("$JDK25/bin/java" -version 2>&1 | head -1)"
"$JDK25/bin/jlink" --module-path "$modules" --add-modules "$mods" --output "$work/img25" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6
ln -s "$image/postgres" "$work/img25/postgres"
# bin/pum's options; JDK 25 also needs JLine's native access granted (else a warning, and a cache
# trained without it is refused)
flags="--enable-native-access=org.jline.nativ -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UseDynamicNumberOfCompilerThreads -XX:+UseSerialGC -XX:NewRatio=1 -XX:-UsePerfData -Xss2m -Dorg.jooq.no-logo=true -Dorg.jooq.no-tips=true"
thp=
case $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null) in *'[madvise]'*) thp=-XX:+UseTransparentHugePages ;; esac
echo "== training the AOT cache"
# shellcheck disable=SC2086
"$work/img25/bin/java" -XX:AOTCacheOutput="$work/img25/lib/pum.aot" $flags -m pum.shell/pum.shell.Main cds-training >/dev/null 2>&1
cat > "$work/pum25" <<SH
#!/bin/sh
exec "$work/img25/bin/java" -XX:AOTCache="$work/img25/lib/pum.aot" $thp $flags -m pum.shell/pum.shell.Main "\$@"
SH
chmod +x "$work/pum25"
echo "AOT cache: $(du -h "$work/img25/lib/pum.aot" | cut -f1); JDK 17 image's CDS archive: $(du -h "$image/lib/pum.jsa" | cut -f1)"

started=$("$PUM" server start)
port=$(echo "$started" | sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p')
base="postgresql://postgres@127.0.0.1:$port"
mkdir -p "$work/d"
for i in $(seq 1 "$n"); do
  printf 'CREATE TABLE t%s(id int PRIMARY KEY);\n' "$i" > "$work/d/delta_0.0.${i}_t$i.sql"
done
psql -X -q "$base/postgres" -c "CREATE DATABASE bench"
"$PUM" baseline -p "$base/bench" -t pum.upgrades -b 0.0.0 >/dev/null
"$PUM" upgrade -p "$base/bench" -t pum.upgrades -d "$work/d" >/dev/null
p25=$work/pum25
python3 "$root/benchmarks/lib/compare.py" --runs "${RUNS:-10}" \
  "java -version=java -version" \
  "17: --version=$PUM --version" "25+AOT: --version=$p25 --version" \
  "17: ping=$PUM ping -p $base/bench" "25+AOT: ping=$p25 ping -p $base/bench" \
  "17: no-op upgrade ($n)=$PUM upgrade -p $base/bench -t pum.upgrades -d $work/d" \
  "25+AOT: no-op upgrade ($n)=$p25 upgrade -p $base/bench -t pum.upgrades -d $work/d" \
  "17: info ($n)=$PUM info -p $base/bench -t pum.upgrades -d $work/d" \
  "25+AOT: info ($n)=$p25 info -p $base/bench -t pum.upgrades -d $work/d"
