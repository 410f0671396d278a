// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: the netfilter entry points, IPv4 and IPv6.
 *
 * FORWARD carries transit traffic, LOCAL_IN what is addressed to the
 * router, LOCAL_OUT what the router sends. A received packet's session is
 * found once, in PRE_ROUTING (one lock-free lookup), which hands its
 * verdict on to FORWARD or LOCAL_IN; LOCAL_OUT looks up its own. Only a
 * packet without a session takes the first-packet path, whose steps run
 * in the order of the gateways:
 * screens, route, zones, policy, NAT, session. Screens and route run in
 * PRE_ROUTING (the stack drops what it cannot route before FORWARD), the
 * zone, policy and session steps in FORWARD, where the egress interface is
 * the one the stack's route chose (state->out). Every packet is counted
 * once on its ingress interface with its verdict, and once on its egress
 * if it leaves.
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

#include "nat.h"

/* After the filter tables, so that what we count as passed has passed them. */
#define FS_HOOK_PRIORITY (NF_IP_PRI_FILTER + 1)

/* See struct fs_pkt. */
struct fs_dnat {
	bool on;
	__be16 dport;
	union nf_inet_addr dst;
};

/**
 * struct fs_pkt - what the hooks need to know of a packet
 * @t: its tuple (the session key)
 * @packets: packets it stands for (a GSO packet stands for several)
 * @bytes: L3 bytes of those packets
 * @tcpflags: TCP flags byte, 0 if not TCP
 * @thoff: offset of the transport header, 0 if there is none to read
 * @icmp: ICMP or ICMPv6
 * @mcast: multicast destination
 * @nd: IPv6 neighbour discovery or MLD (always accepted to the router)
 * @icmp_err: an ICMP or ICMPv6 error (icmp_error.c): it belongs to the
 *	session of the packet it quotes, and never opens one
 * @icmp_type: ICMP or ICMPv6 type, -1 if none was read
 * @dnat: a first packet whose destination PRE_ROUTING translated, and
 *	the destination it arrived with (the session's key)
 */
struct fs_pkt {
	struct fs_tuple t;
	int icmp_type;
	u32 packets;
	u32 bytes;
	u8 tcpflags;
	u16 thoff;
	bool icmp;
	bool mcast;
	bool nd;
	bool icmp_err;
	struct fs_dnat dnat;
};

/**
 * struct fs_result - the outcome of a packet's trip through a hook
 * @drop: the counter of the reason it was dropped, if @dropped
 * @dropped: it was dropped
 * @opened: it opened a session
 * @reject: a reject policy dropped it: its sender is to be told
 */
struct fs_result {
	enum flowstat_counter drop;
	bool dropped;
	bool opened;
	bool reject;
};

/*
 * What PRE_ROUTING learnt of a packet, handed to FORWARD or LOCAL_IN of the
 * same pass so that each packet is parsed and looked up once. It lives in
 * the part of skb->cb that IPCB/IP6CB leave free and that nothing writes
 * between those hooks. A packet reaching them without our PRE_ROUTING
 * having run on it in this namespace (the hooks were being registered)
 * carries no valid tag and is looked up from scratch.
 */
struct fs_stash {
	u32 tag;
	u8 verdict;
	u8 icmp : 1, mcast : 1, dnat : 1;
	__be16 odport;
	union {
		struct { /* FS_STASH_SESSION */
			u32 packets;
			u32 bytes;
		};
		union nf_inet_addr odst; /* FS_STASH_NONE with dnat */
	};
};

enum fs_stash_verdict {
	FS_STASH_UNKNOWN, /* no tag: find out */
	FS_STASH_NONE, /* no session: the first-packet path */
	FS_STASH_SESSION, /* a session took it: count it */
};

#define FS_STASH_OFFSET 24

static u32 fs_stash_key __read_mostly;

static struct fs_stash *fs_stash(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct inet_skb_parm) > FS_STASH_OFFSET);
	BUILD_BUG_ON(sizeof(struct inet6_skb_parm) > FS_STASH_OFFSET);
	BUILD_BUG_ON(FS_STASH_OFFSET + sizeof(struct fs_stash) >
		     sizeof_field(struct sk_buff, cb));
	return (struct fs_stash *)&skb->cb[FS_STASH_OFFSET];
}

