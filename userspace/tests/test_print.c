// SPDX-License-Identifier: GPL-2.0
/* Output layouts against golden text, and their JSON form. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../config.h"
#include "../counters.h"
#include "../print.h"
#include "../show.h"
#include "tap.h"

/* The example of cli.md, as a fake link and fake kernel counters. */
static void fake(struct fs_link *l, struct fs_ifstats *st)
{
	memset(l, 0, sizeof(*l));
	memset(st, 0, sizeof(*st));
	l->ifindex = 4;
	strcpy(l->name, "eth1");
	strcpy(l->alias, "ge-0/0/0");
	l->up = l->running = true;
	l->mtu = 1500;
	l->rx_bytes = 8932;
	l->tx_bytes = 8316;
	l->rx_packets = 98;
	l->tx_packets = 91;
	st->ifindex = 4;
	strcpy(st->ifname, "eth1");
	st->has_zone = true;
	strcpy(st->zone, "trust");
	st->services = (1U << FLOWSTAT_SVC_PING) | (1U << FLOWSTAT_SVC_SSH);
	st->ctr[FLOWSTAT_CTR_LOCAL_IN_BYTES] = 588;
	st->ctr[FLOWSTAT_CTR_LOCAL_OUT_BYTES] = 588;
	st->ctr[FLOWSTAT_CTR_LOCAL_IN_PACKETS] = 7;
	st->ctr[FLOWSTAT_CTR_LOCAL_OUT_PACKETS] = 7;
	st->ctr[FLOWSTAT_CTR_TRANSIT_IN_BYTES] = 8344;
	st->ctr[FLOWSTAT_CTR_TRANSIT_OUT_BYTES] = 7728;
	st->ctr[FLOWSTAT_CTR_TRANSIT_IN_PACKETS] = 91;
	st->ctr[FLOWSTAT_CTR_TRANSIT_OUT_PACKETS] = 84;
	st->rate[FLOWSTAT_RATE_IN_BPS] = 672;
	st->rate[FLOWSTAT_RATE_OUT_BPS] = 616;
	st->rate[FLOWSTAT_RATE_IN_PPS] = 1;
	st->rate[FLOWSTAT_RATE_OUT_PPS] = 1;
	st->ctr[FLOWSTAT_CTR_IN_SELF] = 7;
	st->ctr[FLOWSTAT_CTR_IN_ICMP] = 7;
	st->ctr[FLOWSTAT_CTR_IN_PERMIT_BYTES] = 8344;
	st->ctr[FLOWSTAT_CTR_IN_CONNECTIONS] = 3;
	st->ctr[FLOWSTAT_CTR_OUT_PERMIT_BYTES] = 7728;
	st->ctr[FLOWSTAT_CTR_DROP_POLICY_DENIED] = 7;
}

#define FLOW_BLOCKS(drop_no_zone, policy_denied) \
	"    Flow Input statistics :\n" \
	"      Self packets :                     7\n" \
	"      ICMP packets :                     7\n" \
	"      VPN packets :                      0\n" \
	"      Multicast packets :                0\n" \
	"      Bytes permitted by policy :        8344\n" \
	"      Connections established :          3\n" \
	"    Flow Output statistics:\n" \
	"      Multicast packets :                0\n" \
	"      Bytes permitted by policy :        7728\n" \
	"    Flow error statistics (Packets dropped due to):\n" \
	"      Address spoofing:                  0\n" \
	"      Authentication failed:             0\n" \
	"      Incoming NAT errors:               0\n" \
	"      Invalid zone received packet:      0\n" \
	"      Multiple user authentications:     0\n" \
	"      Multiple incoming NAT:             0\n" \
	"      No parent for a gate:              0\n" \
	"      No one interested in self packets: 0\n" \
	"      No minor session:                  0\n" \
	"      No more sessions:                  0\n" \
	"      No NAT gate:                       0\n" \
	"      No route present:                  0\n" \
	"      No SA for incoming SPI:            0\n" \
	"      No tunnel found:                   0\n" \
	"      No session for a gate:             0\n" \
	"      No zone or NULL zone binding       " drop_no_zone "\n" \
	"      Policy denied:                     " policy_denied "\n" \
	"      Security association not active:   0\n" \
	"      TCP sequence number out of window: 0\n" \
	"      Syn-attack protection:             0\n" \
	"      User authentication errors:        0\n"

