#!/usr/bin/env bash
# conformance.sh IOMMU_LINT WORKDIR [DOC] - the conformance matrix on the real
# kernel DBs (WORKDIR/{6.1,6.12}-{x86_64,arm64,arm}, those that exist).
#
# For each DB: one normal run (--format=json) and one --conformance
# --format=json run; fails (exit 1) unless the matrix's counts equal the
# run's findings for every (file, rule).  With DOC (docs/conformance.md),
# the text between its "<!-- generated: conformance.sh -->" and
# "<!-- end generated -->" lines is replaced by the matrices and the
# 6.1 -> 6.12 changes per arch; the rest of DOC (the commentary) is kept.
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: conformance.sh IOMMU_LINT WORKDIR [DOC]" >&2; exit 2; }
lint=$1 work=$2 doc=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dbs=()
for db in 6.1-x86_64 6.1-arm64 6.12-x86_64 6.12-arm64 6.12-arm; do
    [[ -f $work/$db/compile_commands.json ]] || { echo "conformance: no $work/$db, skipped" >&2; continue; }
    dbs+=("$db")
    for mode in run matrix; do
        args=(--format=json -q -j "$(nproc)" -p "$work/$db" -o "$tmp/$db.$mode.json")
        [[ $mode == matrix ]] && args=(--conformance "${args[@]}")
        set +e
        "$lint" "${args[@]}"
        rc=$?
        set -e
        [[ $rc -le 1 ]] || { echo "conformance: iommu-lint failed on $db (exit $rc)" >&2; exit 1; }
    done
done
[[ ${#dbs[@]} -gt 0 ]] || { echo "conformance: no kernel DB under $work (make kernel-db)" >&2; exit 2; }
python3 - "$tmp" "$work" "$doc" "${dbs[@]}" <<'PY'
import collections, json, os, sys
tmp, work, doc, dbs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
bad = False
mats = {}
for db in dbs:
    run = json.load(open(f"{tmp}/{db}.run.json"))
    mat = json.load(open(f"{tmp}/{db}.matrix.json"))
    want, got = collections.Counter(), collections.Counter()
    for x in run["findings"]:
        want[(x["file"], x["rule"])] += 1
    for r in mat["rows"] + mat["unattributed"]:
        for rule, n in r["findings"].items():
            if n:
                got[(r["file"], rule)] += n
    if want != got:
        bad = True
        for k in sorted(set(want) | set(got)):
            if want[k] != got[k]:
                print(f"conformance: {db}: {k[0]} {k[1]}: run {want[k]}, matrix {got[k]}")
    print(f"conformance: {db}: {len(mat['rows'])} iommu_ops, {sum(want.values())} findings "
          f"({sum(sum(r['findings'].values()) for r in mat['unattributed'])} unattributed): "
          + ("matrix == run" if want == got else "MISMATCH"))
    mats[db] = mat
if bad:
    sys.exit(1)
if not doc:
    sys.exit(0)

def short(db, path):
    tree = os.path.realpath(os.path.join(work, db))
    rel = os.path.relpath(os.path.realpath(path), tree)
    return rel[len("drivers/iommu/"):] if rel.startswith("drivers/iommu/") else rel

def sid(rule):
    return "".join(w[0] for w in rule.split("-"))

def cell(row, rule):
    s = row["status"][rule]
    return str(row["findings"][rule]) if s == "fail" else {"pass": "ok", "n/a": "·", "off": "off"}[s]

out = []
rules = None
for db in dbs:
    mat = mats[db]
    if not mat["rows"]:
        continue
    rules = list(mat["rows"][0]["status"])
    cols = list(mat["rows"][0]["api"])
    out.append(f"### {db}\n")
    out.append(f"{len(mat['rows'])} `iommu_ops` instances, {mat['findings']} findings "
               f"({sum(sum(r['findings'].values()) for r in mat['unattributed'])} in files that define no ops table).\n")
    out.append("| file | ops | " + " | ".join(cols) + " | " + " | ".join(sid(r) for r in rules) + " |")
    out.append("|" + "---|" * (2 + len(cols) + len(rules)))
    for r in sorted(mat["rows"], key=lambda r: (short(db, r["file"]), r["ops"])):
        out.append(f"| {short(db, r['file'])} | {r['ops']} | "
                   + " | ".join(r["api"][c] or "–" for c in cols) + " | "
                   + " | ".join(cell(r, x) for x in rules) + " |")
    if mat["unattributed"]:
        out.append("\nUnattributed: " + "; ".join(
            short(db, u["file"]) + " " + ", ".join(f"{k} {n}" for k, n in u["findings"].items() if n)
            for u in mat["unattributed"]) + ".")
    out.append("")

out.append("### 6.1 → 6.12, per arch\n")
out.append("Generated from the two matrices: API columns that changed, drivers that appeared or went, and the change in findings.\n")
for arch in ("x86_64", "arm64"):
    a, b = f"6.1-{arch}", f"6.12-{arch}"
    if a not in mats or b not in mats:
        continue
    old = {(short(a, r["file"]), r["ops"]): r for r in mats[a]["rows"]}
    new = {(short(b, r["file"]), r["ops"]): r for r in mats[b]["rows"]}
    out.append(f"#### {arch}\n")
    out.append("| file | ops | API changes | findings 6.1 → 6.12 |")
    out.append("|---|---|---|---|")
    for k in sorted(set(old) | set(new)):
        o, n = old.get(k), new.get(k)
        if not o or not n:
            what = "new in 6.12" if n else "gone in 6.12"
            r = n or o
            out.append(f"| {k[0]} | {k[1]} | {what} | {sum(r['findings'].values())} |")
            continue
        ch = [f"{c}: {o['api'].get(c) or '–'} → {n['api'].get(c) or '–'}"
              for c in n["api"] if (o["api"].get(c) or "") != (n["api"].get(c) or "")]
        fo, fn = sum(o["findings"].values()), sum(n["findings"].values())
        if ch or fo != fn:
            out.append(f"| {k[0]} | {k[1]} | {'; '.join(ch) or '–'} | {fo} → {fn} |")
    out.append("")
out.append("Contract columns: " + ", ".join(f"{sid(r)} = [{r}](rules/{r}.md)" for r in rules) + ".\n")

text = open(doc).read()
begin, end = "<!-- generated: conformance.sh -->", "<!-- end generated -->"
i, j = text.index(begin) + len(begin), text.index(end)
open(doc, "w").write(text[:i] + "\n" + "\n".join(out) + "\n" + text[j:])
print("conformance: wrote", doc)
PY
