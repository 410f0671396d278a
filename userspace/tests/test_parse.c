// SPDX-License-Identifier: GPL-2.0
/* Config parser: good files, every error with its exact position, round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/flowstat.h>

#include "../config.h"
#include "tap.h"

/* Parse @text as file "t.conf"; return the printed diagnostics. */
char *parse_diags(const char *text, struct fs_config *cfg)
{
	struct fs_diags d = { .file = "t.conf" };
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	fs_config_init(cfg);
	fs_config_parse_string(text, cfg, &d);
	f = open_memstream(&buf, &len);
	fs_diags_print(&d, f);
	fclose(f);
	fs_diags_free(&d);
	return buf;
}

void expect_errors(const char *text, const char *want, const char *name)
{
	struct fs_config cfg;
	char *got = parse_diags(text, &cfg);

	tap_streq(got, want, name);
	free(got);
	fs_config_free(&cfg);
}

static const char good[] =
	"# a comment line\n"
	"\n"
	"set security zones security-zone trust interfaces ge-0/0/0.0 host-inbound-traffic system-services [ ping ssh ]\n"
	"set security zones security-zone trust host-inbound-traffic system-services all   # trailing comment\n"
	"set security zones security-zone untrust interfaces eth2\n"
	"  set security zones security-zone untrust host-inbound-traffic protocols [ bgp ospf ]\t\n"
	"set security zones security-zone untrust interfaces eth2 host-inbound-traffic protocols bfd\r\n"
	"set security policies from-zone trust to-zone late policy p3 match source-address any\n"
	"set security policies from-zone trust to-zone untrust policy p1 match source-address any\n"
	"set security policies from-zone trust to-zone untrust policy p1 match destination-address [ any ]\n"
	"set security policies from-zone trust to-zone untrust policy p1 match application any\n"
	"set security policies from-zone trust to-zone untrust policy p1 then permit\n"
	"set security policies from-zone trust to-zone late policy p3 match destination-address any\n"
	"set security policies from-zone trust to-zone late policy p3 match application any\n"
	"set security policies from-zone trust to-zone late policy p3 then reject\n"
	"set security policies from-zone trust to-zone late policy p3 then reject\n"
	"set security zones security-zone dmz\n"
	"set security zones security-zone late interfaces \"odd#na[me]\\\"q\"\n"
	"set security policies default-policy permit-all\n";

static void test_good(void)
{
	struct fs_config cfg;
	struct fs_cfg_zone *z;
	char *errs = parse_diags(good, &cfg);

	tap_streq(errs, "", "good config parses without errors");
	free(errs);
	tap_ok(cfg.n_zones == 4, "four zones in order of appearance");
	if (cfg.n_zones == 4)
		tap_ok(!strcmp(cfg.zones[0].name, "trust") &&
		       !strcmp(cfg.zones[1].name, "untrust") &&
		       !strcmp(cfg.zones[2].name, "dmz") &&
		       !strcmp(cfg.zones[3].name, "late"),
		       "zone names and order");
	z = fs_config_zone(&cfg, "trust", false);
	tap_ok(z && z->services == FLOWSTAT_SVC_ALL && !z->protocols,
	       "zone services: all");
	tap_ok(z && z->n_ifaces == 1 && !strcmp(z->ifaces[0].name, "ge-0/0/0.0") &&
	       z->ifaces[0].own && !z->ifaces[0].protocols &&
	       z->ifaces[0].services == ((1U << FLOWSTAT_SVC_PING) |
					 (1U << FLOWSTAT_SVC_SSH)),
	       "interface list of services, as its own");
	z = fs_config_zone(&cfg, "untrust", false);
	tap_ok(z && z->protocols == ((1U << FLOWSTAT_PROTO_BGP) |
				     (1U << FLOWSTAT_PROTO_OSPF)) &&
	       z->n_ifaces == 1 && z->ifaces[0].own &&
	       z->ifaces[0].protocols == (1U << FLOWSTAT_PROTO_BFD) &&
	       !z->ifaces[0].services,
	       "protocols on zone and interface (CRLF, leading space)");
	z = fs_config_zone(&cfg, "late", false);
	tap_ok(z && z->n_ifaces == 1 &&
	       !strcmp(z->ifaces[0].name, "odd#na[me]\"q"),
	       "quoted interface name with escapes");
	tap_ok(cfg.n_policies == 2 && !strcmp(cfg.policies[0].name, "p3") &&
	       !strcmp(cfg.policies[1].name, "p1") &&
	       cfg.policies[0].action == FLOWSTAT_ACTION_REJECT &&
	       cfg.policies[1].action == FLOWSTAT_ACTION_PERMIT &&
	       !strcmp(cfg.policies[0].to, "late"),
	       "policies in order of first statement, zone defined later");
	tap_ok(cfg.default_policy == FLOWSTAT_ACTION_PERMIT,
	       "default policy permit-all");
	fs_config_free(&cfg);

	errs = parse_diags("set security policies default-policy deny-all\n", &cfg);
	tap_ok(!*errs && cfg.default_policy == FLOWSTAT_ACTION_DENY &&
	       !cfg.n_zones, "a lone default-policy is a configuration");
	free(errs);
	fs_config_free(&cfg);
}

