// SPDX-License-Identifier: GPL-2.0
/*
 * The address book and applications in the configuration model: lookups
 * by name (hashed: rule sets have 100,000 entries), prefixes, the table of
 * predefined junos-* applications, and the whole-file checks (unknown
 * names, cycles, incomplete applications).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <linux/flowstat.h>

#include "config.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* Name index: (kind, name) -> position in its array                   */

enum { K_ADDR, K_ASET, K_APP, K_APPSET, K_N };

struct fs_book_ix {
	size_t *slot[K_N]; /* position + 1; 0 is empty */
	size_t size[K_N], used[K_N];
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static const char *obj_name(const struct fs_config *cfg, int k, size_t i)
{
	switch (k) {
	case K_ADDR:
		return cfg->addresses[i].name;
	case K_ASET:
		return cfg->asets[i].name;
	case K_APP:
		return cfg->apps[i].name;
	default:
		return cfg->appsets[i].name;
	}
}

static size_t obj_count(const struct fs_config *cfg, int k)
{
	switch (k) {
	case K_ADDR:
		return cfg->n_addresses;
	case K_ASET:
		return cfg->n_asets;
	case K_APP:
		return cfg->n_apps;
	default:
		return cfg->n_appsets;
	}
}

static void ix_insert(struct fs_config *cfg, int k, size_t pos)
{
	struct fs_book_ix *ix = cfg->book_ix;
	size_t h, i;

	if ((ix->used[k] + 1) * 2 > ix->size[k]) {
		free(ix->slot[k]);
		ix->size[k] = ix->size[k] ? ix->size[k] * 2 : 64;
		ix->slot[k] = xzalloc(ix->size[k] * sizeof(size_t));
		ix->used[k] = 0;
		for (i = 0; i < obj_count(cfg, k); i++)
			if (i != pos)
				ix_insert(cfg, k, i);
	}
	h = hash_str(obj_name(cfg, k, pos)) & (ix->size[k] - 1);
	while (ix->slot[k][h])
		h = (h + 1) & (ix->size[k] - 1);
	ix->slot[k][h] = pos + 1;
	ix->used[k]++;
}

static long ix_find(struct fs_config *cfg, int k, const char *name)
{
	struct fs_book_ix *ix = cfg->book_ix;
	size_t h;

	if (!ix || !ix->size[k])
		return -1;
	h = hash_str(name) & (ix->size[k] - 1);
	while (ix->slot[k][h]) {
		size_t pos = ix->slot[k][h] - 1;

		if (!strcmp(obj_name(cfg, k, pos), name))
			return pos;
		h = (h + 1) & (ix->size[k] - 1);
	}
	return -1;
}

static void ix_added(struct fs_config *cfg, int k)
{
	if (!cfg->book_ix)
		cfg->book_ix = xzalloc(sizeof(*cfg->book_ix));
	ix_insert(cfg, k, obj_count(cfg, k) - 1);
}

struct fs_cfg_address *fs_config_address(struct fs_config *cfg,
					 const char *name, bool create)
{
	long i = ix_find(cfg, K_ADDR, name);
	struct fs_cfg_address *a;

	if (i >= 0)
		return &cfg->addresses[i];
	if (!create)
		return NULL;
	a = ARRAY_PUSH(cfg->addresses, cfg->n_addresses, cfg->cap_addresses);
	a->name = xstrdup(name);
	ix_added(cfg, K_ADDR);
	return &cfg->addresses[cfg->n_addresses - 1];
}

struct fs_cfg_set *fs_config_aset(struct fs_config *cfg, const char *name,
				  bool create)
{
	long i = ix_find(cfg, K_ASET, name);
	struct fs_cfg_set *s;

	if (i >= 0)
		return &cfg->asets[i];
	if (!create)
		return NULL;
	s = ARRAY_PUSH(cfg->asets, cfg->n_asets, cfg->cap_asets);
	s->name = xstrdup(name);
	ix_added(cfg, K_ASET);
	return &cfg->asets[cfg->n_asets - 1];
}

struct fs_cfg_app *fs_config_app(struct fs_config *cfg, const char *name,
				 bool create)
{
	long i = ix_find(cfg, K_APP, name);
	struct fs_cfg_app *a;

	if (i >= 0)
		return &cfg->apps[i];
	if (!create)
		return NULL;
	a = ARRAY_PUSH(cfg->apps, cfg->n_apps, cfg->cap_apps);
	a->name = xstrdup(name);
	a->proto = -1;
	a->icmp_type = -1;
	ix_added(cfg, K_APP);
	return &cfg->apps[cfg->n_apps - 1];
}

struct fs_cfg_set *fs_config_appset(struct fs_config *cfg, const char *name,
				    bool create)
{
	long i = ix_find(cfg, K_APPSET, name);
	struct fs_cfg_set *s;

	if (i >= 0)
		return &cfg->appsets[i];
	if (!create)
		return NULL;
	s = ARRAY_PUSH(cfg->appsets, cfg->n_appsets, cfg->cap_appsets);
	s->name = xstrdup(name);
	ix_added(cfg, K_APPSET);
	return &cfg->appsets[cfg->n_appsets - 1];
}

void fs_ref_add(struct fs_cfg_ref **v, size_t *n, size_t *cap, const char *name,
		int line, int col)
{
	struct fs_cfg_ref *r = grow(v, n, cap, sizeof(**v));

	r->name = xstrdup(name);
	r->line = line;
	r->col = col;
}

static void refs_free(struct fs_cfg_ref *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

static void sets_free(struct fs_cfg_set *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(s[i].name);
		refs_free(s[i].members, s[i].n_members);
	}
	free(s);
}

/* Frees the book part of @cfg (policies' refs are freed with them). */
void fs_book_free(struct fs_config *cfg)
{
	size_t i;
	int k;

	for (i = 0; i < cfg->n_addresses; i++)
		free(cfg->addresses[i].name);
	free(cfg->addresses);
	for (i = 0; i < cfg->n_apps; i++)
		free(cfg->apps[i].name);
	free(cfg->apps);
	sets_free(cfg->asets, cfg->n_asets);
	sets_free(cfg->appsets, cfg->n_appsets);
	for (i = 0; i < cfg->n_policies; i++)
		for (k = 0; k < FS_MATCH_N; k++)
			refs_free(cfg->policies[i].match[k],
				  cfg->policies[i].n_match[k]);
	if (cfg->book_ix)
		for (k = 0; k < K_N; k++)
			free(cfg->book_ix->slot[k]);
	free(cfg->book_ix);
}

static bool refs_equal(const struct fs_cfg_ref *a, size_t na,
		       const struct fs_cfg_ref *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (strcmp(a[i].name, b[i].name))
			return false;
	return true;
}

static bool sets_equal(const struct fs_cfg_set *a, const struct fs_cfg_set *b,
		       size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(a[i].name, b[i].name) ||
		    a[i].predefined != b[i].predefined ||
		    !refs_equal(a[i].members, a[i].n_members, b[i].members,
				b[i].n_members))
			return false;
	return true;
}

