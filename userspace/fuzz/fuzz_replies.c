// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the tool's commands, fed arbitrary netlink replies.
 *
 * The tool trusts nothing it reads from the kernel: a newer or broken
 * module may send attributes of any type and length. This target runs the
 * real command handlers (text and JSON) with the generic netlink socket
 * functions replaced at link time (-Wl,--wrap, see the Makefile) by a
 * feeder that hands them the messages decoded from the fuzzer's input:
 *
 *   byte 0       which command runs (an index into commands[])
 *   then         messages, each a little-endian u16 length and that many
 *                bytes of generic netlink attributes
 *
 * Every dump or request gets all the messages. The oracle is the
 * sanitizers: no out-of-bounds read, no leak, no undefined behaviour.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/msg.h>
#include <netlink/genl/genl.h>
#include <linux/genetlink.h>

#include "../flowstat.h"
#include "../nl.h"

static const char *const commands[][6] = {
	{ "show", "interfaces" },
	{ "show", "interfaces", "extensive" },
	{ "show", "interfaces", "lo", "extensive" },
	{ "show", "interfaces", "flow-statistics" },
	{ "show", "security", "flow", "statistics" },
	{ "show", "security", "flow", "session" },
	{ "show", "security", "flow", "session", "summary" },
	{ "show", "security", "policies" },
	{ "show", "security", "policies", "hit-count" },
	{ "show", "security", "zones" },
	{ "show", "security", "screen", "statistics", "zone", "trust" },
	{ "show", "security", "screen", "ids-option", "s" },
	{ "show", "configuration" },
	{ "clear", "security", "flow", "session", "all" },
	{ "show", "security", "nat", "source", "summary" },
	{ "show", "security", "nat", "source", "pool", "all" },
	{ "show", "security", "nat", "source", "rule", "all" },
	{ "show", "security", "nat", "destination", "summary" },
	{ "show", "security", "nat", "destination", "pool", "all" },
	{ "show", "security", "nat", "destination", "rule", "r" },
	{ "show", "security", "nat", "static", "rule", "all" },
	{ "clear", "interfaces", "statistics", "all" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const uint8_t *in_data;
static size_t in_size;

/*
 * Hands each message of the input to @fn, as the kernel's replies. Each
 * is in a buffer of exactly its size, so that a read past its end meets
 * AddressSanitizer's redzone.
 */
static int feed(fs_msg_fn fn, void *arg)
{
	size_t off = 1, len, total;
	struct nlmsghdr *nlh;
	struct genlmsghdr *gh;
	int ret = 0;

	while (!ret && off + 2 <= in_size) {
		len = in_data[off] | in_data[off + 1] << 8;
		off += 2;
		if (len > in_size - off)
			len = in_size - off;
		total = NLMSG_HDRLEN + GENL_HDRLEN + len;
		nlh = malloc(total);
		if (!nlh)
			return 0;
		memset(nlh, 0, NLMSG_HDRLEN + GENL_HDRLEN);
		nlh->nlmsg_len = total;
		nlh->nlmsg_type = 99;
		gh = nlmsg_data(nlh);
		gh->version = 1;
		memcpy((char *)gh + GENL_HDRLEN, in_data + off, len);
		off += len;
		if (fn)
			ret = fn(nlh, arg);
		free(nlh);
	}
	return ret;
}

int __wrap_fs_genl_open(void);
int __wrap_fs_genl_open(void)
{
	return 0;
}

void __wrap_fs_genl_close(void);
void __wrap_fs_genl_close(void)
{
}

int __wrap_fs_genl_request(struct nl_msg *msg, fs_msg_fn fn, void *arg);
int __wrap_fs_genl_request(struct nl_msg *msg, fs_msg_fn fn, void *arg)
{
	nlmsg_free(msg);
	return feed(fn, arg);
}

int __wrap_fs_genl_dump(int cmd, fs_msg_fn fn, void (*reset)(void *),
			void *arg);
int __wrap_fs_genl_dump(int cmd, fs_msg_fn fn, void (*reset)(void *), void *arg)
{
	(void)cmd;
	if (reset)
		reset(arg);
	return feed(fn, arg);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* The commands print; only the sanitizers' reports matter. */
	if (!freopen("/dev/null", "w", stdout))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[6];
	int argc;

	if (!size)
		return 0;
	in_data = data;
	in_size = size;
	fs_opts.json = data[0] & 0x80;
	for (argc = 0;
	     argc < 6 && commands[(data[0] & 0x7f) % N_COMMANDS][argc]; argc++)
		argv[argc] =
			(char *)commands[(data[0] & 0x7f) % N_COMMANDS][argc];
	fs_run(argc, argv);
	fflush(stdout);
	return 0;
}
