/* The sysfs node may not exist, yet remove() will take it down. */
#include <linux/iommu.h>

struct sa_unit {
	struct iommu_device iommu;
	char name[16];
};

static const struct iommu_ops sa_ops;

int sa_init_unit(struct sa_unit *u)
{
	/* expect: unchecked-return */
	iommu_device_sysfs_add(&u->iommu, NULL, NULL, "%s", u->name);
	return iommu_device_register(&u->iommu, &sa_ops, NULL);
}
