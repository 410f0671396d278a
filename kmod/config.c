// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: building a configuration from a CONFIG_SET request, and
 * writing it back for CONFIG_GET.
 *
 * A configuration is built whole, checked whole, and only then handed to
 * zone.c for publication: a request with any error changes nothing.
 */
#include <linux/netlink.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "nat.h"

static const struct nla_policy fs_iface_nl_policy[FLOWSTAT_A_IFACE_MAX + 1] = {
	[FLOWSTAT_A_IFACE_NAME] = { .type = NLA_NUL_STRING,
				    .len = FLOWSTAT_IFNAME_MAX - 1 },
	[FLOWSTAT_A_IFACE_SERVICES] =
		NLA_POLICY_MASK(NLA_U32, FLOWSTAT_SVC_ALL),
	[FLOWSTAT_A_IFACE_PROTOCOLS] =
		NLA_POLICY_MASK(NLA_U32, FLOWSTAT_PROTO_ALL),
};

static const struct nla_policy fs_zone_nl_policy[FLOWSTAT_A_ZONE_MAX + 1] = {
	[FLOWSTAT_A_ZONE_NAME] = { .type = NLA_NUL_STRING,
				   .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_ZONE_SERVICES] = NLA_POLICY_MASK(NLA_U32, FLOWSTAT_SVC_ALL),
	[FLOWSTAT_A_ZONE_PROTOCOLS] =
		NLA_POLICY_MASK(NLA_U32, FLOWSTAT_PROTO_ALL),
	[FLOWSTAT_A_ZONE_IFACE] = NLA_POLICY_NESTED(fs_iface_nl_policy),
	[FLOWSTAT_A_ZONE_SCREEN] = { .type = NLA_NUL_STRING,
				     .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_ZONE_TCP_RST] = { .type = NLA_FLAG },
};

static const struct nla_policy fs_policy_nl_policy[FLOWSTAT_A_POLICY_MAX + 1] = {
	[FLOWSTAT_A_POLICY_NAME] = { .type = NLA_NUL_STRING,
				     .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_POLICY_FROM_ZONE] = { .type = NLA_NUL_STRING,
					  .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_POLICY_TO_ZONE] = { .type = NLA_NUL_STRING,
					.len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_POLICY_ACTION] =
		NLA_POLICY_MAX(NLA_U8, FLOWSTAT_ACTION_MAX),
	[FLOWSTAT_A_POLICY_SRC_ADDRESS] = { .type = NLA_NUL_STRING,
					    .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_POLICY_DST_ADDRESS] = { .type = NLA_NUL_STRING,
					    .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_POLICY_APPLICATION] = { .type = NLA_NUL_STRING,
					    .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_POLICY_COUNT] = { .type = NLA_FLAG },
};

/* CONFIG_SET: GENERATION is output only, so it has no entry and is refused. */
const struct nla_policy fs_cfg_nl_policy[FLOWSTAT_A_CFG_MAX + 1] = {
	[FLOWSTAT_A_CFG_DEFAULT_POLICY] =
		NLA_POLICY_MAX(NLA_U8, FLOWSTAT_ACTION_PERMIT),
	[FLOWSTAT_A_CFG_ZONE] = NLA_POLICY_NESTED(fs_zone_nl_policy),
	[FLOWSTAT_A_CFG_POLICY] = NLA_POLICY_NESTED(fs_policy_nl_policy),
	[FLOWSTAT_A_CFG_FLOW] = NLA_POLICY_NESTED(fs_flow_nl_policy),
	[FLOWSTAT_A_CFG_ADDRESS] = NLA_POLICY_NESTED(fs_address_nl_policy),
	[FLOWSTAT_A_CFG_ADDRESS_SET] = NLA_POLICY_NESTED(fs_set_nl_policy),
	[FLOWSTAT_A_CFG_APPLICATION] = NLA_POLICY_NESTED(fs_app_nl_policy),
	[FLOWSTAT_A_CFG_APPLICATION_SET] = NLA_POLICY_NESTED(fs_set_nl_policy),
	[FLOWSTAT_A_CFG_SCREEN] = NLA_POLICY_NESTED(fs_screen_nl_policy),
	[FLOWSTAT_A_CFG_NAT_POOL] = NLA_POLICY_NESTED(fs_natpool_nl_policy),
	[FLOWSTAT_A_CFG_NAT_RULE] = NLA_POLICY_NESTED(fs_natrule_nl_policy),
	[FLOWSTAT_A_CFG_NAT_PROXY] = NLA_POLICY_NESTED(fs_natproxy_nl_policy),
};

