/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flowstat: NAT. Decided on a session's first packet, kept in the session
 * (its reply tuple is the translated one, so that either direction is still
 * one lookup) and applied by flowstat itself to every packet of it:
 * nf_nat needs conntrack, which flowstat replaces.
 */
#ifndef _FLOWSTAT_NAT_H
#define _FLOWSTAT_NAT_H

#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "book.h"

/**
 * struct fs_nat_ports - the ports of one pool address
 * @lock: serialises CPUs taking and giving back its ports
 * @used: one bit per port of the range, set while bound; NULL until the
 *	address is first used (a large pool costs nothing it does not use)
 * @free_words: one bit per word of @used that has a clear bit, so that
 *	finding a free port reads a bounded number of words however full
 *	the address is
 * @in_use: bits set in @used
 */
struct fs_nat_ports {
	spinlock_t lock; /* see above */
	unsigned long *used;
	unsigned long *free_words;
	u32 in_use;
};

/**
 * struct fs_nat_alloc - the bindings of a source pool, or of an interface
 * address for `source-nat interface`
 * @ref: held by each configuration naming it and by each session holding
 *	one of its bindings: it outlives the configuration that made it
 * @family: NFPROTO_IPV4 or NFPROTO_IPV6
 * @base: the first address
 * @n_addrs: number of addresses from @base on
 * @port_lo: first port of the range
 * @n_ports: ports per address (65536 with port no-translation: the
 *	original port is kept, whichever it is)
 * @no_xlate: port no-translation
 * @in_use: bindings in use over all addresses
 * @hits: bindings made
 * @fails: bindings that could not be made
 */
struct fs_nat_alloc {
	struct kref ref;
	struct rcu_work free_work;
	u8 family;
	union nf_inet_addr base;
	u32 n_addrs;
	u32 port_lo;
	u32 n_ports;
	bool no_xlate;
	atomic_t in_use;
	atomic64_t hits;
	atomic64_t fails;
	struct fs_nat_ports addr[];
};

/**
 * struct fs_nat_pool - `set security nat source pool ...`
 * @alloc: its bindings (shared with the previous configuration's pool of
 *	the same name and extent)
 * @plen: the pool was given as a prefix of this length, 0 otherwise
 * @high: last address when given as a range (for round trip)
 */
struct fs_nat_pool {
	char name[FLOWSTAT_NAME_MAX];
	u8 kind;
	u8 plen;
	bool has_ports;
	union nf_inet_addr high;
	struct fs_nat_alloc *alloc;
	/* destination pools: the real address, and port (0: unchanged) */
	u8 family;
	union nf_inet_addr addr;
	__be16 port;
	atomic64_t hits;
};

/**
 * struct fs_nat_rule - one NAT rule
 * @set: rule-set name
 * @from: ingress zone index
 * @to: egress zone index (source NAT)
 * @n_ref: configured source/destination references, for CONFIG_GET
 * @ref: the references: address book object numbers, or U32_MAX for an
 *	inline prefix (kept in @inl at the same position)
 * @n_pfx: flattened source/destination prefixes; 0 means any
 * @dport: destination port range, host order; @has_dport if given
 * @pool: pool index for FLOWSTAT_NAT_ACTION_POOL
 * @hits: first packets translated; @fails: matched, not translated
 * @static_pfx: static-nat prefix (the inside hosts); pfx[1][0] is the
 *	outside prefix it maps
 */
struct fs_nat_rule {
	char set[FLOWSTAT_NAME_MAX];
	char name[FLOWSTAT_NAME_MAX];
	u8 kind;
	u8 action;
	u32 from;
	u32 to;
	u32 n_ref[2];
	u32 *ref[2];
	struct fs_prefix *inl[2];
	u32 n_pfx[2];
	struct fs_prefix *pfx[2];
	bool has_dport;
	u16 dport[2];
	u32 pool;
	struct fs_prefix static_pfx;
	atomic64_t hits;
	atomic64_t fails;
};

/**
 * struct fs_nat_proxy - `set security nat (proxy-arp|proxy-ndp) interface
 * IF address ...`: the router answers ARP requests (IPv4) or neighbour
 * solicitations (IPv6) for @lo to @hi received on IF
 * @iface: Linux name or alias, as written; matched against the receiving
 *	device per request (only for a request whose address is in range)
 * @family: NFPROTO_IPV4 (proxy-arp) or NFPROTO_IPV6 (proxy-ndp)
 * @plen: given as the prefix @lo/@plen; 0 otherwise
 * @range: given as @lo to @hi (neither: the one address @lo)
 * @lo: first address, network order
 * @hi: last address (what @lo/@plen covers for a prefix)
 */
struct fs_nat_proxy {
	char iface[FLOWSTAT_IFNAME_MAX];
	u8 family;
	u8 plen;
	bool range;
	union nf_inet_addr lo;
	union nf_inet_addr hi;
};

