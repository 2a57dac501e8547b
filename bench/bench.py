#!/usr/bin/env python3
"""bench.py LINT TREE ARCH JOBS RUNS - iommu-lint side by side with its peers
on one built drivers/iommu tree (corpus/kernel/build-db.sh), in one run and
with the same parallelism, each row the median of RUNS runs:

  clang -fsyntax-only        every TU of the compile DB (the front-end floor)
  clang -fsyntax-only        only the TUs iommu-lint parses after its prefilter
  iommu-lint -p              compile DB mode, the default engine (auto:
                             tree-sitter, libclang for the TUs it confirms)
  iommu-lint --engine=clang -p  every TU through libclang
  iommu-lint --fast -p       tree-sitter mode, when the checker has it
  make C=2 CHECK=true        kbuild's own walk, the floor of every CHECK row
  make C=2 CHECK=iommu-lint  CHECK mode through kbuild
  make C=2 CHECK=sparse      sparse through kbuild
  spatch                     one semantic patch (bench/device-lookup-put.cocci)
                             over the same .c files, --no-includes

Wall is the elapsed time; CPU the user + system time of the whole process
tree; peak RSS the largest single process of it (wait4 reports the maximum,
not the sum of parallel jobs).  Writes bench/results/<tree>.md and prints it.
"""
import concurrent.futures as cf
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
COCCI = os.path.join(HERE, "device-lookup-put.cocci")
DIAG = re.compile(rb"^[^\s:]+:\d+:\d+: (warning|error): ", re.M)


def pool_main(mode, cmds_file, jobs):
    """Child process: run one tool over every TU of cmds_file, jobs at a time."""
    db = json.load(open(cmds_file))

    def one(e):
        if mode == "clang":
            argv = ["clang", "-fsyntax-only", "-w", *e["arguments"], e["file"]]
        else:
            argv = ["spatch", "--very-quiet", "--no-includes", "--sp-file", COCCI, e["file"]]
        r = subprocess.run(argv, cwd=e["directory"], capture_output=True)
        return r.returncode, r.stdout + r.stderr

    with cf.ThreadPoolExecutor(jobs) as ex:
        res = list(ex.map(one, db))
    bad = sum(1 for rc, _ in res if rc)
    out = b"".join(o for _, o in res)
    sys.stdout.buffer.write(out)
    sys.exit(1 if bad else 0)


def measure(argv, cwd=None, ok=(0,)):
    """Run argv once; (wall s, CPU s, peak RSS KiB, output)."""
    t0 = time.monotonic()
    p = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in ok:
        sys.exit(f"bench: {' '.join(argv[:6])} ... failed (exit {p.returncode}):\n"
                 + out.decode(errors="replace")[-2000:])
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, out


def parsed_tus(lint, tree, db, jobs):
    """The TUs iommu-lint parses: those its prefilter does not skip."""
    def one(e):
        r = subprocess.run([lint, "-q", "--engine=clang", "--format=json", "-p", tree, e["file"]],
                           capture_output=True)
        if r.returncode > 1:
            sys.exit("bench: iommu-lint failed on " + e["file"] + ": " + r.stderr.decode())
        return json.loads(r.stdout)["summary"]["parsed"] > 0

    with cf.ThreadPoolExecutor(jobs) as ex:
        keep = list(ex.map(one, db))
    return [e for e, k in zip(db, keep) if k]


