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
 * A kept route is used only while nothing it was chosen by can have
 * changed:
 * - the route generation (fs_route_gen(): every route added or removed,
 *   every route cache flush) is the one this packet was checked against;
 *   when it moves, fs_pre_reroute() drops the session's kept routes;
 * - the route is alive: dst_dev_put() marks it dead when its device goes;
 * - the packet arrives on the interface its direction arrives on;
 * - the namespace has no policy-routing rules: without them the lookup
 *   depends on the addresses and the ingress device only (a route with a
 *   TOS selector is the exception: a kept route does not see the TOS);
 * - the packet has no IP options and its device no L3 master (VRF).
 *
 * The session holds a reference on each kept route. A route is freed an
 * RCU grace period after its last reference goes, so a packet carrying it
 * without a reference stays safe, as with every route the stack sets with
 * noref; __dev_queue_xmit() takes a reference before a packet is queued.
 *
 * IPv6 is not done: its routes are validated with a per-route cookie
 * (ip6_dst_check()), which the session would have to keep as well.
 */
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <net/dst.h>
#include <net/ip.h>
#include <net/route.h>

#include "flowstat.h"

static bool fs_rc_policy_routing(const struct net *net)
{
#ifdef CONFIG_IP_MULTIPLE_TABLES
	return READ_ONCE(net->ipv4.fib_has_custom_rules);
#else
	return false;
#endif
}

/* dst_dev_put() marks a route dead when its device goes away. */
static bool fs_rc_alive(const struct dst_entry *dst)
{
	return READ_ONCE(dst->obsolete) == DST_OBSOLETE_FORCE_CHK;
}

static void fs_rc_drop(struct fs_session *s, enum fs_dir dir)
{
	dst_release(unrcu_pointer(xchg(&s->dst[dir], RCU_INITIALIZER(NULL))));
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

	if (in->ifindex != expect || skb_dst(skb) || iph->ihl != 5 ||
	    fs_rc_policy_routing(net) || netif_is_l3_slave(in))
		return;
	dst = rcu_dereference(s->dst[dir]);
	if (dst) {
		if (likely(fs_rc_alive(dst))) {
			skb_dst_set_noref(skb, dst);
			return;
		}
		fs_rc_drop(s, dir);
	}
	/* On error the stack looks up again, and counts and answers it. */
	if (ip_route_input_noref(skb, iph->daddr, iph->saddr, iph->tos, in))
		return;
	dst = skb_dst(skb);
	if (!dst || skb_rtable(skb)->rt_type != RTN_UNICAST ||
	    !fs_rc_alive(dst) || !dst_hold_safe(dst))
		return;
	if (cmpxchg(&s->dst[dir], RCU_INITIALIZER(NULL), RCU_INITIALIZER(dst)))
		dst_release(dst); /* another CPU kept one first */
}

/**
 * fs_route_cache_flush() - forget the routes a session kept
 * @s: the session
 *
 * Context: any; packets may still carry the routes (see above).
 */
void fs_route_cache_flush(struct fs_session *s)
{
	fs_rc_drop(s, FS_DIR_ORIG);
	fs_rc_drop(s, FS_DIR_REPLY);
}
