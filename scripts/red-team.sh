#!/usr/bin/env bash
# red-team.sh - hostile inputs and situations against iommu-lint, one line
# per case (docs/reliability.md keeps the table and the outcomes).
#
#   scripts/red-team.sh [LINT]        LINT: the binary (default $IOMMU_LINT, ./iommu-lint)
#   RT_ONLY=REGEX scripts/red-team.sh only the cases whose id or text matches
#   RT_LIST=1 scripts/red-team.sh     list the cases (id, class, expect, text, command)
#
# Each case runs in a fresh directory holding bad.c (a finding), fix.c (a
# finding with a fix), ok.c (clean) and broken.c (does not parse), under
# `timeout 30` (exit 124 is a hang), with TMPDIR private to the run.  What
# must hold is one of: 0, 1, 2 (exit 2 and exactly one "iommu-lint: error:"
# line), 0|1, sig (died of the signal sent), any (0, 1 or 2: no crash, no
# hang); open:X is a known open problem (X is what should hold; reported as
# OPEN, not counted as a failure); plus the case's own check, and for every case: no temporary file
# left in TMPDIR or beside the outputs.  Output: id, class, PASS/FAIL, exit
# status, what failed or the first stderr line.  Exit 1 if any case fails.
# About a minute on an idle machine; not part of `make check`.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
L=${1:-${IOMMU_LINT:-$top/iommu-lint}}
case $L in /*) ;; *) L=$PWD/$L ;; esac
[[ -n ${RT_LIST:-} || -x $L ]] || { echo "red-team.sh: no binary at $L (make first)" >&2; exit 2; }

W=$(mktemp -d /tmp/iommu-lint-redteam.XXXXXX)
chmod 755 "$W"
trap 'chmod -R u+rwx "$W" 2>/dev/null; rm -rf "$W"' EXIT
mkdir -p "$W/tmp" "$W/shared" "$W/dev"
chmod 1777 "$W/tmp"
# private device nodes: a regression that replaces a device must not break the machine's
if [[ -z ${RT_LIST:-} ]] && ! { mknod -m 666 "$W/dev/null" c 1 3 && mknod -m 666 "$W/dev/full" c 1 7; }; then
	echo "red-team.sh: needs root (mknod)" >&2
	exit 2
fi
export DEVNULL=$W/dev/null DEVFULL=$W/dev/full
export L W TOP=$top TMPDIR=$W/tmp
export INC="-I$top/reference/include"
export GIT_CONFIG_NOSYSTEM=1 HOME=$W GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t \
	GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
BAD=$top/corpus/of-xlate-presence/bad-missing.c
FIXABLE=$top/corpus/resv-region/bad-int-type.c
OK=$top/corpus/of-xlate-presence/ok-unconditional.c

# shared, made once: a 50,000-entry compile DB over 20 files (about 21 MiB)
[[ -n ${RT_LIST:-} ]] || (
	cd "$W/shared" && mkdir -p src &&
	for i in $(seq 0 19); do sed "s/miss_/m${i}_/g" "$BAD" > src/f$i.c; done &&
	awk -v T="$W/shared" -v INC="$top/reference/include" 'BEGIN {
		pad = sprintf("%0300d", 0); print "["
		for (i = 0; i < 50000; i++) {
			f = i % 20; k = int(i / 20) % 3
			file = k == 0 ? "src/f" f ".c" : k == 1 ? "./src/f" f ".c" : T "/src/f" f ".c"
			printf "%s{\"directory\":\"%s\",\"file\":\"%s\",\"command\":\"cc -c -I%s -DPAD=%s %s\"}\n",
				i ? "," : "", T, file, INC, pad, file
		}
		print "]" }' > db50k.json &&
	python3 - "$W/shared" <<-'EOF'
	import json, os, sys
	d = os.path.join(sys.argv[1], "tiny"); os.mkdir(d); db = []
	for i in range(10000):
	    open(os.path.join(d, "t%d.c" % i), "w").write("int v%d;\n" % i)
	    db.append({"directory": d, "file": "t%d.c" % i, "arguments": ["cc", "-c", "t%d.c" % i]})
	json.dump(db, open(os.path.join(sys.argv[1], "tiny.json"), "w"))
	EOF
)
export DB50K=$W/shared/db50k.json TINY=$W/shared/tiny.json

n=0
fails=0
export RT_DIR

# rt CLASS EXPECT "what it tries" 'command' ['check']
rt() {
	local class=$1 expect=$2 what=$3 cmd=$4 check=${5:-} st why='' errs first
	n=$((n + 1))
	local id
	id=$(printf 'rt%03d' "$n")
	if [[ -n ${RT_ONLY:-} ]] && ! [[ "$id $what" =~ $RT_ONLY ]]; then
		return
	fi
	if [[ -n ${RT_LIST:-} ]]; then
		printf '%s\t%s\t%s\t%s\t%s\n' "$id" "$class" "$expect" "$what" "$cmd"
		return
	fi
	local open=
	if [[ $expect == open:* ]]; then
		open=1
		expect=${expect#open:}
	fi
	RT_DIR=$W/$id
	mkdir -p "$RT_DIR"
	chmod 777 "$RT_DIR"
	cp "$BAD" "$RT_DIR/bad.c"
	cp "$FIXABLE" "$RT_DIR/fix.c"
	cp "$OK" "$RT_DIR/ok.c"
	printf '#include <linux/no-such.h>\nstruct iommu_ops x;\n' > "$RT_DIR/broken.c"
	(cd "$RT_DIR" && timeout -k 5 30 bash -c "$cmd" > "$RT_DIR/.out" 2> "$RT_DIR/.err")
	st=$?
	errs=$(grep -c '^iommu-lint: error:' "$RT_DIR/.err")
	case $expect in
	0 | 1) [[ $st == "$expect" ]] || why="exit $st, want $expect" ;;
	2) [[ $st == 2 && $errs == 1 ]] || why="exit $st with $errs error lines, want 2 with one" ;;
	'0|1') [[ $st == 0 || $st == 1 ]] || why="exit $st, want 0 or 1" ;;
	sig) [[ $st -gt 128 && $st != 124 ]] || why="exit $st, want death by the signal" ;;
	'sig|1') [[ ($st -gt 128 && $st != 124) || $st == 1 ]] ||
		why="exit $st, want death by the signal (or 1: the run ended first)" ;;
	any) [[ $st -le 2 ]] || why="exit $st: crash or hang" ;;
	esac
	if [[ -z $why && -n $check ]] && ! (cd "$RT_DIR" && bash -c "$check" > /dev/null 2>&1); then
		why="check failed: $check"
	fi
	if ! [[ -c /dev/null && -c /dev/full && -c $DEVNULL && -c $DEVFULL ]]; then
		why="a device node was replaced"
		[[ -c /dev/null ]] || { rm -f /dev/null; mknod -m 666 /dev/null c 1 3; }
		[[ -c /dev/full ]] || { rm -f /dev/full; mknod -m 666 /dev/full c 1 7; }
		rm -f "$DEVNULL" "$DEVFULL"
		mknod -m 666 "$DEVNULL" c 1 3
		mknod -m 666 "$DEVFULL" c 1 7
	fi
	if [[ -z $why ]]; then
		local left
		left=$(ls -A "$TMPDIR"; find "$RT_DIR" -name '*.tmp??????' -o -name '*.fix??????')
		[[ -z $left ]] || why="left behind: $(echo $left)"
		rm -rf "${TMPDIR:?}"/* 2> /dev/null
	fi
	first=$(grep -m1 -v '^iommu-lint: [0-9]* TUs' "$RT_DIR/.err" | cut -c1-160)
	if [[ -n $why && -n $open ]]; then
		printf '%s\t%s\tOPEN\t%s\t%s\t%s\n' "$id" "$class" "$st" "$what" "$why"
	elif [[ -n $why ]]; then
		fails=$((fails + 1))
		printf '%s\t%s\tFAIL\t%s\t%s\t%s\n' "$id" "$class" "$st" "$what" "$why"
	else
		printf '%s\t%s\tPASS\t%s\t%s\t%s\n' "$id" "$class" "$st" "$what" "$first"
	fi
	chmod -R u+rwx "$RT_DIR" 2> /dev/null
	rm -rf "$RT_DIR"
}

nobody() { runuser -u nobody -- "$@"; }
export -f nobody

# ---- 1. outputs that destroy something ------------------------------------
rt out 1 "-o /dev/null stays a device" '$L -o $DEVNULL bad.c -- $INC'
rt out 0 "--write-baseline /dev/null" '$L --write-baseline $DEVNULL bad.c -- $INC'
rt out 1 "--export-fixes /dev/null" '$L --kernel=6.12 --export-fixes $DEVNULL fix.c -- $INC'
rt out 2 "--export-fixes naming the scanned source" 'cp fix.c keep && $L --kernel=6.12 --export-fixes fix.c fix.c -- $INC' 'cmp fix.c keep'
rt out 2 "-o naming the scanned source" '$L -o bad.c bad.c -- $INC' 'cmp bad.c $TOP/corpus/of-xlate-presence/bad-missing.c'
rt out 1 "-o on a symlink writes its target" 'echo old > t.txt && ln -s t.txt l && $L -o l bad.c -- $INC' 'test -L l && grep -q of-xlate t.txt'
rt out 1 "-o keeps an existing file's mode" 'echo old > r.txt && chmod 640 r.txt && $L -o r.txt bad.c -- $INC' 'test $(stat -c %a r.txt) = 640'
rt out 2 "-o on a directory" 'mkdir d && $L -o d bad.c -- $INC' 'test -d d'
rt out 2 "-o on a FIFO with no reader (no hang)" 'mkfifo f && $L -o f bad.c -- $INC' 'test -p f'
rt out 1 "-o on a FIFO with a reader" 'mkfifo f && { cat f > got & } && $L -o f bad.c -- $INC; s=$?; wait; exit $s' 'grep -q of-xlate got'
rt out 2 "--merge D -o D/input.sarif" 'mkdir m && $L --fast --format=sarif -o m/a.sarif bad.c; cp m/a.sarif keep && $L --merge m -o m/a.sarif' 'cmp m/a.sarif keep'
rt out 2 "-o in a missing directory" '$L -o no/such/r.txt bad.c -- $INC'
rt out 2 "-o in a read-only directory (as nobody)" 'mkdir ro && chmod 555 ro && nobody $L --fast -o ro/r.txt bad.c' 'test ! -e ro/r.txt'
rt out 2 "-o /dev/full" '$L -o $DEVFULL bad.c -- $INC'
rt out 2 "--export-fixes /dev/full" '$L --kernel=6.12 --export-fixes $DEVFULL fix.c -- $INC'
rt out 2 "--write-baseline /dev/full" '$L --write-baseline $DEVFULL bad.c -- $INC'
rt out 2 "--merge -o /dev/full" 'mkdir m && $L --fast --format=sarif -o m/a.sarif bad.c; $L --merge m -o $DEVFULL'
rt out 2 "--write-baseline naming the --baseline input" '$L --fast --write-baseline b.json bad.c 2>/dev/null; cp b.json keep && $L --fast --baseline b.json --write-baseline b.json bad.c' 'cmp b.json keep'
rt out 2 "-o naming the compile DB" 'printf "[{\"directory\":\"%s\",\"file\":\"bad.c\",\"command\":\"cc -c $INC bad.c\"}]" $PWD > compile_commands.json && cp compile_commands.json keep && $L -p . -o compile_commands.json' 'cmp compile_commands.json keep'
rt out '0|1' "two runs writing one -o at once" '$L --fast -o r.txt bad.c & $L --fast -o r.txt bad.c; wait; grep -q of-xlate r.txt'  'test $(grep -c warning: r.txt) = 1'
rt out 1 "-o path with a newline" '$L --fast -o "$(printf "a\nb.txt")" bad.c' 'test -s "$(printf "a\nb.txt")"'
rt out 1 "-o through a symlink to another directory" 'mkdir d && echo x > d/t && ln -s d/t l && $L --fast -o l bad.c' 'test -L l && grep -q of-xlate d/t && test -z "$(ls -A d | grep -v ^t$)"'
rt out 2 "--patch-dir naming a file" 'echo x > p && $L --kernel=6.12 --patch-dir p fix.c -- $INC' 'test "$(cat p)" = x'
rt out 2 "--sarif-dir naming a file" 'echo x > s && $L --fast --sarif-dir s bad.c' 'test "$(cat s)" = x'

# ---- 2. side effects of a failed run --------------------------------------
rt fail 2 "failed TU: --write-baseline untouched" 'echo keep > b.json && $L --write-baseline b.json broken.c bad.c -- $INC' 'test "$(cat b.json)" = keep'
rt fail 2 "failed TU: -o not created" '$L -o r.txt broken.c bad.c -- $INC' 'test ! -e r.txt'
rt fail 2 "failed TU: --export-fixes not written" '$L --kernel=6.12 --export-fixes x.diff broken.c fix.c -- $INC' 'test ! -e x.diff'
rt fail 2 "failed TU: --patch-dir not made" '$L --kernel=6.12 --patch-dir mails broken.c fix.c -- $INC' 'test ! -e mails'
rt fail 2 "failed TU: --fix edits nothing" 'cp fix.c keep && $L --kernel=6.12 --fix broken.c fix.c -- $INC' 'cmp fix.c keep'
rt fail 0 "failed TU with --keep-going: baseline written" '$L --keep-going --write-baseline b.json broken.c bad.c -- $INC' 'grep -q of-xlate b.json'
rt fail 2 "failed TU: --sarif-dir log records the failure" '$L --sarif-dir s broken.c -- $INC' 'grep -q "\"executionSuccessful\": *false" s/*.sarif'
rt fail 2 "missing file and -o" '$L -o r.txt no-such.c bad.c -- $INC' 'test ! -e r.txt'

# ---- 3. inputs that never end or are not files ----------------------------
rt input 2 "source: a FIFO" 'mkfifo f.c && $L --fast f.c'
rt input 2 "source: /dev/zero" '$L --fast /dev/zero'
rt input 2 "source: /dev/urandom" '$L --fast /dev/urandom'
rt input 2 "source: a directory" 'mkdir d.c && $L --fast d.c'
rt input 2 "source: a UNIX socket" 'python3 -c "import socket; socket.socket(socket.AF_UNIX).bind(\"s.c\")" && $L --fast s.c'
rt input 2 "source: unreadable (as nobody)" 'chmod 000 bad.c && nobody $L --fast bad.c'
rt input 2 "source: a symlink loop" 'ln -s a.c b.c && ln -s b.c a.c && $L --fast a.c'
rt input 2 "source: a dangling symlink" 'ln -s nowhere.c d.c && $L --fast d.c'
rt input 2 "-p: a FIFO" 'mkfifo db.json && $L -p db.json'
rt input 2 "-p: /dev/zero" '$L -p /dev/zero'
rt input 2 "-p: a directory without compile_commands.json" 'mkdir d && $L -p d'
rt input 2 "-p DIR whose compile_commands.json is a FIFO" 'mkdir d && mkfifo d/compile_commands.json && $L -p d'
rt input 2 "-p DIR whose compile_commands.json is a symlink to /dev/zero" 'mkdir d && ln -s /dev/zero d/compile_commands.json && $L -p d'
rt input 2 "-p: unreadable DB (as nobody)" 'echo "[]" > db.json && chmod 000 db.json && nobody $L -p db.json'
rt input 2 "DB entry: a FIFO" 'mkfifo f.c && printf "[{\"directory\":\"%s\",\"file\":\"f.c\",\"command\":\"cc -c f.c\"}]" $PWD > db.json && $L -p db.json'
rt input 2 "DB entry: a directory" 'mkdir d.c && printf "[{\"directory\":\"%s\",\"file\":\"d.c\",\"command\":\"cc -c d.c\"}]" $PWD > db.json && $L -p db.json'
rt input 2 "DB entry: /dev/zero" 'printf "[{\"directory\":\"/\",\"file\":\"/dev/zero\",\"command\":\"cc -c x.c\"}]" > db.json && $L -p db.json'
rt input 2 "--baseline: a FIFO" 'mkfifo b && $L --fast --baseline b bad.c'
rt input 2 "--baseline: /dev/urandom" '$L --fast --baseline /dev/urandom bad.c'
rt input 2 "--baseline: a directory" 'mkdir b && $L --fast --baseline b bad.c'
rt input 2 "--baseline: unreadable (as nobody)" 'echo "{}" > b && chmod 000 b && nobody $L --fast --baseline b bad.c'
rt input 2 "--baseline: NUL bytes" 'printf "{\"version\":1,\0}" > b && $L --fast --baseline b bad.c'
rt input 2 "--merge: a FIFO named x.sarif" 'mkdir m && mkfifo m/x.sarif && $L --merge m'
rt input 2 "--merge: x.sarif -> /dev/zero" 'mkdir m && ln -s /dev/zero m/x.sarif && $L --merge m'
rt input 2 "--merge: a directory named x.sarif" 'mkdir -p m/x.sarif && $L --merge m'
rt input 2 "--merge: not a directory" 'echo x > m && $L --merge m'
rt input 2 "--list-suppressions: a FIFO" 'mkfifo f.c && $L --list-suppressions f.c'
rt input 2 "--list-suppressions: /dev/zero" '$L --list-suppressions /dev/zero'
rt input 2 "--files-from: a FIFO" 'mkfifo l && $L --fast --files-from l'
rt input 2 "--files-from: /dev/zero" '$L --fast --files-from /dev/zero'
rt input 2 "--files-from -: stdin is /dev/zero" '$L --fast --files-from - < /dev/zero'
rt input 1 "--files-from -: stdin a pipe (normal use)" 'echo bad.c | $L --fast --files-from -'
rt input 2 "clang: an #include of a FIFO (libclang would open it and wait)" 'mkfifo ff.h && printf "#include \"ff.h\"\nstruct iommu_ops x;\n" > i.c && timeout 5 $L i.c -- $INC'
rt input 2 "clang: an #include of /dev/zero" 'printf "#include \"/dev/zero\"\nstruct iommu_ops x;\n" > i.c && timeout 5 $L i.c -- $INC'
rt input 0 "fast: an #include of /dev/zero is never opened" 'printf "#include \"/dev/zero\"\nstruct iommu_ops x;\n" > i.c && $L --fast i.c'
rt input 2 "--files-from: a line naming a directory" 'mkdir d && echo d > l && $L --fast --files-from l'

# ---- 4. limits ------------------------------------------------------------
rt limit 2 "source: 2 GiB sparse" 'truncate -s 2G big.c && $L --fast big.c' 'true'
rt limit 2 "source: 16 MiB + 1 byte" 'head -c 16777217 /dev/zero | tr "\0" " " > big.c && $L --fast big.c'
rt limit 2 "baseline: 2 GiB sparse" 'truncate -s 2G b && $L --fast --baseline b bad.c'
rt limit 2 "merge log: 2 GiB sparse" 'mkdir m && truncate -s 2G m/x.sarif && $L --merge m'
rt limit 2 "compile DB: 2 GiB sparse" 'truncate -s 2G db.json && $L -p db.json'
rt limit 2 "--files-from: 2 GiB sparse" 'truncate -s 2G l && $L --fast --files-from l'
rt limit 1 "compile DB of 50,000 entries (21 MiB) over 20 files" '$L -p $DB50K' 'test $(grep -c warning: .out) = 20'
rt limit 0 "compile DB of 10,000 distinct tiny files" '$L -p $TINY'
rt limit 1 "100,000-line file, fast mode" '{ cat bad.c; for i in $(seq 100000); do echo "int v$i;"; done; } > big.c && $L --fast big.c'
rt limit 1 "100,000-line file, clang" '{ cat bad.c; for i in $(seq 100000); do echo "int v$i;"; done; } > big.c && $L big.c -- $INC'
rt limit '0|1' "one 1 MiB line" '{ cat bad.c; head -c 1048576 /dev/zero | tr "\0" x; echo; } > big.c && $L --fast big.c'
rt limit 2 "path of 5,000 characters" '$L --fast $(printf "a%.0s" $(seq 5000)).c'
rt limit 1 "10,000 files on the command line (one file, 10,000 names)" 'for i in $(seq 10000); do echo ./././bad.c; done > l && $L --fast --files-from l' 'test $(grep -c warning: .out) = 1'

# ---- 5. exit status and messages ------------------------------------------
for mode in "--fast bad.c" "--fast --format=json bad.c" "--fast --format=sarif bad.c" \
	"--kernel=6.12 --fast --format=patch fix.c" "--list-rules" "--help" "--version" \
	"--fast --dump-facts bad.c" "--print-commands bad.c" "--list-suppressions sup.c" \
	"--merge m" "bad.c -- \$INC"; do
	rt exit 2 "stdout /dev/full: $mode" "mkdir m && \$L --fast --format=sarif -o m/a.sarif bad.c 2>/dev/null; printf 'int x; /* iommu-lint: ignore resv-region -- why */\n' > sup.c; \$L $mode > /dev/full"
