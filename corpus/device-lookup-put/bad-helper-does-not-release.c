/*
 * The reference is passed to a helper that only reads it: the helper
 * neither puts nor keeps its parameter, so the caller still owns it.
 */
#include <linux/of_platform.h>

static int hn_ready(struct platform_device *pdev)
{
	return platform_get_drvdata(pdev) != NULL;
}

int hn_probe(struct device_node *np);
int hn_probe(struct device_node *np)
{
	struct platform_device *pdev;

	/* expect: device-lookup-put */
	pdev = of_find_device_by_node(np);
	if (!pdev)
		return -ENODEV;
	if (!hn_ready(pdev))
		return -EPROBE_DEFER;
	return 0;
}
