// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat show interfaces [flow-statistics] [IF] [terse|extensive]
 *
 * Joins what rtnetlink says about each device (names, state, the device's
 * own counters) with what the module says (zone, host-inbound, baseline of
 * the last clear, rates, flow counters), one block per interface.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counters.h"
#include "flowstat.h"
#include "names.h"
#include "nl.h"
#include "print.h"
#include "show.h"
#include "util.h"

void fs_format_cleared(char *buf, size_t size, uint64_t cleared, time_t now)
{
	time_t t = (time_t)cleared;
	uint64_t ago, w, d;
	struct tm tm;
	char when[32], span[48];

	if (!gmtime_r(&t, &tm) ||
	    !strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm))
		snprintf(when, sizeof(when), "%" PRIu64, cleared);
	ago = (uint64_t)now > cleared ? (uint64_t)now - cleared : 0;
	w = ago / 604800;
	d = ago % 604800 / 86400;
	ago %= 86400;
	if (w)
		snprintf(span, sizeof(span), "%" PRIu64 "w%" PRIu64 "d ", w, d);
	else if (d)
		snprintf(span, sizeof(span), "%" PRIu64 "d ", d);
	else
		span[0] = '\0';
	snprintf(buf, size, "%s UTC (%s%02u:%02u:%02u ago)", when, span,
		 (unsigned int)(ago / 3600), (unsigned int)(ago % 3600 / 60),
		 (unsigned int)(ago % 60));
}

static uint64_t sub0(uint64_t a, uint64_t b)
{
	return a > b ? a - b : 0;
}

static void io_line(const char *label, const char *key, uint64_t v)
{
	print_fp("   %-15s", label);
	print_u64(PRINT_ANY, key, "%21" PRIu64 "\n", v);
}

static void traffic(const struct fs_link *l, const struct fs_ifstats *st)
{
	const uint64_t *b = st->base;

	print_fp("  Traffic statistics:\n");
	open_json_object("traffic");
	io_line("Input  bytes  :", "input_bytes",
		sub0(l->rx_bytes, b[FLOWSTAT_DEVSTAT_RX_BYTES]));
	io_line("Output bytes  :", "output_bytes",
		sub0(l->tx_bytes, b[FLOWSTAT_DEVSTAT_TX_BYTES]));
	io_line("Input  packets:", "input_packets",
		sub0(l->rx_packets, b[FLOWSTAT_DEVSTAT_RX_PACKETS]));
	io_line("Output packets:", "output_packets",
		sub0(l->tx_packets, b[FLOWSTAT_DEVSTAT_TX_PACKETS]));
	/* Raw, never reset: for scrapers that compute their own deltas. */
	print_u64(PRINT_JSON, "input_bytes_total", NULL, l->rx_bytes);
	print_u64(PRINT_JSON, "output_bytes_total", NULL, l->tx_bytes);
	print_u64(PRINT_JSON, "input_packets_total", NULL, l->rx_packets);
	print_u64(PRINT_JSON, "output_packets_total", NULL, l->tx_packets);
	close_json_object();
}

static void local(const struct fs_ifstats *st)
{
	int i, c;

	print_fp("  Local statistics:\n");
	open_json_object("local");
	for (i = 0; i < 4; i++) {
		c = fs_local_order[i];
		io_line(fs_counters[c].label, fs_counters[c].key, st->ctr[c]);
	}
	close_json_object();
}

static void transit(const struct fs_ifstats *st)
{
	static const struct {
		int rate;
		const char *key, *unit;
	} rates[4] = {
		{ FLOWSTAT_RATE_IN_BPS, "input_bps", "bps" },
		{ FLOWSTAT_RATE_OUT_BPS, "output_bps", "bps" },
		{ FLOWSTAT_RATE_IN_PPS, "input_pps", "pps" },
		{ FLOWSTAT_RATE_OUT_PPS, "output_pps", "pps" },
	};
	int i, c;

	print_fp("  Transit statistics:\n");
	open_json_object("transit");
	for (i = 0; i < 4; i++) {
		c = fs_transit_order[i];
		print_fp("   %-15s", fs_counters[c].label);
		print_u64(PRINT_ANY, fs_counters[c].key, "%21" PRIu64,
			  st->ctr[c]);
		print_u64(PRINT_ANY, rates[i].key, "%21" PRIu64,
			  st->rate[rates[i].rate]);
		print_fp(" %s\n", rates[i].unit);
	}
	close_json_object();
}

