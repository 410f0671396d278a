// SPDX-License-Identifier: GPL-2.0
/*
 * NAT as netlink attributes ("NAT" in the uapi header): the CONFIG_SET
 * nests FLOWSTAT_A_CFG_NAT_POOL, _NAT_RULE and _NAT_PROXY, and their
 * decoding, shared by the CONFIG_GET dump and the NAT_POOL_GET and
 * NAT_RULE_GET dumps (one object per message, same attributes).
 */
#include <string.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/flowstat.h>

#include "config_nl.h"
#include "nl.h"
#include "util.h"

static int alen(int family)
{
	return family == AF_INET6 ? 16 : 4;
}

size_t fs_config_nat_msg_size(const struct fs_config *cfg)
{
	const struct fs_cfg_nat *nat = &cfg->nat;
	size_t size = 0, i, j, name = nla_total_size(FLOWSTAT_NAME_MAX);
	size_t entry = NLA_HDRLEN + name + 2 * nla_total_size(16);

	size += nat->n_pools * (NLA_HDRLEN + name + 2 * nla_total_size(16) +
				8 * nla_total_size(4));
	for (i = 0; i < nat->n_rulesets; i++) {
		const struct fs_cfg_nat_ruleset *rs = &nat->rulesets[i];

		for (j = 0; j < rs->n_rules; j++) {
			const struct fs_cfg_nat_rule *r = &rs->rules[j];

			size += NLA_HDRLEN + 5 * name + 4 * nla_total_size(4) +
				(r->n_src + r->n_dst + 1) * entry;
		}
	}
	for (i = 0; i < nat->n_proxies; i++)
		size += NLA_HDRLEN +
			nla_total_size(strlen(nat->proxies[i].iface) + 1) +
			2 * nla_total_size(16) + 2 * nla_total_size(4);
	return size;
}

/* ADDR and PREFIXLEN or ADDR_HIGH (attribute types of the caller's set). */
static int put_range(struct nl_msg *msg, const struct fs_cfg_nat_range *r,
		     int t_family, int t_addr, int t_plen, int t_high)
{
	if (nla_put_u8(msg, t_family, r->family) ||
	    nla_put(msg, t_addr, alen(r->family), r->lo))
		return -NLE_NOMEM;
	if (r->form == FS_NAT_PREFIX && nla_put_u8(msg, t_plen, r->plen))
		return -NLE_NOMEM;
	if (r->form == FS_NAT_RANGE &&
	    nla_put(msg, t_high, alen(r->family), r->hi))
		return -NLE_NOMEM;
	return 0;
}

static int put_pool(struct nl_msg *msg, const struct fs_cfg_nat_pool *p)
{
	struct nlattr *n = nla_nest_start(msg, FLOWSTAT_A_CFG_NAT_POOL);

	if (!n || nla_put_string(msg, FLOWSTAT_A_NATPOOL_NAME, p->name) ||
	    nla_put_u8(msg, FLOWSTAT_A_NATPOOL_KIND, p->kind) ||
	    put_range(msg, &p->addr, FLOWSTAT_A_NATPOOL_FAMILY,
		      FLOWSTAT_A_NATPOOL_ADDR, FLOWSTAT_A_NATPOOL_PREFIXLEN,
		      FLOWSTAT_A_NATPOOL_ADDR_HIGH) ||
	    (p->has_ports &&
	     (nla_put_u16(msg, FLOWSTAT_A_NATPOOL_PORT_LOW, p->port_lo) ||
	      nla_put_u16(msg, FLOWSTAT_A_NATPOOL_PORT_HIGH, p->port_hi))) ||
	    (p->no_xlate && nla_put_flag(msg, FLOWSTAT_A_NATPOOL_NO_XLATE)) ||
	    (p->has_port && nla_put_u16(msg, FLOWSTAT_A_NATPOOL_PORT, p->port)))
		return -NLE_NOMEM;
	nla_nest_end(msg, n);
	return 0;
}

/* A match entry or the static-nat prefix: NAME, or FAMILY ADDR PREFIXLEN. */
static int put_entry(struct nl_msg *msg, int type,
		     const struct fs_cfg_address *e)
{
	struct nlattr *n = nla_nest_start(msg, type);

	if (!n)
		return -NLE_NOMEM;
	if (e->name ? nla_put_string(msg, FLOWSTAT_A_ADDRESS_NAME, e->name) :
		      nla_put_u8(msg, FLOWSTAT_A_ADDRESS_FAMILY, e->family) ||
			      nla_put(msg, FLOWSTAT_A_ADDRESS_ADDR,
				      alen(e->family), e->addr) ||
			      nla_put_u8(msg, FLOWSTAT_A_ADDRESS_PREFIXLEN,
					 e->plen))
		return -NLE_NOMEM;
	nla_nest_end(msg, n);
	return 0;
}

