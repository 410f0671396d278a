// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration model as netlink attributes (see the comment tree in
 * the uapi header): CONFIG_SET carries repeated top-level ZONE and POLICY
 * nests; the CONFIG_GET dump sends one object per message. Unknown
 * attributes are ignored, for forward compatibility.
 */
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/flowstat.h>

#include "config_nl.h"
#include "nl.h"

size_t fs_config_msg_size(const struct fs_config *cfg)
{
	size_t size = 64 + fs_config_screens_msg_size(cfg), i, j;

	for (i = 0; i < cfg->n_zones; i++) {
		const struct fs_cfg_zone *z = &cfg->zones[i];

		size += 4 * NLA_HDRLEN + nla_total_size(strlen(z->name) + 1) +
			2 * nla_total_size(4);
		for (j = 0; j < z->n_ifaces; j++)
			size += NLA_HDRLEN +
				nla_total_size(strlen(z->ifaces[j].name) + 1) +
				2 * nla_total_size(4);
	}
	for (i = 0; i < cfg->n_policies; i++) {
		const struct fs_cfg_policy *p = &cfg->policies[i];

		size += NLA_HDRLEN + nla_total_size(strlen(p->name) + 1) +
			nla_total_size(strlen(p->from) + 1) +
			nla_total_size(strlen(p->to) + 1) + nla_total_size(1);
	}
	return size;
}

static int put_zone(struct nl_msg *msg, const struct fs_cfg_zone *z)
{
	struct nlattr *zn, *in;
	size_t j;

	zn = nla_nest_start(msg, FLOWSTAT_A_CFG_ZONE);
	if (!zn)
		return -NLE_NOMEM;
	if (nla_put_string(msg, FLOWSTAT_A_ZONE_NAME, z->name) ||
	    nla_put_u32(msg, FLOWSTAT_A_ZONE_SERVICES, z->services) ||
	    nla_put_u32(msg, FLOWSTAT_A_ZONE_PROTOCOLS, z->protocols) ||
	    fs_config_put_zone_screen(msg, z))
		return -NLE_NOMEM;
	for (j = 0; j < z->n_ifaces; j++) {
		const struct fs_cfg_iface *ifc = &z->ifaces[j];

		in = nla_nest_start(msg, FLOWSTAT_A_ZONE_IFACE);
		if (!in ||
		    nla_put_string(msg, FLOWSTAT_A_IFACE_NAME, ifc->name))
			return -NLE_NOMEM;
		if (ifc->own &&
		    (nla_put_u32(msg, FLOWSTAT_A_IFACE_SERVICES, ifc->services) ||
		     nla_put_u32(msg, FLOWSTAT_A_IFACE_PROTOCOLS,
				 ifc->protocols)))
			return -NLE_NOMEM;
		nla_nest_end(msg, in);
	}
	nla_nest_end(msg, zn);
	return 0;
}

int fs_config_put(struct nl_msg *msg, const struct fs_config *cfg)
{
	struct nlattr *pn;
	size_t i;
	int ret;

	if (nla_put_u8(msg, FLOWSTAT_A_CFG_DEFAULT_POLICY,
		       cfg->default_policy))
		return -NLE_NOMEM;
	ret = fs_config_put_screens(msg, cfg);
	if (ret)
		return ret;
	for (i = 0; i < cfg->n_zones; i++) {
		ret = put_zone(msg, &cfg->zones[i]);
		if (ret)
			return ret;
	}
	for (i = 0; i < cfg->n_policies; i++) {
		const struct fs_cfg_policy *p = &cfg->policies[i];

		pn = nla_nest_start(msg, FLOWSTAT_A_CFG_POLICY);
		if (!pn ||
		    nla_put_string(msg, FLOWSTAT_A_POLICY_NAME, p->name) ||
		    nla_put_string(msg, FLOWSTAT_A_POLICY_FROM_ZONE, p->from) ||
		    nla_put_string(msg, FLOWSTAT_A_POLICY_TO_ZONE, p->to) ||
		    nla_put_u8(msg, FLOWSTAT_A_POLICY_ACTION, p->action))
			return -NLE_NOMEM;
		nla_nest_end(msg, pn);
	}
	return 0;
}