#define P "set security policies from-zone trust to-zone untrust policy p1 "
#define Z "set security zones security-zone trust "
#define ZONES Z "\nset security zones security-zone untrust\n"
#define POLICY(act) P "match source-address any\n" \
	P "match destination-address any\n" P "match application any\n" \
	P "then " act "\n"

static void test_errors(void)
{
	char big[4096], longname[300];
	int i;

	expect_errors("set security zone trust\n",
		      "t.conf:1:14: error: unknown word 'zone', expected one of: zones, policies, screen, address-book, flow, ipsec, nat\n",
		      "unknown word lists what is expected");
	expect_errors("delete security zones\n",
		      "t.conf:1:1: error: unknown word 'delete', expected one of: set\n",
		      "statements start with set");
	expect_errors(Z "host-inbound-traffic system-services pong\n",
		      "t.conf:1:77: error: invalid value 'pong' for system-services, expected one of: ping, ssh, telnet, ftp, http, https, dns, ntp, snmp, traceroute, ike, dhcp, dhcpv6, tftp, netconf, ident-reset, all\n",
		      "invalid service name");
	expect_errors(Z "interfaces eth1 host-inbound-traffic protocols [ bgp isis ospf rsvp ]\n",
		      "t.conf:1:93: error: invalid value 'isis' for protocols, expected one of: bgp, ospf, ospf3, rip, ripng, vrrp, pim, bfd, ldp, all\n"
		      "t.conf:1:103: error: invalid value 'rsvp' for protocols, expected one of: bgp, ospf, ospf3, rip, ripng, vrrp, pim, bfd, ldp, all\n",
		      "every bad value of a list is reported");
	expect_errors(ZONES P "match source-address any\n"
		      P "match destination-address any\n"
		      P "match application any\n" P "then allow\n",
		      "t.conf:6:70: error: invalid value 'allow' for then, expected one of: deny, permit, reject, count\n",
		      "invalid action");
	expect_errors(Z "\n" POLICY("permit"),
		      "t.conf:2:47: error: unknown zone 'untrust'\n",
		      "policy to an undefined zone");
	expect_errors("set security policies from-zone dmz to-zone dmz policy x then deny\n"
		      "set security policies from-zone dmz to-zone dmz policy x match source-address any\n"
		      "set security policies from-zone dmz to-zone dmz policy x match destination-address any\n"
		      "set security policies from-zone dmz to-zone dmz policy x match application any\n",
		      "t.conf:1:33: error: unknown zone 'dmz'\n"
		      "t.conf:1:45: error: unknown zone 'dmz'\n",
		      "both zones of a policy, reported once");
	expect_errors(ZONES P "match source-address web\n"
		      P "match destination-address [ any db ]\n"
		      P "match application junos-http\n" P "then permit\n",
		      "t.conf:3:86: error: unknown address 'web'\n"
		      "t.conf:4:97: error: unknown address 'db'\n",
		      "unknown addresses; predefined applications are known");
	expect_errors(ZONES POLICY("permit")
		      "set security policies from-zone untrust to-zone trust policy p1 then deny\n",
		      "t.conf:7:62: error: duplicate policy name 'p1' (already used from-zone trust to-zone untrust at t.conf:3)\n",
		      "policy name used in two zone pairs");
	expect_errors(ZONES P "then permit\n",
		      "t.conf:3:62: error: policy 'p1' has no 'match source-address'\n"
		      "t.conf:3:62: error: policy 'p1' has no 'match destination-address'\n"
		      "t.conf:3:62: error: policy 'p1' has no 'match application'\n",
		      "incomplete policy: matches missing");
	expect_errors(ZONES P "match source-address any\n"
		      P "match destination-address any\n"
		      P "match application any\n",
		      "t.conf:3:62: error: policy 'p1' has no 'then' action\n",
		      "incomplete policy: no then");
	expect_errors(ZONES POLICY("permit") P "then deny\n",
		      "t.conf:7:70: error: conflicting action 'deny' for policy 'p1' (already 'permit' at t.conf:6)\n",
		      "two different actions");
	expect_errors(Z "interfaces eth1\n"
		      "set security zones security-zone untrust interfaces eth1.0\n",
		      "t.conf:2:53: error: interface 'eth1.0' is already in zone 'trust'\n",
		      "interface in two zones (unit .0 is the same)");
	expect_errors("", "t.conf:1:1: error: empty configuration\n",
		      "empty file");
	expect_errors("# nothing\n\n   # here\n",
		      "t.conf:1:1: error: empty configuration\n",
		      "only comments is empty");
	expect_errors("set security zones security-zone -bad\n",
		      "t.conf:1:34: error: invalid zone name '-bad': expected 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit\n",
		      "zone name must start with a letter or digit");
	expect_errors(ZONES "set security policies from-zone trust to-zone untrust policy a/b then deny\n",
		      "t.conf:3:62: error: invalid policy name 'a/b': expected 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit\n",
		      "policy name charset");
	memset(longname, 'z', 64);
	longname[64] = '\0';
	snprintf(big, sizeof(big), "set security zones security-zone %s\n",
		 longname);
	expect_errors(big,
		      "t.conf:1:34: error: invalid zone name 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz': expected 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit\n",
		      "zone name of 64 characters is too long");
	longname[63] = '\0';
	snprintf(big, sizeof(big), "set security zones security-zone %s\n",
		 longname);
	expect_errors(big, "", "zone name of 63 characters is fine");
	expect_errors(Z "interfaces \"\"\n",
		      "t.conf:1:51: error: invalid interface name '': expected 1 to 255 characters without whitespace\n",
		      "empty interface name");
	expect_errors(Z "interfaces \"a b\"\n",
		      "t.conf:1:51: error: invalid interface name 'a b': expected 1 to 255 characters without whitespace\n",
		      "interface name with whitespace");
	memset(longname, 'i', 256);
	longname[256] = '\0';
	snprintf(big, sizeof(big), Z "interfaces %s\n", longname);
	{
		char want[1024];

		snprintf(want, sizeof(want),
			 "t.conf:1:51: error: invalid interface name '%s': expected 1 to 255 characters without whitespace\n",
			 longname);
		expect_errors(big, want, "interface name of 256 characters");
	}
	longname[255] = '\0';
	snprintf(big, sizeof(big), Z "interfaces %s\n", longname);
	expect_errors(big, "", "interface name of 255 characters is fine");

	/* Recognised statements that are not implemented: never ignored. */
	expect_errors("set security screen ids-option s1 icmp flood\n",
		      "t.conf:1:35: error: 'set security screen ids-option s1 icmp' is not supported yet\n",
		      "screen: icmp not supported yet");
	expect_errors("set access firewall-authentication max-sessions-per-user 2\n",
		      "t.conf:1:5: error: 'set access' is not supported yet\n",
		      "access not supported yet");
	expect_errors(
		"set security ipsec vpn v bind-interface xfrm0\n"
		"set security nat source pool p routing-instance r\n"
		"set security policies global policy g then deny\n",
		"t.conf:1:14: error: 'set security ipsec' is not supported yet\n"
		"t.conf:2:32: error: 'set security nat source pool p routing-instance' is not supported yet\n"
		"t.conf:3:23: error: 'set security policies global' is not supported yet\n",
		"ipsec, nat, global policies not supported yet");
	expect_errors("set security flow max-sessions 0\n"
		      "set security flow max-sessions 4294967296\n"
		      "set security flow max-minor-sessions ten\n"
		      "set security flow udp-session timeout 86401\n"
		      "set security flow tcp-session established-timeout 60 x\n"
		      "set security flow tcp-session tcp-initial-timeout 5\n"
		      "set security flow tcp-session tcp-initial-timeout 6\n"
		      "set security flow tcp-session syn-check\n"
		      "set security flow udp-session\n",
		      "t.conf:1:32: error: max-sessions '0' out of range, expected 1 to 4294967295\n"
		      "t.conf:2:32: error: max-sessions '4294967296' out of range, expected 1 to 4294967295\n"
		      "t.conf:3:38: error: invalid max-minor-sessions 'ten', expected a number\n"
		      "t.conf:4:39: error: timeout '86401' out of range, expected 1 to 86400\n"
		      "t.conf:5:54: error: unexpected word 'x' after the end of the statement\n"
		      "t.conf:7:51: error: conflicting tcp-initial-timeout 6 (already 5 at t.conf:6)\n"
		      "t.conf:8:31: error: unknown word 'syn-check', expected one of: no-sequence-check, tcp-initial-timeout, established-timeout\n"
		      "t.conf:9:30: error: incomplete statement, expected one of: timeout\n",
		      "flow settings: ranges, numbers, conflicts, words");
	expect_errors(Z "tcp-rst now\n" Z "screen s1\n",
		      "t.conf:1:48: error: unexpected word 'now' after the end of the statement\n"
		      "t.conf:2:47: error: unknown screen 's1'\n",
		      "zone tcp-rst takes nothing; a zone's screen must exist");
	expect_errors("set security screen ids-option s1 tcp syn-flood attack-threshold 0\n"
		      "set security screen ids-option s1 tcp syn-flood timeout 51\n"
		      "set security screen ids-option s1 tcp syn-flood source-threshold x\n"
		      "set security screen ids-option s1 tcp syn-flood destination-threshold\n"
		      "set security screen ids-option s1 ip spoofed\n"
		      "set security screen ids-option -x\n",
		      "t.conf:1:66: error: invalid threshold '0': expected 1 to 1000000\n"
		      "t.conf:2:57: error: invalid timeout '51': expected 1 to 50\n"
		      "t.conf:3:66: error: invalid threshold 'x': expected 1 to 1000000\n"
		      "t.conf:4:70: error: incomplete statement, expected threshold\n"
		      "t.conf:5:38: error: unknown word 'spoofed', expected one of: spoofing, source-route-option, tear-drop\n"
		      "t.conf:6:32: error: invalid screen name '-x': expected 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit\n",
		      "screen values: ranges, numbers, words, names");
	expect_errors(ZONES P "then permit tunnel ipsec-vpn v\n"
		      P "then permit firewall-authentication pass-through\n",
		      "t.conf:3:77: error: 'set security policies from-zone trust to-zone untrust policy p1 then permit tunnel' is not supported yet\n"
		      "t.conf:4:77: error: 'set security policies from-zone trust to-zone untrust policy p1 then permit firewall-authentication' is not supported yet\n",
		      "then tunnel/firewall-authentication not supported yet");

	/* Syntax. */
	expect_errors("set security zones security-zone\n",
		      "t.conf:1:33: error: incomplete statement, expected a zone name\n",
		      "missing zone name");
	expect_errors("set security zones\n",
		      "t.conf:1:19: error: incomplete statement, expected one of: security-zone\n",
		      "missing keyword");
	expect_errors(Z "host-inbound-traffic system-services [ ]\n",
		      "t.conf:1:77: error: empty list, expected system-services\n",
		      "empty list");
	expect_errors(Z "host-inbound-traffic system-services [ ping ssh\n",
		      "t.conf:1:77: error: missing ']' to close this list\n",
		      "unterminated list");
	expect_errors(Z "interfaces [ eth1 eth2 ]\n",
		      "t.conf:1:51: error: unexpected '[', expected an interface name\n",
		      "no list where one value is expected");
	expect_errors(Z "interfaces \"eth1\n",
		      "t.conf:1:51: error: unterminated quoted string\n",
		      "unterminated quote");
	expect_errors("set security policies default-policy deny-all extra\n",
		      "t.conf:1:47: error: unexpected word 'extra' after the end of the statement\n",
		      "trailing word");
	expect_errors("set security policies default-policy allow-all\n",
		      "t.conf:1:38: error: invalid value 'allow-all' for default-policy, expected one of: deny-all, permit-all\n",
		      "invalid default policy");
	expect_errors("set security policies default-policy deny-all\n"
		      "set security policies default-policy permit-all\n",
		      "t.conf:2:38: error: conflicting default-policy 'permit-all' (already 'deny-all' at t.conf:1)\n",
		      "conflicting default policies");
	expect_errors(Z "\nset security zones security-zone untrust\n"
		      "set security policies from-zone trust to-zone dmz policy p9 then deny\n"
		      "set security zones security-zone bad!\n",
		      "t.conf:3:47: error: unknown zone 'dmz'\n"
		      "t.conf:3:58: error: policy 'p9' has no 'match source-address'\n"
		      "t.conf:3:58: error: policy 'p9' has no 'match destination-address'\n"
		      "t.conf:3:58: error: policy 'p9' has no 'match application'\n"
		      "t.conf:4:34: error: invalid zone name 'bad!': expected 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit\n",
		      "errors of the whole file, sorted by position");

	big[0] = '\0';
	for (i = 0; i < 25; i++)
		strcat(big, "set foo\n");
	{
		char want[4096] = "";

		for (i = 1; i <= 20; i++)
			snprintf(want + strlen(want), sizeof(want) - strlen(want),
				 "t.conf:%d:5: error: unknown word 'foo', expected one of: security, applications, access\n",
				 i);
		strcat(want, "t.conf: too many errors (25), stopped after 20\n");
		expect_errors(big, want, "at most 20 errors are printed");
	}
}

