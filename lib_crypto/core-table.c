// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The selection rules over a core table (include/kcrypto/cores.h), written
 * once for every primitive and shared by the kernel (lib_crypto/select.c,
 * kcrypto.ko's introspection) and the userspace harness (its "auto"
 * implementation runs what the kernel would pick).  Every arch module
 * links its own copy (Kbuild), so nothing here is exported.
 */
#include <kcrypto/env.h>
#include <kcrypto/cores.h>

/**
 * kcrypto_core_at() - the descriptor of entry @idx of a core table
 * @t: the table
 * @idx: index, best first
 *
 * Return: the entry's struct kcrypto_impl, or NULL when @idx is out of range.
 */
const struct kcrypto_impl *kcrypto_core_at(const struct kcrypto_core_table *t,
					   unsigned int idx)
{
	if (!t || idx >= t->count)
		return NULL;
	return (const struct kcrypto_impl *)((const char *)t->first +
					     idx * t->stride);
}

/**
 * kcrypto_core_usable() - can a CPU with @cpu features run core @idx?
 * @t: the table
 * @idx: index
 * @cpu: KCRYPTO_CPU_* bits present (after any cpu_mask)
 */
bool kcrypto_core_usable(const struct kcrypto_core_table *t, unsigned int idx,
			 u32 cpu)
{
	const struct kcrypto_impl *impl = kcrypto_core_at(t, idx);

	return impl && !(impl->features & ~cpu);
}

/**
 * kcrypto_core_best() - the core automatic selection picks
 * @t: the table, best first
 * @cpu: KCRYPTO_CPU_* bits present
 *
 * Return: the index of the first usable core that is not
 * KCRYPTO_IMPL_EXPERIMENTAL, or -1 when there is none (generic code runs).
 */
int kcrypto_core_best(const struct kcrypto_core_table *t, u32 cpu)
{
	unsigned int i;

	for (i = 0; t && i < t->count; i++)
		if (kcrypto_core_usable(t, i, cpu) &&
		    !(kcrypto_core_at(t, i)->flags & KCRYPTO_IMPL_EXPERIMENTAL))
			return i;
	return -1;
}

/**
 * kcrypto_core_find() - look a core up by name
 * @t: the table
 * @name: a core name
 *
 * Return: its index, or -1 when the table has no such core.
 */
int kcrypto_core_find(const struct kcrypto_core_table *t, const char *name)
{
	unsigned int i;

	for (i = 0; t && i < t->count; i++)
		if (!strcmp(kcrypto_core_at(t, i)->name, name))
			return i;
	return -1;
}

/**
 * kcrypto_core_index() - the index of a descriptor in its table
 * @t: the table
 * @impl: a descriptor from @t, or NULL
 *
 * Return: the index, or -1 for NULL.
 */
int kcrypto_core_index(const struct kcrypto_core_table *t,
		       const struct kcrypto_impl *impl)
{
	if (!t || !impl)
		return -1;
	return ((const char *)impl - (const char *)t->first) / t->stride;
}
