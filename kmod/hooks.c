// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: the netfilter entry points, IPv4 and IPv6.
 *
 * FORWARD carries transit traffic, LOCAL_IN what is addressed to the
 * router, LOCAL_OUT what the router sends. Each hook finds the packet's
 * session first (one lock-free lookup); only a packet without one takes
 * the first-packet path, whose steps run in the order of the gateways:
 * screens, route, zones, policy, NAT, session. This version has the zone,
 * policy and session steps; the egress interface comes from the route the
 * stack chose (state->out). Every packet is counted once on its ingress
 * interface with its verdict, and once on its egress if it leaves.
 *
 * Traffic on a loopback device is the host talking to itself and is not
 * flow-processed.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/ipv6.h>
#include <net/tcp.h>
#include <net/netfilter/ipv4/nf_defrag_ipv4.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>

#include "flowstat.h"

/* After the filter tables, so that what we count as passed has passed them. */
#define FS_HOOK_PRIORITY (NF_IP_PRI_FILTER + 1)

/**
 * struct fs_pkt - what the hooks need to know of a packet
 * @t: its tuple (the session key)
 * @packets: packets it stands for (a GSO packet stands for several)
 * @bytes: L3 bytes of those packets
 * @tcpflags: TCP flags byte, 0 if not TCP
 * @icmp: ICMP or ICMPv6
 * @mcast: multicast destination
 * @nd: IPv6 neighbour discovery or MLD (always accepted to the router)
 */
struct fs_pkt {
	struct fs_tuple t;
	u32 packets;
	u32 bytes;
	u8 tcpflags;
	bool icmp;
	bool mcast;
	bool nd;
};

/**
 * struct fs_result - the outcome of a packet's trip through a hook
 * @drop: the counter of the reason it was dropped, if @dropped
 * @dropped: it was dropped
 * @opened: it opened a session
 */
struct fs_result {
	enum flowstat_counter drop;
	bool dropped;
	bool opened;
};

static void fs_set_drop(struct fs_result *r, enum flowstat_counter why)
{
	r->dropped = true;
	r->drop = why;
}

/* A GSO packet is several packets on the wire; count those. */
static void fs_pkt_size(const struct sk_buff *skb, struct fs_pkt *p)
{
	unsigned int hdrlen, segs;

	p->packets = 1;
	p->bytes = skb->len;
	if (!skb_is_gso(skb))
		return;
	segs = skb_shinfo(skb)->gso_segs;
	if (skb_shinfo(skb)->gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6))
		hdrlen = skb_transport_header(skb) - skb_network_header(skb) +
			 tcp_hdrlen(skb);
	else if (skb_shinfo(skb)->gso_type & SKB_GSO_UDP_L4)
		hdrlen = skb_transport_header(skb) - skb_network_header(skb) +
			 sizeof(struct udphdr);
	else
		return;
	if (segs > 1) {
		p->packets = segs;
		p->bytes = skb->len + (segs - 1) * hdrlen;
	}
}

/* Reads ports, echo id and TCP flags without trusting anything unpulled. */
static void fs_parse_l4(const struct sk_buff *skb, unsigned int thoff,
			struct fs_pkt *p)
{
	union {
		struct tcphdr tcp;
		struct icmphdr icmp;
		struct icmp6hdr icmp6;
		__be16 ports[2];
	} buf;
	const void *h;

	switch (p->t.proto) {
	case IPPROTO_TCP:
		h = skb_header_pointer(skb, thoff, sizeof(buf.tcp), &buf);
		if (!h)
			return;
		p->tcpflags = tcp_flag_byte((const struct tcphdr *)h);
		fallthrough;
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
		h = skb_header_pointer(skb, thoff, sizeof(buf.ports), &buf);
		if (!h)
			return;
		p->t.sport = ((const __be16 *)h)[0];
		p->t.dport = ((const __be16 *)h)[1];
		return;
	case IPPROTO_ICMP:
		h = skb_header_pointer(skb, thoff, sizeof(buf.icmp), &buf);
		if (!h)
			return;
		if (((const struct icmphdr *)h)->type == ICMP_ECHO ||
		    ((const struct icmphdr *)h)->type == ICMP_ECHOREPLY) {
			p->t.sport = ((const struct icmphdr *)h)->un.echo.id;
			p->t.dport = p->t.sport;
		}
		return;
	case IPPROTO_ICMPV6:
		h = skb_header_pointer(skb, thoff, sizeof(buf.icmp6), &buf);
		if (!h)
			return;
		switch (((const struct icmp6hdr *)h)->icmp6_type) {
		case ICMPV6_ECHO_REQUEST:
		case ICMPV6_ECHO_REPLY:
			p->t.sport =
				((const struct icmp6hdr *)h)->icmp6_identifier;
			p->t.dport = p->t.sport;
			break;
		case ICMPV6_MGM_QUERY:
		case ICMPV6_MGM_REPORT:
		case ICMPV6_MGM_REDUCTION:
		case ICMPV6_MLD2_REPORT:
		case NDISC_ROUTER_SOLICITATION:
		case NDISC_ROUTER_ADVERTISEMENT:
		case NDISC_NEIGHBOUR_SOLICITATION:
		case NDISC_NEIGHBOUR_ADVERTISEMENT:
		case NDISC_REDIRECT:
			p->nd = true;
			break;
		}
		return;
	}
}

