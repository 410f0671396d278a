// SPDX-License-Identifier: GPL-2.0
/*
 * Parser of `set security nat ...` (config.md): pools, rule-sets, and
 * proxy-arp/-ndp. Each statement is checked as it is read; what needs the
 * whole file (zones, pools named by rules, overlaps) is in config_nat.c.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/flowstat.h>

#include "config.h"
#include "config_parse.h"
#include "util.h"

/* Most addresses in a pool or a proxy range, as a prefix length. */
#define PLEN_MIN_V4 16
#define PLEN_MIN_V6 112

static int max_plen(int family)
{
	return family == AF_INET6 ? 128 : 32;
}

/* A prefix of at most FLOWSTAT_NAT_POOL_ADDRS_MAX addresses. */
static bool range_prefix(struct pstate *ps, const struct tok *t,
			 struct fs_cfg_nat_range *r)
{
	struct fs_cfg_address a;
	const char *why;

	if (!fs_parse_prefix(t->s, &a, &why)) {
		fs_p_err(ps, t->col, "invalid prefix '%s': %s", t->s, why);
		return false;
	}
	if (a.plen < (a.family == AF_INET6 ? PLEN_MIN_V6 : PLEN_MIN_V4)) {
		fs_p_err(ps, t->col, "prefix '%s' has more than %d addresses",
			 t->s, FLOWSTAT_NAT_POOL_ADDRS_MAX);
		return false;
	}
	r->family = a.family;
	r->form = FS_NAT_PREFIX;
	r->plen = a.plen;
	memcpy(r->lo, a.addr, 16);
	return true;
}

/* One address, without a prefix length; family 0 after an error. */
static int one_addr(struct pstate *ps, const struct tok *t, unsigned char *addr)
{
	memset(addr, 0, 16);
	if (inet_pton(AF_INET, t->s, addr) == 1)
		return AF_INET;
	if (inet_pton(AF_INET6, t->s, addr) == 1)
		return AF_INET6;
	fs_p_err(ps, t->col,
		 "invalid address '%s': expected an IPv4 or IPv6 address",
		 t->s);
	return 0;
}

/* HIGH of `LOW to HIGH`: same family, not below LOW, not too many. */
static bool range_high(struct pstate *ps, const struct tok *lt,
		       struct fs_cfg_nat_range *r)
{
	const struct tok *ht = fs_p_value(ps, "the last address of the range");
	int len = r->family == AF_INET6 ? 16 : 4;

	if (!ht)
		return false;
	if (one_addr(ps, ht, r->hi) != r->family) {
		if (!ps->err)
			fs_p_err(ps, ht->col,
				 "address range '%s to %s' mixes IPv4 and IPv6",
				 lt->s, ht->s);
		return false;
	}
	r->form = FS_NAT_RANGE;
	if (memcmp(r->lo, r->hi, len) > 0) {
		fs_p_err(
			ps, lt->col,
			"address range '%s to %s' is reversed: the low address comes first",
			lt->s, ht->s);
		return false;
	}
	if (fs_nat_range_count(r) > FLOWSTAT_NAT_POOL_ADDRS_MAX) {
		fs_p_err(ps, lt->col,
			 "address range '%s to %s' has more than %d addresses",
			 lt->s, ht->s, FLOWSTAT_NAT_POOL_ADDRS_MAX);
		return false;
	}
	return true;
}

/* PREFIX, ADDRESS, or LOW to HIGH; @r is written only when valid. */
static bool parse_range(struct pstate *ps, struct fs_cfg_nat_range *r,
			const struct tok **tp)
{
	const struct tok *t, *nx;
	struct fs_cfg_nat_range tmp = { 0 };

	t = fs_p_value(ps, "an address, a prefix or LOW to HIGH");
	*tp = t;
	if (!t)
		return false;
	if (strchr(t->s, '/')) {
		if (!range_prefix(ps, t, &tmp))
			return false;
	} else {
		tmp.family = one_addr(ps, t, tmp.lo);
		if (!tmp.family)
			return false;
		tmp.form = FS_NAT_ONE;
		nx = fs_p_cur(ps);
		if (nx && nx->kind == TOK_WORD && !strcmp(nx->s, "to")) {
			ps->i++;
			if (!range_high(ps, t, &tmp))
				return false;
		}
	}
	*r = tmp;
	return true;
}

