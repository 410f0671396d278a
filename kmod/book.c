// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: what address sets and application sets have in common - name
 * indexes, set members, flattening with cycle detection - and the life of
 * struct fs_book.
 *
 * Objects of one name space are numbered leaves first (addresses, or
 * applications), then sets: object o < n_leaves is leaf o, otherwise set
 * o - n_leaves. A set is flattened once, into the leaf numbers it reaches,
 * so that policies (and the packet path) never walk sets.
 */
#include <linux/bsearch.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <net/netlink.h>

#include "book.h"

/* Bounds the memory a malicious nesting (sets of sets of sets) can take. */
#define FS_MAX_FLAT BIT(22)

int fs_book_init(struct fs_config *cfg)
{
	cfg->book = kzalloc(sizeof(*cfg->book), GFP_KERNEL);
	return cfg->book ? 0 : -ENOMEM;
}

static void fs_sets_free(struct fs_set *s, u32 n)
{
	u32 i;

	for (i = 0; s && i < n; i++) {
		kvfree(s[i].members);
		kvfree(s[i].flat);
	}
	kvfree(s);
}

void fs_book_free(struct fs_book *b)
{
	u32 i, m;

	if (!b)
		return;
	fs_policy_index_free(b->index);
	if (b->hits) {
		for_each_possible_cpu(i)
			kvfree(b->hits[i]);
		kfree(b->hits);
	}
	kvfree(b->base);
	if (b->pm) {
		/* n_pm is the number of policies: allocated zeroed, up front */
		for (i = 0; i < b->n_pm; i++) {
			for (m = 0; m < __FS_M_MAX; m++)
				kfree(b->pm[i].ref[m]);
			kvfree(b->pm[i].pfx[0]);
			kvfree(b->pm[i].pfx[1]);
			kvfree(b->pm[i].app);
		}
		kvfree(b->pm);
	}
	kvfree(b->aix);
	kvfree(b->appix);
	kvfree(b->addrs);
	kvfree(b->apps);
	fs_sets_free(b->asets, b->n_asets);
	fs_sets_free(b->appsets, b->n_appsets);
	kfree(b);
}

static int fs_name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fs_name_ent *)a)->name,
		      ((const struct fs_name_ent *)b)->name);
}

/**
 * fs_name_index() - a sorted index of @n object names
 * @n: number of objects
 * @name: name of object o
 * @b: the book
 * @dup: set to a name that occurs twice, if any
 *
 * Return: the index (kvfree it), or NULL when out of memory.
 */
struct fs_name_ent *
fs_name_index(u32 n, const char *(*name)(const struct fs_book *b, u32 obj),
	      const struct fs_book *b, const char **dup)
{
	struct fs_name_ent *ix;
	u32 i;

	*dup = NULL;
	ix = kvmalloc_array(max(n, 1U), sizeof(*ix), GFP_KERNEL);
	if (!ix)
		return NULL;
	for (i = 0; i < n; i++) {
		ix[i].name = name(b, i);
		ix[i].obj = i;
	}
	sort(ix, n, sizeof(*ix), fs_name_cmp, NULL);
	for (i = 1; i < n && !*dup; i++)
		if (!strcmp(ix[i - 1].name, ix[i].name))
			*dup = ix[i].name;
	return ix;
}

/* Object number of @name, or -1. */
int fs_name_find(const struct fs_name_ent *ix, u32 n, const char *name)
{
	struct fs_name_ent key = { .name = name };
	const struct fs_name_ent *e;

	e = bsearch(&key, ix, n, sizeof(*ix), fs_name_cmp);
	return e ? e->obj : -1;
}

const struct nla_policy fs_set_nl_policy[FLOWSTAT_A_SET_MAX + 1] = {
	[FLOWSTAT_A_SET_NAME] = { .type = NLA_NUL_STRING,
				  .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_SET_MEMBER] = { .type = NLA_NUL_STRING,
				    .len = FLOWSTAT_NAME_MAX - 1 },
	[FLOWSTAT_A_SET_PREDEFINED] = { .type = NLA_FLAG },
};

/* First pass over a set: its name and how many members it has. */
int fs_set_parse_name(struct fs_set *s, const struct nlattr *nla,
		      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FLOWSTAT_A_SET_MAX + 1];
	const struct nlattr *a;
	int err, rem;

	err = nla_parse_nested(tb, FLOWSTAT_A_SET_MAX, nla, fs_set_nl_policy,
			       extack);
	if (err)
		return err;
	if (!tb[FLOWSTAT_A_SET_NAME] ||
	    !*(char *)nla_data(tb[FLOWSTAT_A_SET_NAME])) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "set name missing");
		return -EINVAL;
	}
	nla_strscpy(s->name, tb[FLOWSTAT_A_SET_NAME], sizeof(s->name));
	s->predefined = nla_get_flag(tb[FLOWSTAT_A_SET_PREDEFINED]);
	nla_for_each_nested(a, nla, rem)
		if (nla_type(a) == FLOWSTAT_A_SET_MEMBER)
			s->n_members++;
	if (!s->n_members) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "set without members");
		return -EINVAL;
	}
	s->members = kvmalloc_array(s->n_members, sizeof(u32), GFP_KERNEL);
	return s->members ? 0 : -ENOMEM;
}

/* Second pass, once every name is known: members by object number. */
int fs_set_parse_members(struct fs_set *s, const struct nlattr *nla,
			 const struct fs_name_ent *ix, u32 n_ix,
			 struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	int rem, obj;
	u32 n = 0;

	nla_for_each_nested(a, nla, rem) {
		if (nla_type(a) != FLOWSTAT_A_SET_MEMBER)
			continue;
		obj = fs_name_find(ix, n_ix, nla_data(a));
		if (obj < 0) {
			NL_SET_ERR_MSG_ATTR(extack, a, "unknown set member");
			return -EINVAL;
		}
		s->members[n++] = obj;
	}
	return 0;
}

