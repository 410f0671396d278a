// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat show security nat (source|destination) (summary |
 *	pool (all|NAME) | rule (all|NAME)),
 * flowstat show security nat static rule (all|NAME)
 *
 * Pools of every kind come in one NAT_POOL_GET dump and rules in one
 * NAT_RULE_GET dump, one message each; the views keep those of their kind
 * (nat_show.c prints them).
 */
#include <stdio.h>
#include <string.h>

#include <linux/flowstat.h>

#include "flowstat.h"
#include "nat_show.h"
#include "nl.h"
#include "print.h"
#include "util.h"

enum nat_view { VIEW_SUMMARY, VIEW_POOL, VIEW_RULE };

static int pool_cb(struct nlmsghdr *nlh, void *arg)
{
	struct fs_nat_view *v = arg;
	struct nlattr *head;
	int len;

	head = fs_genl_attrs(nlh, &len);
	fs_nat_pool_from_attrs(ARRAY_PUSH(v->pools, v->n_pools, v->cap_pools),
			       head, len);
	return 0;
}

static int rule_cb(struct nlmsghdr *nlh, void *arg)
{
	struct fs_nat_view *v = arg;
	struct nlattr *head;
	int len;

	head = fs_genl_attrs(nlh, &len);
	fs_nat_rule_from_attrs(ARRAY_PUSH(v->rules, v->n_rules, v->cap_rules),
			       head, len);
	return 0;
}

/* A dump raced a change: start that list again. */
static void pools_reset(void *arg)
{
	struct fs_nat_view *v = arg;

	v->n_pools = 0;
}

static void rules_reset(void *arg)
{
	struct fs_nat_view *v = arg;
	size_t i;

	for (i = 0; i < v->n_rules; i++)
		fs_nat_rule_msg_free(&v->rules[i]);
	v->n_rules = 0;
}

static int load(struct fs_nat_view *v, bool pools, bool rules)
{
	int ret = fs_genl_open();

	if (!ret && pools)
		ret = fs_genl_dump(FLOWSTAT_CMD_NAT_POOL_GET, pool_cb,
				   pools_reset, v);
	if (!ret && rules)
		ret = fs_genl_dump(FLOWSTAT_CMD_NAT_RULE_GET, rule_cb,
				   rules_reset, v);
	fs_genl_close();
	return ret;
}

static const char *const kind_words[] = { "source", "destination", "static" };

static int usage(int kind, enum nat_view view)
{
	static const char *const what[] = { "summary", "pool (all|NAME)",
					    "rule (all|NAME)" };

	fprintf(stderr, "usage: flowstat show security nat %s %s\n",
		kind_words[kind], what[view]);
	return FS_EXIT_USAGE;
}

static int show(int kind, enum nat_view view, int argc, char **argv)
{
	struct fs_nat_view v = { 0 };
	const char *name = NULL;
	size_t shown = 0;
	int ret;

	if (argc != (view == VIEW_SUMMARY ? 0 : 1))
		return usage(kind, view);
	if (argc && strcmp(argv[0], "all"))
		name = argv[0];
	ret = load(&v, view != VIEW_RULE, view != VIEW_POOL);
	if (ret)
		goto out;
	print_start(stdout, fs_opts.json);
	if (view == VIEW_SUMMARY)
		fs_print_nat_summary(&v, kind);
	else if (view == VIEW_POOL)
		shown = fs_print_nat_pools(&v, kind, name);
	else
		shown = fs_print_nat_rules(&v, kind, name);
	print_end();
	if (name && !shown) {
		fprintf(stderr, "error: %s NAT %s '%s' not found\n",
			kind_words[kind], view == VIEW_POOL ? "pool" : "rule",
			name);
		ret = FS_EXIT_USAGE;
	}
out:
	fs_nat_view_free(&v);
	return ret;
}

int cmd_show_nat_source_summary(int argc, char **argv)
{
	return show(FLOWSTAT_NAT_SOURCE, VIEW_SUMMARY, argc, argv);
}

int cmd_show_nat_source_pool(int argc, char **argv)
{
	return show(FLOWSTAT_NAT_SOURCE, VIEW_POOL, argc, argv);
}

int cmd_show_nat_source_rule(int argc, char **argv)
{
	return show(FLOWSTAT_NAT_SOURCE, VIEW_RULE, argc, argv);
}

int cmd_show_nat_destination_summary(int argc, char **argv)
{
	return show(FLOWSTAT_NAT_DESTINATION, VIEW_SUMMARY, argc, argv);
}

int cmd_show_nat_destination_pool(int argc, char **argv)
{
	return show(FLOWSTAT_NAT_DESTINATION, VIEW_POOL, argc, argv);
}

int cmd_show_nat_destination_rule(int argc, char **argv)
{
	return show(FLOWSTAT_NAT_DESTINATION, VIEW_RULE, argc, argv);
}

int cmd_show_nat_static_rule(int argc, char **argv)
{
	return show(FLOWSTAT_NAT_STATIC, VIEW_RULE, argc, argv);
}