static int put_entries(struct nl_msg *msg, int type,
		       const struct fs_cfg_address *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (put_entry(msg, type, &v[i]))
			return -NLE_NOMEM;
	return 0;
}

static int put_rule(struct nl_msg *msg, const struct fs_cfg_nat_ruleset *rs,
		    const struct fs_cfg_nat_rule *r)
{
	struct nlattr *n = nla_nest_start(msg, FLOWSTAT_A_CFG_NAT_RULE);

	if (!n || nla_put_u8(msg, FLOWSTAT_A_NATRULE_KIND, rs->kind) ||
	    nla_put_string(msg, FLOWSTAT_A_NATRULE_RULE_SET, rs->name) ||
	    nla_put_string(msg, FLOWSTAT_A_NATRULE_NAME, r->name) ||
	    nla_put_string(msg, FLOWSTAT_A_NATRULE_FROM_ZONE, rs->from) ||
	    (rs->to &&
	     nla_put_string(msg, FLOWSTAT_A_NATRULE_TO_ZONE, rs->to)) ||
	    put_entries(msg, FLOWSTAT_A_NATRULE_SRC, r->src, r->n_src) ||
	    put_entries(msg, FLOWSTAT_A_NATRULE_DST, r->dst, r->n_dst) ||
	    (r->has_dport &&
	     (nla_put_u16(msg, FLOWSTAT_A_NATRULE_DPORT_LOW, r->dport[0]) ||
	      nla_put_u16(msg, FLOWSTAT_A_NATRULE_DPORT_HIGH, r->dport[1]))) ||
	    nla_put_u8(msg, FLOWSTAT_A_NATRULE_ACTION, r->action) ||
	    (r->pool &&
	     nla_put_string(msg, FLOWSTAT_A_NATRULE_POOL, r->pool)) ||
	    (r->action == FLOWSTAT_NAT_ACTION_PREFIX &&
	     put_entry(msg, FLOWSTAT_A_NATRULE_PREFIX, &r->prefix)))
		return -NLE_NOMEM;
	nla_nest_end(msg, n);
	return 0;
}

static int put_proxy(struct nl_msg *msg, const struct fs_cfg_nat_proxy *p)
{
	struct nlattr *n = nla_nest_start(msg, FLOWSTAT_A_CFG_NAT_PROXY);

	if (!n || nla_put_string(msg, FLOWSTAT_A_NATPROXY_IFACE, p->iface) ||
	    put_range(msg, &p->addr, FLOWSTAT_A_NATPROXY_FAMILY,
		      FLOWSTAT_A_NATPROXY_ADDR, FLOWSTAT_A_NATPROXY_PREFIXLEN,
		      FLOWSTAT_A_NATPROXY_ADDR_HIGH))
		return -NLE_NOMEM;
	nla_nest_end(msg, n);
	return 0;
}

/*
 * Pools before the rules that name them; rules by kind (source, then
 * destination, then static), each kind in configured order, so that a
 * rule's position is the one `show configuration` prints it at.
 */
