#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (or find already built) the debug kernel of `make check-debug`:
# Debian's own 6.12 source (linux-source-6.12), `make allnoconfig` plus
# scripts/debug-kernel.config (everything the VM and the selftests need built
# in; KASAN, lockdep, kmemleak, UBSAN, debug objects, DEBUG_NET).
#
#   scripts/debug-kernel.sh            build if needed; print the release
#   scripts/debug-kernel.sh --dir      print the cache directory, build nothing
#
# The build lives outside the work tree, in
#   $FLOWSTAT_DEBUG_KERNEL_CACHE (default /var/cache/flowstat/debug-kernel)/KEY/
# where KEY is the source package's version and a hash of the fragment and of
# $recipe below: a change to either builds a new kernel, and the same inputs
# are never built twice. In it:
#   obj/        the O= build tree: obj/arch/x86/boot/bzImage, and the tree
#               out-of-tree modules build against (make -C obj M=...)
#   mods/       modules_install output; /lib/modules/REL links to
#               mods/lib/modules/REL so that modprobe and depmod (on the host,
#               and in the VM that sees the host's / over 9p) find
#               modules.dep and modules.builtin
#   release     the kernel release (6.12.N-flowstat-debug)
#   build-time  seconds the build took, and the date
#   build.log   the whole build's output
# Installs the packages it needs (root). Progress goes to stderr; stdout gets
# only the release (or the directory), for the caller.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
fragment=$top/scripts/debug-kernel.config
cache_root=${FLOWSTAT_DEBUG_KERNEL_CACHE:-/var/cache/flowstat/debug-kernel}
src_pkg=linux-source-6.12
# Bump when the way the kernel is built changes (not for comments or the
# steps after the build): it is part of the cache key.
recipe=1

die() {
	echo "debug-kernel.sh: $*" >&2
	exit 1
}

say() {
	echo "debug-kernel.sh: $*" >&2
}

mode=build
case ${1:-} in
'') ;;
--dir) mode=dir ;;
*) die "usage: $0 [--dir]" ;;
esac

# The kernel's build dependencies on a fresh Debian 12 (the project's own
# setup.sh covers the rest): the source itself, the tools Kbuild runs (bc,
# bison, flex, objtool's libelf, the signing tools' libssl, pahole for BTF
# should anyone turn it on), and rsync for headers_install.
pkgs=(build-essential bc bison flex libelf-dev libssl-dev dwarves rsync
	cpio kmod xz-utils python3 "$src_pkg")

installed() {
	local n
	n=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null |
		awk '$2 == "installed" { print $1 }' | sort -u | wc -l)
	((n == $#))
}

if ! installed "${pkgs[@]}"; then
	(($(id -u) == 0)) || die "packages are missing (${pkgs[*]}) and installing them needs root"
	say "installing ${pkgs[*]}"
	export DEBIAN_FRONTEND=noninteractive
	# The lock timeout: another job's apt-get may be running.
	apt-get update -q -o DPkg::Lock::Timeout=600 </dev/null >&2
	apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 \
		-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
		"${pkgs[@]}" </dev/null >&2
fi

version=$(dpkg-query -W -f='${Version}' "$src_pkg")
tarball=$(dpkg-query -L "$src_pkg" | grep -E '/linux-source-6\.12\.tar\.(xz|bz2|gz)$' | head -n 1)
[[ -r $tarball ]] || die "no source tarball in $src_pkg"
# A version with characters a path should not carry (an epoch's colon).
key=${version//[^A-Za-z0-9.+-]/_}-$({ cat "$fragment"; echo "recipe $recipe"; } | sha256sum | cut -c1-12)
cache=$cache_root/$key
if [[ $mode == dir ]]; then
	echo "$cache"
	exit 0
fi

obj=$cache/obj
if [[ -f $cache/done ]]; then
	rel=$(<"$cache/release")
	# The link may be gone (a new machine keeps /var/cache but not /lib).
	ln -sfn "$cache/mods/lib/modules/$rel" "/lib/modules/$rel" 2>/dev/null ||
		[[ -r /lib/modules/$rel/modules.dep ]] ||
		die "cannot link /lib/modules/$rel (root needed)"
	say "cached: $rel in $cache (built in $(cut -d' ' -f1 "$cache/build-time") s)"
	echo "$rel"
	exit 0
fi

(($(id -u) == 0)) || die "building needs root (/var/cache, /lib/modules)"
# A half-done earlier attempt with the same key is started over: its tree
# may hold a .config from an interrupted configuration.
rm -rf "$cache"
mkdir -p "$cache"
# fd 3 and 4: the caller's stderr and stdout, around the logged build.
exec 3>&2 4>&1
exec > >(tee "$cache/build.log" >&3) 2>&1
start=$SECONDS

say "source $src_pkg $version; cache $cache"
tar -xaf "$tarball" -C "$cache"
src=$cache/linux-source-6.12
[[ -f $src/Makefile ]] || die "$tarball did not unpack to $src"

# nice: the machine's two cores are shared with VM test runs.
kmake() {
	nice -n 19 make -C "$src" O="$obj" -j"$(nproc)" "$@"
}

# allnoconfig with the fragment as the values to keep: every symbol not in
# it is off, then olddefconfig settles what the fragment's choices imply.
kmake -s KCONFIG_ALLCONFIG="$fragment" allnoconfig
kmake -s olddefconfig

# The classic trap: an option whose dependency is off is dropped without a
# word. Every line of the fragment must be in the final .config as written.
missing=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		grep -qxF "$line" "$obj/.config" && continue
		say "requested $line, got: $(grep -E "^(# )?${line%%=*}[= ]" "$obj/.config" || echo "(absent)")"
		missing=$((missing + 1))
		;;
	'# CONFIG_'*' is not set')
		sym=${line#\# }
		sym=${sym%% *}
		grep -qE "^$sym=" "$obj/.config" || continue
		say "requested $sym off, got: $(grep -E "^$sym=" "$obj/.config")"
		missing=$((missing + 1))
		;;
	esac
done <"$fragment"
((missing == 0)) || die "$missing option(s) of $fragment did not survive olddefconfig"
say "configuration checked: every option of the fragment is as requested"

kmake
rel=$(kmake -s --no-print-directory kernelrelease)
[[ $rel == *-flowstat-debug ]] || die "unexpected release '$rel'"
kmake -s INSTALL_MOD_PATH="$cache/mods" modules_install
moddir=$cache/mods/lib/modules/$rel
# modules_install points build at the source tree; out-of-tree modules
# must build against the O= tree, which has the .config and the headers.
ln -sfn "$obj" "$moddir/build"
for f in modules.dep modules.builtin; do
	[[ -f $moddir/$f ]] || die "$moddir/$f missing after modules_install"
done
ln -sfn "$moddir" "/lib/modules/$rel"

secs=$((SECONDS - start))
echo "$secs s, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores at nice 19" >"$cache/build-time"
echo "$rel" >"$cache/release"
touch "$cache/done"
say "built $rel in $secs s ($((secs / 60)) min): $obj/arch/x86/boot/bzImage"
echo "$rel" >&4
