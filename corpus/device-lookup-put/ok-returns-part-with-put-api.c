/*
 * The driver's own get/put API: the getter returns a part of the driver
 * data of the device it found, keeping the device reference; the putter
 * drops it through the part (put_device() on the owner's device).
 */
#include <linux/of_platform.h>

struct pp_ctl;

struct pp_chan {
	struct pp_ctl *ctl;
	int id;
};

struct pp_ctl {
	struct device *dev;
	struct pp_chan chans[4];
};

static struct pp_ctl *pp_chan_ctl(struct pp_chan *chan)
{
	return chan->ctl;
}

void pp_chan_put(struct pp_chan *chan);
void pp_chan_put(struct pp_chan *chan)
{
	struct pp_ctl *ctl = pp_chan_ctl(chan);

	put_device(ctl->dev);
}

struct pp_chan *pp_chan_get(struct device_node *np, unsigned int id);
struct pp_chan *pp_chan_get(struct device_node *np, unsigned int id)
{
	struct platform_device *pdev;
	struct pp_chan *chan;
	struct pp_ctl *ctl;

	/* ok: device-lookup-put */
	pdev = of_find_device_by_node(np);
	if (!pdev)
		return ERR_PTR(-ENODEV);
	ctl = platform_get_drvdata(pdev);
	if (!ctl || id >= 4) {
		platform_device_put(pdev);
		return ERR_PTR(-EINVAL);
	}
	chan = &ctl->chans[id];
	return chan;
}
