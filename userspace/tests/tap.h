/* SPDX-License-Identifier: GPL-2.0 */
/* A tiny TAP producer for the unit tests. */
#ifndef FLOWSTAT_TAP_H
#define FLOWSTAT_TAP_H

#include <stdbool.h>

bool tap_ok(bool cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* ok if @got equals @want; on failure print both as diagnostics. */
bool tap_streq(const char *got, const char *want, const char *name);
/* ok if @json is valid JSON and `jq -e FILTER` is true on it. */
bool tap_jq(const char *json, const char *filter, const char *name);
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Capture the output of the print path (print.h) into a string. */
void capture_start(bool json);
char *capture_end(void);	/* caller frees */

struct fs_config;
/* Parse @text as file "t.conf" into @cfg; the printed diagnostics. */
char *parse_diags(const char *text, struct fs_config *cfg);
/* fs_config_write_set() of @cfg as a string (caller frees). */
char *write_set(const struct fs_config *cfg);
/* @a prints as @canonical, which parses back to @a and prints the same. */
void expect_round_trip(const struct fs_config *a, const char *canonical,
		       const char *name);
/* ok if parsing @text prints exactly @want. */
void expect_errors(const char *text, const char *want, const char *name);

void test_parse(void);
void test_book(void);
void test_print(void);
void test_nl(void);
void test_genl(void);
void test_nat(void);

#endif /* FLOWSTAT_TAP_H */
