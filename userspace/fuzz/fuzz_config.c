// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the configuration parser, fed arbitrary bytes as a
 * configuration file. Built with AddressSanitizer and UBSan (make fuzz).
 *
 * Oracles, beyond "no crash, no leak, no undefined behaviour":
 *  - a rejected file has at least one diagnostic, and every one is printed
 *    as FILE:LINE:COLUMN: error: MESSAGE with LINE within the file;
 *  - an accepted file survives both round trips the tool relies on: its
 *    canonical `set` form parses back to the same model (`show
 *    configuration` output is loadable), and its CONFIG_SET attributes
 *    decode back to the same model (what `show configuration` reads from
 *    the kernel is what `load` sent).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/genl/genl.h>

#include <linux/flowstat.h>

#include "../config.h"
#include "../config_nl.h"

#define FILE_NAME "fuzz.conf"

static void fail(const char *what, const char *text)
{
	fprintf(stderr, "fuzz_config: %s\n--- input ---\n%s\n--- end ---\n",
		what, text);
	abort();
}

static int count_lines(const char *text)
{
	int n = 1;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

static void check_diags(struct fs_diags *d, const char *text)
{
	int lines = count_lines(text), line, col, used;
	char *out = NULL, *p, *nl;
	size_t len = 0;
	FILE *f;

	if (!d->n)
		fail("rejected without a diagnostic", text);
	f = open_memstream(&out, &len);
	fs_diags_print(d, f);
	fclose(f);
	for (p = out; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			fail("diagnostic output does not end in a newline",
			     text);
		used = 0;
		/* the last line may be "... and N more errors" */
		if (sscanf(p, FILE_NAME ":%d:%d: error: %n", &line, &col,
			   &used) == 2 &&
		    used) {
			if (line < 1 || line > lines || col < 1 ||
			    p + used >= nl)
				fail("diagnostic points outside the file",
				     text);
		} else if (nl[1] || strncmp(p, FILE_NAME ": ", 11)) {
			fail("diagnostic not in FILE:LINE:COLUMN form", text);
		}
	}
	free(out);
}

static void check_set_round_trip(const struct fs_config *a, const char *text)
{
	struct fs_diags d = { .file = FILE_NAME };
	struct fs_config b;
	char *set = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&set, &len);
	fs_config_write_set(a, f);
	fclose(f);
	fs_config_init(&b);
	if (fs_config_parse_string(set, &b, &d))
		fail("the canonical set form of an accepted file is rejected",
		     text);
	if (!fs_config_equal(a, &b))
		fail("the canonical set form parses to another model", text);
	fs_config_free(&b);
	fs_diags_free(&d);
	free(set);
}

static void check_nl_round_trip(const struct fs_config *a, const char *text)
{
	struct fs_config b;
	struct nlattr *head;
	struct nl_msg *msg;
	int len;

	msg = nlmsg_alloc_size(fs_config_msg_size(a) + 64);
	if (!msg)
		return;
	genlmsg_put(msg, 0, 0, 99, 0, 0, FLOWSTAT_CMD_CONFIG_SET, 1);
	if (fs_config_put(msg, a))
		fail("an accepted file does not fit its own size estimate",
		     text);
	fs_config_init(&b);
	b.default_policy = -1;
	len = genlmsg_attrlen(nlmsg_data(nlmsg_hdr(msg)), 0);
	head = genlmsg_attrdata(nlmsg_data(nlmsg_hdr(msg)), 0);
	fs_config_add_attrs(&b, head, len);
	if (!fs_config_equal(a, &b))
		fail("CONFIG_SET attributes decode to another model", text);
	fs_config_free(&b);
	nlmsg_free(msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fs_diags d = { .file = FILE_NAME };
	struct fs_config cfg;
	char *text;

	/* A NUL ends a C string; the file reader stops there too. */
	text = strndup((const char *)data, size);
	if (!text)
		return 0;
	fs_config_init(&cfg);
	if (fs_config_parse_string(text, &cfg, &d)) {
		check_diags(&d, text);
	} else {
		check_set_round_trip(&cfg, text);
		check_nl_round_trip(&cfg, text);
	}
	fs_config_free(&cfg);
	fs_diags_free(&d);
	free(text);
	return 0;
}
