#!/usr/bin/env bash
# deps.sh - install what iommu-lint needs on Debian bookworm (run as root),
# and fetch the tree-sitter C runtime (npm tree-sitter, vendor/tree-sitter/lib)
# into build/ts-runtime/ and the tree-sitter-c grammar into build/ts-grammar/,
# both pinned and checked against the sha512 of their npm tarball.
# Idempotent: does nothing when everything is present.
#   SKIP_APT=1   never call apt-get (fail if a package is missing)
set -euo pipefail

PKGS=(build-essential pkg-config libclang-dev clang libclang-rt-14-dev
      libcriterion-dev libjson-c-dev sparse coccinelle git python3 npm libicu72
      pre-commit)
TS_VERSION=0.25.1
TS_SHA512=mrcEdkYtHfrK1A6fs3O6FxkBo0Qig5XUXqHhxUOQu0bmPo00QF4XaSx4edpazdHwxnSCjlGKGgIqWdaN4dvTLA==
TS_C_VERSION=0.24.1
TS_C_SHA512=lkYwWN3SRecpvaeqmFKkuPNR3ZbtnvHU+4XAEEkJdrp3JfSp2pBrhXOtvfsENUneye76g889Y0ddF2DM0gEDpA==
SARIF_MULTITOOL_VERSION=5.7.0

top=$(cd "$(dirname "$0")/.." && pwd)
missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing+=("$p")
done
# npm may come from another source than Debian's package (nodesource): accept any npm.
if command -v npm >/dev/null 2>&1; then
    missing=("${missing[@]/npm}")
fi
want=()
for p in "${missing[@]}"; do [[ -n $p ]] && want+=("$p"); done
if [[ ${#want[@]} -gt 0 ]]; then
    if [[ ${SKIP_APT:-0} == 1 || $(id -u) != 0 ]]; then
        echo "deps.sh: missing packages: ${want[*]} (install them as root: apt-get install ${want[*]})" >&2
        exit 2
    fi
    echo "deps.sh: installing ${want[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${want[@]}"
fi

# npm_fetch NAME VERSION SHA512 DIR [SUBDIR]: the package's tarball, checked
# against its pinned sha512, unpacked (SUBDIR of it only) into DIR, with a PIN
# file naming what is there; nothing is done when DIR's PIN already says so.
# Files get the time of extraction (tar -m), so make sees them as new.
npm_fetch() {
    local name=$1 ver=$2 sum=$3 dir=$4 sub=${5:-} pin tmp tgz got
    pin="$name@$ver sha512-$sum"
    [[ -f $dir/PIN && $(cat "$dir/PIN") == "$pin" ]] && return 0
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "$name@$ver" >/dev/null) || true
    tgz=$tmp/$name-$ver.tgz
    if [[ ! -f $tgz ]]; then
        rm -rf "$tmp"
        echo "deps.sh: npm pack $name@$ver produced nothing" >&2
        exit 2
    fi
    got=$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)
    if [[ $got != "$sum" ]]; then
        rm -rf "$tmp"
        echo "deps.sh: $name@$ver integrity mismatch (sha512-$got)" >&2
        exit 2
    fi
    rm -rf "$dir.tmp"
    mkdir -p "$dir.tmp" "$tmp/x"
    tar -xzmf "$tgz" -C "$tmp/x" --strip-components=1
    if [[ -n $sub ]]; then
        cp -a "$tmp/x/$sub/." "$dir.tmp/"
    else
        cp -a "$tmp/x/." "$dir.tmp/"
    fi
    echo "$pin" > "$dir.tmp/PIN"
    rm -rf "$dir" "$tmp"
    mv "$dir.tmp" "$dir"
}

# tree-sitter C runtime (lib/src/lib.c, lib/include/tree_sitter/api.h), built
# with the project; and the tree-sitter-c grammar (src/parser.c), whose
# parser ABI (15 for 0.24.x) the runtime must accept.
npm_fetch tree-sitter "$TS_VERSION" "$TS_SHA512" "$top/build/ts-runtime" vendor/tree-sitter
npm_fetch tree-sitter-c "$TS_C_VERSION" "$TS_C_SHA512" "$top/build/ts-grammar"

# SARIF validator (Microsoft's SARIF Multitool) for `make check`: npm runs no
# install scripts, so the executable bit its postinstall would set is set here.
sdir=$top/build/sarif
tool=$sdir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [[ ! -x $tool ]]; then
    mkdir -p "$sdir"
    (cd "$sdir" && npm install --silent --no-audit --no-fund --no-save \
        "@microsoft/sarif-multitool-linux@$SARIF_MULTITOOL_VERSION" >/dev/null)
    [[ -f $tool ]] || { echo "deps.sh: SARIF Multitool did not install" >&2; exit 2; }
    chmod 755 "$tool"
fi
exit 0
