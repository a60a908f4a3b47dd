#!/usr/bin/env bash
# Cold start of the linked launcher: median of 10 runs of `bin/pum --version` (and --help),
# plus the size of the runtime image and of the tarball.
set -euo pipefail
PUM=${PUM:?set by benchmarks/run}
image=$(cd "$(dirname "$PUM")/.." && pwd)
export_json=$(mktemp)
java_bin=${JAVA_BIN:-$(command -v java)}
hyperfine -N --warmup 3 --runs 10 --export-json "$export_json" "$PUM --version" "$PUM --help" "$java_bin -version" >/dev/null
python3 - "$export_json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
for r in results:
    print(f"{r['command']:<60} median {r['median']*1000:6.1f} ms  (min {r['min']*1000:.1f}, max {r['max']*1000:.1f}, {len(r['times'])} runs)")
print(f"pum --version / java -version (medians, same run) = {results[0]['median'] / results[2]['median']:.2f} (target <= 1.5)")
PY
rm -f "$export_json"
echo "image: $(du -sh "$image" | cut -f1) in $image (of which PostgreSQL binaries $(du -sh "$image/postgres" | cut -f1), Java runtime and pum $(du -sh "$image/lib" | cut -f1))"
tarball=$(ls "$image"/../pum-*-linux-x86_64.tar.gz 2>/dev/null | head -1 || true)
[ -n "$tarball" ] && echo "tarball: $(du -sh "$tarball" | cut -f1) $(basename "$tarball")"
echo "cores: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)"
