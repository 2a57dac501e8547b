#!/usr/bin/env bash
# scaling-clang.sh [IOMMU_LINT] [SIZES] - the clang engine on one generated
# file of N probe functions (each with a register-unwind finding and its
# fix) written on ONE line, and the same functions one per line, for N in
# SIZES (default "1500 3000 6000").  Prints CPU seconds (user + sys, less
# sensitive than wall time to a busy machine) and the growth factor per
# doubling: about 2 is linear, about 4 quadratic.  A scaling check to run by
# hand, not a timed unit test.
set -euo pipefail
lint=$(realpath "${1:-./iommu-lint}")
sizes=${2:-1500 3000 6000}
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

gen() {	# gen N FILE SEPARATOR
	local i
	{
		printf '#include <linux/iommu.h>\n#include <linux/platform_device.h>\n'
		printf 'struct de_smmu { struct iommu_device iommu; };\n'
		printf 'extern const struct iommu_ops de_ops;\n'
		for ((i = 0; i < $1; i++)); do
			printf 'static int p%d(struct platform_device *pdev) { struct de_smmu *smmu; int ret; smmu = devm_kzalloc(&pdev->dev, sizeof(*smmu), GFP_KERNEL); if (!smmu) return -ENOMEM; ret = iommu_device_sysfs_add(&smmu->iommu, &pdev->dev, NULL, "de"); if (ret) return dev_err_probe(&pdev->dev, ret, "sysfs"); ret = iommu_device_register(&smmu->iommu, &de_ops, &pdev->dev); if (WARN_ON(ret)) return dev_err_probe(&pdev->dev, ret, "register"); return 0; }%s' "$i" "$3"
		done
		printf '\n'
	} > "$2"
}

cpu() {	# cpu FILE: user+sys seconds of one clang-mode run
	local TIMEFORMAT='%U %S' t
	t=$( { time "$lint" -q --engine=clang -j 1 "$1" -- -I"$top/reference/include" \
		> /dev/null 2>&1 || true; } 2>&1)
	awk '{ printf "%.2f", $1 + $2 }' <<< "$t"
}

printf '%-8s %12s %10s %12s %10s\n' functions one-line growth newlines growth
prev_one='' prev_nl=''
for n in $sizes; do
	gen "$n" "$tmp/one.c" ' '
	gen "$n" "$tmp/nl.c" $'\n'
	one=$(cpu "$tmp/one.c")
	nl=$(cpu "$tmp/nl.c")
	g1=-; g2=-
	[[ -n $prev_one ]] && g1=$(awk -v a="$one" -v b="$prev_one" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	[[ -n $prev_nl ]] && g2=$(awk -v a="$nl" -v b="$prev_nl" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	printf '%-8s %11ss %10s %11ss %10s\n' "$n" "$one" "$g1" "$nl" "$g2"
	prev_one=$one prev_nl=$nl
done