static void fs_config_free(struct fs_config *cfg)
{
	u32 i;

	fs_book_free(cfg->book);
	if (cfg->pairs)
		for (i = 0; i < cfg->n_zones * cfg->n_zones; i++)
			kvfree(cfg->pairs[i]);
	kvfree(cfg->pairs);
	kvfree(cfg->zones);
	kvfree(cfg->ifaces);
	kvfree(cfg->policies);
	fs_screen_cfg_free(cfg);
	fs_nat_cfg_free(cfg);
	kfree(cfg);
}

/*
 * Readers reach a configuration only through a view, and a view puts its
 * reference after its own grace period: the last put can free at once.
 */
static void fs_config_release(struct kref *ref)
{
	fs_config_free(container_of(ref, struct fs_config, ref));
}

void fs_config_put(struct fs_config *cfg)
{
	if (cfg)
		kref_put(&cfg->ref, fs_config_release);
}

static int fs_zone_index(const struct fs_config *cfg, const char *name)
{
	u32 i;

	for (i = 0; i < cfg->n_zones; i++)
		if (!strcmp(cfg->zones[i].name, name))
			return i;
	return -1;
}

static int fs_cmp_strp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Returns the first name that occurs twice, or NULL. Sorting keeps this
 * O(n log n): configurations with 100,000 policies are expected.
 */
static const char *fs_find_dup(const char **names, u32 n)
{
	u32 i;

	sort(names, n, sizeof(*names), fs_cmp_strp, NULL);
	for (i = 1; i < n; i++)
		if (!strcmp(names[i - 1], names[i]))
			return names[i];
	return NULL;
}

static int fs_parse_iface(struct fs_config *cfg, const struct nlattr *nla,
			  u32 zone, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FLOWSTAT_A_IFACE_MAX + 1];
	struct fs_iface_cfg *ic = &cfg->ifaces[cfg->n_ifaces];
	int err;

	err = nla_parse_nested(tb, FLOWSTAT_A_IFACE_MAX, nla,
			       fs_iface_nl_policy, extack);
	if (err)
		return err;
	if (!tb[FLOWSTAT_A_IFACE_NAME] || !nla_len(tb[FLOWSTAT_A_IFACE_NAME]) ||
	    !*(char *)nla_data(tb[FLOWSTAT_A_IFACE_NAME])) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "interface name missing");
		return -EINVAL;
	}
	nla_strscpy(ic->name, tb[FLOWSTAT_A_IFACE_NAME], sizeof(ic->name));
	ic->zone = zone;
	if (tb[FLOWSTAT_A_IFACE_SERVICES] || tb[FLOWSTAT_A_IFACE_PROTOCOLS]) {
		ic->own_host_inbound = true;
		if (tb[FLOWSTAT_A_IFACE_SERVICES])
			ic->services =
				nla_get_u32(tb[FLOWSTAT_A_IFACE_SERVICES]);
		if (tb[FLOWSTAT_A_IFACE_PROTOCOLS])
			ic->protocols =
				nla_get_u32(tb[FLOWSTAT_A_IFACE_PROTOCOLS]);
	}
	cfg->n_ifaces++;
	return 0;
}

