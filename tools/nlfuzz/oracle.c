// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: the oracles of single messages. predict() says what the kernel
 * must do with the bytes that were sent, check_replies() reads everything
 * up to the sync NOOP's ACK and checks every reply against it
 * (docs/reliability.md, "Oracles").
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nlfuzz.h"
#include "oracle.h"

/* The distinct extack messages seen, with counts: what was reached. */
#define MAX_EXT 160
static struct {
	char msg[96];
	unsigned long n;
} ext[MAX_EXT];
static int n_ext;
static unsigned long printed;

/* Prints the extack messages seen, with their counts. */
void print_ext(void)
{
	int i;

	printf("# %d distinct extack messages:\n", n_ext);
	for (i = 0; i < n_ext; i++)
		printf("#   %6lu  %s\n", ext[i].n, ext[i].msg);
}

void note_ext(const char *m)
{
	int i;

	for (i = 0; i < n_ext; i++)
		if (!strcmp(ext[i].msg, m)) {
			ext[i].n++;
			return;
		}
	if (n_ext < MAX_EXT) {
		snprintf(ext[n_ext].msg, sizeof(ext[0].msg), "%s", m);
		ext[n_ext++].n = 1;
	}
}

/* ------------------------------------------------------------------ */
/* Failures                                                            */

void fail(unsigned long idx, const struct nf_msg *m, const struct nf_buf *b,
	  const char *fmt, ...)
{
	va_list ap;
	size_t len;

	failures++;
	if (m && m->cmd >= 0 && m->cmd < NF_MAX_OPS && fam.ops[m->cmd].exists)
		fam.ops[m->cmd].failures++;
	else if (m)
		unknown_op.failures++;
	if (printed++ >= MAX_PRINTED) {
		if (printed == MAX_PRINTED + 1)
			printf("# (further failures are counted, not printed)\n");
		return;
	}
	printf("# FAIL message %lu (seed %#llx, --replay %lu)", idx,
	       (unsigned long long)seed, idx);
	if (m)
		printf(" %s, %s", nf_cmd_name(m->cmd),
		       nf_strategy_names[m->strategy]);
	printf(": ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (b) {
		len = m ? m->send_len : b->len;
		printf("#   %zu bytes: ", len);
		nf_hexdump(stdout, b->p, len > 1024 ? 1024 : len);
	}
	fflush(stdout);
}

/* ------------------------------------------------------------------ */
/* What the kernel must do with a message                              */

static const char *const expect_names[] = {
	"ignored",    "ack-only", "no-family",		 "short",
	"no-command", "eperm",	  "no-command-or-eperm", "family",
};

static int op_privileged(int cmd)
{
	uint32_t f = cmd < NF_MAX_OPS ? fam.ops[cmd].flags : 0;

	if (in_userns)
		return !!(f & GENL_ADMIN_PERM); /* the netns' userns is ours */
	return unpriv && (f & (GENL_ADMIN_PERM | GENL_UNS_ADMIN_PERM));
}

enum expect predict(const uint8_t *p, size_t len, int *cmd, int *is_dump)
{
	const struct nlmsghdr *h = (const struct nlmsghdr *)p;
	const struct genlmsghdr *g;
	const struct nf_op *op;

