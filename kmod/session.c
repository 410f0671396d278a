// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: the session table.
 *
 * One rhashtable per namespace holds both tuples of every session, so a
 * packet of either direction finds its session with one lock-free lookup.
 * Sessions are created by the first permitted packet, refreshed by every
 * packet, and reaped once idle past their timeout: by the lookup that finds
 * them expired, or by the collector, which walks the table in bounded
 * batches (FS_GC_BATCH entries, then it lets go of the CPU) and never takes
 * a lock that the packet path or a configuration change waits for. When the
 * view (configuration or bindings) changes, sessions are re-checked lazily
 * by their next packet (s->gen), by the collector's next pass, and, after a
 * CONFIG_SET, by one sweep outside fsn->lock before the request returns.
 */
#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <net/tcp.h>

#include "nat.h"

/* A full pass of the collector starts FS_GC_PERIOD after the last one
 * ended; within a pass, batches of FS_GC_BATCH table entries (2 per
 * session) follow each other FS_GC_STEP apart: 40,960 entries a second,
 * so a table of a million sessions is covered in under a minute at a
 * small, steady cost, and a small one every second.
 */
#define FS_GC_PERIOD HZ
#define FS_GC_STEP (HZ / 10)
#define FS_GC_BATCH 4096

/* Default timeouts, seconds (the gateways' defaults). */
#define FS_TO_TCP_INITIAL 20
#define FS_TO_TCP_ESTABLISHED 1800
#define FS_TO_UDP 60
#define FS_TO_ICMP 60
#define FS_TO_OTHER 60

static struct kmem_cache *fs_sess_cache __read_mostly;

/*
 * Every packet hashes and compares one tuple, so both are written for the
 * common case: an IPv4 tuple has three meaningful words (the rest of its
 * address unions is zero), and the compare is five word XORs with no loop.
 */
static u32 fs_tuple_hash(const void *data, u32 len, u32 seed)
{
	const struct fs_tuple *t = data;
	u32 ports = (__force u32)t->sport << 16 | (__force u16)t->dport;

	seed ^= (u32)t->family << 8 | t->proto;
	if (t->family == NFPROTO_IPV4)
		return jhash_3words((__force u32)t->src.ip,
				    (__force u32)t->dst.ip, ports, seed);
	return jhash2(t->src.all, 8, ports ^ seed);
}

static int fs_tuple_cmp(struct rhashtable_compare_arg *arg, const void *obj)
{
	const u64 *a = arg->key;
	const u64 *b = (const u64 *)&((const struct fs_thash *)obj)->t;

	BUILD_BUG_ON(sizeof(struct fs_tuple) != 5 * sizeof(u64));
	return ((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) | (a[3] ^ b[3]) |
		(a[4] ^ b[4])) != 0;
}

static const struct rhashtable_params fs_sess_params = {
	.head_offset = offsetof(struct fs_thash, node),
	.key_offset = offsetof(struct fs_thash, t),
	.key_len = sizeof(struct fs_tuple),
	.hashfn = fs_tuple_hash,
	.obj_cmpfn = fs_tuple_cmp,
	.automatic_shrinking = true,
};

static struct fs_session *fs_th_sess(struct fs_thash *th)
{
	return container_of(th - th->dir, struct fs_session, th[0]);
}

static u8 fs_sess_class(u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return FS_CLASS_TCP;
	case IPPROTO_UDP:
		return FS_CLASS_UDP;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return FS_CLASS_ICMP;
	}
	return FS_CLASS_OTHER;
}

static unsigned long fs_sess_timeout(const struct fs_sessions *st,
				     const struct fs_session *s)
{
	switch (s->class) {
	case FS_CLASS_TCP:
		if (s->tcp)
			return fs_tcp_timeout(s->tcp, st);
		return READ_ONCE(st->to_tcp_initial);
	case FS_CLASS_UDP:
		return READ_ONCE(st->to_udp);
	case FS_CLASS_ICMP:
		return FS_TO_ICMP * HZ;
	}
	return FS_TO_OTHER * HZ;
}

