// SPDX-License-Identifier: GPL-2.0
/*
 * The NAT views in the layout of the gateways (junos-reference.md section
 * 4), and their -j form: the keys are the gateways' XML element names in
 * snake_case, wrapper elements left out; numbers are numbers. Where the
 * reference has no capture (destination summary and pools) the layout
 * follows the source views and the documented field names.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/flowstat.h>

#include "nat_show.h"
#include "print.h"
#include "util.h"

void fs_nat_view_free(struct fs_nat_view *v)
{
	size_t i;

	for (i = 0; i < v->n_rules; i++)
		fs_nat_rule_msg_free(&v->rules[i]);
	free(v->rules);
	free(v->pools);
	memset(v, 0, sizeof(*v));
}

/* Text: append spaces to @buf up to column @col, at least one. */
static void pad_to(char *buf, size_t size, size_t col)
{
	size_t len = strlen(buf);

	do
		if (len + 1 < size)
			buf[len++] = ' ';
	while (len < col && len + 1 < size);
	buf[len] = '\0';
}

/* Text: append @s at column @col of @buf (the first one at 0). */
static void cell(char *buf, size_t size, size_t col, const char *s)
{
	if (col)
		pad_to(buf, size, col);
	strncat(buf, s, size - strlen(buf) - 1);
}

static void range_strs(const struct fs_cfg_nat_range *r, char *lo, char *hi,
		       size_t len)
{
	unsigned char l[16], h[16];

	fs_nat_range_bounds(r, l, h);
	fs_nat_addr_str(r->family, l, lo, len);
	fs_nat_addr_str(r->family, h, hi, len);
}

static const char *rule_action(const struct fs_cfg_nat_rule *r)
{
	static const char *const w[] = { "off", "interface", "pool", "prefix" };

	if (r->action == FLOWSTAT_NAT_ACTION_POOL)
		return r->pool ? r->pool : "";
	return r->action >= 0 && r->action < __FLOWSTAT_NAT_ACTION_MAX ?
		       w[r->action] :
		       "off";
}

/* Ports one address of a source pool offers. */
static uint64_t pool_ports(const struct fs_cfg_nat_pool *p)
{
	if (p->no_xlate)
		return 0;
	if (p->has_ports && p->port_lo <= p->port_hi)
		return p->port_hi - p->port_lo + 1;
	return FLOWSTAT_NAT_PORT_MAX - FLOWSTAT_NAT_PORT_MIN + 1;
}

/* ------------------------------------------------------------------ */
/* summary                                                             */

static void summary_source_pools(const struct fs_nat_view *v)
{
	uint64_t used = 0, max = 0, n = 0;
	char line[512], lo[64], hi[64], range[140], total[24];
	size_t i;

	for (i = 0; i < v->n_pools; i++) {
		const struct fs_nat_pool_msg *m = &v->pools[i];

		if (m->pool.kind != FLOWSTAT_NAT_SOURCE)
			continue;
		n++;
		if (!m->pool.no_xlate) {
			used += m->ports_used;
			max += m->addresses * pool_ports(&m->pool);
		}
	}
	print_u64(PRINT_ANY, "total_source_summary_pat_port_num",
		  "Total port number usage for port translation pool: %" PRIu64
		  "\n",
		  used);
	print_u64(PRINT_ANY, "max_source_pat_port_num",
		  "Maximum port number for port translation pool: %" PRIu64
		  "\n",
		  max);
	print_u64(PRINT_ANY, "total_source_summary_pools",
		  "Total pools: %" PRIu64 "\n", n);
	print_fp(
		"Pool                 Address                  Routing              PAT  Total\n"
		"Name                 Range                    Instance                  Address\n");
	open_json_array("ssg_source_pool_entry");
	for (i = 0; i < v->n_pools; i++) {
		const struct fs_nat_pool_msg *m = &v->pools[i];
		const char *pat = m->pool.no_xlate ? "no" : "yes";

		if (m->pool.kind != FLOWSTAT_NAT_SOURCE)
			continue;
		range_strs(&m->pool.addr, lo, hi, sizeof(lo));
		snprintf(range, sizeof(range), "%s-%s", lo, hi);
		snprintf(total, sizeof(total), "%" PRIu64, m->addresses);
		line[0] = '\0';
		cell(line, sizeof(line), 0, m->name);
		cell(line, sizeof(line), 21, range);
		cell(line, sizeof(line), 46, "default");
		cell(line, sizeof(line), 67, pat);
		cell(line, sizeof(line), 72, total);
		print_fp("%s\n", line);
		open_json_object(NULL);
		print_string(PRINT_JSON, "ssg_source_pool_name", NULL, m->name);
		print_string(PRINT_JSON, "ssg_source_pool_address_range", NULL,
			     range);
		print_string(PRINT_JSON, "ssg_source_pool_routing_instance",
			     NULL, "default");
		print_string(PRINT_JSON, "ssg_source_pool_pat", NULL, pat);
		print_u64(PRINT_JSON, "ssg_source_pool_total_address", NULL,
			  m->addresses);
		close_json_object();
	}
	close_json_array();
}

