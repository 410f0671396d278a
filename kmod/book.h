/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flowstat: address book, applications, policy matches, the per-zone-pair
 * policy index, hit counts and reject. All of it hangs off one immutable
 * struct fs_config (cfg->book) and is built whole at load.
 */
#ifndef _FLOWSTAT_BOOK_H
#define _FLOWSTAT_BOOK_H

#include "flowstat.h"

/** struct fs_prefix - an address prefix; @family is NFPROTO_IPV4/IPV6 */
struct fs_prefix {
	union nf_inet_addr addr;
	u8 family;
	u8 plen;
};

/** struct fs_addr - a global address-book entry */
struct fs_addr {
	char name[FLOWSTAT_NAME_MAX];
	struct fs_prefix pfx;
};

/**
 * struct fs_set - an address set or application set
 * @members: object numbers as configured (see fs_book_resolve())
 * @flat: flattened leaves (address or application numbers), NULL until done
 * @state: 0 not flattened, 1 being flattened (cycle check), 2 done
 */
struct fs_set {
	char name[FLOWSTAT_NAME_MAX];
	bool predefined;
	u8 state;
	u32 n_members;
	u32 *members;
	u32 n_flat;
	u32 *flat;
};

/**
 * struct fs_app - one application term
 * @proto: IP protocol
 * @icmp_type: ICMP(v6) type, or -1 for any
 * @dport: destination port range, host order, inclusive
 * @sport: source port range
 * @has_dport: a destination range was given (for round trip)
 * @has_sport: a source range was given
 */
struct fs_app {
	char name[FLOWSTAT_NAME_MAX];
	bool predefined;
	u8 proto;
	s16 icmp_type;
	bool has_dport, has_sport;
	u16 dport[2];
	u16 sport[2];
};

enum { FS_M_SRC, FS_M_DST, FS_M_APP, __FS_M_MAX };

/**
 * struct fs_pmatch - what one policy matches
 * @n_ref: configured references per dimension; 0 means "any"
 * @ref: object numbers as configured, for CONFIG_GET
 * @n_pfx: flattened source/destination prefixes (0: any)
 * @pfx: the prefixes
 * @n_app: flattened applications (0: any)
 * @app: application numbers
 * @count: "then count"
 */
struct fs_pmatch {
	u32 n_ref[__FS_M_MAX];
	u32 *ref[__FS_M_MAX];
	u32 n_pfx[2];
	struct fs_prefix *pfx[2];
	u32 n_app;
	u32 *app;
	bool count;
};

struct fs_pindex;

/** struct fs_name_ent - one entry of a sorted name index */
struct fs_name_ent {
	const char *name;
	u32 obj;
};

/**
 * struct fs_book - the address book, applications and policy matches
 * @aix: addresses and address sets by name (objects: addresses first)
 * @appix: applications and application sets by name
 * @hits: per CPU, one counter per policy (first packets matched)
 * @base: counts inherited from the previous configuration
 */
struct fs_book {
	u32 n_addrs, n_asets, n_apps, n_appsets;
	struct fs_addr *addrs;
	struct fs_set *asets;
	struct fs_app *apps;
	struct fs_set *appsets;
	struct fs_name_ent *aix, *appix;
	u32 n_pm;
	struct fs_pmatch *pm;
	struct fs_pindex *index;
	u64 **hits;
	u64 *base;
};

/* address.c */
extern const struct nla_policy fs_address_nl_policy[FLOWSTAT_A_ADDRESS_MAX + 1];
extern const struct nla_policy fs_set_nl_policy[FLOWSTAT_A_SET_MAX + 1];
int fs_address_parse_all(struct fs_config *cfg, const struct nlmsghdr *nlh,
			 struct netlink_ext_ack *extack);
int fs_address_fill(struct sk_buff *skb, const struct fs_config *cfg, u32 i);
bool fs_prefix_match(const struct fs_prefix *p, u8 family,
		     const union nf_inet_addr *a);
void fs_prefix_mask(union nf_inet_addr *out, const union nf_inet_addr *a,
		    u8 family, u8 plen);
int fs_addr_parse(const struct nlattr *fam, const struct nlattr *addr,
		  u8 *family, union nf_inet_addr *a,
		  struct netlink_ext_ack *extack);
int fs_prefix_parse(struct fs_prefix *pfx, struct nlattr **tb,
		    const struct nlattr *nla, struct netlink_ext_ack *extack);
int fs_prefix_fill(struct sk_buff *skb, const struct fs_prefix *pfx);

/* application.c */
extern const struct nla_policy fs_app_nl_policy[FLOWSTAT_A_APP_MAX + 1];
int fs_app_parse_all(struct fs_config *cfg, const struct nlmsghdr *nlh,
		     struct netlink_ext_ack *extack);
int fs_app_fill(struct sk_buff *skb, const struct fs_config *cfg, u32 i);
bool fs_app_match(const struct fs_app *a, const struct fs_tuple *t,
		  int icmp_type);

/* book.c: shared by both */
int fs_book_init(struct fs_config *cfg);
void fs_book_free(struct fs_book *b);
struct fs_name_ent *
fs_name_index(u32 n, const char *(*name)(const struct fs_book *b, u32 obj),
	      const struct fs_book *b, const char **dup);
int fs_name_find(const struct fs_name_ent *ix, u32 n, const char *name);
int fs_set_parse_name(struct fs_set *s, const struct nlattr *nla,
		      struct netlink_ext_ack *extack);
int fs_set_parse_members(struct fs_set *s, const struct nlattr *nla,
			 const struct fs_name_ent *ix, u32 n_ix,
			 struct netlink_ext_ack *extack);
int fs_set_flatten(struct fs_set *sets, u32 n_leaves, u32 i,
		   const struct nlattr *nla, struct netlink_ext_ack *extack);
int fs_set_fill(struct sk_buff *skb, int type, const struct fs_set *s,
		const char *(*name)(const struct fs_book *b, u32 obj),
		const struct fs_book *b);
const char *fs_address_obj_name(const struct fs_book *b, u32 obj);
const char *fs_app_obj_name(const struct fs_book *b, u32 obj);
u32 fs_book_n_objects(const struct fs_config *cfg);
int fs_book_fill_object(struct sk_buff *skb, const struct fs_config *cfg,
			u32 i);

/* policy.c */
int fs_policy_match_alloc(struct fs_config *cfg, u32 np);
int fs_policy_parse_match(struct fs_config *cfg, u32 pol,
			  const struct nlattr *nla,
			  struct netlink_ext_ack *extack);
int fs_policy_fill_match(struct sk_buff *skb, const struct fs_config *cfg,
			 u32 pol);
int fs_policy_index_build(struct fs_config *cfg,
			  struct netlink_ext_ack *extack);
void fs_policy_index_free(struct fs_pindex *ix);
u8 fs_policy_decide(const struct fs_config *cfg, u32 from, u32 to,
		    const struct fs_tuple *t, int icmp_type, u32 *index);
u64 fs_policy_hits(const struct fs_config *cfg, u32 pol);
void fs_policy_inherit(struct fs_config *cfg, const struct fs_config *old);

/* reject.c */
void fs_reject(struct sk_buff *skb, const struct nf_hook_state *state);

#endif /* _FLOWSTAT_BOOK_H */
