#ifndef _LINUX_OF_PLATFORM_H
#define _LINUX_OF_PLATFORM_H

#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>

/*
 * The platform device bound to @np, with a reference on its struct device
 * that the caller drops with put_device(&pdev->dev) or platform_device_put.
 */
struct platform_device *of_find_device_by_node(struct device_node *np);

#endif /* _LINUX_OF_PLATFORM_H */
