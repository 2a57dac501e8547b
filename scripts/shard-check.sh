#!/usr/bin/env bash
# shard-check.sh - a compile DB scanned on N "machines" (--shard=K/N, one
# process each, in turn) and merged (--merge) equals one run on one
# machine: every finding, message, evidence and fix, and the counts.
#
#   scripts/shard-check.sh LINT [WORKDIR] [N] [ENGINE]
#
# Runs over the real compile DBs under WORKDIR (corpus/kernel/build-db.sh
# makes them; those missing are skipped with a note), N = 4 and the
# default engine unless told; exit 1 when a merge differs, 2 on a failure.
set -uo pipefail

lint=${1:?usage: shard-check.sh LINT [WORKDIR] [N] [ENGINE]}
work=${2:-/var/tmp/iommu-lint-kernel}
n=${3:-4}
engine=${4:-auto}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bad=0 done=0
for db in 6.1-x86_64 6.1-arm64 6.12-x86_64 6.12-arm64 6.12-arm; do
    dir=$work/$db
    if [[ ! -f $dir/compile_commands.json ]]; then
        echo "shard-check: $db: no compile DB in $dir (make kernel-db), skipped" >&2
        continue
    fi
    "$lint" -q -j "$jobs" --engine="$engine" --format=json -o "$tmp/$db.single.json" -p "$dir" ||
        [[ $? == 1 ]] || { echo "shard-check: $db: the single run failed" >&2; exit 2; }
    for ((k = 1; k <= n; k++)); do
        "$lint" -q -j "$jobs" --engine="$engine" -p "$dir" --shard="$k/$n" --sarif-dir "$tmp/$db.shards" ||
            { echo "shard-check: $db: shard $k/$n failed" >&2; exit 2; }
    done
    "$lint" -q --merge "$tmp/$db.shards" --format=json -o "$tmp/$db.merged.json" ||
        [[ $? == 1 ]] || { echo "shard-check: $db: the merge failed" >&2; exit 2; }
    python3 - "$tmp/$db.single.json" "$tmp/$db.merged.json" "$db" "$n" <<'PY' || bad=1
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
fa = sorted(json.dumps(x, sort_keys=True) for x in a['findings'])
fb = sorted(json.dumps(x, sort_keys=True) for x in b['findings'])
keys = ('tus', 'parsed', 'skipped', 'failed', 'functions', 'findings', 'notes')
same = fa == fb and all(a['summary'][k] == b['summary'][k] for k in keys)
print('shard-check: %s: %s shards: %d findings merged, %d in one run: %s' %
      (sys.argv[3], sys.argv[4], len(fb), len(fa), 'equal' if same else 'DIFFERENT'))
if not same:
    for x in sorted(set(fa) ^ set(fb)):
        print('  ' + ('single only: ' if x in fa else 'merged only: ') + x[:300])
    sys.exit(1)
PY
    done=$((done + 1))
done
[[ $done -gt 0 ]] || { echo "shard-check: no compile DB found under $work" >&2; exit 2; }
exit $bad
