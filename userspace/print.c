// SPDX-License-Identifier: GPL-2.0
/*
 * Text and JSON output from one path. The JSON writer is a small stack of
 * open objects/arrays that knows when to put a comma; output is compact,
 * one document per command, ended by a newline.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "print.h"

#define JSON_DEPTH_MAX 32

static FILE *out;
static bool json;
static int depth;
static struct {
	bool is_array;
	bool has_items;
} stack[JSON_DEPTH_MAX];

bool is_json_context(void)
{
	return json;
}

void json_write_string(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			if (*p < 0x20)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

/* Comma and key before a new value in the current container. */
static void json_begin_value(const char *key)
{
	if (depth > 0) {
		if (stack[depth - 1].has_items)
			fputc(',', out);
		stack[depth - 1].has_items = true;
		if (!stack[depth - 1].is_array) {
			json_write_string(out, key ? key : "");
			fputc(':', out);
		}
	}
}

static void json_push(const char *key, bool is_array)
{
	json_begin_value(key);
	fputc(is_array ? '[' : '{', out);
	if (depth < JSON_DEPTH_MAX) {
		stack[depth].is_array = is_array;
		stack[depth].has_items = false;
	}
	depth++;
}

static void json_pop(void)
{
	if (depth <= 0)
		return;
	depth--;
	fputc(depth < JSON_DEPTH_MAX && stack[depth].is_array ? ']' : '}',
	      out);
}

void print_start(FILE *f, bool as_json)
{
	out = f;
	json = as_json;
	depth = 0;
	if (json)
		json_push(NULL, false);
}

void print_end(void)
{
	if (!json)
		return;
	while (depth > 0)
		json_pop();
	fputc('\n', out);
	fflush(out);
}

void open_json_object(const char *key)
{
	if (json)
		json_push(key, false);
}

void close_json_object(void)
{
	if (json)
		json_pop();
}

void open_json_array(const char *key)
{
	if (json)
		json_push(key, true);
}

void close_json_array(void)
{
	if (json)
		json_pop();
}

static bool want_text(enum output_type t)
{
	return !json && (t & PRINT_FP);
}

static bool want_json(enum output_type t)
{
	return json && (t & PRINT_JSON);
}

void print_u64(enum output_type t, const char *key, const char *fmt,
	       uint64_t v)
{
	if (want_json(t)) {
		json_begin_value(key);
		fprintf(out, "%" PRIu64, v);
	} else if (want_text(t)) {
		fprintf(out, fmt, v);
	}
}

void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *s)
{
	if (want_json(t)) {
		json_begin_value(key);
		if (s)
			json_write_string(out, s);
		else
			fputs("null", out);
	} else if (want_text(t)) {
		fprintf(out, fmt, s ? s : "");
	}
}

void print_bool(enum output_type t, const char *key, const char *fmt, bool v)
{
	if (want_json(t)) {
		json_begin_value(key);
		fputs(v ? "true" : "false", out);
	} else if (want_text(t)) {
		fprintf(out, fmt, v ? "true" : "false");
	}
}

void print_null(enum output_type t, const char *key, const char *fmt,
		const char *text)
{
	if (want_json(t)) {
		json_begin_value(key);
		fputs("null", out);
	} else if (want_text(t)) {
		fprintf(out, fmt, text);
	}
}

void print_fp(const char *fmt, ...)
{
	va_list ap;

	if (json)
		return;
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
}