static u32 fs_stash_tag(const struct fs_net *fsn)
{
	return fs_stash_key ^ (u32)(unsigned long)fsn;
}

static void fs_stash_put(struct sk_buff *skb, const struct fs_net *fsn,
			 enum fs_stash_verdict verdict, const struct fs_pkt *p)
{
	struct fs_stash *st = fs_stash(skb);

	st->tag = fs_stash_tag(fsn);
	st->verdict = verdict;
	st->icmp = p->icmp;
	st->mcast = p->mcast;
	st->dnat = p->dnat.on;
	if (p->dnat.on) {
		st->odst = p->dnat.dst;
		st->odport = p->dnat.dport;
	} else {
		st->packets = p->packets;
		st->bytes = p->bytes;
	}
}

/*
 * For FS_STASH_SESSION, fills in what counting needs of @p; for
 * FS_STASH_NONE, the destination translation (to keep across fs_parse()).
 */
static enum fs_stash_verdict
fs_stash_get(struct sk_buff *skb, const struct fs_net *fsn, struct fs_pkt *p)
{
	struct fs_stash *st = fs_stash(skb);
	u8 verdict = st->verdict;

	if (st->tag != fs_stash_tag(fsn))
		return FS_STASH_UNKNOWN;
	st->tag = 0; /* one use: a packet looping back is looked up again */
	if (verdict == FS_STASH_SESSION) {
		p->icmp = st->icmp;
		p->mcast = st->mcast;
		p->packets = st->packets;
		p->bytes = st->bytes;
	} else {
		p->dnat.on = st->dnat;
		p->dnat.dst = st->odst;
		p->dnat.dport = st->odport;
	}
	return verdict;
}

static void fs_set_drop(struct fs_result *r, enum flowstat_counter why)
{
	r->dropped = true;
	r->drop = why;
}

/*
 * A GSO packet is several packets on the wire; count those. Runs after the
 * L4 parse: the header sizes come from what was read there, never from the
 * skb's own header offsets (in PRE_ROUTING only the IP header is pulled).
 */
static void fs_pkt_size(const struct sk_buff *skb, struct fs_pkt *p)
{
	unsigned int gso_type, hdrlen, segs;
	const struct tcphdr *th;
	struct tcphdr _th;

	p->packets = 1;
	p->bytes = skb->len;
	if (!skb_is_gso(skb) || !p->thoff)
		return;
	segs = skb_shinfo(skb)->gso_segs;
	gso_type = skb_shinfo(skb)->gso_type;
	if (segs < 2)
		return;
	if (gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6)) {
		th = skb_header_pointer(skb, p->thoff, sizeof(_th), &_th);
		if (!th)
			return;
		hdrlen = p->thoff + __tcp_hdrlen(th);
	} else if (gso_type & SKB_GSO_UDP_L4) {
		hdrlen = p->thoff + sizeof(struct udphdr);
	} else {
		return;
	}
	p->packets = segs;
	p->bytes = skb->len + (segs - 1) * hdrlen;
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

	p->thoff = thoff;
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
		p->icmp_type = ((const struct icmphdr *)h)->type;
		p->icmp_err = fs_icmp_is_error(NFPROTO_IPV4, p->icmp_type);
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
		p->icmp_type = ((const struct icmp6hdr *)h)->icmp6_type;
		p->icmp_err = fs_icmp_is_error(NFPROTO_IPV6, p->icmp_type);
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
	p->icmp_type = -1;
	if (pf == NFPROTO_IPV4)
		fs_parse4(skb, p);
	else
		fs_parse6(skb, p);
	fs_pkt_size(skb, p);
}

/*
 * The session an ICMP error belongs to: that of the packet it quotes. The
 * error travels against that packet. It is counted with the session but
 * neither refreshes it nor goes through its TCP window.
 */
