# iommu-lint - static checker for Linux IOMMU drivers.
#   make            build ./iommu-lint
#   make run        install dependencies (as root), build, scan the bundled default
#   make check      all tests (SAN=1: with ASan+UBSan)
#   make fuzz       libFuzzer harnesses in build-fuzz/; make fuzz-smoke runs each FUZZ_TIME=60 s
#   make kernel-check KVER=6.12 KARCH=x86_64   real-kernel scan vs triaged snapshot (KARCH: x86_64, arm64, arm)
#   make bench      iommu-lint -p vs clang -fsyntax-only on one kernel DB
#   make kbuild-check KVER=6.12 KARCH=x86_64   make C=2 CHECK=iommu-lint vs -p mode
#   make sweep KVER=6.12   fast mode over every .c of the Debian linux-source tree
#   make sweep-batch-check KVER=6.12   a sub-tree swept in batches and in one run
#   make bench KVER=.. KARCH=..; make bench-all   side by side with clang, sparse, spatch
#   make fix-check  the fix oracles on the fixtures and the reference mutants (docs/fixes.md)
#   make fix-check-kernel KVER=6.12 KARCH=x86_64; make fix-check-all; make fix-check-tree KVER=6.12
#   make fix-coverage-doc   regenerate the fix coverage table of docs/fixes.md
#   make dist       iommu-lint-VERSION.tar.gz (VERSION: scripts/version-gen.sh)
#   make pre-commit-docs-check   docs/pre-commit.md's walkthrough and figures, re-run

CC ?= cc
V ?= 0
SAN ?= 0
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
KVER ?= 6.12
KARCH ?= x86_64
KERNEL_WORKDIR ?= /var/tmp/iommu-lint-kernel
PREFIX ?= /usr/local
DESTDIR ?=
# where the rule docs are published: SARIF helpUri is $(DOC_URL)/rules/<id>.md
DOC_URL ?= file://$(PREFIX)/share/doc/iommu-lint
PKG_CONFIG ?= pkg-config
LLVM_CONFIG ?= $(firstword $(wildcard /usr/bin/llvm-config /usr/bin/llvm-config-1[4-9]))

ifneq ($(LLVM_CONFIG),)
CLANG_INCDIR ?= $(shell $(LLVM_CONFIG) --includedir)
CLANG_LIBDIR ?= $(shell $(LLVM_CONFIG) --libdir)
else
CLANG_PREFIX ?= $(lastword $(sort $(wildcard /usr/lib/llvm-*)))
CLANG_INCDIR ?= $(CLANG_PREFIX)/include
CLANG_LIBDIR ?= $(CLANG_PREFIX)/lib
endif

JSONC_CFLAGS := $(shell $(PKG_CONFIG) --cflags json-c 2>/dev/null)
JSONC_LIBS := $(shell $(PKG_CONFIG) --libs json-c 2>/dev/null || echo -ljson-c)
# tree-sitter runtime (npm tree-sitter's vendor/tree-sitter/lib) and the
# tree-sitter-c generated parser, both fetched pinned by scripts/deps.sh and
# built with the project: their own flags, no warnings, no sanitizers
TS_RUNTIME ?= build/ts-runtime
TS_GRAMMAR ?= build/ts-grammar
TS_GRAMMAR_CFLAGS ?= -O2 -w
TS_RUNTIME_CFLAGS ?= -O2 -w -std=gnu11
TS_API_H := $(TS_RUNTIME)/lib/include/tree_sitter/api.h
TS_CFLAGS := -I$(TS_RUNTIME)/lib/include
TS_LIBS :=
CRITERION_LIBS := $(shell $(PKG_CONFIG) --libs criterion 2>/dev/null || echo -lcriterion)

CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wmissing-prototypes -MMD -MP
LDFLAGS ?=
ifeq ($(SAN),1)
CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
# FUZZ=1: the libFuzzer build of tests/fuzz/ (make fuzz), clang with coverage
# and ASan+UBSan on every object, in build-fuzz/.
FUZZ ?= 0
FUZZ_CC ?= clang
ifeq ($(FUZZ),1)
CC := $(FUZZ_CC)
CFLAGS += -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
BUILD := build$(if $(filter 1,$(SAN)),-san)$(if $(filter 1,$(FUZZ)),-fuzz)
# The sanitised checker lives in build-san/ so a plain build never reuses it.
LINT := $(if $(filter 1,$(SAN)),$(BUILD)/iommu-lint,iommu-lint)

CHECKER_CFLAGS := -I$(CLANG_INCDIR) $(JSONC_CFLAGS) $(TS_CFLAGS)
CHECKER_LIBS := -L$(CLANG_LIBDIR) -Wl,-rpath,$(CLANG_LIBDIR) -lclang $(TS_LIBS) $(JSONC_LIBS) -lpthread

ifeq ($(V),1)
Q :=
qecho := @true
else
Q := @
qecho := @echo
endif

CHECKER_OBJS :=
CHECKER_OBJS += checker/arena.o
CHECKER_OBJS += checker/argv.o
CHECKER_OBJS += checker/baseline.o
CHECKER_OBJS += checker/cfg.o
CHECKER_OBJS += checker/compdb.o
CHECKER_OBJS += checker/confirm.o
CHECKER_OBJS += checker/demand.o
CHECKER_OBJS += checker/ppeval.o
CHECKER_OBJS += checker/shard.o
CHECKER_OBJS += checker/conformance.o
CHECKER_OBJS += checker/config.o
CHECKER_OBJS += checker/cond.o
CHECKER_OBJS += checker/dump.o
CHECKER_OBJS += checker/edit.o
CHECKER_OBJS += checker/engine.o
CHECKER_OBJS += checker/explain.o
CHECKER_OBJS += checker/facts.o
CHECKER_OBJS += checker/facts-io.o
CHECKER_OBJS += checker/fix.o
CHECKER_OBJS += checker/fixgen.o
CHECKER_OBJS += checker/fixgen-unwind.o
CHECKER_OBJS += checker/fixgen-xlate.o
CHECKER_OBJS += checker/flow.o
CHECKER_OBJS += checker/frontend-clang/clang.o
CHECKER_OBJS += checker/frontend-clang/guard.o
CHECKER_OBJS += checker/includes.o
CHECKER_OBJS += checker/frontend-ts/ts.o
CHECKER_OBJS += checker/frontend-ts/ts-alloc.o
CHECKER_OBJS += checker/gitdiff.o
CHECKER_OBJS += checker/kbuild.o
CHECKER_OBJS += checker/kconfig.o
CHECKER_OBJS += checker/leak-report.o
CHECKER_OBJS += checker/merge.o
CHECKER_OBJS += checker/options.o
CHECKER_OBJS += checker/output.o
CHECKER_OBJS += checker/progress.o
CHECKER_OBJS += checker/pairs.o
CHECKER_OBJS += checker/paths.o
CHECKER_OBJS += checker/query.o
CHECKER_OBJS += checker/registry.o
CHECKER_OBJS += checker/report-codequality.o
CHECKER_OBJS += checker/report-json.o
CHECKER_OBJS += checker/report-sarif.o
CHECKER_OBJS += checker/report-html.o
CHECKER_OBJS += checker/report-text.o
CHECKER_OBJS += checker/ppcond.o
CHECKER_OBJS += checker/srcscan.o
CHECKER_OBJS += checker/summary.o
CHECKER_OBJS += checker/suppress.o
CHECKER_OBJS += checker/table.o
CHECKER_OBJS += checker/util.o
CHECKER_OBJS += checker/workflow.o

RULE_IDS := $(shell sed -n 's/^RULE[^"]*"\([a-z0-9-]*\)".*/\1/p' rules/rules.def)
RULE_OBJS := $(patsubst %,rules/%.o,$(RULE_IDS))

