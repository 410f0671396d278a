// SPDX-License-Identifier: GPL-2.0
/*
 * NAT in the configuration model: pools, rule-sets and their rules,
 * proxy-arp/-ndp ranges; lookups, comparison, address ranges, and the
 * whole-file checks the tool can make (the kernel checks again). The
 * statements are parsed in config_nat_parse.c.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/flowstat.h>

#include "config.h"
#include "util.h"

struct fs_cfg_nat_pool *fs_nat_pool(struct fs_config *cfg, int kind,
				    const char *name, bool create)
{
	struct fs_cfg_nat *nat = &cfg->nat;
	struct fs_cfg_nat_pool *p;
	size_t i;

	for (i = 0; i < nat->n_pools; i++)
		if (nat->pools[i].kind == kind &&
		    !strcmp(nat->pools[i].name, name))
			return &nat->pools[i];
	if (!create)
		return NULL;
	p = ARRAY_PUSH(nat->pools, nat->n_pools, nat->cap_pools);
	p->name = xstrdup(name);
	p->kind = kind;
	return p;
}

struct fs_cfg_nat_ruleset *fs_nat_ruleset(struct fs_config *cfg, int kind,
					  const char *name)
{
	struct fs_cfg_nat *nat = &cfg->nat;
	size_t i;

	for (i = 0; i < nat->n_rulesets; i++)
		if (nat->rulesets[i].kind == kind &&
		    !strcmp(nat->rulesets[i].name, name))
			return &nat->rulesets[i];
	return NULL;
}

struct fs_cfg_nat_ruleset *fs_nat_add_ruleset(struct fs_config *cfg, int kind,
					      const char *name,
					      const char *from, const char *to)
{
	struct fs_cfg_nat *nat = &cfg->nat;
	struct fs_cfg_nat_ruleset *rs;

	rs = ARRAY_PUSH(nat->rulesets, nat->n_rulesets, nat->cap_rulesets);
	rs->name = xstrdup(name);
	rs->kind = kind;
	rs->from = xstrdup(from);
	rs->to = to ? xstrdup(to) : NULL;
	return rs;
}

struct fs_cfg_nat_rule *fs_nat_rule(struct fs_cfg_nat_ruleset *rs,
				    const char *name, bool create)
{
	struct fs_cfg_nat_rule *r;
	size_t i;

	for (i = 0; i < rs->n_rules; i++)
		if (!strcmp(rs->rules[i].name, name))
			return &rs->rules[i];
	if (!create)
		return NULL;
	r = ARRAY_PUSH(rs->rules, rs->n_rules, rs->cap_rules);
	r->name = xstrdup(name);
	r->action = -1;
	return r;
}

static void addrs_free(struct fs_cfg_address *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

void fs_nat_rule_free(struct fs_cfg_nat_rule *r)
{
	free(r->name);
	addrs_free(r->src, r->n_src);
	addrs_free(r->dst, r->n_dst);
	free(r->pool);
}

void fs_config_nat_free(struct fs_config *cfg)
{
	struct fs_cfg_nat *nat = &cfg->nat;
	size_t i, j;

	for (i = 0; i < nat->n_pools; i++)
		free(nat->pools[i].name);
	free(nat->pools);
	for (i = 0; i < nat->n_rulesets; i++) {
		struct fs_cfg_nat_ruleset *rs = &nat->rulesets[i];

		for (j = 0; j < rs->n_rules; j++)
			fs_nat_rule_free(&rs->rules[j]);
		free(rs->rules);
		free(rs->name);
		free(rs->from);
		free(rs->to);
	}
	free(nat->rulesets);
	for (i = 0; i < nat->n_proxies; i++)
		free(nat->proxies[i].iface);
	free(nat->proxies);
	memset(nat, 0, sizeof(*nat));
}

/* ------------------------------------------------------------------ */
/* Comparison                                                          */

static int addr_len(int family)
{
	return family == AF_INET6 ? 16 : 4;
}

static bool range_equal(const struct fs_cfg_nat_range *a,
			const struct fs_cfg_nat_range *b)
{
	return a->family == b->family && a->form == b->form &&
	       !memcmp(a->lo, b->lo, sizeof(a->lo)) &&
	       (a->form != FS_NAT_RANGE || !memcmp(a->hi, b->hi, 16)) &&
	       (a->form != FS_NAT_PREFIX || a->plen == b->plen);
}

