#!/usr/bin/env bash
# gen-docs-index.sh IOMMU_LINT - docs/index.md from the registry (--list-rules).
set -euo pipefail
lint=${1:-./iommu-lint}
cat <<'HEAD'
# iommu-lint rules

Generated from `rules/rules.def` by `make docs`; `make check` fails when this
page is stale.

| rule | severity | confidence | engines | summary |
|---|---|---|---|---|
HEAD
"$lint" --list-rules | while read -r id sev conf eng summary; do
    printf '| [%s](rules/%s.md) | %s | %s | %s | %s |\n' "$id" "$id" "$sev" "$conf" "$eng" "$summary"
done
cat <<'TAIL'

See also: [usage](usage.md), [reference model](reference.md).
TAIL
