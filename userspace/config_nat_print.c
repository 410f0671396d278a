// SPDX-License-Identifier: GPL-2.0
/*
 * NAT printed back: canonical set statements (source pools and rules,
 * destination pools and rules, static rules, then proxy-arp/-ndp; each in
 * configured order, one statement per value) that load to the same state,
 * and the "nat" object of `show configuration -j`.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/flowstat.h>

#include "config.h"
#include "print.h"
#include "util.h"

static const char *const kind_words[] = { "source", "destination", "static" };
static const char *const action_words[] = { "off", "interface", "pool",
					    "prefix" };

static const char *kind_word(int kind)
{
	return kind >= 0 && kind < __FLOWSTAT_NAT_KIND_MAX ? kind_words[kind] :
							     "source";
}

static const char *action_word(int action)
{
	return action >= 0 && action < __FLOWSTAT_NAT_ACTION_MAX ?
		       action_words[action] :
		       "off";
}

/* A match entry: its name, or its prefix. */
static void entry_str(const struct fs_cfg_address *e, char *buf, size_t len)
{
	if (e->name)
		snprintf(buf, len, "%s", e->name);
	else
		fs_format_prefix(e, buf, len);
}

static void write_pool(FILE *out, const struct fs_cfg_nat_pool *p)
{
	char buf[100];
	char *prefix = xasprintf("set security nat %s pool %s",
				 kind_word(p->kind), p->name);

	fs_nat_range_format(&p->addr, buf, sizeof(buf));
	if (!p->addr.family)
		fprintf(out, "%s\n", prefix);
	else if (p->has_port)
		fprintf(out, "%s address %s port %u\n", prefix, buf, p->port);
	else
		fprintf(out, "%s address %s\n", prefix, buf);
	if (p->has_ports)
		fprintf(out, "%s port range %u to %u\n", prefix, p->port_lo,
			p->port_hi);
	if (p->no_xlate)
		fprintf(out, "%s port no-translation\n", prefix);
	free(prefix);
}

static void write_entries(FILE *out, const char *prefix, const char *what,
			  const struct fs_cfg_address *v, size_t n)
{
	char buf[80];
	size_t i;

	for (i = 0; i < n; i++) {
		entry_str(&v[i], buf, sizeof(buf));
		fprintf(out, "%s match %s %s\n", prefix, what, buf);
	}
}

static void write_then(FILE *out, const char *prefix, int kind,
		       const struct fs_cfg_nat_rule *r)
{
	char buf[80];

	if (r->action < 0)
		return;
	fprintf(out, "%s then %s-nat %s", prefix, kind_word(kind),
		action_word(r->action));
	if (r->action == FLOWSTAT_NAT_ACTION_POOL)
		fprintf(out, " %s", r->pool ? r->pool : "");
	if (r->action == FLOWSTAT_NAT_ACTION_PREFIX) {
		fs_format_prefix(&r->prefix, buf, sizeof(buf));
		fprintf(out, " %s", buf);
	}
	fputc('\n', out);
}

static void write_rule(FILE *out, const struct fs_cfg_nat_ruleset *rs,
		       const struct fs_cfg_nat_rule *r)
{
	char *prefix;

	if (rs->to)
		prefix = xasprintf(
			"set security nat %s rule-set %s from zone %s to zone %s rule %s",
			kind_word(rs->kind), rs->name, rs->from, rs->to,
			r->name);
	else
		prefix = xasprintf(
			"set security nat %s rule-set %s from zone %s rule %s",
			kind_word(rs->kind), rs->name, rs->from, r->name);
	write_entries(out, prefix, "source-address", r->src, r->n_src);
	write_entries(out, prefix, "destination-address", r->dst, r->n_dst);
	if (r->has_dport && r->dport[0] == r->dport[1])
		fprintf(out, "%s match destination-port %u\n", prefix,
			r->dport[0]);
	else if (r->has_dport)
		fprintf(out, "%s match destination-port %u to %u\n", prefix,
			r->dport[0], r->dport[1]);
	write_then(out, prefix, rs->kind, r);
	free(prefix);
}

static void write_kind(FILE *out, const struct fs_cfg_nat *nat, int kind)
{
	size_t i, j;

	for (i = 0; i < nat->n_pools; i++)
		if (nat->pools[i].kind == kind)
			write_pool(out, &nat->pools[i]);
	for (i = 0; i < nat->n_rulesets; i++) {
		const struct fs_cfg_nat_ruleset *rs = &nat->rulesets[i];

		if (rs->kind != kind)
			continue;
		for (j = 0; j < rs->n_rules; j++)
			write_rule(out, rs, &rs->rules[j]);
	}
}