static size_t count_rules(const struct fs_nat_view *v, int kind)
{
	size_t i, n = 0;

	for (i = 0; i < v->n_rules; i++)
		n += v->rules[i].kind == kind;
	return n;
}

static void summary_source_rules(const struct fs_nat_view *v)
{
	size_t i;

	print_u64(PRINT_ANY, "summary_total_source_rules",
		  "\nTotal rules: %" PRIu64 "\n",
		  count_rules(v, FLOWSTAT_NAT_SOURCE));
	open_json_array("ssg_source_rule_entry");
	for (i = 0; i < v->n_rules; i++) {
		const struct fs_nat_rule_msg *m = &v->rules[i];

		if (m->kind != FLOWSTAT_NAT_SOURCE)
			continue;
		open_json_object(NULL);
		print_string(PRINT_ANY, "ssg_source_rule_name",
			     "Rule name : %s\n", m->rule.name);
		print_string(PRINT_ANY, "ssg_source_rule_set_name",
			     "    Rule set  : %s\n", m->rule_set);
		print_string(PRINT_ANY, "ssg_source_rule_action",
			     "    Action    : %s\n", rule_action(&m->rule));
		print_string(PRINT_ANY, "ssg_source_rule_context_from",
			     "    From      : %-22s", m->from);
		print_string(PRINT_ANY, "ssg_source_rule_context_to",
			     "To : %s\n", m->to);
		close_json_object();
	}
	close_json_array();
}

static void summary_destination(const struct fs_nat_view *v)
{
	char line[512], lo[64], hi[64], range[140], num[2][24];
	size_t i, n = 0;

	for (i = 0; i < v->n_pools; i++)
		n += v->pools[i].pool.kind == FLOWSTAT_NAT_DESTINATION;
	print_u64(PRINT_ANY, "total_destination_summary_pools",
		  "Total pools: %" PRIu64 "\n", n);
	print_fp(
		"Pool name            Address                        Routing              Port   Total\n"
		"                     Range                          Instance                    Address\n");
	open_json_array("destination_pool_entry");
	for (i = 0; i < v->n_pools; i++) {
		const struct fs_nat_pool_msg *m = &v->pools[i];

		if (m->pool.kind != FLOWSTAT_NAT_DESTINATION)
			continue;
		range_strs(&m->pool.addr, lo, hi, sizeof(lo));
		snprintf(range, sizeof(range), "%s - %s", lo, hi);
		snprintf(num[0], sizeof(num[0]), "%u", m->pool.port);
		snprintf(num[1], sizeof(num[1]), "%" PRIu64, m->addresses);
		line[0] = '\0';
		cell(line, sizeof(line), 0, m->name);
		cell(line, sizeof(line), 21, range);
		cell(line, sizeof(line), 52, "default");
		cell(line, sizeof(line), 73, num[0]);
		cell(line, sizeof(line), 80, num[1]);
		print_fp("%s\n", line);
		open_json_object(NULL);
		print_string(PRINT_JSON, "pool_name", NULL, m->name);
		print_string(PRINT_JSON, "address_range_low", NULL, lo);
		print_string(PRINT_JSON, "address_range_high", NULL, hi);
		print_string(PRINT_JSON, "routing_instance_name", NULL,
			     "default");
		print_u64(PRINT_JSON, "pool_port", NULL, m->pool.port);
		print_u64(PRINT_JSON, "total_pool_address", NULL, m->addresses);
		close_json_object();
	}
	close_json_array();
	print_u64(PRINT_ANY, "summary_total_destination_rules",
		  "\nTotal rules: %" PRIu64 "\n",
		  count_rules(v, FLOWSTAT_NAT_DESTINATION));
	print_fp(
		"Rule name            Rule set             From                 Action\n");
	open_json_array("destination_rule_entry");
	for (i = 0; i < v->n_rules; i++) {
		const struct fs_nat_rule_msg *m = &v->rules[i];

		if (m->kind != FLOWSTAT_NAT_DESTINATION)
			continue;
		line[0] = '\0';
		cell(line, sizeof(line), 0, m->rule.name);
		cell(line, sizeof(line), 21, m->rule_set);
		cell(line, sizeof(line), 42, m->from);
		cell(line, sizeof(line), 63, rule_action(&m->rule));
		print_fp("%s\n", line);
		open_json_object(NULL);
		print_string(PRINT_JSON, "rule_name", NULL, m->rule.name);
		print_string(PRINT_JSON, "rule_set_name", NULL, m->rule_set);
		print_string(PRINT_JSON, "rule_from_context_name", NULL,
			     m->from);
		print_string(PRINT_JSON, "destination_nat_rule_action", NULL,
			     rule_action(&m->rule));
		close_json_object();
	}
	close_json_array();
}

