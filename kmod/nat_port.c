// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: source NAT port allocation.
 *
 * Each pool address has a bitmap of its port range and a summary with one
 * bit per bitmap word that still has a free port. Taking a port starts at
 * a random word, finds the next word with a free port in the summary (at
 * most 1,008 bits: 16 words to read) and takes a clear bit of that word,
 * so its cost does not grow as the address fills up. Giving a port back
 * clears its bit. A spinlock per address keeps two CPUs from taking the
 * same port; different addresses never share a lock.
 *
 * The bitmaps of an address are allocated when it is first used, in the
 * packet path (GFP_ATOMIC, 8 KiB): a /16 pool costs nothing for the
 * addresses no flow reaches. A failed allocation is a failed binding.
 */
#include <linux/bitmap.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "compat.h"
#include "nat.h"

static void fs_nat_alloc_free_work(struct work_struct *work)
{
	struct fs_nat_alloc *a =
		container_of(to_rcu_work(work), struct fs_nat_alloc, free_work);
	u32 i;

	for (i = 0; i < a->n_addrs; i++) {
		kfree(a->addr[i].used);
		kfree(a->addr[i].free_words);
	}
	kvfree(a);
}

/*
 * The last reference may go in the packet path (a session's binding) or
 * under the configuration's RCU callback: freeing waits for a grace period
 * and runs in process context, where kvfree() may sleep.
 */
static void fs_nat_alloc_release(struct kref *ref)
{
	struct fs_nat_alloc *a = container_of(ref, struct fs_nat_alloc, ref);

	INIT_RCU_WORK(&a->free_work, fs_nat_alloc_free_work);
	queue_rcu_work(fs_nat_workqueue(), &a->free_work);
}

void fs_nat_alloc_put(struct fs_nat_alloc *a)
{
	if (a)
		kref_put(&a->ref, fs_nat_alloc_release);
}

/**
 * fs_nat_alloc_new() - the bindings of @n_addrs addresses from @base
 * @family: NFPROTO_IPV4 or NFPROTO_IPV6
 * @base: first address
 * @n_addrs: number of addresses, 1..FLOWSTAT_NAT_POOL_ADDRS_MAX
 * @port_lo: first port
 * @n_ports: ports per address, 1..65536
 * @no_xlate: ports are kept, not chosen
 * @gfp: GFP_KERNEL for a pool, GFP_ATOMIC for an interface address
 *
 * Return: the allocator with one reference, or NULL.
 */
struct fs_nat_alloc *fs_nat_alloc_new(u8 family, const union nf_inet_addr *base,
				      u32 n_addrs, u32 port_lo, u32 n_ports,
				      bool no_xlate, gfp_t gfp)
{
	struct fs_nat_alloc *a;
	u32 i;

	if (gfp == GFP_KERNEL)
		a = kvzalloc(struct_size(a, addr, n_addrs), gfp);
	else
		a = kzalloc(struct_size(a, addr, n_addrs), gfp);
	if (!a)
		return NULL;
	kref_init(&a->ref);
	a->family = family;
	a->base = *base;
	a->n_addrs = n_addrs;
	a->port_lo = port_lo;
	a->n_ports = n_ports;
	a->no_xlate = no_xlate;
	for (i = 0; i < n_addrs; i++)
		spin_lock_init(&a->addr[i].lock);
	return a;
}

/* Bitmaps of address @p on first use; caller holds its lock. */
static bool fs_nat_ports_ready(const struct fs_nat_alloc *a,
			       struct fs_nat_ports *p)
{
	unsigned int words = BITS_TO_LONGS(a->n_ports);

	if (p->used)
		return true;
	p->used = bitmap_zalloc(a->n_ports, GFP_ATOMIC);
	p->free_words = bitmap_zalloc(words, GFP_ATOMIC);
	if (!p->used || !p->free_words) {
		bitmap_free(p->used);
		bitmap_free(p->free_words);
		p->used = NULL;
		p->free_words = NULL;
		return false;
	}
	/* bits past the range in the last word are never free */
	if (a->n_ports % BITS_PER_LONG)
		p->used[words - 1] = ~0UL << (a->n_ports % BITS_PER_LONG);
	bitmap_fill(p->free_words, words);
	return true;
}

