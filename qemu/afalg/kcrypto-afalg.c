// SPDX-License-Identifier: GPL-2.0
/*
 * kcrypto-afalg: a userspace AF_ALG client for kcrypto's crypto API
 * drivers (crypto_api/, kcrypto-crypto.ko).  The QEMU matrix scenario
 * crypto-api runs it in the guest (qemu/guest/crypto-api.sh); the host
 * builds it for the guest arch (scripts/matrix/guestbin.py).
 *
 * Usage: kcrypto-afalg [-g] [-q] FILE.ktv...
 *   -g  test the kernel's own drivers (chacha20-lib or chacha20-generic and
 *       their rfc7539 template instances) instead of the *-kcrypto ones
 *   -q  print only the FAIL lines and the summary
 *
 * Every driver is bound by its driver name.  From the KTV records
 * (scripts/vectors-to-ktv):
 *   op=chacha20poly1305, 12-byte nonce: rfc7539 encrypt and decrypt
 *     (expect=invalid: decryption fails with EBADMSG), the same through
 *     rfc7539esp (salt = nonce[0..3] after the key, IV = nonce[4..11] after
 *     the AAD, assoclen counting the IV) and, valid ones, chacha20 from block
 *     1 (the AEAD's ciphertext); other nonce sizes: the IV is refused (EINVAL);
 *   op=xchacha20poly1305, valid, 24-byte nonce: xchacha20 from block 1;
 *   op=chacha20: the skcipher with that counter.
 * Plus RFC 8439 2.4.2 (chacha20), and bad input: key, IV and tag sizes, no
 * key, rfc7539esp assoclen below 8, ciphertext shorter than the tag.  Each
 * bad-input case runs on the tested driver and on the kernel's own, and
 * requires the documented error from both, the same one.
 *
 * One line per case, "AFALG <driver> <case> PASS|FAIL <detail>", and
 * "AFALG-SUMMARY ..."; exit status 1 on any FAIL or if nothing ran.
 *
 * Raw AF_ALG system calls; kcrypto-kcapi.c runs the same records through
 * libkcapi.  The KTV parser, the driver table, the options and the counts
 * are shared with it (ktv.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <linux/if_alg.h>

#include "ktv.h"

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MAX_IV		64

/* --- AF_ALG ------------------------------------------------------------- */

/* A transform socket bound to driver @name, or -errno. */
static int alg_tfm(const char *type, const char *name)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG };
	int fd;

	if (strlen(name) >= sizeof(sa.salg_name))
		return -ENAMETOOLONG;
	snprintf((char *)sa.salg_type, sizeof(sa.salg_type), "%s", type);
	snprintf((char *)sa.salg_name, sizeof(sa.salg_name), "%s", name);
	fd = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

static int alg_setkey(int tfm, const unsigned char *key, size_t len)
{
	return setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, len) ? -errno : 0;
}

static int alg_setauthsize(int tfm, unsigned int n)
{
	return setsockopt(tfm, SOL_ALG, ALG_SET_AEAD_AUTHSIZE, NULL, n) ? -errno : 0;
}

struct op {
	int enc;
	const unsigned char *iv;
	size_t ivlen;
	int aead;
	size_t assoclen;
	const unsigned char *in;
	size_t inlen;
	unsigned char *out;
	size_t outcap;		/* > 0, or the kernel is not even asked */
};

static void put_cmsg(struct cmsghdr *c, int type, const void *data, size_t len)
{
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(c), data, len);
}

