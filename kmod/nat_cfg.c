// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: the NAT part of a configuration: source pools and rules from a
 * CONFIG_SET request, written back for CONFIG_GET and the NAT dumps.
 *
 * The proxy-arp/-ndp ranges are parsed and written back by nat_proxy.c.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "nat.h"

/*
 * CONFIG_SET: the counters are output only and have no entry. A u16 port
 * range is a minimum only: the policy's maximum is an s16, and 65535 in
 * it reads as -1 (nla_get_range_unsigned() warns).
 */
const struct nla_policy fs_natpool_nl_policy[FLOWSTAT_A_NATPOOL_MAX + 1] = {
	[FLOWSTAT_A_NATPOOL_NAME] = { .type = NLA_NUL_STRING,
				      .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_NATPOOL_KIND] =
		NLA_POLICY_MAX(NLA_U8, FLOWSTAT_NAT_KIND_MAX),
	[FLOWSTAT_A_NATPOOL_FAMILY] = { .type = NLA_U8 },
	[FLOWSTAT_A_NATPOOL_ADDR] = { .type = NLA_BINARY,
				      .len = sizeof(struct in6_addr) },
	[FLOWSTAT_A_NATPOOL_PREFIXLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[FLOWSTAT_A_NATPOOL_ADDR_HIGH] = { .type = NLA_BINARY,
					   .len = sizeof(struct in6_addr) },
	[FLOWSTAT_A_NATPOOL_PORT_LOW] =
		NLA_POLICY_MIN(NLA_U16, FLOWSTAT_NAT_PORT_MIN),
	[FLOWSTAT_A_NATPOOL_PORT_HIGH] =
		NLA_POLICY_MIN(NLA_U16, FLOWSTAT_NAT_PORT_MIN),
	[FLOWSTAT_A_NATPOOL_NO_XLATE] = { .type = NLA_FLAG },
	[FLOWSTAT_A_NATPOOL_PORT] = { .type = NLA_U16 },
};

const struct nla_policy fs_natrule_nl_policy[FLOWSTAT_A_NATRULE_MAX + 1] = {
	[FLOWSTAT_A_NATRULE_KIND] =
		NLA_POLICY_MAX(NLA_U8, FLOWSTAT_NAT_KIND_MAX),
	[FLOWSTAT_A_NATRULE_RULE_SET] = { .type = NLA_NUL_STRING,
					  .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_NATRULE_NAME] = { .type = NLA_NUL_STRING,
				      .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_NATRULE_FROM_ZONE] = { .type = NLA_NUL_STRING,
					   .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_NATRULE_TO_ZONE] = { .type = NLA_NUL_STRING,
					 .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_NATRULE_SRC] = NLA_POLICY_NESTED(fs_address_nl_policy),
	[FLOWSTAT_A_NATRULE_DST] = NLA_POLICY_NESTED(fs_address_nl_policy),
	[FLOWSTAT_A_NATRULE_DPORT_LOW] = { .type = NLA_U16 },
	[FLOWSTAT_A_NATRULE_DPORT_HIGH] = { .type = NLA_U16 },
	[FLOWSTAT_A_NATRULE_ACTION] =
		NLA_POLICY_MAX(NLA_U8, FLOWSTAT_NAT_ACTION_MAX),
	[FLOWSTAT_A_NATRULE_POOL] = { .type = NLA_NUL_STRING,
				      .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_NATRULE_PREFIX] = NLA_POLICY_NESTED(fs_address_nl_policy),
};

const struct nla_policy fs_natproxy_nl_policy[FLOWSTAT_A_NATPROXY_MAX + 1] = {
	[FLOWSTAT_A_NATPROXY_IFACE] = { .type = NLA_NUL_STRING,
					.len = FLOWSTAT_IFNAME_MAX - 1 },
	[FLOWSTAT_A_NATPROXY_FAMILY] = { .type = NLA_U8 },
	[FLOWSTAT_A_NATPROXY_ADDR] = { .type = NLA_BINARY,
				       .len = sizeof(struct in6_addr) },
	[FLOWSTAT_A_NATPROXY_PREFIXLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[FLOWSTAT_A_NATPROXY_ADDR_HIGH] = { .type = NLA_BINARY,
					    .len = sizeof(struct in6_addr) },
};

#define FS_NAT_MAX_RULES 65536
#define FS_NAT_MAX_POOLS 4096
/* Pool addresses of one configuration: each costs its lock and counters. */
#define FS_NAT_MAX_ADDRS (1U << 20)

static u64 fs_addr_low64(const union nf_inet_addr *a, u8 family)
{
	if (family == NFPROTO_IPV4)
		return ntohl(a->ip);
	return (u64)ntohl(a->ip6[2]) << 32 | ntohl(a->ip6[3]);
}

/*
 * The extent of a pool: its first address and how many. A range ends no
 * lower than it starts; an IPv6 range stays within one /64 (the pool's
 * address arithmetic is on the low 64 bits).
 */
static int fs_nat_pool_extent(struct fs_nat_pool *p, u8 family,
			      union nf_inet_addr *base, u32 *n,
			      struct nlattr **tb, const struct nlattr *nla,
			      struct netlink_ext_ack *extack)
{
	unsigned int alen = family == NFPROTO_IPV4 ? 4 : 16;
	union nf_inet_addr masked;
	u64 count;

	memset(base, 0, sizeof(*base));
	memcpy(base, nla_data(tb[FLOWSTAT_A_NATPOOL_ADDR]), alen);
	if (tb[FLOWSTAT_A_NATPOOL_PREFIXLEN] &&
	    tb[FLOWSTAT_A_NATPOOL_ADDR_HIGH]) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "a pool is a prefix or a range, not both");
		return -EINVAL;
	}
	if (tb[FLOWSTAT_A_NATPOOL_PREFIXLEN]) {
		p->plen = nla_get_u8(tb[FLOWSTAT_A_NATPOOL_PREFIXLEN]);
		if (p->plen > alen * 8 || p->plen < alen * 8 - 16) {
			NL_SET_ERR_MSG_ATTR(
				extack, tb[FLOWSTAT_A_NATPOOL_PREFIXLEN],
				"pool prefix longer than the family or wider than 65536 addresses");
			return -EINVAL;
		}
		fs_prefix_mask(&masked, base, family, p->plen);
		if (memcmp(&masked, base, sizeof(masked))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_NATPOOL_ADDR],
					    "bits set past the prefix length");
			return -EINVAL;
		}
		*n = 1U << (alen * 8 - p->plen);
		return 0;
	}
	if (!tb[FLOWSTAT_A_NATPOOL_ADDR_HIGH]) {
		p->high = *base;
		*n = 1;
		return 0;
	}
	if (nla_len(tb[FLOWSTAT_A_NATPOOL_ADDR_HIGH]) != alen) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_NATPOOL_ADDR_HIGH],
				    "address length does not match its family");
		return -EINVAL;
	}
	memcpy(&p->high, nla_data(tb[FLOWSTAT_A_NATPOOL_ADDR_HIGH]), alen);
	if (family == NFPROTO_IPV6 && memcmp(&p->high, base, 8)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_NATPOOL_ADDR_HIGH],
				    "an IPv6 pool range stays within one /64");
		return -EINVAL;
	}
	if (fs_addr_low64(&p->high, family) < fs_addr_low64(base, family)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_NATPOOL_ADDR_HIGH],
				    "pool range ends before it starts");
		return -EINVAL;
	}
	count = fs_addr_low64(&p->high, family) - fs_addr_low64(base, family) +
		1;
	if (count > FLOWSTAT_NAT_POOL_ADDRS_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_NATPOOL_ADDR_HIGH],
				    "pool wider than 65536 addresses");
		return -EINVAL;
	}
	*n = count;
	return 0;
}

