// SPDX-License-Identifier: GPL-2.0
/*
 * test-cfg.c - unit tests of the path engine (checker/cfg.c): condition
 * atoms read from text, CFG shape for gotos/loops/switch, and the pairing
 * walk on small functions parsed by the clang frontend.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <criterion/criterion.h>

#include "../checker/cfg.h"
#include "../checker/frontend.h"

struct atoms {
	unsigned n;
	enum cfg_test test[8];
	char subject[8][64];
	bool neg[8];
};

static void on_atom(enum cfg_test test, const char *subject, bool negated, void *arg)
{
	struct atoms *a = arg;

	if (a->n >= 8)
		return;
	a->test[a->n] = test;
	snprintf(a->subject[a->n], sizeof(a->subject[0]), "%s", subject);
	a->neg[a->n] = negated;
	a->n++;
}

static struct atoms atoms_of(const char *text)
{
	struct atoms a = { 0 };

	cfg_cond_atoms(text, on_atom, &a);
	return a;
}

Test(cfg_cond, warn_on_not)
{
	struct atoms a = atoms_of("WARN_ON(!pdev)");

	cr_assert_eq(a.n, 1);
	cr_assert_eq(a.test[0], CFG_T_TRUTH);
	cr_assert_str_eq(a.subject[0], "pdev");
	cr_assert(a.neg[0]);
}

Test(cfg_cond, is_err_family)
{
	struct atoms a = atoms_of("IS_ERR(group)");
	struct atoms b = atoms_of("WARN_ON_ONCE(IS_ERR_OR_NULL(x->np))");

	cr_assert_eq(a.test[0], CFG_T_IS_ERR);
	cr_assert_str_eq(a.subject[0], "group");
	cr_assert_eq(b.test[0], CFG_T_IS_ERR_OR_NULL);
	cr_assert_str_eq(b.subject[0], "x->np");
	cr_assert_not(b.neg[0]);
}

Test(cfg_cond, comparisons_with_zero)
{
	struct atoms lt = atoms_of("ret < 0");
	struct atoms ge = atoms_of("ret >= 0");
	struct atoms eq = atoms_of("p == NULL");
	struct atoms ne = atoms_of("(ret != 0)");
	struct atoms other = atoms_of("i == 2");

	cr_assert_eq(lt.test[0], CFG_T_NEG);
	cr_assert_not(lt.neg[0]);
	cr_assert_eq(ge.test[0], CFG_T_NEG);
	cr_assert(ge.neg[0]);
	cr_assert_eq(eq.test[0], CFG_T_TRUTH);
	cr_assert(eq.neg[0]);
	cr_assert_eq(ne.test[0], CFG_T_TRUTH);
	cr_assert_not(ne.neg[0]);
	cr_assert_eq(other.test[0], CFG_T_OPAQUE);
}

Test(cfg_cond, short_circuit_and_unlikely)
{
	struct atoms a = atoms_of("!p || unlikely(ret)");

	cr_assert_eq(a.n, 2);
	cr_assert_str_eq(a.subject[0], "p");
	cr_assert(a.neg[0]);
	cr_assert_str_eq(a.subject[1], "ret");
	cr_assert_not(a.neg[1]);
}

/* ---- pairing walks on parsed functions ---- */

struct leaks {
	unsigned n;
	struct cfg_leak v[16];
	char release[16][64];	/* the callback's strings die with the walk */
};

static void on_leak(const struct cfg_leak *l, void *arg)
{
	struct leaks *ls = arg;

	if (ls->n >= 16)
		return;
	ls->v[ls->n] = *l;
	snprintf(ls->release[ls->n], sizeof(ls->release[0]), "%s", l->release);
	ls->v[ls->n].release = ls->release[ls->n];
	ls->v[ls->n].handle = NULL;
	ls->n++;
}

/* TUs parsed by a test, freed when it ends (leak.via_label points into them). */
static struct fx_tu *parsed[8];
static unsigned nparsed;

