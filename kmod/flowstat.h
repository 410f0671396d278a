/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flowstat: objects shared between the module's files.
 *
 * Locking in one paragraph: the packet path runs under rcu_read_lock (BH
 * disabled on the input and forward hooks, preemptible process context on
 * LOCAL_OUT) and only reads the published view (configuration + interface
 * bindings), looks sessions up in an RCU rhashtable and bumps per-CPU
 * counters. Everything that changes a view runs in process context under
 * the per-netns mutex fsn->lock; RTNL, when held, is always taken first.
 */
#ifndef _FLOWSTAT_H
#define _FLOWSTAT_H

#include <linux/types.h>
#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/percpu_counter.h>
#include <linux/rhashtable.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <net/netns/generic.h>
#include <net/netlink.h>
#include <linux/flowstat.h>

#define FS_MAX_ZONES 1024
#define FS_MAX_POLICIES 1048576
#define FS_MAX_IFACES 65536

/* ------------------------------------------------------------------ */
/* Configuration: immutable once published.                            */

/**
 * struct fs_zone - a security zone
 * @name: zone name
 * @services: host-inbound system-services (enum flowstat_service bits)
 * @protocols: host-inbound protocols (enum flowstat_protocol bits)
 */
struct fs_zone {
	char name[FLOWSTAT_NAME_MAX];
	u32 services;
	u32 protocols;
	u32 screen; /* 1-based index into fs_config.screens, 0 for none */
	bool tcp_rst;
};

/**
 * struct fs_iface_cfg - an interface binding as configured
 * @name: Linux name or alias, as the user wrote it (kept for round trip)
 * @zone: index into fs_config.zones
 * @own_host_inbound: the interface's settings replace the zone's
 * @services: host-inbound services when @own_host_inbound
 * @protocols: host-inbound protocols when @own_host_inbound
 */
struct fs_iface_cfg {
	char name[FLOWSTAT_IFNAME_MAX];
	u32 zone;
	bool own_host_inbound;
	u32 services;
	u32 protocols;
};

/**
 * struct fs_policy - one zone-pair policy
 * @name: policy name, unique within its zone pair
 * @from: ingress zone index
 * @to: egress zone index
 * @action: enum flowstat_action
 * @index: 1-based position in the configuration (Junos "P/INDEX")
 */
struct fs_policy {
	char name[FLOWSTAT_NAME_MAX];
	u32 from;
	u32 to;
	u8 action;
	u32 index;
};

/** struct fs_policy_list - the policies of one zone pair, in order */
struct fs_policy_list {
	u32 n;
	u32 idx[];
};

struct fs_screen;
struct fs_screen_pcpu;
struct fs_syn_table;

/**
 * struct fs_flow_cfg - `set security flow ...`, 0 where not configured
 * @max_sessions: max-sessions
 * @max_minor: max-minor-sessions
 * @tcp_initial: tcp-session tcp-initial-timeout, seconds
 * @tcp_est: tcp-session established-timeout, seconds
 * @udp: udp-session timeout, seconds
 * @no_seq_check: tcp-session no-sequence-check
 */
struct fs_flow_cfg {
	u32 max_sessions;
	u32 max_minor;
	u32 tcp_initial;
	u32 tcp_est;
	u32 udp;
	bool no_seq_check;
};

/**
 * struct fs_config - one complete configuration
 * @ref: held by every view that uses it, and by whoever builds it
 * @gen: bumped by every CONFIG_SET in the namespace, never 0
 * @default_action: FLOWSTAT_ACTION_PERMIT or _DENY
 * @pairs: n_zones * n_zones lists, NULL for a pair without policies
 */
