// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the flowstat tool: TAP output, exit 1 on any failure. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../print.h"
#include "tap.h"

static int count, failed;
static char *cap_buf;
static size_t cap_len;
static FILE *cap_file;

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

bool tap_ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	count++;
	if (!cond)
		failed++;
	printf("%sok %d - ", cond ? "" : "not ", count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	return cond;
}

static void diag_block(const char *what, const char *s)
{
	const char *p = s, *nl;

	printf("# %s:\n", what);
	while (*p) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		printf("#   |%.*s|\n", (int)(nl - p), p);
		p = *nl ? nl + 1 : nl;
	}
}

bool tap_streq(const char *got, const char *want, const char *name)
{
	bool ok = got && !strcmp(got, want);

	tap_ok(ok, "%s", name);
	if (!ok) {
		diag_block("got", got ? got : "(null)");
		diag_block("want", want);
	}
	return ok;
}

bool tap_jq(const char *json, const char *filter, const char *name)
{
	char path[] = "/tmp/flowstat-unit-XXXXXX";
	char *cmd;
	int fd, ret;
	FILE *f;

	fd = mkstemp(path);
	if (fd < 0)
		return tap_ok(false, "%s (mkstemp)", name);
	f = fdopen(fd, "w");
	fputs(json, f);
	fclose(f);
	if (asprintf(&cmd, "jq -e '%s' %s >/dev/null 2>&1", filter, path) < 0)
		cmd = NULL;
	ret = cmd ? system(cmd) : -1;
	free(cmd);
	unlink(path);
	if (!tap_ok(ret == 0, "%s", name)) {
		tap_diag("jq filter: %s", filter);
		diag_block("json", json);
	}
	return ret == 0;
}

void capture_start(bool json)
{
	cap_buf = NULL;
	cap_len = 0;
	cap_file = open_memstream(&cap_buf, &cap_len);
	print_start(cap_file, json);
}

char *capture_end(void)
{
	print_end();
	fclose(cap_file);
	return cap_buf;
}

int main(void)
{
	test_parse();
	test_book();
	test_print();
	test_nl();
	test_genl();
	test_nat();
	printf("1..%d\n", count);
	printf("# %d passed, %d failed\n", count - failed, failed);
	return failed ? 1 : 0;
}