/** fs_sess_timeout_left() - seconds before @s expires if idle */
unsigned long fs_sess_timeout_left(const struct fs_session *s)
{
	long left = (long)(READ_ONCE(s->expires) - jiffies);

	return left > 0 ? DIV_ROUND_UP(left, HZ) : 0;
}

static void fs_sess_free(struct fs_session *s)
{
	fs_route_cache_flush(s);
	if (s->tcp)
		fs_tcp_free(s->tcp);
	kmem_cache_free(fs_sess_cache, s);
}

static void fs_sess_free_rcu(struct rcu_head *head)
{
	fs_sess_free(container_of(head, struct fs_session, rcu));
}

/**
 * fs_sess_unlink() - remove @s from the table and free it after a grace
 * @fsn: the namespace's flowstat state
 * @s: the session
 *
 * period. Safe to race with itself: the first caller does the work.
 * Return: true for that first caller.
 * Context: any (BH or process), rcu_read_lock held or @s otherwise pinned.
 */
bool fs_sess_unlink(struct fs_net *fsn, struct fs_session *s)
{
	struct fs_sessions *st = &fsn->sess;

	if (test_and_set_bit(FS_SESS_DEAD, &s->flags))
		return false;
	rhashtable_remove_fast(&st->ht, &s->th[FS_DIR_ORIG].node,
			       fs_sess_params);
	rhashtable_remove_fast(&st->ht, &s->th[FS_DIR_REPLY].node,
			       fs_sess_params);
	/* its binding is free once neither tuple can be found */
	fs_nat_release(&s->nat);
	percpu_counter_dec(&st->count);
	if (s->tcp)
		percpu_counter_dec(&st->minor_count);
	this_cpu_inc(st->pcpu->deleted);
	this_cpu_dec(st->pcpu->cur[s->class]);
	call_rcu(&s->rcu, fs_sess_free_rcu);
	return true;
}

/**
 * fs_sess_lookup() - the live session that tuple @t belongs to
 * @dir: set to the direction @t travels in that session
 * @fsn: the namespace's flowstat state
 * @t: tuple of the packet, original direction
 *
 * Context: rcu_read_lock held.
 */
struct fs_session *fs_sess_lookup(struct fs_net *fsn, const struct fs_tuple *t,
				  enum fs_dir *dir)
{
	struct fs_session *s;
	struct fs_thash *th;

	th = rhashtable_lookup(&fsn->sess.ht, t, fs_sess_params);
	if (!th)
		return NULL;
	s = fs_th_sess(th);
	if (test_bit(FS_SESS_DEAD, &s->flags))
		return NULL;
	if (time_after(jiffies, READ_ONCE(s->expires))) {
		/* Make room now for the new session this packet may open. */
		fs_sess_unlink(fsn, s);
		return NULL;
	}
	*dir = th->dir;
	return s;
}

void fs_tuple_invert(const struct fs_tuple *t, struct fs_tuple *r)
{
	*r = *t;
	r->src = t->dst;
	r->dst = t->src;
	r->sport = t->dport;
	r->dport = t->sport;
}

/*
 * Which side of each direction's packets a translation rewrites, decided
 * once: a packet of direction D leaves with the reverse of the other
 * direction's tuple.
 */
static void fs_sess_nat_flags(struct fs_session *s)
{
	int d;

	__set_bit(FS_SESS_NAT, &s->flags);
	for (d = FS_DIR_ORIG; d <= FS_DIR_REPLY; d++) {
		const struct fs_tuple *t = &s->th[d].t, *o = &s->th[!d].t;

		if (!nf_inet_addr_cmp(&t->dst, &o->src) || t->dport != o->sport)
			__set_bit(FS_SESS_NAT_DST + 2 * d, &s->flags);
		if (!nf_inet_addr_cmp(&t->src, &o->dst) || t->sport != o->dport)
			__set_bit(FS_SESS_NAT_SRC + 2 * d, &s->flags);
	}
}