/*
 * The IP header itself was validated by the stack before any of our hooks
 * runs; everything past it is read through skb_header_pointer().
 */
static void fs_parse4(const struct sk_buff *skb, struct fs_pkt *p)
{
	const struct iphdr *iph = ip_hdr(skb);

	p->t.family = NFPROTO_IPV4;
	p->t.src.ip = iph->saddr;
	p->t.dst.ip = iph->daddr;
	p->t.proto = iph->protocol;
	p->icmp = iph->protocol == IPPROTO_ICMP;
	p->mcast = ipv4_is_multicast(iph->daddr);
	/* Reassembled by nf_defrag before us; a fragment here has no ports. */
	if (!(iph->frag_off & htons(IP_OFFSET)))
		fs_parse_l4(skb, ip_hdrlen(skb), p);
}

static void fs_parse6(const struct sk_buff *skb, struct fs_pkt *p)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	unsigned short fragoff = 0;
	unsigned int thoff = 0;
	int proto;

	p->t.family = NFPROTO_IPV6;
	p->t.src.in6 = ip6h->saddr;
	p->t.dst.in6 = ip6h->daddr;
	p->mcast = ipv6_addr_is_multicast(&ip6h->daddr);
	proto = ipv6_find_hdr(skb, &thoff, -1, &fragoff, NULL);
	if (proto < 0) {
		/* Malformed extension headers: keyed by addresses alone. */
		p->t.proto = ip6h->nexthdr;
		return;
	}
	p->t.proto = proto;
	p->icmp = proto == IPPROTO_ICMPV6;
	if (!fragoff)
		fs_parse_l4(skb, thoff, p);
}

static void fs_parse(const struct sk_buff *skb, u8 pf, struct fs_pkt *p)
{
	memset(p, 0, sizeof(*p));
	fs_pkt_size(skb, p);
	if (pf == NFPROTO_IPV4)
		fs_parse4(skb, p);
	else
		fs_parse6(skb, p);
}

/*
 * Finds the packet's session and, if the view changed since the session
 * was last checked, checks it again (the reload sweep may not have reached
 * it yet).
 */
static struct fs_session *fs_find(struct fs_net *fsn, const struct fs_view *v,
				  const struct fs_pkt *p, enum fs_dir *dir)
{
	struct fs_session *s = fs_sess_lookup(fsn, &p->t, dir);

	if (s && unlikely(READ_ONCE(s->gen) != v->gen)) {
		if (!fs_sess_permitted(v, s)) {
			fs_sess_unlink(fsn, s);
			return NULL;
		}
		WRITE_ONCE(s->gen, v->gen);
	}
	if (s)
		fs_sess_refresh(s, *dir, p->tcpflags, p->bytes);
	return s;
}

/* The session step of the first-packet path. */
static void fs_open(struct fs_net *fsn, const struct fs_view *v,
		    const struct fs_pkt *p, u8 kind, int iif, int oif,
		    u32 policy, struct fs_result *r)
{
	struct fs_session *s;
	enum fs_dir dir;

	s = fs_sess_create(fsn, &p->t, kind, iif, oif, policy, v->gen);
	if (PTR_ERR_OR_ZERO(s) == -EEXIST) {
		/* Another CPU opened it an instant ago. */
		if (fs_find(fsn, v, p, &dir))
			return;
		s = ERR_PTR(-ENOSPC);
	}
	if (IS_ERR(s)) {
		fs_set_drop(r, FLOWSTAT_CTR_DROP_NO_MORE_SESSIONS);
		return;
	}
	fs_sess_refresh(s, FS_DIR_ORIG, p->tcpflags, p->bytes);
	r->opened = true;
}

/* First packet of a transit flow: zones, policy, then a session. */
static void fs_first_transit(struct fs_net *fsn, const struct fs_view *v,
			     const struct fs_pkt *p,
			     const struct nf_hook_state *state,
			     struct fs_result *r)
{
	const struct fs_binding *from, *to;
	u32 policy;

