// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink encoding and decoding without a kernel: the CONFIG_SET message
 * decoded by the CONFIG_GET decoder gives the same model; counter nests
 * map type = counter + 1; unknown attributes are skipped. Also the word
 * matching of the command table.
 */
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/genl/genl.h>

#include <linux/flowstat.h>

#include "../config.h"
#include "../config_nl.h"
#include "../flowstat.h"
#include "../links.h"
#include "../stats.h"
#include "tap.h"

static void test_config_msg(void)
{
	struct fs_diags d = { .file = "t" };
	struct fs_config a, b;
	struct nl_msg *msg;
	struct nlattr *head;
	int len, ret, i;
	char *text = NULL;
	size_t tlen = 0;
	FILE *f = open_memstream(&text, &tlen);

	/* Big enough to need more than one page of attributes. */
	fputs("set security zones security-zone trust interfaces ge-0/0/0.0 host-inbound-traffic system-services ssh\n"
	      "set security zones security-zone trust interfaces eth9 host-inbound-traffic protocols all\n"
	      "set security zones security-zone trust host-inbound-traffic system-services ping\n"
	      "set security zones security-zone untrust interfaces eth2\n"
	      "set security zones security-zone empty\n"
	      "set security policies default-policy permit-all\n", f);
	for (i = 0; i < 500; i++)
		fprintf(f,
			"set security policies from-zone trust to-zone untrust policy p%d match source-address any\n"
			"set security policies from-zone trust to-zone untrust policy p%d match destination-address any\n"
			"set security policies from-zone trust to-zone untrust policy p%d match application any\n"
			"set security policies from-zone trust to-zone untrust policy p%d then %s\n",
			i, i, i, i, i % 3 ? "permit" : "deny");
	fclose(f);
	fs_config_init(&a);
	fs_config_parse_string(text, &a, &d);
	free(text);
	tap_ok(d.n == 0 && a.n_policies == 500, "500-policy config parses");

	msg = nlmsg_alloc_size(fs_config_msg_size(&a) + 64);
	genlmsg_put(msg, 0, 0, 99, 0, 0, FLOWSTAT_CMD_CONFIG_SET, 1);
	ret = fs_config_put(msg, &a);
	tap_ok(ret == 0, "CONFIG_SET fits the size estimate (%zu bytes)",
	       fs_config_msg_size(&a));

	fs_config_init(&b);
	b.default_policy = -1;
	len = genlmsg_attrlen(nlmsg_data(nlmsg_hdr(msg)), 0);
	head = genlmsg_attrdata(nlmsg_data(nlmsg_hdr(msg)), 0);
	fs_config_add_attrs(&b, head, len);
	tap_ok(fs_config_equal(&a, &b),
	       "CONFIG_SET attributes decode to the same model");
	tap_ok(b.n_zones == 3 && b.zones[0].n_ifaces == 2 &&
	       b.zones[0].ifaces[0].own &&
	       b.zones[0].ifaces[0].services == 2 &&
	       !b.zones[0].ifaces[0].protocols &&
	       b.zones[0].ifaces[1].own && !b.zones[0].ifaces[1].services &&
	       b.zones[0].ifaces[1].protocols == FLOWSTAT_PROTO_ALL &&
	       !b.zones[1].ifaces[0].own,
	       "interface masks are sent only when the interface has its own");
	nlmsg_free(msg);
	fs_config_free(&a);
	fs_config_free(&b);
	fs_diags_free(&d);
}

static void test_ifstats_msg(void)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct fs_ifstats st;
	struct nlattr *nest, *head;
	int len, c;
	bool ok = true;

	genlmsg_put(msg, 0, 0, 99, 0, 0, FLOWSTAT_CMD_IFSTATS_GET, 1);
	nla_put_u32(msg, FLOWSTAT_A_IFSTATS_IFINDEX, 4);
	nla_put_string(msg, FLOWSTAT_A_IFSTATS_IFNAME, "eth1");
	nla_put_string(msg, FLOWSTAT_A_IFSTATS_ZONE, "trust");
	nla_put_u32(msg, FLOWSTAT_A_IFSTATS_SERVICES, 3);
	nla_put_u32(msg, FLOWSTAT_A_IFSTATS_PROTOCOLS, 4);
	nla_put_u64(msg, FLOWSTAT_A_IFSTATS_CLEARED, 1795687323);
	nla_put_u64(msg, 200, 42);	/* from a newer module: ignored */
	nest = nla_nest_start(msg, FLOWSTAT_A_IFSTATS_BASE);
	nla_put_u64(msg, FLOWSTAT_DEVSTAT_RX_BYTES, 11);
	nla_put_u64(msg, FLOWSTAT_DEVSTAT_TX_PACKETS, 12);
	nla_nest_end(msg, nest);
	nest = nla_nest_start(msg, FLOWSTAT_A_IFSTATS_RATE);
	nla_put_u64(msg, FLOWSTAT_RATE_OUT_PPS, 13);
	nla_nest_end(msg, nest);
	nest = nla_nest_start(msg, FLOWSTAT_A_IFSTATS_COUNTERS);
	for (c = 0; c < __FLOWSTAT_CTR_MAX; c++)
		if (c != FLOWSTAT_CTR_IN_VPN)	/* missing: reads 0 */
			nla_put_u64(msg, FLOWSTAT_A_COUNTER(c), 1000 + c);
	nla_put_u64(msg, FLOWSTAT_A_COUNTER_MAX + 5, 7);	/* unknown */
	nla_nest_end(msg, nest);

	len = genlmsg_attrlen(nlmsg_data(nlmsg_hdr(msg)), 0);
	head = genlmsg_attrdata(nlmsg_data(nlmsg_hdr(msg)), 0);
	fs_ifstats_from_attrs(&st, head, len);
	tap_ok(st.ifindex == 4 && !strcmp(st.ifname, "eth1") && st.has_zone &&
	       !strcmp(st.zone, "trust") && st.services == 3 &&
	       st.protocols == 4 && st.cleared == 1795687323,
	       "IFSTATS identity attributes");
	tap_ok(st.base[FLOWSTAT_DEVSTAT_RX_BYTES] == 11 &&
	       st.base[FLOWSTAT_DEVSTAT_TX_PACKETS] == 12 &&
	       st.base[FLOWSTAT_DEVSTAT_RX_PACKETS] == 0 &&
	       st.rate[FLOWSTAT_RATE_OUT_PPS] == 13 &&
	       st.rate[FLOWSTAT_RATE_IN_BPS] == 0,
	       "IFSTATS baseline and rate nests");
	for (c = 0; c < __FLOWSTAT_CTR_MAX; c++)
		if (st.ctr[c] != (c == FLOWSTAT_CTR_IN_VPN ? 0 : 1000U + c))
			ok = false;
	tap_ok(ok, "counter attribute type is counter + 1; missing reads 0; unknown ignored");
	nlmsg_free(msg);

	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, 99, 0, 0, FLOWSTAT_CMD_IFSTATS_GET, 1);
	nla_put_u32(msg, FLOWSTAT_A_IFSTATS_IFINDEX, 1);
	len = genlmsg_attrlen(nlmsg_data(nlmsg_hdr(msg)), 0);
	head = genlmsg_attrdata(nlmsg_data(nlmsg_hdr(msg)), 0);
	fs_ifstats_from_attrs(&st, head, len);
	tap_ok(st.ifindex == 1 && !st.has_zone && !st.cleared,
	       "IFSTATS without ZONE: no zone");
	nlmsg_free(msg);
}

