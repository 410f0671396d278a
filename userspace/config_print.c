// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration model printed back: canonical set statements (zones in
 * order, each with its host-inbound lines then its interfaces, then the
 * policies in evaluation order, then the default policy) that load to the
 * same state, and the JSON form of `show configuration -j`.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/flowstat.h>

#include "config.h"
#include "names.h"
#include "print.h"
#include "util.h"

/* Interface names are free-form (aliases): quote what the lexer splits. */
void fs_write_word(FILE *out, const char *s)
{
	const char *p;

	if (*s && *s != '#' && !strpbrk(s, " \t\"[]\\"))
		fputs(s, out);
	else {
		fputc('"', out);
		for (p = s; *p; p++) {
			if (*p == '"' || *p == '\\')
				fputc('\\', out);
			fputc(*p, out);
		}
		fputc('"', out);
	}
}

static void write_mask(FILE *out, const char *prefix, const char *what,
		       uint32_t mask, uint32_t all, const char *const *names,
		       int n)
{
	int i;

	if (mask == all) {
		fprintf(out, "%s host-inbound-traffic %s all\n", prefix, what);
		return;
	}
	for (i = 0; i < n; i++)
		if (mask & (1U << i))
			fprintf(out, "%s host-inbound-traffic %s %s\n", prefix,
				what, names[i]);
}

static void write_services(FILE *out, const char *prefix, uint32_t mask)
{
	write_mask(out, prefix, "system-services", mask, FLOWSTAT_SVC_ALL,
		   fs_service_names, __FLOWSTAT_SVC_MAX);
}

static void write_protocols(FILE *out, const char *prefix, uint32_t mask)
{
	write_mask(out, prefix, "protocols", mask, FLOWSTAT_PROTO_ALL,
		   fs_protocol_names, __FLOWSTAT_PROTO_MAX);
}

static void write_zone(FILE *out, const struct fs_cfg_zone *z)
{
	char *prefix, *ifprefix;
	size_t i, len;
	FILE *f;

	if (asprintf(&prefix, "set security zones security-zone %s",
		     z->name) < 0)
		return;
	if (!z->services && !z->protocols && !z->n_ifaces && !z->screen &&
	    !z->tcp_rst)
		fprintf(out, "%s\n", prefix);
	if (z->screen)
		fprintf(out, "%s screen %s\n", prefix, z->screen);
	if (z->tcp_rst)
		fprintf(out, "%s tcp-rst\n", prefix);
	if (z->services)
		write_services(out, prefix, z->services);
	if (z->protocols)
		write_protocols(out, prefix, z->protocols);
	for (i = 0; i < z->n_ifaces; i++) {
		const struct fs_cfg_iface *ifc = &z->ifaces[i];

		ifprefix = NULL;
		f = open_memstream(&ifprefix, &len);
		if (!f)
			continue;
		fprintf(f, "%s interfaces ", prefix);
		fs_write_word(f, ifc->name);
		fclose(f);
		fprintf(out, "%s\n", ifprefix);
		if (ifc->own && ifc->services)
			write_services(out, ifprefix, ifc->services);
		if (ifc->own && ifc->protocols)
			write_protocols(out, ifprefix, ifc->protocols);
		free(ifprefix);
	}
	free(prefix);
}

static const char *action_name(int action)
{
	if (action >= 0 && action < __FLOWSTAT_ACTION_MAX)
		return fs_action_names[action];
	return "deny";
}

static void write_flow(FILE *out, const struct fs_cfg_flow *f)
{
	const char *p = "set security flow";

	if (f->max_sessions)
		fprintf(out, "%s max-sessions %u\n", p, f->max_sessions);
	if (f->max_minor_sessions)
		fprintf(out, "%s max-minor-sessions %u\n", p,
			f->max_minor_sessions);
	if (f->no_sequence_check)
		fprintf(out, "%s tcp-session no-sequence-check\n", p);
	if (f->tcp_initial_timeout)
		fprintf(out, "%s tcp-session tcp-initial-timeout %u\n", p,
			f->tcp_initial_timeout);
	if (f->tcp_established_timeout)
		fprintf(out, "%s tcp-session established-timeout %u\n", p,
			f->tcp_established_timeout);
	if (f->udp_timeout)
		fprintf(out, "%s udp-session timeout %u\n", p, f->udp_timeout);
}

/* Only what is configured; no object at all when nothing is. */
static void json_flow(const struct fs_cfg_flow *f)
{
	static const struct fs_cfg_flow none;

	if (!memcmp(f, &none, sizeof(none)))
		return;
	open_json_object("flow");
	if (f->max_sessions)
		print_u64(PRINT_JSON, "max_sessions", NULL, f->max_sessions);
	if (f->max_minor_sessions)
		print_u64(PRINT_JSON, "max_minor_sessions", NULL,
			  f->max_minor_sessions);
	if (f->no_sequence_check)
		print_bool(PRINT_JSON, "no_sequence_check", NULL, true);
	if (f->tcp_initial_timeout)
		print_u64(PRINT_JSON, "tcp_initial_timeout", NULL,
			  f->tcp_initial_timeout);
	if (f->tcp_established_timeout)
		print_u64(PRINT_JSON, "tcp_established_timeout", NULL,
			  f->tcp_established_timeout);
	if (f->udp_timeout)
		print_u64(PRINT_JSON, "udp_timeout", NULL, f->udp_timeout);
	close_json_object();
}

