#!/usr/bin/env bash
# pre-commit-docs-check.sh [--quick] IOMMU_LINT [KERNEL_CHECK_LOG]
#
# Keeps docs/pre-commit.md true:
#   --quick (make check): the release tag the docs pin exists when the
#     repository has any release tag, and the kernel-check figures the docs
#     quote agree with corpus/kernel/snapshot-6.12-x86_64.tsv (every row
#     triaged, nothing new); and, when the walkthrough's kernel tree is
#     here, the count of findings its baseline gets (fast mode, a second);
#   full (make pre-commit-docs-check): also runs every command of the
#     walkthrough (the ```console blocks between the walkthrough markers) as
#     written, in a scratch clone of HEAD where the pinned tag is made when
#     missing, and compares what each prints with the docs (timings, and
#     the framework's "[INFO]" lines, aside); and the quoted kernel-check line
#     must equal the one of KERNEL_CHECK_LOG (`make kernel-check KVER=6.12
#     KARCH=x86_64` output).
set -uo pipefail
quick=0
if [[ ${1:-} == --quick ]]; then quick=1; shift; fi
lint=$(realpath "$1")
klog=${2:-}
top=$(cd "$(dirname "$0")/.." && pwd)
doc=$top/docs/pre-commit.md
snap=$top/corpus/kernel/snapshot-6.12-x86_64.tsv
fail=0
die() { echo "pre-commit-docs-check: $*" >&2; fail=1; }

# 1. the pinned tag: the hook's rev and the CI jobs' IOMMU_LINT_REF
rev=$(sed -n 's/^ *rev: *\(v[0-9][0-9.]*\) *$/\1/p' "$doc" | sort -u)
[[ $(wc -w <<<"$rev") == 1 ]] || die "docs/pre-commit.md pins '${rev//$'\n'/ }', not one release tag"
ciref=$(sed -n 's/^ *IOMMU_LINT_REF: *\([^ ]*\) *$/\1/p' "$top/docs/ci.md" | sort -u)
[[ $ciref == "$rev" ]] ||
	die "docs/ci.md pins IOMMU_LINT_REF '${ciref//$'\n'/ }', docs/pre-commit.md $rev"
if git -C "$top" rev-parse -q --verify HEAD >/dev/null 2>&1 &&
   [[ -n $(git -C "$top" tag -l 'v[0-9]*') ]] &&
   ! git -C "$top" rev-parse -q --verify "refs/tags/$rev" >/dev/null; then
	die "docs/pre-commit.md pins $rev, which is not a tag of this repository"
fi

# 2. the kernel-check figures against the snapshot
kline=$(grep -m1 '^kernel-check: [0-9]* TUs' "$doc")
[[ -n $kline ]] || die "docs/pre-commit.md quotes no kernel-check line"
rows=$(grep -vc '^#' "$snap")
ntri=$(sed -n 's/.* findings: \([0-9]*\) triaged .*, 0 new$/\1/p' <<<"$kline")
[[ $ntri == "$rows" ]] ||
	die "docs/pre-commit.md says '$kline' but ${snap#"$top"/} has $rows triaged rows (and none may be new)"
if [[ -n $klog ]]; then
	got=$(grep -m1 '^kernel-check: [0-9]* TUs' "$klog")
	[[ $got == "$kline" ]] || die "make kernel-check says '$got', docs/pre-commit.md '$kline'"
fi
if [[ $quick == 1 ]]; then
	# 2b. the walkthrough's baseline count (fast mode, seconds), when the
	# kernel tree it names is here
	ksrc=$(sed -n 's/^\$ kernel=\(\/[^ ]*\)$/\1/p' "$doc")
	want=$(sed -n 's/^iommu-lint: wrote \([0-9]*\) findings to the baseline .*/\1/p' "$doc")
	if [[ -n $ksrc && -d $ksrc/drivers/iommu ]]; then
		bl=$(mktemp)
		got=$(cd "$ksrc" && find drivers/iommu -name '*.[ch]' | "$lint" --no-config \
			--files-from=- --write-baseline "$bl" 2>&1 |
			sed -n 's/^iommu-lint: wrote \([0-9]*\) findings.*/\1/p')
		rm -f "$bl"
		[[ $got == "$want" ]] ||
			die "docs/pre-commit.md's walkthrough writes '$want' findings to the baseline, iommu-lint writes '$got' on $ksrc/drivers/iommu"
	fi
	exit $fail
fi

# 3. the walkthrough, run as written
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$top" "$work/iommu-lint" || exit 2
git -C "$work/iommu-lint" rev-parse -q --verify "refs/tags/$rev" >/dev/null ||
	git -C "$work/iommu-lint" -c user.name=docs -c user.email=docs@localhost \
		tag -a "$rev" -m "iommu-lint ${rev#v}" || exit 2
ln -s "$lint" "$work/iommu-lint/iommu-lint"
python3 - "$doc" "$work" <<'PY' || fail=1
import os, re, subprocess, sys
doc, work = sys.argv[1:3]
text = open(doc).read()
m = re.search(r"<!-- walkthrough: begin -->(.*?)<!-- walkthrough: end -->", text, re.S)
if not m:
    sys.exit("pre-commit-docs-check: no walkthrough markers in docs/pre-commit.md")
steps = []                          # (command, expected output lines)
for block in re.findall(r"```console\n(.*?)```", m.group(1), re.S):
    lines = block.split("\n")[:-1]
    i = 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            steps[-1][1].append(lines[i]); i += 1; continue
        cmd = [lines[i][2:]]
        i += 1
        while cmd[-1].endswith("\\") and i < len(lines):
            cmd.append(lines[i]); i += 1
        hd = re.search(r"<<'?(\w+)'?\s*$", cmd[-1])
        if hd:
            while i < len(lines) and lines[i] != hd.group(1):
                cmd.append(lines[i]); i += 1
            cmd.append(lines[i]); i += 1
        steps.append(("\n".join(cmd), []))
script = ["cd %s/iommu-lint" % work, "export HOME=%s PRE_COMMIT_HOME=%s/pc-home" % (work, work),
          "export GIT_AUTHOR_NAME=docs GIT_AUTHOR_EMAIL=docs@localhost",
          "export GIT_COMMITTER_NAME=docs GIT_COMMITTER_EMAIL=docs@localhost"]
for n, (cmd, _) in enumerate(steps):
    script += ["echo '@@step %d'" % n, cmd]
out = subprocess.run(["bash", "-c", "\n".join(script) + "\n"], stdout=subprocess.PIPE,
                     stderr=subprocess.STDOUT, text=True).stdout
got = re.split(r"^@@step \d+\n", out, flags=re.M)[1:]
def norm(lines):
    return [re.sub(r"\d+\.\d+ s\b", "N s", l.rstrip()) for l in lines
            if l.strip() and not l.startswith("[INFO]")]
bad = 0
for n, (cmd, want) in enumerate(steps):
    g = norm(got[n].split("\n")) if n < len(got) else ["(not run)"]
    if g != norm(want):
        bad += 1
        print("pre-commit-docs-check: the docs' output of\n  $ %s\ndiffers; it printed:\n%s\n"
              % (cmd, "\n".join("  " + l for l in g)))
print("pre-commit-docs-check: %d commands run, %d outputs differ" % (len(steps), bad))
sys.exit(1 if bad else 0)
PY
exit $fail
