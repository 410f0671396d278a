// SPDX-License-Identifier: GPL-2.0
/*
 * NAT statements: a good file gives the model and the exact CONFIG_SET
 * attributes; it prints back as canonical set statements that parse to
 * the same model; every error is reported at its FILE:LINE:COLUMN.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <linux/flowstat.h>

#include "../config.h"
#include "../config_nl.h"
#include "../nat_show.h"
#include "../print.h"
#include "../util.h"
#include "tap.h"

#define ZONES                                                      \
	"set security zones security-zone trust interfaces eth1\n" \
	"set security zones security-zone untrust interfaces eth2\n"
#define SRS \
	"set security nat source rule-set rs1 from zone trust to zone untrust rule "
#define DRS "set security nat destination rule-set drs from zone untrust rule "
#define STS "set security nat static rule-set st from zone untrust rule "
#define SP "set security nat source pool "
#define DP "set security nat destination pool "

/* Out of order on purpose: kinds interleaved, a rule-set resumed. */
/* One statement per line, as in a file. */
/* clang-format off */
static const char good[] =
	ZONES
	"set security address-book global address web 10.1.0.0/24\n"
	SP "sp1 address 203.0.113.0/28\n"
	SP "sp1 port range 2000 to 3000\n"
	DP "dp1 address 10.0.0.2/32 port 8080\n"
	SP "sp2 address 198.51.100.1 to 198.51.100.9\n"
	SP "sp2 port no-translation\n"
	SRS "r1 match source-address 10.0.0.0/8\n"
	SRS "r1 match source-address [ web 192.168.0.0/16 10.0.0.0/8 ]\n"
	SRS "r1 match destination-port 80 to 90\n"
	SRS "r1 then source-nat pool sp1\n"
	DRS "d1 match destination-address 203.0.113.100/32\n"
	DRS "d1 match destination-port 80\n"
	DRS "d1 then destination-nat pool dp1\n"
	"set security nat source rule-set rs2 from zone untrust to zone trust rule r3 then source-nat interface\n"
	SRS "r2 match destination-address 2001:db8::/64\n"
	SRS "r2 then source-nat off\n"
	SP "sp6 address 2001:db8:1::/120\n"
	STS "s1 match destination-address 203.0.113.200/32\n"
	STS "s1 then static-nat prefix 10.0.0.200/32\n"
	"set security nat proxy-arp interface eth2 address 203.0.113.0/28\n"
	"set security nat proxy-ndp interface ge-0/0/1.0 address 2001:db8::1 to 2001:db8::9\n"
	"set security nat proxy-arp interface eth2 address 198.51.100.1\n"
	"set security nat proxy-arp interface eth2 address 203.0.113.0/28\n";

static const char canonical[] =
	ZONES
	"set security address-book global address web 10.1.0.0/24\n"
	SP "sp1 address 203.0.113.0/28\n"
	SP "sp1 port range 2000 to 3000\n"
	SP "sp2 address 198.51.100.1 to 198.51.100.9\n"
	SP "sp2 port no-translation\n"
	SP "sp6 address 2001:db8:1::/120\n"
	SRS "r1 match source-address 10.0.0.0/8\n"
	SRS "r1 match source-address web\n"
	SRS "r1 match source-address 192.168.0.0/16\n"
	SRS "r1 match destination-port 80 to 90\n"
	SRS "r1 then source-nat pool sp1\n"
	SRS "r2 match destination-address 2001:db8::/64\n"
	SRS "r2 then source-nat off\n"
	"set security nat source rule-set rs2 from zone untrust to zone trust rule r3 then source-nat interface\n"
	DP "dp1 address 10.0.0.2/32 port 8080\n"
	DRS "d1 match destination-address 203.0.113.100/32\n"
	DRS "d1 match destination-port 80\n"
	DRS "d1 then destination-nat pool dp1\n"
	STS "s1 match destination-address 203.0.113.200/32\n"
	STS "s1 then static-nat prefix 10.0.0.200/32\n"
	"set security nat proxy-arp interface eth2 address 203.0.113.0/28\n"
	"set security nat proxy-ndp interface ge-0/0/1.0 address 2001:db8::1 to 2001:db8::9\n"
	"set security nat proxy-arp interface eth2 address 198.51.100.1\n"
	"set security policies default-policy deny-all\n";
