// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: fuzz the flowstat generic netlink family and check oracles.
 *
 *   nlfuzz [--seed S] [--count N] [--ops CMD,...] [--replay INDEX]
 *          [--user UID [--userns]] [--reload-loop MS] [--check-every N]
 *          [--no-state] [--verbose]
 *
 * --no-state: another process changes the configuration or counters too
 * (a second fuzzer): only the oracles of single messages apply.
 *
 * After every message a NLMSG_NOOP with NLM_F_ACK is sent on the same
 * socket: its ACK marks the end of everything the message caused, so a
 * message that gets no reply at all is told from a slow one. The oracles
 * of single messages are in oracle.c, those of the state (configuration,
 * counters, the original netns) here; docs/reliability.md has the list
 * and the reasons.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <grp.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nlfuzz.h"
#include "oracle.h"
#include "linux/flowstat.h"

#define BATCH 16

struct nf_family fam;
struct nf_op unknown_op; /* all commands the family lacks */
static struct nf_gen_ctx gen;
uint8_t *rx;
int verbose;
unsigned long failures;
uint64_t seed;
int unpriv, in_userns;
unsigned long n_checks;
static unsigned long n_msgs, n_abandoned, n_reloads;
static int no_state; /* --no-state: others change the state too */
static unsigned long strat_sent[__NF_S_MAX], strat_acc[__NF_S_MAX];

/* Shared with the reloader child: reloads started and acknowledged. */
struct reload_counts {
	unsigned long started, finished, failed;
};
static struct reload_counts *rc_shared;
static pid_t reloader;

/* Loads the base configuration with our own CONFIG_SET. */
static int load_base(int fd)
{
	struct nf_buf b = {};
	struct outcome o;
	struct nf_msg m = { .strategy = NF_S_BASE, .cmd = gen.cfg_cmd };
	uint32_t seq = next_ctl_seq();
	int err;

	nf_put_msghdr(&b, fam.id, NLM_F_REQUEST | NLM_F_ACK, seq, gen.cfg_cmd,
		      fam.version);
	nf_put(&b, gen.base, gen.base_len);
	nf_msg_end(&b);
	m.send_len = b.len;
	err = nf_send(fd, b.p, b.len);
	if (!err)
		err = send_sync(fd, seq | SYNC_BIT);
	if (!err && check_replies(fd, 0, &m, &b, seq, seq | SYNC_BIT, 0,
				  EX_FAMILY, gen.cfg_cmd, &o))
		err = -EIO;
	free(b.p);
	if (err)
		return err;
	n_reloads++;
	return o.error ? o.error : o.acked ? 0 : -EIO;
}

/* The reloader child: the base configuration again and again. */
static void reload_loop(int ms)
{
	struct nf_buf b = {};
	uint32_t seq = 1;
	int fd = nf_socket(1 << 20);

	if (fd < 0)
		_exit(1);
	for (;;) {
		struct nlmsghdr *h;
		ssize_t n;
		int err = 0;

		nf_put_msghdr(&b, fam.id, NLM_F_REQUEST | NLM_F_ACK, ++seq,
			      gen.cfg_cmd, fam.version);
		nf_put(&b, gen.base, gen.base_len);
		nf_msg_end(&b);
		__atomic_add_fetch(&rc_shared->started, 1, __ATOMIC_SEQ_CST);
		if (nf_send(fd, b.p, b.len))
			_exit(1);
		do {
			n = nf_recv(fd, rx, RX_SIZE, -1);
			h = (struct nlmsghdr *)rx;
		} while (n > 0 &&
			 (h->nlmsg_seq != seq || h->nlmsg_type != NLMSG_ERROR));
		if (n > 0)
			err = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
		/* a failed reload changed nothing: it counts as finished */
		if (n <= 0 || err)
			__atomic_add_fetch(&rc_shared->failed, 1,
					   __ATOMIC_SEQ_CST);
		else
			__atomic_add_fetch(&rc_shared->finished, 1,
					   __ATOMIC_SEQ_CST);
		if (n <= 0 || err)
			__atomic_sub_fetch(&rc_shared->started, 1,
					   __ATOMIC_SEQ_CST);
		usleep(ms * 1000);
	}
}

