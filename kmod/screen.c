// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: screens (ids-options) of the ingress zone, the first step of
 * the first-packet path. They run on packets without a session only.
 *
 * ip spoofing: the route back to the source must leave by an interface of
 * the ingress zone (route.c).
 *
 * tcp syn-flood: every SYN (SYN without ACK) without a session is counted in
 * three tables of the zone, keyed by destination address and port (attack
 * threshold), by source address (source threshold) and by destination
 * address (destination threshold). A table is an array of buckets, each a
 * 64-bit word holding the jiffies (low 32 bits) at which its one-second
 * window opened and the number of SYNs seen in it, updated with cmpxchg: no
 * lock, and exact for one key. A window opens with the first SYN of a key
 * and lasts HZ jiffies; the next SYN after that opens a new one. A SYN is
 * dropped ("Syn-attack protection") when, counted, any of its three windows
 * holds more SYNs than that threshold: with threshold T, the first T SYNs
 * of a window pass and every further one in that window is dropped (dropped
 * SYNs count too, as they are SYNs received). Two keys hashing to one
 * bucket share a window: that can only drop earlier, never later.
 */
#include <linux/atomic.h>
#include <linux/jhash.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <net/tcp.h>

#include "flowstat.h"

#define FS_SYN_BUCKETS 1024 /* per table, a power of two */

#define FS_SYN_DEF_ATTACK 200
#define FS_SYN_DEF_SOURCE 4000
#define FS_SYN_DEF_DEST 4000

enum { FS_SYN_T_ATTACK, FS_SYN_T_SOURCE, FS_SYN_T_DEST, __FS_SYN_T_MAX };

struct fs_syn_table {
	u32 seed;
	atomic64_t b[__FS_SYN_T_MAX][FS_SYN_BUCKETS];
};

/* not const: 6.1's policy points at it without const */
static struct netlink_range_validation fs_syn_range = {
	.min = 1,
	.max = 1000000,
};

const struct nla_policy fs_screen_nl_policy[FLOWSTAT_A_SCREEN_MAX + 1] = {
	[FLOWSTAT_A_SCREEN_NAME] = { .type = NLA_NUL_STRING,
				     .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_SCREEN_IP_SPOOFING] = { .type = NLA_FLAG },
	[FLOWSTAT_A_SCREEN_SYN_FLOOD] = { .type = NLA_FLAG },
	[FLOWSTAT_A_SCREEN_SYN_ATTACK] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &fs_syn_range),
	[FLOWSTAT_A_SCREEN_SYN_SOURCE] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &fs_syn_range),
	[FLOWSTAT_A_SCREEN_SYN_DEST] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &fs_syn_range),
	[FLOWSTAT_A_SCREEN_SYN_TIMEOUT] = NLA_POLICY_RANGE(NLA_U32, 1, 50),
};

/**
 * fs_screen_index() - index of screen @name in @cfg, or -1
 * @cfg: configuration
 * @name: screen name
 */
int fs_screen_index(const struct fs_config *cfg, const char *name)
{
	u32 i;

	for (i = 0; i < cfg->n_screens; i++)
		if (!strcmp(cfg->screens[i].name, name))
			return i;
	return -1;
}

static u32 fs_nla_u32(const struct nlattr *a)
{
	return a ? nla_get_u32(a) : 0;
}

/**
 * fs_screen_parse() - one FLOWSTAT_A_CFG_SCREEN into cfg->screens
 * @cfg: configuration being built (screens sized by the caller)
 * @nla: the nest
 * @extack: error report
 *
 * Return: 0 or a negative errno.
 */
int fs_screen_parse(struct fs_config *cfg, const struct nlattr *nla,
		    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FLOWSTAT_A_SCREEN_MAX + 1];
	struct fs_screen *sc = &cfg->screens[cfg->n_screens];
	int err;

	err = nla_parse_nested(tb, FLOWSTAT_A_SCREEN_MAX, nla,
			       fs_screen_nl_policy, extack);
	if (err)
		return err;
	if (!tb[FLOWSTAT_A_SCREEN_NAME] ||
	    !*(char *)nla_data(tb[FLOWSTAT_A_SCREEN_NAME])) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "screen name missing");
		return -EINVAL;
	}
	nla_strscpy(sc->name, tb[FLOWSTAT_A_SCREEN_NAME], sizeof(sc->name));
	if (fs_screen_index(cfg, sc->name) >= 0) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_SCREEN_NAME],
				    "duplicate screen name");
		return -EINVAL;
	}
	sc->ip_spoofing = nla_get_flag(tb[FLOWSTAT_A_SCREEN_IP_SPOOFING]);
	sc->syn_attack = fs_nla_u32(tb[FLOWSTAT_A_SCREEN_SYN_ATTACK]);
	sc->syn_source = fs_nla_u32(tb[FLOWSTAT_A_SCREEN_SYN_SOURCE]);
	sc->syn_dest = fs_nla_u32(tb[FLOWSTAT_A_SCREEN_SYN_DEST]);
	sc->syn_timeout = fs_nla_u32(tb[FLOWSTAT_A_SCREEN_SYN_TIMEOUT]);
	sc->syn_flood = nla_get_flag(tb[FLOWSTAT_A_SCREEN_SYN_FLOOD]) ||
			sc->syn_attack || sc->syn_source || sc->syn_dest ||
			sc->syn_timeout;
	cfg->n_screens++;
	return 0;
}

