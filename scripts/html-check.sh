#!/usr/bin/env bash
# html-check.sh IOMMU_LINT [OUTDIR] - make html-check: installs Debian's
# chromium and chromium-driver when missing (as root; else says what to
# install), then checks the HTML report in the headless browser
# (scripts/html-check.py) and leaves its screenshot in OUTDIR/report.png.
#   HTML_CHECK_DB=DIR   also scan that compile DB (-p DIR) and check its page
set -euo pipefail
lint=${1:-./iommu-lint}
out=${2:-build/html-check}
cd "$(dirname "$0")/.."

PKGS=(chromium chromium-driver python3)
want=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || want+=("$p")
done
if [[ ${#want[@]} -gt 0 ]]; then
    if [[ ${SKIP_APT:-0} == 1 || $(id -u) != 0 ]]; then
        echo "html-check: missing packages: ${want[*]} (install them as root: apt-get install ${want[*]})" >&2
        exit 2
    fi
    echo "html-check: installing ${want[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${want[@]}"
fi
exec python3 scripts/html-check.py "$lint" "$out" ${HTML_CHECK_DB:+--db "$HTML_CHECK_DB"}
