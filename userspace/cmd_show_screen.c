// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat show security screen statistics zone ZONE,
 * flowstat show security screen ids-option NAME,
 * flowstat show security zones [ZONE]: Junos layouts, and -j.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>

#include <linux/flowstat.h>

#include "config.h"
#include "config_nl.h"
#include "flowstat.h"
#include "names.h"
#include "nl.h"
#include "print.h"
#include "util.h"

/* Text and JSON names of enum flowstat_screen_ctr, in display order. */
static const struct {
	const char *text, *json;
} screen_ctr_names[__FLOWSTAT_SCREEN_CTR_MAX] = {
	[FLOWSTAT_SCREEN_CTR_SYN_FLOOD] = { "SYN flood attack", "syn_flood" },
	[FLOWSTAT_SCREEN_CTR_IP_SPOOFING] = { "IP spoofing", "ip_spoofing" },
};

struct screen_stats {
	const char *want;	/* zone asked for */
	bool found;
	char screen[FLOWSTAT_NAME_MAX];
	uint64_t c[__FLOWSTAT_SCREEN_CTR_MAX];
};

static void screen_stats_reset(void *arg)
{
	struct screen_stats *s = arg;
	const char *want = s->want;

	memset(s, 0, sizeof(*s));
	s->want = want;
}

static int screen_stats_cb(struct nlmsghdr *nlh, void *arg)
{
	struct screen_stats *s = arg;
	char zone[FLOWSTAT_NAME_MAX] = "";
	struct nlattr *head, *a, *c, *counters = NULL, *screen = NULL;
	int len, rem, rem2;

	head = fs_genl_attrs(nlh, &len);
	nla_for_each_attr(a, head, len, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_SCREENSTATS_ZONE:
			fs_nla_str(a, zone, sizeof(zone));
			break;
		case FLOWSTAT_A_SCREENSTATS_SCREEN:
			screen = a;
			break;
		case FLOWSTAT_A_SCREENSTATS_COUNTERS:
			counters = a;
			break;
		}
	}
	if (strcmp(zone, s->want))
		return 0;
	s->found = true;
	if (screen)
		fs_nla_str(screen, s->screen, sizeof(s->screen));
	if (counters)
		nla_for_each_nested(c, counters, rem2) {
			int t = nla_type(c) - 1;

			if (t >= 0 && t < __FLOWSTAT_SCREEN_CTR_MAX)
				s->c[t] = fs_nla_u64(c);
		}
	return 0;
}

int cmd_show_screen_statistics(int argc, char **argv)
{
	struct screen_stats s = { 0 };
	int ret, i;

	if (argc != 2 || strcmp(argv[0], "zone")) {
		fprintf(stderr,
			"flowstat: usage: show security screen statistics zone ZONE\n");
		return FS_EXIT_USAGE;
	}
	s.want = argv[1];
	ret = fs_genl_open();
	if (!ret)
		ret = fs_genl_dump(FLOWSTAT_CMD_SCREEN_STATS_GET,
				   screen_stats_cb, screen_stats_reset, &s);
	fs_genl_close();
	if (ret)
		return ret;
	if (!s.found) {
		fprintf(stderr, "error: zone '%s' not found\n", s.want);
		return FS_EXIT_USAGE;
	}
	print_start(stdout, fs_opts.json);
	print_string(PRINT_JSON, "zone", NULL, s.want);
	if (s.screen[0])
		print_string(PRINT_JSON, "screen", NULL, s.screen);
	else
		print_null(PRINT_JSON, "screen", NULL, NULL);
	print_fp("Screen statistics:\n\n");
	print_fp("  %-45s%s\n", "IDS attack type", "Statistics");
	open_json_object("statistics");
	for (i = 0; i < __FLOWSTAT_SCREEN_CTR_MAX; i++) {
		print_fp("  %-45s%" PRIu64 "\n", screen_ctr_names[i].text,
			 s.c[i]);
		print_u64(PRINT_JSON, screen_ctr_names[i].json, NULL, s.c[i]);
	}
	close_json_object();
	print_end();
	return FS_EXIT_OK;
}

static void config_reset(void *arg)
{
	fs_config_free(arg);
}

static int read_running(struct fs_config *cfg)
{
	int ret;

	fs_config_init(cfg);
	ret = fs_genl_open();
	if (!ret)
		ret = fs_genl_dump(FLOWSTAT_CMD_CONFIG_GET, fs_config_dump_cb,
				   config_reset, cfg);
	fs_genl_close();
	return ret;
}

static void row(const char *name, const char *json, uint64_t v)
{
	print_fp("  %-46s%" PRIu64 "\n", name, v);
	print_u64(PRINT_JSON, json, NULL, v);
}