/* One request on transform @tfm: bytes produced or -errno. */
static long alg_run(int tfm, const struct op *op)
{
	union {
		char buf[CMSG_SPACE(4) * 2 + CMSG_SPACE(sizeof(struct af_alg_iv) + MAX_IV)];
		struct cmsghdr align;
	} u;
	const struct timeval timeout = { .tv_sec = 20 };
	unsigned char ivbuf[sizeof(struct af_alg_iv) + MAX_IV];
	struct af_alg_iv *iv = (struct af_alg_iv *)ivbuf;
	struct iovec vec = { (void *)op->in, op->inlen };
	struct msghdr msg = { .msg_iov = &vec, .msg_iovlen = 1, .msg_control = u.buf };
	struct cmsghdr *c;
	unsigned int v;
	long ret;
	int fd;

	if (op->ivlen > MAX_IV)
		return -E2BIG;
	memset(&u, 0, sizeof(u));
	msg.msg_controllen = CMSG_SPACE(4) + (op->iv ? CMSG_SPACE(sizeof(*iv) + op->ivlen) : 0) +
			     (op->aead ? CMSG_SPACE(4) : 0);
	c = CMSG_FIRSTHDR(&msg);
	v = op->enc ? ALG_OP_ENCRYPT : ALG_OP_DECRYPT;
	put_cmsg(c, ALG_SET_OP, &v, 4);
	if (op->iv) {
		iv->ivlen = op->ivlen;
		memcpy(iv->iv, op->iv, op->ivlen);
		c = CMSG_NXTHDR(&msg, c);
		put_cmsg(c, ALG_SET_IV, iv, sizeof(*iv) + op->ivlen);
	}
	if (op->aead) {
		v = op->assoclen;
		c = CMSG_NXTHDR(&msg, c);
		put_cmsg(c, ALG_SET_AEAD_ASSOCLEN, &v, 4);
	}
	fd = accept(tfm, NULL, 0);
	if (fd < 0)
		return -errno;
	/* A request that never completes fails (EAGAIN) instead of hanging. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout)) ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout))) {
		ret = -errno;
		close(fd);
		return ret;
	}
	ret = sendmsg(fd, &msg, 0);
	if (ret >= 0 && (size_t)ret != op->inlen)
		ret = -EMSGSIZE;
	else if (ret >= 0)
		/*
		 * The data is all sent, so nothing to wait for: AF_ALG's
		 * recvmsg() runs requests while the buffer has room and would
		 * otherwise wait, with no timeout, for more input.  A request
		 * with no output (a tag alone) runs only if the buffer has room.
		 */
		ret = recv(fd, op->out, op->outcap, MSG_DONTWAIT);
	if (ret < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* --- checks ------------------------------------------------------------- */

/*
 * Run @op on a fresh transform of driver @d with @key; the request must
 * produce @want (@wantlen bytes) or, with @want NULL, fail with @werr.
 */
static void check(int di, const char *cname, const unsigned char *key, size_t keylen,
		  const struct op *op, const unsigned char *want, size_t wantlen, long werr)
{
	const struct ktv_drv *d = &ktv_drivers[di];
	long r;
	int tfm;

	tfm = alg_tfm(d->type, d->name);
	if (tfm < 0) {
		ktv_result(d->name, cname, 0, "bind: %s%s", ktv_errname(tfm),
			   tfm == -ENOENT ?
			   " (no such driver, or sysctl crypto.af_alg_restrict)" : "");
		return;
	}
	r = alg_setkey(tfm, key, keylen);
	if (r) {
		ktv_result(d->name, cname, 0, "setkey(%zu bytes): %s", keylen, ktv_errname(r));
		close(tfm);
		return;
	}
	r = alg_run(tfm, op);
	close(tfm);
	ktv_verdict(d->name, cname, r, op->out, want, wantlen, werr);
}

/* rfc7539 and rfc7539esp both ways, chacha20 from block 1. */
static void aead_record(const struct ktv_rec *r, const char *where)
{
	size_t cap = r->aadlen + r->msglen + r->ctlen + 8 + 2 * KTV_TAG_SIZE;
	unsigned char *out = ktv_alloc(cap), iv[16];
	struct ktv_aead_case c[KTV_AEAD_CASES];
	struct ktv_aead b;
	char cname[160];
	struct op op;
	int i, n;

	ktv_aead_bufs(r, &b);
	n = ktv_aead_cases(r, &b, c);
	for (i = 0; i < n; i++) {
		snprintf(cname, sizeof(cname), "%s:%s", where, c[i].name);
		op = (struct op){ .enc = c[i].enc, .iv = c[i].iv, .ivlen = c[i].ivlen, .aead = 1,
				  .assoclen = c[i].assoclen, .in = c[i].in, .inlen = c[i].inlen,
				  .out = out, .outcap = cap };
		check(c[i].di, cname, c[i].key, c[i].keylen, &op, c[i].want, c[i].wantlen,
		      -EBADMSG);
	}
	if (r->valid && r->msglen) {
		ktv_chacha_iv(iv, 1, r->nonce);
		snprintf(cname, sizeof(cname), "%s:chacha20-block1", where);
		op = (struct op){ .enc = 1, .iv = iv, .ivlen = 16, .in = r->msg,
				  .inlen = r->msglen, .out = out, .outcap = cap };
		check(KTV_CHACHA, cname, r->key, r->keylen, &op, r->ct, r->ctlen, 0);
	}
	free(out);
	ktv_aead_free(&b);
}

/* An IV of a size the driver does not have: AF_ALG refuses it (EINVAL). */
static void ivsize_record(const struct ktv_rec *r, const char *where)
{
	const int di = KTV_AEAD;
	unsigned char out[64];
	struct op op = { .enc = 0, .iv = r->nonce, .ivlen = r->noncelen, .aead = 1,
			 .in = r->tag, .inlen = r->taglen, .out = out, .outcap = sizeof(out) };
	char cname[160];

	snprintf(cname, sizeof(cname), "%s:ivsize-%zu", where, r->noncelen);
	if (r->valid) {
		ktv_result(ktv_drivers[di].name, cname, 0, "valid record, IV of %zu bytes, not %zu",
			   r->noncelen, ktv_drivers[di].ivsize);
		return;
	}
	check(di, cname, r->key, r->keylen, &op, NULL, 0, -EINVAL);
}

static void skcipher_record(int di, const struct ktv_rec *r, const unsigned char *iv,
			    const char *where, const char *what)
{
	unsigned char *out = ktv_alloc(r->msglen + 16);
	struct op op = { .enc = 1, .iv = iv, .ivlen = ktv_drivers[di].ivsize, .in = r->msg,
			 .inlen = r->msglen, .out = out, .outcap = r->msglen + 16 };
	char cname[160];

	snprintf(cname, sizeof(cname), "%s:%s", where, what);
	check(di, cname, r->key, r->keylen, &op, r->ct, r->ctlen, 0);
	free(out);
}

static const struct ktv_ops afalg_ops = {
	.aead = aead_record,
	.ivsize = ivsize_record,
	.skcipher = skcipher_record,
};

/* --- fixed vectors and bad input --------------------------------------- */

/* RFC 8439 2.4.2: key 00..1f, nonce 00000000 0000004a 00000000, counter 1. */
static const unsigned char rfc8439_ct[114] = {
	0x6e, 0x2e, 0x35, 0x9a, 0x25, 0x68, 0xf9, 0x80, 0x41, 0xba, 0x07, 0x28, 0xdd, 0x0d,
	0x69, 0x81, 0xe9, 0x7e, 0x7a, 0xec, 0x1d, 0x43, 0x60, 0xc2, 0x0a, 0x27, 0xaf, 0xcc,
	0xfd, 0x9f, 0xae, 0x0b, 0xf9, 0x1b, 0x65, 0xc5, 0x52, 0x47, 0x33, 0xab, 0x8f, 0x59,
	0x3d, 0xab, 0xcd, 0x62, 0xb3, 0x57, 0x16, 0x39, 0xd6, 0x24, 0xe6, 0x51, 0x52, 0xab,
	0x8f, 0x53, 0x0c, 0x35, 0x9f, 0x08, 0x61, 0xd8, 0x07, 0xca, 0x0d, 0xbf, 0x50, 0x0d,
	0x6a, 0x61, 0x56, 0xa3, 0x8e, 0x08, 0x8a, 0x22, 0xb6, 0x5e, 0x52, 0xbc, 0x51, 0x4d,
	0x16, 0xcc, 0xf8, 0x06, 0x81, 0x8c, 0xe9, 0x1a, 0xb7, 0x79, 0x37, 0x36, 0x5a, 0xf9,
	0x0b, 0xbf, 0x74, 0xa3, 0x5b, 0xe6, 0xb4, 0x0b, 0x8e, 0xed, 0xf2, 0x78, 0x5e, 0x42,
	0x87, 0x4d,
};

static void rfc8439_chacha20(void)
{
	static const char pt1[] = "Ladies and Gentlemen of the class of '99: If I could ";
	static const char pt2[] = "offer you only one tip for the future, sunscreen would be it.";
	unsigned char key[32], iv[16] = { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x4a };
	unsigned char out[sizeof(rfc8439_ct)];
	char pt[sizeof(pt1) + sizeof(pt2)];
	struct op op = { .enc = 1, .iv = iv, .ivlen = 16, .in = (const unsigned char *)pt,
			 .out = out, .outcap = sizeof(out) };
	int i;

	op.inlen = snprintf(pt, sizeof(pt), "%s%s", pt1, pt2);
	for (i = 0; i < 32; i++)
		key[i] = i;
	check(KTV_CHACHA, "rfc8439-2.4.2", key, 32, &op, rfc8439_ct, sizeof(rfc8439_ct), 0);
}

/*
 * A bad-input case: fn() on a transform of driver @name returns 0 or
 * -errno; the result must be one of want[] (0 terminates the list unless
 * it is the first entry) and the same as the kernel's own driver's.
 */
struct bad {
	const char *name;
	int drv;
	long (*fn)(const struct ktv_drv *d, const char *name, long arg);
	long arg;
	long want[2];
};

static const unsigned char zeros[256];

static long tfm_keyed(const struct ktv_drv *d, const char *name, size_t keylen)
{
	int tfm = alg_tfm(d->type, name);
	long r;

	if (tfm < 0)
		return tfm;
	r = alg_setkey(tfm, zeros, keylen);
	if (r) {
		close(tfm);
		return r;
	}
	return tfm;
}

/* setkey with @arg bytes. */
static long bad_key(const struct ktv_drv *d, const char *name, long arg)
{
	long tfm = tfm_keyed(d, name, arg);

	if (tfm < 0)
		return tfm;
	close(tfm);
	return 0;
}

/* ALG_SET_AEAD_AUTHSIZE @arg. */
static long bad_authsize(const struct ktv_drv *d, const char *name, long arg)
{
	long tfm = alg_tfm(d->type, name), r;

	if (tfm < 0)
		return tfm;
	r = alg_setauthsize(tfm, arg);
	close(tfm);
	return r;
}

/* A request without a key: AF_ALG accepts, then sendmsg() says ENOKEY. */
static long bad_nokey(const struct ktv_drv *d, const char *name, long arg)
{
	long tfm = alg_tfm(d->type, name), r;
	unsigned char out[64];
	struct op op = { .enc = 1, .iv = zeros, .ivlen = d->ivsize,
			 .aead = !strcmp(d->type, "aead"), .assoclen = arg, .in = zeros,
			 .inlen = 16, .out = out, .outcap = sizeof(out) };

	if (tfm < 0)
		return tfm;
	r = alg_run(tfm, &op);
	close(tfm);
	return r < 0 ? r : 0;
}

/* Encrypt 16 bytes with an IV of @arg bytes. */
static long bad_ivsize(const struct ktv_drv *d, const char *name, long arg)
{
	long tfm = tfm_keyed(d, name, d->keysize), r;
	unsigned char out[64];
	struct op op = { .enc = 1, .iv = zeros, .ivlen = arg, .aead = !strcmp(d->type, "aead"),
			 .in = zeros, .inlen = 16, .out = out, .outcap = sizeof(out) };

	if (tfm < 0)
		return tfm;
	r = alg_run(tfm, &op);
	close(tfm);
	return r < 0 ? r : 0;
}

/*
 * AEAD request: @arg = assoclen * 1000 + data length (AAD included),
 * negative for decryption.
 */
static long bad_request(const struct ktv_drv *d, const char *name, long arg)
{
	long tfm = tfm_keyed(d, name, d->keysize), r;
	unsigned char out[256];
	long a = arg < 0 ? -arg : arg;
	struct op op = { .enc = arg > 0, .iv = zeros, .ivlen = d->ivsize, .aead = 1,
			 .assoclen = a / 1000, .in = zeros, .inlen = a % 1000, .out = out,
			 .outcap = sizeof(out) };

	if (tfm < 0)
		return tfm;
	r = alg_run(tfm, &op);
	close(tfm);
	return r < 0 ? r : 0;
}

static const struct bad bad_cases[] = {
	{ "key-32", KTV_AEAD, bad_key, 32, { 0 } },
	{ "key-31", KTV_AEAD, bad_key, 31, { -EINVAL } },
	{ "key-33", KTV_AEAD, bad_key, 33, { -EINVAL } },
	{ "key-0", KTV_AEAD, bad_key, 0, { -EINVAL } },
	{ "key-36", KTV_ESP, bad_key, 36, { 0 } },
	{ "key-32", KTV_ESP, bad_key, 32, { -EINVAL } },
	{ "key-35", KTV_ESP, bad_key, 35, { -EINVAL } },
	{ "key-16", KTV_CHACHA, bad_key, 16, { -EINVAL } },
	{ "key-31", KTV_CHACHA, bad_key, 31, { -EINVAL } },
	{ "key-16", KTV_XCHACHA, bad_key, 16, { -EINVAL } },
	{ "key-33", KTV_XCHACHA, bad_key, 33, { -EINVAL } },
	{ "authsize-16", KTV_AEAD, bad_authsize, 16, { 0 } },
	{ "authsize-0", KTV_AEAD, bad_authsize, 0, { -EINVAL } },
	{ "authsize-8", KTV_AEAD, bad_authsize, 8, { -EINVAL } },
	{ "authsize-12", KTV_AEAD, bad_authsize, 12, { -EINVAL } },
	{ "authsize-15", KTV_AEAD, bad_authsize, 15, { -EINVAL } },
	{ "authsize-17", KTV_AEAD, bad_authsize, 17, { -EINVAL } },
	{ "authsize-8", KTV_ESP, bad_authsize, 8, { -EINVAL } },
	{ "nokey", KTV_AEAD, bad_nokey, 0, { -ENOKEY } },
	{ "nokey", KTV_ESP, bad_nokey, 8, { -ENOKEY } },
	{ "nokey", KTV_CHACHA, bad_nokey, 0, { -ENOKEY } },
	{ "nokey", KTV_XCHACHA, bad_nokey, 0, { -ENOKEY } },
	{ "iv-12", KTV_AEAD, bad_ivsize, 12, { 0 } },
	{ "iv-8", KTV_AEAD, bad_ivsize, 8, { -EINVAL } },
	{ "iv-16", KTV_AEAD, bad_ivsize, 16, { -EINVAL } },
	{ "iv-12", KTV_ESP, bad_ivsize, 12, { -EINVAL } },
	{ "iv-12", KTV_CHACHA, bad_ivsize, 12, { -EINVAL } },
	{ "iv-24", KTV_XCHACHA, bad_ivsize, 24, { -EINVAL } },
	{ "esp-assoclen-8-encrypt", KTV_ESP, bad_request, 8 * 1000 + 24, { 0 } },
	{ "esp-assoclen-4-encrypt", KTV_ESP, bad_request, 4 * 1000 + 24, { -EINVAL } },
	{ "esp-assoclen-0-encrypt", KTV_ESP, bad_request, 0 * 1000 + 24, { -EINVAL } },
	{ "esp-assoclen-7-decrypt", KTV_ESP, bad_request, -(7 * 1000 + 7 + 16), { -EINVAL } },
	{ "ct-15-shorter-than-tag", KTV_AEAD, bad_request, -15, { -EINVAL, -EBADMSG } },
	{ "ct-0-no-tag", KTV_AEAD, bad_request, -(4 * 1000 + 4), { -EINVAL, -EBADMSG } },
	{ "ct-tag-only-wrong", KTV_AEAD, bad_request, -16, { -EBADMSG } },
	{ "esp-ct-15-shorter-than-tag", KTV_ESP, bad_request, -(8 * 1000 + 8 + 15),
	  { -EINVAL, -EBADMSG } },
};

static void bad_input(void)
{
	const struct bad *b;
	char cname[96];
	long got, ref;

	for (b = bad_cases; b < bad_cases + ARRAY_SIZE(bad_cases); b++) {
		const struct ktv_drv *d = &ktv_drivers[b->drv];

		snprintf(cname, sizeof(cname), "bad:%s", b->name);
		if (!d->ref) {
			ktv_result(d->name, cname, 0,
				   "no driver of the kernel's own bound (%s, %s)",
				   d->own[0], d->own[1]);
			continue;
		}
		got = b->fn(d, d->name, b->arg);
		ref = b->fn(d, d->ref, b->arg);
		if (got != ref)
			ktv_result(d->name, cname, 0, "%s, but %s gives %s",
				   ktv_errname(got), d->ref, ktv_errname(ref));
		else if (got != b->want[0] && (!b->want[1] || got != b->want[1]))
			ktv_result(d->name, cname, 0, "%s (as %s), expected %s",
				   ktv_errname(got), d->ref, ktv_errname(b->want[0]));
		else
			ktv_result(d->name, cname, 1, "%s, as %s", ktv_errname(got), d->ref);
	}
}

/* The kernel's own driver of each kind: the first candidate that binds. */
static void pick_drivers(int own)
{
	struct ktv_drv *d;
	int i, fd;

	for (d = ktv_drivers; d < ktv_drivers + KTV_DRIVERS; d++) {
		for (i = 0; i < 2 && !d->ref; i++) {
			fd = alg_tfm(d->type, d->own[i]);
			printf("AFALG-REF %s %s: %s\n", d->kcrypto, d->own[i],
			       fd < 0 ? ktv_errname(fd) : "bound");
			if (fd >= 0) {
				d->ref = d->own[i];
				close(fd);
			}
		}
		if (own)
			d->name = d->ref ? d->ref : d->own[0];
	}
}

int main(int argc, char **argv)
{
	int own, first, i;

	ktv_prefix = "AFALG";
	first = ktv_options(argc, argv, "kcrypto-afalg", &own);
	if (first < 0)
		return 2;
	for (i = 0; i < KTV_DRIVERS; i++)
		ktv_drivers[i].name = ktv_drivers[i].kcrypto;
	/* -g: the kernel's drivers first; else when bad input needs them. */
	if (own)
		pick_drivers(own);
	for (i = first; i < argc; i++)
		ktv_run_file(argv[i], &afalg_ops);
	rfc8439_chacha20();
	if (!own)
		pick_drivers(own);
	bad_input();
	return ktv_summary(own, argc - first);
}