/*
 * A destination pool: one address (a /32 or /128 may be written) and the
 * port it forwards to, if any.
 */
static int fs_nat_dpool_parse(struct fs_nat_pool *p, u8 family,
			      struct nlattr **tb, const struct nlattr *nla,
			      struct netlink_ext_ack *extack)
{
	unsigned int alen = family == NFPROTO_IPV4 ? 4 : 16;

	if (tb[FLOWSTAT_A_NATPOOL_ADDR_HIGH] ||
	    tb[FLOWSTAT_A_NATPOOL_PORT_LOW] ||
	    tb[FLOWSTAT_A_NATPOOL_PORT_HIGH] ||
	    tb[FLOWSTAT_A_NATPOOL_NO_XLATE]) {
		NL_SET_ERR_MSG_ATTR(
			extack, nla,
			"a destination pool is one address and a port");
		return -EINVAL;
	}
	if (tb[FLOWSTAT_A_NATPOOL_PREFIXLEN]) {
		p->plen = nla_get_u8(tb[FLOWSTAT_A_NATPOOL_PREFIXLEN]);
		if (p->plen != alen * 8) {
			NL_SET_ERR_MSG_ATTR(
				extack, tb[FLOWSTAT_A_NATPOOL_PREFIXLEN],
				"a destination pool is one address");
			return -EINVAL;
		}
	}
	p->family = family;
	memcpy(&p->addr, nla_data(tb[FLOWSTAT_A_NATPOOL_ADDR]), alen);
	if (tb[FLOWSTAT_A_NATPOOL_PORT]) {
		if (!nla_get_u16(tb[FLOWSTAT_A_NATPOOL_PORT])) {
			NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_NATPOOL_PORT],
					    "port 0");
			return -EINVAL;
		}
		p->port = htons(nla_get_u16(tb[FLOWSTAT_A_NATPOOL_PORT]));
	}
	return 0;
}

