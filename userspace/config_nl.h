/* SPDX-License-Identifier: GPL-2.0 */
/* The configuration model to and from FLOWSTAT_CMD_CONFIG_* attributes. */
#ifndef FLOWSTAT_CONFIG_NL_H
#define FLOWSTAT_CONFIG_NL_H

#include <netlink/msg.h>

#include <linux/flowstat.h>

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

/* NAT (config_nat_nl.c) */
size_t fs_config_nat_msg_size(const struct fs_config *cfg);
int fs_config_put_nat(struct nl_msg *msg, const struct fs_config *cfg);
void fs_config_get_nat_pool(struct fs_config *cfg, struct nlattr *nest);
void fs_config_get_nat_rule(struct fs_config *cfg, struct nlattr *nest);
void fs_config_get_nat_proxy(struct fs_config *cfg, struct nlattr *nest);

/* A pool as CONFIG_GET or the NAT_POOL_GET dump sends it. */
struct fs_nat_pool_msg {
	struct fs_cfg_nat_pool pool; /* pool.name is NULL: see name */
	char name[FLOWSTAT_NAME_MAX];
	uint32_t id; /* NAT_POOL_GET only, from here on */
	uint64_t addresses, ports_used, hits, fails;
};

/* A rule as CONFIG_GET or the NAT_RULE_GET dump sends it. */
struct fs_nat_rule_msg {
	int kind;
	char rule_set[FLOWSTAT_NAME_MAX];
	char from[FLOWSTAT_NAME_MAX];
	char to[FLOWSTAT_NAME_MAX];
	struct fs_cfg_nat_rule rule; /* owns its name, entries and pool */
	uint32_t id; /* NAT_RULE_GET only, from here on */
	uint64_t hits, fails;
};

void fs_nat_pool_from_attrs(struct fs_nat_pool_msg *m, struct nlattr *head,
			    int len);
void fs_nat_rule_from_attrs(struct fs_nat_rule_msg *m, struct nlattr *head,
			    int len);
void fs_nat_rule_msg_free(struct fs_nat_rule_msg *m);

#endif /* FLOWSTAT_CONFIG_NL_H */