done
rt exit 2 "stdout closed" '$L --fast bad.c >&-'
rt exit sig "stdout a pipe closed early (SIGPIPE, as cat does)" 'for i in $(seq 300); do cp bad.c b$i.c; done; $L --fast --format=json b*.c | head -c1 >/dev/null; exit ${PIPESTATUS[0]}'
rt exit 2 "--merge of a failed run's logs" '$L --sarif-dir s bad.c -- $INC; $L --sarif-dir s broken.c -- $INC 2>/dev/null; $L --merge s -o m.sarif' 'grep -q "\"executionSuccessful\": *false" m.sarif'
rt exit 1 "--merge of a --keep-going run's logs" '$L --keep-going --sarif-dir s broken.c bad.c -- $INC 2>/dev/null; $L --merge s'
rt exit 2 "--merge of an empty directory" 'mkdir m && $L --merge m'
rt exit 2 "--merge of JSON that is not SARIF" 'mkdir m && echo "{}" > m/x.sarif && $L --merge m'
rt exit 2 "--merge of a truncated log" 'mkdir m && $L --fast --format=sarif bad.c | head -c 300 > m/x.sarif; $L --merge m'
rt exit 2 "--merge of a log with trailing garbage" 'mkdir m && { $L --fast --format=sarif bad.c; echo garbage; } > m/x.sarif; $L --merge m'
rt exit 2 "unknown option" '$L --no-such-option bad.c'
rt exit 2 "-o without a value" '$L bad.c -o'
rt exit 2 "--jobs=0" '$L --jobs=0 --fast bad.c'
rt exit 2 "--jobs=huge" '$L --jobs=99999999999 --fast bad.c'

