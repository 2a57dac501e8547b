/*
 * 4.x style: the driver declared itself with IOMMU_OF_DECLARE (removed in
 * 4.20) but its ops have no .of_xlate.  The macro is defined here as the old
 * kernels had it, in shape.
 */
#include <linux/iommu.h>
#include <linux/of.h>

#define IOMMU_OF_DECLARE(name, compat) \
	static const char *const __iommu_of_table_##name __attribute__((unused)) = compat

static int decl_attach(struct iommu_domain *domain, struct device *dev)
{
	return 0;
}

/* expect: of-xlate-presence */
static const struct iommu_ops decl_ops = {
	.attach_dev	= decl_attach,
	.device_group	= generic_device_group,
};

IOMMU_OF_DECLARE(decl_iommu, "vendor,decl-iommu");

const struct iommu_ops *decl_get(void)
{
	return &decl_ops;
}
