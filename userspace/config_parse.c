// SPDX-License-Identifier: GPL-2.0
/*
 * Parser of the set-statement language (config.md): a line lexer, one
 * recursive-descent function per level of the statement tree, and the
 * checks that need the whole file (zones used before their definition,
 * incomplete policies). Every error is recorded with its position and the
 * parse goes on, so that one run reports all of them.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <linux/flowstat.h>

#include "config.h"
#include "config_parse.h"
#include "names.h"
#include "util.h"

static const char *kw_word(const char *kw)
{
	return kw[0] == '!' ? kw + 1 : kw;
}

static void perr(struct pstate *ps, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void vperr(struct pstate *ps, int col, const char *fmt, va_list ap)
{
	char *msg;

	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	fs_diag_add(ps->d, ps->line, col, "%s", msg ? msg : "out of memory");
	free(msg);
	ps->err = true;
}

static void perr(struct pstate *ps, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vperr(ps, col, fmt, ap);
	va_end(ap);
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static void index_put(struct name_index *ix, struct fs_config *cfg,
		      size_t idx);

static void index_grow(struct name_index *ix, struct fs_config *cfg)
{
	size_t i;

	free(ix->slot);
	ix->size = ix->size ? ix->size * 2 : 64;
	ix->slot = xzalloc(ix->size * sizeof(*ix->slot));
	ix->used = 0;
	for (i = 0; i < cfg->n_policies; i++)
		index_put(ix, cfg, i);
}

static void index_put(struct name_index *ix, struct fs_config *cfg,
		      size_t idx)
{
	size_t h;

	if ((ix->used + 1) * 2 > ix->size) {
		index_grow(ix, cfg);	/* re-inserts all known policies */
		return;
	}
	h = hash_str(cfg->policies[idx].name) & (ix->size - 1);
	while (ix->slot[h])
		h = (h + 1) & (ix->size - 1);
	ix->slot[h] = idx + 1;
	ix->used++;
}

static struct fs_cfg_policy *index_get(struct name_index *ix,
				       struct fs_config *cfg, const char *name)
{
	size_t h;

	if (!ix->size)
		return NULL;
	h = hash_str(name) & (ix->size - 1);
	while (ix->slot[h]) {
		struct fs_cfg_policy *p = &cfg->policies[ix->slot[h] - 1];

		if (!strcmp(p->name, name))
			return p;
		h = (h + 1) & (ix->size - 1);
	}
	return NULL;
}

/* "a, b, c" */
static char *kw_list(const char *const *kws, size_t n)
{
	size_t i, len = 1;
	char *s;

	for (i = 0; i < n; i++)
		len += strlen(kw_word(kws[i])) + 2;
	s = xmalloc(len);
	s[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i)
			strcat(s, ", ");
		strcat(s, kw_word(kws[i]));
	}
	return s;
}

static char *names_list(const char *const *names, size_t n)
{
	size_t i, len = sizeof(", all");
	char *s;

	for (i = 0; i < n; i++)
		len += strlen(names[i]) + 2;
	s = xmalloc(len);
	s[0] = '\0';
	for (i = 0; i < n; i++) {
		strcat(s, names[i]);
		strcat(s, ", ");
	}
	strcat(s, "all");
	return s;
}

static const struct tok *cur(struct pstate *ps)
{
	return ps->i < ps->n ? &ps->t[ps->i] : NULL;
}

/* Where a missing word is reported: just after the last one. */
static int end_col(struct pstate *ps)
{
	return ps->n ? ps->t[ps->n - 1].end : 1;
}

/* The statement's words up to and including @upto, space separated. */
static char *words_upto(struct pstate *ps, size_t upto)
{
	size_t i, len = 1;
	char *s;

	for (i = 0; i <= upto && i < ps->n; i++)
		len += strlen(ps->t[i].s) + 1;
	s = xmalloc(len);
	s[0] = '\0';
	for (i = 0; i <= upto && i < ps->n; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, ps->t[i].s);
	}
	return s;
}

/*
 * Match the next word against @kws. @value_of names the statement when the
 * word is a value of it (an action, a default policy) rather than a branch.
 * Returns the index, or -1 after recording an error.
 */
static int keyword(struct pstate *ps, const char *const *kws, size_t n,
		   const char *value_of)
{
	const struct tok *t = cur(ps);
	char *list = kw_list(kws, n);
	size_t i;

	if (!t) {
		perr(ps, end_col(ps), "incomplete statement, expected one of: %s",
		     list);
		goto fail;
	}
	if (t->kind != TOK_WORD) {
		perr(ps, t->col, "unexpected '%s', expected one of: %s", t->s,
		     list);
		goto fail;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(t->s, kw_word(kws[i])))
			continue;
		if (kws[i][0] == '!') {
			char *w = words_upto(ps, ps->i);

			perr(ps, t->col, "'%s' is not supported yet", w);
			free(w);
			goto fail;
		}
		ps->i++;
		free(list);
		return i;
	}
	if (value_of)
		perr(ps, t->col, "invalid value '%s' for %s, expected one of: %s",
		     t->s, value_of, list);
	else
		perr(ps, t->col, "unknown word '%s', expected one of: %s",
		     t->s, list);
