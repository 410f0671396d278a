// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: rewriting a packet to its session's translated tuple.
 *
 * Checksums are updated incrementally, as nf_nat does: the IPv4 header
 * checksum, and the transport checksum for the pseudo-header (TCP, UDP,
 * UDP-Lite, ICMPv6) and for a changed port or echo identifier. That holds
 * for a GSO packet (CHECKSUM_PARTIAL: the pseudo-header sum is updated)
 * and for a UDP datagram without a checksum (left without one). An ICMP
 * error has its quoted header translated as well, and then its checksum
 * recomputed over the whole message: errors are rare and short.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip6_checksum.h>

#include "nat.h"

/* Offset of the transport checksum, or -1 if there is none to update. */
static int fs_l4_csum_off(u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return offsetof(struct tcphdr, check);
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
		return offsetof(struct udphdr, check);
	case IPPROTO_ICMP:
		return offsetof(struct icmphdr, checksum);
	case IPPROTO_ICMPV6:
		return offsetof(struct icmp6hdr, icmp6_cksum);
	}
	return -1;
}

/* The ports (or echo identifier) are translated for these only. */
static bool fs_l4_has_ports(u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == IPPROTO_UDPLITE || proto == IPPROTO_ICMP ||
	       proto == IPPROTO_ICMPV6;
}

/*
 * A UDP checksum of 0 means none (IPv4): leave it so, and never make one 0.
 * CHECKSUM_PARTIAL holds the pseudo-header sum, which is updated.
 */
static bool fs_csum_skip(const struct sk_buff *skb, u8 proto, __sum16 *check)
{
	return (proto == IPPROTO_UDP || proto == IPPROTO_UDPLITE) && !*check &&
	       skb->ip_summed != CHECKSUM_PARTIAL;
}

static void fs_csum_fix0(u8 proto, __sum16 *check)
{
	if ((proto == IPPROTO_UDP || proto == IPPROTO_UDPLITE) && !*check)
		*check = CSUM_MANGLED_0;
}

/*
 * One address of the header, and the transport checksum's pseudo-header.
 * @check is NULL when the transport has no checksum we can update.
 */
static void fs_xlate_addr(struct sk_buff *skb, u8 family, u8 proto,
			  __sum16 *check, void *field,
			  const union nf_inet_addr *to)
{
	if (family == NFPROTO_IPV4) {
		__be32 *a = field;

		if (*a == to->ip)
			return;
		csum_replace4(&ip_hdr(skb)->check, *a, to->ip);
		if (check && proto != IPPROTO_ICMP &&
		    !fs_csum_skip(skb, proto, check)) {
			inet_proto_csum_replace4(check, skb, *a, to->ip, true);
			fs_csum_fix0(proto, check);
		}
		*a = to->ip;
	} else {
		struct in6_addr *a = field;

		if (ipv6_addr_equal(a, &to->in6))
			return;
		if (check)
			inet_proto_csum_replace16(check, skb, a->s6_addr32,
						  to->in6.s6_addr32, true);
		*a = to->in6;
	}
}

static void fs_xlate_port(struct sk_buff *skb, u8 proto, __sum16 *check,
			  __be16 *field, __be16 to)
{
	if (*field == to)
		return;
	if (check && !fs_csum_skip(skb, proto, check)) {
		inet_proto_csum_replace2(check, skb, *field, to, false);
		fs_csum_fix0(proto, check);
	}
	*field = to;
}

/*
 * Where a transport's source and destination ports are, or the ICMP echo
 * identifier (for which both are the same field); NULL if none.
 */
static __be16 *fs_port_field(void *l4, u8 proto, bool src)
{
	switch (proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
		return src ? &((struct udphdr *)l4)->source :
			     &((struct udphdr *)l4)->dest;
	case IPPROTO_ICMP: {
		struct icmphdr *ih = l4;

		if (ih->type == ICMP_ECHO || ih->type == ICMP_ECHOREPLY)
			return &ih->un.echo.id;
		return NULL;
	}
	case IPPROTO_ICMPV6: {
		struct icmp6hdr *ih = l4;

		if (ih->icmp6_type == ICMPV6_ECHO_REQUEST ||
		    ih->icmp6_type == ICMPV6_ECHO_REPLY)
			return &ih->icmp6_identifier;
		return NULL;
	}
	}
	return NULL;
}

static unsigned int fs_l4_need(u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return sizeof(struct tcphdr);
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
		return sizeof(struct udphdr);
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return 8;
	}
	return 0;
}

/* The address fields of the IP header at @nh. */
static void *fs_src_field(void *nh, u8 family)
{
	return family == NFPROTO_IPV4 ? (void *)&((struct iphdr *)nh)->saddr :
					(void *)&((struct ipv6hdr *)nh)->saddr;
}

static void *fs_dst_field(void *nh, u8 family)
{
	return family == NFPROTO_IPV4 ? (void *)&((struct iphdr *)nh)->daddr :
					(void *)&((struct ipv6hdr *)nh)->daddr;
}

/**
 * fs_nat_xlate() - rewrite a session packet's addresses and ports
 * @skb: the packet, network header at skb->data
 * @thoff: its transport header offset, 0 if it has none we read
 * @t: its tuple as received
 * @to: the tuple it leaves with
 * @src: rewrite the source address and port
 * @dst: rewrite the destination address and port
 *
 * Context: packet path.
 * Return: false if the packet could not be made writable (drop it).
 */
