#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot an installed Debian kernel under qemu and run one command inside it.
#
#   scripts/vm.sh [--kernel REL] [--timeout SECS] [--log FILE] [--image PATH] [--memory MB] [--append ARGS] -- COMMAND...
#
# This machine's own kernel cannot load modules, so every test of the module
# runs in a VM. The guest sees the host's / read-only over virtio-9p (so the
# host's tools and /lib/modules/REL are there) with tmpfs on /tmp, /run,
# /var/tmp and /root, and the repo read-write at the same path as on the host.
# The command runs as root with the repo as cwd, stdin from /dev/null and a
# clean environment (pass variables with "env VAR=... COMMAND"). The guest
# cannot write outside the repo, /tmp, /run, /var/tmp and /root: insmod the
# module by path, do not install it.
#
# stdout gets the command's stdout and stderr (through the serial console,
# about 150 KB/s under TCG: keep big output in files); the whole console goes
# to the log (default build/vm/REL.log) and the guest's dmesg to the same name
# with .dmesg. Exit status: the command's, or
#   124  the VM did not finish within --timeout (default 1800 s),
#   125  the command exited 0 but the kernel warned, oopsed, leaked or got
#        tainted by a warning (the offending lines are printed), or the VM
#        died without reporting an exit code (kernel panic, boot failure).
#
# --image boots PATH instead of /boot/vmlinuz-REL (the debug kernel of
# scripts/debug-kernel.sh, whose /lib/modules/REL links into its build cache);
# --memory sets the guest's RAM (default 2048 MB; KASAN's shadow takes an
# eighth of it); --append adds to the kernel command line.
#
# Environment: FLOWSTAT_VM_ACCEL replaces the accelerator and CPU options
# (bench/: "-accel tcg,thread=single -icount shift=0,sleep=off -smp 1");
# FLOWSTAT_VM_KVM=1 uses KVM instead of TCG (nested KVM hangs
# on the project's machines, so it is opt-in); FLOWSTAT_VM_VERBOSE=1 drops
# "quiet" so the whole boot log lands in the log file; FLOWSTAT_VM_NICS=hub2
# adds two virtio-net NICs joined by a qemu hub (MACs 02:00:00:00:03:02 and
# 02:00:00:00:03:01; the guest loads virtio_net itself), for the benchmark's
# SYN flood case: virtio-net runs XDP natively, veth does not.
set -euo pipefail

die() {
	echo "vm.sh: $*" >&2
	exit 2
}

usage() {
	sed -n 's/^#   \(scripts.*\)/usage: \1/p' "$0" >&2
	exit 2
}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
kernel=
timeout=1800
log=
image=
memory=2048
extra_append=
while (($#)); do
	case $1 in
	--kernel) kernel=${2:?}; shift 2 ;;
	--timeout) timeout=${2:?}; shift 2 ;;
	--log) log=${2:?}; shift 2 ;;
	--image) image=${2:?}; shift 2 ;;
	--memory) memory=${2:?}; shift 2 ;;
	--append) extra_append=${2:?}; shift 2 ;;
	--) shift; break ;;
	-h | --help) usage ;;
	*) usage ;;
	esac
