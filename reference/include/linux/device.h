/*
 * Driver model: struct device is reference counted (kobject kref in the
 * kernel, a kref here).  When the last reference goes, the release
 * callback of the device, else of its type, else of its class frees it;
 * the memory must be freed through the pointer that was allocated (the
 * 4.11 embedded-struct-device bug freed &iommu->dev with kfree).
 *
 * 4.x: struct device had iommu_fwspec directly; 5.2+ moved it into
 * dev->iommu (struct dev_iommu).  Both are modelled: only dev->iommu is
 * used by the core.
 */
#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/fwnode.h>
#include <linux/ioport.h>
#include <linux/slab.h>
#include <linux/cleanup.h>

struct device;
struct device_node;
struct of_device_id;
struct module;
struct iommu_group;
struct iommu_fwspec;
struct dev_iommu;
struct attribute_group;

struct device_driver {
	const char *name;
	const struct bus_type *bus;
	struct module *owner;
	const struct of_device_id *of_match_table;
	int (*probe)(struct device *dev);
	int (*remove)(struct device *dev);
};

struct bus_type {
	const char *name;
	int (*match)(struct device *dev, struct device_driver *drv);
	/* 4.x only: the per-bus IOMMU ops, replaced by dev->iommu in 5.x. */
	const struct iommu_ops *iommu_ops;
};

struct class {
	const char *name;
	const struct attribute_group **dev_groups;
	void (*dev_release)(struct device *dev);
};

struct device_type {
	const char *name;
	void (*release)(struct device *dev);
};

struct device {
	struct kref kref;		/* kobj.kref in the kernel */
	const char *init_name;
	char *name;			/* kobject name, set by dev_set_name */
	struct device *parent;
	const struct device_type *type;
	const struct bus_type *bus;
	struct device_driver *driver;
	void *platform_data;
	void *driver_data;
	struct device_node *of_node;
	struct fwnode_handle *fwnode;
	const struct class *class;
	const struct attribute_group **groups;
	void (*release)(struct device *dev);
	struct iommu_group *iommu_group;
	struct dev_iommu *iommu;	/* 5.8+; 4.x had iommu_fwspec here */
	struct list_head devres_head;
	struct list_head model_node;	/* model: registry of live devices */
	void *model_sysfs;		/* model: sysfs entry made by device_add */
};

void device_initialize(struct device *dev);
int device_add(struct device *dev);
int device_register(struct device *dev);
void device_del(struct device *dev);
void device_unregister(struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
__printf(2, 3) int dev_set_name(struct device *dev, const char *fmt, ...);
bool device_is_registered(struct device *dev);

static inline const char *dev_name(const struct device *dev)
{
	if (dev->name)
		return dev->name;
	return dev->init_name ? dev->init_name : "(unnamed)";
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

static inline struct device_node *dev_of_node(struct device *dev)
{
	return dev->of_node;
}

static inline struct fwnode_handle *dev_fwnode(struct device *dev)
{
	return dev->fwnode;
}

/* Lookups: the device comes back with a reference the caller must put. */
struct device *bus_find_device(const struct bus_type *bus, struct device *start,
			       const void *data,
			       int (*match)(struct device *dev, const void *data));
struct device *bus_find_device_by_fwnode(const struct bus_type *bus,
					 const struct fwnode_handle *fwnode);
struct device *driver_find_device(const struct device_driver *drv, struct device *start,
				  const void *data,
				  int (*match)(struct device *dev, const void *data));

/* Managed resources: released after remove() or a failed probe(). */
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp) __malloc;
void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp) __malloc;
void devm_kfree(struct device *dev, const void *p);
void __iomem *devm_ioremap_resource(struct device *dev, const struct resource *res);
void devres_release_all(struct device *dev);
/* action(data) runs at unbind or on probe failure; on error it runs now. */
int devm_add_action_or_reset(struct device *dev, void (*action)(void *), void *data);

__printf(2, 3) void _dev_err(const struct device *dev, const char *fmt, ...);
__printf(2, 3) void _dev_warn(const struct device *dev, const char *fmt, ...);
__printf(2, 3) void _dev_info(const struct device *dev, const char *fmt, ...);
__printf(2, 3) void _dev_dbg(const struct device *dev, const char *fmt, ...);

#define dev_err(dev, fmt, ...)	_dev_err(dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)	_dev_warn(dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)	_dev_info(dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)	_dev_dbg(dev, fmt, ##__VA_ARGS__)

__printf(3, 4) int dev_err_probe(const struct device *dev, int err, const char *fmt, ...);

DEFINE_FREE(put_device, struct device *, if (_T) put_device(_T))

#endif /* _LINUX_DEVICE_H */
