#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A long TCP transfer through the router with the window check on: every
# byte arrives, and no segment is dropped as out of window. IPv4 and IPv6.
#
#   A (trust)                    R                        B (untrust)
#   10.0.1.2 ------------ ge-0/0/0 [eth0]    [eth1] ge-0/0/1 ------------ 10.0.2.2
#   fd00:1::2            policy trust->untrust allow-out   tcp/6000 sink fd00:2::2
#
# 2 MiB per family, socat A -> B.

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd socat ss head cmp
ktap_set_plan 4

setup_router_topology || ktap_bail "cannot build the topology"
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
	echo "set security policies default-policy deny-all"
} | load_config "$R" || ktap_bail "cannot load the configuration"

head -c 2097152 /dev/urandom >"$FS_TMP/big" || ktap_bail "cannot make the data"
for fam in ipv4 ipv6; do
	f=$FS_TMP/big.$fam
	if [ $fam = ipv4 ]; then dst="TCP4:$B_IP4:6000"; else dst="TCP6:[$B_IP6]:6000"; fi
	tcp_sink "$B" 6000 "$f.rx" || ktap_bail "cannot start the tcp/6000 sink on B"
	counters_snapshot "$f.before"
	ip netns exec "$A" timeout 120 socat -u "OPEN:$FS_TMP/big" "$dst,connect-timeout=5"
	wait_until 30 cmp -s "$FS_TMP/big" "$f.rx"
	counters_snapshot "$f.after"
	check_rc "$fam: 2 MiB A -> B arrive intact" 0 cmp "$FS_TMP/big" "$f.rx"
	assert_only_drops_moved "$f.before" "$f.after" "" \
		"$fam: no drop during the transfer (no out-of-window segment)"
	kill "$BG_PID" 2>/dev/null
	wait "$BG_PID" 2>/dev/null
done

ktap_finished
