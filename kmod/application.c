// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: applications (protocol, destination and source port ranges,
 * ICMP type) and application sets. The predefined junos-* applications
 * are sent by the tool like any other, marked predefined so that they are
 * not printed back as configuration.
 */
#include <linux/in.h>
#include <linux/slab.h>
#include <net/netlink.h>
#include <net/genetlink.h>

#include "book.h"

const struct nla_policy fs_app_nl_policy[FLOWSTAT_A_APP_MAX + 1] = {
	[FLOWSTAT_A_APP_NAME] = { .type = NLA_NUL_STRING,
				  .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_APP_PROTOCOL] = { .type = NLA_U8 },
	[FLOWSTAT_A_APP_DPORT_MIN] = { .type = NLA_U16 },
	[FLOWSTAT_A_APP_DPORT_MAX] = { .type = NLA_U16 },
	[FLOWSTAT_A_APP_SPORT_MIN] = { .type = NLA_U16 },
	[FLOWSTAT_A_APP_SPORT_MAX] = { .type = NLA_U16 },
	[FLOWSTAT_A_APP_ICMP_TYPE] = { .type = NLA_U8 },
	[FLOWSTAT_A_APP_PREDEFINED] = { .type = NLA_FLAG },
};

static bool fs_proto_has_ports(u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
		return true;
	}
	return false;
}

/**
 * fs_app_match() - does the first packet @t match application @a
 * @a: the application
 * @t: tuple of the packet
 * @icmp_type: its ICMP(v6) type, -1 if unknown
 */
bool fs_app_match(const struct fs_app *a, const struct fs_tuple *t,
		  int icmp_type)
{
	u16 p;

	if (a->proto != t->proto)
		return false;
	if (a->icmp_type >= 0 && a->icmp_type != icmp_type)
		return false;
	if (a->has_dport) {
		p = ntohs(t->dport);
		if (p < a->dport[0] || p > a->dport[1])
			return false;
	}
	if (a->has_sport) {
		p = ntohs(t->sport);
		if (p < a->sport[0] || p > a->sport[1])
			return false;
	}
	return true;
}

static int fs_app_range(const struct nlattr *lo, const struct nlattr *hi,
			const struct nlattr *nla, bool *has, u16 *r,
			struct netlink_ext_ack *extack)
{
	if (!lo && !hi)
		return 0;
	if (!lo || !hi) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "port range needs both ends");
		return -EINVAL;
	}
	r[0] = nla_get_u16(lo);
	r[1] = nla_get_u16(hi);
	if (r[0] > r[1]) {
		NL_SET_ERR_MSG_ATTR(extack, lo, "port range reversed");
		return -EINVAL;
	}
	*has = true;
	return 0;
}

static int fs_app_parse(struct fs_app *a, const struct nlattr *nla,
			struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FLOWSTAT_A_APP_MAX + 1];
	int err;

	err = nla_parse_nested(tb, FLOWSTAT_A_APP_MAX, nla, fs_app_nl_policy,
			       extack);
	if (err)
		return err;
	if (!tb[FLOWSTAT_A_APP_NAME] || !tb[FLOWSTAT_A_APP_PROTOCOL] ||
	    !*(char *)nla_data(tb[FLOWSTAT_A_APP_NAME])) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "application lacks name or protocol");
		return -EINVAL;
	}
	nla_strscpy(a->name, tb[FLOWSTAT_A_APP_NAME], sizeof(a->name));
	a->proto = nla_get_u8(tb[FLOWSTAT_A_APP_PROTOCOL]);
	a->predefined = nla_get_flag(tb[FLOWSTAT_A_APP_PREDEFINED]);
	a->icmp_type = -1;
	if (tb[FLOWSTAT_A_APP_ICMP_TYPE]) {
		if (a->proto != IPPROTO_ICMP && a->proto != IPPROTO_ICMPV6) {
			NL_SET_ERR_MSG_ATTR(extack, nla,
					    "icmp-type needs icmp or icmp6");
			return -EINVAL;
		}
		a->icmp_type = nla_get_u8(tb[FLOWSTAT_A_APP_ICMP_TYPE]);
	}
	err = fs_app_range(tb[FLOWSTAT_A_APP_DPORT_MIN],
			   tb[FLOWSTAT_A_APP_DPORT_MAX], nla, &a->has_dport,
			   a->dport, extack);
	if (!err)
		err = fs_app_range(tb[FLOWSTAT_A_APP_SPORT_MIN],
				   tb[FLOWSTAT_A_APP_SPORT_MAX], nla,
				   &a->has_sport, a->sport, extack);
	if (err)
		return err;
	if ((a->has_dport || a->has_sport) && !fs_proto_has_ports(a->proto)) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "ports need a protocol with ports");
		return -EINVAL;
	}
	return 0;
}

