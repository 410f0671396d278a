// SPDX-License-Identifier: GPL-2.0
/*
 * Address book, applications and policy matches: the model a file gives,
 * every error with its exact position, lists that add up, the round trip
 * through set statements and through netlink (predefined applications
 * travel marked and are never printed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/genl/genl.h>

#include <linux/flowstat.h>

#include "../config.h"
#include "../config_nl.h"
#include "tap.h"

#define ZONES "set security zones security-zone trust interfaces eth0\n" \
	      "set security zones security-zone untrust interfaces eth1\n"
#define AB "set security address-book global "
#define APP "set applications "
#define P "set security policies from-zone untrust to-zone trust policy p1 "

static const char book[] =
	ZONES
	AB "address web 10.0.1.2/32\n"
	AB "address host 10.0.1.3\n"
	AB "address net6 fd00:1::/64\n"
	AB "address-set servers address web\n"
	AB "address-set servers address host\n"
	AB "address-set all address-set servers\n"
	AB "address-set all address net6\n"
	APP "application udp5k protocol udp destination-port 5000-5010\n"
	APP "application udp5k source-port 1024\n"
	APP "application echo protocol icmp icmp-type 8\n"
	APP "application-set web application junos-http\n"
	APP "application-set web application junos-https\n"
	P "match source-address any\n"
	P "match destination-address [ web net6 ]\n"
	P "match destination-address all\n"
	P "match destination-address web\n"
	P "match application [ web udp5k junos-ping ]\n"
	P "then reject\n"
	P "then count\n";

static const char canonical[] =
	"set security zones security-zone trust interfaces eth0\n"
	"set security zones security-zone untrust interfaces eth1\n"
	AB "address web 10.0.1.2/32\n"
	AB "address host 10.0.1.3/32\n"
	AB "address net6 fd00:1::/64\n"
	AB "address-set servers address web\n"
	AB "address-set servers address host\n"
	AB "address-set all address-set servers\n"
	AB "address-set all address net6\n"
	APP "application udp5k protocol udp\n"
	APP "application udp5k destination-port 5000-5010\n"
	APP "application udp5k source-port 1024\n"
	APP "application echo protocol icmp\n"
	APP "application echo icmp-type 8\n"
	APP "application-set web application junos-http\n"
	APP "application-set web application junos-https\n"
	P "match source-address any\n"
	P "match destination-address [ web net6 all ]\n"
	P "match application [ web udp5k junos-ping ]\n"
	P "then reject\n"
	P "then count\n"
	"set security policies default-policy deny-all\n";

static void test_model(void)
{
	struct fs_config a, b;
	char *errs = parse_diags(book, &a);
	struct fs_cfg_app *ap;

	tap_streq(errs, "", "address book and applications parse");
	free(errs);
	tap_ok(a.n_addresses == 3 && a.addresses[1].plen == 32 &&
	       a.addresses[2].family == 10 && a.addresses[2].plen == 64,
	       "addresses: a host is /32, IPv6 prefixes");
	tap_ok(a.n_asets == 2 && a.asets[0].n_members == 2, "address sets");
	ap = fs_config_app(&a, "udp5k", false);
	tap_ok(ap && ap->proto == 17 && ap->has_dport && ap->dport[0] == 5000 &&
	       ap->dport[1] == 5010 && ap->has_sport && ap->sport[0] == 1024 &&
	       ap->sport[1] == 1024, "application: protocol and port ranges");
	ap = fs_config_app(&a, "junos-https", false);
	tap_ok(ap && ap->predefined && ap->proto == 6 && ap->dport[0] == 443,
	       "a predefined application used by a set joins the model, marked");
	ap = fs_config_app(&a, "junos-ssh", false);
	tap_ok(!ap, "an unused predefined application does not");
	tap_ok(a.n_policies == 1 && a.policies[0].n_match[FS_MATCH_SRC] == 0 &&
	       a.policies[0].n_match[FS_MATCH_DST] == 3 &&
	       a.policies[0].n_match[FS_MATCH_APP] == 3 &&
	       a.policies[0].count && a.policies[0].action == FLOWSTAT_ACTION_REJECT,
	       "repeated match statements add up, a name twice counts once");

	expect_round_trip(&a, canonical,
			  "canonical set statements (predefined not printed)");

	{
		struct nl_msg *msg = nlmsg_alloc_size(fs_config_msg_size(&a) + 64);
		struct nlattr *head;
		int len;

		genlmsg_put(msg, 0, 0, 99, 0, 0, FLOWSTAT_CMD_CONFIG_SET, 1);
		tap_ok(fs_config_put(msg, &a) == 0,
		       "CONFIG_SET with the book fits the size estimate");
		fs_config_init(&b);
		len = genlmsg_attrlen(nlmsg_data(nlmsg_hdr(msg)), 0);
		head = genlmsg_attrdata(nlmsg_data(nlmsg_hdr(msg)), 0);
		fs_config_add_attrs(&b, head, len);
		tap_ok(fs_config_equal(&a, &b),
		       "book, predefined applications and matches decode to the same model");
		nlmsg_free(msg);
		fs_config_free(&b);
	}
	fs_config_free(&a);

	errs = parse_diags(ZONES P "match source-address [ any ]\n"
		     P "match destination-address any\n"
		     P "match application [ junos-ssh any ]\n" P "then permit\n", &a);
	tap_ok(!*errs && a.policies[0].n_match[FS_MATCH_APP] == 0,
	       "'any' among names is any");
	free(errs);
	fs_config_free(&a);
}

static void test_errors(void)
{
	expect_errors(AB "address a 10.0.1.2/24\n"
		      AB "address b 10.0.1.300\n"
		      AB "address c 10.0.0.0/33\n"
		      AB "address d fd00::/129\n"
		      AB "address e 10.0.0.0/x\n",
		      "t.conf:1:44: error: invalid prefix '10.0.1.2/24': address has bits set past the prefix length\n"
		      "t.conf:2:44: error: invalid prefix '10.0.1.300': not an IPv4 or IPv6 address\n"
		      "t.conf:3:44: error: invalid prefix '10.0.0.0/33': prefix length must be 0 to 32\n"
		      "t.conf:4:44: error: invalid prefix 'fd00::/129': prefix length must be 0 to 128\n"
		      "t.conf:5:44: error: invalid prefix '10.0.0.0/x': prefix length is not a number\n",
		      "bad prefixes");
	expect_errors(AB "address a 10.0.1.0/24\n" AB "address a 10.0.2.0/24\n",
		      "t.conf:2:44: error: conflicting prefix for address 'a' (already 10.0.1.0/24 at t.conf:1)\n",
		      "an address redefined differently");
	expect_errors(AB "address any 10.0.1.0/24\n",
		      "t.conf:1:42: error: 'any' is reserved and cannot name an address\n",
		      "'any' is not a name");
	expect_errors(APP "application a protocol udp destination-port 5010-5000\n"
		      APP "application b protocol udp source-port 70000\n"
		      APP "application c protocol tcp destination-port 80-\n"
		      APP "application d destination-port 80\n"
		      APP "application e protocol icmp destination-port 80\n"
		      APP "application f protocol udp icmp-type 3\n"
		      APP "application g protocol ipx\n",
		      "t.conf:1:62: error: port range '5010-5000' is reversed: the low port comes first\n"
		      "t.conf:2:57: error: invalid port '70000': expected a number 0 to 65535 or a range LOW-HIGH\n"
		      "t.conf:3:62: error: invalid port '80-': expected a number 0 to 65535 or a range LOW-HIGH\n"
		      "t.conf:4:30: error: application 'd' has no 'protocol'\n"
		      "t.conf:5:30: error: application 'e': ports need protocol tcp, udp or another protocol with ports\n"
		      "t.conf:6:30: error: application 'f': icmp-type needs protocol icmp or icmp6\n"
		      "t.conf:7:41: error: invalid protocol 'ipx': expected a number 0 to 255\n",
		      "bad applications");
	expect_errors(AB "address-set s1 address-set s2\n"
		      AB "address-set s2 address-set s1\n"
		      AB "address-set s3 address nope\n"
		      APP "application-set x application-set x\n"
		      APP "application-set y application junos-nope\n",
		      "t.conf:1:46: error: address-set 's1' contains itself\n"
		      "t.conf:3:57: error: unknown address or address-set 'nope'\n"
		      "t.conf:4:34: error: application-set 'x' contains itself\n"
		      "t.conf:5:48: error: unknown application or application-set 'junos-nope'\n",
		      "set cycles and unknown members");
	expect_errors(ZONES AB "address web 10.0.1.2/32\n"
		      P "match source-address [ web foo ]\n"
		      P "match destination-address bar\n"
		      P "match application [ junos-http nosuch ]\n" P "then permit\n",
		      "t.conf:4:92: error: unknown address 'foo'\n"
		      "t.conf:5:91: error: unknown address 'bar'\n"
		      "t.conf:6:96: error: unknown application 'nosuch'\n",
		      "unknown names in policies, at their column");
	expect_errors(AB "address a 10.0.1.0/24\n" AB "address-set a address a\n",
		      "t.conf:1:42: error: 'a' is both an address and an address-set\n"
		      "t.conf:2:46: error: address-set 'a' contains itself\n",
		      "one name space for addresses and address sets");
}

void test_book(void)
{
	test_model();
	test_errors();
}
