// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: the global address book - addresses (IPv4/IPv6 prefixes or
 * hosts) and address sets, which may nest. Built at load from the
 * FLOWSTAT_A_CFG_ADDRESS and _ADDRESS_SET attributes; sets are flattened
 * into the addresses they reach.
 */
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/slab.h>
#include <net/ipv6.h>
#include <net/netlink.h>
#include <net/genetlink.h>

#include "book.h"

const struct nla_policy fs_address_nl_policy[FLOWSTAT_A_ADDRESS_MAX + 1] = {
	[FLOWSTAT_A_ADDRESS_NAME] = { .type = NLA_NUL_STRING,
				      .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_ADDRESS_FAMILY] = { .type = NLA_U8 },
	[FLOWSTAT_A_ADDRESS_ADDR] = { .type = NLA_BINARY,
				      .len = sizeof(struct in6_addr) },
	[FLOWSTAT_A_ADDRESS_PREFIXLEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

/* @out = @a with the bits past @plen cleared. */
void fs_prefix_mask(union nf_inet_addr *out, const union nf_inet_addr *a,
		    u8 family, u8 plen)
{
	memset(out, 0, sizeof(*out));
	if (family == NFPROTO_IPV4)
		out->ip = plen ? a->ip & htonl(~0U << (32 - plen)) : 0;
	else
		ipv6_addr_prefix(&out->in6, &a->in6, plen);
}

/* Is @a (of @family) inside @p? */
bool fs_prefix_match(const struct fs_prefix *p, u8 family,
		     const union nf_inet_addr *a)
{
	if (p->family != family)
		return false;
	if (family == NFPROTO_IPV4)
		return !p->plen ||
		       !((a->ip ^ p->addr.ip) & htonl(~0U << (32 - p->plen)));
	return ipv6_prefix_equal(&a->in6, &p->addr.in6, p->plen);
}

/**
 * fs_addr_parse() - an address from a u8 AF_INET/AF_INET6 attribute and a
 * binary address attribute of that family's length
 * @fam: the family attribute
 * @addr: the address attribute
 * @family: set to NFPROTO_IPV4 or NFPROTO_IPV6
 * @a: set to the address (an IPv4 one with the rest of @a zero)
 * @extack: where to say what is wrong
 *
 * Return: 0 or -EINVAL.
 */
int fs_addr_parse(const struct nlattr *fam, const struct nlattr *addr,
		  u8 *family, union nf_inet_addr *a,
		  struct netlink_ext_ack *extack)
{
	u8 f = nla_get_u8(fam);
	int alen = f == AF_INET ? 4 : 16;

	if (f != AF_INET && f != AF_INET6) {
		NL_SET_ERR_MSG_ATTR(extack, fam, "bad address family");
		return -EINVAL;
	}
	if (nla_len(addr) != alen) {
		NL_SET_ERR_MSG_ATTR(extack, addr,
				    "address length does not match its family");
		return -EINVAL;
	}
	*family = f == AF_INET ? NFPROTO_IPV4 : NFPROTO_IPV6;
	memset(a, 0, sizeof(*a));
	memcpy(a, nla_data(addr), alen);
	return 0;
}

/**
 * fs_prefix_parse() - a prefix from FAMILY, ADDR and PREFIXLEN
 * @pfx: where to put it
 * @tb: the parsed attributes of an enum flowstat_attr_address nest
 * @nla: the nest, for error messages
 * @extack: where to say what is wrong
 *
 * Return: 0 or -EINVAL.
 */
int fs_prefix_parse(struct fs_prefix *pfx, struct nlattr **tb,
		    const struct nlattr *nla, struct netlink_ext_ack *extack)
{
	union nf_inet_addr masked;
	int alen;

	if (!tb[FLOWSTAT_A_ADDRESS_FAMILY] || !tb[FLOWSTAT_A_ADDRESS_ADDR] ||
	    !tb[FLOWSTAT_A_ADDRESS_PREFIXLEN]) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "incomplete address");
		return -EINVAL;
	}
	memset(pfx, 0, sizeof(*pfx));
	if (fs_addr_parse(tb[FLOWSTAT_A_ADDRESS_FAMILY],
			  tb[FLOWSTAT_A_ADDRESS_ADDR], &pfx->family, &pfx->addr,
			  extack))
		return -EINVAL;
	alen = pfx->family == NFPROTO_IPV4 ? 4 : 16;
	pfx->plen = nla_get_u8(tb[FLOWSTAT_A_ADDRESS_PREFIXLEN]);
	if (pfx->plen > alen * 8) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_ADDRESS_PREFIXLEN],
				    "prefix length too long for the family");
		return -EINVAL;
	}
	fs_prefix_mask(&masked, &pfx->addr, pfx->family, pfx->plen);
	if (memcmp(&masked, &pfx->addr, sizeof(masked))) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_ADDRESS_ADDR],
				    "bits set past the prefix length");
		return -EINVAL;
	}
	return 0;
}

