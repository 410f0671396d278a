// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: generating and mutating messages from the learnt policies.
 *
 * Every message comes from one random stream seeded by (seed, index), so
 * message N can be made again alone (--replay N). A strategy is chosen
 * first; most strategies start from a message that is valid by policy and
 * break one thing, so that the break, not an earlier error, is what the
 * kernel sees.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nlfuzz.h"

const char *const nf_strategy_names[__NF_S_MAX] = {
	[NF_S_VALID] = "valid",
	[NF_S_BASE] = "base-mutated",
	[NF_S_WRONG_LEN] = "wrong-length",
	[NF_S_TRUNC_MSG] = "truncated-msg",
	[NF_S_TRUNC_ATTR] = "truncated-attr",
	[NF_S_OVERSIZE] = "oversized",
	[NF_S_REPEAT] = "repeated",
	[NF_S_RANGE] = "out-of-range",
	[NF_S_STRING] = "bad-string",
	[NF_S_DEEP] = "deep-nest",
	[NF_S_RANDOM] = "random-bytes",
	[NF_S_FLAGS] = "bad-header",
	[NF_S_UNKNOWN_CMD] = "unknown-cmd",
	[NF_S_DUMP_ABANDON] = "dump-abandoned",
};

#define MAX_DEPTH 6

static const char *const fallback_words[] = {
	"trust", "untrust",    "any",	     "ge-0/0/0", "ge-0/0/1.0", "eth0",
	"lo",	 "junos-ping", "junos-http", "p1",	 "x",
};

/* Collects the strings of the base configuration: names that resolve. */
static void collect_words(struct nf_gen_ctx *g, const uint8_t *p, size_t len,
			  int depth)
{
	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)p;
		size_t al = a->nla_len, dl, i, step;
		const char *s = (const char *)p + NLA_HDRLEN;
		int k;

		if (al < NLA_HDRLEN || al > len)
			return;
		dl = al - NLA_HDRLEN;
		if (a->nla_type & NLA_F_NESTED) {
			if (depth < MAX_DEPTH)
				collect_words(g, p + NLA_HDRLEN, dl, depth + 1);
		} else if (dl >= 2 && !s[dl - 1]) {
			for (i = 0; i + 1 < dl; i++)
				if (s[i] < 0x20 || s[i] > 0x7e)
					break;
			for (k = 0; i + 1 == dl && k < g->n_words; k++)
				if (!strcmp(g->words[k], s))
					break;
			if (i + 1 == dl && k == g->n_words &&
			    g->n_words < NF_MAX_WORDS)
				g->words[g->n_words++] = s;
		}
		step = NLA_ALIGN(al);
		if (step > len)
			step = len;
		p += step;
		len -= step;
	}
}

void nf_gen_words(struct nf_gen_ctx *g)
{
	size_t i;

	g->n_words = 0;
	collect_words(g, g->base, g->base_len, 0);
	for (i = 0; i < ARRAY_SIZE(fallback_words); i++)
		if (g->n_words < NF_MAX_WORDS)
			g->words[g->n_words++] = fallback_words[i];
}

static const char *word(const struct nf_gen_ctx *g, struct nf_rng *r)
{
	return g->words[nf_below(r, g->n_words)];
}

static int int_width(uint32_t t)
{
	switch (t) {
	case NL_ATTR_TYPE_U8:
	case NL_ATTR_TYPE_S8:
		return 1;
	case NL_ATTR_TYPE_U16:
	case NL_ATTR_TYPE_S16:
		return 2;
	case NL_ATTR_TYPE_U32:
	case NL_ATTR_TYPE_S32:
	case NL_ATTR_TYPE_BITFIELD32:
		return 4;
	case NL_ATTR_TYPE_U64:
	case NL_ATTR_TYPE_S64:
		return 8;
	}
	return 0;
}

static uint64_t width_max(int w)
{
	return w >= 8 ? ~0ULL : (1ULL << (8 * w)) - 1;
}