enum { RC_STARTED, RC_FINISHED, RC_FAILED };

static unsigned long rc_get(int which)
{
	unsigned long *p;

	if (!rc_shared)
		return 0;
	p = which == RC_STARTED	 ? &rc_shared->started :
	    which == RC_FINISHED ? &rc_shared->finished :
				   &rc_shared->failed;
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

/* ------------------------------------------------------------------ */
/* Privileges                                                          */

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, s, strlen(s)) == (ssize_t)strlen(s);
	close(fd);
	return ok ? 0 : -1;
}

/* CAP_NET_ADMIN in the effective set, as the permission checks see it. */
static int has_net_admin(void)
{
	unsigned long long eff = 0;
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return 1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &eff) == 1)
			break;
	fclose(f);
	return !!(eff & (1ULL << 12)); /* CAP_NET_ADMIN */
}

static int drop_privileges(uid_t uid)
{
	if (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
	    setresuid(uid, uid, uid)) {
		perror("nlfuzz: dropping privileges");
		return -1;
	}
	return 0;
}

/* A user namespace of our own with a network namespace in it. */
static int enter_userns(void)
{
	char map[64];
	uid_t uid = geteuid();
	gid_t gid = getegid();

	if (unshare(CLONE_NEWUSER | CLONE_NEWNET)) {
		perror("nlfuzz: unshare(CLONE_NEWUSER | CLONE_NEWNET)");
		return -1;
	}
	snprintf(map, sizeof(map), "0 %u 1\n", uid);
	if (write_file("/proc/self/setgroups", "deny") ||
	    write_file("/proc/self/uid_map", map))
		return -1;
	snprintf(map, sizeof(map), "0 %u 1\n", gid);
	return write_file("/proc/self/gid_map", map);
}

/* ------------------------------------------------------------------ */
/* The main loop                                                       */

struct run {
	int fd; /* fuzz socket */
	int watch_fd; /* -1, or a socket in the original netns */
	struct state known; /* the state we expect, when no reloader */
	unsigned long known_f, known_s; /* reloads around reading it */
	unsigned long pending, pending_from; /* messages not checked yet */
	struct state watch; /* the original netns' state */
	uint64_t base_hash;
	int changed; /* an accepted CONFIG_SET changed the config */
	unsigned long since_change;
	int check_every;
	int privileged_cmd[NF_MAX_OPS];
};

/*
 * Reads the configuration and checks it against the last one read
 * (rn->known): only an accepted CONFIG_SET (@accepted_set 1, the last
 * message of the batch; 2: one that may have been, it asked for no ACK) and the reloader may have moved it. Messages are checked
 * in batches, from rn->pending_from to @idx; a batch ends at every
 * CONFIG_SET that reaches the family, so an accepted one never hides what
 * the messages before it did to the generation.
 */
static void check_state(struct run *rn, unsigned long idx,
			const struct nf_msg *m, const struct nf_buf *b,
			int accepted_set)
{
	const struct state *before = &rn->known;
	unsigned long f0 = rn->known_f, s0 = rn->known_s, f1, s1, lo, hi;
	struct state now;
	uint32_t d;
	char range[64] = "";

	if (no_state) {
		rn->pending = 0;
		return;
	}

	if (rn->pending_from != idx)
		snprintf(range, sizeof(range), " (messages %lu..%lu)",
			 rn->pending_from, idx);
	rn->pending = 0;
	rn->pending_from = idx + 1;
	f1 = rc_get(RC_FINISHED);
	if (read_state(rn->fd, &now, NULL)) {
		fail(idx, m, b, "cannot read the configuration");
		return;
	}
	s1 = rc_get(RC_STARTED);
	/*
	 * Reloads that surely committed since @before was read (started
	 * after it, done before now) and that possibly did (not done before
	 * it was read, started before now).
	 */
	lo = (f1 > s0 ? f1 - s0 : 0) + (accepted_set == 1);
	hi = s1 - f0 + !!accepted_set;
	d = now.gen - before->gen;
	if (d < lo || d > hi)
		fail(idx, m, b,
		     "configuration generation moved by %u, expected %lu..%lu%s",
		     d, lo, hi, range);
	else if (!accepted_set && d == 0 && now.hash != before->hash)
		fail(idx, m, b,
		     "configuration changed without a new generation%s", range);
	else if (!accepted_set && d > 0 && now.hash != rn->base_hash)
		fail(idx, m, b,
		     "configuration changed by a rejected message (generation %u -> %u)%s",
		     before->gen, now.gen, range);
	rn->known = now;
	rn->known_f = f1;
	rn->known_s = s1;
	if (accepted_set)
		rn->changed = now.hash != rn->base_hash;
}

