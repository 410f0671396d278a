// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: "then reject". The packet is dropped (and counted as policy
 * denied by the caller) and its sender told: a TCP segment gets a RST,
 * a UDP datagram an ICMP port unreachable (what the gateways send for
 * UDP), anything else an ICMP "administratively prohibited" (ICMPv6 code
 * 1). Nothing answers a RST (nf_send_reset refuses) or an ICMP error.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/ipv6.h>
#include <net/netfilter/ipv4/nf_reject.h>
#include <net/netfilter/ipv6/nf_reject.h>

#include "book.h"

/*
 * Is the ICMP(v6) message at @thoff one never to answer: an error, or
 * something unknown or unreadable? Stricter than fs_icmp_is_error().
 */
static bool fs_icmp_unanswerable(const struct sk_buff *skb, unsigned int thoff,
				 bool v6)
{
	u8 _type;
	const u8 *type = skb_header_pointer(skb, thoff, 1, &_type);

	if (!type)
		return true;
	if (v6)
		return *type < 128; /* errors are 0..127 */
	switch (*type) {
	case ICMP_ECHO:
	case ICMP_ECHOREPLY:
	case ICMP_TIMESTAMP:
	case ICMP_TIMESTAMPREPLY:
	case ICMP_INFO_REQUEST:
	case ICMP_INFO_REPLY:
	case ICMP_ADDRESS:
	case ICMP_ADDRESSREPLY:
		return false;
	}
	return true;
}

static void fs_reject4(struct sk_buff *skb, const struct nf_hook_state *state)
{
	const struct iphdr *iph = ip_hdr(skb);

	if (iph->frag_off & htons(IP_OFFSET))
		return;
	switch (iph->protocol) {
	case IPPROTO_TCP:
		nf_send_reset(state->net, state->sk, skb, state->hook);
		return;
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
		nf_send_unreach(skb, ICMP_PORT_UNREACH, state->hook);
		return;
	case IPPROTO_ICMP:
		if (fs_icmp_unanswerable(skb, ip_hdrlen(skb), false))
			return;
		break;
	}
	nf_send_unreach(skb, ICMP_PKT_FILTERED, state->hook);
}

static void fs_reject6(struct sk_buff *skb, const struct nf_hook_state *state)
{
	unsigned short fragoff = 0;
	unsigned int thoff = 0;
	int proto;

	proto = ipv6_find_hdr(skb, &thoff, -1, &fragoff, NULL);
	if (proto < 0 || fragoff)
		return;
	switch (proto) {
	case IPPROTO_TCP:
		nf_send_reset6(state->net, state->sk, skb, state->hook);
		return;
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
		nf_send_unreach6(state->net, skb, ICMPV6_PORT_UNREACH,
				 state->hook);
		return;
	case IPPROTO_ICMPV6:
		if (fs_icmp_unanswerable(skb, thoff, true))
			return;
		break;
	}
	nf_send_unreach6(state->net, skb, ICMPV6_ADM_PROHIBITED, state->hook);
}

/**
 * fs_reject() - answer a packet a reject policy denied
 * @skb: the packet, still owned by the caller (which drops it)
 * @state: its hook state
 *
 * Context: packet path.
 */
void fs_reject(struct sk_buff *skb, const struct nf_hook_state *state)
{
	if (state->pf == NFPROTO_IPV4)
		fs_reject4(skb, state);
	else
		fs_reject6(skb, state);
}
