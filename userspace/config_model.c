// SPDX-License-Identifier: GPL-2.0
/* The configuration model: lookups, construction, comparison. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <linux/flowstat.h>

#include "config.h"
#include "util.h"

void fs_config_init(struct fs_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->default_policy = FLOWSTAT_ACTION_DENY;
}

void fs_config_free(struct fs_config *cfg)
{
	size_t i, j;

	for (i = 0; i < cfg->n_zones; i++) {
		for (j = 0; j < cfg->zones[i].n_ifaces; j++)
			free(cfg->zones[i].ifaces[j].name);
		free(cfg->zones[i].ifaces);
		free(cfg->zones[i].name);
		free(cfg->zones[i].screen);
	}
	free(cfg->zones);
	fs_book_free(cfg);
	for (i = 0; i < cfg->n_policies; i++) {
		free(cfg->policies[i].name);
		free(cfg->policies[i].from);
		free(cfg->policies[i].to);
	}
	free(cfg->policies);
	fs_config_screens_free(cfg);
	fs_config_nat_free(cfg);
	fs_config_init(cfg);
}

struct fs_cfg_zone *fs_config_zone(struct fs_config *cfg, const char *name,
				   bool create)
{
	struct fs_cfg_zone *z;
	size_t i;

	for (i = 0; i < cfg->n_zones; i++)
		if (!strcmp(cfg->zones[i].name, name))
			return &cfg->zones[i];
	if (!create)
		return NULL;
	z = ARRAY_PUSH(cfg->zones, cfg->n_zones, cfg->cap_zones);
	z->name = xstrdup(name);
	return z;
}

/* Length of @s without a trailing ".0" unit. */
static size_t ifname_base_len(const char *s)
{
	size_t len = strlen(s);

	if (len > 2 && !strcmp(s + len - 2, ".0"))
		len -= 2;
	return len;
}

bool fs_ifname_equal(const char *a, const char *b)
{
	size_t la = ifname_base_len(a), lb = ifname_base_len(b);

	return la == lb && !memcmp(a, b, la);
}

struct fs_cfg_iface *fs_zone_iface(struct fs_cfg_zone *zone,
				   const char *name, bool create)
{
	struct fs_cfg_iface *ifc;
	size_t i;

	for (i = 0; i < zone->n_ifaces; i++)
		if (fs_ifname_equal(zone->ifaces[i].name, name))
			return &zone->ifaces[i];
	if (!create)
		return NULL;
	ifc = ARRAY_PUSH(zone->ifaces, zone->n_ifaces, zone->cap_ifaces);
	ifc->name = xstrdup(name);
	return ifc;
}

struct fs_cfg_zone *fs_config_iface_zone(struct fs_config *cfg,
					 const char *name)
{
	size_t i;

	for (i = 0; i < cfg->n_zones; i++)
		if (fs_zone_iface(&cfg->zones[i], name, false))
			return &cfg->zones[i];
	return NULL;
}

struct fs_cfg_policy *fs_config_policy(struct fs_config *cfg,
				       const char *name)
{
	size_t i;

	for (i = 0; i < cfg->n_policies; i++)
		if (!strcmp(cfg->policies[i].name, name))
			return &cfg->policies[i];
	return NULL;
}

struct fs_cfg_policy *fs_config_add_policy(struct fs_config *cfg,
					   const char *name, const char *from,
					   const char *to)
{
	struct fs_cfg_policy *p;

	p = ARRAY_PUSH(cfg->policies, cfg->n_policies, cfg->cap_policies);
	p->name = xstrdup(name);
	p->from = xstrdup(from);
	p->to = xstrdup(to);
	p->action = -1;
	return p;
}

static bool iface_equal(const struct fs_cfg_iface *a,
			const struct fs_cfg_iface *b)
{
	return !strcmp(a->name, b->name) &&
	       a->own == b->own &&
	       (!a->own || (a->services == b->services &&
			    a->protocols == b->protocols));
}

bool fs_config_equal(const struct fs_config *a, const struct fs_config *b)
{
	size_t i, j;

	if (a->default_policy != b->default_policy ||
	    memcmp(&a->flow, &b->flow, sizeof(a->flow)) ||
	    a->n_zones != b->n_zones || a->n_policies != b->n_policies ||
	    !fs_config_screens_equal(a, b) || !fs_config_nat_equal(a, b))
		return false;
	for (i = 0; i < a->n_zones; i++) {
		const struct fs_cfg_zone *za = &a->zones[i], *zb = &b->zones[i];

		if (strcmp(za->name, zb->name) ||
		    za->services != zb->services ||
		    za->protocols != zb->protocols ||
		    za->n_ifaces != zb->n_ifaces || za->tcp_rst != zb->tcp_rst ||
		    !za->screen != !zb->screen ||
		    (za->screen && strcmp(za->screen, zb->screen)))
			return false;
		for (j = 0; j < za->n_ifaces; j++)
			if (!iface_equal(&za->ifaces[j], &zb->ifaces[j]))
				return false;
	}
	for (i = 0; i < a->n_policies; i++) {
		const struct fs_cfg_policy *pa = &a->policies[i];
		const struct fs_cfg_policy *pb = &b->policies[i];

		if (strcmp(pa->name, pb->name) || strcmp(pa->from, pb->from) ||
		    strcmp(pa->to, pb->to) || pa->action != pb->action)
			return false;
	}
	return fs_book_equal(a, b);
}

void fs_diag_add(struct fs_diags *d, int line, int col, const char *fmt, ...)
{
	struct fs_diag *e;
	va_list ap;
	int ret;

	e = ARRAY_PUSH(d->v, d->n, d->cap);
	e->line = line;
	e->col = col;
	va_start(ap, fmt);
	ret = vasprintf(&e->msg, fmt, ap);
	va_end(ap);
	if (ret < 0)
		e->msg = xstrdup("out of memory");
}

static int diag_cmp(const void *pa, const void *pb)
{
	const struct fs_diag *a = pa, *b = pb;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

void fs_diags_print(struct fs_diags *d, FILE *out)
{
	size_t i;

	/* By position; an insertion sort keeps the order of ties. */
	for (i = 1; i < d->n; i++) {
		struct fs_diag tmp = d->v[i];
		size_t j = i;

		while (j > 0 && diag_cmp(&d->v[j - 1], &tmp) > 0) {
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = tmp;
	}
	for (i = 0; i < d->n && i < FS_DIAGS_PRINT_MAX; i++)
		fprintf(out, "%s:%d:%d: error: %s\n", d->file, d->v[i].line,
			d->v[i].col, d->v[i].msg);
	if (d->n > FS_DIAGS_PRINT_MAX)
		fprintf(out, "%s: too many errors (%zu), stopped after %d\n",
			d->file, d->n, FS_DIAGS_PRINT_MAX);
}

void fs_diags_free(struct fs_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].msg);
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}