static void check_watch(struct run *rn, unsigned long idx,
			const struct nf_msg *m, const struct nf_buf *b)
{
	struct state now;

	if (rn->watch_fd < 0)
		return;
	if (read_state(rn->watch_fd, &now, NULL)) {
		fail(idx, m, b,
		     "cannot read the original netns' configuration");
		return;
	}
	if (now.gen != rn->watch.gen || now.hash != rn->watch.hash)
		fail(idx, m, b,
		     "the original netns' configuration moved (generation %u -> %u): a message from the user namespace reached it",
		     rn->watch.gen, now.gen);
	rn->watch = now;
}

/*
 * Start a dump, read one part, then close the socket, or send the same
 * request again while the first dump may still be running (-EBUSY, the
 * kernel core's, comes without a message) and read both to the end.
 * @o gets the first request's outcome.
 */
static void abandon_dump(unsigned long idx, struct nf_msg *m, struct nf_buf *b,
			 uint32_t seq, enum expect ex, int cmd,
			 struct outcome *o)
{
	struct replies rp = {
		.idx = idx,
		.m = m,
		.b = b,
		.seq = seq,
		.sync = SYNC_BIT,
		.ex = ex,
		.cmd = cmd,
		.o = o,
	};
	int fd = nf_socket(0);
	const struct nlmsghdr *h;
	struct outcome o2 = { .busy_ok = 1 };
	size_t left;
	ssize_t n;

	n_abandoned++;
	if (fd < 0)
		return;
	if (ex == EX_IGNORED || ex == EX_ACK_ONLY ||
	    nf_send(fd, b->p, m->send_len))
		goto out;
	n = nf_recv(fd, rx, RX_SIZE, REPLY_TIMEOUT_MS);
	if (n < 0) {
		fail(idx, m, b, "no first part of the dump (%s)",
		     strerror((int)-n));
		goto out;
	}
	left = n;
	for (h = (const struct nlmsghdr *)rx; NLMSG_OK(h, left);
	     h = NLMSG_NEXT(h, left))
		check_msg(&rp, h);
	if (m->abandon && rp.dump_open) {
		((struct nlmsghdr *)b->p)->nlmsg_seq = seq + 1;
		if (!nf_send(fd, b->p, m->send_len) &&
		    !send_sync(fd, seq | SYNC_BIT))
			check_replies(fd, idx, m, b, seq + 1, seq | SYNC_BIT,
				      seq, ex, cmd, &o2);
		((struct nlmsghdr *)b->p)->nlmsg_seq = seq;
	}
out:
	close(fd);
}

