// SPDX-License-Identifier: GPL-2.0
/*
 * flowstat show security flow session [summary] [FILTERS...]
 * flowstat clear security flow session (all|FILTERS...)
 *
 * FILTERS: source-prefix P, destination-prefix P, protocol PROTO,
 * destination-port N, interface IF; all given must match, on the
 * direction of the session's first packet. The kernel applies them.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "config.h"
#include "flowstat.h"
#include "links.h"
#include "nl.h"
#include "print.h"
#include "stats.h"
#include "util.h"

/* Junos names the router's own end of a session so. */
#define FS_SELF_IF ".local..0"
#define FS_SELF_POLICY "self-traffic-policy/1"

static const char *const filter_words[] = {
	"source-prefix",    "destination-prefix", "protocol",
	"destination-port", "interface",
};

/* Builds the filter attributes of @msg from the words of the command. */
static int put_filters(struct nl_msg *msg, int argc, char **argv,
		       const struct fs_links *links)
{
	int i, k;

	for (i = 0; i < argc; i += 2) {
		const char *w = argv[i],
			   *val = i + 1 < argc ? argv[i + 1] : NULL;

		k = fs_match_word(w, filter_words, ARRAY_SIZE(filter_words));
		if (k < 0) {
			fprintf(stderr,
				"flowstat: unknown filter '%s', expected one of: source-prefix, destination-prefix, protocol, destination-port, interface\n",
				w);
			return FS_EXIT_USAGE;
		}
		if (!val) {
			fprintf(stderr, "flowstat: '%s' needs a value\n",
				filter_words[k]);
			return FS_EXIT_USAGE;
		}
		if (k <= 1) {
			/* Host bits may be set: a filter, not an address book. */
			struct fs_cfg_address a;
			const char *why;

			if (!fs_parse_addr_plen(val, &a, &why)) {
				fprintf(stderr,
					"flowstat: invalid prefix '%s', expected ADDRESS[/LENGTH]\n",
					val);
				return FS_EXIT_USAGE;
			}
			if (nla_put(msg,
				    k ? FLOWSTAT_A_SESSION_DST :
					FLOWSTAT_A_SESSION_SRC,
				    a.family == AF_INET ? 4 : 16, a.addr) ||
			    nla_put_u8(msg,
				       k ? FLOWSTAT_A_SESSION_DST_PLEN :
					   FLOWSTAT_A_SESSION_SRC_PLEN,
				       a.plen))
				return FS_EXIT_USAGE;
		} else if (k == 2) {
			static const struct {
				const char *name;
				int proto;
			} protos[] = {
				{ "tcp", IPPROTO_TCP },
				{ "udp", IPPROTO_UDP },
				{ "icmp", IPPROTO_ICMP },
				{ "icmp6", IPPROTO_ICMPV6 },
				{ "icmpv6", IPPROTO_ICMPV6 },
			};
			char *end;
			long n = strtol(val, &end, 10);
			size_t j;

			if (!*val || *end)
				n = -1;
			for (j = 0; j < ARRAY_SIZE(protos); j++)
				if (!strcmp(val, protos[j].name))
					n = protos[j].proto;
			if (n < 0 || n > 255) {
				fprintf(stderr,
					"flowstat: invalid protocol '%s', expected tcp, udp, icmp, icmp6 or a number\n",
					val);
				return FS_EXIT_USAGE;
			}
			if (nla_put_u8(msg, FLOWSTAT_A_SESSION_PROTO, n))
				return FS_EXIT_USAGE;
		} else if (k == 3) {
			char *end;
			long n = strtol(val, &end, 10);

			if (!*val || *end || n < 0 || n > 65535) {
				fprintf(stderr,
					"flowstat: invalid port '%s', expected 0 to 65535\n",
					val);
				return FS_EXIT_USAGE;
			}
			if (nla_put_u16(msg, FLOWSTAT_A_SESSION_DPORT, n))
				return FS_EXIT_USAGE;
		} else {
			const struct fs_link *link = fs_links_find(links, val);

			if (!link) {
				fprintf(stderr,
					"error: interface '%s' not found\n",
					val);
				return FS_EXIT_USAGE;
			}
			if (nla_put_u32(msg, FLOWSTAT_A_SESSION_IFINDEX,
					link->ifindex))
				return FS_EXIT_USAGE;
		}
	}
	return 0;
}

/* Refuses bad filters before anything talks to the kernel. */
static int check_filters(int argc, char **argv, const struct fs_links *links)
{
	struct nl_msg *msg = nlmsg_alloc();
	int ret;

	if (!msg) {
		fputs("flowstat: out of memory\n", stderr);
		return FS_EXIT_USAGE;
	}
	ret = put_filters(msg, argc, argv, links);
	nlmsg_free(msg);
	return ret;
}

