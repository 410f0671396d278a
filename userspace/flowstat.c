// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: the command table. Junos operational-mode words; any
 * unambiguous prefix of a word is accepted (`flowstat sh int ge-0/0/0`).
 * Each leaf is a handler in its own file; words that cli.md describes but
 * that are not implemented yet are recognised and refused as such.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flowstat.h"
#include "util.h"

struct fs_opts fs_opts;

struct cmd {
	const char *word;
	const struct cmd *sub;	/* next level, ended by a NULL word */
	fs_cmd_fn fn;		/* a leaf */
	const char *args;	/* what a leaf takes, for help */
	const char *help;
	bool unsupported;	/* in cli.md, not implemented yet */
};

#define LEAF(w, f, a, h)	{ .word = w, .fn = f, .args = a, .help = h }
#define TODO(w, a, h)		{ .word = w, .args = a, .help = h, \
				  .unsupported = true }
#define NODE(w, s)		{ .word = w, .sub = s }

static const struct cmd show_security_flow[] = {
	LEAF("statistics", cmd_show_flow_statistics, "",
	     "flow and session counters of the namespace"),
	LEAF("session", cmd_show_flow_session, "[summary] [FILTERS...]",
	     "list sessions (FILTERS: source-prefix P, destination-prefix P, protocol PROTO, destination-port N, interface IF)"),
	{ 0 }
};

static const struct cmd show_security_screen[] = {
	LEAF("statistics", cmd_show_screen_statistics, "zone ZONE",
	     "screen counters of a zone"),
	LEAF("ids-option", cmd_show_screen_ids_option, "NAME",
	     "the settings of a screen"),
	{ 0 }
};

static const struct cmd show_nat_source[] = {
	LEAF("summary", cmd_show_nat_source_summary, "",
	     "source NAT pools and rules in short"),
	LEAF("pool", cmd_show_nat_source_pool, "(all|NAME)",
	     "source NAT pools: addresses, ports in use, hits"),
	LEAF("rule", cmd_show_nat_source_rule, "(all|NAME)",
	     "source NAT rules: matches, action, hits"),
	{ 0 }
};

static const struct cmd show_nat_destination[] = {
	LEAF("summary", cmd_show_nat_destination_summary, "",
	     "destination NAT pools and rules in short"),
	LEAF("pool", cmd_show_nat_destination_pool, "(all|NAME)",
	     "destination NAT pools: address, port, hits"),
	LEAF("rule", cmd_show_nat_destination_rule, "(all|NAME)",
	     "destination NAT rules: matches, action, hits"),
	{ 0 }
};

static const struct cmd show_nat_static[] = {
	LEAF("rule", cmd_show_nat_static_rule, "(all|NAME)",
	     "static NAT rules: prefixes, hits"),
	{ 0 }
};

static const struct cmd show_security_nat[] = { NODE("source", show_nat_source),
						NODE("destination",
						     show_nat_destination),
						NODE("static", show_nat_static),
						{ 0 } };

static const struct cmd show_security[] = {
	NODE("flow", show_security_flow),
	LEAF("zones", cmd_show_zones, "[ZONE]",
	     "zones: screen, tcp-rst, interfaces, host-inbound traffic"),
	LEAF("policies", cmd_show_security_policies,
	     "[from-zone Z1 to-zone Z2] [hit-count]",
	     "policies and their hit counts"),
	NODE("screen", show_security_screen),
	NODE("nat", show_security_nat),
	{ 0 }
};

static const struct cmd show[] = {
	LEAF("interfaces", cmd_show_interfaces,
	     "[flow-statistics] [IF] [terse|extensive]",
	     "interface traffic and flow counters"),
	NODE("security", show_security),
	LEAF("configuration", cmd_show_configuration, "",
	     "the running configuration as set statements"),
	{ 0 }
};

static const struct cmd clear_interfaces[] = {
	LEAF("statistics", cmd_clear_interfaces_statistics, "(IF|all)",
	     "zero the counters of an interface or of all"),
	{ 0 }
};

static const struct cmd clear_security_flow[] = {
	LEAF("session", cmd_clear_flow_session, "(all|FILTERS...)",
	     "close sessions"),
	{ 0 }
};

static const struct cmd clear_security[] = {
	NODE("flow", clear_security_flow),
	{ 0 }
};

static const struct cmd clear[] = {
	NODE("interfaces", clear_interfaces),
	NODE("security", clear_security),
	{ 0 }
};

