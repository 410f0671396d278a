// SPDX-License-Identifier: GPL-2.0
/* Interface lookup through the libnl-route link cache. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "links.h"
#include "util.h"

/*
 * One RTM_GETLINK dump, parsed for the few attributes the tool shows. The
 * libnl-route link cache parsed every attribute of every family into
 * objects, a fifth of `show interfaces` over a thousand interfaces.
 */
static int add_link(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *tb[IFLA_MAX + 1];
	struct fs_links *l = arg;
	struct rtnl_link_stats64 st;
	struct fs_link *link;
	struct ifinfomsg *ifi;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    nlmsg_parse(nlh, sizeof(*ifi), tb, IFLA_MAX, NULL) < 0)
		return NL_SKIP;
	ifi = nlmsg_data(nlh);
	link = ARRAY_PUSH(l->v, l->n, l->cap);
	memset(link, 0, sizeof(*link));
	link->ifindex = ifi->ifi_index;
	link->up = ifi->ifi_flags & IFF_UP;
	link->running = ifi->ifi_flags & IFF_RUNNING;
	if (tb[IFLA_IFNAME])
		nla_strlcpy(link->name, tb[IFLA_IFNAME], sizeof(link->name));
	if (tb[IFLA_IFALIAS])
		nla_strlcpy(link->alias, tb[IFLA_IFALIAS], sizeof(link->alias));
	if (tb[IFLA_MTU] && nla_len(tb[IFLA_MTU]) >= (int)sizeof(uint32_t))
		link->mtu = nla_get_u32(tb[IFLA_MTU]);
	if (tb[IFLA_STATS64] && nla_len(tb[IFLA_STATS64]) >= (int)sizeof(st)) {
		memcpy(&st, nla_data(tb[IFLA_STATS64]), sizeof(st));
		link->rx_packets = st.rx_packets;
		link->tx_packets = st.tx_packets;
		link->rx_bytes = st.rx_bytes;
		link->tx_bytes = st.tx_bytes;
	}
	return NL_OK;
}

static int by_ifindex(const void *pa, const void *pb)
{
	const struct fs_link *a = pa, *b = pb;

	return (a->ifindex > b->ifindex) - (a->ifindex < b->ifindex);
}

int fs_links_load(struct fs_links *l)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nl_sock *sk;
	int ret;

	memset(l, 0, sizeof(*l));
	sk = nl_socket_alloc();
	if (!sk) {
		fputs("flowstat: out of memory\n", stderr);
		return FS_EXIT_USAGE;
	}
	ret = nl_connect(sk, NETLINK_ROUTE);
	if (!ret)
		ret = nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM,
					  add_link, l);
	if (!ret)
		ret = nl_send_simple(sk, RTM_GETLINK, NLM_F_DUMP, &ifi,
				     sizeof(ifi));
	if (ret >= 0)
		ret = nl_recvmsgs_default(sk);
	nl_socket_free(sk);
	if (ret < 0) {
		fprintf(stderr, "flowstat: cannot read the interfaces: %s\n",
			nl_geterror(ret));
		fs_links_free(l);
		return FS_EXIT_USAGE;
	}
	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), by_ifindex);
	return 0;
}

void fs_links_free(struct fs_links *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static const struct fs_link *find_exact(const struct fs_links *l,
					const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	for (i = 0; i < l->n; i++)
		if (l->v[i].alias[0] && !strcmp(l->v[i].alias, name))
			return &l->v[i];
	return NULL;
}

const struct fs_link *fs_links_find(const struct fs_links *l,
				    const char *name)
{
	const struct fs_link *link = find_exact(l, name);
	size_t len = strlen(name);
	char *base;

	if (link || len < 3 || strcmp(name + len - 2, ".0"))
		return link;
	base = xstrdup(name);
	base[len - 2] = '\0';
	link = find_exact(l, base);
	free(base);
	return link;
}

/*
 * fs_links_load() sorted them by index: a listing of a thousand interfaces
 * looks each one up.
 */
const struct fs_link *fs_links_by_index(const struct fs_links *l,
					int ifindex)
{
	struct fs_link key = { .ifindex = ifindex };

	if (!l->n)
		return NULL;
	return bsearch(&key, l->v, l->n, sizeof(*l->v), by_ifindex);
}

const char *fs_link_display_name(const struct fs_link *link)
{
	return link->alias[0] ? link->alias : link->name;
}
