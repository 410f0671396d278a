// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: proxy ARP and proxy NDP for NAT addresses.
 *
 * `set security nat proxy-arp interface IF address A` (and proxy-ndp) makes
 * the router answer, on IF, for addresses it does not have: a source pool
 * on the outside subnet, the outside side of static NAT. Linux's own proxy
 * ARP answers only when the router has a route to the address through
 * another interface, and proxy NDP only for single addresses added one by
 * one; a NAT address has no such route (replies to it are translated back
 * before routing), so flowstat answers itself:
 *
 * - an ARP request, in NF_ARP_IN, before arp_process() sees it;
 * - a neighbour solicitation, in IPv6 PRE_ROUTING: one for an address the
 *   router does not have is not delivered locally (its solicited-node
 *   group is not joined, and a unicast one would be forwarded).
 *
 * A request for a configured address on its interface is answered with
 * the interface's MAC and then consumed (the stack would have nothing to
 * say about it); anything else is left to the stack untouched. An address
 * the router has itself is left to the stack too, which answers for it.
 * These are not flow packets: nothing is counted on the way in; the
 * answers leave as the router's own (an NA through LOCAL_OUT, as the
 * stack's own advertisements do).
 */
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/ipv6.h>
#include <linux/netfilter_arp.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/skbuff.h>
#include <net/addrconf.h>
#include <net/arp.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include <net/route.h>

#include "nat.h"

#define FS_NAT_MAX_PROXIES 4096

/* ------------------------------------------------------------------ */
/* Configuration                                                       */

/* @hi - @lo + 1 > FLOWSTAT_NAT_POOL_ADDRS_MAX, for @hi >= @lo. */
static bool fs_proxy_too_wide(const u8 *lo, const u8 *hi, int alen)
{
	int i, borrow = 0, d;
	u8 diff[16];

	for (i = alen - 1; i >= 0; i--) {
		d = hi[i] - lo[i] - borrow;
		borrow = d < 0;
		diff[i] = d + (borrow ? 256 : 0);
	}
	/* at most 65535 apart: every byte but the last two is 0 */
	for (i = 0; i < alen - 2; i++)
		if (diff[i])
			return true;
	return false;
}

static int fs_proxy_extent(struct fs_nat_proxy *x, struct nlattr **tb,
			   const struct nlattr *nla,
			   struct netlink_ext_ack *extack)
{
	int alen = x->family == NFPROTO_IPV4 ? 4 : 16;
	const struct nlattr *plen = tb[FLOWSTAT_A_NATPROXY_PREFIXLEN];
	const struct nlattr *high = tb[FLOWSTAT_A_NATPROXY_ADDR_HIGH];
	union nf_inet_addr masked;
	int i;

	if (plen && high) {
		NL_SET_ERR_MSG_ATTR(
			extack, nla,
			"a proxy range is a prefix or a range, not both");
		return -EINVAL;
	}
	x->hi = x->lo;
	if (plen) {
		x->plen = nla_get_u8(plen);
		if (x->plen > alen * 8 || x->plen < alen * 8 - 16) {
			NL_SET_ERR_MSG_ATTR(
				extack, plen,
				"proxy prefix longer than the family or wider than 65536 addresses");
			return -EINVAL;
		}
		fs_prefix_mask(&masked, &x->lo, x->family, x->plen);
		if (memcmp(&masked, &x->lo, sizeof(masked))) {
			NL_SET_ERR_MSG_ATTR(extack,
					    tb[FLOWSTAT_A_NATPROXY_ADDR],
					    "bits set past the prefix length");
			return -EINVAL;
		}
		for (i = x->plen; i < alen * 8; i++)
			((u8 *)&x->hi)[i / 8] |= 0x80 >> (i % 8);
		return 0;
	}
	if (!high)
		return 0;
	if (nla_len(high) != alen) {
		NL_SET_ERR_MSG_ATTR(extack, high,
				    "address length does not match its family");
		return -EINVAL;
	}
	x->range = true;
	memcpy(&x->hi, nla_data(high), alen);
	if (memcmp(&x->hi, &x->lo, alen) < 0) {
		NL_SET_ERR_MSG_ATTR(extack, high,
				    "proxy range ends before it starts");
		return -EINVAL;
	}
	if (fs_proxy_too_wide((u8 *)&x->lo, (u8 *)&x->hi, alen)) {
		NL_SET_ERR_MSG_ATTR(extack, high,
				    "proxy range wider than 65536 addresses");
		return -EINVAL;
	}
	return 0;
}

