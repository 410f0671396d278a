// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: the flow settings (`set security flow ...`), the
 * FLOWSTAT_A_CFG_FLOW nest of CONFIG_SET and CONFIG_GET. They are put in
 * force by fs_sess_apply() when the configuration is published.
 */
#include <net/netlink.h>

#include "flowstat.h"

const struct nla_policy fs_flow_nl_policy[FLOWSTAT_A_FLOW_MAX + 1] = {
	[FLOWSTAT_A_FLOW_MAX_SESSIONS] = NLA_POLICY_MIN(NLA_U32, 1),
	[FLOWSTAT_A_FLOW_MAX_MINOR_SESSIONS] = NLA_POLICY_MIN(NLA_U32, 1),
	[FLOWSTAT_A_FLOW_NO_SEQUENCE_CHECK] = { .type = NLA_FLAG },
	[FLOWSTAT_A_FLOW_TCP_INITIAL_TIMEOUT] = NLA_POLICY_MIN(NLA_U32, 1),
	[FLOWSTAT_A_FLOW_TCP_EST_TIMEOUT] = NLA_POLICY_MIN(NLA_U32, 1),
	[FLOWSTAT_A_FLOW_UDP_TIMEOUT] = NLA_POLICY_MIN(NLA_U32, 1),
};

static u32 fs_flow_u32(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_u32(tb[type]) : 0;
}

/**
 * fs_flow_parse() - read a FLOWSTAT_A_CFG_FLOW nest into @flow
 * @flow: zeroed settings to fill
 * @nla: the nest (already validated against fs_flow_nl_policy)
 * @extack: where to say what is wrong
 *
 * Return: 0 or -errno.
 */
int fs_flow_parse(struct fs_flow_cfg *flow, const struct nlattr *nla,
		  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FLOWSTAT_A_FLOW_MAX + 1];

	static const int timeouts[] = {
		FLOWSTAT_A_FLOW_TCP_INITIAL_TIMEOUT,
		FLOWSTAT_A_FLOW_TCP_EST_TIMEOUT,
		FLOWSTAT_A_FLOW_UDP_TIMEOUT,
	};
	int err, i;

	err = nla_parse_nested(tb, FLOWSTAT_A_FLOW_MAX, nla, fs_flow_nl_policy,
			       extack);
	if (err)
		return err;
	/* A u32 range beyond what a policy's s16 bounds can say. */
	for (i = 0; i < ARRAY_SIZE(timeouts); i++) {
		if (tb[timeouts[i]] &&
		    nla_get_u32(tb[timeouts[i]]) > FLOWSTAT_FLOW_TIMEOUT_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, tb[timeouts[i]],
					    "timeout beyond 86400 s");
			return -ERANGE;
		}
	}
	flow->max_sessions = fs_flow_u32(tb, FLOWSTAT_A_FLOW_MAX_SESSIONS);
	flow->max_minor = fs_flow_u32(tb, FLOWSTAT_A_FLOW_MAX_MINOR_SESSIONS);
	flow->tcp_initial =
		fs_flow_u32(tb, FLOWSTAT_A_FLOW_TCP_INITIAL_TIMEOUT);
	flow->tcp_est = fs_flow_u32(tb, FLOWSTAT_A_FLOW_TCP_EST_TIMEOUT);
	flow->udp = fs_flow_u32(tb, FLOWSTAT_A_FLOW_UDP_TIMEOUT);
	flow->no_seq_check =
		nla_get_flag(tb[FLOWSTAT_A_FLOW_NO_SEQUENCE_CHECK]);
	return 0;
}

static int fs_flow_put(struct sk_buff *skb, int type, u32 v)
{
	return v ? nla_put_u32(skb, type, v) : 0;
}

/**
 * fs_flow_fill() - write what @flow configures as a FLOWSTAT_A_CFG_FLOW nest
 * @skb: message being filled
 * @flow: the settings
 *
 * Nothing is written when nothing is configured.
 * Return: 0 or -EMSGSIZE.
 */
int fs_flow_fill(struct sk_buff *skb, const struct fs_flow_cfg *flow)
{
	struct nlattr *nest;

	if (!flow->max_sessions && !flow->max_minor && !flow->tcp_initial &&
	    !flow->tcp_est && !flow->udp && !flow->no_seq_check)
		return 0;
	nest = nla_nest_start(skb, FLOWSTAT_A_CFG_FLOW);
	if (!nest)
		return -EMSGSIZE;
	if (fs_flow_put(skb, FLOWSTAT_A_FLOW_MAX_SESSIONS,
			flow->max_sessions) ||
	    fs_flow_put(skb, FLOWSTAT_A_FLOW_MAX_MINOR_SESSIONS,
			flow->max_minor) ||
	    fs_flow_put(skb, FLOWSTAT_A_FLOW_TCP_INITIAL_TIMEOUT,
			flow->tcp_initial) ||
	    fs_flow_put(skb, FLOWSTAT_A_FLOW_TCP_EST_TIMEOUT, flow->tcp_est) ||
	    fs_flow_put(skb, FLOWSTAT_A_FLOW_UDP_TIMEOUT, flow->udp) ||
	    (flow->no_seq_check &&
	     nla_put_flag(skb, FLOWSTAT_A_FLOW_NO_SEQUENCE_CHECK))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}
