/*
 * The unwind puts the reference only if a flag says so, but the flag is
 * set after a step that can fail: that failure leaks the reference.
 */
#include <linux/of_platform.h>

int fn_setup(struct device_node *np, int mode);
int fn_setup(struct device_node *np, int mode)
{
	struct platform_device *pdev;
	bool have_peer = false;
	int ret = 0;

	/* expect: device-lookup-put */
	pdev = of_find_device_by_node(np);
	if (!pdev)
		return -ENODEV;
	if (mode > 3) {
		ret = -EINVAL;
		goto out;
	}
	have_peer = true;
	ret = mode;
out:
	if (have_peer)
		put_device(&pdev->dev);
	return ret;
}