/* cli.md, verbatim */
static const char golden[] =
	"Physical interface: ge-0/0/0, Enabled, Physical link is Up\n"
	"  Interface index: 4, Linux name: eth1, MTU: 1500\n"
	"  Statistics last cleared: Never\n"
	"  Traffic statistics:\n"
	"   Input  bytes  :                 8932\n"
	"   Output bytes  :                 8316\n"
	"   Input  packets:                   98\n"
	"   Output packets:                   91\n"
	"  Local statistics:\n"
	"   Input  bytes  :                  588\n"
	"   Output bytes  :                  588\n"
	"   Input  packets:                    7\n"
	"   Output packets:                    7\n"
	"  Transit statistics:\n"
	"   Input  bytes  :                 8344                  672 bps\n"
	"   Output bytes  :                 7728                  616 bps\n"
	"   Input  packets:                   91                    1 pps\n"
	"   Output packets:                   84                    1 pps\n"
	"    Security: Zone: trust\n"
	"    Allowed host-inbound traffic : ping ssh\n"
	"    Flow Statistics :\n"
	FLOW_BLOCKS("0", "7");

static void test_interface(void)
{
	struct fs_link l;
	struct fs_ifstats st;
	char *out;

	fake(&l, &st);
	capture_start(false);
	fs_print_interface(&l, &st, 1000);
	out = capture_end();
	tap_streq(out, golden, "show interfaces: the cli.md example, byte for byte");
	free(out);

	/* cleared, baseline, no zone, no alias, down */
	st.cleared = 1795687323;	/* 2026-11-26 10:02:03 UTC */
	st.base[FLOWSTAT_DEVSTAT_RX_BYTES] = 932;
	st.base[FLOWSTAT_DEVSTAT_TX_BYTES] = 316;
	st.base[FLOWSTAT_DEVSTAT_RX_PACKETS] = 8;
	st.base[FLOWSTAT_DEVSTAT_TX_PACKETS] = 100;	/* above: clamps */
	st.has_zone = false;
	st.ctr[FLOWSTAT_CTR_DROP_NO_ZONE] = 5;
	l.alias[0] = '\0';
	l.up = false;
	l.running = false;
	capture_start(false);
	fs_print_interface(&l, &st, 1795687323 + 70);
	out = capture_end();
	tap_streq(out,
		  "Physical interface: eth1, Disabled, Physical link is Down\n"
		  "  Interface index: 4, Linux name: eth1, MTU: 1500\n"
		  "  Statistics last cleared: 2026-11-26 10:02:03 UTC (00:01:10 ago)\n"
		  "  Traffic statistics:\n"
		  "   Input  bytes  :                 8000\n"
		  "   Output bytes  :                 8000\n"
		  "   Input  packets:                   90\n"
		  "   Output packets:                    0\n"
		  "  Local statistics:\n"
		  "   Input  bytes  :                  588\n"
		  "   Output bytes  :                  588\n"
		  "   Input  packets:                    7\n"
		  "   Output packets:                    7\n"
		  "  Transit statistics:\n"
		  "   Input  bytes  :                 8344                  672 bps\n"
		  "   Output bytes  :                 7728                  616 bps\n"
		  "   Input  packets:                   91                    1 pps\n"
		  "   Output packets:                   84                    1 pps\n"
		  "    Security: Zone: Null\n"
		  "    Flow Statistics :\n"
		  FLOW_BLOCKS("5", "7"),
		  "show interfaces: cleared, baseline subtracted, Null zone, Linux name, down");
	free(out);

	/* JSON of the same, through the same path */
	capture_start(true);
	open_json_array("interfaces");
	fs_print_interface(&l, &st, 1795687323 + 70);
	close_json_array();
	out = capture_end();
	tap_jq(out,
	       ".interfaces | length == 1 and .[0].name == \"eth1\" and "
	       ".[0].linux_name == \"eth1\" and .[0].ifindex == 4 and "
	       ".[0].enabled == false and .[0].link_up == false and "
	       ".[0].mtu == 1500 and .[0].zone == null and "
	       ".[0].host_inbound == [] and .[0].last_cleared == 1795687323",
	       "JSON interface: identity, state, null zone, last_cleared");
	tap_jq(out,
	       ".interfaces[0].traffic == {\"input_bytes\":8000,\"output_bytes\":8000,"
	       "\"input_packets\":90,\"output_packets\":0,\"input_bytes_total\":8932,"
	       "\"output_bytes_total\":8316,\"input_packets_total\":98,"
	       "\"output_packets_total\":91}",
	       "JSON traffic: since clear and raw totals");
	tap_jq(out,
	       ".interfaces[0] | .local == {\"input_bytes\":588,\"output_bytes\":588,"
	       "\"input_packets\":7,\"output_packets\":7} and "
	       ".transit == {\"input_bytes\":8344,\"output_bytes\":7728,"
	       "\"input_packets\":91,\"output_packets\":84,\"input_bps\":672,"
	       "\"output_bps\":616,\"input_pps\":1,\"output_pps\":1}",
	       "JSON local and transit with rates");
	tap_jq(out,
	       ".interfaces[0] | (.flow_input | keys_unsorted) == [\"self_packets\","
	       "\"icmp_packets\",\"vpn_packets\",\"multicast_packets\","
	       "\"bytes_permitted_by_policy\",\"connections_established\"] and "
	       "(.flow_output | keys_unsorted) == [\"multicast_packets\","
	       "\"bytes_permitted_by_policy\"] and .flow_input.self_packets == 7",
	       "JSON flow_input and flow_output keys");
	tap_jq(out,
	       ".interfaces[0].flow_errors | (keys_unsorted == [\"address_spoofing\","
	       "\"authentication_failed\",\"incoming_nat_errors\","
	       "\"invalid_zone_received_packet\",\"multiple_user_authentications\","
	       "\"multiple_incoming_nat\",\"no_parent_for_a_gate\","
	       "\"no_one_interested_in_self_packets\",\"no_minor_session\","
	       "\"no_more_sessions\",\"no_nat_gate\",\"no_route_present\","
	       "\"no_sa_for_incoming_spi\",\"no_tunnel_found\","
	       "\"no_session_for_a_gate\",\"no_zone_or_null_zone_binding\","
	       "\"policy_denied\",\"security_association_not_active\","
	       "\"tcp_sequence_number_out_of_window\",\"syn_attack_protection\","
	       "\"user_authentication_errors\"]) and .policy_denied == 7 and "
	       ".no_zone_or_null_zone_binding == 5",
	       "JSON flow_errors: all 21 keys in display order");
	free(out);

	fake(&l, &st);
	capture_start(true);
	open_json_array("interfaces");
	fs_print_interface(&l, &st, 1000);
	close_json_array();
	out = capture_end();
	tap_jq(out,
	       ".interfaces[0] | .name == \"ge-0/0/0\" and .zone == \"trust\" and "
	       ".host_inbound == [\"ping\",\"ssh\"] and .last_cleared == null and "
	       ".enabled and .link_up",
	       "JSON zoned interface: alias as name, host_inbound list");
	free(out);
}