/* clang-format on */

static void test_model(const struct fs_config *cfg)
{
	const struct fs_cfg_nat *nat = &cfg->nat;
	const struct fs_cfg_nat_rule *r;

	tap_ok(nat->n_pools == 4 && !strcmp(nat->pools[0].name, "sp1") &&
		       nat->pools[0].addr.form == FS_NAT_PREFIX &&
		       nat->pools[0].addr.plen == 28 &&
		       nat->pools[0].has_ports &&
		       nat->pools[0].port_lo == 2000 &&
		       nat->pools[0].port_hi == 3000 &&
		       nat->pools[1].kind == FLOWSTAT_NAT_DESTINATION &&
		       nat->pools[1].has_port && nat->pools[1].port == 8080 &&
		       nat->pools[2].addr.form == FS_NAT_RANGE &&
		       nat->pools[2].no_xlate &&
		       nat->pools[3].addr.family == AF_INET6,
	       "nat: pools, forms and ports");
	tap_ok(nat->n_rulesets == 4 && !strcmp(nat->rulesets[0].name, "rs1") &&
		       nat->rulesets[0].n_rules == 2 &&
		       !strcmp(nat->rulesets[0].rules[1].name, "r2") &&
		       nat->rulesets[1].kind == FLOWSTAT_NAT_DESTINATION &&
		       !nat->rulesets[1].to &&
		       !strcmp(nat->rulesets[2].name, "rs2"),
	       "nat: rule-sets in order of first appearance, rules within");
	r = &nat->rulesets[0].rules[0];
	tap_ok(r->n_src == 3 && !r->src[0].name && r->src[0].plen == 8 &&
		       r->src[1].name && !strcmp(r->src[1].name, "web") &&
		       r->has_dport && r->dport[0] == 80 && r->dport[1] == 90 &&
		       r->action == FLOWSTAT_NAT_ACTION_POOL &&
		       !strcmp(r->pool, "sp1"),
	       "nat: a rule's entries (a repeated one once), ports, action");
	tap_ok(nat->n_proxies == 3 && nat->proxies[1].addr.family == AF_INET6,
	       "nat: proxy-arp/-ndp, a repeated one once");
}

static void test_round_trip(void)
{
	struct fs_config a;
	char *errs = parse_diags(good, &a);

	tap_streq(errs, "", "nat: good file parses");
	test_model(&a);
	expect_round_trip(&a, canonical, "nat: canonical set statements");
	free(errs);
	fs_config_free(&a);
}

/* "T{...}" for a nest, "T:v" for a value: a u8/u16 in decimal, a string,
 * "!" for a flag, other binaries in hex. */
static void describe(FILE *f, struct nlattr *head, int len, bool rule)
{
	struct nlattr *a;
	const unsigned char *d;
	int rem, i, n;

	nla_for_each_attr(a, head, len, rem) {
		d = nla_data(a);
		n = nla_len(a);
		fprintf(f, " %d", nla_type(a));
		if (rule && (nla_type(a) == FLOWSTAT_A_NATRULE_SRC ||
			     nla_type(a) == FLOWSTAT_A_NATRULE_DST ||
			     nla_type(a) == FLOWSTAT_A_NATRULE_PREFIX)) {
			fputs("{", f);
			describe(f, nla_data(a), n, false);
			fputs(" }", f);
		} else if (!n) {
			fputs(":!", f);
		} else if (n == 1) {
			fprintf(f, ":%u", d[0]);
		} else if (n == 2) {
			fprintf(f, ":%u", nla_get_u16(a));
		} else if (!d[n - 1] &&
			   strlen((const char *)d) == (size_t)n - 1) {
			fprintf(f, ":%s", d);
		} else {
			fputc(':', f);
			for (i = 0; i < n; i++)
				fprintf(f, "%02x", d[i]);
		}
	}
}

