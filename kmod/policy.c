// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: zone-pair policies - what each one matches, the index that
 * finds the first matching one without scanning, and hit counts.
 *
 * Policies of a zone pair are tried in configured order and the first one
 * whose source address, destination address and application all match
 * decides; no match falls to the default policy.
 *
 * The index is a tuple space on the destination: per zone pair, the set
 * of destination prefix lengths its policies use (one bitmap per family),
 * one hash table for the whole configuration keyed by (pair, family,
 * prefix length, masked destination), each bucket holding the numbers of
 * the policies with that destination prefix in ascending (configured)
 * order, plus per pair the ascending list of policies whose destination
 * is "any". A first packet probes one bucket per prefix length in use and
 * walks each candidate list only while its entries are below the best
 * match found so far, checking source and application in full; the
 * smallest fully matching number wins, which is the first match in
 * configured order. The cost depends on the prefix lengths in use and on
 * the candidates whose destination matches, not on the number of
 * policies.
 */
#include <linux/bitmap.h>
#include <linux/bsearch.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/jhash.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <net/netlink.h>

#include "book.h"

struct fs_pkey {
	union nf_inet_addr addr;
	u32 pair;
	u8 family;
	u8 plen;
	u16 pad;
};

/* @n == 0: an empty slot */
struct fs_pbucket {
	struct fs_pkey key;
	u32 off;
	u32 n;
};

struct fs_ppair {
	DECLARE_BITMAP(plen4, 33);
	DECLARE_BITMAP(plen6, 129);
	u32 any_off;
	u32 any_n;
};

/**
 * struct fs_pindex - the first-packet index of a configuration
 * @mask: hash table size minus one
 * @npairs: number of zone pairs (zones squared)
 * @tab: the buckets, open addressing
 * @cand: candidate lists, policy numbers (0-based, configured order)
 * @pairs: per zone pair, NULL for a pair without policies
 */
struct fs_pindex {
	u32 mask;
	u32 npairs;
	struct fs_pbucket *tab;
	u32 *cand;
	struct fs_ppair **pairs;
};

struct fs_pent {
	struct fs_pkey key;
	u32 pol;
};

/* ------------------------------------------------------------------ */
/* Parsing the match of one policy                                     */

/* Room for the matches of @np policies, before they are parsed. */
int fs_policy_match_alloc(struct fs_config *cfg, u32 np)
{
	struct fs_book *b = cfg->book;

	b->pm = kvcalloc(max(np, 1U), sizeof(*b->pm), GFP_KERNEL);
	if (!b->pm)
		return -ENOMEM;
	b->n_pm = np;
	return 0;
}

static int fs_policy_refs(struct fs_pmatch *pm, int m, int type,
			  const struct nlattr *nla,
			  const struct fs_name_ent *ix, u32 n_ix,
			  struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	bool any = false;
	int rem, obj;
	u32 n = 0;

	nla_for_each_nested(a, nla, rem)
		if (nla_type(a) == type)
			n++;
	if (!n)
		return 0;
	pm->ref[m] = kmalloc_array(n, sizeof(u32), GFP_KERNEL);
	if (!pm->ref[m])
		return -ENOMEM;
	nla_for_each_nested(a, nla, rem) {
		if (nla_type(a) != type)
			continue;
		if (!strcmp(nla_data(a), "any")) {
			any = true;
			continue;
		}
		obj = fs_name_find(ix, n_ix, nla_data(a));
		if (obj < 0) {
			if (m == FS_M_APP)
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "unknown application");
			else
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "unknown address");
			return -EINVAL;
		}
		pm->ref[m][pm->n_ref[m]++] = obj;
	}
	if (any) {
		/* "any" among others is still any; keep it that way */
		kfree(pm->ref[m]);
		pm->ref[m] = NULL;
		pm->n_ref[m] = 0;
	}
	return 0;
}

