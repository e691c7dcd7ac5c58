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

.PHONY: all modules clean install uninstall dkms-install dkms-uninstall check harness test bench bench-user bench-kernel \
	bench-plot bench-doc matrix fuzz

all: modules

# scripts/check-kdir: one line, not a compiler error, for a missing,
# unconfigured, unprepared or too old kernel tree.
modules:
	@scripts/check-kdir $(KDIR)
	$(MAKE) $(KBUILD_ARGS) modules

clean:
	$(MAKE) $(KBUILD_ARGS) clean
	rm -rf $(KCRYPTO_BUILD)

# Installs the library, the arch modules and kcrypto-crypto.ko (never the
# test modules) with the kernel's modules_install under
# $(INSTALL_MOD_PATH)/lib/modules/<release>/$(INSTALL_MOD_DIR); the
# modprobe.d policy that keeps `modprobe kcrypto` working when an arch
# module is blacklisted or refuses the CPU; and the development files in
# $(KCRYPTO_DEVDIR): public headers, kcrypto.mk for consumer modules and
# the build's Module.symvers under <release>/ (scripts/install-files;
# layout in Documentation/distro.md).  INSTALL_MOD_PATH follows DESTDIR.
# depmod runs for the running system only: a staging tree (DESTDIR) leaves
# it to the package's postinst.  `make uninstall` removes what install put
# for KDIR's release (or KVER=<release>, for a kernel whose tree is gone).
KCRYPTO_DEVDIR ?= /usr/src/kcrypto
INSTALL_MOD_PATH ?= $(DESTDIR)
INSTALL_MOD_DIR ?= updates
KVER ?= $(shell cat $(KDIR)/include/config/kernel.release 2>/dev/null)
INSTALL_FILES = DESTDIR='$(DESTDIR)' DEVDIR='$(KCRYPTO_DEVDIR)' RELEASE='$(KVER)' \
	MODROOT='$(INSTALL_MOD_PATH)' MODSUB='$(INSTALL_MOD_DIR)' BUILD='$(CURDIR)' \
	DKMSSRC='$(DKMS_SOURCETREE)' scripts/install-files

install:
	@scripts/check-kdir $(KDIR)
	$(MAKE) $(KBUILD_ARGS) KCRYPTO_TESTS=n modules
	$(MAKE) $(KBUILD_ARGS) KCRYPTO_TESTS=n INSTALL_MOD_PATH='$(INSTALL_MOD_PATH)' \
		INSTALL_MOD_DIR='$(INSTALL_MOD_DIR)' $(if $(DESTDIR),DEPMOD=true) modules_install
	$(INSTALL_FILES) install

uninstall:
	@[ -n '$(KVER)' ] || { echo "kcrypto: no kernel release: KDIR=$(KDIR) has no include/config/kernel.release; pass KVER=<release>" >&2; exit 1; }
	$(INSTALL_FILES) uninstall
	$(if $(DESTDIR),,if [ -d '$(INSTALL_MOD_PATH)/lib/modules/$(KVER)' ]; then \
		depmod $(if $(INSTALL_MOD_PATH),-b '$(INSTALL_MOD_PATH)') $(KVER); fi)

# DKMS (dkms.conf, Documentation/distro.md): copy the module sources, and
# nothing else, to $(DKMS_SOURCETREE)/kcrypto-<version>, then dkms add,
# build and install them for KVER (default: the running kernel).  DKMS_ARGS
# go to every dkms call (--dkmstree, --installtree, --kernelsourcedir, ...).
# Also installs the modprobe.d policy and the development files shared by
# all kernels (headers, kcrypto.mk; DKMS keeps each kernel's
# Module.symvers in its tree, scripts/dkms-symvers).  dkms-uninstall
# undoes all of it: dkms remove for every kernel, the sources, the policy
# and the development files (these stay while `make install` has a kernel
# installed).
DKMS_VERSION = $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"$$/\1/p' dkms.conf)
DKMS_SOURCETREE ?= /usr/src
DKMS_ARGS ?=
DKMS = dkms --sourcetree $(DKMS_SOURCETREE) $(DKMS_ARGS)
DKMS_MOD = kcrypto/$(DKMS_VERSION)