	*cmd = -1;
	*is_dump = 0;
	if (len < NLMSG_HDRLEN || h->nlmsg_len < NLMSG_HDRLEN ||
	    h->nlmsg_len > len)
		return EX_IGNORED;
	if (!(h->nlmsg_flags & NLM_F_REQUEST) || h->nlmsg_type < NLMSG_MIN_TYPE)
		return EX_ACK_ONLY;
	if (h->nlmsg_type != fam.id)
		return EX_NO_FAMILY;
	if (h->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN + fam.hdrsize)
		return EX_SHORT;
	g = (const struct genlmsghdr *)(p + NLMSG_HDRLEN);
	*cmd = g->cmd;
	*is_dump = (h->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	op = &fam.ops[g->cmd];
	if (!op->exists)
		return EX_NO_CMD;
	if (*is_dump ? !(op->flags & GENL_CMD_CAP_DUMP) :
		       !(op->flags & GENL_CMD_CAP_DO))
		return op_privileged(g->cmd) ? EX_NOCMD_PERM : EX_NO_CMD;
	if (op_privileged(g->cmd))
		return EX_PERM;
	return EX_FAMILY;
}

/* The extack message of an error or DONE, or NULL. */
static const char *ext_msg(const struct nlmsghdr *h, size_t hdr)
{
	const uint8_t *p = (const uint8_t *)h + hdr;
	size_t len = h->nlmsg_len > hdr ? h->nlmsg_len - hdr : 0;

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return NULL;
	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)p;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > len)
			return NULL;
		if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG &&
		    a->nla_len > NLA_HDRLEN && !p[a->nla_len - 1])
			return (const char *)p + NLA_HDRLEN;
		if ((size_t)NLA_ALIGN(a->nla_len) >= len)
			break;
		len -= NLA_ALIGN(a->nla_len);
		p += NLA_ALIGN(a->nla_len);
	}
	return NULL;
}

void count_err(struct nf_op *op, int err)
{
	int e = -err;

	op->err[e > 0 && e < 255 ? e : 255]++;
}

