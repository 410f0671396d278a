// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: the "flowstat" generic netlink family.
 *
 * Every request acts on the namespace of the socket it came from. Changes
 * need CAP_NET_ADMIN in that namespace's user namespace; reading counters
 * and the configuration needs nothing (they hold no secrets). The contract
 * is include/uapi/linux/flowstat.h.
 */
#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "compat.h"
#include "nat.h"

static const struct nla_policy fs_clear_nl_policy[FLOWSTAT_A_STATS_MAX + 1] = {
	[FLOWSTAT_A_STATS_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
};

static int fs_nl_config_set(struct sk_buff *skb, struct genl_info *info)
{
	struct fs_net *fsn = fs_pernet(genl_info_net(info));
	const struct fs_view *v;
	struct fs_config *cfg;
	int err;

	cfg = fs_config_parse(info->nlhdr, info->extack);
	if (IS_ERR(cfg))
		return PTR_ERR(cfg);
	mutex_lock(&fsn->lock);
	err = fs_hooks_start(fsn);
	if (err) {
		mutex_unlock(&fsn->lock);
		NL_SET_ERR_MSG(info->extack, "cannot register netfilter hooks");
		goto out;
	}
	v = rcu_dereference_protected(fsn->view, lockdep_is_held(&fsn->lock));
	if (v) {
		fs_policy_inherit(cfg, v->cfg);
		fs_nat_inherit(cfg, v->cfg);
	}
	err = fs_view_publish(fsn, cfg);
	if (!err)
		fs_sess_apply(fsn, &cfg->flow);
	mutex_unlock(&fsn->lock);
	if (err)
		NL_SET_ERR_MSG(info->extack,
			       "out of memory publishing configuration");
	else
		fs_sess_sweep(fsn); /* outside the lock: may be millions */
out:
	fs_config_put(cfg);
	return err;
}

static int fs_nl_config_fill(struct sk_buff *skb, const struct fs_config *cfg,
			     unsigned long pos)
{
	if (pos == 0)
		return nla_put_u8(skb, FLOWSTAT_A_CFG_DEFAULT_POLICY,
				  cfg->default_action) ||
				       nla_put_u32(skb,
						   FLOWSTAT_A_CFG_GENERATION,
						   cfg->gen) ||
				       fs_flow_fill(skb, &cfg->flow) ?
			       -EMSGSIZE :
			       0;
	pos--;
	if (pos < cfg->n_zones)
		return fs_config_fill_zone(skb, cfg, pos);
	pos -= cfg->n_zones;
	if (pos < fs_book_n_objects(cfg))
		return fs_book_fill_object(skb, cfg, pos);
	pos -= fs_book_n_objects(cfg);
	if (pos < cfg->n_policies)
		return fs_config_fill_policy(skb, cfg, pos);
	pos -= cfg->n_policies;
	if (pos < cfg->n_screens)
		return fs_screen_fill(skb, cfg, pos);
	return fs_nat_fill_object(skb, cfg, pos - cfg->n_screens);
}

/*
 * One message per object of the running configuration, from cb->args[0]
 * on: @count says how many there are, @fill writes one. The configuration
 * generation in cb->seq flags a dump that spans a reload.
 */
int fs_nl_dump_objects(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd,
		       unsigned long (*count)(const struct fs_config *),
		       int (*fill)(struct sk_buff *, const struct fs_config *,
				   unsigned long))
{
	struct fs_net *fsn = fs_pernet(sock_net(skb->sk));
	unsigned long pos = cb->args[0], n;
	const struct fs_config *cfg;
	const struct fs_view *v;
	int err = 0;
	void *hdr;

	mutex_lock(&fsn->lock);
	v = rcu_dereference_protected(fsn->view, lockdep_is_held(&fsn->lock));
	if (!v)
		goto out;
	cfg = v->cfg;
	cb->seq = cfg->gen;
	n = count(cfg);
	for (; pos < n; pos++) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &fs_genl_family,
				  NLM_F_MULTI, cmd);
		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		err = fill(skb, cfg, pos);
		if (err) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
out:
	mutex_unlock(&fsn->lock);
	cb->args[0] = pos;
	if (err && !skb->len)
		return err;
	return skb->len;
}

/*
 * The globals, each zone, the address book, each policy, each screen, the
 * NAT pools and rules.
 */
static unsigned long fs_nl_config_count(const struct fs_config *cfg)
{
	return 1 + cfg->n_zones + fs_book_n_objects(cfg) + cfg->n_policies +
	       cfg->n_screens + fs_nat_n_objects(cfg);
}