struct sess {
	uint64_t id, pkts[2], bytes[2];
	uint8_t family, proto, kind, tcp_state;
	unsigned char src[16], dst[16];
	uint16_t sport, dport;
	uint32_t iif, oif, policy, timeout;
	char policy_name[FLOWSTAT_NAME_MAX];
	/* The Out direction on the wire, when NAT changed it (has_reply). */
	bool has_reply;
	unsigned char reply_src[16], reply_dst[16];
	uint16_t reply_sport, reply_dport;
	uint32_t nat_rule; /* source NAT rule position, 0: none */
};

struct show {
	const struct fs_links *links;
	bool summary;
	uint64_t total, multicast;
};

static void copy_addr(unsigned char *dst, const struct nlattr *a)
{
	memcpy(dst, nla_data(a), nla_len(a) > 16 ? 16 : nla_len(a));
}

/* The NAT attributes of a session: its reply tuple and its rule. */
static void sess_nat_attr(struct sess *s, const struct nlattr *a)
{
	switch (nla_type(a)) {
	case FLOWSTAT_A_SESSION_REPLY_SRC:
		copy_addr(s->reply_src, a);
		s->has_reply = true;
		break;
	case FLOWSTAT_A_SESSION_REPLY_DST:
		copy_addr(s->reply_dst, a);
		s->has_reply = true;
		break;
	case FLOWSTAT_A_SESSION_REPLY_SPORT:
		s->reply_sport = nla_len(a) >= 2 ? nla_get_u16(a) : 0;
		s->has_reply = true;
		break;
	case FLOWSTAT_A_SESSION_REPLY_DPORT:
		s->reply_dport = nla_len(a) >= 2 ? nla_get_u16(a) : 0;
		s->has_reply = true;
		break;
	case FLOWSTAT_A_SESSION_NAT_RULE:
		s->nat_rule = fs_nla_u32(a);
		break;
	}
}

static void sess_from_attrs(struct sess *s, struct nlattr *head, int len)
{
	struct nlattr *a;
	int rem;

	memset(s, 0, sizeof(*s));
	nla_for_each_attr(a, head, len, rem) {
		switch (nla_type(a)) {
		case FLOWSTAT_A_SESSION_ID:
			s->id = fs_nla_u64(a);
			break;
		case FLOWSTAT_A_SESSION_FAMILY:
			s->family = fs_nla_u8(a);
			break;
		case FLOWSTAT_A_SESSION_PROTO:
			s->proto = fs_nla_u8(a);
			break;
		case FLOWSTAT_A_SESSION_SRC:
			memcpy(s->src, nla_data(a),
			       nla_len(a) > 16 ? 16 : nla_len(a));
			break;
		case FLOWSTAT_A_SESSION_DST:
			memcpy(s->dst, nla_data(a),
			       nla_len(a) > 16 ? 16 : nla_len(a));
			break;
		case FLOWSTAT_A_SESSION_SPORT:
			s->sport = nla_get_u16(a);
			break;
		case FLOWSTAT_A_SESSION_DPORT:
			s->dport = nla_get_u16(a);
			break;
		case FLOWSTAT_A_SESSION_IIF:
			s->iif = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_SESSION_OIF:
			s->oif = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_SESSION_KIND:
			s->kind = fs_nla_u8(a);
			break;
		case FLOWSTAT_A_SESSION_POLICY:
			s->policy = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_SESSION_POLICY_NAME:
			fs_nla_str(a, s->policy_name, sizeof(s->policy_name));
			break;
		case FLOWSTAT_A_SESSION_TIMEOUT:
			s->timeout = fs_nla_u32(a);
			break;
		case FLOWSTAT_A_SESSION_TCP_STATE:
			s->tcp_state = fs_nla_u8(a);
			break;
		case FLOWSTAT_A_SESSION_PKTS_IN:
			s->pkts[0] = fs_nla_u64(a);
			break;
		case FLOWSTAT_A_SESSION_BYTES_IN:
			s->bytes[0] = fs_nla_u64(a);
			break;
		case FLOWSTAT_A_SESSION_PKTS_OUT:
			s->pkts[1] = fs_nla_u64(a);
			break;
		case FLOWSTAT_A_SESSION_BYTES_OUT:
			s->bytes[1] = fs_nla_u64(a);
			break;
		default:
			sess_nat_attr(s, a);
			break;
		}
	}
}

static bool sess_multicast(const struct sess *s)
{
	return s->family == 10 ? s->dst[0] == 0xff : (s->dst[0] & 0xf0) == 0xe0;
}

static const char *tcp_state_name(uint8_t st)
{
	static const char *const names[] = {
		"none",	    "syn-sent",	  "syn-recv",  "established",
		"fin-wait", "close-wait", "time-wait", "close",
	};

	return st < ARRAY_SIZE(names) ? names[st] : "unknown";
}

