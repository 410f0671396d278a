// SPDX-License-Identifier: GPL-2.0
/* Words of the configuration language that name uapi enum values. */
#include <string.h>

#include "names.h"

const char *const fs_service_names[__FLOWSTAT_SVC_MAX] = {
	[FLOWSTAT_SVC_PING]		= "ping",
	[FLOWSTAT_SVC_SSH]		= "ssh",
	[FLOWSTAT_SVC_TELNET]		= "telnet",
	[FLOWSTAT_SVC_FTP]		= "ftp",
	[FLOWSTAT_SVC_HTTP]		= "http",
	[FLOWSTAT_SVC_HTTPS]		= "https",
	[FLOWSTAT_SVC_DNS]		= "dns",
	[FLOWSTAT_SVC_NTP]		= "ntp",
	[FLOWSTAT_SVC_SNMP]		= "snmp",
	[FLOWSTAT_SVC_TRACEROUTE]	= "traceroute",
	[FLOWSTAT_SVC_IKE]		= "ike",
	[FLOWSTAT_SVC_DHCP]		= "dhcp",
	[FLOWSTAT_SVC_DHCPV6]		= "dhcpv6",
	[FLOWSTAT_SVC_TFTP]		= "tftp",
	[FLOWSTAT_SVC_NETCONF]		= "netconf",
	[FLOWSTAT_SVC_IDENT_RESET]	= "ident-reset",
};

const char *const fs_protocol_names[__FLOWSTAT_PROTO_MAX] = {
	[FLOWSTAT_PROTO_BGP]	= "bgp",
	[FLOWSTAT_PROTO_OSPF]	= "ospf",
	[FLOWSTAT_PROTO_OSPF3]	= "ospf3",
	[FLOWSTAT_PROTO_RIP]	= "rip",
	[FLOWSTAT_PROTO_RIPNG]	= "ripng",
	[FLOWSTAT_PROTO_VRRP]	= "vrrp",
	[FLOWSTAT_PROTO_PIM]	= "pim",
	[FLOWSTAT_PROTO_BFD]	= "bfd",
	[FLOWSTAT_PROTO_LDP]	= "ldp",
};

const char *const fs_action_names[__FLOWSTAT_ACTION_MAX] = {
	[FLOWSTAT_ACTION_DENY]		= "deny",
	[FLOWSTAT_ACTION_PERMIT]	= "permit",
	[FLOWSTAT_ACTION_REJECT]	= "reject",
};

int fs_name_lookup(const char *const *names, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (names[i] && !strcmp(names[i], name))
			return i;
	return -1;
}