static int fs_nl_config_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return fs_nl_dump_objects(skb, cb, FLOWSTAT_CMD_CONFIG_GET,
				  fs_nl_config_count, fs_nl_config_fill);
}

static int fs_nl_put_u64s(struct sk_buff *skb, int type, const u64 *v, int n,
			  int pad)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	int i;

	if (!nest)
		return -EMSGSIZE;
	/* Attribute sets start at 1; v[0] goes in attribute 1. */
	for (i = 0; i < n; i++)
		if (nla_put_u64_64bit(skb, i + 1, v[i], pad))
			goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* Counter C goes in attribute FLOWSTAT_A_COUNTER(C), which is C + 1. */
static int fs_nl_put_counters(struct sk_buff *skb, int type, const u64 *c)
{
	return fs_nl_put_u64s(skb, type, c, __FLOWSTAT_CTR_MAX,
			      FLOWSTAT_A_COUNTER_PAD);
}

/* What readers see: totals since the last clear. */
static void fs_nl_counters(const struct fs_ifstats *s, u64 *c)
{
	int i;

	fs_ifstats_sum(s, c);
	for (i = 0; i < __FLOWSTAT_CTR_MAX; i++)
		c[i] = c[i] >= s->base[i] ? c[i] - s->base[i] : 0;
}

/* Context: rcu_read_lock and fsn->lock held. */
static int fs_nl_fill_ifstats(struct sk_buff *skb, struct netlink_callback *cb,
			      struct fs_net *fsn, const struct fs_view *v,
			      const struct fs_ifstats *s)
{
	const struct fs_binding *b = v ? fs_binding_find(v, s->ifindex) : NULL;
	u64 c[__FLOWSTAT_CTR_MAX], rate[__FS_RATE_MAX];
	struct net_device *dev;
	void *hdr;
	int i;

	dev = dev_get_by_index_rcu(fsn->net, s->ifindex);
	if (!dev)
		return 0; /* going away: its counters go with it */
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &fs_genl_family, NLM_F_MULTI,
			  FLOWSTAT_CMD_IFSTATS_GET);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	if (nla_put_u32(skb, FLOWSTAT_A_IFSTATS_IFINDEX, s->ifindex) ||
	    nla_put_string(skb, FLOWSTAT_A_IFSTATS_IFNAME, dev->name))
		goto cancel;
	if (b && (nla_put_string(skb, FLOWSTAT_A_IFSTATS_ZONE,
				 v->cfg->zones[b->zone].name) ||
		  nla_put_u32(skb, FLOWSTAT_A_IFSTATS_SERVICES, b->services) ||
		  nla_put_u32(skb, FLOWSTAT_A_IFSTATS_PROTOCOLS, b->protocols)))
		goto cancel;
	if (nla_put_u64_64bit(skb, FLOWSTAT_A_IFSTATS_CLEARED, s->cleared,
			      FLOWSTAT_A_IFSTATS_PAD) ||
	    fs_nl_put_u64s(skb, FLOWSTAT_A_IFSTATS_BASE, s->dev_base,
			   __FS_DEV_MAX, FLOWSTAT_DEVSTAT_PAD))
		goto cancel;
	for (i = 0; i < __FS_RATE_MAX; i++)
		rate[i] = READ_ONCE(s->rate[i]);
	if (fs_nl_put_u64s(skb, FLOWSTAT_A_IFSTATS_RATE, rate, __FS_RATE_MAX,
			   FLOWSTAT_RATE_PAD))
		goto cancel;
	fs_nl_counters(s, c);
	if (fs_nl_put_counters(skb, FLOWSTAT_A_IFSTATS_COUNTERS, c))
		goto cancel;
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/* One message per interface, in ifindex order, resuming at cb->args[0]. */
static int fs_nl_ifstats_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct fs_net *fsn = fs_pernet(sock_net(skb->sk));
	unsigned long idx = cb->args[0];
	const struct fs_view *v;
	struct fs_ifstats *s;
	int err = 0;

	mutex_lock(&fsn->lock);
	v = rcu_dereference_protected(fsn->view, lockdep_is_held(&fsn->lock));
	cb->seq = fsn->view_gen + 1;
	rcu_read_lock();
	xa_for_each_start(&fsn->ifstats, idx, s, cb->args[0]) {
		err = fs_nl_fill_ifstats(skb, cb, fsn, v, s);
		if (err)
			break;
		cb->args[0] = idx + 1;
	}
	rcu_read_unlock();
	mutex_unlock(&fsn->lock);
	if (err && !skb->len)
		return err;
	return skb->len;
}

