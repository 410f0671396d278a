// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat show security policies [from-zone Z1 to-zone Z2] [hit-count]
 *
 * The policies in the layout of the gateways: one "From zone: A, To zone:
 * B" block per zone pair (in the order the pairs first appear), each
 * policy with its global index and its sequence number within the pair;
 * hit-count prints one table row per policy with the number of first
 * packets it matched (POLICY_STATS_GET).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <linux/flowstat.h>

#include "config.h"
#include "config_nl.h"
#include "flowstat.h"
#include "names.h"
#include "nl.h"
#include "print.h"
#include "util.h"

struct polstat {
	uint32_t index;
	char name[FLOWSTAT_NAME_MAX];
	char from[FLOWSTAT_NAME_MAX];
	char to[FLOWSTAT_NAME_MAX];
	uint64_t count;
};

struct polstats {
	struct polstat *v;
	size_t n, cap;
};

static int polstats_cb(struct nlmsghdr *nlh, void *arg)
{
	struct polstats *ps = arg;
	struct polstat *p = ARRAY_PUSH(ps->v, ps->n, ps->cap);
	struct nlattr *head, *a;
	int len, rem;

	head = fs_genl_attrs(nlh, &len);
	nla_for_each_attr(a, head, len, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_POLSTATS_INDEX:
			p->index = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_POLSTATS_NAME:
			fs_nla_str(a, p->name, sizeof(p->name));
			break;
		case FLOWSTAT_A_POLSTATS_FROM_ZONE:
			fs_nla_str(a, p->from, sizeof(p->from));
			break;
		case FLOWSTAT_A_POLSTATS_TO_ZONE:
			fs_nla_str(a, p->to, sizeof(p->to));
			break;
		case FLOWSTAT_A_POLSTATS_COUNT:
			p->count = fs_nla_u64(a);
			break;
		}
	}
	return 0;
}

static void polstats_reset(void *arg)
{
	struct polstats *ps = arg;

	ps->n = 0;
}

static void config_reset(void *arg)
{
	fs_config_free(arg);
}

static bool selected(const char *from, const char *to, const char *zf,
		     const char *zt)
{
	return !zf || (!strcmp(from, zf) && !strcmp(to, zt));
}

static void print_hit_count(const struct polstats *ps, const char *zf,
			    const char *zt)
{
	size_t i, n = 0;

	print_fp("Logical system: root-logical-system\n");
	print_fp(
		" Index   From zone        To zone          Name             Policy count\n");
	open_json_array("policies");
	for (i = 0; i < ps->n; i++) {
		const struct polstat *p = &ps->v[i];

		if (!selected(p->from, p->to, zf, zt))
			continue;
		n++;
		open_json_object(NULL);
		print_fp(" %-7" PRIu32 " %-16s %-16s %-16s %" PRIu64 "\n",
			 p->index, p->from, p->to, p->name, p->count);
		print_u64(PRINT_JSON, "index", NULL, p->index);
		print_string(PRINT_JSON, "from_zone", NULL, p->from);
		print_string(PRINT_JSON, "to_zone", NULL, p->to);
		print_string(PRINT_JSON, "name", NULL, p->name);
		print_u64(PRINT_JSON, "policy_count", NULL, p->count);
		close_json_object();
	}
	close_json_array();
	print_fp("\n");
	print_u64(PRINT_ANY, "number_of_policy",
		  "Number of policy: %" PRIu64 "\n", n);
}

static void print_refs(const char *label, const char *key,
		       const struct fs_cfg_ref *r, size_t n)
{
	size_t i;

	print_fp("    %s: ", label);
	open_json_array(key);
	if (!n)
		print_string(PRINT_ANY, NULL, "%s", "any");
	for (i = 0; i < n; i++)
		print_string(PRINT_ANY, NULL, i ? ", %s" : "%s", r[i].name);
	close_json_array();
	print_fp("\n");
}

