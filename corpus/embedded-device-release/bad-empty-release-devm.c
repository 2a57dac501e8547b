/*
 * The container embedding the device comes from devm_kzalloc(): devres
 * frees it when the parent driver unbinds, whoever still holds a reference
 * to the device; the empty release hides that.  A note.
 */
#include <linux/device.h>
#include <linux/slab.h>

struct dv_chan {
	struct {
		struct device chan_dev;
	} common;
	int id;
};

/* expect: embedded-device-release */
static void dv_chan_release(struct device *dev)
{
}

static const struct class dv_class = {
	.name = "dv-chan",
	.dev_release = dv_chan_release,
};

int dv_chan_add(struct device *parent, int id);
int dv_chan_add(struct device *parent, int id)
{
	struct dv_chan *chan;

	chan = devm_kzalloc(parent, sizeof(*chan), GFP_KERNEL);
	if (!chan)
		return -ENOMEM;
	chan->id = id;
	chan->common.chan_dev.class = &dv_class;
	chan->common.chan_dev.parent = parent;
	return device_register(&chan->common.chan_dev);
}