dkms-install:
	rm -rf $(DKMS_SOURCETREE)/kcrypto-$(DKMS_VERSION)
	mkdir -p $(DKMS_SOURCETREE)/kcrypto-$(DKMS_VERSION)
	cp -a dkms.conf Makefile Kbuild include lib_crypto ffp arch crypto_api etc \
		$(DKMS_SOURCETREE)/kcrypto-$(DKMS_VERSION)/
	install -D -m 0755 -t $(DKMS_SOURCETREE)/kcrypto-$(DKMS_VERSION)/scripts \
		scripts/check-kdir scripts/dkms-symvers
	$(DKMS) status $(DKMS_MOD) | grep -q . || $(DKMS) add $(DKMS_MOD)
	$(DKMS) build --force $(DKMS_MOD) $(if $(KVER),-k $(KVER))
	$(DKMS) install --force $(DKMS_MOD) $(if $(KVER),-k $(KVER))
	$(INSTALL_FILES) install-shared

dkms-uninstall:
	if $(DKMS) status $(DKMS_MOD) | grep -q .; then $(DKMS) remove $(DKMS_MOD) --all; fi
	rm -rf $(DKMS_SOURCETREE)/kcrypto-$(DKMS_VERSION)
	$(INSTALL_FILES) uninstall-shared

# Style layer: checkpatch --strict with the allow-list in tests/test_style.py.
check:
	/usr/bin/python3 -m pytest -q tests/test_style.py

harness:
	cmake -S harness -B $(KCRYPTO_BUILD)/harness -DCMAKE_BUILD_TYPE=Release
	cmake --build $(KCRYPTO_BUILD)/harness -j$(JOBS)

# Benchmarks (Documentation/performance.md).  bench-user: the userspace
# harness on this host (Google Benchmark medians, JSON in build/bench/:
# user.json, and user-openssl-avx2.json from a second process with OpenSSL
# held to AVX2 by OPENSSL_ia32cap, see harness/bench/bench.cc);
# bench-kernel: scripts/bench, the in-kernel benchmark on x86_64, arm64
# and arm under QEMU -icount, with the same cores counted in userspace
# (--same-core: harness kcrypto-icount under qemu-user); bench-plot: figures and tables of
# performance.md from that JSON; bench-doc: all three.  The figures in
# performance.md were taken with BENCH_REPS=9 BENCH_MIN_TIME=0.1.
BENCH_REPS ?= 3
BENCH_MIN_TIME ?= 0.05
# OPENSSL_ia32cap(3): word 2 is CPUID.(EAX=7,ECX=0):EBX; clear AVX512F (16),
# DQ (17), IFMA (21), BW (30) and VL (31).
OPENSSL_AVX2_CAP ?= :~0xc0230000
# Random interleaving spreads the repetitions of every benchmark over the
# run, so a burst of load on the shared host hits them all alike.
BENCH_ARGS = --benchmark_repetitions=$(BENCH_REPS) \
	--benchmark_enable_random_interleaving=true \
	--benchmark_report_aggregates_only=true \
	--benchmark_min_time=$(BENCH_MIN_TIME) --benchmark_out_format=json

bench: bench-user bench-kernel

bench-user: harness
	mkdir -p $(KCRYPTO_BUILD)/bench
	$(KCRYPTO_BUILD)/harness/kcrypto-bench $(BENCH_ARGS) \
		--benchmark_out=$(KCRYPTO_BUILD)/bench/user.json
	OPENSSL_ia32cap='$(OPENSSL_AVX2_CAP)' KCRYPTO_BENCH_OPENSSL=openssl-avx2 \
		$(KCRYPTO_BUILD)/harness/kcrypto-bench $(BENCH_ARGS) \
		--benchmark_filter='/(auto|auto-avx2|openssl-avx2)/' \
		--benchmark_out=$(KCRYPTO_BUILD)/bench/user-openssl-avx2.json
	if [ -x $(KCRYPTO_BUILD)/harness/kcrypto-dispatch ]; then \
		$(KCRYPTO_BUILD)/harness/kcrypto-dispatch --json $(KCRYPTO_BUILD)/bench/dispatch.json; fi

bench-kernel: harness
	scripts/bench -o $(KCRYPTO_BUILD)/bench/kernel.json \
		--same-core $(KCRYPTO_BUILD)/harness/kcrypto-icount

bench-plot:
	scripts/bench-plot --data $(KCRYPTO_BUILD)/bench

bench-doc: bench
	$(MAKE) bench-plot

test:
	/usr/bin/python3 -m pytest -q tests

matrix:
	scripts/qemu-matrix

fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) harness/fuzz/run.sh
