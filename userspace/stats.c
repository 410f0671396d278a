// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding of the counter messages. Counters are one u64 attribute each,
 * type = counter + 1; a missing one reads 0 and unknown types are skipped,
 * so an older tool reads a newer module and the other way round.
 */
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>

#include "nl.h"
#include "stats.h"
#include "util.h"

static void get_counters(uint64_t *ctr, struct nlattr *nest)
{
	struct nlattr *a;
	int rem, t;

	nla_for_each_nested(a, nest, rem) {
		t = nla_type(a);
		if (t >= FLOWSTAT_A_COUNTER(0) &&
		    t <= FLOWSTAT_A_COUNTER(FLOWSTAT_CTR_MAX))
			ctr[t - FLOWSTAT_A_COUNTER(0)] = fs_nla_u64(a);
	}
}

/* A nest of u64 attributes 1..max into v[type]. */
static void get_u64_nest(uint64_t *v, int max, int pad,
			 struct nlattr *nest)
{
	struct nlattr *a;
	int rem, t;

	nla_for_each_nested(a, nest, rem) {
		t = nla_type(a);
		if (t >= 1 && t <= max && t != pad)
			v[t] = fs_nla_u64(a);
	}
}

void fs_ifstats_from_attrs(struct fs_ifstats *st, struct nlattr *head,
			   int len)
{
	struct nlattr *a;
	int rem;

	memset(st, 0, sizeof(*st));
	nla_for_each_attr(a, head, len, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_IFSTATS_IFINDEX:
			st->ifindex = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_IFSTATS_IFNAME:
			fs_nla_str(a, st->ifname, sizeof(st->ifname));
			break;
		case FLOWSTAT_A_IFSTATS_ZONE:
			st->has_zone = true;
			fs_nla_str(a, st->zone, sizeof(st->zone));
			break;
		case FLOWSTAT_A_IFSTATS_SERVICES:
			st->services = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_IFSTATS_PROTOCOLS:
			st->protocols = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_IFSTATS_CLEARED:
			st->cleared = fs_nla_u64(a);
			break;
		case FLOWSTAT_A_IFSTATS_BASE:
			get_u64_nest(st->base, FLOWSTAT_DEVSTAT_MAX,
				     FLOWSTAT_DEVSTAT_PAD, a);
			break;
		case FLOWSTAT_A_IFSTATS_RATE:
			get_u64_nest(st->rate, FLOWSTAT_RATE_MAX,
				     FLOWSTAT_RATE_PAD, a);
			break;
		case FLOWSTAT_A_IFSTATS_COUNTERS:
			get_counters(st->ctr, a);
			break;
		}
	}
}

int fs_ifstats_dump_cb(struct nlmsghdr *nlh, void *arg)
{
	struct fs_ifstats_list *l = arg;
	struct fs_ifstats *st;
	struct nlattr *head;
	int len;

	head = fs_genl_attrs(nlh, &len);
	st = ARRAY_PUSH(l->v, l->n, l->cap);
	fs_ifstats_from_attrs(st, head, len);
	return 0;
}

void fs_ifstats_list_reset(void *arg)
{
	struct fs_ifstats_list *l = arg;

	l->n = 0;
}

const struct fs_ifstats *fs_ifstats_find(const struct fs_ifstats_list *l,
					 uint32_t ifindex)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].ifindex == ifindex)
			return &l->v[i];
	return NULL;
}

void fs_flowstats_from_attrs(struct fs_flowstats *fs, struct nlattr *head,
			     int len)
{
	struct nlattr *a;
	int rem, t;

	memset(fs, 0, sizeof(*fs));
	nla_for_each_attr(a, head, len, rem) {
		t = nla_type(a);
		if (t == FLOWSTAT_A_STATS_COUNTERS)
			get_counters(fs->ctr, a);
		else if (t >= FLOWSTAT_A_STATS_SESSIONS_CURRENT &&
			 t <= FLOWSTAT_A_STATS_SESSIONS_OTHER)
			fs->sessions[t] = fs_nla_u64(a);
	}
}

int fs_flowstats_cb(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *head;
	int len;

	head = fs_genl_attrs(nlh, &len);
	fs_flowstats_from_attrs(arg, head, len);
	return 0;
}