/* The NAT objects of a CONFIG_SET message, one line each. */
static char *describe_nat(struct nl_msg *msg)
{
	struct nlattr *head, *a;
	char *buf = NULL;
	size_t size = 0;
	int len, rem;
	FILE *f = open_memstream(&buf, &size);

	len = genlmsg_attrlen(nlmsg_data(nlmsg_hdr(msg)), 0);
	head = genlmsg_attrdata(nlmsg_data(nlmsg_hdr(msg)), 0);
	nla_for_each_attr(a, head, len, rem) {
		if (nla_type(a) < FLOWSTAT_A_CFG_NAT_POOL)
			continue;
		fprintf(f, "%d:", nla_type(a));
		describe(f, nla_data(a), nla_len(a),
			 nla_type(a) == FLOWSTAT_A_CFG_NAT_RULE);
		fputc('\n', f);
	}
	fclose(f);
	return buf;
}

/* Attribute numbers: pool 1 name 2 kind 3 family 4 addr 5 plen 6 high
 * 7/8 ports 9 no-xlate 10 port; rule 1 kind 2 set 3 name 4 from 5 to
 * 6 src 7 dst 8/9 dport 10 action 11 pool 12 prefix; proxy 1 iface 2
 * family 3 addr 4 plen 5 high. */
static const char want_attrs[] =
	"11: 1:sp1 2:0 3:2 4:cb007100 5:28 7:2000 8:3000\n"
	"11: 1:dp1 2:1 3:2 4:0a000002 5:32 10:8080\n"
	"11: 1:sp2 2:0 3:2 4:c6336401 6:c6336409 9:!\n"
	"11: 1:sp6 2:0 3:10 4:20010db8000100000000000000000000 5:120\n"
	"12: 1:0 2:rs1 3:r1 4:trust 5:untrust 6{ 2:2 3:0a000000 4:8 } 6{ 1:web } 6{ 2:2 3:c0a80000 4:16 } 8:80 9:90 10:2 11:sp1\n"
	"12: 1:0 2:rs1 3:r2 4:trust 5:untrust 7{ 2:10 3:20010db8000000000000000000000000 4:64 } 10:0\n"
	"12: 1:0 2:rs2 3:r3 4:untrust 5:trust 10:1\n"
	"12: 1:1 2:drs 3:d1 4:untrust 7{ 2:2 3:cb007164 4:32 } 8:80 9:80 10:2 11:dp1\n"
	"12: 1:2 2:st 3:s1 4:untrust 7{ 2:2 3:cb0071c8 4:32 } 10:3 12{ 2:2 3:0a0000c8 4:32 }\n"
	"13: 1:eth2 2:2 3:cb007100 4:28\n"
	"13: 1:ge-0/0/1.0 2:10 3:20010db8000000000000000000000001 5:20010db8000000000000000000000009\n"
	"13: 1:eth2 2:2 3:c6336401\n";

static void test_attrs(void)
{
	struct fs_config a, b;
	struct nl_msg *msg;
	struct nlattr *head;
	char *errs = parse_diags(good, &a), *got;
	int len;

	msg = nlmsg_alloc_size(fs_config_msg_size(&a) + 64);
	genlmsg_put(msg, 0, 0, 99, 0, 0, FLOWSTAT_CMD_CONFIG_SET, 1);
	tap_ok(!*errs && fs_config_put(msg, &a) == 0,
	       "nat: CONFIG_SET fits the size estimate");
	got = describe_nat(msg);
	tap_streq(got, want_attrs,
		  "nat: exact attributes; pools, rules by kind, proxies");
	fs_config_init(&b);
	len = genlmsg_attrlen(nlmsg_data(nlmsg_hdr(msg)), 0);
	head = genlmsg_attrdata(nlmsg_data(nlmsg_hdr(msg)), 0);
	fs_config_add_attrs(&b, head, len);
	tap_ok(fs_config_equal(&a, &b),
	       "nat: CONFIG_SET attributes decode to the same model");
	free(got);
	free(errs);
	nlmsg_free(msg);
	fs_config_free(&a);
	fs_config_free(&b);
}