static int fs_nat_pool_parse(struct fs_nat_pool *p, const struct nlattr *nla,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FLOWSTAT_A_NATPOOL_MAX + 1];
	u32 n, port_lo = FLOWSTAT_NAT_PORT_MIN, port_hi = FLOWSTAT_NAT_PORT_MAX;
	union nf_inet_addr base;
	bool no_xlate;
	u8 family;
	int err;

	err = nla_parse_nested(tb, FLOWSTAT_A_NATPOOL_MAX, nla,
			       fs_natpool_nl_policy, extack);
	if (err)
		return err;
	if (!tb[FLOWSTAT_A_NATPOOL_NAME] || !tb[FLOWSTAT_A_NATPOOL_FAMILY] ||
	    !tb[FLOWSTAT_A_NATPOOL_ADDR] ||
	    !*(char *)nla_data(tb[FLOWSTAT_A_NATPOOL_NAME])) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "a pool needs a name and an address");
		return -EINVAL;
	}
	nla_strscpy(p->name, tb[FLOWSTAT_A_NATPOOL_NAME], sizeof(p->name));
	p->kind = tb[FLOWSTAT_A_NATPOOL_KIND] ?
			  nla_get_u8(tb[FLOWSTAT_A_NATPOOL_KIND]) :
			  FLOWSTAT_NAT_SOURCE;
	if (p->kind == FLOWSTAT_NAT_STATIC) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "static NAT has no pools");
		return -EINVAL;
	}
	if (fs_addr_parse(tb[FLOWSTAT_A_NATPOOL_FAMILY],
			  tb[FLOWSTAT_A_NATPOOL_ADDR], &family, &base, extack))
		return -EINVAL;
	if (p->kind == FLOWSTAT_NAT_DESTINATION)
		return fs_nat_dpool_parse(p, family, tb, nla, extack);
	err = fs_nat_pool_extent(p, family, &base, &n, tb, nla, extack);
	if (err)
		return err;
	if (!tb[FLOWSTAT_A_NATPOOL_PORT_LOW] !=
	    !tb[FLOWSTAT_A_NATPOOL_PORT_HIGH]) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "a port range needs both ends");
		return -EINVAL;
	}
	no_xlate = nla_get_flag(tb[FLOWSTAT_A_NATPOOL_NO_XLATE]);
	if (tb[FLOWSTAT_A_NATPOOL_PORT_LOW]) {
		if (no_xlate) {
			NL_SET_ERR_MSG_ATTR(
				extack, nla,
				"port range and no-translation exclude each other");
			return -EINVAL;
		}
		port_lo = nla_get_u16(tb[FLOWSTAT_A_NATPOOL_PORT_LOW]);
		port_hi = nla_get_u16(tb[FLOWSTAT_A_NATPOOL_PORT_HIGH]);
		if (port_lo > port_hi) {
			NL_SET_ERR_MSG_ATTR(extack,
					    tb[FLOWSTAT_A_NATPOOL_PORT_HIGH],
					    "port range ends before it starts");
			return -EINVAL;
		}
		p->has_ports = true;
	}
	if (tb[FLOWSTAT_A_NATPOOL_PORT]) {
		NL_SET_ERR_MSG_ATTR(
			extack, tb[FLOWSTAT_A_NATPOOL_PORT],
			"a source pool has a port range, not a port");
		return -EINVAL;
	}
	if (no_xlate) {
		port_lo = 0;
		port_hi = 65535;
	}
	p->alloc = fs_nat_alloc_new(family, &base, n, port_lo,
				    port_hi - port_lo + 1, no_xlate,
				    GFP_KERNEL);
	return p->alloc ? 0 : -ENOMEM;
}

/* Do the extents of two pools share an address? */
static bool fs_nat_pools_overlap(const struct fs_nat_alloc *a,
				 const struct fs_nat_alloc *b)
{
	u64 a0, b0;

	if (a->family != b->family ||
	    (a->family == NFPROTO_IPV6 && memcmp(&a->base, &b->base, 8)))
		return false;
	a0 = fs_addr_low64(&a->base, a->family);
	b0 = fs_addr_low64(&b->base, b->family);
	return a0 < b0 + b->n_addrs && b0 < a0 + a->n_addrs;
}

static int fs_nat_pools_parse(struct fs_nat_cfg *nc, const struct nlmsghdr *nlh,
			      struct netlink_ext_ack *extack)
{
	const struct nlattr *nla;
	u32 i, addrs = 0;
	int err, rem;

	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem) {
		if (nla_type(nla) != FLOWSTAT_A_CFG_NAT_POOL)
			continue;
		err = fs_nat_pool_parse(&nc->pools[nc->n_pools], nla, extack);
		if (nc->pools[nc->n_pools].alloc)
			addrs += nc->pools[nc->n_pools].alloc->n_addrs;
		nc->n_pools++;
		if (err)
			return err;
		if (addrs > FS_NAT_MAX_ADDRS) {
			NL_SET_ERR_MSG_ATTR(
				extack, nla,
				"more than 1048576 pool addresses in all");
			return -E2BIG;
		}
		for (i = 0; i + 1 < nc->n_pools; i++) {
			const struct fs_nat_pool *p = &nc->pools[i];
			const struct fs_nat_pool *q =
				&nc->pools[nc->n_pools - 1];

			if (p->kind == q->kind && !strcmp(p->name, q->name)) {
				NL_SET_ERR_MSG_ATTR(extack, nla,
						    "pool name given twice");
				return -EINVAL;
			}
			if (p->alloc && q->alloc &&
			    fs_nat_pools_overlap(p->alloc, q->alloc)) {
				NL_SET_ERR_MSG_ATTR(
					extack, nla,
					"pool overlaps another pool");
				return -EINVAL;
			}
		}
	}
	return 0;
}

static int fs_nat_pool_index(const struct fs_nat_cfg *nc, u8 kind,
			     const char *name)
{
	u32 i;

	for (i = 0; i < nc->n_pools; i++)
		if (nc->pools[i].kind == kind &&
		    !strcmp(nc->pools[i].name, name))
			return i;
	return -1;
}

static int fs_nat_zone(const struct fs_config *cfg, const struct nlattr *nla,
		       struct netlink_ext_ack *extack)
{
	u32 i;

	for (i = 0; i < cfg->n_zones; i++)
		if (!strcmp(cfg->zones[i].name, nla_data(nla)))
			return i;
	NL_SET_ERR_MSG_ATTR(extack, nla, "unknown zone");
	return -EINVAL;
}

/*
 * The source or destination addresses a rule matches (@m: 0 or 1): each an
 * address book name or an inline prefix, flattened into r->pfx[m].
 */
