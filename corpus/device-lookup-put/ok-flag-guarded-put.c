/*
 * A flag set after the lookup succeeded decides the put in the shared
 * unwind: the unwind never holds a reference without putting it.
 */
#include <linux/of_platform.h>

int fg_setup(struct device_node *np, int mode);
int fg_setup(struct device_node *np, int mode)
{
	struct platform_device *pdev = NULL;
	bool have_peer = false;
	int ret = 0;

	if (mode) {
		/* ok: device-lookup-put */
		pdev = of_find_device_by_node(np);
		if (!pdev)
			return -ENODEV;
		have_peer = true;
	}
	if (mode > 3) {
		ret = -EINVAL;
		goto out;
	}
	ret = mode;
out:
	if (have_peer)
		put_device(&pdev->dev);
	return ret;
}