fail:
	free(list);
	return -1;
}

/* The next word as a value (a name); NULL after recording an error. */
static const struct tok *value(struct pstate *ps, const char *what)
{
	const struct tok *t = cur(ps);

	if (!t) {
		perr(ps, end_col(ps), "incomplete statement, expected %s", what);
		return NULL;
	}
	if (t->kind != TOK_WORD) {
		perr(ps, t->col, "unexpected '%s', expected %s", t->s, what);
		return NULL;
	}
	ps->i++;
	return t;
}

static bool at_end(struct pstate *ps)
{
	const struct tok *t = cur(ps);

	if (!t)
		return true;
	perr(ps, t->col, "unexpected %s'%s' after the end of the statement",
	     t->kind == TOK_WORD ? "word " : "", t->s);
	return false;
}

/* One value, or a list of them in brackets: `[ a b c ]`. */
static void values(struct pstate *ps, const char *what, fs_p_value_fn fn,
		   void *arg)
{
	const struct tok *t = cur(ps), *open;
	size_t count = 0;

	if (!t || t->kind == TOK_WORD) {
		t = value(ps, what);
		if (t)
			fn(ps, t, arg);
		return;
	}
	if (t->kind == TOK_RBRACK) {
		perr(ps, t->col, "unexpected ']', expected %s", what);
		return;
	}
	open = t;
	ps->i++;
	for (;;) {
		t = cur(ps);
		if (!t) {
			perr(ps, open->col, "missing ']' to close this list");
			return;
		}
		ps->i++;
		if (t->kind == TOK_RBRACK)
			break;
		if (t->kind == TOK_LBRACK) {
			perr(ps, t->col, "unexpected '[' inside a list");
			return;
		}
		fn(ps, t, arg);
		count++;
	}
	if (!count)
		perr(ps, open->col, "empty list, expected %s", what);
}

static bool valid_name(const char *s)
{
	size_t len = strlen(s), i;

	if (len < 1 || len > FLOWSTAT_NAME_MAX - 1 ||
	    !isalnum((unsigned char)s[0]))
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("._-", s[i]))
			return false;
	return true;
}

static bool check_name(struct pstate *ps, const struct tok *t,
		       const char *what)
{
	if (valid_name(t->s))
		return true;
	perr(ps, t->col,
	     "invalid %s name '%s': expected 1 to %d letters, digits, '.', '_' or '-', starting with a letter or digit",
	     what, t->s, FLOWSTAT_NAME_MAX - 1);
	return false;
}

static bool check_ifname(struct pstate *ps, const struct tok *t)
{
	size_t len = strlen(t->s), i;
	bool ok = len >= 1 && len <= FLOWSTAT_IFNAME_MAX - 1;

	for (i = 0; ok && i < len; i++)
		if (isspace((unsigned char)t->s[i]))
			ok = false;
	if (!ok)
		perr(ps, t->col,
		     "invalid interface name '%s': expected 1 to %d characters without whitespace",
		     t->s, FLOWSTAT_IFNAME_MAX - 1);
	return ok;
}

struct mask_arg {
	const char *what;
	const char *const *names;
	int n;
	uint32_t all;
	uint32_t mask;
};

static void mask_value(struct pstate *ps, const struct tok *t, void *arg)
{
	struct mask_arg *m = arg;
	char *list;
	int i;

	if (!strcmp(t->s, "all")) {
		m->mask |= m->all;
		return;
	}
	i = fs_name_lookup(m->names, m->n, t->s);
	if (i >= 0) {
		m->mask |= 1U << i;
		return;
	}
	list = names_list(m->names, m->n);

	perr(ps, t->col, "invalid value '%s' for %s, expected one of: %s",
	     t->s, m->what, list);
	free(list);
}

/* host-inbound-traffic (system-services|protocols) VALUES */
static void host_inbound(struct pstate *ps, uint32_t *services,
			 uint32_t *protocols, bool *own)
{
	struct mask_arg m = { 0 };
	int k;

	k = keyword(ps, KW("system-services", "protocols"), NULL);
	if (k < 0)
		return;
	if (k == 0) {
		m.what = "system-services";
		m.names = fs_service_names;
		m.n = __FLOWSTAT_SVC_MAX;
		m.all = FLOWSTAT_SVC_ALL;
	} else {
		m.what = "protocols";
		m.names = fs_protocol_names;
		m.n = __FLOWSTAT_PROTO_MAX;
		m.all = FLOWSTAT_PROTO_ALL;
	}
	values(ps, m.what, mask_value, &m);
	if (ps->err || !at_end(ps))
		return;
	if (k == 0) {
		*services |= m.mask;
	} else {
		*protocols |= m.mask;
	}
	if (own)
		*own = true;
}

