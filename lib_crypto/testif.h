/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-kernel test interface, /sys/kernel/debug/kcrypto/test
 * (Documentation/test-interface.md).  Internal to kcrypto.ko.
 */
#ifndef _KCRYPTO_TESTIF_H
#define _KCRYPTO_TESTIF_H

struct dentry;

/*
 * Create the "test" file in @dir (kcrypto's debugfs directory).  Returns 0;
 * a kernel without debugfs simply has no test file.
 */
int kcrypto_testif_init(struct dentry *dir);

/*
 * Remove the file, waiting for a record in progress.  Call it before
 * removing @dir.
 */
void kcrypto_testif_exit(void);

#endif /* _KCRYPTO_TESTIF_H */