/* A second `address` statement is refused: one range per pool. */
static bool pool_address_free(struct pstate *ps, struct fs_cfg_nat_pool *p,
			      const struct tok *t)
{
	char buf[100];

	if (!p->addr.family)
		return true;
	fs_nat_range_format(&p->addr, buf, sizeof(buf));
	fs_p_err(
		ps, t->col,
		"pool '%s' already has address %s (at %s:%d): a pool takes one address statement",
		p->name, buf, ps->d->file, p->addr_line);
	return false;
}

/* source pool P address (PREFIX | ADDRESS | LOW to HIGH) */
static void source_pool_address(struct pstate *ps, struct fs_cfg_nat_pool *p,
				const struct tok *kw)
{
	struct fs_cfg_nat_range r;
	const struct tok *t;

	if (!parse_range(ps, &r, &t) || !fs_p_at_end(ps) ||
	    !pool_address_free(ps, p, kw))
		return;
	p->addr = r;
	p->addr_line = ps->line;
	p->addr_col = t->col;
}

/* LOW > HIGH is an error at LOW's token. */
static bool port_range_reversed(struct pstate *ps, const struct tok *lt,
				unsigned int lo, unsigned int hi)
{
	if (lo <= hi)
		return false;
	fs_p_err(ps, lt->col,
		 "port range '%u to %u' is reversed: the low port comes first",
		 lo, hi);
	return true;
}

/* A port number in [lo, hi], with the token it came from. */
static bool port_number(struct pstate *ps, uint32_t lo, uint32_t hi,
			uint16_t *out, const struct tok **tp)
{
	uint32_t v;

	*tp = fs_p_cur(ps);
	if (!fs_p_number(ps, "port", lo, hi, &v))
		return false;
	*out = v;
	return true;
}

/* source pool P port (range LOW to HIGH | no-translation) */
static void source_pool_port(struct pstate *ps, struct fs_cfg_nat_pool *p)
{
	const struct tok *lt, *ht, *at = fs_p_cur(ps);
	uint16_t lo, hi;
	int k;

	k = fs_p_keyword(ps,
			 KW("range", "no-translation",
			    "!port-overloading-factor", "!block-allocation"),
			 NULL);
	if (k < 0)
		return;
	if (k == 1) {
		if (!fs_p_at_end(ps))
			return;
		if (p->has_ports) {
			fs_p_err(
				ps, at->col,
				"conflicting port settings for pool '%s' (already a port range at %s:%d)",
				p->name, ps->d->file, p->port_line);
			return;
		}
		p->no_xlate = true;
		p->port_line = ps->line;
		return;
	}
	if (!port_number(ps, FLOWSTAT_NAT_PORT_MIN, FLOWSTAT_NAT_PORT_MAX, &lo,
			 &lt) ||
	    fs_p_keyword(ps, KW("to"), NULL) < 0 ||
	    !port_number(ps, FLOWSTAT_NAT_PORT_MIN, FLOWSTAT_NAT_PORT_MAX, &hi,
			 &ht) ||
	    !fs_p_at_end(ps))
		return;
	if (port_range_reversed(ps, lt, lo, hi))
		return;
	if (p->no_xlate ||
	    (p->has_ports && (p->port_lo != lo || p->port_hi != hi))) {
		fs_p_err(
			ps, at->col,
			"conflicting port settings for pool '%s' (already %s at %s:%d)",
			p->name,
			p->no_xlate ? "no-translation" : "a port range",
			ps->d->file, p->port_line);
		return;
	}
	p->has_ports = true;
	p->port_lo = lo;
	p->port_hi = hi;
	p->port_line = ps->line;
}

