/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel counters as read by IFSTATS_GET (per interface) and STATS_GET. */
#ifndef FLOWSTAT_STATS_H
#define FLOWSTAT_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <netlink/msg.h>
#include <linux/flowstat.h>

struct fs_ifstats {
	uint32_t ifindex;
	char ifname[FLOWSTAT_IFNAME_MAX];
	bool has_zone;
	char zone[FLOWSTAT_NAME_MAX];
	uint32_t services, protocols;	/* effective host-inbound */
	uint64_t cleared;		/* UNIX time, 0: never */
	uint64_t base[__FLOWSTAT_DEVSTAT_MAX];
	uint64_t rate[__FLOWSTAT_RATE_MAX];
	uint64_t ctr[__FLOWSTAT_CTR_MAX];
};

struct fs_ifstats_list {
	struct fs_ifstats *v;
	size_t n, cap;
};

struct fs_flowstats {
	uint64_t sessions[__FLOWSTAT_A_STATS_MAX];	/* by attribute */
	uint64_t ctr[__FLOWSTAT_CTR_MAX];
};

/* Fill @st from one IFSTATS message's attributes (missing ones: 0). */
void fs_ifstats_from_attrs(struct fs_ifstats *st, struct nlattr *head,
			   int len);
/* fs_msg_fn for the IFSTATS_GET dump; @arg is a struct fs_ifstats_list. */
int fs_ifstats_dump_cb(struct nlmsghdr *nlh, void *arg);
void fs_ifstats_list_reset(void *arg);
const struct fs_ifstats *fs_ifstats_find(const struct fs_ifstats_list *l,
					 uint32_t ifindex);

void fs_flowstats_from_attrs(struct fs_flowstats *fs, struct nlattr *head,
			     int len);
/* fs_msg_fn for STATS_GET; @arg is a struct fs_flowstats. */
int fs_flowstats_cb(struct nlmsghdr *nlh, void *arg);

#endif /* FLOWSTAT_STATS_H */