static struct fs_session *fs_find_related(struct fs_net *fsn,
					  const struct sk_buff *skb,
					  const struct fs_pkt *p,
					  enum fs_dir *dir)
{
	struct fs_tuple q, rq;
	unsigned int qthoff;

	if (!p->thoff ||
	    !fs_icmp_error_tuple(skb, p->thoff, &p->t, &q, &qthoff))
		return NULL;
	/*
	 * The quote is a packet as it left the router (translated, with NAT),
	 * the error comes from where it went: its reverse is the tuple of the
	 * session's other direction as it arrives, found directly.
	 */
	fs_tuple_invert(&q, &rq);
	return fs_sess_lookup(fsn, &rq, dir);
}

/*
 * Finds the packet's session and, if the view changed since the session
 * was last checked, checks it again (the reload sweep may not have reached
 * it yet). A TCP segment goes through the window tracker: out of the
 * window, it is dropped (in @r; with @r NULL, never) and not accounted to
 * the session.
 */
static struct fs_session *fs_find(struct fs_net *fsn, const struct fs_view *v,
				  const struct sk_buff *skb,
				  const struct fs_pkt *p, enum fs_dir *dir,
				  struct fs_result *r)
{
	struct fs_session *s;

	if (unlikely(p->icmp_err))
		s = fs_find_related(fsn, skb, p, dir);
	else
		s = fs_sess_lookup(fsn, &p->t, dir);
	if (s && unlikely(READ_ONCE(s->gen) != v->gen)) {
		if (!fs_sess_permitted(v, s)) {
			fs_sess_unlink(fsn, s);
			return NULL;
		}
		WRITE_ONCE(s->gen, v->gen);
	}
	if (!s)
		return NULL;
	if (unlikely(p->icmp_err)) {
		fs_sess_account(s, *dir, p->bytes);
		return s;
	}
	if (s->tcp && !fs_tcp_packet(s->tcp, *dir, skb, p->thoff,
				     r && !READ_ONCE(fsn->sess.no_seq_check))) {
		fs_set_drop(r, FLOWSTAT_CTR_DROP_TCP_OUT_OF_WINDOW);
		return s;
	}
	fs_sess_refresh(fsn, s, *dir, p->bytes);
	return s;
}

/*
 * Only a SYN opens a TCP session (the gateways' tcp-syn-check), and an ICMP
 * error opens none: either without a session is dropped as denied by
 * policy.
 */
static bool fs_opens(const struct fs_pkt *p)
{
	if (p->icmp_err)
		return false;
	return p->t.proto != IPPROTO_TCP ||
	       (p->tcpflags & (TCPHDR_SYN | TCPHDR_ACK | TCPHDR_RST |
			       TCPHDR_FIN)) == TCPHDR_SYN;
}

/*
 * The session step of the first-packet path. @nat: the source translation
 * decided for it, whose binding the session takes (NULL for none).
 * Return: the session the packet belongs to now, NULL if it is dropped.
 */
static struct fs_session *fs_open(struct fs_net *fsn, const struct fs_view *v,
				  const struct sk_buff *skb,
				  const struct fs_pkt *p, u8 kind, int iif,
				  int oif, u32 policy, struct fs_sess_nat *nat,
				  enum fs_dir *dir, struct fs_result *r)
{
	struct fs_session *s;
	struct fs_tuple key = p->t;

	/* a translated destination: the key is what arrived */
	if (p->dnat.on) {
		key.dst = p->dnat.dst;
		key.dport = p->dnat.dport;
	}
	s = fs_sess_create(fsn, &key, nat, kind, iif, oif, policy, v->gen, skb,
			   p->thoff);
	if (PTR_ERR_OR_ZERO(s) == -EEXIST) {
		/* Another CPU opened it an instant ago. */
		s = fs_find(fsn, v, skb, p, dir, r);
		if (s)
			return r->dropped ? NULL : s;
		s = ERR_PTR(-ENOSPC);
	}
	if (IS_ERR(s)) {
		if (PTR_ERR(s) == -EADDRINUSE)
			fs_set_drop(r, FLOWSTAT_CTR_DROP_INCOMING_NAT_ERRORS);
		else if (PTR_ERR(s) == -ENOBUFS)
			fs_set_drop(r, FLOWSTAT_CTR_DROP_NO_MINOR_SESSION);
		else
			fs_set_drop(r, FLOWSTAT_CTR_DROP_NO_MORE_SESSIONS);
		return NULL;
	}
	fs_sess_refresh(fsn, s, FS_DIR_ORIG, p->bytes);
	r->opened = true;
	*dir = FS_DIR_ORIG;
	return s;
}

