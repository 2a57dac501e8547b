#!/usr/bin/env bash
# scan-default.sh IOMMU_LINT - the bundled default scan: the reference driver
# and every corpus fixture, with the project's own headers.  Fixtures are
# meant to have findings (bad-*.c), so this shows them and their summary;
# it fails only on a tool failure (exit 2).
set -u
lint=${1:-./iommu-lint}
cd "$(dirname "$0")/.."
files=()
[[ -f reference/drivers/refmmu.c ]] && files+=(reference/drivers/refmmu.c)
while IFS= read -r f; do files+=("$f"); done < <(find corpus -path corpus/kernel -prune -o -name '*.c' -print | LC_ALL=C sort)
"$lint" "${files[@]}" -- -Ireference/include
rc=$?
[[ $rc -le 1 ]] || { echo "scan-default: iommu-lint failed (exit $rc)" >&2; exit "$rc"; }
exit 0
