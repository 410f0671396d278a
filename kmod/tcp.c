// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: TCP state and window tracking (the "minor session").
 *
 * Every TCP session carries a separate block, struct fs_tcp, from its own
 * slab cache; the number of live blocks is bounded by max-minor-sessions.
 * The block follows the handshake and the teardown, and for each direction
 * the sequence space the peer has opened, reasoning as conntrack's TCP
 * tracker does: a segment is in the window when its sequence number is
 * below what the receiver allowed (td_maxend), its end is above what the
 * sender already sent less one receiver window (retransmissions), and its
 * acknowledgment neither acknowledges unsent data nor lies further back
 * than one maximum window. Window scaling is in effect when both SYNs carry
 * the option. Headers are read with skb_header_pointer() only.
 */
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <net/tcp.h>

#include "flowstat.h"

/* Timeouts of the closing states, jiffies. */
#define FS_TO_TCP_FIN_WAIT (120UL * HZ)
#define FS_TO_TCP_CLOSED (2UL * HZ)

#define FS_TCPF_WSCALE BIT(0) /* the SYN of this direction offered scaling */
#define FS_TCPF_FIN BIT(1) /* this direction sent a FIN */
#define FS_TCPF_FIN_ACKED BIT(2) /* ... and the peer acknowledged it */

/**
 * struct fs_tcp_dir - what one direction of a TCP session sent
 * @td_end: highest sequence number sent, plus the segment's length
 * @td_maxend: highest sequence number the peer allows (its ack + window)
 * @td_maxwin: largest window this direction advertised (scaled)
 * @fin_end: sequence number just past this direction's FIN
 * @wscale: window scale shift of this direction
 * @flags: FS_TCPF_*
 */
struct fs_tcp_dir {
	u32 td_end;
	u32 td_maxend;
	u32 td_maxwin;
	u32 fin_end;
	u8 wscale;
	u8 flags;
};

/**
 * struct fs_tcp - the minor session of a TCP session
 * @lock: serialises the packets of the session (both directions)
 * @state: enum flowstat_tcp_state
 * @d: per direction, enum fs_dir
 */
struct fs_tcp {
	spinlock_t lock; /* see above */
	u8 state;
	struct fs_tcp_dir d[2];
};

static struct kmem_cache *fs_tcp_cache __read_mostly;

/* What the tracker reads of a segment. */
struct fs_seg {
	u32 seq;
	u32 ack;
	u32 end;
	u16 win;
	u8 flags;
	u8 wscale; /* 0xff: no window scale option */
};

/* Window scale option of a SYN, 0xff when absent. */
static u8 fs_tcp_wscale(const struct sk_buff *skb, unsigned int thoff,
			unsigned int doff)
{
	u8 buf[MAX_TCP_OPTION_SPACE];
	int len = doff - sizeof(struct tcphdr), i = 0;
	const u8 *opt;

	if (len <= 0)
		return 0xff;
	opt = skb_header_pointer(skb, thoff + sizeof(struct tcphdr), len, buf);
	if (!opt)
		return 0xff;
	while (i < len) {
		u8 kind = opt[i], olen;

		if (kind == TCPOPT_EOL)
			break;
		if (kind == TCPOPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= len)
			break;
		olen = opt[i + 1];
		if (olen < 2 || i + olen > len)
			break;
		if (kind == TCPOPT_WINDOW && olen == TCPOLEN_WINDOW)
			return min_t(u8, opt[i + 2], TCP_MAX_WSCALE);
		i += olen;
	}
	return 0xff;
}

static bool fs_tcp_read(const struct sk_buff *skb, unsigned int thoff,
			struct fs_seg *g)
{
	struct tcphdr buf;
	const struct tcphdr *th;
	unsigned int doff;

	th = skb_header_pointer(skb, thoff, sizeof(buf), &buf);
	if (!th)
		return false;
	doff = th->doff * 4;
	if (doff < sizeof(*th) || skb->len < thoff + doff)
		return false;
	g->seq = ntohl(th->seq);
	g->ack = ntohl(th->ack_seq);
	g->win = ntohs(th->window);
	g->flags = tcp_flag_byte(th);
	g->end = g->seq + skb->len - thoff - doff + th->syn + th->fin;
	g->wscale = th->syn ? fs_tcp_wscale(skb, thoff, doff) : 0xff;
	return true;
}

/* A direction's first segment, its SYN (or SYN-ACK). */
static void fs_tcp_dir_init(struct fs_tcp_dir *d, const struct fs_seg *g)
{
	d->td_end = g->end;
	d->td_maxend = g->end;
	d->td_maxwin = max_t(u32, g->win, 1);
	d->fin_end = 0;
	d->flags = 0;
	d->wscale = 0;
	if (g->wscale != 0xff) {
		d->flags |= FS_TCPF_WSCALE;
		d->wscale = g->wscale;
	}
}