struct fs_nat_cfg;
struct fs_config {
	struct kref ref;
	u32 gen;
	u8 default_action;
	struct fs_flow_cfg flow;
	u32 n_zones;
	u32 n_ifaces;
	u32 n_policies;
	struct fs_zone *zones;
	struct fs_iface_cfg *ifaces;
	struct fs_policy *policies;
	struct fs_policy_list **pairs;
	struct fs_book *book; /* book.h: addresses, applications, index */
	/* screens (screen.c) */
	u32 n_screens;
	struct fs_screen *screens;
	struct fs_screen_pcpu __percpu *screen_pcpu; /* n_zones entries */
	struct fs_syn_table **syn; /* per zone, NULL without syn-flood */
	struct fs_nat_cfg *nat; /* nat.h, NULL without NAT */
};

/**
 * struct fs_binding - a live interface bound to a zone
 * @ifindex: 0 marks a free slot
 * @zone: index into the view's configuration zones
 * @services: effective host-inbound services
 * @protocols: effective host-inbound protocols
 */
struct fs_binding {
	int ifindex;
	u32 zone;
	u32 services;
	u32 protocols;
};

/**
 * struct fs_view - what the packet path reads: a configuration and the
 * interfaces that currently carry its zones. Rebuilt when either changes.
 * @gen: bumped on every publish; sessions remember the view they were
 *	last checked against
 * @mask: size of @bind minus one (a power of two, open addressing)
 */
struct fs_view {
	struct rcu_head rcu;
	struct fs_config *cfg;
	u32 gen;
	u32 mask;
	struct fs_binding bind[];
};

/* ------------------------------------------------------------------ */
/* Counters                                                            */

struct fs_pcpu_ctr {
	u64_stats_t c[__FLOWSTAT_CTR_MAX];
	struct u64_stats_sync syncp;
};

/* Estimated transit rates, in the order of enum flowstat_rate. */
enum {
	FS_RATE_IN_BPS,
	FS_RATE_OUT_BPS,
	FS_RATE_IN_PPS,
	FS_RATE_OUT_PPS,
	__FS_RATE_MAX
};

/* Device counters kept at clear time, in the order of enum flowstat_devstat. */
enum {
	FS_DEV_RX_PACKETS,
	FS_DEV_TX_PACKETS,
	FS_DEV_RX_BYTES,
	FS_DEV_TX_BYTES,
	__FS_DEV_MAX
};

/**
 * struct fs_ifstats - counters of one interface of a namespace
 * @pcpu: written by the packet path only
 * @base: counter values at the last clear (under fsn->lock)
 * @dev_base: the device's own counters at the last clear
 * @cleared: wall-clock seconds of the last clear, 0 for never
 * @est_last: transit totals at the previous estimator tick
 * @rate: estimated rates, enum FS_RATE_*
 */
struct fs_ifstats {
	struct rcu_head rcu;
	int ifindex;
	struct fs_pcpu_ctr __percpu *pcpu;
	u64 base[__FLOWSTAT_CTR_MAX];
	u64 dev_base[__FS_DEV_MAX];
	time64_t cleared;
	u64 est_last[__FS_RATE_MAX];
	u64 rate[__FS_RATE_MAX];
};

/* ------------------------------------------------------------------ */
/* Sessions                                                            */

/**
 * struct fs_tuple - the key of one direction of a session
 * Ports hold the ICMP echo identifier for echo request/reply, and are 0
 * for protocols without ports. @pad and the unused words of an IPv4
 * address must be zero: the key is compared as five 64-bit words.
 */
struct fs_tuple {
	union nf_inet_addr src;
	union nf_inet_addr dst;
	__be16 sport;
	__be16 dport;
	u8 proto;
	u8 family;
	u8 pad[2];
} __aligned(8);

enum fs_dir { FS_DIR_ORIG, FS_DIR_REPLY };

struct fs_tcp;
struct genl_info;
struct genl_family;

struct fs_thash {
	struct rhash_head node;
	struct fs_tuple t;
	u8 dir;
};

enum fs_sess_kind {
	FS_SESS_TRANSIT, /* through the router */
	FS_SESS_TO_SELF, /* host-inbound traffic */
	FS_SESS_FROM_SELF, /* started by the router */
};