	/* screens: to come, before anything else */
	/* route: the stack's choice, state->out */
	from = fs_binding_find(v, state->in->ifindex);
	to = fs_binding_find(v, state->out->ifindex);
	if (!from || !to) {
		fs_set_drop(r, FLOWSTAT_CTR_DROP_NO_ZONE);
		return;
	}
	if (fs_policy_action(v->cfg, from->zone, to->zone, &p->t, &policy) !=
	    FLOWSTAT_ACTION_PERMIT) {
		fs_set_drop(r, FLOWSTAT_CTR_DROP_POLICY_DENIED);
		return;
	}
	/* source NAT: to come, between policy and session */
	fs_open(fsn, v, p, FS_SESS_TRANSIT, state->in->ifindex,
		state->out->ifindex, policy, r);
}

/* Counts what every received packet counts, and its verdict. */
static void fs_count_in(struct fs_ifstats *in, const struct fs_pkt *p,
			const struct fs_result *r, bool local)
{
	struct fs_pcpu_ctr *c;
	unsigned long flags;

	if (!in)
		return;
	c = fs_count_begin(in, &flags);
	if (p->icmp)
		fs_count_add(c, FLOWSTAT_CTR_IN_ICMP, p->packets);
	if (p->mcast)
		fs_count_add(c, FLOWSTAT_CTR_IN_MULTICAST, p->packets);
	if (r->dropped) {
		fs_count_add(c, r->drop, p->packets);
	} else if (local) {
		fs_count_add(c, FLOWSTAT_CTR_LOCAL_IN_PACKETS, p->packets);
		fs_count_add(c, FLOWSTAT_CTR_LOCAL_IN_BYTES, p->bytes);
		fs_count_add(c, FLOWSTAT_CTR_IN_SELF, p->packets);
	} else {
		fs_count_add(c, FLOWSTAT_CTR_TRANSIT_IN_PACKETS, p->packets);
		fs_count_add(c, FLOWSTAT_CTR_TRANSIT_IN_BYTES, p->bytes);
		fs_count_add(c, FLOWSTAT_CTR_IN_PERMIT_BYTES, p->bytes);
	}
	if (r->opened)
		fs_count_add(c, FLOWSTAT_CTR_IN_CONNECTIONS, 1);
	fs_count_end(in, c, flags);
}

static void fs_count_out(struct fs_ifstats *out, const struct fs_pkt *p,
			 bool local)
{
	struct fs_pcpu_ctr *c;
	unsigned long flags;

	if (!out)
		return;
	c = fs_count_begin(out, &flags);
	if (local) {
		fs_count_add(c, FLOWSTAT_CTR_LOCAL_OUT_PACKETS, p->packets);
		fs_count_add(c, FLOWSTAT_CTR_LOCAL_OUT_BYTES, p->bytes);
	} else {
		fs_count_add(c, FLOWSTAT_CTR_TRANSIT_OUT_PACKETS, p->packets);
		fs_count_add(c, FLOWSTAT_CTR_TRANSIT_OUT_BYTES, p->bytes);
		fs_count_add(c, FLOWSTAT_CTR_OUT_PERMIT_BYTES, p->bytes);
	}
	if (p->mcast)
		fs_count_add(c, FLOWSTAT_CTR_OUT_MULTICAST, p->packets);
	fs_count_end(out, c, flags);
}

static unsigned int fs_forward(void *priv, struct sk_buff *skb,
			       const struct nf_hook_state *state)
{
	struct fs_net *fsn = fs_pernet(state->net);
	const struct fs_view *v = rcu_dereference(fsn->view);
	struct fs_result r = {};
	enum fs_dir dir;
	struct fs_pkt p;

	if (!v)
		return NF_ACCEPT; /* not configured in this namespace */
	fs_parse(skb, state->pf, &p);
	if (!fs_find(fsn, v, &p, &dir))
		fs_first_transit(fsn, v, &p, state, &r);

	fs_count_in(fs_ifstats_find(fsn, state->in->ifindex), &p, &r, false);
	if (r.dropped)
		return NF_DROP;
	fs_count_out(fs_ifstats_find(fsn, state->out->ifindex), &p, false);
	return NF_ACCEPT;
}

/*
 * To the router: a session (a reply to something the router started, or an
 * accepted service) passes; otherwise the ingress zone's host-inbound
 * traffic decides, and unicast that it admits opens a session.
 */
