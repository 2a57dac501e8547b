#!/usr/bin/env bash
# lint-rules.sh - the registry and the tree agree: every rules/rules.def entry
# has rules/<id>.c, corpus/<id>/ with bad-*.c and ok-*.c fixtures, and
# docs/rules/<id>.md with the fixed headings; every rule file, fixture folder
# and doc page has an entry; entries and data tables are sorted.
set -u
cd "$(dirname "$0")/.."
fail=0
err() { echo "lint-rules: $*" >&2; fail=1; }

mapfile -t ids < <(sed -n 's/^RULE[^"]*"\([a-z0-9-]*\)".*/\1/p' rules/rules.def)
[[ ${#ids[@]} -gt 0 ]] || err "no RULE entries in rules/rules.def"
sorted=$(printf '%s\n' "${ids[@]}" | LC_ALL=C sort)
[[ $sorted == "$(printf '%s\n' "${ids[@]}")" ]] || err "rules/rules.def entries are not sorted by id"
[[ $(printf '%s\n' "${ids[@]}" | sort -u | wc -l) == "${#ids[@]}" ]] || err "duplicate rule id in rules/rules.def"

headings=("## Summary" "## Why" "## Bad" "## Good" "## Options"
          "## Limitations and known false positives" "## Confidence" "## Findings on real kernels")
for id in "${ids[@]}"; do
    [[ $id =~ ^[a-z0-9]+(-[a-z0-9]+)*$ ]] || err "$id: rule id is not kebab-case"
    sym=${id//-/_}
    [[ -f rules/$id.c ]] || err "$id: no rules/$id.c"
    [[ -f rules/$id.c ]] && ! grep -q "rule_${sym}_register" "rules/$id.c" &&
        err "$id: rules/$id.c does not define rule_${sym}_register()"
    ls corpus/"$id"/bad-*.c >/dev/null 2>&1 || err "$id: no corpus/$id/bad-*.c fixture"
    ls corpus/"$id"/ok-*.c >/dev/null 2>&1 || err "$id: no corpus/$id/ok-*.c fixture"
    doc=docs/rules/$id.md
    if [[ ! -f $doc ]]; then
        err "$id: no $doc"
    else
        for h in "${headings[@]}"; do
            grep -qx "$h" "$doc" || err "$doc: missing heading '$h'"
        done
    fi
done
known() { printf '%s\n' "${ids[@]}" | grep -qx "$1"; }
for f in rules/*.c; do
    id=$(basename "$f" .c)
    [[ $id == TEMPLATE ]] && continue
    known "$id" || err "$f has no entry in rules/rules.def"
done
for d in corpus/*/; do
    id=$(basename "$d")
    [[ $id == kernel ]] && continue
    known "$id" || err "corpus/$id/ has no entry in rules/rules.def"
done
for f in docs/rules/*.md; do
    [[ -e $f ]] || continue
    known "$(basename "$f" .md)" || err "$f has no entry in rules/rules.def"
done
for t in rules/data/*.tbl; do
    [[ -e $t ]] || continue
    head -n1 "$t" | grep -q '^#' || err "$t: first line must be a comment saying where the data comes from"
    rows=$(grep -v '^[[:space:]]*#' "$t" | grep -v '^[[:space:]]*$' | awk '{print $1}')
    [[ $rows == "$(printf '%s\n' "$rows" | LC_ALL=C sort)" ]] || err "$t: rows are not sorted"
done
exit $fail
