// SPDX-License-Identifier: GPL-2.0
/*
 * The flow counter blocks shared by `show interfaces` and `show security
 * flow statistics`: the names table drives them, so a new counter needs no
 * code here.
 */
#include <inttypes.h>

#include "counters.h"
#include "print.h"
#include "show.h"

static void counter_block(const char *title, const char *key,
			  const uint64_t *ctr, int first, int last)
{
	int c;

	print_fp("%s\n", title);
	open_json_object(key);
	for (c = first; c <= last; c++) {
		print_fp("      %-35s", fs_counters[c].label);
		print_u64(PRINT_ANY, fs_counters[c].key, "%" PRIu64 "\n",
			  ctr[c]);
	}
	close_json_object();
}

void fs_print_flow_blocks(const uint64_t *ctr)
{
	counter_block("    Flow Input statistics :", "flow_input", ctr,
		      FS_CTR_IN_FIRST, FS_CTR_IN_LAST);
	counter_block("    Flow Output statistics:", "flow_output", ctr,
		      FS_CTR_OUT_FIRST, FS_CTR_OUT_LAST);
	counter_block("    Flow error statistics (Packets dropped due to):",
		      "flow_errors", ctr, FS_CTR_DROP_FIRST, FS_CTR_DROP_LAST);
}