static void host_inbound(const struct fs_ifstats *st)
{
	int i;

	if (st->has_zone)
		print_fp("    Allowed host-inbound traffic :");
	open_json_array("host_inbound");
	for (i = 0; st->has_zone && i < __FLOWSTAT_SVC_MAX; i++)
		if (st->services & (1U << i))
			print_string(PRINT_ANY, NULL, " %s",
				     fs_service_names[i]);
	for (i = 0; st->has_zone && i < __FLOWSTAT_PROTO_MAX; i++)
		if (st->protocols & (1U << i))
			print_string(PRINT_ANY, NULL, " %s",
				     fs_protocol_names[i]);
	close_json_array();
	if (st->has_zone)
		print_fp("\n");
}

void fs_print_interface(const struct fs_link *l, const struct fs_ifstats *st,
			time_t now)
{
	char buf[128];

	open_json_object(NULL);
	print_string(PRINT_ANY, "name", "Physical interface: %s",
		     fs_link_display_name(l));
	print_string(PRINT_JSON, "linux_name", NULL, l->name);
	print_u64(PRINT_JSON, "ifindex", NULL, l->ifindex);
	print_bool(PRINT_JSON, "enabled", NULL, l->up);
	print_bool(PRINT_JSON, "link_up", NULL, l->running);
	print_fp(", %s, Physical link is %s\n",
		 l->up ? "Enabled" : "Disabled", l->running ? "Up" : "Down");
	print_fp("  Interface index: %d, Linux name: %s, MTU: %u\n",
		 l->ifindex, l->name, l->mtu);
	print_u64(PRINT_JSON, "mtu", NULL, l->mtu);
	print_string(PRINT_JSON, "zone", NULL,
		     st->has_zone ? st->zone : NULL);
	if (st->cleared) {
		fs_format_cleared(buf, sizeof(buf), st->cleared, now);
		print_fp("  Statistics last cleared: %s\n", buf);
		print_u64(PRINT_JSON, "last_cleared", NULL, st->cleared);
	} else {
		print_null(PRINT_ANY, "last_cleared",
			   "  Statistics last cleared: %s\n", "Never");
	}
	traffic(l, st);
	local(st);
	transit(st);
	print_fp("    Security: Zone: %s\n", st->has_zone ? st->zone : "Null");
	host_inbound(st);
	print_fp("    Flow Statistics :\n");
	fs_print_flow_blocks(st->ctr);
	close_json_object();
}