/* The leaves (addresses or applications) object @obj stands for. */
static const u32 *fs_leaves(u32 obj, u32 n_leaves, const struct fs_set *sets,
			    u32 *n, u32 *one)
{
	if (obj < n_leaves) {
		*one = obj;
		*n = 1;
		return one;
	}
	*n = sets[obj - n_leaves].n_flat;
	return sets[obj - n_leaves].flat;
}

/*
 * How many leaves match dimension @m of a policy stands for. Bounded: a
 * request that names a large set many times must not overflow the count.
 */
static int fs_leaves_total(const struct fs_pmatch *pm, int m, u32 n_leaves,
			   const struct fs_set *sets, u32 *total)
{
	u32 k, n, one;

	*total = 0;
	for (k = 0; k < pm->n_ref[m]; k++) {
		fs_leaves(pm->ref[m][k], n_leaves, sets, &n, &one);
		if (n > FS_MAX_POLICIES - *total)
			return -E2BIG;
		*total += n;
	}
	return 0;
}

static int fs_policy_flatten(const struct fs_book *b, struct fs_pmatch *pm)
{
	u32 m, k, j, n, total, one;
	const u32 *l;
	int err;

	for (m = FS_M_SRC; m <= FS_M_DST; m++) {
		err = fs_leaves_total(pm, m, b->n_addrs, b->asets, &total);
		if (err)
			return err;
		if (!total)
			continue;
		pm->pfx[m] = kvmalloc_array(total, sizeof(struct fs_prefix),
					    GFP_KERNEL);
		if (!pm->pfx[m])
			return -ENOMEM;
		for (k = 0; k < pm->n_ref[m]; k++) {
			l = fs_leaves(pm->ref[m][k], b->n_addrs, b->asets, &n,
				      &one);
			for (j = 0; j < n; j++)
				pm->pfx[m][pm->n_pfx[m]++] = b->addrs[l[j]].pfx;
		}
	}
	err = fs_leaves_total(pm, FS_M_APP, b->n_apps, b->appsets, &total);
	if (err || !total)
		return err;
	pm->app = kvmalloc_array(total, sizeof(u32), GFP_KERNEL);
	if (!pm->app)
		return -ENOMEM;
	for (k = 0; k < pm->n_ref[FS_M_APP]; k++) {
		l = fs_leaves(pm->ref[FS_M_APP][k], b->n_apps, b->appsets, &n,
			      &one);
		for (j = 0; j < n; j++)
			pm->app[pm->n_app++] = l[j];
	}
	return 0;
}

/**
 * fs_policy_parse_match() - the match and count flag of policy @pol
 * @cfg: the configuration being built; its book is complete
 * @pol: policy number, 0-based
 * @nla: the policy's FLOWSTAT_A_CFG_POLICY nest (validated)
 * @extack: where to say what is wrong
 *
 * Return: 0 or a negative errno.
 */
int fs_policy_parse_match(struct fs_config *cfg, u32 pol,
			  const struct nlattr *nla,
			  struct netlink_ext_ack *extack)
{
	struct fs_book *b = cfg->book;
	struct fs_pmatch *pm;
	const struct nlattr *a;
	u32 na = b->n_addrs + b->n_asets, np = b->n_apps + b->n_appsets;
	int err, rem;

	if (pol >= b->n_pm)
		return -EINVAL;
	pm = &b->pm[pol];
	err = fs_policy_refs(pm, FS_M_SRC, FLOWSTAT_A_POLICY_SRC_ADDRESS, nla,
			     b->aix, na, extack);
	if (!err)
		err = fs_policy_refs(pm, FS_M_DST,
				     FLOWSTAT_A_POLICY_DST_ADDRESS, nla, b->aix,
				     na, extack);
	if (!err)
		err = fs_policy_refs(pm, FS_M_APP,
				     FLOWSTAT_A_POLICY_APPLICATION, nla,
				     b->appix, np, extack);
	if (err)
		return err;
	nla_for_each_nested(a, nla, rem)
		if (nla_type(a) == FLOWSTAT_A_POLICY_COUNT)
			pm->count = true;
	err = fs_policy_flatten(b, pm);
	if (err == -E2BIG)
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "too many addresses or applications");
	return err;
}

