// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: the route step of the first-packet path, and the reverse
 * lookups of the ip-spoofing screen and of multicast RPF.
 *
 * The IPv4 forward route is the stack's own: ip_route_input_noref() sets
 * it on the skb, and the stack, finding it there, does not look it up
 * again. IPv4 otherwise uses fib_lookup() and fib_info_nh_uses_dev() as
 * ipt_rpfilter and nft_fib do. IPv6 uses ip6_route_input_lookup() for the
 * forward route and ip6_route_lookup() for the reverse one (fib6_lookup
 * and ip6_route_input are not exported), without touching the skb: the
 * stack's ip6_route_input() keys on more than we could reproduce (protocol,
 * tunnel key, multipath hash), so it routes the packet again itself.
 * Everything here runs under rcu_read_lock in the PRE_ROUTING hook.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <net/ip_fib.h>
#include <net/ip6_route.h>
#include <net/ip.h>
#include <net/route.h>

#include "compat.h"
#include "flowstat.h"

static void fs_route_flow4(const struct sk_buff *skb, struct flowi4 *fl4)
{
	const struct iphdr *iph = ip_hdr(skb);

	memset(fl4, 0, sizeof(*fl4));
	fl4->flowi4_mark = skb->mark;
	fl4->flowi4_tos = fs_route_tos(iph->tos);
	fl4->flowi4_scope = RT_SCOPE_UNIVERSE;
}

/* Forward route of an IPv4 packet received on @in. */
static enum fs_route fs_route_input4(struct net *net, struct sk_buff *skb,
				     struct net_device *in, int *oif)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct fib_result res;
	struct flowi4 fl4;
	struct rtable *rt;

	if (ipv4_is_lbcast(iph->daddr) || ipv4_is_zeronet(iph->daddr))
		return FS_ROUTE_LOCAL;
	/*
	 * The stack's own lookup, which it then does not repeat (issue 6),
	 * when no hook after ours can change its result (fs_route_keepable()).
	 * Anything but a unicast or local route is looked at again below, so
	 * that only a missing route counts as one, not forwarding turned off
	 * on @in or a martian source (the stack drops those itself).
	 */
	if (!skb_dst(skb) && fs_route_keepable(net, skb, in) &&
	    !ip_route_input_noref(skb, iph->daddr, iph->saddr, iph->tos, in)) {
		rt = skb_rtable(skb);
		if (rt->rt_type == RTN_UNICAST) {
			*oif = rt->dst.dev->ifindex;
			return FS_ROUTE_FORWARD;
		}
		if (rt->rt_type == RTN_LOCAL || rt->rt_type == RTN_BROADCAST)
			return FS_ROUTE_LOCAL;
	}
	fs_route_flow4(skb, &fl4);
	fl4.flowi4_iif = in->ifindex;
	fl4.daddr = iph->daddr;
	fl4.saddr = iph->saddr;
	/* blackhole, unreachable and prohibit routes are errors here */
	if (fib_lookup(net, &fl4, &res, FIB_LOOKUP_IGNORE_LINKSTATE))
		return FS_ROUTE_NONE;
	switch (res.type) {
	case RTN_UNICAST:
		*oif = FIB_RES_DEV(res) ? FIB_RES_DEV(res)->ifindex : 0;
		return FS_ROUTE_FORWARD;
	case RTN_LOCAL:
	case RTN_BROADCAST:
		return FS_ROUTE_LOCAL;
	default:
		return FS_ROUTE_NONE;
	}
}

static enum fs_route fs_route_input6(struct net *net, const struct sk_buff *skb,
				     const struct net_device *in, int *oif)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct flowi6 fl6 = {
		.flowi6_iif = in->ifindex,
		.flowi6_mark = skb->mark,
		.flowlabel = ip6_flowinfo(ip6h),
		.daddr = ip6h->daddr,
		.saddr = ip6h->saddr,
	};
	enum fs_route ret = FS_ROUTE_NONE;
	struct dst_entry *dst;
	struct rt6_info *rt;

	dst = ip6_route_input_lookup(net, (struct net_device *)in, &fl6, skb,
				     RT6_LOOKUP_F_HAS_SADDR);
	if (!dst)
		return FS_ROUTE_NONE;
	rt = container_of(dst, struct rt6_info, dst);
	if (dst->error) {
		ret = FS_ROUTE_NONE;
	} else if (rt->rt6i_flags & (RTF_LOCAL | RTF_ANYCAST)) {
		ret = FS_ROUTE_LOCAL;
	} else if (dst->dev) {
		*oif = dst->dev->ifindex;
		ret = FS_ROUTE_FORWARD;
	}
	dst_release(dst);
	return ret;
}

/**
 * fs_route_input() - route step: where does this packet go
 * @net: its namespace
 * @skb: the packet (unicast destination)
 * @pf: NFPROTO_IPV4 or NFPROTO_IPV6
 * @in: its ingress device
 * @oif: set to the egress ifindex for FS_ROUTE_FORWARD
 *
 * For IPv4 the lookup may be the stack's own, which it then keeps on @skb.
 *
 * Context: rcu_read_lock.
 * Return: FS_ROUTE_NONE for no route, a blackhole, unreachable or
 * prohibit route; FS_ROUTE_LOCAL for the router itself; FS_ROUTE_FORWARD.
 */
enum fs_route fs_route_input(struct net *net, struct sk_buff *skb, u8 pf,
			     struct net_device *in, int *oif)
{
	*oif = 0;
	if (pf == NFPROTO_IPV4)
		return fs_route_input4(net, skb, in, oif);
	return fs_route_input6(net, skb, in, oif);
}