static int fs_nat_rule_match(const struct fs_config *cfg, struct fs_nat_rule *r,
			     int m, int type, const struct nlattr *nla,
			     struct netlink_ext_ack *extack)
{
	const struct fs_book *b = cfg->book;
	u32 na = b->n_addrs + b->n_asets, n = 0, total = 0, k;
	struct nlattr *tb[FLOWSTAT_A_ADDRESS_MAX + 1];
	const struct nlattr *a;
	int rem, err, obj;

	nla_for_each_nested(a, nla, rem)
		if (nla_type(a) == type)
			n++;
	if (!n)
		return 0;
	r->ref[m] = kcalloc(n, sizeof(u32), GFP_KERNEL);
	r->inl[m] = kcalloc(n, sizeof(struct fs_prefix), GFP_KERNEL);
	if (!r->ref[m] || !r->inl[m])
		return -ENOMEM;
	nla_for_each_nested(a, nla, rem) {
		if (nla_type(a) != type)
			continue;
		err = nla_parse_nested(tb, FLOWSTAT_A_ADDRESS_MAX, a,
				       fs_address_nl_policy, extack);
		if (err)
			return err;
		k = r->n_ref[m]++;
		if (!tb[FLOWSTAT_A_ADDRESS_NAME]) {
			r->ref[m][k] = U32_MAX;
			err = fs_prefix_parse(&r->inl[m][k], tb, a, extack);
			if (err)
				return err;
			total++;
			continue;
		}
		obj = fs_name_find(b->aix, na,
				   nla_data(tb[FLOWSTAT_A_ADDRESS_NAME]));
		if (obj < 0) {
			NL_SET_ERR_MSG_ATTR(extack, a, "unknown address");
			return -EINVAL;
		}
		r->ref[m][k] = obj;
		total += obj < b->n_addrs ? 1 :
					    b->asets[obj - b->n_addrs].n_flat;
		if (total > FS_MAX_POLICIES) {
			NL_SET_ERR_MSG_ATTR(extack, a, "too many addresses");
			return -E2BIG;
		}
	}
	r->pfx[m] =
		kvcalloc(max(total, 1U), sizeof(struct fs_prefix), GFP_KERNEL);
	if (!r->pfx[m])
		return -ENOMEM;
	for (k = 0; k < r->n_ref[m]; k++) {
		const struct fs_set *s;
		u32 j, obj = r->ref[m][k];

		if (obj == U32_MAX) {
			r->pfx[m][r->n_pfx[m]++] = r->inl[m][k];
		} else if (obj < b->n_addrs) {
			r->pfx[m][r->n_pfx[m]++] = b->addrs[obj].pfx;
		} else {
			s = &b->asets[obj - b->n_addrs];
			for (j = 0; j < s->n_flat; j++)
				r->pfx[m][r->n_pfx[m]++] =
					b->addrs[s->flat[j]].pfx;
		}
	}
	return 0;
}

/* Which actions, and which attributes, each kind of rule takes. */
static int fs_nat_rule_kind_check(const struct fs_nat_rule *r,
				  struct nlattr **tb, const struct nlattr *nla,
				  struct netlink_ext_ack *extack)
{
	static const u8 actions[] = {
		[FLOWSTAT_NAT_SOURCE] = BIT(FLOWSTAT_NAT_ACTION_OFF) |
					BIT(FLOWSTAT_NAT_ACTION_INTERFACE) |
					BIT(FLOWSTAT_NAT_ACTION_POOL),
		[FLOWSTAT_NAT_DESTINATION] = BIT(FLOWSTAT_NAT_ACTION_OFF) |
					     BIT(FLOWSTAT_NAT_ACTION_POOL),
		[FLOWSTAT_NAT_STATIC] = BIT(FLOWSTAT_NAT_ACTION_PREFIX),
	};

	if (!(actions[r->kind] & BIT(r->action))) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_NATRULE_ACTION],
				    "action not of this kind of NAT");
		return -EINVAL;
	}
	if (!tb[FLOWSTAT_A_NATRULE_TO_ZONE] !=
	    (r->kind != FLOWSTAT_NAT_SOURCE)) {
		NL_SET_ERR_MSG_ATTR(
			extack, nla,
			"a source NAT rule has a to-zone, others none");
		return -EINVAL;
	}
	if ((r->action == FLOWSTAT_NAT_ACTION_POOL) !=
	    !!tb[FLOWSTAT_A_NATRULE_POOL]) {
		NL_SET_ERR_MSG_ATTR(
			extack, nla,
			"a pool is named exactly by the pool action");
		return -EINVAL;
	}
	if ((r->action == FLOWSTAT_NAT_ACTION_PREFIX) !=
	    !!tb[FLOWSTAT_A_NATRULE_PREFIX]) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "a prefix is given exactly by static-nat");
		return -EINVAL;
	}
	if (r->kind == FLOWSTAT_NAT_STATIC &&
	    (tb[FLOWSTAT_A_NATRULE_DPORT_LOW] ||
	     nla_find_nested(nla, FLOWSTAT_A_NATRULE_SRC))) {
		NL_SET_ERR_MSG_ATTR(
			extack, nla,
			"a static NAT rule matches a destination address only");
		return -EINVAL;
	}
	return 0;
}

/*
 * static-nat prefix P for match destination-address D: the one-to-one map
 * D <-> P, so one inline prefix D of P's family and length.
 */