/* "ge-0/0/0.0": the Junos name with its unit; the router's own end. */
static void if_name(const struct fs_links *links, uint32_t ifindex, char *buf,
		    size_t size)
{
	const struct fs_link *link;
	const char *n;

	if (!ifindex) {
		snprintf(buf, size, "%s", FS_SELF_IF);
		return;
	}
	link = fs_links_by_index(links, ifindex);
	if (!link) {
		snprintf(buf, size, "if%u", ifindex);
		return;
	}
	n = fs_link_display_name(link);
	snprintf(buf, size, "%s%s", n, strchr(n, '.') ? "" : ".0");
}

static void print_dir(const char *key, const char *label, const char *src,
		      unsigned int sport, const char *dst, unsigned int dport,
		      const char *proto, const char *ifn, uint64_t pkts,
		      uint64_t bytes)
{
	print_fp(
		"  %s: %s/%u --> %s/%u;%s, Conn Tag: 0x0, If: %s, Pkts: %" PRIu64
		", Bytes: %" PRIu64 ",\n",
		label, src, sport, dst, dport, proto, ifn, pkts, bytes);
	open_json_object(key);
	print_string(PRINT_JSON, "source", NULL, src);
	print_u64(PRINT_JSON, "source_port", NULL, sport);
	print_string(PRINT_JSON, "destination", NULL, dst);
	print_u64(PRINT_JSON, "destination_port", NULL, dport);
	print_string(PRINT_JSON, "protocol", NULL, proto);
	print_string(PRINT_JSON, "interface", NULL, ifn);
	print_u64(PRINT_JSON, "packets", NULL, pkts);
	print_u64(PRINT_JSON, "bytes", NULL, bytes);
	close_json_object();
}

static void print_session(const struct show *sh, const struct sess *s)
{
	int af = s->family == 10 ? AF_INET6 : AF_INET;
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN], pbuf[8];
	char pol[FLOWSTAT_NAME_MAX + 16], in_if[FLOWSTAT_IFNAME_MAX + 4];
	char out_if[FLOWSTAT_IFNAME_MAX + 4];
	const char *proto = fs_proto_name(s->proto, pbuf, sizeof(pbuf));

	inet_ntop(af, s->src, src, sizeof(src));
	inet_ntop(af, s->dst, dst, sizeof(dst));
	if (!s->policy)
		snprintf(pol, sizeof(pol), "%s", FS_SELF_POLICY);
	else
		snprintf(pol, sizeof(pol), "%s/%u",
			 s->policy_name[0] ? s->policy_name : "(deleted)",
			 s->policy);
	if_name(sh->links, s->iif, in_if, sizeof(in_if));
	if_name(sh->links, s->oif, out_if, sizeof(out_if));

	open_json_object(NULL);
	print_u64(PRINT_ANY, "id", "Session ID: %" PRIu64 ", ", s->id);
	print_string(PRINT_ANY, "policy_name", "Policy name: %s, ", pol);
	print_u64(PRINT_ANY, "timeout", "Timeout: %" PRIu64 ", ", s->timeout);
	print_string(PRINT_ANY, "state", "Session State: %s\n", "Valid");
	if (s->proto == IPPROTO_TCP)
		print_string(PRINT_JSON, "tcp_state", NULL,
			     tcp_state_name(s->tcp_state));
	print_dir("in", "In", src, s->sport, dst, s->dport, proto, in_if,
		  s->pkts[0], s->bytes[0]);
	if (s->nat_rule)
		print_u64(PRINT_JSON, "source_nat_rule_id", NULL, s->nat_rule);
	if (s->has_reply) {
		/* As on the wire: NAT made it differ from In reversed. */
		inet_ntop(af, s->reply_src, src, sizeof(src));
		inet_ntop(af, s->reply_dst, dst, sizeof(dst));
		print_dir("out", "Out", src, s->reply_sport, dst,
			  s->reply_dport, proto, out_if, s->pkts[1],
			  s->bytes[1]);
	} else {
		print_dir("out", "Out", dst, s->dport, src, s->sport, proto,
			  out_if, s->pkts[1], s->bytes[1]);
	}
	print_fp("\n");
	close_json_object();
}

static int session_cb(struct nlmsghdr *nlh, void *arg)
{
	struct show *sh = arg;
	struct nlattr *head;
	struct sess s;
	int len;

	head = fs_genl_attrs(nlh, &len);
	sess_from_attrs(&s, head, len);
	sh->total++;
	if (sess_multicast(&s))
		sh->multicast++;
	if (!sh->summary)
		print_session(sh, &s);
	return 0;
}