/* The zone's screen and tcp-rst (issue 5). */
static int fs_parse_zone_screen(struct fs_config *cfg, struct fs_zone *z,
				struct nlattr **tb,
				struct netlink_ext_ack *extack)
{
	int i;

	z->tcp_rst = nla_get_flag(tb[FLOWSTAT_A_ZONE_TCP_RST]);
	if (!tb[FLOWSTAT_A_ZONE_SCREEN])
		return 0;
	i = fs_screen_index(cfg, nla_data(tb[FLOWSTAT_A_ZONE_SCREEN]));
	if (i < 0) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_ZONE_SCREEN],
				    "unknown screen");
		return -EINVAL;
	}
	z->screen = i + 1;
	return 0;
}

static int fs_parse_zone(struct fs_config *cfg, const struct nlattr *nla,
			 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FLOWSTAT_A_ZONE_MAX + 1];
	struct fs_zone *z = &cfg->zones[cfg->n_zones];
	const struct nlattr *a;
	int err, rem;

	err = nla_parse_nested(tb, FLOWSTAT_A_ZONE_MAX, nla, fs_zone_nl_policy,
			       extack);
	if (err)
		return err;
	if (!tb[FLOWSTAT_A_ZONE_NAME] ||
	    !*(char *)nla_data(tb[FLOWSTAT_A_ZONE_NAME])) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "zone name missing");
		return -EINVAL;
	}
	nla_strscpy(z->name, tb[FLOWSTAT_A_ZONE_NAME], sizeof(z->name));
	if (fs_zone_index(cfg, z->name) >= 0) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_ZONE_NAME],
				    "duplicate zone name");
		return -EINVAL;
	}
	if (tb[FLOWSTAT_A_ZONE_SERVICES])
		z->services = nla_get_u32(tb[FLOWSTAT_A_ZONE_SERVICES]);
	if (tb[FLOWSTAT_A_ZONE_PROTOCOLS])
		z->protocols = nla_get_u32(tb[FLOWSTAT_A_ZONE_PROTOCOLS]);
	err = fs_parse_zone_screen(cfg, z, tb, extack);
	if (err)
		return err;

	/* Repeated IFACE attributes: the parse above kept only the last. */
	nla_for_each_nested(a, nla, rem) {
		if (nla_type(a) != FLOWSTAT_A_ZONE_IFACE)
			continue;
		err = fs_parse_iface(cfg, a, cfg->n_zones, extack);
		if (err)
			return err;
	}
	cfg->n_zones++;
	return 0;
}

static int fs_parse_policy(struct fs_config *cfg, const struct nlattr *nla,
			   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FLOWSTAT_A_POLICY_MAX + 1];
	struct fs_policy *p = &cfg->policies[cfg->n_policies];
	int err, from, to;

	err = nla_parse_nested(tb, FLOWSTAT_A_POLICY_MAX, nla,
			       fs_policy_nl_policy, extack);
	if (err)
		return err;
	if (!tb[FLOWSTAT_A_POLICY_NAME] || !tb[FLOWSTAT_A_POLICY_FROM_ZONE] ||
	    !tb[FLOWSTAT_A_POLICY_TO_ZONE] || !tb[FLOWSTAT_A_POLICY_ACTION]) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "policy lacks name, zones or action");
		return -EINVAL;
	}
	if (!*(char *)nla_data(tb[FLOWSTAT_A_POLICY_NAME])) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_POLICY_NAME],
				    "empty policy name");
		return -EINVAL;
	}
	from = fs_zone_index(cfg, nla_data(tb[FLOWSTAT_A_POLICY_FROM_ZONE]));
	if (from < 0) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_POLICY_FROM_ZONE],
				    "unknown from-zone");
		return -EINVAL;
	}
	to = fs_zone_index(cfg, nla_data(tb[FLOWSTAT_A_POLICY_TO_ZONE]));
	if (to < 0) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FLOWSTAT_A_POLICY_TO_ZONE],
				    "unknown to-zone");
		return -EINVAL;
	}
	nla_strscpy(p->name, tb[FLOWSTAT_A_POLICY_NAME], sizeof(p->name));
	p->from = from;
	p->to = to;
	p->action = nla_get_u8(tb[FLOWSTAT_A_POLICY_ACTION]);
	p->index = cfg->n_policies + 1;
	err = fs_policy_parse_match(cfg, cfg->n_policies, nla, extack);
	if (err)
		return err;
	cfg->n_policies++;
	return 0;
}

