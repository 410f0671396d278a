// SPDX-License-Identifier: GPL-2.0
/*
 * Screens (set security screen ids-option ...) in the configuration model:
 * lookups, comparison, netlink, and printing back as set statements and
 * JSON. The statements themselves are parsed in config_parse.c.
 */
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/flowstat.h>

#include "config.h"
#include "config_nl.h"
#include "nl.h"
#include "print.h"
#include "util.h"

struct fs_cfg_screen *fs_config_screen(struct fs_config *cfg,
				       const char *name, bool create)
{
	struct fs_cfg_screen *s;
	size_t i;

	for (i = 0; i < cfg->n_screens; i++)
		if (!strcmp(cfg->screens[i].name, name))
			return &cfg->screens[i];
	if (!create)
		return NULL;
	s = ARRAY_PUSH(cfg->screens, cfg->n_screens, cfg->cap_screens);
	s->name = xstrdup(name);
	return s;
}

void fs_config_screens_free(struct fs_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->n_screens; i++)
		free(cfg->screens[i].name);
	free(cfg->screens);
	cfg->screens = NULL;
	cfg->n_screens = cfg->cap_screens = 0;
}

bool fs_config_screens_equal(const struct fs_config *a,
			     const struct fs_config *b)
{
	size_t i;

	if (a->n_screens != b->n_screens)
		return false;
	for (i = 0; i < a->n_screens; i++) {
		const struct fs_cfg_screen *x = &a->screens[i];
		const struct fs_cfg_screen *y = &b->screens[i];

		if (strcmp(x->name, y->name) ||
		    x->ip_spoofing != y->ip_spoofing ||
		    x->syn_flood != y->syn_flood ||
		    x->syn_attack != y->syn_attack ||
		    x->syn_source != y->syn_source ||
		    x->syn_dest != y->syn_dest ||
		    x->syn_timeout != y->syn_timeout)
			return false;
	}
	return true;
}

size_t fs_config_screens_msg_size(const struct fs_config *cfg)
{
	size_t size = 0, i;

	for (i = 0; i < cfg->n_zones; i++)
		if (cfg->zones[i].screen)
			size += nla_total_size(strlen(cfg->zones[i].screen) + 1) +
				nla_total_size(0);
	for (i = 0; i < cfg->n_screens; i++)
		size += NLA_HDRLEN +
			nla_total_size(strlen(cfg->screens[i].name) + 1) +
			2 * nla_total_size(0) + 4 * nla_total_size(4);
	return size;
}

int fs_config_put_screens(struct nl_msg *msg, const struct fs_config *cfg)
{
	struct nlattr *nest;
	size_t i;

	for (i = 0; i < cfg->n_screens; i++) {
		const struct fs_cfg_screen *s = &cfg->screens[i];

		nest = nla_nest_start(msg, FLOWSTAT_A_CFG_SCREEN);
		if (!nest ||
		    nla_put_string(msg, FLOWSTAT_A_SCREEN_NAME, s->name) ||
		    (s->ip_spoofing &&
		     nla_put_flag(msg, FLOWSTAT_A_SCREEN_IP_SPOOFING)) ||
		    (s->syn_flood &&
		     nla_put_flag(msg, FLOWSTAT_A_SCREEN_SYN_FLOOD)) ||
		    (s->syn_attack &&
		     nla_put_u32(msg, FLOWSTAT_A_SCREEN_SYN_ATTACK,
				 s->syn_attack)) ||
		    (s->syn_source &&
		     nla_put_u32(msg, FLOWSTAT_A_SCREEN_SYN_SOURCE,
				 s->syn_source)) ||
		    (s->syn_dest &&
		     nla_put_u32(msg, FLOWSTAT_A_SCREEN_SYN_DEST, s->syn_dest)) ||
		    (s->syn_timeout &&
		     nla_put_u32(msg, FLOWSTAT_A_SCREEN_SYN_TIMEOUT,
				 s->syn_timeout)))
			return -NLE_NOMEM;
		nla_nest_end(msg, nest);
	}
	return 0;
}