static int fs_nl_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	struct fs_net *fsn = fs_pernet(genl_info_net(info));
	u64 sum[__FLOWSTAT_CTR_MAX] = {}, c[__FLOWSTAT_CTR_MAX];
	s64 cur[__FS_CLASS_MAX], total = 0;
	u64 created, deleted;
	struct fs_ifstats *s;
	struct sk_buff *msg;
	unsigned long idx;
	void *hdr;
	int i;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &fs_genl_family, 0,
				FLOWSTAT_CMD_STATS_GET);
	if (!hdr)
		goto nospace;

	mutex_lock(&fsn->lock);
	rcu_read_lock();
	xa_for_each(&fsn->ifstats, idx, s) {
		fs_nl_counters(s, c);
		for (i = 0; i < __FLOWSTAT_CTR_MAX; i++)
			sum[i] += c[i];
	}
	rcu_read_unlock();
	mutex_unlock(&fsn->lock);

	fs_sess_counts(fsn, &created, &deleted, cur);
	for (i = 0; i < __FS_CLASS_MAX; i++) {
		cur[i] = max_t(s64, cur[i], 0);
		total += cur[i];
	}
	if (fs_nl_put_counters(msg, FLOWSTAT_A_STATS_COUNTERS, sum) ||
	    nla_put_u64_64bit(msg, FLOWSTAT_A_STATS_SESSIONS_CURRENT, total,
			      FLOWSTAT_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, FLOWSTAT_A_STATS_SESSIONS_MAX, fsn->sess.max,
			      FLOWSTAT_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, FLOWSTAT_A_STATS_SESSIONS_CREATED, created,
			      FLOWSTAT_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, FLOWSTAT_A_STATS_SESSIONS_DELETED, deleted,
			      FLOWSTAT_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, FLOWSTAT_A_STATS_SESSIONS_TCP,
			      cur[FS_CLASS_TCP], FLOWSTAT_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, FLOWSTAT_A_STATS_SESSIONS_UDP,
			      cur[FS_CLASS_UDP], FLOWSTAT_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, FLOWSTAT_A_STATS_SESSIONS_ICMP,
			      cur[FS_CLASS_ICMP], FLOWSTAT_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, FLOWSTAT_A_STATS_SESSIONS_OTHER,
			      cur[FS_CLASS_OTHER], FLOWSTAT_A_STATS_PAD))
		goto nospace;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int fs_nl_stats_clear(struct sk_buff *skb, struct genl_info *info)
{
	struct fs_net *fsn = fs_pernet(genl_info_net(info));
	struct nlattr *ifa = info->attrs[FLOWSTAT_A_STATS_IFINDEX];
	struct fs_ifstats *s;
	unsigned long idx;
	int err = 0;

	mutex_lock(&fsn->lock);
	rcu_read_lock();
	if (ifa) {
		s = fs_ifstats_find(fsn, nla_get_u32(ifa));
		if (s) {
			fs_ifstats_clear(fsn, s);
		} else {
			NL_SET_ERR_MSG_ATTR(info->extack, ifa,
					    "no such interface");
			err = -ENODEV;
		}
	} else {
		xa_for_each(&fsn->ifstats, idx, s)
			fs_ifstats_clear(fsn, s);
	}
	rcu_read_unlock();
	mutex_unlock(&fsn->lock);
	return err;
}

/* One message per policy, in configured order: its hit count. */
static unsigned long fs_nl_polstats_count(const struct fs_config *cfg)
{
	return cfg->n_policies;
}

static int fs_nl_polstats_fill(struct sk_buff *skb, const struct fs_config *cfg,
			       unsigned long pos)
{
	const struct fs_policy *p = &cfg->policies[pos];

	if (nla_put_u32(skb, FLOWSTAT_A_POLSTATS_INDEX, p->index) ||
	    nla_put_string(skb, FLOWSTAT_A_POLSTATS_NAME, p->name) ||
	    nla_put_string(skb, FLOWSTAT_A_POLSTATS_FROM_ZONE,
			   cfg->zones[p->from].name) ||
	    nla_put_string(skb, FLOWSTAT_A_POLSTATS_TO_ZONE,
			   cfg->zones[p->to].name) ||
	    nla_put_u64_64bit(skb, FLOWSTAT_A_POLSTATS_COUNT,
			      fs_policy_hits(cfg, pos),
			      FLOWSTAT_A_POLSTATS_PAD))
		return -EMSGSIZE;
	return 0;
}

