/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The counter names table, indexed by enum flowstat_counter: a new counter
 * is one line in the uapi enum and one line here.
 */
#ifndef FLOWSTAT_COUNTERS_H
#define FLOWSTAT_COUNTERS_H

#include <stdint.h>
#include <linux/flowstat.h>

struct fs_counter_name {
	const char *label;	/* text label, as on the gateways */
	const char *key;	/* JSON key, snake_case, unique per section */
};

extern const struct fs_counter_name fs_counters[__FLOWSTAT_CTR_MAX];

/* Sections of `show interfaces flow-statistics`, in enum order. */
#define FS_CTR_IN_FIRST		FLOWSTAT_CTR_IN_SELF
#define FS_CTR_IN_LAST		FLOWSTAT_CTR_IN_CONNECTIONS
#define FS_CTR_OUT_FIRST	FLOWSTAT_CTR_OUT_MULTICAST
#define FS_CTR_OUT_LAST		FLOWSTAT_CTR_OUT_PERMIT_BYTES
#define FS_CTR_DROP_FIRST	FLOWSTAT_CTR_DROP_FIRST
#define FS_CTR_DROP_LAST	FLOWSTAT_CTR_MAX

/* Display order of the Local and Transit statistics lines. */
extern const int fs_local_order[4];
extern const int fs_transit_order[4];

/* Sum of the flow error (drop) counters of @ctr. */
uint64_t fs_counters_drops(const uint64_t *ctr);

#endif /* FLOWSTAT_COUNTERS_H */