/* Screens are few (at most one per zone is useful): bounded by zones. */
/**
 * fs_config_count_type() - how many top-level attributes of @type a
 * CONFIG_SET request has, so that each array is allocated once
 * @nlh: the request
 * @type: enum flowstat_attr_cfg
 */
u32 fs_config_count_type(const struct nlmsghdr *nlh, int type)
{
	const struct nlattr *nla;
	u32 n = 0;
	int rem;

	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem)
		if (nla_type(nla) == type)
			n++;
	return n;
}

/* Counts the objects of a request so that each array is allocated once. */
static int fs_config_count(const struct nlmsghdr *nlh, u32 *nz, u32 *ni,
			   u32 *np, struct netlink_ext_ack *extack)
{
	const struct nlattr *nla, *a;
	int rem, rem2;

	*nz = *ni = *np = 0;
	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem) {
		if (nla_type(nla) == FLOWSTAT_A_CFG_ZONE) {
			(*nz)++;
			nla_for_each_nested(a, nla, rem2)
				if (nla_type(a) == FLOWSTAT_A_ZONE_IFACE)
					(*ni)++;
		} else if (nla_type(nla) == FLOWSTAT_A_CFG_POLICY) {
			(*np)++;
		}
	}
	if (*nz > FS_MAX_ZONES) {
		NL_SET_ERR_MSG(extack, "too many zones");
		return -E2BIG;
	}
	if (*ni > FS_MAX_IFACES) {
		NL_SET_ERR_MSG(extack, "too many interface bindings");
		return -E2BIG;
	}
	if (*np > FS_MAX_POLICIES) {
		NL_SET_ERR_MSG(extack, "too many policies");
		return -E2BIG;
	}
	if (fs_config_count_type(nlh, FLOWSTAT_A_CFG_SCREEN) > FS_MAX_ZONES) {
		NL_SET_ERR_MSG(extack, "too many screens");
		return -E2BIG;
	}
	return 0;
}

static int fs_config_check_names(struct fs_config *cfg,
				 struct netlink_ext_ack *extack)
{
	u32 n = max(cfg->n_ifaces, cfg->n_policies), i;
	const char **names, *dup;
	int err = 0;

	if (!n)
		return 0;
	names = kvmalloc_array(n, sizeof(*names), GFP_KERNEL);
	if (!names)
		return -ENOMEM;

	for (i = 0; i < cfg->n_ifaces; i++)
		names[i] = cfg->ifaces[i].name;
	dup = fs_find_dup(names, cfg->n_ifaces);
	if (dup) {
		NL_SET_ERR_MSG(extack, "interface bound to more than one zone");
		err = -EINVAL;
		goto out;
	}

	/*
	 * Policy names are unique across all zone pairs (the tool says where
	 * the first use was); a sorted scan checks that without n^2 compares.
	 */
	for (i = 0; i < cfg->n_policies; i++)
		names[i] = cfg->policies[i].name;
	dup = fs_find_dup(names, cfg->n_policies);
	if (dup) {
		NL_SET_ERR_MSG(extack, "duplicate policy name");
		err = -EINVAL;
	}
out:
	kvfree(names);
	return err;
}