void fs_print_nat_summary(const struct fs_nat_view *v, int kind)
{
	if (kind == FLOWSTAT_NAT_SOURCE) {
		summary_source_pools(v);
		summary_source_rules(v);
	} else {
		summary_destination(v);
	}
}

/* ------------------------------------------------------------------ */
/* pool all | pool NAME                                                */

static void pool_source(const struct fs_nat_pool_msg *m)
{
	char lo[64], hi[64], port[40];

	if (m->pool.no_xlate)
		snprintf(port, sizeof(port), "no translation");
	else if (m->pool.has_ports)
		snprintf(port, sizeof(port), "[%u, %u]", m->pool.port_lo,
			 m->pool.port_hi);
	else
		snprintf(port, sizeof(port), "[%u, %u]", FLOWSTAT_NAT_PORT_MIN,
			 FLOWSTAT_NAT_PORT_MAX);
	print_string(PRINT_ANY, "pool_name", "Pool name          : %s\n",
		     m->name);
	print_u64(PRINT_ANY, "pool_id", "Pool id            : %" PRIu64 "\n",
		  m->id);
	print_string(PRINT_ANY, "routing_instance_name",
		     "Routing instance   : %s\n", "default");
	print_string(PRINT_ANY, "host_address_base",
		     "Host address base  : %s\n",
		     m->pool.addr.family == AF_INET6 ? "::" : "0.0.0.0");
	print_string(PRINT_ANY, "source_pool_port_translation",
		     "Port               : %s\n", port);
	print_u64(PRINT_ANY, "port_overloading_factor",
		  "Port overloading   : %" PRIu64 "\n", 1);
	print_string(PRINT_ANY, "source_pool_address_assignment",
		     "Address assignment : %s\n", "paired");
	print_u64(PRINT_ANY, "total_pool_address",
		  "Total addresses    : %" PRIu64 "\n", m->addresses);
	print_u64(PRINT_ANY, "address_pool_hits",
		  "Translation hits   : %" PRIu64 "\n", m->hits);
	print_u64(PRINT_JSON, "failed_hits", NULL, m->fails);
	print_fp(
		"Address range                        Single Ports   Twin Ports\n");
	range_strs(&m->pool.addr, lo, hi, sizeof(lo));
	open_json_array("source_pool_address_range");
	open_json_object(NULL);
	print_string(PRINT_ANY, "address_range_low", "%15s - ", lo);
	print_string(PRINT_ANY, "address_range_high", "%-15s", hi);
	print_u64(PRINT_ANY, "single_port", "%16" PRIu64, m->ports_used);
	print_u64(PRINT_ANY, "twin_port", "%13" PRIu64 "\n", 0);
	close_json_object();
	close_json_array();
	open_json_object("source_pool_address_range_sum");
	print_u64(PRINT_ANY, "single_port_sum",
		  "Total used ports   :%29" PRIu64, m->ports_used);
	print_u64(PRINT_ANY, "twin_port_sum", "%13" PRIu64 "\n", 0);
	close_json_object();
}