static int fs_proxy_parse_one(struct fs_nat_proxy *x, const struct nlattr *nla,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FLOWSTAT_A_NATPROXY_MAX + 1];
	int err;

	err = nla_parse_nested(tb, FLOWSTAT_A_NATPROXY_MAX, nla,
			       fs_natproxy_nl_policy, extack);
	if (err)
		return err;
	if (!tb[FLOWSTAT_A_NATPROXY_IFACE] || !tb[FLOWSTAT_A_NATPROXY_FAMILY] ||
	    !tb[FLOWSTAT_A_NATPROXY_ADDR] ||
	    !*(char *)nla_data(tb[FLOWSTAT_A_NATPROXY_IFACE])) {
		NL_SET_ERR_MSG_ATTR(
			extack, nla,
			"a proxy range needs an interface and an address");
		return -EINVAL;
	}
	nla_strscpy(x->iface, tb[FLOWSTAT_A_NATPROXY_IFACE], sizeof(x->iface));
	err = fs_addr_parse(tb[FLOWSTAT_A_NATPROXY_FAMILY],
			    tb[FLOWSTAT_A_NATPROXY_ADDR], &x->family, &x->lo,
			    extack);
	if (err)
		return err;
	return fs_proxy_extent(x, tb, nla, extack);
}

/**
 * fs_nat_proxy_parse() - the proxy-arp and proxy-ndp ranges of a CONFIG_SET
 * @nc: the NAT part of the configuration being built
 * @nlh: the request
 * @extack: where to say what is wrong
 *
 * Return: 0 or a negative errno (@nc->proxy is freed with @nc).
 */
int fs_nat_proxy_parse(struct fs_nat_cfg *nc, const struct nlmsghdr *nlh,
		       struct netlink_ext_ack *extack)
{
	u32 n = fs_config_count_type(nlh, FLOWSTAT_A_CFG_NAT_PROXY);
	const struct nlattr *nla;
	struct fs_nat_proxy *x;
	int err, rem;

	if (!n)
		return 0;
	if (n > FS_NAT_MAX_PROXIES) {
		NL_SET_ERR_MSG(extack, "too many proxy-arp/-ndp ranges");
		return -E2BIG;
	}
	nc->proxy = kvcalloc(n, sizeof(*nc->proxy), GFP_KERNEL);
	if (!nc->proxy)
		return -ENOMEM;
	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem) {
		if (nla_type(nla) != FLOWSTAT_A_CFG_NAT_PROXY)
			continue;
		x = &nc->proxy[nc->n_proxy++];
		err = fs_proxy_parse_one(x, nla, extack);
		if (err)
			return err;
		nc->n_proxy_fam[x->family == NFPROTO_IPV6]++;
	}
	return 0;
}

/**
 * fs_nat_proxy_fill() - the configuration attributes of proxy range @x,
 * as they were given
 * @skb: the message
 * @x: the range
 *
 * Return: 0 or -EMSGSIZE.
 */
