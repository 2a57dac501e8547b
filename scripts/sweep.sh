#!/usr/bin/env bash
# sweep.sh - fast mode (tree-sitter) over every .c file of a Debian Linux
# source tree: no compile DB, no configuration.  Proves the frontend never
# crashes or hangs on real code and reports what it finds.
#
#   scripts/sweep.sh LINT KVER [WORKDIR]
#
# The tree is the Debian linux-source-KVER tarball, extracted once into
# WORKDIR/KVER-src (WORKDIR default /var/tmp/iommu-lint-kernel; the .deb is
# looked for in WORKDIR/debs/, or installed with apt-get as root).
#   SWEEP_JOBS=N       parser threads per batch (default: cores)
#   SWEEP_BATCH=N      files per iommu-lint process; 0 or unset: the whole tree
#                      in one process (the whole-program pass is linear, and a
#                      finding does not depend on the batching)
#   SWEEP_FILE_LIMIT=S per-file limit in seconds when a batch is re-run file by
#                      file after a crash or a hang (default 20); the parser
#                      itself stops a file after 10 s and reports it.  A batch
#                      of N files may take 10 S + N/10 seconds.
#   SWEEP_OUT=DIR      where findings and the log go (default WORKDIR/sweep-KVER)
#   SWEEP_DIRS="D ..." only the .c files under these tree directories
#   SWEEP_GREP=0       skip the reference run of grep -lwF with the prefilter's
#                      words over the same files (printed next to the wall time)
#   SWEEP_WARM=0       skip reading every file once before the timed runs (so
#                      that neither pays for a cold page cache)
# Exit: 0 when no file crashed or hung (findings are not failures), 1 otherwise,
# 2 on a setup error.
set -uo pipefail

lint=${1:?usage: sweep.sh LINT KVER [WORKDIR]}
kver=${2:?usage: sweep.sh LINT KVER [WORKDIR]}
work=${3:-/var/tmp/iommu-lint-kernel}
jobs=${SWEEP_JOBS:-$(nproc 2>/dev/null || echo 2)}
batch=${SWEEP_BATCH:-0}
file_limit=${SWEEP_FILE_LIMIT:-20}
out=${SWEEP_OUT:-$work/sweep-$kver}
lint=$(cd "$(dirname "$lint")" && pwd)/$(basename "$lint")

die() { echo "sweep: error: $*" >&2; exit 2; }

[[ -x $lint ]] || die "$lint is not executable"
src=$work/$kver-src/linux-source-$kver
if [[ ! -d $src ]]; then
    deb_dir=$work/debs/linux-source-$kver
    tarball=$deb_dir/usr/src/linux-source-$kver.tar.xz
    if [[ ! -f $tarball ]]; then
        deb=$(ls "$work"/debs/linux-source-"$kver"_*.deb 2>/dev/null | head -1)
        if [[ -z $deb ]]; then
            [[ $(id -u) == 0 ]] || die "no linux-source-$kver .deb in $work/debs (run as root to fetch it)"
            mkdir -p "$work/debs"
            (cd "$work/debs" && apt-get download -q "linux-source-$kver") ||
                die "apt-get download linux-source-$kver failed"
            deb=$(ls "$work"/debs/linux-source-"$kver"_*.deb | head -1)
        fi
        mkdir -p "$deb_dir" && dpkg-deb -x "$deb" "$deb_dir" || die "cannot unpack $deb"
    fi
    [[ -f $tarball ]] || die "$tarball missing"
    echo "sweep: extracting $(basename "$tarball") into $work/$kver-src" >&2
    rm -rf "$work/$kver-src.tmp"
    mkdir -p "$work/$kver-src.tmp" &&
        tar -xJf "$tarball" -C "$work/$kver-src.tmp" &&
        mv "$work/$kver-src.tmp" "$work/$kver-src" || die "cannot extract $tarball"
fi

