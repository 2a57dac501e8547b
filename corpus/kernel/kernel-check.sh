#!/usr/bin/env bash
# kernel-check.sh IOMMU_LINT TREE SNAPSHOT - scan a real drivers/iommu compile
# DB (made by build-db.sh) and compare the findings with the triaged snapshot.
#
# SNAPSHOT is a TSV: rule, file (relative to the tree), symbol, verdict
# (true|false), why.  Fails (exit 1) on a tool failure, a failed TU, or a
# finding that is not in the snapshot; snapshot rows no finding matched are
# listed as stale (they usually mean a false positive was fixed: drop them).
set -euo pipefail
lint=$1 tree=$2 snap=$3
[[ -f $tree/compile_commands.json ]] || { echo "kernel-check: no compile DB in $tree" >&2; exit 2; }
[[ -f $snap ]] || { echo "kernel-check: no snapshot $snap" >&2; exit 2; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
set +e
"$lint" -j "$(nproc)" --format=json -o "$out" -p "$tree"
rc=$?
set -e
if [[ $rc -ge 2 ]]; then
    echo "kernel-check: iommu-lint failed on $tree (exit $rc)" >&2
    exit 1
fi
python3 - "$out" "$tree" "$snap" <<'PY'
import json, os, sys
report, tree, snap = sys.argv[1:4]
rep = json.load(open(report))
tree = os.path.realpath(tree)
rows = {}
for line in open(snap):
    if line.startswith("#") or not line.strip():
        continue
    f = line.rstrip("\n").split("\t")
    if len(f) < 4 or f[3] not in ("true", "false"):
        sys.exit(f"kernel-check: malformed snapshot row: {line.strip()}")
    rows[(f[0], f[1], f[2])] = f[3]
seen, new = set(), []
for x in rep["findings"]:
    rel = os.path.relpath(os.path.realpath(x["file"]), tree)
    key = (x["rule"], rel, x["symbol"])
    if key in rows:
        seen.add(key)
    else:
        new.append(f'{x["rule"]}\t{rel}\t{x["symbol"]}\t{rel}:{x["line"]}: {x["message"]}')
s = rep["summary"]
tp = sum(1 for k in seen if rows[k] == "true")
print(f"kernel-check: {s['tus']} TUs ({s['parsed']} parsed, {s['skipped']} skipped), "
      f"{s['failed']} failed, {s['findings']} findings: {len(seen)} triaged "
      f"({tp} true, {len(seen) - tp} false), {len(new)} new")
for k in sorted(set(rows) - seen):
    print("kernel-check: stale snapshot row (no such finding now):", "\t".join(k))
if s["failed"]:
    sys.exit("kernel-check: failed TUs: " + ", ".join(f["file"] for f in rep["failures"]))
if new:
    print("kernel-check: findings not in the snapshot (triage them into " + snap + "):")
    for n in new:
        print("  " + n)
    sys.exit(1)
PY
