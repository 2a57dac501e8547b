/*
 * "Return: the cell, with a reference the caller must drop": the lookup's
 * reference goes to the caller inside the container it returns, directly
 * or through a helper that converts it.
 */
#include <linux/device.h>

struct wr_cell {
	struct device dev;
	int value;
};

#define to_wr_cell(d) container_of(d, struct wr_cell, dev)

extern const struct bus_type wr_bus;
int wr_match(struct device *dev, const void *data);

struct wr_cell *wr_cell_get(const void *key);
struct wr_cell *wr_cell_get(const void *key)
{
	struct device *dev;

	/* ok: device-lookup-put */
	dev = bus_find_device(&wr_bus, NULL, key, wr_match);
	if (!dev)
		return NULL;
	return to_wr_cell(dev);
}

static struct wr_cell *__wr_cell_check(struct device *dev)
{
	struct wr_cell *cell = to_wr_cell(dev);

	if (cell->value < 0)
		return ERR_PTR(-EINVAL);
	return cell;
}

struct wr_cell *wr_cell_get_checked(const void *key);
struct wr_cell *wr_cell_get_checked(const void *key)
{
	struct wr_cell *cell;
	struct device *dev;

	/* ok: device-lookup-put */
	dev = bus_find_device(&wr_bus, NULL, key, wr_match);
	if (!dev)
		return ERR_PTR(-ENODEV);
	cell = __wr_cell_check(dev);
	if (IS_ERR(cell))
		put_device(dev);
	return cell;
}