/* Writes FAMILY, ADDR and PREFIXLEN of @pfx. */
int fs_prefix_fill(struct sk_buff *skb, const struct fs_prefix *pfx)
{
	bool v4 = pfx->family == NFPROTO_IPV4;

	return nla_put_u8(skb, FLOWSTAT_A_ADDRESS_FAMILY,
			  v4 ? AF_INET : AF_INET6) ||
			       nla_put(skb, FLOWSTAT_A_ADDRESS_ADDR,
				       v4 ? 4 : 16, &pfx->addr) ||
			       nla_put_u8(skb, FLOWSTAT_A_ADDRESS_PREFIXLEN,
					  pfx->plen) ?
		       -EMSGSIZE :
		       0;
}

static int fs_address_parse(struct fs_addr *ad, const struct nlattr *nla,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FLOWSTAT_A_ADDRESS_MAX + 1];
	int err;

	err = nla_parse_nested(tb, FLOWSTAT_A_ADDRESS_MAX, nla,
			       fs_address_nl_policy, extack);
	if (err)
		return err;
	if (!tb[FLOWSTAT_A_ADDRESS_NAME] ||
	    !*(char *)nla_data(tb[FLOWSTAT_A_ADDRESS_NAME])) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "incomplete address");
		return -EINVAL;
	}
	nla_strscpy(ad->name, tb[FLOWSTAT_A_ADDRESS_NAME], sizeof(ad->name));
	return fs_prefix_parse(&ad->pfx, tb, nla, extack);
}

/**
 * fs_address_parse_all() - the address book of a CONFIG_SET request
 * @cfg: the configuration being built (cfg->book allocated)
 * @nlh: the request
 * @extack: where to say what is wrong
 *
 * Return: 0 or a negative errno.
 */
int fs_address_parse_all(struct fs_config *cfg, const struct nlmsghdr *nlh,
			 struct netlink_ext_ack *extack)
{
	struct fs_book *b = cfg->book;
	const struct nlattr *nla;
	u32 na = fs_config_count_type(nlh, FLOWSTAT_A_CFG_ADDRESS);
	u32 ns = fs_config_count_type(nlh, FLOWSTAT_A_CFG_ADDRESS_SET);
	const char *dup;
	int err, rem;
	u32 i;

	if (na > FS_MAX_POLICIES || ns > FS_MAX_POLICIES) {
		NL_SET_ERR_MSG(extack, "too many addresses");
		return -E2BIG;
	}
	b->addrs = kvcalloc(max(na, 1U), sizeof(*b->addrs), GFP_KERNEL);
	b->asets = kvcalloc(max(ns, 1U), sizeof(*b->asets), GFP_KERNEL);
	if (!b->addrs || !b->asets)
		return -ENOMEM;

	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem) {
		if (nla_type(nla) == FLOWSTAT_A_CFG_ADDRESS) {
			err = fs_address_parse(&b->addrs[b->n_addrs], nla,
					       extack);
			if (err)
				return err;
			b->n_addrs++;
		} else if (nla_type(nla) == FLOWSTAT_A_CFG_ADDRESS_SET) {
			err = fs_set_parse_name(&b->asets[b->n_asets], nla,
						extack);
			b->n_asets++; /* freed with the book even on error */
			if (err)
				return err;
		}
	}
	b->aix = fs_name_index(na + ns, fs_address_obj_name, b, &dup);
	if (!b->aix)
		return -ENOMEM;
	if (dup) {
		NL_SET_ERR_MSG(extack, "duplicate address or address-set name");
		return -EINVAL;
	}
	if (fs_name_find(b->aix, na + ns, "any") >= 0) {
		NL_SET_ERR_MSG(extack, "\"any\" is not an address name");
		return -EINVAL;
	}
	i = 0;
	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem) {
		if (nla_type(nla) != FLOWSTAT_A_CFG_ADDRESS_SET)
			continue;
		err = fs_set_parse_members(&b->asets[i++], nla, b->aix, na + ns,
					   extack);
		if (err)
			return err;
	}
	i = 0;
	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem) {
		if (nla_type(nla) != FLOWSTAT_A_CFG_ADDRESS_SET)
			continue;
		err = fs_set_flatten(b->asets, na, i++, nla, extack);
		if (err)
			return err;
	}
	return 0;
}

int fs_address_fill(struct sk_buff *skb, const struct fs_config *cfg, u32 i)
{
	const struct fs_addr *ad = &cfg->book->addrs[i];
	struct nlattr *nest;

	nest = nla_nest_start(skb, FLOWSTAT_A_CFG_ADDRESS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, FLOWSTAT_A_ADDRESS_NAME, ad->name) ||
	    fs_prefix_fill(skb, &ad->pfx)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}
