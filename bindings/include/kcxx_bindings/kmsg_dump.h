/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: kmsg_dump (include/linux/kmsg_dump.h), the kernel log as
 * crash dumpers read it.
 *
 * The iterator API (kmsg_dump_rewind, kmsg_dump_get_buffer) is the same on
 * 6.1 and 6.12 and is called directly.  The dumper callback is not: 6.12
 * passes a struct kmsg_dump_detail * where 6.1 passes the reason, so the
 * dumper is registered through a helper whose trampoline has the right
 * signature for the kernel it is built against and calls a plain
 * (context, reason) function.
 */
#ifndef KCXX_BINDINGS_KMSG_DUMP_H
#define KCXX_BINDINGS_KMSG_DUMP_H

KCXX_BINDINGS_BEGIN

struct kmsg_dump_iter;
#ifdef __cplusplus
/* Mirrored field by field; checked against the kernel in <kcxx/kmsg_dump.h>. */
struct kmsg_dump_iter {
	unsigned long long cur_seq;
	unsigned long long next_seq;
};
#endif

/* kernel/printk/printk.c, exported (GPL). */
void kmsg_dump_rewind(struct kmsg_dump_iter *iter);
bool kmsg_dump_get_buffer(struct kmsg_dump_iter *iter, bool syslog, char *buf,
			  kcxx_size_t size, kcxx_size_t *len_out);

/* A registered dumper (bindings/helpers/kmsg_dump.c). */
KCXX_OPAQUE_STRUCT(kcxx_kmsg_dumper);
typedef void (*kcxx_kmsg_dump_fn)(void *context, int reason);

/*
 * Allocates a dumper (gfp), registers it for reasons up to max_reason and
 * stores it in *out; fn(context, reason) is then called for every dump until
 * kcxx_helper_kmsg_dumper_unregister().  0 or a negative errno.
 */
int kcxx_helper_kmsg_dumper_register(struct kcxx_kmsg_dumper **out, kcxx_kmsg_dump_fn fn,
				     void *context, int max_reason, kcxx_gfp_t gfp);
/* Unregisters (waiting for a dump in progress to finish) and frees. */
void kcxx_helper_kmsg_dumper_unregister(struct kcxx_kmsg_dumper *dumper);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_KMSG_DUMP_H */
