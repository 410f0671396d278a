/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration model: what one `flowstat load` hands the kernel and
 * what `flowstat show configuration` reads back. The parser builds it from
 * set statements (config_parse.c), config_nl.c converts it to and from
 * netlink, config_print.c prints it as canonical set statements.
 */
#ifndef FLOWSTAT_CONFIG_H
#define FLOWSTAT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct fs_cfg_iface {
	char *name;		/* as written: Linux name or alias, maybe ".0" */
	uint32_t services;	/* enum flowstat_service bits */
	uint32_t protocols;	/* enum flowstat_protocol bits */
	/*
	 * The interface has host-inbound statements of its own: its services
	 * and protocols (both) replace the zone's, as on the gateways.
	 */
	bool own;
	int line, col;		/* parser only: first binding */
};

struct fs_cfg_zone {
	char *name;
	uint32_t services;
	uint32_t protocols;
	struct fs_cfg_iface *ifaces;
	size_t n_ifaces, cap_ifaces;
	int line, col;		/* parser only: first statement */
	char *screen;		/* ids-option name, NULL for none */
	bool tcp_rst;
	int screen_line, screen_col;	/* parser only */
};

/* set security screen ids-option NAME ... (config_screen.c) */
struct fs_cfg_screen {
	char *name;
	bool ip_spoofing;
	bool syn_flood;
	/* tcp syn-flood values, 0 where not set (the defaults apply) */
	uint32_t syn_attack, syn_source, syn_dest, syn_timeout;
	int line, col;		/* parser only: first statement */
};

struct fs_cfg_policy {
	char *name;
	char *from;
	char *to;
	int action;		/* enum flowstat_action, -1 while unset */
	bool match_src, match_dst, match_app;	/* all "any" for now */
	/* parser only */
	int line, col;		/* first statement, policy name */
	int from_col, to_col;	/* of that statement */
	int action_line;
	bool broken;		/* a statement of it had an error */
};

struct fs_config {
	int default_policy;	/* FLOWSTAT_ACTION_DENY or _PERMIT */
	struct fs_cfg_zone *zones;
	size_t n_zones, cap_zones;
	struct fs_cfg_policy *policies;	/* in evaluation order */
	size_t n_policies, cap_policies;
	uint32_t generation;	/* from CONFIG_GET */
	int default_line;	/* parser only: 0 if never set */
	struct fs_cfg_screen *screens;
	size_t n_screens, cap_screens;
};

void fs_config_init(struct fs_config *cfg);
void fs_config_free(struct fs_config *cfg);

struct fs_cfg_zone *fs_config_zone(struct fs_config *cfg, const char *name,
				   bool create);
struct fs_cfg_iface *fs_zone_iface(struct fs_cfg_zone *zone,
				   const char *name, bool create);
/* The zone @name is bound to, comparing names without a ".0" unit. */
struct fs_cfg_zone *fs_config_iface_zone(struct fs_config *cfg,
					 const char *name);
struct fs_cfg_policy *fs_config_policy(struct fs_config *cfg,
				       const char *name);
struct fs_cfg_policy *fs_config_add_policy(struct fs_config *cfg,
					   const char *name, const char *from,
					   const char *to);
struct fs_cfg_screen *fs_config_screen(struct fs_config *cfg,
				       const char *name, bool create);
void fs_config_screens_free(struct fs_config *cfg);
bool fs_config_screens_equal(const struct fs_config *a,
			     const struct fs_config *b);
void fs_config_write_screens(const struct fs_config *cfg, FILE *out);
void fs_config_json_screens(const struct fs_config *cfg);
/* The default of each syn-flood value, as on the gateways. */
#define FS_SYN_DEF_ATTACK	200
#define FS_SYN_DEF_SOURCE	4000
#define FS_SYN_DEF_DEST		4000
#define FS_SYN_DEF_TIMEOUT	20

/* Same state (parser-only fields are ignored). */
bool fs_config_equal(const struct fs_config *a, const struct fs_config *b);
/* Interface names equal up to a ".0" unit suffix. */
bool fs_ifname_equal(const char *a, const char *b);

/* Diagnostics of a parse: FILE:LINE:COLUMN: error: MESSAGE. */
struct fs_diag {
	int line, col;
	char *msg;
};

struct fs_diags {
	const char *file;	/* as printed: path or "<stdin>" */
	struct fs_diag *v;
	size_t n, cap;
};

#define FS_DIAGS_PRINT_MAX 20

void fs_diag_add(struct fs_diags *d, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Sort by position and print at most FS_DIAGS_PRINT_MAX of them. */
void fs_diags_print(struct fs_diags *d, FILE *out);
void fs_diags_free(struct fs_diags *d);

/*
 * Parse and validate a whole file into @cfg (initialised by the caller).
 * Returns the number of errors recorded in @d (d->file must be set).
 */
int fs_config_parse(FILE *in, struct fs_config *cfg, struct fs_diags *d);
int fs_config_parse_string(const char *text, struct fs_config *cfg,
			   struct fs_diags *d);

/* Canonical set statements that load back to the same state. */
void fs_config_write_set(const struct fs_config *cfg, FILE *out);
/* JSON form (print.h, JSON mode). */
void fs_config_print_json(const struct fs_config *cfg);

#endif /* FLOWSTAT_CONFIG_H */
