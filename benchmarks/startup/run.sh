#!/usr/bin/env bash
# Cold start of the linked launcher: `bin/pum --version` and `--help` beside `java -version`,
# interleaved (benchmarks/lib/compare.py: each round runs all three, in rotated order, so a change
# in the machine's load hits them alike), RUNS rounds (default 20); then the size of the runtime
# image and of the tarball. Prints figures; never fails on a time.
set -euo pipefail
PUM=${PUM:?set by benchmarks/run}
here=$(cd "$(dirname "$0")" && pwd -P)
image=$(cd "$(dirname "$PUM")/.." && pwd)
java_bin=${JAVA_BIN:-$(command -v java)}
out=$(python3 "$here/../lib/compare.py" --runs "${RUNS:-20}" --warmup 3 \
  "java -version=$java_bin -version" "pum --version=$PUM --version" "pum --help=$PUM --help")
echo "$out"
# compare.py's last column is already each median over the first command's (java -version)
echo "$out" | awk 'index($0, "pum --version ") == 1 { print "pum --version / java -version (medians, same interleaved run) = " $NF " (target <= 1.5)" }'
echo "image: $(du -sh "$image" | cut -f1) in $image (of which PostgreSQL binaries $(du -sh "$image/postgres" | cut -f1), Java runtime and pum $(du -sh "$image/lib" | cut -f1))"
tarball=$(ls "$image"/../pum-*-linux-x86_64.tar.gz 2>/dev/null | head -1 || true)
[ -n "$tarball" ] && echo "tarball: $(du -sh "$tarball" | cut -f1) $(basename "$tarball")"
echo "cores: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)"