static unsigned int fs_local_in(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	struct fs_net *fsn = fs_pernet(state->net);
	const struct fs_view *v = rcu_dereference(fsn->view);
	const struct fs_binding *b;
	struct fs_result r = {};
	enum fs_dir dir;
	struct fs_pkt p;

	if (!v || (state->in->flags & IFF_LOOPBACK))
		return NF_ACCEPT;
	fs_parse(skb, state->pf, &p);
	if (fs_find(fsn, v, &p, &dir))
		goto count;

	b = fs_binding_find(v, state->in->ifindex);
	if (!b)
		fs_set_drop(&r, FLOWSTAT_CTR_DROP_NO_ZONE);
	else if (p.nd)
		; /* the link needs it, whatever the zone says */
	else if (!fs_host_inbound_allowed(b, &p.t))
		fs_set_drop(&r, FLOWSTAT_CTR_DROP_NO_ONE_INTERESTED);
	else if (skb->pkt_type == PACKET_HOST)
		fs_open(fsn, v, &p, FS_SESS_TO_SELF, state->in->ifindex, 0, 0,
			&r);
count:
	fs_count_in(fs_ifstats_find(fsn, state->in->ifindex), &p, &r, true);
	return r.dropped ? NF_DROP : NF_ACCEPT;
}

/*
 * From the router: never dropped. A unicast flow the router starts opens a
 * session so that its replies come back in whatever the zone admits; for
 * TCP only a SYN starts a flow, so that a reply to an inbound connection
 * whose session was closed (its service no longer admitted) cannot reopen
 * it from this side.
 */
static unsigned int fs_local_out(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	struct fs_net *fsn = fs_pernet(state->net);
	const struct fs_view *v = rcu_dereference(fsn->view);
	struct fs_result r = {};
	enum fs_dir dir;
	struct fs_pkt p;

	if (!v || !state->out || (state->out->flags & IFF_LOOPBACK))
		return NF_ACCEPT;
	fs_parse(skb, state->pf, &p);
	if (!fs_find(fsn, v, &p, &dir) && !p.mcast && !p.nd &&
	    (p.t.proto != IPPROTO_TCP ||
	     (p.tcpflags & (TCPHDR_SYN | TCPHDR_ACK)) == TCPHDR_SYN))
		fs_open(fsn, v, &p, FS_SESS_FROM_SELF, 0, state->out->ifindex,
			0, &r);
	fs_count_out(fs_ifstats_find(fsn, state->out->ifindex), &p, true);
	return NF_ACCEPT;
}

#define FS_OPS(fn, family, num)                           \
	{                                                 \
		.hook = fn, .pf = family, .hooknum = num, \
		.priority = FS_HOOK_PRIORITY              \
	}

static const struct nf_hook_ops fs_nf_ops[] = {
	FS_OPS(fs_local_in, NFPROTO_IPV4, NF_INET_LOCAL_IN),
	FS_OPS(fs_forward, NFPROTO_IPV4, NF_INET_FORWARD),
	FS_OPS(fs_local_out, NFPROTO_IPV4, NF_INET_LOCAL_OUT),
	FS_OPS(fs_local_in, NFPROTO_IPV6, NF_INET_LOCAL_IN),
	FS_OPS(fs_forward, NFPROTO_IPV6, NF_INET_FORWARD),
	FS_OPS(fs_local_out, NFPROTO_IPV6, NF_INET_LOCAL_OUT),
};

/**
 * fs_hooks_start() - start flow processing in a namespace
 * @fsn: the namespace's state; caller holds fsn->lock
 *
 * Hooks are registered with the first configuration, not when the
 * namespace appears: a namespace flowstat does not manage (a host, a
 * container) then pays nothing per packet, not even a hook call.
 * Sessions are keyed by L4 ports, so fragments are reassembled first, as
 * for conntrack.
 *
 * Return: 0, or a negative errno (nothing is registered then).
 */
int fs_hooks_start(struct fs_net *fsn)
{
	struct net *net = fsn->net;
	int err;

	lockdep_assert_held(&fsn->lock);
	if (fsn->hooked)
		return 0;
	err = nf_defrag_ipv4_enable(net);
	if (err)
		return err;
	err = nf_defrag_ipv6_enable(net);
	if (err)
		goto err_v4;
	err = nf_register_net_hooks(net, fs_nf_ops, ARRAY_SIZE(fs_nf_ops));
	if (err)
		goto err_v6;
	fsn->hooked = true;
	return 0;

err_v6:
	nf_defrag_ipv6_disable(net);
err_v4:
	nf_defrag_ipv4_disable(net);
	return err;
}

/* At namespace exit or module unload: nothing else runs on @fsn then. */
void fs_hooks_stop(struct fs_net *fsn)
{
	struct net *net = fsn->net;

	if (!fsn->hooked)
		return;
	nf_unregister_net_hooks(net, fs_nf_ops, ARRAY_SIZE(fs_nf_ops));
	nf_defrag_ipv6_disable(net);
	nf_defrag_ipv4_disable(net);
	fsn->hooked = false;
}