/* destination pool P address ADDRESS[/32|/128] [port PORT] */
static void dest_pool_address(struct pstate *ps, struct fs_cfg_nat_pool *p,
			      const struct tok *kw)
{
	struct fs_cfg_nat_range r = { 0 };
	struct fs_cfg_address a;
	const struct tok *t, *pt;
	const char *why;
	uint16_t port = 0;
	bool has_port = false;

	t = fs_p_value(ps, "an address");
	if (!t)
		return;
	if (!fs_parse_addr_plen(t->s, &a, &why)) {
		fs_p_err(ps, t->col, "invalid address '%s': %s", t->s, why);
		return;
	}
	if (a.plen != max_plen(a.family)) {
		fs_p_err(
			ps, t->col,
			"invalid address '%s': a destination pool address is one host (/%d)",
			t->s, max_plen(a.family));
		return;
	}
	r.family = a.family;
	r.form = strchr(t->s, '/') ? FS_NAT_PREFIX : FS_NAT_ONE;
	r.plen = a.plen;
	memcpy(r.lo, a.addr, 16);
	if (fs_p_cur(ps)) {
		if (fs_p_keyword(ps, KW("port"), NULL) < 0 ||
		    !port_number(ps, 1, 65535, &port, &pt))
			return;
		has_port = true;
	}
	if (!fs_p_at_end(ps) || !pool_address_free(ps, p, kw))
		return;
	p->addr = r;
	p->addr_line = ps->line;
	p->addr_col = t->col;
	p->has_port = has_port;
	p->port = port;
}

/* (source|destination) pool NAME ... */
static void parse_pool(struct pstate *ps, int kind)
{
	struct fs_cfg_nat_pool *p;
	const struct tok *t, *kw;
	int k;

	t = fs_p_value(ps, "a pool name");
	if (!t || !fs_p_check_name(ps, t, "pool"))
		return;
	p = fs_nat_pool(ps->cfg, kind, t->s, false);
	if (!p) {
		p = fs_nat_pool(ps->cfg, kind, t->s, true);
		p->line = ps->line;
		p->col = t->col;
	}
	if (!fs_p_cur(ps))
		return; /* a bare pool definition */
	kw = fs_p_cur(ps);
	if (kind == FLOWSTAT_NAT_SOURCE) {
		k = fs_p_keyword(ps,
				 KW("address", "port", "!routing-instance",
				    "!host-address-base", "!overflow-pool"),
				 NULL);
		if (k == 0)
			source_pool_address(ps, p, kw);
		else if (k == 1)
			source_pool_port(ps, p);
	} else if (fs_p_keyword(ps, KW("address", "!routing-instance"), NULL) ==
		   0) {
		dest_pool_address(ps, p, kw);
	}
	if (ps->err)
		p->broken = true;
}

/* ------------------------------------------------------------------ */
/* Rule-sets                                                           */

struct entry_list {
	struct fs_cfg_address *v;
	size_t n, cap;
	bool prefix_only; /* static-nat matches prefixes only */
};

/* PREFIX (host bits zero) or the name of an address book entry or set. */
static void entry_value(struct pstate *ps, const struct tok *t, void *arg)
{
	struct entry_list *l = arg;
	struct fs_cfg_address a = { 0 }, *e;
	const char *why;

	if (fs_parse_addr_plen(t->s, &a, &why)) {
		if (!fs_parse_prefix(t->s, &a, &why)) {
			fs_p_err(ps, t->col, "invalid prefix '%s': %s", t->s,
				 why);
			return;
		}
	} else if (strchr(t->s, '/') || l->prefix_only) {
		fs_p_err(ps, t->col, "invalid prefix '%s': %s", t->s, why);
		return;
	} else if (!fs_p_check_name(ps, t, "address")) {
		return;
	} else {
		a.name = xstrdup(t->s);
	}
	a.line = ps->line;
	a.col = t->col;
	e = ARRAY_PUSH(l->v, l->n, l->cap);
	*e = a;
}

static void entry_list_free(struct entry_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
}

static bool same_entry(const struct fs_cfg_address *a,
		       const struct fs_cfg_address *b)
{
	if (a->name || b->name)
		return a->name && b->name && !strcmp(a->name, b->name);
	return a->family == b->family && a->plen == b->plen &&
	       !memcmp(a->addr, b->addr, 16);
}

/* Repeated statements add up; an entry given twice counts once. */
static void add_entries(struct fs_cfg_address **v, size_t *n, size_t *cap,
			struct entry_list *l)
{
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		for (j = 0; j < *n; j++)
			if (same_entry(&(*v)[j], &l->v[i]))
				break;
		if (j < *n)
			continue;
		*ARRAY_PUSH(*v, *n, *cap) = l->v[i];
		l->v[i].name = NULL; /* moved */
	}
}