static int fs_u32_cmp(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

/**
 * fs_set_flatten() - the leaves set @i reaches, memoised in sets[i].flat
 * @sets: all sets of the name space
 * @n_leaves: number of leaf objects (sets start after them)
 * @i: set number
 * @nla: where to point a cycle error
 * @extack: where to say it
 *
 * Recursion depth is bounded by the number of sets on the current path,
 * which a cycle check keeps finite; deep chains are refused beyond 64.
 */
int fs_set_flatten(struct fs_set *sets, u32 n_leaves, u32 i,
		   const struct nlattr *nla, struct netlink_ext_ack *extack)
{
	static const int max_depth = 64;
	struct fs_set *s = &sets[i];
	struct {
		u32 set, m;
	} stack[64];
	u32 total, k, j, n;
	int depth = 0;

	if (s->state == 2)
		return 0;
	/* Iterative depth-first walk: sets first, then count and copy. */
	stack[0].set = i;
	stack[0].m = 0;
	sets[i].state = 1;
	while (depth >= 0) {
		struct fs_set *c = &sets[stack[depth].set];

		if (stack[depth].m < c->n_members) {
			u32 obj = c->members[stack[depth].m++];
			struct fs_set *sub;

			if (obj < n_leaves)
				continue;
			sub = &sets[obj - n_leaves];
			if (sub->state == 2)
				continue;
			if (sub->state == 1) {
				NL_SET_ERR_MSG_ATTR(extack, nla, "set cycle");
				goto fail;
			}
			if (depth + 1 >= max_depth) {
				NL_SET_ERR_MSG_ATTR(extack, nla,
						    "sets nested too deep");
				goto fail;
			}
			sub->state = 1;
			depth++;
			stack[depth].set = obj - n_leaves;
			stack[depth].m = 0;
			continue;
		}
		/* All members of c are flat: build c's list. */
		total = 0;
		for (k = 0; k < c->n_members; k++) {
			u32 obj = c->members[k];

			total += obj < n_leaves ? 1 :
						  sets[obj - n_leaves].n_flat;
			if (total > FS_MAX_FLAT) {
				NL_SET_ERR_MSG_ATTR(extack, nla,
						    "sets expand too far");
				goto fail;
			}
		}
		c->flat =
			kvmalloc_array(max(total, 1U), sizeof(u32), GFP_KERNEL);
		if (!c->flat)
			return -ENOMEM;
		n = 0;
		for (k = 0; k < c->n_members; k++) {
			u32 obj = c->members[k];
			const struct fs_set *sub;

			if (obj < n_leaves) {
				c->flat[n++] = obj;
				continue;
			}
			sub = &sets[obj - n_leaves];
			for (j = 0; j < sub->n_flat; j++)
				c->flat[n++] = sub->flat[j];
		}
		/* Sorted and unique: a leaf reached twice is checked once. */
		sort(c->flat, n, sizeof(u32), fs_u32_cmp, NULL);
		for (j = 0, k = 0; k < n; k++)
			if (!j || c->flat[j - 1] != c->flat[k])
				c->flat[j++] = c->flat[k];
		c->n_flat = j;
		c->state = 2;
		depth--;
	}
	return 0;
fail:
	/* The whole configuration is thrown away: no state to undo. */
	return -ELOOP;
}

int fs_set_fill(struct sk_buff *skb, int type, const struct fs_set *s,
		const char *(*name)(const struct fs_book *b, u32 obj),
		const struct fs_book *b)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	u32 i;

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, FLOWSTAT_A_SET_NAME, s->name) ||
	    (s->predefined && nla_put_flag(skb, FLOWSTAT_A_SET_PREDEFINED)))
		goto cancel;
	for (i = 0; i < s->n_members; i++)
		if (nla_put_string(skb, FLOWSTAT_A_SET_MEMBER,
				   name(b, s->members[i])))
			goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

const char *fs_address_obj_name(const struct fs_book *b, u32 obj)
{
	return obj < b->n_addrs ? b->addrs[obj].name :
				  b->asets[obj - b->n_addrs].name;
}

const char *fs_app_obj_name(const struct fs_book *b, u32 obj)
{
	return obj < b->n_apps ? b->apps[obj].name :
				 b->appsets[obj - b->n_apps].name;
}

/* CONFIG_GET objects of the book: addresses, sets, applications, sets. */
u32 fs_book_n_objects(const struct fs_config *cfg)
{
	const struct fs_book *b = cfg->book;

	return b ? b->n_addrs + b->n_asets + b->n_apps + b->n_appsets : 0;
}

int fs_book_fill_object(struct sk_buff *skb, const struct fs_config *cfg, u32 i)
{
	const struct fs_book *b = cfg->book;

	if (i < b->n_addrs)
		return fs_address_fill(skb, cfg, i);
	i -= b->n_addrs;
	if (i < b->n_asets)
		return fs_set_fill(skb, FLOWSTAT_A_CFG_ADDRESS_SET,
				   &b->asets[i], fs_address_obj_name, b);
	i -= b->n_asets;
	if (i < b->n_apps)
		return fs_app_fill(skb, cfg, i);
	i -= b->n_apps;
	return fs_set_fill(skb, FLOWSTAT_A_CFG_APPLICATION_SET, &b->appsets[i],
			   fs_app_obj_name, b);
}
