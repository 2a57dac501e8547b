/*
 * The device found is converted to its container; the container is kept
 * in a long-lived structure (the channel holds the reference), or the put
 * goes through a converted local with the container's own put.
 */
#include <linux/device.h>
#include <linux/platform_device.h>

struct ap_chan {
	struct ap_unit *unit;
};

struct ap_unit {
	struct device dev;
};

#define to_ap_unit(d) container_of(d, struct ap_unit, dev)

extern const struct bus_type ap_bus;
int ap_match(struct device *dev, const void *data);

int ap_chan_get(struct ap_chan *ch, const void *key);
int ap_chan_get(struct ap_chan *ch, const void *key)
{
	struct ap_unit *unit;
	struct device *dev;

	/* ok: device-lookup-put */
	dev = bus_find_device(&ap_bus, NULL, key, ap_match);
	if (!dev)
		return -EPROBE_DEFER;
	unit = to_ap_unit(dev);
	ch->unit = unit;
	return 0;
}

int ap_check(const void *key);
int ap_check(const void *key)
{
	struct platform_device *pdev;
	struct device *dev;

	/* ok: device-lookup-put */
	dev = bus_find_device(&ap_bus, NULL, key, ap_match);
	if (!dev)
		return -ENODEV;
	pdev = to_platform_device(dev);
	if (!platform_get_drvdata(pdev)) {
		platform_device_put(pdev);
		return -EPROBE_DEFER;
	}
	platform_device_put(pdev);
	return 0;
}