static void pool_destination(const struct fs_nat_pool_msg *m)
{
	char lo[64], hi[64];

	print_string(PRINT_ANY, "pool_name", "Pool name       : %s\n", m->name);
	print_u64(PRINT_ANY, "pool_id", "Pool id         : %" PRIu64 "\n",
		  m->id);
	print_u64(PRINT_ANY, "total_pool_address",
		  "Total address   : %" PRIu64 "\n", m->addresses);
	print_u64(PRINT_ANY, "address_pool_hits",
		  "Translation hits: %" PRIu64 "\n", m->hits);
	print_u64(PRINT_JSON, "failed_hits", NULL, m->fails);
	print_fp("Address range                        Port \n");
	range_strs(&m->pool.addr, lo, hi, sizeof(lo));
	open_json_array("destination_pool_address_range");
	open_json_object(NULL);
	print_string(PRINT_ANY, "address_range_low", "%15s - ", lo);
	print_string(PRINT_ANY, "address_range_high", "%-15s", hi);
	print_u64(PRINT_ANY, "pool_port", "%8" PRIu64 "\n", m->pool.port);
	close_json_object();
	close_json_array();
}

size_t fs_print_nat_pools(const struct fs_nat_view *v, int kind,
			  const char *name)
{
	bool src = kind == FLOWSTAT_NAT_SOURCE;
	size_t i, n = 0;

	for (i = 0; i < v->n_pools; i++)
		n += v->pools[i].pool.kind == kind;
	/* `pool NAME` prints that pool alone, without the total. */
	if (!name)
		print_u64(PRINT_ANY,
			  src ? "total_source_pools" :
				"total_destination_pools",
			  src ? "Total pools: %" PRIu64 "\n" :
				"Total destination-nat pools: %" PRIu64 "\n",
			  n);
	open_json_array(src ? "source_nat_pool_info_entry" :
			      "destination_nat_pool_info_entry");
	for (i = 0, n = 0; i < v->n_pools; i++) {
		const struct fs_nat_pool_msg *m = &v->pools[i];

		if (m->pool.kind != kind || (name && strcmp(name, m->name)))
			continue;
		if (n++)
			print_fp("\n");
		open_json_object(NULL);
		if (src)
			pool_source(m);
		else
			pool_destination(m);
		close_json_object();
	}
	close_json_array();
	return n;
}

/* ------------------------------------------------------------------ */
/* rule all | rule NAME                                                */

/* Element names of one kind's rule entry. */
struct rule_names {
	const char *title; /* text heading of an entry */
	const char *total_text, *total_key, *entry_key;
	const char *action_key, *hits_key;
};

static const struct rule_names rule_names[] = {
	[FLOWSTAT_NAT_SOURCE] = { "source NAT rule", "Total rules",
				  "total_src_rules", "source_nat_rule_entry",
				  "source_nat_rule_action_entry",
				  "source_nat_rule_hits_entry" },
	[FLOWSTAT_NAT_DESTINATION] = { "Destination NAT rule",
				       "Total destination-nat rules",
				       "total_destination_nat_rules",
				       "destination_nat_rule_entry",
				       "destination_nat_rule_action_entry",
				       "destination_nat_rule_hits_entry" },
	[FLOWSTAT_NAT_STATIC] = { "Static NAT rule", "Total static-nat rules",
				  "total_rules", "static_nat_rule_entry", NULL,
				  NULL },
};

/* "  LABEL<padded to 27>: " */
static void label(int indent, const char *l)
{
	print_fp("%*s%-*s: ", indent, "", 29 - indent, l);
}

