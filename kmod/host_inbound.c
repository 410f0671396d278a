// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: host-inbound traffic, what a zone lets reach the router itself.
 *
 * A service or protocol is a set of (IP protocol, destination port range)
 * pairs, as on the gateways. "ping" admits ICMP and ICMPv6 as a whole, the
 * way Junos treats it; neighbour discovery and MLD never get here (they are
 * always accepted, see hooks.c).
 */
#include <linux/in.h>
#include <linux/kernel.h>

#include "flowstat.h"

/* Not named by the kernel headers. */
#define FS_IPPROTO_OSPF 89
#define FS_IPPROTO_VRRP 112

/**
 * struct fs_hi_rule - one transport port range of a service or protocol
 * @proto: IPPROTO_TCP or IPPROTO_UDP
 * @lo: first destination port
 * @hi: last destination port
 * @bit: enum flowstat_service or enum flowstat_protocol bit
 * @is_protocol: @bit is a protocol (routing protocols), not a service
 */
struct fs_hi_rule {
	u8 proto;
	u16 lo;
	u16 hi;
	u8 bit;
	bool is_protocol;
};

#define SVC(p, l, h, b) { IPPROTO_##p, l, h, FLOWSTAT_SVC_##b, false }
#define PROTO(p, l, h, b) { IPPROTO_##p, l, h, FLOWSTAT_PROTO_##b, true }

static const struct fs_hi_rule fs_hi_rules[] = {
	SVC(TCP, 22, 22, SSH),
	SVC(TCP, 23, 23, TELNET),
	SVC(TCP, 21, 21, FTP),
	SVC(TCP, 80, 80, HTTP),
	SVC(TCP, 443, 443, HTTPS),
	SVC(UDP, 53, 53, DNS),
	SVC(TCP, 53, 53, DNS),
	SVC(UDP, 123, 123, NTP),
	SVC(UDP, 161, 161, SNMP),
	SVC(UDP, 33434, 33523, TRACEROUTE),
	SVC(UDP, 500, 500, IKE),
	SVC(UDP, 4500, 4500, IKE),
	SVC(UDP, 67, 68, DHCP),
	SVC(UDP, 546, 547, DHCPV6),
	SVC(UDP, 69, 69, TFTP),
	SVC(TCP, 830, 830, NETCONF),
	PROTO(TCP, 179, 179, BGP),
	PROTO(UDP, 520, 520, RIP),
	PROTO(UDP, 521, 521, RIPNG),
	PROTO(UDP, 3784, 3785, BFD),
	PROTO(TCP, 646, 646, LDP),
	PROTO(UDP, 646, 646, LDP),
};

static bool fs_bit(u32 mask, unsigned int bit)
{
	return mask & BIT(bit);
}

/**
 * fs_host_inbound_allowed() - may @t, addressed to the router, come in
 * @b: binding of the ingress interface
 * @t: tuple of the packet, original direction
 *
 * through an interface bound as @b?
 * Context: any.
 */
bool fs_host_inbound_allowed(const struct fs_binding *b,
			     const struct fs_tuple *t)
{
	u16 port = ntohs(t->dport);
	unsigned int i;

	switch (t->proto) {
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return fs_bit(b->services, FLOWSTAT_SVC_PING);
	case FS_IPPROTO_OSPF:
		return fs_bit(b->protocols, t->family == NFPROTO_IPV4 ?
						    FLOWSTAT_PROTO_OSPF :
						    FLOWSTAT_PROTO_OSPF3);
	case FS_IPPROTO_VRRP:
		return fs_bit(b->protocols, FLOWSTAT_PROTO_VRRP);
	case IPPROTO_PIM:
		return fs_bit(b->protocols, FLOWSTAT_PROTO_PIM);
	}
	for (i = 0; i < ARRAY_SIZE(fs_hi_rules); i++) {
		const struct fs_hi_rule *r = &fs_hi_rules[i];

		if (r->proto != t->proto || port < r->lo || port > r->hi)
			continue;
		if (fs_bit(r->is_protocol ? b->protocols : b->services, r->bit))
			return true;
	}
	return false;
}
