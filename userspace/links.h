/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interfaces of the namespace as rtnetlink reports them: names,
 * aliases (the Junos names), state, MTU and the device's own counters.
 */
#ifndef FLOWSTAT_LINKS_H
#define FLOWSTAT_LINKS_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/flowstat.h>

struct fs_link {
	int ifindex;
	char name[IF_NAMESIZE];
	char alias[FLOWSTAT_IFNAME_MAX];
	bool up;		/* IFF_UP: "Enabled" */
	bool running;		/* IFF_RUNNING: "Physical link is Up" */
	unsigned int mtu;
	uint64_t rx_packets, tx_packets, rx_bytes, tx_bytes;
};

struct fs_links {
	struct fs_link *v;	/* sorted by ifindex */
	size_t n, cap;
};

/* Read all links; 0 or an exit code (message printed). */
int fs_links_load(struct fs_links *l);
void fs_links_free(struct fs_links *l);

/* By Linux name or alias, with an optional ".0" unit; NULL if none. */
const struct fs_link *fs_links_find(const struct fs_links *l,
				    const char *name);
const struct fs_link *fs_links_by_index(const struct fs_links *l,
					int ifindex);
/* The alias if it has one, else the Linux name. */
const char *fs_link_display_name(const struct fs_link *link);

#endif /* FLOWSTAT_LINKS_H */