static void put_int(struct nf_buf *b, uint16_t type, int w, uint64_t v)
{
	uint8_t u8 = v;
	uint16_t u16 = v;
	uint32_t u32 = v;

	switch (w) {
	case 1:
		nf_put_attr(b, type, &u8, 1);
		break;
	case 2:
		nf_put_attr(b, type, &u16, 2);
		break;
	case 4:
		nf_put_attr(b, type, &u32, 4);
		break;
	default:
		nf_put_attr(b, type, &v, 8);
	}
}

static void put_random(struct nf_buf *b, struct nf_rng *r, uint16_t type,
		       size_t len)
{
	uint8_t tmp[512];
	size_t i;

	if (len > sizeof(tmp))
		len = sizeof(tmp);
	for (i = 0; i < len; i++)
		tmp[i] = nf_rand(r);
	nf_put_attr(b, type, tmp, len);
}

/* An unsigned value the policy accepts. */
static uint64_t valid_uint(const struct nf_attr *at, struct nf_rng *r, int w)
{
	uint64_t lo = at->has_min_u ? at->min_u : 0;
	uint64_t hi = at->has_max_u ? at->max_u : width_max(w);

	if (at->has_mask)
		return nf_rand(r) & at->mask;
	if (at->has_min_s || at->has_max_s) {
		lo = (uint64_t)at->min_s;
		hi = (uint64_t)at->max_s;
	}
	switch (nf_below(r, 4)) {
	case 0:
		return lo;
	case 1:
		return hi;
	case 2:
		return lo + nf_below(r, 8) <= hi ? lo + nf_below(r, 8) : lo;
	}
	return hi - lo == ~0ULL ? nf_rand(r) : lo + nf_rand(r) % (hi - lo + 1);
}

static void gen_attrs(const struct nf_gen_ctx *g, struct nf_rng *r,
		      struct nf_buf *b, int pol, int depth);

/* One attribute that the policy accepts (its value may still mean nothing). */
static void valid_attr(const struct nf_gen_ctx *g, struct nf_rng *r,
		       struct nf_buf *b, int pol, int t, int depth)
{
	const struct nf_attr *at = &g->fam->pol[pol].a[t];
	int w = int_width(at->type);
	char s[300];
	size_t len, max, off;

	switch (at->type) {
	case NL_ATTR_TYPE_FLAG:
		nf_put_attr(b, t, NULL, 0);
		return;
	case NL_ATTR_TYPE_STRING:
	case NL_ATTR_TYPE_NUL_STRING:
		max = at->has_max_len ? at->max_len : 64;
		if (max > sizeof(s) - 1)
			max = sizeof(s) - 1;
		if (nf_below(r, 8)) {
			snprintf(s, sizeof(s), "%s", word(g, r));
		} else {
			len = 1 + nf_below(r, max ? max : 1);
			memset(s, 'a' + nf_below(r, 26), len);
			s[len] = 0;
		}
		s[max] = 0;
		nf_put_attr(b, t, s, strlen(s) + 1);
		return;
	case NL_ATTR_TYPE_BINARY:
		max = at->has_max_len ? at->max_len : 20;
		len = nf_below(r, 3) ? (nf_below(r, 2) ? 4 : 16) :
				       nf_below(r, max + 1);
		if (len > max)
			len = max;
		if (at->has_min_len && len < at->min_len)
			len = at->min_len;
		put_random(b, r, t, len);
		return;
	case NL_ATTR_TYPE_NESTED:
		off = nf_nest_start(b, t);
		if (at->nested >= 0 && depth < MAX_DEPTH)
			gen_attrs(g, r, b, at->nested, depth + 1);
		nf_nest_end(b, off);
		return;
	case NL_ATTR_TYPE_NESTED_ARRAY:
		off = nf_nest_start(b, t);
		for (len = nf_below(r, 3); len && depth < MAX_DEPTH; len--) {
			size_t in = nf_nest_start(b, len);

			if (at->nested >= 0)
				gen_attrs(g, r, b, at->nested, depth + 2);
			nf_nest_end(b, in);
		}
		nf_nest_end(b, off);
		return;
	}
	if (w)
		put_int(b, t, w, valid_uint(at, r, w));
	else
		put_random(b, r, t, nf_below(r, 9));
}

