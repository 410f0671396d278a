// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: TCP resets the router sends on behalf of a zone: `tcp-rst`
 * (a TCP packet that is not a SYN and has no session) and the
 * `ident-reset` host-inbound service (a SYN to tcp/113 is refused with a
 * RST). nf_send_reset()/nf_send_reset6() never answer a RST, and take the
 * addresses and ports from the packet, so a reset goes back where the
 * packet came from.
 */
#include <net/netfilter/ipv4/nf_reject.h>
#include <net/netfilter/ipv6/nf_reject.h>
#include <net/tcp.h>

#include "flowstat.h"

#define FS_IDENT_PORT 113

static void fs_send_reset(struct sk_buff *skb,
			  const struct nf_hook_state *state)
{
	if (state->pf == NFPROTO_IPV4)
		nf_send_reset(state->net, state->sk, skb, state->hook);
	else
		nf_send_reset6(state->net, state->sk, skb, state->hook);
}

/**
 * fs_tcp_rst_first() - the tcp-rst step for a packet without a session
 * @v: view
 * @zone: ingress zone index
 * @t: the packet's tuple
 * @tcpflags: its TCP flags byte
 * @skb: the packet
 * @state: hook state
 *
 * If the ingress zone has tcp-rst and @t is a TCP packet other than a SYN
 * (SYN without ACK) or a RST, send a RST back.
 * Context: a netfilter hook, rcu_read_lock.
 * Return: true if the caller must drop the packet (a reset was due).
 */
bool fs_tcp_rst_first(const struct fs_view *v, u32 zone,
		      const struct fs_tuple *t, u8 tcpflags,
		      struct sk_buff *skb, const struct nf_hook_state *state)
{
	if (!v->cfg->zones[zone].tcp_rst || t->proto != IPPROTO_TCP ||
	    (tcpflags & (TCPHDR_SYN | TCPHDR_ACK)) == TCPHDR_SYN ||
	    (tcpflags & TCPHDR_RST))
		return false;
	fs_send_reset(skb, state);
	return true;
}

/**
 * fs_ident_reset() - the ident-reset service: refuse a SYN to tcp/113 of
 *	the router with a RST
 * @b: binding of the ingress interface
 * @t: the packet's tuple
 * @tcpflags: its TCP flags byte
 * @skb: the packet
 * @state: hook state (LOCAL_IN)
 *
 * Return: true if a reset was sent and the caller must drop the packet.
 */
bool fs_ident_reset(const struct fs_binding *b, const struct fs_tuple *t,
		    u8 tcpflags, struct sk_buff *skb,
		    const struct nf_hook_state *state)
{
	if (!(b->services & BIT(FLOWSTAT_SVC_IDENT_RESET)) ||
	    t->proto != IPPROTO_TCP || ntohs(t->dport) != FS_IDENT_PORT ||
	    (tcpflags & (TCPHDR_SYN | TCPHDR_ACK)) != TCPHDR_SYN)
		return false;
	fs_send_reset(skb, state);
	return true;
}
