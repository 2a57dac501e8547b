# reference/reference.mk - build rules for the executable specification.
#
# Included by the top-level Makefile, which defines CC, CFLAGS, LDFLAGS,
# CRITERION_LIBS and BUILD (build, or build-san with SAN=1) first.
# Objects, libraries and binaries go under $(BUILD)/reference/; mutant
# sources are made by patching refmmu.c into build/mutants/ (they do not
# depend on flags), and the two Criterion programs join TEST_PROGS.

BUILD		?= build
REF_DIR		:= reference
REF_BUILD	:= $(BUILD)/reference
REF_Q		:= $(if $(filter 1,$(V)),,@)

REF_CORE	:= device
REF_CORE	+= iommu
REF_CORE	+= of
REF_CORE	+= refcheck
REF_CORE	+= slab

REF_LIB		:= $(REF_BUILD)/libreference.a
REF_LIB_OBJS	:= $(patsubst %,$(REF_BUILD)/core/%.o,$(REF_CORE))
REF_LIB_OBJS	+= $(REF_BUILD)/core/host.o
REF_LIB_OBJS	+= $(REF_BUILD)/harness/lifecycle.o
REF_MAIN_OBJ	:= $(REF_BUILD)/harness/mutant-main.o
REF_DRIVER_OBJ	:= $(REF_BUILD)/drivers/refmmu.o
REF_CHECK	:= $(REF_BUILD)/refmmu-check

REF_MUTANTS	:= $(sort $(basename $(notdir $(wildcard $(REF_DIR)/mutants/*.patch))))
REF_MUTANT_SRCS	:= $(patsubst %,build/mutants/%.c,$(REF_MUTANTS))
REF_MUTANT_BINS	:= $(patsubst %,$(REF_BUILD)/mutants/%,$(REF_MUTANTS))

REF_TESTS	:= $(BUILD)/tests/test-reference
REF_TESTS	+= $(BUILD)/tests/test-mutants
TEST_PROGS	+= $(REF_TESTS)

REF_CFLAGS	= $(CFLAGS) -MMD -MP -I $(REF_DIR)/include
REF_TEST_CFLAGS	= $(REF_CFLAGS) -Wno-missing-prototypes -Wno-format-truncation -DREF_BUILD_DIR='"$(REF_BUILD)"'

# Rebuild when CFLAGS change within one build directory.
REF_STAMP	:= $(REF_BUILD)/cflags
$(shell mkdir -p $(REF_BUILD) && echo '$(CFLAGS)' | cmp -s - $(REF_STAMP) || \
	echo '$(CFLAGS)' > $(REF_STAMP))

.PHONY: reference reference-clean
reference: $(REF_LIB) $(REF_CHECK) $(REF_MUTANT_BINS) $(REF_TESTS)

# host.c is the one file built against the C library's headers only.
$(REF_BUILD)/core/host.o: $(REF_DIR)/core/host.c $(REF_STAMP)
	@mkdir -p $(dir $@)
	@$(if $(REF_Q),echo "  CC      $@")
	$(REF_Q)$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(REF_BUILD)/%.o: $(REF_DIR)/%.c $(REF_STAMP)
	@mkdir -p $(dir $@)
	@$(if $(REF_Q),echo "  CC      $@")
	$(REF_Q)$(CC) $(REF_CFLAGS) -c -o $@ $<

$(REF_LIB): $(REF_LIB_OBJS)
	@$(if $(REF_Q),echo "  AR      $@")
	$(REF_Q)rm -f $@ && ar rcs $@ $^

$(REF_CHECK): $(REF_MAIN_OBJ) $(REF_DRIVER_OBJ) $(REF_LIB)
	@$(if $(REF_Q),echo "  LD      $@")
	$(REF_Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^

build/mutants/%.c: $(REF_DIR)/mutants/%.patch $(REF_DIR)/drivers/refmmu.c
	@mkdir -p $(dir $@)
	@$(if $(REF_Q),echo "  PATCH   $@")
	$(REF_Q)patch -s --no-backup-if-mismatch -r - -o $@ $(REF_DIR)/drivers/refmmu.c < $<

# Mutants are broken on purpose: an unchecked NULL region reaches
# list_add_tail, where the model's list debugging names the contract;
# UBSan's null check would abort first, so it is off for mutants only.
REF_MUTANT_CFLAGS = $(REF_CFLAGS) -Wno-unused-function -Wno-unused-label \
		    $(if $(filter -fsanitize=%,$(CFLAGS)),-fno-sanitize=null)

$(REF_BUILD)/mutants/%.o: build/mutants/%.c $(REF_STAMP)
	@mkdir -p $(dir $@)
	@$(if $(REF_Q),echo "  CC      $@")
	$(REF_Q)$(CC) $(REF_MUTANT_CFLAGS) -c -o $@ $<

$(REF_BUILD)/mutants/%: $(REF_BUILD)/mutants/%.o $(REF_MAIN_OBJ) $(REF_LIB)
	@$(if $(REF_Q),echo "  LD      $@")
	$(REF_Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^

$(REF_BUILD)/tests/%.o: tests/%.c $(REF_STAMP)
	@mkdir -p $(dir $@)
	@$(if $(REF_Q),echo "  CC      $@")
	$(REF_Q)$(CC) $(REF_TEST_CFLAGS) -c -o $@ $<

$(BUILD)/tests/test-reference: $(REF_BUILD)/tests/test-reference.o $(REF_DRIVER_OBJ) $(REF_LIB)
	@mkdir -p $(dir $@)
	@$(if $(REF_Q),echo "  LD      $@")
	$(REF_Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CRITERION_LIBS)

# The mutant tests run the per-mutant binaries and scan the sources.
$(BUILD)/tests/test-mutants: $(REF_BUILD)/tests/test-mutants.o $(REF_CHECK) \
			  $(REF_MUTANT_BINS) $(REF_MUTANT_SRCS)
	@mkdir -p $(dir $@)
	@$(if $(REF_Q),echo "  LD      $@")
	$(REF_Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(CRITERION_LIBS)

.PRECIOUS: build/mutants/%.c $(REF_BUILD)/mutants/%.o

reference-clean:
	rm -rf $(REF_BUILD) build/mutants $(REF_TESTS)

-include $(wildcard $(REF_BUILD)/*/*.d)