TABLES := $(sort $(wildcard rules/data/*.tbl))
RULE_DOCS := $(sort $(wildcard docs/rules/*.md))
LIB_OBJS := $(addprefix $(BUILD)/,$(CHECKER_OBJS) $(RULE_OBJS)) $(BUILD)/tables.o
LIB_OBJS += $(BUILD)/explain-docs.o
LIB_OBJS += $(BUILD)/ts/parser.o $(BUILD)/ts/runtime.o
LIB_OBJS += $(BUILD)/version.o
MAIN_OBJ := $(BUILD)/checker/main.o

# Criterion test programs; reference/reference.mk adds its own.
TEST_PROGS :=
TEST_PROGS += $(BUILD)/tests/test-unit
TEST_PROGS += $(BUILD)/tests/test-cfg
TEST_PROGS += $(BUILD)/tests/test-flow
TEST_PROGS += $(BUILD)/tests/test-ts
TEST_PROGS += $(BUILD)/tests/test-cli
TEST_PROGS += $(BUILD)/tests/test-html
TEST_PROGS += $(BUILD)/tests/test-conformance
TEST_PROGS += $(BUILD)/tests/test-corpus
TEST_PROGS += $(BUILD)/tests/test-facts
TEST_PROGS += $(BUILD)/tests/test-facts-io
TEST_PROGS += $(BUILD)/tests/test-workflow
TEST_PROGS += $(BUILD)/tests/test-kbuild
TEST_PROGS += $(BUILD)/tests/test-fix
TEST_PROGS += $(BUILD)/tests/test-fixes-b
TEST_PROGS += $(BUILD)/tests/test-fixgen
TEST_PROGS += $(BUILD)/tests/test-program
TEST_PROGS += $(BUILD)/tests/test-fixcheck
TEST_PROGS += $(BUILD)/tests/test-meta
TEST_PROGS += $(BUILD)/tests/test-reliability
TEST_PROGS += $(BUILD)/tests/test-hooks
TEST_PROGS += $(BUILD)/tests/test-config
TEST_PROGS += $(BUILD)/tests/test-parse
TEST_PROGS += $(BUILD)/tests/test-prefilter
TEST_PROGS += $(BUILD)/tests/test-levels
TEST_PROGS += $(BUILD)/tests/test-fuzz-replay

.PHONY: fuzz fuzz-build fuzz-smoke

.PHONY: fix-mutants all run check check-all check-corpus html-check lint-rules check-docs docs bench kernel-db kernel-scan \
	kernel-check kernel-check-all deps clean install sarif-validate

all: $(LINT)

-include reference/reference.mk

$(LINT): $(LIB_OBJS) $(MAIN_OBJ)
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECKER_LIBS)

$(BUILD)/checker/%.o: checker/%.c
	@mkdir -p $(dir $@)
	$(qecho) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(CHECKER_CFLAGS) -c -o $@ $<

# deps.sh refetches when its pins change (their PIN files); one run makes the
# three (a grouped target: make -j runs it once), and the touch keeps a
# deps.sh edit that changed no pin from rerunning it on every make.
TS_FETCHED := $(TS_GRAMMAR)/src/parser.c $(TS_RUNTIME)/lib/src/lib.c $(TS_API_H)
$(TS_FETCHED) &: scripts/deps.sh
	$(Q)scripts/deps.sh
	$(Q)touch -c $(TS_FETCHED)

$(BUILD)/ts/parser.o: $(TS_GRAMMAR)/src/parser.c
	@mkdir -p $(dir $@)
	$(qecho) "  CC      $<"
	$(Q)$(CC) $(TS_GRAMMAR_CFLAGS) -I$(TS_GRAMMAR)/src -c -o $@ $<

$(BUILD)/ts/runtime.o: $(TS_RUNTIME)/lib/src/lib.c $(TS_API_H)
	@mkdir -p $(dir $@)
	$(qecho) "  CC      $<"
	$(Q)$(CC) $(TS_RUNTIME_CFLAGS) -I$(TS_RUNTIME)/lib/include -I$(TS_RUNTIME)/lib/src -c -o $@ $<

# the frontend and its test include the runtime's api.h
$(BUILD)/checker/frontend-ts/ts.o $(BUILD)/checker/frontend-ts/ts-alloc.o $(BUILD)/tests/test-ts.o: $(TS_API_H)

# bench/ts-throughput.sh: the parse throughput of the project's runtime and grammar
$(BUILD)/bench/ts-throughput: bench/ts-throughput.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(CHECKER_CFLAGS) -DWITH_LINT $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(CHECKER_LIBS)

$(BUILD)/tables.c: $(TABLES) scripts/embed-tables.sh
	@mkdir -p $(dir $@)
	$(qecho) "  GEN     $@"
	$(Q)scripts/embed-tables.sh $(TABLES) > $@

# the version (scripts/version-gen.sh: a tarball's VERSION, else git describe),
# rewritten only when it changed so that a rebuild relinks only then
IOMMU_LINT_VERSION := $(shell scripts/version-gen.sh)

$(BUILD)/version.c: FORCE
	@mkdir -p $(dir $@)
	$(Q)printf '%s\n' '/* generated by the Makefile from scripts/version-gen.sh */' \
		'const char iommu_lint_version[] = "$(IOMMU_LINT_VERSION)";' > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(BUILD)/version.o: $(BUILD)/version.c
	$(qecho) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tables.o: $(BUILD)/tables.c
	$(qecho) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

# DOC_URL is baked into the binary: its stamp changes only when the URL does
$(BUILD)/doc-url.stamp: FORCE
	@mkdir -p $(dir $@)
	$(Q)echo '$(DOC_URL)' | cmp -s - $@ || echo '$(DOC_URL)' > $@

$(BUILD)/explain-docs.c: $(RULE_DOCS) scripts/gen-explain.sh $(BUILD)/doc-url.stamp
	$(qecho) "  GEN     $@"
	$(Q)scripts/gen-explain.sh '$(DOC_URL)' $(RULE_DOCS) > $@.tmp && mv $@.tmp $@

$(BUILD)/explain-docs.o: $(BUILD)/explain-docs.c
	$(qecho) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

.PHONY: FORCE
FORCE:

$(BUILD)/rules/%.o: rules/%.c
	@mkdir -p $(dir $@)
	$(qecho) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(CHECKER_CFLAGS) -c -o $@ $<

$(BUILD)/tests/test-%.o: tests/test-%.c
	@mkdir -p $(dir $@)
	$(qecho) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(CHECKER_CFLAGS) -Wno-missing-prototypes -Wno-format-truncation -c -o $@ $<

$(BUILD)/tests/test-unit: $(BUILD)/tests/test-unit.o $(LIB_OBJS)
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECKER_LIBS) $(CRITERION_LIBS)

$(BUILD)/tests/test-ts: $(BUILD)/tests/test-ts.o $(BUILD)/tests/testutil.o $(LIB_OBJS)
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECKER_LIBS) $(CRITERION_LIBS)