static int digits(uint64_t v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

void fs_print_terse(const struct fs_link *const *links,
		    const struct fs_ifstats *const *st, size_t n)
{
	int wn = strlen("Interface"), wl = strlen("Linux"), wz = strlen("Zone");
	int wi = strlen("Input packets"), wo = strlen("Output packets");
	uint64_t in, out;
	size_t i;

	for (i = 0; i < n; i++) {
		wn = max_int(wn, strlen(fs_link_display_name(links[i])));
		wl = max_int(wl, strlen(links[i]->name));
		wz = max_int(wz, strlen(st[i]->has_zone ? st[i]->zone : "Null"));
		wi = max_int(wi, digits(sub0(links[i]->rx_packets,
			     st[i]->base[FLOWSTAT_DEVSTAT_RX_PACKETS])));
		wo = max_int(wo, digits(sub0(links[i]->tx_packets,
			     st[i]->base[FLOWSTAT_DEVSTAT_TX_PACKETS])));
	}
	print_fp("%-*s %-*s %-*s Admin Link %*s %*s Flow drops\n", wn,
		 "Interface", wl, "Linux", wz, "Zone", wi, "Input packets",
		 wo, "Output packets");
	for (i = 0; i < n; i++) {
		const struct fs_link *l = links[i];

		in = sub0(l->rx_packets,
			  st[i]->base[FLOWSTAT_DEVSTAT_RX_PACKETS]);
		out = sub0(l->tx_packets,
			   st[i]->base[FLOWSTAT_DEVSTAT_TX_PACKETS]);
		print_fp("%-*s %-*s %-*s %-5s %-4s %*" PRIu64 " %*" PRIu64
			 " %10" PRIu64 "\n",
			 wn, fs_link_display_name(l), wl, l->name, wz,
			 st[i]->has_zone ? st[i]->zone : "Null",
			 l->up ? "up" : "down", l->running ? "up" : "down",
			 wi, in, wo, out, fs_counters_drops(st[i]->ctr));
	}
}

enum { KW_FLOW_STATISTICS, KW_TERSE, KW_EXTENSIVE };

static const char *const show_if_words[] = {
	[KW_FLOW_STATISTICS] = "flow-statistics",
	[KW_TERSE] = "terse",
	[KW_EXTENSIVE] = "extensive",
};

static int usage(void)
{
	fputs("usage: flowstat show interfaces [flow-statistics] [IF] [terse|extensive]\n",
	      stderr);
	return FS_EXIT_USAGE;
}

int cmd_show_interfaces(int argc, char **argv)
{
	struct fs_ifstats_list list = { 0 };
	const struct fs_link **lv = NULL;
	const struct fs_ifstats **sv = NULL;
	const struct fs_link *want = NULL;
	const char *ifname = NULL;
	struct fs_ifstats none;
	struct fs_links links;
	bool terse = false;
	size_t i, n = 0;
	int ret, k;

	ret = fs_links_load(&links);
	if (ret)
		return ret;
	for (i = 0; i < (size_t)argc; i++) {
		const char *w = argv[i];

		if (!strcmp(w, "help")) {
			fs_links_free(&links);
			puts("usage: flowstat show interfaces [flow-statistics] [IF] [terse|extensive]");
			return 0;
		}
		k = fs_match_word(w, show_if_words, ARRAY_SIZE(show_if_words));
		/* A real interface wins over a mere prefix of a keyword. */
		if (k >= 0 && strcmp(w, show_if_words[k]) &&
		    fs_links_find(&links, w))
			k = -1;
		if (k == KW_TERSE) {
			terse = true;
		} else if (k == KW_FLOW_STATISTICS || k == KW_EXTENSIVE) {
			/* the default already shows everything */
		} else if (!ifname) {
			ifname = w;
		} else {
			fprintf(stderr, "flowstat: unexpected word '%s'\n", w);
			fs_links_free(&links);
			return usage();
		}
	}
	if (ifname) {
		want = fs_links_find(&links, ifname);
		if (!want) {
			fprintf(stderr, "error: interface '%s' not found\n",
				ifname);
			fs_links_free(&links);
			return FS_EXIT_USAGE;
		}
	}
	ret = fs_genl_open();
	if (!ret)
		ret = fs_genl_dump(FLOWSTAT_CMD_IFSTATS_GET, fs_ifstats_dump_cb,
				   fs_ifstats_list_reset, &list);
	if (ret)
		goto out;

	lv = xmalloc((list.n + 1) * sizeof(*lv));
	sv = xmalloc((list.n + 1) * sizeof(*sv));
	if (want) {
		lv[n] = want;
		sv[n] = fs_ifstats_find(&list, want->ifindex);
		if (!sv[n]) {
			/* appeared after the dump: nothing counted yet */
			memset(&none, 0, sizeof(none));
			none.ifindex = want->ifindex;
			sv[n] = &none;
		}
		n++;
	} else {
		for (i = 0; i < list.n; i++) {
			lv[n] = fs_links_by_index(&links, list.v[i].ifindex);
			sv[n] = &list.v[i];
			if (lv[n])	/* else: gone since the dump */
				n++;
		}
	}

	print_start(stdout, fs_opts.json);
	if (terse && !fs_opts.json) {
		fs_print_terse(lv, sv, n);
	} else {
		time_t now = time(NULL);

		open_json_array("interfaces");
		for (i = 0; i < n; i++) {
			if (i)
				print_fp("\n");
			fs_print_interface(lv[i], sv[i], now);
		}
		close_json_array();
	}
	print_end();
out:
	fs_genl_close();
	free(lv);
	free(sv);
	free(list.v);
	fs_links_free(&links);
	return ret;
}