/* security zones security-zone ZONE (screen NAME | tcp-rst) */
static void zone_screen(struct pstate *ps, struct fs_cfg_zone *z, bool tcp_rst)
{
	const struct tok *t;

	if (tcp_rst) {
		if (at_end(ps))
			z->tcp_rst = true;
		return;
	}
	t = value(ps, "a screen name");
	if (!t || !check_name(ps, t, "screen") || !at_end(ps))
		return;
	free(z->screen);
	z->screen = xstrdup(t->s);
	z->screen_line = ps->line;
	z->screen_col = t->col;
}

/* A number in [lo, hi]; false after recording an error. */
static bool number(struct pstate *ps, const char *what, uint32_t lo,
		   uint32_t hi, uint32_t *out)
{
	const struct tok *t = value(ps, what);
	unsigned long v;
	char *end;

	if (!t)
		return false;
	errno = 0;
	v = strtoul(t->s, &end, 10);
	if (!isdigit((unsigned char)t->s[0]) || *end || errno || v < lo ||
	    v > hi) {
		perr(ps, t->col, "invalid %s '%s': expected %u to %u", what,
		     t->s, lo, hi);
		return false;
	}
	*out = v;
	return true;
}

/*
 * security screen ids-option NAME [ip spoofing |
 *	tcp syn-flood [(attack-threshold | source-threshold |
 *			destination-threshold | timeout) N]]
 */
static void parse_screen(struct pstate *ps)
{
	struct fs_cfg_screen *s;
	const struct tok *t;
	uint32_t v, *dst;
	int k;

	if (keyword(ps, KW("ids-option"), NULL) < 0)
		return;
	t = value(ps, "a screen name");
	if (!t || !check_name(ps, t, "screen"))
		return;
	s = fs_config_screen(ps->cfg, t->s, false);
	if (!s) {
		s = fs_config_screen(ps->cfg, t->s, true);
		s->line = ps->line;
		s->col = t->col;
	}
	if (!cur(ps))
		return;
	k = keyword(ps, KW("ip", "tcp", "!icmp", "!udp", "!limit-session"),
		    NULL);
	if (k == 0) {
		if (keyword(ps, KW("spoofing", "!source-route-option",
				   "!tear-drop"), NULL) >= 0 && at_end(ps))
			s->ip_spoofing = true;
		return;
	}
	if (k != 1 || keyword(ps, KW("syn-flood", "!land", "!winnuke",
				     "!port-scan"), NULL) < 0)
		return;
	if (!cur(ps)) {
		s->syn_flood = true;
		return;
	}
	k = keyword(ps, KW("attack-threshold", "source-threshold",
			   "destination-threshold", "timeout",
			   "!alarm-threshold"), NULL);
	if (k < 0)
		return;
	dst = (uint32_t *[]){ &s->syn_attack, &s->syn_source, &s->syn_dest,
			      &s->syn_timeout }[k];
	if (!number(ps, k == 3 ? "timeout" : "threshold", 1,
		    k == 3 ? 50 : 1000000, &v) || !at_end(ps))
		return;
	*dst = v;
	s->syn_flood = true;
}

/* security zones security-zone ZONE ... */
static void parse_zone(struct pstate *ps)
{
	const struct tok *zt, *it;
	struct fs_cfg_zone *z, *other;
	struct fs_cfg_iface *ifc;
	int k;

	zt = value(ps, "a zone name");
	if (!zt || !check_name(ps, zt, "zone"))
		return;
	z = fs_config_zone(ps->cfg, zt->s, false);
	if (!z) {
		z = fs_config_zone(ps->cfg, zt->s, true);
		z->line = ps->line;
		z->col = zt->col;
	}
	if (!cur(ps))
		return;		/* a bare zone definition */
	k = keyword(ps, KW("interfaces", "host-inbound-traffic",
			   "screen", "tcp-rst"), NULL);
	if (k == 1) {
		host_inbound(ps, &z->services, &z->protocols, NULL);
		return;
	}
	if (k == 2 || k == 3) {
		zone_screen(ps, z, k == 3);
		return;
	}
	if (k != 0)
		return;
	it = value(ps, "an interface name");
	if (!it || !check_ifname(ps, it))
		return;
	other = fs_config_iface_zone(ps->cfg, it->s);
	if (other && other != z) {
		perr(ps, it->col, "interface '%s' is already in zone '%s'",
		     it->s, other->name);
		return;
	}
	ifc = fs_zone_iface(z, it->s, false);
	if (!ifc) {
		ifc = fs_zone_iface(z, it->s, true);
		ifc->line = ps->line;
		ifc->col = it->col;
	}
	if (!cur(ps))
		return;
	if (keyword(ps, KW("host-inbound-traffic"), NULL) < 0)
		return;
	host_inbound(ps, &ifc->services, &ifc->protocols, &ifc->own);
}

