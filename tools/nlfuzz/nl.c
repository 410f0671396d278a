// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: raw generic netlink sockets and message building. No libnl:
 * a fuzzer must be able to write any byte, including the wrong ones.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nlfuzz.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* splitmix64: a good enough stream from any seed, cheap to restart. */
uint64_t nf_rand(struct nf_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint32_t nf_below(struct nf_rng *r, uint32_t n)
{
	return n ? (uint32_t)(nf_rand(r) % n) : 0;
}

void nf_rng_init(struct nf_rng *r, uint64_t seed, uint64_t index)
{
	r->s = seed ^ (index * 0xd1342543de82ef95ULL);
	nf_rand(r);
}

/*
 * A socket that asks for extended ACKs (NLMSGERR_ATTR_MSG) and capped
 * ACKs (an error does not echo the whole request back).
 */
int nf_socket(int rcvbuf)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1, fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -1;
	if (setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		close(fd);
		return -1;
	}
	if (rcvbuf)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	return fd;
}

int nf_send(int fd, const void *buf, size_t len)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	ssize_t n;

	n = sendto(fd, buf, len, 0, (struct sockaddr *)&sa, sizeof(sa));
	if (n < 0)
		return -errno;
	return n == (ssize_t)len ? 0 : -EMSGSIZE;
}

/* One datagram; -ETIMEDOUT after @timeout_ms (<0: wait forever). */
ssize_t nf_recv(int fd, void *buf, size_t len, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int rc;

	do {
		rc = poll(&p, 1, timeout_ms);
	} while (rc < 0 && errno == EINTR);
	if (rc == 0)
		return -ETIMEDOUT;
	if (rc < 0)
		return -errno;
	do {
		n = recv(fd, buf, len, MSG_TRUNC);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if ((size_t)n > len)
		return -EMSGSIZE;
	return n;
}

void nf_buf_reset(struct nf_buf *b)
{
	if (!b->p) {
		b->cap = NF_MSG_MAX;
		b->p = calloc(1, b->cap);
		if (!b->p)
			abort();
	}
	b->len = 0;
}

/* Writes past the capacity are dropped: a fuzzer may ask for too much. */
void nf_put(struct nf_buf *b, const void *data, size_t len)
{
	if (b->len + len > b->cap)
		len = b->cap - b->len;
	if (data)
		memcpy(b->p + b->len, data, len);
	else
		memset(b->p + b->len, 0, len);
	b->len += len;
}

static void nf_pad(struct nf_buf *b)
{
	size_t pad = NLA_ALIGN(b->len) - b->len;

	nf_put(b, NULL, pad);
}

void nf_put_msghdr(struct nf_buf *b, uint16_t type, uint16_t flags,
		   uint32_t seq, uint8_t cmd, uint8_t version)
{
	struct nlmsghdr h = {
		.nlmsg_type = type,
		.nlmsg_flags = flags,
		.nlmsg_seq = seq,
	};
	struct genlmsghdr g = { .cmd = cmd, .version = version };

	nf_buf_reset(b);
	nf_put(b, &h, sizeof(h));
	nf_put(b, &g, sizeof(g));
}

void nf_msg_end(struct nf_buf *b)
{
	((struct nlmsghdr *)b->p)->nlmsg_len = b->len;
}

void nf_put_attr(struct nf_buf *b, uint16_t type, const void *data, size_t len)
{
	struct nlattr a = { .nla_type = type };

	if (len > 0xffff - NLA_HDRLEN)
		len = 0xffff - NLA_HDRLEN;
	a.nla_len = NLA_HDRLEN + len;
	if (b->len + NLA_ALIGN(a.nla_len) > b->cap)
		return;
	nf_put(b, &a, sizeof(a));
	nf_put(b, data, len);
	nf_pad(b);
}

size_t nf_nest_start(struct nf_buf *b, uint16_t type)
{
	size_t off = b->len;

	nf_put_attr(b, type | NLA_F_NESTED, NULL, 0);
	return off;
}

void nf_nest_end(struct nf_buf *b, size_t off)
{
	struct nlattr *a = (struct nlattr *)(b->p + off);
	size_t len = b->len - off;

	/* A nest that outgrew 64 KiB is cut short: that is a test too. */
	a->nla_len = len > 0xffff ? 0xffff : len;
}

/* Well-formed attributes: headers inside, nests (by flag) recursively. */
int nf_attrs_ok(const uint8_t *p, size_t len, int depth)
{
	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)p;
		size_t al = a->nla_len, step = NLA_ALIGN(al);

		if (al < NLA_HDRLEN || al > len)
			return -1;
		if ((a->nla_type & NLA_F_NESTED) && depth < 16 &&
		    nf_attrs_ok(p + NLA_HDRLEN, al - NLA_HDRLEN, depth + 1))
			return -1;
		if (step > len)
			step = len;
		p += step;
		len -= step;
	}
	return len ? -1 : 0;
}

void nf_hexdump(FILE *f, const void *p, size_t len)
{
	const uint8_t *c = p;
	size_t i;

	for (i = 0; i < len; i++)
		fprintf(f, "%02x%s", c[i],
			i + 1 == len	  ? "\n" :
			(i + 1) % 32 == 0 ? "\n#   " :
					    "");
	if (!len)
		fprintf(f, "\n");
}
