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

/* A name used by a policy or a set; line/col: parser only. */
struct fs_cfg_ref {
	char *name;
	int line, col;
};

/* set security address-book global address NAME PREFIX */
struct fs_cfg_address {
	char *name;
	int family;		/* AF_INET or AF_INET6 */
	unsigned char addr[16];	/* network order, host bits zero */
	int plen;
	int line, col;		/* parser only: first definition */
};

/* An address-set or an application-set: members by name, in order. */
struct fs_cfg_set {
	char *name;
	struct fs_cfg_ref *members;
	size_t n_members, cap_members;
	bool predefined;	/* application sets only */
	int line, col;		/* parser only */
	int state;		/* parser only: cycle check */
};

/* set applications application NAME ... */
struct fs_cfg_app {
	char *name;
	int proto;		/* IP protocol, -1 while unset */
	bool has_dport, has_sport;
	uint16_t dport[2], sport[2];
	int icmp_type;		/* -1: any */
	bool predefined;	/* a junos-* application (not printed) */
	int line, col;		/* parser only */
	bool broken;		/* parser only: a statement of it had an error */
};

/* Match dimensions of a policy. */
enum { FS_MATCH_SRC, FS_MATCH_DST, FS_MATCH_APP, FS_MATCH_N };

struct fs_cfg_policy {
	char *name;
	char *from;
	char *to;
	int action;		/* enum flowstat_action, -1 while unset */
	bool match_src, match_dst, match_app;	/* statement seen */
	/* names per dimension (FS_MATCH_*); none means "any" */
	struct fs_cfg_ref *match[FS_MATCH_N];
	size_t n_match[FS_MATCH_N], cap_match[FS_MATCH_N];
	bool match_any[FS_MATCH_N];	/* parser only: "any" was named */
	bool count;		/* then count */
	/* parser only */
	int line, col;		/* first statement, policy name */
	int from_col, to_col;	/* of that statement */
	int action_line;
	bool broken;		/* a statement of it had an error */
};

/* `set security flow ...`: 0 (false) where not configured. */
struct fs_cfg_flow {
	uint32_t max_sessions;
	uint32_t max_minor_sessions;
	uint32_t tcp_initial_timeout;	/* seconds */
	uint32_t tcp_established_timeout;
	uint32_t udp_timeout;
	bool no_sequence_check;
};

/* ------------------------------------------------------------------ */
/* NAT: set security nat ... (config_nat*.c)                           */

/* How a NAT address set was written; it is printed back the same way. */
enum fs_nat_form {
	FS_NAT_ONE, /* one address: A */
	FS_NAT_PREFIX, /* A/N */
	FS_NAT_RANGE, /* A to B */
};

/* The addresses of a pool or a proxy-arp/-ndp statement. */
struct fs_cfg_nat_range {
	int family; /* AF_INET or AF_INET6; 0 while unset */
	enum fs_nat_form form;
	unsigned char lo[16]; /* network order */
	unsigned char hi[16]; /* FS_NAT_RANGE only */
	int plen; /* FS_NAT_PREFIX only */
};

/* set security nat (source|destination) pool NAME ... */
struct fs_cfg_nat_pool {
	char *name;
	int kind; /* FLOWSTAT_NAT_SOURCE or _DESTINATION */
	struct fs_cfg_nat_range addr;
	bool has_ports; /* source: port range LOW to HIGH */
	uint16_t port_lo, port_hi;
	bool no_xlate; /* source: port no-translation */
	bool has_port; /* destination: port PORT */
	uint16_t port;
	/* parser only: first statement, then the address and port ones */
	int line, col, addr_line, addr_col, port_line;
	bool broken; /* parser only: a statement of it had an error */
};

/*
 * A rule of a rule-set. Match entries are fs_cfg_address objects: an
 * address-book name (family 0) or a prefix (name NULL).
 */
struct fs_cfg_nat_rule {
	char *name;
	struct fs_cfg_address *src, *dst;
	size_t n_src, cap_src, n_dst, cap_dst;
	bool has_dport;
	uint16_t dport[2];
	int action; /* enum flowstat_nat_action, -1 while unset */
	char *pool; /* FLOWSTAT_NAT_ACTION_POOL */
	struct fs_cfg_address prefix; /* FLOWSTAT_NAT_ACTION_PREFIX */
	/* parser only */
	int line, col; /* first statement, rule name */
	int action_line, pool_line, pool_col;
	bool broken; /* a statement of it had an error */
};

/* A rule-set: one kind, one zone context, rules in order. */
struct fs_cfg_nat_ruleset {
	char *name;
	int kind; /* enum flowstat_nat_kind */
	char *from;
	char *to; /* source rule-sets only, else NULL */
	struct fs_cfg_nat_rule *rules;
	size_t n_rules, cap_rules;
	int line, from_col, to_col; /* parser only */
};

/* set security nat (proxy-arp|proxy-ndp) interface IF address ... */
struct fs_cfg_nat_proxy {
	char *iface;
	struct fs_cfg_nat_range addr; /* its family: arp or ndp */
};

struct fs_cfg_nat {
	struct fs_cfg_nat_pool *pools; /* in order of appearance */
	size_t n_pools, cap_pools;
	struct fs_cfg_nat_ruleset *rulesets; /* in order of appearance */
	size_t n_rulesets, cap_rulesets;
	struct fs_cfg_nat_proxy *proxies;
	size_t n_proxies, cap_proxies;
};