/*
 * A packet of a translated session where the route is already decided
 * (FORWARD): it leaves with the reverse of the session's other tuple.
 */
static void fs_nat_forward(struct fs_session *s, enum fs_dir dir,
			   struct sk_buff *skb, const struct fs_pkt *p,
			   struct fs_result *r)
{
	struct fs_tuple to;

	if (!test_bit(FS_SESS_NAT, &s->flags) || p->icmp_err)
		return;
	fs_tuple_invert(&s->th[!dir].t, &to);
	if (!fs_nat_xlate(skb, p->thoff, &p->t, &to, true, true))
		fs_set_drop(r, FLOWSTAT_CTR_DROP_INCOMING_NAT_ERRORS);
}

/*
 * The source NAT step of a permitted first packet: a static rule's reverse
 * mapping first, then the source rules of the zone pair. A destination
 * already translated in PRE_ROUTING is a translation too.
 * Return: 1 translated (@xl holds the reply tuple and the binding), 0 not,
 * or fs_nat_source()'s error.
 */
static int fs_first_source_nat(struct fs_net *fsn, const struct fs_view *v,
			       u32 from, u32 to, const struct fs_pkt *p,
			       const struct net_device *out,
			       struct fs_sess_nat *xl)
{
	struct fs_tuple t;
	int nat;

	memset(xl, 0, sizeof(*xl));
	if (likely(!v->cfg->nat))
		return 0;
	if (fs_nat_static_reverse(v->cfg, to, &p->t, &t, &xl->rule)) {
		fs_tuple_invert(&t, &xl->reply);
		return 1;
	}
	nat = fs_nat_source(fsn, v->cfg, from, to, &p->t, out, &xl->reply,
			    &xl->bind, &xl->rule);
	if (nat || !p->dnat.on)
		return nat;
	fs_tuple_invert(&p->t, &xl->reply);
	return 1;
}

/* First packet of a transit flow: zones, policy, then a session. */
static void fs_first_transit(struct fs_net *fsn, const struct fs_view *v,
			     struct sk_buff *skb, const struct fs_pkt *p,
			     const struct nf_hook_state *state,
			     struct fs_result *r)
{
	const struct fs_binding *from, *to;
	struct fs_sess_nat xl;
	struct fs_session *s;
	enum fs_dir dir;
	u32 policy;
	u8 action;
	int nat;

	/* screens and route ran in PRE_ROUTING; the stack chose state->out */
	from = fs_binding_find(v, state->in->ifindex);
	to = fs_binding_find(v, state->out->ifindex);
	if (!from || !to) {
		fs_set_drop(r, FLOWSTAT_CTR_DROP_NO_ZONE);
		return;
	}
	if (!fs_opens(p)) {
		/* a tcp-rst zone tells the sender, as the gateways do */
		fs_tcp_rst_first(v, from->zone, &p->t, p->tcpflags, skb, state);
		fs_set_drop(r, FLOWSTAT_CTR_DROP_POLICY_DENIED);
		return;
	}
	action = fs_policy_decide(v->cfg, from->zone, to->zone, &p->t,
				  p->icmp_type, &policy);
	if (action != FLOWSTAT_ACTION_PERMIT) {
		fs_set_drop(r, FLOWSTAT_CTR_DROP_POLICY_DENIED);
		r->reject = action == FLOWSTAT_ACTION_REJECT;
		return;
	}
	nat = fs_first_source_nat(fsn, v, from->zone, to->zone, p, state->out,
				  &xl);
	if (nat < 0) {
		fs_set_drop(r, nat == -ELOOP ?
				       FLOWSTAT_CTR_DROP_MULTIPLE_INCOMING_NAT :
				       FLOWSTAT_CTR_DROP_INCOMING_NAT_ERRORS);
		return;
	}
	s = fs_open(fsn, v, skb, p, FS_SESS_TRANSIT, state->in->ifindex,
		    state->out->ifindex, policy, nat ? &xl : NULL, &dir, r);
	if (s)
		fs_nat_forward(s, dir, skb, p, r);
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
	struct fs_session *s;
	struct fs_dnat dnat;
	enum fs_dir dir;
	struct fs_pkt p;