$(BUILD)/tests/test-fixes-b: $(BUILD)/tests/test-fixes-b.o $(BUILD)/tests/testutil.o $(LIB_OBJS)
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECKER_LIBS) $(CRITERION_LIBS)

$(BUILD)/tests/test-html: $(BUILD)/tests/test-html.o $(BUILD)/tests/testutil.o $(LIB_OBJS)
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECKER_LIBS) $(CRITERION_LIBS)

$(BUILD)/tests/test-fix: $(BUILD)/tests/test-fix.o $(BUILD)/tests/testutil.o $(LIB_OBJS)
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECKER_LIBS) $(CRITERION_LIBS)

$(BUILD)/tests/test-fixgen: $(BUILD)/tests/test-fixgen.o $(BUILD)/tests/testutil.o $(LIB_OBJS)
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECKER_LIBS) $(CRITERION_LIBS)

$(BUILD)/tests/test-prefilter: $(BUILD)/tests/test-prefilter.o $(BUILD)/tests/testutil.o $(LIB_OBJS)
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECKER_LIBS) $(CRITERION_LIBS)

$(BUILD)/tests/test-program: $(BUILD)/tests/test-program.o $(BUILD)/tests/testutil.o $(LIB_OBJS)
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECKER_LIBS) $(CRITERION_LIBS)