static bool pool_equal(const struct fs_cfg_nat_pool *a,
		       const struct fs_cfg_nat_pool *b)
{
	return !strcmp(a->name, b->name) && range_equal(&a->addr, &b->addr) &&
	       a->has_ports == b->has_ports &&
	       (!a->has_ports ||
		(a->port_lo == b->port_lo && a->port_hi == b->port_hi)) &&
	       a->no_xlate == b->no_xlate && a->has_port == b->has_port &&
	       (!a->has_port || a->port == b->port);
}

static bool entry_equal(const struct fs_cfg_address *a,
			const struct fs_cfg_address *b)
{
	if (!a->name != !b->name)
		return false;
	if (a->name)
		return !strcmp(a->name, b->name);
	return a->family == b->family && a->plen == b->plen &&
	       !memcmp(a->addr, b->addr, sizeof(a->addr));
}

static bool entries_equal(const struct fs_cfg_address *a, size_t na,
			  const struct fs_cfg_address *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (!entry_equal(&a[i], &b[i]))
			return false;
	return true;
}

static bool str_equal(const char *a, const char *b)
{
	return !a ? !b : b && !strcmp(a, b);
}

static bool rule_equal(const struct fs_cfg_nat_rule *a,
		       const struct fs_cfg_nat_rule *b)
{
	return !strcmp(a->name, b->name) &&
	       entries_equal(a->src, a->n_src, b->src, b->n_src) &&
	       entries_equal(a->dst, a->n_dst, b->dst, b->n_dst) &&
	       a->has_dport == b->has_dport &&
	       (!a->has_dport ||
		(a->dport[0] == b->dport[0] && a->dport[1] == b->dport[1])) &&
	       a->action == b->action && str_equal(a->pool, b->pool) &&
	       (a->action != FLOWSTAT_NAT_ACTION_PREFIX ||
		entry_equal(&a->prefix, &b->prefix));
}

static bool ruleset_equal(const struct fs_cfg_nat_ruleset *a,
			  const struct fs_cfg_nat_ruleset *b)
{
	size_t i;

	if (strcmp(a->name, b->name) || strcmp(a->from, b->from) ||
	    !str_equal(a->to, b->to) || a->n_rules != b->n_rules)
		return false;
	for (i = 0; i < a->n_rules; i++)
		if (!rule_equal(&a->rules[i], &b->rules[i]))
			return false;
	return true;
}

/* The first pool (rule-set) of @kind at or after @i; the count if none. */
static size_t next_pool(const struct fs_cfg_nat *nat, int kind, size_t i)
{
	while (i < nat->n_pools && nat->pools[i].kind != kind)
		i++;
	return i;
}

static size_t next_ruleset(const struct fs_cfg_nat *nat, int kind, size_t i)
{
	while (i < nat->n_rulesets && nat->rulesets[i].kind != kind)
		i++;
	return i;
}

/*
 * Kinds are independent: the order of a source pool relative to a
 * destination one means nothing (ids count within a kind), and the set
 * statements print each kind in a block of its own.
 */
