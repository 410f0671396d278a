#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# show security zones [ZONE]: the Junos layout (zone, tcp-rst, screen,
# interfaces bound, host-inbound traffic) and -j, read back from the
# running configuration; an unknown zone is an error.

source "$(dirname "$0")/lib.sh"

fs_init
ktap_set_plan 6

setup_router_topology || ktap_bail "cannot build the topology"
{
	echo "set security screen ids-option untrust-screen ip spoofing"
	cfg_zone trust "$IF_TRUST" "$IF_NOZONE"
	cfg_services trust ping ssh
	cfg_zone untrust "$IF_UNTRUST"
	echo "set security zones security-zone untrust screen untrust-screen"
	echo "set security zones security-zone untrust tcp-rst"
	echo "set security zones security-zone untrust host-inbound-traffic protocols bgp"
} | load_config "$R" || ktap_bail "cannot load the configuration"

"$FLOWSTAT" -n "$R" show security zones >"$FS_TMP/z.txt"
cat >"$FS_TMP/z.want" <<WANT
Security zone: trust
  Send reset for non-SYN session TCP packets: Off
  Policy configurable: Yes
  Interfaces bound: 2
  Interfaces:
    $IF_TRUST.0
    $IF_NOZONE.0
  Allowed host-inbound traffic : ping ssh

Security zone: untrust
  Send reset for non-SYN session TCP packets: On
  Policy configurable: Yes
  Screen: untrust-screen
  Interfaces bound: 1
  Interfaces:
    $IF_UNTRUST.0
  Allowed host-inbound traffic : bgp
WANT
if diff -u "$FS_TMP/z.want" "$FS_TMP/z.txt" >"$FS_TMP/z.diff"; then
	ktap_pass "show security zones: Junos layout"
else
	ktap_diag_file "$FS_TMP/z.diff"
	ktap_fail "show security zones: Junos layout"
fi

"$FLOWSTAT" -n "$R" show security zones untrust >"$FS_TMP/u.txt"
sed -n '/^Security zone: untrust/,$p' "$FS_TMP/z.want" >"$FS_TMP/u.want"
if cmp -s "$FS_TMP/u.want" "$FS_TMP/u.txt"; then
	ktap_pass "show security zones untrust: that zone only"
else
	ktap_diag_file "$FS_TMP/u.txt"
	ktap_fail "show security zones untrust: that zone only"
fi

out=$("$FLOWSTAT" -n "$R" -j show security zones)
check_eq "-j: names, tcp-rst, screens" "trust,untrust false,true null,untrust-screen" \
	"$(jq -r '([.zones[].name] | join(",")), ([.zones[].tcp_rst | tostring] | join(",")), ([.zones[].screen | tostring] | join(","))' <<<"$out" | paste -sd' ')"
check_eq "-j: interfaces and host-inbound of trust" "$IF_TRUST.0,$IF_NOZONE.0 ping,ssh" \
	"$(jq -r '.zones[0] | (.interfaces | join(",")), (.host_inbound.system_services | join(","))' <<<"$out" | paste -sd' ')"

"$FLOWSTAT" -n "$R" show security zones dmz >/dev/null 2>"$FS_TMP/err"
check_eq "unknown zone: exit 1" 1 "$?"
check_eq "unknown zone: message" "error: zone 'dmz' not found" "$(cat "$FS_TMP/err")"

ktap_finished
