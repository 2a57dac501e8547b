/* SPDX-License-Identifier: GPL-2.0 */
/* interrupt.h - requesting an IRQ: dev_id is handed to the handler until free_irq(). */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

#include <linux/device.h>

typedef int irqreturn_t;
typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id);
int devm_request_irq(struct device *dev, unsigned int irq, irq_handler_t handler,
		     unsigned long flags, const char *name, void *dev_id);
void free_irq(unsigned int irq, void *dev_id);

#endif
