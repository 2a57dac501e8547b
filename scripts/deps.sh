#!/usr/bin/env bash
# deps.sh - install what iommu-lint needs on Debian bookworm (run as root),
# and fetch the tree-sitter-c grammar from npm into build/ts-grammar/.
# Idempotent: does nothing when everything is present.
#   SKIP_APT=1   never call apt-get (fail if a package is missing)
set -euo pipefail

PKGS=(build-essential pkg-config libclang-dev clang libclang-rt-14-dev libtree-sitter-dev
      libcriterion-dev libjson-c-dev sparse coccinelle git python3 npm libicu72)
TS_C_VERSION=0.23.6
SARIF_MULTITOOL_VERSION=5.7.0
TS_C_SHA512=0dxXKznVyUA0s6PjNolJNs2yF87O5aL538A/eR6njA5oqX3C3vH4vnx3QdOKwuUdpKEcFdHuiDpRKLLCA/tjvQ==

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

# tree-sitter-c grammar: parser ABI must be 13..14 for Debian's libtree-sitter 0.20.7.
gdir=$top/build/ts-grammar
if [[ ! -f $gdir/src/parser.c ]]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && npm pack --silent "tree-sitter-c@$TS_C_VERSION" >/dev/null)
    tgz=$tmp/tree-sitter-c-$TS_C_VERSION.tgz
    [[ -f $tgz ]] || { echo "deps.sh: npm pack tree-sitter-c@$TS_C_VERSION produced nothing" >&2; exit 2; }
    got=$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)
    if [[ $got != "$TS_C_SHA512" ]]; then
        echo "deps.sh: tree-sitter-c@$TS_C_VERSION integrity mismatch (sha512-$got)" >&2
        exit 2
    fi
    mkdir -p "$gdir.tmp"
    tar -xzf "$tgz" -C "$gdir.tmp" --strip-components=1
    rm -rf "$gdir"; mv "$gdir.tmp" "$gdir"
fi

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
