// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: learn the family from the kernel. CTRL_CMD_GETFAMILY gives the
 * id and every command with its flags (do, dump, admin); the
 * CTRL_CMD_GETPOLICY dump gives each command's do/dump policy index and
 * every policy's attributes: type, value range or mask, length limits
 * and, for nests, the nested policy. The uapi header only names commands
 * and cross-checks the list.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nlfuzz.h"
#include "linux/flowstat.h"

static const char *const cmd_names[] = {
	[FLOWSTAT_CMD_CONFIG_SET] = "CONFIG_SET",
	[FLOWSTAT_CMD_CONFIG_GET] = "CONFIG_GET",
	[FLOWSTAT_CMD_IFSTATS_GET] = "IFSTATS_GET",
	[FLOWSTAT_CMD_STATS_GET] = "STATS_GET",
	[FLOWSTAT_CMD_STATS_CLEAR] = "STATS_CLEAR",
	[FLOWSTAT_CMD_SESSION_GET] = "SESSION_GET",
	[FLOWSTAT_CMD_SESSION_CLEAR] = "SESSION_CLEAR",
	[FLOWSTAT_CMD_POLICY_STATS_GET] = "POLICY_STATS_GET",
	[FLOWSTAT_CMD_SCREEN_STATS_GET] = "SCREEN_STATS_GET",
};

const char *nf_cmd_name(int cmd)
{
	static char buf[8][16];
	static int k;

	if (cmd > 0 && cmd < (int)ARRAY_SIZE(cmd_names) && cmd_names[cmd])
		return cmd_names[cmd];
	k = (k + 1) % 8;
	snprintf(buf[k], sizeof(buf[k]), "cmd%d", cmd);
	return buf[k];
}

/* Like the kernel's, but over @len bytes at @p, and never past them. */
#define nla_for_each_attr(a, p, len)                                          \
	for (a = (const struct nlattr *)(p);                                  \
	     (const uint8_t *)a + NLA_HDRLEN <=                               \
		     (const uint8_t *)(p) + (len) &&                          \
	     a->nla_len >= NLA_HDRLEN &&                                      \
	     (const uint8_t *)a + a->nla_len <= (const uint8_t *)(p) + (len); \
	     a = (const struct nlattr *)((const uint8_t *)a +                 \
					 NLA_ALIGN(a->nla_len)))

#define ATTR_DATA(a) ((const uint8_t *)(a) + NLA_HDRLEN)
#define ATTR_LEN(a) ((size_t)(a)->nla_len - NLA_HDRLEN)
#define ATTR_TYPE(a) ((a)->nla_type & NLA_TYPE_MASK)

static uint64_t get_uint(const struct nlattr *a)
{
	uint64_t v = 0;

	switch (ATTR_LEN(a)) {
	case 1:
		return *ATTR_DATA(a);
	case 2:
		return *(const uint16_t *)ATTR_DATA(a);
	case 4:
		return *(const uint32_t *)ATTR_DATA(a);
	case 8:
		memcpy(&v, ATTR_DATA(a), 8);
		return v;
	}
	return 0;
}

typedef int (*nf_msg_cb)(const struct nlmsghdr *h, void *arg);

/* Sends one request and reads until its ACK, error or NLMSG_DONE. */
static int request(int fd, struct nf_buf *b, nf_msg_cb cb, void *arg)
{
	static uint8_t rx[65536];
	uint32_t seq = ((struct nlmsghdr *)b->p)->nlmsg_seq;
	ssize_t n;
	int err;

	err = nf_send(fd, b->p, b->len);
	if (err)
		return err;
	for (;;) {
		const struct nlmsghdr *h;
		size_t left;

		n = nf_recv(fd, rx, sizeof(rx), 5000);
		if (n < 0)
			return (int)n;
		left = n;
		for (h = (const struct nlmsghdr *)rx; NLMSG_OK(h, left);
		     h = NLMSG_NEXT(h, left)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);

				return e->error;
			}
			if (cb) {
				err = cb(h, arg);
				if (err)
					return err;
			}
			if (!(h->nlmsg_flags & NLM_F_MULTI) &&
			    !(((struct nlmsghdr *)b->p)->nlmsg_flags &
			      NLM_F_ACK))
				return 0;
		}
	}
}