static int run_one(struct run *rn, unsigned long idx, const int *ops, int n_ops)
{
	struct nf_rng r;
	static struct nf_buf b;
	struct nf_msg m;
	struct outcome o = {};
	uint32_t seq = (uint32_t)(idx * 2 + 2) & ~(SYNC_BIT | CTL_SEQ);
	enum expect ex;
	int cmd, dump, err, priv_cmd, accepted, is_set;
	struct nf_op *op;

	nf_rng_init(&r, seed, idx);
	nf_generate(&gen, &r, &b, &m, seq, ops, n_ops);
	strat_sent[m.strategy]++;
	n_msgs++;
	ex = predict(b.p, m.send_len, &cmd, &dump);
	op = m.cmd < NF_MAX_OPS && fam.ops[m.cmd].exists ? &fam.ops[m.cmd] :
							   &unknown_op;
	op->sent++;
	priv_cmd = m.cmd < NF_MAX_OPS && rn->privileged_cmd[m.cmd];

	if (m.strategy == NF_S_DUMP_ABANDON) {
		abandon_dump(idx, &m, &b, seq, ex, cmd, &o);
	} else {
		err = nf_send(rn->fd, b.p, m.send_len);
		if (err) {
			/* refused by the socket layer (too big) */
			op->ignored++;
			return 0;
		}
		if (send_sync(rn->fd, seq | SYNC_BIT) ||
		    check_replies(rn->fd, idx, &m, &b, seq, seq | SYNC_BIT, 0,
				  ex, cmd, &o))
			return -1;
	}

	accepted = !o.error && (o.acked || o.replies || o.done) &&
		   ex != EX_IGNORED && ex != EX_ACK_ONLY;
	if (ex == EX_IGNORED || ex == EX_ACK_ONLY) {
		op->ignored++; /* never reached genetlink */
	} else if (o.error) {
		op->rejected++;
		count_err(op, o.error);
	} else if (accepted) {
		op->accepted++;
		strat_acc[m.strategy]++;
	} else {
		op->ignored++;
	}
	if (ex == EX_IGNORED && (o.acked || o.error || o.replies))
		fail(idx, &m, &b, "netlink should have ignored this message");
	/* the header checks (with a message) may come first */
	if (ex == EX_PERM && o.error != -EPERM &&
	    !(o.error == -EINVAL && o.had_msg))
		fail(idx, &m, &b,
		     "privileged command from an unprivileged sender: %s, not -EPERM",
		     o.error  ? strerror(-o.error) :
		     accepted ? "accepted" :
				"no reply");
	if ((ex == EX_NO_CMD || ex == EX_NOCMD_PERM) && accepted)
		fail(idx, &m, &b, "a command the family lacks was accepted");

	/*
	 * Only an accepted CONFIG_SET may change the configuration: look
	 * after every one that reached the family, and after every batch of
	 * other privileged (or unknown) commands or --check-every messages.
	 */
	is_set = cmd == gen.cfg_cmd && ex == EX_FAMILY;
	if (priv_cmd || ex == EX_NO_CMD || ex == EX_NOCMD_PERM ||
	    (rn->check_every && idx % rn->check_every == 0))
		rn->pending++;
	if (is_set || rn->pending >= BATCH)
		check_state(rn, idx, &m, &b,
			    !is_set || o.error ? 0 :
			    accepted	       ? 1 :
						 2);
	if (rn->watch_fd >= 0 && (idx % 25 == 0 || (accepted && priv_cmd)))
		check_watch(rn, idx, &m, &b);

	if (rn->changed && ++rn->since_change >= 20) {
		if (rn->pending)
			check_state(rn, idx, &m, &b, 0);
		err = load_base(rn->fd);
		if (err) {
			printf("# note: reloading the base configuration failed: %s\n",
			       strerror(-err));
			rn->changed = 0; /* do not retry in a loop */
		} else {
			rn->known_f = rc_get(RC_FINISHED);
			read_state(rn->fd, &rn->known, NULL);
			rn->known_s = rc_get(RC_STARTED);
			rn->pending_from = idx + 1;
			if (rn->known.hash != rn->base_hash)
				printf("# note: the base configuration did not load back identically\n");
			rn->changed = 0;
		}
		rn->since_change = 0;
	}
	return 0;
}

