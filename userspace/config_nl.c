// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration model as netlink attributes (see the comment tree in
 * the uapi header): CONFIG_SET carries repeated top-level ZONE and POLICY
 * nests; the CONFIG_GET dump sends one object per message. Unknown
 * attributes are ignored, for forward compatibility.
 */
#include <string.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/flowstat.h>

#include "config_nl.h"
#include "nl.h"

size_t fs_config_msg_size(const struct fs_config *cfg)
{
	size_t size = 64 + NLA_HDRLEN + 6 * nla_total_size(4) +
		      fs_config_screens_msg_size(cfg) +
		      fs_config_nat_msg_size(cfg),
	       i, j;

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
			nla_total_size(strlen(p->to) + 1) + 2 * nla_total_size(1);
		for (j = 0; j < FS_MATCH_N; j++)
			size += p->n_match[j] * nla_total_size(FLOWSTAT_NAME_MAX);
	}
	size += cfg->n_addresses * (NLA_HDRLEN + 4 * nla_total_size(FLOWSTAT_NAME_MAX));
	size += cfg->n_apps * (NLA_HDRLEN + 8 * nla_total_size(FLOWSTAT_NAME_MAX));
	for (i = 0; i < cfg->n_asets; i++)
		size += (cfg->asets[i].n_members + 2) * nla_total_size(FLOWSTAT_NAME_MAX);
	for (i = 0; i < cfg->n_appsets; i++)
		size += (cfg->appsets[i].n_members + 2) * nla_total_size(FLOWSTAT_NAME_MAX);
	return size;
}

static int put_set(struct nl_msg *msg, int type, const struct fs_cfg_set *s)
{
	struct nlattr *n = nla_nest_start(msg, type);
	size_t i;

	if (!n || nla_put_string(msg, FLOWSTAT_A_SET_NAME, s->name) ||
	    (s->predefined && nla_put_flag(msg, FLOWSTAT_A_SET_PREDEFINED)))
		return -NLE_NOMEM;
	for (i = 0; i < s->n_members; i++)
		if (nla_put_string(msg, FLOWSTAT_A_SET_MEMBER,
				   s->members[i].name))
			return -NLE_NOMEM;
	nla_nest_end(msg, n);
	return 0;
}

/* Address book and applications, in the order the kernel numbers them. */
static int put_book(struct nl_msg *msg, const struct fs_config *cfg)
{
	struct nlattr *n;
	size_t i;

	for (i = 0; i < cfg->n_addresses; i++) {
		const struct fs_cfg_address *a = &cfg->addresses[i];

		n = nla_nest_start(msg, FLOWSTAT_A_CFG_ADDRESS);
		if (!n || nla_put_string(msg, FLOWSTAT_A_ADDRESS_NAME, a->name) ||
		    nla_put_u8(msg, FLOWSTAT_A_ADDRESS_FAMILY, a->family) ||
		    nla_put(msg, FLOWSTAT_A_ADDRESS_ADDR,
			    a->family == AF_INET ? 4 : 16, a->addr) ||
		    nla_put_u8(msg, FLOWSTAT_A_ADDRESS_PREFIXLEN, a->plen))
			return -NLE_NOMEM;
		nla_nest_end(msg, n);
	}
	for (i = 0; i < cfg->n_asets; i++)
		if (put_set(msg, FLOWSTAT_A_CFG_ADDRESS_SET, &cfg->asets[i]))
			return -NLE_NOMEM;
	for (i = 0; i < cfg->n_apps; i++) {
		const struct fs_cfg_app *a = &cfg->apps[i];

		n = nla_nest_start(msg, FLOWSTAT_A_CFG_APPLICATION);
		if (!n || nla_put_string(msg, FLOWSTAT_A_APP_NAME, a->name) ||
		    nla_put_u8(msg, FLOWSTAT_A_APP_PROTOCOL, a->proto) ||
		    (a->predefined &&
		     nla_put_flag(msg, FLOWSTAT_A_APP_PREDEFINED)) ||
		    (a->icmp_type >= 0 &&
		     nla_put_u8(msg, FLOWSTAT_A_APP_ICMP_TYPE, a->icmp_type)) ||
		    (a->has_dport &&
		     (nla_put_u16(msg, FLOWSTAT_A_APP_DPORT_MIN, a->dport[0]) ||
		      nla_put_u16(msg, FLOWSTAT_A_APP_DPORT_MAX, a->dport[1]))) ||
		    (a->has_sport &&
		     (nla_put_u16(msg, FLOWSTAT_A_APP_SPORT_MIN, a->sport[0]) ||
		      nla_put_u16(msg, FLOWSTAT_A_APP_SPORT_MAX, a->sport[1]))))
			return -NLE_NOMEM;
		nla_nest_end(msg, n);
	}
	for (i = 0; i < cfg->n_appsets; i++)
		if (put_set(msg, FLOWSTAT_A_CFG_APPLICATION_SET,
			    &cfg->appsets[i]))
			return -NLE_NOMEM;
	return 0;
}

