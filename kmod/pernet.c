// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: per network namespace state. Each namespace has its own
 * configuration, counters, sessions and hooks, and nothing crosses over.
 */
#include <net/net_namespace.h>

#include "nat.h"

unsigned int fs_net_id __read_mostly;

static int __net_init fs_net_init(struct net *net)
{
	struct fs_net *fsn = fs_pernet(net);
	int err;

	fsn->net = net;
	mutex_init(&fsn->lock);
	RCU_INIT_POINTER(fsn->view, NULL);
	fs_nat_net_init(fsn);
	err = fs_stats_net_init(fsn);
	if (err)
		return err;
	err = fs_sess_net_init(fsn);
	if (err)
		goto err_stats;
	return 0;

err_stats:
	fs_stats_net_exit(fsn);
	return err;
}

/*
 * Runs after the namespace's devices are gone (device exit ops run before
 * subsystem ones), or at module unload with the namespace alive.
 */
static void __net_exit fs_net_exit(struct net *net)
{
	struct fs_net *fsn = fs_pernet(net);

	fs_hooks_stop(fsn);
	fs_view_destroy(fsn);
	fs_sess_net_exit(fsn);
	fs_nat_net_exit(fsn);
	fs_stats_net_exit(fsn);
}

struct pernet_operations fs_net_ops = {
	.init = fs_net_init,
	.exit = fs_net_exit,
	.id = &fs_net_id,
	.size = sizeof(struct fs_net),
};
