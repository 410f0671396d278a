#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Module unload and reload with live namespaces, sessions and traffic.
# Runs last: it leaves flowstat.ko UNLOADED (the runner uses nothing
# after it). Needs FLOWSTAT_KO=path/to/flowstat.ko to load it again.
#
#   A (trust) ---- ge-0/0/0 [eth0] R [eth1] ge-0/0/1 ---- B (untrust)
#                             [eth2] ge-0/0/2 ---- C
#
# 1. Sessions exist, a fast ping A -> B runs; rmmod flowstat meanwhile.
#    Afterwards flowstat exits 2, and nothing filters any more (B -> A,
#    which the configuration denied, now gets through).
# 2. insmod again: every namespace starts unconfigured, and an unconfigured
#    namespace is left alone (traffic passes, nothing counted); load the
#    configuration, traffic counted from zero.
# 3. Delete the namespaces (sessions alive, traffic flowing), then rmmod.
# The VM runner fails the run on any kernel warning this provokes.

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd insmod rmmod modinfo modprobe
[ -n "$FLOWSTAT_KO" ] && [ -r "$FLOWSTAT_KO" ] ||
	ktap_skip_all "FLOWSTAT_KO does not name the module file"
grep -q '^flowstat ' /proc/modules 2>/dev/null ||
	ktap_skip_all "flowstat.ko is not a loaded module (/proc/modules)"
ktap_set_plan 12

module_loaded()
{
	grep -q '^flowstat ' /proc/modules
}

CONF=$FS_TMP/unload.conf
{
	cfg_zone trust "$IF_TRUST"
	cfg_services trust ping
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
	cfg_policy untrust trust block deny
} >"$CONF"

setup_router_topology || ktap_bail "cannot build the topology"
load_config "$R" "$CONF" || ktap_bail "cannot load the configuration"

# 1. Sessions and traffic, then rmmod under load.
check_eq "before rmmod: A pings B through R" 3 "$(ping_rx "$A" -c 3 "$B_IP4")"
ping_rx "$A" -c 2 "$R_A_IP4" >/dev/null
udp_send "$A" "$B_IP4" 5000 3 43000 0.01
bg "$A" ping -q -i 0.01 -c 400 "$B_IP4"
flood=$BG_PID
sleep 1
rmmod flowstat 2>"$FS_TMP/rmmod.err"
rc=$?
[ $rc -ne 0 ] && ktap_diag_file "$FS_TMP/rmmod.err"
check_eq "rmmod with live namespaces, sessions and a running ping succeeds" "0 gone" \
	"$rc $(module_loaded || echo gone)"
wait "$flood"
check_rc "without the module flowstat show interfaces exits 2" 2 \
	"$FLOWSTAT" -n "$R" show interfaces
check_eq "without the module nothing filters: B -> A (denied before) gets through" 3 \
	"$(ping_rx "$B" -c 3 "$A_IP4")"

# 2. insmod again.
insmod "$FLOWSTAT_KO" 2>"$FS_TMP/insmod.err"
rc=$?
[ $rc -ne 0 ] && ktap_diag_file "$FS_TMP/insmod.err"
check_eq "insmod again succeeds" 0 "$rc"
"$FLOWSTAT" -n "$R" show configuration >"$FS_TMP/conf.new" 2>&1
rc=$?
check_eq "after insmod the existing namespace has no zone and no policy" "0 0" \
	"$rc $(grep -cE 'security-zone|from-zone' "$FS_TMP/conf.new")"
counters_snapshot "$FS_TMP/new.json"
check_eq "after insmod every counter starts at 0" 0 \
	"$(flatten_counters "$FS_TMP/new.json" | awk -F '\t' '$4 != 0' | wc -l)"
# A namespace where no configuration was ever loaded is left alone: the
# module hooks every namespace and must not cut off unconfigured ones.
settle
counters_snapshot "$FS_TMP/nz.before"
check_eq "never configured: A -> B and B -> A pass untouched" "3 3" \
	"$(ping_rx "$A" -c 3 "$B_IP4") $(ping_rx "$B" -c 3 "$A_IP4")"
counters_snapshot "$FS_TMP/nz.after"
assert_deltas "$FS_TMP/nz.before" "$FS_TMP/nz.after" "" \
	"never configured: no counter moves"

load_config "$R" "$CONF" || ktap_diag "reloading the configuration failed"
settle
counters_snapshot "$FS_TMP/re.before"
check_eq "configuration loaded again: A pings B" 3 "$(ping_rx "$A" -c 3 "$B_IP4")"
counters_snapshot "$FS_TMP/re.after"
check_eq "configuration loaded again: transit counted, one connection" "3 3 1" \
	"$(jdeltas "$FS_TMP/re.before" "$FS_TMP/re.after" \
		"$(ifc "$IF_TRUST" transit input_packets)" \
		"$(ifc "$IF_UNTRUST" transit input_packets)" \
		"$(ifc "$IF_TRUST" flow_input connections_established)")"

# 3. Namespaces (with sessions) go first, then the module; the router's
# namespace is torn down while A still floods traffic through it.
ping_rx "$A" -c 2 "$R_A_IP4" >/dev/null
bg "$A" ping -q -i 0.01 -c 300 "$B_IP4"
sleep 1
for ns in "${FS_NETNS[@]}"; do
	ip netns del "$ns"
done
FS_NETNS=()
# namespace teardown is asynchronous (cleanup_net): let it run
sleep 1
rmmod flowstat 2>"$FS_TMP/rmmod2.err"
rc=$?
[ $rc -ne 0 ] && ktap_diag_file "$FS_TMP/rmmod2.err"
check_eq "rmmod after the namespaces are gone succeeds (module left unloaded)" "0 gone" \
	"$rc $(module_loaded || echo gone)"

ktap_finished