/**
 * fs_tcp_new() - the minor session of a TCP session opened by @skb
 * @skb: the session's first packet, a SYN
 * @thoff: offset of its TCP header
 *
 * Return: the block, or NULL when out of memory or the header is unreadable.
 * Context: any.
 */
struct fs_tcp *fs_tcp_new(const struct sk_buff *skb, unsigned int thoff)
{
	struct fs_tcp *tc;
	struct fs_seg g;

	if (!fs_tcp_read(skb, thoff, &g))
		return NULL;
	tc = kmem_cache_zalloc(fs_tcp_cache, GFP_ATOMIC);
	if (!tc)
		return NULL;
	spin_lock_init(&tc->lock);
	tc->state = FLOWSTAT_TCP_SYN_SENT;
	fs_tcp_dir_init(&tc->d[FS_DIR_ORIG], &g);
	return tc;
}

void fs_tcp_free(struct fs_tcp *tc)
{
	kmem_cache_free(fs_tcp_cache, tc);
}

/* conntrack's bound on how far back an acknowledgment may lie */
static u32 fs_tcp_maxackwin(const struct fs_tcp_dir *sender)
{
	return max_t(u32, sender->td_maxwin, 66000);
}

/*
 * The window check and update of one segment. Context: tc->lock held.
 */
static bool fs_tcp_in_window(struct fs_tcp *tc, enum fs_dir dir,
			     struct fs_seg *g, bool check)
{
	struct fs_tcp_dir *snd = &tc->d[dir], *rcv = &tc->d[!dir];
	u32 seq = g->seq, end = g->end, ack = g->ack, win = g->win;
	bool ok;

	if (!snd->td_maxwin) {
		/*
		 * The reply direction's first segment: its SYN-ACK, or an
		 * RST that refuses the SYN (acknowledging exactly it).
		 */
		if ((g->flags & (TCPHDR_RST | TCPHDR_ACK)) ==
			    (TCPHDR_RST | TCPHDR_ACK) &&
		    g->ack == rcv->td_end)
			return true;
		if (!(g->flags & TCPHDR_SYN))
			return !check;
		fs_tcp_dir_init(snd, g);
		if (!(snd->flags & FS_TCPF_WSCALE &&
		      rcv->flags & FS_TCPF_WSCALE)) {
			snd->wscale = 0;
			rcv->wscale = 0;
		}
	}
	if (!(g->flags & TCPHDR_ACK) ||
	    ((g->flags & (TCPHDR_ACK | TCPHDR_RST)) ==
		     (TCPHDR_ACK | TCPHDR_RST) &&
	     !ack))
		ack = rcv->td_end;
	if ((g->flags & TCPHDR_RST) && !seq &&
	    tc->state == FLOWSTAT_TCP_SYN_SENT) {
		seq = snd->td_end;
		end = snd->td_end;
	}

	ok = before(seq, snd->td_maxend + 1) &&
	     after(end, snd->td_end - rcv->td_maxwin - 1) &&
	     before(ack, rcv->td_end + 1) &&
	     after(ack, rcv->td_end - fs_tcp_maxackwin(snd) - 1);
	if (!ok && check)
		return false;

	if (!(g->flags & TCPHDR_SYN))
		win <<= snd->wscale;
	if (snd->td_maxwin < win)
		snd->td_maxwin = win;
	if (after(end, snd->td_end))
		snd->td_end = end;
	if (rcv->td_maxwin && after(end, snd->td_maxend))
		rcv->td_maxwin += end - snd->td_maxend;
	if (g->flags & TCPHDR_ACK) {
		if (after(ack + win, rcv->td_maxend - 1))
			rcv->td_maxend = ack + win + (win ? 0 : 1);
	}
	return true;
}

