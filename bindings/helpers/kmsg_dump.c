// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: kmsg dumpers (see kcxx_bindings/kmsg_dump.h). */

_Static_assert(sizeof(struct kmsg_dump_iter) == 16 &&
	       offsetof(struct kmsg_dump_iter, cur_seq) == 0 &&
	       offsetof(struct kmsg_dump_iter, next_seq) == 8,
	       "struct kmsg_dump_iter changed: update kcxx_bindings/kmsg_dump.h");

struct kcxx_kmsg_dumper {
	struct kmsg_dumper dumper;
	kcxx_kmsg_dump_fn fn;
	void *context;
};

/* The dump() callback changed its second argument in 6.12. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
static void kcxx_kmsg_dump_trampoline(struct kmsg_dumper *dumper,
				      struct kmsg_dump_detail *detail)
{
	struct kcxx_kmsg_dumper *d = container_of(dumper, struct kcxx_kmsg_dumper, dumper);

	d->fn(d->context, detail->reason);
}
#else
static void kcxx_kmsg_dump_trampoline(struct kmsg_dumper *dumper,
				      enum kmsg_dump_reason reason)
{
	struct kcxx_kmsg_dumper *d = container_of(dumper, struct kcxx_kmsg_dumper, dumper);

	d->fn(d->context, reason);
}
#endif

int kcxx_helper_kmsg_dumper_register(struct kcxx_kmsg_dumper **out, kcxx_kmsg_dump_fn fn,
				     void *context, int max_reason, gfp_t gfp)
{
	struct kcxx_kmsg_dumper *d;
	int ret;

	d = kzalloc(sizeof(*d), gfp);
	if (!d)
		return -ENOMEM;
	d->fn = fn;
	d->context = context;
	d->dumper.dump = kcxx_kmsg_dump_trampoline;
	d->dumper.max_reason = max_reason;
	ret = kmsg_dump_register(&d->dumper);
	if (ret) {
		kfree(d);
		return ret;
	}
	*out = d;
	return 0;
}

void kcxx_helper_kmsg_dumper_unregister(struct kcxx_kmsg_dumper *d)
{
	/* Waits (synchronize_rcu) for a dump that is running to return. */
	kmsg_dump_unregister(&d->dumper);
	kfree(d);
}
