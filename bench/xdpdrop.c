// SPDX-License-Identifier: GPL-2.0
/*
 * xdpdrop: attach an XDP program that drops every packet to an interface,
 * the limit of the benchmark's SYN flood case (bench/guest-syn.sh). The
 * program is two instructions (r0 = XDP_DROP; exit), loaded with bpf(2),
 * so that no compiler or BPF library is needed. It is attached with
 * RTM_SETLINK (IFLA_XDP): such an attachment stays after this process
 * exits, until `ip link set dev IFNAME xdp off` or the device goes away.
 *
 *   xdpdrop IFNAME [drv|skb]
 *
 * drv (default) is native mode: the driver runs the program on its receive
 * buffer before any skb exists; it fails where the driver cannot. skb is
 * generic mode, for comparison. Errors print the kernel's extended ack.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

static char verifier_log[4096];

static int load_prog(void)
{
	struct bpf_insn insns[] = {
		/* r0 = XDP_DROP */
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0,
		  .imm = XDP_DROP },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_XDP;
	attr.insns = (uintptr_t)insns;
	attr.insn_cnt = sizeof(insns) / sizeof(insns[0]);
	attr.license = (uintptr_t)"GPL";
	attr.log_buf = (uintptr_t)verifier_log;
	attr.log_size = sizeof(verifier_log);
	attr.log_level = 1;
	strncpy(attr.prog_name, "xdpdrop", sizeof(attr.prog_name) - 1);
	return syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
}

static void put_attr(struct nlmsghdr *nh, unsigned short type,
		     const void *data, unsigned short len)
{
	struct nlattr *a = (struct nlattr *)((char *)nh + NLMSG_ALIGN(nh->nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	nh->nlmsg_len = NLMSG_ALIGN(nh->nlmsg_len) + NLA_ALIGN(a->nla_len);
}

/* prints the error and the kernel's message (NLMSGERR_ATTR_MSG), if any */
static int ack_error(struct nlmsghdr *nh, ssize_t len)
{
	struct nlmsgerr *err = NLMSG_DATA(nh);
	struct nlattr *a;
	int left;

	if (nh->nlmsg_type != NLMSG_ERROR ||
	    nh->nlmsg_len < NLMSG_LENGTH(sizeof(*err)) || len < nh->nlmsg_len) {
		fprintf(stderr, "xdpdrop: unexpected netlink answer\n");
		return -1;
	}
	if (!err->error)
		return 0;
	fprintf(stderr, "xdpdrop: RTM_SETLINK: %s", strerror(-err->error));
	if (nh->nlmsg_flags & NLM_F_ACK_TLVS) {
		/* NETLINK_CAP_ACK: the attributes follow the request's header */
		a = (struct nlattr *)((char *)err + sizeof(*err));
		left = nh->nlmsg_len - NLMSG_LENGTH(sizeof(*err));
		while (left >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
		       a->nla_len <= left) {
			if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG)
				fprintf(stderr, ": %.*s", a->nla_len - NLA_HDRLEN,
					(char *)a + NLA_HDRLEN);
			left -= NLA_ALIGN(a->nla_len);
			a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
		}
	}
	fprintf(stderr, "\n");
	return -1;
}

static int attach(int ifindex, int prog, uint32_t flags)
{
	struct {
		struct nlmsghdr nh;
		struct ifinfomsg ifi;
		char attrs[64];
	} req;
	char answer[4096];
	struct nlattr *xdp;
	int sk, one = 1, ret = -1;
	ssize_t n;

	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(req.ifi));
	req.nh.nlmsg_type = RTM_SETLINK;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.nh.nlmsg_seq = 1;
	req.ifi.ifi_family = AF_UNSPEC;
	req.ifi.ifi_index = ifindex;
	xdp = (struct nlattr *)((char *)&req + NLMSG_ALIGN(req.nh.nlmsg_len));
	put_attr(&req.nh, IFLA_XDP | NLA_F_NESTED, NULL, 0);
	put_attr(&req.nh, IFLA_XDP_FD, &prog, sizeof(prog));
	put_attr(&req.nh, IFLA_XDP_FLAGS, &flags, sizeof(flags));
	xdp->nla_len = (char *)&req + req.nh.nlmsg_len - (char *)xdp;

	sk = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (sk < 0) {
		perror("xdpdrop: netlink socket");
		return -1;
	}
	setsockopt(sk, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(sk, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (send(sk, &req, req.nh.nlmsg_len, 0) < 0) {
		perror("xdpdrop: netlink send");
		goto out;
	}
	n = recv(sk, answer, sizeof(answer), 0);
	if (n < 0) {
		perror("xdpdrop: netlink recv");
		goto out;
	}
	ret = ack_error((struct nlmsghdr *)answer, n);
out:
	close(sk);
	return ret;
}

int main(int argc, char **argv)
{
	uint32_t flags = XDP_FLAGS_DRV_MODE;
	int ifindex, prog;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: xdpdrop IFNAME [drv|skb]\n");
		return 2;
	}
	if (argc == 3 && !strcmp(argv[2], "skb"))
		flags = XDP_FLAGS_SKB_MODE;
	else if (argc == 3 && strcmp(argv[2], "drv"))
		return fprintf(stderr, "xdpdrop: mode drv or skb\n"), 2;
	ifindex = if_nametoindex(argv[1]);
	if (!ifindex) {
		perror(argv[1]);
		return 1;
	}
	prog = load_prog();
	if (prog < 0) {
		perror("xdpdrop: BPF_PROG_LOAD");
		fprintf(stderr, "%s", verifier_log);
		return 1;
	}
	/* the attachment holds its own reference to the program */
	if (attach(ifindex, prog, flags))
		return 1;
	close(prog);
	return 0;
}
