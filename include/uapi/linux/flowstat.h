/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * flowstat: zone-based security flow engine, generic netlink API.
 *
 * This header is the single source of truth for the netlink contract
 * between flowstat.ko and the flowstat tool. Family name "flowstat",
 * version 1. Every command is strictly validated; every attribute set
 * starts at 1. Everything is per network namespace: a request acts on the
 * namespace of the socket that sent it.
 *
 * FLOWSTAT_CMD_CONFIG_SET (admin: CAP_NET_ADMIN in the netns' user ns)
 *   Replace the whole configuration in one atomic step. The message body
 *   holds top-level attributes, some of which repeat (each repetition is one
 *   object, in order), so that a configuration is not bound by the 64 KiB
 *   limit of one nested attribute:
 *     FLOWSTAT_A_CFG_DEFAULT_POLICY  u8, enum flowstat_action, PERMIT or DENY;
 *                                   absent means DENY (deny-all)
 *     FLOWSTAT_A_CFG_ZONE            nest, repeated, one per security zone:
 *       FLOWSTAT_A_ZONE_NAME         string, 1..FLOWSTAT_NAME_MAX-1 bytes
 *       FLOWSTAT_A_ZONE_SERVICES     u32, bitmask of enum flowstat_service
 *                                   (host-inbound system-services)
 *       FLOWSTAT_A_ZONE_PROTOCOLS    u32, bitmask of enum flowstat_protocol
 *                                   (host-inbound protocols)
 *       FLOWSTAT_A_ZONE_IFACE        nest, repeated, one per bound interface:
 *         FLOWSTAT_A_IFACE_NAME      string, Linux name or alias (with an
 *                                   optional ".0" unit), 1..FLOWSTAT_IFNAME_MAX-1
 *         FLOWSTAT_A_IFACE_SERVICES  u32, like ZONE_SERVICES
 *         FLOWSTAT_A_IFACE_PROTOCOLS u32, like ZONE_PROTOCOLS
 *                                   If either is present, the interface has
 *                                   host-inbound settings of its own and
 *                                   both masks (an absent one is 0) replace
 *                                   the zone's, as on the gateways.
 *     FLOWSTAT_A_CFG_POLICY          nest, repeated, in evaluation order:
 *       FLOWSTAT_A_POLICY_NAME       string, unique within its zone pair
 *       FLOWSTAT_A_POLICY_FROM_ZONE  string, a configured zone
 *       FLOWSTAT_A_POLICY_TO_ZONE    string, a configured zone
 *       FLOWSTAT_A_POLICY_ACTION     u8, enum flowstat_action
 *   Nothing is changed unless the whole request is valid; errors carry an
 *   extack message. Existing sessions are re-checked against the new
 *   policies; those no longer permitted are closed.
 *
 * FLOWSTAT_CMD_CONFIG_GET (dump; read-only, open to all: the configuration
 *   holds no secrets and operators read it without privileges)
 *   One message per object: first one with FLOWSTAT_A_CFG_DEFAULT_POLICY
 *   and FLOWSTAT_A_CFG_GENERATION (u32, bumped by every CONFIG_SET), then
 *   one FLOWSTAT_A_CFG_ZONE per zone, then the address book and the
 *   applications (one object each, see "Address books" below), then one
 *   FLOWSTAT_A_CFG_POLICY per policy, in configured order. Resumable; NLM_F_DUMP_INTR if the
 *   configuration changed during the dump.
 *
 * FLOWSTAT_CMD_IFSTATS_GET (dump; read-only, open to all: counters only)
 *   One message per interface of the namespace, in ifindex order:
 *     FLOWSTAT_A_IFSTATS_IFINDEX     u32
 *     FLOWSTAT_A_IFSTATS_IFNAME      string, the Linux name
 *     FLOWSTAT_A_IFSTATS_ZONE        string, absent if bound to no zone
 *     FLOWSTAT_A_IFSTATS_SERVICES    u32, effective host-inbound services
 *     FLOWSTAT_A_IFSTATS_PROTOCOLS   u32, effective host-inbound protocols
 *     FLOWSTAT_A_IFSTATS_CLEARED     u64, wall-clock seconds (UNIX time) of
 *                                   the last clear; 0 means never
 *     FLOWSTAT_A_IFSTATS_BASE        nest, the device's own counters as they
 *                                   were at the last clear (all 0 if never),
 *                                   attributes enum flowstat_devstat, u64
 *     FLOWSTAT_A_IFSTATS_RATE        nest, transit rates from the kernel's
 *                                   estimator, attributes enum
 *                                   flowstat_rate, u64 (bits or packets per
 *                                   second)
 *     FLOWSTAT_A_IFSTATS_COUNTERS    nest, one u64 per counter since the last
 *                                   clear; attribute type is enum
 *                                   flowstat_counter + 1
 *     FLOWSTAT_A_IFSTATS_PAD         padding for 64-bit attributes
 *
 * FLOWSTAT_CMD_STATS_GET (do; read-only, open to all)
 *   Reply: FLOWSTAT_A_STATS_COUNTERS (nest, as IFSTATS_COUNTERS, summed over
 *   all interfaces of the namespace) and the session figures
 *   FLOWSTAT_A_STATS_SESSIONS_* (u64): current, maximum allowed, created and
 *   deleted since the namespace started, current TCP/UDP/ICMP/other.
 *
 * FLOWSTAT_CMD_STATS_CLEAR (admin)
 *   FLOWSTAT_A_STATS_IFINDEX u32: clear one interface; absent: clear all.
 *   Zeroes the flow counters (by recording a baseline; the per-CPU counters
 *   themselves are never written from outside the packet path) and records
 *   the device's own counters as the new baseline and the time.
 *
 * FLOWSTAT_CMD_SESSION_GET (dump; admin: sessions show addresses)
 *   One message per session; attributes and filters: enum
 *   flowstat_attr_session below.
 *
 * FLOWSTAT_CMD_SESSION_CLEAR (admin)
 *   Closes the sessions matching the filters of the request (all if none);
 *   enum flowstat_attr_session below.
 *
 * FLOWSTAT_CMD_POLICY_STATS_GET (dump; read-only, open to all)
 *   Per-policy hit counts; enum flowstat_attr_polstats below.
 *
 * FLOWSTAT_CMD_SCREEN_STATS_GET (dump; read-only, open to all)
 *   Per-zone screen counters; enum flowstat_attr_screenstats below.
 *
 * FLOWSTAT_CMD_NAT_POOL_GET, FLOWSTAT_CMD_NAT_RULE_GET (dumps; read-only,
 *   open to all): NAT pools with their use, NAT rules with their hits;
 *   "NAT" below.
 */
#ifndef _UAPI_LINUX_FLOWSTAT_H
#define _UAPI_LINUX_FLOWSTAT_H

#define FLOWSTAT_GENL_NAME "flowstat"
#define FLOWSTAT_GENL_VERSION 1

/* Zone and policy names, including the terminating NUL. */
#define FLOWSTAT_NAME_MAX 64
/* Interface names or aliases (IFALIASZ is 256), including the NUL. */
#define FLOWSTAT_IFNAME_MAX 256

enum flowstat_cmd {
	FLOWSTAT_CMD_UNSPEC,
	FLOWSTAT_CMD_CONFIG_SET,
	FLOWSTAT_CMD_CONFIG_GET,
	FLOWSTAT_CMD_IFSTATS_GET,
	FLOWSTAT_CMD_STATS_GET,
	FLOWSTAT_CMD_STATS_CLEAR,
	FLOWSTAT_CMD_SESSION_GET,
	FLOWSTAT_CMD_SESSION_CLEAR,
	FLOWSTAT_CMD_POLICY_STATS_GET,
	FLOWSTAT_CMD_SCREEN_STATS_GET,
	FLOWSTAT_CMD_NAT_POOL_GET,	/* NAT, see "NAT" below */
	FLOWSTAT_CMD_NAT_RULE_GET,
	__FLOWSTAT_CMD_MAX
};
#define FLOWSTAT_CMD_MAX (__FLOWSTAT_CMD_MAX - 1)

enum flowstat_action {
	FLOWSTAT_ACTION_DENY,
	FLOWSTAT_ACTION_PERMIT,
	FLOWSTAT_ACTION_REJECT,
	__FLOWSTAT_ACTION_MAX
};
#define FLOWSTAT_ACTION_MAX (__FLOWSTAT_ACTION_MAX - 1)

/* host-inbound-traffic system-services; bit numbers of a u32 mask. */
enum flowstat_service {
	FLOWSTAT_SVC_PING,		/* ICMP/ICMPv6 echo request */
	FLOWSTAT_SVC_SSH,		/* tcp/22 */
	FLOWSTAT_SVC_TELNET,		/* tcp/23 */
	FLOWSTAT_SVC_FTP,		/* tcp/21 */
	FLOWSTAT_SVC_HTTP,		/* tcp/80 */
	FLOWSTAT_SVC_HTTPS,		/* tcp/443 */
	FLOWSTAT_SVC_DNS,		/* udp/53, tcp/53 */
	FLOWSTAT_SVC_NTP,		/* udp/123 */
	FLOWSTAT_SVC_SNMP,		/* udp/161 */
	FLOWSTAT_SVC_TRACEROUTE,	/* udp/33434-33523 */
	FLOWSTAT_SVC_IKE,		/* udp/500, udp/4500 */
	FLOWSTAT_SVC_DHCP,		/* udp/67, udp/68 */
	FLOWSTAT_SVC_DHCPV6,		/* udp/546, udp/547 */
	FLOWSTAT_SVC_TFTP,		/* udp/69 */
	FLOWSTAT_SVC_NETCONF,		/* tcp/830 */
	FLOWSTAT_SVC_IDENT_RESET,	/* a SYN to tcp/113 gets a RST (issue 5) */
	__FLOWSTAT_SVC_MAX
};
#define FLOWSTAT_SVC_MAX (__FLOWSTAT_SVC_MAX - 1)
#define FLOWSTAT_SVC_ALL ((1U << __FLOWSTAT_SVC_MAX) - 1)

/* host-inbound-traffic protocols; bit numbers of a u32 mask. */
enum flowstat_protocol {
	FLOWSTAT_PROTO_BGP,		/* tcp/179 */
	FLOWSTAT_PROTO_OSPF,		/* IP protocol 89 over IPv4 */
	FLOWSTAT_PROTO_OSPF3,		/* IP protocol 89 over IPv6 */
	FLOWSTAT_PROTO_RIP,		/* udp/520 */
	FLOWSTAT_PROTO_RIPNG,		/* udp/521 */
	FLOWSTAT_PROTO_VRRP,		/* IP protocol 112 */
	FLOWSTAT_PROTO_PIM,		/* IP protocol 103 */
	FLOWSTAT_PROTO_BFD,		/* udp/3784, udp/3785 */
	FLOWSTAT_PROTO_LDP,		/* tcp/646, udp/646 */
	__FLOWSTAT_PROTO_MAX
};
#define FLOWSTAT_PROTO_MAX (__FLOWSTAT_PROTO_MAX - 1)
#define FLOWSTAT_PROTO_ALL ((1U << __FLOWSTAT_PROTO_MAX) - 1)

/*
 * Per-interface counters. Byte counts are L3 lengths: the IP (or IPv6)
 * header plus payload as the hook sees it (after reassembly), no link-layer
 * header. Drop counters are in the display order of
 * `show interfaces flow-statistics`; each dropped packet moves exactly one.
 */
enum flowstat_counter {
	FLOWSTAT_CTR_LOCAL_IN_PACKETS,
	FLOWSTAT_CTR_LOCAL_IN_BYTES,
	FLOWSTAT_CTR_LOCAL_OUT_PACKETS,
	FLOWSTAT_CTR_LOCAL_OUT_BYTES,
	FLOWSTAT_CTR_TRANSIT_IN_PACKETS,
	FLOWSTAT_CTR_TRANSIT_IN_BYTES,
	FLOWSTAT_CTR_TRANSIT_OUT_PACKETS,
	FLOWSTAT_CTR_TRANSIT_OUT_BYTES,
	/* Flow input statistics */
	FLOWSTAT_CTR_IN_SELF,
	FLOWSTAT_CTR_IN_ICMP,
	FLOWSTAT_CTR_IN_VPN,
	FLOWSTAT_CTR_IN_MULTICAST,
	FLOWSTAT_CTR_IN_PERMIT_BYTES,
	FLOWSTAT_CTR_IN_CONNECTIONS,
	/* Flow output statistics */
	FLOWSTAT_CTR_OUT_MULTICAST,
	FLOWSTAT_CTR_OUT_PERMIT_BYTES,
	/* Flow error statistics (packets dropped due to) */
	FLOWSTAT_CTR_DROP_ADDRESS_SPOOFING,
	FLOWSTAT_CTR_DROP_AUTH_FAILED,
	FLOWSTAT_CTR_DROP_INCOMING_NAT_ERRORS,
	FLOWSTAT_CTR_DROP_INVALID_ZONE,
	FLOWSTAT_CTR_DROP_MULTIPLE_USER_AUTH,
	FLOWSTAT_CTR_DROP_MULTIPLE_INCOMING_NAT,
	FLOWSTAT_CTR_DROP_NO_PARENT_FOR_GATE,
	FLOWSTAT_CTR_DROP_NO_ONE_INTERESTED,
	FLOWSTAT_CTR_DROP_NO_MINOR_SESSION,
	FLOWSTAT_CTR_DROP_NO_MORE_SESSIONS,
	FLOWSTAT_CTR_DROP_NO_NAT_GATE,
	FLOWSTAT_CTR_DROP_NO_ROUTE,
	FLOWSTAT_CTR_DROP_NO_SA,
	FLOWSTAT_CTR_DROP_NO_TUNNEL,
	FLOWSTAT_CTR_DROP_NO_SESSION_FOR_GATE,
	FLOWSTAT_CTR_DROP_NO_ZONE,
	FLOWSTAT_CTR_DROP_POLICY_DENIED,
	FLOWSTAT_CTR_DROP_SA_NOT_ACTIVE,
	FLOWSTAT_CTR_DROP_TCP_OUT_OF_WINDOW,
	FLOWSTAT_CTR_DROP_SYN_ATTACK,
	FLOWSTAT_CTR_DROP_USER_AUTH_ERRORS,
	__FLOWSTAT_CTR_MAX
};
#define FLOWSTAT_CTR_MAX (__FLOWSTAT_CTR_MAX - 1)
#define FLOWSTAT_CTR_DROP_FIRST FLOWSTAT_CTR_DROP_ADDRESS_SPOOFING

/* The device's own counters (rtnl_link_stats64), recorded at clear time. */
enum flowstat_devstat {
	FLOWSTAT_DEVSTAT_UNSPEC,
	FLOWSTAT_DEVSTAT_RX_PACKETS,
	FLOWSTAT_DEVSTAT_TX_PACKETS,
	FLOWSTAT_DEVSTAT_RX_BYTES,
	FLOWSTAT_DEVSTAT_TX_BYTES,
	FLOWSTAT_DEVSTAT_PAD,
	__FLOWSTAT_DEVSTAT_MAX
};
#define FLOWSTAT_DEVSTAT_MAX (__FLOWSTAT_DEVSTAT_MAX - 1)

/* Transit rates, exponentially weighted over a few seconds. */
enum flowstat_rate {
	FLOWSTAT_RATE_UNSPEC,
	FLOWSTAT_RATE_IN_BPS,
	FLOWSTAT_RATE_OUT_BPS,
	FLOWSTAT_RATE_IN_PPS,
	FLOWSTAT_RATE_OUT_PPS,
	FLOWSTAT_RATE_PAD,
	__FLOWSTAT_RATE_MAX
};
#define FLOWSTAT_RATE_MAX (__FLOWSTAT_RATE_MAX - 1)

/* Attribute type of counter C inside a COUNTERS nest; 0 is reserved. */
#define FLOWSTAT_A_COUNTER(c) ((c) + 1)
#define FLOWSTAT_A_COUNTER_PAD (__FLOWSTAT_CTR_MAX + 1)
#define FLOWSTAT_A_COUNTER_MAX FLOWSTAT_A_COUNTER_PAD

enum flowstat_attr_cfg {
	FLOWSTAT_A_CFG_UNSPEC,
	FLOWSTAT_A_CFG_DEFAULT_POLICY,
	FLOWSTAT_A_CFG_ZONE,
	FLOWSTAT_A_CFG_POLICY,
	FLOWSTAT_A_CFG_GENERATION,
	FLOWSTAT_A_CFG_FLOW,		/* nest, once: enum flowstat_attr_flow */
	FLOWSTAT_A_CFG_ADDRESS,		/* nest, repeated: address book entry */
	FLOWSTAT_A_CFG_ADDRESS_SET,	/* nest, repeated: address set */
	FLOWSTAT_A_CFG_APPLICATION,	/* nest, repeated: application */
	FLOWSTAT_A_CFG_APPLICATION_SET,	/* nest, repeated: application set */
	FLOWSTAT_A_CFG_SCREEN,		/* nest, repeated: ids-option */
	FLOWSTAT_A_CFG_NAT_POOL,	/* nest, repeated: see "NAT" below */
	FLOWSTAT_A_CFG_NAT_RULE,	/* nest, repeated, in order */
	FLOWSTAT_A_CFG_NAT_PROXY,	/* nest, repeated: proxy-arp/-ndp */
	FLOWSTAT_A_CFG_VPN,		/* nest, repeated: see "IPsec" below */
	__FLOWSTAT_A_CFG_MAX
};
#define FLOWSTAT_A_CFG_MAX (__FLOWSTAT_A_CFG_MAX - 1)

enum flowstat_attr_zone {
	FLOWSTAT_A_ZONE_UNSPEC,
	FLOWSTAT_A_ZONE_NAME,
	FLOWSTAT_A_ZONE_SERVICES,
	FLOWSTAT_A_ZONE_PROTOCOLS,
	FLOWSTAT_A_ZONE_IFACE,
	FLOWSTAT_A_ZONE_SCREEN,		/* string: ids-option name (issue 5) */
	FLOWSTAT_A_ZONE_TCP_RST,	/* flag: tcp-rst (issue 5) */
	__FLOWSTAT_A_ZONE_MAX
};
#define FLOWSTAT_A_ZONE_MAX (__FLOWSTAT_A_ZONE_MAX - 1)

enum flowstat_attr_iface {
	FLOWSTAT_A_IFACE_UNSPEC,
	FLOWSTAT_A_IFACE_NAME,
	FLOWSTAT_A_IFACE_SERVICES,
	FLOWSTAT_A_IFACE_PROTOCOLS,
	__FLOWSTAT_A_IFACE_MAX
};
#define FLOWSTAT_A_IFACE_MAX (__FLOWSTAT_A_IFACE_MAX - 1)

enum flowstat_attr_policy {
	FLOWSTAT_A_POLICY_UNSPEC,
	FLOWSTAT_A_POLICY_NAME,
	FLOWSTAT_A_POLICY_FROM_ZONE,
	FLOWSTAT_A_POLICY_TO_ZONE,
	FLOWSTAT_A_POLICY_ACTION,
	FLOWSTAT_A_POLICY_SRC_ADDRESS,	/* issue 4, see below */
	FLOWSTAT_A_POLICY_DST_ADDRESS,
	FLOWSTAT_A_POLICY_APPLICATION,
	FLOWSTAT_A_POLICY_COUNT,
	FLOWSTAT_A_POLICY_TUNNEL_VPN,	/* string: then permit tunnel ipsec-vpn */
	__FLOWSTAT_A_POLICY_MAX
};
#define FLOWSTAT_A_POLICY_MAX (__FLOWSTAT_A_POLICY_MAX - 1)

enum flowstat_attr_ifstats {
	FLOWSTAT_A_IFSTATS_UNSPEC,
	FLOWSTAT_A_IFSTATS_IFINDEX,
	FLOWSTAT_A_IFSTATS_IFNAME,
	FLOWSTAT_A_IFSTATS_ZONE,
	FLOWSTAT_A_IFSTATS_SERVICES,
	FLOWSTAT_A_IFSTATS_PROTOCOLS,
	FLOWSTAT_A_IFSTATS_CLEARED,
	FLOWSTAT_A_IFSTATS_BASE,
	FLOWSTAT_A_IFSTATS_RATE,
	FLOWSTAT_A_IFSTATS_COUNTERS,
	FLOWSTAT_A_IFSTATS_PAD,
	__FLOWSTAT_A_IFSTATS_MAX
};
#define FLOWSTAT_A_IFSTATS_MAX (__FLOWSTAT_A_IFSTATS_MAX - 1)

enum flowstat_attr_stats {
	FLOWSTAT_A_STATS_UNSPEC,
	FLOWSTAT_A_STATS_IFINDEX,
	FLOWSTAT_A_STATS_COUNTERS,
	FLOWSTAT_A_STATS_SESSIONS_CURRENT,
	FLOWSTAT_A_STATS_SESSIONS_MAX,
	FLOWSTAT_A_STATS_SESSIONS_CREATED,
	FLOWSTAT_A_STATS_SESSIONS_DELETED,
	FLOWSTAT_A_STATS_SESSIONS_TCP,
	FLOWSTAT_A_STATS_SESSIONS_UDP,
	FLOWSTAT_A_STATS_SESSIONS_ICMP,
	FLOWSTAT_A_STATS_SESSIONS_OTHER,
	FLOWSTAT_A_STATS_PAD,
	__FLOWSTAT_A_STATS_MAX
};
#define FLOWSTAT_A_STATS_MAX (__FLOWSTAT_A_STATS_MAX - 1)

/* ------------------------------------------------------------------ */
/* Sessions and the flow settings (set security flow ...)              */

/*
 * FLOWSTAT_A_CFG_FLOW (nest, at most once in CONFIG_SET; sent back in the
 * first CONFIG_GET message): `set security flow ...`. An absent attribute
 * is the default; CONFIG_GET returns only what was configured.
 *   FLOWSTAT_A_FLOW_MAX_SESSIONS         u32, >= 1; default sized from
 *                                       memory (STATS_SESSIONS_MAX shows it)
 *   FLOWSTAT_A_FLOW_MAX_MINOR_SESSIONS   u32, >= 1; TCP state blocks; default
 *                                       equal to the session limit
 *   FLOWSTAT_A_FLOW_NO_SEQUENCE_CHECK    flag: no TCP window check
 *   FLOWSTAT_A_FLOW_TCP_INITIAL_TIMEOUT  u32 seconds, 1..86400 (default 20)
 *   FLOWSTAT_A_FLOW_TCP_EST_TIMEOUT      u32 seconds, 1..86400 (default 1800)
 *   FLOWSTAT_A_FLOW_UDP_TIMEOUT          u32 seconds, 1..86400 (default 60)
 */
enum flowstat_attr_flow {
	FLOWSTAT_A_FLOW_UNSPEC,
	FLOWSTAT_A_FLOW_MAX_SESSIONS,
	FLOWSTAT_A_FLOW_MAX_MINOR_SESSIONS,
	FLOWSTAT_A_FLOW_NO_SEQUENCE_CHECK,
	FLOWSTAT_A_FLOW_TCP_INITIAL_TIMEOUT,
	FLOWSTAT_A_FLOW_TCP_EST_TIMEOUT,
	FLOWSTAT_A_FLOW_UDP_TIMEOUT,
	__FLOWSTAT_A_FLOW_MAX
};
#define FLOWSTAT_A_FLOW_MAX (__FLOWSTAT_A_FLOW_MAX - 1)

/* Longest configurable session timeout, seconds. */
#define FLOWSTAT_FLOW_TIMEOUT_MAX 86400

/*
 * Sessions: FLOWSTAT_CMD_SESSION_GET dump messages and the filters of
 * SESSION_GET and SESSION_CLEAR.
 * One session per dump message:
 *   FLOWSTAT_A_SESSION_ID        u64, stable for the session's life
 *   FLOWSTAT_A_SESSION_FAMILY    u8, NFPROTO_IPV4 (2) or NFPROTO_IPV6 (10)
 *   FLOWSTAT_A_SESSION_PROTO     u8, IP protocol
 *   FLOWSTAT_A_SESSION_SRC       binary, 4 or 16 bytes: source of the
 *                               first packet (the "In" direction)
 *   FLOWSTAT_A_SESSION_DST       binary, 4 or 16 bytes
 *   FLOWSTAT_A_SESSION_SPORT     u16, host order (ICMP: echo identifier)
 *   FLOWSTAT_A_SESSION_DPORT     u16, host order
 *   FLOWSTAT_A_SESSION_IIF       u32, ingress ifindex, 0: the router itself
 *   FLOWSTAT_A_SESSION_OIF       u32, egress ifindex, 0: the router itself
 *   FLOWSTAT_A_SESSION_KIND      u8, enum flowstat_session_kind
 *   FLOWSTAT_A_SESSION_POLICY    u32, 1-based index of the permitting
 *                               policy, 0 for self traffic
 *   FLOWSTAT_A_SESSION_POLICY_NAME string, its name in the running
 *                               configuration (absent if gone)
 *   FLOWSTAT_A_SESSION_TIMEOUT   u32, seconds left before it expires
 *   FLOWSTAT_A_SESSION_TCP_STATE u8, enum flowstat_tcp_state (TCP only)
 *   FLOWSTAT_A_SESSION_PKTS_IN, _BYTES_IN, _PKTS_OUT, _BYTES_OUT  u64, per
 *                               direction ("In": first packet's direction)
 *   FLOWSTAT_A_SESSION_REPLY_SRC, _REPLY_DST  binary, 4 or 16 bytes, and
 *   FLOWSTAT_A_SESSION_REPLY_SPORT, _REPLY_DPORT  u16, host order: the
 *                               "Out" direction as it is on the wire, when
 *                               NAT makes it differ from the In direction
 *                               reversed (absent otherwise)
 *   FLOWSTAT_A_SESSION_NAT_RULE  u32, 1-based position among all NAT
 *                               rules of the source NAT rule (or static
 *                               rule, outbound) that translated its source
 *                               (absent: none)
 * Filters (request attributes; all given must match, on the In direction):
 *   FLOWSTAT_A_SESSION_SRC + FLOWSTAT_A_SESSION_SRC_PLEN (u8) source prefix
 *   FLOWSTAT_A_SESSION_DST + FLOWSTAT_A_SESSION_DST_PLEN (u8) destination
 *   FLOWSTAT_A_SESSION_PROTO, FLOWSTAT_A_SESSION_DPORT
 *   FLOWSTAT_A_SESSION_IFINDEX   u32: ingress or egress interface
 * SESSION_CLEAR replies with FLOWSTAT_A_SESSION_CLEARED (u64), the number
 * of sessions it closed.
 */
enum flowstat_attr_session {
	FLOWSTAT_A_SESSION_UNSPEC,
	FLOWSTAT_A_SESSION_ID,
	FLOWSTAT_A_SESSION_FAMILY,
	FLOWSTAT_A_SESSION_PROTO,
	FLOWSTAT_A_SESSION_SRC,
	FLOWSTAT_A_SESSION_DST,
	FLOWSTAT_A_SESSION_SPORT,
	FLOWSTAT_A_SESSION_DPORT,
	FLOWSTAT_A_SESSION_IIF,
	FLOWSTAT_A_SESSION_OIF,
	FLOWSTAT_A_SESSION_KIND,
	FLOWSTAT_A_SESSION_POLICY,
	FLOWSTAT_A_SESSION_POLICY_NAME,
	FLOWSTAT_A_SESSION_TIMEOUT,
	FLOWSTAT_A_SESSION_TCP_STATE,
	FLOWSTAT_A_SESSION_PKTS_IN,
	FLOWSTAT_A_SESSION_BYTES_IN,
	FLOWSTAT_A_SESSION_PKTS_OUT,
	FLOWSTAT_A_SESSION_BYTES_OUT,
	FLOWSTAT_A_SESSION_SRC_PLEN,
	FLOWSTAT_A_SESSION_DST_PLEN,
	FLOWSTAT_A_SESSION_IFINDEX,
	FLOWSTAT_A_SESSION_CLEARED,
	FLOWSTAT_A_SESSION_PAD,
	FLOWSTAT_A_SESSION_REPLY_SRC,
	FLOWSTAT_A_SESSION_REPLY_DST,
	FLOWSTAT_A_SESSION_REPLY_SPORT,
	FLOWSTAT_A_SESSION_REPLY_DPORT,
	FLOWSTAT_A_SESSION_NAT_RULE,
	__FLOWSTAT_A_SESSION_MAX
};
#define FLOWSTAT_A_SESSION_MAX (__FLOWSTAT_A_SESSION_MAX - 1)

enum flowstat_session_kind {
	FLOWSTAT_SESSION_TRANSIT,	/* through the router */
	FLOWSTAT_SESSION_TO_SELF,	/* to the router */
	FLOWSTAT_SESSION_FROM_SELF,	/* started by the router */
};

enum flowstat_tcp_state {
	FLOWSTAT_TCP_NONE,
	FLOWSTAT_TCP_SYN_SENT,
	FLOWSTAT_TCP_SYN_RECV,
	FLOWSTAT_TCP_ESTABLISHED,
	FLOWSTAT_TCP_FIN_WAIT,		/* one side sent FIN */
	FLOWSTAT_TCP_CLOSE_WAIT,	/* both sent FIN, the last not acked */
	FLOWSTAT_TCP_TIME_WAIT,		/* both FINs acked */
	FLOWSTAT_TCP_CLOSE,		/* reset */
	__FLOWSTAT_TCP_MAX
};

/* ------------------------------------------------------------------ */
/* Address books, applications, policy hit counts                     */

/*
 * CONFIG_SET and the CONFIG_GET dump carry these top-level objects; the
 * dump sends them, one per message, after the zones and before the
 * policies. Names are 1..FLOWSTAT_NAME_MAX-1 bytes. Addresses and address
 * sets share one name space, applications and application sets another;
 * "any" names neither. Sets are flattened at load; a cycle is an error.
 *
 *   FLOWSTAT_A_CFG_ADDRESS           nest, repeated: enum flowstat_attr_address
 *     FLOWSTAT_A_ADDRESS_NAME        string
 *     FLOWSTAT_A_ADDRESS_FAMILY      u8, AF_INET or AF_INET6
 *     FLOWSTAT_A_ADDRESS_ADDR        binary, 4 or 16 bytes, network order;
 *                                   host bits past the prefix must be 0
 *     FLOWSTAT_A_ADDRESS_PREFIXLEN   u8, up to 32 or 128
 *   FLOWSTAT_A_CFG_ADDRESS_SET       nest, repeated: enum flowstat_attr_set
 *   FLOWSTAT_A_CFG_APPLICATION_SET   nest, repeated: enum flowstat_attr_set
 *     FLOWSTAT_A_SET_NAME            string
 *     FLOWSTAT_A_SET_MEMBER          string, repeated: an address or address
 *                                   set (an application or application set)
 *     FLOWSTAT_A_SET_PREDEFINED      flag, application sets only: put there
 *                                   by the tool, not written by the user
 *   FLOWSTAT_A_CFG_APPLICATION       nest, repeated: enum flowstat_attr_app
 *     FLOWSTAT_A_APP_NAME            string
 *     FLOWSTAT_A_APP_PROTOCOL        u8, IP protocol number (required)
 *     FLOWSTAT_A_APP_DPORT_MIN/MAX   u16, destination port range, both or
 *     FLOWSTAT_A_APP_SPORT_MIN/MAX   u16   neither (absent: any), MIN <= MAX;
 *                                   for TCP, UDP, UDP-Lite, SCTP, DCCP
 *     FLOWSTAT_A_APP_ICMP_TYPE       u8, ICMP or ICMPv6 type (absent: any)
 *     FLOWSTAT_A_APP_PREDEFINED      flag, a junos-* application the tool
 *                                   added (not printed back as config)
 *
 * FLOWSTAT_A_CFG_POLICY nests take, besides name, zones and action:
 *   FLOWSTAT_A_POLICY_SRC_ADDRESS    string, repeated: address or set name;
 *   FLOWSTAT_A_POLICY_DST_ADDRESS    none at all means "any"
 *   FLOWSTAT_A_POLICY_APPLICATION    string, repeated; none means "any"
 *   FLOWSTAT_A_POLICY_COUNT          flag, "then count"
 *
 * FLOWSTAT_CMD_POLICY_STATS_GET dump: one message per policy, in
 * configured order: enum flowstat_attr_polstats. COUNT is the number of
 * first packets the policy matched (whatever its action) since it was
 * loaded; a reload keeps the count of a policy whose name, from-zone and
 * to-zone are unchanged.
 */
enum flowstat_attr_address {
	FLOWSTAT_A_ADDRESS_UNSPEC,
	FLOWSTAT_A_ADDRESS_NAME,
	FLOWSTAT_A_ADDRESS_FAMILY,
	FLOWSTAT_A_ADDRESS_ADDR,
	FLOWSTAT_A_ADDRESS_PREFIXLEN,
	__FLOWSTAT_A_ADDRESS_MAX
};
#define FLOWSTAT_A_ADDRESS_MAX (__FLOWSTAT_A_ADDRESS_MAX - 1)

enum flowstat_attr_set {
	FLOWSTAT_A_SET_UNSPEC,
	FLOWSTAT_A_SET_NAME,
	FLOWSTAT_A_SET_MEMBER,
	FLOWSTAT_A_SET_PREDEFINED,
	__FLOWSTAT_A_SET_MAX
};
#define FLOWSTAT_A_SET_MAX (__FLOWSTAT_A_SET_MAX - 1)

enum flowstat_attr_app {
	FLOWSTAT_A_APP_UNSPEC,
	FLOWSTAT_A_APP_NAME,
	FLOWSTAT_A_APP_PROTOCOL,
	FLOWSTAT_A_APP_DPORT_MIN,
	FLOWSTAT_A_APP_DPORT_MAX,
	FLOWSTAT_A_APP_SPORT_MIN,
	FLOWSTAT_A_APP_SPORT_MAX,
	FLOWSTAT_A_APP_ICMP_TYPE,
	FLOWSTAT_A_APP_PREDEFINED,
	__FLOWSTAT_A_APP_MAX
};
#define FLOWSTAT_A_APP_MAX (__FLOWSTAT_A_APP_MAX - 1)

enum flowstat_attr_polstats {
	FLOWSTAT_A_POLSTATS_UNSPEC,
	FLOWSTAT_A_POLSTATS_INDEX,	/* u32, 1-based configured position */
	FLOWSTAT_A_POLSTATS_NAME,	/* string */
	FLOWSTAT_A_POLSTATS_FROM_ZONE,	/* string */
	FLOWSTAT_A_POLSTATS_TO_ZONE,	/* string */
	FLOWSTAT_A_POLSTATS_COUNT,	/* u64 */
	FLOWSTAT_A_POLSTATS_PAD,
	__FLOWSTAT_A_POLSTATS_MAX
};
#define FLOWSTAT_A_POLSTATS_MAX (__FLOWSTAT_A_POLSTATS_MAX - 1)

/* ------------------------------------------------------------------ */
/* Screens and zone views                                              */

/*
 * FLOWSTAT_A_CFG_SCREEN (nest, repeated, in CONFIG_SET and CONFIG_GET): one
 * `set security screen ids-option NAME ...`. A zone names it with
 * FLOWSTAT_A_ZONE_SCREEN (an unknown name is an error); FLOWSTAT_A_ZONE_TCP_RST
 * (flag) makes the zone answer a non-SYN TCP packet without a session with a
 * RST. Thresholds are SYNs per second, 1..1000000; an absent one takes the
 * Junos default (attack 200, source 4000, destination 4000, timeout 20 s).
 *   FLOWSTAT_A_SCREEN_NAME          string, 1..FLOWSTAT_NAME_MAX-1 bytes
 *   FLOWSTAT_A_SCREEN_IP_SPOOFING   flag, ip spoofing
 *   FLOWSTAT_A_SCREEN_SYN_FLOOD     flag, tcp syn-flood (with defaults)
 *   FLOWSTAT_A_SCREEN_SYN_ATTACK    u32, attack-threshold: SYNs/s to one
 *                                   destination address and port
 *   FLOWSTAT_A_SCREEN_SYN_SOURCE    u32, source-threshold: SYNs/s from one
 *                                   source address
 *   FLOWSTAT_A_SCREEN_SYN_DEST      u32, destination-threshold: SYNs/s to
 *                                   one destination address
 *   FLOWSTAT_A_SCREEN_SYN_TIMEOUT   u32, timeout (seconds, 1..50; shown,
 *                                   flowstat has no SYN proxy to time out)
 */
enum flowstat_attr_screen {
	FLOWSTAT_A_SCREEN_UNSPEC,
	FLOWSTAT_A_SCREEN_NAME,
	FLOWSTAT_A_SCREEN_IP_SPOOFING,
	FLOWSTAT_A_SCREEN_SYN_FLOOD,
	FLOWSTAT_A_SCREEN_SYN_ATTACK,
	FLOWSTAT_A_SCREEN_SYN_SOURCE,
	FLOWSTAT_A_SCREEN_SYN_DEST,
	FLOWSTAT_A_SCREEN_SYN_TIMEOUT,
	__FLOWSTAT_A_SCREEN_MAX
};
#define FLOWSTAT_A_SCREEN_MAX (__FLOWSTAT_A_SCREEN_MAX - 1)

/* Per-zone screen counters, packets dropped by each screen. */
enum flowstat_screen_ctr {
	FLOWSTAT_SCREEN_CTR_SYN_FLOOD,
	FLOWSTAT_SCREEN_CTR_IP_SPOOFING,
	__FLOWSTAT_SCREEN_CTR_MAX
};

/*
 * FLOWSTAT_CMD_SCREEN_STATS_GET: one message per zone, in configured order.
 * Counters start at 0 when a configuration is loaded.
 *   FLOWSTAT_A_SCREENSTATS_ZONE      string
 *   FLOWSTAT_A_SCREENSTATS_SCREEN    string, absent if the zone has none
 *   FLOWSTAT_A_SCREENSTATS_COUNTERS  nest, u64 per enum flowstat_screen_ctr,
 *                                   attribute type = counter + 1
 *   FLOWSTAT_A_SCREENSTATS_PAD       padding
 */
enum flowstat_attr_screenstats {
	FLOWSTAT_A_SCREENSTATS_UNSPEC,
	FLOWSTAT_A_SCREENSTATS_ZONE,
	FLOWSTAT_A_SCREENSTATS_SCREEN,
	FLOWSTAT_A_SCREENSTATS_COUNTERS,
	FLOWSTAT_A_SCREENSTATS_PAD,
	__FLOWSTAT_A_SCREENSTATS_MAX
};
#define FLOWSTAT_A_SCREENSTATS_MAX (__FLOWSTAT_A_SCREENSTATS_MAX - 1)

/* ------------------------------------------------------------------ */
/* NAT                                                                 */

/*
 * `set security nat ...`: top-level objects of CONFIG_SET, sent back one
 * per message by the CONFIG_GET dump after everything else (pools, then
 * rules). Pools and rules have names of 1..FLOWSTAT_NAME_MAX-1 bytes,
 * unique per kind (a rule: within its kind). An error names the object.
 *
 *   FLOWSTAT_A_CFG_NAT_POOL          nest, repeated: enum flowstat_attr_natpool
 *     FLOWSTAT_A_NATPOOL_NAME        string
 *     FLOWSTAT_A_NATPOOL_KIND        u8, enum flowstat_nat_kind (SOURCE or
 *                                   DESTINATION)
 *     FLOWSTAT_A_NATPOOL_FAMILY      u8, AF_INET or AF_INET6
 *     FLOWSTAT_A_NATPOOL_ADDR        binary, 4 or 16 bytes: the first address
 *     FLOWSTAT_A_NATPOOL_PREFIXLEN   u8: the pool is the prefix ADDR/LEN
 *                                   (host bits 0); or
 *     FLOWSTAT_A_NATPOOL_ADDR_HIGH   binary: the pool is ADDR to ADDR_HIGH;
 *                                   neither: the one address ADDR. At most
 *                                   65536 addresses; source pools of one
 *                                   configuration do not overlap.
 *     FLOWSTAT_A_NATPOOL_PORT_LOW    u16, source pools: port range LOW to
 *     FLOWSTAT_A_NATPOOL_PORT_HIGH   u16  HIGH, 1024..65535, LOW <= HIGH;
 *                                   both or neither (default 1024 to 65535)
 *     FLOWSTAT_A_NATPOOL_NO_XLATE    flag, source pools: port no-translation
 *     FLOWSTAT_A_NATPOOL_PORT        u16, destination pools: the port
 *
 *   FLOWSTAT_A_CFG_NAT_RULE          nest, repeated, in configured order:
 *                                   enum flowstat_attr_natrule
 *     FLOWSTAT_A_NATRULE_KIND        u8, enum flowstat_nat_kind
 *     FLOWSTAT_A_NATRULE_RULE_SET    string
 *     FLOWSTAT_A_NATRULE_NAME        string
 *     FLOWSTAT_A_NATRULE_FROM_ZONE   string, a configured zone
 *     FLOWSTAT_A_NATRULE_TO_ZONE     string, a configured zone (SOURCE only)
 *     FLOWSTAT_A_NATRULE_SRC         nest, repeated: enum flowstat_attr_address,
 *     FLOWSTAT_A_NATRULE_DST         either NAME (an address book entry or
 *                                   set) or FAMILY, ADDR and PREFIXLEN; none
 *                                   means any
 *     FLOWSTAT_A_NATRULE_DPORT_LOW   u16, destination port range, both or
 *     FLOWSTAT_A_NATRULE_DPORT_HIGH  u16  neither (absent: any)
 *     FLOWSTAT_A_NATRULE_ACTION      u8, enum flowstat_nat_action
 *     FLOWSTAT_A_NATRULE_POOL        string: the pool, for ACTION_POOL
 *     FLOWSTAT_A_NATRULE_PREFIX      nest, enum flowstat_attr_address: the
 *                                   static-nat prefix, for ACTION_PREFIX
 *   Rules are evaluated per kind and zone context, in configured order
 *   (rule-set order, then rule order): the first match wins.
 *
 *   FLOWSTAT_A_CFG_NAT_PROXY         nest, repeated: enum flowstat_attr_natproxy
 *     FLOWSTAT_A_NATPROXY_IFACE      string, an interface name or alias
 *     FLOWSTAT_A_NATPROXY_FAMILY     u8, AF_INET (proxy-arp) or AF_INET6
 *                                   (proxy-ndp)
 *     FLOWSTAT_A_NATPROXY_ADDR, _PREFIXLEN, _ADDR_HIGH  as for pools
 *
 * FLOWSTAT_CMD_NAT_POOL_GET dump: one message per pool, in configured
 * order, with the configuration attributes above at the top level of the
 * message (not in a FLOWSTAT_A_CFG_NAT_POOL nest) and
 *   FLOWSTAT_A_NATPOOL_ID            u32, 1-based position among its kind
 *   FLOWSTAT_A_NATPOOL_ADDRESSES     u64, number of addresses
 *   FLOWSTAT_A_NATPOOL_PORTS_USED    u64, bindings (address, port) in use
 *   FLOWSTAT_A_NATPOOL_HITS          u64, translations made since loaded
 *   FLOWSTAT_A_NATPOOL_FAILS         u64, bindings that could not be made
 * FLOWSTAT_CMD_NAT_RULE_GET dump: one message per rule, in configured
 * order, with the configuration attributes above at the top level and
 *   FLOWSTAT_A_NATRULE_ID            u32, 1-based position among all NAT
 *                                   rules of the configuration, all kinds
 *                                   (as FLOWSTAT_A_SESSION_NAT_RULE)
 *   FLOWSTAT_A_NATRULE_HITS          u64, first packets it translated
 *   FLOWSTAT_A_NATRULE_FAILS         u64, first packets it matched but could
 *                                   not translate (Incoming NAT errors)
 * A reload keeps a pool's bindings and counts when its name, kind and
 * addresses and ports are unchanged, and a rule's counts when its kind,
 * rule set and name are.
 */
enum flowstat_nat_kind {
	FLOWSTAT_NAT_SOURCE,
	FLOWSTAT_NAT_DESTINATION,
	FLOWSTAT_NAT_STATIC,
	__FLOWSTAT_NAT_KIND_MAX
};
#define FLOWSTAT_NAT_KIND_MAX (__FLOWSTAT_NAT_KIND_MAX - 1)

enum flowstat_nat_action {
	FLOWSTAT_NAT_ACTION_OFF,	/* source-nat off, destination-nat off */
	FLOWSTAT_NAT_ACTION_INTERFACE,	/* source-nat interface */
	FLOWSTAT_NAT_ACTION_POOL,	/* source-nat pool P, destination-nat pool P */
	FLOWSTAT_NAT_ACTION_PREFIX,	/* static-nat prefix P */
	__FLOWSTAT_NAT_ACTION_MAX
};
#define FLOWSTAT_NAT_ACTION_MAX (__FLOWSTAT_NAT_ACTION_MAX - 1)

/* Source pool port range limits and default. */
#define FLOWSTAT_NAT_PORT_MIN 1024
#define FLOWSTAT_NAT_PORT_MAX 65535
/* Most addresses in one pool or proxy range. */
#define FLOWSTAT_NAT_POOL_ADDRS_MAX 65536

enum flowstat_attr_natpool {
	FLOWSTAT_A_NATPOOL_UNSPEC,
	FLOWSTAT_A_NATPOOL_NAME,
	FLOWSTAT_A_NATPOOL_KIND,
	FLOWSTAT_A_NATPOOL_FAMILY,
	FLOWSTAT_A_NATPOOL_ADDR,
	FLOWSTAT_A_NATPOOL_PREFIXLEN,
	FLOWSTAT_A_NATPOOL_ADDR_HIGH,
	FLOWSTAT_A_NATPOOL_PORT_LOW,
	FLOWSTAT_A_NATPOOL_PORT_HIGH,
	FLOWSTAT_A_NATPOOL_NO_XLATE,
	FLOWSTAT_A_NATPOOL_PORT,
	FLOWSTAT_A_NATPOOL_ID,
	FLOWSTAT_A_NATPOOL_ADDRESSES,
	FLOWSTAT_A_NATPOOL_PORTS_USED,
	FLOWSTAT_A_NATPOOL_HITS,
	FLOWSTAT_A_NATPOOL_FAILS,
	FLOWSTAT_A_NATPOOL_PAD,
	__FLOWSTAT_A_NATPOOL_MAX
};
#define FLOWSTAT_A_NATPOOL_MAX (__FLOWSTAT_A_NATPOOL_MAX - 1)

enum flowstat_attr_natrule {
	FLOWSTAT_A_NATRULE_UNSPEC,
	FLOWSTAT_A_NATRULE_KIND,
	FLOWSTAT_A_NATRULE_RULE_SET,
	FLOWSTAT_A_NATRULE_NAME,
	FLOWSTAT_A_NATRULE_FROM_ZONE,
	FLOWSTAT_A_NATRULE_TO_ZONE,
	FLOWSTAT_A_NATRULE_SRC,
	FLOWSTAT_A_NATRULE_DST,
	FLOWSTAT_A_NATRULE_DPORT_LOW,
	FLOWSTAT_A_NATRULE_DPORT_HIGH,
	FLOWSTAT_A_NATRULE_ACTION,
	FLOWSTAT_A_NATRULE_POOL,
	FLOWSTAT_A_NATRULE_PREFIX,
	FLOWSTAT_A_NATRULE_ID,
	FLOWSTAT_A_NATRULE_HITS,
	FLOWSTAT_A_NATRULE_FAILS,
	FLOWSTAT_A_NATRULE_PAD,
	__FLOWSTAT_A_NATRULE_MAX
};
#define FLOWSTAT_A_NATRULE_MAX (__FLOWSTAT_A_NATRULE_MAX - 1)

enum flowstat_attr_natproxy {
	FLOWSTAT_A_NATPROXY_UNSPEC,
	FLOWSTAT_A_NATPROXY_IFACE,
	FLOWSTAT_A_NATPROXY_FAMILY,
	FLOWSTAT_A_NATPROXY_ADDR,
	FLOWSTAT_A_NATPROXY_PREFIXLEN,
	FLOWSTAT_A_NATPROXY_ADDR_HIGH,
	__FLOWSTAT_A_NATPROXY_MAX
};
#define FLOWSTAT_A_NATPROXY_MAX (__FLOWSTAT_A_NATPROXY_MAX - 1)

/* ------------------------------------------------------------------ */
/* IPsec (reserved: issue 11 builds it; the kernel refuses these until) */

/*
 * The SAs themselves are the kernel's xfrm states, made by `ip xfrm` or an
 * IKE daemon; flowstat decides, counts and shows.
 *   FLOWSTAT_A_CFG_VPN               nest, repeated: enum flowstat_attr_vpn
 *     FLOWSTAT_A_VPN_NAME            string, 1..FLOWSTAT_NAME_MAX-1 bytes
 *     FLOWSTAT_A_VPN_BIND_IFACE      string: an xfrm interface (route-based
 *                                   VPN), name or alias
 *     FLOWSTAT_A_VPN_PEER_FAMILY     u8, AF_INET or AF_INET6, and
 *     FLOWSTAT_A_VPN_PEER            binary, 4 or 16 bytes: the peer gateway
 *   FLOWSTAT_A_POLICY_TUNNEL_VPN     string in a FLOWSTAT_A_CFG_POLICY nest:
 *                                   `then permit tunnel ipsec-vpn VPN`
 *                                   (policy-based VPN; action PERMIT)
 */
enum flowstat_attr_vpn {
	FLOWSTAT_A_VPN_UNSPEC,
	FLOWSTAT_A_VPN_NAME,
	FLOWSTAT_A_VPN_BIND_IFACE,
	FLOWSTAT_A_VPN_PEER_FAMILY,
	FLOWSTAT_A_VPN_PEER,
	__FLOWSTAT_A_VPN_MAX
};
#define FLOWSTAT_A_VPN_MAX (__FLOWSTAT_A_VPN_MAX - 1)

#endif /* _UAPI_LINUX_FLOWSTAT_H */