enum fs_sess_flag {
	FS_SESS_DEAD, /* unlinked, freed after a grace period */
	FS_SESS_SEEN_REPLY,
	FS_SESS_NAT, /* translated: the tuples are not each other's reverse */
	/* what a packet of direction D has rewritten: bit + 2 * D */
	FS_SESS_NAT_DST,
	FS_SESS_NAT_SRC,
	FS_SESS_NAT_DST_REPLY,
	FS_SESS_NAT_SRC_REPLY,
};

/**
 * struct fs_nat_bind - a source NAT binding a session holds (nat.h)
 * @alloc: the pool (or interface address) it comes from, NULL for none
 * @addr: address index in @alloc
 * @port: port index in the address's range, U32_MAX for none
 */
struct fs_nat_alloc;
struct fs_nat_bind {
	struct fs_nat_alloc *alloc;
	u32 addr;
	u32 port;
};

/**
 * struct fs_sess_nat - what source NAT decided for a new session
 * @reply: the reply tuple (translated)
 * @bind: the binding taken for it
 * @rule: 1-based number of the rule
 */
struct fs_sess_nat {
	struct fs_tuple reply;
	struct fs_nat_bind bind;
	u32 rule;
};

enum fs_sess_class {
	FS_CLASS_TCP,
	FS_CLASS_UDP,
	FS_CLASS_ICMP,
	FS_CLASS_OTHER,
	__FS_CLASS_MAX
};

/**
 * struct fs_session - one session, reachable by both of its tuples
 * @expires: jiffies after which it is dead; refreshed by its packets
 * @gen: view generation it was last checked against
 * @iif: ingress ifindex of the first packet (0 for FROM_SELF)
 * @oif: egress ifindex of the first packet (0 for TO_SELF)
 * @policy: index of the permitting policy (1-based), 0 for none
 * @id: unique in the namespace, for show/clear
 * @tcp: the minor session (TCP state), TCP only
 */
struct fs_session {
	struct fs_thash th[2];
	u64 id;
	struct fs_tcp *tcp;
	unsigned long expires;
	unsigned long flags;
	u32 gen;
	int iif;
	int oif;
	u32 policy;
	/* route.c: route generation at the last route check, if known */
	u32 route_gen;
	bool route_known;
	u8 kind;
	u8 class;
	u64 packets[2];
	u64 bytes[2];
	struct rcu_head rcu;
	/* route_cache.c: the route each direction takes (IPv4 transit) */
	struct dst_entry __rcu *dst[2];
	/* nat.c: the source binding, and the 1-based rule that made it */
	struct fs_nat_bind nat;
	u32 nat_rule;
};

struct fs_pcpu_sess {
	u64 next_id;
	u64 created;
	u64 deleted;
	s64 cur[__FS_CLASS_MAX];
};

/**
 * struct fs_sessions - the session table of a namespace
 * @count: live sessions
 * @minor_count: live minor sessions (TCP state blocks)
 * @max: session limit in force (max-sessions, or @def_max)
 * @minor_max: minor session limit in force
 * @def_max: default session limit, sized from memory
 * @to_tcp_initial: timeouts in force, jiffies
 * @no_seq_check: TCP window check off
 * @gc_iter: the collector's position, kept between its rounds
 * @gc_active: @gc_iter is entered
 */
struct fs_sessions {
	struct rhashtable ht;
	struct percpu_counter count;
	struct percpu_counter minor_count;
	struct fs_pcpu_sess __percpu *pcpu;
	u32 max;
	u32 minor_max;
	u32 def_max;
	unsigned long to_tcp_initial;
	unsigned long to_tcp_est;
	unsigned long to_udp;
	bool no_seq_check;
	struct delayed_work gc_work;
	struct rhashtable_iter gc_iter;
	bool gc_active;
};

/* ------------------------------------------------------------------ */
/* Per network namespace                                               */

/* Interfaces whose counters the packet path finds by direct index. */
#define FS_IFSTATS_DIRECT 64