/* Names of one match statement, kept until the statement is known good. */
struct ref_list {
	struct fs_cfg_ref *v;
	size_t n, cap;
	bool any;
	const char *what;
};

static void ref_value(struct pstate *ps, const struct tok *t, void *arg)
{
	struct ref_list *l = arg;

	if (!strcmp(t->s, "any")) {
		l->any = true;
		return;
	}
	if (!check_name(ps, t, l->what))
		return;
	fs_ref_add(&l->v, &l->n, &l->cap, t->s, ps->line, t->col);
}

static void ref_list_free(struct ref_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
}

/* Repeated statements add up; a name given twice counts once. */
static void policy_add_refs(struct fs_cfg_policy *p, int m,
			    struct ref_list *l)
{
	size_t i, j;

	p->match_any[m] |= l->any;
	for (i = 0; i < l->n; i++) {
		for (j = 0; j < p->n_match[m]; j++)
			if (!strcmp(p->match[m][j].name, l->v[i].name))
				break;
		if (j == p->n_match[m])
			fs_ref_add(&p->match[m], &p->n_match[m],
				   &p->cap_match[m], l->v[i].name,
				   l->v[i].line, l->v[i].col);
	}
}

/* ------------------------------------------------------------------ */
/* Address book and applications                                       */

/* A name for a new object: valid and not "any". */
static const struct tok *object_name(struct pstate *ps, const char *what)
{
	const struct tok *t = value(ps, "a name");

	if (!t || !check_name(ps, t, what))
		return NULL;
	if (!strcmp(t->s, "any")) {
		perr(ps, t->col, "'any' is reserved and cannot name an %s",
		     what);
		return NULL;
	}
	return t;
}

static void set_member(struct pstate *ps, struct fs_cfg_set *s,
		       const struct tok *t)
{
	size_t i;

	for (i = 0; i < s->n_members; i++)
		if (!strcmp(s->members[i].name, t->s))
			return;
	fs_ref_add(&s->members, &s->n_members, &s->cap_members, t->s,
		   ps->line, t->col);
}

/* set security address-book global (address|address-set) ... */
static void parse_address_book(struct pstate *ps)
{
	const struct tok *nt, *vt;
	struct fs_cfg_address tmp = { 0 }, *a;
	struct fs_cfg_set *s;
	const char *why;
	char buf[64];
	int k;

	if (keyword(ps, KW("global"), NULL) < 0)
		return;
	k = keyword(ps, KW("address", "address-set"), NULL);
	if (k < 0)
		return;
	nt = object_name(ps, k ? "address-set" : "address");
	if (!nt)
		return;
	if (k == 0) {
		vt = value(ps, "an address prefix (A.B.C.D/N or X:X::X/N)");
		if (!vt)
			return;
		if (!fs_parse_prefix(vt->s, &tmp, &why)) {
			perr(ps, vt->col, "invalid prefix '%s': %s", vt->s, why);
			return;
		}
		if (!at_end(ps))
			return;
		a = fs_config_address(ps->cfg, nt->s, false);
		if (a && (a->family != tmp.family || a->plen != tmp.plen ||
			  memcmp(a->addr, tmp.addr, 16))) {
			fs_format_prefix(a, buf, sizeof(buf));
			perr(ps, vt->col,
			     "conflicting prefix for address '%s' (already %s at %s:%d)",
			     nt->s, buf, ps->d->file, a->line);
			return;
		}
		if (!a) {
			a = fs_config_address(ps->cfg, nt->s, true);
			a->family = tmp.family;
			a->plen = tmp.plen;
			memcpy(a->addr, tmp.addr, 16);
			a->line = ps->line;
			a->col = nt->col;
		}
		return;
	}
	if (keyword(ps, KW("address", "address-set"), NULL) < 0)
		return;
	vt = value(ps, "an address name");
	if (!vt || !check_name(ps, vt, "address") || !at_end(ps))
		return;
	s = fs_config_aset(ps->cfg, nt->s, false);
	if (!s) {
		s = fs_config_aset(ps->cfg, nt->s, true);
		s->line = ps->line;
		s->col = nt->col;
	}
	set_member(ps, s, vt);
}

