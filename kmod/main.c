// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: zone-based security flow engine with per-interface flow
 * statistics. Module init and exit only: each step undoes in reverse.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

#include "nat.h"

static int __init fs_init(void)
{
	int err;

	err = fs_sess_init();
	if (err)
		return err;
	err = fs_nat_init();
	if (err)
		goto err_sess;
	err = register_pernet_subsys(&fs_net_ops);
	if (err)
		goto err_nat;
	/* Replays NETDEV_REGISTER for the devices that already exist. */
	err = fs_zone_init();
	if (err)
		goto err_pernet;
	/* Last: userspace can reach us only once everything is ready. */
	err = fs_netlink_init();
	if (err)
		goto err_zone;
	return 0;

err_zone:
	fs_zone_exit();
err_pernet:
	unregister_pernet_subsys(&fs_net_ops);
err_nat:
	rcu_barrier();
	fs_nat_exit();
err_sess:
	rcu_barrier();
	fs_sess_exit();
	return err;
}

static void __exit fs_exit(void)
{
	fs_netlink_exit();
	fs_zone_exit();
	unregister_pernet_subsys(&fs_net_ops);
	/* Sessions, views and counter blocks are freed by call_rcu. */
	rcu_barrier();
	fs_nat_exit(); /* NAT bindings by work the last of those queued */
	fs_sess_exit();
}

module_init(fs_init);
module_exit(fs_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("flowstat: zone-based flow engine and flow statistics");
MODULE_AUTHOR("The flowstat developers");
MODULE_ALIAS_GENL_FAMILY(FLOWSTAT_GENL_NAME);