static void test_cleared_format(void)
{
	char buf[128];

	fs_format_cleared(buf, sizeof(buf), 1795687323, 1795687323);
	tap_streq(buf, "2026-11-26 10:02:03 UTC (00:00:00 ago)", "cleared just now");
	fs_format_cleared(buf, sizeof(buf), 1795687323,
			  1795687323 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
	tap_streq(buf, "2026-11-26 10:02:03 UTC (2d 03:04:05 ago)", "cleared days ago");
	fs_format_cleared(buf, sizeof(buf), 1795687323,
			  1795687323 + 17 * 86400 + 59);
	tap_streq(buf, "2026-11-26 10:02:03 UTC (2w3d 00:00:59 ago)", "cleared weeks ago");
	fs_format_cleared(buf, sizeof(buf), 1795687323, 1795687000);
	tap_streq(buf, "2026-11-26 10:02:03 UTC (00:00:00 ago)", "clock behind: never negative");
}

static void test_terse(void)
{
	struct fs_link l[2];
	struct fs_ifstats st[2];
	const struct fs_link *lv[2] = { &l[0], &l[1] };
	const struct fs_ifstats *sv[2] = { &st[0], &st[1] };
	char *out;

	fake(&l[0], &st[0]);
	fake(&l[1], &st[1]);
	l[0].ifindex = 1;
	strcpy(l[0].name, "lo");
	l[0].alias[0] = '\0';
	l[0].rx_packets = l[0].tx_packets = 1234567;
	st[0].has_zone = false;
	memset(st[0].ctr, 0, sizeof(st[0].ctr));
	st[1].ctr[FLOWSTAT_CTR_DROP_NO_ROUTE] = 2;
	l[1].running = false;
	capture_start(false);
	fs_print_terse(lv, sv, 2);
	out = capture_end();
	tap_streq(out,
		  "Interface Linux Zone  Admin Link Input packets Output packets Flow drops\n"
		  "lo        lo    Null  up    up         1234567        1234567          0\n"
		  "ge-0/0/0  eth1  trust up    down            98             91          9\n",
		  "terse: aligned columns, drops summed");
	free(out);
}

static void test_flowstats(void)
{
	struct fs_link l;
	struct fs_ifstats st;
	struct fs_flowstats fs = { 0 };
	char *out;

	fake(&l, &st);
	memcpy(fs.ctr, st.ctr, sizeof(fs.ctr));
	fs.sessions[FLOWSTAT_A_STATS_SESSIONS_CURRENT] = 3;
	fs.sessions[FLOWSTAT_A_STATS_SESSIONS_MAX] = 262144;
	fs.sessions[FLOWSTAT_A_STATS_SESSIONS_CREATED] = 10;
	fs.sessions[FLOWSTAT_A_STATS_SESSIONS_DELETED] = 7;
	fs.sessions[FLOWSTAT_A_STATS_SESSIONS_TCP] = 1;
	fs.sessions[FLOWSTAT_A_STATS_SESSIONS_UDP] = 1;
	fs.sessions[FLOWSTAT_A_STATS_SESSIONS_ICMP] = 1;
	capture_start(false);
	fs_print_flowstats(&fs);
	out = capture_end();
	tap_streq(out,
		  "Flow statistics:\n"
		  "  Current sessions: 3\n"
		  "  Maximum sessions: 262144\n"
		  "  Sessions created: 10\n"
		  "  Sessions deleted: 7\n"
		  "    TCP sessions: 1\n"
		  "    UDP sessions: 1\n"
		  "    ICMP sessions: 1\n"
		  "    Other sessions: 0\n"
		  "  Packets forwarded: 91\n"
		  "  Packets to self: 7\n"
		  "  Packets from self: 7\n"
		  "  Packets dropped: 7\n"
		  FLOW_BLOCKS("0", "7")
		  "",
		  "show security flow statistics");
	free(out);
	fs.ctr[FLOWSTAT_CTR_DROP_NO_ROUTE] = 3;
	capture_start(true);
	fs_print_flowstats(&fs);
	out = capture_end();
	tap_jq(out,
	       ".sessions == {\"current\":3,\"maximum\":262144,\"created\":10,"
	       "\"deleted\":7,\"tcp\":1,\"udp\":1,\"icmp\":1,\"other\":0} and "
	       ".local == {\"input_bytes\":588,\"output_bytes\":588,"
	       "\"input_packets\":7,\"output_packets\":7} and "
	       ".transit == {\"input_bytes\":8344,\"output_bytes\":7728,"
	       "\"input_packets\":91,\"output_packets\":84} and "
	       ".flow_errors.no_route_present == 3 and "
	       "(.flow_input | length) == 6 and (.flow_output | length) == 2 and "
	       "(.flow_errors | length) == 21 and (keys_unsorted | length) == 6",
	       "JSON flow statistics shape");
	free(out);
}

static void test_counter_table(void)
{
	bool ok = true;
	int c, d;

	for (c = 0; c < __FLOWSTAT_CTR_MAX; c++) {
		const char *label = fs_counters[c].label;
		const char *key = fs_counters[c].key;
		const char *p;

		if (!label || !key) {
			ok = false;
			tap_diag("counter %d has no name", c);
			continue;
		}
		for (p = key; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
				ok = false;
		if (c >= FS_CTR_DROP_FIRST &&
		    (label[strlen(label) - 1] == ':') ==
		    (c == FLOWSTAT_CTR_DROP_NO_ZONE))
			ok = false;
		for (d = FS_CTR_IN_FIRST; d < c && c >= FS_CTR_IN_FIRST; d++)
			if ((d >= FS_CTR_DROP_FIRST) == (c >= FS_CTR_DROP_FIRST) &&
			    (d >= FS_CTR_OUT_FIRST) == (c >= FS_CTR_OUT_FIRST) &&
			    !strcmp(fs_counters[d].key, key))
				ok = false;
	}
	tap_ok(ok, "counter table: every counter named, snake_case keys unique per section, colons");
	tap_ok(FS_CTR_DROP_LAST - FS_CTR_DROP_FIRST + 1 == 21 &&
	       FS_CTR_IN_LAST - FS_CTR_IN_FIRST + 1 == 6 &&
	       FS_CTR_OUT_LAST - FS_CTR_OUT_FIRST + 1 == 2,
	       "counter sections: 6 input, 2 output, 21 errors");
}

static void test_json_writer(void)
{
	char *out;

	capture_start(true);
	print_string(PRINT_ANY, "s", "%s", "a\"b\\c\n\x01");
	print_null(PRINT_ANY, "n", "%s", "x");
	open_json_array("a");
	print_u64(PRINT_ANY, NULL, "%llu", 18446744073709551615ULL);
	print_bool(PRINT_ANY, NULL, "%s", true);
	open_json_object(NULL);
	close_json_object();
	close_json_array();
	print_fp("text only\n");
	out = capture_end();
	tap_streq(out,
		  "{\"s\":\"a\\\"b\\\\c\\n\\u0001\",\"n\":null,\"a\":[18446744073709551615,true,{}]}\n",
		  "JSON writer: escapes, null, nesting, u64 max, no text");
	tap_jq(out, ".a[0] > 1e19", "JSON writer output is valid JSON");
	free(out);
}

static void test_config_json(void)
{
	struct fs_diags d = { .file = "t" };
	struct fs_config cfg;
	char *out;

	fs_config_init(&cfg);
	fs_config_parse_string(
		"set security zones security-zone trust interfaces eth1 host-inbound-traffic protocols ospf\n"
		"set security zones security-zone trust host-inbound-traffic system-services [ ssh ping ]\n"
		"set security zones security-zone untrust interfaces eth2\n"
		"set security policies from-zone trust to-zone untrust policy p1 match source-address any\n"
		"set security policies from-zone trust to-zone untrust policy p1 match destination-address any\n"
		"set security policies from-zone trust to-zone untrust policy p1 match application any\n"
		"set security policies from-zone trust to-zone untrust policy p1 then reject\n",
		&cfg, &d);
	tap_ok(d.n == 0, "config for JSON parses");
	capture_start(true);
	fs_config_print_json(&cfg);
	out = capture_end();
	tap_jq(out,
	       ". == {\"default_policy\":\"deny-all\",\"zones\":[{\"name\":\"trust\","
	       "\"screen\":null,\"tcp_rst\":false,\"host_inbound\":{\"system_services\":[\"ping\",\"ssh\"],\"protocols\":[]},"
	       "\"interfaces\":[{\"name\":\"eth1\",\"host_inbound\":{\"system_services\":[],\"protocols\":[\"ospf\"]}}]},"
	       "{\"name\":\"untrust\",\"screen\":null,\"tcp_rst\":false,\"host_inbound\":{\"system_services\":[],"
	       "\"protocols\":[]},\"interfaces\":[{\"name\":\"eth2\"}]}],"
	       "\"addresses\":[],\"address_sets\":[],\"applications\":[],"
	       "\"application_sets\":[],\"screens\":[],"
	       "\"nat\":{\"pools\":[],\"rules\":[],\"proxies\":[]},"
	       "\"policies\":[{\"name\":\"p1\",\"from_zone\":\"trust\","
	       "\"to_zone\":\"untrust\",\"action\":\"reject\",\"count\":false,"
	       "\"source_address\":[\"any\"],\"destination_address\":[\"any\"],"
	       "\"application\":[\"any\"]}]}",
	       "show configuration -j shape");
	free(out);
	fs_diags_free(&d);
	fs_config_free(&cfg);
}

/*
 * print.c writes simple formats itself (see put_simple()): each shape it
 * takes, and ones it must hand to printf, against snprintf's result.
 */
static void test_simple_formats(void)
{
	char want[512];
	char *out;
	int n;

	capture_start(false);
	print_fp("   %-15s", "Input  bytes  :");
	print_u64(PRINT_ANY, "k", "%21" PRIu64 "\n", 0);
	print_u64(PRINT_ANY, "k", "%21" PRIu64, UINT64_MAX);
	print_u64(PRINT_ANY, "k", "x%-5" PRIu64 "|%%\n", 42);
	print_u64(PRINT_ANY, "k", "%" PRIu64 "\n", 1234567890123ULL);
	print_fp("      %-35s", "a label longer than its thirty-five columns");
	print_fp("%s and %5s, %-4s|%%|%s\n", "a", "b", "c", "");
	print_fp("no conversion at all\n");
	print_fp("%-3s%s%s%s%s\n", "1", "2", "3", "4", "5");
	print_fp("%d %s %08x\n", -7, "mixed", 255U);
	print_string(PRINT_ANY, "k", "[%-8s]\n", "str");
	print_bool(PRINT_ANY, "k", "%6s\n", true);
	print_null(PRINT_ANY, "k", "<%s>\n", "none");
	out = capture_end();
	n = snprintf(want, sizeof(want),
		     "   %-15s%21" PRIu64 "\n%21" PRIu64 "x%-5" PRIu64 "|%%\n%"
		     PRIu64 "\n      %-35s%s and %5s, %-4s|%%|%s\nno conversion "
		     "at all\n%-3s%s%s%s%s\n%d %s %08x\n[%-8s]\n%6s\n<%s>\n",
		     "Input  bytes  :", (uint64_t)0, UINT64_MAX, (uint64_t)42,
		     (uint64_t)1234567890123ULL,
		     "a label longer than its thirty-five columns", "a", "b",
		     "c", "", "1", "2", "3", "4", "5", -7, "mixed", 255U,
		     "str", "true", "none");
	tap_ok(n > 0 && (size_t)n < sizeof(want), "reference text fits");
	tap_streq(out, want, "simple formats print as printf prints them");
	free(out);
}

void test_print(void)
{
	test_simple_formats();
	test_interface();
	test_cleared_format();
	test_terse();
	test_flowstats();
	test_counter_table();
	test_json_writer();
	test_config_json();
}
