#!/usr/bin/env bash
# build-db.sh - make a real drivers/iommu compile_commands.json from Debian's
# linux-source-VER package, outside the repository (kernel code is never
# committed here).
#
# Usage: build-db.sh VER ARCH [WORKDIR]
#   VER      6.1 | 6.12
#   ARCH     x86_64 (gcc build) | arm64, arm (LLVM=1 build; arm is 32-bit
#            multi_v7_defconfig, the only arch that builds MSM_IOMMU and
#            MTK_IOMMU_V1)
#   WORKDIR  default $KERNEL_WORKDIR or /var/tmp/iommu-lint-kernel
# Prints the path of the compile DB directory on stdout when done.
#
# Every step leaves a stamp in TREE.stamps/ and is skipped on a re-run, so a
# second call costs nothing.  COMPILE_TEST is switched on so that drivers of
# other SoC families build on the host arch; WERROR is switched off because
# COMPILE_TEST turns it on and one warning must not hide a driver.
set -euo pipefail

usage() { echo "usage: build-db.sh 6.1|6.12 x86_64|arm64|arm [WORKDIR]" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
VER=$1 ARCH=$2
WORKDIR=${3:-${KERNEL_WORKDIR:-/var/tmp/iommu-lint-kernel}}
case $VER in 6.1|6.12) ;; *) usage;; esac
case $ARCH in x86_64|arm64|arm) ;; *) usage;; esac

JOBS=${JOBS:-$(nproc)}
mkdir -p "$WORKDIR/debs"
WORKDIR=$(cd "$WORKDIR" && pwd)
TREE=$WORKDIR/$VER-$ARCH
STAMPS=$TREE.stamps
LOGS=$TREE.logs
PKG=linux-source-$VER
mkdir -p "$STAMPS" "$LOGS"

MAKEVARS=(ARCH="$ARCH")
[[ $ARCH == arm64 || $ARCH == arm ]] && MAKEVARS+=(LLVM=1)
kmake() { make -C "$TREE" -j"$JOBS" "${MAKEVARS[@]}" "$@"; }
say() { printf '[build-db %s-%s] %s\n' "$VER" "$ARCH" "$*" >&2; }

step() {
    local name=$1; shift
    [[ -e $STAMPS/$name ]] && return 0
    say "$name"
    if ! ( set -e; "$@" ) >"$LOGS/$name.log" 2>&1; then
        say "$name failed; end of $LOGS/$name.log:"
        tail -n 25 "$LOGS/$name.log" >&2
        exit 1
    fi
    date -u +%FT%TZ >"$STAMPS/$name"
}