static void fs_tcp_state(struct fs_tcp *tc, enum fs_dir dir,
			 const struct fs_seg *g)
{
	struct fs_tcp_dir *snd = &tc->d[dir], *rcv = &tc->d[!dir];
	u8 f = g->flags;

	if (f & TCPHDR_RST) {
		tc->state = FLOWSTAT_TCP_CLOSE;
		return;
	}
	switch (tc->state) {
	case FLOWSTAT_TCP_SYN_SENT:
		if (dir == FS_DIR_REPLY && (f & TCPHDR_SYN))
			tc->state = FLOWSTAT_TCP_SYN_RECV;
		break;
	case FLOWSTAT_TCP_SYN_RECV:
		if (dir == FS_DIR_ORIG && (f & TCPHDR_ACK) && !(f & TCPHDR_SYN))
			tc->state = FLOWSTAT_TCP_ESTABLISHED;
		break;
	}
	if ((f & TCPHDR_FIN) && tc->state >= FLOWSTAT_TCP_ESTABLISHED) {
		snd->flags |= FS_TCPF_FIN;
		snd->fin_end = g->end;
		if (tc->state < FLOWSTAT_TCP_FIN_WAIT)
			tc->state = FLOWSTAT_TCP_FIN_WAIT;
		if (rcv->flags & FS_TCPF_FIN &&
		    tc->state < FLOWSTAT_TCP_CLOSE_WAIT)
			tc->state = FLOWSTAT_TCP_CLOSE_WAIT;
	}
	/* The peer's FIN acknowledged; both acknowledged: closed. */
	if ((f & TCPHDR_ACK) && rcv->flags & FS_TCPF_FIN &&
	    !before(g->ack, rcv->fin_end))
		rcv->flags |= FS_TCPF_FIN_ACKED;
	if (snd->flags & FS_TCPF_FIN_ACKED && rcv->flags & FS_TCPF_FIN_ACKED)
		tc->state = FLOWSTAT_TCP_TIME_WAIT;
}

/**
 * fs_tcp_packet() - track a segment of an existing TCP session
 * @tc: the session's minor session
 * @dir: direction of the segment
 * @skb: the packet
 * @thoff: offset of its TCP header
 * @check: enforce the window (false: learn from it, never refuse it)
 *
 * A SYN from the originator of a closed (or closing) session starts the
 * session again, as a reused port does; so does a new SYN while the first
 * is still unanswered.
 *
 * Return: false when the segment falls outside the window (drop it).
 * Context: rcu_read_lock held, any context.
 */
bool fs_tcp_packet(struct fs_tcp *tc, enum fs_dir dir,
		   const struct sk_buff *skb, unsigned int thoff, bool check)
{
	struct fs_seg g;
	bool ok = true;

	if (!fs_tcp_read(skb, thoff, &g))
		return !check; /* no readable header: not ours to judge */
	spin_lock_bh(&tc->lock);
	if (dir == FS_DIR_ORIG &&
	    (g.flags & (TCPHDR_SYN | TCPHDR_ACK)) == TCPHDR_SYN &&
	    (tc->state >= FLOWSTAT_TCP_TIME_WAIT ||
	     tc->state == FLOWSTAT_TCP_SYN_SENT)) {
		tc->state = FLOWSTAT_TCP_SYN_SENT;
		fs_tcp_dir_init(&tc->d[FS_DIR_ORIG], &g);
		memset(&tc->d[FS_DIR_REPLY], 0, sizeof(tc->d[FS_DIR_REPLY]));
		goto out;
	}
	ok = fs_tcp_in_window(tc, dir, &g, check);
	if (ok)
		fs_tcp_state(tc, dir, &g);
out:
	spin_unlock_bh(&tc->lock);
	return ok;
}

/** fs_tcp_state_of() - enum flowstat_tcp_state of @tc */
u8 fs_tcp_state_of(const struct fs_tcp *tc)
{
	return READ_ONCE(tc->state);
}

/**
 * fs_tcp_timeout() - idle timeout of a TCP session in its current state
 * @tc: its minor session
 * @st: the namespace's session table (configured timeouts)
 *
 * Return: jiffies.
 */
unsigned long fs_tcp_timeout(const struct fs_tcp *tc,
			     const struct fs_sessions *st)
{
	unsigned long est = READ_ONCE(st->to_tcp_est);

	switch (READ_ONCE(tc->state)) {
	case FLOWSTAT_TCP_SYN_SENT:
	case FLOWSTAT_TCP_SYN_RECV:
		return READ_ONCE(st->to_tcp_initial);
	case FLOWSTAT_TCP_ESTABLISHED:
		return est;
	case FLOWSTAT_TCP_FIN_WAIT:
	case FLOWSTAT_TCP_CLOSE_WAIT:
		return min(est, FS_TO_TCP_FIN_WAIT);
	}
	return FS_TO_TCP_CLOSED;
}

/** fs_tcp_obj_size() - bytes of one minor session in its slab cache */
unsigned int fs_tcp_obj_size(void)
{
	return kmem_cache_size(fs_tcp_cache);
}

int fs_tcp_init(void)
{
	fs_tcp_cache = KMEM_CACHE(fs_tcp, 0);
	return fs_tcp_cache ? 0 : -ENOMEM;
}

/* Context: after rcu_barrier(), so no session free is still pending. */
void fs_tcp_exit(void)
{
	kmem_cache_destroy(fs_tcp_cache);
}
