// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: zone-pair policy evaluation for the first packet of a flow.
 *
 * Policies of a zone pair are tried in configured order and the first
 * match decides; no match falls to the default policy. Every policy of
 * this version matches "any" in all three dimensions, so the first one of
 * a pair decides; address books and applications (and an index that avoids
 * scanning) plug into fs_policy_match().
 */
#include "flowstat.h"

static bool fs_policy_match(const struct fs_policy *p, const struct fs_tuple *t)
{
	return true;
}

/**
 * fs_policy_lookup() - the first policy of the pair @from -> @to matching @t
 * @cfg: the configuration
 * @from: ingress zone index
 * @to: egress zone index
 * @t: tuple of the packet, original direction
 *
 * Context: rcu_read_lock held, or the caller holds a reference on @cfg.
 * Return: the policy, or NULL if none matches.
 */
const struct fs_policy *fs_policy_lookup(const struct fs_config *cfg, u32 from,
					 u32 to, const struct fs_tuple *t)
{
	const struct fs_policy_list *l;
	u32 i;

	if (from >= cfg->n_zones || to >= cfg->n_zones)
		return NULL;
	l = cfg->pairs ? cfg->pairs[from * cfg->n_zones + to] : NULL;
	if (!l)
		return NULL;
	for (i = 0; i < l->n; i++) {
		const struct fs_policy *p = &cfg->policies[l->idx[i]];

		if (fs_policy_match(p, t))
			return p;
	}
	return NULL;
}

/**
 * fs_policy_action() - what the configuration does with a first packet
 * @index: set to the deciding policy's 1-based index, 0 for the default
 * @cfg: the configuration
 * @from: ingress zone index
 * @to: egress zone index
 * @t: tuple of the packet, original direction
 *
 * Return: enum flowstat_action.
 */
u8 fs_policy_action(const struct fs_config *cfg, u32 from, u32 to,
		    const struct fs_tuple *t, u32 *index)
{
	const struct fs_policy *p = fs_policy_lookup(cfg, from, to, t);

	*index = p ? p->index : 0;
	return p ? p->action : cfg->default_action;
}
