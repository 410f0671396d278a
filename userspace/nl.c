// SPDX-License-Identifier: GPL-2.0
/* libnl generic netlink socket, extack, requests, dumps, error mapping. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>

#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include <linux/flowstat.h>

#include "nl.h"
#include "util.h"

#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED 0x100
#endif
#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS 0x200
#endif

/* Configurations can be big: one CONFIG_SET carries all of it. */
#define FS_SOCK_BUF (32 << 20)
#define FS_DUMP_TRIES 5

static struct nl_sock *sk;
static int family;

struct req {
	fs_msg_fn fn;
	void *arg;
	bool done;
	bool intr;		/* NLM_F_DUMP_INTR seen */
	int error;		/* -errno from the kernel */
	int status;		/* exit code returned by fn */
	char extack[512];
};

int fs_nl_error(int err, const char *extack)
{
	if (err == -EPERM || err == -EACCES) {
		fputs("flowstat: permission denied: changing flowstat needs CAP_NET_ADMIN in the network namespace\n",
		      stderr);
		return FS_EXIT_PERM;
	}
	fprintf(stderr, "flowstat: kernel: %s\n",
		extack && *extack ? extack : strerror(-err));
	return FS_EXIT_USAGE;
}

static void setsockopt_int(int fd, int level, int opt, int val)
{
	/* Best effort: older kernels lack some, FORCE needs privilege. */
	(void)setsockopt(fd, level, opt, &val, sizeof(val));
}

int fs_genl_open(void)
{
	return fs_genl_open_name(FLOWSTAT_GENL_NAME);
}

int fs_genl_open_name(const char *name)
{
	int fd, ret;

	sk = nl_socket_alloc();
	if (!sk) {
		fputs("flowstat: out of memory\n", stderr);
		return FS_EXIT_USAGE;
	}
	ret = genl_connect(sk);
	if (ret < 0) {
		fprintf(stderr, "flowstat: cannot open a netlink socket: %s\n",
			nl_geterror(ret));
		goto fail;
	}
	nl_socket_set_buffer_size(sk, FS_SOCK_BUF, FS_SOCK_BUF);
	nl_socket_enable_msg_peek(sk);
	fd = nl_socket_get_fd(sk);
	setsockopt_int(fd, SOL_SOCKET, SO_SNDBUFFORCE, FS_SOCK_BUF);
	setsockopt_int(fd, SOL_SOCKET, SO_RCVBUFFORCE, FS_SOCK_BUF);
	setsockopt_int(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1);
	setsockopt_int(fd, SOL_NETLINK, NETLINK_CAP_ACK, 1);

	family = genl_ctrl_resolve(sk, name);
	if (family == -NLE_OBJ_NOTFOUND) {
		fputs("flowstat: the flowstat kernel module is not loaded (run 'modprobe flowstat')\n",
		      stderr);
		fs_genl_close();
		return FS_EXIT_NOKMOD;
	}
	if (family < 0) {
		fprintf(stderr, "flowstat: cannot resolve the %s family: %s\n",
			name, nl_geterror(family));
		goto fail;
	}
	return 0;
fail:
	fs_genl_close();
	return FS_EXIT_USAGE;
}

void fs_genl_close(void)
{
	nl_socket_free(sk);
	sk = NULL;
}

struct nl_msg *fs_genl_msg(int cmd, int flags, size_t size)
{
	struct nl_msg *msg;

	msg = nlmsg_alloc_size(size + NLMSG_HDRLEN + GENL_HDRLEN + 64);
	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags,
			 cmd, FLOWSTAT_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* The extack TLVs after an error or done payload of @off bytes. */
static void parse_extack(struct req *r, const struct nlmsghdr *nlh,
			 size_t off)
{
	const struct nlattr *a;
	int rem;

	r->extack[0] = '\0';
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    nlh->nlmsg_len < NLMSG_HDRLEN + off)
		return;
	a = (const struct nlattr *)((const char *)nlmsg_data(nlh) + off);
	rem = nlh->nlmsg_len - NLMSG_HDRLEN - off;
	for (; nla_ok(a, rem); a = nla_next(a, &rem))
		if (nla_type(a) == NLMSGERR_ATTR_MSG)
			fs_nla_str(a, r->extack, sizeof(r->extack));
}

