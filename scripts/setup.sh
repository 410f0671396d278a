#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install every Debian package the project needs to build the module and the
# tool and to run the tests in VMs, on a fresh Debian 12 machine. Run as root;
# idempotent, and quick (no network) when everything is already installed.
#
#   scripts/setup.sh
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive

pkgs=(
	# module and tool
	build-essential pkg-config libnl-3-dev libnl-genl-3-dev
	# the tool's fuzz targets (libFuzzer, AddressSanitizer, UBSan)
	clang libclang-rt-14-dev
	# 6.1: the kernel to build against and boot in the VM
	linux-image-amd64 linux-headers-amd64
	# the VM runner (scripts/vm.sh)
	qemu-system-x86 busybox-static kmod cpio xz-utils
	# the selftests inside the VM
	iproute2 iputils-ping socat python3-scapy tcpdump nftables jq procps
	util-linux
	# bench/: the counter-read case counts the tool's netlink requests;
	# --profile samples with perf
	strace linux-perf
)

# True when every named package is installed (dpkg-query accepts globs).
installed() {
	local n
	n=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null |
		awk '$2 == "installed" { print $1 }' | sort -u | wc -l)
	((n == $#))
}

# 6.12 comes as versioned packages only (bookworm-security has no
# metapackage for it): any installed release of it with its headers will do.
have_612() {
	local image rel
	while read -r image; do
		rel=${image#linux-image-}
		installed "linux-headers-$rel" && return 0
	done < <(dpkg-query -W -f='${db:Status-Status} ${Package}\n' \
		'linux-image-6.12.*+deb12-amd64' 2>/dev/null | sed -n 's/^installed //p')
	return 1
}

if installed "${pkgs[@]}" && have_612; then
	echo "setup.sh: all packages already installed"
	exit 0
fi

if (($(id -u) != 0)); then
	echo "setup.sh: packages are missing and installing them needs root" >&2
	exit 1
fi

apt-get update -q </dev/null

# The newest 6.12 release in the archive. The anchored pattern keeps out the
# -dbg, -unsigned, -rt and -cloud flavours; the patch level is never fixed
# here because the archive drops old ones.
rel612=$(apt-cache search --names-only '^linux-image-6\.12\.[0-9]+\+deb12-amd64$' |
	awk '{ sub(/^linux-image-/, "", $1); print $1 }' | sort -V | tail -n 1)
if [[ -z $rel612 ]]; then
	echo "setup.sh: no linux-image-6.12.*+deb12-amd64 in the archive; is bookworm-security in the apt sources?" >&2
	exit 1
fi

apt-get install -y -q --no-install-recommends \
	-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
	"${pkgs[@]}" "linux-image-$rel612" "linux-headers-$rel612" </dev/null
echo "setup.sh: installed; kernels: $(tr '\n' ' ' < <("$(dirname "$0")/kernels.sh"))"
