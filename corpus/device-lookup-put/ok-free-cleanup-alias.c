/*
 * Scope-based cleanup: a struct device pointer declared __free(put_device)
 * after the lookup, on the lookup's own device, puts it on every return
 * after its declaration, and a lookup declared __free(put_device) itself
 * is put whenever its scope ends.
 */
#include <linux/device.h>
#include <linux/of_platform.h>

int fc_init(struct device_node *np);
int fc_init(struct device_node *np)
{
	/* ok: device-lookup-put */
	struct platform_device *pdev = of_find_device_by_node(np);

	if (!pdev)
		return -ENODEV;
	struct device *dev __free(put_device) = pdev ? &pdev->dev : NULL;

	if (!platform_get_drvdata(pdev))
		return -EPROBE_DEFER;
	return 0;
}

extern const struct bus_type fc_bus;
int fc_match(struct device *dev, const void *data);

int fc_find(const void *key);
int fc_find(const void *key)
{
	/* ok: device-lookup-put */
	struct device *dev __free(put_device) = bus_find_device(&fc_bus, NULL, key, fc_match);

	if (!dev)
		return -ENODEV;
	return dev_get_drvdata(dev) ? 0 : -EPROBE_DEFER;
}

struct device *fc_get(const void *key);
struct device *fc_get(const void *key)
{
	/* ok: device-lookup-put */
	struct device *dev __free(put_device) = bus_find_device(&fc_bus, NULL, key, fc_match);

	if (!dev || !dev_get_drvdata(dev))
		return NULL;
	/* the caller gets the reference: the cleanup sees NULL */
	return_ptr(dev);
}