$(BUILD)/tests/test-facts-io: $(BUILD)/tests/test-facts-io.o $(BUILD)/tests/testutil.o $(LIB_OBJS)
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECKER_LIBS) $(CRITERION_LIBS)

# the fix oracles' own test: it builds the reference harness like fix-check
# (reference.mk compiles it, with REF_BUILD_DIR; the same CC and CFLAGS)
$(REF_BUILD)/tests/test-fixcheck.o: REF_TEST_CFLAGS += -DTEST_CC='"$(CC)"' -DTEST_CFLAGS='"$(CFLAGS)"'
$(BUILD)/tests/test-fixcheck: $(REF_BUILD)/tests/test-fixcheck.o $(BUILD)/tests/testutil.o \
		| $(REF_LIB) $(REF_MAIN_OBJ)
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CRITERION_LIBS)

$(BUILD)/tests/test-cfg $(BUILD)/tests/test-flow: $(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB_OBJS)
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECKER_LIBS) $(CRITERION_LIBS)

$(BUILD)/tests/test-cli $(BUILD)/tests/test-corpus $(BUILD)/tests/test-facts \
		$(BUILD)/tests/test-workflow $(BUILD)/tests/test-meta \
		$(BUILD)/tests/test-reliability $(BUILD)/tests/test-conformance \
		$(BUILD)/tests/test-parse: $(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/tests/testutil.o
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(JSONC_LIBS) $(CRITERION_LIBS)

$(BUILD)/tests/test-hooks $(BUILD)/tests/test-config $(BUILD)/tests/test-levels: $(BUILD)/tests/%: $(BUILD)/tests/%.o \
		$(BUILD)/tests/testutil.o
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CRITERION_LIBS)

$(BUILD)/tests/test-kbuild: $(BUILD)/tests/test-kbuild.o $(BUILD)/tests/testutil.o
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(JSONC_LIBS) $(CRITERION_LIBS)

$(BUILD)/tests/testutil.o: tests/testutil.c
	@mkdir -p $(dir $@)
	$(qecho) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

# libFuzzer harnesses, one per input parser (tests/fuzz/, docs/reliability.md);
# make fuzz-smoke runs each FUZZ_TIME seconds after replaying its regressions.
FUZZERS := baseline compdb facts gitdiff kbuild merge suppress ts
FUZZ_TIME ?= 60
FUZZ_PROGS := $(patsubst %,$(BUILD)/fuzz/fuzz-%,$(FUZZERS))

$(BUILD)/fuzz/fuzzutil.o: tests/fuzz/fuzzutil.c tests/fuzz/fuzz.h
	@mkdir -p $(dir $@)
	$(qecho) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/fuzz/fuzz-%: tests/fuzz/fuzz-%.c $(BUILD)/fuzz/fuzzutil.o $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(qecho) "  FUZZ    $@"
	$(Q)$(CC) $(CFLAGS) $(CHECKER_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< \
		$(BUILD)/fuzz/fuzzutil.o $(LIB_OBJS) $(CHECKER_LIBS)

fuzz-build: $(FUZZ_PROGS)

# the same harnesses without libFuzzer, replaying seeds and regressions in make check
FUZZ_REPLAY_OBJS := $(patsubst %,$(BUILD)/tests/fuzz-replay-%.o,$(FUZZERS))

$(BUILD)/tests/fuzz-replay-%.o: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h
	@mkdir -p $(dir $@)
	$(qecho) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(CHECKER_CFLAGS) -DLLVMFuzzerTestOneInput=fuzz_$* -c -o $@ $<

$(BUILD)/tests/test-fuzz-replay: $(BUILD)/tests/test-fuzz-replay.o $(FUZZ_REPLAY_OBJS) \
		$(BUILD)/fuzz/fuzzutil.o $(BUILD)/tests/testutil.o $(LIB_OBJS)
	$(qecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECKER_LIBS) $(CRITERION_LIBS)

fuzz: deps
	$(Q)$(MAKE) --no-print-directory FUZZ=1 fuzz-build

fuzz-smoke: fuzz
	$(Q)scripts/fuzz.sh build-fuzz $(FUZZ_TIME) $(FUZZERS)

deps:
	$(Q)scripts/deps.sh

# run and check install missing dependencies first, then re-enter make so
# that the library paths are detected on a machine that had none.
run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)scripts/scan-default.sh ./$(LINT)

