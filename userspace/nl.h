/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generic netlink side: one libnl socket to the "flowstat" family with
 * extended ACK turned on, requests and dumps (with retry when a dump raced
 * a change), and the mapping of kernel errors to exit codes and messages.
 */
#ifndef FLOWSTAT_NL_H
#define FLOWSTAT_NL_H

#include <stddef.h>
#include <netlink/msg.h>
#include <netlink/attr.h>

/* Called for each reply message; returns 0, or an exit code to stop. */
typedef int (*fs_msg_fn)(struct nlmsghdr *nlh, void *arg);

/* Open the socket and resolve the family; 0 or an exit code (printed). */
int fs_genl_open(void);
/* The same for another family (the unit tests use "nlctrl"). */
int fs_genl_open_name(const char *name);
void fs_genl_close(void);

/* A new request of @cmd with room for @size bytes of attributes. */
struct nl_msg *fs_genl_msg(int cmd, int flags, size_t size);

/* Send @msg (consumed) with NLM_F_ACK and wait; 0 or an exit code. */
int fs_genl_request(struct nl_msg *msg, fs_msg_fn fn, void *arg);

/*
 * Dump @cmd. @reset is called before each attempt (the dump is retried
 * when it raced a change); 0 or an exit code.
 */
int fs_genl_dump(int cmd, fs_msg_fn fn, void (*reset)(void *), void *arg);

/* Print the message for kernel error @err (-errno); returns the code. */
int fs_nl_error(int err, const char *extack);

/* The attributes of a genl message (after the genl header). */
struct nlattr *fs_genl_attrs(struct nlmsghdr *nlh, int *len);

/* Attribute getters that tolerate short attributes (they read 0). */
uint64_t fs_nla_u64(const struct nlattr *a);
uint32_t fs_nla_u32(const struct nlattr *a);
uint8_t fs_nla_u8(const struct nlattr *a);
/* Copy a string attribute, always NUL-terminated. */
void fs_nla_str(const struct nlattr *a, char *buf, size_t size);

#endif /* FLOWSTAT_NL_H */