int fs_nat_proxy_fill(struct sk_buff *skb, const struct fs_nat_proxy *x)
{
	bool v4 = x->family == NFPROTO_IPV4;
	int alen = v4 ? 4 : 16;

	if (nla_put_string(skb, FLOWSTAT_A_NATPROXY_IFACE, x->iface) ||
	    nla_put_u8(skb, FLOWSTAT_A_NATPROXY_FAMILY,
		       v4 ? AF_INET : AF_INET6) ||
	    nla_put(skb, FLOWSTAT_A_NATPROXY_ADDR, alen, &x->lo))
		return -EMSGSIZE;
	if (x->plen && nla_put_u8(skb, FLOWSTAT_A_NATPROXY_PREFIXLEN, x->plen))
		return -EMSGSIZE;
	if (x->range &&
	    nla_put(skb, FLOWSTAT_A_NATPROXY_ADDR_HIGH, alen, &x->hi))
		return -EMSGSIZE;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Answering                                                           */

/*
 * The NAT configuration if it has ranges of @family, else NULL.
 * Context: rcu_read_lock held.
 */
static const struct fs_nat_cfg *fs_proxy_cfg(const struct net *net, u8 family)
{
	const struct fs_view *v = rcu_dereference(fs_pernet(net)->view);
	const struct fs_nat_cfg *nc = v ? v->cfg->nat : NULL;

	if (!nc || !nc->n_proxy_fam[family == NFPROTO_IPV6])
		return NULL;
	return nc;
}

/*
 * Whether @addr is in a range of @family configured on @dev. The address
 * is compared first: the interface name only for a request that matches.
 */
static bool fs_proxied(const struct fs_nat_cfg *nc, u8 family, const void *addr,
		       const struct net_device *dev)
{
	int alen = family == NFPROTO_IPV4 ? 4 : 16;
	const struct fs_nat_proxy *x;
	u32 i;

	for (i = 0; i < nc->n_proxy; i++) {
		x = &nc->proxy[i];
		if (x->family == family && memcmp(&x->lo, addr, alen) <= 0 &&
		    memcmp(addr, &x->hi, alen) <= 0 &&
		    fs_dev_answers_to(dev, x->iface))
			return true;
	}
	return false;
}

/* The answer is the interface's own MAC: Ethernet only. */
static bool fs_proxy_dev_ok(const struct net_device *dev)
{
	return dev->type == ARPHRD_ETHER && dev->addr_len == ETH_ALEN &&
	       !(dev->flags & (IFF_NOARP | IFF_LOOPBACK));
}

/* The part of an Ethernet/IPv4 ARP packet after struct arphdr. */
struct fs_arp_body {
	u8 sha[ETH_ALEN];
	__be32 sip;
	u8 tha[ETH_ALEN];
	__be32 tip;
} __packed;

/*
 * NF_ARP_IN: a request for a proxied address gets a reply, as arp_process()
 * answers for the router's own addresses: the sender is learnt, an ARP
 * probe (sender 0.0.0.0) is answered too (the address is in use), a
 * gratuitous request (sender = target) is not.
 * Context: rcu_read_lock held, BH disabled.
 */
static unsigned int fs_proxy_arp(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	struct net_device *dev = state->in;
	const struct fs_nat_cfg *nc;
	const struct fs_arp_body *b;
	struct fs_arp_body _b;
	const struct arphdr *ah;
	struct arphdr _ah;
	struct neighbour *n;

	nc = fs_proxy_cfg(state->net, NFPROTO_IPV4);
	if (!nc || !fs_proxy_dev_ok(dev))
		return NF_ACCEPT;
	ah = skb_header_pointer(skb, skb_network_offset(skb), sizeof(_ah),
				&_ah);
	if (!ah || ah->ar_hrd != htons(ARPHRD_ETHER) ||
	    ah->ar_pro != htons(ETH_P_IP) || ah->ar_hln != ETH_ALEN ||
	    ah->ar_pln != 4 || ah->ar_op != htons(ARPOP_REQUEST))
		return NF_ACCEPT;
	b = skb_header_pointer(skb, skb_network_offset(skb) + sizeof(*ah),
			       sizeof(_b), &_b);
	if (!b || ipv4_is_multicast(b->tip) || ipv4_is_loopback(b->tip) ||
	    ipv4_is_lbcast(b->tip) || ipv4_is_multicast(b->sip) ||
	    b->sip == b->tip || !fs_proxied(nc, NFPROTO_IPV4, &b->tip, dev))
		return NF_ACCEPT;
	if (!__in_dev_get_rcu(dev) ||
	    inet_addr_type_dev_table(state->net, dev, b->tip) == RTN_LOCAL)
		return NF_ACCEPT; /* no IPv4 here, or the stack's own address */
	if (b->sip) {
		n = neigh_event_ns(&arp_tbl, (u8 *)b->sha, (void *)&b->sip,
				   dev);
		if (n)
			neigh_release(n);
	}
	arp_send(ARPOP_REPLY, ETH_P_ARP, b->sip, dev, b->tip, b->sha,
		 dev->dev_addr, b->sha);
	consume_skb(skb);
	return NF_STOLEN;
}

/*
 * A neighbour advertisement for @target to @daddr, built as ndisc_send_na()
 * builds one (which is not exported), with the target link-layer address
 * option. Override is set: the router is the only holder of a NAT address,
 * not a proxy for a node that could answer too (RFC 4861 7.2.4).
 * ndisc_send_skb() routes it, checksums it and sends it through LOCAL_OUT.
 */
static void fs_proxy_send_na(struct net_device *dev,
			     const struct in6_addr *daddr,
			     const struct in6_addr *target, bool router,
			     bool solicited)
{
	int optlen = ndisc_opt_addr_space(dev, NDISC_NEIGHBOUR_ADVERTISEMENT);
	int hlen = LL_RESERVED_SPACE(dev) + sizeof(struct ipv6hdr);
	struct in6_addr saddr;
	struct sk_buff *skb;
	struct nd_msg *msg;

	if (ipv6_dev_get_saddr(dev_net(dev), dev, daddr, 0, &saddr))
		return;
	skb = alloc_skb(hlen + sizeof(*msg) + optlen + dev->needed_tailroom,
			GFP_ATOMIC);
	if (!skb)
		return;
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = dev;
	skb_reserve(skb, hlen);
	skb_reset_transport_header(skb);
	skb_set_owner_w(skb, dev_net(dev)->ipv6.ndisc_sk);

	msg = skb_put(skb, sizeof(*msg));
	*msg = (struct nd_msg){
		.icmph = {
			.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT,
			.icmp6_router = router,
			.icmp6_solicited = solicited,
			.icmp6_override = 1,
		},
		.target = *target,
	};
	__ndisc_fill_addr_option(skb, ND_OPT_TARGET_LL_ADDR, dev->dev_addr,
				 dev->addr_len, 0);
	ndisc_send_skb(skb, daddr, &saddr);
}

/*
 * The source link-layer address option of a solicitation at @off, if any.
 * Return: false if the options are malformed.
 */
static bool fs_ns_sllao(const struct sk_buff *skb, unsigned int off, u8 *lladdr,
			bool *has)
{
	u8 _o[2 + ETH_ALEN];
	const u8 *o;

	*has = false;
	while (off < skb->len) {
		o = skb_header_pointer(skb, off, 2, _o);
		if (!o || !o[1] || off + o[1] * 8 > skb->len)
			return false;
		if (o[0] == ND_OPT_SOURCE_LL_ADDR) {
			if (o[1] != 1)
				return false; /* not an Ethernet address */
			o = skb_header_pointer(skb, off, sizeof(_o), _o);
			if (!o)
				return false;
			memcpy(lladdr, o + 2, ETH_ALEN);
			*has = true;
		}
		off += o[1] * 8;
	}
	return true;
}

/*
 * IPv6 PRE_ROUTING: a neighbour solicitation for a proxied address gets an
 * advertisement, checked as ndisc_rcv() checks one (hop limit 255, code 0,
 * checksum, no multicast target, DAD only to a solicited-node group and
 * without a source link-layer address). DAD is answered to all-nodes,
 * unsolicited: the address is in use.
 * Context: rcu_read_lock held, BH disabled.
 */
static unsigned int fs_proxy_ndp(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	struct net_device *dev = state->in;
	const struct fs_nat_cfg *nc;
	const struct ipv6hdr *ip6;
	const struct nd_msg *msg;
	struct in6_addr saddr;
	struct inet6_dev *idev;
	struct ipv6hdr _ip6;
	struct nd_msg _msg;
	u8 lladdr[ETH_ALEN];
	struct neighbour *n;
	__be16 frag_off;
	bool dad, has;
	u8 nexthdr;
	int thoff;

	nc = fs_proxy_cfg(state->net, NFPROTO_IPV6);
	if (!nc || !fs_proxy_dev_ok(dev))
		return NF_ACCEPT;
	ip6 = skb_header_pointer(skb, skb_network_offset(skb), sizeof(_ip6),
				 &_ip6);
	if (!ip6 || ip6->hop_limit != 255)
		return NF_ACCEPT;
	nexthdr = ip6->nexthdr;
	thoff = ipv6_skip_exthdr(skb, skb_network_offset(skb) + sizeof(*ip6),
				 &nexthdr, &frag_off);
	if (thoff < 0 || nexthdr != IPPROTO_ICMPV6 || frag_off ||
	    skb->len < thoff + sizeof(*msg))
		return NF_ACCEPT;
	msg = skb_header_pointer(skb, thoff, sizeof(_msg), &_msg);
	if (!msg || msg->icmph.icmp6_type != NDISC_NEIGHBOUR_SOLICITATION ||
	    msg->icmph.icmp6_code || ipv6_addr_is_multicast(&msg->target) ||
	    !fs_proxied(nc, NFPROTO_IPV6, &msg->target, dev))
		return NF_ACCEPT;
	saddr = ip6->saddr;
	dad = ipv6_addr_any(&saddr);
	if ((dad && !ipv6_addr_is_solict_mult(&ip6->daddr)) ||
	    !fs_ns_sllao(skb, thoff + sizeof(*msg), lladdr, &has) ||
	    (dad && has) ||
	    nf_ip6_checksum(skb, state->hook, thoff, IPPROTO_ICMPV6))
		return NF_ACCEPT; /* the stack drops what is malformed */
	idev = __in6_dev_get(dev);
	if (!idev || ipv6_chk_addr(state->net, &msg->target, dev, 1))
		return NF_ACCEPT; /* no IPv6 here, or the stack's own address */
	if (dad) {
		fs_proxy_send_na(dev, &in6addr_linklocal_allnodes, &msg->target,
				 READ_ONCE(idev->cnf.forwarding), false);
	} else {
		if (has) {
			n = neigh_event_ns(&nd_tbl, lladdr, &saddr, dev);
			if (n)
				neigh_release(n);
		}
		fs_proxy_send_na(dev, &saddr, &msg->target,
				 READ_ONCE(idev->cnf.forwarding), true);
	}
	consume_skb(skb);
	return NF_STOLEN;
}

/*
 * ARP after the arptables filter; IPv6 before flowstat's own PRE_ROUTING,
 * so that an answered solicitation costs no session lookup.
 */
static const struct nf_hook_ops fs_proxy_ops[] = {
	{
		.hook = fs_proxy_arp,
		.pf = NFPROTO_ARP,
		.hooknum = NF_ARP_IN,
		.priority = NF_IP_PRI_FILTER + 1,
	},
	{
		.hook = fs_proxy_ndp,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = NF_IP6_PRI_FILTER,
	},
};

/**
 * fs_nat_proxy_hooks_register() - the proxy hooks of namespace @net
 * @net: the namespace
 *
 * Registered with the flow hooks (fs_hooks_start()): they cost a namespace
 * without proxy ranges one pointer check per ARP packet and IPv6 packet.
 *
 * Return: 0 or a negative errno.
 */
int fs_nat_proxy_hooks_register(struct net *net)
{
	return nf_register_net_hooks(net, fs_proxy_ops,
				     ARRAY_SIZE(fs_proxy_ops));
}

void fs_nat_proxy_hooks_unregister(struct net *net)
{
	nf_unregister_net_hooks(net, fs_proxy_ops, ARRAY_SIZE(fs_proxy_ops));
}
