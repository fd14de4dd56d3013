// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: helpers for CPU and node counts (kcxx_bindings/topology.h). */

unsigned int kcxx_helper_nr_online_nodes(void)
{
	return nr_online_nodes;
}