/* match (source-address|destination-address) ENTRIES */
static void match_addresses(struct pstate *ps, struct fs_cfg_nat_rule *r,
			    bool dst, int kind)
{
	struct entry_list l = { .prefix_only = kind == FLOWSTAT_NAT_STATIC };
	char buf[64];

	fs_p_values(ps,
		    l.prefix_only ? "a prefix" : "a prefix or an address name",
		    entry_value, &l);
	if (ps->err || !fs_p_at_end(ps))
		goto out;
	if (kind == FLOWSTAT_NAT_STATIC &&
	    (l.n > 1 || (r->n_dst && !same_entry(&r->dst[0], &l.v[0])))) {
		fs_format_prefix(r->n_dst ? &r->dst[0] : &l.v[0], buf,
				 sizeof(buf));
		fs_p_err(
			ps, l.v[1 - !!r->n_dst].col,
			"static rule '%s' matches one destination-address (already %s)",
			r->name, buf);
		goto out;
	}
	if (dst)
		add_entries(&r->dst, &r->n_dst, &r->cap_dst, &l);
	else
		add_entries(&r->src, &r->n_src, &r->cap_src, &l);
out:
	entry_list_free(&l);
}

/* match destination-port (PORT | LOW to HIGH) */
static void match_port(struct pstate *ps, struct fs_cfg_nat_rule *r)
{
	const struct tok *lt, *ht, *nx;
	uint16_t lo, hi;

	if (!port_number(ps, 0, 65535, &lo, &lt))
		return;
	hi = lo;
	nx = fs_p_cur(ps);
	if (nx && nx->kind == TOK_WORD && !strcmp(nx->s, "to")) {
		ps->i++;
		if (!port_number(ps, 0, 65535, &hi, &ht))
			return;
	}
	if (!fs_p_at_end(ps))
		return;
	if (port_range_reversed(ps, lt, lo, hi))
		return;
	if (r->has_dport && (r->dport[0] != lo || r->dport[1] != hi)) {
		fs_p_err(
			ps, lt->col,
			"conflicting destination-port for rule '%s' (already %u to %u)",
			r->name, r->dport[0], r->dport[1]);
		return;
	}
	r->has_dport = true;
	r->dport[0] = lo;
	r->dport[1] = hi;
}

static void parse_match(struct pstate *ps, struct fs_cfg_nat_rule *r, int kind)
{
	int m;

	if (kind == FLOWSTAT_NAT_STATIC) {
		if (fs_p_keyword(ps,
				 KW("destination-address", "!source-address",
				    "!destination-port"),
				 NULL) == 0)
			match_addresses(ps, r, true, kind);
		return;
	}
	m = fs_p_keyword(ps,
			 KW("source-address", "destination-address",
			    "destination-port", "!source-port", "!protocol",
			    "!application"),
			 NULL);
	if (m == 0 || m == 1)
		match_addresses(ps, r, m == 1, kind);
	else if (m == 2)
		match_port(ps, r);
}

/* "pool P", "interface", "off", "prefix P": for messages. */
static char *action_text(int action, const char *pool,
			 const struct fs_cfg_address *prefix)
{
	static const char *const w[] = { "off", "interface", "pool", "prefix" };
	char buf[64];

	if (action == FLOWSTAT_NAT_ACTION_POOL)
		return xasprintf("pool %s", pool);
	if (action == FLOWSTAT_NAT_ACTION_PREFIX) {
		fs_format_prefix(prefix, buf, sizeof(buf));
		return xasprintf("prefix %s", buf);
	}
	return xstrdup(w[action]);
}

