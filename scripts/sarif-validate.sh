#!/usr/bin/env bash
# sarif-validate.sh IOMMU_LINT - produce SARIF logs (findings; a run with a
# failed TU; a result with fixes; suppressed results) and validate them with Microsoft's SARIF
# Multitool against the SARIF 2.1.0 schema and its spec rules.  The
# Multitool exits 0 even for an invalid file, so its own report is read:
# any result at level "error" fails.  Installed by scripts/deps.sh into build/sarif/.
set -u
lint=$(realpath "${1:-./iommu-lint}")
cd "$(dirname "$0")/.."
tool=build/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [[ ! -x $tool ]]; then
    echo "sarif-validate: $tool missing: run scripts/deps.sh" >&2
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <linux/missing.h>\nstruct iommu_ops;\n' >"$tmp/broken.c"
"$lint" -q --format=sarif -o "$tmp/findings.sarif" corpus/of-xlate-presence/*.c -- -Ireference/include
[[ $? -le 1 ]] || { echo "sarif-validate: iommu-lint failed" >&2; exit 1; }
"$lint" -q --keep-going --format=sarif -o "$tmp/failed.sarif" "$tmp/broken.c" \
    corpus/of-xlate-presence/bad-missing.c -- -Ireference/include 2>/dev/null
[[ $? -le 1 ]] || { echo "sarif-validate: iommu-lint --keep-going failed" >&2; exit 1; }
# a result with a fix (SARIF fixes: artifactChanges, replacements)
"$lint" -q --kernel=6.12 --format=sarif -o "$tmp/fixes.sarif" corpus/resv-region/bad-int-type.c
[[ $? -le 1 ]] || { echo "sarif-validate: iommu-lint (fixes) failed" >&2; exit 1; }
grep -q '"artifactChanges"' "$tmp/fixes.sarif" ||
    { echo "sarif-validate: fixes.sarif has no fixes" >&2; exit 1; }
# results kept with their suppressions (inline ones), and the git provenance
"$lint" -q --format=sarif -o "$tmp/suppressed.sarif" corpus/suppression-reason/ok-with-reason.c \
    -- -Ireference/include
[[ $? -le 1 ]] || { echo "sarif-validate: iommu-lint (suppressions) failed" >&2; exit 1; }
grep -q '"suppressions"' "$tmp/suppressed.sarif" ||
    { echo "sarif-validate: suppressed.sarif has no suppressions" >&2; exit 1; }
fail=0
for f in "$tmp"/findings.sarif "$tmp"/failed.sarif "$tmp"/fixes.sarif "$tmp"/suppressed.sarif; do
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$tool" validate --quiet true \
        -o "$f.report" --log 'ForceOverwrite;PrettyPrint' "$f" >"$f.log" 2>&1
    if [[ ! -s $f.report ]]; then
        echo "sarif-validate: no validation report for $(basename "$f"):" >&2
        cat "$f.log" >&2
        fail=1
        continue
    fi
    errors=$(python3 - "$f.report" <<'PY'
import json, sys
rep = json.load(open(sys.argv[1]))
for run in rep.get("runs", []):
    rules = run.get("tool", {}).get("driver", {}).get("rules", [])
    for r in run.get("results", []):
        level = r.get("level")
        if level is None and r.get("ruleIndex", -1) in range(len(rules)):
            level = rules[r["ruleIndex"]].get("defaultConfiguration", {}).get("level")
        if (level or "warning") == "error":
            print(r.get("ruleId"), r.get("message", {}).get("text") or r.get("message"))
PY
)
    results=$(python3 -c 'import json,sys; print(sum(len(r.get("results",[])) for r in json.load(open(sys.argv[1]))["runs"]))' "$f")
    if [[ -n $errors ]]; then
        echo "sarif-validate: $(basename "$f") is not valid SARIF 2.1.0:" >&2
        echo "$errors" >&2
        fail=1
    else
        echo "sarif-validate: $(basename "$f"): valid SARIF 2.1.0 ($results results)"
    fi
done
exit $fail