struct fs_config {
	int default_policy;
	struct fs_cfg_flow flow;	/* FLOWSTAT_ACTION_DENY or _PERMIT */
	struct fs_cfg_zone *zones;
	size_t n_zones, cap_zones;
	struct fs_cfg_policy *policies;	/* in evaluation order */
	size_t n_policies, cap_policies;
	struct fs_cfg_address *addresses;
	size_t n_addresses, cap_addresses;
	struct fs_cfg_set *asets;
	size_t n_asets, cap_asets;
	struct fs_cfg_app *apps;	/* user's, then predefined ones used */
	size_t n_apps, cap_apps;
	struct fs_cfg_set *appsets;
	size_t n_appsets, cap_appsets;
	struct fs_book_ix *book_ix;	/* name index of the four above */
	uint32_t generation;	/* from CONFIG_GET */
	int default_line;	/* parser only: 0 if never set */
	struct fs_cfg_screen *screens;
	size_t n_screens, cap_screens;
	struct fs_cfg_nat nat;
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
struct fs_diags;
struct fs_cfg_nat_pool *fs_nat_pool(struct fs_config *cfg, int kind,
				    const char *name, bool create);
struct fs_cfg_nat_ruleset *fs_nat_ruleset(struct fs_config *cfg, int kind,
					  const char *name);
struct fs_cfg_nat_ruleset *fs_nat_add_ruleset(struct fs_config *cfg, int kind,
					      const char *name,
					      const char *from, const char *to);
struct fs_cfg_nat_rule *fs_nat_rule(struct fs_cfg_nat_ruleset *rs,
				    const char *name, bool create);
void fs_nat_rule_free(struct fs_cfg_nat_rule *r);
void fs_config_nat_free(struct fs_config *cfg);
/* Same NAT state: pools and rule-sets compared per kind, in order. */
bool fs_config_nat_equal(const struct fs_config *a, const struct fs_config *b);
/* Whole-file checks: zones, pools, actions, overlaps, families. */
void fs_nat_validate(struct fs_config *cfg, struct fs_diags *d);
/* The first and last address of @r into @lo and @hi. */
void fs_nat_range_bounds(const struct fs_cfg_nat_range *r, unsigned char *lo,
			 unsigned char *hi);
/* Addresses in @r, saturated at UINT64_MAX. */
uint64_t fs_nat_range_count(const struct fs_cfg_nat_range *r);
/* "A", "A/N" or "A to B", as written in a statement. */
void fs_nat_range_format(const struct fs_cfg_nat_range *r, char *buf,
			 size_t len);
/* An address of @family, or "?" if it is not AF_INET or AF_INET6. */
const char *fs_nat_addr_str(int family, const unsigned char *addr, char *buf,
			    size_t len);
void fs_config_write_nat(const struct fs_config *cfg, FILE *out);
void fs_config_json_nat(const struct fs_config *cfg);

/* The default of each syn-flood value, as on the gateways. */
#define FS_SYN_DEF_ATTACK	200
#define FS_SYN_DEF_SOURCE	4000
#define FS_SYN_DEF_DEST		4000
#define FS_SYN_DEF_TIMEOUT	20

/* Same state (parser-only fields are ignored). */
bool fs_config_equal(const struct fs_config *a, const struct fs_config *b);
/* Interface names equal up to a ".0" unit suffix. */
bool fs_ifname_equal(const char *a, const char *b);

/* book.c: address book and applications in the model */
/* Lookups by name (hashed); @create adds a zeroed object at the end. */
struct fs_cfg_address *fs_config_address(struct fs_config *cfg,
					 const char *name, bool create);
struct fs_cfg_set *fs_config_aset(struct fs_config *cfg, const char *name,
				  bool create);
struct fs_cfg_app *fs_config_app(struct fs_config *cfg, const char *name,
				 bool create);
struct fs_cfg_set *fs_config_appset(struct fs_config *cfg, const char *name,
				    bool create);
void fs_ref_add(struct fs_cfg_ref **v, size_t *n, size_t *cap,
		const char *name, int line, int col);
void fs_book_free(struct fs_config *cfg);
bool fs_book_equal(const struct fs_config *a, const struct fs_config *b);
/* "A.B.C.D[/N]" or "X:Y::Z[/N]", host bits as given; false with a reason. */
bool fs_parse_addr_plen(const char *s, struct fs_cfg_address *a,
			const char **why);
/* The same, and bits past the prefix length must be zero. */
bool fs_parse_prefix(const char *s, struct fs_cfg_address *a,
		     const char **why);
void fs_format_prefix(const struct fs_cfg_address *a, char *buf, size_t len);
/* The predefined junos-* application @name, or NULL. */
const struct fs_cfg_app *fs_predefined_app(const char *name);
const struct fs_cfg_app *fs_predefined_apps(size_t *n);
const char *fs_proto_name(int proto, char *buf, size_t len);

struct fs_diags;
/* Whole-file checks of references, cycles and applications. */
void fs_book_validate(struct fs_config *cfg, struct fs_diags *d);

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

/* A word of a statement, quoted if the lexer would split it. */
void fs_write_word(FILE *out, const char *s);
/* Canonical set statements that load back to the same state. */
void fs_config_write_set(const struct fs_config *cfg, FILE *out);
/* JSON form (print.h, JSON mode). */
void fs_config_print_json(const struct fs_config *cfg);

#endif /* FLOWSTAT_CONFIG_H */