static void test_errors(void)
{
	expect_errors(
		ZONES SP "a address 10.0.0.0/24\n" SP "a address 10.0.0.0/24\n",
		"t.conf:4:32: error: pool 'a' already has address 10.0.0.0/24 (at t.conf:3): a pool takes one address statement\n",
		"nat: a second address line of a pool");
	expect_errors(
		ZONES SP "a address 10.0.0.0/24\n" SP
			 "b address 10.0.0.128 to 10.0.0.200\n" SP
			 "c address 10.0.1.0/24\n" DP "d address 10.0.1.1\n",
		"t.conf:4:40: error: source pool 'b' overlaps source pool 'a' (at t.conf:3)\n",
		"nat: overlapping source pools (a destination pool may overlap)");
	expect_errors(
		ZONES SP
		"a address 10.0.0.0/24\n" SP "a port range 80 to 90\n" SP
		"a port range 3000 to 2000\n" SP
		"a port range 2000 to 65536\n" SP "a port range 2000 3000\n",
		"t.conf:4:43: error: invalid port '80': expected 1024 to 65535\n"
		"t.conf:5:43: error: port range '3000 to 2000' is reversed: the low port comes first\n"
		"t.conf:6:51: error: invalid port '65536': expected 1024 to 65535\n"
		"t.conf:7:48: error: unknown word '3000', expected one of: to\n",
		"nat: source pool port range bounds and order");
	expect_errors(
		ZONES SP "a address 10.0.0.0/24\n" SP
			 "a port no-translation\n" SP
			 "a port range 2000 to 3000\n",
		"t.conf:5:37: error: conflicting port settings for pool 'a' (already no-translation at t.conf:4)\n",
		"nat: port range after no-translation");
	expect_errors(
		ZONES SP "a address 10.0.0.0/8\n" SP
			 "b address 10.0.0.9 to 10.0.0.1\n" SP
			 "c address 10.0.0.1 to ::1\n" SP
			 "d address 10.0.0.1/24\n" SP
			 "e address 1.0.0.0 to 1.1.0.0\n",
		"t.conf:3:40: error: prefix '10.0.0.0/8' has more than 65536 addresses\n"
		"t.conf:4:40: error: address range '10.0.0.9 to 10.0.0.1' is reversed: the low address comes first\n"
		"t.conf:5:52: error: address range '10.0.0.1 to ::1' mixes IPv4 and IPv6\n"
		"t.conf:6:40: error: invalid prefix '10.0.0.1/24': address has bits set past the prefix length\n"
		"t.conf:7:40: error: address range '1.0.0.0 to 1.1.0.0' has more than 65536 addresses\n",
		"nat: pool address forms");
	expect_errors(
		ZONES SP "a\n" DP "b address 10.0.0.0/24\n" DP
			 "c address 10.0.0.1 port 0\n",
		"t.conf:3:30: error: source pool 'a' has no 'address'\n"
		"t.conf:4:45: error: invalid address '10.0.0.0/24': a destination pool address is one host (/32)\n"
		"t.conf:5:59: error: invalid port '0': expected 1 to 65535\n",
		"nat: pool without address, destination pool address and port");
	expect_errors(
		ZONES SRS
		"r1 match source-address 10.0.0.0/8\n"
		"set security nat source rule-set rs1 from zone untrust to zone trust rule r2 then source-nat off\n"
		"set security nat source rule-set rs2 from zone trust to zone dmz rule r1 then source-nat off\n"
		"set security nat destination rule-set rs1 from zone trust rule r1 match destination-address 1.2.3.4/32\n"
		"set security nat destination rule-set rs1 from zone trust rule r1 then destination-nat off\n",
		"t.conf:3:75: error: rule 'r1' has no 'then' action\n"
		"t.conf:4:48: error: rule-set 'rs1' is from zone trust to zone untrust (at t.conf:3): one context per rule-set\n"
		"t.conf:5:62: error: unknown zone 'dmz'\n"
		"t.conf:5:71: error: duplicate rule name 'r1' (already in rule-set 'rs1' at t.conf:3)\n",
		"nat: rule-set context, zones, rule names, then");
	expect_errors(
		ZONES SP "sp address 10.9.0.0/24\n" DP
			 "dp address 10.0.0.1\n" SRS
			 "r1 then source-nat pool nope\n" SRS
			 "r2 then source-nat pool dp\n" SRS
			 "r3 match source-address [ 2001:db8::/64 web ]\n" SRS
			 "r3 then source-nat pool sp\n" SRS
			 "r4 then source-nat pool sp\n" SRS
			 "r4 then source-nat interface\n" DRS
			 "d1 then destination-nat pool dp\n",
		"t.conf:5:99: error: unknown source pool 'nope'\n"
		"t.conf:6:99: error: 'dp' is a destination pool, source-nat needs a source pool\n"
		"t.conf:7:101: error: rule 'r3' matches IPv6 prefix 2001:db8::/64 but pool 'sp' is IPv4\n"
		"t.conf:7:115: error: unknown address 'web'\n"
		"t.conf:10:94: error: conflicting action 'interface' for rule 'r4' (already 'pool sp' at t.conf:9)\n"
		"t.conf:11:66: error: destination rule 'd1' has no 'match destination-address'\n",
		"nat: pools named by rules, families, address names, actions");
	expect_errors(
		ZONES SRS "r1 match destination-port 90 to 80\n" SRS
			  "r1 match destination-port 80\n" SRS
			  "r1 match destination-port 81\n" SRS
			  "r1 match source-address 10.0.0.1/8\n" SRS
			  "r1 match source-address 10.0.0.0/33\n" SRS
			  "r1 then source-nat off\n",
		"t.conf:3:101: error: port range '90 to 80' is reversed: the low port comes first\n"
		"t.conf:5:101: error: conflicting destination-port for rule 'r1' (already 80 to 80)\n"
		"t.conf:6:99: error: invalid prefix '10.0.0.1/8': address has bits set past the prefix length\n"
		"t.conf:7:99: error: invalid prefix '10.0.0.0/33': prefix length must be 0 to 32\n",
		"nat: match ports and prefixes");
	expect_errors(
		ZONES STS "s1 match destination-address 1.2.3.0/24\n" STS
			  "s1 then static-nat prefix 10.0.0.0/16\n" STS
			  "s2 match destination-address web\n" STS
			  "s3 match destination-address 1.2.4.0/24\n" STS
			  "s3 match destination-address 1.2.5.0/24\n" STS
			  "s3 then static-nat prefix 10.1.0.0/24\n",
		"t.conf:4:86: error: static-nat prefix 10.0.0.0/16 does not match destination-address 1.2.3.0/24: same family and length needed\n"
		"t.conf:5:89: error: invalid prefix 'web': not an IPv4 or IPv6 address\n"
		"t.conf:7:89: error: static rule 's3' matches one destination-address (already 1.2.4.0/24)\n",
		"nat: static rules");
	expect_errors(
		ZONES
		"set security nat proxy-arp interface eth2 address 2001:db8::1\n"
		"set security nat proxy-ndp interface eth2 address 10.0.0.0/24\n"
		"set security nat proxy-arp interface eth2 prefix 10.0.0.1\n"
		"set security nat source rule-set x from interface eth1 to zone untrust rule r then source-nat off\n",
		"t.conf:3:51: error: proxy-arp takes IPv4 addresses, '2001:db8::1' is IPv6\n"
		"t.conf:4:51: error: proxy-ndp takes IPv6 addresses, '10.0.0.0/24' is IPv4\n"
		"t.conf:5:43: error: unknown word 'prefix', expected one of: address\n"
		"t.conf:6:41: error: 'set security nat source rule-set x from interface' is not supported yet\n",
		"nat: proxy families, unsupported contexts");
}

