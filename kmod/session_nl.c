// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat: FLOWSTAT_CMD_SESSION_GET (dump) and FLOWSTAT_CMD_SESSION_CLEAR.
 *
 * Both take the same filters (uapi enum flowstat_attr_session), matched on
 * the session's first-packet ("In") direction. The dump keeps an
 * rhashtable walker between its rounds: the walker survives table resizes
 * (a resize may show a session twice, never skip a live one that stays),
 * and the session that did not fit in the previous message is sent first.
 */
#include <linux/inetdevice.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "compat.h"
#include "flowstat.h"

const struct nla_policy fs_session_nl_policy[FLOWSTAT_A_SESSION_MAX + 1] = {
	[FLOWSTAT_A_SESSION_SRC] = NLA_POLICY_MIN_LEN(4),
	[FLOWSTAT_A_SESSION_DST] = NLA_POLICY_MIN_LEN(4),
	[FLOWSTAT_A_SESSION_SRC_PLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[FLOWSTAT_A_SESSION_DST_PLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[FLOWSTAT_A_SESSION_PROTO] = { .type = NLA_U8 },
	[FLOWSTAT_A_SESSION_DPORT] = { .type = NLA_U16 },
	[FLOWSTAT_A_SESSION_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
};

/* A prefix to match, family 0 when there is none. */
struct fs_prefix {
	union nf_inet_addr addr;
	u8 family;
	u8 plen;
};

struct fs_sess_filter {
	struct fs_prefix src;
	struct fs_prefix dst;
	int proto; /* -1: any */
	int dport; /* -1: any */
	int ifindex; /* 0: any */
};

struct fs_sess_dump {
	struct rhashtable_iter iter;
	struct fs_sess_filter f;
	bool walking; /* iter entered */
	int err; /* a filter error for the first round to report (6.1) */
	const char *err_msg; /* its extack message, a static string */
};

static int fs_prefix_parse(struct fs_prefix *p, struct nlattr *addr,
			   struct nlattr *plen, struct netlink_ext_ack *extack)
{
	u8 max;

	if (!addr) {
		if (plen) {
			NL_SET_ERR_MSG_ATTR(extack, plen,
					    "prefix length without an address");
			return -EINVAL;
		}
		return 0;
	}
	switch (nla_len(addr)) {
	case 4:
		p->family = NFPROTO_IPV4;
		max = 32;
		break;
	case 16:
		p->family = NFPROTO_IPV6;
		max = 128;
		break;
	default:
		NL_SET_ERR_MSG_ATTR(extack, addr,
				    "address must be 4 or 16 bytes");
		return -EINVAL;
	}
	memcpy(&p->addr, nla_data(addr), nla_len(addr));
	p->plen = plen ? nla_get_u8(plen) : max;
	if (p->plen > max) {
		NL_SET_ERR_MSG_ATTR(extack, plen, "prefix length too long");
		return -EINVAL;
	}
	return 0;
}

static int fs_filter_parse(struct fs_sess_filter *f, struct nlattr **tb,
			   struct netlink_ext_ack *extack)
{
	int err;

	memset(f, 0, sizeof(*f));
	f->proto = tb[FLOWSTAT_A_SESSION_PROTO] ?
			   nla_get_u8(tb[FLOWSTAT_A_SESSION_PROTO]) :
			   -1;
	f->dport = tb[FLOWSTAT_A_SESSION_DPORT] ?
			   nla_get_u16(tb[FLOWSTAT_A_SESSION_DPORT]) :
			   -1;
	if (tb[FLOWSTAT_A_SESSION_IFINDEX])
		f->ifindex = nla_get_u32(tb[FLOWSTAT_A_SESSION_IFINDEX]);
	err = fs_prefix_parse(&f->src, tb[FLOWSTAT_A_SESSION_SRC],
			      tb[FLOWSTAT_A_SESSION_SRC_PLEN], extack);
	if (err)
		return err;
	return fs_prefix_parse(&f->dst, tb[FLOWSTAT_A_SESSION_DST],
			       tb[FLOWSTAT_A_SESSION_DST_PLEN], extack);
}

static bool fs_prefix_match(const struct fs_prefix *p,
			    const union nf_inet_addr *a, u8 family)
{
	if (!p->family)
		return true;
	if (p->family != family)
		return false;
	if (family == NFPROTO_IPV4)
		return !p->plen ||
		       !((a->ip ^ p->addr.ip) & inet_make_mask(p->plen));
	return ipv6_prefix_equal(&a->in6, &p->addr.in6, p->plen);
}

static bool fs_filter_match(const struct fs_sess_filter *f,
			    const struct fs_session *s)
{
	const struct fs_tuple *t = &s->th[FS_DIR_ORIG].t;

	return fs_prefix_match(&f->src, &t->src, t->family) &&
	       fs_prefix_match(&f->dst, &t->dst, t->family) &&
	       (f->proto < 0 || f->proto == t->proto) &&
	       (f->dport < 0 || f->dport == ntohs(t->dport)) &&
	       (!f->ifindex || f->ifindex == s->iif || f->ifindex == s->oif);
}

static int fs_put_u64(struct sk_buff *skb, int type, u64 v)
{
	return nla_put_u64_64bit(skb, type, v, FLOWSTAT_A_SESSION_PAD);
}

/* The reply direction as it is on the wire, and the rule that made it. */
static int fs_session_fill_nat(struct sk_buff *skb, const struct fs_session *s)
{
	const struct fs_tuple *r = &s->th[FS_DIR_REPLY].t;
	int alen = r->family == NFPROTO_IPV4 ? 4 : 16;

	if (nla_put(skb, FLOWSTAT_A_SESSION_REPLY_SRC, alen, &r->src) ||
	    nla_put(skb, FLOWSTAT_A_SESSION_REPLY_DST, alen, &r->dst) ||
	    nla_put_u16(skb, FLOWSTAT_A_SESSION_REPLY_SPORT, ntohs(r->sport)) ||
	    nla_put_u16(skb, FLOWSTAT_A_SESSION_REPLY_DPORT, ntohs(r->dport)))
		return -EMSGSIZE;
	if (s->nat_rule &&
	    nla_put_u32(skb, FLOWSTAT_A_SESSION_NAT_RULE, s->nat_rule))
		return -EMSGSIZE;
	return 0;
}

/* Context: rcu_read_lock held. */
static int fs_session_fill(struct sk_buff *skb, struct netlink_callback *cb,
			   struct fs_net *fsn, const struct fs_session *s)
{
	const struct fs_tuple *t = &s->th[FS_DIR_ORIG].t;
	int alen = t->family == NFPROTO_IPV4 ? 4 : 16;
	const struct fs_view *v = rcu_dereference(fsn->view);
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &fs_genl_family, NLM_F_MULTI,
			  FLOWSTAT_CMD_SESSION_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (fs_put_u64(skb, FLOWSTAT_A_SESSION_ID, s->id) ||
	    nla_put_u8(skb, FLOWSTAT_A_SESSION_FAMILY, t->family) ||
	    nla_put_u8(skb, FLOWSTAT_A_SESSION_PROTO, t->proto) ||
	    nla_put(skb, FLOWSTAT_A_SESSION_SRC, alen, &t->src) ||
	    nla_put(skb, FLOWSTAT_A_SESSION_DST, alen, &t->dst) ||
	    nla_put_u16(skb, FLOWSTAT_A_SESSION_SPORT, ntohs(t->sport)) ||
	    nla_put_u16(skb, FLOWSTAT_A_SESSION_DPORT, ntohs(t->dport)) ||
	    nla_put_u32(skb, FLOWSTAT_A_SESSION_IIF, s->iif) ||
	    nla_put_u32(skb, FLOWSTAT_A_SESSION_OIF, s->oif) ||
	    nla_put_u8(skb, FLOWSTAT_A_SESSION_KIND, s->kind) ||
	    nla_put_u32(skb, FLOWSTAT_A_SESSION_POLICY, s->policy) ||
	    nla_put_u32(skb, FLOWSTAT_A_SESSION_TIMEOUT,
			fs_sess_timeout_left(s)) ||
	    fs_put_u64(skb, FLOWSTAT_A_SESSION_PKTS_IN,
		       READ_ONCE(s->packets[FS_DIR_ORIG])) ||
	    fs_put_u64(skb, FLOWSTAT_A_SESSION_BYTES_IN,
		       READ_ONCE(s->bytes[FS_DIR_ORIG])) ||
	    fs_put_u64(skb, FLOWSTAT_A_SESSION_PKTS_OUT,
		       READ_ONCE(s->packets[FS_DIR_REPLY])) ||
	    fs_put_u64(skb, FLOWSTAT_A_SESSION_BYTES_OUT,
		       READ_ONCE(s->bytes[FS_DIR_REPLY])))
		goto cancel;
	if (s->tcp && nla_put_u8(skb, FLOWSTAT_A_SESSION_TCP_STATE,
				 fs_tcp_state_of(s->tcp)))
		goto cancel;
	if (test_bit(FS_SESS_NAT, &s->flags) && fs_session_fill_nat(skb, s))
		goto cancel;
	/* The policy's name in the running configuration, if still there. */
	if (v && s->policy && s->policy <= v->cfg->n_policies &&
	    nla_put_string(skb, FLOWSTAT_A_SESSION_POLICY_NAME,
			   v->cfg->policies[s->policy - 1].name))
		goto cancel;
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

int fs_nl_session_start(struct netlink_callback *cb)
{
	struct fs_net *fsn = fs_pernet(sock_net(cb->skb->sk));
	bool has_extack = fs_dump_start_has_extack(cb);
	struct netlink_ext_ack ext = {};
	struct fs_sess_dump *d;
	int err;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	err = fs_filter_parse(&d->f, fs_dump_attrs(cb),
			      has_extack ? cb->extack : &ext);
	if (err && has_extack) {
		kfree(d);
		return err;
	}
	cb->args[0] = (long)d;
	if (err) {
		/* 6.1: the first round reports it, with its message (compat.h) */
		d->err = err;
		d->err_msg = ext._msg;
		return 0;
	}
	rhashtable_walk_enter(&fsn->sess.ht, &d->iter);
	d->walking = true;
	return 0;
}

int fs_nl_session_done(struct netlink_callback *cb)
{
	struct fs_sess_dump *d = (struct fs_sess_dump *)cb->args[0];

	if (d) {
		if (d->walking)
			rhashtable_walk_exit(&d->iter);
		kfree(d);
	}
	return 0;
}

/*
 * One message per session. The walker's current entry is the first one
 * not yet sent: peek at it, advance only once it is in the message.
 */
int fs_nl_session_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct fs_net *fsn = fs_pernet(sock_net(skb->sk));
	struct fs_sess_dump *d = (struct fs_sess_dump *)cb->args[0];
	struct fs_session *s;
	struct fs_thash *th;
	int err = 0;

	if (d->err) {
		if (cb->extack)
			cb->extack->_msg = d->err_msg;
		return d->err;
	}
	rhashtable_walk_start(&d->iter);
	th = rhashtable_walk_peek(&d->iter);
	while (th) {
		if (IS_ERR(th)) {
			if (PTR_ERR(th) != -EAGAIN) {
				err = PTR_ERR(th);
				break;
			}
		} else if (th->dir == FS_DIR_ORIG) {
			s = container_of(th, struct fs_session, th[0]);
			if (!test_bit(FS_SESS_DEAD, &s->flags) &&
			    fs_filter_match(&d->f, s)) {
				err = fs_session_fill(skb, cb, fsn, s);
				if (err)
					break;
			}
		}
		th = rhashtable_walk_next(&d->iter);
	}
	rhashtable_walk_stop(&d->iter);
	if (err && !skb->len)
		return err;
	return skb->len;
}

struct fs_sess_clear {
	struct fs_sess_filter f;
	u64 n;
};

static bool fs_sess_clear_one(struct fs_net *fsn, struct fs_session *s,
			      void *arg)
{
	struct fs_sess_clear *c = arg;

	if (fs_filter_match(&c->f, s) && fs_sess_unlink(fsn, s))
		c->n++;
	return true;
}

int fs_nl_session_clear(struct sk_buff *skb, struct genl_info *info)
{
	struct fs_net *fsn = fs_pernet(genl_info_net(info));
	struct fs_sess_clear c = {};
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = fs_filter_parse(&c.f, info->attrs, info->extack);
	if (err)
		return err;
	fs_sess_walk(fsn, fs_sess_clear_one, &c);

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &fs_genl_family, 0,
				FLOWSTAT_CMD_SESSION_CLEAR);
	if (!hdr || fs_put_u64(msg, FLOWSTAT_A_SESSION_CLEARED, c.n)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}