/* Book objects and policy matches equal (the rest: fs_config_equal). */
bool fs_book_equal(const struct fs_config *a, const struct fs_config *b)
{
	size_t i;
	int k;

	if (a->n_addresses != b->n_addresses || a->n_asets != b->n_asets ||
	    a->n_apps != b->n_apps || a->n_appsets != b->n_appsets ||
	    a->n_policies != b->n_policies)
		return false;
	for (i = 0; i < a->n_addresses; i++) {
		const struct fs_cfg_address *x = &a->addresses[i];
		const struct fs_cfg_address *y = &b->addresses[i];

		if (strcmp(x->name, y->name) || x->family != y->family ||
		    x->plen != y->plen || memcmp(x->addr, y->addr, 16))
			return false;
	}
	for (i = 0; i < a->n_apps; i++) {
		const struct fs_cfg_app *x = &a->apps[i], *y = &b->apps[i];

		if (strcmp(x->name, y->name) || x->proto != y->proto ||
		    x->predefined != y->predefined ||
		    x->icmp_type != y->icmp_type ||
		    x->has_dport != y->has_dport ||
		    x->has_sport != y->has_sport ||
		    (x->has_dport && memcmp(x->dport, y->dport, 4)) ||
		    (x->has_sport && memcmp(x->sport, y->sport, 4)))
			return false;
	}
	if (!sets_equal(a->asets, b->asets, a->n_asets) ||
	    !sets_equal(a->appsets, b->appsets, a->n_appsets))
		return false;
	for (i = 0; i < a->n_policies; i++) {
		const struct fs_cfg_policy *x = &a->policies[i];
		const struct fs_cfg_policy *y = &b->policies[i];

		if (x->count != y->count)
			return false;
		for (k = 0; k < FS_MATCH_N; k++)
			if (!refs_equal(x->match[k], x->n_match[k], y->match[k],
					y->n_match[k]))
				return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Prefixes                                                            */

bool fs_parse_addr_plen(const char *s, struct fs_cfg_address *a,
			const char **why)
{
	char buf[64], *slash, *end;
	int max;
	long n;

	if (strlen(s) >= sizeof(buf)) {
		*why = "too long";
		return false;
	}
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash)
		*slash = '\0';
	memset(a->addr, 0, sizeof(a->addr));
	if (inet_pton(AF_INET, buf, a->addr) == 1) {
		a->family = AF_INET;
		max = 32;
	} else if (inet_pton(AF_INET6, buf, a->addr) == 1) {
		a->family = AF_INET6;
		max = 128;
	} else {
		*why = "not an IPv4 or IPv6 address";
		return false;
	}
	a->plen = max;
	if (slash) {
		if (!slash[1] || slash[1] < '0' || slash[1] > '9') {
			*why = "prefix length is not a number";
			return false;
		}
		n = strtol(slash + 1, &end, 10);
		if (*end || n > max) {
			*why = max == 32 ? "prefix length must be 0 to 32" :
					   "prefix length must be 0 to 128";
			return false;
		}
		a->plen = n;
	}
	return true;
}

bool fs_parse_prefix(const char *s, struct fs_cfg_address *a, const char **why)
{
	int max, i;

	if (!fs_parse_addr_plen(s, a, why))
		return false;
	max = a->family == AF_INET ? 32 : 128;
	for (i = a->plen; i < max; i++)
		if (a->addr[i / 8] & (0x80 >> (i % 8))) {
			*why = "address has bits set past the prefix length";
			return false;
		}
	return true;
}

void fs_format_prefix(const struct fs_cfg_address *a, char *buf, size_t len)
{
	char tmp[INET6_ADDRSTRLEN];

	inet_ntop(a->family, a->addr, tmp, sizeof(tmp));
	snprintf(buf, len, "%s/%d", tmp, a->plen);
}

/* ------------------------------------------------------------------ */
/* Predefined applications (flowstat.8 lists them)                     */

#define TCP(n, p)                                                      \
	{                                                              \
		.name = n, .proto = IPPROTO_TCP, .has_dport = true,    \
		.dport = { p, p }, .icmp_type = -1, .predefined = true \
	}
#define UDP(n, p)                                                      \
	{                                                              \
		.name = n, .proto = IPPROTO_UDP, .has_dport = true,    \
		.dport = { p, p }, .icmp_type = -1, .predefined = true \
	}
#define PROTO(n, p, t)                                                    \
	{                                                                 \
		.name = n, .proto = p, .icmp_type = t, .predefined = true \
	}

static const struct fs_cfg_app predefined[] = {
	TCP("junos-ftp", 21),
	TCP("junos-ssh", 22),
	TCP("junos-telnet", 23),
	TCP("junos-smtp", 25),
	UDP("junos-dns-udp", 53),
	TCP("junos-dns-tcp", 53),
	UDP("junos-dhcp-server", 67),
	UDP("junos-dhcp-client", 68),
	UDP("junos-tftp", 69),
	TCP("junos-http", 80),
	TCP("junos-pop3", 110),
	UDP("junos-ntp", 123),
	TCP("junos-imap", 143),
	UDP("junos-snmp-get", 161),
	UDP("junos-snmp-trap", 162),
	TCP("junos-bgp", 179),
	TCP("junos-ldap", 389),
	TCP("junos-https", 443),
	TCP("junos-smb", 445),
	UDP("junos-ike", 500),
	UDP("junos-syslog", 514),
	TCP("junos-smtps", 465),
	TCP("junos-imaps", 993),
	TCP("junos-pop3s", 995),
	UDP("junos-radius", 1812),
	UDP("junos-radacct", 1813),
	TCP("junos-mysql", 3306),
	TCP("junos-rdp", 3389),
	UDP("junos-ike-nat", 4500),
	PROTO("junos-ping", IPPROTO_ICMP, 8),
	PROTO("junos-pingv6", IPPROTO_ICMPV6, 128),
	PROTO("junos-icmp-all", IPPROTO_ICMP, -1),
	PROTO("junos-icmp6-all", IPPROTO_ICMPV6, -1),
	PROTO("junos-gre", IPPROTO_GRE, -1),
	PROTO("junos-ospf", 89, -1),
};

const struct fs_cfg_app *fs_predefined_app(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(predefined); i++)
		if (!strcmp(predefined[i].name, name))
			return &predefined[i];
	return NULL;
}