check: deps
	$(Q)$(MAKE) --no-print-directory check-all

# Each test program runs from the top directory with IOMMU_LINT set; all run
# even when one fails, and the target fails if any did.
check-all: $(LINT) $(TEST_PROGS) lint-rules check-docs
	$(Q)fail=0; for t in $(TEST_PROGS); do \
		echo "== $$t"; \
		IOMMU_LINT=$(CURDIR)/$(LINT) $$t --jobs=$(JOBS) >$$t.log 2>&1 || fail=1; \
		cat $$t.log; \
	done; \
	scripts/sarif-validate.sh ./$(LINT) || fail=1; \
	scripts/pre-commit-docs-check.sh --quick ./$(LINT) || fail=1; \
	cat $(addsuffix .log,$(TEST_PROGS)) | awk -F'[:|]' '/Synthesis: Tested/ { \
		p += $$5; f += $$7 + $$9 } END { printf "tests: %d passed, %d failed\n", p, f }'; \
	if [ $$fail = 0 ]; then echo "check: all test programs passed"; else echo "check: FAILED"; fi; \
	exit $$fail

# the HTML report in headless Chromium: DOM against the JSON report, screenshot
html-check: $(LINT)
	$(Q)scripts/html-check.sh ./$(LINT) $(BUILD)/html-check

check-corpus: $(LINT) $(BUILD)/tests/test-corpus
	$(Q)IOMMU_LINT=$(CURDIR)/$(LINT) $(BUILD)/tests/test-corpus

lint-rules:
	$(Q)scripts/lint-rules.sh

docs: $(LINT)
	$(Q)scripts/gen-docs-index.sh ./$(LINT) > docs/index.md

check-docs: $(LINT)
	$(Q)scripts/gen-docs-index.sh ./$(LINT) | diff -u docs/index.md - >/dev/null || \
		{ echo "check-docs: docs/index.md is stale: run 'make docs'"; exit 1; }

kernel-db:
	$(Q)KERNEL_WORKDIR=$(KERNEL_WORKDIR) corpus/kernel/build-db.sh $(KVER) $(KARCH) >/dev/null

kernel-scan: $(LINT) kernel-db
	$(Q)./$(LINT) -j $(JOBS) -p $(KERNEL_WORKDIR)/$(KVER)-$(KARCH); rc=$$?; [ $$rc -le 1 ]

kernel-check: $(LINT) kernel-db
	$(Q)corpus/kernel/kernel-check.sh ./$(LINT) $(KERNEL_WORKDIR)/$(KVER)-$(KARCH) \
		corpus/kernel/snapshot-$(KVER)-$(KARCH).tsv

.PHONY: kbuild-check bench-all sweep sweep-batch-check engine-agreement shard-check pre-commit-docs-check

# docs/pre-commit.md: its walkthrough run as written, its kernel-check line
# against make kernel-check KVER=6.12 KARCH=x86_64 (make check: the cheap part)
pre-commit-docs-check: $(LINT)
	$(Q)$(MAKE) --no-print-directory kernel-check KVER=6.12 KARCH=x86_64 \
		>$(BUILD)/kernel-check-6.12-x86_64.log 2>&1; rc=$$?; \
		cat $(BUILD)/kernel-check-6.12-x86_64.log; [ $$rc = 0 ]
	$(Q)scripts/pre-commit-docs-check.sh ./$(LINT) $(BUILD)/kernel-check-6.12-x86_64.log