static void fs_nat_ports_set(struct fs_nat_alloc *a, struct fs_nat_ports *p,
			     u32 port)
{
	unsigned int w = port / BITS_PER_LONG;

	__set_bit(port, p->used);
	if (p->used[w] == ~0UL)
		__clear_bit(w, p->free_words);
	p->in_use++;
	atomic_inc(&a->in_use);
}

/**
 * fs_nat_port_take() - bind a free port of address @addr
 * @a: the allocator
 * @addr: address index
 * @port: set to the port index (the port is a->port_lo + *@port)
 *
 * Context: any; takes the address's lock with BH disabled.
 * Return: false if the address has no free port.
 */
bool fs_nat_port_take(struct fs_nat_alloc *a, u32 addr, u32 *port)
{
	struct fs_nat_ports *p = &a->addr[addr];
	unsigned int words = BITS_TO_LONGS(a->n_ports);
	unsigned int w, start;
	bool ok = false;

	start = get_random_u32_below(words);
	spin_lock_bh(&p->lock);
	if (!fs_nat_ports_ready(a, p))
		goto out;
	w = find_next_bit(p->free_words, words, start);
	if (w >= words)
		w = find_first_bit(p->free_words, words);
	if (w >= words)
		goto out;
	*port = w * BITS_PER_LONG + ffz(p->used[w]);
	fs_nat_ports_set(a, p, *port);
	ok = true;
out:
	spin_unlock_bh(&p->lock);
	return ok;
}

/*
 * fs_nat_port_claim() - bind port index @port of address @addr, if free
 *
 * For port no-translation, where the port is the packet's own.
 * Context: any.
 */
bool fs_nat_port_claim(struct fs_nat_alloc *a, u32 addr, u32 port)
{
	struct fs_nat_ports *p = &a->addr[addr];
	bool ok = false;

	if (port >= a->n_ports)
		return false;
	spin_lock_bh(&p->lock);
	if (fs_nat_ports_ready(a, p) && !test_bit(port, p->used)) {
		fs_nat_ports_set(a, p, port);
		ok = true;
	}
	spin_unlock_bh(&p->lock);
	return ok;
}

/** fs_nat_port_give() - release a binding made by take or claim */
void fs_nat_port_give(struct fs_nat_alloc *a, u32 addr, u32 port)
{
	struct fs_nat_ports *p = &a->addr[addr];

	spin_lock_bh(&p->lock);
	if (!WARN_ON_ONCE(!p->used || !test_bit(port, p->used))) {
		__clear_bit(port, p->used);
		__set_bit(port / BITS_PER_LONG, p->free_words);
		p->in_use--;
		atomic_dec(&a->in_use);
	}
	spin_unlock_bh(&p->lock);
}

static u64 fs_nat_low64(const union nf_inet_addr *a)
{
	return (u64)ntohl(a->ip6[2]) << 32 | ntohl(a->ip6[3]);
}

/** fs_nat_addr_of() - address number @i of @a */
void fs_nat_addr_of(const struct fs_nat_alloc *a, u32 i,
		    union nf_inet_addr *out)
{
	u64 low;

	*out = a->base;
	if (a->family == NFPROTO_IPV4) {
		out->ip = htonl(ntohl(a->base.ip) + i);
		return;
	}
	/* a pool does not cross a /64 (checked at load) */
	low = fs_nat_low64(&a->base) + i;
	out->ip6[2] = htonl(low >> 32);
	out->ip6[3] = htonl((u32)low);
}

/*
 * fs_nat_addr_index() - the number of @addr in @a
 *
 * Return: the index, or -1 if @addr is not one of @a's addresses.
 */
s64 fs_nat_addr_index(const struct fs_nat_alloc *a, u8 family,
		      const union nf_inet_addr *addr)
{
	u64 off;

	if (family != a->family)
		return -1;
	if (family == NFPROTO_IPV4) {
		off = (u32)(ntohl(addr->ip) - ntohl(a->base.ip));
	} else {
		/* a pool stays within one /64 */
		if (addr->ip6[0] != a->base.ip6[0] ||
		    addr->ip6[1] != a->base.ip6[1])
			return -1;
		off = fs_nat_low64(addr) - fs_nat_low64(&a->base);
	}
	return off < a->n_addrs ? (s64)off : -1;
}