static int fs_nat_static_parse(struct fs_nat_rule *r, struct nlattr **tb,
			       const struct nlattr *nla,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *pt[FLOWSTAT_A_ADDRESS_MAX + 1];
	int err;

	err = nla_parse_nested(pt, FLOWSTAT_A_ADDRESS_MAX,
			       tb[FLOWSTAT_A_NATRULE_PREFIX],
			       fs_address_nl_policy, extack);
	if (err)
		return err;
	if (pt[FLOWSTAT_A_ADDRESS_NAME]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_NATRULE_PREFIX],
				    "static-nat takes a prefix, not a name");
		return -EINVAL;
	}
	err = fs_prefix_parse(&r->static_pfx, pt, tb[FLOWSTAT_A_NATRULE_PREFIX],
			      extack);
	if (err)
		return err;
	if (r->n_ref[1] != 1 || r->ref[1][0] != U32_MAX ||
	    r->inl[1][0].family != r->static_pfx.family ||
	    r->inl[1][0].plen != r->static_pfx.plen) {
		NL_SET_ERR_MSG_ATTR(
			extack, nla,
			"static NAT maps one destination prefix to one of the same family and length");
		return -EINVAL;
	}
	return 0;
}

static int fs_nat_rule_parse(struct fs_config *cfg, struct fs_nat_cfg *nc,
			     struct fs_nat_rule *r, const struct nlattr *nla,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FLOWSTAT_A_NATRULE_MAX + 1];
	int err, i;

	err = nla_parse_nested(tb, FLOWSTAT_A_NATRULE_MAX, nla,
			       fs_natrule_nl_policy, extack);
	if (err)
		return err;
	r->kind = tb[FLOWSTAT_A_NATRULE_KIND] ?
			  nla_get_u8(tb[FLOWSTAT_A_NATRULE_KIND]) :
			  FLOWSTAT_NAT_SOURCE;
	if (!tb[FLOWSTAT_A_NATRULE_RULE_SET] || !tb[FLOWSTAT_A_NATRULE_NAME] ||
	    !tb[FLOWSTAT_A_NATRULE_FROM_ZONE] ||
	    !tb[FLOWSTAT_A_NATRULE_ACTION] ||
	    !*(char *)nla_data(tb[FLOWSTAT_A_NATRULE_NAME]) ||
	    !*(char *)nla_data(tb[FLOWSTAT_A_NATRULE_RULE_SET])) {
		NL_SET_ERR_MSG_ATTR(
			extack, nla,
			"a NAT rule needs a rule set, a name, a from-zone and an action");
		return -EINVAL;
	}
	r->action = nla_get_u8(tb[FLOWSTAT_A_NATRULE_ACTION]);
	err = fs_nat_rule_kind_check(r, tb, nla, extack);
	if (err)
		return err;
	nla_strscpy(r->set, tb[FLOWSTAT_A_NATRULE_RULE_SET], sizeof(r->set));
	nla_strscpy(r->name, tb[FLOWSTAT_A_NATRULE_NAME], sizeof(r->name));
	i = fs_nat_zone(cfg, tb[FLOWSTAT_A_NATRULE_FROM_ZONE], extack);
	if (i < 0)
		return i;
	r->from = i;
	if (tb[FLOWSTAT_A_NATRULE_TO_ZONE]) {
		i = fs_nat_zone(cfg, tb[FLOWSTAT_A_NATRULE_TO_ZONE], extack);
		if (i < 0)
			return i;
		r->to = i;
	}
	if (tb[FLOWSTAT_A_NATRULE_POOL]) {
		i = fs_nat_pool_index(nc, r->kind,
				      nla_data(tb[FLOWSTAT_A_NATRULE_POOL]));
		if (i < 0) {
			NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_NATRULE_POOL],
					    "unknown pool");
			return -EINVAL;
		}
		r->pool = i;
	}
	if (!tb[FLOWSTAT_A_NATRULE_DPORT_LOW] !=
	    !tb[FLOWSTAT_A_NATRULE_DPORT_HIGH]) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "a port range needs both ends");
		return -EINVAL;
	}
	if (tb[FLOWSTAT_A_NATRULE_DPORT_LOW]) {
		r->has_dport = true;
		r->dport[0] = nla_get_u16(tb[FLOWSTAT_A_NATRULE_DPORT_LOW]);
		r->dport[1] = nla_get_u16(tb[FLOWSTAT_A_NATRULE_DPORT_HIGH]);
		if (r->dport[0] > r->dport[1]) {
			NL_SET_ERR_MSG_ATTR(extack,
					    tb[FLOWSTAT_A_NATRULE_DPORT_HIGH],
					    "port range ends before it starts");
			return -EINVAL;
		}
	}
	err = fs_nat_rule_match(cfg, r, 0, FLOWSTAT_A_NATRULE_SRC, nla, extack);
	if (!err)
		err = fs_nat_rule_match(cfg, r, 1, FLOWSTAT_A_NATRULE_DST, nla,
					extack);
	if (!err && r->kind == FLOWSTAT_NAT_STATIC)
		err = fs_nat_static_parse(r, tb, nla, extack);
	return err;
}

/* A rule set is one context: a rule set seen again with another is wrong. */
static int fs_nat_rule_check(const struct fs_nat_cfg *nc, u32 i,
			     const struct nlattr *nla,
			     struct netlink_ext_ack *extack)
{
	const struct fs_nat_rule *r = &nc->rules[i];
	u32 k;