/* then (source-nat|destination-nat|static-nat) ... */
static void parse_then(struct pstate *ps, struct fs_cfg_nat_rule *r, int kind)
{
	struct fs_cfg_address prefix = { 0 };
	const struct tok *at, *pt = NULL;
	const char *why;
	char *was, *now;
	int k;

	if (kind == FLOWSTAT_NAT_SOURCE) {
		if (fs_p_keyword(ps, KW("source-nat"), NULL) < 0)
			return;
		at = fs_p_cur(ps);
		k = fs_p_keyword(ps, KW("off", "interface", "pool"),
				 "source-nat");
	} else if (kind == FLOWSTAT_NAT_DESTINATION) {
		if (fs_p_keyword(ps, KW("destination-nat"), NULL) < 0)
			return;
		at = fs_p_cur(ps);
		k = fs_p_keyword(ps, KW("off", "pool"), "destination-nat");
		if (k == 1)
			k = FLOWSTAT_NAT_ACTION_POOL;
	} else {
		if (fs_p_keyword(ps, KW("static-nat"), NULL) < 0)
			return;
		at = fs_p_cur(ps);
		k = fs_p_keyword(ps, KW("prefix", "!prefix-name", "!inet"),
				 "static-nat");
		if (k == 0)
			k = FLOWSTAT_NAT_ACTION_PREFIX;
	}
	if (k < 0)
		return;
	if (k == FLOWSTAT_NAT_ACTION_POOL) {
		pt = fs_p_value(ps, "a pool name");
		if (!pt || !fs_p_check_name(ps, pt, "pool"))
			return;
	} else if (k == FLOWSTAT_NAT_ACTION_PREFIX) {
		pt = fs_p_value(ps, "a prefix");
		if (!pt)
			return;
		if (!fs_parse_prefix(pt->s, &prefix, &why)) {
			fs_p_err(ps, pt->col, "invalid prefix '%s': %s", pt->s,
				 why);
			return;
		}
		prefix.line = ps->line;
		prefix.col = pt->col;
	}
	if (!fs_p_at_end(ps))
		return;
	if (r->action >= 0) {
		now = action_text(k, pt ? pt->s : NULL, &prefix);
		was = action_text(r->action, r->pool, &r->prefix);
		if (strcmp(now, was))
			fs_p_err(
				ps, at->col,
				"conflicting action '%s' for rule '%s' (already '%s' at %s:%d)",
				now, r->name, was, ps->d->file, r->action_line);
		free(now);
		free(was);
		return;
	}
	r->action = k;
	r->action_line = ps->line;
	if (k == FLOWSTAT_NAT_ACTION_POOL) {
		r->pool = xstrdup(pt->s);
		r->pool_line = ps->line;
		r->pool_col = pt->col;
	} else if (k == FLOWSTAT_NAT_ACTION_PREFIX) {
		r->prefix = prefix;
	}
}

/* from zone Z (and for source NAT: to zone Z) */
static const struct tok *context_zone(struct pstate *ps, const char *dir)
{
	const struct tok *t;

	if (fs_p_keyword(ps, (const char *const[]){ dir }, 1, NULL) < 0 ||
	    fs_p_keyword(ps, KW("zone", "!interface", "!routing-instance"),
			 NULL) < 0)
		return NULL;
	t = fs_p_value(ps, "a zone name");
	if (!t || !fs_p_check_name(ps, t, "zone"))
		return NULL;
	return t;
}

/* A rule name is unique within its kind. */
static bool rule_name_free(struct pstate *ps, int kind,
			   const struct fs_cfg_nat_ruleset *rs,
			   const struct tok *t)
{
	struct fs_cfg_nat *nat = &ps->cfg->nat;
	struct fs_cfg_nat_rule *r;
	size_t i;

	for (i = 0; i < nat->n_rulesets; i++) {
		struct fs_cfg_nat_ruleset *o = &nat->rulesets[i];

		if (o == rs || o->kind != kind)
			continue;
		r = fs_nat_rule(o, t->s, false);
		if (!r)
			continue;
		fs_p_err(
			ps, t->col,
			"duplicate rule name '%s' (already in rule-set '%s' at %s:%d)",
			t->s, o->name, ps->d->file, r->line);
		return false;
	}
	return true;
}

/* The rule-set @nt, created or checked against its zone context. */
static struct fs_cfg_nat_ruleset *ruleset_of(struct pstate *ps, int kind,
					     const struct tok *nt,
					     const struct tok *ft,
					     const struct tok *tt)
{
	struct fs_cfg_nat_ruleset *rs;

	rs = fs_nat_ruleset(ps->cfg, kind, nt->s);
	if (!rs) {
		rs = fs_nat_add_ruleset(ps->cfg, kind, nt->s, ft->s,
					tt ? tt->s : NULL);
		rs->line = ps->line;
		rs->from_col = ft->col;
		rs->to_col = tt ? tt->col : 0;
		return rs;
	}
	if (!strcmp(rs->from, ft->s) && (!tt || !strcmp(rs->to, tt->s)))
		return rs;
	if (tt)
		fs_p_err(
			ps, ft->col,
			"rule-set '%s' is from zone %s to zone %s (at %s:%d): one context per rule-set",
			nt->s, rs->from, rs->to, ps->d->file, rs->line);
	else
		fs_p_err(
			ps, ft->col,
			"rule-set '%s' is from zone %s (at %s:%d): one context per rule-set",
			nt->s, rs->from, ps->d->file, rs->line);
	return NULL;
}