/* N or N-M, 0..65535, N <= M */
static bool port_range(struct pstate *ps, const struct tok *t, uint16_t *r)
{
	unsigned long lo, hi;
	char *end;

	lo = strtoul(t->s, &end, 10);
	if (end == t->s || lo > 65535)
		goto bad;
	hi = lo;
	if (*end == '-') {
		const char *h = end + 1;

		hi = strtoul(h, &end, 10);
		if (end == h || hi > 65535)
			goto bad;
	}
	if (*end || t->s[0] < '0' || t->s[0] > '9')
		goto bad;
	if (lo > hi) {
		perr(ps, t->col,
		     "port range '%s' is reversed: the low port comes first",
		     t->s);
		return false;
	}
	r[0] = lo;
	r[1] = hi;
	return true;
bad:
	perr(ps, t->col,
	     "invalid port '%s': expected a number 0 to 65535 or a range LOW-HIGH",
	     t->s);
	return false;
}

static bool byte_value(struct pstate *ps, const struct tok *t,
		       const char *what, int *out)
{
	unsigned long v;
	char *end;

	v = strtoul(t->s, &end, 10);
	if (end == t->s || *end || v > 255 || t->s[0] < '0' || t->s[0] > '9') {
		perr(ps, t->col, "invalid %s '%s': expected a number 0 to 255",
		     what, t->s);
		return false;
	}
	*out = v;
	return true;
}

/* Application properties, several per statement: protocol tcp destination-port 80 */
static void parse_app_props(struct pstate *ps, struct fs_cfg_app *a)
{
	static const char *const protos[] = { "tcp", "udp", "icmp", "icmp6" };
	static const int numbers[] = { 6, 17, 1, 58 };
	struct fs_cfg_app tmp = *a;
	const struct tok *t;
	int k, v;

	do {
		k = keyword(ps, KW("protocol", "destination-port",
				   "source-port", "icmp-type"), NULL);
		if (k < 0)
			return;
		t = value(ps, k == 0 ? "a protocol (tcp, udp, icmp, icmp6 or a number)" :
			      k == 3 ? "an ICMP type" : "a port or LOW-HIGH");
		if (!t)
			return;
		if (k == 0) {
			v = fs_name_lookup(protos, 4, t->s);
			if (v >= 0)
				v = numbers[v];
			else if (!byte_value(ps, t, "protocol", &v))
				return;
			if (tmp.proto >= 0 && tmp.proto != v) {
				perr(ps, t->col,
				     "conflicting protocol for application '%s'",
				     a->name);
				return;
			}
			tmp.proto = v;
		} else if (k == 1) {
			if (!port_range(ps, t, tmp.dport))
				return;
			tmp.has_dport = true;
		} else if (k == 2) {
			if (!port_range(ps, t, tmp.sport))
				return;
			tmp.has_sport = true;
		} else {
			if (!byte_value(ps, t, "icmp-type", &v))
				return;
			tmp.icmp_type = v;
		}
	} while (cur(ps));
	*a = tmp;
}

/* set applications (application|application-set) ... */
static void parse_applications(struct pstate *ps)
{
	const struct tok *nt, *vt;
	struct fs_cfg_app *a;
	struct fs_cfg_set *s;
	int k;

	k = keyword(ps, KW("application", "application-set"), NULL);
	if (k < 0)
		return;
	nt = object_name(ps, k ? "application-set" : "application");
	if (!nt)
		return;
	if (k == 0) {
		a = fs_config_app(ps->cfg, nt->s, false);
		if (!a) {
			a = fs_config_app(ps->cfg, nt->s, true);
			a->line = ps->line;
			a->col = nt->col;
		}
		parse_app_props(ps, a);
		if (ps->err)
			a->broken = true;
		return;
	}
	if (keyword(ps, KW("application", "application-set"), NULL) < 0)
		return;
	vt = value(ps, "an application name");
	if (!vt || !check_name(ps, vt, "application") || !at_end(ps))
		return;
	s = fs_config_appset(ps->cfg, nt->s, false);
	if (!s) {
		s = fs_config_appset(ps->cfg, nt->s, true);
		s->line = ps->line;
		s->col = nt->col;
	}
	set_member(ps, s, vt);
}

static void parse_then(struct pstate *ps, struct fs_cfg_policy *p)
{
	const struct tok *at = cur(ps);
	int k;

	k = keyword(ps, KW("deny", "permit", "reject",
			   "count"), "then");
	if (k < 0)
		return;
	if (k == 3) {
		if (at_end(ps))
			p->count = true;
		return;
	}
	/* The order above is enum flowstat_action's. */
	if (k == FLOWSTAT_ACTION_PERMIT && cur(ps) &&
	    keyword(ps, KW("!tunnel",
			   "!firewall-authentication"), NULL) < 0)
		return;
	if (!at_end(ps))
		return;
	if (p->action >= 0 && p->action != k) {
		perr(ps, at->col,
		     "conflicting action '%s' for policy '%s' (already '%s' at %s:%d)",
		     fs_action_names[k], p->name, fs_action_names[p->action],
		     ps->d->file, p->action_line);
		return;
	}
	if (p->action < 0) {
		p->action = k;
		p->action_line = ps->line;
	}
}

