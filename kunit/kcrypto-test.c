// SPDX-License-Identifier: GPL-2.0
/*
 * kcrypto-test: the in-kernel test interface, /sys/kernel/debug/kcrypto/test
 * (Documentation/test-interface.md).  A client of kcrypto.ko like the
 * other test modules: built with them (Kbuild, KCRYPTO_TESTS=y), never
 * installed, and kcrypto.ko knows nothing of it.  It adds its file to
 * kcrypto's debugfs directory; its load fails when that directory is not
 * there (no debugfs, or kcrypto loaded without it).
 *
 * Each write() is one KTV record:
 *
 *	impl=<name> op=<op> <field>=<hex> ... expect=<valid|invalid|zero>
 *
 * The record is parsed and every field and length validated before any
 * crypto runs, so a malformed record changes nothing but the error
 * counter.  It then runs through the public API (kcrypto_chacha20() and
 * friends), so the dispatch path is what gets tested, with the
 * implementation the record names forced for the duration of the record:
 * impl=generic adds the op's primitives to force_generic, a variant name
 * pins that core of each bound arch module of the op.  Both are undone
 * with what the record found (an admin's impl= pin, another test's pin,
 * the force_generic mask), and only if nobody changed the setting while
 * the record ran (kcrypto_arch_restore(), kcrypto_force_generic_restore());
 * such a change is left in place and the record fails with EBUSY.  While
 * force_generic covers an op's primitive, impl=arch and variant records
 * of that op are refused (EBUSY): they would run generic code.
 *
 * Records are serialised by one mutex: the overrides are global, so two
 * records must never overlap.  Hex fields are decoded in place in the
 * record buffer (a decoded value never outgrows its hex text), so a record
 * costs one allocation for its text plus one or two for outputs.
 */
#define pr_fmt(fmt) "kcrypto-test: " fmt

#include <linux/capability.h>
#include <linux/ctype.h>
#include <linux/dcache.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <kcrypto/bindings.h>
#include <kcrypto/chacha.h>
#include <kcrypto/chacha20poly1305.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/blake2s.h>
#include <kcrypto/x25519.h>

/*
 * Largest record, newline included, in MiB; a longer write() is malformed.
 * A ChaCha20 or AEAD record carries its message twice as hex (msg and ct,
 * 4 bytes per message byte), so 4 MiB holds messages of almost 1 MiB.
 * scripts/vectors-to-ktv reads this line and KTV_MAX_IMPL below, and
 * refuses to emit a record that could be longer.
 */
#define KTV_MAX_RECORD_MIB	4
#define KTV_MAX_RECORD		(KTV_MAX_RECORD_MIB << 20)
/* Longest impl= value accepted (variant names are short). */
#define KTV_MAX_IMPL		32

enum ktv_field {
	KTV_KEY,
	KTV_NONCE,
	KTV_COUNTER,
	KTV_MSG,
	KTV_AAD,
	KTV_CT,
	KTV_TAG,
	KTV_OUT,
	KTV_PRIV,
	KTV_PUB,
	KTV_SHARED,
	KTV_NR_FIELDS
};

static const char *const ktv_field_names[KTV_NR_FIELDS] = {
	[KTV_KEY] = "key",
	[KTV_NONCE] = "nonce",
	[KTV_COUNTER] = "counter",
	[KTV_MSG] = "msg",
	[KTV_AAD] = "aad",
	[KTV_CT] = "ct",
	[KTV_TAG] = "tag",
	[KTV_OUT] = "out",
	[KTV_PRIV] = "priv",
	[KTV_PUB] = "pub",
	[KTV_SHARED] = "shared",
};

enum ktv_opcode {
	KTV_OP_CHACHA20,
	KTV_OP_POLY1305,
	KTV_OP_BLAKE2S,
	KTV_OP_AEAD,
	KTV_OP_XAEAD,
	KTV_OP_X25519,
};

enum ktv_expect {
	KTV_VALID,
	KTV_INVALID,
	KTV_ZERO,
};

struct ktv_op {
	const char *name;
	enum ktv_opcode code;
	u32 fields;		/* exactly these fields, BIT(enum ktv_field) */
	u32 prims;		/* primitives it runs, BIT(enum kcrypto_prim) */
};

