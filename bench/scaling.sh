#!/usr/bin/env bash
# scaling.sh [IOMMU_LINT] [SIZES] - does the checker's time grow linearly with
# the input?  For each shape below, files of N, 2N and 4N items (SIZES,
# default "5000 10000 20000") are generated and timed (best of 3, CPU time
# user+sys of the whole process: on a shared machine wall time says more
# about the load than about the checker), and the growth factor of each
# doubling is printed: about 2 is linear, about 4 quadratic.  Exit status 1 when a factor exceeds
# SCALING_MAX (default 3).  A bench, not a unit test: its figures depend on
# the machine's load.
#
# Shapes (docs/fast-mode.md "Scaling"):
#   comments-body   fast mode, one function whose body has N comment lines
#   comments-file   fast mode, N comment lines at file scope
#   ops-tables-ts   fast mode, N struct iommu_ops tables with their of_xlate
#   ops-tables-clang  the same file through libclang (-Ireference/include)
#   reparsed-stmts  fast mode, N/10 statements the grammar reads as a type
#                   (kfree(container_of(p, struct foo, dev));), parsed again
#   nested-blocks   fast mode, N/50 nested blocks (the depth limit's note)
# SCALING_SHAPES="a b" runs only those shapes.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
lint=$(realpath "${1:-$top/iommu-lint}")
read -r -a sizes <<< "${2:-5000 10000 20000}"
max=${SCALING_MAX:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

gen() {	# gen SHAPE N FILE
    python3 - "$1" "$2" "$3" <<'EOF'
import sys
shape, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
out = []
if shape == "comments-body":
    out.append("#include <linux/device.h>\nvoid f(struct device *dev)\n{")
    for i in range(n):
        out.append("\t/* comment %d: put_device() is not called here */" % i)
        if i % 10 == 0:
            out.append("\tget_device(dev);\n\tput_device(dev);")
    out.append("}")
elif shape == "comments-file":
    out.append("#include <linux/device.h>")
    for i in range(n):
        out.append("/* comment %d: put_device() is not called here */" % i)
    out.append("void f(struct device *dev)\n{\n\tget_device(dev);\n\tput_device(dev);\n}")
elif shape == "ops-tables":
    out.append("#include <linux/iommu.h>\n#include <linux/mod_devicetable.h>")
    for i in range(n):
        out.append("static int x%d_of_xlate(struct device *dev, struct of_phandle_args *args)\n"
                   "{\n\tif (args->args_count != 1)\n\t\treturn -EINVAL;\n"
                   "\treturn iommu_fwspec_add_ids(dev, args->args, 1);\n}\n"
                   "static const struct iommu_ops x%d_ops = {\n"
                   "\t.device_group\t= generic_device_group,\n"
                   "\t.of_xlate\t= x%d_of_xlate,\n};\n"
                   "const void *x%d_used = &x%d_ops;" % (i, i, i, i, i))
elif shape == "reparsed-stmts":
    out.append("#include <linux/device.h>\nvoid f(struct device *dev, void *p)\n{")
    for i in range(n):
        out.append("\tkfree(container_of(p, struct foo, dev));")
    out.append("\tput_device(dev);\n}")
elif shape == "nested-blocks":
    d = max(n // 50, 1)
    out.append("#include <linux/device.h>\nvoid f(struct device *dev, int a)\n{")
    out.append("\tif (a) {" * d)
    out.append("\tput_device(dev);")
    out.append("\t}" * d)
    out.append("}")
open(path, "w").write("\n".join(out) + "\n")
EOF
}

best_of_3() {	# best_of_3 CMD...: the least CPU time of three runs, in seconds
    local best="" t i
    for i in 1 2 3; do
        /usr/bin/time -o "$tmp/time" -f '%U %S' "$@" >/dev/null 2>&1 || true
        t=$(tail -1 "$tmp/time" | awk '{ printf "%.2f", $1 + $2 }')
        if [[ -z $best ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$t
        fi
    done
    echo "$best"
}

fail=0
printf '%-18s' shape
for n in "${sizes[@]}"; do printf '%10s' "N=$n"; done
printf '   growth per doubling\n'
for shape in ${SCALING_SHAPES:-comments-body comments-file ops-tables-ts ops-tables-clang reparsed-stmts nested-blocks}; do
    prev="" growth=""
    printf '%-18s' "$shape"
    for n in "${sizes[@]}"; do
        f=$tmp/$shape-$n.c
        case $shape in
        ops-tables-*) gen ops-tables "$((n / 5))" "$f" ;;
        reparsed-stmts) gen reparsed-stmts "$((n / 10))" "$f" ;;
        *) gen "$shape" "$n" "$f" ;;
        esac
        case $shape in
        *-clang) t=$(cd "$top" && best_of_3 "$lint" --engine=clang "$f" -- -Ireference/include) ;;
        *) t=$(best_of_3 "$lint" --fast "$f") ;;
        esac
        printf '%9ss' "$t"
        if [[ -n $prev ]]; then
            g=$(awk -v a="$t" -v b="$prev" 'BEGIN { printf "%.1f", (b < 0.05 ? 0.05 : a) / (b < 0.05 ? 0.05 : b) }')
            growth+=" x$g"
            awk -v g="$g" -v m="$max" 'BEGIN { exit !(g > m) }' && fail=1
        fi
        prev=$t
    done
    printf '  %s\n' "$growth"
done
[[ $fail == 0 ]] || echo "scaling: a growth factor above $max (quadratic or worse)"
exit $fail
