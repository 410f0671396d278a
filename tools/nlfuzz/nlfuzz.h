/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nlfuzz: a generic netlink fuzzer for the flowstat family.
 *
 * The family's commands, their flags and the attribute policies of every
 * command are read from the kernel (CTRL_CMD_GETFAMILY, CTRL_CMD_GETPOLICY);
 * the uapi header only names them and cross-checks the list.
 */
#ifndef NLFUZZ_H
#define NLFUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define NF_MAX_POLICIES 64
#define NF_MAX_ATTRS 64
#define NF_MAX_OPS 256
#define NF_MSG_MAX (256 * 1024)
#define NF_MAX_WORDS 256

/* What the kernel told us about one attribute of one policy. */
struct nf_attr {
	int present;
	uint32_t type; /* NL_ATTR_TYPE_* */
	int has_min_u, has_max_u, has_min_s, has_max_s;
	int has_min_len, has_max_len, has_mask;
	uint64_t min_u, max_u, mask;
	int64_t min_s, max_s;
	uint32_t min_len, max_len;
	int nested; /* policy index of a nest, -1 if none */
	uint32_t nested_max;
};

struct nf_policy {
	int used;
	int maxtype; /* highest attribute the kernel listed */
	struct nf_attr a[NF_MAX_ATTRS];
};

/* Per command: what the kernel says and what we did with it. */
struct nf_op {
	int exists; /* listed by CTRL_CMD_GETFAMILY */
	uint32_t flags; /* GENL_ADMIN_PERM, GENL_CMD_CAP_* ... */
	int do_pol, dump_pol; /* policy index, -1: none listed */
	unsigned long sent, accepted, rejected, ignored, failures;
	unsigned long err[256]; /* rejections by -errno (255: larger) */
};

struct nf_family {
	uint16_t id;
	uint32_t version, hdrsize;
	struct nf_op ops[NF_MAX_OPS];
	struct nf_policy pol[NF_MAX_POLICIES];
};

/* A growing netlink message. */
struct nf_buf {
	uint8_t *p;
	size_t len, cap;
};

/* Deterministic random numbers: one stream per message index. */
struct nf_rng {
	uint64_t s;
};

uint64_t nf_rand(struct nf_rng *r);
uint32_t nf_below(struct nf_rng *r, uint32_t n); /* 0..n-1, n > 0 */
void nf_rng_init(struct nf_rng *r, uint64_t seed, uint64_t index);

/* nl.c: sockets, message building, replies. */
int nf_socket(int rcvbuf);
int nf_send(int fd, const void *buf, size_t len);
ssize_t nf_recv(int fd, void *buf, size_t len, int timeout_ms);
void nf_buf_reset(struct nf_buf *b);
void nf_put(struct nf_buf *b, const void *data, size_t len);
void nf_put_msghdr(struct nf_buf *b, uint16_t type, uint16_t flags,
		   uint32_t seq, uint8_t cmd, uint8_t version);
void nf_msg_end(struct nf_buf *b);
void nf_put_attr(struct nf_buf *b, uint16_t type, const void *data, size_t len);
size_t nf_nest_start(struct nf_buf *b, uint16_t type);
void nf_nest_end(struct nf_buf *b, size_t off);
/* Walks attributes at @p (len bytes); returns 0 if they fill it exactly. */
int nf_attrs_ok(const uint8_t *p, size_t len, int depth);
void nf_hexdump(FILE *f, const void *p, size_t len);

/* family.c */
int nf_family_learn(int fd, struct nf_family *fam, const char *name,
		    int verbose);
const char *nf_cmd_name(int cmd);
int nf_family_crosscheck(const struct nf_family *fam);

/* gen.c */
struct nf_gen_ctx {
	const struct nf_family *fam;
	const uint8_t *base; /* CONFIG_SET attributes of the base config */
	size_t base_len;
	const char *words[NF_MAX_WORDS]; /* strings seen in the base config */
	int n_words;
	int cfg_cmd; /* the command that sets the configuration */
};

/* How a message was made, for the summary and the oracle. */
enum nf_strategy {
	NF_S_VALID,
	NF_S_BASE,
	NF_S_WRONG_LEN,
	NF_S_TRUNC_MSG,
	NF_S_TRUNC_ATTR,
	NF_S_OVERSIZE,
	NF_S_REPEAT,
	NF_S_RANGE,
	NF_S_STRING,
	NF_S_DEEP,
	NF_S_RANDOM,
	NF_S_FLAGS,
	NF_S_UNKNOWN_CMD,
	NF_S_DUMP_ABANDON,
	__NF_S_MAX
};

extern const char *const nf_strategy_names[__NF_S_MAX];

struct nf_msg {
	enum nf_strategy strategy;
	int cmd; /* genl command in the header */
	size_t send_len; /* bytes handed to sendmsg (may differ from b.len) */
	int abandon; /* NF_S_DUMP_ABANDON: 0 close, 1 send another */
};

void nf_gen_words(struct nf_gen_ctx *g);
void nf_generate(const struct nf_gen_ctx *g, struct nf_rng *r, struct nf_buf *b,
		 struct nf_msg *m, uint32_t seq, const int *ops, int n_ops);

#endif /* NLFUZZ_H */