/*
 * The dumps as the kernel would send them for @good: the CONFIG_SET nests,
 * which carry the same attributes, with use and hit counts added.
 */
static void fake_dumps(struct fs_nat_view *v)
{
	struct fs_config cfg;
	struct nl_msg *msg;
	struct nlattr *head, *a;
	char *errs = parse_diags(good, &cfg);
	uint32_t id[__FLOWSTAT_NAT_KIND_MAX] = { 0 }, rid = 0;
	int len, rem;

	msg = nlmsg_alloc_size(fs_config_msg_size(&cfg) + 64);
	genlmsg_put(msg, 0, 0, 99, 0, 0, FLOWSTAT_CMD_CONFIG_SET, 1);
	fs_config_put(msg, &cfg);
	len = genlmsg_attrlen(nlmsg_data(nlmsg_hdr(msg)), 0);
	head = genlmsg_attrdata(nlmsg_data(nlmsg_hdr(msg)), 0);
	nla_for_each_attr(a, head, len, rem) {
		if (nla_type(a) == FLOWSTAT_A_CFG_NAT_POOL) {
			struct fs_nat_pool_msg *m =
				ARRAY_PUSH(v->pools, v->n_pools, v->cap_pools);

			fs_nat_pool_from_attrs(m, nla_data(a), nla_len(a));
			m->id = ++id[m->pool.kind];
			m->addresses = fs_nat_range_count(&m->pool.addr);
			m->ports_used = 10 * m->id;
			m->hits = 100 + m->id;
			m->fails = m->id;
		} else if (nla_type(a) == FLOWSTAT_A_CFG_NAT_RULE) {
			struct fs_nat_rule_msg *m =
				ARRAY_PUSH(v->rules, v->n_rules, v->cap_rules);

			fs_nat_rule_from_attrs(m, nla_data(a), nla_len(a));
			m->id = ++rid;
			m->hits = 7 * rid;
			m->fails = rid == 1;
		}
	}
	nlmsg_free(msg);
	free(errs);
	fs_config_free(&cfg);
}

