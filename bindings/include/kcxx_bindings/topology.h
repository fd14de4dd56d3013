/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: CPU and NUMA node counts (include/kcxx/topology.h).
 * nr_cpu_ids is an exported variable (kernel/smp.c); nr_online_nodes is a
 * macro over node_states: a helper.
 */
#ifndef KCXX_BINDINGS_TOPOLOGY_H
#define KCXX_BINDINGS_TOPOLOGY_H

KCXX_BINDINGS_BEGIN

extern unsigned int nr_cpu_ids;
unsigned int kcxx_helper_nr_online_nodes(void);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_TOPOLOGY_H */
