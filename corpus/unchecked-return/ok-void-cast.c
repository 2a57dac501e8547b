/* An explicit (void) cast documents a deliberate choice. */
#include <linux/iommu.h>

int vc_add_alias(struct device *dev, u32 alias)
{
	/* ok: unchecked-return */
	(void)iommu_fwspec_add_ids(dev, &alias, 1);
	return 0;
}
