// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: FLOWSTAT_CMD_NAT_POOL_GET and FLOWSTAT_CMD_NAT_RULE_GET, the
 * NAT pools with their use and the NAT rules with their hits, one message
 * each, in configured order.
 */
#include <net/genetlink.h>
#include <net/netlink.h>

#include "nat.h"

static unsigned long fs_nat_pool_count(const struct fs_config *cfg)
{
	return cfg->nat ? cfg->nat->n_pools : 0;
}

static int fs_nat_pool_stats_fill(struct sk_buff *skb,
				  const struct fs_config *cfg, unsigned long i)
{
	const struct fs_nat_pool *p = &cfg->nat->pools[i];
	const struct fs_nat_alloc *a = p->alloc;
	u32 k, id = 0;

	/* ids count pools of the same kind */
	for (k = 0; k <= i; k++)
		id += cfg->nat->pools[k].kind == p->kind;
	if (!a)
		return fs_nat_pool_fill(skb, p) ||
				       nla_put_u32(skb, FLOWSTAT_A_NATPOOL_ID,
						   id) ||
				       nla_put_u64_64bit(
					       skb,
					       FLOWSTAT_A_NATPOOL_ADDRESSES, 1,
					       FLOWSTAT_A_NATPOOL_PAD) ||
				       nla_put_u64_64bit(
					       skb, FLOWSTAT_A_NATPOOL_HITS,
					       atomic64_read(&p->hits),
					       FLOWSTAT_A_NATPOOL_PAD) ?
			       -EMSGSIZE :
			       0;
	if (fs_nat_pool_fill(skb, p) ||
	    nla_put_u32(skb, FLOWSTAT_A_NATPOOL_ID, id) ||
	    nla_put_u64_64bit(skb, FLOWSTAT_A_NATPOOL_ADDRESSES, a->n_addrs,
			      FLOWSTAT_A_NATPOOL_PAD) ||
	    nla_put_u64_64bit(skb, FLOWSTAT_A_NATPOOL_PORTS_USED,
			      atomic_read(&a->in_use),
			      FLOWSTAT_A_NATPOOL_PAD) ||
	    nla_put_u64_64bit(skb, FLOWSTAT_A_NATPOOL_HITS,
			      atomic64_read(&a->hits),
			      FLOWSTAT_A_NATPOOL_PAD) ||
	    nla_put_u64_64bit(skb, FLOWSTAT_A_NATPOOL_FAILS,
			      atomic64_read(&a->fails), FLOWSTAT_A_NATPOOL_PAD))
		return -EMSGSIZE;
	return 0;
}

int fs_nl_nat_pool_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return fs_nl_dump_objects(skb, cb, FLOWSTAT_CMD_NAT_POOL_GET,
				  fs_nat_pool_count, fs_nat_pool_stats_fill);
}

static unsigned long fs_nat_rule_count(const struct fs_config *cfg)
{
	return cfg->nat ? cfg->nat->n_rules : 0;
}

static int fs_nat_rule_stats_fill(struct sk_buff *skb,
				  const struct fs_config *cfg, unsigned long i)
{
	const struct fs_nat_rule *r = &cfg->nat->rules[i];

	if (fs_nat_rule_fill(skb, cfg, i) ||
	    nla_put_u32(skb, FLOWSTAT_A_NATRULE_ID, i + 1) ||
	    nla_put_u64_64bit(skb, FLOWSTAT_A_NATRULE_HITS,
			      atomic64_read(&r->hits),
			      FLOWSTAT_A_NATRULE_PAD) ||
	    nla_put_u64_64bit(skb, FLOWSTAT_A_NATRULE_FAILS,
			      atomic64_read(&r->fails), FLOWSTAT_A_NATRULE_PAD))
		return -EMSGSIZE;
	return 0;
}

int fs_nl_nat_rule_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return fs_nl_dump_objects(skb, cb, FLOWSTAT_CMD_NAT_RULE_GET,
				  fs_nat_rule_count, fs_nat_rule_stats_fill);
}