static char *view_text(const struct fs_nat_view *v, int what, int kind,
		       const char *name, bool json)
{
	capture_start(json);
	if (what == 0)
		fs_print_nat_summary(v, kind);
	else if (what == 1)
		fs_print_nat_pools(v, kind, name);
	else
		fs_print_nat_rules(v, kind, name);
	return capture_end();
}

/* clang-format off */
static const char want_src_summary[] =
	"Total port number usage for port translation pool: 40\n"
	"Maximum port number for port translation pool: 16531088\n"
	"Total pools: 3\n"
	"Pool                 Address                  Routing              PAT  Total\n"
	"Name                 Range                    Instance                  Address\n"
	"sp1                  203.0.113.0-203.0.113.15 default              yes  16\n"
	"sp2                  198.51.100.1-198.51.100.9 default             no   9\n"
	"sp6                  2001:db8:1::-2001:db8:1::ff default           yes  256\n"
	"\n"
	"Total rules: 3\n"
	"Rule name : r1\n"
	"    Rule set  : rs1\n"
	"    Action    : sp1\n"
	"    From      : trust                 To : untrust\n"
	"Rule name : r2\n"
	"    Rule set  : rs1\n"
	"    Action    : off\n"
	"    From      : trust                 To : untrust\n"
	"Rule name : r3\n"
	"    Rule set  : rs2\n"
	"    Action    : interface\n"
	"    From      : untrust               To : trust\n";

static const char want_src_pools[] =
	"Total pools: 3\n"
	"Pool name          : sp1\n"
	"Pool id            : 1\n"
	"Routing instance   : default\n"
	"Host address base  : 0.0.0.0\n"
	"Port               : [2000, 3000]\n"
	"Port overloading   : 1\n"
	"Address assignment : paired\n"
	"Total addresses    : 16\n"
	"Translation hits   : 101\n"
	"Address range                        Single Ports   Twin Ports\n"
	"    203.0.113.0 - 203.0.113.15                 10            0\n"
	"Total used ports   :                           10            0\n"
	"\n"
	"Pool name          : sp2\n"
	"Pool id            : 2\n"
	"Routing instance   : default\n"
	"Host address base  : 0.0.0.0\n"
	"Port               : no translation\n"
	"Port overloading   : 1\n"
	"Address assignment : paired\n"
	"Total addresses    : 9\n"
	"Translation hits   : 102\n"
	"Address range                        Single Ports   Twin Ports\n"
	"   198.51.100.1 - 198.51.100.9                 20            0\n"
	"Total used ports   :                           20            0\n"
	"\n"
	"Pool name          : sp6\n"
	"Pool id            : 3\n"
	"Routing instance   : default\n"
	"Host address base  : ::\n"
	"Port               : [1024, 65535]\n"
	"Port overloading   : 1\n"
	"Address assignment : paired\n"
	"Total addresses    : 256\n"
	"Translation hits   : 103\n"
	"Address range                        Single Ports   Twin Ports\n"
	"   2001:db8:1:: - 2001:db8:1::ff               30            0\n"
	"Total used ports   :                           30            0\n";