/* A random selection of the policy's attributes, each valid. */
static void gen_attrs(const struct nf_gen_ctx *g, struct nf_rng *r,
		      struct nf_buf *b, int pol, int depth)
{
	const struct nf_policy *p;
	int n, t, tries;

	if (pol < 0 || !g->fam->pol[pol].used)
		return;
	p = &g->fam->pol[pol];
	n = nf_below(r, depth ? 5 : 8);
	while (n-- > 0) {
		for (tries = 0; tries < 8; tries++) {
			t = 1 + nf_below(r, p->maxtype);
			if (p->a[t].present)
				break;
		}
		if (tries < 8)
			valid_attr(g, r, b, pol, t, depth);
	}
}

/*
 * The offset of a random attribute of the body (top level or, going down
 * nests, deeper), or 0 if there is none.
 */
static size_t pick_attr(const struct nf_buf *b, size_t start, struct nf_rng *r)
{
	size_t offs[512], n = 0, p = start, end = b->len;

	/* Flatten the tree in order; nested attributes follow their nest. */
	while (p + NLA_HDRLEN <= end && n < 512) {
		const struct nlattr *a = (const struct nlattr *)(b->p + p);

		if (a->nla_len < NLA_HDRLEN || p + a->nla_len > b->len)
			break;
		offs[n++] = p;
		if ((a->nla_type & NLA_F_NESTED) && a->nla_len > NLA_HDRLEN)
			p += NLA_HDRLEN; /* into the nest */
		else
			p += NLA_ALIGN(a->nla_len);
	}
	return n ? offs[nf_below(r, n)] : 0;
}

/* Grows every nest that encloses @off by @delta bytes (may be negative). */
static void fix_nests(struct nf_buf *b, size_t start, size_t off, long delta)
{
	size_t p = start;

	while (p + NLA_HDRLEN <= b->len && p < off) {
		struct nlattr *a = (struct nlattr *)(b->p + p);
		size_t end = p + a->nla_len;

		if (a->nla_len < NLA_HDRLEN)
			return;
		if (end > off && (a->nla_type & NLA_F_NESTED)) {
			long nl = (long)a->nla_len + delta;

			a->nla_len = nl < NLA_HDRLEN ? NLA_HDRLEN :
				     nl > 0xffff     ? 0xffff :
						       (uint16_t)nl;
			p += NLA_HDRLEN;
		} else {
			p += NLA_ALIGN(a->nla_len);
		}
	}
}

/* Replaces the attribute at @off with @len bytes of @repl. */
static void splice(struct nf_buf *b, size_t start, size_t off,
		   const uint8_t *repl, size_t len)
{
	const struct nlattr *a = (const struct nlattr *)(b->p + off);
	size_t old = NLA_ALIGN(a->nla_len);
	long delta = (long)len - (long)old;

	if (off + old > b->len)
		old = b->len - off;
	if (b->len + len - old > b->cap)
		return;
	memmove(b->p + off + len, b->p + off + old, b->len - off - old);
	memcpy(b->p + off, repl, len);
	b->len = b->len + len - old;
	fix_nests(b, start, off, delta);
}

static void replace_with(struct nf_buf *b, size_t start, size_t off,
			 struct nf_buf *tmp)
{
	splice(b, start, off, tmp->p, tmp->len);
}

/* Policy attribute @t of @pol, a value the policy must refuse. */
static void bad_value(const struct nf_gen_ctx *g, struct nf_rng *r,
		      struct nf_buf *o, const struct nf_attr *at, int t,
		      enum nf_strategy s)
{
	int w = int_width(at->type);
	char str[4200];
	size_t len, max = at->has_max_len ? at->max_len : 64;
	static const size_t bad_lens[] = { 0, 1, 2, 3, 5, 6, 7, 9, 12, 16 };

