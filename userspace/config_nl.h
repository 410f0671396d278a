/* SPDX-License-Identifier: GPL-2.0 */
/* The configuration model to and from FLOWSTAT_CMD_CONFIG_* attributes. */
#ifndef FLOWSTAT_CONFIG_NL_H
#define FLOWSTAT_CONFIG_NL_H

#include <netlink/msg.h>

#include "config.h"

/* Bytes of attributes fs_config_put() needs for @cfg. */
size_t fs_config_msg_size(const struct fs_config *cfg);
/* Append the CONFIG_SET attributes; 0 or a negative libnl error. */
int fs_config_put(struct nl_msg *msg, const struct fs_config *cfg);
/* Add the objects of a stream of attributes (one dump message) to @cfg. */
void fs_config_add_attrs(struct fs_config *cfg, struct nlattr *head, int len);
/* fs_msg_fn for the CONFIG_GET dump; @arg is the struct fs_config. */
int fs_config_dump_cb(struct nlmsghdr *nlh, void *arg);

/* Screens and the zones' screen/tcp-rst attributes (config_screen.c). */
size_t fs_config_screens_msg_size(const struct fs_config *cfg);
int fs_config_put_screens(struct nl_msg *msg, const struct fs_config *cfg);
int fs_config_put_zone_screen(struct nl_msg *msg, const struct fs_cfg_zone *z);
void fs_config_get_zone_screen(struct fs_cfg_zone *z, struct nlattr *a);
void fs_config_get_screen(struct fs_config *cfg, struct nlattr *nest);

#endif /* FLOWSTAT_CONFIG_NL_H */
