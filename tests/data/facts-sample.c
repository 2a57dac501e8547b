/* Input of tests/test-facts.c: one of each construct the facts IR keeps. */
#include <linux/iommu.h>
#include <linux/bug.h>
#include <linux/slab.h>

struct sample_iommu {
	struct device dev;
	struct iommu_device *iommu;
	int ids[4];
};

static int sample_xlate(struct device *dev, struct of_phandle_args *args)
{
	return 0;
}

static const struct iommu_ops sample_ops = {
	.device_group	= generic_device_group,
#ifdef CONFIG_SAMPLE_DISABLED
	.of_xlate	= sample_xlate,
#endif
	.pgsize_bitmap	= 0x1000,
};

static int sample_probe(struct sample_iommu *s, int n)
{
	int ret, i;
	void *p;

	p = kzalloc(16, GFP_KERNEL);
	if (WARN_ON(!p))
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		if (s->ids[i] < 0)
			goto out_free;
	}
	switch (n) {
	case 1:
		ret = 1;
		break;
	default:
		ret = 0;
	}
	if (ret)
		ret = -EINVAL;
	else
		ret = 0;
	return ret;
out_free:
	kfree(p);
	return -EINVAL;
}

const void *sample_tables[] = { &sample_ops, sample_probe };

/* 6.11+'s struct platform_driver keeps remove/remove_new in an anonymous union. */
struct sample_driver {
	int (*probe)(int);
	union {
		void (*remove)(int);
		void (*remove_new)(int);
	};
};

static int sample_drv_probe(int x)
{
	return x;
}

static void sample_drv_remove(int x)
{
}

const struct sample_driver sample_driver = {
	.probe		= sample_drv_probe,
	.remove_new	= sample_drv_remove,
};