/**
 * struct fs_net - flowstat's state in one network namespace
 * @net: the namespace
 * @view: what the packet path reads, NULL until a configuration is loaded
 * @cfg: the configuration of @view (under @lock), kept to rebuild views
 * @lock: serialises configuration, view and clear changes
 * @gen: last configuration generation handed out
 * @view_gen: last view generation handed out
 * @ifstats: ifindex -> struct fs_ifstats, RCU-safe lookups
 * @ifstats_direct: the same for ifindex < FS_IFSTATS_DIRECT (under RTNL)
 * @est_work: the transit-rate estimator
 * @hooked: the netfilter hooks are registered (under @lock; from the first
 *	configuration on, until the namespace goes)
 */
struct fs_net {
	struct net *net;
	struct fs_view __rcu *view;
	struct fs_config *cfg;
	struct mutex lock; /* see above */
	u32 gen;
	u32 view_gen;
	struct xarray ifstats;
	struct fs_ifstats __rcu *ifstats_direct[FS_IFSTATS_DIRECT];
	struct fs_sessions sess;
	struct delayed_work est_work;
	bool hooked;
	/* nat.c: bindings of interface addresses (source-nat interface) */
	struct list_head nat_ifa;
	spinlock_t nat_ifa_lock; /* adding to nat_ifa */
};

extern unsigned int fs_net_id;
extern struct pernet_operations fs_net_ops;

static inline struct fs_net *fs_pernet(const struct net *net)
{
	return net_generic(net, fs_net_id);
}

/* config.c */
u32 fs_config_count_type(const struct nlmsghdr *nlh, int type);
extern const struct nla_policy fs_cfg_nl_policy[FLOWSTAT_A_CFG_MAX + 1];
struct fs_config *fs_config_parse(const struct nlmsghdr *nlh,
				  struct netlink_ext_ack *extack);
void fs_config_put(struct fs_config *cfg);
int fs_config_fill_zone(struct sk_buff *skb, const struct fs_config *cfg,
			u32 zone);
int fs_config_fill_policy(struct sk_buff *skb, const struct fs_config *cfg,
			  u32 pol);

/* policy.c */
const struct fs_policy *fs_policy_lookup(const struct fs_config *cfg, u32 from,
					 u32 to, const struct fs_tuple *t);
u8 fs_policy_action(const struct fs_config *cfg, u32 from, u32 to,
		    const struct fs_tuple *t, u32 *index);

/* zone.c */
const struct fs_binding *fs_binding_find(const struct fs_view *v, int ifindex);
bool fs_dev_answers_to(const struct net_device *dev, const char *name);
int fs_view_publish(struct fs_net *fsn, struct fs_config *cfg);
void fs_view_refresh(struct fs_net *fsn);
void fs_view_destroy(struct fs_net *fsn);
int fs_zone_init(void);
void fs_zone_exit(void);

/* host_inbound.c */
bool fs_host_inbound_allowed(const struct fs_binding *b,
			     const struct fs_tuple *t);

/* stats.c */
void fs_ifstats_add(struct fs_net *fsn, struct net_device *dev);
void fs_ifstats_del(struct fs_net *fsn, int ifindex);
void fs_ifstats_sum(const struct fs_ifstats *s, u64 *out);
void fs_ifstats_clear(struct fs_net *fsn, struct fs_ifstats *s);
int fs_stats_net_init(struct fs_net *fsn);
void fs_stats_net_exit(struct fs_net *fsn);

/**
 * fs_ifstats_find() - the counters of interface @ifindex
 * @fsn: the namespace's flowstat state
 * @ifindex: interface index
 *
 * Twice per forwarded packet: the low indexes a namespace's devices usually
 * have are one load away; the others are in the xarray.
 *
 * Context: rcu_read_lock held; the block stays valid until it is dropped.
 */
static inline struct fs_ifstats *fs_ifstats_find(struct fs_net *fsn,
						 int ifindex)
{
	if (likely((unsigned int)ifindex < FS_IFSTATS_DIRECT))
		return rcu_dereference(fsn->ifstats_direct[ifindex]);
	return xa_load(&fsn->ifstats, ifindex);
}

