/* SPDX-License-Identifier: GPL-2.0 */
/* Global options and the command handlers of the command table. */
#ifndef FLOWSTAT_H
#define FLOWSTAT_H

#include <stdbool.h>
#include <stdio.h>

struct fs_opts {
	bool json;		/* -j: JSON output */
	const char *netns;	/* -n NETNS */
};

extern struct fs_opts fs_opts;

/*
 * A command handler gets the words after its command (argv[0] is the first
 * of them) and returns the exit status.
 */
typedef int (*fs_cmd_fn)(int argc, char **argv);

int cmd_show_interfaces(int argc, char **argv);
int cmd_show_flow_statistics(int argc, char **argv);
int cmd_show_configuration(int argc, char **argv);
int cmd_show_security_policies(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_clear_interfaces_statistics(int argc, char **argv);
int cmd_show_flow_session(int argc, char **argv);
int cmd_clear_flow_session(int argc, char **argv);
int cmd_show_screen_statistics(int argc, char **argv);
int cmd_show_screen_ids_option(int argc, char **argv);
int cmd_show_zones(int argc, char **argv);
int cmd_show_nat_source_summary(int argc, char **argv);
int cmd_show_nat_source_pool(int argc, char **argv);
int cmd_show_nat_source_rule(int argc, char **argv);
int cmd_show_nat_destination_summary(int argc, char **argv);
int cmd_show_nat_destination_pool(int argc, char **argv);
int cmd_show_nat_destination_rule(int argc, char **argv);
int cmd_show_nat_static_rule(int argc, char **argv);

/* Run the command in @argv (after the options); returns the exit status. */
int fs_run(int argc, char **argv);
void fs_help(void);
void fs_usage(FILE *f);

/*
 * Match @word against @words (exact first, then unambiguous prefix).
 * Returns the index, -1 if none, -2 if ambiguous.
 */
int fs_match_word(const char *word, const char *const *words, int n);

#endif /* FLOWSTAT_H */
