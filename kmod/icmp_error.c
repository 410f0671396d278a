// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: ICMP errors that belong to a session.
 *
 * A destination unreachable (port unreachable, fragmentation needed), a
 * time exceeded or a parameter problem quotes the start of the packet that
 * caused it. When that quoted packet is one of a session's, the error
 * belongs to that session and travels in the opposite direction: it passes
 * with the session and is counted with it, as on the gateways. Path MTU
 * discovery and traceroute through the router depend on it.
 *
 * The error must be addressed to the quoted packet's sender: an error
 * about A's packet is for A and nobody else, which is also what keeps a
 * forged error from reaching a third host through someone else's session.
 * An error about an error, or about a fragment that is not the first
 * (whose ports are not quoted), belongs to nothing.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "flowstat.h"

/**
 * fs_icmp_is_error() - is ICMP (or ICMPv6) @type an error message?
 * @family: NFPROTO_IPV4 or NFPROTO_IPV6
 * @type: the ICMP type
 *
 * The same set as conntrack's: these carry a quoted packet.
 */
bool fs_icmp_is_error(u8 family, u8 type)
{
	if (family == NFPROTO_IPV6)
		return type < 128; /* RFC 4443: errors are types 0 to 127 */
	switch (type) {
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_REDIRECT:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		return true;
	}
	return false;
}

/*
 * Ports (or the echo identifier) of the quoted packet. Only the first 8
 * bytes of its transport header are sure to be quoted (RFC 792), and that
 * is all this reads.
 */
static bool fs_quoted_l4(const struct sk_buff *skb, unsigned int off,
			 struct fs_tuple *t)
{
	union {
		struct icmphdr icmp;
		struct icmp6hdr icmp6;
		__be16 ports[2];
	} buf;
	const void *h;

	switch (t->proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
		h = skb_header_pointer(skb, off, sizeof(buf.ports), &buf);
		if (!h)
			return false;
		t->sport = ((const __be16 *)h)[0];
		t->dport = ((const __be16 *)h)[1];
		return true;
	case IPPROTO_ICMP:
		h = skb_header_pointer(skb, off, sizeof(buf.icmp), &buf);
		if (!h)
			return false;
		switch (((const struct icmphdr *)h)->type) {
		case ICMP_ECHO:
		case ICMP_ECHOREPLY:
			t->sport = ((const struct icmphdr *)h)->un.echo.id;
			t->dport = t->sport;
			return true;
		}
		return !fs_icmp_is_error(NFPROTO_IPV4,
					 ((const struct icmphdr *)h)->type);
	case IPPROTO_ICMPV6:
		h = skb_header_pointer(skb, off, sizeof(buf.icmp6), &buf);
		if (!h)
			return false;
		switch (((const struct icmp6hdr *)h)->icmp6_type) {
		case ICMPV6_ECHO_REQUEST:
		case ICMPV6_ECHO_REPLY:
			t->sport =
				((const struct icmp6hdr *)h)->icmp6_identifier;
			t->dport = t->sport;
			return true;
		}
		return !fs_icmp_is_error(
			NFPROTO_IPV6, ((const struct icmp6hdr *)h)->icmp6_type);
	}
	return true; /* no ports: the session is keyed by addresses alone */
}

static bool fs_quoted4(const struct sk_buff *skb, unsigned int off,
		       const struct fs_tuple *outer, struct fs_tuple *t,
		       unsigned int *qthoff)
{
	const struct iphdr *iph;
	struct iphdr _iph;

	iph = skb_header_pointer(skb, off, sizeof(_iph), &_iph);
	if (!iph || iph->version != 4 || iph->ihl < 5 ||
	    (iph->frag_off & htons(IP_OFFSET)) || iph->saddr != outer->dst.ip)
		return false;
	t->family = NFPROTO_IPV4;
	t->src.ip = iph->saddr;
	t->dst.ip = iph->daddr;
	t->proto = iph->protocol;
	*qthoff = off + iph->ihl * 4;
	return fs_quoted_l4(skb, *qthoff, t);
}

static bool fs_quoted6(const struct sk_buff *skb, unsigned int off,
		       const struct fs_tuple *outer, struct fs_tuple *t,
		       unsigned int *qthoff)
{
	const struct ipv6hdr *ip6h;
	struct ipv6hdr _ip6h;
	__be16 frag_off;
	u8 nexthdr;
	int l4off;

	ip6h = skb_header_pointer(skb, off, sizeof(_ip6h), &_ip6h);
	if (!ip6h || ip6h->version != 6 ||
	    !ipv6_addr_equal(&ip6h->saddr, &outer->dst.in6))
		return false;
	nexthdr = ip6h->nexthdr;
	l4off = ipv6_skip_exthdr(skb, off + sizeof(*ip6h), &nexthdr, &frag_off);
	/* the low three bits are flags; the rest is the offset */
	if (l4off < 0 || (ntohs(frag_off) & ~0x7))
		return false;
	t->family = NFPROTO_IPV6;
	t->src.in6 = ip6h->saddr;
	t->dst.in6 = ip6h->daddr;
	t->proto = nexthdr;
	*qthoff = l4off;
	return fs_quoted_l4(skb, l4off, t);
}

/**
 * fs_icmp_error_tuple() - the tuple of the packet an ICMP error quotes
 * @skb: the error
 * @thoff: offset of its ICMP header
 * @outer: the error's own tuple
 * @t: set to the quoted packet's tuple, in the direction it travelled
 * @qthoff: set to the offset of the quoted transport header
 *
 * Return: false if the error quotes nothing a session can own.
 * Context: any; reads the packet only through skb_header_pointer().
 */
bool fs_icmp_error_tuple(const struct sk_buff *skb, unsigned int thoff,
			 const struct fs_tuple *outer, struct fs_tuple *t,
			 unsigned int *qthoff)
{
	/* ICMP and ICMPv6 headers are both 8 bytes before the quote */
	unsigned int off = thoff + sizeof(struct icmphdr);

	BUILD_BUG_ON(sizeof(struct icmphdr) != sizeof(struct icmp6hdr));
	memset(t, 0, sizeof(*t));
	if (outer->family == NFPROTO_IPV4)
		return fs_quoted4(skb, off, outer, t, qthoff);
	return fs_quoted6(skb, off, outer, t, qthoff);
}
