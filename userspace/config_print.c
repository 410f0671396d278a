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

/* Interface names are free-form (aliases): quote what the lexer splits. */
static void write_word(FILE *out, const char *s)
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
	if (!z->services && !z->protocols && !z->n_ifaces)
		fprintf(out, "%s\n", prefix);
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
		write_word(f, ifc->name);
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

void fs_config_write_set(const struct fs_config *cfg, FILE *out)
{
	size_t i;

	for (i = 0; i < cfg->n_zones; i++)
		write_zone(out, &cfg->zones[i]);
	for (i = 0; i < cfg->n_policies; i++) {
		const struct fs_cfg_policy *p = &cfg->policies[i];
		static const char *const lines[] = {
			"match source-address any",
			"match destination-address any",
			"match application any",
		};
		size_t l;

		for (l = 0; l < 3; l++)
			fprintf(out,
				"set security policies from-zone %s to-zone %s policy %s %s\n",
				p->from, p->to, p->name, lines[l]);
		fprintf(out,
			"set security policies from-zone %s to-zone %s policy %s then %s\n",
			p->from, p->to, p->name, action_name(p->action));
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
	open_json_array("policies");
	for (i = 0; i < cfg->n_policies; i++) {
		const struct fs_cfg_policy *p = &cfg->policies[i];

		open_json_object(NULL);
		print_string(PRINT_JSON, "name", NULL, p->name);
		print_string(PRINT_JSON, "from_zone", NULL, p->from);
		print_string(PRINT_JSON, "to_zone", NULL, p->to);
		print_string(PRINT_JSON, "action", NULL,
			     action_name(p->action));
		close_json_object();
	}
	close_json_array();
}