	for (k = 0; k < i; k++) {
		const struct fs_nat_rule *o = &nc->rules[k];

		if (o->kind != r->kind || strcmp(o->set, r->set))
			continue;
		if (o->from != r->from || o->to != r->to) {
			NL_SET_ERR_MSG_ATTR(
				extack, nla,
				"rule set used with two zone contexts");
			return -EINVAL;
		}
		if (!strcmp(o->name, r->name)) {
			NL_SET_ERR_MSG_ATTR(
				extack, nla,
				"rule name given twice in its rule set");
			return -EINVAL;
		}
	}
	return 0;
}

/* The slot of rule @r in the lists of its kind. */
static u32 fs_nat_slot(const struct fs_nat_rule *r, u32 n_zones)
{
	return r->kind == FLOWSTAT_NAT_SOURCE ? r->from * n_zones + r->to :
						r->from;
}

/* The rules of @kind in order, per zone pair (source) or ingress zone. */
static int fs_nat_build_lists(struct fs_config *cfg, struct fs_nat_cfg *nc,
			      u8 kind, struct fs_policy_list ***out)
{
	u32 n = kind == FLOWSTAT_NAT_SOURCE ? cfg->n_zones * cfg->n_zones :
					      cfg->n_zones;
	struct fs_policy_list **lists;
	u32 i, slot, *count;
	int err = -ENOMEM;

	lists = kvcalloc(max(n, 1U), sizeof(*lists), GFP_KERNEL);
	count = kvcalloc(max(n, 1U), sizeof(u32), GFP_KERNEL);
	*out = lists;
	if (!lists || !count)
		goto out;
	for (i = 0; i < nc->n_rules; i++)
		if (nc->rules[i].kind == kind)
			count[fs_nat_slot(&nc->rules[i], cfg->n_zones)]++;
	for (slot = 0; slot < n; slot++) {
		if (!count[slot])
			continue;
		lists[slot] = kvzalloc(
			struct_size(lists[slot], idx, count[slot]), GFP_KERNEL);
		if (!lists[slot])
			goto out;
	}
	for (i = 0; i < nc->n_rules; i++) {
		struct fs_policy_list *l;

		if (nc->rules[i].kind != kind)
			continue;
		l = lists[fs_nat_slot(&nc->rules[i], cfg->n_zones)];
		l->idx[l->n++] = i;
	}
	err = 0;
out:
	kvfree(count);
	return err;
}

static int fs_nat_build_pairs(struct fs_config *cfg, struct fs_nat_cfg *nc)
{
	u32 i;
	int err;

	if (!nc->n_rules)
		return 0;
	for (i = 0; i < nc->n_rules; i++)
		if (nc->rules[i].kind == FLOWSTAT_NAT_STATIC)
			nc->n_static++;
	err = fs_nat_build_lists(cfg, nc, FLOWSTAT_NAT_SOURCE, &nc->src_pairs);
	if (!err)
		err = fs_nat_build_lists(cfg, nc, FLOWSTAT_NAT_STATIC,
					 &nc->static_from);
	if (!err)
		err = fs_nat_build_lists(cfg, nc, FLOWSTAT_NAT_DESTINATION,
					 &nc->dst_from);
	return err;
}

/**
 * fs_nat_parse() - the NAT objects of a CONFIG_SET request
 * @cfg: the configuration being built; zones and address book are done
 * @nlh: the request
 * @extack: where to say what is wrong
 *
 * Return: 0 or a negative errno (cfg->nat is freed with @cfg).
 */
int fs_nat_parse(struct fs_config *cfg, const struct nlmsghdr *nlh,
		 struct netlink_ext_ack *extack)
{
	u32 np = fs_config_count_type(nlh, FLOWSTAT_A_CFG_NAT_POOL);
	u32 nr = fs_config_count_type(nlh, FLOWSTAT_A_CFG_NAT_RULE);
	u32 nx = fs_config_count_type(nlh, FLOWSTAT_A_CFG_NAT_PROXY);
	const struct nlattr *nla;
	struct fs_nat_cfg *nc;
	int err, rem;

	if (!np && !nr && !nx)
		return 0;
	if (np > FS_NAT_MAX_POOLS || nr > FS_NAT_MAX_RULES) {
		NL_SET_ERR_MSG(extack, "too many NAT pools or rules");
		return -E2BIG;
	}
	nc = kzalloc(sizeof(*nc), GFP_KERNEL);
	if (!nc)
		return -ENOMEM;
	cfg->nat = nc;
	nc->pools = kvcalloc(max(np, 1U), sizeof(*nc->pools), GFP_KERNEL);
	nc->rules = kvcalloc(max(nr, 1U), sizeof(*nc->rules), GFP_KERNEL);
	if (!nc->pools || !nc->rules)
		return -ENOMEM;
	err = fs_nat_pools_parse(nc, nlh, extack);
	if (err)
		return err;
	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem) {
		if (nla_type(nla) != FLOWSTAT_A_CFG_NAT_RULE)
			continue;
		err = fs_nat_rule_parse(cfg, nc, &nc->rules[nc->n_rules++], nla,
					extack);
		if (!err)
			err = fs_nat_rule_check(nc, nc->n_rules - 1, nla,
						extack);
		if (err)
			return err;
	}
	err = fs_nat_proxy_parse(nc, nlh, extack);
	if (err)
		return err;
	return fs_nat_build_pairs(cfg, nc);
}

/**
 * fs_nat_inherit() - carry NAT bindings and counts over a reload
 * @cfg: the new configuration
 * @old: the running one
 *
 * A pool whose name and extent are unchanged keeps its bindings (sessions
 * hold them, and new sessions must not take them again); a rule whose rule
 * set and name are unchanged keeps its counts.
 * Context: fsn->lock held.
 */