	if (!v)
		return NF_ACCEPT; /* not configured in this namespace */
	switch (fs_stash_get(skb, fsn, &p)) {
	case FS_STASH_SESSION:
		break;
	case FS_STASH_NONE:
		dnat = p.dnat;
		fs_parse(skb, state->pf, &p);
		p.dnat = dnat;
		fs_first_transit(fsn, v, skb, &p, state, &r);
		break;
	default:
		fs_parse(skb, state->pf, &p);
		s = fs_find(fsn, v, skb, &p, &dir, &r);
		if (!s)
			fs_first_transit(fsn, v, skb, &p, state, &r);
		else if (!r.dropped)
			fs_nat_forward(s, dir, skb, &p, &r);
	}

	fs_count_in(fs_ifstats_find(fsn, state->in->ifindex), &p, &r, false);
	if (r.dropped) {
		if (r.reject)
			fs_reject(skb, state);
		return NF_DROP;
	}
	fs_count_out(fs_ifstats_find(fsn, state->out->ifindex), &p, false);
	return NF_ACCEPT;
}

/*
 * First packet, before the stack routes it (issue 5): the screens of the
 * ingress zone, then our own route lookup. A packet the stack cannot route
 * is dropped by it before FORWARD runs, so "No route present" is decided
 * here. A local destination passes (LOCAL_IN applies host-inbound traffic);
 * a routable one goes on to FORWARD: zones, policy, session. An unbound
 * ingress interface or neighbour discovery is left to the later hooks.
 */
/*
 * Static and destination NAT of a first packet, before the route step: the
 * destination is rewritten here so that the stack routes the real one, and
 * the one it arrived with goes to FORWARD in the stash, for the session.
 * Return: false if the packet is dropped.
 */
static bool fs_pre_dnat(const struct fs_view *v, const struct fs_binding *b,
			struct fs_pkt *p, struct sk_buff *skb,
			struct fs_result *r)
{
	struct fs_tuple to;

	if (p->icmp_err || !fs_nat_dest(v->cfg, b->zone, &p->t, &to))
		return true;
	if (!fs_nat_xlate(skb, p->thoff, &p->t, &to, false, true)) {
		fs_set_drop(r, FLOWSTAT_CTR_DROP_INCOMING_NAT_ERRORS);
		return false;
	}
	p->dnat.on = true;
	p->dnat.dst = p->t.dst;
	p->dnat.dport = p->t.dport;
	p->t.dst = to.dst;
	p->t.dport = to.dport;
	return true;
}

static void fs_pre_first(const struct fs_view *v, struct fs_pkt *p,
			 struct sk_buff *skb, const struct nf_hook_state *state,
			 struct fs_result *r)
{
	const struct fs_binding *b = fs_binding_find(v, state->in->ifindex);
	enum flowstat_counter why;
	int oif;

	if (!b || p->nd)
		return;
	why = fs_screen_check(state->net, v, skb, state->pf, state->in, b->zone,
			      &p->t, p->tcpflags);
	if (why != __FLOWSTAT_CTR_MAX) {
		fs_set_drop(r, why);
		return;
	}
	if (p->mcast) {
		if (!fs_route_mcast_rpf(state->net, skb, state->pf, state->in))
			fs_set_drop(r, FLOWSTAT_CTR_DROP_NO_ROUTE);
		return;
	}
	if (unlikely(v->cfg->nat) && !fs_pre_dnat(v, b, p, skb, r))
		return;
	/* a pool address is the router's, and nothing there answers */
	if (unlikely(v->cfg->nat) &&
	    fs_nat_is_pool_address(v->cfg, p->t.family, &p->t.dst)) {
		fs_set_drop(r, FLOWSTAT_CTR_DROP_NO_ONE_INTERESTED);
		return;
	}
	if (fs_route_input(state->net, skb, state->pf, state->in, &oif) ==
	    FS_ROUTE_NONE)
		fs_set_drop(r, FLOWSTAT_CTR_DROP_NO_ROUTE);
}

