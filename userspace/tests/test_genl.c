// SPDX-License-Identifier: GPL-2.0
/*
 * The netlink machinery of nl.c against a family every kernel has: the
 * generic netlink controller ("nlctrl"). Dumps end, replies reach the
 * callback, kernel errors map to exit codes with the extack message.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <netlink/genl/genl.h>

#include "../nl.h"
#include "../util.h"
#include "tap.h"

struct seen {
	int messages;
	bool nlctrl;
};

static int family_cb(struct nlmsghdr *nlh, void *arg)
{
	struct seen *s = arg;
	struct nlattr *head, *a;
	int len, rem;

	s->messages++;
	head = fs_genl_attrs(nlh, &len);
	nla_for_each_attr(a, head, len, rem) {
		if (nla_type(a) == CTRL_ATTR_FAMILY_NAME &&
		    !strcmp(nla_get_string(a), "nlctrl"))
			s->nlctrl = true;
	}
	return 0;
}

static void reset(void *arg)
{
	memset(arg, 0, sizeof(struct seen));
}

/* Run a request with stderr captured into @err. */
static int request_capture(struct nl_msg *msg, char *err, size_t size)
{
	char path[] = "/tmp/flowstat-genl-XXXXXX";
	int fd = mkstemp(path), saved = dup(2), ret;
	ssize_t n;

	fflush(stderr);
	dup2(fd, 2);
	ret = fs_genl_request(msg, NULL, NULL);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	lseek(fd, 0, SEEK_SET);
	n = read(fd, err, size - 1);
	err[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(path);
	return ret;
}

void test_genl(void)
{
	struct seen s = { 0 };
	struct nl_msg *msg;
	char err[512];
	int ret, saved, null;

	if (fs_genl_open_name("nlctrl")) {
		tap_diag("SKIP: no generic netlink here");
		return;
	}
	ret = fs_genl_dump(CTRL_CMD_GETFAMILY, family_cb, reset, &s);
	tap_ok(ret == 0 && s.messages > 1 && s.nlctrl,
	       "dump: every family reaches the callback, the dump ends (%d)",
	       s.messages);

	memset(&s, 0, sizeof(s));
	msg = fs_genl_msg(CTRL_CMD_GETFAMILY, 0, 64);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	ret = fs_genl_request(msg, family_cb, &s);
	tap_ok(ret == 0 && s.messages == 1 && s.nlctrl,
	       "request with ACK: one reply, then done");

	msg = fs_genl_msg(CTRL_CMD_GETFAMILY, 0, 64);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nosuchfam");
	ret = request_capture(msg, err, sizeof(err));
	tap_ok(ret == FS_EXIT_USAGE &&
	       !strcmp(err, "flowstat: kernel: No such file or directory\n"),
	       "kernel error without extack -> exit 1, strerror");

	/* A name longer than the policy allows: rejected with an extack. */
	msg = fs_genl_msg(CTRL_CMD_GETFAMILY, 0, 64);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "a-name-that-is-too-long");
	ret = request_capture(msg, err, sizeof(err));
	tap_ok(ret == FS_EXIT_USAGE &&
	       !strncmp(err, "flowstat: kernel: ", 18) &&
	       strcmp(err, "flowstat: kernel: Invalid argument\n"),
	       "kernel error with extack -> exit 1, the extack message");
	tap_diag("%s", strtok(err, "\n") ? err : "");
	fs_genl_close();

	fflush(stderr);
	saved = dup(2);
	null = open("/dev/null", O_WRONLY);
	dup2(null, 2);
	ret = fs_nl_error(-EPERM, "x") == FS_EXIT_PERM &&
	      fs_nl_error(-EACCES, NULL) == FS_EXIT_PERM &&
	      fs_nl_error(-EINVAL, NULL) == FS_EXIT_USAGE;
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(null);
	tap_ok(ret, "EPERM and EACCES -> exit 3, others -> 1");
}