const struct fs_cfg_app *fs_predefined_apps(size_t *n)
{
	*n = ARRAY_SIZE(predefined);
	return predefined;
}

const char *fs_proto_name(int proto, char *buf, size_t len)
{
	switch (proto) {
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_ICMP:
		return "icmp";
	case IPPROTO_ICMPV6:
		return "icmp6";
	}
	snprintf(buf, len, "%d", proto);
	return buf;
}

/* ------------------------------------------------------------------ */
/* Whole-file checks                                                   */

static bool proto_has_ports(int p)
{
	return p == IPPROTO_TCP || p == IPPROTO_UDP ||
	       p == 136 /* UDP-Lite */ || p == IPPROTO_SCTP ||
	       p == IPPROTO_DCCP;
}

/* Is @name an application (user's or predefined) or application set? */
static bool app_known(struct fs_config *cfg, const char *name)
{
	const struct fs_cfg_app *pre;
	struct fs_cfg_app *a;

	if (fs_config_app(cfg, name, false) ||
	    fs_config_appset(cfg, name, false))
		return true;
	pre = fs_predefined_app(name);
	if (!pre)
		return false;
	/* First use of a predefined one: it joins the model, marked. */
	a = fs_config_app(cfg, name, true);
	a->proto = pre->proto;
	a->has_dport = pre->has_dport;
	a->dport[0] = pre->dport[0];
	a->dport[1] = pre->dport[1];
	a->icmp_type = pre->icmp_type;
	a->predefined = true;
	return true;
}