	if (s == NF_S_WRONG_LEN) {
		do {
			len = bad_lens[nf_below(r, 10)];
		} while (w && (int)len == w);
		if (at->type == NL_ATTR_TYPE_FLAG && !len)
			len = 1;
		if (at->type == NL_ATTR_TYPE_NESTED && nf_below(r, 2)) {
			/* payload that is not attributes */
			put_random(o, r, t | NLA_F_NESTED, 1 + nf_below(r, 7));
			return;
		}
		if (at->type == NL_ATTR_TYPE_NESTED) {
			/* a nest without the nested flag */
			nf_put_attr(o, t, NULL, 0);
			return;
		}
		put_random(o, r, t, len);
		return;
	}
	if (w && s == NF_S_RANGE) {
		uint64_t v;

		if (at->has_mask && at->mask != width_max(w))
			v = ~at->mask & width_max(w);
		else if (at->has_max_u && at->max_u < width_max(w))
			v = at->max_u + 1 + nf_below(r, 3);
		else if (at->has_min_u && at->min_u > 0)
			v = at->min_u - 1;
		else
			v = nf_rand(r);
		if (v > width_max(w))
			v = width_max(w);
		put_int(o, t, w, v);
		return;
	}
	/* strings: too long, no NUL, empty, NUL inside */
	if (max > sizeof(str) - 100)
		max = sizeof(str) - 100;
	switch (nf_below(r, 6)) {
	case 0: /* one too long, NUL-terminated */
		memset(str, 'L', max + 1);
		nf_put_attr(o, t, str, max + 2);
		str[max + 1] = 0;
		return;
	case 1: /* at the limit, no NUL */
		memset(str, 'N', max);
		nf_put_attr(o, t, str, max);
		return;
	case 2: /* short, no NUL */
		snprintf(str, sizeof(str), "%s", word(g, r));
		nf_put_attr(o, t, str, strlen(str));
		return;
	case 3: /* empty payload */
		nf_put_attr(o, t, NULL, 0);
		return;
	case 4: /* a NUL inside */
		snprintf(str, sizeof(str), "%s", word(g, r));
		len = strlen(str);
		str[len / 2] = 0;
		nf_put_attr(o, t, str, len + 1);
		return;
	}
	/* far too long */
	len = 1000 + nf_below(r, 3000);
	memset(str, 'X', len);
	str[len] = 0;
	nf_put_attr(o, t, str, len + 1);
}

/* The policy of the attribute at @off, found by walking from the root. */
static int policy_at(const struct nf_gen_ctx *g, const struct nf_buf *b,
		     size_t start, size_t off, int root, int *type)
{
	size_t p = start;
	int pol = root;

	*type = 0;
	while (p + NLA_HDRLEN <= b->len && pol >= 0) {
		const struct nlattr *a = (const struct nlattr *)(b->p + p);
		int t = a->nla_type & NLA_TYPE_MASK;

		if (a->nla_len < NLA_HDRLEN)
			return -1;
		if (p == off) {
			*type = t;
			return pol;
		}
		if (off < p + a->nla_len && (a->nla_type & NLA_F_NESTED)) {
			const struct nf_attr *at =
				t < NF_MAX_ATTRS ? &g->fam->pol[pol].a[t] :
						   NULL;

			pol = at && at->present ? at->nested : -1;
			p += NLA_HDRLEN;
		} else {
			p += NLA_ALIGN(a->nla_len);
		}
	}
	return -1;
}

/* The base configuration with a few edits, anywhere in the tree. */
static void mutate_base(const struct nf_gen_ctx *g, struct nf_rng *r,
			struct nf_buf *b, size_t start, int root)
{
	struct nf_buf tmp = {};
	uint8_t copy[65536];
	int edits = 1 + nf_below(r, 3), t, pol;
	size_t off, alen;