/* security policies from-zone Z1 to-zone Z2 policy P ... */
static void parse_policy(struct pstate *ps)
{
	const struct tok *ft, *tt, *pt;
	struct fs_cfg_policy *p;
	int k;

	ft = value(ps, "a zone name");
	if (!ft || !check_name(ps, ft, "zone"))
		return;
	if (keyword(ps, KW("to-zone"), NULL) < 0)
		return;
	tt = value(ps, "a zone name");
	if (!tt || !check_name(ps, tt, "zone"))
		return;
	if (keyword(ps, KW("policy"), NULL) < 0)
		return;
	pt = value(ps, "a policy name");
	if (!pt || !check_name(ps, pt, "policy"))
		return;
	p = index_get(&ps->policies, ps->cfg, pt->s);
	if (p && (strcmp(p->from, ft->s) || strcmp(p->to, tt->s))) {
		perr(ps, pt->col,
		     "duplicate policy name '%s' (already used from-zone %s to-zone %s at %s:%d)",
		     pt->s, p->from, p->to, ps->d->file, p->line);
		return;
	}
	if (!p) {
		p = fs_config_add_policy(ps->cfg, pt->s, ft->s, tt->s);
		p->line = ps->line;
		p->col = pt->col;
		p->from_col = ft->col;
		p->to_col = tt->col;
		index_put(&ps->policies, ps->cfg, ps->cfg->n_policies - 1);
	}

	k = keyword(ps, KW("match", "then"), NULL);
	if (k == 1) {
		parse_then(ps, p);
	} else if (k == 0) {
		static const char *const what[] = {
			"address", "address", "application",
		};
		static const char *const expect[] = {
			"an address name", "an address name",
			"an application name",
		};
		struct ref_list l = { 0 };
		int m;

		m = keyword(ps, KW("source-address",
				   "destination-address",
				   "application"), NULL);
		if (m >= 0) {
			l.what = what[m];
			values(ps, expect[m], ref_value, &l);
			if (!ps->err && at_end(ps)) {
				policy_add_refs(p, m, &l);
				if (m == 0)
					p->match_src = true;
				else if (m == 1)
					p->match_dst = true;
				else
					p->match_app = true;
			}
			ref_list_free(&l);
		}
	}
	if (ps->err)
		p->broken = true;
}

static void parse_default_policy(struct pstate *ps)
{
	static const char *const names[] = { "deny-all", "permit-all" };
	const struct tok *vt = cur(ps);
	int k, action;

	k = keyword(ps, KW("deny-all", "permit-all"), "default-policy");
	if (k < 0 || !at_end(ps))
		return;
	action = k ? FLOWSTAT_ACTION_PERMIT : FLOWSTAT_ACTION_DENY;
	if (ps->cfg->default_line && ps->cfg->default_policy != action) {
		perr(ps, vt->col,
		     "conflicting default-policy '%s' (already '%s' at %s:%d)",
		     names[k], names[!k], ps->d->file, ps->cfg->default_line);
		return;
	}
	ps->cfg->default_policy = action;
	if (!ps->cfg->default_line)
		ps->cfg->default_line = ps->line;
}

/*
 * security flow ... (config.md): one numeric or flag setting per
 * statement. Setting one twice is allowed with the same value only.
 */
enum flow_setting {
	FLOW_MAX_SESSIONS,
	FLOW_MAX_MINOR,
	FLOW_NO_SEQ_CHECK,
	FLOW_TCP_INITIAL,
	FLOW_TCP_EST,
	FLOW_UDP,
};

static void flow_set(struct pstate *ps, enum flow_setting which,
		     uint32_t *field, uint32_t v, const struct tok *t,
		     const char *what)
{
	if (ps->flow_line[which] && *field != v) {
		perr(ps, t->col,
		     "conflicting %s %u (already %u at %s:%d)", what, v,
		     *field, ps->d->file, ps->flow_line[which]);
		return;
	}
	*field = v;
	if (!ps->flow_line[which])
		ps->flow_line[which] = ps->line;
}

/* A decimal number in [min, max]; false after recording an error. */
static bool flow_number(struct pstate *ps, const char *what, uint32_t min,
			uint32_t max, uint32_t *v, const struct tok **tp)
{
	const struct tok *t = value(ps, what);
	unsigned long long n = 0;
	const char *c;

	*tp = t;
	if (!t)
		return false;
	for (c = t->s; *c; c++) {
		if (!isdigit((unsigned char)*c)) {
			perr(ps, t->col, "invalid %s '%s', expected a number",
			     what, t->s);
			return false;
		}
		if (n <= max)
			n = n * 10 + (*c - '0');
	}
	if (n < min || n > max) {
		perr(ps, t->col, "%s '%s' out of range, expected %u to %u",
		     what, t->s, min, max);
		return false;
	}
	*v = n;
	return at_end(ps);
}