static const struct ktv_op ktv_ops[] = {
	{ "chacha20", KTV_OP_CHACHA20,
	  BIT(KTV_KEY) | BIT(KTV_NONCE) | BIT(KTV_COUNTER) | BIT(KTV_MSG) |
	  BIT(KTV_CT), BIT(KCRYPTO_CHACHA) },
	{ "poly1305", KTV_OP_POLY1305,
	  BIT(KTV_KEY) | BIT(KTV_MSG) | BIT(KTV_TAG), BIT(KCRYPTO_POLY1305) },
	{ "blake2s", KTV_OP_BLAKE2S,
	  BIT(KTV_KEY) | BIT(KTV_MSG) | BIT(KTV_OUT), BIT(KCRYPTO_BLAKE2S) },
	{ "chacha20poly1305", KTV_OP_AEAD,
	  BIT(KTV_KEY) | BIT(KTV_NONCE) | BIT(KTV_AAD) | BIT(KTV_MSG) |
	  BIT(KTV_CT) | BIT(KTV_TAG),
	  BIT(KCRYPTO_CHACHA) | BIT(KCRYPTO_POLY1305) },
	{ "xchacha20poly1305", KTV_OP_XAEAD,
	  BIT(KTV_KEY) | BIT(KTV_NONCE) | BIT(KTV_AAD) | BIT(KTV_MSG) |
	  BIT(KTV_CT) | BIT(KTV_TAG),
	  BIT(KCRYPTO_CHACHA) | BIT(KCRYPTO_POLY1305) },
	{ "x25519", KTV_OP_X25519,
	  BIT(KTV_PRIV) | BIT(KTV_PUB) | BIT(KTV_SHARED), BIT(KCRYPTO_X25519) },
};

struct ktv_val {
	u8 *p;			/* hex text, then the decoded bytes in place */
	size_t len;		/* hex characters, then bytes */
};

struct ktv_record {
	u64 seq;
	const struct ktv_op *op;
	const char *impl;
	enum ktv_expect expect;
	u32 counter;
	u32 seen;		/* BIT(enum ktv_field) present */
	bool have_impl, have_op, have_expect;
	bool bad_nonce;		/* AEAD nonce of the wrong length */
	struct ktv_val f[KTV_NR_FIELDS];
};

/* The implementation a record runs on, and what it found before. */
struct ktv_impl {
	const struct kcrypto_arch_desc *desc[KCRYPTO_NR_PRIMS];
	struct kcrypto_arch_saved saved[KCRYPTO_NR_PRIMS];
	unsigned int nr_desc;
	bool have_force;	/* @force holds the force_generic mask found */
	struct kcrypto_force_saved force;
};

static DEFINE_MUTEX(ktv_lock);	/* one record at a time; the counters */
static u64 ktv_passed, ktv_failed, ktv_errors, ktv_seq;
static struct dentry *ktv_dir, *ktv_file;