int fs_policy_fill_match(struct sk_buff *skb, const struct fs_config *cfg,
			 u32 pol)
{
	static const int type[__FS_M_MAX] = {
		FLOWSTAT_A_POLICY_SRC_ADDRESS,
		FLOWSTAT_A_POLICY_DST_ADDRESS,
		FLOWSTAT_A_POLICY_APPLICATION,
	};
	const struct fs_book *b = cfg->book;
	const struct fs_pmatch *pm;
	u32 m, k;

	if (!b || pol >= b->n_pm)
		return 0;
	pm = &b->pm[pol];
	for (m = 0; m < __FS_M_MAX; m++)
		for (k = 0; k < pm->n_ref[m]; k++) {
			u32 obj = pm->ref[m][k];
			const char *name = m == FS_M_APP ?
						   fs_app_obj_name(b, obj) :
						   fs_address_obj_name(b, obj);

			if (nla_put_string(skb, type[m], name))
				return -EMSGSIZE;
		}
	if (pm->count && nla_put_flag(skb, FLOWSTAT_A_POLICY_COUNT))
		return -EMSGSIZE;
	return 0;
}

/* ------------------------------------------------------------------ */
/* The index                                                           */

void fs_policy_index_free(struct fs_pindex *ix)
{
	u32 i;

	if (!ix)
		return;
	if (ix->pairs)
		for (i = 0; i < ix->npairs; i++)
			kfree(ix->pairs[i]);
	kvfree(ix->pairs);
	kvfree(ix->tab);
	kvfree(ix->cand);
	kfree(ix);
}

static int fs_pent_cmp(const void *a, const void *b)
{
	const struct fs_pent *x = a, *y = b;
	int c = memcmp(&x->key, &y->key, sizeof(x->key));

	if (c)
		return c;
	return x->pol < y->pol ? -1 : x->pol > y->pol;
}

static u32 fs_pkey_hash(const struct fs_pkey *k)
{
	return jhash2((const u32 *)k, sizeof(*k) / sizeof(u32), 0);
}

static int fs_policy_hits_alloc(struct fs_config *cfg)
{
	struct fs_book *b = cfg->book;
	u32 n = max(cfg->n_policies, 1U);
	int cpu;

	b->hits = kcalloc(nr_cpu_ids, sizeof(*b->hits), GFP_KERNEL);
	b->base = kvcalloc(n, sizeof(*b->base), GFP_KERNEL);
	if (!b->hits || !b->base)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		b->hits[cpu] = kvcalloc(n, sizeof(u64), GFP_KERNEL);
		if (!b->hits[cpu])
			return -ENOMEM;
	}
	return 0;
}

/**
 * fs_policy_index_build() - the first-packet index and hit counters
 * @cfg: the configuration being built; policies, pairs and matches done
 * @extack: where to say what is wrong
 *
 * O(n log n) in the number of (policy, destination prefix) pairs.
 */