static int fs_nl_polstats_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return fs_nl_dump_objects(skb, cb, FLOWSTAT_CMD_POLICY_STATS_GET,
				  fs_nl_polstats_count, fs_nl_polstats_fill);
}

/* One message per zone with its screen counters. */
static unsigned long fs_nl_screen_stats_count(const struct fs_config *cfg)
{
	return cfg->n_zones;
}

static int fs_nl_screen_stats_fill(struct sk_buff *skb,
				   const struct fs_config *cfg,
				   unsigned long pos)
{
	const struct fs_zone *z = &cfg->zones[pos];
	u64 c[__FLOWSTAT_SCREEN_CTR_MAX];

	fs_screen_sum(cfg, pos, c);
	if (nla_put_string(skb, FLOWSTAT_A_SCREENSTATS_ZONE, z->name) ||
	    (z->screen && nla_put_string(skb, FLOWSTAT_A_SCREENSTATS_SCREEN,
					 cfg->screens[z->screen - 1].name)) ||
	    fs_nl_put_u64s(skb, FLOWSTAT_A_SCREENSTATS_COUNTERS, c,
			   __FLOWSTAT_SCREEN_CTR_MAX,
			   FLOWSTAT_A_SCREENSTATS_PAD))
		return -EMSGSIZE;
	return 0;
}

static int fs_nl_screen_stats_dump(struct sk_buff *skb,
				   struct netlink_callback *cb)
{
	return fs_nl_dump_objects(skb, cb, FLOWSTAT_CMD_SCREEN_STATS_GET,
				  fs_nl_screen_stats_count,
				  fs_nl_screen_stats_fill);
}

static const struct genl_ops fs_genl_ops[] = {
	{
		.cmd = FLOWSTAT_CMD_CONFIG_SET,
		.doit = fs_nl_config_set,
		.policy = fs_cfg_nl_policy,
		.maxattr = FLOWSTAT_A_CFG_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		/* read-only, open to all: the configuration is no secret */
		.cmd = FLOWSTAT_CMD_CONFIG_GET,
		.dumpit = fs_nl_config_dump,
	},
	{
		/* read-only, open to all: counters */
		.cmd = FLOWSTAT_CMD_IFSTATS_GET,
		.dumpit = fs_nl_ifstats_dump,
	},
	{
		/* read-only, open to all: counters and session figures */
		.cmd = FLOWSTAT_CMD_STATS_GET,
		.doit = fs_nl_stats_get,
	},
	{
		/* read-only, open to all: hit counts */
		.cmd = FLOWSTAT_CMD_POLICY_STATS_GET,
		.dumpit = fs_nl_polstats_dump,
	},
	{
		.cmd = FLOWSTAT_CMD_STATS_CLEAR,
		.doit = fs_nl_stats_clear,
		.policy = fs_clear_nl_policy,
		.maxattr = FLOWSTAT_A_STATS_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		/* admin: sessions show addresses */
		.cmd = FLOWSTAT_CMD_SESSION_GET,
		.start = fs_nl_session_start,
		.dumpit = fs_nl_session_dump,
		.done = fs_nl_session_done,
		.policy = fs_session_nl_policy,
		.maxattr = FLOWSTAT_A_SESSION_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = FLOWSTAT_CMD_SESSION_CLEAR,
		.doit = fs_nl_session_clear,
		.policy = fs_session_nl_policy,
		.maxattr = FLOWSTAT_A_SESSION_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		/* read-only, open to all: counters */
		.cmd = FLOWSTAT_CMD_SCREEN_STATS_GET,
		.dumpit = fs_nl_screen_stats_dump,
	},
	{
		/* read-only, open to all: pools and their use */
		.cmd = FLOWSTAT_CMD_NAT_POOL_GET,
		.dumpit = fs_nl_nat_pool_dump,
	},
	{
		/* read-only, open to all: rules and their hits */
		.cmd = FLOWSTAT_CMD_NAT_RULE_GET,
		.dumpit = fs_nl_nat_rule_dump,
	},
};

struct genl_family fs_genl_family __ro_after_init = {
	.name = FLOWSTAT_GENL_NAME,
	.version = FLOWSTAT_GENL_VERSION,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = fs_genl_ops,
	.n_ops = ARRAY_SIZE(fs_genl_ops),
};

int __init fs_netlink_init(void)
{
	return genl_register_family(&fs_genl_family);
}

void fs_netlink_exit(void)
{
	genl_unregister_family(&fs_genl_family);
}
