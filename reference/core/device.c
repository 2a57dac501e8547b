/*
 * Driver model of the reference kernel: struct device lifetime, managed
 * resources and the platform bus.
 *
 * A device lives from device_initialize until its last put_device; then
 * the release callback (device, type, class in that order) must free the
 * memory that holds it.  Devices still alive at the end of a run are
 * reported as "device-ref-leak", which is how a missing put_device after
 * of_find_device_by_node or a missing sysfs removal shows up.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "core.h"
#include "model.h"

#define MAX_PLATFORM_DRIVERS	8
#define MAX_BIND_BATCH		64

struct devres {
	struct list_head node;
	const char *what;
	unsigned long long data[];
};

struct platform_object {
	struct platform_device pdev;
	char name[];
};

static LIST_HEAD(live_devices);
static struct platform_driver *platform_drivers[MAX_PLATFORM_DRIVERS];

const struct bus_type platform_bus_type = {
	.name = "platform",
};

static void device_release(struct kref *kref)
{
	struct device *dev = container_of(kref, struct device, kref);
	char *name = dev->name;

	list_del(&dev->model_node);
	devres_release_all(dev);
	if (dev->release)
		dev->release(dev);
	else if (dev->type && dev->type->release)
		dev->type->release(dev);
	else if (dev->class && dev->class->dev_release)
		dev->class->dev_release(dev);
	else
		contract_violation("device-release",
				   "device %s has no release function", name ? name : "?");
	kfree(name);
}

void device_initialize(struct device *dev)
{
	kref_init(&dev->kref);
	INIT_LIST_HEAD(&dev->devres_head);
	list_add_tail(&dev->model_node, &live_devices);
}

int dev_set_name_va(struct device *dev, const char *fmt, va_list args)
{
	char *name = kvasprintf(GFP_KERNEL, fmt, args);

	if (!name)
		return -ENOMEM;
	kfree(dev->name);
	dev->name = name;
	return 0;
}

int dev_set_name(struct device *dev, const char *fmt, ...)
{
	va_list args;
	int ret;

	va_start(args, fmt);
	ret = dev_set_name_va(dev, fmt, args);
	va_end(args);
	return ret;
}

int device_add(struct device *dev)
{
	void *sysfs;
	int ret;

	if (!dev->name && dev->init_name) {
		ret = dev_set_name(dev, "%s", dev->init_name);
		if (ret)
			return ret;
	}
	if (!dev->name)
		return -EINVAL;
	sysfs = kzalloc(16, GFP_KERNEL);
	if (!sysfs)
		return -ENOMEM;
	kmem_label(sysfs, "sysfs entry");
	dev->model_sysfs = sysfs;
	get_device(dev->parent);
	if (dev->bus == &platform_bus_type)
		platform_bus_probe_device(dev);
	return 0;
}

int device_register(struct device *dev)
{
	device_initialize(dev);
	return device_add(dev);
}

void device_del(struct device *dev)
{
	if (!dev->model_sysfs) {
		contract_violation("device-del", "device_del of %s, which was not added",
				   dev_name(dev));
		return;
	}
	if (dev->driver)
		platform_bus_remove_device(dev);
	if (dev->iommu)
		iommu_release_device(dev);
	kfree(dev->model_sysfs);
	dev->model_sysfs = NULL;
	put_device(dev->parent);
}

void device_unregister(struct device *dev)
{
	device_del(dev);
	put_device(dev);
}

bool device_is_registered(struct device *dev)
{
	return dev->model_sysfs != NULL;
}

struct device *get_device(struct device *dev)
{
	if (dev)
		kref_get(&dev->kref);
	return dev;
}

void put_device(struct device *dev)
{
	if (dev)
		kref_put(&dev->kref, device_release);
}

static void *devres_add(struct device *dev, size_t size, const char *what)
{
	struct devres *dr = kzalloc(sizeof(*dr) + size, GFP_KERNEL);

	if (!dr)
		return NULL;
	kmem_label(dr, what);
	dr->what = what;
	list_add_tail(&dr->node, &dev->devres_head);
	return dr->data;
}

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
	(void)gfp;
	return devres_add(dev, size, "devm_kzalloc");
}

void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return devm_kmalloc(dev, size, gfp);
}

void devm_kfree(struct device *dev, const void *p)
{
	struct devres *dr;

	list_for_each_entry(dr, &dev->devres_head, node) {
		if ((const void *)dr->data == p) {
			list_del(&dr->node);
			kfree(dr);
			return;
		}
	}
	contract_violation("devres", "devm_kfree(%p) on %s: not a managed allocation",
			   p, dev_name(dev));
}

void __iomem *devm_ioremap_resource(struct device *dev, const struct resource *res)
{
	if (!res || !(res->flags & IORESOURCE_MEM) || res->end < res->start)
		return ERR_PTR(-EINVAL);
	if (!devres_add(dev, 0, "devm_ioremap_resource"))
		return ERR_PTR(-ENOMEM);
	return phys_to_virt(res->start);
}

void devres_release_all(struct device *dev)
{
	struct devres *dr;

	while (!list_empty(&dev->devres_head)) {
		dr = list_last_entry(&dev->devres_head, struct devres, node);
		list_del(&dr->node);
		kfree(dr);
	}
}

static void dev_vprintk(const char *level, const struct device *dev,
			const char *fmt, va_list args)
{
	char buf[256];

	if (!strcmp(level, KERN_ERR))
		model_note_error_log();
	vsnprintf(buf, sizeof(buf), fmt, args);
	printk("%s: %s", dev ? dev_name(dev) : "(NULL device)", buf);
}

#define DEFINE_DEV_PRINTK(func, level)					\
void func(const struct device *dev, const char *fmt, ...)		\
{									\
	va_list args;							\
									\
	va_start(args, fmt);						\
	dev_vprintk(level, dev, fmt, args);				\
	va_end(args);							\
}

DEFINE_DEV_PRINTK(_dev_err, KERN_ERR)
DEFINE_DEV_PRINTK(_dev_warn, KERN_WARNING)
DEFINE_DEV_PRINTK(_dev_info, KERN_INFO)
DEFINE_DEV_PRINTK(_dev_dbg, KERN_DEBUG)

int dev_err_probe(const struct device *dev, int err, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	if (err != -EPROBE_DEFER)
		dev_vprintk(KERN_ERR, dev, fmt, args);
	va_end(args);
	return err;
}

const void *of_device_get_match_data(const struct device *dev)
{
	const struct of_device_id *match;

	if (!dev->driver)
		return NULL;
	match = of_match_node(dev->driver->of_match_table, dev->of_node);
	return match ? match->data : NULL;
}

static bool platform_match(struct device *dev, struct platform_driver *drv)
{
	struct platform_device *pdev = to_platform_device(dev);

	if (drv->driver.of_match_table && dev->of_node)
		return of_match_node(drv->driver.of_match_table, dev->of_node) != NULL;
	return drv->driver.name && !strcmp(pdev->name, drv->driver.name);
}

static int platform_bind(struct device *dev, struct platform_driver *drv)
{
	int ret;

	dev->driver = &drv->driver;
	ret = drv->probe ? drv->probe(to_platform_device(dev)) : 0;
	if (ret) {
		devres_release_all(dev);
		dev->driver = NULL;
		dev_set_drvdata(dev, NULL);
		if (ret != -ENODEV && ret != -ENXIO)
			dev_warn(dev, "probe with driver %s failed with error %d\n",
				 drv->driver.name, ret);
	}
	return ret;
}

int platform_bus_probe_device(struct device *dev)
{
	unsigned int i;

	for (i = 0; i < MAX_PLATFORM_DRIVERS; i++)
		if (platform_drivers[i] && platform_match(dev, platform_drivers[i]))
			return platform_bind(dev, platform_drivers[i]);
	return -ENODEV;
}

void platform_bus_remove_device(struct device *dev)
{
	struct platform_driver *drv = to_platform_driver(dev->driver);
	struct platform_device *pdev = to_platform_device(dev);

	if (drv->remove_new)
		drv->remove_new(pdev);
	else if (drv->remove)
		drv->remove(pdev);
	devres_release_all(dev);
	dev->driver = NULL;
	dev_set_drvdata(dev, NULL);
}

int platform_driver_register(struct platform_driver *drv)
{
	struct device *batch[MAX_BIND_BATCH];
	struct device *dev;
	unsigned int i, n = 0;

	for (i = 0; i < MAX_PLATFORM_DRIVERS; i++)
		if (!platform_drivers[i])
			break;
	if (i == MAX_PLATFORM_DRIVERS)
		return -ENOSPC;
	platform_drivers[i] = drv;
	drv->driver.bus = &platform_bus_type;

	list_for_each_entry(dev, &live_devices, model_node) {
		if (dev->bus == &platform_bus_type && dev->model_sysfs &&
		    !dev->driver && n < MAX_BIND_BATCH)
			batch[n++] = get_device(dev);
	}
	for (i = 0; i < n; i++) {
		if (platform_match(batch[i], drv))
			platform_bind(batch[i], drv);
		put_device(batch[i]);
	}
	return 0;
}

void platform_driver_unregister(struct platform_driver *drv)
{
	struct device *dev;
	unsigned int i;

again:
	list_for_each_entry(dev, &live_devices, model_node) {
		if (dev->driver == &drv->driver) {
			platform_bus_remove_device(dev);
			goto again;
		}
	}
	for (i = 0; i < MAX_PLATFORM_DRIVERS; i++)
		if (platform_drivers[i] == drv)
			platform_drivers[i] = NULL;
}

static void platform_device_release(struct device *dev)
{
	struct platform_object *pa = container_of(dev, struct platform_object, pdev.dev);

	of_node_put(pa->pdev.dev.of_node);
	kfree(pa->pdev.resource);
	kfree(pa);
}

struct platform_device *platform_device_alloc(const char *name, int id)
{
	struct platform_object *pa;

	pa = kzalloc(sizeof(*pa) + strlen(name) + 1, GFP_KERNEL);
	if (!pa)
		return NULL;
	kmem_label(pa, "platform_device");
	memcpy(pa->name, name, strlen(name) + 1);
	pa->pdev.name = pa->name;
	pa->pdev.id = id;
	device_initialize(&pa->pdev.dev);
	pa->pdev.dev.release = platform_device_release;
	pa->pdev.dev.bus = &platform_bus_type;
	return &pa->pdev;
}

int platform_device_add_resources(struct platform_device *pdev,
				  const struct resource *res, unsigned int num)
{
	struct resource *r = NULL;

	if (res) {
		r = kmemdup(res, sizeof(*res) * num, GFP_KERNEL);
		if (!r)
			return -ENOMEM;
	}
	kfree(pdev->resource);
	pdev->resource = r;
	pdev->num_resources = num;
	return 0;
}

int platform_device_add(struct platform_device *pdev)
{
	int ret;

	if (pdev->id < 0)
		ret = dev_set_name(&pdev->dev, "%s", pdev->name);
	else
		ret = dev_set_name(&pdev->dev, "%s.%d", pdev->name, pdev->id);
	if (ret)
		return ret;
	return device_add(&pdev->dev);
}

void platform_device_del(struct platform_device *pdev)
{
	if (pdev)
		device_del(&pdev->dev);
}

void platform_device_put(struct platform_device *pdev)
{
	if (pdev)
		put_device(&pdev->dev);
}

void platform_device_unregister(struct platform_device *pdev)
{
	platform_device_del(pdev);
	platform_device_put(pdev);
}

struct resource *platform_get_resource(struct platform_device *dev,
				       unsigned int type, unsigned int num)
{
	u32 i;

	for (i = 0; i < dev->num_resources; i++) {
		struct resource *r = &dev->resource[i];

		if ((r->flags & type) && num-- == 0)
			return r;
	}
	return NULL;
}

bool platform_model_is_mmio(phys_addr_t start, size_t size)
{
	struct device *dev;
	u32 i;

	list_for_each_entry(dev, &live_devices, model_node) {
		struct platform_device *pdev = to_platform_device(dev);

		if (dev->bus != &platform_bus_type)
			continue;
		for (i = 0; i < pdev->num_resources; i++) {
			const struct resource *r = &pdev->resource[i];

			if ((r->flags & IORESOURCE_MEM) && resource_size(r) &&
			    start <= r->end && r->start < start + size)
				return true;
		}
	}
	return false;
}

void __iomem *devm_platform_ioremap_resource(struct platform_device *pdev,
					     unsigned int index)
{
	return devm_ioremap_resource(&pdev->dev,
				     platform_get_resource(pdev, IORESOURCE_MEM, index));
}

int platform_get_irq(struct platform_device *dev, unsigned int num)
{
	(void)dev;
	(void)num;
	return -ENXIO;
}

struct platform_device *of_find_device_by_node(struct device_node *np)
{
	struct device *dev;

	list_for_each_entry(dev, &live_devices, model_node)
		if (dev->bus == &platform_bus_type && dev->of_node == np &&
		    dev->model_sysfs)
			return to_platform_device(get_device(dev));
	return NULL;
}

struct platform_device *platform_model_device_create(struct device_node *np,
						     const char *name, int id,
						     phys_addr_t base, size_t size)
{
	struct resource res = {
		.start = base,
		.end = base + size - 1,
		.name = name,
		.flags = IORESOURCE_MEM,
	};
	struct platform_device *pdev;
	int ret;

	pdev = platform_device_alloc(name, id);
	if (!pdev)
		return ERR_PTR(-ENOMEM);
	pdev->dev.of_node = of_node_get(np);
	pdev->dev.fwnode = of_fwnode_handle(np);
	if (size) {
		ret = platform_device_add_resources(pdev, &res, 1);
		if (ret)
			goto out_put;
	}
	ret = platform_device_add(pdev);
	if (ret)
		goto out_put;
	return pdev;

out_put:
	platform_device_put(pdev);
	return ERR_PTR(ret);
}

void device_model_teardown(void)
{
	struct device *dev;

	list_for_each_entry(dev, &live_devices, model_node)
		contract_violation("device-ref-leak",
				   "device %s still holds %d reference(s) at teardown",
				   dev_name(dev), dev->kref.refcount);
}

void device_model_reset(void)
{
	unsigned int i;

	INIT_LIST_HEAD(&live_devices);
	for (i = 0; i < MAX_PLATFORM_DRIVERS; i++)
		platform_drivers[i] = NULL;
}
