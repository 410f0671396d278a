// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: interface-to-zone bindings.
 *
 * The configuration names interfaces (Linux names or aliases); the packet
 * path needs ifindexes. A view pairs a configuration with the devices that
 * currently answer to its names, and is rebuilt whenever the configuration
 * changes or a device appears, vanishes, is renamed or changes state (an
 * alias set while a device is down is noticed when it comes up: the kernel
 * sends no event for an alias change alone).
 */
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/netdevice.h>
#include <linux/slab.h>

#include "flowstat.h"

/**
 * fs_binding_find() - the zone binding of interface @ifindex
 * @v: the view
 * @ifindex: interface index
 *
 * Context: rcu_read_lock held (or fsn->lock for the current view).
 * Return: the binding, or NULL if the interface is in no zone.
 */
const struct fs_binding *fs_binding_find(const struct fs_view *v, int ifindex)
{
	u32 i = hash_32(ifindex, 32) & v->mask;

	for (;;) {
		const struct fs_binding *b = &v->bind[i];

		if (b->ifindex == ifindex)
			return b;
		if (!b->ifindex)
			return NULL;
		i = (i + 1) & v->mask;
	}
}

static bool fs_str_is(const char *s, const char *name, size_t len)
{
	return !strncmp(s, name, len) && s[len] == '\0';
}

/**
 * fs_dev_answers_to() - whether @dev is the interface a configuration names
 * @dev: the device
 * @name: its Linux name, alias, or either with the Junos unit suffix ".0"
 *
 * Context: rcu_read_lock held (the alias is RCU-protected).
 */
bool fs_dev_answers_to(const struct net_device *dev, const char *name)
{
	const struct dev_ifalias *alias = rcu_dereference(dev->ifalias);
	size_t len = strlen(name);

	if (len > 2 && !strcmp(name + len - 2, ".0")) {
		if (fs_str_is(dev->name, name, len - 2) ||
		    (alias && fs_str_is(alias->ifalias, name, len - 2)))
			return true;
	}
	return !strcmp(dev->name, name) ||
	       (alias && !strcmp(alias->ifalias, name));
}

static void fs_view_insert(struct fs_view *v, const struct fs_config *cfg,
			   const struct fs_iface_cfg *ic, int ifindex)
{
	u32 i = hash_32(ifindex, 32) & v->mask;
	const struct fs_zone *z = &cfg->zones[ic->zone];

	while (v->bind[i].ifindex) {
		/* Two names for one device: the first binding wins. */
		if (v->bind[i].ifindex == ifindex)
			return;
		i = (i + 1) & v->mask;
	}
	v->bind[i].ifindex = ifindex;
	v->bind[i].zone = ic->zone;
	v->bind[i].services = ic->own_host_inbound ? ic->services : z->services;
	v->bind[i].protocols = ic->own_host_inbound ? ic->protocols :
						      z->protocols;
}

/* Takes a reference on @cfg for the view. Context: fsn->lock held. */
static struct fs_view *fs_view_build(struct fs_net *fsn, struct fs_config *cfg)
{
	u32 size = roundup_pow_of_two(max(2 * cfg->n_ifaces, 4U)), i;
	struct net_device *dev;
	struct fs_view *v;

	v = kvzalloc(struct_size(v, bind, size), GFP_KERNEL);
	if (!v)
		return NULL;
	kref_get(&cfg->ref);
	v->cfg = cfg;
	v->mask = size - 1;

	rcu_read_lock();
	for (i = 0; i < cfg->n_ifaces; i++) {
		for_each_netdev_rcu(fsn->net, dev) {
			if (fs_dev_answers_to(dev, cfg->ifaces[i].name)) {
				fs_view_insert(v, cfg, &cfg->ifaces[i],
					       dev->ifindex);
				break;
			}
		}
	}
	rcu_read_unlock();
	return v;
}

static void fs_view_free_rcu(struct rcu_head *head)
{
	struct fs_view *v = container_of(head, struct fs_view, rcu);

	fs_config_put(v->cfg);
	kvfree(v);
}

static void fs_view_replace(struct fs_net *fsn, struct fs_view *v)
{
	struct fs_view *old;

	if (v)
		v->gen = ++fsn->view_gen;
	old = rcu_replace_pointer(fsn->view, v, lockdep_is_held(&fsn->lock));
	if (old)
		call_rcu(&old->rcu, fs_view_free_rcu);
	/* Close what the new view no longer permits, now rather than at
	 * each session's next packet (which checks too, for the window in
	 * between).
	 */
	if (v)
		fs_sess_recheck_all(fsn, v);
}

/**
 * fs_view_publish() - make @cfg the running configuration of @fsn
 * @fsn: the namespace's flowstat state
 * @cfg: the configuration
 *
 * The caller keeps its own reference on @cfg.
 * Context: process context, fsn->lock held.
 */
int fs_view_publish(struct fs_net *fsn, struct fs_config *cfg)
{
	struct fs_view *v = fs_view_build(fsn, cfg);

	if (!v)
		return -ENOMEM;
	/* 0 stays "no configuration" for dump consistency checks. */
	if (!++fsn->gen)
		++fsn->gen;
	cfg->gen = fsn->gen;
	fs_view_replace(fsn, v);
	return 0;
}

/**
 * fs_view_refresh() - re-resolve interface names after a device event
 * @fsn: the namespace's flowstat state
 *
 * Context: process context, RTNL held, fsn->lock not held.
 */
void fs_view_refresh(struct fs_net *fsn)
{
	struct fs_view *cur, *v;

	mutex_lock(&fsn->lock);
	cur = rcu_dereference_protected(fsn->view, lockdep_is_held(&fsn->lock));
	if (!cur)
		goto out;
	v = fs_view_build(fsn, cur->cfg);
	if (!v)
		goto out; /* keep the old bindings rather than none */
	if (v->mask == cur->mask &&
	    !memcmp(v->bind, cur->bind, (v->mask + 1) * sizeof(v->bind[0]))) {
		fs_view_free_rcu(&v->rcu);
		goto out;
	}
	fs_view_replace(fsn, v);
out:
	mutex_unlock(&fsn->lock);
}

/**
 * fs_view_destroy() - drop the view of a namespace that is going away
 * @fsn: the namespace's flowstat state
 *
 * Context: process context, the hooks are already unregistered.
 */
void fs_view_destroy(struct fs_net *fsn)
{
	mutex_lock(&fsn->lock);
	fs_view_replace(fsn, NULL);
	mutex_unlock(&fsn->lock);
}

/*
 * Runs under RTNL for every device of every namespace, including the
 * replay of existing devices at (un)registration of the notifier.
 */
static int fs_netdev_event(struct notifier_block *nb, unsigned long event,
			   void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct fs_net *fsn = fs_pernet(dev_net(dev));

	switch (event) {
	case NETDEV_REGISTER:
		fs_ifstats_add(fsn, dev);
		fs_view_refresh(fsn);
		break;
	case NETDEV_UNREGISTER:
		fs_ifstats_del(fsn, dev->ifindex);
		fs_view_refresh(fsn);
		break;
	case NETDEV_CHANGENAME:
	case NETDEV_UP:
	case NETDEV_CHANGE:
		fs_view_refresh(fsn);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block fs_netdev_nb = {
	.notifier_call = fs_netdev_event,
};

int fs_zone_init(void)
{
	return register_netdevice_notifier(&fs_netdev_nb);
}

void fs_zone_exit(void)
{
	unregister_netdevice_notifier(&fs_netdev_nb);
}