done
(($#)) || usage
[[ $timeout =~ ^[1-9][0-9]*$ ]] || die "--timeout wants whole seconds, got '$timeout'"
[[ $memory =~ ^[1-9][0-9]*$ ]] || die "--memory wants megabytes, got '$memory'"

if [[ -z $kernel ]]; then
	kernel=$("$repo/scripts/kernels.sh" | head -n 1) || true
	[[ -n $kernel ]] || die "no kernel found; run scripts/setup.sh"
fi
image=${image:-/boot/vmlinuz-$kernel}
[[ -r $image ]] || die "$image missing; run scripts/setup.sh"
[[ -r /lib/modules/$kernel/modules.dep ]] || die "/lib/modules/$kernel/modules.dep missing"
# The repo path goes into qemu's comma-separated options and the kernel's
# space-separated command line: keep it to characters that need no quoting.
[[ $repo =~ ^/[A-Za-z0-9._/+-]*$ ]] || die "repo path '$repo' has characters the VM share cannot carry"

vmdir=$repo/build/vm
mkdir -p "$vmdir/$kernel"
log=${log:-$vmdir/$kernel.log}
mkdir -p "$(dirname "$log")"
dmesg_file=${log%.log}.dmesg
initrd=$vmdir/$kernel/initramfs.cpio.gz

# Stage 1, PID 1 inside the initramfs (busybox). Brings up virtio-9p, mounts
# the host's root and the repo, and switches to stage 2 in the host's root.
# Any failure powers off without an exit marker, which the host reports.
stage1() {
	cat <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t devtmpfs dev /dev
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sys /sys

fail() {
	echo "flowstat-vm: initramfs: $*"
	poweroff -f
}

repo= run=
for arg in $(cat /proc/cmdline); do
	case $arg in
	flowstat.repo=*) repo=${arg#*=} ;;
	flowstat.run=*) run=${arg#*=} ;;
	esac
done
[ -n "$repo" ] && [ -n "$run" ] || fail "flowstat.repo/flowstat.run missing"

for m in $(cat /modules); do
	insmod "/lib/modules/$m.ko" || fail "insmod $m"
done

# msize: fewer round trips; cache=loose on the read-only root makes exec and
# path lookups cheap (the host does not change it under us); cache=mmap on the
# repo keeps it coherent with the host yet lets tools mmap files there.
opts=trans=virtio,version=9p2000.L,msize=262144
mkdir -p /newroot
mount -t 9p -o "$opts,ro,cache=loose" root /newroot || fail "mount 9p root"
# The root is read-only: give the places programs write to a tmpfs. /var/run
# is a symlink to /run on Debian; ip netns needs /run/netns.
mount -t tmpfs -o mode=755 run /newroot/run
mount -t tmpfs -o mode=1777 tmp /newroot/tmp
mount -t tmpfs -o mode=1777 vartmp /newroot/var/tmp
mount -t tmpfs -o mode=700 root /newroot/root
# After the tmpfs mounts, so that a repo under /tmp is not hidden by them.
mkdir -p "/newroot$repo"
mount -t 9p -o "$opts,cache=mmap" repo "/newroot$repo" || fail "mount 9p repo at $repo"
mkdir -p /newroot/run/flowstat-vm
cp /stage2 /newroot/run/flowstat-vm/stage2
# busybox switch_root does not carry mounts over.
mount --move /dev /newroot/dev
mount --move /proc /newroot/proc
mount --move /sys /newroot/sys
exec switch_root /newroot /bin/bash /run/flowstat-vm/stage2 "$repo" "$run"
EOF
}

# Stage 2, PID 1 in the host's root. Runs the command, then reports its exit
# code, the taint flags and dmesg to the host. PID 1 must never exit (the
# kernel would panic), so no set -e here; power off instead.
stage2() {
	cat <<'EOF'
#!/bin/bash
repo=$1 run=$2
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

mkdir -p /dev/pts /dev/shm
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
mount -t tmpfs -o mode=1777 shm /dev/shm
# devtmpfs has no /dev/fd: bash's process substitution needs it.
ln -sfn /proc/self/fd /dev/fd
ln -sfn /proc/self/fd/0 /dev/stdin
ln -sfn /proc/self/fd/1 /dev/stdout
ln -sfn /proc/self/fd/2 /dev/stderr
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null
echo flowstat-vm >/proc/sys/kernel/hostname
ip link set lo up

cat /proc/sys/kernel/tainted >"$run/taint-before"
echo "<6>flowstat-vm: running command" >/dev/kmsg
echo FLOWSTAT-VM-START
(cd "$repo" && exec env -i PATH="$PATH" HOME=/root USER=root LOGNAME=root \
	TERM=dumb LANG=C.UTF-8 bash "$run/cmd") </dev/null
rc=$?
echo "<6>flowstat-vm: command exited $rc" >/dev/kmsg
cat /proc/sys/kernel/tainted >"$run/taint-after"
dmesg >"$run/dmesg"
sync
echo "FLOWSTAT-VM-EXIT=$rc"
# The console's tty buffer drains behind the kernel's own console writes:
# without waiting (stty sets the same modes with TCSADRAIN), "sysrq: Power
# Off" lands before or inside the marker.
stty -F /dev/console "$(stty -F /dev/console -g)"
echo o >/proc/sysrq-trigger
while :; do sleep 60; done
EOF
}

# Built once per kernel; rebuilt when this script (and so the init scripts)
# changes. Modules come in dependency order from the host's modules.dep:
# virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci
# netfs fscache 9pnet 9pnet_virtio 9p on 6.1; 6.12 has virtio built in and
# fscache folded into netfs. They are decompressed (6.12 ships .ko.xz) as
# busybox insmod cannot read compressed modules.
build_initramfs() {
	local stage m path
	stage=$(mktemp -d "$vmdir/$kernel/initramfs.XXXXXX")
	mkdir -p "$stage"/{bin,dev,proc,sys,lib/modules}
	cp /bin/busybox "$stage/bin/busybox"
	# A dynamic busybox would find no libc in the initramfs.
	if ldd "$stage/bin/busybox" >/dev/null 2>&1; then
		rm -rf "$stage"
		die "/bin/busybox is not static; install busybox-static"
	fi
	stage1 >"$stage/init"
	stage2 >"$stage/stage2"
	chmod 755 "$stage/init"
	: >"$stage/modules"
	while read -r m path; do
		[[ $m == insmod ]] || continue # "builtin NAME" lines need nothing
		m=$(basename "$path")
		m=${m%%.ko*}
		grep -qx "$m" "$stage/modules" && continue
		case $path in
		*.ko.xz) xz -dc "$path" ;;
		*.ko.zst) zstd -qdc "$path" ;;
		*.ko.gz) gzip -dc "$path" ;;
		*) cat "$path" ;;
		esac >"$stage/lib/modules/$m.ko"
		echo "$m" >>"$stage/modules"
	done < <(modprobe -S "$kernel" --show-depends -a virtio_pci 9pnet_virtio 9p)
	(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
		gzip -1 >"$initrd.tmp"
	mv "$initrd.tmp" "$initrd"
	rm -rf "$stage"
}
if [[ ! $initrd -nt "${BASH_SOURCE[0]}" ]]; then
	build_initramfs
