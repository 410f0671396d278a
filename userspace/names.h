/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names of host-inbound services and protocols and of policy actions,
 * indexed by their uapi enums; shared by the config parser and printers.
 */
#ifndef FLOWSTAT_NAMES_H
#define FLOWSTAT_NAMES_H

#include <stdint.h>
#include <linux/flowstat.h>

extern const char *const fs_service_names[__FLOWSTAT_SVC_MAX];
extern const char *const fs_protocol_names[__FLOWSTAT_PROTO_MAX];
extern const char *const fs_action_names[__FLOWSTAT_ACTION_MAX];

/* Index of @name in @names[0..n), or -1. */
int fs_name_lookup(const char *const *names, int n, const char *name);

#endif /* FLOWSTAT_NAMES_H */
