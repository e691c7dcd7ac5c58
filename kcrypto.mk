# SPDX-License-Identifier: GPL-2.0
#
# kcrypto.mk: build a module against an installed kcrypto.  `make install`
# puts this file in $(KCRYPTO_DEVDIR) (default /usr/src/kcrypto), next to
#
#   include/kcrypto/*.h        the public API (chacha, poly1305, AEAD,
#                              BLAKE2s, X25519) and probes.kbuild
#   include/kcrypto-compat/    lib/crypto-compatible headers and their
#                              fragment kcrypto-compat.kbuild
#   <kernel release>/Module.symvers   kcrypto's exports, one per kernel
#                              kcrypto was installed for
#
# (`make dkms-install` installs the same files but the Module.symvers,
# which DKMS keeps in its tree, $(KCRYPTO_DKMS_TREE)/kcrypto/<version>/
# <kernel release>/<arch>/: used when there is none here.)
#
# It is meant for an installed tree only (in the source tree the headers
# sit where it expects them, but there is no <release>/Module.symvers).
# A module's Kbuild needs one line:
#
#   include /usr/src/kcrypto/kcrypto.mk
#   obj-m := mymodule.o
#
# It adds the include path and the kernel feature probes of the public
# headers, and kcrypto's Module.symvers for the kernel being built against
# ($(KERNELRELEASE)) to KBUILD_EXTRA_SYMBOLS, so that modpost resolves
# kcrypto's symbols with their CRCs.  Every export is EXPORT_SYMBOL_GPL:
# the module must be GPL-compatible (MODULE_LICENSE("GPL") or alike).

kcrypto-dir := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

ccflags-y += -I$(kcrypto-dir)/include
include $(kcrypto-dir)/include/kcrypto/probes.kbuild

# Only inside Kbuild (the kernel's Makefile sets KERNELRELEASE): a
# Makefile that includes this file before calling make -C $(KDIR) M=...
# gets here with no kernel yet.
ifneq ($(KERNELRELEASE),)
KCRYPTO_DKMS_TREE ?= /var/lib/dkms
kcrypto-symvers := $(firstword $(wildcard $(kcrypto-dir)/$(KERNELRELEASE)/Module.symvers) \
	$(lastword $(sort $(wildcard $(KCRYPTO_DKMS_TREE)/kcrypto/*/$(KERNELRELEASE)/*/Module.symvers))))
ifeq ($(kcrypto-symvers),)
$(error kcrypto is not installed for kernel $(KERNELRELEASE): no $(kcrypto-dir)/$(KERNELRELEASE)/Module.symvers (make install KDIR=<this kernel's build tree> in the kcrypto source tree installs it) nor a DKMS build in $(KCRYPTO_DKMS_TREE)/kcrypto)
endif
KBUILD_EXTRA_SYMBOLS += $(kcrypto-symvers)
endif