fi

# Multi-threaded TCG uses both host cores; fall back to one vCPU if this
# qemu refuses it. The probe starts a stopped machine and quits at once.
if [[ -n ${FLOWSTAT_VM_ACCEL:-} ]]; then
	read -ra accel <<<"$FLOWSTAT_VM_ACCEL"
elif [[ ${FLOWSTAT_VM_KVM:-0} == 1 ]]; then
	# Not -cpu host: on the project's machines qemu aborts setting MSR 0x10a.
	accel=(-accel kvm -smp 2)
elif echo quit | qemu-system-x86_64 -accel tcg,thread=multi -smp 2 -M pc \
	-nodefaults -display none -S -monitor stdio >/dev/null 2>&1; then
	# shellcheck disable=SC2054 # commas belong to the -accel option
	accel=(-accel tcg,thread=multi -smp 2)
else
	accel=(-accel tcg -smp 1)
fi

run=$(mktemp -d "$vmdir/$kernel/run.XXXXXX")
trap 'rm -rf "$run"' EXIT
printf '%q ' "$@" >"$run/cmd"
echo >>"$run/cmd"
rm -f "$dmesg_file"

# oops=panic with panic=-1 and -no-reboot: an oops stops the VM at once with
# its trace on the console (oops output ignores "quiet") instead of leaving a
# half-dead kernel to hit the timeout. Warnings do not stop the run; they are
# found in dmesg afterwards. A big log buffer so that a long suite does not
# push an early warning out before dmesg is saved; devkmsg=on so that tests
# may mark their steps in dmesg without being rate limited.
append="console=ttyS0 panic=-1 oops=panic log_buf_len=16M printk.devkmsg=on"
append+=" flowstat.repo=$repo flowstat.run=$run"
[[ -z $extra_append ]] || append+=" $extra_append"
[[ ${FLOWSTAT_VM_VERBOSE:-0} == 1 ]] || append="quiet $append"

nics=()
case ${FLOWSTAT_VM_NICS:-} in
'') ;;
hub2)
	# A hub port with no other port stalls the sender: both are given.
	# tx=timer: qemu takes a NIC's transmit ring on a timer of the
	# virtual clock (150 us after the first kick), which under icount
	# is guest time; the default (a bottom half of the main loop) runs
	# whenever the host gets to it, and a sender waiting for ring space
	# then spins for a host-dependent number of guest instructions.
	# shellcheck disable=SC2054 # commas belong to the options
	nics=(-netdev hubport,id=hp1,hubid=0
		-device virtio-net-pci,netdev=hp1,mac=02:00:00:00:03:02,tx=timer,rx_queue_size=1024
		-netdev hubport,id=hp2,hubid=0
		-device virtio-net-pci,netdev=hp2,mac=02:00:00:00:03:01,tx=timer,rx_queue_size=1024)
	;;