static void parse_flow(struct pstate *ps)
{
	struct fs_cfg_flow *f = &ps->cfg->flow;
	const struct tok *t;
	uint32_t v;
	int k;

	k = keyword(ps, KW("max-sessions", "max-minor-sessions",
			   "tcp-session", "udp-session"), NULL);
	switch (k) {
	case 0:
		if (flow_number(ps, "max-sessions", 1, UINT32_MAX, &v, &t))
			flow_set(ps, FLOW_MAX_SESSIONS, &f->max_sessions, v, t,
				 "max-sessions");
		break;
	case 1:
		if (flow_number(ps, "max-minor-sessions", 1, UINT32_MAX, &v,
				&t))
			flow_set(ps, FLOW_MAX_MINOR, &f->max_minor_sessions, v,
				 t, "max-minor-sessions");
		break;
	case 2:
		k = keyword(ps, KW("no-sequence-check", "tcp-initial-timeout",
				   "established-timeout"), NULL);
		if (k == 0 && at_end(ps)) {
			f->no_sequence_check = true;
			ps->flow_line[FLOW_NO_SEQ_CHECK] = ps->line;
		} else if (k == 1 &&
			   flow_number(ps, "tcp-initial-timeout", 1,
				       FLOWSTAT_FLOW_TIMEOUT_MAX, &v, &t)) {
			flow_set(ps, FLOW_TCP_INITIAL, &f->tcp_initial_timeout,
				 v, t, "tcp-initial-timeout");
		} else if (k == 2 &&
			   flow_number(ps, "established-timeout", 1,
				       FLOWSTAT_FLOW_TIMEOUT_MAX, &v, &t)) {
			flow_set(ps, FLOW_TCP_EST,
				 &f->tcp_established_timeout, v, t,
				 "established-timeout");
		}
		break;
	case 3:
		if (keyword(ps, KW("timeout"), NULL) >= 0 &&
		    flow_number(ps, "timeout", 1, FLOWSTAT_FLOW_TIMEOUT_MAX,
				&v, &t))
			flow_set(ps, FLOW_UDP, &f->udp_timeout, v, t,
				 "udp-session timeout");
		break;
	}
}

static void parse_statement(struct pstate *ps)
{
	int k;

	if (keyword(ps, KW("set"), NULL) < 0)
		return;
	k = keyword(ps, KW("security", "applications", "!access"), NULL);
	if (k == 1)
		parse_applications(ps);
	if (k != 0)
		return;
	k = keyword(ps,
		    KW("zones", "policies", "screen", "address-book", "flow",
		       "!ipsec", "nat"),
		    NULL);
	if (k == 2) {
		parse_screen(ps);
		return;
	}
	if (k == 3)
		parse_address_book(ps);
	if (k == 6)
		fs_parse_nat(ps);
	if (k == 0) {
		if (keyword(ps, KW("security-zone"), NULL) >= 0)
			parse_zone(ps);
	} else if (k == 1) {
		k = keyword(ps, KW("from-zone", "default-policy",
				   "!global"), NULL);
		if (k == 0)
			parse_policy(ps);
		else if (k == 1)
			parse_default_policy(ps);
	} else if (k == 4) {
		parse_flow(ps);
	}
}

static void free_toks(struct pstate *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		free(ps->t[i].s);
	ps->n = 0;
}

/*
 * Split @buf into words: whitespace separates them, `#` at the start of a
 * word starts a comment, `[` and `]` are words of their own, "..." is one
 * word (\" and \\ escape). Returns false after recording an error.
 */