/* The zone's screen and tcp-rst, inside its ZONE nest. */
int fs_config_put_zone_screen(struct nl_msg *msg, const struct fs_cfg_zone *z)
{
	if (z->screen && nla_put_string(msg, FLOWSTAT_A_ZONE_SCREEN, z->screen))
		return -NLE_NOMEM;
	if (z->tcp_rst && nla_put_flag(msg, FLOWSTAT_A_ZONE_TCP_RST))
		return -NLE_NOMEM;
	return 0;
}

void fs_config_get_zone_screen(struct fs_cfg_zone *z, struct nlattr *a)
{
	char name[FLOWSTAT_NAME_MAX] = "";

	switch (nla_type(a)) {
	case FLOWSTAT_A_ZONE_SCREEN:
		fs_nla_str(a, name, sizeof(name));
		free(z->screen);
		z->screen = name[0] ? xstrdup(name) : NULL;
		break;
	case FLOWSTAT_A_ZONE_TCP_RST:
		z->tcp_rst = true;
		break;
	}
}

void fs_config_get_screen(struct fs_config *cfg, struct nlattr *nest)
{
	char name[FLOWSTAT_NAME_MAX] = "";
	struct fs_cfg_screen *s;
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) == FLOWSTAT_A_SCREEN_NAME)
			fs_nla_str(a, name, sizeof(name));
	if (!name[0])
		return;
	s = fs_config_screen(cfg, name, true);
	nla_for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_SCREEN_IP_SPOOFING:
			s->ip_spoofing = true;
			break;
		case FLOWSTAT_A_SCREEN_SYN_FLOOD:
			s->syn_flood = true;
			break;
		case FLOWSTAT_A_SCREEN_SYN_ATTACK:
			s->syn_attack = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_SCREEN_SYN_SOURCE:
			s->syn_source = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_SCREEN_SYN_DEST:
			s->syn_dest = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_SCREEN_SYN_TIMEOUT:
			s->syn_timeout = fs_nla_u32(a);
			break;
		}
	}
}

void fs_config_write_screens(const struct fs_config *cfg, FILE *out)
{
	static const char *const kw[] = {
		"attack-threshold", "source-threshold",
		"destination-threshold", "timeout",
	};
	size_t i, k;

	for (i = 0; i < cfg->n_screens; i++) {
		const struct fs_cfg_screen *s = &cfg->screens[i];
		const uint32_t v[] = { s->syn_attack, s->syn_source,
				       s->syn_dest, s->syn_timeout };
		const char *p = "set security screen ids-option";
		bool any = false;

		if (s->ip_spoofing)
			fprintf(out, "%s %s ip spoofing\n", p, s->name);
		for (k = 0; k < 4; k++) {
			if (!v[k])
				continue;
			fprintf(out, "%s %s tcp syn-flood %s %u\n", p, s->name,
				kw[k], v[k]);
			any = true;
		}
		if (s->syn_flood && !any)
			fprintf(out, "%s %s tcp syn-flood\n", p, s->name);
		if (!s->ip_spoofing && !s->syn_flood)
			fprintf(out, "%s %s\n", p, s->name);
	}
}

void fs_config_json_screens(const struct fs_config *cfg)
{
	size_t i;

	open_json_array("screens");
	for (i = 0; i < cfg->n_screens; i++) {
		const struct fs_cfg_screen *s = &cfg->screens[i];

		open_json_object(NULL);
		print_string(PRINT_JSON, "name", NULL, s->name);
		print_bool(PRINT_JSON, "ip_spoofing", NULL, s->ip_spoofing);
		if (s->syn_flood) {
			open_json_object("syn_flood");
			print_u64(PRINT_JSON, "attack_threshold", NULL,
				   s->syn_attack ?: FS_SYN_DEF_ATTACK);
			print_u64(PRINT_JSON, "source_threshold", NULL,
				   s->syn_source ?: FS_SYN_DEF_SOURCE);
			print_u64(PRINT_JSON, "destination_threshold", NULL,
				   s->syn_dest ?: FS_SYN_DEF_DEST);
			print_u64(PRINT_JSON, "timeout", NULL,
				   s->syn_timeout ?: FS_SYN_DEF_TIMEOUT);
			close_json_object();
		}
		close_json_object();
	}
	close_json_array();
}