/* Each entry of a match list: a range (a prefix) or a name. */
static void match_entries(const char *text, const char *key, const char *pfx,
			  const struct fs_cfg_address *v, size_t n)
{
	struct fs_cfg_nat_range r = { 0 };
	char lo[64], hi[64], klo[80], khi[80], kname[80];
	size_t i;

	if (!n)
		return;
	snprintf(klo, sizeof(klo), "rule_%s_address_low_range", pfx);
	snprintf(khi, sizeof(khi), "rule_%s_address_high_range", pfx);
	snprintf(kname, sizeof(kname), "rule_%s_address_name", pfx);
	open_json_array(key);
	for (i = 0; i < n; i++) {
		label(4, i ? "" : text);
		open_json_object(NULL);
		if (v[i].name) {
			print_string(PRINT_ANY, kname, "%s\n", v[i].name);
		} else {
			r.family = v[i].family;
			r.form = FS_NAT_PREFIX;
			r.plen = v[i].plen;
			memcpy(r.lo, v[i].addr, 16);
			range_strs(&r, lo, hi, sizeof(lo));
			print_string(PRINT_ANY, klo, "%-15s - ", lo);
			print_string(PRINT_ANY, khi, "%s\n", hi);
		}
		close_json_object();
	}
	close_json_array();
}

static void rule_matches(const struct fs_nat_rule_msg *m)
{
	const struct fs_cfg_nat_rule *r = &m->rule;

	if (m->kind == FLOWSTAT_NAT_SOURCE &&
	    (r->n_src || r->n_dst || r->has_dport))
		print_fp("  Match\n");
	match_entries("Source addresses", "source_address_range_entry",
		      "source", r->src, r->n_src);
	match_entries("Destination addresses",
		      "destination_address_range_entry", "destination", r->dst,
		      r->n_dst);
	if (!r->has_dport)
		return;
	label(4, "Destination port");
	open_json_object("destination_port_entry");
	print_u64(PRINT_ANY, "rule_destination_port_low", "%-15" PRIu64 " - ",
		  r->dport[0]);
	print_u64(PRINT_ANY, "rule_destination_port_high", "%" PRIu64 "\n",
		  r->dport[1]);
	close_json_object();
}

/* The persistent-NAT block of a translating source rule, as the
 * gateways print it; flowstat has no persistent NAT. */
static void rule_persistent(void)
{
	print_string(PRINT_ANY, "persistent_nat_type",
		     "    Persistent NAT type         : %s\n", "N/A");
	print_string(PRINT_ANY, "persistent_nat_mapping_type",
		     "    Persistent NAT mapping type : %s\n",
		     "address-port-mapping");
	print_u64(PRINT_ANY, "persistent_nat_timeout",
		  "    Inactivity timeout          : %" PRIu64 "\n", 0);
	print_u64(PRINT_ANY, "persistent_nat_max_session",
		  "    Max session number          : %" PRIu64 "\n", 0);
	print_string(PRINT_ANY, "persistent_nat_blocksess",
		     "    Persistent NAT block session: %s\n", "disabled");
}

static void rule_hits(const struct fs_nat_rule_msg *m)
{
	label(2, "Translation hits");
	print_u64(PRINT_ANY, "rule_translation_hits", "%" PRIu64 "\n",
		  m->hits + m->fails);
	label(4, "Successful sessions");
	print_u64(PRINT_ANY, "succ_hits", "%" PRIu64 "\n", m->hits);
	label(4, "Failed sessions");
	print_u64(PRINT_ANY, "failed_hits", "%" PRIu64 "\n", m->fails);
}

/* Static NAT: one prefix onto another (junos-reference.md 4.6). */
static void rule_static(const struct fs_nat_rule_msg *m)
{
	const struct fs_cfg_nat_rule *r = &m->rule;
	char buf[64];

	if (r->n_dst) {
		label(2, "Destination addresses");
		print_string(PRINT_ANY, "rule_destination_address_prefix",
			     "%s\n",
			     fs_nat_addr_str(r->dst[0].family, r->dst[0].addr,
					     buf, sizeof(buf)));
	}
	label(2, "Host addresses");
	print_string(PRINT_ANY, "rule_host_address_prefix", "%s\n",
		     fs_nat_addr_str(r->prefix.family, r->prefix.addr, buf,
				     sizeof(buf)));
	label(2, "Netmask");
	print_u64(PRINT_ANY, "rule_address_netmask", "%" PRIu64 "\n",
		  r->prefix.plen);
	label(2, "Host routing-instance");
	print_string(PRINT_ANY, "rule_host_routing_instance", "%s\n", "N/A");
	rule_hits(m);
}

