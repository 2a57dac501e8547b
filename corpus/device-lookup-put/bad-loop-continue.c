/*
 * A lookup per phandle in a loop: the "not probed yet" case continues to
 * the next phandle and loses this one's reference; the function returns
 * with it still held.
 */
#include <linux/iommu.h>
#include <linux/of.h>
#include <linux/of_platform.h>

int lc_count_ready(struct device_node *np, int count);
int lc_count_ready(struct device_node *np, int count)
{
	struct of_phandle_args args;
	struct platform_device *pdev;
	int i, ready = 0;

	for (i = 0; i < count; i++) {
		if (of_parse_phandle_with_args(np, "iommus", "#iommu-cells", i, &args))
			break;
		/* expect: device-lookup-put */
		pdev = of_find_device_by_node(args.np);
		of_node_put(args.np);
		if (!pdev)
			continue;
		if (!platform_get_drvdata(pdev))
			continue;
		ready++;
		platform_device_put(pdev);
	}
	return ready;
}