/* STATS_CLEAR refused: no interface was cleared, no counter went back. */
static void check_clear(struct run *rn, unsigned long idx, const int *ops,
			int n_ops)
{
	struct ifstate a, c;
	struct nf_rng r;
	struct nf_buf b = {};
	struct nf_msg m;
	int i, j;

	nf_rng_init(&r, seed, idx);
	nf_generate(&gen, &r, &b, &m, 0, ops, n_ops);
	if (no_state || m.cmd != FLOWSTAT_CMD_STATS_CLEAR ||
	    m.strategy == NF_S_DUMP_ABANDON || read_ifstate(rn->fd, &a)) {
		free(b.p);
		run_one(rn, idx, ops, n_ops);
		return;
	}
	free(b.p);
	{
		unsigned long acc = fam.ops[m.cmd].accepted;

		run_one(rn, idx, ops, n_ops);
		if (fam.ops[m.cmd].accepted != acc || read_ifstate(rn->fd, &c))
			return;
	}
	for (i = 0; i < a.n; i++)
		for (j = 0; j < c.n; j++) {
			if (a.ifindex[i] != c.ifindex[j])
				continue;
			if (a.cleared[i] != c.cleared[j] || c.sum[j] < a.sum[i])
				fail(idx, &m, NULL,
				     "a refused STATS_CLEAR cleared ifindex %u",
				     a.ifindex[i]);
		}
}

static void usage(void) __attribute__((noreturn));

/*
 * --send CMD:HEX: one request of command CMD (a name or number) whose
 * attributes are HEX, through the same oracles. Prints one line, the
 * kernel's answer, for tests of a single case:
 *   reply: ok, N messages
 *   reply: error -22 EINVAL: <extack message>
 */
static int send_one(struct run *rn, const char *arg)
{
	const char *hex = strchr(arg, ':');
	char name[32];
	struct nf_buf b = {};
	struct nf_msg m = { .strategy = NF_S_VALID };
	struct outcome o = {};
	uint16_t flags = NLM_F_REQUEST | NLM_F_ACK;
	uint32_t seq = 0x1000;
	enum expect ex;
	int cmd, dump, i;

	if (!hex || hex - arg >= (long)sizeof(name))
		usage();
	snprintf(name, sizeof(name), "%.*s", (int)(hex - arg), arg);
	for (m.cmd = -1, i = 1; i < NF_MAX_OPS; i++)
		if (fam.ops[i].exists && !strcasecmp(name, nf_cmd_name(i)))
			m.cmd = i;
	if (m.cmd < 0)
		m.cmd = strtol(name, NULL, 0);
	if (m.cmd < 0 || m.cmd >= NF_MAX_OPS)
		usage();
	if ((fam.ops[m.cmd].flags & GENL_CMD_CAP_DUMP) &&
	    !(fam.ops[m.cmd].flags & GENL_CMD_CAP_DO))
		flags |= NLM_F_DUMP;
	nf_put_msghdr(&b, fam.id, flags, seq, m.cmd, fam.version);
	for (hex++; hex[0] && hex[1]; hex += 2) {
		unsigned int c;

		if (sscanf(hex, "%2x", &c) != 1)
			usage();
		nf_put(&b, &(uint8_t){ c }, 1);
	}
	nf_msg_end(&b);
	m.send_len = b.len;
	ex = predict(b.p, b.len, &cmd, &dump);
	if (nf_send(rn->fd, b.p, b.len) || send_sync(rn->fd, seq | SYNC_BIT) ||
	    check_replies(rn->fd, 0, &m, &b, seq, seq | SYNC_BIT, 0, ex, cmd,
			  &o))
		return 2;
	if (o.error)
		printf("reply: error %d %s: %s\n", o.error,
		       strerrorname_np(-o.error), o.msg);
	else
		printf("reply: ok, %d messages\n", o.replies);
	free(b.p);
	return failures ? 1 : 0;
}

static int parse_ops(const char *s, int *ops)
{
	char *copy = strdup(s), *tok, *save = NULL;
	int n = 0, i;

	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		char *end;
		long v = strtol(tok, &end, 0);

		if (*end) {
			for (v = -1, i = 1; i < NF_MAX_OPS; i++)
				if (!strcasecmp(tok, nf_cmd_name(i)))
					v = i;
		}
		if (v < 0 || v >= NF_MAX_OPS || !fam.ops[v].exists) {
			fprintf(stderr, "nlfuzz: unknown command '%s'\n", tok);
			exit(2);
		}
		ops[n++] = v;
	}
	free(copy);
	return n;
}