/* (source|destination|static) rule-set RS from zone Z [to zone Z] rule R */
static void parse_ruleset(struct pstate *ps, int kind)
{
	const struct tok *nt, *ft, *tt = NULL, *rt;
	struct fs_cfg_nat_ruleset *rs;
	struct fs_cfg_nat_rule *r;
	int k;

	nt = fs_p_value(ps, "a rule-set name");
	if (!nt || !fs_p_check_name(ps, nt, "rule-set"))
		return;
	ft = context_zone(ps, "from");
	if (!ft)
		return;
	if (kind == FLOWSTAT_NAT_SOURCE) {
		tt = context_zone(ps, "to");
		if (!tt)
			return;
	}
	if (fs_p_keyword(ps, KW("rule"), NULL) < 0)
		return;
	rt = fs_p_value(ps, "a rule name");
	if (!rt || !fs_p_check_name(ps, rt, "rule"))
		return;
	rs = ruleset_of(ps, kind, nt, ft, tt);
	if (!rs)
		return;
	r = fs_nat_rule(rs, rt->s, false);
	if (!r) {
		if (!rule_name_free(ps, kind, rs, rt))
			return;
		r = fs_nat_rule(rs, rt->s, true);
		r->line = ps->line;
		r->col = rt->col;
	}
	k = fs_p_keyword(ps, KW("match", "then", "!description"), NULL);
	if (k == 0)
		parse_match(ps, r, kind);
	else if (k == 1)
		parse_then(ps, r, kind);
	if (ps->err)
		r->broken = true;
}

/* ------------------------------------------------------------------ */
/* proxy-arp, proxy-ndp                                                */

/* (proxy-arp|proxy-ndp) interface IF address (PREFIX|ADDRESS|LOW to HIGH) */
static void parse_proxy(struct pstate *ps, int family)
{
	struct fs_cfg_nat *nat = &ps->cfg->nat;
	struct fs_cfg_nat_range r;
	struct fs_cfg_nat_proxy *p;
	const struct tok *it, *t;
	size_t i;

	if (fs_p_keyword(ps, KW("interface"), NULL) < 0)
		return;
	it = fs_p_value(ps, "an interface name");
	if (!it || !fs_p_check_ifname(ps, it) ||
	    fs_p_keyword(ps, KW("address"), NULL) < 0 ||
	    !parse_range(ps, &r, &t) || !fs_p_at_end(ps))
		return;
	if (r.family != family) {
		fs_p_err(ps, t->col, "%s takes %s addresses, '%s' is %s",
			 family == AF_INET ? "proxy-arp" : "proxy-ndp",
			 family == AF_INET ? "IPv4" : "IPv6", t->s,
			 family == AF_INET ? "IPv6" : "IPv4");
		return;
	}
	for (i = 0; i < nat->n_proxies; i++)
		if (!strcmp(nat->proxies[i].iface, it->s) &&
		    !memcmp(&nat->proxies[i].addr, &r, sizeof(r)))
			return; /* the same statement again */
	p = ARRAY_PUSH(nat->proxies, nat->n_proxies, nat->cap_proxies);
	p->iface = xstrdup(it->s);
	p->addr = r;
}

void fs_parse_nat(struct pstate *ps)
{
	int k, kind;

	/* The first three are enum flowstat_nat_kind's order. */
	kind = fs_p_keyword(ps,
			    KW("source", "destination", "static", "proxy-arp",
			       "proxy-ndp"),
			    NULL);
	if (kind == 3 || kind == 4) {
		parse_proxy(ps, kind == 3 ? AF_INET : AF_INET6);
		return;
	}
	if (kind < 0)
		return;
	if (kind == FLOWSTAT_NAT_STATIC) {
		if (fs_p_keyword(ps, KW("rule-set"), NULL) == 0)
			parse_ruleset(ps, kind);
		return;
	}
	k = fs_p_keyword(ps, KW("pool", "rule-set"), NULL);
	if (k == 0)
		parse_pool(ps, kind);
	else if (k == 1)
		parse_ruleset(ps, kind);
}