/* A per-CPU sequence, so that no cache line is shared: unique, not dense. */
static u64 fs_sess_new_id(struct fs_sessions *st)
{
	struct fs_pcpu_sess *p = get_cpu_ptr(st->pcpu);
	u64 id = p->next_id++ * nr_cpu_ids + smp_processor_id() + 1;

	put_cpu_ptr(st->pcpu);
	return id;
}

/**
 * fs_sess_create() - open a session for first packet @t
 * @fsn: the namespace's flowstat state
 * @t: tuple of the packet, original direction
 * @nat: the translation and its binding, NULL for none; the binding is
 *	the session's from here on, and given back if it cannot be opened
 * @kind: enum fs_sess_kind
 * @iif: ingress ifindex, 0 for a flow the router starts
 * @oif: egress ifindex, 0 for a flow to the router
 * @policy: 1-based index of the permitting policy, 0 for none
 * @gen: generation of the view that permitted it
 * @skb: the packet (a TCP session's minor session starts from its SYN)
 * @thoff: offset of its transport header
 *
 * Return: the session, ERR_PTR(-ENOSPC) at the session limit,
 * ERR_PTR(-ENOBUFS) when the minor session pool is exhausted,
 * ERR_PTR(-EEXIST) if another CPU opened it first (look it up again),
 * ERR_PTR(-EADDRINUSE) if @reply is already another session's, or another
 * ERR_PTR.
 * Context: rcu_read_lock held, any context.
 */
struct fs_session *fs_sess_create(struct fs_net *fsn, const struct fs_tuple *t,
				  struct fs_sess_nat *nat, u8 kind, int iif,
				  int oif, u32 policy, u32 gen,
				  const struct sk_buff *skb, unsigned int thoff)
{
	struct fs_sessions *st = &fsn->sess;
	struct fs_session *s;
	int err;

	if (percpu_counter_compare(&st->count, READ_ONCE(st->max)) >= 0) {
		err = -ENOSPC;
		goto fail;
	}
	if (t->proto == IPPROTO_TCP &&
	    percpu_counter_compare(&st->minor_count,
				   READ_ONCE(st->minor_max)) >= 0) {
		err = -ENOBUFS;
		goto fail;
	}
	err = -ENOMEM;
	s = kmem_cache_zalloc(fs_sess_cache, GFP_ATOMIC);
	if (!s)
		goto fail;
	if (t->proto == IPPROTO_TCP) {
		s->tcp = fs_tcp_new(skb, thoff);
		if (!s->tcp) {
			kmem_cache_free(fs_sess_cache, s);
			goto fail;
		}
	}
	s->th[FS_DIR_ORIG].t = *t;
	s->th[FS_DIR_ORIG].dir = FS_DIR_ORIG;
	if (nat) {
		s->th[FS_DIR_REPLY].t = nat->reply;
		s->nat = nat->bind;
		s->nat_rule = nat->rule;
		fs_sess_nat_flags(s);
	} else {
		fs_tuple_invert(t, &s->th[FS_DIR_REPLY].t);
	}
	s->th[FS_DIR_REPLY].dir = FS_DIR_REPLY;
	s->id = fs_sess_new_id(st);
	s->kind = kind;
	s->class = fs_sess_class(t->proto);
	s->iif = iif;
	s->oif = oif;
	s->policy = policy;
	s->gen = gen;
	s->expires = jiffies + fs_sess_timeout(st, s);

	err = rhashtable_lookup_insert_fast(&st->ht, &s->th[FS_DIR_ORIG].node,
					    fs_sess_params);
	if (err) {
		fs_nat_release(&s->nat);
		fs_sess_free(s);
		return ERR_PTR(err);
	}
	/* Visible from here on: account it, so unlink can undo it. */
	percpu_counter_inc(&st->count);
	if (s->tcp)
		percpu_counter_inc(&st->minor_count);
	this_cpu_inc(st->pcpu->created);
	this_cpu_inc(st->pcpu->cur[s->class]);

	err = rhashtable_lookup_insert_fast(&st->ht, &s->th[FS_DIR_REPLY].node,
					    fs_sess_params);
	if (err) {
		fs_sess_unlink(fsn, s);
		return ERR_PTR(err == -EEXIST ? -EADDRINUSE : err);
	}
	return s;

fail:
	if (nat)
		fs_nat_release(&nat->bind);
	return ERR_PTR(err);
}

