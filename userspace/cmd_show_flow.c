// SPDX-License-Identifier: GPL-2.0
/* flowstat show security flow statistics */
#include <inttypes.h>
#include <stdio.h>

#include "counters.h"
#include "flowstat.h"
#include "nl.h"
#include "print.h"
#include "show.h"
#include "util.h"

static void io_object(const char *key, const uint64_t *ctr, const int *order)
{
	int i;

	open_json_object(key);
	for (i = 0; i < 4; i++)
		print_u64(PRINT_JSON, fs_counters[order[i]].key, NULL,
			  ctr[order[i]]);
	close_json_object();
}

void fs_print_flowstats(const struct fs_flowstats *fs)
{
	static const struct {
		int attr;
		const char *key, *fmt;
	} sessions[] = {
		{ FLOWSTAT_A_STATS_SESSIONS_CURRENT, "current",
		  "  Current sessions: %" PRIu64 "\n" },
		{ FLOWSTAT_A_STATS_SESSIONS_MAX, "maximum",
		  "  Maximum sessions: %" PRIu64 "\n" },
		{ FLOWSTAT_A_STATS_SESSIONS_CREATED, "created",
		  "  Sessions created: %" PRIu64 "\n" },
		{ FLOWSTAT_A_STATS_SESSIONS_DELETED, "deleted",
		  "  Sessions deleted: %" PRIu64 "\n" },
		{ FLOWSTAT_A_STATS_SESSIONS_TCP, "tcp",
		  "    TCP sessions: %" PRIu64 "\n" },
		{ FLOWSTAT_A_STATS_SESSIONS_UDP, "udp",
		  "    UDP sessions: %" PRIu64 "\n" },
		{ FLOWSTAT_A_STATS_SESSIONS_ICMP, "icmp",
		  "    ICMP sessions: %" PRIu64 "\n" },
		{ FLOWSTAT_A_STATS_SESSIONS_OTHER, "other",
		  "    Other sessions: %" PRIu64 "\n" },
	};
	const uint64_t *ctr = fs->ctr;
	size_t i;

	print_fp("Flow statistics:\n");
	open_json_object("sessions");
	for (i = 0; i < ARRAY_SIZE(sessions); i++)
		print_u64(PRINT_ANY, sessions[i].key, sessions[i].fmt,
			  fs->sessions[sessions[i].attr]);
	close_json_object();
	print_u64(PRINT_FP, NULL, "  Packets forwarded: %" PRIu64 "\n",
		  ctr[FLOWSTAT_CTR_TRANSIT_IN_PACKETS]);
	print_u64(PRINT_FP, NULL, "  Packets to self: %" PRIu64 "\n",
		  ctr[FLOWSTAT_CTR_LOCAL_IN_PACKETS]);
	print_u64(PRINT_FP, NULL, "  Packets from self: %" PRIu64 "\n",
		  ctr[FLOWSTAT_CTR_LOCAL_OUT_PACKETS]);
	print_u64(PRINT_FP, NULL, "  Packets dropped: %" PRIu64 "\n",
		  fs_counters_drops(ctr));
	io_object("local", ctr, fs_local_order);
	io_object("transit", ctr, fs_transit_order);
	fs_print_flow_blocks(ctr);
}

int cmd_show_flow_statistics(int argc, char **argv)
{
	struct fs_flowstats fs = { 0 };
	struct nl_msg *msg;
	int ret;

	if (argc) {
		fprintf(stderr, "flowstat: unexpected word '%s'\n", argv[0]);
		return FS_EXIT_USAGE;
	}
	ret = fs_genl_open();
	if (ret)
		return ret;
	msg = fs_genl_msg(FLOWSTAT_CMD_STATS_GET, 0, 0);
	ret = fs_genl_request(msg, fs_flowstats_cb, &fs);
	fs_genl_close();
	if (ret)
		return ret;
	print_start(stdout, fs_opts.json);
	fs_print_flowstats(&fs);
	print_end();
	return 0;
}