	nf_put(b, g->base, g->base_len);
	while (edits-- > 0) {
		off = pick_attr(b, start, r);
		if (!off)
			break;
		alen = NLA_ALIGN(((struct nlattr *)(b->p + off))->nla_len);
		pol = policy_at(g, b, start, off, root, &t);
		nf_buf_reset(&tmp);
		switch (nf_below(r, 5)) {
		case 0: /* drop it */
			splice(b, start, off, NULL, 0);
			break;
		case 1: /* twice */
			if (alen > sizeof(copy) || off + alen > b->len)
				break;
			memcpy(copy, b->p + off, alen);
			memcpy(tmp.p, copy, alen);
			memcpy(tmp.p + alen, copy, alen);
			tmp.len = 2 * alen;
			replace_with(b, start, off, &tmp);
			break;
		case 2: /* another valid value of its policy */
			if (pol >= 0 && t < NF_MAX_ATTRS &&
			    g->fam->pol[pol].a[t].present) {
				valid_attr(g, r, &tmp, pol, t, MAX_DEPTH - 1);
				replace_with(b, start, off, &tmp);
			}
			break;
		case 3: /* a name from elsewhere in the configuration */
			if (pol >= 0 && t < NF_MAX_ATTRS &&
			    g->fam->pol[pol].a[t].type ==
				    NL_ATTR_TYPE_NUL_STRING) {
				const char *w = word(g, r);

				nf_put_attr(&tmp, t, w, strlen(w) + 1);
				replace_with(b, start, off, &tmp);
			}
			break;
		default: /* a value the policy refuses */
			if (pol >= 0 && t < NF_MAX_ATTRS &&
			    g->fam->pol[pol].a[t].present) {
				bad_value(g, r, &tmp, &g->fam->pol[pol].a[t], t,
					  nf_below(r, 2) ? NF_S_RANGE :
							   NF_S_WRONG_LEN);
				replace_with(b, start, off, &tmp);
			}
		}
	}
	free(tmp.p);
}

/* Wraps @depth levels of nests around a random attribute. */
static void deep_nest(struct nf_rng *r, struct nf_buf *b, int depth)
{
	size_t offs[256];
	int i;

	if (depth > 256)
		depth = 256;
	for (i = 0; i < depth; i++)
		offs[i] = nf_nest_start(b, 1 + nf_below(r, 12));
	put_random(b, r, 1 + nf_below(r, 12), nf_below(r, 8));
	while (i-- > 0)
		nf_nest_end(b, offs[i]);
}

static int pick_op(const struct nf_gen_ctx *g, struct nf_rng *r, const int *ops,
		   int n_ops)
{
	int i;

	/* The configuration command has by far the richest policy. */
	for (i = 0; i < n_ops; i++)
		if (ops[i] == g->cfg_cmd && n_ops > 1 && !nf_below(r, 3))
			return g->cfg_cmd;
	return ops[nf_below(r, n_ops)];
}

static enum nf_strategy pick_strategy(struct nf_rng *r, int cmd, int cfg)
{
	static const unsigned char w[__NF_S_MAX] = {
		[NF_S_VALID] = 14,	[NF_S_BASE] = 16,
		[NF_S_WRONG_LEN] = 8,	[NF_S_TRUNC_MSG] = 5,
		[NF_S_TRUNC_ATTR] = 6,	[NF_S_OVERSIZE] = 3,
		[NF_S_REPEAT] = 6,	[NF_S_RANGE] = 8,
		[NF_S_STRING] = 8,	[NF_S_DEEP] = 4,
		[NF_S_RANDOM] = 6,	[NF_S_FLAGS] = 6,
		[NF_S_UNKNOWN_CMD] = 2, [NF_S_DUMP_ABANDON] = 3,
	};
	unsigned int total = 0, x, i;

