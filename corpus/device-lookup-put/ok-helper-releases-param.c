/*
 * The reference goes to a helper whose body puts its parameter (through
 * a second helper), and to one that keeps it in a structure: both end
 * this function's duty.
 */
#include <linux/of_platform.h>

struct hr_ctx {
	struct platform_device *peer;
};

static void hr_release_peer(struct platform_device *pdev)
{
	platform_device_put(pdev);
}

static void hr_drop(struct platform_device *pdev, int why)
{
	if (why)
		hr_release_peer(pdev);
}

static void hr_keep(struct hr_ctx *ctx, struct platform_device *pdev)
{
	ctx->peer = pdev;
}

int hr_probe(struct hr_ctx *ctx, struct device_node *np);
int hr_probe(struct hr_ctx *ctx, struct device_node *np)
{
	struct platform_device *pdev;

	/* ok: device-lookup-put */
	pdev = of_find_device_by_node(np);
	if (!pdev)
		return -ENODEV;
	if (!platform_get_drvdata(pdev)) {
		hr_drop(pdev, 1);
		return -EPROBE_DEFER;
	}
	hr_keep(ctx, pdev);
	return 0;
}