int fs_config_put_nat(struct nl_msg *msg, const struct fs_config *cfg)
{
	const struct fs_cfg_nat *nat = &cfg->nat;
	size_t i, j;
	int kind;

	for (i = 0; i < nat->n_pools; i++)
		if (put_pool(msg, &nat->pools[i]))
			return -NLE_NOMEM;
	for (kind = 0; kind < __FLOWSTAT_NAT_KIND_MAX; kind++)
		for (i = 0; i < nat->n_rulesets; i++) {
			const struct fs_cfg_nat_ruleset *rs = &nat->rulesets[i];

			if (rs->kind != kind)
				continue;
			for (j = 0; j < rs->n_rules; j++)
				if (put_rule(msg, rs, &rs->rules[j]))
					return -NLE_NOMEM;
		}
	for (i = 0; i < nat->n_proxies; i++)
		if (put_proxy(msg, &nat->proxies[i]))
			return -NLE_NOMEM;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Decoding: nothing read from the kernel is trusted                   */

static uint16_t get_u16(const struct nlattr *a)
{
	return nla_len(a) >= 2 ? nla_get_u16(a) : 0;
}

/* An address attribute into @addr (16 bytes), zero-padded. */
static void get_addr(const struct nlattr *a, unsigned char *addr)
{
	int len = nla_len(a);

	memset(addr, 0, 16);
	memcpy(addr, nla_data(a), len > 16 ? 16 : len < 0 ? 0 : len);
}

/* The form follows from which attributes came. */
static void range_form(struct fs_cfg_nat_range *r, bool plen, bool high)
{
	r->form = high ? FS_NAT_RANGE : plen ? FS_NAT_PREFIX : FS_NAT_ONE;
	if (r->plen > 128)
		r->plen = 128;
}

void fs_nat_pool_from_attrs(struct fs_nat_pool_msg *m, struct nlattr *head,
			    int len)
{
	struct fs_cfg_nat_pool *p = &m->pool;
	bool plen = false, high = false;
	struct nlattr *a;
	int rem;

	memset(m, 0, sizeof(*m));
	nla_for_each_attr(a, head, len, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_NATPOOL_NAME:
			fs_nla_str(a, m->name, sizeof(m->name));
			break;
		case FLOWSTAT_A_NATPOOL_KIND:
			p->kind = fs_nla_u8(a);
			break;
		case FLOWSTAT_A_NATPOOL_FAMILY:
			p->addr.family = fs_nla_u8(a);
			break;
		case FLOWSTAT_A_NATPOOL_ADDR:
			get_addr(a, p->addr.lo);
			break;
		case FLOWSTAT_A_NATPOOL_PREFIXLEN:
			p->addr.plen = fs_nla_u8(a);
			plen = true;
			break;
		case FLOWSTAT_A_NATPOOL_ADDR_HIGH:
			get_addr(a, p->addr.hi);
			high = true;
			break;
		case FLOWSTAT_A_NATPOOL_PORT_LOW:
			p->has_ports = true;
			p->port_lo = get_u16(a);
			break;
		case FLOWSTAT_A_NATPOOL_PORT_HIGH:
			p->has_ports = true;
			p->port_hi = get_u16(a);
			break;
		case FLOWSTAT_A_NATPOOL_NO_XLATE:
			p->no_xlate = true;
			break;
		case FLOWSTAT_A_NATPOOL_PORT:
			p->has_port = true;
			p->port = get_u16(a);
			break;
		case FLOWSTAT_A_NATPOOL_ID:
			m->id = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_NATPOOL_ADDRESSES:
			m->addresses = fs_nla_u64(a);
			break;
		case FLOWSTAT_A_NATPOOL_PORTS_USED:
			m->ports_used = fs_nla_u64(a);
			break;
		case FLOWSTAT_A_NATPOOL_HITS:
			m->hits = fs_nla_u64(a);
			break;
		case FLOWSTAT_A_NATPOOL_FAILS:
			m->fails = fs_nla_u64(a);
			break;
		}
	}
	range_form(&p->addr, plen, high);
}

/* A match entry nest; false if it has neither a name nor an address. */
static bool get_entry(struct fs_cfg_address *e, const struct nlattr *nest)
{
	char name[FLOWSTAT_NAME_MAX] = "";
	bool addr = false;
	struct nlattr *a;
	int rem;

	memset(e, 0, sizeof(*e));
	nla_for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_ADDRESS_NAME:
			fs_nla_str(a, name, sizeof(name));
			break;
		case FLOWSTAT_A_ADDRESS_FAMILY:
			e->family = fs_nla_u8(a);
			break;
		case FLOWSTAT_A_ADDRESS_ADDR:
			get_addr(a, e->addr);
			addr = true;
			break;
		case FLOWSTAT_A_ADDRESS_PREFIXLEN:
			e->plen = fs_nla_u8(a);
			if (e->plen > 128)
				e->plen = 128;
			break;
		}
	}
	if (name[0])
		e->name = xstrdup(name);
	return name[0] || addr;
}

static void add_entry(struct fs_cfg_address **v, size_t *n, size_t *cap,
		      const struct nlattr *nest)
{
	struct fs_cfg_address e;

	if (get_entry(&e, nest))
		*ARRAY_PUSH(*v, *n, *cap) = e;
}

