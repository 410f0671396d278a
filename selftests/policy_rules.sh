# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The rule set of policy_match.sh and policy_show.sh (sourced after lib.sh):
# untrust -> trust policies over addresses, nested address sets, ports,
# source ports, ICMP types, application sets and predefined applications.

P="set security policies from-zone untrust to-zone trust policy"
AB="set security address-book global"

# rules ORDER: the rule set; ORDER "shadow" puts the ssh deny first.
rules()
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cat <<-EOF
	$AB address hostA 10.0.1.10/32
	$AB address net16 10.0.1.16/28
	$AB address srcB 10.0.2.2
	$AB address hostA6 fd00:1::10/128
	$AB address srcB6 fd00:2::2/128
	$AB address rej4 10.0.1.40/32
	$AB address rej6 fd00:1::40
	$AB address-set rej address rej4
	$AB address-set rej-all address-set rej
	$AB address-set rej-all address rej6
	set applications application udp-range protocol udp destination-port 5000-5010
	set applications application low-sport protocol udp source-port 1000-1999
	set applications application-set v6apps application junos-pingv6
	set applications application-set v6apps application udp-range
	EOF
	if [ "$1" = shadow ]; then
		echo "$P p-deny-ssh match source-address any"
		echo "$P p-deny-ssh match destination-address hostA"
		echo "$P p-deny-ssh match application junos-ssh"
		echo "$P p-deny-ssh then deny"
	fi
	cat <<-EOF
	$P p-ssh match source-address any
	$P p-ssh match destination-address hostA
	$P p-ssh match application junos-ssh
	$P p-ssh then permit
	EOF
	if [ "$1" != shadow ]; then
		echo "$P p-deny-ssh match source-address any"
		echo "$P p-deny-ssh match destination-address hostA"
		echo "$P p-deny-ssh match application junos-ssh"
		echo "$P p-deny-ssh then deny"
	fi
	cat <<-EOF
	$P p-udp match source-address srcB
	$P p-udp match destination-address net16
	$P p-udp match application udp-range
	$P p-udp then permit
	$P p-udp then count
	$P p-ping match source-address [ srcB srcB6 ]
	$P p-ping match destination-address hostA
	$P p-ping match application junos-ping
	$P p-ping then permit
	$P p-v6 match source-address srcB6
	$P p-v6 match destination-address [ hostA6 ]
	$P p-v6 match application v6apps
	$P p-v6 then permit
	$P p-sport match source-address any
	$P p-sport match destination-address hostA
	$P p-sport match application low-sport
	$P p-sport then permit
	$P p-reject match source-address any
	$P p-reject match destination-address rej-all
	$P p-reject match application any
	$P p-reject then reject
	set security policies default-policy deny-all
	EOF
}