int fs_policy_index_build(struct fs_config *cfg, struct netlink_ext_ack *extack)
{
	struct fs_book *b = cfg->book;
	u32 npairs = cfg->n_zones * cfg->n_zones;
	u32 i, k, n_ent = 0, n_any = 0, nb, size, cur;
	struct fs_pent *ent = NULL;
	struct fs_pindex *ix;
	int err;

	err = fs_policy_hits_alloc(cfg);
	if (err)
		return err;
	ix = kzalloc(sizeof(*ix), GFP_KERNEL);
	if (!ix)
		return -ENOMEM;
	b->index = ix;
	ix->npairs = npairs;
	ix->pairs = kvcalloc(max(npairs, 1U), sizeof(*ix->pairs), GFP_KERNEL);
	if (!ix->pairs)
		return -ENOMEM;

	for (i = 0; i < cfg->n_policies; i++) {
		if (b->pm[i].n_pfx[FS_M_DST])
			n_ent += b->pm[i].n_pfx[FS_M_DST];
		else
			n_any++;
		if (n_ent > FS_MAX_POLICIES * 4U) {
			NL_SET_ERR_MSG(extack, "too many destinations");
			return -E2BIG;
		}
	}
	ix->cand =
		kvmalloc_array(max(n_ent + n_any, 1U), sizeof(u32), GFP_KERNEL);
	ent = kvmalloc_array(max(n_ent, 1U), sizeof(*ent), GFP_KERNEL);
	if (!ix->cand || !ent) {
		err = -ENOMEM;
		goto out;
	}

	/* Per pair: "any" list, in configured order. */
	cur = 0;
	for (i = 0; i < npairs; i++) {
		const struct fs_policy_list *l = cfg->pairs ? cfg->pairs[i] :
							      NULL;
		struct fs_ppair *pp;

		if (!l)
			continue;
		pp = kzalloc(sizeof(*pp), GFP_KERNEL);
		if (!pp) {
			err = -ENOMEM;
			goto out;
		}
		ix->pairs[i] = pp;
		pp->any_off = cur;
		for (k = 0; k < l->n; k++)
			if (!b->pm[l->idx[k]].n_pfx[FS_M_DST])
				ix->cand[cur++] = l->idx[k];
		pp->any_n = cur - pp->any_off;
	}

	/* Every (pair, destination prefix, policy), sorted. */
	n_ent = 0;
	for (i = 0; i < cfg->n_policies; i++) {
		const struct fs_policy *p = &cfg->policies[i];
		const struct fs_pmatch *pm = &b->pm[i];

		for (k = 0; k < pm->n_pfx[FS_M_DST]; k++) {
			struct fs_pent *e = &ent[n_ent++];
			const struct fs_prefix *x = &pm->pfx[FS_M_DST][k];

			memset(e, 0, sizeof(*e));
			fs_prefix_mask(&e->key.addr, &x->addr, x->family,
				       x->plen);
			e->key.pair = p->from * cfg->n_zones + p->to;
			e->key.family = x->family;
			e->key.plen = x->plen;
			e->pol = i;
		}
	}
	sort(ent, n_ent, sizeof(*ent), fs_pent_cmp, NULL);
	nb = 0;
	for (i = 0; i < n_ent; i++)
		if (!i ||
		    memcmp(&ent[i].key, &ent[i - 1].key, sizeof(ent[i].key)))
			nb++;
	size = roundup_pow_of_two(max(2 * nb, 16U));
	ix->mask = size - 1;
	ix->tab = kvcalloc(size, sizeof(*ix->tab), GFP_KERNEL);
	if (!ix->tab) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n_ent;) {
		const struct fs_pkey *key = &ent[i].key;
		struct fs_ppair *pp = ix->pairs[key->pair];
		struct fs_pbucket *bk;
		u32 h = fs_pkey_hash(key) & ix->mask;

		while (ix->tab[h].n)
			h = (h + 1) & ix->mask;
		bk = &ix->tab[h];
		bk->key = *key;
		bk->off = cur;
		for (k = i;
		     k < n_ent && !memcmp(&ent[k].key, key, sizeof(*key)); k++)
			if (k == i || ent[k].pol != ent[k - 1].pol)
				ix->cand[cur++] = ent[k].pol;
		bk->n = cur - bk->off;
		if (key->family == NFPROTO_IPV4)
			__set_bit(key->plen, pp->plen4);
		else
			__set_bit(key->plen, pp->plen6);
		i = k;
	}
	err = 0;
out:
	kvfree(ent);
	return err;
}

static const struct fs_pbucket *fs_pindex_find(const struct fs_pindex *ix,
					       const struct fs_pkey *k)
{
	u32 h = fs_pkey_hash(k) & ix->mask;
	const struct fs_pbucket *bk;

	for (;;) {
		bk = &ix->tab[h];
		if (!bk->n)
			return NULL;
		if (!memcmp(&bk->key, k, sizeof(*k)))
			return bk;
		h = (h + 1) & ix->mask;
	}
}