char *write_set(const struct fs_config *cfg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	fs_config_write_set(cfg, f);
	fclose(f);
	return buf;
}

void expect_round_trip(const struct fs_config *a, const char *canonical,
		       const char *name)
{
	struct fs_config b;
	char *errs, *text, *again;

	text = write_set(a);
	tap_streq(text, canonical, name);
	errs = parse_diags(text, &b);
	tap_streq(errs, "", "canonical output parses");
	tap_ok(fs_config_equal(a, &b), "parse -> print -> parse: same model");
	again = write_set(&b);
	tap_streq(again, text, "printing is deterministic (byte-identical)");
	free(errs);
	free(text);
	free(again);
	fs_config_free(&b);
}

static const char canonical[] =
	"set security zones security-zone trust host-inbound-traffic system-services all\n"
	"set security zones security-zone trust interfaces ge-0/0/0.0\n"
	"set security zones security-zone trust interfaces ge-0/0/0.0 host-inbound-traffic system-services ping\n"
	"set security zones security-zone trust interfaces ge-0/0/0.0 host-inbound-traffic system-services ssh\n"
	"set security zones security-zone untrust host-inbound-traffic protocols bgp\n"
	"set security zones security-zone untrust host-inbound-traffic protocols ospf\n"
	"set security zones security-zone untrust interfaces eth2\n"
	"set security zones security-zone untrust interfaces eth2 host-inbound-traffic protocols bfd\n"
	"set security zones security-zone dmz\n"
	"set security zones security-zone late interfaces \"odd#na[me]\\\"q\"\n"
	"set security policies from-zone trust to-zone late policy p3 match source-address any\n"
	"set security policies from-zone trust to-zone late policy p3 match destination-address any\n"
	"set security policies from-zone trust to-zone late policy p3 match application any\n"
	"set security policies from-zone trust to-zone late policy p3 then reject\n"
	"set security policies from-zone trust to-zone untrust policy p1 match source-address any\n"
	"set security policies from-zone trust to-zone untrust policy p1 match destination-address any\n"
	"set security policies from-zone trust to-zone untrust policy p1 match application any\n"
	"set security policies from-zone trust to-zone untrust policy p1 then permit\n"
	"set security policies default-policy permit-all\n";