bool fs_config_nat_equal(const struct fs_config *a, const struct fs_config *b)
{
	const struct fs_cfg_nat *x = &a->nat, *y = &b->nat;
	size_t i, j;
	int k;

	for (k = 0; k < __FLOWSTAT_NAT_KIND_MAX; k++) {
		i = next_pool(x, k, 0);
		j = next_pool(y, k, 0);
		for (; i < x->n_pools && j < y->n_pools;
		     i = next_pool(x, k, i + 1), j = next_pool(y, k, j + 1))
			if (!pool_equal(&x->pools[i], &y->pools[j]))
				return false;
		if (i != x->n_pools || j != y->n_pools)
			return false;
		i = next_ruleset(x, k, 0);
		j = next_ruleset(y, k, 0);
		for (; i < x->n_rulesets && j < y->n_rulesets;
		     i = next_ruleset(x, k, i + 1),
		     j = next_ruleset(y, k, j + 1))
			if (!ruleset_equal(&x->rulesets[i], &y->rulesets[j]))
				return false;
		if (i != x->n_rulesets || j != y->n_rulesets)
			return false;
	}
	if (x->n_proxies != y->n_proxies)
		return false;
	for (i = 0; i < x->n_proxies; i++)
		if (strcmp(x->proxies[i].iface, y->proxies[i].iface) ||
		    !range_equal(&x->proxies[i].addr, &y->proxies[i].addr))
			return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* Address ranges                                                      */

void fs_nat_range_bounds(const struct fs_cfg_nat_range *r, unsigned char *lo,
			 unsigned char *hi)
{
	int i, bits = addr_len(r->family) * 8;

	memcpy(lo, r->lo, 16);
	memcpy(hi, r->form == FS_NAT_RANGE ? r->hi : r->lo, 16);
	if (r->form != FS_NAT_PREFIX)
		return;
	for (i = r->plen; i < bits && i < 128; i++)
		hi[i / 8] |= 0x80 >> (i % 8);
}

uint64_t fs_nat_range_count(const struct fs_cfg_nat_range *r)
{
	unsigned char lo[16], hi[16], diff[16];
	int i, borrow = 0, len = addr_len(r->family);
	uint64_t n = 0;

	fs_nat_range_bounds(r, lo, hi);
	if (memcmp(lo, hi, len) > 0)
		return 0;
	for (i = len - 1; i >= 0; i--) {
		int d = hi[i] - lo[i] - borrow;

		borrow = d < 0;
		diff[i] = d + (borrow ? 256 : 0);
	}
	for (i = 0; i < len; i++) {
		if (i < len - 8 && diff[i])
			return UINT64_MAX;
		if (i >= len - 8)
			n = n << 8 | diff[i];
	}
	return n == UINT64_MAX ? n : n + 1;
}

const char *fs_nat_addr_str(int family, const unsigned char *addr, char *buf,
			    size_t len)
{
	if ((family != AF_INET && family != AF_INET6) ||
	    !inet_ntop(family, addr, buf, len))
		snprintf(buf, len, "?");
	return buf;
}

void fs_nat_range_format(const struct fs_cfg_nat_range *r, char *buf,
			 size_t len)
{
	char lo[INET6_ADDRSTRLEN], hi[INET6_ADDRSTRLEN];

	fs_nat_addr_str(r->family, r->lo, lo, sizeof(lo));
	if (r->form == FS_NAT_PREFIX)
		snprintf(buf, len, "%s/%d", lo, r->plen);
	else if (r->form == FS_NAT_RANGE)
		snprintf(buf, len, "%s to %s", lo,
			 fs_nat_addr_str(r->family, r->hi, hi, sizeof(hi)));
	else
		snprintf(buf, len, "%s", lo);
}

/* ------------------------------------------------------------------ */
/* Whole-file checks                                                   */

static const char *family_name(int family)
{
	return family == AF_INET6 ? "IPv6" : "IPv4";
}

static const char *kind_word(int kind)
{
	static const char *const w[] = { "source", "destination", "static" };

	return kind >= 0 && kind < __FLOWSTAT_NAT_KIND_MAX ? w[kind] : "?";
}

static bool ranges_overlap(const struct fs_cfg_nat_range *a,
			   const struct fs_cfg_nat_range *b)
{
	unsigned char alo[16], ahi[16], blo[16], bhi[16];

	if (a->family != b->family)
		return false;
	fs_nat_range_bounds(a, alo, ahi);
	fs_nat_range_bounds(b, blo, bhi);
	return memcmp(alo, bhi, 16) <= 0 && memcmp(blo, ahi, 16) <= 0;
}

/* Every pool has its address; source pools do not share addresses. */
static void validate_pools(struct fs_config *cfg, struct fs_diags *d)
{
	struct fs_cfg_nat *nat = &cfg->nat;
	size_t i, j;

	for (i = 0; i < nat->n_pools; i++) {
		const struct fs_cfg_nat_pool *p = &nat->pools[i];

		if (!p->addr.family && !p->broken) {
			fs_diag_add(d, p->line, p->col,
				    "%s pool '%s' has no 'address'",
				    kind_word(p->kind), p->name);
			continue;
		}
		if (!p->addr.family || p->kind != FLOWSTAT_NAT_SOURCE)
			continue;
		for (j = 0; j < i; j++) {
			const struct fs_cfg_nat_pool *q = &nat->pools[j];

			if (q->kind != FLOWSTAT_NAT_SOURCE ||
			    !ranges_overlap(&p->addr, &q->addr))
				continue;
			fs_diag_add(
				d, p->addr_line, p->addr_col,
				"source pool '%s' overlaps source pool '%s' (at %s:%d)",
				p->name, q->name, d->file, q->addr_line);
			break;
		}
	}
}

static void check_zone(struct fs_config *cfg, struct fs_diags *d,
		       const char *zone, int line, int col)
{
	if (zone && !fs_config_zone(cfg, zone, false))
		fs_diag_add(d, line, col, "unknown zone '%s'", zone);
}

/* Names in the address book; prefixes of the pool's family. */
static void check_entries(struct fs_config *cfg, struct fs_diags *d,
			  const struct fs_cfg_nat_rule *r,
			  const struct fs_cfg_address *v, size_t n,
			  const struct fs_cfg_nat_pool *pool)
{
	char buf[64];
	size_t i;

	for (i = 0; i < n; i++) {
		const struct fs_cfg_address *e = &v[i];

		if (e->name) {
			if (!fs_config_address(cfg, e->name, false) &&
			    !fs_config_aset(cfg, e->name, false))
				fs_diag_add(d, e->line, e->col,
					    "unknown address '%s'", e->name);
			continue;
		}
		if (!pool || !pool->addr.family ||
		    pool->addr.family == e->family)
			continue;
		fs_format_prefix(e, buf, sizeof(buf));
		fs_diag_add(
			d, e->line, e->col,
			"rule '%s' matches %s prefix %s but pool '%s' is %s",
			r->name, family_name(e->family), buf, pool->name,
			family_name(pool->addr.family));
	}
}

/* The pool an ACTION_POOL rule names, of its own kind. */
static const struct fs_cfg_nat_pool *check_pool(struct fs_config *cfg,
						struct fs_diags *d, int kind,
						const struct fs_cfg_nat_rule *r)
{
	const struct fs_cfg_nat_pool *p;
	int other = kind == FLOWSTAT_NAT_SOURCE ? FLOWSTAT_NAT_DESTINATION :
						  FLOWSTAT_NAT_SOURCE;

	p = fs_nat_pool(cfg, kind, r->pool, false);
	if (p)
		return p;
	if (fs_nat_pool(cfg, other, r->pool, false))
		fs_diag_add(d, r->pool_line, r->pool_col,
			    "'%s' is a %s pool, %s-nat needs a %s pool",
			    r->pool, kind_word(other), kind_word(kind),
			    kind_word(kind));
	else
		fs_diag_add(d, r->pool_line, r->pool_col,
			    "unknown %s pool '%s'", kind_word(kind), r->pool);
	return NULL;
}

/* static-nat maps a prefix onto one of the same family and length. */
static void check_static(struct fs_diags *d, const struct fs_cfg_nat_rule *r)
{
	const struct fs_cfg_address *m = &r->dst[0], *p = &r->prefix;
	char a[64], b[64];

	fs_format_prefix(m, a, sizeof(a));
	fs_format_prefix(p, b, sizeof(b));
	if (m->family != p->family || m->plen != p->plen)
		fs_diag_add(
			d, p->line, p->col,
			"static-nat prefix %s does not match destination-address %s: same family and length needed",
			b, a);
}

static void validate_rule(struct fs_config *cfg, struct fs_diags *d,
			  const struct fs_cfg_nat_ruleset *rs,
			  const struct fs_cfg_nat_rule *r)
{
	const struct fs_cfg_nat_pool *pool = NULL;

	if (r->action < 0) {
		fs_diag_add(d, r->line, r->col,
			    "rule '%s' has no 'then' action", r->name);
		return;
	}
	if (rs->kind != FLOWSTAT_NAT_SOURCE && !r->n_dst) {
		fs_diag_add(d, r->line, r->col,
			    "%s rule '%s' has no 'match destination-address'",
			    kind_word(rs->kind), r->name);
		return;
	}
	if (r->action == FLOWSTAT_NAT_ACTION_POOL)
		pool = check_pool(cfg, d, rs->kind, r);
	check_entries(cfg, d, r, r->src, r->n_src, pool);
	check_entries(cfg, d, r, r->dst, r->n_dst, pool);
	if (r->action == FLOWSTAT_NAT_ACTION_PREFIX)
		check_static(d, r);
}

void fs_nat_validate(struct fs_config *cfg, struct fs_diags *d)
{
	struct fs_cfg_nat *nat = &cfg->nat;
	size_t i, j;

	validate_pools(cfg, d);
	for (i = 0; i < nat->n_rulesets; i++) {
		const struct fs_cfg_nat_ruleset *rs = &nat->rulesets[i];

		check_zone(cfg, d, rs->from, rs->line, rs->from_col);
		check_zone(cfg, d, rs->to, rs->line, rs->to_col);
		for (j = 0; j < rs->n_rules; j++)
			if (!rs->rules[j].broken)
				validate_rule(cfg, d, rs, &rs->rules[j]);
	}
}
