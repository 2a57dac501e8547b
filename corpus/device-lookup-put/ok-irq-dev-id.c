/*
 * The device found is the dev_id of an interrupt handler that uses it for
 * as long as the IRQ is requested: the reference stays held on purpose.
 */
#include <linux/interrupt.h>
#include <linux/of_platform.h>

static irqreturn_t ia_handler(int irq, void *dev_id)
{
	struct device *dev = dev_id;

	return dev_get_drvdata(dev) != NULL;
}

int ia_init(struct device_node *np, unsigned int irq);
int ia_init(struct device_node *np, unsigned int irq)
{
	struct platform_device *pdev;

	/* ok: device-lookup-put */
	pdev = of_find_device_by_node(np);
	if (!pdev)
		return -ENODEV;
	return request_irq(irq, ia_handler, 0, "ia", &pdev->dev);
}