/**
 * fs_screen_fill() - write screen @i of @cfg into @skb (CONFIG_GET)
 * @skb: message
 * @cfg: configuration
 * @i: screen index
 *
 * Return: 0 or -EMSGSIZE.
 */
int fs_screen_fill(struct sk_buff *skb, const struct fs_config *cfg, u32 i)
{
	const struct fs_screen *sc = &cfg->screens[i];
	struct nlattr *nest;

	nest = nla_nest_start(skb, FLOWSTAT_A_CFG_SCREEN);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, FLOWSTAT_A_SCREEN_NAME, sc->name) ||
	    (sc->ip_spoofing &&
	     nla_put_flag(skb, FLOWSTAT_A_SCREEN_IP_SPOOFING)) ||
	    (sc->syn_flood && nla_put_flag(skb, FLOWSTAT_A_SCREEN_SYN_FLOOD)) ||
	    (sc->syn_attack &&
	     nla_put_u32(skb, FLOWSTAT_A_SCREEN_SYN_ATTACK, sc->syn_attack)) ||
	    (sc->syn_source &&
	     nla_put_u32(skb, FLOWSTAT_A_SCREEN_SYN_SOURCE, sc->syn_source)) ||
	    (sc->syn_dest &&
	     nla_put_u32(skb, FLOWSTAT_A_SCREEN_SYN_DEST, sc->syn_dest)) ||
	    (sc->syn_timeout && nla_put_u32(skb, FLOWSTAT_A_SCREEN_SYN_TIMEOUT,
					    sc->syn_timeout))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/**
 * fs_screen_cfg_init() - per-zone screen state of a parsed configuration
 * @cfg: configuration with its zones and screens
 *
 * Context: process context.
 * Return: 0 or -ENOMEM (the caller frees @cfg, and with it what was made).
 */
int fs_screen_cfg_init(struct fs_config *cfg)
{
	u32 z, n = max(cfg->n_zones, 1U);
	int cpu;

	cfg->screen_pcpu = __alloc_percpu(n * sizeof(struct fs_screen_pcpu),
					  __alignof__(struct fs_screen_pcpu));
	cfg->syn = kvcalloc(n, sizeof(*cfg->syn), GFP_KERNEL);
	if (!cfg->screen_pcpu || !cfg->syn)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		for (z = 0; z < n; z++)
			u64_stats_init(&(per_cpu_ptr(cfg->screen_pcpu, cpu) + z)
						->syncp);
	for (z = 0; z < cfg->n_zones; z++) {
		u32 s = cfg->zones[z].screen;

		if (!s || !cfg->screens[s - 1].syn_flood)
			continue;
		cfg->syn[z] = kvzalloc(sizeof(*cfg->syn[z]), GFP_KERNEL);
		if (!cfg->syn[z])
			return -ENOMEM;
		cfg->syn[z]->seed = get_random_u32();
	}
	return 0;
}

void fs_screen_cfg_free(struct fs_config *cfg)
{
	u32 z;

	if (cfg->syn)
		for (z = 0; z < cfg->n_zones; z++)
			kvfree(cfg->syn[z]);
	kvfree(cfg->syn);
	free_percpu(cfg->screen_pcpu);
	kvfree(cfg->screens);
}

/**
 * fs_screen_sum() - screen counters of zone @zone, summed over CPUs
 * @cfg: configuration
 * @zone: zone index
 * @out: __FLOWSTAT_SCREEN_CTR_MAX values
 */
void fs_screen_sum(const struct fs_config *cfg, u32 zone, u64 *out)
{
	unsigned int start;
	int cpu, i;

	memset(out, 0, sizeof(u64) * __FLOWSTAT_SCREEN_CTR_MAX);
	for_each_possible_cpu(cpu) {
		const struct fs_screen_pcpu *p =
			per_cpu_ptr(cfg->screen_pcpu, cpu) + zone;
		u64 v[__FLOWSTAT_SCREEN_CTR_MAX];

		do {
			start = u64_stats_fetch_begin(&p->syncp);
			for (i = 0; i < __FLOWSTAT_SCREEN_CTR_MAX; i++)
				v[i] = u64_stats_read(&p->c[i]);
		} while (u64_stats_fetch_retry(&p->syncp, start));
		for (i = 0; i < __FLOWSTAT_SCREEN_CTR_MAX; i++)
			out[i] += v[i];
	}
}