do_deps() {
    local pkgs=(build-essential flex bison bc libelf-dev libssl-dev python3 xz-utils cpio)
    [[ $ARCH == arm64 || $ARCH == arm ]] && pkgs+=(clang lld llvm)
    local miss=() p
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || miss+=("$p")
    done
    [[ ${#miss[@]} -eq 0 ]] && return 0
    [[ $(id -u) == 0 ]] || { echo "need root to install ${miss[*]}"; return 1; }
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${miss[@]}"
}

tarball() { echo "$WORKDIR/debs/$PKG/usr/src/$PKG.tar.xz"; }

do_fetch() {
    local deb
    [[ -f $(tarball) ]] && return 0
    cd "$WORKDIR/debs"
    ls "${PKG}"_*_all.deb >/dev/null 2>&1 || {
        apt-cache show "$PKG" >/dev/null 2>&1 || apt-get update -q
        apt-get download "$PKG"
    }
    deb=$(ls "${PKG}"_*_all.deb | head -n1)
    rm -rf "$PKG.tmp"; dpkg -x "$deb" "$PKG.tmp"
    rm -rf "$PKG"; mv "$PKG.tmp" "$PKG"
    [[ -f $(tarball) ]]
}

do_extract() {
    rm -rf "$TREE.tmp"; mkdir -p "$TREE.tmp"
    tar -xf "$(tarball)" -C "$TREE.tmp" --strip-components=1
    [[ -d $TREE.tmp/drivers/iommu ]]
    rm -rf "$TREE"; mv "$TREE.tmp" "$TREE"
}

# Kconfig silently drops a symbol whose dependencies are not met; two passes
# keep the ones whose dependencies the first pass switched on.
SYMS_COMMON="IOMMU_SUPPORT DEBUG_FS IOMMU_DEBUGFS VIRTIO VIRTIO_MENU VIRTIO_PCI VIRTIO_IOMMU
 IOMMUFD COMPILE_TEST OF IOMMU_IO_PGTABLE_LPAE IOMMU_IO_PGTABLE_ARMV7S IOMMU_IO_PGTABLE_DART
 ARM_SMMU ARM_SMMU_QCOM QCOM_IOMMU MTK_IOMMU MTK_IOMMU_V1 ROCKCHIP_IOMMU EXYNOS_IOMMU
 IPMMU_VMSA APPLE_DART SUN50I_IOMMU SPRD_IOMMU OMAP_IOMMU MSM_IOMMU HYPERV HYPERV_IOMMU"
SYMS_x86_64="ACPI PCI PCI_MSI X86_X2APIC IRQ_REMAP AMD_IOMMU AMD_IOMMU_V2 INTEL_IOMMU
 INTEL_IOMMU_SVM INTEL_IOMMU_DEBUGFS HYPERVISOR_GUEST PARAVIRT PERF_EVENTS"
SYMS_arm64="ARM_SMMU_V3 ARM_SMMU_V3_SVA TEGRA241_CMDQV ARCH_TEGRA TEGRA_MC TEGRA_IOMMU_SMMU
 TEGRA_IOMMU_GART ARCH_QCOM ARCH_MEDIATEK ARCH_ROCKCHIP ARCH_EXYNOS ARCH_RENESAS ARCH_APPLE
 ARCH_SUNXI ARCH_SPRD ACPI"
SYMS_arm="ARCH_TEGRA ARCH_TEGRA_2x_SOC TEGRA_AHB TEGRA_MC TEGRA_IOMMU_GART TEGRA_IOMMU_SMMU
 ARCH_QCOM ARCH_MSM8X60 ARCH_MSM8960 ARCH_MEDIATEK ARCH_ROCKCHIP ARCH_EXYNOS ARCH_RENESAS
 ARCH_SUNXI ARCH_OMAP2PLUS"
do_config() {
    local v=SYMS_$ARCH args=(--keep-case) s
    kmake defconfig
    for s in $SYMS_COMMON ${!v}; do args+=(--enable "$s"); done
    args+=(--disable WERROR)
    for _ in 1 2; do
        "$TREE/scripts/config" --file "$TREE/.config" "${args[@]}"
        kmake olddefconfig
    done
    grep -E '^CONFIG_[A-Z0-9_]*(IOMMU|SMMU|DART)[A-Z0-9_]*=' "$TREE/.config"
}

do_prepare() { kmake prepare; }

# -k: a driver that fails to build must not hide the others.
do_build() {
    kmake -k drivers/iommu/ || true
    [[ -n $(find "$TREE/drivers/iommu" -name '*.o' ! -name '*.mod.o' -print -quit) ]]
}

do_compdb() {
    cd "$TREE"
    python3 scripts/clang-tools/gen_compile_commands.py -d . -o compile_commands.json drivers/iommu
    python3 - compile_commands.json <<'PY'
import json, sys
db = json.load(open(sys.argv[1]))
assert db and all("/drivers/iommu/" in e["file"] for e in db), "unexpected DB content"
print(len(db), "translation units")
PY
}

step deps do_deps
step fetch do_fetch
step extract do_extract
step config do_config
step prepare do_prepare
step build do_build
step compdb do_compdb
say "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TREE/compile_commands.json") TUs in $TREE/compile_commands.json"
echo "$TREE"
