/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One print path for text and JSON, in the manner of iproute2's
 * print_*(PRINT_ANY, key, fmt, value): a caller describes each value once;
 * in text mode fmt is used, in JSON mode key is. PRINT_FP and PRINT_JSON
 * restrict a call to one of the two outputs.
 */
#ifndef FLOWSTAT_PRINT_H
#define FLOWSTAT_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum output_type {
	PRINT_FP = 1,
	PRINT_JSON = 2,
	PRINT_ANY = PRINT_FP | PRINT_JSON,
};

/* Start an output on @out; in JSON mode this opens the top-level object. */
void print_start(FILE *out, bool json);
/* End it: close the top-level object and end the line (JSON mode). */
void print_end(void);
bool is_json_context(void);

/* JSON structure; no-ops in text mode. @key is ignored inside arrays. */
void open_json_object(const char *key);
void close_json_object(void);
void open_json_array(const char *key);
void close_json_array(void);

void print_u64(enum output_type t, const char *key, const char *fmt,
	       uint64_t v);
/* A NULL @s is JSON null; in text mode fmt gets "" then. */
void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *s);
/* Text: fmt gets "true"/"false" as its %s. */
void print_bool(enum output_type t, const char *key, const char *fmt, bool v);
/* JSON null; text: fmt gets @text as its %s. */
void print_null(enum output_type t, const char *key, const char *fmt,
		const char *text);
/* Text only, printf style. */
void print_fp(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Write @s as a JSON string literal (quoted, escaped) to @f. */
void json_write_string(FILE *f, const char *s);

#endif /* FLOWSTAT_PRINT_H */