def main():
    lint, tree, arch, jobs, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    name = os.path.basename(tree)
    tmp = os.environ.get("BENCH_TMP", "/tmp")
    kvars = [f"ARCH={arch}", "LLVM=1"] if arch in ("arm64", "arm") else []
    me = [sys.executable, os.path.abspath(__file__)]

    db = json.loads(subprocess.run([lint, "--print-commands", "-p", tree], capture_output=True,
                                   check=True).stdout)
    all_cmds = os.path.join(tmp, "all.json")
    json.dump(db, open(all_cmds, "w"))
    parsed = parsed_tus(lint, tree, db, jobs)
    parsed_cmds = os.path.join(tmp, "parsed.json")
    json.dump(parsed, open(parsed_cmds, "w"))
    fast = b"--fast" in subprocess.run([lint, "--help"], capture_output=True).stdout
    have_spatch = shutil.which("spatch") is not None
    have_sparse = shutil.which("sparse") is not None

    def kmake(check):
        return ["make", "-s", "-C", tree, f"-j{jobs}", *kvars, "C=2", f"CHECK={check}",
                "drivers/iommu/"]

    plan = [("clang -fsyntax-only, every TU (floor)", len(db),
             me + ["--pool", "clang", all_cmds, str(jobs)], (0,)),
            ("clang -fsyntax-only, TUs iommu-lint parses", len(parsed),
             me + ["--pool", "clang", parsed_cmds, str(jobs)], (0,)),
            ("iommu-lint -p", len(db), [lint, "-q", "-j", str(jobs), "-p", tree], (0, 1)),
            ("iommu-lint --engine=clang -p", len(db),
             [lint, "-q", "--engine=clang", "-j", str(jobs), "-p", tree], (0, 1))]
    if fast:
        plan.append(("iommu-lint --fast -p", len(db),
                     [lint, "-q", "--fast", "-j", str(jobs), "-p", tree], (0, 1)))
    plan += [("make C=2 CHECK=true (kbuild's own walk)", len(db), kmake("true"), (0,)),
             ("make C=2 CHECK=iommu-lint", len(db), kmake(lint), (0,))]
    if have_sparse:
        plan.append(("make C=2 CHECK=sparse", len(db), kmake("sparse"), (0,)))
    if have_spatch:
        plan.append(("spatch device-lookup-put.cocci", len(db),
                     me + ["--pool", "spatch", all_cmds, str(jobs)], (0, 1)))

    # warm the page cache and kbuild's own state once, untimed
    measure(kmake("true"))
    notes = []
    if have_sparse:
        r = subprocess.run(kmake("sparse"), capture_output=True)
        if r.returncode:
            # Debian's sparse 0.6.4 takes the value of 32-bit arm's "-meabi gnu" for a file
            why = (r.stdout + r.stderr).decode(errors="replace").strip().splitlines()
            why = next((l for l in why if "sparse" in l or "No such file" in l), why[0] if why else "")
            notes.append(f"- make C=2 CHECK=sparse fails on this build ({why.strip()}): no sparse row, "
                         "no ratio to sparse.")
            plan = [p for p in plan if p[0] != "make C=2 CHECK=sparse"]
    measure([lint, "-q", "-j", str(jobs), "-p", tree], ok=(0, 1))
    load0 = os.getloadavg()[0]
    # round-robin, so that a burst of other work on the machine hits every
    # row alike rather than all runs of one row
    samples = {label: [] for label, *_ in plan}
    for r in range(runs):
        for label, _, argv, ok in plan:
            samples[label].append(measure(argv, ok=ok))
            print(f"bench: {name}: run {r + 1}/{runs}: {label}: {samples[label][-1][0]:.2f} s",
                  file=sys.stderr)
    load1 = os.getloadavg()[0]
    rows, wall = [], {}
    for label, tus, _, _ in plan:
        s = samples[label]
        w = statistics.median(x[0] for x in s)
        rows.append((label, tus, w, statistics.median(x[1] for x in s),
                     statistics.median(x[2] for x in s), len(DIAG.findall(s[-1][3]))))
        wall[label] = w
    # the default engine finds what clang mode finds (the same run's trees)
    same = {}
    for eng in ("auto", "clang"):
        r = subprocess.run([lint, "-q", f"--engine={eng}", "-j", str(jobs), "--format=json",
                            "-p", tree], capture_output=True)
        same[eng] = sorted(json.dumps(x, sort_keys=True) for x in json.loads(r.stdout)["findings"])
    equal = same["auto"] == same["clang"]
    clang_all = wall["clang -fsyntax-only, every TU (floor)"]
    clang_parsed = wall["clang -fsyntax-only, TUs iommu-lint parses"]
    lint_p = wall["iommu-lint -p"]
    lint_clang = wall["iommu-lint --engine=clang -p"]
    sparse = wall.get("make C=2 CHECK=sparse")
    rss = {label: m for label, _, _, _, m, _ in rows}
    rss_ratio = rss["iommu-lint -p"] / rss["clang -fsyntax-only, every TU (floor)"]
    make_floor = wall["make C=2 CHECK=true (kbuild's own walk)"]
    check = wall["make C=2 CHECK=iommu-lint"]

    ratio = lint_clang / clang_all if clang_all else float("nan")
    cpu = {label: c for label, _, _, c, _, _ in rows}
    cpu_ratio = cpu["iommu-lint --engine=clang -p"] / cpu["clang -fsyntax-only, every TU (floor)"]
    ratio_parsed = lint_clang / clang_parsed if clang_parsed else float("nan")
    auto_floor = lint_p / clang_all if clang_all else float("nan")
    out = [f"## {name}: {len(db)} TUs ({len(parsed)} pass the prefilter), -j {jobs}, "
           f"median of {runs} runs",
           "",
           "| tool | TUs | wall s | CPU s | peak RSS MiB | diagnostics |",
           "|---|---:|---:|---:|---:|---:|"]
    out += [f"| {t} | {n} | {w:.2f} | {c:.2f} | {rss / 1024:.0f} | {d} |"
            for t, n, w, c, rss, d in rows]
    def verdict(ok):
        return "met" if ok else "NOT met"

    out += ["",
            f"- Default engine (auto): iommu-lint -p {lint_p:.2f} s = **{auto_floor:.2f}x** the clang "
            f"floor (target <= 0.15: {verdict(auto_floor <= 0.15)})"
            + (f", **{lint_p / sparse:.2f}x** make C=2 CHECK=sparse (target <= 0.33: "
               f"{verdict(lint_p / sparse <= 0.33)}); CHECK mode **{check / sparse:.2f}x** sparse "
               f"(target <= 1.0: {verdict(check / sparse <= 1.0)})" if sparse else "")
            + f"; peak RSS {rss_ratio:.2f}x one clang process (target <= 1.2: "
            f"{verdict(rss_ratio <= 1.2)}); findings {'equal to' if equal else 'DIFFERENT from'} "
            f"clang mode ({len(same['auto'])} and {len(same['clang'])}).",
            f"- iommu-lint --engine=clang -p / clang -fsyntax-only wall: **{ratio:.2f}** over every TU; "
            f"{ratio_parsed:.2f} against clang on only the {len(parsed)} TUs iommu-lint parses "
            f"(the rest of the saving is the prefilter); CPU ratio {cpu_ratio:.2f}.",
            f"- CHECK mode through kbuild: {check:.2f} s, of which {make_floor:.2f} s is kbuild's "
            f"own walk; the checker's share, {check - make_floor:.2f} s, is "
            f"{(check - make_floor) / lint_p if lint_p else float('nan'):.2f}x the -p run "
            f"(one process per file, no whole-program pass shared).",
            "- Peak RSS is the largest single process; diagnostics counts "
            "`file:line:col: warning|error:` lines of the last run.",
            f"- {os.cpu_count()} CPUs; load average {load0:.1f} before and {load1:.1f} after "
            "(other work on the machine inflates wall times; CPU times are steadier).",
            *notes,
            ""]
    text = "\n".join(out)
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    open(os.path.join(HERE, "results", f"{name}.md"), "w").write(text + "\n")
    if ratio > 1.0:
        sys.exit(f"bench: iommu-lint --engine=clang -p is slower than clang -fsyntax-only on {name} ({ratio:.2f}x)")
    if not equal:
        sys.exit(f"bench: the auto engine's findings differ from clang mode's on {name}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--pool":
        pool_main(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    if len(sys.argv) != 6:
        sys.exit("usage: bench.py IOMMU_LINT TREE x86_64|arm64|arm JOBS RUNS")
    main()