# fast mode (tree-sitter) over every .c of linux-source-$(KVER), in one process: no crash, no hang
sweep: $(LINT)
	$(Q)scripts/sweep.sh ./$(LINT) $(KVER) $(KERNEL_WORKDIR)

# a few hundred files of linux-source-$(KVER) swept in batches of 50 and in one run: same findings
sweep-batch-check: $(LINT)
	$(Q)scripts/sweep-batch-check.sh ./$(LINT) $(KVER) $(KERNEL_WORKDIR)

# findings per rule in clang mode and fast mode on the four real compile DBs
# The executable-spec oracle of the fixes for register-unwind & co (make fix-check calls it).
fix-mutants: $(LINT) reference
	REF_CFLAGS='$(filter -fsanitize=%,$(CFLAGS))' scripts/fix-mutants.sh $(BUILD)

engine-agreement: $(LINT)
	$(Q)scripts/engine-agreement.sh ./$(LINT) $(KERNEL_WORKDIR)

# each real DB scanned in 4 shards (--shard=K/4) and merged equals one run
shard-check: $(LINT)
	$(Q)scripts/shard-check.sh ./$(LINT) $(KERNEL_WORKDIR) 4

# --conformance on the real DBs that exist equals a normal run's findings;
# conformance-doc also regenerates the matrices of docs/conformance.md
.PHONY: conformance-check conformance-doc
conformance-check: $(LINT)
	$(Q)scripts/conformance.sh ./$(LINT) $(KERNEL_WORKDIR)

conformance-doc: $(LINT)
	$(Q)scripts/conformance.sh ./$(LINT) $(KERNEL_WORKDIR) docs/conformance.md

# the tree kernel-db built: make C=2 CHECK=iommu-lint drivers/iommu/ vs -p mode
kbuild-check: $(LINT) kernel-db
	$(Q)corpus/kernel/kbuild-check.sh ./$(LINT) $(KERNEL_WORKDIR)/$(KVER)-$(KARCH) $(KARCH)