/**
 * fs_count_begin() - start updating one interface's counters
 *
 * Pins the CPU for the per-CPU block; pair with fs_count_end().
 */
static inline struct fs_pcpu_ctr *fs_count_begin(struct fs_ifstats *s,
						 unsigned long *flags)
{
	struct fs_pcpu_ctr *p = get_cpu_ptr(s->pcpu);

	*flags = u64_stats_update_begin_irqsave(&p->syncp);
	return p;
}

static inline void fs_count_end(struct fs_ifstats *s, struct fs_pcpu_ctr *p,
				unsigned long flags)
{
	u64_stats_update_end_irqrestore(&p->syncp, flags);
	put_cpu_ptr(s->pcpu);
}

static inline void fs_count_add(struct fs_pcpu_ctr *p, enum flowstat_counter c,
				u64 n)
{
	u64_stats_add(&p->c[c], n);
}

/* session.c */
struct fs_session *fs_sess_lookup(struct fs_net *fsn, const struct fs_tuple *t,
				  enum fs_dir *dir);
struct fs_session *fs_sess_create(struct fs_net *fsn, const struct fs_tuple *t,
				  struct fs_sess_nat *nat, u8 kind, int iif,
				  int oif, u32 policy, u32 gen,
				  const struct sk_buff *skb,
				  unsigned int thoff);
void fs_tuple_invert(const struct fs_tuple *t, struct fs_tuple *r);
void fs_sess_refresh(struct fs_net *fsn, struct fs_session *s, enum fs_dir dir,
		     unsigned int len);
void fs_sess_account(struct fs_session *s, enum fs_dir dir, unsigned int len);
void fs_sess_apply(struct fs_net *fsn, const struct fs_flow_cfg *flow);
void fs_sess_sweep(struct fs_net *fsn);
unsigned long fs_sess_timeout_left(const struct fs_session *s);
typedef bool (*fs_sess_fn)(struct fs_net *fsn, struct fs_session *s, void *arg);
void fs_sess_walk(struct fs_net *fsn, fs_sess_fn fn, void *arg);
bool fs_sess_unlink(struct fs_net *fsn, struct fs_session *s);
void fs_sess_recheck_all(struct fs_net *fsn, const struct fs_view *v);
bool fs_sess_permitted(const struct fs_view *v, const struct fs_session *s);
void fs_sess_counts(struct fs_net *fsn, u64 *created, u64 *deleted, s64 *cur);
int fs_sess_net_init(struct fs_net *fsn);
void fs_sess_net_exit(struct fs_net *fsn);
int fs_sess_init(void);
void fs_sess_exit(void);

/* icmp_error.c */
bool fs_icmp_is_error(u8 family, u8 type);
bool fs_icmp_error_tuple(const struct sk_buff *skb, unsigned int thoff,
			 const struct fs_tuple *outer, struct fs_tuple *t,
			 unsigned int *qthoff);

/* tcp.c */
struct fs_tcp *fs_tcp_new(const struct sk_buff *skb, unsigned int thoff);
void fs_tcp_free(struct fs_tcp *tc);
bool fs_tcp_packet(struct fs_tcp *tc, enum fs_dir dir,
		   const struct sk_buff *skb, unsigned int thoff, bool check);
u8 fs_tcp_state_of(const struct fs_tcp *tc);
unsigned long fs_tcp_timeout(const struct fs_tcp *tc,
			     const struct fs_sessions *st);
unsigned int fs_tcp_obj_size(void);
int fs_tcp_init(void);
void fs_tcp_exit(void);

/* flow_cfg.c */
extern const struct nla_policy fs_flow_nl_policy[FLOWSTAT_A_FLOW_MAX + 1];
int fs_flow_parse(struct fs_flow_cfg *flow, const struct nlattr *nla,
		  struct netlink_ext_ack *extack);
int fs_flow_fill(struct sk_buff *skb, const struct fs_flow_cfg *flow);

