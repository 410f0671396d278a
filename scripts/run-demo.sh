#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The main job (README, `make demo`): installs what is missing, builds the
# module and the tool, and runs the demo router (scripts/demo.sh). On a
# router whose kernel can load modules the demo runs right here with the
# module built for the running kernel; elsewhere (like the machines we build
# on, booted without module support) it boots the test VM with a supported
# Debian kernel and runs the demo inside.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

echo "== installing what is missing (scripts/setup.sh)"
scripts/setup.sh >/dev/null
echo "== building the tool"
make -s -C userspace

kver=$(uname -r)
if [[ -e /proc/modules && -d /lib/modules/$kver/build ]] &&
   [[ ${FLOWSTAT_DEMO_VM:-0} != 1 ]]; then
	echo "== building flowstat.ko for the running kernel $kver"
	scripts/build-module.sh "$kver"
	exec env FLOWSTAT_KO="$top/build/$kver/flowstat.ko" \
		FLOWSTAT="$top/userspace/flowstat" scripts/demo.sh
fi

# This kernel cannot load modules: boot the newest supported kernel.
kver=$(scripts/kernels.sh | tail -n 1)
echo "== this kernel cannot load modules; booting Debian's $kver in a VM"
scripts/build-module.sh "$kver"
exec scripts/vm.sh --kernel "$kver" -- \
	env FLOWSTAT_KO="$top/build/$kver/flowstat.ko" \
	FLOWSTAT="$top/userspace/flowstat" scripts/demo.sh