static void write_port(FILE *out, const char *prefix, const char *what,
		       const uint16_t *r)
{
	if (r[0] == r[1])
		fprintf(out, "%s %s %u\n", prefix, what, r[0]);
	else
		fprintf(out, "%s %s %u-%u\n", prefix, what, r[0], r[1]);
}

/* Address book, then applications (the predefined ones are implicit). */
static void write_book(const struct fs_config *cfg, FILE *out)
{
	struct fs_config *c = (struct fs_config *)cfg; /* lookups only */
	char buf[80], *prefix;
	size_t i, j;

	for (i = 0; i < cfg->n_addresses; i++) {
		fs_format_prefix(&cfg->addresses[i], buf, sizeof(buf));
		fprintf(out, "set security address-book global address %s %s\n",
			cfg->addresses[i].name, buf);
	}
	for (i = 0; i < cfg->n_asets; i++)
		for (j = 0; j < cfg->asets[i].n_members; j++) {
			const char *m = cfg->asets[i].members[j].name;

			fprintf(out,
				"set security address-book global address-set %s %s %s\n",
				cfg->asets[i].name,
				fs_config_aset(c, m, false) ? "address-set" :
							      "address",
				m);
		}
	for (i = 0; i < cfg->n_apps; i++) {
		const struct fs_cfg_app *a = &cfg->apps[i];

		if (a->predefined)
			continue;
		prefix = xasprintf("set applications application %s", a->name);
		fprintf(out, "%s protocol %s\n", prefix,
			fs_proto_name(a->proto, buf, sizeof(buf)));
		if (a->has_dport)
			write_port(out, prefix, "destination-port", a->dport);
		if (a->has_sport)
			write_port(out, prefix, "source-port", a->sport);
		if (a->icmp_type >= 0)
			fprintf(out, "%s icmp-type %d\n", prefix, a->icmp_type);
		free(prefix);
	}
	for (i = 0; i < cfg->n_appsets; i++) {
		if (cfg->appsets[i].predefined)
			continue;
		for (j = 0; j < cfg->appsets[i].n_members; j++) {
			const char *m = cfg->appsets[i].members[j].name;

			fprintf(out,
				"set applications application-set %s %s %s\n",
				cfg->appsets[i].name,
				fs_config_appset(c, m, false) ?
					"application-set" : "application",
				m);
		}
	}
}

static void write_match(FILE *out, const char *prefix, const char *what,
			const struct fs_cfg_ref *r, size_t n)
{
	size_t i;

	fprintf(out, "%s match %s ", prefix, what);
	if (!n)
		fputs("any", out);
	else if (n == 1)
		fputs(r[0].name, out);
	else {
		fputs("[", out);
		for (i = 0; i < n; i++)
			fprintf(out, " %s", r[i].name);
		fputs(" ]", out);
	}
	fputc('\n', out);
}

void fs_config_write_set(const struct fs_config *cfg, FILE *out)
{
	static const char *const what[FS_MATCH_N] = {
		"source-address", "destination-address", "application",
	};
	size_t i;
	int m;

	fs_config_write_screens(cfg, out);
	for (i = 0; i < cfg->n_zones; i++)
		write_zone(out, &cfg->zones[i]);
	write_book(cfg, out);
	fs_config_write_nat(cfg, out);
	for (i = 0; i < cfg->n_policies; i++) {
		const struct fs_cfg_policy *p = &cfg->policies[i];
		char *prefix = xasprintf("set security policies from-zone %s to-zone %s policy %s",
					 p->from, p->to, p->name);

		for (m = 0; m < FS_MATCH_N; m++)
			write_match(out, prefix, what[m], p->match[m],
				    p->n_match[m]);
		fprintf(out, "%s then %s\n", prefix, action_name(p->action));
		if (p->count)
			fprintf(out, "%s then count\n", prefix);
		free(prefix);
	}
	fprintf(out, "set security policies default-policy %s\n",
		cfg->default_policy == FLOWSTAT_ACTION_PERMIT ?
		"permit-all" : "deny-all");
	write_flow(out, &cfg->flow);
}

static void json_names(const char *key, uint32_t mask,
		       const char *const *names, int n)
{
	int i;

	open_json_array(key);
	for (i = 0; i < n; i++)
		if (mask & (1U << i))
			print_string(PRINT_JSON, NULL, NULL, names[i]);
	close_json_array();
}

static void json_host_inbound(uint32_t svc, uint32_t proto)
{
	open_json_object("host_inbound");
	json_names("system_services", svc, fs_service_names,
		   __FLOWSTAT_SVC_MAX);
	json_names("protocols", proto, fs_protocol_names,
		   __FLOWSTAT_PROTO_MAX);
	close_json_object();
}

