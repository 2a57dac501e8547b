#!/usr/bin/env bash
# sweep-batch-check.sh - the fast-mode sweep of a sub-tree of linux-source
# in batches of SWEEP_BATCH files (default 50), then in one process, and the
# two sorted finding lists compared.  They differ only where a finding of
# one file depends on a function defined in a file of another batch.
#
#   scripts/sweep-batch-check.sh LINT KVER [WORKDIR]
#   SWEEP_DIRS="D ..."  sub-tree directories (default: drivers/base
#                       drivers/iommu drivers/gpu/drm/msm)
# Exit: 0 same findings, 1 different (the diff is printed), 2 setup error.
set -uo pipefail

lint=${1:?usage: sweep-batch-check.sh LINT KVER [WORKDIR]}
kver=${2:?usage: sweep-batch-check.sh LINT KVER [WORKDIR]}
work=${3:-/var/tmp/iommu-lint-kernel}
here=$(cd "$(dirname "$0")" && pwd)
out=$work/sweep-batch-check-$kver
export SWEEP_DIRS=${SWEEP_DIRS:-drivers/base drivers/iommu drivers/gpu/drm/msm}
batch=${SWEEP_BATCH:-50}

[[ $batch =~ ^[1-9][0-9]*$ ]] || { echo "sweep-batch-check: error: SWEEP_BATCH must be a positive number" >&2; exit 2; }
mkdir -p "$out" || exit 2
for mode in batched whole; do
    n=$batch
    [[ $mode == whole ]] && n=0
    SWEEP_BATCH=$n SWEEP_OUT=$out/$mode "$here/sweep.sh" "$lint" "$kver" "$work" |
        sed "s/^sweep:/sweep ($mode):/"
    [[ ${PIPESTATUS[0]} == 0 ]] || { echo "sweep-batch-check: error: the $mode sweep failed" >&2; exit 2; }
    LC_ALL=C sort "$out/$mode/findings.txt" > "$out/$mode.sorted"
done
if diff -u "$out/batched.sorted" "$out/whole.sorted"; then
    echo "sweep-batch-check: $(wc -l < "$out/whole.sorted") findings, the same in batches of $batch and in one process"
    exit 0
fi
echo "sweep-batch-check: findings differ between batches of $batch and one process (above)"
exit 1