# ---- 6. git ---------------------------------------------------------------
GITREPO='git init -q r && cd r && git commit -q --allow-empty -m 0'
rt git 1 "--staged: a name with a space" "$GITREPO"' && cp ../bad.c "my drv.c" && git add . && $L --staged -- $INC' 'grep -q "my drv.c:15" .out'
rt git 1 "--diff HEAD: a name with a space" "$GITREPO"' && cp ../ok.c "my drv.c" && git add . && git commit -qm 1 && cp ../bad.c "my drv.c" && $L --diff HEAD -- $INC' 'grep -q "my drv.c:" .out'
rt git 1 "--staged: a name with a tab" "$GITREPO"' && cp ../bad.c "$(printf "a\tb.c")" && git add . && $L --staged -- $INC'
rt git 1 "--staged: a non-UTF-8 name" "$GITREPO"' && cp ../bad.c "$(printf "caf\351.c")" && git add . && $L --staged -- $INC'
rt git 1 "--staged: a name with a newline" "$GITREPO"' && cp ../bad.c "$(printf "a\nb.c")" && git add . && $L --staged -- $INC'
rt git 1 "--staged: a name with a double quote" "$GITREPO"' && cp ../bad.c "a\"b.c" && git add . && $L --staged -- $INC'
rt git 1 "--staged: staged, then deleted from the work tree" "$GITREPO"' && cp ../bad.c drv.c && git add drv.c && rm drv.c && $L --staged -- $INC' 'grep -q "^drv.c:15" .out && test ! -e r/drv.c'
rt git 1 "--staged, deleted, with the tree's compile DB" "$GITREPO"' && cp ../bad.c drv.c && printf "[{\"directory\":\"%s\",\"file\":\"drv.c\",\"command\":\"cc -c $INC drv.c\"}]" $PWD > compile_commands.json && git add drv.c && rm drv.c && $L --staged' 'grep -q "drv.c:15" .out'
rt git 0 "--staged, deleted, clean in the index" "$GITREPO"' && cp ../ok.c drv.c && git add drv.c && cp ../bad.c drv.c && rm drv.c && $L --staged -- $INC'
rt git 1 "--staged: a new symlink to a committed file" "$GITREPO"' && cp ../bad.c new.c && git add . && git commit -qm 1 && ln -s new.c alias.c && git add alias.c && $L --staged -- $INC' 'grep -q "alias.c:15" .out'
rt git 1 "--staged: a new file and a link to it, once" "$GITREPO"' && cp ../bad.c new.c && ln -s new.c alias.c && git add . && $L --staged -- $INC' 'test $(grep -c warning: .out) = 1 && grep -q "^new.c:15" .out'
rt git 1 "--staged from a work tree reached through a symlink" "$GITREPO"' && cd .. && ln -s r link && cd link && cp ../bad.c n.c && git add n.c && $L --staged -- $INC'
rt git 1 "--staged from a subdirectory" "$GITREPO"' && mkdir sub && cp ../bad.c sub/n.c && git add . && cd sub && $L --staged -- $INC'
rt git 2 "--staged outside a repository" '$L --staged -- $INC'
rt git 2 "--staged inside .git" "$GITREPO"' && cd .git && $L --staged -- $INC'
rt git 1 "--staged before the first commit" 'git init -q r && cd r && cp ../bad.c n.c && git add n.c && $L --staged -- $INC'
rt git 2 "--diff with an unknown revision" "$GITREPO"' && $L --diff no-such-rev -- $INC'
rt git 2 "--diff with an option for a revision" "$GITREPO"' && $L --diff --output=/tmp/owned -- $INC' 'test ! -e /tmp/owned'
rt git 1 "--staged: a staged rename" "$GITREPO"' && cp ../bad.c a.c && git add . && git commit -qm 1 && git mv a.c b.c && $L --staged -- $INC' 'grep -q "^b.c:15" .out'
rt git any "--staged: an unmerged index (conflict)" "$GITREPO"' && cp ../ok.c c.c && git add . && git commit -qm 1 && git checkout -qb x && echo "int a;" >> c.c && git commit -qam a && git checkout -q - && echo "int b;" >> c.c && git commit -qam b && { git merge -q x || true; } && $L --staged -- $INC'
rt git 1 "--staged: CRLF line endings" "$GITREPO"' && sed "s/\$/\r/" ../bad.c > n.c && git add . && $L --staged -- $INC'
rt git 2 "--staged: NUL bytes in the staged copy" "$GITREPO"' && printf "int x;\0\n" > n.c && git add . && $L --staged -- $INC'
rt git 1 "--staged: 1,000 staged files" "$GITREPO"' && for i in $(seq 1000); do cp ../ok.c f$i.c; done && cp ../bad.c f0.c && git add . && $L --fast --staged' 'test $(grep -c warning: .out) = 1'
rt git 1 "--staged: GIT_DIR set to the repository" "$GITREPO"' && cp ../bad.c n.c && git add . && cd .. && GIT_DIR=$PWD/r/.git GIT_WORK_TREE=$PWD/r $L --staged -- $INC'
rt git 2 "--staged: a file replaced by a directory in the work tree" "$GITREPO"' && cp ../bad.c n.c && git add . && rm n.c && mkdir n.c && $L --staged -- $INC'
rt git 0 "--staged: a submodule-like gitlink" "$GITREPO"' && git update-index --add --cacheinfo 160000,$(git rev-parse HEAD),sm && $L --staged -- $INC'