static int family_cb(const struct nlmsghdr *h, void *arg)
{
	struct nf_family *fam = arg;
	const uint8_t *p = (const uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN;
	size_t len = h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	const struct nlattr *a, *op, *f;

	nla_for_each_attr(a, p, len) {
		switch (ATTR_TYPE(a)) {
		case CTRL_ATTR_FAMILY_ID:
			fam->id = get_uint(a);
			break;
		case CTRL_ATTR_VERSION:
			fam->version = get_uint(a);
			break;
		case CTRL_ATTR_HDRSIZE:
			fam->hdrsize = get_uint(a);
			break;
		case CTRL_ATTR_OPS:
			nla_for_each_attr(op, ATTR_DATA(a), ATTR_LEN(a)) {
				uint32_t id = 0, flags = 0;

				nla_for_each_attr(f, ATTR_DATA(op),
						  ATTR_LEN(op)) {
					if (ATTR_TYPE(f) == CTRL_ATTR_OP_ID)
						id = get_uint(f);
					else if (ATTR_TYPE(f) ==
						 CTRL_ATTR_OP_FLAGS)
						flags = get_uint(f);
				}
				if (id < NF_MAX_OPS) {
					fam->ops[id].exists = 1;
					fam->ops[id].flags = flags;
				}
			}
			break;
		}
	}
	return 0;
}

static void learn_attr(struct nf_attr *at, const struct nlattr *spec)
{
	const struct nlattr *f;

	at->present = 1;
	at->nested = -1;
	nla_for_each_attr(f, ATTR_DATA(spec), ATTR_LEN(spec)) {
		uint64_t v = get_uint(f);

		switch (ATTR_TYPE(f)) {
		case NL_POLICY_TYPE_ATTR_TYPE:
			at->type = v;
			break;
		case NL_POLICY_TYPE_ATTR_MIN_VALUE_S:
			at->has_min_s = 1;
			at->min_s = (int64_t)v;
			break;
		case NL_POLICY_TYPE_ATTR_MAX_VALUE_S:
			at->has_max_s = 1;
			at->max_s = (int64_t)v;
			break;
		case NL_POLICY_TYPE_ATTR_MIN_VALUE_U:
			at->has_min_u = 1;
			at->min_u = v;
			break;
		case NL_POLICY_TYPE_ATTR_MAX_VALUE_U:
			at->has_max_u = 1;
			at->max_u = v;
			break;
		case NL_POLICY_TYPE_ATTR_MIN_LENGTH:
			at->has_min_len = 1;
			at->min_len = v;
			break;
		case NL_POLICY_TYPE_ATTR_MAX_LENGTH:
			at->has_max_len = 1;
			at->max_len = v;
			break;
		case NL_POLICY_TYPE_ATTR_POLICY_IDX:
			at->nested = v < NF_MAX_POLICIES ? (int)v : -1;
			break;
		case NL_POLICY_TYPE_ATTR_POLICY_MAXTYPE:
			at->nested_max = v;
			break;
		case NL_POLICY_TYPE_ATTR_MASK:
			at->has_mask = 1;
			at->mask = v;
			break;
		}
	}
}

static int policy_cb(const struct nlmsghdr *h, void *arg)
{
	struct nf_family *fam = arg;
	const uint8_t *p = (const uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN;
	size_t len = h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	const struct nlattr *a, *x, *y;

	nla_for_each_attr(a, p, len) {
		if (ATTR_TYPE(a) == CTRL_ATTR_OP_POLICY) {
			nla_for_each_attr(x, ATTR_DATA(a), ATTR_LEN(a)) {
				struct nf_op *op;

				if (ATTR_TYPE(x) >= NF_MAX_OPS)
					continue;
				op = &fam->ops[ATTR_TYPE(x)];
				nla_for_each_attr(y, ATTR_DATA(x),
						  ATTR_LEN(x)) {
					if (ATTR_TYPE(y) == CTRL_ATTR_POLICY_DO)
						op->do_pol = get_uint(y);
					else if (ATTR_TYPE(y) ==
						 CTRL_ATTR_POLICY_DUMP)
						op->dump_pol = get_uint(y);
				}
			}
		} else if (ATTR_TYPE(a) == CTRL_ATTR_POLICY) {
			nla_for_each_attr(x, ATTR_DATA(a), ATTR_LEN(a)) {
				struct nf_policy *pol;

				if (ATTR_TYPE(x) >= NF_MAX_POLICIES)
					continue;
				pol = &fam->pol[ATTR_TYPE(x)];
				pol->used = 1;
				nla_for_each_attr(y, ATTR_DATA(x),
						  ATTR_LEN(x)) {
					int t = ATTR_TYPE(y);

					if (t >= NF_MAX_ATTRS)
						continue;
					learn_attr(&pol->a[t], y);
					if (t > pol->maxtype)
						pol->maxtype = t;
				}
			}
		}
	}
	return 0;
}

/**
 * nf_family_learn() - resolve @name and read every command's policy
 * @fd: a generic netlink socket
 * @fam: filled in
 * @name: the family name
 * @verbose: print what was learnt
 *
 * Return: 0 or -errno (-ENOENT: no such family, the module is not loaded).
 */
int nf_family_learn(int fd, struct nf_family *fam, const char *name,
		    int verbose)
{
	struct nf_buf b = {};
	int err, i, j;

	memset(fam, 0, sizeof(*fam));
	for (i = 0; i < NF_MAX_OPS; i++)
		fam->ops[i].do_pol = fam->ops[i].dump_pol = -1;

	nf_put_msghdr(&b, GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, 1,
		      CTRL_CMD_GETFAMILY, 1);
	nf_put_attr(&b, CTRL_ATTR_FAMILY_NAME, name, strlen(name) + 1);
	nf_msg_end(&b);
	err = request(fd, &b, family_cb, fam);
	if (err || !fam->id)
		goto out;

	nf_put_msghdr(&b, GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_DUMP, 2,
		      CTRL_CMD_GETPOLICY, 1);
	nf_put_attr(&b, CTRL_ATTR_FAMILY_ID, &fam->id, sizeof(fam->id));
	nf_msg_end(&b);
	err = request(fd, &b, policy_cb, fam);
	if (err)
		goto out;

	if (verbose) {
		printf("# family %s: id %u, version %u, hdrsize %u\n", name,
		       fam->id, fam->version, fam->hdrsize);
		for (i = 0; i < NF_MAX_OPS; i++) {
			const struct nf_op *op = &fam->ops[i];

			if (!op->exists)
				continue;
			printf("#   op %d %s:%s%s%s%s do-policy %d dump-policy %d\n",
			       i, nf_cmd_name(i),
			       op->flags & GENL_CMD_CAP_DO ? " do" : "",
			       op->flags & GENL_CMD_CAP_DUMP ? " dump" : "",
			       op->flags & GENL_ADMIN_PERM ? " admin" : "",
			       op->flags & GENL_UNS_ADMIN_PERM ? " uns-admin" :
								 "",
			       op->do_pol, op->dump_pol);
		}
		for (i = 0; i < NF_MAX_POLICIES; i++) {
			const struct nf_policy *p = &fam->pol[i];

			if (!p->used)
				continue;
			printf("#   policy %d:", i);
			for (j = 0; j <= p->maxtype; j++) {
				const struct nf_attr *a = &p->a[j];

				if (!a->present)
					continue;
				printf(" %d:t%u", j, a->type);
				if (a->has_max_u)
					printf("<=%llu",
					       (unsigned long long)a->max_u);
				if (a->has_mask)
					printf("&%#llx",
					       (unsigned long long)a->mask);
				if (a->has_max_len)
					printf("/len<=%u", a->max_len);
				if (a->nested >= 0)
					printf("->p%d", a->nested);
			}
			printf("\n");
		}
	}
out:
	free(b.p);
	return err ? err : fam->id ? 0 : -ENOENT;
}

/*
 * Every command of the uapi enum must be in the kernel's list and the
 * kernel must list nothing else; the list is otherwise the kernel's.
 * Returns the number of differences (each printed).
 */
int nf_family_crosscheck(const struct nf_family *fam)
{
	int i, bad = 0;

	for (i = 1; i < NF_MAX_OPS; i++) {
		int in_uapi = i <= FLOWSTAT_CMD_MAX;

		if (in_uapi && !fam->ops[i].exists) {
			printf("# cross-check: %s is in the uapi header but not in the kernel's op list\n",
			       nf_cmd_name(i));
			bad++;
		} else if (!in_uapi && fam->ops[i].exists) {
			printf("# cross-check: the kernel lists op %d, beyond FLOWSTAT_CMD_MAX\n",
			       i);
			bad++;
		}
	}
	return bad;
}
