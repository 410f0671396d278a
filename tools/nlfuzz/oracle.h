/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nlfuzz: what the oracles (oracle.c) and the state readers (state.c)
 * share with the main loop.
 */
#ifndef NLFUZZ_ORACLE_H
#define NLFUZZ_ORACLE_H

#include <stdint.h>
#include <linux/netlink.h>

#include "nlfuzz.h"

#define SYNC_BIT 0x80000000u /* sequence numbers of the sync NOOPs */
#define CTL_SEQ 0x40000000u /* and of our own reads */
#define RX_SIZE (1024 * 1024)
#define MAX_PRINTED 20
#define REPLY_TIMEOUT_MS 20000

/* main.c: the run's shared state */
extern struct nf_family fam;
extern struct nf_op unknown_op;
extern uint8_t *rx;
extern int verbose, unpriv, in_userns;
extern unsigned long failures, n_checks;
extern uint64_t seed;

/* Rejections the kernel core makes without an extack message. */
enum expect {
	EX_IGNORED, /* netlink_rcv_skb drops it: no reply at all */
	EX_ACK_ONLY, /* not a request, or a control message */
	EX_NO_FAMILY, /* -ENOENT: no family with this id */
	EX_SHORT, /* -EINVAL: shorter than the genetlink header */
	EX_NO_CMD, /* -EOPNOTSUPP: no such command, or no do/dump */
	EX_PERM, /* -EPERM: privileged command, unprivileged sender */
	EX_NOCMD_PERM, /* either: 6.1 checks permission first, 6.12 the op */
	EX_FAMILY, /* reaches the family: any error needs a message */
};

/* The outcome of one message, as the replies tell it. */
struct outcome {
	int acked; /* ACK with error 0 */
	int error; /* first error (< 0), 0 if none */
	int replies; /* data messages (do reply or dump parts) */
	int done; /* NLMSG_DONE seen */
	int had_msg; /* the error carried an extack message */
	char msg[96]; /* that message */
	int busy_ok; /* -EBUSY without a message is allowed */
};

/* Where one message's replies are being read. */
struct replies {
	unsigned long idx;
	const struct nf_msg *m;
	const struct nf_buf *b;
	uint32_t seq, sync, alt;
	enum expect ex;
	int cmd;
	struct outcome *o;
	int synced, dump_open;
};

/* The running configuration as the oracles see it. */
struct state {
	uint32_t gen;
	uint64_t hash;
	int ok;
};

/* Per-interface clear times and counter sums, for STATS_CLEAR. */
#define MAX_IFS 64
struct ifstate {
	int n;
	uint32_t ifindex[MAX_IFS];
	uint64_t cleared[MAX_IFS], sum[MAX_IFS];
};

void fail(unsigned long idx, const struct nf_msg *m, const struct nf_buf *b,
	  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void note_ext(const char *m);
void print_ext(void);
enum expect predict(const uint8_t *p, size_t len, int *cmd, int *is_dump);
void count_err(struct nf_op *op, int err);
void check_msg(struct replies *rp, const struct nlmsghdr *h);
int check_replies(int fd, unsigned long idx, const struct nf_msg *m,
		  const struct nf_buf *b, uint32_t seq, uint32_t sync,
		  uint32_t alt, enum expect ex, int cmd, struct outcome *o);
int send_sync(int fd, uint32_t sync);
uint32_t next_ctl_seq(void);
int read_state(int fd, struct state *st, struct nf_buf *base);
int read_ifstate(int fd, struct ifstate *s);

#endif /* NLFUZZ_ORACLE_H */