bool fs_nat_xlate(struct sk_buff *skb, unsigned int thoff,
		  const struct fs_tuple *t, const struct fs_tuple *to, bool src,
		  bool dst)
{
	u8 family = t->family, proto = t->proto;
	__sum16 *check = NULL;
	__be16 *port;
	void *l4 = NULL;
	int off;

	unsigned int len;

	if (thoff)
		len = thoff + fs_l4_need(proto);
	else if (family == NFPROTO_IPV4)
		len = ip_hdrlen(skb);
	else
		len = sizeof(struct ipv6hdr);
	if (skb_ensure_writable(skb, len))
		return false;
	if (thoff && fs_l4_need(proto)) {
		l4 = skb->data + thoff;
		off = fs_l4_csum_off(proto);
		if (off >= 0)
			check = l4 + off;
	}
	if (src) {
		fs_xlate_addr(skb, family, proto, check,
			      fs_src_field(skb->data, family), &to->src);
		port = l4 && fs_l4_has_ports(proto) ?
			       fs_port_field(l4, proto, true) :
			       NULL;
		if (port)
			fs_xlate_port(skb, proto, check, port, to->sport);
	}
	if (dst) {
		fs_xlate_addr(skb, family, proto, check,
			      fs_dst_field(skb->data, family), &to->dst);
		port = l4 && fs_l4_has_ports(proto) ?
			       fs_port_field(l4, proto, false) :
			       NULL;
		if (port)
			fs_xlate_port(skb, proto, check, port, to->dport);
	}
	return true;
}

/* A quoted IPv6 address in a checksum we update without an skb to go by. */
static void fs_csum_replace16(__sum16 *check, const __be32 *from,
			      const __be32 *to)
{
	int i;

	for (i = 0; i < 4; i++)
		csum_replace4(check, from[i], to[i]);
}

/* Rewrites the quoted packet's header, @ioff into the packet. */
static void fs_xlate_quote(struct sk_buff *skb, unsigned int ioff,
			   unsigned int iend, const struct fs_tuple *to)
{
	u8 family = to->family, proto = to->proto;
	void *ih = skb->data + ioff;
	unsigned int ithoff;
	__be16 *port;
	__sum16 *check = NULL;
	void *l4;
	int off;

	if (family == NFPROTO_IPV4) {
		struct iphdr *iph = ih;

		ithoff = ioff + iph->ihl * 4;
		csum_replace4(&iph->check, iph->saddr, to->src.ip);
		csum_replace4(&iph->check, iph->daddr, to->dst.ip);
	} else {
		ithoff = iend; /* computed by the caller past extensions */
	}
	l4 = skb->data + ithoff;
	off = fs_l4_csum_off(proto);
	/* the quoted transport checksum is fixed if it was quoted */
	if (off >= 0 && ithoff + off + sizeof(__sum16) <= skb->len) {
		check = l4 + off;
		if ((proto == IPPROTO_UDP || proto == IPPROTO_UDPLITE) &&
		    !*check)
			check = NULL;
	}
	if (family == NFPROTO_IPV4) {
		struct iphdr *iph = ih;

		if (check && proto != IPPROTO_ICMP) {
			csum_replace4(check, iph->saddr, to->src.ip);
			csum_replace4(check, iph->daddr, to->dst.ip);
		}
		iph->saddr = to->src.ip;
		iph->daddr = to->dst.ip;
	} else {
		struct ipv6hdr *ip6h = ih;

		if (check) {
			fs_csum_replace16(check, ip6h->saddr.s6_addr32,
					  to->src.in6.s6_addr32);
			fs_csum_replace16(check, ip6h->daddr.s6_addr32,
					  to->dst.in6.s6_addr32);
		}
		ip6h->saddr = to->src.in6;
		ip6h->daddr = to->dst.in6;
	}
	if (ithoff + 4 > skb->len)
		return;
	port = fs_port_field(l4, proto, true);
	if (port && *port != to->sport) {
		if (check)
			csum_replace2(check, *port, to->sport);
		*port = to->sport;
	}
	port = fs_port_field(l4, proto, false);
	if (port && *port != to->dport) {
		if (check)
			csum_replace2(check, *port, to->dport);
		*port = to->dport;
	}
	if (check)
		fs_csum_fix0(proto, check);
}

/**
 * fs_nat_xlate_error() - rewrite an ICMP error about a NAT session
 * @skb: the error, network header at skb->data
 * @thoff: offset of its ICMP header
 * @qthoff: offset of the quoted packet's transport header
 * @outer: the error's new source and destination (ports unused)
 * @quote: the quoted packet's new tuple
 *
 * Context: packet path.
 * Return: false if the packet could not be made writable (drop it).
 */
bool fs_nat_xlate_error(struct sk_buff *skb, unsigned int thoff,
			unsigned int qthoff, const struct fs_tuple *outer,
			const struct fs_tuple *quote)
{
	u8 family = outer->family;
	unsigned int len;
	__wsum csum;

	if (skb_ensure_writable(skb, skb->len))
		return false;
	fs_xlate_quote(skb, thoff + 8, qthoff, quote);
	fs_xlate_addr(skb, family, 0, NULL, fs_src_field(skb->data, family),
		      &outer->src);
	fs_xlate_addr(skb, family, 0, NULL, fs_dst_field(skb->data, family),
		      &outer->dst);
	len = skb->len - thoff;
	if (family == NFPROTO_IPV4) {
		struct icmphdr *ih = (struct icmphdr *)(skb->data + thoff);

		ih->checksum = 0;
		ih->checksum = csum_fold(skb_checksum(skb, thoff, len, 0));
	} else {
		struct icmp6hdr *ih = (struct icmp6hdr *)(skb->data + thoff);

		ih->icmp6_cksum = 0;
		csum = skb_checksum(skb, thoff, len, 0);
		ih->icmp6_cksum = csum_ipv6_magic(&ipv6_hdr(skb)->saddr,
						  &ipv6_hdr(skb)->daddr, len,
						  IPPROTO_ICMPV6, csum);
	}
	/* the whole message was summed again: nothing stale to verify */
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	return true;
}
