#!/usr/bin/env bash
# kbuild-check.sh IOMMU_LINT TREE ARCH - iommu-lint as kbuild's checker on a
# real, built tree (made by build-db.sh): `make C=2 CHECK=iommu-lint
# drivers/iommu/` must complete, the per-file findings merged from
# --sarif-dir must equal those of `iommu-lint -p TREE` on the same TUs, and
# --with-sparse must pass sparse's own warnings through (the same lines as
# `make C=2 CHECK=sparse`).  ARCH is x86_64 (gcc build), arm64 or arm (LLVM=1).
# Exit 0 when all three hold, 1 when one does not, 2 on bad usage.
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: kbuild-check.sh IOMMU_LINT TREE x86_64|arm64|arm" >&2; exit 2; }
tree=$(realpath "$2") arch=$3
[[ -f $tree/compile_commands.json && -f $tree/.config ]] ||
    { echo "kbuild-check: $tree is not a configured tree with a compile DB (make kernel-db)" >&2; exit 2; }
vars=()
case $arch in
x86_64) ;;
arm64) vars=(ARCH=arm64 LLVM=1) ;;
arm) vars=(ARCH=arm LLVM=1) ;;
*) echo "kbuild-check: unknown arch '$arch'" >&2; exit 2 ;;
esac
command -v sparse >/dev/null || { echo "kbuild-check: sparse is not installed (scripts/deps.sh)" >&2; exit 2; }
jobs=${JOBS:-$(nproc)}
tmp=$(mktemp -d); [[ -n ${KEEP:-} ]] && echo "kbuild-check: keeping $tmp" >&2
trap '[[ -n ${KEEP:-} ]] || rm -rf "$tmp"' EXIT
# a private copy: a rebuild in the working tree must not pull it from under make
cp "$1" "$tmp/iommu-lint"
lint=$tmp/iommu-lint
kmake() { make -s -C "$tree" -j"$jobs" "${vars[@]}" C=2 "$@" drivers/iommu/; }

t0=$SECONDS
if ! kmake CHECK="$lint --with-sparse --sarif-dir=$tmp/sarif" >"$tmp/check.out" 2>"$tmp/check.err"; then
    echo "kbuild-check: make C=2 CHECK=iommu-lint failed:" >&2
    tail -n 20 "$tmp/check.err" >&2
    exit 1
fi
t1=$SECONDS
kmake CHECK=sparse >"$tmp/sparse.out" 2>&1 || { echo "kbuild-check: make C=2 CHECK=sparse failed" >&2; exit 1; }
set +e
"$lint" -q --merge "$tmp/sarif" -o "$tmp/merged.sarif"
rc=$?
"$lint" -q -j "$jobs" --format=json -o "$tmp/p.json" -p "$tree"
prc=$?
set -e
[[ $rc -le 1 ]] || { echo "kbuild-check: --merge failed (exit $rc)" >&2; exit 1; }
[[ $prc -le 1 ]] || { echo "kbuild-check: iommu-lint -p failed (exit $prc)" >&2; exit 1; }

"$lint" --list-rules | cut -d' ' -f1 >"$tmp/rules"
python3 - "$tree" "$tmp" "$((t1 - t0))" <<'PY'
import json, os, re, sys
from urllib.parse import unquote
tree, tmp, secs = sys.argv[1], sys.argv[2], sys.argv[3]
rules = set(open(f"{tmp}/rules").read().split())

def rel(path):
    return os.path.relpath(os.path.realpath(os.path.join(tree, path)), tree)

log = json.load(open(f"{tmp}/merged.sarif"))
run = log["runs"][0]
root = run.get("originalUriBaseIds", {}).get("SRCROOT", {}).get("uri", "file://" + tree + "/")
check = set()
for r in run["results"]:
    art = r["locations"][0]["physicalLocation"]["artifactLocation"]
    uri = unquote(art["uri"])
    path = uri[len("file://"):] if uri.startswith("file://") else unquote(root)[len("file://"):] + uri
    line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
    check.add((r["ruleId"], rel(path), line, r["message"]["text"]))
if not all(inv.get("executionSuccessful") for inv in run.get("invocations", [])):
    sys.exit("kbuild-check: a CHECK-mode run failed: " + "; ".join(
        n["message"]["text"] for inv in run["invocations"] for n in inv.get("toolExecutionNotifications", [])))

rep = json.load(open(f"{tmp}/p.json"))
pmode = {(x["rule"], rel(x["file"]), x["line"], x["message"]) for x in rep["findings"]}

# text findings end in [rule-id]; every other diagnostic line is sparse's
diag = re.compile(r"^[^\s:]+:\d+:\d+: ")
out = open(f"{tmp}/check.out").read().splitlines() + open(f"{tmp}/check.err").read().splitlines()
def is_lint(l):
    m = re.search(r" \[([a-z0-9-]+)\]$", l)
    return m is not None and m.group(1) in rules
# a finding's related locations follow it as "note:" lines without a rule id
lint_lines, sparse_lines, in_finding = [], [], False
for l in out:
    if diag.match(l) and is_lint(l):
        lint_lines.append(l)
        in_finding = True
    elif in_finding and diag.match(l) and ": note: " in l:
        continue
    else:
        in_finding = False
        if diag.match(l):
            sparse_lines.append(l)
sparse_lines.sort()
want_sparse = sorted(l for l in open(f"{tmp}/sparse.out").read().splitlines() if diag.match(l))

print(f"kbuild-check: make C=2 CHECK='iommu-lint --with-sparse' took {secs} s; "
      f"{len(check)} findings in CHECK mode, {len(pmode)} with -p, "
      f"{len(lint_lines)} text findings, {len(sparse_lines)} sparse lines "
      f"({len(want_sparse)} from CHECK=sparse)")
bad = False
for k in sorted(pmode - check):
    print("kbuild-check: only with -p:", *k, sep="\t"); bad = True
for k in sorted(check - pmode):
    print("kbuild-check: only in CHECK mode:", *k, sep="\t"); bad = True
if len(lint_lines) != len(check):
    print(f"kbuild-check: {len(lint_lines)} text findings but {len(check)} SARIF results"); bad = True
if sparse_lines != want_sparse:
    print("kbuild-check: --with-sparse output differs from CHECK=sparse:")
    for l in sorted(set(want_sparse) ^ set(sparse_lines)):
        print("  " + l)
    bad = True
if not want_sparse:
    print("kbuild-check: sparse said nothing, so --with-sparse is not tested"); bad = True
sys.exit(1 if bad else 0)
PY
