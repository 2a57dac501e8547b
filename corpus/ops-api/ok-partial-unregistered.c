/*
 * A partial ops table that is never handed to the core (a template a
 * driver copies into its real table): required callbacks are not asked.
 */
#include <linux/iommu.h>

static void pu_get_resv_regions(struct device *dev, struct list_head *head)
{
}

/* ok: ops-api */
const struct iommu_ops pu_common_ops = {
	.get_resv_regions	= pu_get_resv_regions,
	.pgsize_bitmap		= 0x1000,
};
