// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat load (FILE|-), flowstat check (FILE|-), flowstat show
 * configuration: the whole file is parsed and validated before anything
 * is sent, and then sent as one CONFIG_SET (an atomic replace).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/flowstat.h>

#include "config.h"
#include "config_nl.h"
#include "flowstat.h"
#include "nl.h"
#include "print.h"
#include "util.h"

/*
 * Parse @path into @cfg (always initialised: the caller frees it); 0 or an
 * exit code (errors printed).
 */
static int read_config(const char *path, struct fs_config *cfg)
{
	struct fs_diags d = { .file = path };
	FILE *f = stdin;
	int nerr;

	fs_config_init(cfg);
	if (!strcmp(path, "-")) {
		d.file = "<stdin>";
	} else {
		f = fopen(path, "r");
		if (!f) {
			fprintf(stderr, "flowstat: cannot open '%s': %s\n", path,
				strerror(errno));
			return FS_EXIT_USAGE;
		}
	}
	nerr = fs_config_parse(f, cfg, &d);
	if (ferror(f)) {
		fprintf(stderr, "flowstat: cannot read '%s'\n", d.file);
		nerr = nerr ? nerr : 1;
	}
	if (f != stdin)
		fclose(f);
	fs_diags_print(&d, stderr);
	fs_diags_free(&d);
	return nerr ? FS_EXIT_USAGE : 0;
}

static int config_args(int argc, const char *cmd)
{
	if (argc == 1)
		return 0;
	fprintf(stderr, "usage: flowstat %s (FILE|-)\n", cmd);
	return FS_EXIT_USAGE;
}

int cmd_check(int argc, char **argv)
{
	struct fs_config cfg;
	int ret;

	ret = config_args(argc, "check");
	if (ret)
		return ret;
	ret = read_config(argv[0], &cfg);
	fs_config_free(&cfg);
	if (!ret)
		puts("configuration check succeeds");
	return ret;
}

int cmd_load(int argc, char **argv)
{
	struct fs_config cfg;
	struct nl_msg *msg;
	size_t size;
	int ret;

	ret = config_args(argc, "load");
	if (ret)
		return ret;
	ret = read_config(argv[0], &cfg);
	if (ret)
		goto out;
	ret = fs_genl_open();
	if (ret)
		goto out;
	for (size = fs_config_msg_size(&cfg);; size *= 2) {
		msg = fs_genl_msg(FLOWSTAT_CMD_CONFIG_SET, 0, size);
		if (!msg || !fs_config_put(msg, &cfg))
			break;
		nlmsg_free(msg);	/* estimate too small: should not be */
	}
	ret = fs_genl_request(msg, NULL, NULL);
	fs_genl_close();
out:
	fs_config_free(&cfg);
	return ret;
}

static void config_reset(void *arg)
{
	fs_config_free(arg);
}

int cmd_show_configuration(int argc, char **argv)
{
	struct fs_config cfg;
	int ret;

	if (argc) {
		fprintf(stderr, "flowstat: unexpected word '%s'\n", argv[0]);
		return FS_EXIT_USAGE;
	}
	fs_config_init(&cfg);
	ret = fs_genl_open();
	if (!ret)
		ret = fs_genl_dump(FLOWSTAT_CMD_CONFIG_GET, fs_config_dump_cb,
				   config_reset, &cfg);
	fs_genl_close();
	if (!ret) {
		if (fs_opts.json) {
			print_start(stdout, true);
			fs_config_print_json(&cfg);
			print_end();
		} else {
			fs_config_write_set(&cfg, stdout);
		}
	}
	fs_config_free(&cfg);
	return ret;
}
