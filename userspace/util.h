/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by every part of the flowstat tool: allocation that
 * cannot fail (the tool exits on OOM), growable arrays and exit codes.
 */
#ifndef FLOWSTAT_UTIL_H
#define FLOWSTAT_UTIL_H

#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit status of the tool, see flowstat(8). */
enum {
	FS_EXIT_OK = 0,
	FS_EXIT_USAGE = 1,	/* bad usage, bad config, kernel error */
	FS_EXIT_NOKMOD = 2,	/* genl family "flowstat" not registered */
	FS_EXIT_PERM = 3,	/* EPERM/EACCES */
};

void *xmalloc(size_t size);
void *xzalloc(size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Make room for one more element in a growable array *v of *n elements,
 * *cap allocated; returns a pointer to the new (zeroed) last element.
 */
void *grow(void *v_ptr, size_t *n, size_t *cap, size_t elem);
#define ARRAY_PUSH(v, n, cap) ((__typeof__(v))grow(&(v), &(n), &(cap), \
						   sizeof(*(v))))

#endif /* FLOWSTAT_UTIL_H */
