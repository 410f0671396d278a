/* SPDX-License-Identifier: GPL-2.0 */
/* Output of the show commands, from data already read (unit-testable). */
#ifndef FLOWSTAT_SHOW_H
#define FLOWSTAT_SHOW_H

#include <stdint.h>
#include <time.h>

#include "links.h"
#include "stats.h"

/* The Flow Input/Output/error blocks of @ctr. */
void fs_print_flow_blocks(const uint64_t *ctr);

/* One interface block (a JSON object inside the "interfaces" array). */
void fs_print_interface(const struct fs_link *link,
			const struct fs_ifstats *st, time_t now);
/* `terse`: a header, then one line per interface (text only). */
void fs_print_terse(const struct fs_link *const *links,
		    const struct fs_ifstats *const *st, size_t n);
/* `show security flow statistics`. */
void fs_print_flowstats(const struct fs_flowstats *fs);

/* "2026-11-26 10:02:03 UTC (00:01:10 ago)" */
void fs_format_cleared(char *buf, size_t size, uint64_t cleared, time_t now);

#endif /* FLOWSTAT_SHOW_H */