mkdir -p "$out" || die "cannot create $out"
rm -f "$out"/batch-* "$out"/findings.txt "$out"/problems.txt
read -r -a dirs <<< "${SWEEP_DIRS:-.}"
(cd "$src" && find "${dirs[@]}" -name '*.c' -type f | sed 's|^\./||' | LC_ALL=C sort -u) > "$out/files.txt" ||
    die "cannot list the .c files of ${SWEEP_DIRS:-the tree} under $src"
nfiles=$(wc -l < "$out/files.txt")
[[ $nfiles -gt 0 ]] || die "no .c files under $src"
[[ $batch =~ ^[0-9]+$ ]] || die "SWEEP_BATCH must be a number, not '$batch'"
[[ $batch == 0 ]] && batch=$nfiles
split -l "$batch" -d -a 5 "$out/files.txt" "$out/batch-"
nbatches=$(ls "$out"/batch-* | wc -l)

# CPU time (user + system) of each iommu-lint process, when time(1) is there
notime() { shift; "$@"; }
timer=(notime)
[[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f '%U %S' -o)

# Both timed runs below (the sweep, then grep) read the files from a warm
# cache: the first reader after an extraction or a build pays for the
# page cache and the dentries, which is not what either tool costs.
if [[ ${SWEEP_WARM:-1} != 0 ]]; then
    (cd "$src" && xargs -d '\n' -a "$out/files.txt" cat > /dev/null)
fi

t0=$(date +%s.%N)
tus=0 parsed=0 skipped=0 funcs=0 findings=0 failed=0 crashed=0 hung=0
rss=0 wp=0 cpu=0

# iommu-lint over a list of files (relative to $src), in one process under
# one time limit.  Appends the findings, adds the summary line to the totals
# and keeps the peak RSS (from --stats); fails unless every file was
# accounted for.
run_list() {
    local list=$1 limit=$2 rc line want t p s f n x m w c
    (cd "$src" && "${timer[@]}" "$list.time" timeout -k 5 "$limit" "$lint" --fast -j "$jobs" \
        --keep-going --stats --files-from="$list" >> "$out/findings.txt" 2> "$list.err")
    rc=$?
    grep -E '^iommu-lint: error: ' "$list.err" >> "$out/problems.txt"
    want=$(wc -l < "$list")
    line=$(grep -E '^iommu-lint: [0-9]+ TUs' "$list.err")
    read -r t p s f n x < <(sed -E 's/^iommu-lint: ([0-9]+) TUs \(([0-9]+) parsed, ([0-9]+) skipped[^)]*\), ([0-9]+) functions, ([0-9]+) findings( \([0-9]+ notes?\))?, ([0-9]+) failed.*/\1 \2 \3 \4 \5 \7/' <<< "$line")
    # 1: findings; 124: timeout; 128+N: killed by signal N
    [[ ($rc == 0 || $rc == 1) && ${t:-0} == "$want" ]] || { [[ $rc == 0 || $rc == 1 ]] && rc=125; return "$rc"; }
    tus=$((tus + t)) parsed=$((parsed + p)) skipped=$((skipped + s))
    funcs=$((funcs + f)) findings=$((findings + n)) failed=$((failed + x))
    m=$(sed -nE 's/^iommu-lint: stats: peak RSS ([0-9]+) MiB$/\1/p' "$list.err")
    [[ ${m:-0} -gt $rss ]] && rss=$m
    w=$(sed -nE 's/^iommu-lint: stats: whole-program pass .* built in ([0-9.]+) s, .* rules over the program ([0-9.]+) s$/\1 \2/p' "$list.err")
    [[ -n $w ]] && wp=$(awk -v a="$wp" -v w="$w" 'BEGIN { split(w, v, " "); printf "%.1f", a + v[1] + v[2] }')
    c=$(tail -1 "$list.time" 2>/dev/null)
    [[ $c =~ ^[0-9.]+\ [0-9.]+$ ]] && cpu=$(awk -v a="$cpu" -v c="$c" 'BEGIN { split(c, v, " "); printf "%.1f", a + v[1] + v[2] }')
    sed -nE 's/^iommu-lint: stats: (prefilter read .*)$/\1/p' "$list.err" > "$out/prefilter.txt"
    grep -E '^iommu-lint: (stats: |[0-9]+ TUs)' "$list.err" > "$out/stats.txt"
    sed -nE 's/^iommu-lint: stats: prefilter words: //p' "$list.err" | tr ' ' '\n' > "$out/words.txt"
    return 0
}

for b in "$out"/batch-[0-9][0-9][0-9][0-9][0-9]; do
    run_list "$b" $((file_limit * 10 + $(wc -l < "$b") / 10))
    rc=$?
    [[ $rc == 0 ]] && continue
    # A crash or a hang somewhere in the batch: find the file, one at a time.
    echo "sweep: batch $(basename "$b") ended with status $rc; re-running it file by file" >&2
    while IFS= read -r f; do
        printf '%s\n' "$f" > "$b.one"
        run_list "$b.one" "$file_limit"
        rc=$?
        if [[ $rc == 124 || $rc == 137 ]]; then
            echo "HANG  $f (over ${file_limit} s)" | tee -a "$out/problems.txt" >&2
            hung=$((hung + 1))
        elif [[ $rc != 0 ]]; then
            echo "CRASH $f (exit status $rc)" | tee -a "$out/problems.txt" >&2
            crashed=$((crashed + 1))
        fi
    done < "$b"
    rm -f "$b.one" "$b.one.err" "$b.one.time"
done
t1=$(date +%s.%N)
secs_raw=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
secs=$(awk -v a="$secs_raw" 'BEGIN { printf "%.1f", a }')
rm -f "$out"/batch-*

# The reference: grep -lwF with the prefilter's words over the same files.
grep_secs=-
if [[ ${SWEEP_GREP:-1} != 0 && -s $out/words.txt ]]; then
    g0=$(date +%s.%N)
    (cd "$src" && "${timer[@]}" "$out/grep.time" xargs -d '\n' -a "$out/files.txt" \
        grep -lwF -f "$out/words.txt" > "$out/grep-files.txt")
    g1=$(date +%s.%N)
    grep_raw=$(awk -v a="$g0" -v b="$g1" 'BEGIN { printf "%.3f", b - a }')
    grep_secs=$(awk -v a="$grep_raw" 'BEGIN { printf "%.1f", a }')
    grep_files=$(wc -l < "$out/grep-files.txt")
    c=$(tail -1 "$out/grep.time" 2>/dev/null)
    grep_cpu=?
    [[ $c =~ ^[0-9.]+\ [0-9.]+$ ]] && grep_cpu=$(awk -v c="$c" 'BEGIN { split(c, v, " "); printf "%.1f", v[1] + v[2] }')
fi

timeouts=$(grep -c 'per-file limit' "$out/problems.txt" 2>/dev/null)
echo "sweep: linux-source-$kver: $nfiles .c files, $parsed parsed, $skipped skipped by the prefilter, $funcs functions"
echo "sweep: $findings findings (in $out/findings.txt), $failed files failed ($timeouts over the parser's time limit), $crashed crashes, $hung hangs"
echo "sweep: $secs s wall with -j $jobs ($cpu s CPU, load average $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo ?)), $nbatches iommu-lint process(es) of up to $batch files; peak RSS $rss MiB; whole-program pass (index and rules) $wp s"
[[ -s $out/prefilter.txt ]] && echo "sweep: $([[ $nbatches -gt 1 ]] && echo 'last batch: ')$(cat "$out/prefilter.txt")"
if [[ $grep_secs != - ]]; then
    echo "sweep: grep -lwF with the $(wc -l < "$out/words.txt") prefilter words over the same files: $grep_secs s wall, $grep_cpu s CPU ($grep_files files have one); the sweep took $(awk -v a="$secs_raw" -v b="$grep_raw" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')x its wall time and $(awk -v a="$cpu" -v b="$grep_cpu" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')x its CPU time"
fi
if [[ -s $out/problems.txt ]]; then
    echo "sweep: problems (also in $out/problems.txt):"
    sed 's/^/  /' "$out/problems.txt" | head -20
fi
[[ $crashed == 0 && $hung == 0 ]]
