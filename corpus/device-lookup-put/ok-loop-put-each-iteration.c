/*
 * A lookup per iteration, put in the same iteration: the returns before
 * the next lookup hold nothing, and neither do the ones after the put.
 */
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/slab.h>

int li_check(struct device *dev, struct device_node *np, int count);
int li_check(struct device *dev, struct device_node *np, int count)
{
	struct of_phandle_args args;
	struct platform_device *pdev;
	void *buf;
	int i;

	for (i = 0; i < count; i++) {
		buf = devm_kzalloc(dev, 16, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
		if (of_parse_phandle_with_args(np, "dais", NULL, i, &args))
			return -EINVAL;
		/* ok: device-lookup-put */
		pdev = of_find_device_by_node(args.np);
		if (!pdev)
			return -EINVAL;
		put_device(&pdev->dev);
		if (!devm_kzalloc(dev, 16, GFP_KERNEL))
			return -ENOMEM;
	}
	/* a second lookup into the same variable, later in the function */
	pdev = of_find_device_by_node(np);
	if (!pdev)
		return -ENODEV;
	put_device(&pdev->dev);
	return 0;
}
