/*
 * Scatter-gather lists.  The model keeps a physical address per entry
 * instead of a page pointer plus offset.
 */
#ifndef _LINUX_SCATTERLIST_H
#define _LINUX_SCATTERLIST_H

#include <linux/types.h>
#include <linux/string.h>

struct scatterlist {
	phys_addr_t phys;
	unsigned int offset;
	unsigned int length;
	dma_addr_t dma_address;
	unsigned int dma_length;
	bool end;
};

static inline void sg_init_table(struct scatterlist *sgl, unsigned int nents)
{
	memset(sgl, 0, sizeof(*sgl) * nents);
	if (nents)
		sgl[nents - 1].end = true;
}

static inline void sg_set_phys(struct scatterlist *sg, phys_addr_t phys,
			       unsigned int len)
{
	sg->phys = phys;
	sg->offset = 0;
	sg->length = len;
}

static inline phys_addr_t sg_phys(const struct scatterlist *sg)
{
	return sg->phys + sg->offset;
}

static inline struct scatterlist *sg_next(struct scatterlist *sg)
{
	return sg->end ? NULL : sg + 1;
}

#define for_each_sg(sglist, sg, nr, __i) \
	for (__i = 0, sg = (sglist); __i < (nr); __i++, sg = sg_next(sg))

#endif /* _LINUX_SCATTERLIST_H */