#define ktv_reason(rec, fmt, ...)					\
	pr_info_ratelimited("record %llu: " fmt "\n", (rec)->seq, ##__VA_ARGS__)

static int ktv_hex_decode(struct ktv_val *v)
{
	size_t i;

	if (v->len & 1)
		return -EINVAL;
	/* In place: byte i is written after hex characters 2i, 2i+1 are read. */
	for (i = 0; i < v->len / 2; i++) {
		int hi = hex_to_bin(v->p[2 * i]);
		int lo = hex_to_bin(v->p[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		v->p[i] = (hi << 4) | lo;
	}
	v->len /= 2;
	return 0;
}

static int ktv_parse_token(struct ktv_record *rec, char *tok)
{
	char *val = strchr(tok, '=');
	unsigned int i;

	if (!val) {
		ktv_reason(rec, "token '%.32s' is not name=value", tok);
		return -EINVAL;
	}
	*val++ = '\0';

	if (!strcmp(tok, "impl")) {
		if (rec->have_impl)
			goto dup;
		rec->have_impl = true;
		if (!*val || strlen(val) > KTV_MAX_IMPL) {
			ktv_reason(rec, "impl: empty or longer than %d", KTV_MAX_IMPL);
			return -EINVAL;
		}
		rec->impl = val;
		return 0;
	}
	if (!strcmp(tok, "op")) {
		if (rec->have_op)
			goto dup;
		rec->have_op = true;
		for (i = 0; i < ARRAY_SIZE(ktv_ops); i++)
			if (!strcmp(val, ktv_ops[i].name))
				rec->op = &ktv_ops[i];
		if (!rec->op) {
			ktv_reason(rec, "unknown op '%.32s'", val);
			return -EINVAL;
		}
		return 0;
	}
	if (!strcmp(tok, "expect")) {
		if (rec->have_expect)
			goto dup;
		rec->have_expect = true;
		if (!strcmp(val, "valid")) {
			rec->expect = KTV_VALID;
		} else if (!strcmp(val, "invalid")) {
			rec->expect = KTV_INVALID;
		} else if (!strcmp(val, "zero")) {
			rec->expect = KTV_ZERO;
		} else {
			ktv_reason(rec, "unknown expect '%.32s'", val);
			return -EINVAL;
		}
		return 0;
	}
	for (i = 0; i < KTV_NR_FIELDS; i++) {
		if (strcmp(tok, ktv_field_names[i]))
			continue;
		if (rec->seen & BIT(i))
			goto dup;
		rec->seen |= BIT(i);
		rec->f[i].p = val;
		rec->f[i].len = strlen(val);
		return 0;
	}
	ktv_reason(rec, "unknown field '%.32s'", tok);
	return -EINVAL;
dup:
	ktv_reason(rec, "duplicate field '%s'", tok);
	return -EINVAL;
}

/* Split @buf (NUL-terminated, trailing newline removed) into @rec. */
static int ktv_parse(struct ktv_record *rec, char *buf)
{
	char *tok;
	int err;

	while ((tok = strsep(&buf, " \t\r"))) {
		if (!*tok)
			continue;	/* runs of blanks */
		err = ktv_parse_token(rec, tok);
		if (err)
			return err;
	}
	if (!rec->have_impl || !rec->have_op || !rec->have_expect) {
		ktv_reason(rec, "missing %s", !rec->have_op ? "op" :
			   !rec->have_impl ? "impl" : "expect");
		return -EINVAL;
	}
	return 0;
}

/* A decoded field must be @min..@max bytes long. */
static int ktv_len(struct ktv_record *rec, enum ktv_field field, size_t min,
		   size_t max)
{
	size_t n = rec->f[field].len;

	if (n >= min && n <= max)
		return 0;
	ktv_reason(rec, "op %s: field '%s': bad length %zu", rec->op->name,
		   ktv_field_names[field], n);
	return -EINVAL;
}

/* Field set, hex, lengths and expect of a parsed record. */
static int ktv_validate(struct ktv_record *rec)
{
	const struct ktv_op *op = rec->op;
	unsigned int i;

	for (i = 0; i < KTV_NR_FIELDS; i++) {
		if ((rec->seen & BIT(i)) && !(op->fields & BIT(i))) {
			ktv_reason(rec, "field '%s' not valid for op %s",
				   ktv_field_names[i], op->name);
			return -EINVAL;
		}
		if (!(rec->seen & BIT(i)) && (op->fields & BIT(i))) {
			ktv_reason(rec, "op %s: missing field '%s'", op->name,
				   ktv_field_names[i]);
			return -EINVAL;
		}
		if (!(rec->seen & BIT(i)) || i == KTV_COUNTER)
			continue;
		if (ktv_hex_decode(&rec->f[i])) {
			ktv_reason(rec, "field '%s': odd length or not hex",
				   ktv_field_names[i]);
			return -EINVAL;
		}
	}

	if (rec->expect == KTV_ZERO && op->code != KTV_OP_X25519) {
		ktv_reason(rec, "expect=zero is only for op x25519");
		return -EINVAL;
	}

	switch (op->code) {
	case KTV_OP_CHACHA20:
		if (kstrtou32(rec->f[KTV_COUNTER].p, 10, &rec->counter)) {
			ktv_reason(rec, "counter: not a decimal u32");
			return -EINVAL;
		}
		return ktv_len(rec, KTV_KEY, KCRYPTO_CHACHA_KEY_SIZE, KCRYPTO_CHACHA_KEY_SIZE) ?:
		       ktv_len(rec, KTV_NONCE, KCRYPTO_CHACHA_NONCE_SIZE,
			       KCRYPTO_CHACHA_NONCE_SIZE) ?:
		       ktv_len(rec, KTV_CT, rec->f[KTV_MSG].len, rec->f[KTV_MSG].len);
	case KTV_OP_POLY1305:
		return ktv_len(rec, KTV_KEY, KCRYPTO_POLY1305_KEY_SIZE,
			       KCRYPTO_POLY1305_KEY_SIZE) ?:
		       ktv_len(rec, KTV_TAG, KCRYPTO_POLY1305_MAC_SIZE,
			       KCRYPTO_POLY1305_MAC_SIZE);
	case KTV_OP_BLAKE2S:
		return ktv_len(rec, KTV_KEY, 0, KCRYPTO_BLAKE2S_KEY_SIZE) ?:
		       ktv_len(rec, KTV_OUT, 1, KCRYPTO_BLAKE2S_HASH_SIZE);
	case KTV_OP_AEAD:
	case KTV_OP_XAEAD:
		/*
		 * Wycheproof's odd IV sizes (their ct and tag may be empty):
		 * the interface refuses the nonce before any crypto runs,
		 * which ktv_run() scores against expect=.
		 */
		if (rec->f[KTV_NONCE].len != (op->code == KTV_OP_AEAD ?
					       KCRYPTO_AEAD_NONCE_SIZE :
					       KCRYPTO_XAEAD_NONCE_SIZE)) {
			rec->bad_nonce = true;
			return 0;
		}
		return ktv_len(rec, KTV_KEY, KCRYPTO_AEAD_KEY_SIZE, KCRYPTO_AEAD_KEY_SIZE) ?:
		       ktv_len(rec, KTV_TAG, KCRYPTO_AEAD_TAG_SIZE, KCRYPTO_AEAD_TAG_SIZE) ?:
		       ktv_len(rec, KTV_CT, rec->f[KTV_MSG].len, rec->f[KTV_MSG].len);
	case KTV_OP_X25519:
		return ktv_len(rec, KTV_PRIV, KCRYPTO_X25519_KEY_SIZE,
			       KCRYPTO_X25519_KEY_SIZE) ?:
		       ktv_len(rec, KTV_PUB, KCRYPTO_X25519_KEY_SIZE,
			       KCRYPTO_X25519_KEY_SIZE) ?:
		       ktv_len(rec, KTV_SHARED, KCRYPTO_X25519_KEY_SIZE,
			       KCRYPTO_X25519_KEY_SIZE);
	}
	return 0;
}

/* "chacha,poly1305": the primitives of @mask, for messages. */
static const char *ktv_prims(u32 mask, char *buf, size_t size)
{
	unsigned int p;
	size_t n = 0;

	buf[0] = '\0';
	for (p = 0; p < KCRYPTO_NR_PRIMS; p++)
		if (mask & BIT(p))
			n += scnprintf(buf + n, size - n, "%s%s", n ? "," : "",
				       kcrypto_prim_names[p]);
	return buf;
}

/*
 * Undo ktv_impl_enter(): put back what the record found, unless someone
 * changed a setting while it ran (that change stands).  Returns false
 * when someone did: the record did not run on @rec->impl throughout.
 */
static bool ktv_impl_exit(struct ktv_record *rec, struct ktv_impl *impl)
{
	bool ok = true;
	unsigned int i;

	for (i = 0; i < impl->nr_desc; i++) {
		if (!kcrypto_arch_restore(impl->desc[i], &impl->saved[i])) {
			ktv_reason(rec, "%s: impl changed while the record ran, left as set",
				   impl->desc[i]->name);
			ok = false;
		}
		kcrypto_arch_put(impl->desc[i]);
	}
	impl->nr_desc = 0;
	if (impl->have_force && !kcrypto_force_generic_restore(&impl->force)) {
		ktv_reason(rec, "force_generic changed while the record ran, left as set");
		ok = false;
	}
	impl->have_force = false;
	return ok;
}

static int ktv_variant_index(const struct kcrypto_arch_desc *desc,
			     const char *name)
{
	unsigned int i;

	for (i = 0; kcrypto_arch_variant(desc, i); i++)
		if (!strcmp(kcrypto_arch_variant(desc, i), name))
			return i;
	return -ENOENT;
}

/*
 * Force the implementation @rec->impl for the primitives of @rec->op.
 * generic: add them to force_generic.  A variant name: pin it in each
 * bound arch module of those primitives that has it (AEAD: chacha and
 * poly1305); -ENODEV when none has it usable.  arch: nothing to force.
 * What was found is saved in @impl for ktv_impl_exit(), the force_generic
 * mask in every case, so that a change of it while the record runs is
 * seen.  While force_generic covers a primitive of the op, impl=arch and
 * variants are refused with -EBUSY: they would run generic code.
 */
static int ktv_impl_enter(struct ktv_record *rec, struct ktv_impl *impl)
{
	const bool generic = !strcmp(rec->impl, "generic");
	const struct kcrypto_arch_desc *desc;
	unsigned int p;
	char buf[64];
	int idx, err;
	u32 mask;

	memset(impl, 0, sizeof(*impl));
	kcrypto_force_generic_override(generic ? rec->op->prims : 0, &impl->force);
	impl->have_force = true;
	if (generic)
		return 0;
	mask = impl->force.mask & rec->op->prims;
	if (mask) {
		ktv_reason(rec, "impl %s: refused, force_generic is set for %s",
			   rec->impl, ktv_prims(mask, buf, sizeof(buf)));
		ktv_impl_exit(rec, impl);
		return -EBUSY;
	}
	if (!strcmp(rec->impl, "arch"))
		return 0;

	for (p = 0; p < KCRYPTO_NR_PRIMS; p++) {
		if (!(rec->op->prims & BIT(p)))
			continue;
		desc = kcrypto_arch_get(p);
		if (!desc)
			continue;
		idx = ktv_variant_index(desc, rec->impl);
		if (idx < 0 || !kcrypto_arch_usable(desc, idx)) {
			kcrypto_arch_put(desc);
			continue;
		}
		err = kcrypto_arch_override(desc, idx, &impl->saved[impl->nr_desc]);
		if (err) {
			ktv_reason(rec, "impl %s: %s refused it (%d)", rec->impl,
				   desc->name, err);
			kcrypto_arch_put(desc);
			ktv_impl_exit(rec, impl);
			return -ENODEV;
		}
		impl->desc[impl->nr_desc++] = desc;
	}
	if (!impl->nr_desc) {
		ktv_reason(rec, "impl %s: no usable variant of that name for op %s",
			   rec->impl, rec->op->name);
		ktv_impl_exit(rec, impl);
		return -ENODEV;
	}
	return 0;
}

static bool ktv_all_zero(const u8 *p, size_t len)
{
	while (len--)
		if (*p++)
			return false;
	return true;
}

/* kvmalloc() that tolerates 0 (empty messages are legal). */
static u8 *ktv_alloc(size_t len)
{
	return kvmalloc(max_t(size_t, len, 1), GFP_KERNEL);
}

/*
 * Run a validated record.  Returns 1 when it met its expectation, 0 when
 * not (*@field says what), or -errno.  @match collects whether every
 * output equalled the record; a broken API contract (no wipe after a
 * failed decrypt, a true return for an all-zero secret) fails the record
 * whatever it expected.  An invalid AEAD record passes only when decrypt
 * returns false: a forgery it accepted fails whatever it decrypted to.
 */
static int ktv_run(struct ktv_record *rec, const char **field)
{
	const bool aead = rec->op->code == KTV_OP_AEAD;
	struct ktv_val *f = rec->f;
	size_t mlen = f[KTV_MSG].len;
	u8 tmp[KCRYPTO_X25519_KEY_SIZE];
	u8 *out = NULL, *in = NULL;
	bool match = true, ret;
	int res;

	*field = NULL;
	switch (rec->op->code) {
	case KTV_OP_CHACHA20:
		out = ktv_alloc(mlen);
		if (!out)
			return -ENOMEM;
		kcrypto_chacha20(out, f[KTV_MSG].p, mlen, f[KTV_KEY].p,
				 f[KTV_NONCE].p, rec->counter);
		if (memcmp(out, f[KTV_CT].p, mlen)) {
			match = false;
			*field = "ct";
			break;
		}
		/* And back, in place. */
		kcrypto_chacha20(out, out, mlen, f[KTV_KEY].p, f[KTV_NONCE].p,
				 rec->counter);
		if (memcmp(out, f[KTV_MSG].p, mlen)) {
			match = false;
			*field = "msg";
		}
		break;

	case KTV_OP_POLY1305:
		kcrypto_poly1305(tmp, f[KTV_MSG].p, mlen, f[KTV_KEY].p);
		if (memcmp(tmp, f[KTV_TAG].p, KCRYPTO_POLY1305_MAC_SIZE)) {
			match = false;
			*field = "tag";
		}
		break;

	case KTV_OP_BLAKE2S:
		if (kcrypto_blake2s(tmp, f[KTV_OUT].len, f[KTV_MSG].p, mlen,
				    f[KTV_KEY].p, f[KTV_KEY].len)) {
			match = false;
			*field = "return value";
		} else if (memcmp(tmp, f[KTV_OUT].p, f[KTV_OUT].len)) {
			match = false;
			*field = "out";
		}
		break;

	case KTV_OP_AEAD:
	case KTV_OP_XAEAD:
		out = ktv_alloc(mlen + KCRYPTO_AEAD_TAG_SIZE);
		in = ktv_alloc(mlen + KCRYPTO_AEAD_TAG_SIZE);
		if (!out || !in) {
			kvfree(in);
			kvfree(out);
			return -ENOMEM;
		}
		if (rec->expect == KTV_VALID) {
			if (aead)
				kcrypto_chacha20poly1305_encrypt(out, f[KTV_MSG].p, mlen,
								 f[KTV_AAD].p, f[KTV_AAD].len,
								 f[KTV_NONCE].p, f[KTV_KEY].p);
			else
				kcrypto_xchacha20poly1305_encrypt(out, f[KTV_MSG].p, mlen,
								  f[KTV_AAD].p, f[KTV_AAD].len,
								  f[KTV_NONCE].p, f[KTV_KEY].p);
			if (memcmp(out, f[KTV_CT].p, mlen)) {
				match = false;
				*field = "ct";
				break;
			}
			if (memcmp(out + mlen, f[KTV_TAG].p, KCRYPTO_AEAD_TAG_SIZE)) {
				match = false;
				*field = "tag";
				break;
			}
		}
		memcpy(in, f[KTV_CT].p, mlen);
		memcpy(in + mlen, f[KTV_TAG].p, KCRYPTO_AEAD_TAG_SIZE);
		memset(out, 0xa5, mlen);
		if (aead)
			ret = kcrypto_chacha20poly1305_decrypt(out, in,
							       mlen + KCRYPTO_AEAD_TAG_SIZE,
							       f[KTV_AAD].p, f[KTV_AAD].len,
							       f[KTV_NONCE].p, f[KTV_KEY].p);
		else
			ret = kcrypto_xchacha20poly1305_decrypt(out, in,
								mlen + KCRYPTO_AEAD_TAG_SIZE,
								f[KTV_AAD].p, f[KTV_AAD].len,
								f[KTV_NONCE].p, f[KTV_KEY].p);
		if (!ret && !ktv_all_zero(out, mlen)) {
			*field = "msg (not wiped after a failed decrypt)";
			res = 0;
			goto out;
		}
		if (rec->expect == KTV_INVALID) {
			res = !ret;
			if (ret)
				*field = "return value (decrypt accepted it)";
			goto out;
		}
		if (!ret) {
			match = false;
			*field = "tag (decrypt refused)";
		} else if (memcmp(out, f[KTV_MSG].p, mlen)) {
			match = false;
			*field = "msg";
		}
		break;

	case KTV_OP_X25519:
		ret = kcrypto_x25519(tmp, f[KTV_PRIV].p, f[KTV_PUB].p);
		if (rec->expect == KTV_ZERO) {
			/* The API must say false and hand back zeros. */
			if (ret || !ktv_all_zero(tmp, sizeof(tmp))) {
				*field = "return value (all-zero secret not refused)";
				match = false;
			}
		} else if (!ret) {
			match = false;
			*field = "return value";
		} else if (memcmp(tmp, f[KTV_SHARED].p, KCRYPTO_X25519_KEY_SIZE)) {
			match = false;
			*field = "shared";
		}
		memzero_explicit(tmp, sizeof(tmp));
		break;
	}

	if (rec->expect == KTV_INVALID) {
		res = !match;
		if (match)
			*field = "all outputs matched (expected a difference)";
	} else {
		res = match;
	}
out:
	kvfree(in);
	kvfree(out);
	return res;
}

static int ktv_record(struct ktv_record *rec, char *buf, size_t len)
{
	struct ktv_impl impl;
	const char *field;
	int err, res;

	/* One trailing newline (echo adds it) is not part of the record. */
	if (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	if (strlen(buf) != len) {
		ktv_reason(rec, "NUL byte in record");
		return -EINVAL;
	}
	if (!strcmp(buf, "reset")) {
		ktv_passed = 0;
		ktv_failed = 0;
		ktv_errors = 0;
		ktv_seq = 0;
		return 0;
	}
	err = ktv_parse(rec, buf);
	if (!err)
		err = ktv_validate(rec);
	if (err)
		return err;

	if (rec->bad_nonce) {
		/* Refused before any crypto: right only for expect=invalid. */
		res = rec->expect == KTV_INVALID;
		field = "nonce length refused";
	} else {
		err = ktv_impl_enter(rec, &impl);
		if (err)
			return err;
		res = ktv_run(rec, &field);
		/*
		 * Someone changed an implementation setting while the record
		 * ran (left as they set it): it did not run on impl= alone,
		 * so it is not scored.
		 */
		if (!ktv_impl_exit(rec, &impl))
			return -EBUSY;
		if (res < 0)
			return res;
	}
	if (!res) {
		pr_info_ratelimited("record %llu: op=%s impl=%s expect=%s: %s\n",
				    rec->seq, rec->op->name, rec->impl,
				    rec->expect == KTV_VALID ? "valid" :
				    rec->expect == KTV_ZERO ? "zero" : "invalid",
				    field ? field : "mismatch");
		return -EBADMSG;
	}
	return 1;
}

static ssize_t ktv_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	struct ktv_record *rec;
	char *buf = NULL;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (mutex_lock_interruptible(&ktv_lock))
		return -EINTR;

	err = -ENOMEM;
	rec = kzalloc(sizeof(*rec), GFP_KERNEL);
	if (!rec)
		goto out;
	rec->seq = ++ktv_seq;
	if (!count || count > KTV_MAX_RECORD) {
		ktv_reason(rec, "length %zu not in 1..%d", count, KTV_MAX_RECORD);
		err = -EINVAL;
		goto out;
	}
	buf = kvmalloc(count + 1, GFP_KERNEL);
	if (!buf)
		goto out;
	if (copy_from_user(buf, ubuf, count)) {
		err = -EFAULT;
		goto out;
	}
	buf[count] = '\0';

	err = ktv_record(rec, buf, count);
	if (err > 0)
		ktv_passed++;
	else if (err == -EBADMSG)
		ktv_failed++;
out:
	if (err < 0 && err != -EBADMSG)
		ktv_errors++;
	mutex_unlock(&ktv_lock);
	/* The record text held keys, as hex and decoded in place. */
	kvfree_sensitive(buf, count + 1);
	kfree(rec);
	return err < 0 ? err : count;
}

static ssize_t ktv_read(struct file *file, char __user *ubuf, size_t count,
			loff_t *ppos)
{
	char buf[80];
	int len;

	if (mutex_lock_interruptible(&ktv_lock))
		return -EINTR;
	len = scnprintf(buf, sizeof(buf), "passed %llu failed %llu errors %llu\n",
			ktv_passed, ktv_failed, ktv_errors);
	mutex_unlock(&ktv_lock);
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static int ktv_open(struct inode *inode, struct file *file)
{
	/* 0600 already; also refuse a root-owned fd in a capless namespace. */
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	return nonseekable_open(inode, file);
}

static const struct file_operations ktv_fops = {
	.owner = THIS_MODULE,
	.open = ktv_open,
	.read = ktv_read,
	.write = ktv_write,
};

static int __init ktv_init(void)
{
	struct dentry *dir = debugfs_lookup("kcrypto", NULL);

	if (IS_ERR_OR_NULL(dir)) {
		pr_err("no /sys/kernel/debug/kcrypto: needs debugfs (CONFIG_DEBUG_FS, not debugfs=off) and kcrypto.ko loaded with its debugfs directory\n");
		return -ENODEV;
	}
	ktv_file = debugfs_create_file("test", 0600, dir, NULL, &ktv_fops);
	if (IS_ERR(ktv_file)) {
		pr_err("cannot create /sys/kernel/debug/kcrypto/test (%ld)\n",
		       PTR_ERR(ktv_file));
		dput(dir);
		return PTR_ERR(ktv_file);
	}
	ktv_dir = dir;	/* the lookup's reference, dropped at exit */
	return 0;
}
module_init(ktv_init);

static void __exit ktv_exit(void)
{
	/* Waits for a write() in progress (debugfs file proxy). */
	debugfs_remove(ktv_file);
	dput(ktv_dir);
}
module_exit(ktv_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcrypto test interface: KTV records through /sys/kernel/debug/kcrypto/test (test guests only)");