	for (i = 0; i < __NF_S_MAX; i++)
		total += w[i];
	x = nf_below(r, total);
	for (i = 0; i < __NF_S_MAX; i++) {
		if (x < w[i])
			break;
		x -= w[i];
	}
	if (i == NF_S_BASE && cmd != cfg)
		i = NF_S_VALID;
	return i;
}

/**
 * nf_generate() - make message @seq from the random stream @r
 * @g: family, base configuration and words
 * @r: the message's random stream
 * @b: the message (b->len bytes; m->send_len of them are sent)
 * @m: how it was made
 * @seq: nlmsg_seq to use
 * @ops: the commands to choose from
 * @n_ops: how many
 */
void nf_generate(const struct nf_gen_ctx *g, struct nf_rng *r, struct nf_buf *b,
		 struct nf_msg *m, uint32_t seq, const int *ops, int n_ops)
{
	const struct nf_family *fam = g->fam;
	int cmd = pick_op(g, r, ops, n_ops), dump, pol, i, n, t;
	enum nf_strategy s = pick_strategy(r, cmd, g->cfg_cmd);
	uint16_t flags = NLM_F_REQUEST | NLM_F_ACK;
	const size_t start = NLMSG_HDRLEN + GENL_HDRLEN;
	struct nf_buf tmp = {};
	size_t off;

	dump = (fam->ops[cmd].flags & GENL_CMD_CAP_DUMP) &&
	       !(fam->ops[cmd].flags & GENL_CMD_CAP_DO);
	if (dump)
		flags = NLM_F_REQUEST | NLM_F_DUMP |
			(nf_below(r, 4) ? 0 : NLM_F_ACK);
	if (s == NF_S_DUMP_ABANDON && !dump)
		s = NF_S_VALID;
	if (s == NF_S_UNKNOWN_CMD) {
		do {
			cmd = nf_below(r, 3) ? nf_below(r, 256) : 0;
		} while (cmd < NF_MAX_OPS && fam->ops[cmd].exists);
	}
	pol = dump ? fam->ops[cmd].dump_pol : fam->ops[cmd].do_pol;
	if (pol < 0)
		pol = fam->ops[cmd].do_pol >= 0 ? fam->ops[cmd].do_pol :
						  fam->ops[cmd].dump_pol;
	m->strategy = s;
	m->cmd = cmd;
	m->abandon = nf_below(r, 2);

	nf_put_msghdr(b, fam->id, flags, seq, cmd, fam->version);
	if (s == NF_S_BASE)
		mutate_base(g, r, b, start, pol);
	else if (s != NF_S_RANDOM)
		gen_attrs(g, r, b, pol, 0);