void fs_nat_rule_from_attrs(struct fs_nat_rule_msg *m, struct nlattr *head,
			    int len)
{
	struct fs_cfg_nat_rule *r = &m->rule;
	char name[FLOWSTAT_NAME_MAX] = "", pool[FLOWSTAT_NAME_MAX] = "";
	struct nlattr *a;
	int rem;

	memset(m, 0, sizeof(*m));
	r->action = FLOWSTAT_NAT_ACTION_OFF;
	nla_for_each_attr(a, head, len, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_NATRULE_KIND:
			m->kind = fs_nla_u8(a);
			break;
		case FLOWSTAT_A_NATRULE_RULE_SET:
			fs_nla_str(a, m->rule_set, sizeof(m->rule_set));
			break;
		case FLOWSTAT_A_NATRULE_NAME:
			fs_nla_str(a, name, sizeof(name));
			break;
		case FLOWSTAT_A_NATRULE_FROM_ZONE:
			fs_nla_str(a, m->from, sizeof(m->from));
			break;
		case FLOWSTAT_A_NATRULE_TO_ZONE:
			fs_nla_str(a, m->to, sizeof(m->to));
			break;
		case FLOWSTAT_A_NATRULE_SRC:
			add_entry(&r->src, &r->n_src, &r->cap_src, a);
			break;
		case FLOWSTAT_A_NATRULE_DST:
			add_entry(&r->dst, &r->n_dst, &r->cap_dst, a);
			break;
		case FLOWSTAT_A_NATRULE_DPORT_LOW:
			r->has_dport = true;
			r->dport[0] = get_u16(a);
			break;
		case FLOWSTAT_A_NATRULE_DPORT_HIGH:
			r->has_dport = true;
			r->dport[1] = get_u16(a);
			break;
		case FLOWSTAT_A_NATRULE_ACTION:
			r->action = fs_nla_u8(a);
			if (r->action > FLOWSTAT_NAT_ACTION_MAX)
				r->action = FLOWSTAT_NAT_ACTION_OFF;
			break;
		case FLOWSTAT_A_NATRULE_POOL:
			fs_nla_str(a, pool, sizeof(pool));
			break;
		case FLOWSTAT_A_NATRULE_PREFIX:
			free(r->prefix.name);
			get_entry(&r->prefix, a);
			break;
		case FLOWSTAT_A_NATRULE_ID:
			m->id = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_NATRULE_HITS:
			m->hits = fs_nla_u64(a);
			break;
		case FLOWSTAT_A_NATRULE_FAILS:
			m->fails = fs_nla_u64(a);
			break;
		}
	}
	r->name = xstrdup(name);
	/* The static-nat prefix is an address; a name there means nothing. */
	free(r->prefix.name);
	r->prefix.name = NULL;
	if (pool[0])
		r->pool = xstrdup(pool);
}

void fs_nat_rule_msg_free(struct fs_nat_rule_msg *m)
{
	fs_nat_rule_free(&m->rule);
	memset(m, 0, sizeof(*m));
}

void fs_config_get_nat_pool(struct fs_config *cfg, struct nlattr *nest)
{
	struct fs_nat_pool_msg m;
	struct fs_cfg_nat_pool *p;

	fs_nat_pool_from_attrs(&m, nla_data(nest), nla_len(nest));
	if (!m.name[0] || m.pool.kind > FLOWSTAT_NAT_DESTINATION)
		return;
	p = fs_nat_pool(cfg, m.pool.kind, m.name, true);
	m.pool.name = p->name;
	*p = m.pool;
}

/* Rules join their rule-set (kind and name), made at its first rule. */
void fs_config_get_nat_rule(struct fs_config *cfg, struct nlattr *nest)
{
	struct fs_cfg_nat_ruleset *rs;
	struct fs_nat_rule_msg m;

	fs_nat_rule_from_attrs(&m, nla_data(nest), nla_len(nest));
	if (!m.rule.name[0] || !m.rule_set[0] ||
	    m.kind > FLOWSTAT_NAT_KIND_MAX) {
		fs_nat_rule_msg_free(&m);
		return;
	}
	rs = fs_nat_ruleset(cfg, m.kind, m.rule_set);
	if (!rs)
		rs = fs_nat_add_ruleset(cfg, m.kind, m.rule_set, m.from,
					m.kind == FLOWSTAT_NAT_SOURCE ? m.to :
									NULL);
	*ARRAY_PUSH(rs->rules, rs->n_rules, rs->cap_rules) = m.rule;
}

void fs_config_get_nat_proxy(struct fs_config *cfg, struct nlattr *nest)
{
	char iface[FLOWSTAT_IFNAME_MAX] = "";
	struct fs_cfg_nat_range r = { 0 };
	struct fs_cfg_nat_proxy *p;
	bool plen = false, high = false;
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_NATPROXY_IFACE:
			fs_nla_str(a, iface, sizeof(iface));
			break;
		case FLOWSTAT_A_NATPROXY_FAMILY:
			r.family = fs_nla_u8(a);
			break;
		case FLOWSTAT_A_NATPROXY_ADDR:
			get_addr(a, r.lo);
			break;
		case FLOWSTAT_A_NATPROXY_PREFIXLEN:
			r.plen = fs_nla_u8(a);
			plen = true;
			break;
		case FLOWSTAT_A_NATPROXY_ADDR_HIGH:
			get_addr(a, r.hi);
			high = true;
			break;
		}
	}
	if (!iface[0])
		return;
	range_form(&r, plen, high);
	p = ARRAY_PUSH(cfg->nat.proxies, cfg->nat.n_proxies,
		       cfg->nat.cap_proxies);
	p->iface = xstrdup(iface);
	p->addr = r;
}
