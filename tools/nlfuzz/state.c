// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: reading what the kernel holds, for the oracles: the running
 * configuration (generation and a hash of the CONFIG_GET dump, or the
 * dump itself as a CONFIG_SET body) and the interfaces' clear times and
 * counter sums.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nlfuzz.h"
#include "oracle.h"
#include "linux/flowstat.h"

static uint32_t ctl_seq = CTL_SEQ;

/* A sequence number for our own requests, apart from the fuzzed ones. */
uint32_t next_ctl_seq(void)
{
	return ++ctl_seq;
}

/* ------------------------------------------------------------------ */
/* Configuration state: generation and a hash of the CONFIG_GET dump   */

static uint64_t fnv(uint64_t h, const void *p, size_t len)
{
	const uint8_t *c = p;

	while (len--)
		h = (h ^ *c++) * 0x100000001b3ULL;
	return h;
}

typedef int (*part_cb)(const struct nlmsghdr *h, void *arg);

/*
 * A dump on @fd; calls @cb for each part. Returns 0, -EINTR if a part
 * carried NLM_F_DUMP_INTR, or -errno.
 */
static int ctl_dump(int fd, int cmd, part_cb cb, void *arg)
{
	struct nf_buf b = {};
	int intr = 0, err;
	uint32_t seq = next_ctl_seq();

	nf_put_msghdr(&b, fam.id, NLM_F_REQUEST | NLM_F_DUMP, seq, cmd,
		      fam.version);
	nf_msg_end(&b);
	err = nf_send(fd, b.p, b.len);
	free(b.p);
	if (err)
		return err;
	for (;;) {
		const struct nlmsghdr *h;
		ssize_t n = nf_recv(fd, rx, RX_SIZE, REPLY_TIMEOUT_MS);
		size_t left;

		if (n < 0)
			return (int)n;
		left = n;
		for (h = (const struct nlmsghdr *)rx; NLMSG_OK(h, left);
		     h = NLMSG_NEXT(h, left)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_flags & NLM_F_DUMP_INTR)
				intr = 1;
			if (h->nlmsg_type == NLMSG_DONE)
				return intr ? -EINTR : 0;
			if (h->nlmsg_type == NLMSG_ERROR)
				return ((const struct nlmsgerr *)NLMSG_DATA(h))
					->error;
			if (cb)
				cb(h, arg);
		}
	}
}

struct cfg_acc {
	struct state *st;
	struct nf_buf *base; /* if set, collects the CONFIG_SET attributes */
};

static int cfg_part(const struct nlmsghdr *h, void *arg)
{
	struct cfg_acc *acc = arg;
	const uint8_t *p = (const uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN;
	size_t len = h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;

	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)p;
		size_t step = NLA_ALIGN(a->nla_len);

		if (a->nla_len < NLA_HDRLEN || a->nla_len > len)
			break;
		if ((a->nla_type & NLA_TYPE_MASK) ==
			    FLOWSTAT_A_CFG_GENERATION &&
		    a->nla_len >= NLA_HDRLEN + 4) {
			memcpy(&acc->st->gen, p + NLA_HDRLEN, 4);
		} else {
			acc->st->hash = fnv(acc->st->hash, p, a->nla_len);
			if (acc->base)
				nf_put(acc->base, p, step <= len ? step : len);
		}
		if (step > len)
			step = len;
		p += step;
		len -= step;
	}
	return 0;
}

/* Reads the running configuration; retries a dump that raced a reload. */
int read_state(int fd, struct state *st, struct nf_buf *base)
{
	struct cfg_acc acc = { .st = st, .base = base };
	int tries, err = -EINTR;

	for (tries = 0; tries < 50 && err == -EINTR; tries++) {
		st->gen = 0;
		st->hash = 0xcbf29ce484222325ULL;
		if (base)
			base->len = 0;
		err = ctl_dump(fd, FLOWSTAT_CMD_CONFIG_GET, cfg_part, &acc);
	}
	st->ok = !err;
	n_checks++;
	return err;
}

static int if_part(const struct nlmsghdr *h, void *arg)
{
	struct ifstate *s = arg;
	const uint8_t *p = (const uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN;
	size_t len = h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	int i = s->n;

	if (i >= MAX_IFS)
		return 0;
	s->ifindex[i] = s->cleared[i] = s->sum[i] = 0;
	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)p;
		size_t step = NLA_ALIGN(a->nla_len), l2;
		const uint8_t *q;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > len)
			break;
		switch (a->nla_type & NLA_TYPE_MASK) {
		case FLOWSTAT_A_IFSTATS_IFINDEX:
			memcpy(&s->ifindex[i], p + NLA_HDRLEN, 4);
			break;
		case FLOWSTAT_A_IFSTATS_CLEARED:
			memcpy(&s->cleared[i], p + NLA_HDRLEN, 8);
			break;
		case FLOWSTAT_A_IFSTATS_COUNTERS:
			q = p + NLA_HDRLEN;
			l2 = a->nla_len - NLA_HDRLEN;
			while (l2 >= NLA_HDRLEN + 8) {
				const struct nlattr *c =
					(const struct nlattr *)q;
				uint64_t v;

				if (c->nla_len < NLA_HDRLEN || c->nla_len > l2)
					break;
				if (c->nla_len == NLA_HDRLEN + 8 &&
				    (c->nla_type & NLA_TYPE_MASK) !=
					    FLOWSTAT_A_COUNTER_PAD) {
					memcpy(&v, q + NLA_HDRLEN, 8);
					s->sum[i] += v;
				}
				q += NLA_ALIGN(c->nla_len);
				l2 -= (size_t)NLA_ALIGN(c->nla_len) < l2 ?
					      NLA_ALIGN(c->nla_len) :
					      l2;
			}
			break;
		}
		if (step > len)
			step = len;
		p += step;
		len -= step;
	}
	s->n++;
	return 0;
}

int read_ifstate(int fd, struct ifstate *s)
{
	int err, tries;

	for (tries = 0; tries < 20; tries++) {
		s->n = 0;
		err = ctl_dump(fd, FLOWSTAT_CMD_IFSTATS_GET, if_part, s);
		if (err != -EINTR)
			break;
	}
	return err;
}
