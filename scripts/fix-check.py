#!/usr/bin/env python3
"""fix-check.py - the fix oracles of docs/fixes.md ("Oracles"); run through
scripts/fix-check.sh, which documents the command line.

Every oracle is generic: it takes whatever findings carry a fix (JSON
"fix") and checks that the fix is right - the patched file compiles with
no new warning, a re-scan reports neither the fixed finding nor a new one,
a second --fix changes nothing, and on the reference driver the runtime
contract checks pass again.  Nothing outside a scratch directory is ever
written: the kernel trees are read only (each touched file is copied to an
overlay and compiled from there).
"""
import collections
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
REF_INC = os.path.join(TOP, "reference", "include")
ENGINES = ("clang", "ts")


class Setup(Exception):
    """A setup error: exit 2 with one line."""


class LintFail(Setup):
    """iommu-lint failed (exit 2) or wrote no JSON."""


def die(msg):
    raise Setup(msg)


def run(argv, cwd=None, env=None):
    p = subprocess.run(argv, cwd=cwd, env=env, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def lint_json(opts, args, cwd=None):
    """Findings of one iommu-lint run (JSON report); a failure is fatal."""
    rc, out, err = run([opts.lint, "-q", "--format=json", *opts.lint_args, *args], cwd=cwd)
    if rc not in (0, 1):
        raise LintFail(f"iommu-lint {' '.join(args[:4])} ... failed (exit {rc}): {err.strip()[:400]}")
    try:
        return json.loads(out)
    except ValueError:
        raise LintFail(f"iommu-lint {' '.join(args[:4])} ...: the report is not JSON")


def rescan(opts, args, probs, cwd=None):
    """Findings of a re-scan of patched files; a failed re-scan is a
    problem of the fix (e.g. it does not parse), not a setup error."""
    try:
        return lint_json(opts, args, cwd=cwd)["findings"]
    except LintFail as e:
        probs.append(f"re-scan failed: {e}")
        return []


def has_fix(f):
    return bool(f.get("fix")) and bool(f["fix"].get("edits"))


def line_map(edits):
    """Line of the original file -> line after the edits (lines inside an
    edited range map to its first line)."""
    spans = sorted((e["line"], e["end_line"], e["text"].count("\n") - (e["end_line"] - e["line"]))
                   for e in edits)

    def mapped(line):
        shift = 0
        for first, last, delta in spans:
            if last < line:
                shift += delta
            elif first <= line:
                return first + shift
        return line + shift
    return mapped


def mark_fixed(findings, fixing):
    """findings of another engine (or scan) of the same file, marked as
    fixed when the fixing scan has a fix at the same rule and line."""
    keys = {(f["rule"], f["line"]) for f in fixing if has_fix(f)}
    return [dict(f, fix={"edits": [{}]} if (f["rule"], f["line"]) in keys else None) for f in findings]


def apply_edits(data, edits):
    """The bytes of a file with the JSON edits applied (offset/length)."""
    for e in sorted(edits, key=lambda e: e["offset"], reverse=True):
        data = data[:e["offset"]] + e["text"].encode() + data[e["offset"] + e["length"]:]
    return data


def fixed_edits(findings, path_of):
    """{canonical file: [edits]} of the findings with a fix."""
    out = collections.defaultdict(list)
    for f in findings:
        if has_fix(f):
            for e in f["fix"]["edits"]:
                out[path_of(e["file"])].append(e)
    return out


def compare(before, after, edits, path_of, path_after=None):
    """Problems of a re-scan: every finding after the fixes must be one of
    the findings before that had no fix, at its line moved by the edits.
    A finding that had a fix and is still there, or any other finding, is
    a problem.  Returns a list of strings."""
    path_after = path_after or path_of
    maps = {p: line_map(e) for p, e in edits.items()}

    def key(f, fix_side):
        p = path_of(f["file"]) if fix_side else path_after(f["file"])
        line = maps[p](f["line"]) if fix_side and p in maps else f["line"]
        return (f["rule"], p, line)
    unfixed = collections.Counter(key(f, True) for f in before if not has_fix(f))
    fixed = {key(f, True) for f in before if has_fix(f)}
    problems = []
    for f in after:
        k = key(f, False)
        if unfixed[k]:
            unfixed[k] -= 1
        elif k in fixed:
            problems.append(f"fixed finding still reported: {os.path.basename(k[1])}:{k[2]} [{k[0]}]")
        else:
            problems.append(f"new finding: {os.path.basename(k[1])}:{k[2]} [{k[0]}] {f['message'][:90]}")
    return problems


DIAG = re.compile(r"^(.*?):(\d+):(\d+): (warning|error): (.*)$")


def diagnostics(stderr, names):
    """Warnings and errors of a compiler run, without their positions, the
    main file's path replaced by <TU>."""
    out = collections.Counter()
    for line in stderr.splitlines():
        m = DIAG.match(line)
        if m:
            path = "<TU>" if m.group(1) in names else m.group(1)
            out[(path, m.group(4), m.group(5))] += 1
    return out


def new_diagnostics(base, fixed):
    return [f"new {k[1]}: {k[2]}" for k, n in (fixed - base).items() for _ in range(n)]


def compile_check(argv_of, orig, patched, cwd=None):
    """Problems of compiling the patched file against the original one
    (argv_of(path) is the compiler command for path)."""
    rc0, _, e0 = run(argv_of(orig), cwd=cwd)
    if rc0:
        return [f"cannot judge: the original does not compile (exit {rc0}): {e0.strip()[:200]}"]
    rc1, _, e1 = run(argv_of(patched), cwd=cwd)
    names = {orig, patched, os.path.basename(orig), os.path.basename(patched)}
    probs = new_diagnostics(diagnostics(e0, names), diagnostics(e1, names))
    if rc1 and not probs:
        probs.append(f"does not compile (exit {rc1}): {e1.strip()[:200]}")
    return probs


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def pct(a, b):
    return f"{100.0 * a / b:.0f} %" if b else "-"


# ---------------------------------------------------------------- fixtures

def fixture_tags(text):
    flags = re.search(r"/\*\s*flags:\s*(.*?)\s*\*/", text)
    engines = re.search(r"/\*\s*engines:\s*(.*?)\s*\*/", text)
    return (shlex.split(flags.group(1)) if flags else [],
            [e for e in ENGINES if re.search(rf"\b{e}\b", engines.group(1).split("(")[0])]
            if engines else list(ENGINES))


def lint_fix(opts, engine, path, flags):
    """--fix path; returns (exit, number of findings fixed)."""
    rc, _, err = run([opts.lint, f"--engine={engine}", *opts.lint_args, "--fix", path,
                      "--", f"-I{REF_INC}", *flags])
    if rc not in (0, 1):
        return rc, -1, err.strip()
    m = re.search(r"fixed (\d+) of (\d+) findings", err)
    return rc, int(m.group(1)) if m else 0, err.strip()


def fixtures_oracle(opts, tmp):
    """Every corpus/<rule>/bad-*.c whose findings have fixes, in each engine
    that reads it: --fix a copy, compile it, re-scan it in both engines,
    --fix it again.  Returns (checked, failed, coverage rows)."""
    only = os.environ.get("FIX_CHECK_FIXTURES", "").split()
    files = sorted(os.path.join(r, f) for r, _, fs in os.walk(os.path.join(TOP, "corpus"))
                   for f in fs if f.startswith("bad-") and f.endswith(".c")
                   and "/corpus/kernel" not in r)
    if only:
        files = [f for f in files if os.path.relpath(f, TOP) in only]
    cov = collections.defaultdict(lambda: [0, 0])
    checked = failed = 0
    print("fix-check: fixtures (corpus/*/bad-*.c): --fix, clang -fsyntax-only, re-scan in both engines, --fix again")
    for src in files:
        rel = os.path.relpath(src, TOP)
        text = read(src)
        flags, engines = fixture_tags(text.decode("utf-8", "replace"))
        seen = False
        for engine in engines:
            base = os.path.join(tmp, "fixtures", engine, rel)
            write(base, text)
            doc = lint_json(opts, [f"--engine={engine}", base, "--", f"-I{REF_INC}", *flags])
            before = doc["findings"]
            if not seen:
                for f in before:
                    cov[f["rule"]][1] += 1
                    cov[f["rule"]][0] += has_fix(f)
                seen = True
            nfix = sum(has_fix(f) for f in before)
            if not nfix:
                continue
            checked += 1
            probs = []
            fixed = base[:-2] + ".fixed.c"
            write(fixed, text)
            rc, n, err = lint_fix(opts, engine, fixed, flags)
            if n < 0:
                probs.append(f"--fix failed (exit {rc}): {err[:200]}")
            else:
                if n != nfix:
                    probs.append(f"--fix fixed {n} findings, the report offered {nfix} fixes")
                want = apply_edits(text, fixed_edits(before, os.path.realpath)[os.path.realpath(base)])
                if read(fixed) != want:
                    probs.append("--fix wrote other bytes than the report's edits")
                probs += compile_check(lambda p: ["clang", "-fsyntax-only", "-fno-caret-diagnostics",
                                                  "-Werror=implicit-function-declaration",
                                                  f"-I{REF_INC}", *flags, p], base, fixed)
                edits = fixed_edits(before, os.path.realpath)
                same = {os.path.realpath(base): os.path.realpath(fixed)}
                for other in engines:
                    b = before if other == engine else mark_fixed(lint_json(
                        opts, [f"--engine={other}", base, "--", f"-I{REF_INC}", *flags])["findings"], before)
                    a = rescan(opts, [f"--engine={other}", fixed, "--", f"-I{REF_INC}", *flags], probs)
                    probs += [f"[{other}] {p}" for p in compare(
                        b, a, edits, os.path.realpath,
                        lambda p: {v: k for k, v in same.items()}.get(os.path.realpath(p),
                                                                      os.path.realpath(p)))]
                once = read(fixed)
                rc, n, err = lint_fix(opts, engine, fixed, flags)
                if read(fixed) != once:
                    probs.append(f"second --fix changed the file (fixed {n} more)")
            failed += bool(probs)
            status = "ok" if not probs else "FAIL"
            print(f"  {status:4} {rel} [{engine}] {nfix} fix(es)")
            for p in probs:
                print(f"       {' '.join(p.split())[:300]}")
    print(f"fix-check: fixtures: {checked} fixture runs with fixes, {failed} failed")
    return checked, failed, cov


# ---------------------------------------------------------------- mutants

def load_mutants(mdir):
    rows = []
    with open(os.path.join(mdir, "mutants.tbl")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, contract, rule = line.rstrip("\n").split("\t")[:3]
                rows.append((name, contract, rule))
    return rows


def harness(opts, drv, inc, out):
    """Build the reference harness with driver source drv; returns
    (compiler diagnostics, None) or (diags, contracts, faults, output)."""
    cc = shlex.split(os.environ.get("FIX_CHECK_CC", "cc"))
    cflags = shlex.split(os.environ.get("FIX_CHECK_CFLAGS", "-O2 -g -std=gnu11 -Wall -Wextra -Wno-unused-parameter"))
    cflags = [f for f in cflags if f not in ("-MMD", "-MP")]
    ref = os.environ.get("FIX_CHECK_REF_BUILD", os.path.join(TOP, "build", "reference"))
    ref = os.path.join(TOP, ref) if not os.path.isabs(ref) else ref
    obj = out + ".o"
    rc, _, err = run([*cc, *cflags, "-I", inc, "-c", "-o", obj, drv])
    diags = diagnostics(err, {drv, os.path.basename(drv)})
    if rc:
        return diags, None, None, err
    rc, _, err = run([*cc, *cflags, "-o", out, obj, os.path.join(ref, "harness", "mutant-main.o"),
                      os.path.join(ref, "libreference.a")])
    if rc:
        die(f"cannot link the reference harness: {err.strip()[:300]} (make reference)")
    rc, res, err = run([out])
    contracts = re.findall(r"^contract\t([^\t\n]+)", res, re.M)
    faults = re.findall(r"^fault\t(\d+)", res, re.M)
    if rc or "summary\t" not in res:
        contracts.append(f"crash (exit {rc})")
    return diags, contracts, faults, res


def mutants_oracle(opts, tmp):
    """Every mutant of reference/mutants: its findings' fixes applied to the
    mutated refmmu.c must give a driver the harness passes and the checker
    finds nothing in; a finding without a fix is listed with its reason."""
    mdir = opts.mutants
    rows = load_mutants(mdir)
    print(f"fix-check: reference mutants ({os.path.relpath(mdir, TOP)}): --fix, harness, re-scan in both engines")
    table = []
    failed = unexplained = 0
    cov = collections.defaultdict(lambda: [0, 0])
    for name, contract, rule in rows:
        root = os.path.join(tmp, "mutants", name)
        shutil.copytree(os.path.join(TOP, "reference"), os.path.join(root, "reference"))
        with open(os.path.join(mdir, name + ".patch"), "rb") as p:
            r = subprocess.run(["patch", "-s", "-p1", "--no-backup-if-mismatch", "-d", root],
                               stdin=p, capture_output=True)
        if r.returncode:
            die(f"mutant {name}: the patch does not apply: {r.stdout.decode()[:200]}")
        drv = os.path.join(root, "reference", "drivers", "refmmu.c")
        inc = os.path.join(root, "reference", "include")
        before = lint_json(opts, ["--engine=clang", drv, "--", f"-I{inc}"])["findings"]
        cov[rule][1] += 1
        nfix = sum(has_fix(f) for f in before)
        reasons = sorted({f.get("no_fix_reason") or "" for f in before if not has_fix(f)})
        if not before:
            table.append((name, rule, "FAIL", "the checker finds nothing in the mutant"))
            failed += 1
            continue
        if not nfix:
            why = "; ".join(r for r in reasons if r) or "(no reason given)"
            unexplained += not any(reasons)
            status = "FAIL" if opts.strict and not any(reasons) else "no fix"
            failed += status == "FAIL"
            table.append((name, rule, status, why))
            continue
        cov[rule][0] += 1
        probs = []
        before_ts = mark_fixed(lint_json(opts, ["--engine=ts", drv, "--", f"-I{inc}"])["findings"],
                               before)
        base_diags, base_contracts, _, _ = harness(opts, drv, inc, os.path.join(root, "mutant"))
        unfixed = [f for f in before if not has_fix(f)]
        rc, _, err = run([opts.lint, "-q", "--engine=clang", *opts.lint_args, "--fix", drv, "--", f"-I{inc}"])
        if rc not in (0, 1):
            probs.append(f"--fix failed (exit {rc}): {err.strip()[:200]}")
        diags, contracts, faults, out = harness(opts, drv, inc, os.path.join(root, "fixed"))
        probs += new_diagnostics(base_diags, diags)
        if contracts is None:
            err = [l for l in out.splitlines() if ": error: " in l]
            probs.append(f"the fixed driver does not compile: {(err or [out.strip()])[0][-160:]}")
        elif not unfixed and (contracts or faults):
            probs.append(f"harness: contracts {contracts or '-'}, silent faults {faults or '-'}")
        edits = fixed_edits(before, os.path.realpath)
        for engine in ENGINES:
            after = rescan(opts, [f"--engine={engine}", drv, "--", f"-I{inc}"], probs)
            probs += [f"[{engine}] {p}" for p in compare(before_ts if engine == "ts" else before,
                                                         after, edits, os.path.realpath)]
        once = read(drv)
        run([opts.lint, "-q", "--engine=clang", *opts.lint_args, "--fix", drv, "--", f"-I{inc}"])
        if read(drv) != once:
            probs.append("second --fix changed the file")
        seen = "mutant breaks " + (contract if base_contracts and contract in base_contracts
                                   else f"{contract}? (harness saw {base_contracts})")
        if probs:
            failed += 1
            table.append((name, rule, "FAIL", "; ".join(probs)))
        else:
            rest = f", {len(unfixed)} finding(s) without a fix" if unfixed else ", harness passes"
            table.append((name, rule, "fixed", f"{nfix} fix(es){rest}, re-scan clean; {seen}"))
    w = max(len(r[0]) for r in table) if table else 4
    wr = max(len(r[1]) for r in table) if table else 4
    print(f"  {'mutant':{w}}  {'rule':{wr}}  {'result':6}  detail / no_fix_reason")
    for name, rule, status, why in table:
        print(f"  {name:{w}}  {rule:{wr}}  {status:6}  {' '.join(why.split())[:400]}")
    nfixed = sum(r[2] == "fixed" for r in table)
    print(f"fix-check: mutants: {len(rows)}, {nfixed} fixed back, {len(rows) - nfixed - failed} listed "
          f"without a fix ({unexplained} with no reason given), {failed} failed")
    return len(rows), failed, cov


# ---------------------------------------------------------------- kernel DBs

def kernel_oracle(opts, tmp, dbdir, label):
    """One compile DB: scan it, apply every offered fix to overlay copies of
    the touched files, compile each with its own sanitised DB flags and
    re-scan the DB with the overlays in place of the originals."""
    dbdir = os.path.realpath(dbdir)
    dbfile = os.path.join(dbdir, "compile_commands.json")
    if not os.path.isfile(dbfile):
        die(f"{label}: no compile DB in {dbdir} (make kernel-db)")
    t0 = time.time()

    def canon(p):
        # a DB may spell files relative to its directory: so does the report
        return os.path.realpath(os.path.join(dbdir, p))
    doc = lint_json(opts, ["--keep-going", "-p", dbdir], cwd=dbdir)
    before = doc["findings"]
    cov = collections.defaultdict(lambda: [0, 0, 0, 0])  # fixes, findings, applied, passed
    for f in before:
        cov[f["rule"]][1] += 1
        cov[f["rule"]][0] += has_fix(f)
    edits = fixed_edits(before, canon)
    print(f"fix-check: {label}: {len(before)} findings, {sum(has_fix(f) for f in before)} with a fix, "
          f"in {len(edits)} file(s) ({time.time() - t0:.1f} s scan)")
    if not edits:
        print(f"fix-check: {label}: no finding has a fix: nothing to compile or re-scan")
        return cov, 0
    rc, out, err = run([opts.lint, "--print-commands", "-p", dbdir])
    if rc:
        die(f"{label}: --print-commands failed: {err.strip()[:300]}")
    sane = {os.path.realpath(os.path.join(e["directory"], e["file"])): e for e in json.loads(out)}
    raw = json.load(open(dbfile))
    ovl = os.path.join(tmp, "kernel", label)
    overlay, sums = {}, {}
    problems = collections.defaultdict(list)
    for path, ed in sorted(edits.items()):
        if path not in sane:
            problems[path].append("not a TU of the DB (a fix in a header?)")
            continue
        sums[path] = sha(path)
        rel = os.path.relpath(path, dbdir)
        dst = os.path.join(ovl, "tree", rel if not rel.startswith("..") else path.lstrip("/"))
        write(dst, apply_edits(read(path), ed))
        overlay[path] = dst
    # the compiler, with the DB's own sanitised flags, the original's
    # directory first on the include path so its local headers resolve
    for path, dst in overlay.items():
        e = sane[path]
        idir = os.path.dirname(path)
        problems[path] += compile_check(
            lambda p: ["clang", "-fsyntax-only", "-fno-caret-diagnostics", f"-I{idir}", *e["arguments"], p],
            path, dst, cwd=e["directory"])
    # the re-scan: the DB with each fixed TU replaced by its overlay
    newdb = []
    for e in raw:
        path = os.path.realpath(os.path.join(e["directory"], e["file"]))
        if path not in overlay:
            newdb.append(e)
            continue
        argv = e["arguments"] if "arguments" in e else shlex.split(e["command"])
        argv = [overlay[path] if not a.startswith("-") and
                os.path.realpath(os.path.join(e["directory"], a)) == path else a for a in argv]
        if overlay[path] not in argv:
            die(f"{label}: {e['file']}: cannot find the file in its DB command")
        newdb.append({"directory": e["directory"], "file": overlay[path],
                      "arguments": [argv[0], f"-I{os.path.dirname(path)}", *argv[1:]]})
    os.makedirs(os.path.join(ovl, "db"), exist_ok=True)
    with open(os.path.join(ovl, "db", "compile_commands.json"), "w") as f:
        json.dump(newdb, f, indent=1)
    back = {os.path.realpath(v): k for k, v in overlay.items()}
    after = rescan(opts, ["-p", os.path.join(ovl, "db")], problems["(re-scan)"], cwd=dbdir)
    for p in compare(before, after, edits, canon, lambda p: back.get(canon(p), canon(p))):
        m = re.search(r": (\S+):\d+ \[", p)
        hit = [k for k in edits if m and os.path.basename(k) == m.group(1)]
        problems[hit[0] if hit else "(other TUs)"].append(p)
    for path, s in sums.items():
        if sha(path) != s:
            die(f"{label}: {path} changed during the check (it must never be written)")
    applied = passed = 0
    for f in before:
        if has_fix(f):
            path = canon(f["file"])
            ok = path in overlay and not problems.get(path) and not problems.get("(other TUs)") \
                and not problems.get("(re-scan)")
            cov[f["rule"]][2] += 1
            cov[f["rule"]][3] += ok
            applied += 1
            passed += ok
    for path in sorted(problems):
        for p in problems[path]:
            print(f"  FAIL {os.path.relpath(path, dbdir) if path.startswith('/') else path}: {p}")
    print(f"fix-check: {label}: {applied} fixes applied, {passed} compile and re-scan clean "
          f"({pct(passed, applied)}), {time.time() - t0:.1f} s")
    return cov, applied - passed


def coverage_table(cov, title):
    print(f"fix-check: {title}")
    print(f"  {'rule':26} {'findings':>8} {'with fix':>8} {'coverage':>8} {'applied':>7} {'pass':>5}")
    tot = [0, 0, 0, 0]
    for rule in sorted(cov):
        c = cov[rule]
        tot = [a + b for a, b in zip(tot, c)]
        print(f"  {rule:26} {c[1]:8} {c[0]:8} {pct(c[0], c[1]):>8} {c[2]:7} {pct(c[3], c[2]):>5}")
    print(f"  {'total':26} {tot[1]:8} {tot[0]:8} {pct(tot[0], tot[1]):>8} {tot[2]:7} {pct(tot[3], tot[2]):>5}")


# ---------------------------------------------------------------- whole tree

def split_patch(text):
    """{path: section} of a unified diff made of 'diff --git a/P b/P' sections."""
    out, cur = {}, None
    for line in text.splitlines(keepends=True):
        m = re.match(r"^diff --git a/(\S+) b/", line)
        if m:
            cur = m.group(1)
            out[cur] = ""
        if cur:
            out[cur] += line
    return out


def tree_oracle(opts, tmp, src):
    """Fast mode over a whole source tree: every fix must apply with
    git apply --check on a scratch git repo of copies of the touched files,
    and a fast re-scan of the patched copies must be clean for it."""
    src = os.path.realpath(src)
    if not os.path.isdir(src):
        die(f"no source tree at {src} (make sweep KVER=... extracts it)")
    t0 = time.time()
    dirs = os.environ.get("FIX_CHECK_TREE_DIRS", ".").split()
    rc, out, err = run(["find", *dirs, "-name", "*.c", "-type", "f"], cwd=src)
    files = sorted({l[2:] if l.startswith("./") else l for l in out.split()})
    lst = os.path.join(tmp, "files.txt")
    with open(lst, "w") as f:
        f.write("".join(x + "\n" for x in files))
    patch = os.path.join(tmp, "tree.patch")
    doc = lint_json(opts, ["--fast", "--keep-going", f"--files-from={lst}", "--export-fixes", patch], cwd=src)
    before = doc["findings"]
    cov = collections.defaultdict(lambda: [0, 0, 0, 0])
    for f in before:
        cov[f["rule"]][1] += 1
        cov[f["rule"]][0] += has_fix(f)

    def canon(p):
        return os.path.relpath(os.path.realpath(os.path.join(src, p)), src)
    edits = fixed_edits(before, canon)
    print(f"fix-check: tree {src}: {len(files)} .c files, {len(before)} findings, "
          f"{sum(has_fix(f) for f in before)} with a fix in {len(edits)} file(s) ({time.time() - t0:.1f} s fast scan)")
    if not edits:
        print("fix-check: tree: no finding has a fix: nothing to apply")
        return cov, 0
    sections = split_patch(open(patch).read()) if os.path.exists(patch) else {}
    repo = os.path.join(tmp, "git")
    for rel in edits:
        write(os.path.join(repo, rel), read(os.path.join(src, rel)))
    for argv in (["git", "init", "-q"], ["git", "add", "-A"],
                 ["git", "-c", "user.name=fix-check", "-c", "user.email=fix-check@localhost",
                  "commit", "-qm", "original"]):
        if run(argv, cwd=repo)[0]:
            die(f"scratch git repo: {' '.join(argv)} failed")
    problems = collections.defaultdict(list)
    for rel in edits:
        sec = sections.get(rel)
        if sec is None:
            problems[rel].append("no section in the --export-fixes patch")
            continue
        pf = os.path.join(tmp, "one.patch")
        with open(pf, "w") as f:
            f.write(sec)
        rc, _, err = run(["git", "apply", "--check", pf], cwd=repo)
        if rc:
            problems[rel].append(f"git apply --check: {err.strip()[:200]}")
    rc, _, err = run(["git", "apply", patch], cwd=repo)
    if rc:
        problems["(whole patch)"].append(f"git apply: {err.strip()[:200]}")
    orig = os.path.join(tmp, "orig")
    for rel in edits:
        write(os.path.join(orig, rel), read(os.path.join(src, rel)))
        if not rc and read(os.path.join(repo, rel)) != apply_edits(read(os.path.join(src, rel)), edits[rel]):
            problems[rel].append("the patch gives other bytes than the report's edits")
    lst2 = os.path.join(tmp, "touched.txt")
    with open(lst2, "w") as f:
        f.write("".join(x + "\n" for x in edits))
    # baseline and re-scan in the same mode (the touched files alone)
    base = lint_json(opts, ["--fast", "--keep-going", f"--files-from={lst2}"], cwd=orig)["findings"]
    fixed_keys = {(f["rule"], canon(f["file"]), f["line"]) for f in before if has_fix(f)}
    base = [dict(f, fix=({"edits": [{}]} if (f["rule"], f["file"], f["line"]) in fixed_keys else None))
            for f in base]
    after = rescan(opts, ["--fast", f"--files-from={lst2}"], problems["(re-scan)"], cwd=repo)
    for p in compare(base, after, edits, lambda p: p):
        m = re.search(r": (\S+):\d+ \[", p)
        hit = [k for k in edits if m and os.path.basename(k) == m.group(1)]
        problems[hit[0] if hit else "(other files)"].append(p)
    applied = passed = 0
    for f in before:
        if has_fix(f):
            ok = not problems.get(canon(f["file"])) and not problems.get("(whole patch)") \
                and not problems.get("(re-scan)")
            cov[f["rule"]][2] += 1
            cov[f["rule"]][3] += ok
            applied += 1
            passed += ok
    for rel in sorted(problems):
        for p in problems[rel]:
            print(f"  FAIL {rel}: {p}")
    print(f"fix-check: tree: {applied} fixes, {passed} apply and re-scan clean ({pct(passed, applied)}), "
          f"{time.time() - t0:.1f} s")
    return cov, applied - passed


# ---------------------------------------------------------------- coverage

def coverage_md(opts, tmp, dbdirs):
    """A markdown table: per rule, fixes / findings on the bad fixtures, the
    reference mutants fixed back, and each compile DB given."""
    rules = [l.split()[0] for l in run([opts.lint, "--list-rules"])[1].splitlines()
             if l.strip() and not l.startswith("#")]
    with open(os.devnull, "w") as null:
        stdout, sys.stdout = sys.stdout, null
        try:
            _, _, fx = fixtures_oracle(opts, tmp)
            _, _, mu = mutants_oracle(opts, tmp)
            dbs = [(os.path.basename(os.path.realpath(d)), kernel_oracle(opts, tmp, d,
                    os.path.basename(os.path.realpath(d)))[0]) for d in dbdirs]
        finally:
            sys.stdout = stdout
    head = ["rule", "fixtures", "mutants"] + [n for n, _ in dbs]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def cell(c):
        return f"{c[0]}/{c[1]}" + (f" ({pct(c[0], c[1])})" if c[1] else "") if c[1] else "-"
    for rule in rules:
        row = [f"[{rule}](rules/{rule}.md)", cell(fx.get(rule, [0, 0])), cell(mu.get(rule, [0, 0]))]
        for _, c in dbs:
            row.append(cell(c.get(rule, [0, 0])))
        lines.append("| " + " | ".join(row) + " |")
    if not opts.doc:
        print("\n".join(lines))
        return
    begin, end = "<!-- coverage: scripts/fix-check.sh coverage-md -->", "<!-- end coverage -->"
    text = open(opts.doc).read()
    if begin not in text or end not in text:
        die(f"{opts.doc}: no '{begin}' ... '{end}' block")
    head, rest = text.split(begin, 1)
    text = head + begin + "\n" + "\n".join(lines) + "\n" + end + rest.split(end, 1)[1]
    with open(opts.doc + ".tmp", "w") as f:
        f.write(text)
    os.replace(opts.doc + ".tmp", opts.doc)
    print(f"fix-check: coverage table written to {opts.doc}")


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(prog="fix-check.sh")
    ap.add_argument("mode", choices=["fixtures", "mutants", "local", "kernel", "tree", "coverage-md"])
    ap.add_argument("lint")
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--strict", action="store_true")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--doc", help="coverage-md: replace the coverage block of this markdown file")
    ap.add_argument("--lint-arg", action="append", dest="lint_args")
    opts = ap.parse_args(argv)
    opts.lint = os.path.realpath(opts.lint)
    if not os.access(opts.lint, os.X_OK):
        raise Setup(f"{opts.lint} is not executable")
    if opts.lint_args is None:
        opts.lint_args = ["--kernel=6.12"] if opts.mode in ("fixtures", "mutants", "local", "coverage-md") else []
    opts.mutants = os.path.realpath(os.environ.get("FIX_CHECK_MUTANTS", os.path.join(TOP, "reference", "mutants")))
    tmp = tempfile.mkdtemp(prefix="fix-check.")
    t0 = time.time()
    try:
        bad = 0
        if opts.mode in ("fixtures", "local"):
            bad += fixtures_oracle(opts, tmp)[1]
        if opts.mode in ("mutants", "local"):
            bad += mutants_oracle(opts, tmp)[1]
        if opts.mode == "kernel":
            total = collections.defaultdict(lambda: [0, 0, 0, 0])
            for d in opts.paths:
                label = os.path.basename(os.path.realpath(d))
                cov, b = kernel_oracle(opts, tmp, d, label)
                bad += b
                coverage_table(cov, f"{label}: fix coverage per rule")
                for r, c in cov.items():
                    total[r] = [a + x for a, x in zip(total[r], c)]
            if len(opts.paths) > 1:
                coverage_table(total, f"all {len(opts.paths)} DBs: fix coverage per rule")
        if opts.mode == "tree":
            cov, bad = tree_oracle(opts, tmp, opts.paths[0])
            coverage_table(cov, "tree: fix coverage per rule")
        if opts.mode == "coverage-md":
            coverage_md(opts, tmp, opts.paths)
            return 0
        print(f"fix-check: {opts.mode}: {'PASS' if not bad else f'FAILED ({bad})'} in {time.time() - t0:.1f} s")
        return 1 if bad else 0
    finally:
        if opts.keep:
            print(f"fix-check: scratch files kept in {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Setup as e:
        print(f"fix-check: error: {e}", file=sys.stderr)
        sys.exit(2)