static void test_flowstats_msg(void)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct fs_flowstats fs;
	struct nlattr *nest, *head;
	int len;

	genlmsg_put(msg, 0, 0, 99, 0, 0, FLOWSTAT_CMD_STATS_GET, 1);
	nest = nla_nest_start(msg, FLOWSTAT_A_STATS_COUNTERS);
	nla_put_u64(msg, FLOWSTAT_A_COUNTER(FLOWSTAT_CTR_DROP_USER_AUTH_ERRORS), 5);
	nla_nest_end(msg, nest);
	nla_put_u64(msg, FLOWSTAT_A_STATS_SESSIONS_MAX, 262144);
	nla_put_u64(msg, FLOWSTAT_A_STATS_SESSIONS_OTHER, 9);
	len = genlmsg_attrlen(nlmsg_data(nlmsg_hdr(msg)), 0);
	head = genlmsg_attrdata(nlmsg_data(nlmsg_hdr(msg)), 0);
	fs_flowstats_from_attrs(&fs, head, len);
	tap_ok(fs.ctr[FLOWSTAT_CTR_DROP_USER_AUTH_ERRORS] == 5 &&
	       fs.sessions[FLOWSTAT_A_STATS_SESSIONS_MAX] == 262144 &&
	       fs.sessions[FLOWSTAT_A_STATS_SESSIONS_OTHER] == 9 &&
	       fs.sessions[FLOWSTAT_A_STATS_SESSIONS_CURRENT] == 0,
	       "STATS_GET reply decodes");
	nlmsg_free(msg);
}

static void test_words(void)
{
	static const char *const w[] = { "show", "security", "statistics",
					 "clear" };
	char *todo[] = { "monitor", "drops" };
	char *amb[] = { "s" };
	char *unknown[] = { "sh", "frob" };

	tap_ok(fs_match_word("sh", w, 4) == 0, "unambiguous prefix matches");
	tap_ok(fs_match_word("s", w, 4) == -2, "ambiguous prefix");
	tap_ok(fs_match_word("se", w, 4) == 1, "prefix se -> security");
	tap_ok(fs_match_word("x", w, 4) == -1, "no match");
	tap_ok(fs_match_word("clear", w, 4) == 3, "exact match");
	tap_ok(fs_run(2, todo) == 1, "not-yet-supported command exits 1");
	tap_ok(fs_run(1, amb) == 1, "ambiguous command exits 1");
	tap_ok(fs_run(2, unknown) == 1, "unknown word exits 1");
}

static void test_links(void)
{
	struct fs_link v[3] = {
		{ .ifindex = 1, .name = "lo" },
		{ .ifindex = 4, .name = "eth1", .alias = "ge-0/0/0" },
		{ .ifindex = 5, .name = "eth1.0" },
	};
	struct fs_links l = { .v = v, .n = 3 };
	const struct fs_link *f;

	f = fs_links_find(&l, "ge-0/0/0");
	tap_ok(f && f->ifindex == 4, "interface by alias");
	f = fs_links_find(&l, "ge-0/0/0.0");
	tap_ok(f && f->ifindex == 4, "interface by alias with unit .0");
	f = fs_links_find(&l, "lo.0");
	tap_ok(f && f->ifindex == 1, "interface by Linux name with unit .0");
	f = fs_links_find(&l, "eth1.0");
	tap_ok(f && f->ifindex == 5, "an exact Linux name wins over the unit rule");
	tap_ok(!fs_links_find(&l, "ge-0/0/0.1") && !fs_links_find(&l, "ge-0/0/1"),
	       "unknown names and units other than 0 are not found");
	tap_ok(!strcmp(fs_link_display_name(&v[1]), "ge-0/0/0") &&
	       !strcmp(fs_link_display_name(&v[0]), "lo"),
	       "display name: alias, else Linux name");
}

void test_nl(void)
{
	test_links();
	test_config_msg();
	test_ifstats_msg();
	test_flowstats_msg();
	test_words();
}
