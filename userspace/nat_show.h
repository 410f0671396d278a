/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The NAT views (show security nat ...), from pools and rules already read
 * from the NAT_POOL_GET and NAT_RULE_GET dumps (unit-testable).
 */
#ifndef FLOWSTAT_NAT_SHOW_H
#define FLOWSTAT_NAT_SHOW_H

#include <stddef.h>

#include "config_nl.h"

struct fs_nat_view {
	struct fs_nat_pool_msg *pools; /* all kinds, in dump order */
	size_t n_pools, cap_pools;
	struct fs_nat_rule_msg *rules; /* all kinds, in dump order */
	size_t n_rules, cap_rules;
};

void fs_nat_view_free(struct fs_nat_view *v);

/* `summary` of source or destination NAT. */
void fs_print_nat_summary(const struct fs_nat_view *v, int kind);
/* `pool all` (@name NULL) or `pool NAME`; the number of pools shown. */
size_t fs_print_nat_pools(const struct fs_nat_view *v, int kind,
			  const char *name);
/* `rule all` (@name NULL) or `rule NAME`; the number of rules shown. */
size_t fs_print_nat_rules(const struct fs_nat_view *v, int kind,
			  const char *name);

#endif /* FLOWSTAT_NAT_SHOW_H */