static bool addr_known(struct fs_config *cfg, const char *name)
{
	return fs_config_address(cfg, name, false) ||
	       fs_config_aset(cfg, name, false);
}

/* Depth-first: does set @s (of @sets) reach itself? */
static bool set_cycle(struct fs_config *cfg, struct fs_cfg_set *s, bool app,
		      struct fs_diags *d, const struct fs_cfg_set *root)
{
	size_t i;

	if (s->state == 2)
		return false;
	if (s->state == 1) {
		if (s == root)
			fs_diag_add(d, s->line, s->col,
				    "%s '%s' contains itself",
				    app ? "application-set" : "address-set",
				    s->name);
		else
			fs_diag_add(
				d, s->line, s->col,
				"%s '%s' contains itself (reached from '%s')",
				app ? "application-set" : "address-set",
				s->name, root->name);
		return true;
	}
	s->state = 1;
	for (i = 0; i < s->n_members; i++) {
		struct fs_cfg_set *sub;

		sub = app ? fs_config_appset(cfg, s->members[i].name, false) :
			    fs_config_aset(cfg, s->members[i].name, false);
		if (sub && set_cycle(cfg, sub, app, d, root))
			return true;
	}
	s->state = 2;
	return false;
}

void fs_book_validate(struct fs_config *cfg, struct fs_diags *d)
{
	size_t i, j, n_user_apps = cfg->n_apps;
	int k;

	for (i = 0; i < cfg->n_addresses; i++)
		if (fs_config_aset(cfg, cfg->addresses[i].name, false))
			fs_diag_add(
				d, cfg->addresses[i].line,
				cfg->addresses[i].col,
				"'%s' is both an address and an address-set",
				cfg->addresses[i].name);
	for (i = 0; i < n_user_apps; i++) {
		struct fs_cfg_app *a = &cfg->apps[i];

		if (fs_config_appset(cfg, a->name, false))
			fs_diag_add(
				d, a->line, a->col,
				"'%s' is both an application and an application-set",
				a->name);
		if (a->broken)
			continue;
		if (a->proto < 0) {
			fs_diag_add(d, a->line, a->col,
				    "application '%s' has no 'protocol'",
				    a->name);
			continue;
		}
		if ((a->has_dport || a->has_sport) &&
		    !proto_has_ports(a->proto))
			fs_diag_add(
				d, a->line, a->col,
				"application '%s': ports need protocol tcp, udp or another protocol with ports",
				a->name);
		if (a->icmp_type >= 0 && a->proto != IPPROTO_ICMP &&
		    a->proto != IPPROTO_ICMPV6)
			fs_diag_add(
				d, a->line, a->col,
				"application '%s': icmp-type needs protocol icmp or icmp6",
				a->name);
	}
	for (i = 0; i < cfg->n_asets; i++)
		for (j = 0; j < cfg->asets[i].n_members; j++) {
			const struct fs_cfg_ref *r = &cfg->asets[i].members[j];

			if (!addr_known(cfg, r->name))
				fs_diag_add(
					d, r->line, r->col,
					"unknown address or address-set '%s'",
					r->name);
		}
	for (i = 0; i < cfg->n_appsets; i++)
		for (j = 0; j < cfg->appsets[i].n_members; j++) {
			const struct fs_cfg_ref *r =
				&cfg->appsets[i].members[j];

			if (!app_known(cfg, r->name))
				fs_diag_add(
					d, r->line, r->col,
					"unknown application or application-set '%s'",
					r->name);
		}
	/* One cycle reported per name space is enough: the walk stops. */
	for (i = 0; i < cfg->n_asets; i++)
		cfg->asets[i].state = 0;
	for (i = 0; i < cfg->n_asets; i++)
		if (set_cycle(cfg, &cfg->asets[i], false, d, &cfg->asets[i]))
			break;
	for (i = 0; i < cfg->n_appsets; i++)
		cfg->appsets[i].state = 0;
	for (i = 0; i < cfg->n_appsets; i++)
		if (set_cycle(cfg, &cfg->appsets[i], true, d, &cfg->appsets[i]))
			break;
	for (i = 0; i < cfg->n_policies; i++) {
		struct fs_cfg_policy *p = &cfg->policies[i];

		for (k = 0; k < FS_MATCH_N; k++)
			for (j = 0; j < p->n_match[k]; j++) {
				const struct fs_cfg_ref *r = &p->match[k][j];

				if (k == FS_MATCH_APP ?
					    app_known(cfg, r->name) :
					    addr_known(cfg, r->name))
					continue;
				fs_diag_add(d, r->line, r->col,
					    k == FS_MATCH_APP ?
						    "unknown application '%s'" :
						    "unknown address '%s'",
					    r->name);
			}
	}
}