static int put_matches(struct nl_msg *msg, const struct fs_cfg_policy *p)
{
	static const int type[FS_MATCH_N] = {
		FLOWSTAT_A_POLICY_SRC_ADDRESS, FLOWSTAT_A_POLICY_DST_ADDRESS,
		FLOWSTAT_A_POLICY_APPLICATION,
	};
	size_t k, j;

	for (k = 0; k < FS_MATCH_N; k++)
		for (j = 0; j < p->n_match[k]; j++)
			if (nla_put_string(msg, type[k], p->match[k][j].name))
				return -NLE_NOMEM;
	if (p->count && nla_put_flag(msg, FLOWSTAT_A_POLICY_COUNT))
		return -NLE_NOMEM;
	return 0;
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

/* FLOWSTAT_A_CFG_FLOW, only when something is configured. */
static int put_flow(struct nl_msg *msg, const struct fs_cfg_flow *f)
{
	static const struct fs_cfg_flow none;
	const struct {
		int type;
		uint32_t v;
	} u32s[] = {
		{ FLOWSTAT_A_FLOW_MAX_SESSIONS, f->max_sessions },
		{ FLOWSTAT_A_FLOW_MAX_MINOR_SESSIONS, f->max_minor_sessions },
		{ FLOWSTAT_A_FLOW_TCP_INITIAL_TIMEOUT, f->tcp_initial_timeout },
		{ FLOWSTAT_A_FLOW_TCP_EST_TIMEOUT,
		  f->tcp_established_timeout },
		{ FLOWSTAT_A_FLOW_UDP_TIMEOUT, f->udp_timeout },
	};
	struct nlattr *nest;
	size_t i;

	if (!memcmp(f, &none, sizeof(none)))
		return 0;
	nest = nla_nest_start(msg, FLOWSTAT_A_CFG_FLOW);
	if (!nest)
		return -NLE_NOMEM;
	for (i = 0; i < sizeof(u32s) / sizeof(u32s[0]); i++)
		if (u32s[i].v && nla_put_u32(msg, u32s[i].type, u32s[i].v))
			return -NLE_NOMEM;
	if (f->no_sequence_check &&
	    nla_put_flag(msg, FLOWSTAT_A_FLOW_NO_SEQUENCE_CHECK))
		return -NLE_NOMEM;
	nla_nest_end(msg, nest);
	return 0;
}

static void get_flow(struct fs_cfg_flow *f, struct nlattr *nest)
{
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_FLOW_MAX_SESSIONS:
			f->max_sessions = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_FLOW_MAX_MINOR_SESSIONS:
			f->max_minor_sessions = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_FLOW_NO_SEQUENCE_CHECK:
			f->no_sequence_check = true;
			break;
		case FLOWSTAT_A_FLOW_TCP_INITIAL_TIMEOUT:
			f->tcp_initial_timeout = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_FLOW_TCP_EST_TIMEOUT:
			f->tcp_established_timeout = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_FLOW_UDP_TIMEOUT:
			f->udp_timeout = fs_nla_u32(a);
			break;
		}
	}
}

int fs_config_put(struct nl_msg *msg, const struct fs_config *cfg)
{
	struct nlattr *pn;
	size_t i;
	int ret;

	if (nla_put_u8(msg, FLOWSTAT_A_CFG_DEFAULT_POLICY,
		       cfg->default_policy))
		return -NLE_NOMEM;
	ret = put_flow(msg, &cfg->flow);
	if (ret)
		return ret;
	ret = fs_config_put_screens(msg, cfg);
	if (ret)
		return ret;
	for (i = 0; i < cfg->n_zones; i++) {
		ret = put_zone(msg, &cfg->zones[i]);
		if (ret)
			return ret;
	}
	ret = put_book(msg, cfg);
	if (ret)
		return ret;
	ret = fs_config_put_nat(msg, cfg);
	if (ret)
		return ret;
	for (i = 0; i < cfg->n_policies; i++) {
		const struct fs_cfg_policy *p = &cfg->policies[i];

		pn = nla_nest_start(msg, FLOWSTAT_A_CFG_POLICY);
		if (!pn ||
		    nla_put_string(msg, FLOWSTAT_A_POLICY_NAME, p->name) ||
		    nla_put_string(msg, FLOWSTAT_A_POLICY_FROM_ZONE, p->from) ||
		    nla_put_string(msg, FLOWSTAT_A_POLICY_TO_ZONE, p->to) ||
		    nla_put_u8(msg, FLOWSTAT_A_POLICY_ACTION, p->action) ||
		    put_matches(msg, p))
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
	int rem, action = FLOWSTAT_ACTION_DENY, k;
	char ref[FLOWSTAT_NAME_MAX];

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
	p->match_src = p->match_dst = p->match_app = true;
	nla_for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_POLICY_SRC_ADDRESS:
			k = FS_MATCH_SRC;
			break;
		case FLOWSTAT_A_POLICY_DST_ADDRESS:
			k = FS_MATCH_DST;
			break;
		case FLOWSTAT_A_POLICY_APPLICATION:
			k = FS_MATCH_APP;
			break;
		case FLOWSTAT_A_POLICY_COUNT:
			p->count = true;
			continue;
		default:
			continue;
		}
		fs_nla_str(a, ref, sizeof(ref));
		fs_ref_add(&p->match[k], &p->n_match[k], &p->cap_match[k], ref,
			   0, 0);
	}
}