static void free_parsed(void)
{
	while (nparsed) {
		struct fx_tu *tu = parsed[--nparsed];

		free((char *)tu->src);
		arena_free(&tu->arena);
		free(tu);
	}
}

TestSuite(cfg_pairs, .fini = free_parsed);

static unsigned fail_at;

static unsigned failures(const struct leaks *ls)
{
	unsigned i, n = 0;

	for (i = 0; i < ls->n; i++)
		if (ls->v[i].exit == CFG_EXIT_FAILURE) {
			fail_at = i;
			n++;
		}
	return n;
}

static struct fx_tu *parse(const char *code)
{
	static const char prologue[] =
		"#include <linux/bug.h>\n#include <linux/err.h>\n#include <linux/iommu.h>\n"
		"#include <linux/of_platform.h>\n#include <linux/slab.h>\n";
	char path[] = "/tmp/test-cfg-XXXXXX.c", err[256];
	char *args[] = { "-Ireference/include" };
	void *fe = NULL;
	struct tu_job job = { .file = path, .directory = ".", .argc = 1, .argv = args };
	struct fx_tu *tu = calloc(1, sizeof(*tu));
	int fd = mkstemps(path, 2);
	size_t len = strlen(prologue) + strlen(code);
	char *src = malloc(len + 1);

	cr_assert_eq(fe_clang_ops.init(&fe, err, sizeof(err)), 0, "%s", err);
	cr_assert(tu && src && fd >= 0);
	strcpy(src, prologue);
	strcat(src, code);
	cr_assert_eq(write(fd, src, len), (ssize_t)len);
	close(fd);
	tu->file = path;
	tu->directory = ".";
	tu->src = src;
	tu->src_len = len;
	cr_assert_eq(fe_clang_ops.parse(fe, &job, tu, err, sizeof(err)), 0, "%s", err);
	unlink(path);
	fe_clang_ops.fini(fe);
	if (nparsed < 8)
		parsed[nparsed++] = tu;
	return tu;
}

/* cfg_track.attach_holds for the next check_in() walks. */
static bool follow_attach;

static struct leaks check_in(const char *dir, const char *class, const char *code,
			     const char *fn_name)
{
	struct fx_tu *tu = parse(code);
	struct fx_tu *tus[] = { tu };
	struct fx_program prog = { 1, tus, NULL };
	struct leaks ls = { 0 };
	struct cfg_track t = { class, tu, &prog, on_leak, &ls, .attach_holds = follow_attach };
	const struct fx_func *fn;

	cr_assert_eq(fx_program_index(&prog), 0);
	fn = fx_find_func(&prog, tu, fn_name, NULL);
	if (dir)
		tu->directory = dir;
	cr_assert_not_null(fn);
	cr_assert_eq(cfg_check_pairs(fn, &t), 0);
	fx_program_free(&prog);
	return ls;
}

static struct leaks check(const char *class, const char *code, const char *fn_name)
{
	return check_in(NULL, class, code, fn_name);
}

Test(cfg_pairs, warn_on_tested_lookup_leaks_on_success_path)
{
	struct leaks ls = check("device",
		"int f(struct device_node *np)\n"
		"{\n"
		"	struct platform_device *pdev = of_find_device_by_node(np);\n"
		"	if (WARN_ON(!pdev))\n"
		"		return -ENODEV;\n"
		"	return 0;\n"
		"}\n", "f");

	cr_assert_eq(ls.n, 1);
	cr_assert_not(ls.v[0].unchecked);
	cr_assert_eq(ls.v[0].exit, CFG_EXIT_SUCCESS);
	cr_assert_str_eq(ls.v[0].release, "put_device(&pdev->dev)");
}