/**
 * struct fs_nat_cfg - the NAT part of a configuration
 * @src_pairs: per zone pair (from * n_zones + to), the source rules in
 *	evaluation order; NULL where none
 * @static_from: per ingress zone, the static rules in order
 * @dst_from: per ingress zone, the destination rules in order
 * @n_static: static rules in all (a reverse translation looks at each)
 * @proxy: proxy-arp and proxy-ndp ranges, in configured order
 * @n_proxy_fam: how many of @proxy are IPv4 ([0]) and IPv6 ([1]), so that
 *	a namespace without any answers for nothing at no cost
 */
struct fs_nat_cfg {
	u32 n_pools;
	struct fs_nat_pool *pools;
	u32 n_rules;
	struct fs_nat_rule *rules;
	struct fs_policy_list **src_pairs;
	struct fs_policy_list **static_from;
	struct fs_policy_list **dst_from;
	u32 n_static;
	u32 n_proxy;
	struct fs_nat_proxy *proxy;
	u32 n_proxy_fam[2];
};

/* nat_cfg.c */
extern const struct nla_policy fs_natpool_nl_policy[FLOWSTAT_A_NATPOOL_MAX + 1];
extern const struct nla_policy fs_natrule_nl_policy[FLOWSTAT_A_NATRULE_MAX + 1];
extern const struct nla_policy
	fs_natproxy_nl_policy[FLOWSTAT_A_NATPROXY_MAX + 1];
int fs_nat_parse(struct fs_config *cfg, const struct nlmsghdr *nlh,
		 struct netlink_ext_ack *extack);
void fs_nat_inherit(struct fs_config *cfg, const struct fs_config *old);
void fs_nat_cfg_free(struct fs_config *cfg);
u32 fs_nat_n_objects(const struct fs_config *cfg);
int fs_nat_fill_object(struct sk_buff *skb, const struct fs_config *cfg, u32 i);
int fs_nat_pool_fill(struct sk_buff *skb, const struct fs_nat_pool *p);
int fs_nat_rule_fill(struct sk_buff *skb, const struct fs_config *cfg, u32 i);

/* nat_port.c */
struct fs_nat_alloc *fs_nat_alloc_new(u8 family, const union nf_inet_addr *base,
				      u32 n_addrs, u32 port_lo, u32 n_ports,
				      bool no_xlate, gfp_t gfp);
void fs_nat_alloc_put(struct fs_nat_alloc *a);
bool fs_nat_port_take(struct fs_nat_alloc *a, u32 addr, u32 *port);
bool fs_nat_port_claim(struct fs_nat_alloc *a, u32 addr, u32 port);
void fs_nat_port_give(struct fs_nat_alloc *a, u32 addr, u32 port);
void fs_nat_addr_of(const struct fs_nat_alloc *a, u32 i,
		    union nf_inet_addr *out);
s64 fs_nat_addr_index(const struct fs_nat_alloc *a, u8 family,
		      const union nf_inet_addr *addr);

/* nat.c */
bool fs_nat_dest(const struct fs_config *cfg, u32 from,
		 const struct fs_tuple *t, struct fs_tuple *to);
bool fs_nat_static_reverse(const struct fs_config *cfg, u32 to_zone,
			   const struct fs_tuple *t, struct fs_tuple *to,
			   u32 *rule);
int fs_nat_source(struct fs_net *fsn, const struct fs_config *cfg, u32 from,
		  u32 to, const struct fs_tuple *t,
		  const struct net_device *out, struct fs_tuple *reply,
		  struct fs_nat_bind *bind, u32 *rule);
void fs_nat_release(struct fs_nat_bind *bind);
bool fs_nat_is_pool_address(const struct fs_config *cfg, u8 family,
			    const union nf_inet_addr *addr);
void fs_nat_net_init(struct fs_net *fsn);
void fs_nat_net_exit(struct fs_net *fsn);
struct workqueue_struct *fs_nat_workqueue(void);
int fs_nat_init(void);
void fs_nat_exit(void);

/* nat_xlate.c */
bool fs_nat_xlate(struct sk_buff *skb, unsigned int thoff,
		  const struct fs_tuple *t, const struct fs_tuple *to, bool src,
		  bool dst);
bool fs_nat_xlate_error(struct sk_buff *skb, unsigned int thoff,
			unsigned int qthoff, const struct fs_tuple *outer,
			const struct fs_tuple *quote);

/* nat_proxy.c */
int fs_nat_proxy_parse(struct fs_nat_cfg *nc, const struct nlmsghdr *nlh,
		       struct netlink_ext_ack *extack);
int fs_nat_proxy_fill(struct sk_buff *skb, const struct fs_nat_proxy *x);
int fs_nat_proxy_hooks_register(struct net *net);
void fs_nat_proxy_hooks_unregister(struct net *net);

/* nat_nl.c */
int fs_nl_nat_pool_dump(struct sk_buff *skb, struct netlink_callback *cb);
int fs_nl_nat_rule_dump(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _FLOWSTAT_NAT_H */