static void get_iface(struct fs_cfg_zone *z, struct nlattr *nest)
{
	char name[FLOWSTAT_IFNAME_MAX] = "";
	struct fs_cfg_iface *ifc;
	struct nlattr *a, *svc = NULL, *proto = NULL;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_IFACE_NAME:
			fs_nla_str(a, name, sizeof(name));
			break;
		case FLOWSTAT_A_IFACE_SERVICES:
			svc = a;
			break;
		case FLOWSTAT_A_IFACE_PROTOCOLS:
			proto = a;
			break;
		}
	}
	if (!name[0])
		return;
	ifc = fs_zone_iface(z, name, true);
	/* Either one present: the interface's settings replace the zone's. */
	ifc->own = svc || proto;
	ifc->services = svc ? fs_nla_u32(svc) : 0;
	ifc->protocols = proto ? fs_nla_u32(proto) : 0;
}

static void get_zone(struct fs_config *cfg, struct nlattr *nest)
{
	char name[FLOWSTAT_NAME_MAX] = "";
	struct fs_cfg_zone *z;
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) == FLOWSTAT_A_ZONE_NAME)
			fs_nla_str(a, name, sizeof(name));
	if (!name[0])
		return;
	z = fs_config_zone(cfg, name, true);
	nla_for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_ZONE_SERVICES:
			z->services = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_ZONE_PROTOCOLS:
			z->protocols = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_ZONE_IFACE:
			get_iface(z, a);
			break;
		case FLOWSTAT_A_ZONE_SCREEN:
		case FLOWSTAT_A_ZONE_TCP_RST:
			fs_config_get_zone_screen(z, a);
			break;
		}
	}
}

static void get_policy(struct fs_config *cfg, struct nlattr *nest)
{
	char name[FLOWSTAT_NAME_MAX] = "", from[FLOWSTAT_NAME_MAX] = "";
	char to[FLOWSTAT_NAME_MAX] = "";
	struct fs_cfg_policy *p;
	struct nlattr *a;
	int rem, action = FLOWSTAT_ACTION_DENY;

	nla_for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_POLICY_NAME:
			fs_nla_str(a, name, sizeof(name));
			break;
		case FLOWSTAT_A_POLICY_FROM_ZONE:
			fs_nla_str(a, from, sizeof(from));
			break;
		case FLOWSTAT_A_POLICY_TO_ZONE:
			fs_nla_str(a, to, sizeof(to));
			break;
		case FLOWSTAT_A_POLICY_ACTION:
			action = fs_nla_u8(a);
			break;
		}
	}
	if (!name[0])
		return;
	p = fs_config_add_policy(cfg, name, from, to);
	p->action = action;
	/* Only "any" exists yet: the kernel has nothing to say about it. */
	p->match_src = p->match_dst = p->match_app = true;
}

void fs_config_add_attrs(struct fs_config *cfg, struct nlattr *head, int len)
{
	struct nlattr *a;
	int rem;

	nla_for_each_attr(a, head, len, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_CFG_DEFAULT_POLICY:
			cfg->default_policy = fs_nla_u8(a) ==
				FLOWSTAT_ACTION_PERMIT ?
				FLOWSTAT_ACTION_PERMIT : FLOWSTAT_ACTION_DENY;
			break;
		case FLOWSTAT_A_CFG_GENERATION:
			cfg->generation = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_CFG_ZONE:
			get_zone(cfg, a);
			break;
		case FLOWSTAT_A_CFG_POLICY:
			get_policy(cfg, a);
			break;
		case FLOWSTAT_A_CFG_SCREEN:
			fs_config_get_screen(cfg, a);
			break;
		}
	}
}

int fs_config_dump_cb(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *head;
	int len;

	head = fs_genl_attrs(nlh, &len);
	fs_config_add_attrs(arg, head, len);
	return 0;
}
