// SPDX-License-Identifier: GPL-2.0
/*
 * Text and JSON output from one path. The JSON writer is a small stack of
 * open objects/arrays that knows when to put a comma; output is compact,
 * one document per command, ended by a newline.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio_ext.h>
#include <string.h>

#include "print.h"
#include "util.h"

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
	const unsigned char *p, *run;

	fputc('"', f);
	/* runs that need no escape go out in one write */
	for (p = run = (const unsigned char *)s;; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		fwrite(run, 1, (size_t)(p - run), f);
		run = p + 1;
		switch (*p) {
		case '\0':
			fputc('"', f);
			return;
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
			fprintf(f, "\\u%04x", *p);
		}
	}
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
	/* one thread writes: stdio's per-call locking is pure cost */
	__fsetlocking(f, FSETLOCKING_BYCALLER);
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

/*
 * A show command over a thousand interfaces prints some 70,000 table lines,
 * and vfprintf() made up most of its time. The shapes the tables use
 * (literal text, %s, %-Ns, %Ns, %N PRIu64) are rendered here in one pass
 * into a buffer and written with one fwrite(); any other format goes to
 * vfprintf().
 */
struct line {
	char buf[256];
	size_t len;
};

static inline bool line_put(struct line *l, const char *s, size_t len, int width)
{
	size_t w = (size_t)(width < 0 ? -width : width);
	size_t pad = w > len ? w - len : 0;

	if (l->len + len + pad > sizeof(l->buf))
		return false;
	if (width >= 0) {
		memset(l->buf + l->len, ' ', pad);
		l->len += pad;
	}
	memcpy(l->buf + l->len, s, len);
	l->len += len;
	if (width < 0) {
		memset(l->buf + l->len, ' ', pad);
		l->len += pad;
	}
	return true;
}

/*
 * Render @fmt into @l. Its conversions may be %s, read from @ap (so an
 * argument is read only when the format says it is a string), or, with
 * @num, one PRIu64. Returns false for any other conversion or a line that
 * does not fit: the caller then prints with printf from the start.
 */
static bool line_render(struct line *l, const char *fmt, const uint64_t *num,
			va_list *ap)
{
	static const char conv_u64[] = PRIu64;
	const char *p = fmt, *pct;
	bool num_used = false;

	l->len = 0;
	while ((pct = strchr(p, '%'))) {
		char digits[24], *e = digits + sizeof(digits), *d = e;
		bool left = false;
		const char *s;
		int width = 0;
		uint64_t v;

		if (!line_put(l, p, (size_t)(pct - p), 0))
			return false;
		p = pct + 1;
		if (*p == '%') {
			if (!line_put(l, "%", 1, 0))
				return false;
			p++;
			continue;
		}
		if (*p == '-') {
			left = true;
			p++;
		}
		while (*p >= '0' && *p <= '9' && width < 256)
			width = width * 10 + (*p++ - '0');
		if (left)
			width = -width;
		if (*p == 's' && ap) {
			s = va_arg(*ap, const char *);
			if (!s)
				s = "(null)"; /* as glibc prints it */
			if (!line_put(l, s, strlen(s), width))
				return false;
			p++;
		} else if (num && !num_used &&
			   !strncmp(p, conv_u64, sizeof(conv_u64) - 1)) {
			v = *num;
			do
				*--d = (char)('0' + v % 10);
			while (v /= 10);
			if (!line_put(l, d, (size_t)(e - d), width))
				return false;
			num_used = true;
			p += sizeof(conv_u64) - 1;
		} else {
			return false;
		}
	}
	return line_put(l, p, strlen(p), 0) && (!num || num_used);
}

/* Text through @fmt: the one @num, or the arguments in @ap. */
static void line_print(const char *fmt, const uint64_t *num, va_list *ap)
{
	struct line l;
	va_list cp;
	bool done;

	if (num) {
		if (line_render(&l, fmt, num, NULL))
			fwrite(l.buf, 1, l.len, out);
		else
			fprintf(out, fmt, *num);
		return;
	}
	va_copy(cp, *ap);
	done = line_render(&l, fmt, NULL, &cp);
	va_end(cp);
	if (done)
		fwrite(l.buf, 1, l.len, out);
	else
		vfprintf(out, fmt, *ap);
}

/* One string through @fmt. */
static void put_str(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line_print(fmt, NULL, &ap);
	va_end(ap);
}

void print_u64(enum output_type t, const char *key, const char *fmt,
	       uint64_t v)
{
	if (want_json(t)) {
		json_begin_value(key);
		line_print("%" PRIu64, &v, NULL);
	} else if (want_text(t)) {
		line_print(fmt, &v, NULL);
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
		put_str(fmt, s ? s : "");
	}
}

void print_bool(enum output_type t, const char *key, const char *fmt, bool v)
{
	if (want_json(t)) {
		json_begin_value(key);
		fputs(v ? "true" : "false", out);
	} else if (want_text(t)) {
		put_str(fmt, v ? "true" : "false");
	}
}

void print_null(enum output_type t, const char *key, const char *fmt,
		const char *text)
{
	if (want_json(t)) {
		json_begin_value(key);
		fputs("null", out);
	} else if (want_text(t)) {
		put_str(fmt, text);
	}
}

void print_fp(const char *fmt, ...)
{
	va_list ap;

	if (json)
		return;
	va_start(ap, fmt);
	line_print(fmt, NULL, &ap);
	va_end(ap);
}
