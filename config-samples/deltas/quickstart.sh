#!/usr/bin/env bash
# The README's quick start: pum's main job (baseline, info, upgrade, info) on the sample deltas,
# against a throwaway embedded PostgreSQL, through the linked bin/pum in batch mode.
# PUM may point at another launcher; by default the one built in distribution/target.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pum=${PUM:-$here/../../distribution/target/pum/bin/pum}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
cd "$here"
PUM_EMBEDDED_DIR=$data/pg "$pum" -c pum.yaml shell < quickstart.pum