static void print_policies(const struct fs_config *cfg, const char *zf,
			   const char *zt)
{
	bool *done = xzalloc(cfg->n_policies + 1);
	size_t i, j;

	print_string(PRINT_ANY, "default_policy", "Default policy: %s\n",
		     cfg->default_policy == FLOWSTAT_ACTION_PERMIT ?
			     "permit-all" :
			     "deny-all");
	open_json_array("policies");
	/* Pairs in order of first appearance, policies in order within. */
	for (i = 0; i < cfg->n_policies; i++) {
		const struct fs_cfg_policy *first = &cfg->policies[i];
		uint64_t seq = 0;

		if (done[i] || !selected(first->from, first->to, zf, zt))
			continue;
		print_fp("From zone: %s, To zone: %s\n", first->from,
			 first->to);
		for (j = i; j < cfg->n_policies; j++) {
			const struct fs_cfg_policy *p = &cfg->policies[j];

			if (done[j] || strcmp(p->from, first->from) ||
			    strcmp(p->to, first->to))
				continue;
			done[j] = true;
			seq++;
			open_json_object(NULL);
			print_string(PRINT_JSON, "from_zone", NULL, p->from);
			print_string(PRINT_JSON, "to_zone", NULL, p->to);
			print_string(PRINT_ANY, "name", "  Policy: %s",
				     p->name);
			print_string(PRINT_ANY, "state", ", State: %s",
				     "enabled");
			print_u64(PRINT_ANY, "index", ", Index: %" PRIu64,
				  j + 1);
			print_u64(PRINT_ANY, "scope_policy",
				  ", Scope Policy: %" PRIu64, 0);
			print_u64(PRINT_ANY, "sequence_number",
				  ", Sequence number: %" PRIu64 "\n", seq);
			print_refs("Source addresses", "source_addresses",
				   p->match[FS_MATCH_SRC],
				   p->n_match[FS_MATCH_SRC]);
			print_refs("Destination addresses",
				   "destination_addresses",
				   p->match[FS_MATCH_DST],
				   p->n_match[FS_MATCH_DST]);
			print_refs("Applications", "applications",
				   p->match[FS_MATCH_APP],
				   p->n_match[FS_MATCH_APP]);
			print_string(
				PRINT_ANY, "action", "    Action: %s",
				p->action >= 0 &&
						p->action <
							__FLOWSTAT_ACTION_MAX ?
					fs_action_names[p->action] :
					"deny");
			print_bool(PRINT_JSON, "count", NULL, p->count);
			print_fp("%s\n", p->count ? ", count" : "");
			close_json_object();
		}
	}
	close_json_array();
	free(done);
}

int cmd_show_security_policies(int argc, char **argv)
{
	const char *zf = NULL, *zt = NULL;
	struct polstats ps = { 0 };
	struct fs_config cfg;
	bool hits = false;
	int i, ret;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "from-zone") && i + 3 < argc &&
		    !strcmp(argv[i + 2], "to-zone")) {
			zf = argv[i + 1];
			zt = argv[i + 3];
			i += 3;
		} else if (!strcmp(argv[i], "hit-count")) {
			hits = true;
		} else {
			fprintf(stderr,
				"usage: flowstat show security policies [from-zone Z1 to-zone Z2] [hit-count]\n");
			return FS_EXIT_USAGE;
		}
	}
	fs_config_init(&cfg);
	ret = fs_genl_open();
	if (!ret)
		ret = hits ? fs_genl_dump(FLOWSTAT_CMD_POLICY_STATS_GET,
					  polstats_cb, polstats_reset, &ps) :
			     fs_genl_dump(FLOWSTAT_CMD_CONFIG_GET,
					  fs_config_dump_cb, config_reset,
					  &cfg);
	fs_genl_close();
	if (!ret) {
		print_start(stdout, fs_opts.json);
		if (hits)
			print_hit_count(&ps, zf, zt);
		else
			print_policies(&cfg, zf, zt);
		print_end();
	}
	free(ps.v);
	fs_config_free(&cfg);
	return ret;
}
