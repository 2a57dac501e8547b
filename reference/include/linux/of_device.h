#ifndef _LINUX_OF_DEVICE_H
#define _LINUX_OF_DEVICE_H

#include <linux/of.h>
#include <linux/device.h>

const void *of_device_get_match_data(const struct device *dev);
int of_dma_configure(struct device *dev, struct device_node *np, bool force_dma);

#endif /* _LINUX_OF_DEVICE_H */
