/*
 * A getter returns the driver data of the looked-up device: the returned
 * object may carry the reference for a put of its own (qmc_chan_put(),
 * tsa_serial_put() do so), so the finding has no fix.
 */
#include <linux/of_platform.h>

struct rd_chan {
	int id;
};

struct rd_chan *rd_chan_get(struct device_node *np);
struct rd_chan *rd_chan_get(struct device_node *np)
{
	struct platform_device *pdev;
	struct rd_chan *chan;

	/* expect: device-lookup-put */
	pdev = of_find_device_by_node(np);
	if (!pdev)
		return ERR_PTR(-ENODEV);
	chan = platform_get_drvdata(pdev);
	if (!chan)
		return ERR_PTR(-EPROBE_DEFER);
	return chan;
}