static void rule_entry(const struct fs_nat_rule_msg *m, uint64_t pos)
{
	const struct rule_names *nm = &rule_names[m->kind];
	char title[64];

	snprintf(title, sizeof(title), "%s: %%s\n", nm->title);
	print_string(PRINT_ANY, "rule_name", title, m->rule.name);
	label(2, "Rule set");
	print_string(PRINT_ANY, "rule_set_name", "%s\n", m->rule_set);
	label(2, "Rule Id");
	print_u64(PRINT_ANY, "rule_id", "%" PRIu64 "\n", m->id);
	label(2, "Rule position");
	print_u64(PRINT_ANY, "rule_matching_position", "%" PRIu64 "\n", pos);
	print_string(PRINT_JSON, "rule_from_context", NULL, "zone");
	label(2, "From zone");
	print_string(PRINT_ANY, "rule_from_context_name", "%s\n", m->from);
	if (m->kind == FLOWSTAT_NAT_SOURCE) {
		print_string(PRINT_JSON, "rule_to_context", NULL, "zone");
		label(2, "To zone");
		print_string(PRINT_ANY, "rule_to_context_name", "%s\n", m->to);
	}
	if (m->kind == FLOWSTAT_NAT_STATIC) {
		rule_static(m);
		return;
	}
	rule_matches(m);
	open_json_object(nm->action_key);
	print_fp(m->kind == FLOWSTAT_NAT_SOURCE ? "  %-30s: " : "  %-27s: ",
		 "Action");
	print_string(PRINT_ANY,
		     m->kind == FLOWSTAT_NAT_SOURCE ?
			     "source_nat_rule_action" :
			     "destination_nat_rule_action",
		     "%s\n", rule_action(&m->rule));
	if (m->kind == FLOWSTAT_NAT_SOURCE &&
	    m->rule.action != FLOWSTAT_NAT_ACTION_OFF)
		rule_persistent();
	close_json_object();
	open_json_object(nm->hits_key);
	rule_hits(m);
	close_json_object();
}

/* IPv4 and IPv6 prefixes the rules of @kind match on. */
static void count_prefixes(const struct fs_nat_view *v, int kind, uint64_t *v4,
			   uint64_t *v6)
{
	size_t i, j;

	*v4 = *v6 = 0;
	for (i = 0; i < v->n_rules; i++) {
		const struct fs_cfg_nat_rule *r = &v->rules[i].rule;

		if (v->rules[i].kind != kind)
			continue;
		for (j = 0; j < r->n_src + r->n_dst; j++) {
			const struct fs_cfg_address *e =
				j < r->n_src ? &r->src[j] :
					       &r->dst[j - r->n_src];

			if (e->name)
				continue;
			if (e->family == AF_INET6)
				(*v6)++;
			else
				(*v4)++;
		}
		if (r->action == FLOWSTAT_NAT_ACTION_PREFIX)
			(*(r->prefix.family == AF_INET6 ? v6 : v4))++;
	}
}

size_t fs_print_nat_rules(const struct fs_nat_view *v, int kind,
			  const char *name)
{
	static const char *const kw[] = { "source", "destination", "static" };
	const struct rule_names *nm = &rule_names[kind];
	uint64_t v4, v6, pos = 0;
	char fmt[64], k4[64], k6[64];
	size_t i, n = 0;

	if (!name) {
		snprintf(fmt, sizeof(fmt), "%s: %%" PRIu64 "\n",
			 nm->total_text);
		print_u64(PRINT_ANY, nm->total_key, fmt, count_rules(v, kind));
		count_prefixes(v, kind, &v4, &v6);
		snprintf(k4, sizeof(k4), "total_%s_nat_rule_ref_addr_num_v4",
			 kw[kind]);
		snprintf(k6, sizeof(k6), "total_%s_nat_rule_ref_addr_num_v6",
			 kw[kind]);
		print_u64(PRINT_ANY, k4,
			  "Total referenced IPv4/IPv6 ip-prefixes: %" PRIu64,
			  v4);
		print_u64(PRINT_ANY, k6, "/%" PRIu64 "\n", v6);
	}
	open_json_array(nm->entry_key);
	for (i = 0; i < v->n_rules; i++) {
		const struct fs_nat_rule_msg *m = &v->rules[i];

		if (m->kind != kind)
			continue;
		pos++;
		if (name && strcmp(name, m->rule.name))
			continue;
		n++;
		open_json_object(NULL);
		rule_entry(m, pos);
		close_json_object();
	}
	close_json_array();
	return n;
}