static const char want_src_rules[] =
	"Total rules: 3\n"
	"Total referenced IPv4/IPv6 ip-prefixes: 2/1\n"
	"source NAT rule: r1\n"
	"  Rule set                   : rs1\n"
	"  Rule Id                    : 1\n"
	"  Rule position              : 1\n"
	"  From zone                  : trust\n"
	"  To zone                    : untrust\n"
	"  Match\n"
	"    Source addresses         : 10.0.0.0        - 10.255.255.255\n"
	"                             : web\n"
	"                             : 192.168.0.0     - 192.168.255.255\n"
	"    Destination port         : 80              - 90\n"
	"  Action                        : sp1\n"
	"    Persistent NAT type         : N/A\n"
	"    Persistent NAT mapping type : address-port-mapping\n"
	"    Inactivity timeout          : 0\n"
	"    Max session number          : 0\n"
	"    Persistent NAT block session: disabled\n"
	"  Translation hits           : 8\n"
	"    Successful sessions      : 7\n"
	"    Failed sessions          : 1\n"
	"source NAT rule: r2\n"
	"  Rule set                   : rs1\n"
	"  Rule Id                    : 2\n"
	"  Rule position              : 2\n"
	"  From zone                  : trust\n"
	"  To zone                    : untrust\n"
	"  Match\n"
	"    Destination addresses    : 2001:db8::      - 2001:db8::ffff:ffff:ffff:ffff\n"
	"  Action                        : off\n"
	"  Translation hits           : 14\n"
	"    Successful sessions      : 14\n"
	"    Failed sessions          : 0\n"
	"source NAT rule: r3\n"
	"  Rule set                   : rs2\n"
	"  Rule Id                    : 3\n"
	"  Rule position              : 3\n"
	"  From zone                  : untrust\n"
	"  To zone                    : trust\n"
	"  Action                        : interface\n"
	"    Persistent NAT type         : N/A\n"
	"    Persistent NAT mapping type : address-port-mapping\n"
	"    Inactivity timeout          : 0\n"
	"    Max session number          : 0\n"
	"    Persistent NAT block session: disabled\n"
	"  Translation hits           : 21\n"
	"    Successful sessions      : 21\n"
	"    Failed sessions          : 0\n";

static const char want_dst_summary[] =
	"Total pools: 1\n"
	"Pool name            Address                        Routing              Port   Total\n"
	"                     Range                          Instance                    Address\n"
	"dp1                  10.0.0.2 - 10.0.0.2            default              8080   1\n"
	"\n"
	"Total rules: 1\n"
	"Rule name            Rule set             From                 Action\n"
	"d1                   drs                  untrust              dp1\n";

static const char want_dst_pools[] =
	"Total destination-nat pools: 1\n"
	"Pool name       : dp1\n"
	"Pool id         : 1\n"
	"Total address   : 1\n"
	"Translation hits: 101\n"
	"Address range                        Port \n"
	"       10.0.0.2 - 10.0.0.2           8080\n";

static const char want_dst_rules[] =
	"Total destination-nat rules: 1\n"
	"Total referenced IPv4/IPv6 ip-prefixes: 1/0\n"
	"Destination NAT rule: d1\n"
	"  Rule set                   : drs\n"
	"  Rule Id                    : 4\n"
	"  Rule position              : 1\n"
	"  From zone                  : untrust\n"
	"    Destination addresses    : 203.0.113.100   - 203.0.113.100\n"
	"    Destination port         : 80              - 80\n"
	"  Action                     : dp1\n"
	"  Translation hits           : 28\n"
	"    Successful sessions      : 28\n"
	"    Failed sessions          : 0\n";

static const char want_static_rules[] =
	"Total static-nat rules: 1\n"
	"Total referenced IPv4/IPv6 ip-prefixes: 2/0\n"
	"Static NAT rule: s1\n"
	"  Rule set                   : st\n"
	"  Rule Id                    : 5\n"
	"  Rule position              : 1\n"
	"  From zone                  : untrust\n"
	"  Destination addresses      : 203.0.113.200\n"
	"  Host addresses             : 10.0.0.200\n"
	"  Netmask                    : 32\n"
	"  Host routing-instance      : N/A\n"
	"  Translation hits           : 35\n"
	"    Successful sessions      : 35\n"
	"    Failed sessions          : 0\n";
/* clang-format on */

