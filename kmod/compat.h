/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flowstat: every difference between the supported kernels (Debian's 6.1
 * and 6.12) lives here, so that the rest of the module reads as plain
 * current kernel code.
 */
#ifndef _FLOWSTAT_COMPAT_H
#define _FLOWSTAT_COMPAT_H

#include <linux/version.h>
#include <net/genetlink.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "flowstat supports Linux 6.1 and later"
#endif

/* The parsed attributes of a dump request moved in 6.6. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
#define fs_dump_attrs(cb) (genl_info_dump(cb)->attrs)
#else
#define fs_dump_attrs(cb) (genl_dumpit_info(cb)->attrs)
#endif

#endif /* _FLOWSTAT_COMPAT_H */
