#!/usr/bin/env bash
# fix-check.sh - the fix oracles (docs/fixes.md, "Oracles"): every fix the
# checker offers is applied and proved right, whatever rules have fixes.
#
#   scripts/fix-check.sh local LINT         fixtures + mutants (make fix-check)
#   scripts/fix-check.sh fixtures LINT      corpus/*/bad-*.c: --fix a copy, clang -fsyntax-only
#                                           (no new warning), re-scan in both engines (no
#                                           fixed finding, no new one), --fix again changes nothing
#   scripts/fix-check.sh mutants LINT       reference/mutants: --fix the mutated refmmu.c, rebuild
#                                           the harness (its contracts pass again), re-scan clean;
#                                           a mutant without a fix is listed with no_fix_reason
#   scripts/fix-check.sh kernel LINT DB...  each compile DB dir: fixes applied to overlay copies,
#                                           clang -fsyntax-only with the TU's DB flags (no new
#                                           warning), -p re-scan with the overlays; coverage per rule
#   scripts/fix-check.sh tree LINT SRC      fast mode over a source tree: --export-fixes, git apply
#                                           --check per file in a scratch repo, fast re-scan
#   scripts/fix-check.sh coverage-md LINT [DB...] [--doc FILE]
#                                           per rule: fixes / findings on the fixtures, the
#                                           mutants and each DB, as markdown (--doc: replace
#                                           FILE's coverage block; make fix-coverage-doc)
# Options: --strict (a mutant with neither fix nor reason fails), --keep (keep
# the scratch directory), --lint-arg=ARG (repeatable; default --kernel=6.12 for
# the fixtures and mutants, none for kernel trees).
# Environment: FIX_CHECK_CC, FIX_CHECK_CFLAGS, FIX_CHECK_REF_BUILD (the reference
# build, for the harness), FIX_CHECK_MUTANTS (another mutants directory),
# FIX_CHECK_TREE_DIRS (tree mode: only these directories), FIX_CHECK_FIXTURES
# (only these corpus/<rule>/bad-*.c paths).
# Never writes outside its scratch directory.  Exit 0 pass, 1 a fix failed, 2 setup error.
set -euo pipefail
exec python3 "$(dirname "$0")/fix-check.py" "$@"