void fs_nat_inherit(struct fs_config *cfg, const struct fs_config *old)
{
	struct fs_nat_cfg *nc = cfg->nat;
	const struct fs_nat_cfg *oc = old ? old->nat : NULL;
	u32 i, j;

	if (!nc || !oc)
		return;
	for (i = 0; i < nc->n_pools; i++) {
		struct fs_nat_alloc *a = nc->pools[i].alloc, *b;

		for (j = 0; j < oc->n_pools; j++) {
			if (nc->pools[i].kind != oc->pools[j].kind ||
			    strcmp(nc->pools[i].name, oc->pools[j].name))
				continue;
			if (!a) {
				atomic64_set(&nc->pools[i].hits,
					     atomic64_read(&oc->pools[j].hits));
				break;
			}
			b = oc->pools[j].alloc;
			if (!b || a->family != b->family ||
			    a->n_addrs != b->n_addrs ||
			    memcmp(&a->base, &b->base, sizeof(a->base)) ||
			    a->port_lo != b->port_lo ||
			    a->n_ports != b->n_ports ||
			    a->no_xlate != b->no_xlate)
				continue;
			kref_get(&b->ref);
			nc->pools[i].alloc = b;
			fs_nat_alloc_put(a);
			break;
		}
	}
	for (i = 0; i < nc->n_rules; i++)
		for (j = 0; j < oc->n_rules; j++)
			if (nc->rules[i].kind == oc->rules[j].kind &&
			    !strcmp(nc->rules[i].set, oc->rules[j].set) &&
			    !strcmp(nc->rules[i].name, oc->rules[j].name)) {
				atomic64_set(&nc->rules[i].hits,
					     atomic64_read(&oc->rules[j].hits));
				atomic64_set(
					&nc->rules[i].fails,
					atomic64_read(&oc->rules[j].fails));
				break;
			}
}

void fs_nat_cfg_free(struct fs_config *cfg)
{
	struct fs_nat_cfg *nc = cfg->nat;
	u32 i, m;

	if (!nc)
		return;
	if (nc->src_pairs)
		for (i = 0; i < cfg->n_zones * cfg->n_zones; i++)
			kvfree(nc->src_pairs[i]);
	kvfree(nc->src_pairs);
	for (i = 0; nc->static_from && i < cfg->n_zones; i++)
		kvfree(nc->static_from[i]);
	kvfree(nc->static_from);
	for (i = 0; nc->dst_from && i < cfg->n_zones; i++)
		kvfree(nc->dst_from[i]);
	kvfree(nc->dst_from);
	for (i = 0; nc->pools && i < nc->n_pools; i++)
		fs_nat_alloc_put(nc->pools[i].alloc);
	for (i = 0; nc->rules && i < nc->n_rules; i++)
		for (m = 0; m < 2; m++) {
			kfree(nc->rules[i].ref[m]);
			kfree(nc->rules[i].inl[m]);
			kvfree(nc->rules[i].pfx[m]);
		}
	kvfree(nc->pools);
	kvfree(nc->rules);
	kvfree(nc->proxy);
	kfree(nc);
	cfg->nat = NULL;
}

/* CONFIG_GET: pools, rules, then proxy ranges, one object per message. */
u32 fs_nat_n_objects(const struct fs_config *cfg)
{
	const struct fs_nat_cfg *nc = cfg->nat;

	return nc ? nc->n_pools + nc->n_rules + nc->n_proxy : 0;
}

/*
 * fs_nat_pool_fill() - the configuration attributes of pool @p
 *
 * Return: 0 or -EMSGSIZE.
 */
/* A destination pool: its address (and /32 or /128 if so written), port. */
static int fs_nat_dpool_fill(struct sk_buff *skb, const struct fs_nat_pool *p)
{
	bool v4 = p->family == NFPROTO_IPV4;

	if (nla_put_string(skb, FLOWSTAT_A_NATPOOL_NAME, p->name) ||
	    nla_put_u8(skb, FLOWSTAT_A_NATPOOL_KIND, p->kind) ||
	    nla_put_u8(skb, FLOWSTAT_A_NATPOOL_FAMILY,
		       v4 ? AF_INET : AF_INET6) ||
	    nla_put(skb, FLOWSTAT_A_NATPOOL_ADDR, v4 ? 4 : 16, &p->addr))
		return -EMSGSIZE;
	if (p->plen && nla_put_u8(skb, FLOWSTAT_A_NATPOOL_PREFIXLEN, p->plen))
		return -EMSGSIZE;
	if (p->port &&
	    nla_put_u16(skb, FLOWSTAT_A_NATPOOL_PORT, ntohs(p->port)))
		return -EMSGSIZE;
	return 0;
}