/* Source and application of policy @pol (its destination matched). */
static bool fs_policy_rest(const struct fs_book *b, u32 pol,
			   const struct fs_tuple *t, int icmp_type)
{
	const struct fs_pmatch *pm = &b->pm[pol];
	u32 k;

	if (pm->n_pfx[FS_M_SRC]) {
		for (k = 0; k < pm->n_pfx[FS_M_SRC]; k++)
			if (fs_prefix_match(&pm->pfx[FS_M_SRC][k], t->family,
					    &t->src))
				break;
		if (k == pm->n_pfx[FS_M_SRC])
			return false;
	}
	if (!pm->n_app)
		return true;
	for (k = 0; k < pm->n_app; k++)
		if (fs_app_match(&b->apps[pm->app[k]], t, icmp_type))
			return true;
	return false;
}

/* The first fully matching entry of @c below @best, else @best. */
static u32 fs_scan(const struct fs_book *b, const u32 *c, u32 n, u32 best,
		   const struct fs_tuple *t, int icmp_type)
{
	u32 i;

	for (i = 0; i < n && c[i] < best; i++)
		if (fs_policy_rest(b, c[i], t, icmp_type))
			return c[i];
	return best;
}

/**
 * fs_policy_find() - the first policy of the pair @from -> @to matching @t
 * @cfg: the configuration
 * @from: ingress zone index
 * @to: egress zone index
 * @t: tuple of the packet, original direction
 * @icmp_type: ICMP(v6) type of the packet, -1 if unknown or not ICMP
 *
 * Context: rcu_read_lock held, or the caller holds a reference on @cfg.
 * Return: the policy, or NULL if none matches.
 */
static const struct fs_policy *fs_policy_find(const struct fs_config *cfg,
					      u32 from, u32 to,
					      const struct fs_tuple *t,
					      int icmp_type)
{
	const struct fs_book *b = cfg->book;
	const struct fs_pindex *ix = b ? b->index : NULL;
	const struct fs_ppair *pp;
	const struct fs_pbucket *bk;
	const unsigned long *plens;
	struct fs_pkey key;
	u32 best, pair, nbits;
	unsigned int plen;

	if (!ix || from >= cfg->n_zones || to >= cfg->n_zones)
		return NULL;
	pair = from * cfg->n_zones + to;
	pp = ix->pairs[pair];
	if (!pp)
		return NULL;
	best = fs_scan(b, ix->cand + pp->any_off, pp->any_n, U32_MAX, t,
		       icmp_type);
	if (t->family == NFPROTO_IPV4) {
		plens = pp->plen4;
		nbits = 33;
	} else {
		plens = pp->plen6;
		nbits = 129;
	}
	memset(&key, 0, sizeof(key));
	key.pair = pair;
	key.family = t->family;
	for_each_set_bit(plen, plens, nbits) {
		key.plen = plen;
		fs_prefix_mask(&key.addr, &t->dst, t->family, plen);
		bk = fs_pindex_find(ix, &key);
		if (bk)
			best = fs_scan(b, ix->cand + bk->off, bk->n, best, t,
				       icmp_type);
	}
	return best == U32_MAX ? NULL : &cfg->policies[best];
}

const struct fs_policy *fs_policy_lookup(const struct fs_config *cfg, u32 from,
					 u32 to, const struct fs_tuple *t)
{
	int icmp_type = -1;

	/* A session's tuple keeps no ICMP type: an echo's is a request. */
	if (t->proto == IPPROTO_ICMP && (t->sport || t->dport))
		icmp_type = ICMP_ECHO;
	else if (t->proto == IPPROTO_ICMPV6 && (t->sport || t->dport))
		icmp_type = ICMPV6_ECHO_REQUEST;
	return fs_policy_find(cfg, from, to, t, icmp_type);
}

