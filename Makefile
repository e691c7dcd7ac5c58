# SPDX-License-Identifier: GPL-2.0
#
# Thin wrapper around Kbuild (which holds all objects and flags) plus the
# userspace harness.  ARCH, CROSS_COMPILE and LLVM pass through untouched.

KDIR ?= /lib/modules/$(shell uname -r)/build
BIND ?= weak
PREFIX ?= /usr/local
DESTDIR ?=
KCRYPTO_BUILD ?= $(CURDIR)/build
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 60

KBUILD_ARGS = -C $(KDIR) M=$(CURDIR) BIND=$(BIND)

.PHONY: all modules clean install dkms-install check harness test bench matrix fuzz

all: modules

modules:
	$(MAKE) $(KBUILD_ARGS) modules

clean:
	$(MAKE) $(KBUILD_ARGS) clean
	rm -rf $(KCRYPTO_BUILD)

# Installs the library and the arch modules (never the test modules) and
# the modprobe.d policy that keeps `modprobe kcrypto` working when an arch
# module is blacklisted or refuses the CPU.
install:
	$(MAKE) $(KBUILD_ARGS) KCRYPTO_TESTS=n modules
	$(MAKE) $(KBUILD_ARGS) KCRYPTO_TESTS=n modules_install
	install -D -m 0644 etc/modprobe.d/kcrypto.conf $(DESTDIR)/etc/modprobe.d/kcrypto.conf

dkms-install:
	dkms install $(CURDIR)

# Style layer: checkpatch --strict with the allow-list in tests/test_style.py.
check:
	/usr/bin/python3 -m pytest -q tests/test_style.py

harness:
	cmake -S harness -B $(KCRYPTO_BUILD)/harness -DCMAKE_BUILD_TYPE=Release
	cmake --build $(KCRYPTO_BUILD)/harness -j$(JOBS)

bench: harness
	$(KCRYPTO_BUILD)/harness/kcrypto-bench --benchmark_repetitions=5 \
		--benchmark_report_aggregates_only=true

test:
	/usr/bin/python3 -m pytest -q tests

matrix:
	scripts/qemu-matrix

fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) harness/fuzz/run.sh