*) die "FLOWSTAT_VM_NICS: hub2 or nothing, got '$FLOWSTAT_VM_NICS'" ;;
esac

start=$SECONDS
set +e
# --foreground keeps qemu in our process group so ^C reaches it. The first
# sed turns the console's CRLF into LF; the last one shows on stdout only
# what the command printed, between the guest's start and exit markers.
timeout --foreground -k 10 "$timeout" qemu-system-x86_64 \
	"${accel[@]}" -m "$memory" -nodefaults -display none -no-reboot \
	-serial stdio -kernel "$image" -initrd "$initrd" \
	-append "$append" \
	-fsdev local,id=root,path=/,security_model=none,readonly=on,multidevs=remap \
	-device virtio-9p-pci,fsdev=root,mount_tag=root \
	-fsdev "local,id=repo,path=$repo,security_model=none,multidevs=remap" \
	-device virtio-9p-pci,fsdev=repo,mount_tag=repo \
	"${nics[@]}" </dev/null 2>&1 |
	sed -u 's/\r$//' | tee "$log" |
	sed -u -n '/^FLOWSTAT-VM-START$/,/FLOWSTAT-VM-EXIT=[0-9]/{
		/^FLOWSTAT-VM-START$/d
		/FLOWSTAT-VM-EXIT=[0-9]/{
			s/FLOWSTAT-VM-EXIT=[0-9].*//
			/./p
			d
		}
		p
	}'
qemu_rc=${PIPESTATUS[0]}
set -e
elapsed=$((SECONDS - start))

[[ -f $run/dmesg ]] && mv "$run/dmesg" "$dmesg_file"

# What counts as the kernel going wrong. Scanned in dmesg (or, when the VM
# died, in the console log, where an oops is printed even under "quiet").
bad='WARNING:|BUG:|kernel BUG at|Oops|general protection fault|Kernel panic'
bad+='|unreferenced object|KASAN|UBSAN|detected stalls|refcount_t:'
bad+='|list_add corruption|list_del corruption|sleeping function called from invalid context'
bad+='|possible circular locking|blocked for more than|soft lockup|hard LOCKUP'
# Not a bare "lockdep": a lockdep kernel says "RCU lockdep checking is
# enabled" at boot; its reports start with WARNING: or BUG: anyway.
bad+='|lockdep is turned off|turning off the locking correctness validator'

if ((qemu_rc == 124 || qemu_rc == 137)); then
	echo "vm.sh: $kernel: timed out after $timeout s; console log: $log" >&2
	tail -n 20 "$log" >&2
	exit 124
fi
rc=$(sed -n 's/.*FLOWSTAT-VM-EXIT=\([0-9]\+\).*/\1/p' "$log" | tail -n 1)
if [[ -z $rc ]]; then
	echo "vm.sh: $kernel: the VM stopped without reporting an exit code (qemu exit $qemu_rc); console log: $log" >&2
	grep -E "$bad" "$log" >&2 || tail -n 20 "$log" >&2
	exit 125
fi

if [[ ! -f $dmesg_file || ! -f $run/taint-after ]]; then
	echo "vm.sh: $kernel: the guest could not write its report to $run" >&2
	exit 125
fi
problems=$(grep -E "$bad" "$dmesg_file" || true)
# Taint flags a warning, oops, bad page or lockup sets (W D B L), only those
# that the run added: out-of-tree/unsigned taints from insmod are expected.
taint_new=$(($(<"$run/taint-after") & ~$(<"$run/taint-before") & (512 | 128 | 32 | 16384)))
if ((taint_new)); then
	problems+=${problems:+$'\n'}"kernel tainted during the run: $(<"$run/taint-after") (new bad flags $taint_new)"
fi
if [[ -n $problems ]]; then
	echo "vm.sh: $kernel: kernel problems during the run (full dmesg: $dmesg_file):" >&2
	printf '%s\n' "$problems" >&2
	((rc != 0)) || rc=125
fi
echo "vm.sh: $kernel: exit $rc after ${elapsed}s (${accel[*]})" >&2
exit "$rc"
