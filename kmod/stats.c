// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: per-interface, per-CPU counters.
 *
 * Every device of a namespace gets a counter block when it registers, so
 * that drops on interfaces in no zone are counted too. The packet path only
 * adds to its own CPU's block; readers sum all CPUs. "Clear" never writes
 * the per-CPU blocks (that would race with the packet path): it records a
 * baseline that readers subtract.
 */
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "flowstat.h"

/* The estimator's period; rates are averaged over about two periods. */
#define FS_EST_PERIOD (2 * HZ)

static void fs_ifstats_free_rcu(struct rcu_head *head)
{
	struct fs_ifstats *s = container_of(head, struct fs_ifstats, rcu);

	free_percpu(s->pcpu);
	kfree(s);
}

/**
 * fs_ifstats_add() - give a newly registered device its counters
 * @fsn: the namespace's flowstat state
 * @dev: the new device
 *
 * Context: process context, RTNL held. On allocation failure the device is
 * simply not counted; the packet path copes with a missing block.
 */
void fs_ifstats_add(struct fs_net *fsn, struct net_device *dev)
{
	struct fs_ifstats *s, *old;
	int cpu;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return;
	s->pcpu = alloc_percpu(struct fs_pcpu_ctr);
	if (!s->pcpu) {
		kfree(s);
		return;
	}
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(s->pcpu, cpu)->syncp);
	s->ifindex = dev->ifindex;

	old = xa_store(&fsn->ifstats, dev->ifindex, s, GFP_KERNEL);
	if (xa_is_err(old)) {
		fs_ifstats_free_rcu(&s->rcu);
		return;
	}
	if (dev->ifindex < FS_IFSTATS_DIRECT)
		rcu_assign_pointer(fsn->ifstats_direct[dev->ifindex], s);
	if (old)
		call_rcu(&old->rcu, fs_ifstats_free_rcu);
}

/**
 * fs_ifstats_del() - drop the counters of a device that is going away
 * @fsn: the namespace's flowstat state
 * @ifindex: interface index
 *
 * Context: process context, RTNL held.
 */
void fs_ifstats_del(struct fs_net *fsn, int ifindex)
{
	struct fs_ifstats *s = xa_erase(&fsn->ifstats, ifindex);

	if (ifindex < FS_IFSTATS_DIRECT)
		RCU_INIT_POINTER(fsn->ifstats_direct[ifindex], NULL);
	if (s)
		call_rcu(&s->rcu, fs_ifstats_free_rcu);
}

/** fs_ifstats_sum() - the raw totals of @s over all CPUs into @out */
void fs_ifstats_sum(const struct fs_ifstats *s, u64 *out)
{
	int cpu, i;

	memset(out, 0, sizeof(u64) * __FLOWSTAT_CTR_MAX);
	for_each_possible_cpu(cpu) {
		const struct fs_pcpu_ctr *p = per_cpu_ptr(s->pcpu, cpu);
		u64 v[__FLOWSTAT_CTR_MAX];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&p->syncp);
			for (i = 0; i < __FLOWSTAT_CTR_MAX; i++)
				v[i] = u64_stats_read(&p->c[i]);
		} while (u64_stats_fetch_retry(&p->syncp, start));
		for (i = 0; i < __FLOWSTAT_CTR_MAX; i++)
			out[i] += v[i];
	}
}

/**
 * fs_ifstats_clear() - zero what readers see of @s, and note when
 * @fsn: the namespace's flowstat state
 * @s: the session
 *
 * Context: process context, fsn->lock held.
 */
void fs_ifstats_clear(struct fs_net *fsn, struct fs_ifstats *s)
{
	struct rtnl_link_stats64 st;
	struct net_device *dev;

	fs_ifstats_sum(s, s->base);
	dev = dev_get_by_index(fsn->net, s->ifindex);
	if (dev) {
		dev_get_stats(dev, &st);
		s->dev_base[FS_DEV_RX_PACKETS] = st.rx_packets;
		s->dev_base[FS_DEV_TX_PACKETS] = st.tx_packets;
		s->dev_base[FS_DEV_RX_BYTES] = st.rx_bytes;
		s->dev_base[FS_DEV_TX_BYTES] = st.tx_bytes;
		dev_put(dev);
	}
	s->cleared = ktime_get_real_seconds();
}

/* Averages a new sample into a rate: half old, half new. */
static void fs_est_update(struct fs_ifstats *s, int which, u64 total)
{
	u64 sample = (total - s->est_last[which]) * HZ / FS_EST_PERIOD;

	if (which == FS_RATE_IN_BPS || which == FS_RATE_OUT_BPS)
		sample *= 8;
	s->est_last[which] = total;
	WRITE_ONCE(s->rate[which], (READ_ONCE(s->rate[which]) + sample) / 2);
}

/* Transit rates for `show interfaces`, so the tool never has to sleep. */
static void fs_est_work(struct work_struct *work)
{
	struct fs_net *fsn =
		container_of(to_delayed_work(work), struct fs_net, est_work);
	u64 c[__FLOWSTAT_CTR_MAX];
	struct fs_ifstats *s;
	unsigned long idx;

	rcu_read_lock();
	xa_for_each(&fsn->ifstats, idx, s) {
		fs_ifstats_sum(s, c);
		fs_est_update(s, FS_RATE_IN_BPS,
			      c[FLOWSTAT_CTR_TRANSIT_IN_BYTES]);
		fs_est_update(s, FS_RATE_OUT_BPS,
			      c[FLOWSTAT_CTR_TRANSIT_OUT_BYTES]);
		fs_est_update(s, FS_RATE_IN_PPS,
			      c[FLOWSTAT_CTR_TRANSIT_IN_PACKETS]);
		fs_est_update(s, FS_RATE_OUT_PPS,
			      c[FLOWSTAT_CTR_TRANSIT_OUT_PACKETS]);
	}
	rcu_read_unlock();
	queue_delayed_work(system_power_efficient_wq, &fsn->est_work,
			   FS_EST_PERIOD);
}

int fs_stats_net_init(struct fs_net *fsn)
{
	xa_init(&fsn->ifstats);
	INIT_DELAYED_WORK(&fsn->est_work, fs_est_work);
	queue_delayed_work(system_power_efficient_wq, &fsn->est_work,
			   FS_EST_PERIOD);
	return 0;
}

/* Context: the namespace's devices are gone and the hooks unregistered. */
void fs_stats_net_exit(struct fs_net *fsn)
{
	struct fs_ifstats *s;
	unsigned long idx;

	cancel_delayed_work_sync(&fsn->est_work);
	xa_for_each(&fsn->ifstats, idx, s) {
		xa_erase(&fsn->ifstats, idx);
		if (idx < FS_IFSTATS_DIRECT)
			RCU_INIT_POINTER(fsn->ifstats_direct[idx], NULL);
		call_rcu(&s->rcu, fs_ifstats_free_rcu);
	}
	xa_destroy(&fsn->ifstats);
}
