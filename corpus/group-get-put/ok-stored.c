/*
 * Ownership transfer into driver state: the group is cached in the
 * per-stream structure and put when the stream is freed.
 */
#include <linux/err.h>
#include <linux/iommu.h>

struct st_stream {
	struct iommu_group *group;
};

int st_attach(struct st_stream *s, struct device *dev);
int st_attach(struct st_stream *s, struct device *dev)
{
	struct iommu_group *group;

	group = iommu_group_alloc();
	if (IS_ERR_OR_NULL(group))
		/* ok: group-get-put */
		return -ENOMEM;
	s->group = group;
	/* ok: group-get-put */
	return 0;
}