	nf_buf_reset(&tmp);
	switch (s) {
	case NF_S_WRONG_LEN:
	case NF_S_RANGE:
	case NF_S_STRING:
		/* one bad attribute: a replacement or an addition */
		off = pick_attr(b, start, r);
		if (off && nf_below(r, 2)) {
			int p2 = policy_at(g, b, start, off, pol, &t);

			if (p2 >= 0 && t < NF_MAX_ATTRS &&
			    fam->pol[p2].a[t].present &&
			    (s != NF_S_STRING ||
			     fam->pol[p2].a[t].type ==
				     NL_ATTR_TYPE_NUL_STRING)) {
				bad_value(g, r, &tmp, &fam->pol[p2].a[t], t, s);
				replace_with(b, start, off, &tmp);
				break;
			}
		}
		if (pol >= 0 && fam->pol[pol].used) {
			const struct nf_policy *p = &fam->pol[pol];

			for (i = 0; i < 16; i++) {
				t = 1 + nf_below(r, p->maxtype);
				if (p->a[t].present &&
				    (s != NF_S_STRING ||
				     p->a[t].type == NL_ATTR_TYPE_NUL_STRING))
					break;
			}
			if (i < 16)
				bad_value(g, r, b, &p->a[t], t, s);
			else
				bad_value(g, r, b, &p->a[1], 1, s);
		} else {
			put_random(b, r, 1 + nf_below(r, 30), nf_below(r, 9));
		}
		break;
	case NF_S_TRUNC_ATTR:
		off = pick_attr(b, start, r);
		if (!off) {
			put_random(b, r, 1, 4);
			off = start;
		}
		if (nf_below(r, 2)) {
			/* claims more than there is (or less than a header) */
			((struct nlattr *)(b->p + off))->nla_len =
				nf_below(r, 2) ?
					nf_below(r, NLA_HDRLEN) :
					b->len - off + 1 + nf_below(r, 64);
		} else {
			/* the message ends inside the attribute */
			b->len = off + 1 + nf_below(r, NLA_HDRLEN + 4);
		}
		break;
	case NF_S_OVERSIZE:
		if (nf_below(r, 2)) {
			/* one attribute of almost 64 KiB */
			char *big = (char *)tmp.p;

			n = 20000 + nf_below(r, 45000);
			memset(big, 'O', n);
			big[n - 1] = 0;
			nf_put_attr(b, 1 + nf_below(r, 12), big, n);
		} else {
			/* thousands of valid attributes */
			n = 1000 + nf_below(r, 9000);
			for (i = 0; i < n && b->len + 256 < b->cap; i++)
				gen_attrs(g, r, b, pol, 0);
		}
		break;
	case NF_S_REPEAT:
		off = pick_attr(b, start, r);
		if (off) {
			size_t al = NLA_ALIGN(
				((struct nlattr *)(b->p + off))->nla_len);

			if (off + al > b->len)
				break;
			n = 2 + nf_below(r, nf_below(r, 2) ? 4 : 2000);
			for (i = 0; i < n && tmp.len + al <= tmp.cap; i++)
				nf_put(&tmp, b->p + off, al);
			replace_with(b, start, off, &tmp);
		}
		break;
	case NF_S_DEEP:
		deep_nest(r, b, 2 + nf_below(r, nf_below(r, 2) ? 10 : 250));
		break;
	case NF_S_RANDOM:
		n = nf_below(r, 2) ? nf_below(r, 64) : nf_below(r, 2048);
		for (i = 0; i < n; i++) {
			uint8_t c = nf_rand(r);

			nf_put(b, &c, 1);
		}
		break;
	case NF_S_FLAGS: {
		struct nlmsghdr *h = (struct nlmsghdr *)b->p;
		struct genlmsghdr *gh =
			(struct genlmsghdr *)(b->p + NLMSG_HDRLEN);

		switch (nf_below(r, 5)) {
		case 0:
			h->nlmsg_flags = nf_rand(r);
			break;
		case 1: /* a reserved or create/replace bit */
			h->nlmsg_flags |= 1 << (5 + nf_below(r, 11));
			break;
		case 2:
			gh->reserved = 1 + nf_below(r, 0xffff);
			break;
		case 3:
			gh->version = nf_rand(r);
			break;
		default:
			/* control messages, or no family at all */
			h->nlmsg_type = nf_below(r, 2) ?
						nf_below(r, 16) :
						0xfff0 + nf_below(r, 16);
		}
		break;
	}
	default:
		break;
	}
	nf_msg_end(b);
	m->send_len = b->len;
	if (s == NF_S_TRUNC_MSG) {
		struct nlmsghdr *h = (struct nlmsghdr *)b->p;

		if (nf_below(r, 2)) {
			/* the header claims more than is sent */
			m->send_len =
				b->len > 1 ?
					b->len - 1 - nf_below(r, b->len - 1) :
					b->len;
			if (m->send_len == b->len && b->len < b->cap)
				h->nlmsg_len = b->len + 4;
		} else {
			/* cut anywhere: header and length agree */
			m->send_len = NLMSG_HDRLEN +
				      nf_below(r, b->len - NLMSG_HDRLEN + 1);
			h->nlmsg_len = m->send_len;
		}
	}
	free(tmp.p);
}
