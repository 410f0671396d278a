// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: the source NAT step of the first-packet path, between the
 * policy and the session: the first matching rule of the zone pair picks a
 * pool (or the egress interface's address), and a binding (address, port)
 * is taken for the session, which gives it back when it ends.
 *
 * The address is chosen by the inside source address, so that one host
 * keeps one outside address while that address has ports (the gateways'
 * paired address pooling); the next addresses are tried after it. A
 * binding is one per pool address and port, whatever the destination, and
 * is only taken if the reply tuple it makes belongs to no session yet.
 */
#include <linux/inetdevice.h>
#include <linux/jhash.h>
#include <linux/rculist.h>
#include <net/addrconf.h>

#include "nat.h"

/* Addresses of a pool tried for one binding before it counts as failed. */
#define FS_NAT_ADDR_TRIES 16
/* Ports of one address tried when their reply tuple is already a session's. */
#define FS_NAT_PORT_TRIES 8

/**
 * struct fs_nat_ifa - the bindings of one interface address, for
 * `source-nat interface`; kept until the namespace goes
 * @node: in fsn->nat_ifa
 * @alloc: the bindings
 */
struct fs_nat_ifa {
	struct list_head node;
	struct fs_nat_alloc *alloc;
};

static struct workqueue_struct *fs_nat_wq;

static bool fs_nat_pfx_any(const struct fs_prefix *pfx, u32 n, u8 family,
			   const union nf_inet_addr *a)
{
	u32 i;

	if (!n)
		return true;
	for (i = 0; i < n; i++)
		if (fs_prefix_match(&pfx[i], family, a))
			return true;
	return false;
}

static bool fs_nat_rule_matches(const struct fs_nat_rule *r,
				const struct fs_tuple *t)
{
	u16 dport = ntohs(t->dport);

	if (r->has_dport && (dport < r->dport[0] || dport > r->dport[1]))
		return false;
	return fs_nat_pfx_any(r->pfx[0], r->n_pfx[0], t->family, &t->src) &&
	       fs_nat_pfx_any(r->pfx[1], r->n_pfx[1], t->family, &t->dst);
}

/* The address `source-nat interface` translates to, on @out. */
static bool fs_nat_if_address(struct net *net, const struct net_device *out,
			      const struct fs_tuple *t, union nf_inet_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (t->family == NFPROTO_IPV4) {
		a->ip = inet_select_addr(out, t->dst.ip, RT_SCOPE_UNIVERSE);
		return a->ip != 0;
	}
	return !ipv6_dev_get_saddr(net, out, &t->dst.in6, 0, &a->in6);
}

/*
 * The bindings of an interface address: found under RCU, made on first use
 * in the packet path. Interface addresses are few; the list stays short.
 */
static struct fs_nat_alloc *fs_nat_ifa_get(struct fs_net *fsn, u8 family,
					   const union nf_inet_addr *addr)
{
	struct fs_nat_ifa *e;
	struct fs_nat_alloc *a;

	list_for_each_entry_rcu(e, &fsn->nat_ifa, node)
		if (e->alloc->family == family &&
		    !memcmp(&e->alloc->base, addr, sizeof(*addr)))
			return e->alloc;
	spin_lock_bh(&fsn->nat_ifa_lock);
	list_for_each_entry(e, &fsn->nat_ifa, node)
		if (e->alloc->family == family &&
		    !memcmp(&e->alloc->base, addr, sizeof(*addr))) {
			a = e->alloc;
			goto out;
		}
	a = NULL;
	e = kzalloc(sizeof(*e), GFP_ATOMIC);
	if (!e)
		goto out;
	e->alloc = fs_nat_alloc_new(family, addr, 1, FLOWSTAT_NAT_PORT_MIN,
				    FLOWSTAT_NAT_PORT_MAX -
					    FLOWSTAT_NAT_PORT_MIN + 1,
				    false, GFP_ATOMIC);
	if (!e->alloc) {
		kfree(e);
		goto out;
	}
	a = e->alloc;
	list_add_tail_rcu(&e->node, &fsn->nat_ifa);
out:
	spin_unlock_bh(&fsn->nat_ifa_lock);
	return a;
}

static bool fs_proto_has_ports(u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == IPPROTO_UDPLITE || proto == IPPROTO_ICMP ||
	       proto == IPPROTO_ICMPV6;
}

/* The reply tuple of @t leaving from address @addr, port @port. */
static void fs_nat_reply(const struct fs_tuple *t,
			 const union nf_inet_addr *addr, __be16 port,
			 struct fs_tuple *r)
{
	*r = *t;
	r->src = t->dst;
	r->dst = *addr;
	if (t->proto == IPPROTO_ICMP || t->proto == IPPROTO_ICMPV6) {
		/* an echo identifier is both "ports"; other ICMP has none */
		r->sport = t->sport ? port : 0;
		r->dport = r->sport;
	} else if (fs_proto_has_ports(t->proto)) {
		r->sport = t->dport;
		r->dport = port;
	} else {
		r->sport = t->dport;
		r->dport = t->sport;
	}
}

/*
 * One binding on address @i of @a for @t. Without ports (or with port
 * no-translation) the packet's own port is claimed; otherwise a free one
 * is taken, again if its reply tuple is already a session's.
 */
static bool fs_nat_bind_addr(struct fs_net *fsn, struct fs_nat_alloc *a, u32 i,
			     const struct fs_tuple *t, struct fs_tuple *reply,
			     struct fs_nat_bind *bind)
{
	bool ports =
		fs_proto_has_ports(t->proto) &&
		!((t->proto == IPPROTO_ICMP || t->proto == IPPROTO_ICMPV6) &&
		  !t->sport);
	union nf_inet_addr addr;
	enum fs_dir dir;
	u32 port, k;

	fs_nat_addr_of(a, i, &addr);
	for (k = 0; k < FS_NAT_PORT_TRIES; k++) {
		if (!ports) {
			port = U32_MAX;
			fs_nat_reply(t, &addr, 0, reply);
		} else if (a->no_xlate) {
			port = ntohs(t->sport);
			if (!fs_nat_port_claim(a, i, port))
				return false;
			fs_nat_reply(t, &addr, t->sport, reply);
		} else {
			if (!fs_nat_port_take(a, i, &port))
				return false;
			fs_nat_reply(t, &addr, htons(a->port_lo + port), reply);
		}
		if (!fs_sess_lookup(fsn, reply, &dir)) {
			bind->alloc = a;
			bind->addr = i;
			bind->port = port;
			return true;
		}
		if (port != U32_MAX)
			fs_nat_port_give(a, i, port);
		if (!ports || a->no_xlate)
			return false;
	}
	return false;
}

/*
 * Was @t made by our own source NAT? Its reverse is then the reply tuple
 * of a translated session: the packet came back into the router (a loop,
 * a hairpin) with a source flowstat gave it.
 */
static bool fs_nat_already(struct fs_net *fsn, const struct fs_tuple *t)
{
	struct fs_session *s;
	struct fs_tuple r;
	enum fs_dir dir;

	r = *t;
	r.src = t->dst;
	r.dst = t->src;
	r.sport = t->dport;
	r.dport = t->sport;
	s = fs_sess_lookup(fsn, &r, &dir);
	return s && dir == FS_DIR_REPLY && test_bit(FS_SESS_NAT, &s->flags);
}

/* @a inside prefix @from, moved to the same place in prefix @to. */
static void fs_nat_map(const struct fs_prefix *from, const struct fs_prefix *to,
		       const union nf_inet_addr *a, union nf_inet_addr *out)
{
	union nf_inet_addr net;
	int i;

	fs_prefix_mask(&net, a, from->family, from->plen);
	memset(out, 0, sizeof(*out));
	for (i = 0; i < (from->family == NFPROTO_IPV4 ? 1 : 4); i++)
		out->ip6[i] = to->addr.ip6[i] | (a->ip6[i] ^ net.ip6[i]);
}

/**
 * fs_nat_dest() - static and destination NAT for a first packet
 * @cfg: the running configuration
 * @from: its ingress zone
 * @t: its tuple
 * @to: set to the tuple it is forwarded with, if translated
 *
 * Before the route step, as on the gateways: the static rules of the
 * ingress zone, then its destination rules, first match wins.
 * Context: rcu_read_lock held, packet path.
 * Return: true if the destination is translated.
 */
bool fs_nat_dest(const struct fs_config *cfg, u32 from,
		 const struct fs_tuple *t, struct fs_tuple *to)
{
	const struct fs_nat_cfg *nc = cfg->nat;
	const struct fs_policy_list *l;
	struct fs_nat_rule *r;
	struct fs_nat_pool *p;
	u32 i;

	*to = *t;
	l = nc->static_from ? nc->static_from[from] : NULL;
	for (i = 0; l && i < l->n; i++) {
		r = &nc->rules[l->idx[i]];
		if (!fs_prefix_match(&r->pfx[1][0], t->family, &t->dst))
			continue;
		fs_nat_map(&r->pfx[1][0], &r->static_pfx, &t->dst, &to->dst);
		atomic64_inc(&r->hits);
		return true;
	}
	l = nc->dst_from ? nc->dst_from[from] : NULL;
	for (i = 0; l && i < l->n; i++) {
		r = &nc->rules[l->idx[i]];
		if (r->action == FLOWSTAT_NAT_ACTION_POOL &&
		    nc->pools[r->pool].family != t->family)
			continue;
		if (!fs_nat_rule_matches(r, t))
			continue;
		if (r->action == FLOWSTAT_NAT_ACTION_OFF)
			return false;
		p = &nc->pools[r->pool];
		to->dst = p->addr;
		/* an echo identifier is no port to forward */
		if (p->port && t->proto != IPPROTO_ICMP &&
		    t->proto != IPPROTO_ICMPV6 && fs_proto_has_ports(t->proto))
			to->dport = p->port;
		atomic64_inc(&r->hits);
		atomic64_inc(&p->hits);
		return true;
	}
	return false;
}

/**
 * fs_nat_static_reverse() - static NAT of a flow a mapped host starts
 * @cfg: the running configuration
 * @to_zone: the flow's egress zone
 * @t: its tuple (destination already translated)
 * @out: set to the tuple it leaves with, if translated
 * @rule: set to the 1-based number of the static rule
 *
 * A static rule of zone Z maps outside addresses to inside hosts for
 * flows from Z; a flow from one of those hosts to Z leaves with the
 * outside address, before any source NAT rule is looked at.
 * Context: rcu_read_lock held, packet path.
 */
bool fs_nat_static_reverse(const struct fs_config *cfg, u32 to_zone,
			   const struct fs_tuple *t, struct fs_tuple *out,
			   u32 *rule)
{
	const struct fs_nat_cfg *nc = cfg->nat;
	const struct fs_policy_list *l;
	struct fs_nat_rule *r;
	u32 i;

	l = nc && nc->static_from ? nc->static_from[to_zone] : NULL;
	for (i = 0; l && i < l->n; i++) {
		r = &nc->rules[l->idx[i]];
		if (!fs_prefix_match(&r->static_pfx, t->family, &t->src))
			continue;
		*out = *t;
		fs_nat_map(&r->static_pfx, &r->pfx[1][0], &t->src, &out->src);
		atomic64_inc(&r->hits);
		*rule = l->idx[i] + 1;
		return true;
	}
	return false;
}

/**
 * fs_nat_source() - the source NAT step for a permitted first packet
 * @fsn: the namespace's flowstat state
 * @cfg: the configuration that permitted it
 * @from: ingress zone
 * @to: egress zone
 * @t: its tuple
 * @out: its egress device
 * @reply: set to the session's reply tuple when translated
 * @bind: set to the binding taken when translated
 * @rule: set to the 1-based number of the rule that translated it
 *
 * Context: rcu_read_lock held, packet path.
 * Return: 0 no translation; 1 translated; -ENOSPC no binding could be
 * made (Incoming NAT errors); -ELOOP the packet already carries one of
 * flowstat's bindings (Multiple incoming NAT).
 */
int fs_nat_source(struct fs_net *fsn, const struct fs_config *cfg, u32 from,
		  u32 to, const struct fs_tuple *t,
		  const struct net_device *out, struct fs_tuple *reply,
		  struct fs_nat_bind *bind, u32 *rule)
{
	const struct fs_nat_cfg *nc = cfg->nat;
	const struct fs_policy_list *l;
	struct fs_nat_rule *r = NULL;
	struct fs_nat_pool *pool = NULL;
	struct fs_nat_alloc *a;
	union nf_inet_addr ifaddr;
	u32 i, k, start, tries;

	if (!nc || !nc->src_pairs)
		return 0;
	l = nc->src_pairs[from * cfg->n_zones + to];
	for (i = 0; l && i < l->n; i++) {
		struct fs_nat_rule *c = &nc->rules[l->idx[i]];

		if (c->action == FLOWSTAT_NAT_ACTION_POOL &&
		    nc->pools[c->pool].alloc->family != t->family)
			continue;
		if (fs_nat_rule_matches(c, t)) {
			r = c;
			break;
		}
	}
	if (!r || r->action == FLOWSTAT_NAT_ACTION_OFF)
		return 0;
	if (fs_nat_already(fsn, t))
		return -ELOOP;
	if (r->action == FLOWSTAT_NAT_ACTION_POOL) {
		pool = &nc->pools[r->pool];
		a = pool->alloc;
	} else if (fs_nat_if_address(fsn->net, out, t, &ifaddr)) {
		a = fs_nat_ifa_get(fsn, t->family, &ifaddr);
	} else {
		a = NULL;
	}
	if (a) {
		start = jhash(&t->src, sizeof(t->src), 0) % a->n_addrs;
		tries = min_t(u32, a->n_addrs, FS_NAT_ADDR_TRIES);
		for (k = 0; k < tries; k++)
			if (fs_nat_bind_addr(fsn, a, (start + k) % a->n_addrs,
					     t, reply, bind)) {
				kref_get(&a->ref);
				atomic64_inc(&a->hits);
				atomic64_inc(&r->hits);
				*rule = r - nc->rules + 1;
				return 1;
			}
		atomic64_inc(&a->fails);
	}
	atomic64_inc(&r->fails);
	return -ENOSPC;
}

/**
 * fs_nat_release() - give back a session's binding
 * @bind: the binding; cleared
 *
 * Context: any.
 */
void fs_nat_release(struct fs_nat_bind *bind)
{
	/* a session may be unlinked on two CPUs at once: one gives it back */
	struct fs_nat_alloc *a = xchg(&bind->alloc, NULL);

	if (!a)
		return;
	if (bind->port != U32_MAX)
		fs_nat_port_give(a, bind->addr, bind->port);
	fs_nat_alloc_put(a);
}

/**
 * fs_nat_is_pool_address() - is @addr an address of a source pool
 * @cfg: the running configuration
 * @family: NFPROTO_IPV4 or NFPROTO_IPV6
 * @addr: the address
 *
 * For the first-packet path: a packet to one without a session is to the
 * router, and nothing there answers it ("No one interested in self
 * packets").
 * Context: rcu_read_lock held.
 */
bool fs_nat_is_pool_address(const struct fs_config *cfg, u8 family,
			    const union nf_inet_addr *addr)
{
	const struct fs_nat_cfg *nc = cfg->nat;
	u32 i;

	for (i = 0; nc && i < nc->n_pools; i++)
		if (nc->pools[i].alloc &&
		    fs_nat_addr_index(nc->pools[i].alloc, family, addr) >= 0)
			return true;
	return false;
}

void fs_nat_net_init(struct fs_net *fsn)
{
	INIT_LIST_HEAD(&fsn->nat_ifa);
	spin_lock_init(&fsn->nat_ifa_lock);
}

/* At namespace exit, after the hooks: nothing looks the list up any more. */
void fs_nat_net_exit(struct fs_net *fsn)
{
	struct fs_nat_ifa *e, *n;

	list_for_each_entry_safe(e, n, &fsn->nat_ifa, node) {
		list_del(&e->node);
		fs_nat_alloc_put(e->alloc);
		kfree(e);
	}
}

/* Allocators are freed by work queued here; unloading waits for it. */
struct workqueue_struct *fs_nat_workqueue(void)
{
	return fs_nat_wq;
}

int fs_nat_init(void)
{
	fs_nat_wq = alloc_workqueue("flowstat_nat", 0, 0);
	return fs_nat_wq ? 0 : -ENOMEM;
}

void fs_nat_exit(void)
{
	rcu_barrier(); /* the queue_rcu_work callbacks queue the work */
	destroy_workqueue(fs_nat_wq);
}
