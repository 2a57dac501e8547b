// SPDX-License-Identifier: GPL-2.0
/*
 * kconfig.c - IS_ENABLED(CONFIG_FOO) and friends decided from the kernel build's
 * include/generated/autoconf.h under the TU's directory.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "cfg-internal.h"

/* ---- Kconfig: IS_ENABLED(CONFIG_FOO) against the build's autoconf.h ---- */

#define MAX_KCONFIGS 8

static struct {
	char *dir;
	char *text;		/* NULL: the directory has no autoconf.h */
} kconfigs[MAX_KCONFIGS];
static unsigned nkconfigs;
static pthread_mutex_t kconfig_lock = PTHREAD_MUTEX_INITIALIZER;

const char *kconfig_autoconf(const char *dir)
{
	const char *text = NULL;
	char path[4096];
	unsigned i;

	pthread_mutex_lock(&kconfig_lock);
	for (i = 0; i < nkconfigs; i++)
		if (!strcmp(kconfigs[i].dir, dir))
			break;
	if (i == nkconfigs && nkconfigs < MAX_KCONFIGS) {
		snprintf(path, sizeof(path), "%s/include/generated/autoconf.h", dir);
		kconfigs[i].dir = strdup(dir);
		kconfigs[i].text = kconfigs[i].dir ? read_text_file(path) : NULL;
		nkconfigs++;
	}
	if (i < nkconfigs)
		text = kconfigs[i].text;
	pthread_mutex_unlock(&kconfig_lock);
	return text;
}

bool kconfig_defined(const char *text, const char *sym, size_t len, const char *suffix)
{
	const char *p = text;
	size_t sl = strlen(suffix);

	while ((p = strstr(p, "#define "))) {
		p += 8;
		if (!strncmp(p, sym, len) && !strncmp(p + len, suffix, sl) && p[len + sl] == ' ')
			return true;
	}
	return false;
}

static const char *const kconfig_tests[] = { "IS_ENABLED", "IS_BUILTIN", "IS_MODULE",
					     "IS_REACHABLE" };

int kconfig_is(const char *autoconf, const char *test, size_t tn, const char *sym, size_t n)
{
	unsigned i;
	bool y, m;

	for (i = 0; i < 4; i++)
		if (strlen(kconfig_tests[i]) == tn && !strncmp(test, kconfig_tests[i], tn))
			break;
	if (i == 4 || !autoconf || n <= 7 || strncmp(sym, "CONFIG_", 7))
		return -1;
	y = kconfig_defined(autoconf, sym, n, "");
	m = kconfig_defined(autoconf, sym, n, "_MODULE");
	switch (i) {
	case 0:
		return y || m;
	case 3:		/* reachability of a module from builtin code: not known */
		return y ? 1 : m ? -1 : 0;
	case 1:
		return y;
	default:
		return m;
	}
}

/*
 * Value of IS_ENABLED/IS_BUILTIN/IS_MODULE/IS_REACHABLE(CONFIG_FOO) in the
 * kernel build the TU comes from: 1, 0, or -1 when unknown.
 */
int kconfig_test(const struct fx_tu *tu, const char *subject)
{
	const char *open = strchr(subject, '('), *end;

	if (!open || !tu || !tu->directory)
		return -1;
	end = strchr(open, ')');
	if (!end || end[1])
		return -1;
	return kconfig_is(kconfig_autoconf(tu->directory), subject, (size_t)(open - subject),
			  open + 1, (size_t)(end - open - 1));
}