int fs_nat_pool_fill(struct sk_buff *skb, const struct fs_nat_pool *p)
{
	const struct fs_nat_alloc *a = p->alloc;
	bool v4;
	int alen;

	if (!a)
		return fs_nat_dpool_fill(skb, p);
	v4 = a->family == NFPROTO_IPV4;
	alen = v4 ? 4 : 16;

	if (nla_put_string(skb, FLOWSTAT_A_NATPOOL_NAME, p->name) ||
	    nla_put_u8(skb, FLOWSTAT_A_NATPOOL_KIND, p->kind) ||
	    nla_put_u8(skb, FLOWSTAT_A_NATPOOL_FAMILY,
		       v4 ? AF_INET : AF_INET6) ||
	    nla_put(skb, FLOWSTAT_A_NATPOOL_ADDR, alen, &a->base))
		return -EMSGSIZE;
	if (p->plen && nla_put_u8(skb, FLOWSTAT_A_NATPOOL_PREFIXLEN, p->plen))
		return -EMSGSIZE;
	if (!p->plen && a->n_addrs > 1 &&
	    nla_put(skb, FLOWSTAT_A_NATPOOL_ADDR_HIGH, alen, &p->high))
		return -EMSGSIZE;
	if (a->no_xlate && nla_put_flag(skb, FLOWSTAT_A_NATPOOL_NO_XLATE))
		return -EMSGSIZE;
	if (p->has_ports &&
	    (nla_put_u16(skb, FLOWSTAT_A_NATPOOL_PORT_LOW, a->port_lo) ||
	     nla_put_u16(skb, FLOWSTAT_A_NATPOOL_PORT_HIGH,
			 a->port_lo + a->n_ports - 1)))
		return -EMSGSIZE;
	return 0;
}

static int fs_nat_match_fill(struct sk_buff *skb, const struct fs_config *cfg,
			     const struct fs_nat_rule *r, int m, int type)
{
	struct nlattr *nest;
	u32 k;
	int err;

	for (k = 0; k < r->n_ref[m]; k++) {
		nest = nla_nest_start(skb, type);
		if (!nest)
			return -EMSGSIZE;
		if (r->ref[m][k] == U32_MAX)
			err = fs_prefix_fill(skb, &r->inl[m][k]);
		else
			err = nla_put_string(skb, FLOWSTAT_A_ADDRESS_NAME,
					     fs_address_obj_name(cfg->book,
								 r->ref[m][k]));
		if (err)
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

/*
 * fs_nat_rule_fill() - the configuration attributes of rule @i
 *
 * Return: 0 or -EMSGSIZE.
 */
int fs_nat_rule_fill(struct sk_buff *skb, const struct fs_config *cfg, u32 i)
{
	const struct fs_nat_cfg *nc = cfg->nat;
	const struct fs_nat_rule *r = &nc->rules[i];
	struct nlattr *nest;

	if (nla_put_u8(skb, FLOWSTAT_A_NATRULE_KIND, r->kind) ||
	    nla_put_string(skb, FLOWSTAT_A_NATRULE_RULE_SET, r->set) ||
	    nla_put_string(skb, FLOWSTAT_A_NATRULE_NAME, r->name) ||
	    nla_put_string(skb, FLOWSTAT_A_NATRULE_FROM_ZONE,
			   cfg->zones[r->from].name) ||
	    (r->kind == FLOWSTAT_NAT_SOURCE &&
	     nla_put_string(skb, FLOWSTAT_A_NATRULE_TO_ZONE,
			    cfg->zones[r->to].name)) ||
	    fs_nat_match_fill(skb, cfg, r, 0, FLOWSTAT_A_NATRULE_SRC) ||
	    fs_nat_match_fill(skb, cfg, r, 1, FLOWSTAT_A_NATRULE_DST) ||
	    nla_put_u8(skb, FLOWSTAT_A_NATRULE_ACTION, r->action))
		return -EMSGSIZE;
	if (r->has_dport &&
	    (nla_put_u16(skb, FLOWSTAT_A_NATRULE_DPORT_LOW, r->dport[0]) ||
	     nla_put_u16(skb, FLOWSTAT_A_NATRULE_DPORT_HIGH, r->dport[1])))
		return -EMSGSIZE;
	if (r->action == FLOWSTAT_NAT_ACTION_POOL &&
	    nla_put_string(skb, FLOWSTAT_A_NATRULE_POOL,
			   nc->pools[r->pool].name))
		return -EMSGSIZE;
	if (r->action == FLOWSTAT_NAT_ACTION_PREFIX) {
		nest = nla_nest_start(skb, FLOWSTAT_A_NATRULE_PREFIX);
		if (!nest || fs_prefix_fill(skb, &r->static_pfx))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

/*
 * fs_nat_fill_object() - NAT object @i of the configuration for CONFIG_GET
 *
 * Return: 0 or -EMSGSIZE.
 */
int fs_nat_fill_object(struct sk_buff *skb, const struct fs_config *cfg, u32 i)
{
	const struct fs_nat_cfg *nc = cfg->nat;
	struct nlattr *nest;
	int err;

	if (i < nc->n_pools) {
		nest = nla_nest_start(skb, FLOWSTAT_A_CFG_NAT_POOL);
		if (!nest)
			return -EMSGSIZE;
		err = fs_nat_pool_fill(skb, &nc->pools[i]);
	} else if (i >= nc->n_pools + nc->n_rules) {
		nest = nla_nest_start(skb, FLOWSTAT_A_CFG_NAT_PROXY);
		if (!nest)
			return -EMSGSIZE;
		err = fs_nat_proxy_fill(
			skb, &nc->proxy[i - nc->n_pools - nc->n_rules]);
	} else {
		nest = nla_nest_start(skb, FLOWSTAT_A_CFG_NAT_RULE);
		if (!nest)
			return -EMSGSIZE;
		err = fs_nat_rule_fill(skb, cfg, i - nc->n_pools);
	}
	if (err) {
		nla_nest_cancel(skb, nest);
		return err;
	}
	nla_nest_end(skb, nest);
	return 0;
}
