/*
 * A struct device in static storage (a file-scope object, an element of a
 * static array) is never freed: an empty release is what it needs.
 */
#include <linux/device.h>

struct sd_slot {
	struct device dev;
	int id;
};

static struct device sd_root;
static struct sd_slot sd_slots[4];

/* ok: embedded-device-release */
static void sd_root_release(struct device *dev)
{
}

/* ok: embedded-device-release */
static void sd_slot_release(struct device *dev)
{
}

int sd_init(void);
int sd_init(void)
{
	int i, ret;

	sd_root.release = sd_root_release;
	ret = device_register(&sd_root);
	if (ret)
		return ret;
	for (i = 0; i < 4; i++) {
		sd_slots[i].dev.release = sd_slot_release;
		ret = device_register(&sd_slots[i].dev);
		if (ret)
			return ret;
	}
	return 0;
}
