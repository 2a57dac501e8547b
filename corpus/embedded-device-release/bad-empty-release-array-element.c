/*
 * Devices embedded in the elements of an array that the driver kfree()s
 * right after unregistering them: a device still referenced then lives in
 * freed memory.  A note.
 */
#include <linux/device.h>
#include <linux/slab.h>

struct ae_ctx {
	struct device dev;
	int id;
};

struct ae_list {
	struct ae_ctx *devs;
	unsigned int len;
};

/* expect: embedded-device-release */
static void ae_ctx_release(struct device *dev)
{
}

int ae_init(struct ae_list *l, unsigned int n);
int ae_init(struct ae_list *l, unsigned int n)
{
	struct ae_ctx *ctx;
	unsigned int i;
	int err;

	l->devs = kcalloc(n, sizeof(*l->devs), GFP_KERNEL);
	if (!l->devs)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		ctx = &l->devs[i];
		ctx->id = i;
		ctx->dev.release = ae_ctx_release;
		err = device_register(&ctx->dev);
		if (err) {
			put_device(&ctx->dev);
			return err;
		}
	}
	l->len = n;
	return 0;
}

void ae_exit(struct ae_list *l);
void ae_exit(struct ae_list *l)
{
	unsigned int i;

	for (i = 0; i < l->len; i++)
		device_unregister(&l->devs[i].dev);
	kfree(l->devs);
}