int cmd_show_screen_ids_option(int argc, char **argv)
{
	const struct fs_cfg_screen *s;
	struct fs_config cfg;
	int ret;

	if (argc != 1) {
		fprintf(stderr,
			"flowstat: usage: show security screen ids-option NAME\n");
		return FS_EXIT_USAGE;
	}
	ret = read_running(&cfg);
	if (ret)
		goto out;
	s = fs_config_screen(&cfg, argv[0], false);
	if (!s) {
		fprintf(stderr, "error: screen '%s' not found\n", argv[0]);
		ret = FS_EXIT_USAGE;
		goto out;
	}
	print_start(stdout, fs_opts.json);
	print_string(PRINT_JSON, "name", NULL, s->name);
	print_fp("Screen object status:\n\n");
	print_fp("  %-46s%s\n", "Name", "Value");
	if (s->syn_flood) {
		open_json_object("syn_flood");
		row("TCP SYN flood attack threshold", "attack_threshold",
		    s->syn_attack ?: FS_SYN_DEF_ATTACK);
		row("TCP SYN flood source threshold", "source_threshold",
		    s->syn_source ?: FS_SYN_DEF_SOURCE);
		row("TCP SYN flood destination threshold",
		    "destination_threshold", s->syn_dest ?: FS_SYN_DEF_DEST);
		row("TCP SYN flood timeout", "timeout",
		    s->syn_timeout ?: FS_SYN_DEF_TIMEOUT);
		close_json_object();
	} else {
		print_null(PRINT_JSON, "syn_flood", NULL, NULL);
	}
	if (s->ip_spoofing)
		print_fp("  %-46s%s\n", "IP spoofing", "enabled");
	print_bool(PRINT_JSON, "ip_spoofing", NULL, s->ip_spoofing);
	print_end();
out:
	fs_config_free(&cfg);
	return ret;
}

static void print_names(const char *key, uint32_t mask,
			const char *const *names, int n)
{
	int i;

	open_json_array(key);
	for (i = 0; i < n; i++) {
		if (!(mask & (1U << i)))
			continue;
		print_fp(" %s", names[i]);
		print_string(PRINT_JSON, NULL, NULL, names[i]);
	}
	close_json_array();
}

static void print_zone(const struct fs_cfg_zone *z)
{
	size_t i;

	open_json_object(NULL);
	print_string(PRINT_JSON, "name", NULL, z->name);
	print_fp("Security zone: %s\n", z->name);
	print_fp("  Send reset for non-SYN session TCP packets: %s\n",
		 z->tcp_rst ? "On" : "Off");
	print_bool(PRINT_JSON, "tcp_rst", NULL, z->tcp_rst);
	print_fp("  Policy configurable: Yes\n");
	if (z->screen) {
		print_fp("  Screen: %s\n", z->screen);
		print_string(PRINT_JSON, "screen", NULL, z->screen);
	} else {
		print_null(PRINT_JSON, "screen", NULL, NULL);
	}
	print_fp("  Interfaces bound: %zu\n", z->n_ifaces);
	print_fp("  Interfaces:\n");
	open_json_array("interfaces");
	for (i = 0; i < z->n_ifaces; i++) {
		const char *n = z->ifaces[i].name;
		size_t len = strlen(n);
		bool unit = len > 2 && !strcmp(n + len - 2, ".0");

		/* Junos names a logical interface: unit 0 unless written */
		print_fp("    %s%s\n", n, unit ? "" : ".0");
		if (fs_opts.json) {
			char *full = NULL;

			if (asprintf(&full, "%s%s", n, unit ? "" : ".0") >= 0)
				print_string(PRINT_JSON, NULL, NULL, full);
			free(full);
		}
	}
	close_json_array();
	open_json_object("host_inbound");
	print_fp("  Allowed host-inbound traffic :");
	print_names("system_services", z->services, fs_service_names,
		    __FLOWSTAT_SVC_MAX);
	print_names("protocols", z->protocols, fs_protocol_names,
		    __FLOWSTAT_PROTO_MAX);
	print_fp("\n");
	close_json_object();
	close_json_object();
}

int cmd_show_zones(int argc, char **argv)
{
	struct fs_config cfg;
	size_t i, shown = 0;
	int ret;

	if (argc > 1) {
		fprintf(stderr, "flowstat: unexpected word '%s'\n", argv[1]);
		return FS_EXIT_USAGE;
	}
	ret = read_running(&cfg);
	if (ret)
		goto out;
	if (argc && !fs_config_zone(&cfg, argv[0], false)) {
		fprintf(stderr, "error: zone '%s' not found\n", argv[0]);
		ret = FS_EXIT_USAGE;
		goto out;
	}
	print_start(stdout, fs_opts.json);
	open_json_array("zones");
	for (i = 0; i < cfg.n_zones; i++) {
		if (argc && strcmp(cfg.zones[i].name, argv[0]))
			continue;
		if (shown++)
			print_fp("\n");
		print_zone(&cfg.zones[i]);
	}
	close_json_array();
	print_end();
out:
	fs_config_free(&cfg);
	return ret;
}
