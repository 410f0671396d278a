// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: each direction of a transit session keeps the route its
 * packets take, so that they skip the stack's route lookup (issue 6).
 *
 * PRE_ROUTING hands an established IPv4 session's packet the route kept
 * for its direction with skb_dst_set_noref(), as early demux does with a
 * socket's route: ip_rcv_finish() then finds a valid route and does not
 * look one up. The first packet of a direction that finds no kept route is
 * routed here with ip_route_input_noref(), the lookup the stack would have
 * made an instant later, and that route is kept.
 *
 * A route is kept only if the same lookup would give it to every later
 * packet of the direction, and used only while that still holds:
 * - no policy-routing rules (they may key on marks, ports, anything) and
 *   a routing TOS of zero (a route with a TOS selector then never
 *   matches), no IP options, no VRF master, not a bridged packet;
 * - a single-path unicast route the stack keeps itself (a noref result:
 *   the per-nexthop cache), so neither a multipath choice, which may hang
 *   on the neighbour's state, nor a route private to one packet (realms),
 *   nor one that asks for ICMP redirects (IPSKB_DOREDIRECT is set per
 *   lookup) is ever kept;
 * - the route generation (fs_route_gen(): every route added or removed,
 *   every route cache flush, which device, address and forwarding changes
 *   cause) is the one the session was checked against; fs_pre_reroute()
 *   drops the kept routes when it moves, and a route kept while it moved
 *   is given back at once;
 * - the route is alive (dst_dev_put() marks a kept route dead when the
 *   stack drops it from its cache, its device going away included);
 * - the packet arrives on the interface its direction arrives on.
 * Per-interface settings the stack reads on every lookup and that cause no
 * flush (rp_filter, accept_local, src_valid_mark) apply to a session's
 * packets from its next route change on, and to new sessions at once.
 *
 * The session holds a reference on each kept route. A route is freed an
 * RCU grace period after its last reference goes, so a packet carrying it
 * without a reference stays safe, as with every route the stack sets with
 * noref: whatever queues a packet takes a reference first, or drops it.
 *
 * IPv6 is not done: its routes are validated with a per-route cookie
 * (ip6_dst_check()), which the session would have to keep as well.
 */
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <net/dst.h>
#include <net/ip.h>
#include <net/ip_fib.h>
#include <net/route.h>

#include "compat.h"
#include "flowstat.h"

/**
 * fs_route_keepable() - may the route of this packet be decided once
 * @net: its namespace
 * @skb: the packet (IPv4), in PRE_ROUTING
 * @in: its ingress device
 *
 * Also the condition for the first-packet route step to set the stack's
 * route itself (route.c): then no hook after ours can change what the
 * stack's lookup would find (marks and TOS matter to policy rules and TOS
 * selectors only; a bridged packet's route is the bridge's business).
 */
bool fs_route_keepable(const struct net *net, const struct sk_buff *skb,
		       const struct net_device *in)
{
	const struct iphdr *iph = ip_hdr(skb);

	return !fib4_has_custom_rules(net) && !fs_route_tos(iph->tos) &&
	       iph->ihl == 5 && !netif_is_l3_slave(in) &&
	       !netif_is_bridge_port(in);
}

static bool fs_rc_alive(const struct dst_entry *dst)
{
	return READ_ONCE(dst->obsolete) == DST_OBSOLETE_FORCE_CHK;
}

/* Give back @dst, unless another CPU replaced it already. */
static void fs_rc_put(struct fs_session *s, enum fs_dir dir,
		      struct dst_entry *dst)
{
	if (cmpxchg(&s->dst[dir], RCU_INITIALIZER(dst), NULL) ==
	    RCU_INITIALIZER(dst))
		dst_release(dst);
}

/**
 * fs_route_cache_apply() - give a session's packet its direction's route
 * @net: namespace
 * @s: the packet's transit session, checked against the current route
 *     generation by this packet
 * @dir: the packet's direction in @s
 * @skb: the packet (IPv4), in PRE_ROUTING
 * @in: its ingress device
 *
 * Context: rcu_read_lock, softirq.
 */
void fs_route_cache_apply(struct net *net, struct fs_session *s,
			  enum fs_dir dir, struct sk_buff *skb,
			  struct net_device *in)
{
	int expect = dir == FS_DIR_ORIG ? s->iif : s->oif;
	const struct iphdr *iph = ip_hdr(skb);
	struct dst_entry *dst;
	u32 gen;

	if (in->ifindex != expect || skb_dst(skb) ||
	    !fs_route_keepable(net, skb, in))
		return;
	dst = rcu_dereference(s->dst[dir]);
	if (dst) {
		if (likely(fs_rc_alive(dst))) {
			skb_dst_set_noref(skb, dst);
			return;
		}
		fs_rc_put(s, dir, dst);
	}
	gen = fs_route_gen(net, NFPROTO_IPV4);
	if (gen != READ_ONCE(s->route_gen))
		return; /* a re-route is due: fs_pre_reroute() first */
	/* On error the stack looks up again, and counts and answers it. */
	if (ip_route_input_noref(skb, iph->daddr, iph->saddr, iph->tos, in))
		return;
	dst = skb_dst(skb);
	if (!dst || !skb_dst_is_noref(skb) ||
	    skb_rtable(skb)->rt_type != RTN_UNICAST ||
	    (IPCB(skb)->flags & (IPSKB_MULTIPATH | IPSKB_DOREDIRECT)) ||
	    !fs_rc_alive(dst) || !dst_hold_safe(dst))
		return;
	if (cmpxchg(&s->dst[dir], NULL, RCU_INITIALIZER(dst))) {
		dst_release(dst); /* another CPU kept one first */
		return;
	}
	/*
	 * A route change between our lookup and the cmpxchg may already have
	 * been seen, and the kept routes dropped, by another CPU: the
	 * generation moves after the tables change, so reading it again
	 * after the (fully ordered) cmpxchg catches that case.
	 */
	if (fs_route_gen(net, NFPROTO_IPV4) != gen)
		fs_rc_put(s, dir, dst);
}

/**
 * fs_route_cache_flush() - forget the routes a session kept
 * @s: the session
 *
 * Context: any; packets may still carry the routes (see above).
 */
void fs_route_cache_flush(struct fs_session *s)
{
	enum fs_dir dir;

	for (dir = FS_DIR_ORIG; dir <= FS_DIR_REPLY; dir++)
		if (rcu_access_pointer(s->dst[dir]))
			dst_release(unrcu_pointer(xchg(&s->dst[dir], NULL)));
}
