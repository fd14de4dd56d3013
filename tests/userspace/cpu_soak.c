// SPDX-License-Identifier: GPL-2.0
/*
 * cpu_soak FILE: counts up, as fast as it can, in the first 8 bytes of
 * FILE (created, mapped shared), until killed.  bench/vm/nvme.sh runs one
 * per CPU at SCHED_IDLE, so that a CPU is never idle: under QEMU's
 * -icount shift=0,sleep=off every guest instruction is a guest ns, and the
 * guest time a run took less what the loops counted (times the loop's
 * instructions per count, calibrated) is what everything else executed -
 * fio, the block layer, the driver and its interrupts (an interrupt that
 * lands on a loop stops its count, so it is not lost as /proc time would
 * lose it without CONFIG_IRQ_TIME_ACCOUNTING).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: cpu_soak FILE\n");
		return 2;
	}
	int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || ftruncate(fd, 4096)) {
		perror(argv[1]);
		return 1;
	}
	volatile uint64_t *count = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (count == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	for (;;)
		*count += 1;
}
