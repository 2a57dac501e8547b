#!/usr/bin/env bash
# bench.sh IOMMU_LINT TREE ARCH [JOBS] [RUNS] - time iommu-lint against
# clang -fsyntax-only, sparse and spatch on one built drivers/iommu tree
# (corpus/kernel/build-db.sh; ARCH x86_64, arm64 or arm), median of RUNS
# (default 3) each, same parallelism.  Prints a table and writes it to
# bench/results/<tree name>.md; see bench.py for what each row measures.
set -euo pipefail
[[ $# -ge 3 ]] || { echo "usage: bench.sh IOMMU_LINT TREE x86_64|arm64|arm [JOBS] [RUNS]" >&2; exit 2; }
tree=$(realpath "$2") arch=$3 jobs=${4:-$(nproc)} runs=${5:-3}
case $arch in x86_64|arm64|arm) ;; *) echo "bench: unknown arch '$arch'" >&2; exit 2 ;; esac
[[ -f $tree/compile_commands.json ]] || { echo "bench: no compile DB in $tree (make kernel-db)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# a private copy: a rebuild in the working tree must not change it mid-run
cp "$1" "$tmp/iommu-lint"
BENCH_TMP=$tmp python3 "$(dirname "$0")/bench.py" "$tmp/iommu-lint" "$tree" "$arch" "$jobs" "$runs"