/**
 * fs_sess_account() - count a packet of @s without refreshing it
 * @s: the session
 * @dir: direction the packet travels in
 * @len: L3 bytes of the packet
 *
 * For the packets that belong to a session without being its traffic (an
 * ICMP error about it): they must not keep a dead flow alive.
 * Context: rcu_read_lock held.
 */
void fs_sess_account(struct fs_session *s, enum fs_dir dir, unsigned int len)
{
	s->packets[dir]++;
	s->bytes[dir] += len;
}

/**
 * fs_sess_refresh() - account a packet of @s and push its timeout out
 * @fsn: the namespace's flowstat state
 * @s: the session
 * @dir: direction the packet travels in
 * @len: L3 bytes of the packet
 *
 * Context: rcu_read_lock held.
 */
void fs_sess_refresh(struct fs_net *fsn, struct fs_session *s, enum fs_dir dir,
		     unsigned int len)
{
	unsigned long expires;

	fs_sess_account(s, dir, len);
	if (dir == FS_DIR_REPLY && !test_bit(FS_SESS_SEEN_REPLY, &s->flags))
		set_bit(FS_SESS_SEEN_REPLY, &s->flags);
	expires = jiffies + fs_sess_timeout(&fsn->sess, s);
	if (READ_ONCE(s->expires) != expires)
		WRITE_ONCE(s->expires, expires);
}

/**
 * fs_sess_permitted() - would view @v still let session @s be opened?
 * @v: the view
 * @s: the session
 *
 * Context: rcu_read_lock held, or @v pinned by fsn->lock.
 */
bool fs_sess_permitted(const struct fs_view *v, const struct fs_session *s)
{
	const struct fs_binding *in, *out;
	u32 idx;

	switch (s->kind) {
	case FS_SESS_FROM_SELF:
		return true;
	case FS_SESS_TO_SELF:
		in = fs_binding_find(v, s->iif);
		return in && fs_host_inbound_allowed(in, &s->th[FS_DIR_ORIG].t);
	}
	in = fs_binding_find(v, s->iif);
	out = fs_binding_find(v, s->oif);
	return in && out &&
	       fs_policy_action(v->cfg, in->zone, out->zone,
				&s->th[FS_DIR_ORIG].t,
				&idx) == FLOWSTAT_ACTION_PERMIT;
}

/**
 * fs_sess_walk() - call @fn for every live session
 * @fsn: the namespace's flowstat state
 * @fn: called with rcu_read_lock held; returns false to stop the walk
 * @arg: passed to @fn
 *
 * Gives the CPU away now and then: the table may hold millions. A resize
 * during the walk may show a session twice; @fn must not mind.
 * Context: process context, no spinlock held.
 */
void fs_sess_walk(struct fs_net *fsn, fs_sess_fn fn, void *arg)
{
	struct rhashtable_iter it;
	struct fs_thash *th;

	rhashtable_walk_enter(&fsn->sess.ht, &it);
	rhashtable_walk_start(&it);
	while ((th = rhashtable_walk_next(&it))) {
		if (IS_ERR(th)) {
			if (PTR_ERR(th) == -EAGAIN)
				continue;
			break;
		}
		if (th->dir == FS_DIR_ORIG &&
		    !test_bit(FS_SESS_DEAD, &fs_th_sess(th)->flags) &&
		    !fn(fsn, fs_th_sess(th), arg))
			break;
		if (need_resched()) {
			rhashtable_walk_stop(&it);
			cond_resched();
			rhashtable_walk_start(&it);
		}
	}
	rhashtable_walk_stop(&it);
	rhashtable_walk_exit(&it);
}