/*
 * A packet of a transit session, when a route changed since the session's
 * last check (issue 5): route it again. No route: "No route present" and
 * the session is closed. A route out of another zone than the session's:
 * the session is closed and the packet takes the first-packet path in
 * FORWARD, which checks the policy of the new zone pair.
 *
 * Return: false if the session was closed.
 */
static bool fs_pre_reroute(struct fs_net *fsn, const struct fs_view *v,
			   struct fs_session *s, enum fs_dir dir,
			   struct sk_buff *skb,
			   const struct nf_hook_state *state,
			   struct fs_result *r)
{
	u32 gen = fs_route_gen(state->net, state->pf);
	const struct fs_binding *was, *now;
	int oif, expect;

	if (s->kind != FS_SESS_TRANSIT ||
	    (READ_ONCE(s->route_known) && READ_ONCE(s->route_gen) == gen))
		return true;
	fs_route_cache_flush(s);
	WRITE_ONCE(s->route_gen, gen);
	if (!READ_ONCE(s->route_known)) {
		WRITE_ONCE(s->route_known, true);
		return true;
	}
	switch (fs_route_input(state->net, skb, state->pf, state->in, &oif)) {
	case FS_ROUTE_NONE:
		fs_sess_unlink(fsn, s);
		fs_set_drop(r, FLOWSTAT_CTR_DROP_NO_ROUTE);
		return false;
	case FS_ROUTE_LOCAL:
		return true;
	case FS_ROUTE_FORWARD:
		break;
	}
	expect = dir == FS_DIR_ORIG ? s->oif : s->iif;
	if (oif == expect)
		return true;
	was = fs_binding_find(v, expect);
	now = fs_binding_find(v, oif);
	if (was && now && was->zone == now->zone)
		return true;
	fs_sess_unlink(fsn, s);
	return false;
}

/*
 * A packet of a translated session, before the stack routes it. Its
 * destination is rewritten here, so that the stack routes the real one.
 * An ICMP error about the session is rewritten whole (its quote too): for
 * IPv4 after routing it to its new destination ourselves when its source
 * changes as well, because the stack's IPv4 lookup checks the source and
 * a translated one may be the router's own address.
 * Return: false if the packet is dropped (@r says why).
 */
static bool fs_nat_pre_dst(struct fs_session *s, enum fs_dir dir,
			   struct sk_buff *skb, const struct fs_pkt *p,
			   const struct nf_hook_state *state,
			   struct fs_result *r)
{
	struct fs_tuple to, outer, q;
	unsigned int qthoff;

	if (!p->icmp_err && !test_bit(FS_SESS_NAT_DST + 2 * dir, &s->flags))
		return true;
	fs_tuple_invert(&s->th[!dir].t, &to);
	if (!p->icmp_err) {
		if (fs_nat_xlate(skb, p->thoff, &p->t, &to, false, true))
			return true;
		fs_set_drop(r, FLOWSTAT_CTR_DROP_INCOMING_NAT_ERRORS);
		return false;
	}
	if (!fs_icmp_error_tuple(skb, p->thoff, &p->t, &q, &qthoff))
		return false; /* it was found by this same quote */
	outer = p->t;
	outer.dst = to.dst;
	/* the error's sender is translated only if it is the peer itself */
	if (nf_inet_addr_cmp(&p->t.src, &s->th[dir].t.src))
		outer.src = to.src;
	if (p->t.family == NFPROTO_IPV4 && outer.src.ip != p->t.src.ip &&
	    !skb_dst(skb) &&
	    ip_route_input_noref(skb, outer.dst.ip, p->t.src.ip,
				 ip_hdr(skb)->tos, state->in)) {
		fs_set_drop(r, FLOWSTAT_CTR_DROP_NO_ROUTE);
		return false;
	}
	/* the quote becomes the packet its receiver sent */
	if (fs_nat_xlate_error(skb, p->thoff, qthoff, &outer, &s->th[!dir].t))
		return true;
	fs_set_drop(r, FLOWSTAT_CTR_DROP_INCOMING_NAT_ERRORS);
	return false;
}