static void test_round_trip(void)
{
	struct fs_config a, b;
	char *errs, *text;

	errs = parse_diags(good, &a);
	free(errs);
	expect_round_trip(&a, canonical, "canonical set statements");
	fs_config_free(&a);

	errs = parse_diags(Z "host-inbound-traffic system-services [ ping ssh telnet ftp http https dns ntp snmp traceroute ike dhcp dhcpv6 tftp netconf ident-reset ]\n"
		     Z "host-inbound-traffic protocols all\n", &a);
	text = write_set(&a);
	tap_streq(text,
		  Z "host-inbound-traffic system-services all\n"
		  Z "host-inbound-traffic protocols all\n"
		  "set security policies default-policy deny-all\n",
		  "every service listed prints as all");
	free(errs);
	free(text);
	fs_config_free(&a);

	{
		static const char flow[] =
			"set security policies default-policy deny-all\n"
			"set security flow max-sessions 10\n"
			"set security flow max-minor-sessions 5\n"
			"set security flow tcp-session no-sequence-check\n"
			"set security flow tcp-session tcp-initial-timeout 4\n"
			"set security flow tcp-session established-timeout 30\n"
			"set security flow udp-session timeout 3\n";

		errs = parse_diags("set security flow udp-session timeout 3\n"
			     "set security flow tcp-session no-sequence-check\n"
			     "set security flow max-minor-sessions 5\n"
			     "set security flow tcp-session established-timeout 30\n"
			     "set security flow max-sessions 10\n"
			     "set security flow max-sessions 10\n"
			     "set security flow tcp-session tcp-initial-timeout 4\n",
			     &a);
		tap_streq(errs, "", "flow settings parse (same value twice is fine)");
		free(errs);
		text = write_set(&a);
		tap_streq(text, flow, "flow settings print back in canonical order");
		errs = parse_diags(text, &b);
		tap_ok(!*errs && fs_config_equal(&a, &b),
		       "flow settings round trip");
		free(errs);
		free(text);
		fs_config_free(&a);
		fs_config_free(&b);
	}

	fs_config_init(&a);
	text = write_set(&a);
	tap_streq(text, "set security policies default-policy deny-all\n",
		  "an empty running configuration prints a loadable statement");
	errs = parse_diags(text, &b);
	tap_ok(!*errs && fs_config_equal(&a, &b),
	       "empty running configuration round trip");
	free(errs);
	free(text);
	fs_config_free(&b);
}

