/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: interrupt handlers (include/linux/interrupt.h), for
 * include/kcxx/irq/.  request_threaded_irq() and free_irq() are exported
 * functions on 6.1 and 6.12; irqreturn_t is an enum (0, 1, 2).
 */
#ifndef KCXX_BINDINGS_IRQ_H
#define KCXX_BINDINGS_IRQ_H

KCXX_BINDINGS_BEGIN

/*
 * irq_handler_t returns enum irqreturn, whose values C++ returns as an
 * int (the same register, values 0..2); C checks the prototypes below with
 * the kernel's own type.
 */
#ifdef __cplusplus
typedef int (*kcxx_irq_handler_t)(int irq, void *data);
#else
typedef irq_handler_t kcxx_irq_handler_t;
#endif

/* kernel/irq/manage.c, exported. */
int request_threaded_irq(unsigned int irq, kcxx_irq_handler_t handler, kcxx_irq_handler_t thread_fn,
			 unsigned long flags, const char *name, void *dev);
const void *free_irq(unsigned int irq, void *dev_id);
void synchronize_irq(unsigned int irq);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_IRQ_H */
