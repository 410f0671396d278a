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

/*
 * A dump's .start sees the request's extack in cb->extack on 6.12; on 6.1
 * genetlink does not hand it to netlink_dump_start, cb->extack is NULL
 * there and an error .start returns reaches userspace without a message.
 * Dump rounds have an extack on both (it goes into NLMSG_DONE), so an
 * error found in .start is then reported from the first round instead
 * (session_nl.c). Checked at run time: no version guess.
 */
#define fs_dump_start_has_extack(cb) ((cb)->extack != NULL)

/*
 * The TOS bits a route lookup keys on: 6.12 keys on the whole DSCP and
 * dropped IPTOS_RT_MASK (route.c).
 */
#include <linux/ip.h>
#include <net/inet_dscp.h>
#ifdef IPTOS_RT_MASK
#define FS_ROUTE_TOS_MASK IPTOS_RT_MASK
#else
#define FS_ROUTE_TOS_MASK INET_DSCP_MASK
#endif

static inline u8 fs_route_tos(u8 tos)
{
	return tos & FS_ROUTE_TOS_MASK;
}

#endif /* _FLOWSTAT_COMPAT_H */