static int err_cb(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	const struct nlmsghdr *nlh;
	struct req *r = arg;
	size_t off = sizeof(*e);

	(void)who;
	nlh = (const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	r->error = e->error;
	parse_extack(r, nlh, NLMSG_ALIGN(off));
	r->done = true;
	return NL_STOP;
}

static int finish_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct req *r = arg;
	int err;

	/* A dump that failed half-way says so in its NLMSG_DONE. */
	if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int)) {
		memcpy(&err, nlmsg_data(nlh), sizeof(err));
		if (err < 0) {
			r->error = err;
			parse_extack(r, nlh, sizeof(int));
		}
	}
	r->done = true;
	return NL_STOP;
}

static int ack_cb(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;

	(void)msg;
	r->done = true;
	return NL_STOP;
}

static int intr_cb(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;

	(void)msg;
	r->intr = true;
	return NL_OK;
}

static int valid_cb(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;

	if (!r->fn || r->status)
		return NL_OK;
	r->status = r->fn(nlmsg_hdr(msg), r->arg);
	return NL_OK;
}

/* Send @msg (consumed) and read replies until the ACK or NLMSG_DONE. */
static int transact(struct nl_msg *msg, struct req *r)
{
	struct nl_cb *cb;
	int ret;

	if (!msg) {
		fputs("flowstat: out of memory\n", stderr);
		return FS_EXIT_USAGE;
	}
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		fputs("flowstat: out of memory\n", stderr);
		return FS_EXIT_USAGE;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, valid_cb, r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, finish_cb, r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, ack_cb, r);
	nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, intr_cb, r);
	nl_cb_err(cb, NL_CB_CUSTOM, err_cb, r);

	ret = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (ret < 0) {
		nl_cb_put(cb);
		fprintf(stderr, "flowstat: cannot send to the kernel: %s\n",
			nl_geterror(ret));
		return FS_EXIT_USAGE;
	}
	while (!r->done) {
		ret = nl_recvmsgs(sk, cb);
		if (ret < 0 && !r->done) {
			nl_cb_put(cb);
			fprintf(stderr,
				"flowstat: cannot read from the kernel: %s\n",
				nl_geterror(ret));
			return FS_EXIT_USAGE;
		}
	}
	nl_cb_put(cb);
	if (r->error)
		return fs_nl_error(r->error, r->extack);
	return r->status;
}

int fs_genl_request(struct nl_msg *msg, fs_msg_fn fn, void *arg)
{
	struct req r = { .fn = fn, .arg = arg };

	if (msg)
		nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK;
	return transact(msg, &r);
}

int fs_genl_dump(int cmd, fs_msg_fn fn, void (*reset)(void *), void *arg)
{
	int tries, ret;

	for (tries = 0; tries < FS_DUMP_TRIES; tries++) {
		struct req r = { .fn = fn, .arg = arg };

		if (reset)
			reset(arg);
		ret = transact(fs_genl_msg(cmd, NLM_F_DUMP, 0), &r);
		if (ret || !r.intr)
			return ret;
	}
	fputs("flowstat: the kernel state kept changing during the dump, try again\n",
	      stderr);
	return FS_EXIT_USAGE;
}

struct nlattr *fs_genl_attrs(struct nlmsghdr *nlh, int *len)
{
	*len = genlmsg_attrlen(nlmsg_data(nlh), 0);
	if (*len < 0)
		*len = 0;
	return genlmsg_attrdata(nlmsg_data(nlh), 0);
}

uint64_t fs_nla_u64(const struct nlattr *a)
{
	uint64_t v = 0;

	if (nla_len(a) >= (int)sizeof(v))
		memcpy(&v, nla_data(a), sizeof(v));
	return v;
}

uint32_t fs_nla_u32(const struct nlattr *a)
{
	uint32_t v = 0;

	if (nla_len(a) >= (int)sizeof(v))
		memcpy(&v, nla_data(a), sizeof(v));
	return v;
}

uint8_t fs_nla_u8(const struct nlattr *a)
{
	return nla_len(a) >= 1 ? *(const uint8_t *)nla_data(a) : 0;
}

void fs_nla_str(const struct nlattr *a, char *buf, size_t size)
{
	size_t len = nla_len(a) > 0 ? (size_t)nla_len(a) : 0;
	const char *s = nla_data(a);

	if (!size)
		return;
	if (len && !s[len - 1])
		len--;		/* the NUL */
	if (len >= size)
		len = size - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	/* a NUL inside ends the string */
	buf[strnlen(buf, len)] = '\0';
}