Test(cfg_pairs, drvdata_read_is_not_a_transfer_but_field_store_is)
{
	struct leaks read = check("device",
		"void *f(struct device_node *np)\n"
		"{\n"
		"	struct platform_device *pdev = of_find_device_by_node(np);\n"
		"	if (!pdev)\n"
		"		return NULL;\n"
		"	return platform_get_drvdata(pdev);\n"
		"}\n", "f");
	struct leaks stored = check("device",
		"struct holder { struct device *dev; };\n"
		"int f(struct holder *h, struct device_node *np)\n"
		"{\n"
		"	struct platform_device *pdev = of_find_device_by_node(np);\n"
		"	if (!pdev)\n"
		"		return -ENODEV;\n"
		"	h->dev = &pdev->dev;\n"
		"	return 0;\n"
		"}\n", "f");

	cr_assert_eq(read.n, 1);
	cr_assert_eq(stored.n, 0);
}

Test(cfg_pairs, sinks_take_over_the_pointer_not_what_is_read_from_it)
{
	struct leaks listed = check("resv",
		"int f(struct list_head *head)\n"
		"{\n"
		"	struct iommu_resv_region *r;\n"
		"	r = iommu_alloc_resv_region(0, 0x1000, 0, IOMMU_RESV_RESERVED, GFP_KERNEL);\n"
		"	if (!r)\n"
		"		return -ENOMEM;\n"
		"	list_add_tail(&r->list, head);\n"
		"	return 0;\n"
		"}\n", "f");
	struct leaks read = check("device",
		"int f(struct device *dev, struct device_node *np)\n"
		"{\n"
		"	struct platform_device *pdev = of_find_device_by_node(np);\n"
		"	if (!pdev)\n"
		"		return -ENODEV;\n"
		"	dev_iommu_priv_set(dev, platform_get_drvdata(pdev));\n"
		"	return 0;\n"
		"}\n", "f");

	cr_assert_eq(listed.n, 0);
	cr_assert_eq(read.n, 1);
}

Test(cfg_pairs, attach_rows_hand_over_unless_the_walk_follows_attachments)
{
	static const char code[] =
		"struct m { int x; };\n"
		"int g(struct m *m);\n"
		"void *f(struct device *dev)\n"
		"{\n"
		"	struct m *m = kzalloc(sizeof(*m), GFP_KERNEL);\n"
		"	if (!m)\n"
		"		return ERR_PTR(-ENOMEM);\n"
		"	dev_iommu_priv_set(dev, m);\n"
		"	if (g(m))\n"
		"		return ERR_PTR(-EINVAL);\n"
		"	return dev;\n"
		"}\n";
	struct leaks sink, held;
	unsigned i, failing = 0;

	sink = check("alloc", code, "f");
	follow_attach = true;
	held = check("alloc", code, "f");
	follow_attach = false;
	cr_assert_eq(sink.n, 0);
	cr_assert_eq(held.n, 2);
	for (i = 0; i < held.n; i++)
		failing += held.v[i].exit == CFG_EXIT_FAILURE;
	cr_assert_eq(failing, 1);
}

Test(cfg_pairs, goto_to_wrong_label_names_the_label)
{
	struct leaks ls = check("register",
		"extern const struct iommu_ops ops;\n"
		"struct u { struct iommu_device iommu; };\n"
		"int f(struct device *dev)\n"
		"{\n"
		"	struct u *u = kzalloc(sizeof(*u), GFP_KERNEL);\n"
		"	int err;\n"
		"	if (!u)\n"
		"		return -ENOMEM;\n"
		"	err = iommu_device_sysfs_add(&u->iommu, dev, NULL, \"u\");\n"
		"	if (err)\n"
		"		goto out_free;\n"
		"	err = iommu_device_register(&u->iommu, &ops, dev);\n"
		"	if (err)\n"
		"		goto out_free;\n"
		"	return 0;\n"
		"out_sysfs:\n"
		"	iommu_device_sysfs_remove(&u->iommu);\n"
		"out_free:\n"
		"	kfree(u);\n"
		"	return err;\n"
		"}\n", "f");

	/* both held at "return 0"; sysfs held on the failing register's goto */
	cr_assert_eq(ls.n, 3);
	cr_assert_eq(failures(&ls), 1);
	cr_assert_str_eq(ls.v[fail_at].acquire, "iommu_device_sysfs_add");
	cr_assert_str_eq(ls.v[fail_at].via_label, "out_free");
	cr_assert(ls.v[fail_at].local);
}