# The five real corpora: 6.12 and 6.1 on x86_64 and arm64, and 6.12 on 32-bit
# arm (the only arch that builds msm_iommu.c and mtk_iommu_v1.c); about 2-3
# minutes each to build on 2 cores.
KERNEL_DBS = 6.12-x86_64 6.12-arm64 6.12-arm 6.1-x86_64 6.1-arm64
kernel-check-all:
	$(Q)for d in $(KERNEL_DBS); do \
		$(MAKE) --no-print-directory kernel-check KVER=$${d%%-*} KARCH=$${d#*-} || exit 1; \
	done

bench: $(LINT) kernel-db
	$(Q)bench/bench.sh ./$(LINT) $(KERNEL_WORKDIR)/$(KVER)-$(KARCH) $(KARCH) $(JOBS)

bench-all: $(LINT)
	$(Q)for d in $(KERNEL_DBS); do \
		$(MAKE) --no-print-directory bench KVER=$${d%%-*} KARCH=$${d#*-} || exit 1; \
	done

.PHONY: fix-check fix-check-kernel fix-check-all fix-check-tree fix-coverage-doc
FIX_CHECK_ENV = FIX_CHECK_CC='$(CC)' FIX_CHECK_CFLAGS='$(CFLAGS)' FIX_CHECK_REF_BUILD=$(REF_BUILD)
FIX_DBS = $(addprefix $(KERNEL_WORKDIR)/,$(KERNEL_DBS))

# The fix oracles (scripts/fix-check.sh, docs/fixes.md "Oracles"): every fix
# offered on the bad fixtures and the reference mutants compiles, re-scans
# clean, is idempotent and makes the reference harness pass again.
fix-check: $(LINT) $(REF_LIB) $(REF_MAIN_OBJ)
	$(Q)$(FIX_CHECK_ENV) scripts/fix-check.sh local --strict ./$(LINT)

# The same on a real compile DB (kernel-db): overlay copies of the fixed TUs
# compiled with their DB flags and re-scanned with -p; coverage per rule.
fix-check-kernel: $(LINT) kernel-db
	$(Q)scripts/fix-check.sh kernel ./$(LINT) $(KERNEL_WORKDIR)/$(KVER)-$(KARCH)

fix-check-all: $(LINT)
	$(Q)for d in $(KERNEL_DBS); do \
		$(MAKE) --no-print-directory kernel-db KVER=$${d%%-*} KARCH=$${d#*-} || exit 1; \
	done
	$(Q)scripts/fix-check.sh kernel ./$(LINT) $(FIX_DBS)

# the coverage table of docs/fixes.md, over the DBs that exist (make kernel-db)
fix-coverage-doc: $(LINT) $(REF_LIB) $(REF_MAIN_OBJ)
	$(Q)$(FIX_CHECK_ENV) scripts/fix-check.sh coverage-md --doc docs/fixes.md ./$(LINT) \
		$(foreach d,$(FIX_DBS),$(if $(wildcard $(d)/compile_commands.json),$(d)))

# fast mode over linux-source-$(KVER) (make sweep extracts it): every fix
# applies with git apply --check and a fast re-scan is clean for it
fix-check-tree: $(LINT)
	$(Q)scripts/fix-check.sh tree ./$(LINT) $(KERNEL_WORKDIR)/$(KVER)-src/linux-source-$(KVER)

# make install PREFIX=/usr DESTDIR=/tmp/pkg: the binary, iommu-lint(1), the
# docs (docs/*.md, docs/rules/*.md), the git hook and bash completion.
# INSTALL_BIN names a binary built already (the tests: no rebuild).
INSTALL_BIN ?= $(LINT)
BINDIR := $(DESTDIR)$(PREFIX)/bin
MANDIR := $(DESTDIR)$(PREFIX)/share/man/man1
DOCDIR := $(DESTDIR)$(PREFIX)/share/doc/iommu-lint
DATADIR := $(DESTDIR)$(PREFIX)/share/iommu-lint
COMPLETIONDIR := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
TOP_DOCS := $(sort $(wildcard docs/*.md))

.PHONY: uninstall
install: $(INSTALL_BIN)
	install -D -m 755 $(INSTALL_BIN) $(BINDIR)/iommu-lint
	install -D -m 644 docs/iommu-lint.1 $(MANDIR)/iommu-lint.1
	install -d $(DOCDIR)/rules
	install -m 644 $(TOP_DOCS) $(DOCDIR)/
	install -m 644 $(RULE_DOCS) $(DOCDIR)/rules/
	install -D -m 755 scripts/git-pre-commit $(DATADIR)/git-pre-commit
	install -D -m 644 scripts/iommu-lint-completion.bash $(COMPLETIONDIR)/iommu-lint

uninstall:
	rm -f $(BINDIR)/iommu-lint $(MANDIR)/iommu-lint.1 $(COMPLETIONDIR)/iommu-lint
	rm -rf $(DOCDIR) $(DATADIR)

# make dist: iommu-lint-VERSION.tar.gz of HEAD (git archive), with a VERSION
# file so that a build of the tarball, which has no .git, knows its version
.PHONY: dist FORCE
DIST := iommu-lint-$(IOMMU_LINT_VERSION)
dist:
	$(Q)git rev-parse --verify -q HEAD >/dev/null || { echo "dist: needs a git work tree with a commit" >&2; exit 2; }
	@mkdir -p $(BUILD)/dist
	$(Q)v=$$(scripts/version-gen.sh | sed 's/-dirty$$//'); \
		echo "$$v" > $(BUILD)/dist/VERSION; \
		git archive --format=tar.gz --prefix=iommu-lint-$$v/ \
			--add-file=$(BUILD)/dist/VERSION -o iommu-lint-$$v.tar.gz HEAD && \
		echo "dist: iommu-lint-$$v.tar.gz"

FORCE:

clean:
	rm -rf build build-san build-fuzz iommu-lint iommu-lint-*.tar.gz

-include $(shell find build build-san build-fuzz -name '*.d' 2>/dev/null)