void fs_config_write_nat(const struct fs_config *cfg, FILE *out)
{
	const struct fs_cfg_nat *nat = &cfg->nat;
	char buf[100];
	size_t i;
	int kind;

	for (kind = 0; kind < __FLOWSTAT_NAT_KIND_MAX; kind++)
		write_kind(out, nat, kind);
	for (i = 0; i < nat->n_proxies; i++) {
		const struct fs_cfg_nat_proxy *p = &nat->proxies[i];

		fs_nat_range_format(&p->addr, buf, sizeof(buf));
		fprintf(out, "set security nat %s interface ",
			p->addr.family == AF_INET6 ? "proxy-ndp" : "proxy-arp");
		fs_write_word(out, p->iface);
		fprintf(out, " address %s\n", buf);
	}
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */

/* "address_low" and "address_high", and the prefix length if any. */
static void json_range(const struct fs_cfg_nat_range *r)
{
	unsigned char lo[16], hi[16];
	char buf[64];

	fs_nat_range_bounds(r, lo, hi);
	print_string(PRINT_JSON, "address_low", NULL,
		     fs_nat_addr_str(r->family, lo, buf, sizeof(buf)));
	print_string(PRINT_JSON, "address_high", NULL,
		     fs_nat_addr_str(r->family, hi, buf, sizeof(buf)));
	if (r->form == FS_NAT_PREFIX)
		print_u64(PRINT_JSON, "prefix_length", NULL, r->plen);
}

static void json_pool(const struct fs_cfg_nat_pool *p)
{
	open_json_object(NULL);
	print_string(PRINT_JSON, "name", NULL, p->name);
	print_string(PRINT_JSON, "kind", NULL, kind_word(p->kind));
	json_range(&p->addr);
	if (p->has_ports) {
		print_u64(PRINT_JSON, "port_low", NULL, p->port_lo);
		print_u64(PRINT_JSON, "port_high", NULL, p->port_hi);
	}
	if (p->kind == FLOWSTAT_NAT_SOURCE)
		print_bool(PRINT_JSON, "port_translation", NULL, !p->no_xlate);
	if (p->has_port)
		print_u64(PRINT_JSON, "port", NULL, p->port);
	close_json_object();
}

static void json_entries(const char *key, const struct fs_cfg_address *v,
			 size_t n)
{
	char buf[80];
	size_t i;

	open_json_array(key);
	for (i = 0; i < n; i++) {
		entry_str(&v[i], buf, sizeof(buf));
		print_string(PRINT_JSON, NULL, NULL, buf);
	}
	close_json_array();
}

static void json_rule(const struct fs_cfg_nat_ruleset *rs,
		      const struct fs_cfg_nat_rule *r)
{
	char buf[80];

	open_json_object(NULL);
	print_string(PRINT_JSON, "kind", NULL, kind_word(rs->kind));
	print_string(PRINT_JSON, "rule_set", NULL, rs->name);
	print_string(PRINT_JSON, "name", NULL, r->name);
	print_string(PRINT_JSON, "from_zone", NULL, rs->from);
	if (rs->to)
		print_string(PRINT_JSON, "to_zone", NULL, rs->to);
	json_entries("source_address", r->src, r->n_src);
	json_entries("destination_address", r->dst, r->n_dst);
	if (r->has_dport) {
		print_u64(PRINT_JSON, "destination_port_low", NULL,
			  r->dport[0]);
		print_u64(PRINT_JSON, "destination_port_high", NULL,
			  r->dport[1]);
	}
	print_string(PRINT_JSON, "action", NULL, action_word(r->action));
	if (r->action == FLOWSTAT_NAT_ACTION_POOL)
		print_string(PRINT_JSON, "pool", NULL, r->pool);
	if (r->action == FLOWSTAT_NAT_ACTION_PREFIX) {
		fs_format_prefix(&r->prefix, buf, sizeof(buf));
		print_string(PRINT_JSON, "prefix", NULL, buf);
	}
	close_json_object();
}

void fs_config_json_nat(const struct fs_config *cfg)
{
	const struct fs_cfg_nat *nat = &cfg->nat;
	size_t i, j;
	int kind;

	open_json_object("nat");
	open_json_array("pools");
	for (i = 0; i < nat->n_pools; i++)
		json_pool(&nat->pools[i]);
	close_json_array();
	open_json_array("rules");
	for (kind = 0; kind < __FLOWSTAT_NAT_KIND_MAX; kind++)
		for (i = 0; i < nat->n_rulesets; i++)
			for (j = 0; nat->rulesets[i].kind == kind &&
				    j < nat->rulesets[i].n_rules;
			     j++)
				json_rule(&nat->rulesets[i],
					  &nat->rulesets[i].rules[j]);
	close_json_array();
	open_json_array("proxies");
	for (i = 0; i < nat->n_proxies; i++) {
		const struct fs_cfg_nat_proxy *p = &nat->proxies[i];

		open_json_object(NULL);
		print_string(PRINT_JSON, "interface", NULL, p->iface);
		print_string(PRINT_JSON, "kind", NULL,
			     p->addr.family == AF_INET6 ? "proxy-ndp" :
							  "proxy-arp");
		json_range(&p->addr);
		close_json_object();
	}
	close_json_array();
	close_json_object();
}