/* Checks one reply (the oracles of a single netlink message). */
void check_msg(struct replies *rp, const struct nlmsghdr *h)
{
	unsigned long idx = rp->idx;
	const struct nf_msg *m = rp->m;
	const struct nf_buf *b = rp->b;
	uint32_t seq = rp->seq, sync = rp->sync, alt = rp->alt;
	enum expect ex = rp->ex;
	int cmd = rp->cmd;
	struct outcome *o = rp->o;

	const struct nlmsgerr *e = NLMSG_DATA(h);
	const char *msg;

	if (h->nlmsg_seq == sync) {
		if (h->nlmsg_type != NLMSG_ERROR || e->error)
			fail(idx, m, b, "the sync NOOP got type %u error %d",
			     h->nlmsg_type,
			     h->nlmsg_type == NLMSG_ERROR ? e->error : 0);
		rp->synced = 1;
		return;
	}
	if (alt && h->nlmsg_seq == alt) {
		/* the rest of an earlier dump on the socket */
		if (h->nlmsg_type == fam.id &&
		    (h->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN ||
		     nf_attrs_ok((const uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN,
				 h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, 0)))
			fail(idx, m, b, "malformed part of the first dump");
		return;
	}
	if (h->nlmsg_seq != seq) {
		fail(idx, m, b,
		     "reply with a foreign sequence number %u (type %u)",
		     h->nlmsg_seq, h->nlmsg_type);
		return;
	}
	if (ex == EX_IGNORED) {
		fail(idx, m, b,
		     "a message netlink must ignore got a reply (type %u)",
		     h->nlmsg_type);
		return;
	}
	if (h->nlmsg_type == NLMSG_ERROR) {
		if (h->nlmsg_len < NLMSG_HDRLEN + sizeof(*e)) {
			fail(idx, m, b, "short NLMSG_ERROR");
			return;
		}
		if (e->error > 0) {
			fail(idx, m, b, "NLMSG_ERROR with positive error %d",
			     e->error);
			return;
		}
		if (!e->error) {
			o->acked = 1;
			return;
		}
		/* with NETLINK_CAP_ACK: our header only */
		msg = ext_msg(h, NLMSG_HDRLEN + sizeof(*e));
		if (!o->error) {
			o->error = e->error;
			o->had_msg = !!msg;
			snprintf(o->msg, sizeof(o->msg), "%s", msg ? msg : "");
		}
		if (msg) {
			note_ext(msg);
			if (verbose)
				printf("# %lu: %s: %d %s\n", idx,
				       nf_cmd_name(cmd), e->error, msg);
			return;
		}
		if (verbose)
			printf("# %lu: %s: %d (no message)\n", idx,
			       nf_cmd_name(cmd), e->error);
		if ((ex == EX_NO_FAMILY && e->error == -ENOENT) ||
		    (ex == EX_SHORT && e->error == -EINVAL) ||
		    (ex == EX_NO_CMD && e->error == -EOPNOTSUPP) ||
		    (ex == EX_PERM && e->error == -EPERM) ||
		    (ex == EX_NOCMD_PERM &&
		     (e->error == -EPERM || e->error == -EOPNOTSUPP)) ||
		    (o->busy_ok && e->error == -EBUSY))
			return;
		fail(idx, m, b,
		     "error %d (%s) without an extack message (expected: %s)",
		     e->error, strerror(-e->error), expect_names[ex]);
		return;
	}
	if (h->nlmsg_type == NLMSG_DONE) {
		int derr = 0;

		if (h->nlmsg_len >= NLMSG_HDRLEN + sizeof(int))
			memcpy(&derr, NLMSG_DATA(h), sizeof(int));
		o->done = 1;
		rp->dump_open = 0;
		if (derr < 0) {
			msg = ext_msg(h, NLMSG_HDRLEN + sizeof(int));
			if (!o->error) {
				o->error = derr;
				o->had_msg = !!msg;
				snprintf(o->msg, sizeof(o->msg), "%s",
					 msg ? msg : "");
			}
			if (msg)
				note_ext(msg);
			else
				fail(idx, m, b,
				     "dump ended with error %d and no extack message",
				     derr);
		}
		return;
	}
	if (h->nlmsg_type != fam.id) {
		fail(idx, m, b, "reply of type %u", h->nlmsg_type);
		return;
	}
	o->replies++;
	if (h->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN ||
	    nf_attrs_ok((const uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN,
			h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, 0)) {
		fail(idx, m, b, "malformed reply");
		return;
	}
	if (((const struct genlmsghdr *)NLMSG_DATA(h))->cmd != cmd)
		fail(idx, m, b, "reply to %s is for command %u",
		     nf_cmd_name(cmd),
		     ((const struct genlmsghdr *)NLMSG_DATA(h))->cmd);
	if (h->nlmsg_flags & NLM_F_MULTI)
		rp->dump_open = !o->done;
}

/*
 * Reads everything up to the ACK of the sync NOOP (and to the end of a
 * dump the message started), and checks each reply. Parts of an earlier
 * dump on the socket (@alt) are only checked for their form. Returns -1
 * if the socket got stuck.
 */
int check_replies(int fd, unsigned long idx, const struct nf_msg *m,
		  const struct nf_buf *b, uint32_t seq, uint32_t sync,
		  uint32_t alt, enum expect ex, int cmd, struct outcome *o)
{
	struct replies rp = {
		.idx = idx,
		.m = m,
		.b = b,
		.seq = seq,
		.sync = sync,
		.alt = alt,
		.ex = ex,
		.cmd = cmd,
		.o = o,
	};

	o->acked = o->error = o->replies = o->done = o->had_msg = 0;
	o->msg[0] = 0;
	while (!rp.synced || rp.dump_open) {
		const struct nlmsghdr *h;
		ssize_t n = nf_recv(fd, rx, RX_SIZE, REPLY_TIMEOUT_MS);
		size_t left;

		if (n < 0) {
			fail(idx, m, b, "no reply within %d ms (%s)",
			     REPLY_TIMEOUT_MS, strerror((int)-n));
			return -1;
		}
		left = n;
		for (h = (const struct nlmsghdr *)rx; NLMSG_OK(h, left);
		     h = NLMSG_NEXT(h, left))
			check_msg(&rp, h);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Sending                                                             */

int send_sync(int fd, uint32_t sync)
{
	struct nlmsghdr h = {
		.nlmsg_len = NLMSG_HDRLEN,
		.nlmsg_type = NLMSG_NOOP,
		.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
		.nlmsg_seq = sync,
	};

	return nf_send(fd, &h, sizeof(h));
}