static const struct cmd monitor[] = {
	TODO("interface", "IF", "live counters of an interface"),
	TODO("drops", "", "live stream of dropped packets"),
	{ 0 }
};

static const struct cmd top[] = {
	NODE("show", show),
	NODE("clear", clear),
	LEAF("load", cmd_load, "(FILE|-)",
	     "replace the configuration (atomic)"),
	LEAF("check", cmd_check, "(FILE|-)",
	     "validate a configuration, change nothing"),
	TODO("auth", "(add USER ADDRESS|del ADDRESS|list)",
	     "firewall authentication users"),
	NODE("monitor", monitor),
	LEAF("help", NULL, "", "this list"),
	{ 0 }
};

int fs_match_word(const char *word, const char *const *words, int n)
{
	size_t len = strlen(word);
	int i, found = -1;

	for (i = 0; i < n; i++)
		if (!strcmp(word, words[i]))
			return i;
	if (!len)
		return -1;
	for (i = 0; i < n; i++) {
		if (strncmp(word, words[i], len))
			continue;
		if (found >= 0)
			return -2;
		found = i;
	}
	return found;
}

/* The words of @level plus "help" (except where "help" is a command). */
static int level_words(const struct cmd *level, const char **words)
{
	int n = 0;

	for (; level->word; level++)
		words[n++] = level->word;
	if (strcmp(words[n - 1], "help"))
		words[n++] = "help";
	return n;
}

static void print_words(FILE *f, const char *const *words, int n,
			const char *prefix)
{
	size_t len = prefix ? strlen(prefix) : 0;
	int i, first = 1;

	for (i = 0; i < n; i++) {
		if (prefix && strncmp(words[i], prefix, len))
			continue;
		fprintf(f, "%s%s", first ? "" : ", ", words[i]);
		first = 0;
	}
	fputc('\n', f);
}

static void help_level(const struct cmd *level, const char *path)
{
	for (; level->word; level++) {
		char *p = xasprintf("%s%s%s", path, *path ? " " : "",
				    level->word);

		if (level->sub) {
			help_level(level->sub, p);
		} else {
			char *line = xasprintf("%s%s%s", p,
					       *level->args ? " " : "",
					       level->args);

			printf("  %s\n        %s%s\n", line, level->help,
			       level->unsupported ? " (not supported yet)" : "");
			free(line);
		}
		free(p);
	}
}

static void usage(FILE *f)
{
	fputs("usage: flowstat [-j|--json] [-n NETNS] COMMAND [ARGS...]\n"
	      "Any unambiguous prefix of a command word is accepted.\n",
	      f);
}

static void help(const struct cmd *level, const char *path)
{
	usage(stdout);
	printf("\n%s%scommands:\n", path, *path ? " " : "");
	help_level(level, path);
}

int fs_run(int argc, char **argv)
{
	const struct cmd *level = top, *c;
	const char *words[16];
	char path[256] = "";
	int i, n, k;

	for (i = 0; i < argc; i++) {
		n = level_words(level, words);
		k = fs_match_word(argv[i], words, n);
		if (k == -1) {
			fprintf(stderr,
				"flowstat: unknown word '%s'%s%s%s, expected one of: ",
				argv[i], *path ? " after '" : "", path,
				*path ? "'" : "");
			print_words(stderr, words, n, NULL);
			return FS_EXIT_USAGE;
		}
		if (k == -2) {
			fprintf(stderr,
				"flowstat: ambiguous word '%s', candidates: ",
				argv[i]);
			print_words(stderr, words, n, argv[i]);
			return FS_EXIT_USAGE;
		}
		if (!strcmp(words[k], "help")) {
			help(level == top ? top : level, path);
			return 0;
		}
		c = &level[k];
		snprintf(path + strlen(path), sizeof(path) - strlen(path),
			 "%s%s", *path ? " " : "", c->word);
		if (c->unsupported) {
			fprintf(stderr, "flowstat: '%s' is not supported yet\n",
				path);
			return FS_EXIT_USAGE;
		}
		if (c->fn)
			return c->fn(argc - i - 1, argv + i + 1);
		level = c->sub;
	}
	n = level_words(level, words);
	if (level == top) {
		usage(stderr);
		fputs("Try 'flowstat help'.\n", stderr);
	} else {
		fprintf(stderr,
			"flowstat: incomplete command '%s', expected one of: ",
			path);
		print_words(stderr, words, n, NULL);
	}
	return FS_EXIT_USAGE;
}

void fs_help(void)
{
	help(top, "");
}

void fs_usage(FILE *f)
{
	usage(f);
}
