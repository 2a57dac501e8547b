#!/bin/sh
# fix-mutants.sh - the executable-spec oracle of the fixes (issue 12) for
# the rules given (default: register-unwind, embedded-device-release,
# of-xlate-presence, resv-region): for every mutant of
# reference/mutants/mutants.tbl whose rule is one of them, apply the
# checker's own fix (--fix) to a copy of the mutated refmmu.c, then check
# that the copy compiles, that the checker reports nothing in it, and that
# the reference harness built from it reports no runtime contract.  A
# mutant whose fix is intentionally absent is listed with the checker's
# reason (no_fix_reason) and must be in the EXPECT_NOFIX list below.
# Both engines (clang, --fast) must produce the same fixed file.
#
# Usage: scripts/fix-mutants.sh [BUILD_DIR [RULE...]]  (from the top of
# the tree, after `make reference`).  Exit 0 when every mutant is fixed
# back or listed, 1 otherwise.
set -u
BUILD=${1:-build}
[ $# -gt 0 ] && shift
RULES=${*:-register-unwind embedded-device-release of-xlate-presence resv-region device-lookup-put group-get-put device-group-ref unchecked-return}
LINT=${IOMMU_LINT:-./iommu-lint}
CC=${CC:-cc}
# Flags the harness objects were built with that the link needs (SAN=1: the sanitizers).
REF_CFLAGS=${REF_CFLAGS:-}
REF=$BUILD/reference
# Mutants whose fix is absent on purpose (the reason is printed from the checker).
EXPECT_NOFIX="embedded-device-kfree of-xlate-ifdef of-xlate-missing resv-or-types group-cached-noref"
reason() {
	case $1 in
	embedded-device-kfree) echo "release callback kfree(dev): the container's type and member are not rebuilt into a container_of() by this rule yet" ;;
	of-xlate-ifdef) echo "an .of_xlate under #ifdef CONFIG_OF_IOMMU: whether to drop the #ifdef is a config decision, not mechanical" ;;
	of-xlate-missing) echo "no .of_xlate at all: writing the callback needs the driver's cell layout" ;;
	resv-or-types) echo "OR-ed types: which single enumerator was meant is not decidable" ;;
	esac
}

for f in "$LINT" "$REF/harness/mutant-main.o" "$REF/libreference.a"; do
	[ -e "$f" ] || { echo "iommu-lint: error: $f missing: run make reference" >&2; exit 2; }
done
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
while IFS='	' read -r name contract rule; do
	case $name in '#'*|'') continue ;; esac
	case " $RULES " in *" $rule "*) ;; *) continue ;; esac
	d=$tmp/$name
	mkdir -p "$d"
	patch -s --no-backup-if-mismatch -r - -o "$d/refmmu.c" reference/drivers/refmmu.c \
		< "reference/mutants/$name.patch" || { echo "FAIL $name: patch"; fail=1; continue; }
	cp "$d/refmmu.c" "$d/fast.c"
	"$LINT" -q --fix "$d/refmmu.c" -- -I reference/include >/dev/null 2>"$d/fix.err"
	"$LINT" -q --fast --fix "$d/fast.c" -- -I reference/include >/dev/null 2>&1
	cmp -s "$d/refmmu.c" "$d/fast.c" || { echo "FAIL $name: the engines fix differently"; fail=1; }
	if "$LINT" -q "$d/refmmu.c" -- -I reference/include >"$d/rescan" 2>&1; then
		if ! $CC $REF_CFLAGS -I reference/include -Wno-unused-function -Wno-unused-label -c \
			-o "$d/refmmu.o" "$d/refmmu.c" 2>"$d/cc.err"; then
			echo "FAIL $name: the fixed source does not compile"; cat "$d/cc.err"; fail=1; continue
		fi
		$CC $REF_CFLAGS -o "$d/run" "$d/refmmu.o" "$REF/harness/mutant-main.o" "$REF/libreference.a" \
			|| { echo "FAIL $name: link"; fail=1; continue; }
		"$d/run" >"$d/out" 2>/dev/null
		if grep -q "^contract	" "$d/out" || ! grep -q "^summary	" "$d/out"; then
			echo "FAIL $name: fixed, but the harness still reports:"
			grep "^contract	" "$d/out" | cut -f1-3 | sort -u
			fail=1
		else
			echo "fixed   $name ($rule): re-scan clean, compiles, harness clean ($contract gone)"
		fi
		continue
	fi
	why=$("$LINT" --format=json "$d/refmmu.c" -- -I reference/include 2>/dev/null |
		sed -n 's/.*"no_fix_reason": *"\([^"]*\)".*/\1/p' | head -1)
	case " $EXPECT_NOFIX " in
	*" $name "*) echo "no-fix  $name ($rule): ${why:-$(reason "$name")}" ;;
	*) echo "FAIL $name ($rule): findings remain after --fix:"; cat "$d/rescan"; fail=1 ;;
	esac
done < reference/mutants/mutants.tbl
exit $fail