# ---- 7. signals, leftovers, duplicates ------------------------------------
rt leftover sig "SIGINT while loading a 21 MiB DB (temporary directory)" 'set -m; cp $DB50K db.json && { $L -p db.json & p=$!; sleep 0.3; kill -INT $p; wait $p; }'
rt leftover 'sig|1' "SIGTERM during a 50,000-entry scan (a run that ended first wrote its whole report)" '{ $L -p $DB50K -o r.txt & p=$!; sleep 0.5; kill -TERM $p; wait $p; }' '{ test ! -e r.txt || test $(grep -c warning: r.txt) = 20; }'
rt leftover sig "SIGINT through the test hook while -o is written" 'IOMMU_LINT_TEST_RAISE=2 $L --fast -o r.txt bad.c' 'test ! -e r.txt'
rt leftover sig "SIGHUP through the test hook in --fix" 'cp fix.c keep; IOMMU_LINT_TEST_RAISE=1 $L --kernel=6.12 --fix fix.c -- $INC' 'cmp fix.c keep'
rt leftover sig "SIGTERM through the test hook in --sarif-dir" 'IOMMU_LINT_TEST_RAISE=15 $L --fast --sarif-dir s bad.c' 'test -z "$(ls -A s)"'
rt leftover sig "SIGTERM through the test hook with a staged copy" "$GITREPO"' && cp ../bad.c drv.c && git add drv.c && rm drv.c && IOMMU_LINT_TEST_RAISE=15 $L --staged -- $INC'
rt leftover '0|1' "SIGINT ignored by the caller stays ignored" 'cp $DB50K db.json && { trap "" INT; $L -p db.json -q >/dev/null & p=$!; sleep 0.3; kill -INT $p; wait $p; }'
rt leftover 1 "DB: one file as relative, ./ and absolute" 'printf "[{\"directory\":\"%s\",\"file\":\"bad.c\",\"command\":\"cc -c $INC bad.c\"},{\"directory\":\"%s\",\"file\":\"./bad.c\",\"command\":\"cc -c $INC bad.c\"},{\"directory\":\"/\",\"file\":\"%s/bad.c\",\"command\":\"cc -c $INC %s/bad.c\"}]" $PWD $PWD $PWD $PWD > db.json && $L -p db.json' 'test $(grep -c warning: .out) = 1'
rt leftover 1 "DB: one file through a symlinked directory" 'ln -s . same && printf "[{\"directory\":\"%s\",\"file\":\"bad.c\",\"command\":\"cc -c $INC bad.c\"},{\"directory\":\"%s/same\",\"file\":\"bad.c\",\"command\":\"cc -c $INC bad.c\"}]" $PWD $PWD > db.json && $L -p db.json' 'test $(grep -c warning: .out) = 1'
rt leftover 1 "command line: one file under three names" '$L --fast bad.c ./bad.c $PWD/bad.c' 'test $(grep -c warning: .out) = 1'
rt leftover '0|1' "two --sarif-dir runs at once, then --merge" '$L --fast --sarif-dir s bad.c & $L --fast --sarif-dir s fix.c; wait; $L --merge s -o m.sarif' 'test $(ls s | wc -l) = 2'