static void test_views(void)
{
	static const struct {
		int what, kind;
		const char *want, *name;
	} text[] = {
		{ 0, FLOWSTAT_NAT_SOURCE, want_src_summary, "source summary" },
		{ 1, FLOWSTAT_NAT_SOURCE, want_src_pools, "source pool all" },
		{ 2, FLOWSTAT_NAT_SOURCE, want_src_rules, "source rule all" },
		{ 0, FLOWSTAT_NAT_DESTINATION, want_dst_summary,
		  "destination summary" },
		{ 1, FLOWSTAT_NAT_DESTINATION, want_dst_pools,
		  "destination pool all" },
		{ 2, FLOWSTAT_NAT_DESTINATION, want_dst_rules,
		  "destination rule all" },
		{ 2, FLOWSTAT_NAT_STATIC, want_static_rules,
		  "static rule all" },
	};
	struct fs_nat_view v = { 0 };
	char *out, name[64];
	size_t i;

	fake_dumps(&v);
	for (i = 0; i < ARRAY_SIZE(text); i++) {
		out = view_text(&v, text[i].what, text[i].kind, NULL, false);
		snprintf(name, sizeof(name), "nat view: %s, text",
			 text[i].name);
		tap_streq(out, text[i].want, name);
		free(out);
	}
	out = view_text(&v, 2, FLOWSTAT_NAT_SOURCE, "r2", false);
	tap_ok(!strncmp(out, "source NAT rule: r2\n", 20) &&
		       strstr(out, "  Rule position              : 2\n") &&
		       !strstr(out, "r1"),
	       "nat view: rule NAME, alone, with its position");
	free(out);
	out = view_text(&v, 2, FLOWSTAT_NAT_SOURCE, NULL, true);
	tap_jq(out,
	       ".total_src_rules == 3 and .total_source_nat_rule_ref_addr_num_v6 == 1 and "
	       "(.source_nat_rule_entry[0] | .rule_name == \"r1\" and .rule_matching_position == 1 and "
	       ".source_address_range_entry[1].rule_source_address_name == \"web\" and "
	       ".source_address_range_entry[0].rule_source_address_high_range == \"10.255.255.255\" and "
	       ".destination_port_entry.rule_destination_port_high == 90 and "
	       ".source_nat_rule_action_entry.source_nat_rule_action == \"sp1\" and "
	       ".source_nat_rule_hits_entry == {\"rule_translation_hits\":8,\"succ_hits\":7,\"failed_hits\":1})",
	       "nat view: source rule all, JSON element names");
	free(out);
	out = view_text(&v, 0, FLOWSTAT_NAT_SOURCE, NULL, true);
	tap_jq(out,
	       ".total_source_summary_pools == 3 and .summary_total_source_rules == 3 and "
	       ".ssg_source_pool_entry[1] == {\"ssg_source_pool_name\":\"sp2\","
	       "\"ssg_source_pool_address_range\":\"198.51.100.1-198.51.100.9\","
	       "\"ssg_source_pool_routing_instance\":\"default\",\"ssg_source_pool_pat\":\"no\","
	       "\"ssg_source_pool_total_address\":9} and "
	       ".ssg_source_rule_entry[2].ssg_source_rule_context_to == \"trust\"",
	       "nat view: source summary, JSON element names");
	free(out);
	out = view_text(&v, 1, FLOWSTAT_NAT_SOURCE, "sp2", true);
	tap_jq(out,
	       "(.source_nat_pool_info_entry | length == 1) and "
	       "(.source_nat_pool_info_entry[0] | .pool_id == 2 and .total_pool_address == 9 and "
	       ".source_pool_port_translation == \"no translation\" and .address_pool_hits == 102 and "
	       ".source_pool_address_range[0].single_port == 20) and (has(\"total_source_pools\") | not)",
	       "nat view: pool NAME, JSON, without the total");
	free(out);
	out = view_text(&v, 2, FLOWSTAT_NAT_STATIC, NULL, true);
	tap_jq(out,
	       ".total_rules == 1 and (.static_nat_rule_entry[0] | .rule_destination_address_prefix == "
	       "\"203.0.113.200\" and .rule_host_address_prefix == \"10.0.0.200\" and "
	       ".rule_address_netmask == 32 and .succ_hits == 35)",
	       "nat view: static rule all, JSON element names");
	free(out);
	out = view_text(&v, 1, FLOWSTAT_NAT_DESTINATION, "nope", false);
	tap_streq(out, "", "nat view: an unknown pool prints nothing");
	free(out);
	fs_nat_view_free(&v);
}

void test_nat(void)
{
	test_round_trip();
	test_attrs();
	test_errors();
	test_views();
}
