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

/*
 * Value of IS_ENABLED/IS_BUILTIN/IS_MODULE/IS_REACHABLE(CONFIG_FOO) in the
 * kernel build the TU comes from: 1, 0, or -1 when unknown.
 */
int kconfig_test(const struct fx_tu *tu, const char *subject)
{
	static const char *const tests[] = { "IS_ENABLED(", "IS_BUILTIN(", "IS_MODULE(",
					     "IS_REACHABLE(" };
	const char *text, *sym, *end;
	bool y, m;
	unsigned i;

	for (i = 0; i < 4; i++)
		if (!strncmp(subject, tests[i], strlen(tests[i])))
			break;
	if (i == 4 || !tu || !tu->directory)
		return -1;
	sym = subject + strlen(tests[i]);
	end = strchr(sym, ')');
	if (!end || end[1] || strncmp(sym, "CONFIG_", 7))
		return -1;
	text = kconfig_autoconf(tu->directory);
	if (!text)
		return -1;
	y = kconfig_defined(text, sym, (size_t)(end - sym), "");
	m = kconfig_defined(text, sym, (size_t)(end - sym), "_MODULE");
	switch (i) {
	case 0:
	case 3:		/* reachability of a module from builtin code: not known */
		return y || (m && i == 0) ? 1 : m ? -1 : 0;
	case 1:
		return y;
	default:
		return m;
	}
}