static void fs_screen_count(const struct fs_config *cfg, u32 zone,
			    enum flowstat_screen_ctr c)
{
	struct fs_screen_pcpu *p = get_cpu_ptr(cfg->screen_pcpu) + zone;
	unsigned long flags;

	flags = u64_stats_update_begin_irqsave(&p->syncp);
	u64_stats_inc(&p->c[c]);
	u64_stats_update_end_irqrestore(&p->syncp, flags);
	put_cpu_ptr(cfg->screen_pcpu);
}

/* Counts one SYN in @b; returns the SYNs of its current window. */
static u32 fs_syn_bump(atomic64_t *b, u32 now)
{
	s64 old = atomic64_read(b), nv;
	u32 start, cnt;

	do {
		start = (u64)old >> 32;
		cnt = (u32)old;
		if (!old || now - start >= HZ)
			nv = ((u64)now << 32) | 1;
		else
			nv = old + (cnt < U32_MAX);
	} while (!atomic64_try_cmpxchg(b, &old, nv));
	return (u32)nv;
}

static u32 fs_addr_hash(const union nf_inet_addr *a, u8 family, u32 seed)
{
	if (family == NFPROTO_IPV4)
		return jhash_1word((__force u32)a->ip, seed);
	return jhash2((const u32 *)a->all, 4, seed);
}

/* Is this SYN over any threshold of @sc? It is counted in all three. */
static bool fs_syn_flood(struct fs_syn_table *tb, const struct fs_screen *sc,
			 const struct fs_tuple *t)
{
	u32 now = (u32)jiffies, h[__FS_SYN_T_MAX], lim[__FS_SYN_T_MAX];
	bool over = false;
	int i;

	h[FS_SYN_T_DEST] = fs_addr_hash(&t->dst, t->family, tb->seed);
	h[FS_SYN_T_ATTACK] =
		jhash_2words(h[FS_SYN_T_DEST], (__force u32)t->dport, tb->seed);
	h[FS_SYN_T_SOURCE] = fs_addr_hash(&t->src, t->family, ~tb->seed);
	lim[FS_SYN_T_ATTACK] = sc->syn_attack ?: FS_SYN_DEF_ATTACK;
	lim[FS_SYN_T_SOURCE] = sc->syn_source ?: FS_SYN_DEF_SOURCE;
	lim[FS_SYN_T_DEST] = sc->syn_dest ?: FS_SYN_DEF_DEST;
	for (i = 0; i < __FS_SYN_T_MAX; i++)
		if (fs_syn_bump(&tb->b[i][h[i] & (FS_SYN_BUCKETS - 1)], now) >
		    lim[i])
			over = true;
	return over;
}

/**
 * fs_screen_check() - the screens of zone @zone on a packet without session
 * @net: namespace
 * @v: view
 * @skb: the packet
 * @pf: family
 * @in: ingress device
 * @zone: ingress zone index
 * @t: the packet's tuple
 * @tcpflags: its TCP flags byte (0 if not TCP)
 *
 * Context: rcu_read_lock, BH disabled (PRE_ROUTING).
 * Return: the drop counter if a screen drops the packet, else
 * __FLOWSTAT_CTR_MAX.
 */
enum flowstat_counter fs_screen_check(struct net *net, const struct fs_view *v,
				      const struct sk_buff *skb, u8 pf,
				      const struct net_device *in, u32 zone,
				      const struct fs_tuple *t, u8 tcpflags)
{
	const struct fs_config *cfg = v->cfg;
	const struct fs_screen *sc;
	u32 s = cfg->zones[zone].screen;

	if (!s)
		return __FLOWSTAT_CTR_MAX;
	sc = &cfg->screens[s - 1];
	if (sc->ip_spoofing &&
	    !fs_route_source_in_zone(net, v, skb, pf, in, zone)) {
		fs_screen_count(cfg, zone, FLOWSTAT_SCREEN_CTR_IP_SPOOFING);
		return FLOWSTAT_CTR_DROP_ADDRESS_SPOOFING;
	}
	if (cfg->syn[zone] && t->proto == IPPROTO_TCP &&
	    (tcpflags & (TCPHDR_SYN | TCPHDR_ACK)) == TCPHDR_SYN &&
	    fs_syn_flood(cfg->syn[zone], sc, t)) {
		fs_screen_count(cfg, zone, FLOWSTAT_SCREEN_CTR_SYN_FLOOD);
		return FLOWSTAT_CTR_DROP_SYN_ATTACK;
	}
	return __FLOWSTAT_CTR_MAX;
}