static void test_screen_round_trip(void)
{
	static const char in[] =
		Z "screen untrust-screen\n"
		Z "tcp-rst\n"
		"set security screen ids-option untrust-screen tcp syn-flood timeout 5\n"
		"set security screen ids-option untrust-screen ip spoofing\n"
		"set security screen ids-option untrust-screen tcp syn-flood attack-threshold 10\n"
		"set security screen ids-option s2 tcp syn-flood\n"
		"set security screen ids-option s3\n";
	static const char want[] =
		"set security screen ids-option untrust-screen ip spoofing\n"
		"set security screen ids-option untrust-screen tcp syn-flood attack-threshold 10\n"
		"set security screen ids-option untrust-screen tcp syn-flood timeout 5\n"
		"set security screen ids-option s2 tcp syn-flood\n"
		"set security screen ids-option s3\n"
		Z "screen untrust-screen\n"
		Z "tcp-rst\n"
		"set security policies default-policy deny-all\n";
	struct fs_config a, b;
	char *errs, *text, *errs2;

	errs = parse_diags(in, &a);
	tap_streq(errs, "", "screens parse");
	text = write_set(&a);
	tap_streq(text, want, "screens: canonical set statements");
	errs2 = parse_diags(text, &b);
	tap_ok(!*errs2 && fs_config_equal(&a, &b),
	       "screens: parse -> print -> parse: same model");
	b.zones[0].tcp_rst = false;
	tap_ok(!fs_config_equal(&a, &b), "screens: tcp-rst takes part in equality");
	free(errs);
	free(errs2);
	free(text);
	fs_config_free(&a);
	fs_config_free(&b);
}

void test_parse(void)
{
	test_good();
	test_errors();
	test_round_trip();
	test_screen_round_trip();
}
