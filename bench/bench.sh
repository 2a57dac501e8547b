#!/usr/bin/env bash
# bench.sh IOMMU_LINT TREE [JOBS] [RUNS] - time `iommu-lint -p TREE` against
# `clang -fsyntax-only` over the same TUs with the same sanitised flags and
# the same parallelism, in one run, median of RUNS (default 3) each.
# Prints a table and writes it to bench/results/<tree name>.md.
set -euo pipefail
lint=$(realpath "$1") tree=$(realpath "$2") jobs=${3:-$(nproc)} runs=${4:-3}
cd "$(dirname "$0")/.."
name=$(basename "$tree")
cmds=$(mktemp)
trap 'rm -f "$cmds"' EXIT
"$lint" --print-commands -p "$tree" >"$cmds"
python3 - "$lint" "$tree" "$cmds" "$jobs" "$runs" "$name" <<'PY'
import concurrent.futures as cf, json, os, resource, statistics, subprocess, sys, time
lint, tree, cmds, jobs, runs, name = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
db = json.load(open(cmds))
clang = "clang"

def children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime, r.ru_maxrss

def one_clang(e):
    argv = [clang, "-fsyntax-only", "-w", *e["arguments"], e["file"]]
    return subprocess.run(argv, cwd=e["directory"], capture_output=True).returncode

def run_clang():
    with cf.ThreadPoolExecutor(jobs) as ex:
        rcs = list(ex.map(one_clang, db))
    bad = sum(1 for r in rcs if r)
    if bad:
        print(f"bench: clang -fsyntax-only failed on {bad} TUs", file=sys.stderr)

def run_lint():
    r = subprocess.run([lint, "-q", "-j", str(jobs), "-p", tree], capture_output=True)
    if r.returncode > 1:
        sys.exit("bench: iommu-lint failed: " + r.stderr.decode())

def measure(fn):
    walls, cpus = [], []
    for _ in range(runs):
        c0, _ = children()
        t0 = time.monotonic()
        fn()
        walls.append(time.monotonic() - t0)
        c1, rss = children()
        cpus.append(c1 - c0)
    return statistics.median(walls), statistics.median(cpus)

# warm the page cache once so neither side pays for the first read
run_lint()
lw, lc = measure(run_lint)
rss_after_lint = children()[1]
cw, cc = measure(run_clang)
ratio = lw / cw if cw else float("nan")
rows = [
    ("clang -fsyntax-only (floor)", cw, cc),
    ("iommu-lint -p", lw, lc),
]
out = [f"## {name}: {len(db)} TUs, -j {jobs}, median of {runs} runs",
       "",
       "| tool | wall s | CPU s |",
       "|---|---:|---:|"]
out += [f"| {t} | {w:.2f} | {c:.2f} |" for t, w, c in rows]
out += ["", f"iommu-lint / clang -fsyntax-only wall ratio: **{ratio:.2f}** "
        f"(peak RSS of iommu-lint: {rss_after_lint // 1024} MiB)", ""]
text = "\n".join(out)
print(text)
os.makedirs("bench/results", exist_ok=True)
open(f"bench/results/{name}.md", "w").write(text + "\n")
PY
