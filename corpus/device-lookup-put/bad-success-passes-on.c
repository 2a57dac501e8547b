/*
 * The success path passes the device to a function this file cannot see:
 * it may keep it (an IRQ cookie, a devres owner), so whether the success
 * path should drop the reference cannot be told and the finding has no fix.
 */
#include <linux/of_platform.h>

int sp_attach_irq(struct device *dev, int irq);

int sp_setup(struct device_node *np, int irq);
int sp_setup(struct device_node *np, int irq)
{
	struct platform_device *pdev;

	/* expect: device-lookup-put */
	pdev = of_find_device_by_node(np);
	if (!pdev)
		return -ENODEV;
	if (sp_attach_irq(&pdev->dev, irq))
		return -EBUSY;
	return 0;
}
