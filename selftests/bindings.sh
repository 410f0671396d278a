#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Zone bindings follow interfaces that appear, vanish, get an alias or are
# renamed after the configuration was loaded (netdevice notifier): the
# configuration names interfaces, the kernel resolves the names whenever a
# device changes.
#
#   A (trust)              R                          B
#   10.0.1.2 ---- ge-0/0/0 [eth0]   [eth1] ge-0/0/1 ---- 10.0.2.2
#                 policy trust->untrust allow-out: permit
#                 untrust = "ge-0/0/9" (no such alias yet), then "wan0"
#                 dmz = "dum0" (a dummy device created and deleted later)
#
# 1. untrust names ge-0/0/9, which nothing answers to: A -> B leaves through
#    an interface in no zone, dropped as "no zone" on ge-0/0/0.
# 2. eth1 gets the alias ge-0/0/9: it joins untrust, A -> B flows.
# 3. untrust names wan0 instead: eth1 leaves the zone; eth1 renamed to wan0
#    joins it again.
# 4. dmz names dum0: a dummy device created afterwards is in dmz, and its
#    counters go when it is deleted.

source "$(dirname "$0")/lib.sh"

fs_init
ktap_set_plan 9

setup_router_topology || ktap_bail "cannot build the topology"

# conf UNTRUST_NAME [extra statements on stdin are appended]
conf()
{
	cfg_zone trust "$IF_TRUST"
	echo "set security zones security-zone untrust interfaces $1"
	cfg_policy trust untrust allow-out permit
	echo "set security policies default-policy deny-all"
}

# zone_of LINUX_NAME: the zone flowstat reports for that device
zone_of()
{
	"$FLOWSTAT" -n "$R" -j show interfaces |
		jq -r --arg n "$1" '[.interfaces[] | select(.linux_name == $n)][0].zone // "none"'
}

# 1. A name nothing answers to yet.
conf ge-0/0/9 | load_config "$R" || ktap_bail "cannot load the configuration"
settle
counters_snapshot "$FS_TMP/1.before"
check_eq "untrust names ge-0/0/9 (absent): A -> B gets no reply" 0 \
	"$(ping_rx "$A" -c 3 "$B_IP4")"
counters_snapshot "$FS_TMP/1.after"
check_eq "egress in no zone: no zone +3 on ge-0/0/0, no policy denied" "3 0" \
	"$(jdeltas "$FS_TMP/1.before" "$FS_TMP/1.after" \
		"$(ifc "$IF_TRUST" flow_errors no_zone_or_null_zone_binding)" \
		"$(ifc "$IF_TRUST" flow_errors policy_denied)")"

# 2. The alias appears on a live, up device.
ip -n "$R" link set eth1 alias ge-0/0/9
check_eq "eth1 aliased ge-0/0/9 is in zone untrust" untrust "$(zone_of eth1)"
check_eq "A -> B flows once eth1 answers to ge-0/0/9" 3 \
	"$(ping_rx "$A" -c 3 "$B_IP4")"

# 3. Rename.
conf wan0 | load_config "$R" || ktap_bail "cannot load the configuration"
check_eq "untrust names wan0: eth1 is in no zone, A -> B gets no reply" "none 0" \
	"$(zone_of eth1) $(ping_rx "$A" -c 3 "$B_IP4")"
ip -n "$R" -batch - <<-EOF
	link set eth1 down
	link set eth1 name wan0
	link set wan0 up
EOF
wait_until 5 topology_links_up "$R"
check_eq "eth1 renamed wan0 is in zone untrust, A -> B flows" "untrust 3" \
	"$(zone_of wan0) $(ping_rx "$A" -c 3 "$B_IP4")"

# 4. A device that appears after the load, then vanishes.
{
	conf wan0
	echo "set security zones security-zone dmz interfaces dum0"
} | load_config "$R" || ktap_bail "cannot load the configuration"
check_eq "dum0 does not exist yet" none "$(zone_of dum0)"
ip -n "$R" link add dum0 type dummy
check_eq "dum0 created after the load is in zone dmz" dmz "$(zone_of dum0)"
ip -n "$R" link del dum0
check_eq "dum0 deleted: its counters are gone, wan0 still in untrust" "none untrust" \
	"$(zone_of dum0) $(zone_of wan0)"

ktap_finished