/**
 * fs_app_parse_all() - the applications of a CONFIG_SET request
 * @cfg: the configuration being built (cfg->book allocated)
 * @nlh: the request
 * @extack: where to say what is wrong
 *
 * Return: 0 or a negative errno.
 */
int fs_app_parse_all(struct fs_config *cfg, const struct nlmsghdr *nlh,
		     struct netlink_ext_ack *extack)
{
	struct fs_book *b = cfg->book;
	const struct nlattr *nla;
	u32 na = fs_config_count_type(nlh, FLOWSTAT_A_CFG_APPLICATION);
	u32 ns = fs_config_count_type(nlh, FLOWSTAT_A_CFG_APPLICATION_SET);
	const char *dup;
	int err, rem;
	u32 i;

	if (na > FS_MAX_POLICIES || ns > FS_MAX_POLICIES) {
		NL_SET_ERR_MSG(extack, "too many applications");
		return -E2BIG;
	}
	b->apps = kvcalloc(max(na, 1U), sizeof(*b->apps), GFP_KERNEL);
	b->appsets = kvcalloc(max(ns, 1U), sizeof(*b->appsets), GFP_KERNEL);
	if (!b->apps || !b->appsets)
		return -ENOMEM;

	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem) {
		if (nla_type(nla) == FLOWSTAT_A_CFG_APPLICATION) {
			err = fs_app_parse(&b->apps[b->n_apps], nla, extack);
			if (err)
				return err;
			b->n_apps++;
		} else if (nla_type(nla) == FLOWSTAT_A_CFG_APPLICATION_SET) {
			err = fs_set_parse_name(&b->appsets[b->n_appsets], nla,
						extack);
			b->n_appsets++;
			if (err)
				return err;
		}
	}
	b->appix = fs_name_index(na + ns, fs_app_obj_name, b, &dup);
	if (!b->appix)
		return -ENOMEM;
	if (dup) {
		NL_SET_ERR_MSG(extack,
			       "duplicate application or application-set name");
		return -EINVAL;
	}
	if (fs_name_find(b->appix, na + ns, "any") >= 0) {
		NL_SET_ERR_MSG(extack, "\"any\" is not an application name");
		return -EINVAL;
	}
	i = 0;
	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem) {
		if (nla_type(nla) != FLOWSTAT_A_CFG_APPLICATION_SET)
			continue;
		err = fs_set_parse_members(&b->appsets[i++], nla, b->appix,
					   na + ns, extack);
		if (err)
			return err;
	}
	i = 0;
	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem) {
		if (nla_type(nla) != FLOWSTAT_A_CFG_APPLICATION_SET)
			continue;
		err = fs_set_flatten(b->appsets, na, i++, nla, extack);
		if (err)
			return err;
	}
	return 0;
}

int fs_app_fill(struct sk_buff *skb, const struct fs_config *cfg, u32 i)
{
	const struct fs_app *a = &cfg->book->apps[i];
	struct nlattr *nest;

	nest = nla_nest_start(skb, FLOWSTAT_A_CFG_APPLICATION);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, FLOWSTAT_A_APP_NAME, a->name) ||
	    nla_put_u8(skb, FLOWSTAT_A_APP_PROTOCOL, a->proto) ||
	    (a->predefined && nla_put_flag(skb, FLOWSTAT_A_APP_PREDEFINED)) ||
	    (a->icmp_type >= 0 &&
	     nla_put_u8(skb, FLOWSTAT_A_APP_ICMP_TYPE, a->icmp_type)) ||
	    (a->has_dport &&
	     (nla_put_u16(skb, FLOWSTAT_A_APP_DPORT_MIN, a->dport[0]) ||
	      nla_put_u16(skb, FLOWSTAT_A_APP_DPORT_MAX, a->dport[1]))) ||
	    (a->has_sport &&
	     (nla_put_u16(skb, FLOWSTAT_A_APP_SPORT_MIN, a->sport[0]) ||
	      nla_put_u16(skb, FLOWSTAT_A_APP_SPORT_MAX, a->sport[1])))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}