/* A match list; "any" when empty. */
static void json_refs(const char *key, const struct fs_cfg_ref *r, size_t n)
{
	size_t i;

	open_json_array(key);
	if (!n)
		print_string(PRINT_JSON, NULL, NULL, "any");
	for (i = 0; i < n; i++)
		print_string(PRINT_JSON, NULL, NULL, r[i].name);
	close_json_array();
}

static void json_set(const struct fs_cfg_set *st)
{
	size_t j;

	open_json_object(NULL);
	print_string(PRINT_JSON, "name", NULL, st->name);
	open_json_array("members");
	for (j = 0; j < st->n_members; j++)
		print_string(PRINT_JSON, NULL, NULL, st->members[j].name);
	close_json_array();
	close_json_object();
}

/* Address book and applications (predefined ones are left out). */
static void json_book(const struct fs_config *cfg)
{
	char buf[80];
	size_t i;

	open_json_array("addresses");
	for (i = 0; i < cfg->n_addresses; i++) {
		fs_format_prefix(&cfg->addresses[i], buf, sizeof(buf));
		open_json_object(NULL);
		print_string(PRINT_JSON, "name", NULL, cfg->addresses[i].name);
		print_string(PRINT_JSON, "prefix", NULL, buf);
		close_json_object();
	}
	close_json_array();
	open_json_array("address_sets");
	for (i = 0; i < cfg->n_asets; i++)
		json_set(&cfg->asets[i]);
	close_json_array();
	open_json_array("applications");
	for (i = 0; i < cfg->n_apps; i++) {
		const struct fs_cfg_app *a = &cfg->apps[i];

		if (a->predefined)
			continue;
		open_json_object(NULL);
		print_string(PRINT_JSON, "name", NULL, a->name);
		print_u64(PRINT_JSON, "protocol", NULL, a->proto);
		if (a->has_dport) {
			print_u64(PRINT_JSON, "destination_port_low", NULL,
				  a->dport[0]);
			print_u64(PRINT_JSON, "destination_port_high", NULL,
				  a->dport[1]);
		}
		if (a->has_sport) {
			print_u64(PRINT_JSON, "source_port_low", NULL,
				  a->sport[0]);
			print_u64(PRINT_JSON, "source_port_high", NULL,
				  a->sport[1]);
		}
		if (a->icmp_type >= 0)
			print_u64(PRINT_JSON, "icmp_type", NULL, a->icmp_type);
		close_json_object();
	}
	close_json_array();
	open_json_array("application_sets");
	for (i = 0; i < cfg->n_appsets; i++)
		if (!cfg->appsets[i].predefined)
			json_set(&cfg->appsets[i]);
	close_json_array();
}

void fs_config_print_json(const struct fs_config *cfg)
{
	size_t i, j;

	print_string(PRINT_JSON, "default_policy", NULL,
		     cfg->default_policy == FLOWSTAT_ACTION_PERMIT ?
		     "permit-all" : "deny-all");
	json_flow(&cfg->flow);
	open_json_array("zones");
	for (i = 0; i < cfg->n_zones; i++) {
		const struct fs_cfg_zone *z = &cfg->zones[i];

		open_json_object(NULL);
		print_string(PRINT_JSON, "name", NULL, z->name);
		if (z->screen)
			print_string(PRINT_JSON, "screen", NULL, z->screen);
		else
			print_null(PRINT_JSON, "screen", NULL, NULL);
		print_bool(PRINT_JSON, "tcp_rst", NULL, z->tcp_rst);
		json_host_inbound(z->services, z->protocols);
		open_json_array("interfaces");
		for (j = 0; j < z->n_ifaces; j++) {
			const struct fs_cfg_iface *ifc = &z->ifaces[j];

			open_json_object(NULL);
			print_string(PRINT_JSON, "name", NULL, ifc->name);
			if (ifc->own)
				json_host_inbound(ifc->services,
						  ifc->protocols);
			close_json_object();
		}
		close_json_array();
		close_json_object();
	}
	close_json_array();
	json_book(cfg);
	fs_config_json_screens(cfg);
	fs_config_json_nat(cfg);
	open_json_array("policies");
	for (i = 0; i < cfg->n_policies; i++) {
		const struct fs_cfg_policy *p = &cfg->policies[i];

		open_json_object(NULL);
		print_string(PRINT_JSON, "name", NULL, p->name);
		print_string(PRINT_JSON, "from_zone", NULL, p->from);
		print_string(PRINT_JSON, "to_zone", NULL, p->to);
		print_string(PRINT_JSON, "action", NULL,
			     action_name(p->action));
		print_bool(PRINT_JSON, "count", NULL, p->count);
		json_refs("source_address", p->match[FS_MATCH_SRC],
			  p->n_match[FS_MATCH_SRC]);
		json_refs("destination_address", p->match[FS_MATCH_DST],
			  p->n_match[FS_MATCH_DST]);
		json_refs("application", p->match[FS_MATCH_APP],
			  p->n_match[FS_MATCH_APP]);
		close_json_object();
	}
	close_json_array();
}