static void print_summary(const struct show *sh, const struct fs_flowstats *fs)
{
	uint64_t failed = fs->ctr[FLOWSTAT_CTR_DROP_NO_MORE_SESSIONS] +
			  fs->ctr[FLOWSTAT_CTR_DROP_NO_MINOR_SESSION];

	print_u64(PRINT_ANY, "unicast_sessions",
		  "Unicast-sessions: %" PRIu64 "\n", sh->total - sh->multicast);
	print_u64(PRINT_ANY, "multicast_sessions",
		  "Multicast-sessions: %" PRIu64 "\n", sh->multicast);
	print_u64(PRINT_ANY, "failed_sessions",
		  "Failed-sessions: %" PRIu64 "\n", failed);
	print_u64(PRINT_ANY, "sessions_in_use",
		  "Sessions-in-use: %" PRIu64 "\n", sh->total);
	print_u64(PRINT_ANY, "valid_sessions",
		  "  Valid sessions: %" PRIu64 "\n", sh->total);
	print_u64(PRINT_ANY, "pending_sessions",
		  "  Pending sessions: %" PRIu64 "\n", 0);
	print_u64(PRINT_ANY, "invalidated_sessions",
		  "  Invalidated sessions: %" PRIu64 "\n", 0);
	print_u64(PRINT_ANY, "other_sessions",
		  "  Sessions in other states: %" PRIu64 "\n", 0);
	print_u64(PRINT_ANY, "maximum_sessions",
		  "Maximum-sessions: %" PRIu64 "\n",
		  fs->sessions[FLOWSTAT_A_STATS_SESSIONS_MAX]);
}

int cmd_show_flow_session(int argc, char **argv)
{
	static const char *const summary[] = { "summary" };
	struct fs_flowstats fs = { 0 };
	struct show sh = { 0 };
	struct fs_links links;
	struct nl_msg *msg;
	int ret;

	if (argc && fs_match_word(argv[0], summary, 1) == 0) {
		sh.summary = true;
		argc--;
		argv++;
	}
	ret = fs_links_load(&links);
	if (ret)
		return ret;
	sh.links = &links;
	ret = check_filters(argc, argv, &links);
	if (ret)
		goto out;
	ret = fs_genl_open();
	if (ret)
		goto out;
	msg = fs_genl_msg(FLOWSTAT_CMD_SESSION_GET, NLM_F_DUMP, 256);
	if (msg && (ret = put_filters(msg, argc, argv, &links))) {
		nlmsg_free(msg);
		goto close;
	}
	print_start(stdout, fs_opts.json);
	if (!sh.summary)
		open_json_array("sessions");
	ret = fs_genl_request(msg, session_cb, &sh);
	if (!sh.summary)
		close_json_array();
	if (!ret && sh.summary) {
		msg = fs_genl_msg(FLOWSTAT_CMD_STATS_GET, 0, 0);
		ret = fs_genl_request(msg, fs_flowstats_cb, &fs);
		if (!ret)
			print_summary(&sh, &fs);
	} else if (!ret) {
		print_u64(PRINT_ANY, "total_sessions",
			  "Total sessions: %" PRIu64 "\n", sh.total);
	}
	print_end();
close:
	fs_genl_close();
out:
	fs_links_free(&links);
	return ret;
}

static int cleared_cb(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *head, *a;
	int len, rem;

	head = fs_genl_attrs(nlh, &len);
	nla_for_each_attr(a, head, len, rem)
		if (nla_type(a) == FLOWSTAT_A_SESSION_CLEARED)
			*(uint64_t *)arg = fs_nla_u64(a);
	return 0;
}

int cmd_clear_flow_session(int argc, char **argv)
{
	uint64_t n = 0;
	struct fs_links links;
	struct nl_msg *msg;
	int ret;

	if (!argc) {
		fputs("usage: flowstat clear security flow session (all|FILTERS...)\n",
		      stderr);
		return FS_EXIT_USAGE;
	}
	if (argc == 1 && !strcmp(argv[0], "all"))
		argc = 0;
	ret = fs_links_load(&links);
	if (ret)
		return ret;
	ret = check_filters(argc, argv, &links);
	if (ret)
		goto out;
	ret = fs_genl_open();
	if (ret)
		goto out;
	msg = fs_genl_msg(FLOWSTAT_CMD_SESSION_CLEAR, 0, 256);
	if (msg && (ret = put_filters(msg, argc, argv, &links))) {
		nlmsg_free(msg);
		goto close;
	}
	ret = fs_genl_request(msg, cleared_cb, &n);
	if (!ret) {
		print_start(stdout, fs_opts.json);
		print_u64(PRINT_ANY, "cleared",
			  "%" PRIu64 " active sessions cleared\n", n);
		print_end();
	}
close:
	fs_genl_close();
out:
	fs_links_free(&links);
	return ret;
}
