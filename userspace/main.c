// SPDX-License-Identifier: GPL-2.0
/* flowstat: options, then the command table (flowstat.c). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "flowstat.h"
#include "util.h"

static int enter_netns(const char *name)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr,
			"flowstat: cannot open network namespace '%s': %s\n",
			name, strerror(errno));
		return FS_EXIT_USAGE;
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		int err = errno;

		close(fd);
		fprintf(stderr,
			"flowstat: cannot enter network namespace '%s': %s\n",
			name, strerror(err));
		return err == EPERM ? FS_EXIT_PERM : FS_EXIT_USAGE;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "netns", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "display", required_argument, NULL, 'D' },
		{ 0 }
	};
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "+jn:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'j':
			fs_opts.json = true;
			break;
		case 'n':
			fs_opts.netns = optarg;
			break;
		case 'h':
			fs_help();
			return 0;
		case 'D':
			if (strcmp(optarg, "xml") && strcmp(optarg, "json")) {
				fprintf(stderr,
					"flowstat: --display takes xml or json, not '%s'\n",
					optarg);
				return FS_EXIT_USAGE;
			}
			fputs("flowstat: '--display' is not supported yet\n",
			      stderr);
			return FS_EXIT_USAGE;
		default:
			fs_usage(stderr);
			return FS_EXIT_USAGE;
		}
	}
	if (fs_opts.netns) {
		ret = enter_netns(fs_opts.netns);
		if (ret)
			return ret;
	}
	/* A listing of a thousand interfaces is megabytes: write big blocks. */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	return fs_run(argc - optind, argv + optind);
}
