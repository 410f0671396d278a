# SPDX-License-Identifier: GPL-2.0
#
# flowstat: the module (Kbuild), the tool (userspace/), and the checks.
#
#   make                 module for KVER (default: the running kernel) + tool
#   make KVER=6.1.0-56-amd64   or   make KDIR=/path/to/kernel/build
#   make check           unit tests + selftests in a VM, on every supported kernel
#   make check-debug     selftests on a KASAN/lockdep/kmemleak kernel (docs/reliability.md)
#   make demo            the demo router (VM here, or the real kernel if it can load modules)
#   make bench           packet-path cost against bare forwarding and nftables
#   make install         module and tool onto this machine (a real router)

KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: all module tool unit modules-all check check-debug demo bench install clean

all: module tool

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tool:
	$(MAKE) -C userspace
	$(MAKE) -C tools/nlfuzz

unit: tool
	$(MAKE) -C userspace test

# One module per supported kernel, each built in its own copy of the sources.
modules-all:
	for k in $$(scripts/kernels.sh); do scripts/build-module.sh $$k W=1 || exit 1; done

check:
	scripts/check.sh

# Not part of check (nor of CI): builds a debug kernel, then a slow suite.
check-debug:
	scripts/check-debug.sh

demo:
	scripts/run-demo.sh

# Not part of check: ratios to bare forwarding and nftables (bench/README.md).
bench:
	bench/run.sh

install: module tool
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=extra modules_install
	depmod -a $(KVER)
	install -D -m 0755 userspace/flowstat $(DESTDIR)$(PREFIX)/sbin/flowstat
	install -D -m 0644 userspace/flowstat.8 $(DESTDIR)$(PREFIX)/share/man/man8/flowstat.8

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C userspace clean
	$(MAKE) -C tools/nlfuzz clean
	rm -rf build