/**
 * fs_policy_action() - what the configuration does with a flow (re-check)
 * @index: set to the deciding policy's 1-based index, 0 for the default
 * @cfg: the configuration
 * @from: ingress zone index
 * @to: egress zone index
 * @t: tuple of the packet, original direction
 *
 * Counts nothing: sessions are re-checked with it after a reload.
 * Return: enum flowstat_action.
 */
u8 fs_policy_action(const struct fs_config *cfg, u32 from, u32 to,
		    const struct fs_tuple *t, u32 *index)
{
	const struct fs_policy *p = fs_policy_lookup(cfg, from, to, t);

	*index = p ? p->index : 0;
	return p ? p->action : cfg->default_action;
}

/**
 * fs_policy_decide() - what the configuration does with a first packet
 * @cfg: the configuration
 * @from: ingress zone index
 * @to: egress zone index
 * @t: tuple of the packet
 * @icmp_type: its ICMP(v6) type, -1 if not ICMP
 * @index: set to the deciding policy's 1-based index, 0 for the default
 *
 * Counts a hit on the deciding policy.
 * Context: packet path, BH disabled, rcu_read_lock held.
 * Return: enum flowstat_action.
 */
u8 fs_policy_decide(const struct fs_config *cfg, u32 from, u32 to,
		    const struct fs_tuple *t, int icmp_type, u32 *index)
{
	const struct fs_policy *p = fs_policy_find(cfg, from, to, t, icmp_type);
	u64 *h;

	if (!p) {
		*index = 0;
		return cfg->default_action;
	}
	*index = p->index;
	h = cfg->book->hits[get_cpu()];
	WRITE_ONCE(h[p->index - 1], h[p->index - 1] + 1);
	put_cpu();
	return p->action;
}

/* Hits of policy @pol (0-based), summed over the CPUs. */
u64 fs_policy_hits(const struct fs_config *cfg, u32 pol)
{
	const struct fs_book *b = cfg->book;
	u64 sum;
	int cpu;

	if (!b || !b->hits || pol >= cfg->n_policies)
		return 0;
	sum = b->base[pol];
	for_each_possible_cpu(cpu)
		sum += READ_ONCE(b->hits[cpu][pol]);
	return sum;
}

static int fs_pname_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fs_name_ent *)a)->name,
		      ((const struct fs_name_ent *)b)->name);
}

/**
 * fs_policy_inherit() - carry hit counts over a reload
 * @cfg: the new configuration, not yet published
 * @old: the running one
 *
 * A policy keeps its count when one of the same name exists in @old with
 * the same from-zone and to-zone names. Hits @old takes between this and
 * its replacement are not carried.
 */
void fs_policy_inherit(struct fs_config *cfg, const struct fs_config *old)
{
	struct fs_name_ent *ix, key, *e;
	u32 i;

	if (!old || !cfg->book || !cfg->book->base || !old->n_policies)
		return;
	ix = kvmalloc_array(old->n_policies, sizeof(*ix), GFP_KERNEL);
	if (!ix)
		return; /* counts start at 0: nothing worse */
	for (i = 0; i < old->n_policies; i++) {
		ix[i].name = old->policies[i].name;
		ix[i].obj = i;
	}
	sort(ix, old->n_policies, sizeof(*ix), fs_pname_cmp, NULL);
	for (i = 0; i < cfg->n_policies; i++) {
		const struct fs_policy *p = &cfg->policies[i], *q;

		key.name = p->name;
		e = bsearch(&key, ix, old->n_policies, sizeof(*ix),
			    fs_pname_cmp);
		if (!e)
			continue;
		q = &old->policies[e->obj];
		if (strcmp(cfg->zones[p->from].name,
			   old->zones[q->from].name) ||
		    strcmp(cfg->zones[p->to].name, old->zones[q->to].name))
			continue;
		cfg->book->base[i] = fs_policy_hits(old, e->obj);
	}
	kvfree(ix);
}