static bool lex_line(struct pstate *ps, const char *buf, size_t *cap)
{
	const char *p = buf;

	free_toks(ps);
	for (;;) {
		struct tok *t;
		const char *start;
		char *o;

		while (*p && isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			return true;
		t = ARRAY_PUSH(ps->t, ps->n, *cap);
		t->col = p - buf + 1;
		if (*p == '[' || *p == ']') {
			t->kind = *p == '[' ? TOK_LBRACK : TOK_RBRACK;
			t->s = xstrdup(*p == '[' ? "[" : "]");
			t->end = t->col + 1;
			p++;
			continue;
		}
		t->kind = TOK_WORD;
		start = p;
		if (*p != '"') {
			while (*p && !isspace((unsigned char)*p) && *p != '[' &&
			       *p != ']')
				p++;
			t->s = xmalloc(p - start + 1);
			memcpy(t->s, start, p - start);
			t->s[p - start] = '\0';
			t->end = p - buf + 1;
			continue;
		}
		o = t->s = xmalloc(strlen(p) + 1);
		for (p++; *p && *p != '"'; p++) {
			if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
				p++;
			*o++ = *p;
		}
		*o = '\0';
		if (!*p) {
			perr(ps, t->col, "unterminated quoted string");
			return false;
		}
		p++;
		t->end = p - buf + 1;
		if (*p && !isspace((unsigned char)*p) && *p != '[' &&
		    *p != ']' && *p != '#') {
			perr(ps, p - buf + 1,
			     "missing space after a quoted string");
			return false;
		}
	}
}

/* Checks that need the whole file. */
static void validate(struct pstate *ps)
{
	struct fs_config *cfg = ps->cfg;
	static const char *const missing[] = {
		"match source-address", "match destination-address",
		"match application",
	};
	size_t i;

	if (!ps->statements) {
		fs_diag_add(ps->d, 1, 1, "empty configuration");
		return;
	}
	for (i = 0; i < cfg->n_zones; i++) {
		struct fs_cfg_zone *z = &cfg->zones[i];

		if (z->screen && !fs_config_screen(cfg, z->screen, false))
			fs_diag_add(ps->d, z->screen_line, z->screen_col,
				    "unknown screen '%s'", z->screen);
	}
	for (i = 0; i < cfg->n_policies; i++) {
		struct fs_cfg_policy *p = &cfg->policies[i];
		bool has[3] = { p->match_src, p->match_dst, p->match_app };
		int m;

		if (!fs_config_zone(cfg, p->from, false))
			fs_diag_add(ps->d, p->line, p->from_col,
				    "unknown zone '%s'", p->from);
		if (!fs_config_zone(cfg, p->to, false))
			fs_diag_add(ps->d, p->line, p->to_col,
				    "unknown zone '%s'", p->to);
		if (p->broken)
			continue;
		for (m = 0; m < 3; m++)
			if (!has[m])
				fs_diag_add(ps->d, p->line, p->col,
					    "policy '%s' has no '%s'", p->name,
					    missing[m]);
		if (p->action < 0)
			fs_diag_add(ps->d, p->line, p->col,
				    "policy '%s' has no 'then' action",
				    p->name);
	}
	fs_book_validate(cfg, ps->d);
	fs_nat_validate(cfg, ps->d);
	/* "any" among names is any. */
	for (i = 0; i < cfg->n_policies; i++) {
		struct fs_cfg_policy *p = &cfg->policies[i];
		int m;

		for (m = 0; m < FS_MATCH_N; m++) {
			size_t j;

			if (!p->match_any[m])
				continue;
			for (j = 0; j < p->n_match[m]; j++)
				free(p->match[m][j].name);
			p->n_match[m] = 0;
		}
	}
}

/* ------------------------------------------------------------------ */
/* The helpers, for the parsers of statement families (config_parse.h) */

void fs_p_err(struct pstate *ps, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vperr(ps, col, fmt, ap);
	va_end(ap);
}

const struct tok *fs_p_cur(struct pstate *ps)
{
	return cur(ps);
}

int fs_p_end_col(struct pstate *ps)
{
	return end_col(ps);
}

int fs_p_keyword(struct pstate *ps, const char *const *kws, size_t n,
		 const char *value_of)
{
	return keyword(ps, kws, n, value_of);
}

const struct tok *fs_p_value(struct pstate *ps, const char *what)
{
	return value(ps, what);
}

void fs_p_values(struct pstate *ps, const char *what, fs_p_value_fn fn,
		 void *arg)
{
	values(ps, what, fn, arg);
}

bool fs_p_at_end(struct pstate *ps)
{
	return at_end(ps);
}

bool fs_p_check_name(struct pstate *ps, const struct tok *t, const char *what)
{
	return check_name(ps, t, what);
}

bool fs_p_check_ifname(struct pstate *ps, const struct tok *t)
{
	return check_ifname(ps, t);
}

bool fs_p_number(struct pstate *ps, const char *what, uint32_t lo, uint32_t hi,
		 uint32_t *out)
{
	return number(ps, what, lo, hi, out);
}

int fs_config_parse(FILE *in, struct fs_config *cfg, struct fs_diags *d)
{
	struct pstate ps = { .cfg = cfg, .d = d };
	size_t cap = 0, linecap = 0;
	char *buf = NULL;
	ssize_t len;

	while ((len = getline(&buf, &linecap, in)) >= 0) {
		ps.line++;
		while (len > 0 &&
		       (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			buf[--len] = '\0';
		ps.err = false;
		ps.i = 0;
		if (!lex_line(&ps, buf, &cap)) {
			ps.statements++;
			continue;
		}
		if (!ps.n)
			continue;
		ps.statements++;
		parse_statement(&ps);
	}
	validate(&ps);
	free_toks(&ps);
	free(ps.t);
	free(ps.policies.slot);
	free(buf);
	return d->n;
}

int fs_config_parse_string(const char *text, struct fs_config *cfg,
			   struct fs_diags *d)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	if (!f) {
		fs_diag_add(d, 1, 1, "cannot read the configuration");
		return d->n;
	}
	ret = fs_config_parse(f, cfg, d);
	fclose(f);
	return ret;
}
