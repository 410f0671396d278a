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

void fs_config_write_set(const struct fs_config *cfg, FILE *out)
{
	size_t i;

	fs_config_write_screens(cfg, out);
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
	fs_config_json_screens(cfg);
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