static void get_set(struct fs_config *cfg, struct nlattr *nest, bool app)
{
	char name[FLOWSTAT_NAME_MAX] = "", m[FLOWSTAT_NAME_MAX];
	struct fs_cfg_set *s;
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) == FLOWSTAT_A_SET_NAME)
			fs_nla_str(a, name, sizeof(name));
	if (!name[0])
		return;
	s = app ? fs_config_appset(cfg, name, true) :
		  fs_config_aset(cfg, name, true);
	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) == FLOWSTAT_A_SET_PREDEFINED)
			s->predefined = true;
		if (nla_type(a) != FLOWSTAT_A_SET_MEMBER)
			continue;
		fs_nla_str(a, m, sizeof(m));
		fs_ref_add(&s->members, &s->n_members, &s->cap_members, m, 0,
			   0);
	}
}

static void get_address(struct fs_config *cfg, struct nlattr *nest)
{
	char name[FLOWSTAT_NAME_MAX] = "";
	struct fs_cfg_address *ad;
	struct nlattr *a, *addr = NULL;
	int rem, fam = 0, plen = 0;

	nla_for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_ADDRESS_NAME:
			fs_nla_str(a, name, sizeof(name));
			break;
		case FLOWSTAT_A_ADDRESS_FAMILY:
			fam = fs_nla_u8(a);
			break;
		case FLOWSTAT_A_ADDRESS_ADDR:
			addr = a;
			break;
		case FLOWSTAT_A_ADDRESS_PREFIXLEN:
			plen = fs_nla_u8(a);
			break;
		}
	}
	if (!name[0] || !addr || nla_len(addr) > 16)
		return;
	ad = fs_config_address(cfg, name, true);
	ad->family = fam;
	ad->plen = plen;
	memcpy(ad->addr, nla_data(addr), nla_len(addr));
}

static uint16_t get_u16(struct nlattr *a)
{
	return nla_len(a) >= 2 ? nla_get_u16(a) : 0;
}

static void get_app(struct fs_config *cfg, struct nlattr *nest)
{
	char name[FLOWSTAT_NAME_MAX] = "";
	struct fs_cfg_app *ap;
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) == FLOWSTAT_A_APP_NAME)
			fs_nla_str(a, name, sizeof(name));
	if (!name[0])
		return;
	ap = fs_config_app(cfg, name, true);
	nla_for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_APP_PROTOCOL:
			ap->proto = fs_nla_u8(a);
			break;
		case FLOWSTAT_A_APP_ICMP_TYPE:
			ap->icmp_type = fs_nla_u8(a);
			break;
		case FLOWSTAT_A_APP_PREDEFINED:
			ap->predefined = true;
			break;
		case FLOWSTAT_A_APP_DPORT_MIN:
			ap->has_dport = true;
			ap->dport[0] = get_u16(a);
			break;
		case FLOWSTAT_A_APP_DPORT_MAX:
			ap->dport[1] = get_u16(a);
			break;
		case FLOWSTAT_A_APP_SPORT_MIN:
			ap->has_sport = true;
			ap->sport[0] = get_u16(a);
			break;
		case FLOWSTAT_A_APP_SPORT_MAX:
			ap->sport[1] = get_u16(a);
			break;
		}
	}
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
		case FLOWSTAT_A_CFG_FLOW:
			get_flow(&cfg->flow, a);
			break;
		case FLOWSTAT_A_CFG_ADDRESS:
			get_address(cfg, a);
			break;
		case FLOWSTAT_A_CFG_ADDRESS_SET:
			get_set(cfg, a, false);
			break;
		case FLOWSTAT_A_CFG_APPLICATION:
			get_app(cfg, a);
			break;
		case FLOWSTAT_A_CFG_APPLICATION_SET:
			get_set(cfg, a, true);
			break;
		case FLOWSTAT_A_CFG_SCREEN:
			fs_config_get_screen(cfg, a);
			break;
		case FLOWSTAT_A_CFG_NAT_POOL:
			fs_config_get_nat_pool(cfg, a);
			break;
		case FLOWSTAT_A_CFG_NAT_RULE:
			fs_config_get_nat_rule(cfg, a);
			break;
		case FLOWSTAT_A_CFG_NAT_PROXY:
			fs_config_get_nat_proxy(cfg, a);
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
