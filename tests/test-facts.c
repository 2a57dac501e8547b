// SPDX-License-Identifier: GPL-2.0
/*
 * test-facts.c - what the libclang frontend puts in the facts IR, read
 * through --dump-facts on tests/data/facts-sample.c: control structure,
 * calls, macro-wrapped conditions, initialiser fields with their #if
 * context (also fields only a disabled branch holds), record layouts.
 */
#include <string.h>

#include <criterion/criterion.h>

#include "testutil.h"

static char *dump;

static void run_dump(void)
{
	char *argv[] = { (char *)lint_path(), "--dump-facts", "tests/data/facts-sample.c", "--",
			 "-Ireference/include", NULL };
	struct run r;

	cr_assert_eq(run_argv(argv, &r), 0);
	cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
	dump = r.out;
	free(r.err);
}

static void free_dump(void)
{
	free(dump);
}

TestSuite(facts, .init = run_dump, .fini = free_dump, .timeout = 30);

static void has(const char *needle)
{
	cr_assert(strstr(dump, needle), "dump lacks '%s':\n%s", needle, dump);
}

Test(facts, record_layout_embedded_vs_pointer)
{
	has("record sample_iommu @tests/data/facts-sample.c:6");
	has("  field dev : struct device record=device\n");
	has("  field iommu : struct iommu_device * pointer\n");
	/* header records are kept too: the tree's own iommu_ops layout */
	has("record iommu_ops @");
}

Test(facts, initialiser_fields_and_if_context)
{
	has("var sample_ops : const struct iommu_ops @17-23 static\n");
	has("  .device_group @18\n");
	has("  .of_xlate @20 inactive under #ifdef CONFIG_SAMPLE_DISABLED\n");
	has("  .pgsize_bitmap @22\n");
	/* a member of an anonymous union keeps its name (platform_driver .remove_new) */
	has("  .remove_new @76\n    ident name=sample_drv_remove");
}

Test(facts, function_signature_and_control_flow)
{
	has("func sample_probe @25-52 static (struct sample_iommu * s, int n) -> int\n");
	has("    if @31\n");
	has("stmtexpr macro=WARN_ON @31:6 `WARN_ON(!p)`");
	has("macro=WARN_ON");
	has("    for @33\n");
	has("goto out_free @35");
	has("    switch @37\n");
	has("case @38");
	has("break @40");
	has("    label out_free @49\n");
	has("call name=kfree @50:2");
	has("    return @51\n");
}

Test(facts, operators_and_references)
{
	has("binary op='=' @30:2");
	has("binary op='<' @33:14");
	has("member name=ids -> @34:");
	has("ident name=s ref=2");	/* parameter */
	has("ident name=p ref=1");	/* local */
}