/*
 * Reaps @s if expired, closes it if the current view no longer permits it.
 * Context: rcu_read_lock held.
 */
static void fs_sess_check(struct fs_net *fsn, struct fs_session *s)
{
	const struct fs_view *v;

	if (time_after(jiffies, READ_ONCE(s->expires))) {
		fs_sess_unlink(fsn, s);
		return;
	}
	v = rcu_dereference(fsn->view);
	if (!v || READ_ONCE(s->gen) == v->gen)
		return;
	if (fs_sess_permitted(v, s))
		WRITE_ONCE(s->gen, v->gen);
	else
		fs_sess_unlink(fsn, s);
}

static bool fs_sess_check_one(struct fs_net *fsn, struct fs_session *s,
			      void *arg)
{
	fs_sess_check(fsn, s);
	return true;
}

/**
 * fs_sess_sweep() - one full pass: close what the current view no longer
 * permits, reap the expired
 * @fsn: the namespace's flowstat state
 *
 * Context: process context; holds neither fsn->lock nor RTNL.
 */
void fs_sess_sweep(struct fs_net *fsn)
{
	fs_sess_walk(fsn, fs_sess_check_one, NULL);
}

/**
 * fs_sess_recheck_all() - the view changed: have the collector re-check
 * @fsn: the namespace's flowstat state
 * @v: the view (sessions compare their s->gen with the current one)
 *
 * Context: any process context (fsn->lock and RTNL may be held).
 */
void fs_sess_recheck_all(struct fs_net *fsn, const struct fs_view *v)
{
	mod_delayed_work(system_power_efficient_wq, &fsn->sess.gc_work, 0);
}

/*
 * One batch of the collector, resuming where the previous one stopped;
 * the next batch follows FS_GC_STEP later, the next pass a period later.
 */
static void fs_sess_gc(struct work_struct *work)
{
	struct fs_net *fsn = container_of(to_delayed_work(work), struct fs_net,
					  sess.gc_work);
	struct fs_sessions *st = &fsn->sess;
	struct fs_thash *th = NULL;
	unsigned int n = 0;
	bool done = false;

	if (!st->gc_active) {
		rhashtable_walk_enter(&st->ht, &st->gc_iter);
		st->gc_active = true;
	}
	rhashtable_walk_start(&st->gc_iter);
	while (n < FS_GC_BATCH) {
		th = rhashtable_walk_next(&st->gc_iter);
		if (!th || (IS_ERR(th) && PTR_ERR(th) != -EAGAIN)) {
			done = true;
			break;
		}
		if (IS_ERR(th))
			continue;
		n++;
		if (th->dir == FS_DIR_ORIG &&
		    !test_bit(FS_SESS_DEAD, &fs_th_sess(th)->flags))
			fs_sess_check(fsn, fs_th_sess(th));
	}
	rhashtable_walk_stop(&st->gc_iter);
	if (done) {
		rhashtable_walk_exit(&st->gc_iter);
		st->gc_active = false;
	}
	queue_delayed_work(system_power_efficient_wq, &st->gc_work,
			   done ? FS_GC_PERIOD : FS_GC_STEP);
}

/* Namespace exit: everything goes. */
static bool fs_sess_reap_one(struct fs_net *fsn, struct fs_session *s,
			     void *arg)
{
	fs_sess_unlink(fsn, s);
	return true;
}

/** fs_sess_counts() - session figures of @fsn summed over all CPUs */
void fs_sess_counts(struct fs_net *fsn, u64 *created, u64 *deleted, s64 *cur)
{
	int cpu, i;

	*created = *deleted = 0;
	memset(cur, 0, sizeof(*cur) * __FS_CLASS_MAX);
	for_each_possible_cpu(cpu) {
		const struct fs_pcpu_sess *p = per_cpu_ptr(fsn->sess.pcpu, cpu);

		*created += READ_ONCE(p->created);
		*deleted += READ_ONCE(p->deleted);
		for (i = 0; i < __FS_CLASS_MAX; i++)
			cur[i] += READ_ONCE(p->cur[i]);
	}
}

