// SPDX-License-Identifier: GPL-2.0
/* flowstat clear interfaces statistics (IF|all) */
#include <stdio.h>
#include <string.h>

#include "flowstat.h"
#include "links.h"
#include "nl.h"
#include "util.h"

int cmd_clear_interfaces_statistics(int argc, char **argv)
{
	static const char *const all[] = { "all" };
	const struct fs_link *link = NULL;
	struct fs_links links;
	struct nl_msg *msg;
	int ret;

	if (argc != 1) {
		fputs("usage: flowstat clear interfaces statistics (IF|all)\n",
		      stderr);
		return FS_EXIT_USAGE;
	}
	ret = fs_links_load(&links);
	if (ret)
		return ret;
	/* "all", or an interface; a prefix of "all" only if no such link */
	link = fs_links_find(&links, argv[0]);
	if (!strcmp(argv[0], "all") ||
	    (!link && fs_match_word(argv[0], all, 1) == 0)) {
		link = NULL;
	} else if (!link) {
		fprintf(stderr, "error: interface '%s' not found\n", argv[0]);
		fs_links_free(&links);
		return FS_EXIT_USAGE;
	}

	ret = fs_genl_open();
	if (ret)
		goto out;
	msg = fs_genl_msg(FLOWSTAT_CMD_STATS_CLEAR, 0, 16);
	if (msg && link &&
	    nla_put_u32(msg, FLOWSTAT_A_STATS_IFINDEX, link->ifindex)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	ret = fs_genl_request(msg, NULL, NULL);
	fs_genl_close();
out:
	fs_links_free(&links);
	return ret;
}
