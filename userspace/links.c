// SPDX-License-Identifier: GPL-2.0
/* Interface lookup through the libnl-route link cache. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/netlink.h>
#include <netlink/route/link.h>

#include "links.h"
#include "util.h"

static void add_link(struct nl_object *obj, void *arg)
{
	struct rtnl_link *rl = (struct rtnl_link *)obj;
	struct fs_links *l = arg;
	struct fs_link *link;
	const char *s;

	link = ARRAY_PUSH(l->v, l->n, l->cap);
	link->ifindex = rtnl_link_get_ifindex(rl);
	s = rtnl_link_get_name(rl);
	snprintf(link->name, sizeof(link->name), "%s", s ? s : "");
	s = rtnl_link_get_ifalias(rl);
	snprintf(link->alias, sizeof(link->alias), "%s", s ? s : "");
	link->up = rtnl_link_get_flags(rl) & IFF_UP;
	link->running = rtnl_link_get_flags(rl) & IFF_RUNNING;
	link->mtu = rtnl_link_get_mtu(rl);
	link->rx_packets = rtnl_link_get_stat(rl, RTNL_LINK_RX_PACKETS);
	link->tx_packets = rtnl_link_get_stat(rl, RTNL_LINK_TX_PACKETS);
	link->rx_bytes = rtnl_link_get_stat(rl, RTNL_LINK_RX_BYTES);
	link->tx_bytes = rtnl_link_get_stat(rl, RTNL_LINK_TX_BYTES);
}

static int by_ifindex(const void *pa, const void *pb)
{
	const struct fs_link *a = pa, *b = pb;

	return (a->ifindex > b->ifindex) - (a->ifindex < b->ifindex);
}

int fs_links_load(struct fs_links *l)
{
	struct nl_cache *cache = NULL;
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
		ret = rtnl_link_alloc_cache(sk, AF_UNSPEC, &cache);
	if (ret < 0) {
		fprintf(stderr, "flowstat: cannot read the interfaces: %s\n",
			nl_geterror(ret));
		nl_socket_free(sk);
		return FS_EXIT_USAGE;
	}
	nl_cache_foreach(cache, add_link, l);
	nl_cache_free(cache);
	nl_socket_free(sk);
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

const struct fs_link *fs_links_by_index(const struct fs_links *l,
					int ifindex)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].ifindex == ifindex)
			return &l->v[i];
	return NULL;
}

const char *fs_link_display_name(const struct fs_link *link)
{
	return link->alias[0] ? link->alias : link->name;
}
