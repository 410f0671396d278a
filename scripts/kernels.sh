#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the supported kernel releases installed on this machine, one per
# line, oldest line first: the newest 6.1 (linux-image-amd64) and the newest
# 6.12 (+deb12, from bookworm-security). A release counts only when both its
# image (to boot it in the VM) and its headers (to build the module) are here.
set -euo pipefail

# Newest installed release whose name matches the extended regex $1.
newest() {
	local vmlinuz rel
	for vmlinuz in /boot/vmlinuz-*; do
		rel=${vmlinuz#/boot/vmlinuz-}
		[[ $rel =~ $1 ]] || continue
		[[ -d /usr/src/linux-headers-$rel || -d /lib/modules/$rel/build ]] || continue
		printf '%s\n' "$rel"
	done | sort -V | tail -n 1
}

# Anchored so that -rt, -cloud, -dbg and backports flavours never match.
lines=(
	'6.1:^6\.1\.[0-9]+-[0-9]+-amd64$'
	'6.12:^6\.12\.[0-9]+\+deb12-amd64$'
)

missing=0
for line in "${lines[@]}"; do
	rel=$(newest "${line#*:}")
	if [[ -z $rel ]]; then
		echo "kernels.sh: no ${line%%:*} kernel with image and headers installed; run scripts/setup.sh as root" >&2
		missing=1
		continue
	fi
	printf '%s\n' "$rel"
done
exit "$missing"