/*
 * The source of a translated session's packet, once its route is decided
 * (IPv4: the kept route, or the lookup done here; IPv6 has no such check,
 * and the stack routes it after us).
 */
static bool fs_nat_pre_src(struct fs_session *s, enum fs_dir dir,
			   struct sk_buff *skb, const struct fs_pkt *p,
			   const struct nf_hook_state *state,
			   struct fs_result *r)
{
	const struct iphdr *iph;
	struct fs_tuple to;

	/* an error was done whole before routing */
	if (p->icmp_err || !test_bit(FS_SESS_NAT_SRC + 2 * dir, &s->flags))
		return true;
	/*
	 * A packet whose hop limit runs out here is not forwarded: left as it
	 * came, the stack's time exceeded goes to its real source quoting
	 * what that source sent (traceroute through the router).
	 */
	if (p->t.family == NFPROTO_IPV4 ? ip_hdr(skb)->ttl <= 1 :
					  ipv6_hdr(skb)->hop_limit <= 1)
		return true;
	if (p->t.family == NFPROTO_IPV4 && !skb_dst(skb)) {
		iph = ip_hdr(skb);
		if (ip_route_input_noref(skb, iph->daddr, iph->saddr, iph->tos,
					 state->in)) {
			fs_set_drop(r, FLOWSTAT_CTR_DROP_NO_ROUTE);
			return false;
		}
	}
	fs_tuple_invert(&s->th[!dir].t, &to);
	if (fs_nat_xlate(skb, p->thoff, &p->t, &to, true, false))
		return true;
	fs_set_drop(r, FLOWSTAT_CTR_DROP_INCOMING_NAT_ERRORS);
	return false;
}

static unsigned int fs_pre_routing(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	struct fs_net *fsn = fs_pernet(state->net);
	const struct fs_view *v = rcu_dereference(fsn->view);
	struct fs_session *s;
	struct fs_result r = {};
	enum fs_dir dir;
	struct fs_pkt p;
	bool nat;

	if (!v || (state->in->flags & IFF_LOOPBACK))
		return NF_ACCEPT;
	fs_parse(skb, state->pf, &p);
	s = fs_find(fsn, v, skb, &p, &dir, &r);
	nat = s && !r.dropped && test_bit(FS_SESS_NAT, &s->flags);
	if (unlikely(nat) && !fs_nat_pre_dst(s, dir, skb, &p, state, &r))
		s = NULL;
	/* an ICMP error is routed to its own destination, by the stack */
	if (s && !r.dropped && !p.icmp_err &&
	    !fs_pre_reroute(fsn, v, s, dir, skb, state, &r))
		s = NULL;
	if (s && !r.dropped && !p.icmp_err && s->kind == FS_SESS_TRANSIT &&
	    state->pf == NFPROTO_IPV4)
		fs_route_cache_apply(state->net, s, dir, skb, state->in);
	if (unlikely(nat) && s && !r.dropped &&
	    !fs_nat_pre_src(s, dir, skb, &p, state, &r))
		s = NULL;
	if (!s && !r.dropped)
		fs_pre_first(v, &p, skb, state, &r);
	if (!r.dropped) {
		fs_stash_put(skb, fsn, s ? FS_STASH_SESSION : FS_STASH_NONE,
			     &p);
		return NF_ACCEPT;
	}
	fs_count_in(fs_ifstats_find(fsn, state->in->ifindex), &p, &r, false);
	return NF_DROP;
}

/*
 * To the router without a session (issue 5): tcp-rst answers a non-SYN TCP
 * packet, ident-reset a SYN to tcp/113, with a RST; the packet is then
 * dropped as "No one interested in self packets".
 */
