/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parser's state and word-level helpers (config_parse.c), shared with
 * the files that parse one statement family each (config_nat_parse.c).
 */
#ifndef FLOWSTAT_CONFIG_PARSE_H
#define FLOWSTAT_CONFIG_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "util.h"

enum tok_kind { TOK_WORD, TOK_LBRACK, TOK_RBRACK };

struct tok {
	enum tok_kind kind;
	char *s;
	int col; /* 1-based column of its first character */
	int end; /* column just after its last character */
};

/* Policy name -> index in cfg->policies, for big policy sets. */
struct name_index {
	size_t *slot; /* index + 1; 0 is empty */
	size_t size, used;
};

struct pstate {
	struct fs_config *cfg;
	struct fs_diags *d;
	struct name_index policies;
	int line;
	struct tok *t;
	size_t n, i;
	bool err; /* the current statement has an error */
	size_t statements;
	int flow_line[6]; /* where each flow setting was first set */
};

/*
 * The keywords that may follow at one level of the statement tree. A word
 * written "!word" is recognised but not supported yet.
 */
#define KW(...)                                 \
	((const char *const[]){ __VA_ARGS__ }), \
		ARRAY_SIZE(((const char *const[]){ __VA_ARGS__ }))

typedef void (*fs_p_value_fn)(struct pstate *ps, const struct tok *t,
			      void *arg);

/* Record an error at @col of the current line; the statement is bad. */
void fs_p_err(struct pstate *ps, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The next word, NULL at the end of the statement. */
const struct tok *fs_p_cur(struct pstate *ps);
/* Where a missing word is reported: just after the last one. */
int fs_p_end_col(struct pstate *ps);
/* The index of the next word among @kws, or -1 after an error. */
int fs_p_keyword(struct pstate *ps, const char *const *kws, size_t n,
		 const char *value_of);
/* The next word as a value; NULL after an error naming @what. */
const struct tok *fs_p_value(struct pstate *ps, const char *what);
/* One value or a bracketed list of them, each handed to @fn. */
void fs_p_values(struct pstate *ps, const char *what, fs_p_value_fn fn,
		 void *arg);
/* True at the end of the statement, else an error. */
bool fs_p_at_end(struct pstate *ps);
/* A valid object name (zone, pool, rule...), else an error. */
bool fs_p_check_name(struct pstate *ps, const struct tok *t, const char *what);
bool fs_p_check_ifname(struct pstate *ps, const struct tok *t);
/* A number in [lo, hi]; false after an error. */
bool fs_p_number(struct pstate *ps, const char *what, uint32_t lo, uint32_t hi,
		 uint32_t *out);

/* set security nat ... (config_nat_parse.c) */
void fs_parse_nat(struct pstate *ps);

#endif /* FLOWSTAT_CONFIG_PARSE_H */