# ---- odd files, both engines ----------------------------------------------
for eng in ts clang; do
	rt odd 2 "$eng: NUL bytes" "printf 'int x;\\0\\n' > n.c && \$L --engine=$eng n.c -- \$INC"
	rt odd 1 "$eng: no trailing newline" "printf '%s' \"\$(cat bad.c)\" > n.c && \$L --engine=$eng n.c -- \$INC"
	rt odd 0 "$eng: empty file" ": > n.c && \$L --engine=$eng n.c -- \$INC"
	rt odd 1 "$eng: UTF-8 byte order mark" "{ printf '\\357\\273\\277'; cat bad.c; } > n.c && \$L --engine=$eng n.c -- \$INC"
	rt odd 1 "$eng: Latin-1 bytes in a comment" "{ printf '/* caf\\351 */\\n'; cat bad.c; } > n.c && \$L --engine=$eng n.c -- \$INC"
	rt odd 1 "$eng: CRLF line endings" "sed 's/\$/\\r/' bad.c > n.c && \$L --engine=$eng n.c -- \$INC" 'grep -q "n.c:15:" .out'
	rt odd any "$eng: CR-only line endings" "tr '\\n' '\\r' < bad.c > n.c && \$L --engine=$eng n.c -- \$INC"
	rt odd 1 "$eng: a file name with a newline" "cp bad.c \"\$(printf 'a\\nb.c')\" && \$L --engine=$eng \"\$(printf 'a\\nb.c')\" -- \$INC"
	rt odd 1 "$eng: a non-UTF-8 file name, JSON output (bytes that are not UTF-8 become U+FFFD)" "cp bad.c \"\$(printf 'caf\\351.c')\" && \$L --engine=$eng --format=json \"\$(printf 'caf\\351.c')\" -- \$INC" 'python3 -c "import json,sys; json.load(open(\".out\"))"'
	rt odd "$([[ $eng == ts ]] && echo any || echo 2)" "$eng: unbalanced braces" "printf 'struct iommu_ops x = {{{{\\n' > n.c && \$L --engine=$eng n.c -- \$INC"
done

[[ -n ${RT_LIST:-} ]] && exit 0
echo "red-team: $n cases, $fails failed" >&2
[[ $fails == 0 ]]