/* session_nl.c */
int fs_nl_session_start(struct netlink_callback *cb);
int fs_nl_session_dump(struct sk_buff *skb, struct netlink_callback *cb);
int fs_nl_session_done(struct netlink_callback *cb);
int fs_nl_session_clear(struct sk_buff *skb, struct genl_info *info);
extern const struct nla_policy fs_session_nl_policy[FLOWSTAT_A_SESSION_MAX + 1];
/* route.c */
enum fs_route { FS_ROUTE_NONE, FS_ROUTE_LOCAL, FS_ROUTE_FORWARD };
enum fs_route fs_route_input(struct net *net, struct sk_buff *skb, u8 pf,
			     struct net_device *in, int *oif);
bool fs_route_source_in_zone(struct net *net, const struct fs_view *v,
			     const struct sk_buff *skb, u8 pf,
			     const struct net_device *in, u32 zone);
bool fs_route_mcast_rpf(struct net *net, const struct sk_buff *skb, u8 pf,
			const struct net_device *in);
u32 fs_route_gen(const struct net *net, u8 pf);

/* route_cache.c */
bool fs_route_keepable(const struct net *net, const struct sk_buff *skb,
		       const struct net_device *in);
void fs_route_cache_apply(struct net *net, struct fs_session *s,
			  enum fs_dir dir, struct sk_buff *skb,
			  struct net_device *in);
void fs_route_cache_flush(struct fs_session *s);

/* screen.c */
/**
 * struct fs_screen - one ids-option
 * @syn_attack: SYNs/s to one destination address and port, 0 if unset
 * @syn_source: SYNs/s from one source address, 0 if unset
 * @syn_dest: SYNs/s to one destination address, 0 if unset
 * @syn_timeout: seconds, 0 if unset
 */
struct fs_screen {
	char name[FLOWSTAT_NAME_MAX];
	bool ip_spoofing;
	bool syn_flood;
	u32 syn_attack;
	u32 syn_source;
	u32 syn_dest;
	u32 syn_timeout;
};

struct fs_screen_pcpu {
	u64_stats_t c[__FLOWSTAT_SCREEN_CTR_MAX];
	struct u64_stats_sync syncp;
};

extern const struct nla_policy fs_screen_nl_policy[FLOWSTAT_A_SCREEN_MAX + 1];
int fs_screen_parse(struct fs_config *cfg, const struct nlattr *nla,
		    struct netlink_ext_ack *extack);
int fs_screen_index(const struct fs_config *cfg, const char *name);
int fs_screen_cfg_init(struct fs_config *cfg);
void fs_screen_cfg_free(struct fs_config *cfg);
int fs_screen_fill(struct sk_buff *skb, const struct fs_config *cfg, u32 i);
void fs_screen_sum(const struct fs_config *cfg, u32 zone, u64 *out);
enum flowstat_counter fs_screen_check(struct net *net, const struct fs_view *v,
				      const struct sk_buff *skb, u8 pf,
				      const struct net_device *in, u32 zone,
				      const struct fs_tuple *t, u8 tcpflags);

/* tcp_rst.c */
bool fs_tcp_rst_first(const struct fs_view *v, u32 zone,
		      const struct fs_tuple *t, u8 tcpflags,
		      struct sk_buff *skb, const struct nf_hook_state *state);
bool fs_ident_reset(const struct fs_binding *b, const struct fs_tuple *t,
		    u8 tcpflags, struct sk_buff *skb,
		    const struct nf_hook_state *state);

/* hooks.c */
int fs_hooks_start(struct fs_net *fsn);
void fs_hooks_stop(struct fs_net *fsn);

/* netlink.c */
extern struct genl_family fs_genl_family;
int fs_nl_dump_objects(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd,
		       unsigned long (*count)(const struct fs_config *),
		       int (*fill)(struct sk_buff *, const struct fs_config *,
				   unsigned long));
int fs_netlink_init(void);
void fs_netlink_exit(void);

#endif /* _FLOWSTAT_H */