/* Groups the policies by zone pair, keeping configured order in each. */
static int fs_config_build_pairs(struct fs_config *cfg)
{
	u32 npairs = cfg->n_zones * cfg->n_zones, i, *cnt;
	size_t size;

	if (!npairs)
		return 0;
	cfg->pairs = kvcalloc(npairs, sizeof(*cfg->pairs), GFP_KERNEL);
	cnt = kvcalloc(npairs, sizeof(*cnt), GFP_KERNEL);
	if (!cfg->pairs || !cnt) {
		kvfree(cnt);
		return -ENOMEM;
	}
	for (i = 0; i < cfg->n_policies; i++)
		cnt[cfg->policies[i].from * cfg->n_zones +
		    cfg->policies[i].to]++;
	for (i = 0; i < npairs; i++) {
		if (!cnt[i])
			continue;
		size = struct_size(cfg->pairs[i], idx, cnt[i]);
		cfg->pairs[i] = kvmalloc(size, GFP_KERNEL);
		if (!cfg->pairs[i]) {
			kvfree(cnt);
			return -ENOMEM;
		}
		cfg->pairs[i]->n = 0;
	}
	kvfree(cnt);
	for (i = 0; i < cfg->n_policies; i++) {
		struct fs_policy_list *l =
			cfg->pairs[cfg->policies[i].from * cfg->n_zones +
				   cfg->policies[i].to];

		l->idx[l->n++] = i;
	}
	return 0;
}

/**
 * fs_config_parse() - build a configuration from a CONFIG_SET request
 * @nlh: the request, already validated against fs_cfg_nl_policy
 * @extack: where to say what is wrong
 *
 * Context: process context, may sleep.
 * Return: a configuration with one reference, or an ERR_PTR.
 */
struct fs_config *fs_config_parse(const struct nlmsghdr *nlh,
				  struct netlink_ext_ack *extack)
{
	const struct nlattr *nla;
	const struct nlattr *flow = NULL;
	struct fs_config *cfg;
	u32 nz, ni, np, ns;
	int err, rem;

	err = fs_config_count(nlh, &nz, &ni, &np, extack);
	if (err)
		return ERR_PTR(err);

	cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return ERR_PTR(-ENOMEM);
	kref_init(&cfg->ref);
	cfg->default_action = FLOWSTAT_ACTION_DENY;
	cfg->zones = kvcalloc(max(nz, 1U), sizeof(*cfg->zones), GFP_KERNEL);
	cfg->ifaces = kvcalloc(max(ni, 1U), sizeof(*cfg->ifaces), GFP_KERNEL);
	cfg->policies =
		kvcalloc(max(np, 1U), sizeof(*cfg->policies), GFP_KERNEL);
	ns = fs_config_count_type(nlh, FLOWSTAT_A_CFG_SCREEN);
	cfg->screens = kvcalloc(max(ns, 1U), sizeof(*cfg->screens), GFP_KERNEL);
	if (!cfg->zones || !cfg->ifaces || !cfg->policies || !cfg->screens) {
		err = -ENOMEM;
		goto err;
	}

	err = fs_book_init(cfg);
	if (err)
		goto err;
	/* Screens first: zones name them; zones before policies. */
	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem) {
		if (nla_type(nla) != FLOWSTAT_A_CFG_SCREEN)
			continue;
		err = fs_screen_parse(cfg, nla, extack);
		if (err)
			goto err;
	}
	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem) {
		if (nla_type(nla) == FLOWSTAT_A_CFG_ZONE) {
			err = fs_parse_zone(cfg, nla, extack);
			if (err)
				goto err;
		} else if (nla_type(nla) == FLOWSTAT_A_CFG_DEFAULT_POLICY) {
			cfg->default_action = nla_get_u8(nla);
		} else if (nla_type(nla) == FLOWSTAT_A_CFG_FLOW) {
			if (flow) {
				NL_SET_ERR_MSG_ATTR(extack, nla,
						    "flow given twice");
				err = -EINVAL;
				goto err;
			}
			flow = nla;
			err = fs_flow_parse(&cfg->flow, nla, extack);
			if (err)
				goto err;
		}
	}
	/* The address book and applications next: policies name them too. */
	err = fs_address_parse_all(cfg, nlh, extack);
	if (!err)
		err = fs_app_parse_all(cfg, nlh, extack);
	if (err)
		goto err;
	err = fs_policy_match_alloc(cfg, np);
	if (err)
		goto err;
	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem) {
		if (nla_type(nla) != FLOWSTAT_A_CFG_POLICY)
			continue;
		err = fs_parse_policy(cfg, nla, extack);
		if (err)
			goto err;
	}
	err = fs_config_check_names(cfg, extack);
	if (err)
		goto err;
	err = fs_config_build_pairs(cfg);
	if (err)
		goto err;
	err = fs_policy_index_build(cfg, extack);
	if (err)
		goto err;
	err = fs_screen_cfg_init(cfg);
	if (err)
		goto err;
	err = fs_nat_parse(cfg, nlh, extack);
	if (err)
		goto err;
	return cfg;