Test(cfg_pairs, correlated_conditions_are_not_mixed)
{
	struct leaks ls = check("group",
		"int f(struct device *dev, bool want)\n"
		"{\n"
		"	struct iommu_group *group = NULL;\n"
		"	if (want) {\n"
		"		group = iommu_group_get(dev);\n"
		"		if (!group)\n"
		"			return -ENODEV;\n"
		"	}\n"
		"	if (want)\n"
		"		iommu_group_put(group);\n"
		"	return 0;\n"
		"}\n", "f");

	cr_assert_eq(ls.n, 0);
}

Test(cfg_pairs, loops_terminate_and_are_counted)
{
	unsigned long before = cfg_stats.states;
	struct leaks ls = check("group",
		"int f(struct device **devs, int n)\n"
		"{\n"
		"	int i, k = 0;\n"
		"	for (i = 0; i < n; i++) {\n"
		"		struct iommu_group *g = iommu_group_get(devs[i]);\n"
		"		while (!g)\n"
		"			g = iommu_group_get(devs[0]);\n"
		"		switch (iommu_group_id(g)) {\n"
		"		case 0:\n"
		"			k++;\n"
		"		case 1:\n"
		"			iommu_group_put(g);\n"
		"			break;\n"
		"		default:\n"
		"			continue;\n"
		"		}\n"
		"	}\n"
		"	return k;\n"
		"}\n", "f");

	cr_assert_gt(cfg_stats.states, before);
	cr_assert_geq(ls.n, 1);
}

Test(cfg_pairs, error_code_facts_decide_failure_exits)
{
	struct leaks ls = check("register",
		"extern const struct iommu_ops ops;\n"
		"struct u { struct iommu_device iommu; };\n"
		"int f(struct device *dev, int irq)\n"
		"{\n"
		"	struct u *u = kzalloc(sizeof(*u), GFP_KERNEL);\n"
		"	int ret;\n"
		"	if (!u)\n"
		"		return -ENOMEM;\n"
		"	ret = iommu_device_register(&u->iommu, &ops, dev);\n"
		"	if (ret < 0)\n"
		"		return ret;\n"
		"	if (irq < 0) {\n"
		"		ret = irq;\n"
		"		return ret;\n"
		"	}\n"
		"	return ret;\n"
		"}\n", "f");

	/* "ret < 0" ends it; the irq path fails through a copied error code */
	cr_assert_eq(failures(&ls), 1);
	cr_assert_eq(ls.n, 2);
}

static void make_autoconf(char *dir, const char *text)
{
	char path[128];
	FILE *f;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/include", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/include/generated", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/include/generated/autoconf.h", dir);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

Test(cfg_pairs, kconfig_constants_prune_dead_paths)
{
	static const char code[] =
		"#define IS_ENABLED(option) 0\n"
		"int f(struct device *dev)\n"
		"{\n"
		"	struct iommu_group *group = iommu_group_get(dev);\n"
		"	if (!group)\n"
		"		return -ENODEV;\n"
		"	if (IS_ENABLED(CONFIG_FOO))\n"
		"		return -EOPNOTSUPP;\n"
		"	iommu_group_put(group);\n"
		"	return 0;\n"
		"}\n";
	char off_dir[] = "/tmp/test-cfg-kconfig-XXXXXX", on_dir[] = "/tmp/test-cfg-kconfig-XXXXXX";
	struct leaks unknown, off, on;

	make_autoconf(off_dir, "#define CONFIG_BAR 1\n");
	make_autoconf(on_dir, "#define CONFIG_FOO_MODULE 1\n");
	unknown = check("group", code, "f");
	off = check_in(off_dir, "group", code, "f");
	on = check_in(on_dir, "group", code, "f");

	cr_assert_eq(unknown.n, 1);
	cr_assert_eq(off.n, 0);
	cr_assert_eq(on.n, 1);
}