/**
 * fs_sess_apply() - put the flow settings of a new configuration in force
 * @fsn: the namespace's flowstat state
 * @flow: the settings, 0 for a default
 *
 * Existing sessions keep their limits and timeouts until their next packet.
 * Context: process context.
 */
void fs_sess_apply(struct fs_net *fsn, const struct fs_flow_cfg *flow)
{
	struct fs_sessions *st = &fsn->sess;
	u32 max = flow->max_sessions ?: st->def_max;

	WRITE_ONCE(st->max, max);
	WRITE_ONCE(st->minor_max, flow->max_minor ?: max);
	WRITE_ONCE(st->to_tcp_initial,
		   (flow->tcp_initial ?: FS_TO_TCP_INITIAL) * HZ);
	WRITE_ONCE(st->to_tcp_est,
		   (flow->tcp_est ?: FS_TO_TCP_ESTABLISHED) * HZ);
	WRITE_ONCE(st->to_udp, (flow->udp ?: FS_TO_UDP) * HZ);
	WRITE_ONCE(st->no_seq_check, flow->no_seq_check);
}

/* Default limit: a session per 256 bytes of an eighth of memory. */
static u32 fs_sess_default_max(void)
{
	u64 n = (u64)totalram_pages() * PAGE_SIZE / 8 / 256;

	return clamp_t(u64, n, 4096, 4U << 20);
}

int fs_sess_net_init(struct fs_net *fsn)
{
	struct fs_sessions *st = &fsn->sess;
	int err;

	err = rhashtable_init(&st->ht, &fs_sess_params);
	if (err)
		return err;
	err = percpu_counter_init(&st->count, 0, GFP_KERNEL);
	if (err)
		goto err_ht;
	st->pcpu = alloc_percpu(struct fs_pcpu_sess);
	if (!st->pcpu) {
		err = -ENOMEM;
		goto err_count;
	}
	err = percpu_counter_init(&st->minor_count, 0, GFP_KERNEL);
	if (err)
		goto err_pcpu;
	st->def_max = fs_sess_default_max();
	fs_sess_apply(fsn, &(struct fs_flow_cfg){});
	INIT_DELAYED_WORK(&st->gc_work, fs_sess_gc);
	queue_delayed_work(system_power_efficient_wq, &st->gc_work,
			   FS_GC_PERIOD);
	return 0;

err_pcpu:
	free_percpu(st->pcpu);
err_count:
	percpu_counter_destroy(&st->count);
err_ht:
	rhashtable_destroy(&st->ht);
	return err;
}

/* Context: the hooks are unregistered, no packet can reach the table. */
void fs_sess_net_exit(struct fs_net *fsn)
{
	struct fs_sessions *st = &fsn->sess;

	cancel_delayed_work_sync(&st->gc_work);
	if (st->gc_active)
		rhashtable_walk_exit(&st->gc_iter);
	fs_sess_walk(fsn, fs_sess_reap_one, NULL);
	rhashtable_destroy(&st->ht);
	free_percpu(st->pcpu);
	percpu_counter_destroy(&st->minor_count);
	percpu_counter_destroy(&st->count);
}

int fs_sess_init(void)
{
	int err;

	/* The budget: one session in at most 256 bytes of slab. */
	BUILD_BUG_ON(sizeof(struct fs_session) > 256);
	fs_sess_cache = KMEM_CACHE(fs_session, 0);
	if (!fs_sess_cache)
		return -ENOMEM;
	err = fs_tcp_init();
	if (err)
		kmem_cache_destroy(fs_sess_cache);
	return err;
}

/* Context: after rcu_barrier(), so no session free is still pending. */
void fs_sess_exit(void)
{
	fs_tcp_exit();
	kmem_cache_destroy(fs_sess_cache);
}
