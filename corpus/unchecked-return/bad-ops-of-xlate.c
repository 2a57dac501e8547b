/* Translating a phandle by hand through the ops and dropping the result. */
#include <linux/iommu.h>
#include <linux/of.h>

int ox_translate(struct device *dev, const struct iommu_ops *ops,
		 struct of_phandle_args *args)
{
	/* expect: unchecked-return */
	ops->of_xlate(dev, args);
	return 0;
}