/*
 * The device the route back to the packet's source leaves by, or NULL if
 * there is none (or it is a local, blackhole, unreachable or prohibit
 * route). With several next hops, @in wins if it is one of them.
 */
static const struct net_device *fs_route_back4(struct net *net,
					       const struct sk_buff *skb,
					       const struct net_device *in)
{
	struct fib_result res;
	struct flowi4 fl4;

	fs_route_flow4(skb, &fl4);
	fl4.flowi4_iif = LOOPBACK_IFINDEX;
	fl4.daddr = ip_hdr(skb)->saddr;
	if (fib_lookup(net, &fl4, &res, FIB_LOOKUP_IGNORE_LINKSTATE) ||
	    res.type != RTN_UNICAST)
		return NULL;
	if (fib_info_nh_uses_dev(res.fi, in))
		return in;
	return FIB_RES_DEV(res);
}

/* Same for IPv6; returns the ifindex, 0 for none. */
static int fs_route_back6(struct net *net, const struct sk_buff *skb,
			  const struct net_device *in)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct flowi6 fl6 = {
		.flowi6_mark = skb->mark,
		.daddr = ip6h->saddr,
	};
	int flags = 0, ifindex = 0;
	struct dst_entry *dst;

	if (rt6_need_strict(&ip6h->saddr)) {
		/* link-scope: the route back is the link it came in by */
		fl6.flowi6_oif = in->ifindex;
		flags |= RT6_LOOKUP_F_IFACE;
	}
	dst = ip6_route_lookup(net, &fl6, skb, flags);
	if (!dst)
		return 0;
	if (!dst->error && dst->dev &&
	    !(container_of(dst, struct rt6_info, dst)->rt6i_flags &
	      (RTF_LOCAL | RTF_ANYCAST)) &&
	    !(dst->dev->flags & IFF_LOOPBACK))
		ifindex = dst->dev->ifindex;
	dst_release(dst);
	return ifindex;
}

/**
 * fs_route_source_in_zone() - does the route back to the source leave by
 *	an interface of zone @zone
 * @net: namespace
 * @v: the view (interface bindings)
 * @skb: the packet
 * @pf: family
 * @in: ingress device
 * @zone: ingress zone index
 *
 * An unspecified source (0.0.0.0, ::) passes: it names no network.
 * Context: rcu_read_lock.
 */
bool fs_route_source_in_zone(struct net *net, const struct fs_view *v,
			     const struct sk_buff *skb, u8 pf,
			     const struct net_device *in, u32 zone)
{
	const struct fs_binding *b;
	int ifindex;

	/* A host without an address yet (DHCP, DAD) claims no source. */
	if (pf == NFPROTO_IPV4 ? ipv4_is_zeronet(ip_hdr(skb)->saddr) :
				 ipv6_addr_any(&ipv6_hdr(skb)->saddr))
		return true;
	if (pf == NFPROTO_IPV4) {
		const struct net_device *dev = fs_route_back4(net, skb, in);

		if (!dev)
			return false;
		ifindex = dev->ifindex;
	} else {
		ifindex = fs_route_back6(net, skb, in);
		if (!ifindex)
			return false;
	}
	if (ifindex == in->ifindex)
		return true;
	b = fs_binding_find(v, ifindex);
	return b && b->zone == zone;
}

/**
 * fs_route_mcast_rpf() - RPF check of a multicast packet: the route back
 *	to its source leaves by the interface it came in by
 * @net: namespace
 * @skb: the packet
 * @pf: family
 * @in: ingress device
 *
 * An unspecified source (IGMP or DHCP before the host has an address) and
 * a link-local IPv6 source are on the link by definition.
 * Context: rcu_read_lock.
 */
bool fs_route_mcast_rpf(struct net *net, const struct sk_buff *skb, u8 pf,
			const struct net_device *in)
{
	if (pf == NFPROTO_IPV4) {
		if (ipv4_is_zeronet(ip_hdr(skb)->saddr))
			return true;
		return fs_route_back4(net, skb, in) == in;
	}
	if (ipv6_addr_any(&ipv6_hdr(skb)->saddr) ||
	    rt6_need_strict(&ipv6_hdr(skb)->saddr))
		return true;
	return fs_route_back6(net, skb, in) == in->ifindex;
}

/**
 * fs_route_gen() - a number that changes whenever a route of @pf may have
 * @net: namespace
 * @pf: family
 *
 * IPv4: the FIB notifier sequence (every route added or removed, under
 * RTNL) plus the route cache generation (flushes: device and address
 * events). IPv6: the FIB serial number (bumped when routes are added) plus
 * the notifier sequences of the main and local tables (every route added
 * or removed there; a removal does not bump the serial number). Routes of
 * other IPv6 tables (policy routing) are noticed when added only. Read
 * without locks: a stale value only delays a re-route by one packet.
 */
u32 fs_route_gen(const struct net *net, u8 pf)
{
	u32 gen;

	if (pf == NFPROTO_IPV4)
		return READ_ONCE(net->ipv4.fib_seq) + rt_genid_ipv4(net);
	gen = rt_genid_ipv6(net) + READ_ONCE(net->ipv6.fib6_main_tbl->fib_seq);
#ifdef CONFIG_IPV6_MULTIPLE_TABLES
	gen += READ_ONCE(net->ipv6.fib6_local_tbl->fib_seq);
#endif
	return gen;
}
