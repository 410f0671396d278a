// SPDX-License-Identifier: GPL-2.0
/* Names of the flow counters; see counters.md for their meaning. */
#include "counters.h"

const struct fs_counter_name fs_counters[__FLOWSTAT_CTR_MAX] = {
	[FLOWSTAT_CTR_LOCAL_IN_PACKETS]	= { "Input  packets:", "input_packets" },
	[FLOWSTAT_CTR_LOCAL_IN_BYTES]	= { "Input  bytes  :", "input_bytes" },
	[FLOWSTAT_CTR_LOCAL_OUT_PACKETS] = { "Output packets:", "output_packets" },
	[FLOWSTAT_CTR_LOCAL_OUT_BYTES]	= { "Output bytes  :", "output_bytes" },
	[FLOWSTAT_CTR_TRANSIT_IN_PACKETS] = { "Input  packets:", "input_packets" },
	[FLOWSTAT_CTR_TRANSIT_IN_BYTES]	= { "Input  bytes  :", "input_bytes" },
	[FLOWSTAT_CTR_TRANSIT_OUT_PACKETS] = { "Output packets:", "output_packets" },
	[FLOWSTAT_CTR_TRANSIT_OUT_BYTES] = { "Output bytes  :", "output_bytes" },

	[FLOWSTAT_CTR_IN_SELF]		= { "Self packets :", "self_packets" },
	[FLOWSTAT_CTR_IN_ICMP]		= { "ICMP packets :", "icmp_packets" },
	[FLOWSTAT_CTR_IN_VPN]		= { "VPN packets :", "vpn_packets" },
	[FLOWSTAT_CTR_IN_MULTICAST]	= { "Multicast packets :",
					    "multicast_packets" },
	[FLOWSTAT_CTR_IN_PERMIT_BYTES]	= { "Bytes permitted by policy :",
					    "bytes_permitted_by_policy" },
	[FLOWSTAT_CTR_IN_CONNECTIONS]	= { "Connections established :",
					    "connections_established" },

	[FLOWSTAT_CTR_OUT_MULTICAST]	= { "Multicast packets :",
					    "multicast_packets" },
	[FLOWSTAT_CTR_OUT_PERMIT_BYTES]	= { "Bytes permitted by policy :",
					    "bytes_permitted_by_policy" },

	[FLOWSTAT_CTR_DROP_ADDRESS_SPOOFING] = { "Address spoofing:",
						 "address_spoofing" },
	[FLOWSTAT_CTR_DROP_AUTH_FAILED]	= { "Authentication failed:",
					    "authentication_failed" },
	[FLOWSTAT_CTR_DROP_INCOMING_NAT_ERRORS] = { "Incoming NAT errors:",
						    "incoming_nat_errors" },
	[FLOWSTAT_CTR_DROP_INVALID_ZONE] = { "Invalid zone received packet:",
					     "invalid_zone_received_packet" },
	[FLOWSTAT_CTR_DROP_MULTIPLE_USER_AUTH] = {
		"Multiple user authentications:",
		"multiple_user_authentications" },
	[FLOWSTAT_CTR_DROP_MULTIPLE_INCOMING_NAT] = { "Multiple incoming NAT:",
						      "multiple_incoming_nat" },
	[FLOWSTAT_CTR_DROP_NO_PARENT_FOR_GATE] = { "No parent for a gate:",
						   "no_parent_for_a_gate" },
	[FLOWSTAT_CTR_DROP_NO_ONE_INTERESTED] = {
		"No one interested in self packets:",
		"no_one_interested_in_self_packets" },
	[FLOWSTAT_CTR_DROP_NO_MINOR_SESSION] = { "No minor session:",
						 "no_minor_session" },
	[FLOWSTAT_CTR_DROP_NO_MORE_SESSIONS] = { "No more sessions:",
						 "no_more_sessions" },
	[FLOWSTAT_CTR_DROP_NO_NAT_GATE]	= { "No NAT gate:", "no_nat_gate" },
	[FLOWSTAT_CTR_DROP_NO_ROUTE]	= { "No route present:",
					    "no_route_present" },
	[FLOWSTAT_CTR_DROP_NO_SA]	= { "No SA for incoming SPI:",
					    "no_sa_for_incoming_spi" },
	[FLOWSTAT_CTR_DROP_NO_TUNNEL]	= { "No tunnel found:",
					    "no_tunnel_found" },
	[FLOWSTAT_CTR_DROP_NO_SESSION_FOR_GATE] = { "No session for a gate:",
						    "no_session_for_a_gate" },
	/* The one label without a colon, as on the gateways. */
	[FLOWSTAT_CTR_DROP_NO_ZONE]	= { "No zone or NULL zone binding",
					    "no_zone_or_null_zone_binding" },
	[FLOWSTAT_CTR_DROP_POLICY_DENIED] = { "Policy denied:",
					      "policy_denied" },
	[FLOWSTAT_CTR_DROP_SA_NOT_ACTIVE] = {
		"Security association not active:",
		"security_association_not_active" },
	[FLOWSTAT_CTR_DROP_TCP_OUT_OF_WINDOW] = {
		"TCP sequence number out of window:",
		"tcp_sequence_number_out_of_window" },
	[FLOWSTAT_CTR_DROP_SYN_ATTACK]	= { "Syn-attack protection:",
					    "syn_attack_protection" },
	[FLOWSTAT_CTR_DROP_USER_AUTH_ERRORS] = { "User authentication errors:",
						 "user_authentication_errors" },
};

const int fs_local_order[4] = {
	FLOWSTAT_CTR_LOCAL_IN_BYTES, FLOWSTAT_CTR_LOCAL_OUT_BYTES,
	FLOWSTAT_CTR_LOCAL_IN_PACKETS, FLOWSTAT_CTR_LOCAL_OUT_PACKETS,
};

const int fs_transit_order[4] = {
	FLOWSTAT_CTR_TRANSIT_IN_BYTES, FLOWSTAT_CTR_TRANSIT_OUT_BYTES,
	FLOWSTAT_CTR_TRANSIT_IN_PACKETS, FLOWSTAT_CTR_TRANSIT_OUT_PACKETS,
};

uint64_t fs_counters_drops(const uint64_t *ctr)
{
	uint64_t sum = 0;
	int c;

	for (c = FS_CTR_DROP_FIRST; c <= FS_CTR_DROP_LAST; c++)
		sum += ctr[c];
	return sum;
}