static void summary(double secs)
{
	int i, e;

	printf("# nlfuzz: %lu messages in %.1f s (%.0f/s), seed %#llx, uid %u%s; %lu state checks, %lu base reloads, %lu abandoned dumps",
	       n_msgs, secs, secs > 0 ? n_msgs / secs : 0.0,
	       (unsigned long long)seed, getuid(),
	       in_userns ? " (own user+net namespace)" : "", n_checks,
	       n_reloads, n_abandoned);
	if (rc_shared)
		printf(", %lu concurrent reloads (%lu failed)",
		       rc_get(RC_FINISHED), rc_get(RC_FAILED));
	printf("\n# %-17s %8s %8s %8s %8s %5s  rejections by errno\n",
	       "command", "sent", "accepted", "rejected", "no-op", "fail");
	for (i = 0; i <= NF_MAX_OPS; i++) {
		const struct nf_op *op = i < NF_MAX_OPS ? &fam.ops[i] :
							  &unknown_op;

		if (!op->sent)
			continue;
		printf("# %-17s %8lu %8lu %8lu %8lu %5lu ",
		       i < NF_MAX_OPS ? nf_cmd_name(i) : "(unknown cmds)",
		       op->sent, op->accepted, op->rejected, op->ignored,
		       op->failures);
		for (e = 1; e < 256; e++)
			if (op->err[e])
				printf(" %s:%lu",
				       e == 255 ? "other" : strerrorname_np(e),
				       op->err[e]);
		printf("\n");
	}
	printf("# strategies:");
	for (i = 0; i < __NF_S_MAX; i++)
		printf(" %s %lu/%lu", nf_strategy_names[i], strat_acc[i],
		       strat_sent[i]);
	printf(" (accepted/sent)\n");
	print_ext();
	printf("# oracle failures: %lu\n", failures);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: nlfuzz [--seed S] [--count N] [--ops CMD,...] [--replay INDEX]\n"
		"              [--user UID [--userns]] [--reload-loop MS] [--check-every N]\n"
		"              [--no-state] [--verbose]\n"
		"       nlfuzz --send CMD:HEX   (one request, its reply)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'c' },
		{ "ops", required_argument, NULL, 'o' },
		{ "replay", required_argument, NULL, 'r' },
		{ "user", required_argument, NULL, 'u' },
		{ "userns", no_argument, NULL, 'U' },
		{ "reload-loop", required_argument, NULL, 'l' },
		{ "check-every", required_argument, NULL, 'k' },
		{ "no-state", no_argument, NULL, 'N' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "send", required_argument, NULL, 'S' },
		{}
	};
	unsigned long count = 1000, replay = 0, i;
	const char *ops_arg = NULL, *send_arg = NULL;
	int do_replay = 0, userns = 0, reload_ms = -1, ch, n_ops = 0;
	long uid = -1;
	int ops[NF_MAX_OPS];
	struct nf_buf base = {};
	struct run rn = { .watch_fd = -1, .check_every = 50 };
	struct timespec t0, t1;
	int fd, err;

	seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	while ((ch = getopt_long(argc, argv, "s:c:o:r:u:Ul:k:vS:N", lo,
				 NULL)) != -1) {
		switch (ch) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'c':
			count = strtoul(optarg, NULL, 0);
			break;
		case 'o':
			ops_arg = optarg;
			break;
		case 'r':
			replay = strtoul(optarg, NULL, 0);
			do_replay = 1;
			break;
		case 'u':
			uid = strtol(optarg, NULL, 0);
			break;
		case 'U':
			userns = 1;
			break;
		case 'l':
			reload_ms = atoi(optarg);
			break;
		case 'N':
			no_state = 1;
			break;
		case 'k':
			rn.check_every = atoi(optarg);
			break;
		case 'v':
			verbose = 1;
			break;
		case 'S':
			send_arg = optarg;
			break;
		default:
			usage();
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	rx = malloc(RX_SIZE);
	fd = nf_socket(4 << 20);
	if (!rx || fd < 0) {
		perror("nlfuzz: netlink socket");
		return 2;
	}
	err = nf_family_learn(fd, &fam, FLOWSTAT_GENL_NAME, verbose);
	if (err) {
		fprintf(stderr, "nlfuzz: family %s: %s\n", FLOWSTAT_GENL_NAME,
			strerror(-err));
		return 2;
	}
	if (nf_family_crosscheck(&fam))
		failures++;
	for (i = 1; i < NF_MAX_OPS; i++)
		if (fam.ops[i].exists && !ops_arg)
			ops[n_ops++] = i;
	if (ops_arg)
		n_ops = parse_ops(ops_arg, ops);
	if (!n_ops)
		usage();
	gen.fam = &fam;
	gen.cfg_cmd = FLOWSTAT_CMD_CONFIG_SET;

	/* The base configuration: what is running now, as CONFIG_SET. */
	nf_buf_reset(&base);
	if (read_state(fd, &rn.known, &base)) {
		fprintf(stderr, "nlfuzz: cannot read the configuration\n");
		return 2;
	}
	gen.base = base.p;
	gen.base_len = base.len;
	rn.base_hash = rn.known.hash;
	nf_gen_words(&gen);
	if (!send_arg)
		printf("# nlfuzz: seed %#llx, family id %u, base configuration %zu bytes (generation %u), %d words\n",
		       (unsigned long long)seed, fam.id, base.len, rn.known.gen,
		       gen.n_words);

	if (reload_ms >= 0) {
		rc_shared = mmap(NULL, sizeof(*rc_shared),
				 PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (rc_shared == MAP_FAILED)
			return 2;
		memset(rc_shared, 0, sizeof(*rc_shared));
		reloader = fork();
		if (reloader == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			reload_loop(reload_ms);
		}
		if (reloader < 0)
			return 2;
	}
	if (uid >= 0 && drop_privileges(uid))
		return 2;
	unpriv = !has_net_admin();
	if (userns) {
		/* keep a socket in the original netns to watch it */
		rn.watch_fd = fd;
		rn.watch = rn.known;
		if (enter_userns())
			return 2;
		in_userns = 1;
		unpriv = 0;
	} else {
		close(fd);
	}
	/* The fuzz socket, opened with the final credentials and netns. */
	rn.fd = nf_socket(4 << 20);
	if (rn.fd < 0) {
		perror("nlfuzz: netlink socket");
		return 2;
	}
	if (in_userns) {
		/* our own netns starts empty: give it the base configuration */
		err = load_base(rn.fd);
		printf("# nlfuzz: in a new user+net namespace; base configuration %s\n",
		       err ? strerror(-err) : "loaded");
		if (err) {
			gen.base_len = 0;
			rn.changed = 0;
		}
		nf_buf_reset(&base);
		read_state(rn.fd, &rn.known, NULL);
		rn.base_hash = rn.known.hash;
	}
	for (i = 1; i < NF_MAX_OPS; i++)
		rn.privileged_cmd[i] =
			!!(fam.ops[i].flags &
			   (GENL_ADMIN_PERM | GENL_UNS_ADMIN_PERM));

	if (send_arg)
		return send_one(&rn, send_arg);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (do_replay) {
		verbose = 1;
		run_one(&rn, replay, ops, n_ops);
	} else {
		for (i = 0; i < count; i++)
			check_clear(&rn, i, ops, n_ops);
	}
	/* a last look at everything */
	check_state(&rn, count, NULL, NULL, 0);
	check_watch(&rn, count, NULL, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (reloader > 0) {
		kill(reloader, SIGTERM);
		waitpid(reloader, NULL, 0);
	}
	summary(t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	return failures ? 1 : 0;
}
