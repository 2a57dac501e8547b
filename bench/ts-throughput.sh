#!/usr/bin/env bash
# ts-throughput.sh [TREE] - parse throughput of the project's tree-sitter
# runtime and grammar (scripts/deps.sh pins) against Debian's libtree-sitter
# 0.20.7 with tree-sitter-c 0.23.6 (what fast mode used before), on the same
# files of a kernel source TREE (default: the 6.12 tree of make sweep):
#   iommu    every .c of drivers/iommu
#   prefiltered  every .c of the tree fast mode would parse (the rules'
#            prefilter words), less the table fragments 0.20.7 crashes on
# One thread, raw text, parse only (bench/ts-throughput.c); prints a
# markdown table: files, MB, CPU seconds, wall seconds, MB/s (CPU), ERROR and
# MISSING nodes.  Needs libtree-sitter-dev for the 0.20.7 column.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tree=${1:-/var/tmp/iommu-lint-kernel/6.12-src/linux-source-6.12}
[[ -d $tree/drivers/iommu ]] || { echo "ts-throughput: no kernel tree at $tree" >&2; exit 2; }
OLD_C_VERSION=0.23.6
OLD_C_SHA512=0dxXKznVyUA0s6PjNolJNs2yF87O5aL538A/eR6njA5oqX3C3vH4vnx3QdOKwuUdpKEcFdHuiDpRKLLCA/tjvQ==

make -s -C "$top" build/bench/ts-throughput
new=$top/build/bench/ts-throughput
odir=$top/build/bench/ts-0.20.7
old=$odir/ts-throughput
if [[ ! -x $old && -f /usr/include/tree_sitter/api.h ]]; then
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "tree-sitter-c@$OLD_C_VERSION" >/dev/null)
    got=$(openssl dgst -sha512 -binary "$tmp/tree-sitter-c-$OLD_C_VERSION.tgz" | base64 -w0)
    if [[ $got != "$OLD_C_SHA512" ]]; then
        rm -rf "$tmp"
        echo "ts-throughput: tree-sitter-c@$OLD_C_VERSION integrity mismatch" >&2
        exit 2
    fi
    mkdir -p "$odir/grammar"
    tar -xzf "$tmp/tree-sitter-c-$OLD_C_VERSION.tgz" -C "$odir/grammar" --strip-components=1
    rm -rf "$tmp"
    cc -O2 -w -I"$odir/grammar/src" -c -o "$odir/parser.o" "$odir/grammar/src/parser.c"
    cc -O2 -g -std=gnu11 -o "$old" "$top/bench/ts-throughput.c" "$odir/parser.o" \
        /usr/lib/x86_64-linux-gnu/libtree-sitter.a
fi

lists=$(mktemp -d)
trap 'rm -rf "$lists"' EXIT
find "$tree/drivers/iommu" -name '*.c' | sort > "$lists/iommu"
find "$tree" -name '*.c' -type f | sort > "$lists/all"
"$new" --prefilter "$lists/all" > "$lists/pre"
# a file that starts with '{' once comments are skipped: a table fragment
python3 - "$lists/pre" > "$lists/prefiltered" <<'PY'
import re, sys
for path in open(sys.argv[1]).read().split("\n"):
    if not path:
        continue
    text = open(path, "rb").read().decode("latin-1")
    text = re.sub(r"/\*.*?\*/|//[^\n]*", " ", text, flags=re.S).lstrip()
    if not text.startswith("{"):
        print(path)
PY
echo "| set | runtime + grammar | files | MB | CPU s | wall s | MB/s (CPU) | ERROR+MISSING nodes |"
echo "|-----|-------------------|------:|---:|------:|-------:|-----------:|--------------------:|"
for set in iommu prefiltered; do
    for side in new old; do
        bin=$new label="0.25.1 + 0.24.1"
        if [[ $side == old ]]; then
            bin=$old label="0.20.7 + 0.23.6"
            [[ -x $bin ]] || { echo "| $set | $label | (no libtree-sitter-dev) | | | | | |"; continue; }
        fi
        read -r files bytes mb cpu wall rate errs < <("$bin" "$lists/$set")
        echo "| $set | $label | $files | $mb | $cpu | $wall | $rate | $errs |"
    done
done
echo "(prefiltered: $(wc -l < "$lists/pre") files fast mode parses, less $(( $(wc -l < "$lists/pre") - $(wc -l < "$lists/prefiltered") )) table fragments)"
