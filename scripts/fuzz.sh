#!/usr/bin/env bash
# fuzz.sh BUILD SECONDS NAME... - for each libFuzzer harness BUILD/fuzz/fuzz-NAME
# (make fuzz): replay tests/fuzz/NAME/regressions/* (inputs that crashed it
# once), then fuzz for SECONDS from the seeds of tests/fuzz/NAME/seeds/ and of
# the directories tests/fuzz/NAME/seed-dirs lists (the rule corpus, say: no
# copies) into a working corpus BUILD/corpus/NAME (kept between runs, never
# committed).
# A crash input lands in BUILD/artifacts/NAME/.  One summary line per
# harness: executions, coverage (cov: edges, ft: features), corpus size.
# Exit 1 when any harness crashed, leaked, timed out or ran out of memory.
#   FUZZ_NICE=19  run at that nice level (a long campaign on a shared box)
#   FUZZ_CPU=1    SECONDS is CPU time (user + sys) of the harness, not wall
#                 time: a campaign on a busy machine still gets its share
set -uo pipefail
[[ $# -ge 3 ]] || { echo "usage: fuzz.sh BUILD SECONDS NAME..." >&2; exit 2; }
build=$1 secs=$2
shift 2
top=$(cd "$(dirname "$0")/.." && pwd)
nice=${FUZZ_NICE:-0}
fail=0

run_one() {
	local name=$1 bin=$build/fuzz/fuzz-$1 corpus=$build/corpus/$1 art=$build/artifacts/$1/
	local log=$build/fuzz-$1.log regs=() seeds=() rc d
	[[ -x $bin ]] || { echo "fuzz: $bin missing (make fuzz)" >&2; return 1; }
	mkdir -p "$corpus" "$art"
	if [[ -d $top/tests/fuzz/$name/regressions ]]; then
		mapfile -t regs < <(find "$top/tests/fuzz/$name/regressions" -type f | sort)
	fi
	[[ -d $top/tests/fuzz/$name/seeds ]] && seeds+=("$top/tests/fuzz/$name/seeds")
	if [[ -f $top/tests/fuzz/$name/seed-dirs ]]; then
		while read -r d; do
			[[ -z $d || $d == \#* ]] || seeds+=("$top/$d")
		done < "$top/tests/fuzz/$name/seed-dirs"
	fi
	if [[ ${#regs[@]} -gt 0 ]] && ! "$bin" -runs=1 "${regs[@]}" > "$log.regress" 2>&1; then
		echo "fuzz-$name: a regression input fails again (see $log.regress)"
		return 1
	fi
	local t0=$SECONDS cpu=0
	if [[ -n ${FUZZ_CPU:-} ]]; then
		# No wall limit; SIGINT (libFuzzer prints its final stats, exit 72)
		# once the harness has had SECONDS of CPU.
		nice -n "$nice" "$bin" -timeout=25 -rss_limit_mb=4096 \
			-print_final_stats=1 -artifact_prefix="$art" \
			"$corpus" "${seeds[@]}" > "$log" 2>&1 &
		local pid=$! tck
		tck=$(getconf CLK_TCK)
		while kill -0 "$pid" 2>/dev/null; do
			sleep 5
			local st
			st=$(cat "/proc/$pid/stat" 2>/dev/null) || break
			st=${st##*) }
			read -r -a f <<< "$st"
			cpu=$(( (f[11] + f[12]) / tck ))
			(( cpu >= secs )) && { kill -INT "$pid"; break; }
		done
		wait "$pid"
		rc=$?
		[[ $rc == 72 ]] && rc=0
	else
		nice -n "$nice" "$bin" -max_total_time="$secs" -timeout=25 -rss_limit_mb=4096 \
			-print_final_stats=1 -artifact_prefix="$art" \
			"$corpus" "${seeds[@]}" > "$log" 2>&1
		rc=$?
	fi
	awk -v name="$name" -v rc="$rc" -v regs="${#regs[@]}" -v wall=$((SECONDS - t0)) -v cpu="$cpu" '
		/^#[0-9]+/ { for (i = 1; i <= NF; i++) {
			if ($i == "cov:") cov = $(i + 1); if ($i == "ft:") ft = $(i + 1);
			if ($i == "corp:") corp = $(i + 1) } }
		/stat::number_of_executed_units:/ { execs = $2 }
		/stat::average_exec_per_sec:/ { eps = $2 }
		/stat::peak_rss_mb:/ { rss = $2 }
		END { printf "fuzz-%-9s %s: %s execs (%s/s), cov: %s ft: %s, corpus %s, peak %s MB, %d regressions replayed, %d s wall%s\n",
			name, rc == 0 ? "ok" : "FAILED", execs, eps, cov, ft, corp, rss, regs, wall,
			(cpu > 0 ? sprintf(", %d s CPU", cpu) : "") }' "$log"
	[[ $rc == 0 ]] || { grep -m3 -E "ERROR|SUMMARY|Test unit written" "$log"; return 1; }
}

for name in "$@"; do
	run_one "$name" || fail=1
done
exit $fail
