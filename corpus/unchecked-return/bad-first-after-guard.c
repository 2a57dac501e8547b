/*
 * The ipmmu shape: the only statements before the ignored call are a
 * declaration and a guard whose predicate (a function of the file) has
 * no effect, so a failure has nothing to undo: the fix adds "int ret;"
 * and returns the error.
 */
#include <linux/iommu.h>

static bool ga_allowed(struct device *dev)
{
	const char *name = dev_name(dev);
	unsigned int i;

	for (i = 0; i < 2; i++)
		if (name[i] == 'x')
			return true;
	return false;
}

static int ga_of_xlate(struct device *dev, struct of_phandle_args *spec)
{
	unsigned int id = 3;

	if (!ga_allowed(dev))
		return -ENODEV;

	/* expect: unchecked-return */
	iommu_fwspec_add_ids(dev, &id, 1);

	return 0;
}

const struct iommu_ops ga_ops = {
	.of_xlate = ga_of_xlate,
};
