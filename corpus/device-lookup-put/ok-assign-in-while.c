/*
 * The lookup is assigned inside its own loop test: the loop leaves only
 * when it found nothing, and every device it found is put in the body.
 */
#include <linux/device.h>

extern const struct bus_type aw_bus;
int aw_match(struct device *dev, const void *data);

int aw_count(const void *key);
int aw_count(const void *key)
{
	struct device *dev = NULL;
	int n = 0;

	/* ok: device-lookup-put */
	while ((dev = bus_find_device(&aw_bus, NULL, key, aw_match))) {
		n++;
		put_device(dev);
	}
	return n;
}
