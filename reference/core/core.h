/* Declarations shared by the reference core's translation units only. */
#ifndef _REFERENCE_CORE_H
#define _REFERENCE_CORE_H

#include <stdarg.h>
#include <linux/types.h>
#include <linux/compiler.h>

struct device;

/* host.c: the only file that uses the C library's headers */
void *host_alloc(size_t size);
void host_free(void *p);
__printf(1, 0) void host_vlog(const char *fmt, va_list args);
__noreturn void host_abort(void);
const char *host_getenv(const char *name);

/* per-module reset hooks run by refcheck_reset / refcheck_teardown */
void device_model_teardown(void);
void device_model_reset(void);
void of_model_teardown(void);
void of_model_reset(void);
void iommu_model_teardown(void);
void iommu_model_reset(void);
void kmem_teardown(void);
void kmem_reset(void);

int dev_set_name_va(struct device *dev, const char *fmt, va_list args);
void iommu_release_device(struct device *dev);
int platform_bus_probe_device(struct device *dev);
void platform_bus_remove_device(struct device *dev);

#endif /* _REFERENCE_CORE_H */
