#!/usr/bin/env bash
# engine-agreement.sh - the three engines on the five real compile DBs
# (corpus/kernel/build-db.sh makes them): how much of what clang mode finds
# fast mode finds too, and whether the auto engine (the default with -p)
# finds exactly what clang mode finds, both ways; exit 1 when it does not.
#
#   scripts/engine-agreement.sh LINT [WORKDIR]
#
# Per DB and rule: findings in clang mode, in fast mode, and how many clang
# findings fast mode reports at the same rule, file and line ("both").  The
# last line is the total: both / clang is the agreement (target >= 80 %).
# Rules that only the clang engine runs (--list-rules' engines column says
# "clang": they need the tree's own iommu.h) are listed as "clang only" and
# left out of the total.
# DBs that do not exist are skipped with a note.
set -uo pipefail

lint=${1:?usage: engine-agreement.sh LINT [WORKDIR]}
work=${2:-/var/tmp/iommu-lint-kernel}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
for db in 6.1-x86_64 6.1-arm64 6.12-x86_64 6.12-arm64 6.12-arm; do
    dir=$work/$db
    if [[ ! -f $dir/compile_commands.json ]]; then
        echo "engine-agreement: $db: no compile DB in $dir (make kernel-db), skipped" >&2
        continue
    fi
    "$lint" -q -j "$jobs" --keep-going --engine=clang --format=json -o "$tmp/$db.clang.json" -p "$dir" ||
        [[ $? == 1 ]] || { echo "engine-agreement: $db: clang mode failed" >&2; exit 2; }
    "$lint" -q -j "$jobs" --keep-going --fast --format=json -o "$tmp/$db.ts.json" -p "$dir" ||
        [[ $? == 1 ]] || { echo "engine-agreement: $db: fast mode failed" >&2; exit 2; }
    "$lint" -q -j "$jobs" --keep-going --engine=auto --format=json -o "$tmp/$db.auto.json" -p "$dir" ||
        [[ $? == 1 ]] || { echo "engine-agreement: $db: auto mode failed" >&2; exit 2; }
    n=$((n + 1))
done
[[ $n -gt 0 ]] || { echo "engine-agreement: no compile DB found under $work" >&2; exit 2; }

"$lint" --list-rules | awk '$4 !~ /(^|,)ts(,|$)/ { print $1 }' > "$tmp/clang-only"

python3 - "$tmp" <<'EOF'
import json, os, sys
from collections import defaultdict

tmp = sys.argv[1]
clang_only = set(open(os.path.join(tmp, 'clang-only')).read().split())
dbs = sorted({f.split('.clang.json')[0] for f in os.listdir(tmp) if f.endswith('.clang.json')})
rows = []
auto_bad = []
auto_n = 0
tot = defaultdict(int)
per_rule = defaultdict(lambda: defaultdict(int))
for db in dbs:
    keys = {}
    full = {}
    for mode in ('clang', 'ts', 'auto'):
        with open(os.path.join(tmp, '%s.%s.json' % (db, mode))) as f:
            v = json.load(f)['findings']
            keys[mode] = {(x['rule'], x['file'], x['line']) for x in v}
            full[mode] = sorted(json.dumps(x, sort_keys=True) for x in v)
    if full['auto'] != full['clang']:
        auto_bad.append(db)
        for k in sorted(keys['clang'] - keys['auto']):
            print('engine-agreement: %s: clang only, auto misses: %s:%d [%s]' % (db, k[1], k[2], k[0]))
        for k in sorted(keys['auto'] - keys['clang']):
            print('engine-agreement: %s: auto only: %s:%d [%s]' % (db, k[1], k[2], k[0]))
        if keys['auto'] == keys['clang']:
            print('engine-agreement: %s: same locations, other messages or evidence' % db)
    auto_n += len(full['auto'])
    rules = sorted({k[0] for m in keys.values() for k in m})
    for r in rules:
        c = {k for k in keys['clang'] if k[0] == r}
        t = {k for k in keys['ts'] if k[0] == r}
        rows.append((db, r, len(c), len(t), len(c & t)))
        if r in clang_only:
            continue
        for name, v in (('clang', len(c)), ('ts', len(t)), ('both', len(c & t))):
            tot[name] += v
            per_rule[r][name] += v
fmt = '%-12s %-26s %6s %6s %6s %7s'
print(fmt % ('db', 'rule', 'clang', 'fast', 'both', 'agree'))
for db, r, c, t, b in rows:
    print(fmt % (db, r, c, t, b, 'clang only' if r in clang_only else
                 '%d%%' % (100 * b // c) if c else '-'))
print()
for r in sorted(per_rule):
    v = per_rule[r]
    print(fmt % ('all', r, v['clang'], v['ts'], v['both'],
                 '%d%%' % (100 * v['both'] // v['clang']) if v['clang'] else '-'))
for r in sorted({x[1] for x in rows} & clang_only):
    print(fmt % ('all', r, sum(x[2] for x in rows if x[1] == r), '-', '-', 'clang only'))
print(fmt % ('all', 'total', tot['clang'], tot['ts'], tot['both'],
             '%d%%' % (100 * tot['both'] // tot['clang']) if tot['clang'] else '-'))
print()
print('auto engine: %d findings on %d DBs, %s' % (auto_n, len(dbs),
      'equal to clang mode (rule, file, line, message, evidence, fix) on every DB'
      if not auto_bad else 'DIFFERENT from clang mode on ' + ' '.join(auto_bad)))
sys.exit(1 if auto_bad else 0)
EOF
