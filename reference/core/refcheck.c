/*
 * Contract bookkeeping of the model, plus the small kernel services that
 * report into it: printk, WARN/BUG, list debugging, kref underflow.
 *
 * A contract violation is recorded as (contract name, description) and
 * printed when verbose; tests assert on the name, so every check in the
 * model names the contract it enforces.
 */
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "core.h"
#include "model.h"

/* KERN_ERR messages since the last reset (model_error_logs()) */
static unsigned long nr_error_logs;

#define MAX_RECORDS	512
#define MSG_LEN		256

struct contract_record {
	const char *name;
	char msg[MSG_LEN];
};

static struct contract_record records[MAX_RECORDS];
static unsigned int nr_records;
static unsigned int nr_violations;
static int verbose = -1;

static bool model_verbose(void)
{
	if (verbose < 0) {
		const char *v = host_getenv("REFMODEL_VERBOSE");

		verbose = v && *v && strcmp(v, "0");
	}
	return verbose;
}

void model_set_verbose(bool v)
{
	verbose = v;
}

static void host_log(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	host_vlog(fmt, args);
	va_end(args);
}

void contract_violation(const char *contract, const char *fmt, ...)
{
	struct contract_record *r;
	va_list args;

	nr_violations++;
	if (nr_records == MAX_RECORDS)
		return;
	r = &records[nr_records++];
	r->name = contract;
	va_start(args, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, args);
	va_end(args);
	if (model_verbose())
		host_log("contract %s violated: %s\n", contract, r->msg);
}

unsigned int contract_count(void)
{
	return nr_violations;
}

bool contract_seen(const char *contract)
{
	return contract_message(contract) != NULL;
}

const char *contract_message(const char *contract)
{
	unsigned int i;

	for (i = 0; i < nr_records; i++)
		if (!strcmp(records[i].name, contract))
			return records[i].msg;
	return NULL;
}

unsigned int contract_names(const char **names, unsigned int max)
{
	unsigned int i, j, n = 0;

	for (i = 0; i < nr_records; i++) {
		for (j = 0; j < n; j++)
			if (!strcmp(names[j], records[i].name))
				break;
		if (j == n && n < max)
			names[n++] = records[i].name;
	}
	return n;
}

void refcheck_reset(void)
{
	iommu_model_reset();
	device_model_reset();
	of_model_reset();
	kmem_reset();
	nr_records = 0;
	nr_violations = 0;
	nr_error_logs = 0;
}

unsigned int refcheck_teardown(void)
{
	unsigned int n;

	iommu_model_teardown();
	device_model_teardown();
	of_model_teardown();
	kmem_teardown();
	n = nr_violations;
	iommu_model_reset();
	device_model_reset();
	of_model_reset();
	kmem_reset();
	return n;
}

unsigned long model_error_logs(void)
{
	return nr_error_logs;
}

void model_note_error_log(void)
{
	nr_error_logs++;
}

int vprintk(const char *fmt, va_list args)
{
	if (!strncmp(fmt, KERN_ERR, 2))
		nr_error_logs++;
	if (!model_verbose())
		return 0;
	if (fmt[0] == KERN_SOH[0] && fmt[1])
		fmt += 2;
	host_vlog(fmt, args);
	return 0;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int ret;

	va_start(args, fmt);
	ret = vprintk(fmt, args);
	va_end(args);
	return ret;
}

void __warn(const char *file, int line, const char *cond)
{
	contract_violation("WARN_ON", "%s:%d: WARN_ON(%s)", file, line, cond);
}

void __bug(const char *file, int line, const char *cond)
{
	host_log("kernel BUG at %s:%d: %s\n", file, line, cond);
	host_abort();
}

bool __list_add_valid(struct list_head *new, struct list_head *prev,
		      struct list_head *next)
{
	if (!new || !prev || !next) {
		contract_violation("list-valid", "list_add of %p between %p and %p: NULL entry",
				   new, prev, next);
		return false;
	}
	if (next->prev != prev || prev->next != next || new == prev || new == next) {
		contract_violation("list-valid", "list_add of %p: corrupted neighbours", new);
		return false;
	}
	return true;
}

bool __list_del_entry_valid(struct list_head *entry)
{
	if (!entry || entry->next == LIST_POISON1 || entry->prev == LIST_POISON2) {
		contract_violation("list-valid", "list_del of %p: not on a list", entry);
		return false;
	}
	if (entry->prev->next != entry || entry->next->prev != entry) {
		contract_violation("list-valid", "list_del of %p: corrupted neighbours", entry);
		return false;
	}
	return true;
}

void kref_underflow(struct kref *kref)
{
	contract_violation("kref-underflow", "kref %p at %d: put or get after the last reference",
			   kref, kref->refcount);
}

ssize_t strscpy(char *dest, const char *src, size_t count)
{
	size_t len;

	if (!count)
		return -E2BIG;
	len = strlen(src);
	if (len >= count) {
		memcpy(dest, src, count - 1);
		dest[count - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dest, src, len + 1);
	return (ssize_t)len;
}

char *kvasprintf(gfp_t gfp, const char *fmt, va_list args)
{
	char probe[1];
	va_list aq;
	char *p;
	int len;

	va_copy(aq, args);
	len = vsnprintf(probe, sizeof(probe), fmt, aq);
	va_end(aq);
	p = kmalloc((size_t)len + 1, gfp);
	if (!p)
		return NULL;
	vsnprintf(p, (size_t)len + 1, fmt, args);
	return p;
}

char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list args;
	char *p;

	va_start(args, fmt);
	p = kvasprintf(gfp, fmt, args);
	va_end(args);
	return p;
}