static bool fs_local_reset(const struct fs_view *v, const struct fs_binding *b,
			   const struct fs_pkt *p, struct sk_buff *skb,
			   const struct nf_hook_state *state)
{
	return fs_tcp_rst_first(v, b->zone, &p->t, p->tcpflags, skb, state) ||
	       fs_ident_reset(b, &p->t, p->tcpflags, skb, state);
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
	bool dnat_on = false;
	enum fs_dir dir;
	struct fs_pkt p;

	if (!v || (state->in->flags & IFF_LOOPBACK))
		return NF_ACCEPT;
	switch (fs_stash_get(skb, fsn, &p)) {
	case FS_STASH_SESSION:
		goto count;
	case FS_STASH_NONE:
		dnat_on = p.dnat.on;
		fs_parse(skb, state->pf, &p);
		break;
	default:
		fs_parse(skb, state->pf, &p);
		if (fs_find(fsn, v, skb, &p, &dir, &r))
			goto count;
	}

	b = fs_binding_find(v, state->in->ifindex);
	if (!b)
		fs_set_drop(&r, FLOWSTAT_CTR_DROP_NO_ZONE);
	else if (unlikely(dnat_on))
		/* translated to the router itself: not supported (design.md) */
		fs_set_drop(&r, FLOWSTAT_CTR_DROP_NO_ONE_INTERESTED);
	else if (p.nd)
		; /* the link needs it, whatever the zone says */
	else if (fs_local_reset(v, b, &p, skb, state))
		fs_set_drop(&r, FLOWSTAT_CTR_DROP_NO_ONE_INTERESTED);
	else if (!fs_host_inbound_allowed(b, &p.t))
		fs_set_drop(&r, FLOWSTAT_CTR_DROP_NO_ONE_INTERESTED);
	else if (!fs_opens(&p))
		fs_set_drop(&r, FLOWSTAT_CTR_DROP_POLICY_DENIED);
	else if (skb->pkt_type == PACKET_HOST)
		fs_open(fsn, v, skb, &p, FS_SESS_TO_SELF, state->in->ifindex, 0,
			0, NULL, &dir, &r);
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
	if (!fs_find(fsn, v, skb, &p, &dir, NULL) && !p.mcast && !p.nd &&
	    fs_opens(&p))
		fs_open(fsn, v, skb, &p, FS_SESS_FROM_SELF, 0,
			state->out->ifindex, 0, NULL, &dir, &r);
	fs_count_out(fs_ifstats_find(fsn, state->out->ifindex), &p, true);
	return NF_ACCEPT;
}

#define FS_OPS(fn, family, num)                           \
	{                                                 \
		.hook = fn, .pf = family, .hooknum = num, \
		.priority = FS_HOOK_PRIORITY              \
	}

static const struct nf_hook_ops fs_nf_ops[] = {
	FS_OPS(fs_pre_routing, NFPROTO_IPV4, NF_INET_PRE_ROUTING),
	FS_OPS(fs_pre_routing, NFPROTO_IPV6, NF_INET_PRE_ROUTING),
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
	get_random_once(&fs_stash_key, sizeof(fs_stash_key));
	err = nf_defrag_ipv4_enable(net);
	if (err)
		return err;
	err = nf_defrag_ipv6_enable(net);
	if (err)
		goto err_v4;
	err = nf_register_net_hooks(net, fs_nf_ops, ARRAY_SIZE(fs_nf_ops));
	if (err)
		goto err_v6;
	err = fs_nat_proxy_hooks_register(net);
	if (err)
		goto err_hooks;
	fsn->hooked = true;
	return 0;

err_hooks:
	nf_unregister_net_hooks(net, fs_nf_ops, ARRAY_SIZE(fs_nf_ops));
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
	fs_nat_proxy_hooks_unregister(net);
	nf_unregister_net_hooks(net, fs_nf_ops, ARRAY_SIZE(fs_nf_ops));
	nf_defrag_ipv6_disable(net);
	nf_defrag_ipv4_disable(net);
	fsn->hooked = false;
}
