// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// A stack of our own for the key-wipe tests (wipe_test.cc, poly1305_test.cc):
// run a call on it zeroed, keep a copy of what the call left, search that
// copy with harness/cross/stackscan.h.
#ifndef KCRYPTO_HARNESS_TESTS_SCAN_STACK_H
#define KCRYPTO_HARNESS_TESTS_SCAN_STACK_H

#include <cstdlib>
#include <functional>

#include "common.h"
#include "../cross/stackscan.h"

namespace kcrypto::test {

class ScanStack {
public:
	ScanStack()
		: p_(static_cast<uint8_t *>(std::aligned_alloc(4096, STACKSCAN_SIZE))),
		  copy_(STACKSCAN_SIZE)
	{
	}
	~ScanStack() { std::free(p_); }
	ScanStack(const ScanStack &) = delete;
	ScanStack &operator=(const ScanStack &) = delete;

	// Run @fn on this stack; how many bytes of data() it left.
	size_t run(const std::function<void()> &fn)
	{
		return stackscan_run(p_, copy_.data(), call,
				     const_cast<std::function<void()> *>(&fn));
	}
	const uint8_t *data() const { return copy_.data(); }

private:
	static void call(void *fn) { (*static_cast<std::function<void()> *>(fn))(); }
	uint8_t *p_;
	Bytes copy_;
};

} // namespace kcrypto::test

#endif
