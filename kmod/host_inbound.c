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

static const struct fs_hi_rule fs_hi_rules[] = {
	{ IPPROTO_TCP, 22, 22, FLOWSTAT_SVC_SSH, false },
	{ IPPROTO_TCP, 23, 23, FLOWSTAT_SVC_TELNET, false },
	{ IPPROTO_TCP, 21, 21, FLOWSTAT_SVC_FTP, false },
	{ IPPROTO_TCP, 80, 80, FLOWSTAT_SVC_HTTP, false },
	{ IPPROTO_TCP, 443, 443, FLOWSTAT_SVC_HTTPS, false },
	{ IPPROTO_UDP, 53, 53, FLOWSTAT_SVC_DNS, false },
	{ IPPROTO_TCP, 53, 53, FLOWSTAT_SVC_DNS, false },
	{ IPPROTO_UDP, 123, 123, FLOWSTAT_SVC_NTP, false },
	{ IPPROTO_UDP, 161, 161, FLOWSTAT_SVC_SNMP, false },
	{ IPPROTO_UDP, 33434, 33523, FLOWSTAT_SVC_TRACEROUTE, false },
	{ IPPROTO_UDP, 500, 500, FLOWSTAT_SVC_IKE, false },
	{ IPPROTO_UDP, 4500, 4500, FLOWSTAT_SVC_IKE, false },
	{ IPPROTO_UDP, 67, 68, FLOWSTAT_SVC_DHCP, false },
	{ IPPROTO_UDP, 546, 547, FLOWSTAT_SVC_DHCPV6, false },
	{ IPPROTO_UDP, 69, 69, FLOWSTAT_SVC_TFTP, false },
	{ IPPROTO_TCP, 830, 830, FLOWSTAT_SVC_NETCONF, false },
	{ IPPROTO_TCP, 179, 179, FLOWSTAT_PROTO_BGP, true },
	{ IPPROTO_UDP, 520, 520, FLOWSTAT_PROTO_RIP, true },
	{ IPPROTO_UDP, 521, 521, FLOWSTAT_PROTO_RIPNG, true },
	{ IPPROTO_UDP, 3784, 3785, FLOWSTAT_PROTO_BFD, true },
	{ IPPROTO_TCP, 646, 646, FLOWSTAT_PROTO_LDP, true },
	{ IPPROTO_UDP, 646, 646, FLOWSTAT_PROTO_LDP, true },
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