err:
	fs_config_free(cfg);
	return ERR_PTR(err);
}

/**
 * fs_config_fill_zone() - write zone @zone with its interfaces into @skb
 * @skb: message being filled
 * @cfg: the configuration
 * @zone: zone index
 *
 * Return: 0 or -EMSGSIZE.
 */
int fs_config_fill_zone(struct sk_buff *skb, const struct fs_config *cfg,
			u32 zone)
{
	const struct fs_zone *z = &cfg->zones[zone];
	struct nlattr *nest, *inest;
	u32 i;

	nest = nla_nest_start(skb, FLOWSTAT_A_CFG_ZONE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, FLOWSTAT_A_ZONE_NAME, z->name) ||
	    nla_put_u32(skb, FLOWSTAT_A_ZONE_SERVICES, z->services) ||
	    nla_put_u32(skb, FLOWSTAT_A_ZONE_PROTOCOLS, z->protocols))
		goto cancel;
	if ((z->screen && nla_put_string(skb, FLOWSTAT_A_ZONE_SCREEN,
					 cfg->screens[z->screen - 1].name)) ||
	    (z->tcp_rst && nla_put_flag(skb, FLOWSTAT_A_ZONE_TCP_RST)))
		goto cancel;
	for (i = 0; i < cfg->n_ifaces; i++) {
		const struct fs_iface_cfg *ic = &cfg->ifaces[i];

		if (ic->zone != zone)
			continue;
		inest = nla_nest_start(skb, FLOWSTAT_A_ZONE_IFACE);
		if (!inest ||
		    nla_put_string(skb, FLOWSTAT_A_IFACE_NAME, ic->name))
			goto cancel;
		if (ic->own_host_inbound &&
		    (nla_put_u32(skb, FLOWSTAT_A_IFACE_SERVICES,
				 ic->services) ||
		     nla_put_u32(skb, FLOWSTAT_A_IFACE_PROTOCOLS,
				 ic->protocols)))
			goto cancel;
		nla_nest_end(skb, inest);
	}
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/**
 * fs_config_fill_policy() - write policy number @pol into @skb
 * @skb: message being filled
 * @cfg: the configuration
 * @pol: policy number, 0-based
 *
 * Return: 0 or -EMSGSIZE.
 */
int fs_config_fill_policy(struct sk_buff *skb, const struct fs_config *cfg,
			  u32 pol)
{
	const struct fs_policy *p = &cfg->policies[pol];
	struct nlattr *nest;

	nest = nla_nest_start(skb, FLOWSTAT_A_CFG_POLICY);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, FLOWSTAT_A_POLICY_NAME, p->name) ||
	    nla_put_string(skb, FLOWSTAT_A_POLICY_FROM_ZONE,
			   cfg->zones[p->from].name) ||
	    nla_put_string(skb, FLOWSTAT_A_POLICY_TO_ZONE,
			   cfg->zones[p->to].name) ||
	    nla_put_u8(skb, FLOWSTAT_A_POLICY_ACTION, p->action) ||
	    fs_policy_fill_match(skb, cfg, pol)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}
